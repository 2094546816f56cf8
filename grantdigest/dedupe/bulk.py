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

import hashlib
from dataclasses import dataclass

import numpy as np

from grantdigest.dedupe import minhash
from grantdigest.dedupe.fingerprint import CAPPED, QUERY, STORE, STORE_QUERY, Fingerprint, KeyBatch, fingerprints
from grantdigest.dedupe.index import (ANY_BUCKET_CAP, COMMON_BUCKET, MIN_HITS, SPECIFIC_WEIGHT, WEAK_MIN_JACCARD,
                                      Candidates, MemoryIndex, Ref, specific_names)
from grantdigest.dedupe.resolver import Resolution, Resolver

BATCH = 4096


def new_call_id(sighting_id: str) -> str:
    return hashlib.sha256(f"call\x1f{sighting_id}".encode()).hexdigest()[:16]


@dataclass
class BulkResult:
    call_of: dict[str, str]            # sighting id -> call id
    resolutions: dict[str, Resolution]


class JoinPlan:
    """For each sighting of a batch, the earlier sightings sharing its buckets
    (weighted, common buckets left out, weak candidates checked on their
    signatures — what ``index.collect`` and ``index.drop_weak`` do per sighting)."""

    def __init__(self, fps: list[Fingerprint], batches: list[KeyBatch]):
        self.ids = [fp.sighting_id for fp in fps]
        self.position = {sid: i for i, sid in enumerate(self.ids)}
        n = len(fps)
        arrays = self._key_arrays(fps, batches)
        pairs_i, pairs_j, pairs_w = [], [], []
        stored, stored_owner = arrays["stored"]
        if len(stored):
            unique, group = np.unique(stored, return_inverse=True)
            span = n + 1
            entries = np.sort(group.astype(np.int64) * span + stored_owner)
            for name, limit in (("query", COMMON_BUCKET), ("capped", ANY_BUCKET_CAP)):
                keys, owners, weights = arrays[name]
                if len(keys):
                    self._join(keys, owners, weights, limit, unique, entries, span, pairs_i, pairs_j, pairs_w)
        if pairs_i:
            i_all, j_all, w_all = np.concatenate(pairs_i), np.concatenate(pairs_j), np.concatenate(pairs_w)
            code = i_all * (n + 1) + j_all
            order = np.argsort(code)
            code, w_all = code[order], w_all[order]
            starts = np.flatnonzero(np.r_[True, code[1:] != code[:-1]])
            totals = np.add.reduceat(w_all, starts)
            code = code[starts]
            pair_i, pair_j = code // (n + 1), code % (n + 1)
            keep = self._not_weak(fps, pair_i, pair_j, totals)
            self.pair_i, self.pair_j, self.pair_w = pair_i[keep], pair_j[keep], totals[keep]
        else:
            self.pair_i = self.pair_j = self.pair_w = np.empty(0, dtype=np.int64)
        self.first = np.searchsorted(self.pair_i, np.arange(n + 1))

    @staticmethod
    def _key_arrays(fps: list[Fingerprint], batches: list[KeyBatch]) -> dict:
        """Flat (key, owner[, weight]) arrays of the stored, queried and capped keys."""
        owners_of = {id(batch): np.full(len(batch.keys), -1, dtype=np.int64) for batch in batches}
        for i, fp in enumerate(fps):      # a row's owner: its position among the sightings resolved
            owners_of[id(fp._batch)][fp._row] = i
        out_stored_k, out_stored_o = [], []
        out = {name: ([], [], []) for name in ("query", "capped")}
        for batch in batches:
            owners = owners_of[id(batch)]
            active = owners >= 0
            valid = batch.present[:, None, :] & active[:, None, None]
            owner = np.broadcast_to(owners[:, None, None], batch.keys.shape)
            weight = np.ones(batch.keys.shape, dtype=np.int64)
            weight[:, :, batch.title_column] = SPECIFIC_WEIGHT
            roles = batch.roles[:, :, None]
            store = valid & ((roles == STORE) | (roles == STORE_QUERY))
            query = valid & ((roles == STORE_QUERY) | (roles == QUERY))
            capped = valid & (roles == CAPPED)
            out_stored_k.append(batch.keys[store])
            out_stored_o.append(owner[store])
            for name, mask in (("query", query), ("capped", capped)):
                out[name][0].append(batch.keys[mask])
                out[name][1].append(owner[mask])
                out[name][2].append(weight[mask] if name == "query" else np.ones(int(mask.sum()), dtype=np.int64))
        # codes, acronyms and deadline-with-amount: few, kept per fingerprint
        stored_k, stored_o, query_k, query_o = [], [], [], []
        for i, fp in enumerate(fps):
            common = list(fp.identifier_keys())
            if fp.facts_key() is not None:
                common.append(fp.facts_key())
            stored = common + list(fp.acronym_store_keys())
            queried = common + list(fp.acronym_keys())
            stored_k += stored
            stored_o += [i] * len(stored)
            query_k += queried
            query_o += [i] * len(queried)
        stored_k, stored_o = np.array(stored_k, dtype=np.int64), np.array(stored_o, dtype=np.int64)
        query_k, query_o = np.array(query_k, dtype=np.int64), np.array(query_o, dtype=np.int64)
        result = {"stored": (np.concatenate(out_stored_k + [stored_k]), np.concatenate(out_stored_o + [stored_o]))}
        result["query"] = (np.concatenate(out["query"][0] + [query_k]), np.concatenate(out["query"][1] + [query_o]),
                           np.concatenate(out["query"][2] + [np.full(len(query_k), SPECIFIC_WEIGHT)]))
        result["capped"] = (np.concatenate(out["capped"][0] or [np.empty(0, dtype=np.int64)]),
                            np.concatenate(out["capped"][1] or [np.empty(0, dtype=np.int64)]),
                            np.concatenate(out["capped"][2] or [np.empty(0, dtype=np.int64)]))
        return result

    @staticmethod
    def _not_weak(fps, pair_i, pair_j, totals) -> np.ndarray:
        keep = totals >= MIN_HITS
        weak = np.flatnonzero(~keep)
        if len(weak):
            sigs = np.stack([fp.sig for fp in fps])
            for start in range(0, len(weak), 1 << 16):
                part = weak[start:start + (1 << 16)]
                shared = (sigs[pair_i[part]] == sigs[pair_j[part]]).sum(axis=1)
                keep[part] = shared >= WEAK_MIN_JACCARD * minhash.BINS
        return keep

    @staticmethod
    def _join(qk, qo, qw, limit, unique, entries, span, out_i, out_j, out_w) -> None:
        """Pairs (query owner, earlier stored owner, weight) for buckets of at most ``limit``
        earlier sightings. Needles are sorted first: numpy's binary search then walks forward."""
        order = np.argsort(qk)
        qk, qo, qw = qk[order], qo[order], qw[order]
        at = np.searchsorted(unique, qk)
        at[at >= len(unique)] = 0
        found = unique[at] == qk
        qo, qw, gid = qo[found], qw[found], at[found].astype(np.int64)
        base = gid * span
        lo = np.searchsorted(entries, base)
        target = base + qo
        order = np.argsort(target)
        hi = np.empty_like(lo)
        hi[order] = np.searchsorted(entries, target[order])       # only earlier sightings
        size = hi - lo
        keep = (size > 0) & (size <= limit)
        lo, size, qo, qw = lo[keep], size[keep], qo[keep], qw[keep]
        total = int(size.sum())
        if not total:
            return
        which = np.repeat(np.arange(len(lo)), size)
        offset = np.arange(total) - np.repeat(np.cumsum(size) - size, size)
        out_i.append(qo[which])
        out_j.append(entries[lo[which] + offset] % span)
        out_w.append(qw[which])

    def candidates(self, i: int) -> tuple[list[int], list[int]]:
        a, b = self.first[i], self.first[i + 1]
        return self.pair_j[a:b].tolist(), self.pair_w[a:b].tolist()


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
        others, weights = self.plan.candidates(position)
        ids = self.plan.ids
        hits = {ids[j]: w for j, w in zip(others, weights)}
        refs = {sid: self.refs[sid] for sid in hits if sid in self.refs}
        names = list(fp.identifier_keys()) + list(fp.acronym_keys())
        codes, acronyms = specific_names(fp, self.refs_by_keys(names, [], 0)) if names else (frozenset(), frozenset())
        return Candidates(hits, refs, codes, acronyms)


def fingerprint_all(records: list[dict]) -> tuple[list[Fingerprint], list[KeyBatch]]:
    """Fingerprints of all records, in numpy batches, with each batch's keys."""
    fps: list[Fingerprint] = []
    batches: list[KeyBatch] = []
    for start in range(0, len(records), BATCH):
        fps += fingerprints(records[start:start + BATCH], batches)
    return fps, batches


class BulkIdentity:
    def __init__(self) -> None:
        self.index = BulkIndex()
        self.resolver = Resolver(self.index)
        self.resolutions: dict[str, Resolution] = {}

    def add_many(self, records: list[dict]) -> None:
        """``records``: sighting dicts with an ``id`` (see ``fingerprint.fingerprints``).
        Sightings already in the index (or repeated) keep their call."""
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
            keys = list(fp.identifier_keys()) + list(fp.acronym_store_keys()) if bulk else fp.content_keys()[0]
            self.index.add(fp, call, keys)
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
