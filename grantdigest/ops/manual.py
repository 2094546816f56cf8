"""Calls that staff add or hide by hand.

``add``: a page fetched by URL (extracted like a crawled page) or a call that
came by letter or meeting (title, deadline, URL typed in). Either way it is
stored through :func:`grantdigest.ingest.ingest` as a sighting of the source
``manual``; if the page is already known from a crawl, the manual sighting
joins that call. ``hide``: the call leaves digests and the site; its data and
sightings stay (``grantdigest calls unhide`` brings it back).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from grantdigest.documents import parse_html
from grantdigest.errors import UserError
from grantdigest.ingest import IngestResult, ingest
from grantdigest.ops.fetch import FetchedPage
from storage import Store

MANUAL_SOURCE = {
    "id": "manual", "name_uk": "Додано вручну", "name_en": "Added by staff", "family": "manual",
    "start_url": "", "language": "uk", "programme": None, "regions": [], "settings": {}, "enabled": 0,
}
DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_deadline(value: str | None) -> str | None:
    """'2025-09-30', '30.09.2025' or 'rolling' -> ISO date (or 'rolling')."""
    if value is None or value == "":
        return None
    text = value.strip().lower()
    if text in ("rolling", "постійно", "безстроково"):
        return "rolling"
    match = DOTTED.match(text)
    try:
        day = dt.date(int(match[3]), int(match[2]), int(match[1])) if match else dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"дедлайн '{value}': очікується дата РРРР-ММ-ДД або ДД.ММ.РРРР (або rolling)") from None
    return day.isoformat()


def check_url(url: str) -> str:
    url = (url or "").strip()
    if not url.startswith(("http://", "https://")) or any(c in url for c in "\r\n\t <>\"") or len(url) > 2000:
        raise UserError(f"адреса '{url[:200]}': потрібна адреса http(s):// без пробілів")
    return url


@dataclass(frozen=True)
class Added:
    result: IngestResult
    call: dict


def item_from_page(page: FetchedPage, overrides: dict) -> dict:
    doc = parse_html(page.url, page.html)
    item = {"source_id": "manual", "url": page.url, "title": doc.title or page.url, "text": doc.text,
            "published": doc.published, "language": None, "is_call": True, "links": [], "extra": {"added": "url"}}
    item.update({k: v for k, v in overrides.items() if v not in (None, "", [])})
    return item


def item_from_letter(title: str, deadline: str, url: str, text: str | None, overrides: dict) -> dict:
    if not title or not title.strip():
        raise UserError("потрібна назва конкурсу: --title")
    item = {"source_id": "manual", "url": check_url(url), "title": " ".join(title.split()),
            "text": text or "", "deadline": parse_deadline(deadline), "is_call": True, "links": [],
            "extra": {"added": "letter"}}
    item.update({k: v for k, v in overrides.items() if v not in (None, "", [])})
    return item


def add_call(store: Store, item: dict, as_of: dt.date) -> Added:
    """Store one manual sighting (atomically) and return the call it belongs to."""
    store.ensure_source(MANUAL_SOURCE)
    with store.atomic():
        result = ingest(store, item, as_of)
    return Added(result, store.call(result.call_id))


def hide_call(store: Store, call_id: str, reason: str) -> dict:
    if not reason or not reason.strip():
        raise UserError("вкажіть причину: --reason \"...\" (вона залишається в історії конкурсу)")
    return store.set_hidden(call_id, True, reason.strip())


def unhide_call(store: Store, call_id: str) -> dict:
    return store.set_hidden(call_id, False)
