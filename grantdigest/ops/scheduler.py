"""The scheduler: APScheduler with a persistent SQLite job store.

Jobs (times in ``[schedule]`` of the config file, see README "Operations"):
``daily-crawl`` (crawl what is due, then build the site) and ``weekly-send``.

Restarts neither lose nor double runs:
- the job store (``scheduler.db`` next to the database, its own file so the
  scheduler never waits on a crawl's writes) keeps each job's next run time;
  APScheduler moves it forward when a run *starts*;
- at start-up a job whose configuration is unchanged is kept as stored, so a
  run that fell due while the server was down still runs -- once (``coalesce``)
  and only within ``misfire_grace`` seconds (else it is logged as missed);
- a crawl or send that was killed half-way (power cut, SIGKILL) is found in
  the run log and run again once (the crawl takes only the sources still due;
  the send skips recipients already in the delivery log).

SIGTERM/SIGINT: no new steps start, a running child gets one SIGTERM (Scrapy
then closes its spiders cleanly), the scheduler waits up to ``stop_timeout``
seconds for it and exits 0.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from grantdigest.config import Config, ScheduleSettings
from grantdigest.errors import UserError
from grantdigest.ops import jobs
from grantdigest.ops.lock import CrawlLock, lock_path
from grantdigest.timeutil import now_utc, parse_moment
from storage import Store

JOB_FUNC = "grantdigest.ops.jobs:run_job"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES_UK = {"mon": "щопонеділка", "tue": "щовівторка", "wed": "щосереди", "thu": "щочетверга",
                "fri": "щоп'ятниці", "sat": "щосуботи", "sun": "щонеділі"}
RECOVERY_IDS = {"crawl": "recovery-crawl", "send": "recovery-send"}
INTERRUPTED_NOTE = "процес зник, не закривши запис (перезавантаження, SIGKILL?)"


@dataclass(frozen=True)
class JobSpec:
    id: str
    job: str          # the run-log job name: crawl (+ site), send
    trigger: CronTrigger
    description: str


def _zone(settings: ScheduleSettings) -> ZoneInfo:
    try:
        return ZoneInfo(settings.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(f"[schedule] timezone: невідомий часовий пояс '{settings.timezone}'"
                        " (приклад: Europe/Kyiv)") from None


def parse_clock(value: str, key: str) -> tuple[int, int, int]:
    """'06:00' or '06:00:30' -> (6, 0, 0) / (6, 0, 30)."""
    try:
        parts = [int(p) for p in str(value).split(":")]
        if len(parts) not in (2, 3):
            raise ValueError
        hour, minute, second = (parts + [0])[:3]
        dt.time(hour, minute, second)
    except ValueError:
        raise UserError(f"[schedule] {key} = '{value}': очікується час ГГ:ХХ (наприклад 06:00)") from None
    return hour, minute, second


def job_specs(settings: ScheduleSettings) -> list[JobSpec]:
    zone = _zone(settings)
    day = settings.send_day.strip().lower()[:3]
    if day not in DAYS:
        raise UserError(f"[schedule] send_day = '{settings.send_day}': очікується один із {', '.join(DAYS)}")
    ch, cm, cs = parse_clock(settings.crawl_time, "crawl_time")
    sh, sm, ss = parse_clock(settings.send_time, "send_time")
    return [
        JobSpec("daily-crawl", "crawl", CronTrigger(hour=ch, minute=cm, second=cs, timezone=zone),
                f"щодня о {settings.crawl_time} ({settings.timezone}): збір + сайт"),
        JobSpec("weekly-send", "send", CronTrigger(day_of_week=day, hour=sh, minute=sm, second=ss, timezone=zone),
                f"{DAY_NAMES_UK[day]} о {settings.send_time} ({settings.timezone}): "
                f"`grantdigest {settings.send_command}`"),
    ]


def jobstore_path(config: Config) -> Path:
    if config.schedule.jobstore:
        return Path(config.schedule.jobstore)
    return Path(config.db_path).with_name("scheduler.db")


def build_scheduler(config: Config) -> BackgroundScheduler:
    path = jobstore_path(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    store = SQLAlchemyJobStore(url=f"sqlite:///{path}", engine_options={"connect_args": {"timeout": 30}})
    return BackgroundScheduler(
        jobstores={"default": store},
        executors={"default": ThreadPoolExecutor(max_workers=3)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": config.schedule.misfire_grace},
        timezone=_zone(config.schedule),
    )


def _same(job, spec: JobSpec, grace: int) -> bool:
    return (str(job.trigger) == str(spec.trigger) and str(job.trigger.timezone) == str(spec.trigger.timezone)
            and list(job.args) == [spec.job] and job.func_ref == JOB_FUNC and job.misfire_grace_time == grace)


def reconcile(scheduler: BackgroundScheduler, config: Config) -> dict[str, str]:
    """Make the stored jobs match the configuration, keeping unchanged jobs as stored.

    Replacing an unchanged job would compute its next run from *now* and so lose
    a run that fell due while the scheduler was stopped.
    """
    changes: dict[str, str] = {}
    specs = job_specs(config.schedule)
    grace = config.schedule.misfire_grace
    for spec in specs:
        job = scheduler.get_job(spec.id)
        if job is not None and _same(job, spec, grace):
            changes[spec.id] = "kept"
            continue
        scheduler.add_job(JOB_FUNC, spec.trigger, args=[spec.job], id=spec.id, name=spec.description,
                          replace_existing=True, misfire_grace_time=grace, coalesce=True, max_instances=1)
        changes[spec.id] = "replaced" if job is not None else "added"
    wanted = {s.id for s in specs} | set(RECOVERY_IDS.values())
    for job in scheduler.get_jobs():
        if job.id not in wanted:
            scheduler.remove_job(job.id)
            changes[job.id] = "removed"
    return changes


def pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def close_dead_runs(config: Config) -> int:
    """Run-log rows still 'running' whose process is gone become 'interrupted'."""
    host = socket.gethostname()
    crawl_running = CrawlLock(lock_path(config.db_path)).holder() is not None
    closed = 0
    with Store(config.db_path) as store:
        for row in store.ops_runs(status="running", limit=1000):
            if row.get("host") != host or pid_alive(row.get("pid")):
                continue
            if row["job"] == "crawl" and crawl_running:
                continue
            closed += store.close_stale_ops_runs(row["job"], INTERRUPTED_NOTE, pid=row["pid"])
    return closed


def recover(scheduler: BackgroundScheduler, config: Config, now: dt.datetime | None = None) -> list[str]:
    """Schedule one catch-up run of a scheduled crawl or send that was interrupted."""
    now = now or now_utc()
    added = []
    with Store(config.db_path) as store:
        last = {job: (store.ops_runs(job=job, limit=1) or [None])[0] for job in RECOVERY_IDS}
    for job, row in last.items():
        if not row or row.get("origin") != "schedule" or row.get("status") != "interrupted":
            continue
        started = parse_moment(row.get("started"))
        if started and (now - started).total_seconds() <= config.schedule.misfire_grace:
            scheduler.add_job(JOB_FUNC, "date", run_date=now, args=[job], id=RECOVERY_IDS[job],
                              name=f"повтор перерваного {job}", replace_existing=True,
                              misfire_grace_time=config.schedule.misfire_grace)
            added.append(job)
    return added


def _listener(config: Config):
    names = {s.id: s.job for s in job_specs(config.schedule)} | {v: k for k, v in RECOVERY_IDS.items()}

    def on_event(event) -> None:
        job = names.get(event.job_id, event.job_id)
        if event.code == EVENT_JOB_MISSED:
            status, text = "missed", (f"пропущено запуск {event.scheduled_run_time:%Y-%m-%d %H:%M %Z}: "
                                      f"планувальник не працював довше за misfire_grace")
        elif event.code == EVENT_JOB_MAX_INSTANCES:
            status, text = "skipped", "попередній запуск цього завдання ще триває"
        else:
            status, text = "failed", f"{type(event.exception).__name__}: {event.exception}"
        try:
            with Store(config.db_path) as store:
                row = store.start_ops_run(job, "schedule", event.job_id, os.getpid(), socket.gethostname(),
                                          status=status)
                store.finish_ops_run(row, status, None, text)
        except Exception as exc:  # never let logging stop the scheduler
            print(f"увага: журнал запусків: {exc}", file=sys.stderr)
        print(f"[{job}] {status}: {text}", file=sys.stderr, flush=True)

    return on_event


def start(config: Config) -> tuple[BackgroundScheduler, dict[str, str], list[str]]:
    """Start the scheduler: reconcile the stored jobs, recover interrupted runs, then run."""
    scheduler = build_scheduler(config)
    scheduler.add_listener(_listener(config), EVENT_JOB_MISSED | EVENT_JOB_ERROR | EVENT_JOB_MAX_INSTANCES)
    jobs.STOPPING.clear()
    scheduler.start(paused=True)
    changes = reconcile(scheduler, config)
    close_dead_runs(config)
    recovered = recover(scheduler, config)
    scheduler.resume()
    return scheduler, changes, recovered


def stop(scheduler: BackgroundScheduler, timeout: float) -> None:
    """Graceful stop: nothing new starts; a running step gets one SIGTERM and ``timeout`` seconds."""
    jobs.STOPPING.set()
    scheduler.pause()
    if jobs.terminate_children(signal.SIGTERM):
        print("планувальник: зупиняю поточний крок (SIGTERM)…", file=sys.stderr, flush=True)
    deadline = time.monotonic() + timeout
    while jobs.running_children() and time.monotonic() < deadline:
        time.sleep(0.2)
    if jobs.running_children():
        print("планувальник: крок не зупинився вчасно — SIGKILL", file=sys.stderr, flush=True)
        jobs.terminate_children(signal.SIGKILL)
    scheduler.shutdown(wait=True)


def serve(config: Config) -> int:
    """Run until SIGTERM/SIGINT (the systemd service's main process)."""
    stop_event = threading.Event()

    def on_signal(signum, frame):
        stop_event.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    scheduler, changes, recovered = start(config)
    print(f"grant-digest: планувальник запущено (pid {os.getpid()}), сховище завдань {jobstore_path(config)}",
          file=sys.stderr)
    for job in scheduler.get_jobs():
        when = job.next_run_time.strftime("%Y-%m-%d %H:%M:%S %Z") if job.next_run_time else "—"
        print(f"  {job.id:<16} наступний запуск {when}  [{changes.get(job.id, 'new')}] {job.name}",
              file=sys.stderr)
    for job in recovered:
        print(f"  повторюю перерваний запуск: {job}", file=sys.stderr)
    print("ready", file=sys.stderr, flush=True)
    while not stop_event.wait(0.5):
        pass
    print("планувальник: отримано сигнал зупинки", file=sys.stderr, flush=True)
    stop(scheduler, config.schedule.stop_timeout)
    print("планувальник: зупинено", file=sys.stderr, flush=True)
    return 0


# --- status -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class JobStatus:
    id: str
    description: str
    next_run: dt.datetime | None
    stored: bool          # read from the job store (the scheduler has run) or computed from the config


def scheduled_jobs(config: Config, now: dt.datetime | None = None) -> list[JobStatus]:
    """Next runs: from the job store when the scheduler has run, else computed from the config."""
    specs = {s.id: s for s in job_specs(config.schedule)}
    now = now or dt.datetime.now(_zone(config.schedule))
    path = jobstore_path(config)
    stored: dict[str, JobStatus] = {}
    if path.exists():
        store = SQLAlchemyJobStore(url=f"sqlite:///{path}")
        store.start(BackgroundScheduler(timezone=_zone(config.schedule)), "default")
        try:
            for job in store.get_all_jobs():
                spec = specs.get(job.id)
                stored[job.id] = JobStatus(job.id, spec.description if spec else job.name, job.next_run_time, True)
        finally:
            store.shutdown()
    result = []
    for spec in specs.values():
        result.append(stored.pop(spec.id, None)
                      or JobStatus(spec.id, spec.description, spec.trigger.get_next_fire_time(None, now), False))
    return result + list(stored.values())
