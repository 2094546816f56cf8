"""Sending through a real SMTP conversation (aiosmtpd on 127.0.0.1), exactly once."""

import datetime as dt
import email
from email import policy

import pytest
from conftest import Collect
from digest.email import compose_email
from digest.select import build_digest
from digest.send import send_messages
from grantdigest.config import SmtpSettings
from grantdigest.ingest import ingest
from grantdigest import loopback

AS_OF = dt.date(2025, 7, 20)


@pytest.fixture
def smtp_server():
    handler = Collect()
    with loopback.smtp_server(handler) as controller:
        yield controller, handler


def test_send_once(store, smtp_server):
    controller, handler = smtp_server
    ingest(store, {"source_id": "prostir", "url": "https://www.prostir.ua/?grants=x", "title": "Грант для громад\r\nBcc: evil@example.com",
                   "text": "Дедлайн: 15 серпня 2025 року."}, AS_OF)
    view = build_digest(store, AS_OF, "uk")
    smtp = SmtpSettings(host="127.0.0.1", port=controller.port)
    recipients = ["a@hromada.example", "b@hromada.example"]
    messages = [(to, compose_email(view, to, smtp.sender, "https://digest.example/")) for to in recipients]
    report = send_messages(store, "email:test", messages, smtp)
    assert report.sent == recipients and not report.failed
    assert len(handler.messages) == 2
    parsed = email.message_from_bytes(handler.messages[0].as_bytes(), policy=policy.default)
    assert parsed["To"] == "a@hromada.example" and "Bcc" not in parsed
    assert "15.08.2025" in parsed.get_body(("plain",)).get_content()
    assert parsed["Message-ID"] and parsed["List-ID"]
    # a second run sends nothing
    again = send_messages(store, "email:test", messages, smtp)
    assert again.sent == [] and again.skipped == recipients
    assert len(handler.messages) == 2
