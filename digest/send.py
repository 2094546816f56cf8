"""Sending with a delivery log: record only after the server accepted, skip what was sent.

Re-running a send after a crash sends only the messages not yet recorded.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage

from grantdigest.config import SmtpSettings
from grantdigest.errors import UserError
from storage import Store


@dataclass
class SendReport:
    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def connect(smtp: SmtpSettings, timeout: float = 30) -> smtplib.SMTP:
    try:
        if smtp.security == "ssl":
            client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=timeout, context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=timeout)
            if smtp.security == "starttls":
                client.starttls(context=ssl.create_default_context())
        if smtp.user:
            client.login(smtp.user, smtp.password)
        return client
    except (OSError, smtplib.SMTPException) as exc:
        raise UserError(f"не вдалося з'єднатися з SMTP {smtp.host}:{smtp.port}: {exc}"
                        " (перевірте GRANTDIGEST_SMTP_* або [smtp] у конфігурації)") from None


def send_messages(store: Store, digest_key: str, messages: list[tuple[str, EmailMessage]],
                  smtp: SmtpSettings) -> SendReport:
    report = SendReport()
    pending = [(to, msg) for to, msg in messages if not store.delivered(digest_key, to)]
    report.skipped = [to for to, _ in messages if store.delivered(digest_key, to)]
    if not pending:
        return report
    client = connect(smtp)
    try:
        for recipient, message in pending:
            try:
                refused = client.send_message(message, to_addrs=[recipient])
            except smtplib.SMTPException as exc:
                report.failed.append((recipient, str(exc)))
                continue
            if recipient in refused:
                report.failed.append((recipient, str(refused[recipient])))
                continue
            store.record_delivery(digest_key, recipient, message["Message-ID"], message["Subject"])
            report.sent.append(recipient)
    finally:
        try:
            client.quit()
        except smtplib.SMTPException:
            pass
    return report
