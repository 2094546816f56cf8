"""Composing the digest email: plain text first, then the HTML alternative with inlined CSS.

Pure functions of (calls, reader, date, settings): the same input gives the same
message, byte for byte, apart from the Date header. Scraped text never reaches a
header unsanitised; a message never exceeds ``max_bytes`` (the lists are cut and
the reader is sent to the site for the rest).

- :func:`compose_email`: the whole digest for one address (``grantdigest digest email``);
- :func:`compose_weekly`: one subscriber's weekly email (``grantdigest digest send``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from pathlib import Path
from urllib.parse import quote, urlsplit

import css_inline

from digest.files import write_atomically
from digest.render import render
from digest.safety import header_safe
from digest.select import Digest, DigestFilter, Week, present_week
from digest.strings import STRINGS
from digest.unsubscribe import make_token

LIST_ID = "Grant digest <grant-digest.digest.local>"
DEFAULT_MAX_BYTES = 80_000
_INLINER = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)


@dataclass
class Section:
    key: str                 # closing_soon | new | changed | open | forthcoming | rolling
    title: str
    calls: list[dict]
    anchor: str = ""         # where the full list is on the site
    hidden: int = 0          # calls left out to keep the message small


@dataclass
class Reader:
    """Who a message is for; ``unsubscribe`` holds the List-Unsubscribe URIs (may be empty)."""

    email: str
    name: str = ""
    unsubscribe_url: str = ""
    unsubscribe_mailto: str = ""


@dataclass
class SizeHint:
    """Bytes per listed call, learnt from the messages already built (saves re-rendering)."""

    per_call: float = 0.0
    base: float = 0.0


@dataclass
class Edition:
    """A week's digest in one language, shared by every subscriber of that language."""

    week: Week
    digest: Digest
    raw: dict[str, dict] = field(default_factory=dict)  # call id -> stored call (for filtering)
    hint: SizeHint = field(default_factory=SizeHint)


def message_id(period: str, key: str, recipient: str, domain: str = "grant-digest.local") -> str:
    token = hashlib.sha256(f"{period}|{key}|{recipient.lower()}".encode()).hexdigest()[:20]
    return f"<digest-{period}-{token}@{domain}>"


def _domain(site_url: str) -> str:
    return urlsplit(site_url).hostname or "grant-digest.local"


def _cap(sections: list[Section], limit: int) -> list[Section]:
    """Keep at most ``limit`` calls in all, in section order; count what was left out."""
    out, left = [], limit
    for section in sections:
        kept = section.calls[:max(left, 0)]
        left -= len(kept)
        out.append(Section(section.key, section.title, kept, section.anchor, len(section.calls) - len(kept)))
    return out


def _render(sections: list[Section], lang: str, site_url: str, as_of: str, reader: Reader | None,
            intro: str) -> tuple[str, str]:
    context = {"sections": sections, "s": STRINGS[lang], "lang": lang, "site_url": site_url, "as_of": as_of,
               "reader": reader, "intro": intro}
    html = _INLINER.inline(render("email.html", **context))
    return render("email.txt", **context), html


def _build(subject: str, sender: str, reader: Reader, lang: str, list_id: str, msg_id: str,
           text: str, html: str) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = header_safe(subject)
    msg["From"] = header_safe(sender)
    name = header_safe(reader.name, 120)
    msg["To"] = Address(display_name=name, addr_spec=header_safe(reader.email)) if name else header_safe(reader.email)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = msg_id
    msg["List-ID"] = list_id
    links = [f"<{u}>" for u in (reader.unsubscribe_url, reader.unsubscribe_mailto) if u]
    if links:
        msg["List-Unsubscribe"] = ", ".join(links)
        if reader.unsubscribe_url.startswith(("https://", "http://")):
            msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(text, subtype="plain", charset="utf-8")
    msg.add_alternative(html, subtype="html", charset="utf-8")
    msg["Content-Language"] = lang  # after the parts: set_content moves Content-* headers into them
    return msg


def fit_message(make, sections: list[Section], max_bytes: int, hint: SizeHint | None = None) -> EmailMessage:
    """The fullest message (``make(capped_sections)``) that fits in ``max_bytes``.

    Starts from the whole list (or, with a learnt ``hint``, from the number of calls
    that should fit) and shrinks in proportion until it fits.
    """
    total = sum(len(s.calls) for s in sections)
    limit = total
    if hint and hint.per_call:
        limit = min(total, max(0, int((max_bytes * 0.98 - hint.base) / hint.per_call)))
    while True:
        message = make(_cap(sections, limit))
        size = len(message.as_bytes())
        if size <= max_bytes or limit == 0:
            if hint is not None and limit and limit < total:
                if not hint.base:
                    hint.base = len(make(_cap(sections, 0)).as_bytes())
                hint.per_call = max((size - hint.base) / limit, 1.0)
            return message
        limit = min(limit - 1, int(limit * max_bytes / size * 0.97))


def compose_email(digest: Digest, recipient: str, sender: str, site_url: str,
                  max_bytes: int = DEFAULT_MAX_BYTES, list_id: str = LIST_ID) -> EmailMessage:
    """The whole current digest for one address (no subscription: no List-Unsubscribe)."""
    s = digest.strings
    site_url = site_url.rstrip("/") + "/"
    sections = [Section(key, s[key], calls, f"{site_url}{'' if digest.lang == 'uk' else 'en/'}#h-{key}")
                for key, calls in (("closing_soon", digest.closing_soon), ("open", digest.open),
                                   ("forthcoming", digest.forthcoming), ("rolling", digest.rolling))]
    reader = Reader(recipient)
    as_of = digest.as_of.strftime("%d.%m.%Y")
    subject = s["email_subject"].format(count=digest.count, period=digest.period)
    msg_id = message_id(digest.period, f"all:{digest.as_of}", recipient, _domain(site_url))

    def make(capped):
        text, html = _render(capped, digest.lang, site_url, as_of, None, s["email_intro"].format(as_of=as_of))
        return _build(subject, sender, reader, digest.lang, list_id, msg_id, text, html)

    return fit_message(make, sections, max_bytes)


def prepare_edition(week: Week, lang: str, names: dict[str, str]) -> Edition:
    """The week's closing-soon, new and changed calls, viewed once in ``lang``."""
    digest = present_week(week, lang, None, None, names)
    return Edition(week=week, digest=digest, raw={c["id"]: c for c in week.calls})


def subscriber_filter(subscriber: dict) -> DigestFilter:
    return DigestFilter(regions=(subscriber["oblast"],) if subscriber.get("oblast") else (),
                        applicants=tuple(subscriber.get("applicants") or ()),
                        themes=tuple(subscriber.get("themes") or ()))


def weekly_sections(edition: Edition, subscriber: dict, site_url: str) -> list[Section]:
    """Only calls relevant to the subscriber: closing soon, then new, then changed (each call once)."""
    flt = subscriber_filter(subscriber)
    s, lang = edition.digest.strings, edition.digest.lang
    home = f"{site_url}{'' if lang == 'uk' else 'en/'}"
    query = f"?oblast={quote(subscriber['oblast'])}" if subscriber.get("oblast") else ""
    seen: set[str] = set()
    sections = []
    for key, title, views, anchor in (("closing_soon", s["email_closing"], edition.digest.closing_soon, "closing_soon"),
                                      ("new", s["email_new"], edition.digest.new, "new"),
                                      ("changed", s["email_changed"], edition.digest.changed, "changed")):
        chosen = []
        for view in views:
            if view["id"] not in seen and flt.matches(edition.raw[view["id"]]):
                chosen.append(view)
                seen.add(view["id"])
        sections.append(Section(key, title, chosen, f"{home}{query}#h-{anchor}"))
    return sections


def reader_for(subscriber: dict, secret: str, unsubscribe_url: str, unsubscribe_mailto: str) -> Reader:
    token = make_token(secret, subscriber["id"], subscriber["email"])
    url = f"{unsubscribe_url}{'&' if '?' in unsubscribe_url else '?'}token={token}" if unsubscribe_url else ""
    mailto = (f"mailto:{unsubscribe_mailto}?subject={quote('unsubscribe ' + token)}" if unsubscribe_mailto else "")
    return Reader(subscriber["email"], subscriber.get("hromada") or "", url, mailto)


def compose_weekly(edition: Edition, subscriber: dict, sender: str, site_url: str, reader: Reader,
                   empty_week: str = "note", max_bytes: int = DEFAULT_MAX_BYTES,
                   list_id: str = LIST_ID) -> EmailMessage | None:
    """One subscriber's weekly email, or None for an empty week when ``empty_week == "skip"``."""
    site_url = site_url.rstrip("/") + "/"
    digest = edition.digest
    s, lang = digest.strings, digest.lang
    sections = weekly_sections(edition, subscriber, site_url)
    counts = {sec.key: len(sec.calls) for sec in sections}
    empty = not any(counts.values())
    if empty and empty_week == "skip":
        return None
    subject = (s["email_weekly_subject_empty"].format(period=digest.period) if empty else
               s["email_weekly_subject"].format(period=digest.period, new=counts["new"], closing=counts["closing_soon"]))
    as_of = digest.as_of.strftime("%d.%m.%Y")
    intro = s["email_nothing"] if empty else s["email_intro"].format(as_of=as_of)
    msg_id = message_id(digest.period, "weekly", subscriber["email"], _domain(site_url))

    def make(capped):
        text, html = _render(capped, lang, site_url, as_of, reader, intro)
        return _build(subject, sender, reader, lang, list_id, msg_id, text, html)

    return fit_message(make, sections, max_bytes, edition.hint)


def envelope_sender(sender: str) -> str:
    return parseaddr(sender)[1] or sender


def write_eml(message: EmailMessage, path: str | Path) -> Path:
    return write_atomically(path, lambda partial: partial.write_bytes(bytes(message)))
