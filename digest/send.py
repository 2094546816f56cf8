"""Sending with a delivery log: build, then send, then record.

A delivery is recorded (one committed row per recipient and digest) only after
the SMTP server accepted the message, so re-running a send after a crash sends
only what is missing. Messages are built one at a time (flat memory), sent at
most ``rate_per_minute`` a minute, and ``--dry-run`` writes ``.eml`` files
instead of sending (and records nothing).

The one unavoidable window: a crash after the server said 250 and before the
row was committed makes the next run send that one message again; it carries
the same Message-ID, so mail clients and servers that collapse duplicates do.
"""

from __future__ import annotations

import re
import smtplib
import ssl
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from digest.email import (compose_weekly, envelope_sender, prepare_edition, reader_for, write_eml)
from digest.select import Week, load_week, source_names, week_snapshot
from digest.strings import LANGUAGES
from digest.unsubscribe import require_secret
from grantdigest.config import Config, SmtpSettings
from grantdigest.errors import UserError
from storage import Store


@dataclass
class SendReport:
    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)     # already delivered earlier
    empty: list[str] = field(default_factory=list)       # nothing for them this week (empty_week = skip)
    written: list[Path] = field(default_factory=list)    # dry run
    failed: list[tuple[str, str]] = field(default_factory=list)
    largest: int = 0                                      # bytes of the largest message


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


class RateLimit:
    """At most ``per_minute`` sends a minute, evenly spaced (0: no limit)."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = 60.0 / per_minute if per_minute and per_minute > 0 else 0.0
        self.clock, self.sleep = clock, sleep
        self.next_at = 0.0

    def wait(self) -> None:
        if not self.interval:
            return
        now = self.clock()
        if now < self.next_at:
            self.sleep(self.next_at - now)
            now = self.next_at
        self.next_at = now + self.interval


class Sender:
    """One SMTP connection, opened on first use and re-opened once if the server hangs up."""

    def __init__(self, smtp: SmtpSettings):
        self.smtp = smtp
        self.client: smtplib.SMTP | None = None
        self.limit = RateLimit(smtp.rate_per_minute)
        self.from_addr = envelope_sender(smtp.sender)

    def send(self, recipient: str, message: EmailMessage) -> str | None:
        """None when the server accepted the message, else the reason it did not."""
        self.limit.wait()
        for attempt in (1, 2):
            if self.client is None:
                self.client = connect(self.smtp)
            try:
                refused = self.client.send_message(message, from_addr=self.from_addr, to_addrs=[recipient])
            except smtplib.SMTPServerDisconnected as exc:
                self.client = None
                if attempt == 2:
                    return f"з'єднання розірвано: {exc}"
                continue
            except smtplib.SMTPRecipientsRefused as exc:
                return "; ".join(f"{code} {msg.decode(errors='replace') if isinstance(msg, bytes) else msg}"
                                 for code, msg in exc.recipients.values())
            except (smtplib.SMTPException, OSError) as exc:
                return str(exc)
            return str(refused[recipient]) if recipient in refused else None
        return "не надіслано"

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self.client = None


def send_messages(store: Store, digest_key: str, messages: Iterable[tuple[str, EmailMessage]],
                  smtp: SmtpSettings, progress: Callable[[str, str], None] | None = None) -> SendReport:
    """Send each (recipient, message) not yet delivered under ``digest_key``; record each acceptance."""
    report = SendReport()
    done = store.delivered_recipients(digest_key)
    sender = Sender(smtp)
    try:
        for recipient, message in messages:
            if recipient in done:
                report.skipped.append(recipient)
                continue
            size = len(message.as_bytes())
            error = sender.send(recipient, message)
            if error:
                report.failed.append((recipient, error))
                if progress:
                    progress(recipient, "failed")
                continue
            store.record_delivery(digest_key, recipient, message["Message-ID"], message["Subject"])
            done.add(recipient)
            report.sent.append(recipient)
            report.largest = max(report.largest, size)
            if progress:
                progress(recipient, "sent")
    finally:
        sender.close()
    return report


def weekly_key(period: str) -> str:
    return f"weekly:{period}"


def _eml_name(email: str) -> str:
    return re.sub(r"[^A-Za-z0-9@._+-]", "_", email) + ".eml"


def weekly_messages(store: Store, config: Config, week: Week, subscribers: Iterable[dict],
                    report: SendReport) -> Iterator[tuple[str, EmailMessage]]:
    """Each active subscriber's message, built when it is needed (one in memory at a time)."""
    secret = require_secret(config.digest.unsubscribe_secret)
    site_url = config.site_url.rstrip("/") + "/"
    unsubscribe_url = config.digest.unsubscribe_url or f"{site_url}unsubscribe"
    editions = {}
    for subscriber in subscribers:
        lang = subscriber.get("language") if subscriber.get("language") in LANGUAGES else "uk"
        if lang not in editions:
            editions[lang] = prepare_edition(week, lang, source_names(store, lang))
        reader = reader_for(subscriber, secret, unsubscribe_url, config.digest.unsubscribe_mailto)
        message = compose_weekly(editions[lang], subscriber, config.smtp.sender, site_url, reader,
                                 config.digest.empty_week, config.digest.max_email_bytes,
                                 f"Grant digest <{config.digest.list_id}>")
        if message is None:
            report.empty.append(subscriber["email"])
            continue
        yield subscriber["email"], message


def send_weekly(store: Store, config: Config, as_of, dry_run_dir: str | Path | None = None,
                progress: Callable[[str, str], None] | None = None, since: str | None = None) -> SendReport:
    """The weekly per-subscriber send (or, with ``dry_run_dir``, the .eml files it would send)."""
    require_secret(config.digest.unsubscribe_secret)
    week = load_week(store, as_of, since)
    if store.digest_week(week.period) is None:  # keep the week for its archive page and next week's "new"
        store.save_digest_week(week.period, as_of.isoformat(), week.since, week_snapshot(week))
    key = weekly_key(week.period)
    done = store.delivered_recipients(key)
    subscribers = store.subscribers(active_only=True)
    report = SendReport()
    pending = [s for s in subscribers if s["email"] not in done]
    report.skipped = [s["email"] for s in subscribers if s["email"] in done]
    messages = weekly_messages(store, config, week, pending, report)
    if dry_run_dir is not None:
        out = Path(dry_run_dir)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"не вдалося створити каталог {out}: {exc.strerror}") from None
        for recipient, message in messages:
            report.written.append(write_eml(message, out / _eml_name(recipient)))
            report.largest = max(report.largest, len(message.as_bytes()))
            if progress:
                progress(recipient, "written")
        return report
    sent = send_messages(store, key, messages, config.smtp, progress)
    report.sent, report.failed, report.largest = sent.sent, sent.failed, sent.largest
    report.skipped += sent.skipped
    return report
