"""Pairwise precision and recall of identity against labelled duplicate groups.

A labelled set is a JSONL file of sightings (the ``CallItem`` fields) each with
a ``label`` (unique) and a ``group`` (labels of one call share it); see
``tests/fixtures/dedupe``. The sightings go through the real ingest path into a
real SQLite database, in the file's order or another; every pair of sightings
is then either in one call or not, and compared with the labels:

- precision = pairs put together that are one call / pairs put together;
- recall = pairs put together that are one call / pairs that are one call.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ITEM_FIELDS = ("source_id", "url", "title", "text", "published", "source_item_id", "language", "deadline",
               "deadline_at", "deadline_tz", "opening_date", "amount_max", "currency", "programme", "regions",
               "applicants", "themes", "is_call", "kind", "source_status", "links", "extra")


@dataclass
class Scores:
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    false_merges: list[tuple[str, str]] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    def summary(self) -> str:
        return (f"precision {self.precision:.3f} ({self.correct_pairs}/{self.predicted_pairs}), "
                f"recall {self.recall:.3f} ({self.correct_pairs}/{self.true_pairs})")


def _pairs(assignment: dict[str, str]) -> set[tuple[str, str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for item, group in assignment.items():
        groups[group].append(item)
    return {tuple(sorted(p)) for members in groups.values() for p in itertools.combinations(members, 2)}


def pairwise(gold: dict[str, str], predicted: dict[str, str]) -> Scores:
    """Compare two assignments of the same items (item -> group / item -> call)."""
    true, guessed = _pairs(gold), _pairs(predicted)
    return Scores(len(true), len(guessed), len(true & guessed), sorted(guessed - true), sorted(true - guessed))


def load_labelled(path: str | Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def as_item(record: dict) -> dict:
    return {k: record[k] for k in ITEM_FIELDS if k in record}


def ingest_labelled(records: list[dict], as_of: dt.date, db_path: str | Path | None = None) -> dict[str, str]:
    """Ingest the records in order into a fresh database; label -> call id."""
    from grantdigest.ingest import ingest
    from storage import Store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(db_path) if db_path else Path(tmp) / "labelled.db"
        with Store(path) as store:
            sighting_of = {r["label"]: ingest(store, as_item(r), as_of).sighting_id for r in records}
            return {label: store.call_of_sighting(sid) for label, sid in sighting_of.items()}


def evaluate(path: str | Path, as_of: dt.date, order_seed: int | None = None) -> Scores:
    """Scores of the ingest path on a labelled file (``order_seed``: shuffle the order)."""
    records = load_labelled(path)
    if order_seed is not None:
        random.Random(order_seed).shuffle(records)
    predicted = ingest_labelled(records, as_of)
    return pairwise({r["label"]: r["group"] for r in records}, predicted)
