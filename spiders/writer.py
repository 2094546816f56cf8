"""The storage writer: items are ingested in a separate process while the crawl goes on.

Extraction, identity and SQLite writes (``grantdigest.ingest``) cost more CPU
per page than Scrapy's own download and parsing. Done in the crawl's process
they would hold up the reactor; here they run on another core. The pipeline
of every source of the crawl hands its items to one shared writer process in
batches and reads back what became of each one (new, changed, which fields it
has), so the run's figures stay exact. One writer per crawl process also
means one process writing the database, not one per source.

The writer is started with ``fork`` (the ``grantdigest`` entry point cannot be
re-imported by ``spawn``) and imports what it needs itself
(``spiders.writer_process``): the crawl process never loads extraction, identity
or numpy. ``grantdigest crawl`` starts it before Scrapy is set up
(``Writer.start``), so it is ready when the first items come. A batch that fails
is reported per item, never silently dropped; if the writer dies, the sources
still waiting for it record the error.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
import queue
from collections import defaultdict
from collections.abc import Callable

STOP = None


def _run_writer(*args) -> None:
    """The writer process's entry: its imports are its own (see the module's docstring)."""
    from spiders.writer_process import writer_main

    writer_main(*args)


class Writer:
    """The crawl process's one writer; pipelines ``acquire()`` and ``release()`` it."""

    _shared: "Writer | None" = None

    def __init__(self, db_path: str, as_of: dt.date, readers: int | None = None):
        ctx = mp.get_context("fork")
        self.db_path, self.as_of = db_path, as_of
        self.inbox, self.outbox = ctx.Queue(), ctx.Queue()
        # what the writer has not taken is lost anyway if it died: the crawl must not hang at its
        # exit trying to push it into a pipe nobody reads (the results say which items were lost)
        self.inbox.cancel_join_thread()
        self.process = ctx.Process(target=_run_writer, args=(db_path, as_of.isoformat(), self.inbox, self.outbox,
                                                             os.getpid(), readers),
                                   name="grantdigest-writer", daemon=True)
        self.process.start()
        self.pending: dict[str, int] = defaultdict(int)
        self.handlers: dict[str, Callable[[dict], None]] = {}
        self.users = 0
        self.stopped = False

    @classmethod
    def start(cls, db_path: str, as_of: dt.date, readers: int | None = None) -> "Writer":
        """The crawl's writer, started now unless it runs already: ``grantdigest crawl`` starts
        it before Scrapy is set up, so that its own start (imports, the readers) is done by the
        time the first items come. ``readers``: worker processes that read fresh items for it
        (None: one per core, see ``spiders.classify_pool``)."""
        writer = cls._shared
        if writer is None or writer.stopped or writer.db_path != db_path or writer.as_of != as_of:
            if writer is not None and not writer.stopped and writer.users <= 0:
                writer._stop()  # started ahead for another database or day (past midnight), taken by no source
            writer = cls._shared = cls(db_path, as_of, readers)
        return writer

    @classmethod
    def acquire(cls, db_path: str, as_of: dt.date, source_id: str, handler: Callable[[dict], None],
                readers: int | None = None) -> "Writer":
        """The crawl's writer for one source (started by the first one, if not before)."""
        writer = cls.start(db_path, as_of, readers)
        writer.users += 1
        writer.handlers[source_id] = handler
        return writer

    def submit(self, source_id: str, ops: list[dict]) -> None:
        if ops:
            self.pending[source_id] += len(ops)
            self.inbox.put(ops)

    def poll(self, timeout: float | None = None) -> bool:
        """Hand finished results to their pipelines; False once the writer is gone."""
        while True:
            try:
                results = self.outbox.get(timeout=timeout) if timeout else self.outbox.get_nowait()
            except queue.Empty:
                return self.process.is_alive()
            if results is STOP:
                self.stopped = True
                return False
            for result in results:
                self.pending[result["source_id"]] -= 1
                handler = self.handlers.get(result["source_id"])
                if handler:
                    handler(result)
            timeout = None  # drain what is there, then return

    def wait_for(self, source_id: str, give_up_after: float = 600.0) -> int:
        """Block until the writer has done this source's items; returns how many were lost."""
        waited = 0.0
        while self.pending[source_id] > 0 and waited < give_up_after:
            if not self.poll(timeout=0.5) and self.pending[source_id] > 0 and not self.process.is_alive():
                break
            waited += 0.5
        return max(self.pending[source_id], 0)

    def release(self, source_id: str) -> None:
        self.handlers.pop(source_id, None)
        self.users -= 1
        if self.users <= 0 and not self.stopped:
            self._stop()

    @classmethod
    def stop_unused(cls) -> None:
        """End a writer started ahead (``start``) that no source took: none of them started."""
        writer = cls._shared
        if writer is not None and writer.users <= 0 and not writer.stopped:
            writer._stop()

    def _stop(self) -> None:
        self.inbox.put(STOP)
        while not self.stopped and self.poll(timeout=1.0):
            pass
        self.process.join(timeout=30)
        self.stopped = True
        if Writer._shared is self:
            Writer._shared = None
