"""The writer's readers: fresh items are read (classified) in worker processes, with the
same results as reading them in the writer, in the same order; a reader that dies or an
item that cannot be read loses nothing."""

import datetime as dt
import os

import pytest

import grantdigest.ingest
import spiders.classify_pool
from grantdigest.urls import canonical_url
from spiders.writer import Writer
from storage import Store

AS_OF = dt.date(2025, 7, 20)
TEXTS = [
    "Заявки приймаються до {d} серпня 2025 року. Сума гранту до {n} 000 грн. Подавати можуть громади Полтавської області.",
    "Deadline: {d} September 2025, 17:00 CET. Grants up to EUR {n} 000 for NGOs and local authorities of Ukraine.",
    "Конкурс для ГО та ОСББ Харківської, Сумської областей; кінцевий термін — {d}.10.2025; до {n} тис. грн.",
]


def _ops(count: int) -> list[dict]:
    ops = []
    for n in range(1, count + 1):
        url = f"https://grants.example.org/calls/{n}"
        item = {"source_id": "readers-test", "url": url, "title": f"Конкурс №{n} для громад",
                "text": TEXTS[n % len(TEXTS)].format(d=1 + n % 27, n=n), "published": "2025-07-01"}
        ops.append({"source_id": "readers-test", "page": canonical_url(url), "marker": f"h:{n}",
                    "state": "fresh", "record": item})
    return ops


def _crawl(db, readers: int, ops: list[dict]) -> tuple[list[dict], dict]:
    results = []
    writer = Writer(str(db), AS_OF, readers)
    writer.users, writer.handlers["readers-test"] = 1, results.append
    for i in range(0, len(ops), 16):
        writer.submit("readers-test", ops[i:i + 16])
    assert writer.wait_for("readers-test", give_up_after=120) == 0
    writer.release("readers-test")
    store = Store(db)
    stored = {c["title"]: {k: c[k] for k in ("deadline", "deadline_at", "amount_max", "currency", "applicants",
                                             "regions", "is_call")} for c in store.calls()}
    return results, stored


def _comparable(results):
    return [(r["state"], r.get("new"), r.get("fields")) for r in results]


def test_readers_store_what_the_writer_alone_stores(tmp_path):
    ops = _ops(70)
    alone, stored_alone = _crawl(tmp_path / "alone.db", 0, ops)
    shared, stored_shared = _crawl(tmp_path / "shared.db", 2, ops)
    assert len(stored_alone) == 70 and stored_shared == stored_alone
    assert _comparable(shared) == _comparable(alone)
    assert any(c["deadline"] for c in stored_shared.values()) and any(c["amount_max"] for c in stored_shared.values())


def test_a_reader_that_dies_loses_nothing(tmp_path, monkeypatch):
    real = spiders.classify_pool.classify_item

    def dies_on_seventh(record, as_of):
        if record["title"].startswith("Конкурс №7 "):
            os._exit(3)              # the worker process is gone mid-batch
        return real(record, as_of)

    monkeypatch.setattr(spiders.classify_pool, "classify_item", dies_on_seventh)  # inherited by the forked readers
    results, stored = _crawl(tmp_path / "g.db", 2, _ops(40))
    assert [r["state"] for r in results] == ["fresh"] * 40 and all(r["new"] for r in results)
    monkeypatch.setattr(spiders.classify_pool, "classify_item", real)
    _, stored_alone = _crawl(tmp_path / "alone.db", 0, _ops(40))
    assert len(stored) == 40 and stored == stored_alone  # the rest read by the writer itself
    assert stored["Конкурс №7 для громад"]["deadline"] == "2025-09-08"


def test_an_item_that_cannot_be_read_fails_alone(tmp_path, monkeypatch):
    real = grantdigest.ingest.extract

    def breaks_on_fifth(text, title=None, **kw):
        if title and title.startswith("Конкурс №5 "):
            raise ValueError("unreadable page")
        return real(text, title, **kw)

    monkeypatch.setattr(grantdigest.ingest, "extract", breaks_on_fifth)  # in the readers and in the writer
    results, stored = _crawl(tmp_path / "g.db", 2, _ops(20))
    assert [r["state"] for r in results].count("error") == 1
    assert "unreadable page" in next(r["error"] for r in results if r["state"] == "error")
    assert len(stored) == 19 and "Конкурс №5 для громад" not in stored


def test_a_bad_reader_count_is_a_one_line_error(tmp_path):
    import subprocess
    import sys

    env = {**os.environ, "GRANTDIGEST_READERS": "two"}
    done = subprocess.run([sys.executable, "-m", "grantdigest", "--db", str(tmp_path / "g.db"), "crawl",
                           "--source", "prostir", "--replay", "http://127.0.0.1:9"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0 and "GRANTDIGEST_READERS='two'" in done.stderr


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="reads /proc (Linux)")
def test_readers_end_with_a_killed_writer(tmp_path):
    """Readers inherit the crawl's open files (its lock among them): they must not outlive the writer."""
    import signal
    import time

    results = []
    writer = Writer(str(tmp_path / "g.db"), AS_OF, 2)
    writer.users, writer.handlers["readers-test"] = 1, results.append
    writer.submit("readers-test", _ops(16))
    assert writer.wait_for("readers-test", give_up_after=60) == 0
    pid = writer.process.pid
    with open(f"/proc/{pid}/task/{pid}/children") as children:
        readers = [int(p) for p in children.read().split()]
    assert len(readers) == 2 and all(_alive(p) for p in readers)
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in readers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(p) for p in readers)
    writer.process.join(timeout=5)


def _assert_the_writer_ends_and_its_items_are_lost(tmp_path, readers: int) -> None:
    """A writer that cannot go on ends, and the crawl counts its 16 items as lost at once."""
    import time

    writer = Writer(str(tmp_path / "g.db"), AS_OF, readers)
    writer.users, writer.handlers["readers-test"] = 1, []
    writer.submit("readers-test", _ops(16))
    started = time.monotonic()
    assert writer.wait_for("readers-test", give_up_after=60) == 16
    assert time.monotonic() - started < 30
    writer.process.join(timeout=10)
    assert writer.process.exitcode not in (None, 0)


def test_a_writer_that_fails_ends_and_its_items_are_lost_not_waited_for(tmp_path, monkeypatch):
    """An unexpected error in the writer's own loop (not in one item) ends the writer and its
    readers: the crawl counts the items as lost at once instead of waiting for a writer that
    is stuck joining its readers."""
    import spiders.writer_process

    def broken(store, as_of, ops):
        raise RuntimeError("the writer's loop broke")

    monkeypatch.setattr(spiders.writer_process, "handle_batch", broken)  # inherited by the forked writer
    _assert_the_writer_ends_and_its_items_are_lost(tmp_path, readers=2)


def test_a_batch_is_read_while_the_writer_writes_the_one_before(tmp_path, monkeypatch):
    """Batches go to the readers as they arrive, not when the writer is done writing: the
    reader and the writer work at once instead of taking turns."""
    import time

    import spiders.writer_process

    log = tmp_path / "times.log"
    real_read, real_write = spiders.classify_pool.classify_item, spiders.writer_process.handle_batch

    def read(record, as_of):
        with open(log, "a") as out:
            out.write(f"read {record['title']} {time.monotonic()}\n")
        return real_read(record, as_of)

    def slow_write(store, as_of, ops):
        started = time.monotonic()
        time.sleep(1.0)
        answers = real_write(store, as_of, ops)
        with open(log, "a") as out:
            out.write(f"write {len(ops)} {started} {time.monotonic()}\n")
        return answers

    monkeypatch.setattr(spiders.classify_pool, "classify_item", read)        # inherited by the forked processes
    monkeypatch.setattr(spiders.writer_process, "handle_batch", slow_write)
    ops = _ops(32)
    writer = Writer(str(tmp_path / "g.db"), AS_OF, 1)
    writer.users, writer.handlers["readers-test"] = 1, []
    writer.submit("readers-test", ops[:16])
    time.sleep(0.5)                               # the first batch is read and being written...
    writer.submit("readers-test", ops[16:])       # ...when the second arrives
    assert writer.wait_for("readers-test", give_up_after=60) == 0
    writer.release("readers-test")
    lines = [line.split() for line in log.read_text().splitlines()]
    first_write = next(line for line in lines if line[0] == "write")
    second_batch_read = [float(line[-1]) for line in lines  # (the warm-up's records have no №)
                         if line[0] == "read" and line[2].startswith("№") and int(line[2].lstrip("№")) > 16]
    assert len(second_batch_read) == 16
    assert min(second_batch_read) < float(first_write[3])  # read before the first batch's writing ended


def test_a_writer_whose_forwarding_fails_ends_and_its_items_are_lost_not_waited_for(tmp_path, monkeypatch):
    """The thread that hands batches to the readers failing ends the writer like its loop failing."""

    def broken(self, ops):
        raise RuntimeError("handing out broke")

    monkeypatch.setattr(spiders.classify_pool.ClassifyPool, "start", broken)  # inherited by the forked writer
    _assert_the_writer_ends_and_its_items_are_lost(tmp_path, readers=1)


def test_the_writer_started_ahead_is_the_one_the_sources_take_or_it_is_stopped(tmp_path):
    """``grantdigest crawl`` starts the writer before Scrapy is set up; the first source's
    pipeline takes that one over. One that no source took is stopped at the end."""
    db = str(tmp_path / "g.db")
    Store(db).close()
    ahead = Writer.start(db, AS_OF, 1)
    results = []
    taken = Writer.acquire(db, AS_OF, "readers-test", results.append, 1)
    assert taken is ahead and ahead.process.is_alive()
    taken.submit("readers-test", _ops(16))
    assert taken.wait_for("readers-test", give_up_after=60) == 0 and len(results) == 16
    taken.release("readers-test")
    assert taken.stopped and taken.process.exitcode == 0

    unused = Writer.start(db, AS_OF, 1)
    assert unused is not ahead  # the one before ended with its last source
    Writer.stop_unused()
    assert unused.stopped and unused.process.exitcode == 0 and Writer._shared is None


def test_a_writer_started_ahead_for_another_day_is_stopped_when_replaced(tmp_path):
    """A crawl started just before midnight in Kyiv: its sources read the next day's date;
    the writer started ahead with the day before ends instead of lingering unused."""
    db = str(tmp_path / "g.db")
    Store(db).close()
    ahead = Writer.start(db, AS_OF, 0)
    taken = Writer.start(db, AS_OF + dt.timedelta(days=1), 0)
    assert taken is not ahead and ahead.stopped and ahead.process.exitcode == 0
    Writer.stop_unused()
    assert taken.stopped and Writer._shared is None


def test_handing_out_to_a_broken_pool_gives_up_instead_of_hanging():
    """A reader that died is found when the next batch is handed out (from the writer's forwarding
    thread): the pool is given up there, and the writer reads the batch itself."""
    import signal
    import threading
    import time

    pool = spiders.classify_pool.ClassifyPool(AS_OF, workers=1)
    thread = None
    try:
        for pid in list(pool.executor._processes):
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while not pool.executor._broken and time.monotonic() < deadline:
            time.sleep(0.05)
        handed = []
        thread = threading.Thread(target=lambda: handed.append(pool.start(_ops(4))), daemon=True)
        thread.start()
        thread.join(timeout=10)
        assert not thread.is_alive()            # no deadlock on the pool's lock
        assert pool.executor is None and handed[0].futures == []
    finally:
        if thread is None or not thread.is_alive():   # (a deadlocked pool would hang its close too)
            pool.close()
