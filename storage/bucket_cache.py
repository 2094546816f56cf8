"""The identity index buckets one connection has read, kept in step with its own writes.

Every new sighting looks in some fifty index buckets (``sighting_buckets`` rows with
one (key, scope)) and is then written into most of them. Read from SQLite each time,
the buckets a crawl's similar pages share cost hundreds of rows per item. Here a bucket
once read stays known: the connection's own index writes are added to the buckets it
knows (in rowid order: a new row's rowid is above every stored one) and the buckets a
rewritten sighting was in are forgotten. Everything is forgotten when another connection
commits (SQLite's ``data_version`` moves) or a transaction of this one is rolled back
(``Store`` tells it), and when it holds ``LIMIT`` buckets.
"""

from __future__ import annotations

from typing import Iterable

Bucket = tuple[int, int]        # (key, scope)
EMPTY: tuple = ()               # a bucket known to hold nothing (shared: most buckets are empty)


class BucketCache:
    LIMIT = 200_000   # buckets known at most (about 30 MB); then all are forgotten

    def __init__(self) -> None:
        self._members: dict[Bucket, list[str] | tuple] = {}
        self._version: int | None = None

    def check(self, data_version: int) -> None:
        """Forget everything if another connection has committed since the last check."""
        if data_version != self._version:
            self._members.clear()
            self._version = data_version

    def clear(self) -> None:
        self._members.clear()

    def unknown(self, buckets: Iterable[Bucket]) -> list[Bucket]:
        members = self._members
        return [b for b in buckets if b not in members]

    def members(self, bucket: Bucket) -> list[str] | tuple:
        """The sighting ids stored in a known bucket, in the order they were written."""
        return self._members[bucket]

    def learn(self, read: dict[Bucket, list[str]], buckets: Iterable[Bucket]) -> None:
        """``read``: what the database holds in ``buckets`` (each of them: absent means empty)."""
        members = self._members
        if len(members) > self.LIMIT:
            members.clear()
        for bucket in buckets:
            members[bucket] = read.get(bucket) or EMPTY

    def added(self, sighting_id: str, buckets: Iterable[Bucket]) -> None:
        """Rows (bucket, ``sighting_id``) were just written (after every stored row)."""
        members = self._members
        for bucket in buckets:
            known = members.get(bucket)
            if known is None:
                continue
            if known is EMPTY:
                members[bucket] = [sighting_id]
            else:
                known.append(sighting_id)

    def forget(self, buckets: Iterable[Bucket]) -> None:
        for bucket in buckets:
            self._members.pop(bucket, None)
