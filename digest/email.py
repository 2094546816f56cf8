"""Composing the digest email: plain text first, then the HTML alternative.

A pure function of (digest, recipient, sender, site URL): the same input gives
the same message, byte for byte, apart from the Date header.
"""

from __future__ import annotations

import hashlib
import re
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

from digest.render import render
from digest.select import Digest

LIST_ID = "Grant digest <grant-digest.digest.local>"


def header_safe(text: str, limit: int = 200) -> str:
    """One line, no control characters: scraped text never becomes a header break."""
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029]+", " ", text).strip()[:limit]


def message_id(digest: Digest, recipient: str, domain: str = "grant-digest.local") -> str:
    token = hashlib.sha256(f"{digest.period}|{digest.as_of}|{recipient}".encode()).hexdigest()[:20]
    return f"<digest-{digest.period}-{token}@{domain}>"


def compose_email(digest: Digest, recipient: str, sender: str, site_url: str) -> EmailMessage:
    s = digest.strings
    context = {"digest": digest, "s": s, "lang": digest.lang, "site_url": site_url.rstrip("/") + "/",
               "as_of": digest.as_of.strftime("%d.%m.%Y")}
    msg = EmailMessage()
    msg["Subject"] = header_safe(s["email_subject"].format(count=digest.count, period=digest.period))
    msg["From"] = header_safe(sender)
    msg["To"] = header_safe(recipient)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = message_id(digest, recipient)
    msg["List-ID"] = LIST_ID
    msg["Content-Language"] = digest.lang
    msg.set_content(render("email.txt", **context), subtype="plain", charset="utf-8")
    msg.add_alternative(render("email.html", **context), subtype="html", charset="utf-8")
    return msg


def write_eml(message: EmailMessage, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(message))
    return path
