"""The one-click unsubscribe endpoint (RFC 8058), served for real by `grantdigest subscribers serve-unsubscribe`.

A weekly email is sent through aiosmtpd; its List-Unsubscribe URL points at the endpoint on 127.0.0.1.
A POST as a mail client sends it unsubscribes; a GET (a link scanner) does not; forged tokens are refused;
the next week's send skips the address.
"""

from __future__ import annotations

import datetime as dt
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import replace

import pytest

from conftest import REPO
from digest.send import send_weekly
from digest.unsubscribe import make_token
from grantdigest.loopback import free_port
from storage import Store
from test_digest_fixtures import AS_OF, seed
from test_email_send_weekly import SECRET, SUBSCRIBERS, config_for, parsed, smtp, subscribe_all  # noqa: F401


@pytest.fixture
def endpoint(tmp_path):
    port = free_port()
    db = tmp_path / "test.db"
    Store(db).close()
    env = {"PATH": "/usr/bin:/bin", "GRANTDIGEST_DB": str(db), "GRANTDIGEST_UNSUBSCRIBE_SECRET": SECRET}
    server = subprocess.Popen([sys.executable, "-m", "grantdigest", "subscribers", "serve-unsubscribe",
                               "--port", str(port)], cwd=REPO, env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            assert server.poll() is None, server.stderr.read()
            time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}/unsubscribe", db
    finally:
        server.terminate()
        server.wait(timeout=10)


def request(url: str, method: str = "GET", body: bytes | None = None) -> tuple[int, str]:
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=body, method=method, headers=headers),
                                    timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def active(db, email: str) -> bool:
    with Store(db) as store:
        return bool(store.subscriber(email)["active"])


def test_one_click_from_the_sent_header(endpoint, smtp):
    url, db = endpoint
    handler, port = smtp
    config = replace(config_for(db.parent, port, unsubscribe_url=url))
    with Store(db) as store:
        seed(store)
        subscribe_all(store)
        send_weekly(store, config, AS_OF)
    message = parsed(handler)["lviv@hromada.example"]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [link] = [uri for uri in re.findall(r"<([^>]+)>", message["List-Unsubscribe"]) if uri.startswith("http")]
    assert link.startswith(url + "?token=")

    status, page = request(link)  # a link scanner or a preview opens it: nothing happens
    assert status == 200 and 'method="post"' in page and "lviv@hromada.example" in page
    assert active(db, "lviv@hromada.example")

    status, page = request(link, "POST", b"List-Unsubscribe=One-Click")  # what the mail client sends
    assert status == 200 and "відписано" in page
    assert not active(db, "lviv@hromada.example")
    assert active(db, "uzh@hromada.example")  # nobody else
    assert request(link, "POST", b"List-Unsubscribe=One-Click")[0] == 200  # again: harmless

    handler.accepted.clear()
    with Store(db) as store:
        report = send_weekly(store, config, AS_OF + dt.timedelta(days=7))
    assert "lviv@hromada.example" not in report.sent and "uzh@hromada.example" in report.sent


def test_forged_missing_and_foreign_tokens_are_refused(endpoint):
    url, db = endpoint
    with Store(db) as store:
        subscribe_all(store, SUBSCRIBERS[:2])
        lviv, uzh = store.subscriber("lviv@hromada.example"), store.subscriber("uzh@hromada.example")
    forged = make_token("another-secret-0123456789abcdef", lviv["id"], lviv["email"])
    swapped = f"{uzh['id']}.{make_token(SECRET, lviv['id'], lviv['email']).split('.')[1]}"
    for token in (forged, swapped, "", "abc", "999.xyz"):
        status, page = request(f"{url}?token={token}", "POST", b"List-Unsubscribe=One-Click")
        assert status == 400 and "недійсне" in page
    assert active(db, "lviv@hromada.example") and active(db, "uzh@hromada.example")
    assert request(url.replace("/unsubscribe", "/admin"))[0] == 404
    assert request(f"{url}?token={forged}", "DELETE")[0] == 405


def test_the_confirmation_button_works_and_speaks_the_subscribers_language(endpoint):
    url, db = endpoint
    with Store(db) as store:
        subscribe_all(store, [SUBSCRIBERS[2]])  # language "en"
        row = store.subscriber("ngo@kyiv.example")
    token = make_token(SECRET, row["id"], row["email"])
    status, page = request(f"{url}?token={token}")
    assert status == 200 and 'lang="en"' in page and "Unsubscribe ngo@kyiv.example" in page
    status, page = request(f"{url}?token={token}", "POST", b"List-Unsubscribe=One-Click")
    assert status == 200 and "is unsubscribed" in page and not active(db, "ngo@kyiv.example")


def test_body_token_and_hostile_query(endpoint):
    url, db = endpoint
    with Store(db) as store:
        subscribe_all(store, SUBSCRIBERS[:1])
        row = store.subscriber("lviv@hromada.example")
    status, page = request(f"{url}?token=<script>alert(1)</script>")
    assert status == 400 and "<script>alert" not in page
    token = make_token(SECRET, row["id"], row["email"])
    status, _ = request(url, "POST", f"token={token}".encode())  # a form that sends the token in the body
    assert status == 200 and not active(db, "lviv@hromada.example")


def test_a_busy_port_is_a_one_line_error(tmp_path):
    from conftest import run_cli

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = run_cli("subscribers", "serve-unsubscribe", "--port", str(port),
                       env={"GRANTDIGEST_DB": str(tmp_path / "t.db"), "GRANTDIGEST_UNSUBSCRIBE_SECRET": SECRET},
                       timeout=30)
    assert done.returncode == 2
    assert f"127.0.0.1:{port}" in done.stderr and "Traceback" not in done.stderr
    missing = run_cli("subscribers", "serve-unsubscribe", env={"GRANTDIGEST_DB": str(tmp_path / "t.db")})
    assert missing.returncode == 2 and "GRANTDIGEST_UNSUBSCRIBE_SECRET" in missing.stderr
