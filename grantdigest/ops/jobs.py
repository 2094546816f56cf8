"""The scheduler's jobs: each a sequence of ``grantdigest`` commands, each in its own process.

- ``crawl``: crawl the sources that are due (``grantdigest crawl``), then build
  the site (``grantdigest digest build``), whatever the crawl's result.
- ``send``: the weekly digest (``schedule.send_command``, default ``digest send``
  or ``digest send``).
- ``site``: only build the site.

Twisted's reactor cannot restart, so every crawl is a new process; the crawl
command takes the crawl lock and writes its own run-log row (see
``grantdigest.ops.guard``). Other steps are logged here. Output of the
children goes to this process's stderr (the journal under systemd); the last
lines of a failed step are kept in the run log.
"""

from __future__ import annotations

import collections
import os
import shlex
import signal
import socket
import subprocess
import sys
import threading

from grantdigest.config import Config, load_config
from grantdigest.ops import EXIT_BUSY
from grantdigest.ops.due import due_sources
from grantdigest.timeutil import now_iso, now_utc
from spiders.registry import load_registry
from storage import Store

JOBS = ("crawl", "site", "send")
STOPPING = threading.Event()      # set on SIGTERM: no new steps start
_children: set[subprocess.Popen] = set()
_children_lock = threading.Lock()
TAIL_LINES = 15


def run_job(name: str, origin: str = "schedule") -> int:
    """Run one job now; returns its exit code (0 ok, 1 partial, other: failed)."""
    config = load_config()
    if name == "crawl":
        return crawl_and_build(config, origin)
    if name == "site":
        return run_step(config, "site", ["digest", "build"], origin)
    if name == "send":
        return run_step(config, "send", send_args(config), origin)
    raise ValueError(f"unknown job {name!r}; known: {', '.join(JOBS)}")


def send_args(config: Config) -> list[str]:
    args = shlex.split(config.schedule.send_command)
    for recipient in config.schedule.send_to:
        args += ["--to", recipient]
    return args


def crawl_and_build(config: Config, origin: str = "schedule") -> int:
    registry = load_registry()
    with Store(config.db_path) as store:
        last_good = store.last_good_crawls()
    enabled = [s for s in registry if s.enabled]
    due = due_sources(enabled, last_good, now_utc())
    if not due:
        _record(config, "crawl", origin, "grantdigest crawl", "skipped", 0,
                "жодне джерело ще не підійшло до чергового збору (див. frequency у реєстрі)")
        code = 0
    else:
        args = ["crawl"] if len(due) == len(enabled) else ["crawl", *[a for s in due for a in ("--source", s.id)]]
        code = run_step(config, "crawl", args, origin, records_itself=True)
    if STOPPING.is_set():
        return code
    site = run_step(config, "site", ["digest", "build"], origin)
    return code if code else site


def run_step(config: Config, job: str, args: list[str], origin: str, records_itself: bool = False) -> int:
    """Run ``grantdigest ARGS`` in a child process and put its result in the run log."""
    if STOPPING.is_set():
        _record(config, job, origin, _shown(args), "skipped", None, "планувальник зупиняється")
        return 0
    env = {**os.environ, "GRANTDIGEST_RUN_ORIGIN": origin,
           "GRANTDIGEST_LOCK_WAIT": str(config.schedule.lock_wait)}
    if config.source:
        env["GRANTDIGEST_CONFIG"] = str(config.source)
    env["GRANTDIGEST_DB"] = str(config.db_path)
    command = [sys.executable, "-m", "grantdigest", *args]
    spawned = now_iso()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                               text=True, errors="replace", start_new_session=True)
    with _children_lock:
        _children.add(process)
    row_id = None
    if not records_itself:
        with Store(config.db_path) as store:
            row_id = store.start_ops_run(job, origin, _shown(args), process.pid, socket.gethostname())
    tail: collections.deque[str] = collections.deque(maxlen=TAIL_LINES)
    try:
        for line in process.stdout:
            sys.stderr.write(f"[{job}] {line}")
            tail.append(line.rstrip())
        code = process.wait()
    finally:
        with _children_lock:
            _children.discard(process)
    status, detail = outcome(code, list(tail))
    with Store(config.db_path) as store:
        if row_id is not None:
            store.finish_ops_run(row_id, status, code, detail)
        else:  # the crawl wrote its own row, unless it died first
            rows = store.ops_runs(job=job, pid=process.pid, since=spawned, limit=1)
            if not rows:
                row = store.start_ops_run(job, origin, _shown(args), process.pid, socket.gethostname(),
                                          status=status)
                store.finish_ops_run(row, status, code, detail)
            elif rows[0]["status"] == "running":
                store.finish_ops_run(rows[0]["id"], status if code >= 0 else "interrupted", code, detail)
    sys.stderr.flush()
    return code


def outcome(code: int, tail: list[str]) -> tuple[str, str]:
    if code == 0:
        return "ok", (tail[-1] if tail else "")
    if code < 0:
        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
        return "interrupted", f"процес завершено сигналом {name}\n" + "\n".join(tail[-5:])
    status = {1: "partial", EXIT_BUSY: "busy"}.get(code, "failed")
    return status, "\n".join(tail[-8:])


def _record(config: Config, job: str, origin: str, command: str, status: str, code: int | None, detail: str) -> None:
    with Store(config.db_path) as store:
        row = store.start_ops_run(job, origin, command, os.getpid(), socket.gethostname(), status=status)
        store.finish_ops_run(row, status, code, detail)


def _shown(args: list[str]) -> str:
    return " ".join(shlex.quote(a) for a in ["grantdigest", *args])


def terminate_children(sig: int = signal.SIGTERM) -> int:
    """Forward a stop signal to running steps (once: a second SIGTERM makes Scrapy stop uncleanly)."""
    with _children_lock:
        children = list(_children)
    for child in children:
        try:
            child.send_signal(sig)
        except ProcessLookupError:
            pass
    return len(children)


def running_children() -> int:
    with _children_lock:
        return sum(1 for c in _children if c.poll() is None)
