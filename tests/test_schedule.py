"""The schedule: jobs, times from the one config file, due sources, job-store reconciliation."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest

import schedule
from grantdigest.config import Config, ScheduleSettings, load_config
from grantdigest.errors import UserError
from grantdigest.ops.due import due_sources, is_due
from grantdigest.ops.jobs import send_args
from grantdigest.ops.scheduler import build_scheduler, job_specs, jobstore_path, reconcile
from spiders.registry import Source

KYIV = ZoneInfo("Europe/Kyiv")


def test_default_jobs_daily_crawl_and_weekly_send_monday_0900_kyiv():
    specs = {s.id: s for s in job_specs(ScheduleSettings())}
    after = dt.datetime(2026, 11, 25, 12, 0, tzinfo=KYIV)  # a Wednesday
    weekly = specs["weekly-send"].trigger.get_next_fire_time(None, after)
    assert weekly.astimezone(KYIV) == dt.datetime(2026, 11, 30, 9, 0, tzinfo=KYIV)
    daily = specs["daily-crawl"].trigger.get_next_fire_time(None, after)
    assert daily.astimezone(KYIV) == dt.datetime(2026, 11, 26, 6, 0, tzinfo=KYIV)
    # across the DST change (last Sunday of March) the send stays at 09:00 Kyiv time
    spring = specs["weekly-send"].trigger.get_next_fire_time(None, dt.datetime(2027, 3, 25, tzinfo=KYIV))
    assert spring.astimezone(KYIV).hour == 9 and spring.utcoffset() == dt.timedelta(hours=3)


def test_times_come_from_the_config_file_and_env(tmp_path):
    config_file = tmp_path / "g.toml"
    config_file.write_text('[schedule]\ncrawl_time = "05:30"\nsend_day = "fri"\nsend_time = "14:15"\n'
                           'send_command = "digest send"\n')
    config = load_config(config_file, env={"GRANTDIGEST_SCHEDULE_CRAWL_TIME": "04:45"})
    specs = {s.id: s for s in job_specs(config.schedule)}
    after = dt.datetime(2026, 11, 25, 12, 0, tzinfo=KYIV)
    assert specs["daily-crawl"].trigger.get_next_fire_time(None, after).astimezone(KYIV).time() == dt.time(4, 45)
    send = specs["weekly-send"].trigger.get_next_fire_time(None, after).astimezone(KYIV)
    assert (send.weekday(), send.time()) == (4, dt.time(14, 15))
    assert send_args(config) == ["digest", "send"]
    config = replace(config, schedule=replace(config.schedule, send_command="digest email", send_to=("a@x.ua", "b@x.ua")))
    assert send_args(config) == ["digest", "email", "--to", "a@x.ua", "--to", "b@x.ua"]


@pytest.mark.parametrize("key,value", [("crawl_time", "25:00"), ("send_day", "someday"), ("timezone", "Mars/Base")])
def test_bad_schedule_values_are_clear_errors(key, value):
    with pytest.raises(UserError) as error:
        job_specs(replace(ScheduleSettings(), **{key: value}))
    assert key in str(error.value) and value in str(error.value)


def test_jobs_coalesce_one_instance_with_grace(tmp_path):
    config = Config(db_path=tmp_path / "g.db")
    scheduler = build_scheduler(config)
    scheduler.start(paused=True)
    try:
        assert reconcile(scheduler, config) == {"daily-crawl": "added", "weekly-send": "added"}
        for job in scheduler.get_jobs():
            assert job.coalesce and job.max_instances == 1 and job.misfire_grace_time == 43200
            assert job.func_ref == "grantdigest.ops.jobs:run_job"
    finally:
        scheduler.shutdown(wait=False)
    assert jobstore_path(config) == tmp_path / "scheduler.db" and jobstore_path(config).exists()


def test_restart_keeps_unchanged_jobs_and_replaces_changed_ones(tmp_path):
    config = Config(db_path=tmp_path / "g.db")
    first = build_scheduler(config)
    first.start(paused=True)
    reconcile(first, config)
    stored_next = first.get_job("daily-crawl").next_run_time
    first.shutdown(wait=False)

    changed = replace(config, schedule=replace(config.schedule, send_time="10:00"))
    second = build_scheduler(changed)
    second.start(paused=True)
    try:
        assert reconcile(second, changed) == {"daily-crawl": "kept", "weekly-send": "replaced"}
        assert second.get_job("daily-crawl").next_run_time == stored_next
        assert second.get_job("weekly-send").next_run_time.astimezone(KYIV).hour == 10
    finally:
        second.shutdown(wait=False)


def test_schedule_py_builds_the_same_scheduler(tmp_path, monkeypatch):
    monkeypatch.setenv("GRANTDIGEST_DB", str(tmp_path / "g.db"))
    scheduler = schedule.build_scheduler()
    assert scheduler.timezone == KYIV


def _source(frequency: str, enabled: bool = True) -> Source:
    return Source(id=f"s-{frequency}", name_uk="x", name_en="x", family="feed", start_urls=("https://x.ua/",),
                  language="uk", frequency=frequency, enabled=enabled)


def test_each_source_at_most_as_often_as_its_frequency():
    now = dt.datetime(2026, 11, 25, 4, 0, tzinfo=dt.timezone.utc)  # 06:00 Kyiv
    yesterday = "2026-11-24T04:00:03Z"   # yesterday's run started 3 s later than today's
    three_days = "2026-11-22T04:00:00Z"
    daily, weekly, hourly = _source("daily"), _source("weekly"), _source("hourly")
    assert is_due(daily, yesterday, now) and is_due(hourly, yesterday, now)
    assert not is_due(weekly, three_days, now) and is_due(weekly, "2026-11-18T04:00:00Z", now)
    assert not is_due(daily, "2026-11-25T01:00:00Z", now)  # crawled by hand three hours ago
    assert is_due(weekly, None, now)                       # never crawled (or never well)
    assert not is_due(_source("daily", enabled=False), None, now)
    assert due_sources([daily, weekly], {daily.id: yesterday, weekly.id: three_days}, now) == [daily]
