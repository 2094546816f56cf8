"""The crawl writer's batches: one transaction, each item undone alone when it fails;
the Store's prepared row writes behave like sqlite-utils' insert/upsert/update."""

import datetime as dt
import sqlite3

import pytest

from grantdigest.urls import canonical_url
from spiders.writer_process import handle_batch
from storage import Store

AS_OF = dt.date(2025, 7, 20)


def _op(n: int, **record) -> dict:
    url = f"https://grants.example.org/calls/{n}"
    item = {"source_id": "bench-site", "url": url, "title": f"Конкурс міні-грантів для громад №{n}",
            "text": f"Заявки приймаються до {10 + n} серпня 2025 року. Сума гранту до {n} 000 грн.",
            "published": "2025-07-01", **record}
    return {"source_id": "bench-site", "page": canonical_url(url), "marker": f"h:{n}", "state": "fresh",
            "record": item}


def test_batch_keeps_good_items_and_undoes_a_bad_one(tmp_path):
    store = Store(tmp_path / "g.db")
    bad = _op(2)
    bad["marker"] = {"not": "bindable"}  # fails at its page mark, after its sighting and call were written
    results = handle_batch(store, AS_OF, [_op(1), bad, _op(3)])
    assert [r["state"] for r in results] == ["fresh", "error", "fresh"]
    assert results[1]["error"]
    assert all(r.get("new") for r in (results[0], results[2]))
    assert sorted(r["fields"] for r in (results[0], results[2])) == [["title", "url", "deadline"]] * 2
    other = Store(tmp_path / "g.db")     # committed: another connection sees them
    assert other.count("sightings") == 2 and other.count("calls") == 2
    assert {m["outcome"] for m in other.page_marks("bench-site").values()} == {"kept"}
    assert len(other.page_marks("bench-site")) == 2  # the bad item left no page mark, no half call
    deadlines = sorted(c["deadline"] for c in other.calls())
    assert deadlines == ["2025-08-11", "2025-08-13"]


def test_batch_again_only_moves_last_seen(tmp_path):
    store = Store(tmp_path / "g.db")
    handle_batch(store, AS_OF, [_op(1), _op(2)])
    first = {s["id"]: s for s in store.sightings_of(store.calls()[0]["id"])}
    again = handle_batch(store, AS_OF, [_op(1), _op(2)])
    assert [r.get("new") for r in again] == [False, False] and [r.get("changed") for r in again] == [False, False]
    assert store.count("sightings") == 2 and store.count("calls") == 2
    for sid, old in first.items():
        assert store.sighting(sid)["content_hash"] == old["content_hash"]


def test_batch_that_cannot_start_is_done_item_by_item(tmp_path, monkeypatch):
    store = Store(tmp_path / "g.db")
    real_atomic = store.atomic
    calls = {"n": 0}

    def atomic_locked_once():
        calls["n"] += 1
        if calls["n"] == 1:               # the batch's transaction: the database stays locked
            raise sqlite3.OperationalError("database is locked")
        return real_atomic()

    monkeypatch.setattr(store, "atomic", atomic_locked_once)
    results = handle_batch(store, AS_OF, [_op(1), _op(2)])
    assert [r["state"] for r in results] == ["fresh", "fresh"] and all(r["new"] for r in results)
    assert calls["n"] > 2                 # then one transaction per item
    assert Store(tmp_path / "g.db").count("sightings") == 2


def test_prepared_writes_match_sqlite_utils(tmp_path):
    store = Store(tmp_path / "g.db")
    store.save_call({"id": "c1", "title": "A", "applicants": ["ngo", "hromada"], "amount_max": 5000, "is_call": True})
    store.save_call({"id": "c1", "title": "B"})             # upsert: other columns kept
    call = store.call("c1")
    assert (call["title"], call["applicants"], call["amount_max"], call["is_call"]) == ("B", ["ngo", "hromada"], 5000.0, 1)
    store.save_call({"id": "c2", "not_a_column_yet": "x"})  # unknown column: added, as sqlite-utils' alter=True does
    assert store.call("c2")["not_a_column_yet"] == "x"
    store.save_sighting({"id": "s1", "source_id": "manual", "url": "https://x.example/1", "call_id": "c1",
                         "content_hash": "h1", "links": ["https://x.example/form"]})
    store.save_sighting({"id": "s1", "source_id": "manual", "url": "https://x.example/1", "call_id": "c1",
                         "content_hash": "h2", "title": "New"})
    assert store.sighting("s1")["title"] == "New" and store.sighting("s1")["links"] == ["https://x.example/form"]
    with pytest.raises(Exception):
        store._update_row("sightings", "missing", {"title": "x"})


def test_batch_item_that_cannot_be_classified_fails_alone(tmp_path):
    store = Store(tmp_path / "g.db")
    bad = _op(2)
    del bad["record"]["url"]              # fails before any write: while the batch is prepared
    results = handle_batch(store, AS_OF, [_op(1), bad, _op(3)])
    assert [r["state"] for r in results] == ["fresh", "error", "fresh"]
    assert "KeyError" in results[1]["error"] and bad["page"] in results[1]["error"]
    assert store.count("sightings") == 2 and len(store.page_marks("bench-site")) == 2


def test_batch_fingerprints_are_those_of_single_items():
    from grantdigest.dedupe.storeindex import fingerprint_columns
    from grantdigest.ingest import prepare, prepare_many

    items = [_op(n)["record"] for n in range(1, 6)] + [_op(1)["record"]]   # a text twice in one batch
    for one, batch in zip([prepare(i, AS_OF) for i in items], prepare_many(items, AS_OF)):
        assert one.record == batch.record
        assert fingerprint_columns(one.fp) == fingerprint_columns(batch.fp)
        assert one.fp.index_rows() == batch.fp.index_rows() and one.fp.lookups() == batch.fp.lookups()
