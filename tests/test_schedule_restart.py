"""Restarts neither lose nor double runs, and SIGTERM stops the scheduler cleanly.

Real parts: the APScheduler SQLite job store on disk, real ``grantdigest crawl`` and
``digest build`` subprocesses against the loopback replay server, ``python schedule.py``
as its own process for the SIGTERM test.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from zoneinfo import ZoneInfo

import pytest

from conftest import FIXTURES, REPO

sys.path.insert(0, str(FIXTURES / "faults"))
import faultkit  # noqa: E402
from faultkit import AS_OF, N, SOUND, query, sightings, soundness  # noqa: E402
from test_faults_process import SLOW, slow_entries, wait_for  # noqa: E402

from grantdigest.config import load_config  # noqa: E402
from grantdigest.ops import scheduler as ops_scheduler  # noqa: E402
from grantdigest.replay import Manifest, ReplayServer  # noqa: E402

KYIV = ZoneInfo("Europe/Kyiv")


def clock(seconds_ahead: float) -> tuple[str, dt.datetime]:
    when = (dt.datetime.now(KYIV) + dt.timedelta(seconds=seconds_ahead)).replace(microsecond=0)
    return when.strftime("%H:%M:%S"), when


def write_config(tmp_path, crawl_time: str, grace: int = 3600, extra: str = "") -> dict:
    config = tmp_path / "grantdigest.toml"
    config.write_text(f'db_path = "{tmp_path / "g.db"}"\nsite_dir = "{tmp_path / "site"}"\n'
                      f'[schedule]\ncrawl_time = "{crawl_time}"\nmisfire_grace = {grace}\n{extra}')
    return {"GRANTDIGEST_CONFIG": str(config), "GRANTDIGEST_AS_OF": AS_OF}


@pytest.fixture
def env(tmp_path, monkeypatch):
    def apply(values: dict):
        for key in [k for k in os.environ if k.startswith("GRANTDIGEST_")]:
            monkeypatch.delenv(key)
        for key, value in values.items():
            monkeypatch.setenv(key, value)
    return apply


def store_jobs_and_stop(config) -> None:
    """A scheduler that stores its jobs and stops before anything is due (the server goes down)."""
    scheduler = ops_scheduler.build_scheduler(config)
    scheduler.start(paused=True)
    ops_scheduler.reconcile(scheduler, config)
    scheduler.shutdown(wait=False)


def runs(db, job=None):
    sql = "SELECT job, origin, status FROM ops_runs" + (" WHERE job = ?" if job else "") + " ORDER BY id"
    return query(db, sql, (job,) if job else ())


def test_job_due_while_stopped_runs_once_on_restart(tmp_path, env):
    db = tmp_path / "g.db"
    with ReplayServer(Manifest(entries=faultkit.healthy_entries(), base_dir=FIXTURES / "faults")) as server:
        crawl_time, when = clock(3)
        env({**write_config(tmp_path, crawl_time), "GRANTDIGEST_REGISTRY": str(FIXTURES / "faults" / "healthy.toml"),
             "GRANTDIGEST_REPLAY_URL": server.url})
        config = load_config()
        store_jobs_and_stop(config)
        time.sleep(max(0.0, (when - dt.datetime.now(KYIV)).total_seconds()) + 1.5)   # due while stopped
        assert not db.exists() or runs(db) == []

        scheduler, changes, _ = ops_scheduler.start(config)        # restart
        try:
            assert changes["daily-crawl"] == "kept"
            assert wait_for(lambda: db.exists() and ("site", "schedule", "ok") in runs(db), timeout=90)
        finally:
            ops_scheduler.stop(scheduler, timeout=30)
        assert runs(db) == [("crawl", "schedule", "ok"), ("site", "schedule", "ok")]   # once, crawl then site
        assert (sightings(db, "healthy-feed"), sightings(db, "healthy-list")) == (N, N)
        assert (tmp_path / "site" / "index.html").exists()

        scheduler, changes, recovered = ops_scheduler.start(config)  # and again: nothing is doubled
        try:
            next_run = scheduler.get_job("daily-crawl").next_run_time
            time.sleep(2)
        finally:
            ops_scheduler.stop(scheduler, timeout=30)
    assert recovered == [] and runs(db, "crawl") == [("crawl", "schedule", "ok")]
    assert next_run.astimezone(KYIV) == when + dt.timedelta(days=1)


def test_job_missed_beyond_grace_is_logged_not_run(tmp_path, env):
    crawl_time, when = clock(2)
    env(write_config(tmp_path, crawl_time, grace=1))
    config = load_config()
    store_jobs_and_stop(config)
    time.sleep(max(0.0, (when - dt.datetime.now(KYIV)).total_seconds()) + 3)
    scheduler, _, _ = ops_scheduler.start(config)
    try:
        assert wait_for(lambda: (tmp_path / "g.db").exists() and runs(tmp_path / "g.db"), timeout=20)
    finally:
        ops_scheduler.stop(scheduler, timeout=10)
    assert runs(tmp_path / "g.db") == [("crawl", "schedule", "missed")]
    detail = query(tmp_path / "g.db", "SELECT detail FROM ops_runs")[0][0]
    assert "misfire_grace" in detail


def start_scheduler_process(env_values: dict) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRANTDIGEST_")}
    env.update(env_values)
    return subprocess.Popen([sys.executable, "schedule.py"], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def test_sigterm_stops_a_running_crawl_cleanly_and_restart_finishes_it(tmp_path):
    db = tmp_path / "g.db"
    with ReplayServer(Manifest(entries=slow_entries(0.5), base_dir=FIXTURES / "faults")) as server:
        crawl_time, _ = clock(2)
        values = {**write_config(tmp_path, crawl_time, extra="stop_timeout = 60\n"),
                  "GRANTDIGEST_REGISTRY": str(FIXTURES / "faults" / "slow.toml"), "GRANTDIGEST_REPLAY_URL": server.url}
        # the job is stored before the process starts, so however slowly it starts the run is due (not tomorrow)
        store_jobs_and_stop(load_config(values["GRANTDIGEST_CONFIG"], env={}))
        process = start_scheduler_process(values)
        try:
            # the crawl is under way once the server has answered a few detail pages (what is stored
            # shows later: the crawl hands items over to its writer 64 at a time, or after a second)
            details = [f"https://slow-feed.example/calls/{i}/" for i in range(1, SLOW + 1)]
            if not wait_for(lambda: sum(server.hits(url) for url in details) >= 3, timeout=60):
                process.kill()
                pytest.fail(process.communicate()[1][-3000:])
            process.send_signal(signal.SIGTERM)
            _, err = process.communicate(timeout=90)
        finally:
            if process.poll() is None:
                process.kill()
        assert process.returncode == 0, err
        assert "зупинено" in err
        stopped_at = _slow(db)
        assert stopped_at < SLOW
        # the crawl closed cleanly: its run is finished (reason 'shutdown'), nothing half-written
        assert query(db, "SELECT finish_reason FROM crawl_runs") == [("shutdown",)]
        assert runs(db) == [("crawl", "schedule", "interrupted")]   # no site build after a stop
        assert soundness(db) == SOUND

        process = start_scheduler_process(values)                    # restart: the interrupted crawl is redone
        try:
            assert wait_for(lambda: ("site", "schedule", "ok") in runs(db), timeout=90)
            process.send_signal(signal.SIGTERM)
            _, err = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 0 and "повторюю перерваний запуск: crawl" in err
    assert runs(db) == [("crawl", "schedule", "interrupted"), ("crawl", "schedule", "ok"), ("site", "schedule", "ok")]
    assert _slow(db) == SLOW and soundness(db) == SOUND
    faultkit.record({"fault": "SIGTERM to the scheduler during a crawl, then restart", "source": "slow-feed",
                     "first_items": stopped_at, "first_errors": 0, "recorded": "crawl_runs.finish_reason = shutdown",
                     "exit_code": 0, "others_ok": True, "sound": True, "rerun_items": SLOW})


def _slow(db):
    try:
        return sightings(db, "slow-feed")
    except Exception:
        return 0
