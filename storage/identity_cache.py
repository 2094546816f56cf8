"""What one connection has read of the identity index, kept in step with its own writes.

Every new sighting looks in some fifty index buckets (``sighting_buckets`` rows with one
(key, scope)), in the dated rows of its bases, and at the sightings found there (their
ref columns); then it is written into most of those buckets. Read from SQLite each
time, the buckets a crawl's similar pages share cost hundreds of rows per item. Here
what was read stays known:

- a bucket's sighting ids, in rowid order (the connection's own index rows are added at
  the end: a new row's rowid is above every stored one);
- a base key's dated rows ((scope, sighting id), by scope and rowid), or only how many
  there are when there are more than the reader takes;
- whether any manual decision (``identity_decisions``) is in force;
- a sighting's ref columns, replaced when this connection writes its row;
- a sighting's fingerprint as read from its row (whatever the caller made of it), dropped
  when this connection writes that row or writes sightings in ways not followed here.

The buckets and keys a rewritten sighting leaves are forgotten (read again when needed).
Everything is forgotten when another connection commits (SQLite's ``data_version``
moves), when a transaction or savepoint of this one is rolled back, or after a write
this cache cannot follow (``Store`` tells it), and when ``LIMIT`` entries are held.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Callable, Iterable

Bucket = tuple[int, int]        # (key, scope)
EMPTY: tuple = ()               # a bucket known to hold nothing (shared: most buckets are empty)
MISSING = None                  # a sighting known not to be stored


class IdentityCache:
    LIMIT = 200_000   # entries of each kind at most (some 30 MB); then that kind is forgotten

    def __init__(self) -> None:
        self._buckets: dict[Bucket, list[str] | tuple] = {}
        self._dated: dict[int, list[tuple[int, str]] | int] = {}   # key -> rows, or their number
        self._refs: dict[str, tuple | None] = {}
        self._fps: dict[str, object] = {}          # sighting id -> what was made of its stored row
        self._any_decision: bool | None = None     # whether any manual decision is in force
        self._version: int | None = None

    def check(self, data_version: int) -> None:
        """Before a look-up: forget everything if another connection has committed since the
        last check, and any kind of entry that has grown past ``LIMIT``."""
        if data_version != self._version:
            self.clear()
            self._version = data_version
        for table in (self._buckets, self._dated, self._refs, self._fps):
            if len(table) > self.LIMIT:
                table.clear()

    def clear(self) -> None:
        self._buckets.clear()
        self._dated.clear()
        self._refs.clear()
        self._fps.clear()
        self._any_decision = None

    # --- manual decisions ----------------------------------------------------------
    def any_decision(self) -> bool | None:
        """Whether a manual identity decision is in force (None: not known)."""
        return self._any_decision

    def learn_any_decision(self, found: bool | None) -> None:
        """``found``: whether one is in force; None when one was just written."""
        self._any_decision = found

    # --- buckets ---------------------------------------------------------------
    def unknown(self, buckets: Iterable[Bucket]) -> list[Bucket]:
        known = self._buckets
        return [b for b in buckets if b not in known]

    def members(self, bucket: Bucket) -> list[str] | tuple:
        """The sighting ids stored in a known bucket, in the order they were written."""
        return self._buckets[bucket]

    def learn(self, read: dict[Bucket, list[str]], buckets: Iterable[Bucket]) -> None:
        """``read``: what the database holds in ``buckets`` (each of them: absent means empty)."""
        known = self._buckets
        for bucket in buckets:
            known[bucket] = read.get(bucket) or EMPTY

    # --- dated rows of a key (scope > 0) -----------------------------------------
    def dated_unknown(self, keys: Iterable[int], cap: int) -> list[int]:
        """Keys whose dated rows are not known (or only counted, and not above ``cap``)."""
        dated = self._dated
        return [k for k in keys if k not in dated or (dated[k].__class__ is int and dated[k] <= cap)]

    def dated(self, key: int) -> list[tuple[int, str]] | int:
        """A known key's dated rows ((scope, sighting id), by scope and written order), or their number."""
        return self._dated[key]

    def learn_dated(self, counts: dict[int, int], rows: dict[int, list[tuple[int, str]]], keys: Iterable[int]) -> None:
        """``counts``: how many dated rows each of ``keys`` has (absent: none); ``rows``: all of
        them for the keys that were read."""
        dated = self._dated
        for key in keys:
            dated[key] = rows[key] if key in rows else counts.get(key, 0) or []

    # --- refs and fingerprints: what is known of each sighting ----------------------
    def of_sightings(self, kind: str, sighting_ids: list[str],
                     read: Callable[[list[str]], dict[str, object]]) -> dict[str, object]:
        """Sighting id -> its ``kind`` ("refs": its ref columns; "fingerprints": what was made of
        its stored row), for those stored. Those not known are read (``read(ids)``: by id, the
        stored ones) and kept; a sighting that is not stored is known as such."""
        known = self._refs if kind == "refs" else self._fps
        unknown = [s for s in sighting_ids if s not in known]
        if unknown:
            found = read(unknown)
            for sid in unknown:
                known[sid] = found.get(sid, MISSING)
        out = {}
        for sid in sighting_ids:
            value = known[sid]
            if value is not MISSING:
                out[sid] = value
        return out

    def ref_written(self, sighting_id: str, ref: tuple | None) -> None:
        """The sighting's row was written: ``ref`` its ref columns as stored (None: not known)."""
        self._fps.pop(sighting_id, None)
        if ref is None:
            self._refs.pop(sighting_id, None)
        else:
            self._refs[sighting_id] = ref

    def forget_refs(self) -> None:
        """Sightings were written in ways not followed here (calls folded, sightings moved)."""
        self._refs.clear()
        self._fps.clear()

    # --- a sighting's index rows rewritten ------------------------------------------
    def added(self, sighting_id: str, buckets: Iterable[Bucket]) -> None:
        """Rows (bucket, ``sighting_id``) were just written (after every stored row)."""
        known, dated = self._buckets, self._dated
        for bucket in buckets:
            members = known.get(bucket)
            if members is EMPTY:
                known[bucket] = [sighting_id]
            elif members is not None:
                members.append(sighting_id)
            key, scope = bucket
            if scope > 0 and key in dated:
                rows = dated[key]
                if rows.__class__ is int:
                    dated[key] = rows + 1
                else:
                    rows.insert(bisect_right(rows, scope, key=_scope), (scope, sighting_id))

    def forget(self, buckets: Iterable[Bucket]) -> None:
        for bucket in buckets:
            self._buckets.pop(bucket, None)
            if bucket[1] > 0:
                self._dated.pop(bucket[0], None)


def _scope(row: tuple[int, str]) -> int:
    return row[0]
