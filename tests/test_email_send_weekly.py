"""The weekly send through a real SMTP server (aiosmtpd on 127.0.0.1): once per subscriber, even after a crash."""

from __future__ import annotations

import email
import os
import signal
import sqlite3
import subprocess
import sys
from dataclasses import replace
from email import policy

import pytest

from conftest import REPO
from digest.send import RateLimit, send_weekly, weekly_key
from digest.subscribers import add_subscriber
from grantdigest.config import Config, DigestSettings, SmtpSettings
from grantdigest.errors import UserError
from grantdigest.loopback import free_port, smtp_server
from test_digest_fixtures import AS_OF, seed

SECRET = "weekly-secret-0123456789abcdef"

SUBSCRIBERS = [
    {"email": "lviv@hromada.example", "hromada": "Львівська МТГ", "oblast": "UA-46", "applicants": ["local_authority"]},
    {"email": "uzh@hromada.example", "hromada": "Ужгородська МТГ", "oblast": "UA-21", "applicants": ["business"]},
    {"email": "ngo@kyiv.example", "hromada": "ГО Київ", "oblast": "UA-30", "applicants": ["ngo"], "language": "en"},
    {"email": "vin@hromada.example", "hromada": "Вінницька МТГ", "oblast": "UA-05"},
    {"email": "quiet@hromada.example", "hromada": "Тиха громада", "oblast": "UA-09", "themes": ["veterans"],
     "applicants": ["individual"]},
    {"email": "off@hromada.example", "hromada": "Неактивна", "oblast": "UA-46", "active": 0},
]


class Handler:
    """Accepts every message (or refuses chosen recipients); can kill the sender on the N-th message."""

    def __init__(self):
        self.accepted: list[tuple[list[str], bytes]] = []
        self.refuse: set[str] = set()
        self.kill_pid: int | None = None
        self.kill_on: int | None = None   # kill the sender when this message (1-based) arrives
        self.seen = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.seen += 1
        if self.kill_on is not None and self.seen == self.kill_on and self.kill_pid:
            os.kill(self.kill_pid, signal.SIGKILL)  # the sender dies before it hears the answer
            return "451 4.3.0 not accepted"
        self.accepted.append((list(envelope.rcpt_tos), envelope.content))
        return "250 2.0.0 accepted"


@pytest.fixture
def smtp():
    handler = Handler()
    with smtp_server(handler) as controller:
        yield handler, controller.port


def config_for(tmp_path, port, **digest):
    return Config(db_path=tmp_path / "test.db", site_url="https://digest.example/",
                  smtp=SmtpSettings(host="127.0.0.1", port=port, sender="Дайджест <digest@digest.example>",
                                    rate_per_minute=0),
                  digest=DigestSettings(unsubscribe_secret=SECRET, **digest))


def subscribe_all(store, subscribers=SUBSCRIBERS):
    for row in subscribers:
        add_subscriber(store, row)


def parsed(handler):
    return {rcpt[0]: email.message_from_bytes(content, policy=policy.default) for rcpt, content in handler.accepted}


def test_weekly_send_to_several_subscribers_once(store, smtp, tmp_path):
    handler, port = smtp
    seed(store)
    subscribe_all(store)
    config = config_for(tmp_path, port)
    report = send_weekly(store, config, AS_OF)
    # the inactive subscriber gets nothing; the quiet one gets the short "nothing new" note
    assert sorted(report.sent) == sorted(s["email"] for s in SUBSCRIBERS if s.get("active", 1))
    assert not report.failed and all(len(rcpt) == 1 for rcpt, _ in handler.accepted)
    messages = parsed(handler)
    lviv = messages["lviv@hromada.example"].get_body(("plain",)).get_content()
    assert "Енергоефективність громад Львівщини" in lviv and "Interreg" not in lviv
    uzh = messages["uzh@hromada.example"].get_body(("plain",)).get_content()
    assert "Interreg" in uzh and "Енергоефективність" not in uzh
    kyiv = messages["ngo@kyiv.example"]
    assert kyiv["Content-Language"] == "en" and "Всеукраїнський конкурс" in kyiv.get_body(("plain",)).get_content()
    assert "нового немає" in messages["quiet@hromada.example"]["Subject"]
    for recipient, msg in messages.items():
        assert msg["To"].addresses[0].addr_spec == recipient
        assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click" and msg["List-ID"] and msg["Message-ID"]
        assert "Bcc" not in msg
    assert max(len(content) for _, content in handler.accepted) <= 80_000
    assert 2_000 < report.largest <= 80_000
    rows = list(store.deliveries(weekly_key("2025-W29")))
    assert sorted(r["recipient"] for r in rows) == sorted(report.sent) and {r["status"] for r in rows} == {"sent"}

    again = send_weekly(store, config, AS_OF)
    assert again.sent == [] and sorted(again.skipped) == sorted(report.sent)
    assert len(handler.accepted) == len(report.sent)


def test_empty_weeks_can_send_nothing(store, smtp, tmp_path):
    handler, port = smtp
    seed(store)
    subscribe_all(store, SUBSCRIBERS[4:5])
    report = send_weekly(store, config_for(tmp_path, port, empty_week="skip"), AS_OF)
    assert report.sent == [] and report.empty == ["quiet@hromada.example"] and handler.accepted == []


def test_a_refused_recipient_is_reported_and_sent_next_time(store, smtp, tmp_path):
    handler, port = smtp
    seed(store)
    subscribe_all(store, SUBSCRIBERS[:3])
    handler.refuse = {"uzh@hromada.example"}
    config = config_for(tmp_path, port)
    first = send_weekly(store, config, AS_OF)
    assert [r for r, _ in first.failed] == ["uzh@hromada.example"] and "550" in first.failed[0][1]
    assert len(first.sent) == 2
    handler.refuse = set()
    second = send_weekly(store, config, AS_OF)
    assert second.sent == ["uzh@hromada.example"] and len(second.skipped) == 2
    assert sorted(r[0] for r, _ in handler.accepted) == sorted(s["email"] for s in SUBSCRIBERS[:3])


def test_dry_run_writes_eml_and_records_nothing(store, smtp, tmp_path):
    handler, port = smtp
    seed(store)
    subscribe_all(store, SUBSCRIBERS[:2])
    report = send_weekly(store, config_for(tmp_path, port), AS_OF, dry_run_dir=tmp_path / "eml")
    assert sorted(p.name for p in report.written) == ["lviv@hromada.example.eml", "uzh@hromada.example.eml"]
    msg = email.message_from_bytes((tmp_path / "eml" / "lviv@hromada.example.eml").read_bytes(), policy=policy.default)
    assert "Енергоефективність" in msg.get_body(("plain",)).get_content()
    assert handler.accepted == [] and list(store.deliveries()) == []


def test_without_a_secret_nothing_is_sent(store, smtp, tmp_path):
    handler, port = smtp
    seed(store)
    subscribe_all(store, SUBSCRIBERS[:1])
    config = config_for(tmp_path, port)
    with pytest.raises(UserError, match="GRANTDIGEST_UNSUBSCRIBE_SECRET"):
        send_weekly(store, replace(config, digest=DigestSettings()), AS_OF)
    assert handler.accepted == []


def test_rate_limit_spaces_the_messages():
    now = [100.0]
    slept = []

    def sleep(seconds):
        slept.append(round(seconds, 3))
        now[0] += seconds

    limit = RateLimit(120, clock=lambda: now[0], sleep=sleep)
    for _ in range(4):
        limit.wait()
    assert slept == [0.5, 0.5, 0.5]
    unlimited = RateLimit(0, clock=lambda: now[0], sleep=sleep)
    unlimited.wait()
    unlimited.wait()
    assert len(slept) == 3


def _send_process(db, port, extra_env=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRANTDIGEST_")}
    env.update({"GRANTDIGEST_DB": str(db), "GRANTDIGEST_SMTP_HOST": "127.0.0.1", "GRANTDIGEST_SMTP_PORT": str(port),
                "GRANTDIGEST_SMTP_RATE": "0", "GRANTDIGEST_UNSUBSCRIBE_SECRET": SECRET,
                "GRANTDIGEST_SITE_URL": "https://digest.example/", **(extra_env or {})})
    return subprocess.Popen([sys.executable, "-m", "grantdigest", "digest", "send", "--as-of", AS_OF.isoformat()],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_crash_mid_send_then_rerun_sends_each_exactly_once(store, smtp, tmp_path):
    handler, port = smtp
    seed(store)
    many = [{"email": f"h{i}@hromada.example", "hromada": f"Громада {i}", "oblast": "UA-46"} for i in range(8)]
    subscribe_all(store, many)
    db = store.path
    store.close()

    handler.kill_on = 4  # the 4th message arrives: the sending process is killed (SIGKILL) mid-conversation
    process = _send_process(db, port)
    handler.kill_pid = process.pid
    process.wait(timeout=120)
    assert process.returncode == -signal.SIGKILL
    assert len(handler.accepted) == 3
    with sqlite3.connect(db) as conn:  # the log holds exactly what the server accepted
        logged = {r[0] for r in conn.execute("SELECT recipient FROM deliveries WHERE status = 'sent'")}
    assert logged == {rcpt[0] for rcpt, _ in handler.accepted}

    handler.kill_on = None
    rerun = _send_process(db, port)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert "Надіслано: 5, пропущено (вже надіслано): 3" in out
    recipients = [rcpt[0] for rcpt, _ in handler.accepted]
    assert sorted(recipients) == sorted(s["email"] for s in many)  # every subscriber exactly once
    ids = [email.message_from_bytes(c, policy=policy.default)["Message-ID"] for _, c in handler.accepted]
    assert len(set(ids)) == len(ids)

    third = _send_process(db, port)
    out, _ = third.communicate(timeout=120)
    assert third.returncode == 0 and "Надіслано: 0" in out and len(handler.accepted) == 8


def test_smtp_unreachable_is_a_clear_error(store, tmp_path):
    seed(store)
    subscribe_all(store, SUBSCRIBERS[:1])
    closed_port = free_port()
    with pytest.raises(UserError, match="не вдалося з'єднатися з SMTP 127.0.0.1"):
        send_weekly(store, config_for(tmp_path, closed_port), AS_OF)
    assert list(store.deliveries()) == []
