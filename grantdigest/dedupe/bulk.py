"""Identity for many sightings at once, in memory (benchmark, evaluation).

Runs the same ``Resolver`` over a ``MemoryIndex`` as ingest runs over the
database, with fingerprints computed in one numpy batch. Sightings are
resolved in the order given, as if ingested one after another.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from grantdigest.dedupe.fingerprint import fingerprints
from grantdigest.dedupe.index import MemoryIndex
from grantdigest.dedupe.resolver import Resolution, Resolver

BATCH = 4096


def new_call_id(sighting_id: str) -> str:
    return hashlib.sha256(f"call\x1f{sighting_id}".encode()).hexdigest()[:16]


@dataclass
class BulkResult:
    call_of: dict[str, str]            # sighting id -> call id
    resolutions: dict[str, Resolution]


class BulkIdentity:
    def __init__(self) -> None:
        self.index = MemoryIndex()
        self.resolver = Resolver(self.index)
        self.resolutions: dict[str, Resolution] = {}

    def add_many(self, records: list[dict]) -> None:
        """``records``: sighting dicts with an ``id`` (see ``fingerprint.fingerprints``)."""
        for start in range(0, len(records), BATCH):
            for fp in fingerprints(records[start:start + BATCH]):
                if fp.sighting_id in self.index.refs:
                    continue  # seen again: identity is kept
                resolution = self.resolver.resolve(fp)
                call = resolution.call_id or new_call_id(fp.sighting_id)
                for other in resolution.merge:
                    for sid in self.index.members(other):
                        self.index.move(sid, call)
                self.index.add(fp, call, fp.content_keys()[0])
                self.resolutions[fp.sighting_id] = resolution

    def decide(self, a: str, b: str, same: bool) -> None:
        self.index.decide(a, b, same)

    def result(self) -> BulkResult:
        return BulkResult({sid: ref.call_id for sid, ref in self.index.refs.items()}, dict(self.resolutions))
