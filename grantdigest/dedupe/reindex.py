"""Rebuild the identity index of stored sightings (``grantdigest calls reindex``).

Fingerprints and index keys are stored with each sighting, so a change to how
they are computed (a new canonical-URL rule, another shingle or key scheme)
leaves old rows under old keys. Reindexing recomputes every sighting's
canonical URL, fingerprint columns, keys and identifying links from its
stored fields, in batches. It changes no call: identity already decided stays.
"""

from __future__ import annotations

from collections.abc import Callable

from grantdigest.dedupe.fingerprint import fingerprints
from grantdigest.dedupe.storeindex import fingerprint_columns
from grantdigest.urls import canonical_url
from storage import Store

BATCH = 2000


def reindex(store: Store, progress: Callable[[int], None] | None = None) -> int:
    """Recompute the index of every stored sighting; returns how many."""
    done = 0
    batch: list[dict] = []
    for sighting_id in store.sighting_ids():
        row = store.sighting(sighting_id)
        row["canonical_url"] = canonical_url(row.get("url") or "")
        batch.append(row)
        if len(batch) >= BATCH:
            done += _write(store, batch)
            batch = []
            if progress:
                progress(done)
    if batch:
        done += _write(store, batch)
        if progress:
            progress(done)
    return done


def _write(store: Store, rows: list[dict]) -> int:
    for row, fp in zip(rows, fingerprints(rows)):
        fields = {"canonical_url": fp.url, **fingerprint_columns(fp)}
        store.reindex_sighting(row["id"], fields, fp.index_rows(), list(fp.links))
    return len(rows)


def index_rows_of(rows: list[dict]) -> list[tuple[int, int, str]]:
    """(key, scope, sighting id) index rows of stored sightings, from their stored fields
    (migration ``m0310_identity_buckets``)."""
    out: list[tuple[int, int, str]] = []
    for row, fp in zip(rows, fingerprints(rows)):
        out += [(key, scope, row["id"]) for key, scope in dict.fromkeys(fp.index_rows())]
    return out
