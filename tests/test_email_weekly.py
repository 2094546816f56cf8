"""One subscriber's weekly email: only their calls, proper MIME, safe headers, at most 80 KB."""

from __future__ import annotations

import email
import re
from email import policy

import pytest

from digest.email import compose_email, compose_weekly, prepare_edition, reader_for
from digest.select import build_digest, load_week, source_names
from digest.unsubscribe import make_token, token_subscriber_id, verify_token
from test_digest_fixtures import AS_OF, NEW, seed

SECRET = "test-secret-0123456789abcdef"
SITE = "https://digest.example/"


def subscriber(sid=1, email_="rada@hromada.example", oblast="UA-46", applicants=(), themes=(), lang="uk",
               hromada="Львівська громада"):
    return {"id": sid, "email": email_, "hromada": hromada, "oblast": oblast, "applicants": list(applicants),
            "themes": list(themes), "language": lang}


def compose(store, sub, **kwargs):
    week = load_week(store, AS_OF)
    edition = prepare_edition(week, sub["language"], source_names(store, sub["language"]))
    reader = reader_for(sub, SECRET, f"{SITE}unsubscribe", "unsubscribe@digest.example")
    msg = compose_weekly(edition, sub, "Дайджест <digest@digest.example>", SITE, reader, **kwargs)
    return None if msg is None else email.message_from_bytes(msg.as_bytes(), policy=policy.default)


def text_of(msg):
    return msg.get_body(("plain",)).get_content()


def html_of(msg):
    return msg.get_body(("html",)).get_content()


def test_only_relevant_calls_each_once(store):
    seed(store)
    msg = compose(store, subscriber(oblast="UA-46", applicants=["local_authority"]))
    text = text_of(msg)
    assert "Енергоефективність громад Львівщини" in text          # closing soon, Lviv oblast, local authorities
    assert text.count("Енергоефективність громад Львівщини") == 1  # also new, but listed once
    assert "Програма відновлення громад" in text and "дедлайн продовжено до 15.08.2025" in text  # changed
    assert "Всеукраїнський конкурс" not in text   # for NGOs only
    assert "Interreg" not in text                 # Zakarpattia only
    assert "Закритий конкурс" not in text
    assert text.index("Закриваються незабаром") < text.index("Зміни в конкурсах")

    other = text_of(compose(store, subscriber(oblast="UA-21", applicants=["business"])))
    assert "Interreg" in other and "Енергоефективність" not in other and "Всеукраїнський" not in other


def test_mime_structure_and_inlined_css(store):
    seed(store)
    msg = compose(store, subscriber())
    assert [p.get_content_type() for p in msg.walk()] == ["multipart/alternative", "text/plain", "text/html"]
    html = html_of(msg)
    assert "<style" not in html and 'style="' in html
    assert 'href="https://digest.example/calls/lviv-energy.html"' in html
    assert msg["Content-Language"] == "uk"


def test_headers_and_unsubscribe_token(store):
    seed(store)
    msg = compose(store, subscriber(sid=7, email_="rada@hromada.example"))
    assert msg["To"].addresses[0].addr_spec == "rada@hromada.example"
    assert msg["To"].addresses[0].display_name == "Львівська громада"
    assert msg["List-ID"] == "Grant digest <grant-digest.digest.local>"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    uris = re.findall(r"<([^>]+)>", msg["List-Unsubscribe"])
    assert uris[0].startswith("https://digest.example/unsubscribe?token=") and uris[1].startswith("mailto:")
    token = uris[0].split("token=")[1]
    assert token_subscriber_id(token) == 7 and verify_token(SECRET, token, 7, "rada@hromada.example")
    assert not verify_token("another-secret-000000000000", token, 7, "rada@hromada.example")
    assert not verify_token(SECRET, token, 8, "rada@hromada.example")
    assert not verify_token(SECRET, token.replace(token[-1], "A" if token[-1] != "A" else "B"), 7,
                            "rada@hromada.example")
    assert msg["Message-ID"] == compose(store, subscriber(sid=7))["Message-ID"]  # stable: a resend is recognisable
    assert re.fullmatch(r"<digest-2025-W29-[0-9a-f]{20}@digest\.example>", msg["Message-ID"])
    assert "2025-W29" in msg["Subject"] and "1 закриваються незабаром" in msg["Subject"]


def test_no_header_injection(store):
    seed(store)
    sub = subscriber(hromada="Громада\r\nBcc: evil@example.com")
    raw = compose(store, sub).as_bytes()
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert "Bcc" not in parsed and parsed["To"].addresses[0].addr_spec == "rada@hromada.example"
    headers = raw.split(b"\n\n", 1)[0]
    assert not re.search(rb"^Bcc:", headers, re.M)
    # the scraped title with a line break and a <script> only ever appears in the body, escaped in HTML
    html = html_of(compose(store, subscriber(oblast="UA-21")))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_size_is_capped_with_a_link_to_the_site(store):
    seed(store, runs=False)
    for i in range(600):
        store.save_call({"id": f"bulk-{i:03d}", "is_call": 1, "title": f"Масовий конкурс номер {i} " + "д" * 80,
                         "programme": "Програма", "regions": ["UA"], "first_seen": NEW, "deadline": "2025-10-01",
                         "deadline_at": "2025-10-01T20:59:59Z", "url": f"https://donor.example/{i}",
                         "amount_max": 1000.0 + i, "currency": "EUR"})
    msg = compose(store, subscriber())
    size = len(msg.as_bytes())
    assert 40_000 < size <= 80_000
    text = text_of(msg)
    more = re.search(r"Ще (\d+) — на сайті дайджесту: (\S+)", text)
    assert more and int(more.group(1)) > 100
    assert more.group(2).startswith("https://digest.example/?oblast=UA-46#h-new")
    shown = text.count("* Масовий конкурс")
    assert shown + int(more.group(1)) == 600  # nothing is lost: the rest is counted and linked
    assert "Нові конкурси для вас (601)" in text  # 600 + the culture call for all of Ukraine
    assert "Ще " in html_of(msg)


def test_empty_week_note_or_nothing(store):
    seed(store)
    sub = subscriber(oblast="UA-09", themes=["veterans"], applicants=["individual"])
    note = compose(store, sub, empty_week="note")
    assert "нового немає" in note["Subject"] and "Цього тижня нових конкурсів і змін" in text_of(note)
    assert compose(store, sub, empty_week="skip") is None


def test_english_subscriber(store):
    seed(store)
    msg = compose(store, subscriber(lang="en", oblast="UA-05"))
    text = text_of(msg)
    assert msg["Content-Language"] == "en" and "Grant digest, week 2025-W29" in msg["Subject"]
    assert "deadline extended to 15.08.2025 (was 01.08.2025)" in text
    assert "https://digest.example/en/calls/ua-culture.html" in text
    assert "30.09.2025, 17:00 EEST" in text


def test_whole_digest_email_still_works(store):
    seed(store)
    view = build_digest(store, AS_OF, "uk", with_sources=False)
    msg = email.message_from_bytes(compose_email(view, "a@b.example", "d@digest.example", SITE).as_bytes(),
                                   policy=policy.default)
    text = text_of(msg)
    assert "Дедлайн: 25.07.2025 (5 днів залишилось)" in text and "List-Unsubscribe" not in msg


def test_token_needs_a_secret():
    from digest.unsubscribe import require_secret
    from grantdigest.errors import UserError

    with pytest.raises(UserError, match="GRANTDIGEST_UNSUBSCRIBE_SECRET"):
        require_secret("")
    assert make_token(SECRET, 3, "A@B.example") == make_token(SECRET, 3, "a@b.example")
