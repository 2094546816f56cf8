"""Every crawl, scheduled or ad hoc, runs inside :func:`crawl_guard`:

1. take the crawl lock (wait ``lock_wait`` seconds, else :class:`Busy`, exit 75);
2. close what a killed crawl left open (``crawl_runs`` without a finish, run-log
   rows still 'running'): the sources' health shows the interruption;
3. write a run-log row (``ops_runs``: job 'crawl', origin 'schedule' or 'manual');
4. after the crawl, finish the row: ok / partial / interrupted / failed.

The scheduler sets ``GRANTDIGEST_RUN_ORIGIN=schedule`` for the crawls it starts.
"""

from __future__ import annotations

import os
import shlex
import socket
import sqlite3
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field

from grantdigest.config import Config
from grantdigest.ops.lock import Busy, CrawlLock, lock_path
from storage import Store

KILLED_NOTE = "попередній збір перервано (процес завершився, не закривши запис)"


def origin() -> str:
    return os.environ.get("GRANTDIGEST_RUN_ORIGIN") or "manual"


def command_line() -> str:
    return " ".join(shlex.quote(a) for a in ["grantdigest", *sys.argv[1:]]) if sys.argv else "grantdigest"


@dataclass
class GuardedRun:
    row_id: int
    status: str = "failed"
    exit_code: int | None = None
    detail: str | None = None
    closed_sources: list[str] = field(default_factory=list)

    def done(self, summary) -> None:
        """Set the result from a :class:`grantdigest.crawl.CrawlSummary`."""
        rows = summary.rows
        reasons = {r.get("finish_reason") for r in rows}
        items = sum(r.get("items") or 0 for r in rows)
        new = sum(r.get("new_items") or 0 for r in rows)
        failed = [r["source_id"] for r in summary.failed]
        if reasons & {"shutdown", "interrupted"} or any(r.get("finished") is None for r in rows):
            self.status = "interrupted"
        else:
            self.status = "partial" if failed else "ok"
        self.exit_code = 1 if failed or self.status != "ok" else 0
        self.detail = f"{len(rows)} джерел, {items} оголошень, нових {new}"
        if failed:
            self.detail += "; з помилками: " + ", ".join(failed)


def database_busy(exc: sqlite3.OperationalError, db_path) -> Busy:
    return Busy(f"база даних {db_path} зайнята іншим записом ({exc}): збір зупинено, збережене раніше не втрачено — повторіть пізніше")


@contextmanager
def crawl_guard(config: Config, source_ids: list[str], run_id: str):
    lock = CrawlLock(lock_path(config.db_path))
    info = {"command": command_line(), "origin": origin(), "run_id": run_id}
    try:
        lock.acquire(config.lock_wait, info)
    except Busy as busy:
        _record_busy(config, source_ids, run_id, str(busy))
        raise
    try:
        try:
            with Store(config.db_path) as store:
                closed = store.close_stale_crawl_runs(KILLED_NOTE)
                store.close_stale_ops_runs("crawl", KILLED_NOTE)
                row_id = store.start_ops_run("crawl", origin(), info["command"], os.getpid(),
                                             socket.gethostname(), source_ids, run_id)
        except sqlite3.OperationalError as exc:
            raise database_busy(exc, config.db_path) from None
        run = GuardedRun(row_id, closed_sources=closed)
        if closed:
            print(f"увага: закрито записи перерваного збору: {', '.join(closed)}", file=sys.stderr)
        try:
            yield run
        except sqlite3.OperationalError as exc:
            busy = database_busy(exc, config.db_path)
            run.status, run.exit_code, run.detail = "failed", busy.exit_code, str(busy)
            raise busy from None
        except BaseException as exc:
            run.status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
            run.exit_code = getattr(exc, "exit_code", 130 if isinstance(exc, KeyboardInterrupt) else 1)
            run.detail = f"{type(exc).__name__}: {exc}"[:2000]
            raise
        finally:
            _finish(config, run)
    finally:
        lock.release()


def _finish(config: Config, run: GuardedRun) -> None:
    try:
        with Store(config.db_path) as store:
            store.finish_ops_run(run.row_id, run.status, run.exit_code, run.detail)
    except sqlite3.OperationalError as exc:  # the row stays 'running'; the next crawl closes it
        print(f"увага: не вдалося записати журнал запусків: {exc}", file=sys.stderr)


def _record_busy(config: Config, source_ids: list[str], run_id: str, message: str) -> None:
    try:
        with Store(config.db_path) as store:
            row = store.start_ops_run("crawl", origin(), command_line(), os.getpid(), socket.gethostname(),
                                      source_ids, run_id, status="busy")
            store.finish_ops_run(row, "busy", Busy.exit_code, message)
    except sqlite3.OperationalError:
        pass
