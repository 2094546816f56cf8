"""The crawl lock and the run log: a scheduled and an ad-hoc crawl never overlap."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import FIXTURES, REPO, run_cli

sys.path.insert(0, str(FIXTURES / "faults"))
import faultkit  # noqa: E402
from faultkit import N, SOUND, crawl, query, soundness  # noqa: E402
from test_faults_process import SLOW, popen_crawl, slow_entries, wait_for  # noqa: E402

from grantdigest.ops import EXIT_BUSY  # noqa: E402
from grantdigest.ops.lock import Busy, CrawlLock, lock_path  # noqa: E402
from grantdigest.replay import Manifest, ReplayServer  # noqa: E402


def test_lock_is_exclusive_and_says_who_holds_it(tmp_path):
    path = lock_path(tmp_path / "g.db")
    assert path.name == "g.db.crawl.lock"
    first = CrawlLock(path)
    first.acquire(info={"command": "grantdigest crawl", "origin": "schedule"})
    try:
        holder = CrawlLock(path).holder()
        assert holder["pid"] == os.getpid() and holder["origin"] == "schedule"
        started = time.monotonic()
        with pytest.raises(Busy) as busy:
            CrawlLock(path).acquire(wait=0.5)
        assert time.monotonic() - started >= 0.45  # it waited as asked, then gave up
        assert busy.value.exit_code == EXIT_BUSY == 75
        assert f"pid {os.getpid()}" in str(busy.value) and "grantdigest crawl" in str(busy.value)
    finally:
        first.release()
    assert CrawlLock(path).holder() is None
    with CrawlLock(path):  # free again
        pass


def test_lock_dies_with_its_process(tmp_path):
    path = lock_path(tmp_path / "g.db")
    code = ("import sys, time; from grantdigest.ops.lock import CrawlLock; "
            f"CrawlLock({str(path)!r}).acquire(); print('locked', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=REPO)
    assert holder.stdout.readline().strip() == "locked"
    assert CrawlLock(path).holder()["pid"] == holder.pid
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert CrawlLock(path).holder() is None  # the kernel released it: no stale lock after a crash
    CrawlLock(path).acquire()


def test_second_crawl_exits_75_with_a_clear_message(tmp_path):
    db = tmp_path / "g.db"
    with ReplayServer(Manifest(entries=slow_entries(0.5), base_dir=FIXTURES / "faults")) as server:  # ~10 s
        first = popen_crawl(server.url, db, "slow-feed", env={"GRANTDIGEST_RUN_ORIGIN": "schedule"})
        assert wait_for(lambda: CrawlLock(lock_path(db)).holder() is not None)
        second = crawl(server.url, db, "healthy-feed")
        out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert second.returncode == 75
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1 and "інший збір уже триває" in lines[0]
    assert f"pid {first.pid}" in lines[0] and "за розкладом" in lines[0] and "GRANTDIGEST_LOCK_WAIT" in lines[0]
    rows = query(db, "SELECT origin, status, exit_code, pid FROM ops_runs WHERE job = 'crawl' ORDER BY id")
    assert ("manual", "busy", 75, second_pid(db)) in rows and ("schedule", "ok", 0, first.pid) in rows
    assert query(db, "SELECT count(*) FROM sightings WHERE source_id = 'healthy-feed'")[0][0] == 0


def second_pid(db):
    return query(db, "SELECT pid FROM ops_runs WHERE status = 'busy'")[0][0]


def test_second_crawl_waits_for_the_lock_and_runs_after(tmp_path):
    db = tmp_path / "g.db"
    with ReplayServer(Manifest(entries=slow_entries(0.1), base_dir=FIXTURES / "faults")) as server:
        first = popen_crawl(server.url, db, "slow-feed")
        assert wait_for(lambda: CrawlLock(lock_path(db)).holder() is not None)
        second = crawl(server.url, db, "healthy-feed", env={"GRANTDIGEST_LOCK_WAIT": "120"})
        first.communicate(timeout=120)
    assert (first.returncode, second.returncode) == (0, 0), second.stderr
    runs = query(db, "SELECT run_id, min(started), max(finished) FROM crawl_runs GROUP BY run_id ORDER BY 2")
    assert len(runs) == 2 and runs[0][2] <= runs[1][1]  # one after the other, never overlapping
    assert query(db, "SELECT count(*) FROM sightings")[0][0] == SLOW + N
    assert soundness(db) == SOUND


def test_adhoc_crawl_writes_the_run_log(tmp_path):
    db = tmp_path / "g.db"
    with ReplayServer(Manifest(entries=faultkit.healthy_entries(), base_dir=FIXTURES / "faults")) as server:
        result = crawl(server.url, db, "healthy-feed", "healthy-list")
    assert result.returncode == 0
    row = query(db, "SELECT job, origin, status, exit_code, command, run_id, source_ids, detail FROM ops_runs")[0]
    job, origin, status, code, command, run_id, source_ids, detail = row
    assert (job, origin, status, code) == ("crawl", "manual", "ok", 0)
    assert command.startswith("grantdigest crawl --replay") and json.loads(source_ids) == ["healthy-feed", "healthy-list"]
    assert {r[0] for r in query(db, "SELECT run_id FROM crawl_runs")} == {run_id}
    assert "6 оголошень" in detail
    status = run_cli("--db", str(db), "schedule", "status")
    assert status.returncode == 0 and "crawl  успішно" in status.stdout and "вручну" in status.stdout
