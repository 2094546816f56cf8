"""Faults of the machine rather than the site, through REAL crawls:
11. the crawl process SIGKILLed half-way, then re-run; 12. the database locked by
another writer; 9. a 50 MB page without a memory blow-up (peak RSS of the crawl
process, measured with wait4)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time

from conftest import FIXTURES, REPO, run_cli

sys.path.insert(0, str(FIXTURES / "faults"))
import faultkit  # noqa: E402
from faultkit import AS_OF, N, SOUND, crawl, crawl_env, last_run, query, sightings, soundness  # noqa: E402

from grantdigest.replay import Manifest, ReplayServer  # noqa: E402

SLOW = 40  # detail pages of the slow feed (more than the downloader holds at once: 16)


def slow_entries(delay: float) -> list[dict]:
    feed_items = [(f"Повільний конкурс {i}: гранти громадам", f"https://slow-feed.example/calls/{i}/", "")
                  for i in range(1, SLOW + 1)]
    entries = faultkit.healthy_entries() + [
        {"url": faultkit.FEED_URLS["slow-feed"], "body": faultkit.rss("slow-feed", items=feed_items, excerpt=True),
         "content_type": "application/rss+xml; charset=utf-8"}]
    for i in range(1, SLOW + 1):
        entries.append({"url": f"https://slow-feed.example/calls/{i}/", "delay": delay,
                        "body": f"<html><body><article><h1>Повільний конкурс {i}</h1><p>Гранти до 100 000 грн."
                                f" Дедлайн: {i} жовтня 2026 року.</p></article></body></html>"})
    return entries


def popen_crawl(server_url, db, *sources, env=None):
    args = [sys.executable, "-m", "grantdigest", "crawl", "--replay", server_url, "--as-of", AS_OF]
    for source in sources:
        args += ["--source", source]
    return subprocess.Popen(args, env=crawl_env(db, extra=env), cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for(predicate, timeout=60, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def test_sigkill_mid_crawl_then_rerun(tmp_path):
    db = tmp_path / "g.db"
    # slow enough that the first items stored (handed to the writer 64 at a time or after a second)
    # leave most pages still to fetch
    with ReplayServer(Manifest(entries=slow_entries(0.5), base_dir=FIXTURES / "faults")) as server:
        process = popen_crawl(server.url, db, "slow-feed", "healthy-feed")
        assert wait_for(lambda: db.exists() and _count(db, "slow-feed") >= 3), process.communicate(timeout=5)
        os.kill(process.pid, signal.SIGKILL)
        process.communicate(timeout=30)
        assert process.returncode == -signal.SIGKILL
        killed_at = _count(db, "slow-feed")
        assert 3 <= killed_at < SLOW
        # nothing half-written: every call has its sighting, the file is sound
        assert soundness(db) == SOUND
        open_runs = query(db, "SELECT source_id FROM crawl_runs WHERE finished IS NULL")
        assert ("slow-feed",) in open_runs
        status = run_cli("--db", str(db), "schedule", "status")
        assert status.returncode == 0 and "перервано" in status.stdout  # the dead run is shown as interrupted

        again = crawl(server.url, db, "slow-feed", "healthy-feed")
    assert again.returncode == 0, again.stderr
    assert "закрито записи перерваного збору" in again.stderr and "slow-feed" in again.stderr
    killed = query(db, "SELECT finish_reason, errors, error_text FROM crawl_runs WHERE source_id = 'slow-feed'"
                       " ORDER BY id")[0]
    assert killed[0] == "interrupted" and killed[1] >= 1 and "перервано" in killed[2]  # on the source's health
    assert query(db, "SELECT status FROM ops_runs WHERE job = 'crawl' ORDER BY id") == [("interrupted",), ("ok",)]
    assert (last_run(db, "slow-feed")["items"], _count(db, "slow-feed")) == (SLOW, SLOW)  # the work completes
    assert sightings(db, "healthy-feed") == N
    assert soundness(db) == SOUND
    faultkit.record({"fault": "11. Crawl process SIGKILLed mid-crawl, then re-run", "source": "slow-feed",
                     "first_items": killed_at, "first_errors": killed[1], "recorded": killed[2],
                     "exit_code": -9, "others_ok": True, "sound": True, "rerun_items": SLOW})


def _count(db, source):
    try:
        return sightings(db, source)
    except sqlite3.OperationalError:
        return 0


def _hold_write_lock(db, seconds: float, started: threading.Event, release: threading.Event | None = None):
    conn = sqlite3.connect(db, timeout=30, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO migrations (name, applied_at) VALUES ('zz_other_writer', 'now')")
    started.set()
    if release is not None:
        release.wait(seconds)
    else:
        time.sleep(seconds)
    conn.execute("ROLLBACK")
    conn.close()


def _prepared_db(tmp_path):
    db = tmp_path / "g.db"
    with ReplayServer(Manifest(entries=faultkit.healthy_entries(), base_dir=FIXTURES / "faults")) as server:
        assert crawl(server.url, db, "healthy-list").returncode == 0
    return db


def test_db_locked_briefly_by_another_writer_waits_and_completes(tmp_path):
    db = _prepared_db(tmp_path)
    started = threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(db, 3.0, started))
    holder.start()
    assert started.wait(10)
    begun = time.monotonic()
    with ReplayServer(Manifest(entries=faultkit.healthy_entries(), base_dir=FIXTURES / "faults")) as server:
        result = crawl(server.url, db, "healthy-feed", "healthy-list")
    holder.join()
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - begun >= 2.5  # it waited for the other writer (busy timeout), then wrote
    assert (sightings(db, "healthy-feed"), sightings(db, "healthy-list")) == (N, N)
    assert last_run(db, "healthy-feed")["errors"] == 0
    assert soundness(db) == SOUND
    assert query(db, "PRAGMA journal_mode")[0][0] == "wal"
    faultkit.record({"fault": "12. Database locked by another writer for 3 s (busy timeout 30 s)",
                     "source": "healthy-feed", "first_items": N, "first_errors": 0,
                     "recorded": "— (waited, then wrote)", "exit_code": 0, "others_ok": True, "sound": True,
                     "rerun_items": N})


def test_db_locked_longer_than_busy_timeout_exits_75_then_rerun_completes(tmp_path):
    db = _prepared_db(tmp_path)
    started, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_write_lock, args=(db, 120.0, started, release))
    holder.start()
    assert started.wait(10)
    with ReplayServer(Manifest(entries=faultkit.healthy_entries(), base_dir=FIXTURES / "faults")) as server:
        try:
            result = crawl(server.url, db, "healthy-feed", env={"GRANTDIGEST_BUSY_TIMEOUT": "1"})
        finally:
            release.set()   # the other writer holds on for the whole first crawl
            holder.join()
        assert result.returncode == 75, (result.returncode, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert "зайнята" in lines[-1] and "повторіть" in lines[-1]
        assert sightings(db, "healthy-feed") == 0 and soundness(db) == SOUND
        again = crawl(server.url, db, "healthy-feed")
    assert again.returncode == 0, again.stderr
    assert sightings(db, "healthy-feed") == N and soundness(db) == SOUND
    faultkit.record({"fault": "12b. Database locked longer than the busy timeout", "source": "healthy-feed",
                     "first_items": 0, "first_errors": None, "recorded": lines[-1].replace(str(db), "g.db"), "exit_code": 75,
                     "others_ok": True, "sound": True, "rerun_items": N})


def _peak_rss_mb(process: subprocess.Popen) -> float:
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stdout.read(), process.stderr.read()
    return usage.ru_maxrss / 1024


def test_50mb_page_does_not_blow_up_memory(tmp_path):
    big = {"url": faultkit.FEED_URLS["faulty-feed"], "stream": {"size": 50 * 1024 * 1024, "chunked": True}}
    with ReplayServer(Manifest(entries=faultkit.healthy_entries() + [faultkit.good_entry("faulty-feed")],
                               base_dir=FIXTURES / "faults")) as server:
        baseline = _peak_rss_mb(popen_crawl(server.url, tmp_path / "a.db", "faulty-feed", "healthy-feed"))
    with ReplayServer(Manifest(entries=faultkit.healthy_entries() + [big], base_dir=FIXTURES / "faults")) as server:
        process = popen_crawl(server.url, tmp_path / "b.db", "faulty-feed", "healthy-feed")
        peak = _peak_rss_mb(process)
    assert process.returncode == 1
    run = last_run(tmp_path / "b.db", "faulty-feed")
    assert run["errors"] >= 1 and "Cancel" in run["error_text"]
    assert sightings(tmp_path / "b.db", "healthy-feed") == N
    # the download stops at DOWNLOAD_MAXSIZE (10 MB) and frees its buffer: far below 50 MB extra
    assert peak - baseline < 35, (peak, baseline)
    faultkit.record({"fault": "9b. Peak memory of the crawl with the 50 MB page", "source": "faulty-feed",
                     "recorded": f"peak RSS {peak:.0f} MB vs {baseline:.0f} MB for a normal crawl",
                     "first_items": 0, "first_errors": run["errors"], "exit_code": 1, "others_ok": True,
                     "sound": True, "rerun_items": None})
