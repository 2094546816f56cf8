"""The scheduler entry point (APScheduler): ``python schedule.py``.

First version: one weekly job, Monday 09:00 Europe/Kyiv, that crawls all
enabled sources in a subprocess (Twisted's reactor cannot restart) and then
builds the site. The operations issue adds the daily crawl, the weekly send,
a persistent job store and the lock.
"""

from __future__ import annotations

import subprocess
import sys

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

TIMEZONE = "Europe/Kyiv"


def run_step(*args: str) -> int:
    """Run one ``grantdigest`` command in its own process; its exit code is the result."""
    return subprocess.run([sys.executable, "-m", "grantdigest", *args]).returncode


def weekly_job() -> None:
    crawl_code = run_step("crawl")
    print(f"crawl finished with exit code {crawl_code}", file=sys.stderr)
    run_step("digest", "build")


def build_scheduler() -> BlockingScheduler:
    scheduler = BlockingScheduler(timezone=TIMEZONE)
    scheduler.add_job(weekly_job, CronTrigger(day_of_week="mon", hour=9, minute=0, timezone=TIMEZONE),
                      id="weekly", coalesce=True, max_instances=1, misfire_grace_time=3600)
    return scheduler


def main() -> None:
    scheduler = build_scheduler()
    print(f"grant-digest scheduler: next run {scheduler.get_jobs()[0].trigger}", file=sys.stderr)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass


if __name__ == "__main__":
    main()
