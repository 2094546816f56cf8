"""Classification of fresh items in worker processes, ahead of the writer.

Reading an item (``grantdigest.ingest.classify_item``: deadline, amount,
applicants, regions, themes...) is pure CPU work that needs no database: it
is most of what the crawl's writer does per new page. The writer hands the
records of each batch to a small pool of forked workers as soon as the batch
arrives and writes the batch (identity, SQLite) once its records are read, so
reading goes on on every core while the writer and the crawl do their part.

The results are the same as reading in the writer: the workers run the same
function on the same record, and the writer keeps the items' order. A record
a worker cannot read is left unread, and the writer reads it itself, so its
error is the item's own error as before. If a worker dies, the pool is given up
and the writer reads the rest itself: nothing is lost, only speed.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
import multiprocessing as mp

from grantdigest.ingest import classify_item


def default_workers() -> int:
    """One worker per core beside the crawl's own; none on a single core (there the writer reads items
    itself). On 2 cores one reader beat two: the crawl and the writer share the cores with it."""
    cores = os.cpu_count() or 1
    return cores - 1 if cores > 1 else 0


def _classify_chunk(records: list[dict], as_of: dt.date) -> list[dict | None]:
    out: list[dict | None] = []
    for record in records:
        try:
            out.append(classify_item(record, as_of))
        except Exception:  # the writer reads it again and records the item's error
            out.append(None)
    return out


WARM_UP = [  # read once before the workers are forked: they inherit the compiled patterns
    {"title": "Конкурс грантів для громад", "url": "https://warm-up.invalid/uk",
     "text": "Заявки приймаються до 30 жовтня 2025 року, 16:00. Гранти до 10 000 євро для громад і ГО "
             "Полтавської області."},
    {"title": "Call for proposals", "url": "https://warm-up.invalid/en",
     "text": "Deadline: 28 June 2025 (14:00 CET). Grants up to EUR 50,000 for NGOs and local authorities of Ukraine."},
]


def warm_up(as_of: dt.date) -> None:
    for record in WARM_UP:
        classify_item(dict(record), as_of)


class PendingBatch:
    """One batch of writer operations whose fresh records are being read."""

    def __init__(self, ops: list[dict], futures: list[tuple[list[dict], Future]]):
        self.ops = ops
        self.futures = futures

    def ready(self) -> bool:
        return all(future.done() for _, future in self.futures)

    def finish(self, pool: "ClassifyPool") -> list[dict]:
        """The operations, each fresh record replaced by its reading where a worker read it."""
        for ops, future in self.futures:
            try:
                readings = future.result()
            except (BrokenProcessPool, CancelledError):
                pool.give_up()
                continue
            for op, reading in zip(ops, readings):
                if reading is not None:
                    op["record"], op["classified"] = reading, True
        return self.ops


class ClassifyPool:
    """Forked workers that read fresh records (``classify_item``) for the writer."""

    def __init__(self, as_of: dt.date, workers: int | None = None, initializer=None, initargs=()):
        self.as_of = as_of
        self.workers = default_workers() if workers is None else workers
        self.executor: ProcessPoolExecutor | None = None
        # handing out (the writer's forwarding thread, which gives up there if a reader died) and
        # giving up (its loop) take turns; reentrant: start() gives up while it holds the lock
        self.lock = threading.RLock()
        if self.workers > 0:
            warm_up(as_of)  # before the workers are forked: they inherit what it compiled
            self.executor = ProcessPoolExecutor(self.workers, mp_context=mp.get_context("fork"),
                                                initializer=initializer, initargs=initargs)
            self.executor.submit(int)  # forks them now, while the crawl is still starting, not at the first batch

    def start(self, ops: list[dict]) -> PendingBatch:
        fresh = [op for op in ops if op.get("state") == "fresh" and op.get("record") is not None]
        futures = []
        with self.lock:
            if self.executor is None or not fresh:
                return PendingBatch(ops, futures)
            try:
                size = -(-len(fresh) // self.workers)  # one task per worker: a hand-over costs more than it shares
                for i in range(0, len(fresh), size):
                    chunk = fresh[i:i + size]
                    futures.append((chunk, self.executor.submit(_classify_chunk, [op["record"] for op in chunk],
                                                                self.as_of)))
            except (BrokenProcessPool, RuntimeError):
                self.give_up()
        return PendingBatch(ops, futures)

    def give_up(self) -> None:
        """A worker died: the writer reads the remaining items itself."""
        with self.lock:
            if self.executor is not None:
                self.executor.shutdown(wait=False, cancel_futures=True)
                self.executor = None

    def close(self, cancel_pending: bool = False) -> None:
        """End the workers once they are done (``cancel_pending``: with the tasks they are on;
        the rest are dropped). Always waits: a process that exits before its workers end
        waits for them forever, as its exit stops what would have told them to end."""
        with self.lock:
            executor, self.executor = self.executor, None   # (nothing more is handed out)
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=cancel_pending)
