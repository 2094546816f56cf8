"""The storage writer: items are ingested in a separate process while the crawl goes on.

Extraction, identity and SQLite writes (``grantdigest.ingest``) cost more CPU
per page than Scrapy's own download and parsing. Done in the crawl's process
they would hold up the reactor; here they run on another core. The pipeline
of every source of the crawl hands its items to one shared writer process in
batches and reads back what became of each one (new, changed, which fields it
has), so the run's figures stay exact. One writer per crawl process also
means one process writing the database, not one per source.

The writer is started with ``fork`` (the crawl process has already imported
everything it needs; the ``grantdigest`` entry point cannot be re-imported by
``spawn``). A batch that fails is reported per item, never silently dropped;
if the writer dies, the sources still waiting for it record the error.

A batch's new items are read (classified) by reader processes as soon as the
batch arrives (``spiders.classify_pool``), then fingerprinted together before
its transaction (``grantdigest.ingest.prepare_many``: one numpy pass for all
their fingerprints, and no write lock held during extraction); then each
item's identity and writes run in its own savepoint.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import multiprocessing as mp
import os
import signal
import queue
import traceback
from collections import defaultdict, deque
from collections.abc import Callable

from grantdigest.ingest import Prepared, ingest, ingest_prepared, prepare_many, refresh_call
from spiders.classify_pool import ClassifyPool, PendingBatch
from storage import Store

FIELDS = ("title", "url", "deadline")
PR_SET_PDEATHSIG = 1
PARENT_CHECK_S = 2.0
STOP = None
MAX_OPS_PER_COMMIT = 64  # items written in one transaction at most (the writer holds the write lock meanwhile)


def _fields_of(store: Store, sighting_id: str) -> list[str]:
    return store.sighting_fields(sighting_id, FIELDS)


def _fields_written(store: Store, result) -> list[str]:
    """Which of ``FIELDS`` the ingested sighting has: from the row just written, when
    it was written in full, else as stored."""
    if result.written is None:
        return _fields_of(store, result.sighting_id)
    return [name for name in FIELDS if result.written.get(name) not in (None, "")]


def handle(store: Store, as_of: dt.date, op: dict, prepared: Prepared | Exception | None = None) -> dict:
    """Do one item's storage work; returns what the pipeline counts (``prepared``: a
    fresh item already classified and fingerprinted by ``prepare_many``, or what
    stopped that)."""
    source_id, page, marker, state = op["source_id"], op["page"], op["marker"], op["state"]
    out = {"source_id": source_id, "state": state}
    if state == "filtered":
        store.mark_page(source_id, page, marker, "filtered")
        return out
    if state == "unchanged":
        mark = store.page_mark(source_id, page)
        if mark and mark["outcome"] == "kept" and mark["sighting_id"]:
            call_id = store.touch_sighting(mark["sighting_id"])
            if call_id:
                refresh_call(store, call_id, as_of)
            out.update(kept=True, fields=_fields_of(store, mark["sighting_id"]))
        store.mark_page(source_id, page, marker, mark["outcome"] if mark else "filtered")
        return out
    if isinstance(prepared, Exception):
        raise prepared
    with store.atomic():  # sighting, call and page mark together, or none (a crash leaves no half call)
        result = (ingest(store, op["record"], as_of) if prepared is None
                  else ingest_prepared(store, prepared, as_of))
        store.mark_page(source_id, page, marker, "kept", result.sighting_id)
    out.update(kept=True, new=result.new, changed=result.changed, fields=_fields_written(store, result))
    return out


def _die_with_parent(parent_pid: int) -> None:
    """The writer must not outlive its crawl: a forked child holds copies of the parent's
    file descriptors (the crawl lock among them), so an orphaned writer would keep the
    lock and block the next crawl. On Linux the kernel kills it with its parent
    (PR_SET_PDEATHSIG); elsewhere the inbox loop notices the parent is gone."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


def writer_main(db_path: str, as_of_iso: str, inbox, outbox, parent_pid: int | None = None,
                workers: int | None = None) -> None:
    """Take batches from ``inbox``, write them, put what became of each item on ``outbox``.

    Each batch's fresh records are handed to the reading workers (``ClassifyPool``) as soon
    as the batch arrives; batches are written in the order they came, each once its records
    are read, while later batches are still being read."""
    if parent_pid is not None:
        _die_with_parent(parent_pid)
    as_of = dt.date.fromisoformat(as_of_iso)
    # the writer is a daemon of the crawl process (it ends with it); its readers are its own
    # children, which a daemon may not have: they end with it too (PR_SET_PDEATHSIG, above)
    mp.current_process().daemon = False
    readers = ClassifyPool(as_of, workers, initializer=_die_with_parent, initargs=(os.getpid(),))
    try:
        store = Store(db_path)
        store.fast_writes()
    except BaseException as exc:  # the database cannot be opened: every item fails
        store, opening_error = None, f"{type(exc).__name__}: {exc}"
    waiting: deque[PendingBatch] = deque()  # batches in arrival order, their records being read
    stop = False
    while not (stop and not waiting):
        arrived = False
        if not stop:
            try:
                batch = inbox.get_nowait() if waiting else inbox.get(timeout=PARENT_CHECK_S)
            except queue.Empty:
                if not waiting and parent_pid is not None and os.getppid() != parent_pid:
                    os._exit(1)  # orphaned: the crawl process is gone
            else:
                arrived = True
                if batch is STOP:
                    stop = True
                else:
                    waiting.append(readers.start(list(batch)))
        if waiting and not (arrived and not waiting[0].ready()):  # nothing new to hand out, or the oldest is read
            ops: list[dict] = []
            while waiting and len(ops) < MAX_OPS_PER_COMMIT and (not ops or waiting[0].ready()):
                ops.extend(waiting.popleft().finish(readers))  # waits for the oldest batch's readings
            outbox.put(handle_batch(store, as_of, ops) if store is not None
                       else [_failed(op, RuntimeError(opening_error), "") for op in ops])
    readers.close()
    if store is not None:
        store.close()
    outbox.put(STOP)


def _failed(op: dict, exc: BaseException, trace: str) -> dict:
    return {"source_id": op["source_id"], "state": "error",
            "error": f"{type(exc).__name__}: {exc} ({op['page']})", "trace": trace}


def _handle_one(store: Store, as_of: dt.date, op: dict, prepared: Prepared | Exception | None = None) -> dict:
    try:
        with store.savepoint():  # inside a batch: this item's writes are undone alone if it fails
            return handle(store, as_of, op, prepared)
    except Exception as exc:  # one bad item never stops the others
        return _failed(op, exc, traceback.format_exc(limit=3))


def _prepare(as_of: dt.date, ops: list[dict]) -> list[Prepared | Exception | None]:
    """The fresh items of a batch classified (where no reader process did) and fingerprinted
    together (one numpy pass for their fingerprints), before the transaction: nothing here
    touches the database."""
    fresh = [i for i, op in enumerate(ops) if op["state"] not in ("filtered", "unchanged")]
    out: list[Prepared | Exception | None] = [None] * len(ops)
    records, classified = [ops[i]["record"] for i in fresh], [bool(ops[i].get("classified")) for i in fresh]
    for i, prepared in zip(fresh, prepare_many(records, as_of, classified)):
        out[i] = prepared
    return out


def handle_batch(store: Store, as_of: dt.date, ops: list[dict]) -> list[dict]:
    """The items of one hand-over (or several waiting ones) in one transaction:
    one commit instead of one per item. Each item is a savepoint, so a bad item
    is undone alone. If the transaction itself fails (the database is locked
    past the busy timeout, the commit fails), nothing of it is kept and the
    items are done again one transaction each. Fresh items are classified and
    fingerprinted first, all together (``_prepare``)."""
    prepared = _prepare(as_of, ops)
    try:
        with store.atomic():
            return [_handle_one(store, as_of, op, p) for op, p in zip(ops, prepared)]
    except Exception:
        return [_handle_one(store, as_of, op, p) for op, p in zip(ops, prepared)]


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
        self.process = ctx.Process(target=writer_main, args=(db_path, as_of.isoformat(), self.inbox, self.outbox,
                                                             os.getpid(), readers),
                                   name="grantdigest-writer", daemon=True)
        self.process.start()
        self.pending: dict[str, int] = defaultdict(int)
        self.handlers: dict[str, Callable[[dict], None]] = {}
        self.users = 0
        self.stopped = False

    @classmethod
    def acquire(cls, db_path: str, as_of: dt.date, source_id: str, handler: Callable[[dict], None],
                readers: int | None = None) -> "Writer":
        """The crawl's writer (started by the first source); ``readers``: worker processes that
        read fresh items for it (None: one per core, see ``spiders.classify_pool``)."""
        writer = cls._shared
        if writer is None or writer.stopped or writer.db_path != db_path:
            writer = cls._shared = cls(db_path, as_of, readers)
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
            self.inbox.put(STOP)
            while not self.stopped and self.poll(timeout=1.0):
                pass
            self.process.join(timeout=30)
            self.stopped = True
            if Writer._shared is self:
                Writer._shared = None
