"""Pairwise precision and recall on the labelled duplicate groups
(tests/fixtures/dedupe: real texts, real recordings, constructed reposts),
through the real ingest path; and the bulk engine deciding as ingest does."""

import datetime as dt

from conftest import FIXTURES
from grantdigest.dedupe.bulk import BulkIdentity
from grantdigest.dedupe.evaluate import as_item, evaluate, load_labelled, pairwise
from grantdigest.dedupe.index import MemoryIndex
from grantdigest.dedupe.resolver import Resolver
from grantdigest.dedupe.fingerprint import fingerprints
from grantdigest.ingest import ingest, new_call_id

LABELLED = FIXTURES / "dedupe" / "labelled.jsonl"
AS_OF = dt.date(2025, 7, 20)


def test_labelled_set_is_what_its_readme_says():
    records = load_labelled(LABELLED)
    groups = {}
    for r in records:
        groups.setdefault(r["group"], []).append(r["label"])
    assert len(records) == 240 and len({r["label"] for r in records}) == 240
    assert sorted(groups["interreg-next-pl-ua-call1"]) == ["b02", "b03", "f12"]
    assert sorted(groups["eit-umx-2025"]) == ["eu-funding-tenders:11264COMPETITIVE_CALL",
                                              "grant-market:https://grant.market/opp/umx-call"]
    assert sum(len(m) * (len(m) - 1) // 2 for m in groups.values()) == 101


def test_precision_and_recall_in_file_order():
    scores = evaluate(LABELLED, AS_OF)
    print("labelled set, file order:", scores.summary())
    assert scores.precision >= 0.98, scores.false_merges
    assert scores.recall >= 0.90, scores.missed


def test_precision_and_recall_in_another_order():
    scores = evaluate(LABELLED, AS_OF, order_seed=1)
    print("labelled set, shuffled:", scores.summary())
    assert scores.precision >= 0.98, scores.false_merges
    assert scores.recall >= 0.90, scores.missed


def test_pairwise_scores():
    gold = {"a": "1", "b": "1", "c": "1", "d": "2"}
    assert pairwise(gold, {"a": "x", "b": "x", "c": "y", "d": "y"}).summary() == \
        "precision 0.500 (1/2), recall 0.333 (1/3)"


def test_bulk_engines_decide_as_ingest_does(store):
    """The in-memory engines (key-by-key and sort-based bucket join) put the same
    sightings together as ingest over SQLite, given the same classified records."""
    records = load_labelled(LABELLED)
    ids = [ingest(store, as_item(r), AS_OF).sighting_id for r in records]
    rows = [store.sighting(sid) for sid in ids]
    by_store = {sid: store.call_of_sighting(sid) for sid in ids}

    bulk = BulkIdentity()
    bulk.add_many(rows)
    by_bulk = bulk.result().call_of

    memory = MemoryIndex()
    resolver = Resolver(memory)
    for fp in fingerprints(rows):
        resolution = resolver.resolve(fp)
        call = resolution.call_id or new_call_id(fp.sighting_id)
        for other in resolution.merge:
            for sid in memory.members(other):
                memory.move(sid, call)
        memory.add(fp, call, fp.index_rows())
    by_memory = {sid: ref.call_id for sid, ref in memory.refs.items()}

    def partition(assignment):
        groups = {}
        for sid, call in assignment.items():
            groups.setdefault(call, set()).add(sid)
        return sorted(sorted(g) for g in groups.values())

    assert partition(by_bulk) == partition(by_store)
    assert partition(by_memory) == partition(by_store)
