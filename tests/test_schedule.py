"""The scheduler's weekly job fires on Monday 09:00 in Kyiv."""

import datetime as dt
from zoneinfo import ZoneInfo

import schedule


def test_weekly_job_is_monday_morning_in_kyiv():
    scheduler = schedule.build_scheduler()
    job = scheduler.get_job("weekly")
    kyiv = ZoneInfo("Europe/Kyiv")
    after = dt.datetime(2026, 11, 25, 12, 0, tzinfo=kyiv)  # a Wednesday
    fire = job.trigger.get_next_fire_time(None, after)
    assert fire.astimezone(kyiv) == dt.datetime(2026, 11, 30, 9, 0, tzinfo=kyiv)
    assert job.max_instances == 1 and job.coalesce
