"""Identity for many sightings at once, in memory (benchmark, evaluation).

Runs the same ``Resolver`` as ingest, one sighting after another in the order
given, as if each were ingested then. What is done in bulk is only what does
not depend on the order of decisions:

- fingerprints, computed in numpy batches;
- the bucket join: for every sighting, which *earlier* sightings share its
  index buckets and how many (weighted as ``index.collect`` weighs them, with
  the same caps on common and ``ANY`` buckets) — one sort-based join over
  all keys instead of a dictionary lookup per key and sighting.

Which call each candidate belongs to, manual decisions, folding of calls and
every rule are decided at resolution time, as in ingest.
"""

from __future__ import annotations

import gc
import hashlib
import multiprocessing as mp
import os
from dataclasses import dataclass

import numpy as np

from grantdigest.dedupe import minhash
from grantdigest.dedupe.fingerprint import NAME, NO_SCOPE, NONE, Fingerprint, KeyBatch, fingerprints, signature_text
from grantdigest.dedupe.index import (ANY_BUCKET_CAP, COMMON_BUCKET, MIN_HITS, SPECIFIC_WEIGHT, WEAK_MIN_JACCARD,
                                      Candidates, MemoryIndex, specific_names)
from grantdigest.dedupe.resolver import Resolution, Resolver

BATCH = 4096
PARALLEL_FROM = 8_000      # records: below this, a second process costs about what it saves
PARENT_SHARE = 0.55
# A base shared by at most this many sightings has no bucket too common to count (nor an ANY
# bucket too big to look in): every earlier sighting sharing it is paired without counting.
SMALL_GROUP = min(COMMON_BUCKET, ANY_BUCKET_CAP) + 1
PAIR_CHUNK = 1 << 18     # pairs made at once (bounds the join's memory)


def new_call_id(sighting_id: str) -> str:
    return hashlib.sha256(f"call\x1f{sighting_id}".encode()).hexdigest()[:16]


@dataclass
class BulkResult:
    call_of: dict[str, str]            # sighting id -> call id
    resolutions: dict[str, Resolution]


class JoinPlan:
    """For each sighting, the earlier sightings sharing its buckets (weighted, common
    buckets left out, weak candidates checked on their signatures — what
    ``index.collect`` and ``index.drop_weak`` do per sighting, for all at once).

    Bucket bases: the rows of all sightings are sorted by base, so the sightings
    sharing a base are one run. In a run of at most ``SMALL_GROUP`` no bucket
    can be too common, so each sighting is paired with every earlier one whose
    scope it looks in (or, looking in ANY, every earlier one with a deadline).
    The few longer runs (boilerplate) are counted bucket by bucket. Names
    (codes, acronyms, facts) are joined key by key, as their stored and looked-up
    keys differ."""

    def __init__(self, fps: list[Fingerprint], batches: list[KeyBatch]):
        self.ids = [fp.sighting_id for fp in fps]
        self.position = {sid: i for i, sid in enumerate(self.ids)}
        n = len(fps)
        self.span = span = n + 1
        keys, owners, titles, scope, query, any_ = self._arrays(fps, batches)
        parts: list[np.ndarray] = []        # packed (i * span + j) * 8 + weight
        if len(keys):
            self._base_pairs(keys, owners, titles, scope, query, any_, parts)
        del keys, owners, titles
        self._name_pairs(fps, parts)
        if parts:
            packed = np.concatenate(parts)
            del parts
            packed.sort()
            pair = packed >> 3
            starts = np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]])
            totals = np.add.reduceat(packed & 7, starts)
            pair = pair[starts]
            del packed, starts
            pair_i, pair_j = pair // span, pair % span
            del pair
            shared, agreement = self._agreement(self._signatures(fps, batches), pair_i, pair_j)
            keep = (totals >= MIN_HITS) | (shared >= WEAK_MIN_JACCARD * minhash.BINS)
            self.pair_i, self.pair_j = pair_i[keep], pair_j[keep]
            self.pair_w, self.pair_shared = totals[keep], agreement[keep]
        else:
            self.pair_i = self.pair_j = self.pair_w = np.empty(0, dtype=np.int64)
            self.pair_shared = np.empty(0, dtype=np.int16)
        self.first = np.searchsorted(self.pair_i, np.arange(n + 1)).tolist()

    @staticmethod
    def _arrays(fps: list[Fingerprint], batches: list[KeyBatch]):
        """Flat (base, owner, is headline) rows of every sighting, and each owner's scopes."""
        n = len(fps)
        owners_of = {id(batch): np.full(len(batch.bases), -1, dtype=np.int64) for batch in batches}
        for i, fp in enumerate(fps):      # a row's owner: its position among the sightings resolved
            owners_of[id(fp._batch)][fp._row] = i
        keys, owners, titles = [], [], []
        scope = np.zeros(n, dtype=np.int64)
        query = np.full((n, 3), NO_SCOPE, dtype=np.int64)
        any_ = np.zeros(n, dtype=bool)
        for batch in batches:
            row_owner = owners_of[id(batch)]
            active = row_owner >= 0
            valid = batch.present & active[:, None]
            keys.append(batch.bases[valid])
            owners.append(np.broadcast_to(row_owner[:, None], batch.bases.shape)[valid].astype(np.int32))
            column = np.broadcast_to(np.arange(batch.bases.shape[1]), batch.bases.shape)
            titles.append(column[valid] == batch.title_column)
            at = row_owner[active]
            scope[at] = batch.scope[active]
            query[at] = batch.query[active]
            any_[at] = batch.looks_in_any[active]
        if not keys:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty, np.empty(0, dtype=bool), scope, query, any_
        return np.concatenate(keys), np.concatenate(owners), np.concatenate(titles), scope, query, any_

    @staticmethod
    def _signatures(fps: list[Fingerprint], batches: list[KeyBatch]) -> np.ndarray:
        """The signatures of the sightings resolved, in their order."""
        sigs = np.empty((len(fps), minhash.BINS), dtype=np.uint64)
        rows: dict[int, tuple[list[int], list[int]]] = {id(batch): ([], []) for batch in batches}
        for i, fp in enumerate(fps):
            owners, at = rows[id(fp._batch)]
            owners.append(i)
            at.append(fp._row)
        for batch in batches:
            owners, at = rows[id(batch)]
            if owners:
                sigs[owners] = batch.sigs[at]
        return sigs

    def _base_pairs(self, keys, owners, titles, scope, query, any_, parts: list) -> None:
        if len(owners) > 1 and (owners[1:] < owners[:-1]).any():
            order = np.lexsort((owners, keys))              # (fingerprints not in their batches' order)
        else:
            order = np.argsort(keys, kind="stable")        # rows come by owner: owners stay in order
        keys = keys[order]
        repeated = keys[1:] == keys[:-1]
        shared = np.zeros(len(keys), dtype=bool)           # bases of one row only make no pair
        shared[:-1] = repeated
        shared[1:] |= repeated
        del repeated
        order, keys = order[shared], keys[shared]
        owners, titles = owners[order], titles[order]
        del order, shared
        keep = np.ones(len(keys), dtype=bool)              # a base twice in one sighting counts once
        keep[1:] = (keys[1:] != keys[:-1]) | (owners[1:] != owners[:-1])
        keys, owners, titles = keys[keep], owners[keep], titles[keep]
        del keep
        first = np.ones(len(keys), dtype=bool)
        first[1:] = keys[1:] != keys[:-1]
        del keys
        starts = np.flatnonzero(first).astype(np.int32)
        sizes = np.diff(np.append(starts, len(first))).astype(np.int32)
        group = np.cumsum(first, dtype=np.int32) - 1
        del first
        start = starts[group]
        rank = np.arange(len(group), dtype=np.int32) - start
        small = sizes[group] <= SMALL_GROUP
        unit = np.where(titles, SPECIFIC_WEIGHT, 1).astype(np.int8)
        del titles
        # long runs (a sentence or a headline shared by many): bucket by bucket, with the caps
        big = np.flatnonzero(~small)
        if len(big):
            self._long_runs(group[big], owners[big], unit[big], scope, query, any_, parts)
        del big, group, starts, sizes
        self._short_runs(np.flatnonzero(small & (rank > 0)), rank, start, owners, unit, scope, query, any_, parts)

    def _short_runs(self, later_rows, rank, start, owners, unit, scope, query, any_, parts: list) -> None:
        """Runs of at most ``SMALL_GROUP``: each later row with every earlier row of its run,
        weighted by the buckets of the later that hold the earlier."""
        span = self.span
        counts = rank[later_rows]
        ends = np.cumsum(counts)
        at = 0
        while at < len(later_rows):
            stop = int(np.searchsorted(ends, (ends[at - 1] if at else 0) + PAIR_CHUNK, side="right"))
            stop = max(stop, at + 1)
            rows, count = later_rows[at:stop], counts[at:stop]
            total = int(count.sum())
            later = np.repeat(rows, count)
            earlier = np.repeat(start[rows], count) + (np.arange(total) - np.repeat(np.cumsum(count) - count, count))
            i, j = owners[later], owners[earlier]
            del earlier
            sj, q = scope[j], query[i]
            weight = unit[later] * (((sj == q[:, 0]) | (sj == q[:, 1]) | (sj == q[:, 2])).astype(np.int64)
                                    + (any_[i] & (sj > NONE)))
            del q, sj, later
            found = weight > 0
            parts.append((i[found].astype(np.int64) * span + j[found]) * 8 + weight[found])
            at = stop

    def _long_runs(self, group, owner, unit, scope, query, any_, parts: list) -> None:
        span = self.span
        _, run = np.unique(group, return_inverse=True)
        run = run.astype(np.int64)
        own_scope = scope[owner]
        scopes, scope_rank = np.unique(own_scope, return_inverse=True)
        width = len(scopes)
        owner = owner.astype(np.int64)
        codes = np.sort((run * width + scope_rank) * span + owner)
        for column in range(query.shape[1]):
            wanted = query[owner, column]
            at = np.minimum(np.searchsorted(scopes, wanted), width - 1)
            exists = (wanted != NO_SCOPE) & (scopes[at] == wanted)
            _earlier(codes, span, (run[exists] * width + at[exists]) * span, owner[exists], unit[exists],
                     COMMON_BUCKET, parts)
        dated = (run * 2 + (own_scope > NONE)) * span + owner
        looking = any_[owner]
        _earlier(np.sort(dated), span, (run[looking] * 2 + 1) * span, owner[looking], unit[looking],
                 ANY_BUCKET_CAP, parts)

    def _name_pairs(self, fps: list[Fingerprint], parts: list) -> None:
        stored_k, stored_o, query_k, query_o = [], [], [], []
        for i, fp in enumerate(fps):
            stored, looked = fp.name_keys()
            if stored:
                stored_k += stored
                stored_o += [i] * len(stored)
            if looked:
                query_k += looked
                query_o += [i] * len(looked)
        if not stored_k or not query_k:
            return
        span = self.span
        names, name_of = np.unique(np.array(stored_k, dtype=np.int64), return_inverse=True)
        codes = np.sort(name_of.astype(np.int64) * span + np.array(stored_o, dtype=np.int64))
        query_k, query_o = np.array(query_k, dtype=np.int64), np.array(query_o, dtype=np.int64)
        at = np.minimum(np.searchsorted(names, query_k), len(names) - 1)
        exists = names[at] == query_k
        _earlier(codes, span, at[exists].astype(np.int64) * span, query_o[exists],
                 np.full(int(exists.sum()), SPECIFIC_WEIGHT, dtype=np.int64), COMMON_BUCKET, parts)

    @staticmethod
    def _agreement(sigs: np.ndarray, pair_i: np.ndarray, pair_j: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Signature bins two sightings have in common, for every pair: as ``index.drop_weak``
        counts them, and as ``minhash.jaccard`` does (none when a text is empty)."""
        shared = np.zeros(len(pair_i), dtype=np.int16)
        if not len(pair_i):
            return shared, shared
        for start in range(0, len(pair_i), 1 << 13):
            a, b = pair_i[start:start + (1 << 13)], pair_j[start:start + (1 << 13)]
            shared[start:start + len(a)] = (sigs[a] == sigs[b]).sum(axis=1)
        empty = sigs[:, 0] == minhash.EMPTY
        return shared, np.where(empty[pair_i] | empty[pair_j], 0, shared).astype(np.int16)

    def candidates(self, i: int) -> tuple[list[int], list[int], list[int]]:
        """(earlier sightings, shared buckets weighted, signature bins in common) of sighting ``i``."""
        a, b = self.first[i], self.first[i + 1]
        return self.pair_j[a:b].tolist(), self.pair_w[a:b].tolist(), self.pair_shared[a:b].tolist()


def _earlier(codes: np.ndarray, span: int, bucket: np.ndarray, owner: np.ndarray, weight: np.ndarray,
             limit: int, parts: list) -> None:
    """Pairs of each needle (``bucket`` code base, ``owner``) with the earlier sightings of its
    bucket (``codes``: sorted ``bucket base + owner``), when there are 1 to ``limit`` of them."""
    lo = np.searchsorted(codes, bucket)
    count = np.searchsorted(codes, bucket + owner) - lo
    ok = (count > 0) & (count <= limit)
    lo, count, owner, weight = lo[ok], count[ok], owner[ok], weight[ok]
    total = int(count.sum())
    if not total:
        return
    which = np.repeat(np.arange(len(lo)), count)
    earlier = codes[lo[which] + np.arange(total) - np.repeat(np.cumsum(count) - count, count)] % span
    parts.append((owner[which] * span + earlier) * 8 + weight[which])


class BulkIndex(MemoryIndex):
    """``MemoryIndex`` whose content buckets come from a ``JoinPlan``; only the
    code and acronym buckets (whose calls decide what is specific) are kept in
    dictionaries."""

    def __init__(self) -> None:
        super().__init__()
        self.plan: JoinPlan | None = None

    def content_candidates(self, fp: Fingerprint) -> Candidates:
        position = self.plan.position.get(fp.sighting_id) if self.plan else None
        if position is None:
            return super().content_candidates(fp)
        others, weights, shared = self.plan.candidates(position)
        sids = list(map(self.plan.ids.__getitem__, others))
        refs = dict(zip(sids, map(self.refs.__getitem__, sids)))
        if fp.identifiers or fp.acronyms or fp.slug_acronyms:
            names = [(k, NAME) for k in (*fp.identifier_keys(), *fp.acronym_keys())]
            codes, acronyms = specific_names(fp, self.refs_in(names, [], 0)) if names else (frozenset(), frozenset())
        else:
            codes = acronyms = frozenset()
        return Candidates(dict(zip(sids, weights)), refs, codes, acronyms, dict(zip(sids, shared)))


def _fingerprint_range(records: list[dict], start: int, stop: int) -> tuple[list[Fingerprint], list[KeyBatch]]:
    fps: list[Fingerprint] = []
    batches: list[KeyBatch] = []
    for first in range(start, stop, BATCH):
        fps += fingerprints(records[first:min(first + BATCH, stop)], batches)
    return fps, batches


def _fingerprint_child(send, records: list[dict], start: int, stop: int) -> None:
    try:
        fps, batches = _fingerprint_range(records, start, stop)
        for fp in fps:
            fp.text = None               # the parent has the texts; the exact shingles travel instead
        send.send(("ok", fps, batches))
    except BaseException as exc:         # the parent computes the range itself
        send.send(("error", f"{type(exc).__name__}: {exc}", None))
    finally:
        send.close()


def fingerprint_all(records: list[dict]) -> tuple[list[Fingerprint], list[KeyBatch]]:
    """Fingerprints of all records, in numpy batches, with each batch's keys.

    Fingerprints are independent of each other, so with many records and a second
    core the later part is computed by a forked process meanwhile (its share a little
    smaller: sending the results back costs it time too); the result is the same."""
    parallel = len(records) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1 and "fork" in mp.get_all_start_methods() \
        and not mp.current_process().daemon
    if not parallel:
        return _fingerprint_range(records, 0, len(records))
    split = (int(len(records) * PARENT_SHARE) // BATCH) * BATCH
    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_fingerprint_child, args=(send, records, split, len(records)),
                        name="grantdigest-fingerprints", daemon=True)
    child.start()
    send.close()
    try:
        fps, batches = _fingerprint_range(records, 0, split)
        try:
            state, more, more_batches = receive.recv()
        except EOFError:
            state, more, more_batches = "error", None, None
    finally:
        child.join()
    if state != "ok":
        more, more_batches = _fingerprint_range(records, split, len(records))
    else:
        for fp, record in zip(more, records[split:]):
            fp.text = signature_text(record)
    return fps + more, batches + more_batches


class BulkIdentity:
    def __init__(self) -> None:
        self.index = BulkIndex()
        self.resolver = Resolver(self.index)
        self.resolutions: dict[str, Resolution] = {}

    def add_many(self, records: list[dict]) -> None:
        """``records``: sighting dicts with an ``id`` (see ``fingerprint.fingerprints``).
        Sightings already in the index (or repeated) keep their call.

        The cyclic garbage collector is paused meanwhile: the work makes millions of
        small objects that form no cycles, and collecting while they are made (each
        pass walking all the fingerprints made so far) costs a fifth of the time."""
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._add_many(records)
        finally:
            if collecting:
                gc.enable()

    def _add_many(self, records: list[dict]) -> None:
        fps: list[Fingerprint] = []
        seen = set(self.index.refs)
        every, batches = fingerprint_all(records)
        for fp in every:
            if fp.sighting_id not in seen:
                seen.add(fp.sighting_id)
                fps.append(fp)
        if self.index.refs:
            self.index.plan = None       # sightings from an earlier call: look them up key by key
        else:
            self.index.plan = JoinPlan(fps, batches)
        bulk = self.index.plan is not None
        for position, fp in enumerate(fps):
            if bulk and self._alone(fp, position):
                resolution = Resolution(None, "new")     # nothing earlier could be the same call
            else:
                resolution = self.resolver.resolve(fp)
            call = resolution.call_id or new_call_id(fp.sighting_id)
            for other in resolution.merge:
                for sid in self.index.members(other):
                    self.index.move(sid, call)
            if bulk:       # content buckets are the plan's; names decide what is specific
                rows = [(k, NAME) for k in (*fp.identifier_keys(), *fp.acronym_store_keys())]
            else:
                rows = fp.index_rows()
            self.index.add(fp, call, rows)
            self.resolutions[fp.sighting_id] = resolution

    def _alone(self, fp: Fingerprint, position: int) -> bool:
        """No rule could find an earlier sighting for ``fp``: no shared bucket, no page
        at its URL or at its links, no page linking to it or to its links, no decision."""
        index, plan = self.index, self.index.plan
        if plan.first[position] != plan.first[position + 1]:
            return False
        if fp.url in index.by_url or fp.url in index.by_link:
            return False
        if any(link in index.by_url or link in index.by_link for link in fp.links):
            return False
        return fp.sighting_id not in index.same and fp.sighting_id not in index.different

    def decide(self, a: str, b: str, same: bool) -> None:
        self.index.decide(a, b, same)

    def result(self) -> BulkResult:
        return BulkResult({sid: ref.call_id for sid, ref in self.index.refs.items()}, dict(self.resolutions))


__all__ = ["BulkIdentity", "BulkIndex", "BulkResult", "JoinPlan", "Ref", "new_call_id"]
