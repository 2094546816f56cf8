"""Ingest one crawled item: classify it, give it an identity, store it, update its call.

The crawl pipeline (``spiders/pipelines.py``) and manual additions call
:func:`ingest`; it is the only path from an item to the ``calls`` table. It is
:func:`prepare` (classification and fingerprint: nothing read from the database)
then :func:`ingest_prepared`; the crawl writer (``spiders/writer_process.py``) prepares a
batch of items at once (``prepare_many``: their fingerprints in one numpy pass).

1. ``classify_item``: the item's own structured values, completed by extraction.
2. Identity of the *sighting*: (source, own id), or (source, canonical URL)
   when the source has none. A sighting seen before keeps its call.
3. Identity of the *call* for a new sighting: ``grantdigest.dedupe.Resolver``
   over the database (manual decisions, canonical URL, repost links, content).
4. The sighting is stored with its fingerprint and index rows in one
   transaction; calls found to be the same are folded together.
5. ``refresh_call`` merges the call's fields from all its sightings
   (``grantdigest.merge``) and records what changed (``call_events``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from grantdigest.dedupe.changes import call_changes
from grantdigest.dedupe.fingerprint import Fingerprint, fingerprint, fingerprints
from grantdigest.dedupe.resolver import Resolution, Resolver
from grantdigest.dedupe.storeindex import StoreIndex, fingerprint_columns
from grantdigest.extract import extract
from grantdigest.extract.programme import canonical_programme
from grantdigest.merge import CALL_FIELDS, MERGE_COLUMNS, merge_sightings, official_sources
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
    rule: str = "known"          # the identity rule that placed a new sighting (see dedupe.resolver)
    written: dict | None = None  # the sighting row when it was written in full (new or changed content)


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
    record["programme"] = canonical_programme(record.get("programme"))  # one name however a source writes it
    return record


def sighting_identity(record: dict) -> str:
    key = record.get("source_item_id") or record["canonical_url"]
    return short_hash(record["source_id"], key)


def content_hash(record: dict) -> str:
    keys = ("title", "text", "published", *STRUCTURED_FIELDS, "source_status", "links")
    payload = json.dumps({k: record.get(k) for k in keys}, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def new_call_id(sighting_id: str) -> str:
    return short_hash("call", sighting_id)


@dataclass
class Prepared:
    """An item classified and fingerprinted: the part of ingest that reads nothing from the
    database (``record``: the classified item with its canonical URL and identity)."""

    record: dict
    fp: Fingerprint


def _classified(item: dict, as_of: dt.date, classified: bool = False) -> dict:
    """``classified``: ``item`` is already :func:`classify_item`'s reading (the crawl's
    writer has items read in reader processes, ``spiders.classify_pool``)."""
    record = dict(item) if classified else classify_item(item, as_of)
    record["canonical_url"] = canonical_url(record["url"])
    record["id"] = sighting_identity(record)
    return record


def prepare(item: dict, as_of: dt.date) -> Prepared:
    record = _classified(item, as_of)
    return Prepared(record, fingerprint(record))


def prepare_many(items: list[dict], as_of: dt.date,
                 classified: list[bool] | None = None) -> list[Prepared | Exception]:
    """``prepare`` for many items, their fingerprints in one numpy batch (a writer's
    batch; ``classified``: per item, already read by a reader process). An item that
    cannot be prepared gets its exception in its place; the others are prepared all the same."""
    out: list[dict | Exception] = []
    for i, item in enumerate(items):
        try:
            out.append(_classified(item, as_of, bool(classified and classified[i])))
        except Exception as exc:  # one bad item never stops the others
            out.append(exc)
    records = [r for r in out if not isinstance(r, Exception)]
    try:
        fps = iter(fingerprints(records))
        return [r if isinstance(r, Exception) else Prepared(r, next(fps)) for r in out]
    except Exception:  # a record the batch cannot take: each on its own, to tell which
        done: list[Prepared | Exception] = []
        for r in out:
            try:
                done.append(r if isinstance(r, Exception) else Prepared(r, fingerprint(r)))
            except Exception as exc:
                done.append(exc)
        return done


def ingest(store: Store, item: dict, as_of: dt.date) -> IngestResult:
    return ingest_prepared(store, prepare(item, as_of), as_of)


def ingest_prepared(store: Store, prepared: Prepared, as_of: dt.date) -> IngestResult:
    """Steps 2-5 for an item ``prepare`` has classified and fingerprinted. Its record is
    not changed here (a writer batch whose transaction fails is done again item by item);
    its fingerprint gets the sighting's identity as found in the database."""
    record, fp = dict(prepared.record), prepared.fp
    existing = store.sighting(record["id"])
    if existing is None and not record.get("source_item_id"):
        # the same page stored under an older spelling of its canonical URL
        existing = store.sighting_by_source_url(record["source_id"], record["url"])
        if existing is not None:
            record["id"] = existing["id"]
    fp.sighting_id = record["id"]
    record["content_hash"] = content_hash(record)
    record.setdefault("fetched_at", now_iso())
    record.update(fingerprint_columns(fp))

    resolution: Resolution | None = None
    if existing is not None and existing.get("call_id"):
        call_id = existing["call_id"]
        record["identity_rule"] = existing.get("identity_rule") or "known"
        record["identity_evidence"] = existing.get("identity_evidence")
    else:
        resolution = Resolver(StoreIndex(store)).resolve(fp)
        call_id = resolution.call_id or new_call_id(record["id"])
        record["identity_rule"], record["identity_evidence"] = resolution.rule, resolution.evidence or None
        if store.call(call_id) is None:
            if existing is None and resolution.call_id is None:
                return _ingest_new_call(store, record, fp, call_id, as_of)
            store.save_call({"id": call_id, "first_seen": record["fetched_at"]})
    record["call_id"] = call_id
    row = _sighting_row(record)
    saved = store.save_sighting_indexed(row, fp.index_rows(), list(fp.links), old=existing)
    if resolution is not None:
        for other in resolution.merge:
            store.fold_call(call_id, other, f"merged:{call_id}:{resolution.rule}")
    refresh_call(store, call_id, as_of, cause=record)
    return IngestResult(saved.sighting_id, call_id, saved.new, saved.changed,
                        resolution.rule if resolution else "known", row if saved.new or saved.changed else None)


def _ingest_new_call(store: Store, record: dict, fp: Fingerprint, call_id: str, as_of: dt.date) -> IngestResult:
    """A new sighting that starts a new call: the call's row is written once, before the
    sighting (which refers to it), with what ``refresh_call`` would make of the call's one
    sighting as stored (``Store.new_sighting_as_read``)."""
    record["fetched_at"] = record.get("fetched_at") or now_iso()   # the moment the sighting is stored with
    record["call_id"] = call_id
    row = _sighting_row(record)
    merged = merge_sightings([store.new_sighting_as_read(row, MERGE_COLUMNS)])  # one sighting: no ranks to weigh
    call = {"id": call_id, **{k: None for k in CALL_FIELDS}, **merged.fields}
    _set_status(call, {}, as_of)
    store.save_call(call)
    saved = store.save_sighting_indexed(row, fp.index_rows(), list(fp.links), old=None)
    return IngestResult(saved.sighting_id, call_id, saved.new, saved.changed, "new", row)


def refresh_call(store: Store, call_id: str, as_of: dt.date, cause: dict | None = None,
                 record_changes: bool = True) -> dict:
    """Recompute a call's fields from all its sightings, store them and record
    what changed (``cause``: the sighting being ingested, for the event time)."""
    old = store.call(call_id) or {"id": call_id}
    sightings = store.sightings_of(call_id, MERGE_COLUMNS)
    merged = merge_sightings(sightings, official_sources(store.sources()))
    call = dict(old)
    call.update({k: None for k in CALL_FIELDS})
    call.update(merged.fields)
    compare_status = _set_status(call, old, as_of)
    if record_changes and old.get("last_seen"):
        by_id = {s["id"]: s for s in sightings}
        at = (cause or {}).get("fetched_at") or now_iso()
        for change in call_changes(old, call, merged.provenance, compare_status):
            source = by_id.get(change.sighting_id or "", {}).get("source_id")
            store.add_event(call_id, change.field, change.old, change.new, source_id=source,
                            sighting_id=change.sighting_id, kind=change.kind, at=at)
    store.save_call(call)
    return call


def _set_status(call: dict, old: dict, as_of: dt.date) -> bool:
    """The call's status as of ``as_of``, unless ``old`` was computed for a later day (then
    its status stays, and False: the status is not compared for events)."""
    status_as_of = old.get("status_as_of")
    if status_as_of and as_of.isoformat() < status_as_of:
        call["status"] = old.get("status")          # keep the later computation
        return False
    call["status"] = compute_status(call.get("deadline"), call.get("deadline_at"), call.get("opening_date"), as_of)
    call["status_as_of"] = as_of.isoformat()
    return True


SIGHTING_COLUMNS = ("id", "source_id", "source_item_id", "url", "canonical_url", "title", "text",
                    "language", "published", "fetched_at", "content_hash", "call_id",
                    *STRUCTURED_FIELDS, "source_status", "links", "extra",
                    "fp_sig", "fp_count", "fp_idents", "fp_acronyms", "fp_links", "fp_roundup", "fp_extension", "fp_years",
                    "fp_oblasts", "fp_script",
                    "identity_rule", "identity_evidence")


def _sighting_row(record: dict) -> dict:
    row = {k: record.get(k) for k in SIGHTING_COLUMNS}
    row["is_call"] = None if row["is_call"] is None else int(bool(row["is_call"]))
    return row
