"""The crawl writer's shortcuts (issue 4) store exactly what the long way stores.

A new sighting that starts a new call has its call written once, from the sighting
as it will be stored: ``refresh_call`` over the stored rows must find nothing to change.
"""

import dataclasses
import datetime as dt

import numpy as np
import pytest

from grantdigest.dedupe.storeindex import fingerprint_from_row
from grantdigest.ingest import ingest, refresh_call
from spiders.writer_process import FIELDS, handle_batch
from storage import Store
from storage.identity_cache import IdentityCache

AS_OF = dt.date(2025, 7, 20)

VARIED = [
    {"title": "Конкурс для громад", "text": "Заявки до 15 серпня 2025 року. Грант до 20 000 євро."},
    {"title": "Гранти ОСББ", "text": "Прийом заявок триває постійно.", "deadline": "rolling", "amount_max": 5000,
     "currency": "UAH", "applicants": ["osbb", "ngo"], "regions": ["UA-46", "UA-07"], "is_call": False},
    {"title": "", "text": "Без заголовка. Дедлайн 1 вересня 2025.", "themes": ["energy"], "is_call": True,
     "source_item_id": "X-1", "extra": {"b": 1, "a": [1, 2]}},
    {"title": "Огляд можливостей", "text": "Добірка грантів тижня.",
     "links": [f"https://site{i}.example/call" for i in range(4)]},   # a roundup
    {"title": "Call with a moment", "text": "Deadline 30 September 2025, 17:00 CET.", "deadline": "2025-09-30",
     "deadline_at": "2025-09-30T15:00:00Z", "deadline_tz": "CET", "opening_date": "2025-08-01",
     "amount_max": 12345.5, "currency": "EUR", "published": "2025-07-01", "programme": "Interreg NEXT"},
    {"title": "Закритий конкурс", "text": "Заявки приймались до 1 березня 2025 року.", "fetched_at": None},
    {"title": "Grant", "text": "", "source_status": "open", "kind": "grant", "language": "en"},
]


@pytest.mark.parametrize("source", ["bench-site", "eu-funding-tenders"])
def test_a_new_call_is_stored_as_refresh_call_would_make_it(tmp_path, source):
    store = Store(tmp_path / "g.db")
    store.sync_sources([{"id": "bench-site", "family": "html", "settings": {"role": "aggregator"}},
                        {"id": "eu-funding-tenders", "family": "sedia", "settings": {}}])
    for n, fields in enumerate(VARIED):
        item = {"source_id": source, "url": f"https://calls{n}.example.org/c/{n}", **fields}
        result = ingest(store, item, AS_OF)
        assert result.new and result.rule == "new"
        stored = store.call(result.call_id)
        again = refresh_call(store, result.call_id, AS_OF, record_changes=False)
        assert {k: v for k, v in store.call(result.call_id).items() if k != "updated_at"} == \
               {k: v for k, v in stored.items() if k != "updated_at"}, item
        assert again["first_seen"] == stored["first_seen"] == store.sighting(result.sighting_id)["fetched_at"]
        assert [f for f in FIELDS if result.written.get(f) not in (None, "")] == \
               store.sighting_fields(result.sighting_id, FIELDS)
    assert store.events() == []


def test_writer_reports_the_fields_of_what_is_stored(tmp_path):
    store = Store(tmp_path / "g.db")
    ops = [{"source_id": "bench-site", "page": f"https://g.example/{n}", "marker": None, "state": "fresh",
            "record": {"source_id": "bench-site", "url": f"https://g.example/{n}", **fields}}
           for n, fields in enumerate(VARIED)]
    for again in (False, True):          # new, then seen again unchanged (fields as stored)
        results = handle_batch(store, AS_OF, ops)
        assert [r["state"] for r in results] == ["fresh"] * len(ops)
        assert [r["new"] for r in results] == [not again] * len(ops)
        marks = store.page_marks("bench-site")
        for op, result in zip(ops, results):
            assert result["fields"] == store.sighting_fields(marks[op["page"]]["sighting_id"], FIELDS)


def _all_buckets(store: Store) -> list[tuple[int, int]]:
    return [tuple(r) for r in store.db.execute("SELECT DISTINCT key, scope FROM sighting_buckets").fetchall()]


def _same_buckets_as_a_fresh_reader(store: Store, path, extra: list[tuple[int, int]], ids: tuple = ()) -> None:
    """What ``store`` (its identity cache warm) answers is what a new connection reads:
    buckets, refs and the stored sightings' fingerprints."""
    buckets = _all_buckets(store) + extra
    keys = list(dict.fromkeys(k for k, _ in buckets))
    with Store(path) as fresh:
        for at in range(0, len(buckets), 40):     # asked in parts, as items ask
            part = buckets[at:at + 40]
            for cap in (24, 1):                   # 1: keys with more dated rows are only counted
                assert store.identity_refs_in_buckets(part, keys[at // 8:at // 8 + 6], cap, 1) == \
                       fresh.identity_refs_in_buckets(part, keys[at // 8:at // 8 + 6], cap, 1)
        assert store.identity_refs_of(list(ids)) == fresh.identity_refs_of(list(ids))
        every = [r[0] for r in fresh.db.execute("SELECT id FROM sightings").fetchall()] + list(ids)
        assert _as_compared(store.identity_fingerprints(every, fingerprint_from_row)) == \
               _as_compared(fresh.identity_fingerprints(every, fingerprint_from_row))


def _as_compared(fps: dict) -> dict:
    """Fingerprints by id as comparable values (arrays as bytes), without what they work out
    from their own values when first asked (``shingle_set``, ``_...``)."""
    def value(v):
        return v.tobytes() if isinstance(v, np.ndarray) else v
    return {sid: {f.name: value(getattr(fp, f.name)) for f in dataclasses.fields(fp)
                  if f.name != "shingle_set" and not f.name.startswith("_")} for sid, fp in fps.items()}


def _ops(ns, text="", source="bench-site"):
    return [{"source_id": source, "page": f"https://{source}.example/{n}", "marker": None, "state": "fresh",
             "record": {"source_id": source, "url": f"https://{source}.example/{n}",
                        "title": f"Конкурс малих грантів для громад області №{n % 4}",
                        "text": f"Гранти для громад і ОСББ на енергоефективність. Заявки до {10 + n % 3} серпня 2025 "
                                f"року. Сума до {n % 2 + 1}0 000 грн. Спільний текст оголошення. {text}"}}
            for n in ns]


@pytest.mark.parametrize("limit", [IdentityCache.LIMIT, 3])
def test_identity_cache_answers_as_the_database_does(tmp_path, monkeypatch, limit):
    monkeypatch.setattr(IdentityCache, "LIMIT", limit)      # 3: its entries are forgotten again and again
    path = tmp_path / "g.db"
    writer, other = Store(path), Store(path)
    never_written = [(12345, 0), (-7, -1)]
    handle_batch(writer, AS_OF, _ops(range(0, 8)))
    _same_buckets_as_a_fresh_reader(writer, path, never_written)
    handle_batch(writer, AS_OF, _ops(range(8, 12)))                  # the cache's own writes
    _same_buckets_as_a_fresh_reader(writer, path, never_written)
    handle_batch(writer, AS_OF, _ops(range(0, 12, 3), text="Термін продовжено."))   # rewritten sightings
    _same_buckets_as_a_fresh_reader(writer, path, never_written)
    handle_batch(other, AS_OF, _ops(range(0, 6), source="other-site"))          # another connection
    _same_buckets_as_a_fresh_reader(writer, path, never_written)
    new_text, other_text = ("Нова редакція, зовсім інший текст про конкурс для молоді.",
                            "Інший текст: програма для бізнесу і університетів.")
    handle_batch(writer, AS_OF, _ops([40], text=new_text) + _ops([41], text=other_text))  # their buckets known
    _same_buckets_as_a_fresh_reader(writer, path, never_written)
    bad = _ops([1], text=new_text)[0]
    bad["marker"] = {"not": "bindable"}     # its sighting is rewritten and reindexed, then that is undone
    results = handle_batch(writer, AS_OF, _ops([21]) + [bad] + _ops([22]))
    assert [r["state"] for r in results] == ["fresh", "error", "fresh"]
    _same_buckets_as_a_fresh_reader(writer, path, never_written)
    with pytest.raises(RuntimeError):
        with writer.atomic():               # a whole transaction rolled back
            handle_batch(writer, AS_OF, _ops([2, 30], text=other_text))
            raise RuntimeError("rolled back")
    _same_buckets_as_a_fresh_reader(writer, path, never_written)
    calls = sorted({s["call_id"] for s in writer.db.execute_returning_dicts("SELECT call_id FROM sightings")})
    writer.fold_call(calls[0], calls[1], "test")             # refs' calls change
    _same_buckets_as_a_fresh_reader(writer, path, never_written)
    moved = writer.call_member_ids(calls[2])[:1]
    writer.move_sightings(moved, calls[3])
    _same_buckets_as_a_fresh_reader(writer, path, never_written)
    row = writer.sighting(moved[0])
    writer.reindex_sighting(moved[0], {"fp_roundup": 1}, [(777, 0), (778, -1)], [])   # `calls reindex`
    _same_buckets_as_a_fresh_reader(writer, path, never_written + [(777, 0), (778, -1)])
    writer.save_sighting({**row, "canonical_url": "https://moved.example/", "content_hash": "other"})
    _same_buckets_as_a_fresh_reader(writer, path, never_written)
    ghost = {**row, "id": "ghost", "canonical_url": "https://ghost.example/"}
    _same_buckets_as_a_fresh_reader(writer, path, never_written, ids=("ghost",))     # known: not stored
    writer.save_sighting(ghost)
    _same_buckets_as_a_fresh_reader(writer, path, never_written, ids=("ghost",))
    writer.save_many("sightings", [{**ghost, "canonical_url": "https://ghost.example/2"}])
    _same_buckets_as_a_fresh_reader(writer, path, never_written, ids=("ghost",))
    indexed = writer.sighting(writer.call_member_ids(calls[4])[0])
    writer.save_sighting_indexed({**indexed, "call_id": calls[5], "canonical_url": "https://x.example/new",
                                  "content_hash": "changed"}, [(777, 0)], [])   # a sighting's ref columns move
    _same_buckets_as_a_fresh_reader(writer, path, never_written, ids=(indexed["id"],))
    partial = {k: v for k, v in indexed.items() if k not in ("call_id", "source_item_id")}
    writer.save_sighting_indexed({**partial, "content_hash": "again"}, [(777, 0)], [])   # columns it keeps
    _same_buckets_as_a_fresh_reader(writer, path, never_written, ids=(indexed["id"],))
    assert writer.count("sightings") == 12 + 6 + 4 + 1


def test_manual_decisions_are_seen_however_they_are_written(tmp_path):
    writer = Store(tmp_path / "own.db")
    assert writer.identity_decisions_of("s1") == (set(), set())          # none in force: known, not read again
    with writer.atomic():                                                 # its own write, in a transaction
        writer.add_identity_decision("same", "s3", "s4")
        assert writer.identity_decisions_of("s3") == ({"s4"}, set())
    writer.add_identity_decision("different", "s3", "s4")                # supersedes it
    assert writer.identity_decisions_of("s4") == (set(), {"s3"})

    writer, staff = Store(tmp_path / "g.db"), Store(tmp_path / "g.db")
    assert writer.identity_decisions_of("s1") == (set(), set())
    staff.add_identity_decision("same", "s1", "s2")                       # another connection
    assert writer.identity_decisions_of("s1") == ({"s2"}, set())
