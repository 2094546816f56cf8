"""``grantdigest schedule``: the scheduler (start, status, run a job now) and ``grantdigest backup``."""

from __future__ import annotations

import os
import sys
from zoneinfo import ZoneInfo

import click

from grantdigest.ops import jobs
from grantdigest.ops.lock import CrawlLock, lock_path
from grantdigest.ops.scheduler import jobstore_path, pid_alive, scheduled_jobs, serve
from grantdigest.timeutil import parse_moment

STATUS_UK = {"ok": "успішно", "partial": "частково (є помилки)", "failed": "помилка", "busy": "зайнято",
             "interrupted": "перервано", "running": "триває", "skipped": "пропущено", "missed": "пропущено (простій)"}


def _local(value, zone: ZoneInfo) -> str:
    moment = parse_moment(value) if isinstance(value, str) else value
    return moment.astimezone(zone).strftime("%d.%m.%Y %H:%M") if moment else "—"


def _export_overrides(obj) -> None:
    """Children (crawl, build, send) read the same configuration as this process."""
    if obj.config_path:
        os.environ["GRANTDIGEST_CONFIG"] = str(obj.config_path)
    if obj.db_override:
        os.environ["GRANTDIGEST_DB"] = str(obj.db_override)


@click.group()
def schedule():
    """Планувальник: розклад, журнал запусків, ручний запуск. / The scheduler."""


@schedule.command("start")
@click.pass_obj
def start_cmd(obj):
    """Запустити планувальник (до SIGTERM/Ctrl-C). / Run the scheduler until SIGTERM."""
    _export_overrides(obj)
    sys.exit(serve(obj.config))


@schedule.command("status")
@click.option("--runs", "runs", default=10, show_default=True, help="Скільки останніх запусків показати.")
@click.pass_obj
def status_cmd(obj, runs):
    """Наступні запуски, останній результат кожного завдання, журнал. / Next runs and last results."""
    config = obj.config
    zone = ZoneInfo(config.schedule.timezone)
    click.echo(f"Розклад ({jobstore_path(config)}):")
    for job in scheduled_jobs(config):
        source = "" if job.stored else "  (планувальник ще не запускався: за конфігурацією)"
        click.echo(f"  {job.id:<15} наступний: {_local(job.next_run, zone):<17} {job.description}{source}")
    holder = CrawlLock(lock_path(config.db_path)).holder()
    if holder:
        click.echo(f"Зараз триває збір: pid {holder.get('pid')}, з {_local(holder.get('since'), zone)}, "
                   f"{'за розкладом' if holder.get('origin') == 'schedule' else 'вручну'}: {holder.get('command', '')}")
    with obj.store() as store:
        last = store.last_ops_runs()
        recent = store.ops_runs(limit=runs)
    click.echo("Останній результат:")
    for name in jobs.JOBS:
        row = last.get(name)
        if row is None:
            click.echo(f"  {name:<6} ще не запускалося")
            continue
        click.echo(f"  {name:<6} {_describe(row, zone)}")
    if recent:
        click.echo(f"Журнал (останні {len(recent)}):")
        for row in recent:
            click.echo(f"  #{row['id']:<5} {row['job']:<6} {_describe(row, zone)}")


def _describe(row: dict, zone: ZoneInfo) -> str:
    status = row.get("status") or "?"
    if status == "running" and not pid_alive(row.get("pid")):
        status = "interrupted"
    origin = "розклад" if row.get("origin") == "schedule" else "вручну"
    code = "" if row.get("exit_code") is None else f", код {row['exit_code']}"
    detail = (row.get("detail") or "").strip().splitlines()
    tail = f" — {detail[-1][:160]}" if detail else ""
    return (f"{STATUS_UK.get(status, status):<20} {_local(row.get('started'), zone)} → "
            f"{_local(row.get('finished'), zone)} ({origin}{code}){tail}")


@schedule.command("run")
@click.argument("job", type=click.Choice(jobs.JOBS))
@click.pass_obj
def run_cmd(obj, job):
    """Виконати завдання зараз, як за розкладом (crawl = збір того, що на черзі, + сайт).

    Run a job now, as the scheduler would (crawl = due sources + site).
    """
    _export_overrides(obj)
    code = jobs.run_job(job, origin="manual")
    click.echo(f"{job}: код завершення {code}", err=True)
    sys.exit(code)


@click.command("backup")
@click.argument("dest", type=click.Path(dir_okay=False))
@click.pass_obj
def backup(obj, dest):
    """Резервна копія бази (безпечно під час збору). / Consistent copy of the database."""
    with obj.store() as store:
        path = store.backup(dest)
    click.echo(f"Резервна копія: {path} (перевірку цілісності пройдено)")


COMMANDS = [schedule, backup]
