"""One crawl at a time: an exclusive ``flock`` on a lock file next to the database.

The kernel drops the lock when its process ends, however it ends (even
SIGKILL), so a crash never leaves a stale lock behind. The file holds who has
the lock (pid, command, since when) for the "already running" message; it is
never deleted (deleting a flock file races with the next holder).
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from pathlib import Path

from grantdigest.errors import UserError
from grantdigest.ops import EXIT_BUSY
from grantdigest.timeutil import now_iso


class Busy(UserError):
    """Another crawl is running, or the database stayed locked: exit code 75, try later."""

    exit_code = EXIT_BUSY


def lock_path(db_path: str | Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".crawl.lock")


class CrawlLock:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait: float = 0, info: dict | None = None, poll: float = 0.2) -> None:
        """Take the lock, waiting up to ``wait`` seconds; :class:`Busy` if another process keeps it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + max(wait, 0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = self.holder()
                    os.close(fd)
                    raise Busy(busy_message(holder, wait)) from None
                time.sleep(poll)
        self._fd = fd
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "since": now_iso(), **(info or {})},
                                 ensure_ascii=False).encode("utf-8"), 0)
        os.fsync(fd)

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def holder(self) -> dict | None:
        """Who holds the lock now (None when it is free)."""
        if self._fd is not None:
            return self._read()
        try:
            fd = os.open(self.path, os.O_RDWR)
        except FileNotFoundError:
            return None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return self._read() or {"pid": None}
            fcntl.flock(fd, fcntl.LOCK_UN)
            return None
        finally:
            os.close(fd)

    def _read(self) -> dict | None:
        try:
            text = self.path.read_text(encoding="utf-8")
            return json.loads(text) if text.strip() else None
        except (OSError, ValueError):
            return None

    def __enter__(self) -> "CrawlLock":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def busy_message(holder: dict | None, waited: float) -> str:
    who = ""
    if holder:
        parts = [f"pid {holder.get('pid')}"]
        if holder.get("since"):
            parts.append(f"з {holder['since']}")
        if holder.get("origin"):
            parts.append("за розкладом" if holder["origin"] == "schedule" else "вручну")
        if holder.get("command"):
            parts.append(f"`{holder['command']}`")
        who = f" ({', '.join(parts)})"
    waited_text = f" — чекали {waited:.0f} с" if waited else ""
    return (f"інший збір уже триває{who}{waited_text}. Дочекайтеся його завершення "
            "(`grantdigest schedule status`) або задайте GRANTDIGEST_LOCK_WAIT=секунди, щоб чекати")
