"""Ingest one crawled item: classify it, give it an identity, store it, update its call.

The crawl pipeline (``spiders/pipelines.py``) and manual additions call
:func:`ingest`; it is the only path from an item to the ``calls`` table.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from grantdigest.extract import extract
from grantdigest.merge import merge_call
from grantdigest.status import compute_status
from grantdigest.timeutil import end_of_day, iso_utc, now_iso, parse_date
from grantdigest.urls import canonical_url
from storage import Store

# Fields a spider may state as data; they win over what is read from the text.
DEADLINE_FIELDS = ("deadline", "deadline_at", "deadline_tz")
AMOUNT_FIELDS = ("amount_max", "currency")
STRUCTURED_FIELDS = ("deadline", "deadline_at", "deadline_tz", "opening_date", "amount_max", "currency",
                     "applicants", "regions", "themes", "programme", "is_call", "kind")


@dataclass(frozen=True)
class IngestResult:
    sighting_id: str
    call_id: str
    new: bool
    changed: bool


def short_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def classify_item(item: dict, as_of: dt.date) -> dict:
    """The item's own structured values, completed by extraction from its text.

    Deadline fields travel as a group, and so do amount and currency: a value
    the source states is never mixed with a time or currency read elsewhere.
    """
    published = parse_date(item.get("published"))
    found = extract(item.get("text") or "", item.get("title"), published=published, as_of=as_of).as_dict()
    record = dict(item)
    deadline = record.get("deadline")
    if not deadline:
        record.update({k: found.get(k) for k in DEADLINE_FIELDS})
    elif deadline != "rolling" and not record.get("deadline_at"):
        if found.get("deadline") == deadline and found.get("deadline_at"):
            record["deadline_at"], record["deadline_tz"] = found["deadline_at"], found.get("deadline_tz")
        else:
            record["deadline_at"], record["deadline_tz"] = iso_utc(end_of_day(parse_date(deadline))), None
    if record.get("amount_max") is None:
        record.update({k: found.get(k) for k in AMOUNT_FIELDS})
    for key in STRUCTURED_FIELDS:
        if key not in DEADLINE_FIELDS + AMOUNT_FIELDS and record.get(key) in (None, [], ""):
            record[key] = found.get(key)
    return record


def sighting_identity(record: dict) -> str:
    key = record.get("source_item_id") or record["canonical_url"]
    return short_hash(record["source_id"], key)


def content_hash(record: dict) -> str:
    keys = ("title", "text", "published", *STRUCTURED_FIELDS, "source_status", "links")
    payload = json.dumps({k: record.get(k) for k in keys}, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def ingest(store: Store, item: dict, as_of: dt.date) -> IngestResult:
    record = classify_item(item, as_of)
    record["canonical_url"] = canonical_url(record["url"])
    record["id"] = sighting_identity(record)
    record["content_hash"] = content_hash(record)
    record.setdefault("fetched_at", now_iso())
    existing = store.sighting(record["id"])
    call_id = (existing or {}).get("call_id") or store.find_call_id(
        source_id=record["source_id"], source_item_id=record.get("source_item_id"),
        canonical_url=record["canonical_url"]) or short_hash("call", record["id"])
    record["call_id"] = call_id
    if existing is None and store.call(call_id) is None:
        store.save_call({"id": call_id, "first_seen": record["fetched_at"]})
    saved = store.save_sighting(_sighting_row(record))
    refresh_call(store, call_id, as_of)
    return IngestResult(saved.sighting_id, call_id, saved.new, saved.changed)


def refresh_call(store: Store, call_id: str, as_of: dt.date) -> dict:
    """Recompute a call's fields from all its sightings and store them."""
    call = store.call(call_id) or {"id": call_id}
    merged = merge_call(store.sightings_of(call_id))
    merged["status"] = compute_status(merged.get("deadline"), merged.get("deadline_at"),
                                      merged.get("opening_date"), as_of)
    call.update(merged)
    store.save_call(call)
    return call


SIGHTING_COLUMNS = ("id", "source_id", "source_item_id", "url", "canonical_url", "title", "text",
                    "language", "published", "fetched_at", "content_hash", "call_id",
                    *STRUCTURED_FIELDS, "source_status", "links", "extra")


def _sighting_row(record: dict) -> dict:
    row = {k: record.get(k) for k in SIGHTING_COLUMNS}
    row["is_call"] = None if row["is_call"] is None else int(bool(row["is_call"]))
    return row
