"""The writer writes a batch part by part, each as soon as the readers are done with it,
in one transaction; a transaction that fails is done again item by item, every part."""

import datetime as dt
from contextlib import contextmanager
import time

import spiders.classify_pool
from spiders.classify_pool import PART, ClassifyPool, _parts
from spiders.writer_process import handle_batch, handle_parts
from storage import Store
from tests.test_writer_readers import _ops

AS_OF = dt.date(2025, 7, 20)


def _mixed(count: int) -> list[dict]:
    """Fresh operations with an unchanged and a filtered one between them every few."""
    ops = []
    for i, op in enumerate(_ops(count)):
        ops.append(op)
        if i % 5 == 2:
            ops.append({**op, "state": "unchanged", "record": None, "marker": f"u:{i}"})
        if i % 7 == 3:
            ops.append({**op, "state": "filtered", "record": None, "marker": f"f:{i}"})
    return ops


def test_parts_cover_the_batch_in_order_with_part_fresh_records_each():
    ops = _mixed(PART * 3 + 5)
    parts = _parts(ops)
    assert [op for part in parts for op in part] == ops
    fresh = [sum(op["state"] == "fresh" for op in part) for part in parts]
    assert fresh == [PART, PART, PART, 5]
    assert _parts([]) == [] and _parts(ops[:1]) == [ops[:1]]


def test_parts_give_what_one_batch_gives(tmp_path):
    ops = _mixed(40)
    whole = handle_batch(Store(tmp_path / "a.db"), AS_OF, [dict(op) for op in ops])
    parts = handle_parts(Store(tmp_path / "b.db"), AS_OF, _parts([dict(op) for op in ops]))
    assert parts == whole
    assert [r["state"] for r in parts] == [op["state"] for op in ops]
    one, other = Store(tmp_path / "a.db"), Store(tmp_path / "b.db")
    strip = lambda rows: sorted((r["id"], r["title"], r["deadline"], r["amount_max"]) for r in rows)  # noqa: E731
    assert strip(one.calls()) == strip(other.calls()) and len(one.calls()) == 40


def test_a_failed_commit_redoes_every_part_item_by_item(tmp_path, monkeypatch):
    store = Store(tmp_path / "g.db")
    real_commit_atomic = store.atomic
    seen = {"n": 0}

    @contextmanager
    def commit_fails_once():
        seen["n"] += 1
        with real_commit_atomic():
            yield store
            if seen["n"] == 1:
                raise RuntimeError("disk I/O error at commit")  # rolls the whole transaction back

    monkeypatch.setattr(store, "atomic", commit_fails_once)
    ops = _ops(PART * 2 + 3)
    results = handle_parts(store, AS_OF, iter(_parts(ops)))
    assert [r.get("new") for r in results] == [True] * len(ops)
    assert store.count("calls") == len(ops) and store.count("sightings") == len(ops)


def test_the_first_part_is_written_while_the_next_is_read(tmp_path, monkeypatch):
    """With one reader, the writer gets the first part before the reader is done with the second."""
    real = spiders.classify_pool.classify_item

    def slow_second_part(record, as_of):
        if "№2" in record["title"] and record["title"].endswith("(slow)"):
            time.sleep(1.0)
        return real(record, as_of)

    monkeypatch.setattr(spiders.classify_pool, "classify_item", slow_second_part)  # inherited by the forked reader
    ops = _ops(PART * 2)
    ops[PART]["record"]["title"] = "Конкурс №2 (slow)"   # the first record of the second part
    pool = ClassifyPool(AS_OF, workers=1)
    try:
        batch = pool.start(ops)
        started = time.monotonic()
        parts = batch.read_parts(pool)
        first = next(parts)
        assert time.monotonic() - started < 0.9 and not batch.parts[1][1].done()
        assert first == ops[:PART] and all(op.get("classified") for op in first)
        second = next(parts)
        assert second == ops[PART:] and all(op.get("classified") for op in second)
        assert second[0]["record"]["title"] == "Конкурс №2 (slow)"
    finally:
        pool.close()
