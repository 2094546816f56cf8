"""What runs in the crawl's writer process (started by ``spiders.writer.Writer``).

It takes the crawl's batches, has their new items read (classified) by reader
processes as soon as a batch arrives (``spiders.classify_pool``), fingerprints
them together before the batch's transaction (``grantdigest.ingest.prepare_many``:
one numpy pass for all their fingerprints, and no write lock held during
extraction), then does each item's identity and writes in its own savepoint, and
answers what became of each item. Only this process imports extraction, identity
and numpy: the crawl process does not need them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime as dt
import multiprocessing as mp
import os
import signal
import queue
import threading
import traceback
from collections import deque

from grantdigest.ingest import Prepared, ingest, ingest_prepared, prepare_many, refresh_call
from spiders.classify_pool import ClassifyPool, PendingBatch
from spiders.writer import STOP
from storage import Store

FIELDS = ("title", "url", "deadline")
PR_SET_PDEATHSIG = 1
PARENT_CHECK_S = 2.0
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
    store, opening_error = None, ""
    try:
        store = Store(db_path)
        store.fast_writes()
    except BaseException as exc:  # the database cannot be opened: every item fails
        store, opening_error = None, f"{type(exc).__name__}: {exc}"
    try:
        _serve(inbox, outbox, readers, store, opening_error, as_of, parent_pid)
    except BaseException:
        readers.close(cancel_pending=True)  # a failed writer would otherwise wait at its exit for them forever
        raise
    readers.close()
    if store is not None:
        store.close()
    outbox.put(STOP)


def _serve(inbox, outbox, readers: ClassifyPool, store: Store | None, opening_error: str, as_of: dt.date,
           parent_pid: int | None) -> None:
    """The writer's loop, until the crawl says STOP and every batch is written. Batches reach
    it through ``_forward``, which has handed them to the readers already."""
    arrivals: queue.Queue = queue.Queue()
    threading.Thread(target=_forward, args=(inbox, readers, arrivals), name="grantdigest-forward",
                     daemon=True).start()
    waiting: deque[PendingBatch] = deque()  # batches in arrival order, their records being read
    stop = False
    while not (stop and not waiting):
        arrived = False
        if not stop:
            try:
                batch = arrivals.get_nowait() if waiting else arrivals.get(timeout=PARENT_CHECK_S)
            except queue.Empty:
                if not waiting and parent_pid is not None and os.getppid() != parent_pid:
                    os._exit(1)  # orphaned: the crawl process is gone
            else:
                arrived = True
                if batch is STOP:
                    stop = True
                elif isinstance(batch, BaseException):
                    raise batch  # the forwarding failed: the writer's loop ends (its items are lost, not waited for)
                else:
                    waiting.append(batch)
        if waiting and not (arrived and not waiting[0].ready()):  # nothing new to hand out, or the oldest is read
            ops: list[dict] = []
            while waiting and len(ops) < MAX_OPS_PER_COMMIT and (not ops or waiting[0].ready()):
                ops.extend(waiting.popleft().finish(readers))  # waits for the oldest batch's readings
            outbox.put(handle_batch(store, as_of, ops) if store is not None
                       else [_failed(op, RuntimeError(opening_error), "") for op in ops])


def _forward(inbox, readers: ClassifyPool, arrivals: queue.Queue) -> None:
    """Hand each batch to the readers the moment it arrives, also while the writer is busy
    writing the ones before it (else a reader would wait for the writer between batches,
    and the two would take turns instead of working at once), then to the writer's loop."""
    try:
        while True:
            batch = inbox.get()
            if batch is STOP:
                arrivals.put(STOP)
                return
            arrivals.put(readers.start(list(batch)))
    except BaseException as exc:
        arrivals.put(exc)


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
