"""Where the resolver looks things up: the identity index.

``IdentityIndex`` is what ``Resolver`` needs to know about sightings already
seen. Two implementations: ``StoreIndex`` (``grantdigest.dedupe.storeindex``,
SQLite, used by every ingest) and ``MemoryIndex`` (here: the same lookups in
dictionaries, for bulk work — the benchmark and the evaluation of a labelled
set). Both answer from the same stored facts, so they decide alike.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Protocol

import numpy as np

from grantdigest.dedupe import minhash
from grantdigest.dedupe.fingerprint import ANY, NAME, NONE, Fingerprint


@dataclass(slots=True)
class Ref:
    """A sighting as the index knows it, without its text (``call_id`` changes when
    calls are folded together)."""

    sighting_id: str
    call_id: str
    source_id: str
    own_id: str | None
    site: str
    roundup: bool


COMMON_BUCKET = 32     # a bucket holding more sightings than this (a boilerplate sentence) is no evidence
ANY_BUCKET_CAP = 24    # an undated sighting looks into a dated bucket only if it is this small
SPECIFIC_WEIGHT = 3    # a shared headline, code, acronym or fact counts as this many shared buckets
MIN_HITS = 3           # a candidate sharing fewer (weighted) buckets is weak...
WEAK_MIN_JACCARD = 0.08  # ...and is kept only if its signature agrees at least this much


Bucket = tuple[int, int]   # (key, scope); (base, ANY): the sightings with a deadline under a base


@dataclass
class Candidates:
    """Sightings sharing index buckets with a new one."""

    hits: dict[str, int]                   # sighting id -> shared buckets (weighted)
    refs: dict[str, Ref]
    specific_codes: frozenset[str] = frozenset()      # codes only one known call carries
    specific_acronyms: frozenset[str] = frozenset()   # acronyms (with this deadline) of one call only
    agreement: dict[str, int] | None = None           # sighting id -> signature bins in common, if counted


def collect(fp: Fingerprint, buckets: dict[Bucket, list[Ref]]) -> Candidates:
    """Candidates from the buckets an index found for ``fp`` (common buckets left out)."""
    hits: dict[str, int] = {}
    refs: dict[str, Ref] = {}
    specific = fp.specific_keys()
    for (key, _), bucket in buckets.items():
        if len(bucket) > COMMON_BUCKET:
            continue
        weight = SPECIFIC_WEIGHT if key in specific else 1
        for ref in bucket:
            sid = ref.sighting_id
            if sid in hits:
                hits[sid] += weight
            else:
                hits[sid] = weight
                refs[sid] = ref
    codes, acronyms = specific_names(fp, buckets)
    return Candidates(hits, refs, codes, acronyms)


def specific_names(fp: Fingerprint, buckets: dict[Bucket, list[Ref]]) -> tuple[frozenset[str], frozenset[str]]:
    """``fp``'s codes and acronyms whose buckets hold the sightings of one call only."""
    codes, acronyms = fp.identifier_keys(), fp.acronym_keys()
    if not codes and not acronyms:
        return frozenset(), frozenset()
    single = [key for (key, scope), bucket in buckets.items()
              if scope == NAME and (key in codes or key in acronyms) and _one_call(bucket)]
    return (frozenset(codes[k] for k in single if k in codes),
            frozenset(acronyms[k] for k in single if k in acronyms))


def _one_call(bucket: list[Ref]) -> bool:
    call = bucket[0].call_id
    return all(ref.call_id == call for ref in bucket)


def drop_weak(fp: Fingerprint, found: Candidates, fingerprints) -> Candidates:
    """Leave out weak candidates whose signatures do not agree (one numpy pass)."""
    weak = [sid for sid, hits in found.hits.items() if hits < MIN_HITS]
    if not weak:
        return found
    fps = fingerprints(weak)
    weak = [sid for sid in weak if sid in fps]
    if weak:
        agree = (np.stack([fps[sid].sig for sid in weak]) == fp.sig).sum(axis=1)
        for sid, shared in zip(weak, agree.tolist()):
            if shared < WEAK_MIN_JACCARD * minhash.BINS:
                del found.hits[sid]
    return found


class IdentityIndex(Protocol):
    def refs_by_url(self, url: str) -> list[Ref]: ...
    def refs_linking_to(self, url: str) -> list[Ref]: ...
    def content_candidates(self, fp: Fingerprint) -> Candidates: ...
    def fingerprints(self, sighting_ids: Iterable[str]) -> dict[str, Fingerprint]: ...
    def call_of(self, sighting_id: str) -> str | None: ...
    def members(self, call_id: str) -> list[str]: ...
    def call_sources(self, call_id: str) -> set[str]: ...
    def decisions(self, sighting_id: str) -> tuple[set[str], set[str]]: ...


def bucket_id(key: int, scope: int) -> int:
    """One integer for the bucket (key, scope) (scopes stay below 2**23: dates up to the year 9999)."""
    return (key << 23) | (scope - NAME)


def _put(table: dict, key: int, ref: Ref) -> None:
    bucket = table.get(key)
    if bucket is None:
        table[key] = ref                 # most buckets hold one sighting: no list
    elif bucket.__class__ is Ref:
        table[key] = [bucket, ref]
    else:
        bucket.append(ref)


class MemoryIndex:
    """The identity index in dictionaries (one process, bulk work)."""

    def __init__(self) -> None:
        self.fps: dict[str, Fingerprint] = {}
        self.refs: dict[str, Ref] = {}
        self.by_url: dict[str, list[str]] = defaultdict(list)
        self.by_link: dict[str, list[str]] = defaultdict(list)
        self.by_bucket: dict[int, list[Ref] | Ref] = {}      # bucket_id(key, scope) -> sightings
        self.dated_by_base: dict[int, list[Ref] | Ref] = {}  # base -> sightings with a deadline (ANY)
        self.call_members: dict[str, list[str]] = defaultdict(list)
        self.same: dict[str, set[str]] = defaultdict(set)
        self.different: dict[str, set[str]] = defaultdict(set)

    # --- writes ----------------------------------------------------------
    def add(self, fp: Fingerprint, call_id: str, rows: list[Bucket]) -> None:
        """Add a sighting with the index rows it is stored under (``Fingerprint.index_rows``)."""
        sid = fp.sighting_id
        self.fps[sid] = fp
        ref = self.refs[sid] = Ref(sid, call_id, fp.source_id, fp.own_id, fp.site, fp.roundup)
        self.by_url[fp.url].append(sid)
        for link in fp.links:
            self.by_link[link].append(sid)
        for key, scope in dict.fromkeys(rows) if rows else ():
            _put(self.by_bucket, bucket_id(key, scope), ref)
            if scope > NONE:
                _put(self.dated_by_base, key, ref)
        self.call_members[call_id].append(sid)

    def move(self, sighting_id: str, call_id: str) -> None:
        ref = self.refs[sighting_id]
        if ref.call_id == call_id:
            return
        self.call_members[ref.call_id].remove(sighting_id)
        self.call_members[call_id].append(sighting_id)
        ref.call_id = call_id

    def decide(self, a: str, b: str, same: bool) -> None:
        (self.same if same else self.different)[a].add(b)
        (self.same if same else self.different)[b].add(a)

    # --- the IdentityIndex protocol ---------------------------------------
    def refs_by_url(self, url: str) -> list[Ref]:
        return [self.refs[s] for s in self.by_url.get(url, ())]

    def refs_linking_to(self, url: str) -> list[Ref]:
        return [self.refs[s] for s in self.by_link.get(url, ())]

    def content_candidates(self, fp: Fingerprint) -> Candidates:
        buckets, capped = fp.lookups()
        return drop_weak(fp, collect(fp, self.refs_in(buckets, capped, ANY_BUCKET_CAP)), self.fingerprints)

    def refs_in(self, buckets: list[Bucket], capped: list[int], cap: int) -> dict[Bucket, list[Ref]]:
        """The sightings in ``buckets``, and in the ``ANY`` bucket of each base of ``capped``
        that holds at most ``cap`` sightings."""
        out: dict[Bucket, list[Ref]] = {}
        table = self.by_bucket
        for key, scope in buckets:
            bucket = table.get(bucket_id(key, scope))
            if bucket is not None:
                out[(key, scope)] = [bucket] if bucket.__class__ is Ref else bucket
        dated = self.dated_by_base
        for key in capped:
            bucket = dated.get(key)
            if bucket is not None:
                if bucket.__class__ is Ref:
                    out[(key, ANY)] = [bucket]
                elif len(bucket) <= cap:
                    out[(key, ANY)] = bucket
        return out

    def fingerprints(self, sighting_ids: Iterable[str]) -> dict[str, Fingerprint]:
        fps = self.fps
        return {s: fps[s] for s in sighting_ids if s in fps}

    def call_of(self, sighting_id: str) -> str | None:
        ref = self.refs.get(sighting_id)
        return ref.call_id if ref else None

    def members(self, call_id: str) -> list[str]:
        return list(self.call_members.get(call_id, ()))

    def call_sources(self, call_id: str) -> set[str]:
        return {self.refs[s].source_id for s in self.call_members.get(call_id, ())}

    def decisions(self, sighting_id: str) -> tuple[set[str], set[str]]:
        return set(self.same.get(sighting_id, ())), set(self.different.get(sighting_id, ()))
