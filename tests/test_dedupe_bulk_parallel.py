"""Bulk identity with its fingerprints split over two processes decides exactly as with one."""

from __future__ import annotations

import grantdigest.dedupe.bulk as bulk
from grantdigest.bench.dedupe import synthetic_sightings


def calls_of(records) -> dict[str, str]:
    engine = bulk.BulkIdentity()
    engine.add_many(records)
    return engine.result().call_of


def test_forked_fingerprints_give_the_same_calls(monkeypatch):
    records, _ = synthetic_sightings(3_000)
    monkeypatch.setattr(bulk, "PARALLEL_FROM", 10**9)
    alone = calls_of(records)
    monkeypatch.setattr(bulk, "PARALLEL_FROM", 1_000)
    monkeypatch.setattr(bulk, "BATCH", 256)           # several batches on each side of the split
    fps, batches = bulk.fingerprint_all(records)
    assert [fp.sighting_id for fp in fps] == [r["id"] for r in records]
    assert sum(len(b.bases) for b in batches) == len(records)
    assert all(fp.text is not None for fp in fps)      # texts restored on the parent's side
    assert calls_of(records) == alone
    assert len(set(alone.values())) < len(alone)        # the set has duplicates to find


def test_a_failing_child_is_replaced_by_the_parent(monkeypatch):
    records, _ = synthetic_sightings(2_000)
    monkeypatch.setattr(bulk, "PARALLEL_FROM", 10**9)
    alone = calls_of(records)

    def broken(send, records, start, stop):
        send.send(("error", "MemoryError: no room", None))
        send.close()

    monkeypatch.setattr(bulk, "PARALLEL_FROM", 500)
    monkeypatch.setattr(bulk, "_fingerprint_child", broken)
    assert calls_of(records) == alone
