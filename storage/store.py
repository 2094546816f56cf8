"""The Store: one SQLite file, migrations, idempotent writes, simple reads."""

from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from itertools import chain
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import sqlite_utils
from sqlite_utils.db import jsonify_if_needed

from grantdigest.errors import UserError
from grantdigest.timeutil import now_iso
from storage.identity_cache import IdentityCache
from storage.migrations import MIGRATIONS

BUSY_TIMEOUT_S = float(os.environ.get("GRANTDIGEST_BUSY_TIMEOUT") or 30)  # wait for another writer
JSON_COLUMNS = ("applicants", "regions", "themes", "links", "extra", "settings", "status_counts", "flags",
                "source_ids")


def _encode(row: dict) -> dict:
    return {k: (json.dumps(v, ensure_ascii=False, sort_keys=True) if k in JSON_COLUMNS and v is not None else v)
            for k, v in row.items()}


_PLAIN = frozenset((str, int, float, bytes, type(None)))
_UNREAD = object()   # an argument not given (None is a value)


def _sql_values(values: Iterable) -> list:
    """Values as sqlite-utils would write them (lists/dicts as JSON, dates as ISO, ...)."""
    return [v if type(v) in _PLAIN else jsonify_if_needed(v) for v in values]


def _decode(row: dict | None) -> dict | None:
    if row is None:
        return None
    out = dict(row)
    for key in JSON_COLUMNS:
        if isinstance(out.get(key), str):
            out[key] = json.loads(out[key])
    return out


@dataclass(frozen=True)
class SaveResult:
    sighting_id: str
    new: bool        # first time this sighting was seen
    changed: bool    # seen before, content differs


class Store:
    """A grant-digest database. ``Store(path)`` creates and migrates it."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._columns_of: dict[str, frozenset[str]] = {}   # see "fast row writes" below
        self._sql: dict[tuple, str] = {}
        self._sources_seen: tuple[int, list[dict]] | None = None  # (data_version, rows): see sources()
        self._sources_held = False   # sources written inside atomic(): not cached until it ends
        self._identity = IdentityCache()   # the identity index as read, kept in step with this connection's writes
        self._version_held: tuple[object, int] | None = None   # data_version read in the atomic() transaction
        if str(path) != ":memory:":
            self._check_path()
        try:
            conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S)
            self.db = sqlite_utils.Database(conn)
            if str(path) != ":memory:":
                self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.migrate()
        except sqlite3.DatabaseError as exc:
            raise UserError(f"не вдалося відкрити базу даних {self.path}: {exc}"
                            " (перевірте шлях GRANTDIGEST_DB або що файл — база SQLite)") from None

    def _check_path(self) -> None:
        parent = self.path.parent
        if self.path.is_dir():
            raise UserError(f"шлях до бази даних є каталогом: {self.path} (вкажіть файл у GRANTDIGEST_DB)")
        try:
            parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"не вдалося створити каталог бази даних {parent}: {exc.strerror}"
                            " (вкажіть інший шлях у GRANTDIGEST_DB)") from None
        if self.path.exists() and not _readable_writable(self.path):
            raise UserError(f"немає доступу на читання/запис до бази даних {self.path}"
                            " (перевірте права або вкажіть інший шлях у GRANTDIGEST_DB)")

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- schema -----------------------------------------------------------
    def migrate(self) -> list[str]:
        conn = self.db.conn
        conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
        conn.commit()
        done = {r[0] for r in conn.execute("SELECT name FROM migrations")}
        pending = [m for m in MIGRATIONS if m.__name__ not in done]
        if not pending:
            return []
        # a new database is some eighty commits of DDL: none of them waits for the disk (in WAL
        # mode a crash loses at most the last ones, never the file, and migrations are
        # re-runnable); the next commit that does wait makes them durable with it
        synchronous = conn.execute("PRAGMA synchronous").fetchone()[0]
        conn.execute("PRAGMA synchronous=NORMAL")
        try:
            for migration in pending:
                migration(self.db)  # re-runnable: see storage/migrations.py
                self._columns_of.clear()
                with conn:
                    conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                                 (migration.__name__, now_iso()))
        finally:
            if not conn.in_transaction:  # (a failed migration's error is the one to see)
                conn.execute(f"PRAGMA synchronous={int(synchronous)}")
        return [m.__name__ for m in pending]

    def applied_migrations(self) -> list[str]:
        return [r["name"] for r in self.db["migrations"].rows_where(order_by="name")]

    # --- sources ------------------------------------------------------------
    def sync_sources(self, sources: Iterable[dict]) -> None:
        rows = [_encode({**s, "updated_at": now_iso()}) for s in sources]
        self._sources_seen = None
        self._sources_held = isinstance(self.db.conn, _HeldCommits)
        with self.db.conn:
            if rows:
                self.db["sources"].upsert_all(rows, pk="id", alter=True)

    def sources(self) -> list[dict]:
        """Every registry row, by id. Ingest asks for them once per item: they are read
        again only after a write to the database by another connection (SQLite's
        ``data_version``) or ``sync_sources`` here. Callers must not change the rows."""
        if self._sources_held and not isinstance(self.db.conn, _HeldCommits):
            self._sources_held = False   # that transaction has ended (committed or rolled back)
        version = self.db.conn.execute("PRAGMA data_version").fetchone()[0]
        if self._sources_seen is None or self._sources_seen[0] != version or self._sources_held:
            rows = [_decode(r) for r in self.db["sources"].rows_where(order_by="id")]
            if self._sources_held:  # this connection's own uncommitted rows: not kept
                return rows
            self._sources_seen = (version, rows)
        return [dict(r) for r in self._sources_seen[1]]

    # --- sightings and calls -------------------------------------------------
    def sighting(self, sighting_id: str) -> dict | None:
        return _decode(self._select_one("SELECT * FROM sightings WHERE id = ?", [sighting_id]))

    def save_sighting(self, record: dict) -> SaveResult:
        """Insert or update one sighting; ``record['id']`` is its stable identity.

        Re-saving identical content only moves ``last_seen``: no new rows.
        """
        now = record.get("fetched_at") or now_iso()
        old = self.sighting(record["id"])
        row = dict(record)
        row["last_seen"] = now
        if old is None:
            row["fetched_at"] = now
            with self.db.conn:
                self._insert_row("sightings", _encode(row))
            self._identity.forget_refs()
            return SaveResult(record["id"], new=True, changed=False)
        changed = old.get("content_hash") != record.get("content_hash")
        row["fetched_at"] = old["fetched_at"]
        with self.db.conn:
            if changed:
                self._update_row("sightings", record["id"], _encode(row))
            else:
                self._update_row("sightings", record["id"], {"last_seen": now})
        self._identity.forget_refs()
        return SaveResult(record["id"], new=False, changed=changed)

    def sightings_of(self, call_id: str, columns: tuple[str, ...] | None = None) -> list[dict]:
        """The call's sightings, oldest first (``columns``: only these, e.g. not the texts)."""
        names = ", ".join(f"[{c}]" for c in columns) if columns else "*"
        return [_decode(r) for r in self._select_all(
            f"SELECT {names} FROM sightings WHERE call_id = ? ORDER BY fetched_at, id", [call_id])]

    def find_call_id(self, *, source_id: str | None = None, source_item_id: str | None = None,
                     canonical_url: str | None = None) -> str | None:
        """The call a sighting with this identity already belongs to, if any."""
        if source_id and source_item_id:
            row = self.db.execute(
                "SELECT call_id FROM sightings WHERE source_id = ? AND source_item_id = ? LIMIT 1",
                [source_id, source_item_id]).fetchone()
            if row:
                return row[0]
        if canonical_url:
            # One URL may carry several calls of one source (SEDIA cascade calls share
            # a page): a different own id on the same source is a different call.
            row = self.db.execute(
                "SELECT call_id FROM sightings WHERE canonical_url = ? AND NOT ("
                " source_id = ? AND source_item_id IS NOT NULL AND ? IS NOT NULL AND source_item_id != ?)"
                " LIMIT 1", [canonical_url, source_id, source_item_id, source_item_id]).fetchone()
            if row:
                return row[0]
        return None

    def save_call(self, call: dict) -> None:
        row = _encode({**call, "updated_at": now_iso()})
        with self.db.conn:
            self._upsert_row("calls", row)

    def call(self, call_id: str) -> dict | None:
        return _decode(self._select_one("SELECT * FROM calls WHERE id = ?", [call_id]))

    def calls(self, where: str | None = None, params: list | None = None,
              include_hidden: bool = False) -> list[dict]:
        clauses = [] if include_hidden else ["coalesce(hidden, 0) = 0"]
        if where:
            clauses.append(f"({where})")
        sql_where = " AND ".join(clauses) or None
        return [_decode(r) for r in self.db["calls"].rows_where(sql_where, params or [], order_by="id")]

    def count(self, table: str) -> int:
        return self.db[table].count

    def add_event(self, call_id: str, field: str, old, new, source_id: str | None = None,
                  sighting_id: str | None = None, kind: str = "changed", at: str | None = None) -> None:
        """Record one change of a call's field (old -> new) and where it was seen."""
        with self.db.conn:
            self._insert_row("call_events", {
                "call_id": call_id, "field": field, "old": _json_text(old), "new": _json_text(new),
                "at": at or now_iso(), "source_id": source_id, "sighting_id": sighting_id, "kind": kind,
            })

    def events(self, call_id: str | None = None, since: str | None = None) -> list[dict]:
        clauses, params = [], []
        if call_id:
            clauses.append("call_id = ?")
            params.append(call_id)
        if since:
            clauses.append("at >= ?")
            params.append(since)
        return list(self.db["call_events"].rows_where(" AND ".join(clauses) or None, params, order_by="at, id"))

    # --- crawl runs -------------------------------------------------------
    def start_run(self, run_id: str, source_id: str) -> int:
        with self.db.conn:
            table = self.db["crawl_runs"].insert({
                "run_id": run_id, "source_id": source_id, "started": now_iso(),
                "requests": 0, "responses": 0, "items": 0, "new_items": 0, "errors": 0,
            })
        return table.last_pk

    def finish_run(self, row_id: int, stats: dict[str, Any]) -> None:
        with self.db.conn:
            self.db["crawl_runs"].update(row_id, _encode({**stats, "finished": now_iso()}), alter=True)

    def runs(self, run_id: str | None = None) -> list[dict]:
        where, params = ("run_id = ?", [run_id]) if run_id else (None, [])
        return [_decode(r) for r in self.db["crawl_runs"].rows_where(where, params, order_by="id")]

    def last_runs(self) -> dict[str, dict]:
        """The latest finished run of each source."""
        rows = self.db.execute_returning_dicts(
            "SELECT * FROM crawl_runs WHERE id IN (SELECT max(id) FROM crawl_runs GROUP BY source_id)")
        return {r["source_id"]: _decode(r) for r in rows}

    # --- digests and deliveries --------------------------------------------
    def record_digest(self, kind: str, period: str, as_of: str, path: str, calls_count: int) -> int:
        with self.db.conn:
            table = self.db["digests"].insert({
                "kind": kind, "period": period, "as_of": as_of, "created_at": now_iso(),
                "path": path, "calls_count": calls_count,
            })
        return table.last_pk

    def delivered(self, digest_key: str, recipient: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM deliveries WHERE digest_key = ? AND recipient = ? AND status = 'sent'",
            [digest_key, recipient]).fetchone()
        return row is not None

    def record_delivery(self, digest_key: str, recipient: str, message_id: str, subject: str,
                        status: str = "sent") -> None:
        """Written only after the SMTP server accepted the message."""
        with self.db.conn:
            self.db.execute(
                "INSERT INTO deliveries (digest_key, recipient, message_id, subject, sent_at, status)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(digest_key, recipient) DO UPDATE SET"
                " message_id = excluded.message_id, subject = excluded.subject,"
                " sent_at = excluded.sent_at, status = excluded.status",
                [digest_key, recipient, message_id, subject, now_iso(), status])

    def deliveries(self, digest_key: str | None = None) -> Iterator[dict]:
        where, params = ("digest_key = ?", [digest_key]) if digest_key else (None, [])
        return self.db["deliveries"].rows_where(where, params, order_by="id")

    # --- digest: site, archive, subscribers (issue 7) ---------------------------
    def sightings_by_call(self, columns: tuple[str, ...] = ("call_id", "source_id", "url", "fetched_at")
                          ) -> dict[str, list[dict]]:
        """Every sighting's chosen columns, grouped by call, oldest first (one query)."""
        cols = ", ".join(c for c in columns if c.isidentifier())
        grouped: dict[str, list[dict]] = {}
        for row in self.db.execute_returning_dicts(
                f"SELECT {cols} FROM sightings WHERE call_id IS NOT NULL ORDER BY fetched_at, id"):
            grouped.setdefault(row["call_id"], []).append(_decode(row))
        return grouped

    def runs_since(self, since: str) -> list[dict]:
        """Crawl runs started at or after ``since`` (ISO UTC), oldest first."""
        return [_decode(r) for r in self.db["crawl_runs"].rows_where("started >= ?", [since], order_by="id")]

    def save_digest_week(self, period: str, as_of: str, since: str | None, data: dict) -> None:
        """Keep one week's digest (what its archive page shows); rebuilding in the same week replaces it."""
        with self.db.conn:
            self.db["digest_weeks"].upsert({
                "period": period, "as_of": as_of, "since": since, "created_at": now_iso(),
                "data": json.dumps(data, ensure_ascii=False, sort_keys=True),
            }, pk="period")

    def digest_week(self, period: str) -> dict | None:
        rows = list(self.db["digest_weeks"].rows_where("period = ?", [period]))
        if not rows:
            return None
        return {**rows[0], "data": json.loads(rows[0]["data"])}

    def digest_weeks(self) -> list[dict]:
        """Every kept week, newest first, without its data."""
        return list(self.db.execute_returning_dicts(
            "SELECT period, as_of, since, created_at FROM digest_weeks ORDER BY period DESC"))

    def previous_digest_week(self, period: str) -> dict | None:
        """The latest kept week before ``period`` (its ``created_at`` starts the next "new since")."""
        rows = self.db.execute_returning_dicts(
            "SELECT period, as_of, since, created_at FROM digest_weeks WHERE period < ?"
            " ORDER BY period DESC LIMIT 1", [period])
        return rows[0] if rows else None

    def subscriber(self, email: str) -> dict | None:
        rows = list(self.db["subscribers"].rows_where("email = ? COLLATE NOCASE", [email]))
        return _decode(rows[0]) if rows else None

    def subscriber_by_id(self, subscriber_id: int) -> dict | None:
        rows = list(self.db["subscribers"].rows_where("id = ?", [subscriber_id]))
        return _decode(rows[0]) if rows else None

    def save_subscriber(self, row: dict) -> tuple[int, bool]:
        """Insert a subscriber, or update the one with the same email. Returns (id, created)."""
        old = self.subscriber(row["email"])
        now = now_iso()
        with self.db.conn:
            if old is None:
                table = self.db["subscribers"].insert(_encode({**row, "created_at": now, "updated_at": now}))
                return table.last_pk, True
            self.db["subscribers"].update(old["id"], _encode({**row, "email": old["email"], "updated_at": now}))
        return old["id"], False

    def subscribers(self, active_only: bool = False) -> list[dict]:
        where = "active = 1" if active_only else None
        return [_decode(r) for r in self.db["subscribers"].rows_where(where, order_by="id")]

    def set_subscriber_active(self, subscriber_id: int, active: bool) -> bool:
        with self.db.conn:
            cursor = self.db.execute("UPDATE subscribers SET active = ?, updated_at = ? WHERE id = ?",
                                     [1 if active else 0, now_iso(), subscriber_id])
        return cursor.rowcount > 0

    def remove_subscriber(self, email: str) -> bool:
        with self.db.conn:
            cursor = self.db.execute("DELETE FROM subscribers WHERE email = ? COLLATE NOCASE", [email])
        return cursor.rowcount > 0

    def save_many(self, table: str, rows: Iterable[dict]) -> None:
        """Bulk upsert of calls, sightings or subscribers in one transaction (imports, benchmarks)."""
        if table not in ("calls", "sightings", "subscribers"):
            raise ValueError(f"save_many: unsupported table {table}")
        stamp = now_iso()
        with self.db.conn:
            self.db[table].upsert_all((_encode({"updated_at": stamp, **r}) if table != "sightings" else _encode(r)
                                       for r in rows), pk="id", alter=True, batch_size=500)
        self._identity.forget_refs()

    def delivered_recipients(self, digest_key: str) -> set[str]:
        return {r[0] for r in self.db.execute(
            "SELECT recipient FROM deliveries WHERE digest_key = ? AND status = 'sent'", [digest_key])}

    # --- operations (issue 8): run log, stale runs, atomic writes, hidden calls, backup ---
    @contextmanager
    def atomic(self):
        """One transaction around several Store calls: all of them are written, or none.

        Store methods commit on their own (``with self.db.conn``); inside this block
        those commits are held back until the block ends. Nested blocks join the outer one.
        """
        if isinstance(self.db.conn, _HeldCommits):
            yield self
            return
        real = self.db.conn
        real.execute("BEGIN IMMEDIATE")
        self.db.conn = _HeldCommits(real)
        try:
            yield self
        except BaseException:
            self.db.conn = real
            self._identity.clear()
            real.rollback()
            raise
        self.db.conn = real
        try:
            real.commit()
        except BaseException:
            self._identity.clear()
            raise

    def start_ops_run(self, job: str, origin: str, command: str, pid: int, host: str,
                      sources: list[str] | None = None, run_id: str | None = None,
                      status: str = "running") -> int:
        with self.db.conn:
            table = self.db["ops_runs"].insert(_encode({
                "job": job, "origin": origin, "command": command, "pid": pid, "host": host,
                "started": now_iso(), "status": status, "source_ids": sources, "run_id": run_id,
            }))
        return table.last_pk

    def finish_ops_run(self, row_id: int, status: str, exit_code: int | None = None,
                       detail: str | None = None) -> None:
        with self.db.conn:
            self.db["ops_runs"].update(row_id, {"status": status, "exit_code": exit_code,
                                                "detail": (detail or None) and detail[:4000],
                                                "finished": now_iso()})

    def ops_run(self, row_id: int) -> dict | None:
        rows = list(self.db["ops_runs"].rows_where("id = ?", [row_id]))
        return _decode(rows[0]) if rows else None

    def ops_runs(self, job: str | None = None, limit: int = 20, status: str | None = None,
                 pid: int | None = None, since: str | None = None) -> list[dict]:
        """The run log, newest first (``since``: started at or after this ISO moment)."""
        clauses, params = [], []
        for column, value in (("job", job), ("status", status), ("pid", pid)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if since is not None:
            clauses.append("started >= ?")
            params.append(since)
        return [_decode(r) for r in self.db["ops_runs"].rows_where(
            " AND ".join(clauses) or None, params, order_by="id DESC", limit=limit)]

    def last_ops_runs(self) -> dict[str, dict]:
        """The latest run of each job (crawl, site, send, ...)."""
        rows = self.db.execute_returning_dicts(
            "SELECT * FROM ops_runs WHERE id IN (SELECT max(id) FROM ops_runs GROUP BY job)")
        return {r["job"]: _decode(r) for r in rows}

    def close_stale_ops_runs(self, job: str, detail: str, pid: int | None = None) -> int:
        """Mark runs still 'running' (their process is gone) as interrupted."""
        where, params = "job = ? AND status = 'running'", [job]
        if pid is not None:
            where, params = where + " AND pid = ?", params + [pid]
        with self.db.conn:
            cursor = self.db.execute(
                f"UPDATE ops_runs SET status = 'interrupted', finished = ?, detail = ? WHERE {where}",
                [now_iso(), detail, *params])
        return cursor.rowcount

    def close_stale_crawl_runs(self, note: str) -> list[str]:
        """Finish crawl_runs rows a killed crawl left open: the source's health shows the interruption.

        Call only while holding the crawl lock (then no crawl can be running).
        Returns the source ids whose run was closed.
        """
        rows = self.db.execute_returning_dicts(
            "SELECT id, source_id, error_text, errors FROM crawl_runs WHERE finished IS NULL")
        with self.db.conn:
            for row in rows:
                text = "; ".join(t for t in (note, row.get("error_text")) if t)
                self.db["crawl_runs"].update(row["id"], {
                    "finished": now_iso(), "finish_reason": "interrupted",
                    "errors": (row.get("errors") or 0) + 1, "error_text": text[:2000]})
        return [r["source_id"] for r in rows]

    def last_good_crawls(self) -> dict[str, str]:
        """When each source was last crawled to the end with something to show
        (finished, and items or no errors): the scheduler's "is it due" input."""
        rows = self.db.execute(
            "SELECT source_id, max(started) FROM crawl_runs WHERE finish_reason = 'finished'"
            " AND (coalesce(items, 0) > 0 OR coalesce(errors, 0) = 0) GROUP BY source_id").fetchall()
        return {source_id: started for source_id, started in rows}

    def previous_items(self, source_id: str) -> int | None:
        """Items of the source's last finished run (None: never finished)."""
        row = self.db.execute(
            "SELECT items FROM crawl_runs WHERE source_id = ? AND finished IS NOT NULL"
            " ORDER BY id DESC LIMIT 1", [source_id]).fetchone()
        return None if row is None else (row[0] or 0)

    def set_hidden(self, call_id: str, hidden: bool, reason: str | None = None) -> dict:
        """Hide a call from digests (data stays) or show it again; the change is an event."""
        call = self.call(call_id)
        if call is None:
            raise UserError(f"конкурсу '{call_id}' немає в базі (див. `grantdigest calls list --all`)")
        with self.atomic():
            with self.db.conn:
                self.db["calls"].update(call_id, {"hidden": int(hidden), "hidden_reason": reason if hidden else None,
                                                  "updated_at": now_iso()})
            self.add_event(call_id, "hidden", bool(call.get("hidden")), hidden,
                           kind="hidden" if hidden else "unhidden", source_id="manual",
                           sighting_id=None)
            if reason:
                self.add_event(call_id, "hidden_reason", call.get("hidden_reason"), reason if hidden else None,
                               kind="hidden" if hidden else "unhidden", source_id="manual")
        return self.call(call_id)

    def ensure_source(self, row: dict) -> None:
        """Add a source that is not in the registry (``manual``) unless it is there."""
        if not self.db["sources"].exists() or not list(self.db["sources"].rows_where("id = ?", [row["id"]])):
            self.sync_sources([row])

    def integrity(self) -> list[str]:
        """``PRAGMA integrity_check`` and foreign-key check: ["ok"] when the file is sound."""
        result = [r[0] for r in self.db.execute("PRAGMA integrity_check").fetchall()]
        problems = self.db.execute("PRAGMA foreign_key_check").fetchall()
        return result + [f"foreign key: {p}" for p in problems]

    def backup(self, dest: str | Path) -> Path:
        """A consistent copy of the live database (SQLite online backup; safe during a crawl)."""
        dest = Path(dest)
        if dest.exists():
            raise UserError(f"файл {dest} уже існує: вкажіть нове ім'я для резервної копії")
        dest.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(str(dest))
        try:
            self.db.conn.backup(target)
            check = target.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            target.close()
        if check != "ok":
            raise UserError(f"резервна копія {dest} не пройшла перевірку цілісності: {check}")
        return dest

    # --- sources and crawling (issue 4) -------------------------------------
    def fast_writes(self) -> None:
        """WAL with ``synchronous=NORMAL``: a commit no longer waits for the disk;
        a power cut may lose the last commits but never corrupts the file."""
        self.db.execute("PRAGMA synchronous=NORMAL")

    def page_marks(self, source_id: str) -> dict[str, dict]:
        """Pages this source has seen: canonical URL -> {marker, outcome, sighting_id}.
        A kept page counts only while its sighting is still stored."""
        rows = self.db.execute(
            "SELECT p.url, p.marker, p.outcome, p.sighting_id FROM page_marks p"
            " LEFT JOIN sightings s ON s.id = p.sighting_id"
            " WHERE p.source_id = ? AND (p.outcome != 'kept' OR s.id IS NOT NULL)", [source_id]).fetchall()
        return {url: {"marker": marker, "outcome": outcome, "sighting_id": sid}
                for url, marker, outcome, sid in rows}

    def page_mark(self, source_id: str, url: str) -> dict | None:
        row = self.db.execute("SELECT marker, outcome, sighting_id FROM page_marks WHERE source_id = ? AND url = ?",
                              [source_id, url]).fetchone()
        return {"marker": row[0], "outcome": row[1], "sighting_id": row[2]} if row else None

    def mark_page(self, source_id: str, url: str, marker: str | None, outcome: str,
                  sighting_id: str | None = None) -> None:
        """Remember what the list said about a page (its version stamp) and what became of it."""
        now = now_iso()
        with self.db.conn:
            self.db.execute(
                "INSERT INTO page_marks (source_id, url, marker, outcome, sighting_id, first_seen, last_seen)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source_id, url) DO UPDATE SET"
                " marker = coalesce(excluded.marker, marker), outcome = excluded.outcome,"
                " sighting_id = coalesce(excluded.sighting_id, sighting_id), last_seen = excluded.last_seen",
                [source_id, url, marker, outcome, sighting_id, now, now])

    def sighting_fields(self, sighting_id: str, fields: tuple[str, ...] = ("title", "url", "deadline")) -> list[str]:
        """Which of these (column) fields the stored sighting has (for completeness counts)."""
        row = self.db.execute(f"SELECT {', '.join(fields)} FROM sightings WHERE id = ?", [sighting_id]).fetchone()
        return [name for name, value in zip(fields, row or ()) if value not in (None, "")]

    def touch_sighting(self, sighting_id: str) -> str | None:
        """Seen again, unchanged: move ``last_seen``; returns the sighting's call id."""
        with self.db.conn:
            self.db.execute("UPDATE sightings SET last_seen = ? WHERE id = ?", [now_iso(), sighting_id])
        row = self.db.execute("SELECT call_id FROM sightings WHERE id = ?", [sighting_id]).fetchone()
        return row[0] if row else None

    def source_runs(self, source_id: str, limit: int = 10) -> list[dict]:
        """The latest finished runs of one source, newest first."""
        return [_decode(r) for r in self.db["crawl_runs"].rows_where(
            "source_id = ? AND finished IS NOT NULL", [source_id], order_by="id DESC", limit=limit)]

    # --- identity (dedupe, issue 6) ---------------------------------------
    # Lookups for grantdigest.dedupe (StoreIndex), atomic writes of a sighting
    # with its index rows, manual decisions, and moving sightings between calls.
    REF_COLUMNS = "s.id, s.call_id, s.source_id, s.source_item_id, s.canonical_url, s.fp_roundup"

    def sighting_by_source_url(self, source_id: str, url: str) -> dict | None:
        """A sighting of ``source_id`` stored under this exact URL (identity kept
        when URL canonicalisation changes)."""
        return _decode(self._select_one("SELECT * FROM sightings WHERE source_id = ? AND url = ? LIMIT 1",
                                        [source_id, url]))

    def save_sighting_indexed(self, record: dict, buckets: list[tuple[int, int]], links: list[str],
                              old: dict | None | object = _UNREAD) -> SaveResult:
        """``save_sighting`` plus the sighting's index rows ((key, scope) pairs) and
        identifying links, in one transaction. ``changed_at`` moves only when the content changes.
        ``old``: the stored row (``sighting(record['id'])``, None if there is none) when the
        caller has just read it."""
        now = record.get("fetched_at") or now_iso()
        if old is _UNREAD:
            old = self.sighting(record["id"])
        row = dict(record)
        row["last_seen"] = now
        with self.db.conn:
            if old is None:
                self._insert_row("sightings", _encode(_stored_as_new(record, now)))
                new, changed = True, False
            else:
                changed = old.get("content_hash") != record.get("content_hash")
                row["fetched_at"] = old["fetched_at"]
                row["changed_at"] = now if changed else (old.get("changed_at") or old["fetched_at"])
                if changed or not old.get("fp_sig"):
                    self._update_row("sightings", record["id"], _encode(row))
                else:
                    self._update_row("sightings", record["id"], {"last_seen": now})
                new = False
            reindexed = (self._replace_index_rows(record["id"], buckets, links, stored=old is not None)
                         if new or changed or not (old or {}).get("fp_sig") else None)
        if reindexed is not None:   # written in full (committed, or held by atomic(), whose rollback clears the cache)
            self._sighting_written(row, new)
            self._buckets_rewritten(record["id"], *reindexed)
        return SaveResult(record["id"], new=new, changed=changed)

    def _replace_index_rows(self, sighting_id: str, buckets: list[tuple[int, int]], links: list[str],
                            stored: bool = True) -> tuple[list[tuple[int, int]] | None, list[tuple[int, int]]]:
        """Returns (the buckets the sighting was in, None if unknown; the buckets it is in now).
        ``stored``: the sighting may have rows (False: its row has just been inserted)."""
        conn = self.db.conn
        was_in = (conn.execute("SELECT key, scope FROM sighting_buckets WHERE sighting_id = ?",
                               [sighting_id]).fetchall() if stored else [])
        deleted = conn.execute("DELETE FROM sighting_buckets WHERE sighting_id = ?", [sighting_id]).rowcount
        conn.execute("DELETE FROM sighting_links WHERE sighting_id = ?", [sighting_id])
        now_in = list(dict.fromkeys(buckets))
        self._insert_bucket_rows(sighting_id, now_in)
        conn.executemany("INSERT INTO sighting_links (link, sighting_id, position) VALUES (?, ?, ?)",
                         [(link, sighting_id, i) for i, link in enumerate(links)])
        return (was_in if deleted == len(was_in) else None), now_in

    def _insert_bucket_rows(self, sighting_id: str, buckets: list[tuple[int, int]]) -> None:
        """The rows in one statement per ``BUCKET_ROWS_PER_INSERT`` (rowids in the order given):
        a multi-row VALUES costs about half of ``executemany`` per row."""
        for at in range(0, len(buckets), BUCKET_ROWS_PER_INSERT):
            part = buckets[at:at + BUCKET_ROWS_PER_INSERT]
            sql = self._sql.get(("bucket rows", len(part)))
            if sql is None:
                sql = self._sql[("bucket rows", len(part))] = (
                    "INSERT INTO sighting_buckets (key, scope, sighting_id) VALUES " + ",".join(["(?, ?, ?)"] * len(part)))
            self.db.conn.execute(sql, [v for key, scope in part for v in (key, scope, sighting_id)])

    def _buckets_rewritten(self, sighting_id: str, was_in: list[tuple[int, int]] | None,
                           now_in: list[tuple[int, int]]) -> None:
        """Keep the bucket cache in step: the buckets the sighting left are read again when
        needed (all of them if they are not known), those it joined gain it at their end."""
        if was_in is None:
            self._identity.clear()
        else:
            self._identity.forget(was_in)
        self._identity.added(sighting_id, now_in)

    def reindex_sighting(self, sighting_id: str, fields: dict, buckets: list[tuple[int, int]],
                         links: list[str]) -> None:
        """Rewrite a stored sighting's fingerprint columns and index rows (``calls reindex``)."""
        with self.db.conn:
            self.db["sightings"].update(sighting_id, fields)
            reindexed = self._replace_index_rows(sighting_id, buckets, links)
        self._identity.forget_refs()
        self._buckets_rewritten(sighting_id, *reindexed)

    def identity_refs_by_url(self, canonical_url: str) -> list[tuple]:
        return self.db.execute(f"SELECT {self.REF_COLUMNS} FROM sightings s WHERE s.canonical_url = ?",
                               [canonical_url]).fetchall()

    def identity_refs_linking_to(self, link: str) -> list[tuple]:
        return self.db.execute(
            f"SELECT DISTINCT {self.REF_COLUMNS} FROM sighting_links l JOIN sightings s ON s.id = l.sighting_id"
            " WHERE l.link = ?", [link]).fetchall()

    def identity_refs_in_buckets(self, buckets: list[tuple[int, int]], capped: list[int], cap: int,
                                 any_scope: int) -> tuple[dict[tuple[int, int], list[str]], dict[str, tuple]]:
        """(members, refs): ``members``: bucket -> the ids of the sightings stored in it, for each
        of ``buckets`` ((key, scope) pairs) that holds any, then (key, ``any_scope``) -> those
        stored with a positive scope (a deadline) under each key of ``capped`` that has at most
        ``cap`` of them; buckets by key and scope, sightings in the order their rows were written.
        ``refs``: sighting id -> ref columns, once per sighting (a sighting is in many buckets;
        its row, text and all, is read once). Sightings that are gone are left out."""
        self._identity.check(self._data_version())
        parts = self._bucket_members(buckets)
        capped = list(dict.fromkeys(capped))
        if capped:
            parts += self._dated_members(capped, cap, any_scope)
        ids = dict.fromkeys(chain.from_iterable(sids for _, sids in parts))
        refs = self._refs_of(list(ids))
        every = len(refs) == len(ids)       # no sighting gone: nothing to leave out
        members: dict[tuple[int, int], list[str]] = {}
        for bucket, sids in parts:
            kept = list(sids) if every else [sid for sid in sids if sid in refs]
            if not kept:
                continue
            if bucket in members:
                members[bucket].extend(kept)
            else:
                members[bucket] = kept
        return members, refs

    def _dated_members(self, keys: list[int], cap: int, any_scope: int) -> list[tuple[tuple[int, int], list[str]]]:
        """((key, ``any_scope``), ids) of the sightings stored with a positive scope under each of
        ``keys`` that has at most ``cap`` of them, by key, scope and the order they were written
        (from the identity cache, which reads the keys it does not know)."""
        cache = self._identity
        unknown = cache.dated_unknown(keys, cap)
        if unknown:
            cache.learn_dated(*self._read_dated(unknown, cap), unknown)
        out = []
        for key in sorted(keys):
            rows = cache.dated(key)
            if rows.__class__ is not int and 0 < len(rows) <= cap:
                out.append(((key, any_scope), [sid for _, sid in rows]))
        return out

    def _read_dated(self, keys: list[int], cap: int) -> tuple[dict[int, int], dict[int, list[tuple[int, str]]]]:
        """(how many dated rows each key has, the rows of those with at most ``cap``)."""
        conn = self.db.conn
        counts = dict(conn.execute(
            f"SELECT key, count(*) FROM sighting_buckets WHERE key IN ({','.join('?' * len(keys))}) AND scope > 0"
            " GROUP BY key", keys).fetchall())
        small = [k for k, n in counts.items() if n <= cap]
        rows: dict[int, list[tuple[int, str]]] = {}
        if small:
            for key, scope, sid in conn.execute(
                    f"SELECT key, scope, sighting_id FROM sighting_buckets WHERE key IN ({','.join('?' * len(small))})"
                    " AND scope > 0 ORDER BY key, scope, rowid", small):
                rows.setdefault(key, []).append((scope, sid))
        return counts, rows

    def _bucket_members(self, buckets: list[tuple[int, int]]) -> list[tuple[tuple[int, int], list[str] | tuple]]:
        """(bucket, ids of the sightings stored in it) for each of ``buckets``, by key and scope,
        the ids in the order the rows were written; from the bucket cache, which reads the
        buckets it does not know. The lists are the cache's: not to be changed."""
        cache = self._identity
        wanted = sorted(set(buckets))
        unknown = cache.unknown(wanted)
        if unknown:
            cache.learn(self._read_buckets(unknown), unknown)
        members = cache.members
        return [(bucket, found) for bucket in wanted if (found := members(bucket))]   # most buckets are empty

    def _read_buckets(self, buckets: list[tuple[int, int]]) -> dict[tuple[int, int], list[str]]:
        """The sighting ids in each of ``buckets`` that holds any, in the order they were written."""
        keys = list(dict.fromkeys(k for k, _ in buckets))
        scopes = list(dict.fromkeys(s for _, s in buckets))
        wanted = set(buckets)
        read: dict[tuple[int, int], list[str]] = {}
        for key, scope, sid in self.db.conn.execute(
                f"SELECT key, scope, sighting_id FROM sighting_buckets WHERE key IN ({','.join('?' * len(keys))})"
                f" AND scope IN ({','.join('?' * len(scopes))}) ORDER BY key, scope, rowid", keys + scopes):
            if (key, scope) in wanted:
                read.setdefault((key, scope), []).append(sid)
        return read

    def identity_fingerprints(self, sighting_ids: list[str], from_row: Callable[[dict], object]) -> dict[str, object]:
        """Sighting id -> ``from_row`` of its identity columns (``identity_fingerprint_rows``),
        for those stored. Kept by the identity cache while the sighting's row stays as it is:
        a crawl meets the same candidates item after item."""
        self._identity.check(self._data_version())
        return self._identity.of_sightings("fingerprints", sighting_ids, lambda unknown: {
            r["id"]: from_row(r) for r in self.identity_fingerprint_rows(unknown)})

    def identity_fingerprint_rows(self, sighting_ids: list[str]) -> list[dict]:
        if not sighting_ids:
            return []
        marks = ",".join("?" * len(sighting_ids))
        return [_decode(r) for r in self.db.execute_returning_dicts(
            "SELECT id, source_id, source_item_id, canonical_url, title, text, language, published, deadline,"
            " amount_max, currency, regions, fp_sig, fp_count, fp_idents, fp_acronyms, fp_links, fp_roundup,"
            f" fp_extension, fp_years, fp_oblasts, fp_script FROM sightings WHERE id IN ({marks})", list(sighting_ids))]

    def call_of_sighting(self, sighting_id: str) -> str | None:
        row = self.db.execute("SELECT call_id FROM sightings WHERE id = ?", [sighting_id]).fetchone()
        return row[0] if row else None

    def call_member_ids(self, call_id: str) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT id FROM sightings WHERE call_id = ? ORDER BY fetched_at, id", [call_id])]

    def call_source_ids(self, call_id: str) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT DISTINCT source_id FROM sightings WHERE call_id = ?",
                                              [call_id])}

    def add_identity_decision(self, kind: str, a: str, b: str, note: str | None = None) -> None:
        """Record that sightings ``a`` and ``b`` are the ``same`` call or ``different``
        calls; an earlier opposite decision about the pair is superseded."""
        if kind not in ("same", "different"):
            raise ValueError(kind)
        a, b = sorted((a, b))
        now = now_iso()
        with self.db.conn:
            self.db.execute("UPDATE identity_decisions SET superseded_at = ? WHERE a = ? AND b = ?"
                            " AND superseded_at IS NULL", [now, a, b])
            self.db["identity_decisions"].insert({"kind": kind, "a": a, "b": b, "decided_at": now, "note": note})
        self._identity.learn_any_decision(None)

    def identity_decisions_of(self, sighting_id: str) -> tuple[set[str], set[str]]:
        """(sightings decided the same as this one, sightings decided different)."""
        same, different = set(), set()
        if not self._any_decision_in_force():
            return same, different
        for kind, a, b in self.db.execute(
                "SELECT kind, a, b FROM identity_decisions WHERE superseded_at IS NULL AND (a = ? OR b = ?)",
                [sighting_id, sighting_id]):
            other = b if a == sighting_id else a
            (same if kind == "same" else different).add(other)
        return same, different

    def _any_decision_in_force(self) -> bool:
        """Whether ``identity_decisions`` holds a decision in force (usually none: most
        databases were never corrected by hand), known in the identity cache."""
        cache = self._identity
        cache.check(self._data_version())
        if cache.any_decision() is None:
            cache.learn_any_decision(self.db.execute(
                "SELECT 1 FROM identity_decisions WHERE superseded_at IS NULL LIMIT 1").fetchone() is not None)
        return cache.any_decision()

    def identity_decisions(self) -> list[dict]:
        return list(self.db["identity_decisions"].rows_where(order_by="id"))

    def move_sightings(self, sighting_ids: list[str], call_id: str, rule: str | None = None,
                       evidence: str | None = None) -> None:
        with self.db.conn:
            for sid in sighting_ids:
                fields = {"call_id": call_id}
                if rule:
                    fields.update(identity_rule=rule, identity_evidence=evidence)
                self.db["sightings"].update(sid, fields)
        self._identity.forget_refs()

    def fold_call(self, target: str, other: str, reason: str) -> None:
        """Fold call ``other`` into ``target``: its sightings and history move;
        the ``other`` row stays (hidden, ``merged_into``) so old links resolve."""
        with self.db.conn:
            self.db.execute("UPDATE sightings SET call_id = ? WHERE call_id = ?", [target, other])
            self.db.execute("UPDATE call_events SET call_id = ? WHERE call_id = ?", [target, other])
            self.db.execute("UPDATE calls SET merged_into = ?, hidden = 1, hidden_reason = ?, updated_at = ?"
                            " WHERE id = ?", [target, reason, now_iso(), other])
            self.db.execute("UPDATE calls SET merged_into = ? WHERE merged_into = ?", [target, other])
        self._identity.forget_refs()

    def unfold_call(self, call_id: str) -> None:
        """A call that was folded into another gets sightings again (a split)."""
        with self.db.conn:
            self.db.execute("UPDATE calls SET merged_into = NULL, hidden = 0, hidden_reason = NULL"
                            " WHERE id = ? AND merged_into IS NOT NULL", [call_id])

    def sighting_ids(self) -> list[str]:
        """Every sighting id, oldest first (to walk the table while rewriting it)."""
        return [r[0] for r in self.db.execute("SELECT id FROM sightings ORDER BY fetched_at, id")]

    # --- fast row writes (issue 4: the crawl benchmark) ----------------------
    # The hot paths of a crawl (ingest: sightings, calls, events) write rows with
    # prepared statements over the columns the migrations made, instead of
    # sqlite-utils' insert/upsert/update, which inspect the table's schema on
    # every call. Values are converted exactly as sqlite-utils does
    # (``jsonify_if_needed``). A row with a column the table does not have yet
    # goes through sqlite-utils with ``alter=True``, as before.
    def _columns(self, table: str) -> frozenset[str]:
        columns = self._columns_of.get(table)
        if columns is None:
            columns = frozenset(r[1] for r in self.db.conn.execute(f"PRAGMA table_info([{table}])"))
            self._columns_of[table] = columns
        return columns

    def _insert_row(self, table: str, row: dict) -> None:
        if not row.keys() <= self._columns(table):
            self._columns_of.pop(table, None)
            self.db[table].insert(row, alter=True)
            return
        names = tuple(row)
        key = ("insert", table, names)
        sql = self._sql.get(key)
        if sql is None:
            sql = self._sql[key] = (f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in names)})"
                                    f" VALUES ({', '.join('?' * len(names))})")
        self.db.conn.execute(sql, _sql_values(row.values()))

    def _upsert_row(self, table: str, row: dict, pk: str = "id") -> None:
        """INSERT ... ON CONFLICT(pk) DO UPDATE of the row's columns (sqlite-utils' ``upsert``)."""
        if not row.keys() <= self._columns(table):
            self._columns_of.pop(table, None)
            self.db[table].upsert(row, pk=pk, alter=True)
            return
        names = tuple(row)
        key = ("upsert", table, names, pk)
        sql = self._sql.get(key)
        if sql is None:
            others = [c for c in names if c != pk]
            action = ("DO UPDATE SET " + ", ".join(f"[{c}] = excluded.[{c}]" for c in others)) if others else "DO NOTHING"
            sql = self._sql[key] = (f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in names)})"
                                    f" VALUES ({', '.join('?' * len(names))}) ON CONFLICT([{pk}]) {action}")
        self.db.conn.execute(sql, _sql_values(row.values()))

    def _update_row(self, table: str, pk_value, row: dict, pk: str = "id") -> None:
        """UPDATE one existing row (sqlite-utils' ``update``)."""
        if not row.keys() <= self._columns(table):
            self._columns_of.pop(table, None)
            self.db[table].update(pk_value, row, alter=True)
            return
        names = tuple(row)
        key = ("update", table, names, pk)
        sql = self._sql.get(key)
        if sql is None:
            sql = self._sql[key] = (f"UPDATE [{table}] SET {', '.join(f'[{c}] = ?' for c in names)} WHERE [{pk}] = ?")
        cursor = self.db.conn.execute(sql, [*_sql_values(row.values()), pk_value])
        if cursor.rowcount != 1:
            raise sqlite_utils.db.NotFoundError(f"{table}: no row {pk_value!r}")

    @contextmanager
    def savepoint(self):
        """Inside ``atomic()``: a block whose writes are undone alone if it fails (the
        rest of the transaction stays). Outside ``atomic()`` it is ``atomic()``."""
        if not isinstance(self.db.conn, _HeldCommits):
            with self.atomic():
                yield self
            return
        conn = self.db.conn
        conn.execute("SAVEPOINT grantdigest_item")
        try:
            yield self
        except BaseException:
            self._identity.clear()
            if conn.in_transaction:
                conn.execute("ROLLBACK TO grantdigest_item")
                conn.execute("RELEASE grantdigest_item")
            raise
        conn.execute("RELEASE grantdigest_item")

    def _select_one(self, sql: str, params: list) -> dict | None:
        cursor = self.db.conn.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cursor.description], row))

    def _select_all(self, sql: str, params: list) -> list[dict]:
        cursor = self.db.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    # --- writer speed (issue 4: the crawl writer's identity and storage work) ----
    def identity_refs_of(self, sighting_ids: list[str]) -> dict[str, tuple]:
        """Sighting id -> ref columns (``REF_COLUMNS``) of these sightings (those stored)."""
        self._identity.check(self._data_version())
        return self._refs_of(sighting_ids)

    def _refs_of(self, sighting_ids: list[str]) -> dict[str, tuple]:
        return self._identity.of_sightings("refs", sighting_ids, self._read_refs)

    def _data_version(self) -> int:
        """SQLite's count of commits by other connections (it moves when another one writes).
        Read once in an ``atomic()`` transaction: it holds the write lock, no one else commits."""
        conn = self.db.conn
        held = self._version_held
        if held is not None and held[0] is conn:
            return held[1]
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if isinstance(conn, _HeldCommits):
            self._version_held = (conn, version)
        return version

    def _read_refs(self, sighting_ids: list[str]) -> dict[str, tuple]:
        out: dict[str, tuple] = {}
        for at in range(0, len(sighting_ids), 5000):
            part = sighting_ids[at:at + 5000]
            for row in self.db.conn.execute(
                    f"SELECT {self.REF_COLUMNS} FROM sightings s WHERE s.id IN ({','.join('?' * len(part))})", part):
                out[row[0]] = row
        return out

    def _sighting_written(self, row: dict, new: bool) -> None:
        """Keep the identity cache's ref of a sighting whose row was just inserted (``new``) or
        updated with ``row``'s columns: known if its ref columns are stored as they are."""
        ref = tuple(row.get(c) for c in REF_NAMES)
        plain = ((new or all(c in row for c in REF_NAMES))       # an update keeps columns it does not name
                 and all(v is None or v.__class__ is str for v in ref[:5])
                 and (ref[5] is None or ref[5].__class__ is int))   # other types: read as SQLite converts them
        self._identity.ref_written(row["id"], ref if plain else None)

    def new_sighting_as_read(self, record: dict, columns: tuple[str, ...]) -> dict:
        """The row ``save_sighting_indexed`` stores for ``record`` when it is a new sighting, as
        ``sightings_of(call, columns)`` reads it back (JSON columns decoded): what merging a
        call sees of it, known before it is written."""
        now = record.get("fetched_at") or now_iso()
        row = {c: record.get(c) for c in columns}
        row.update((c, now) for c in ("last_seen", "fetched_at", "changed_at") if c in row)
        for c in JSON_COLUMNS:
            if row.get(c) is not None:
                row[c] = _json_as_read(row[c])
        return row


BUCKET_ROWS_PER_INSERT = 300   # 900 parameters: below every SQLite's limit
REF_NAMES = tuple(c.removeprefix("s.") for c in Store.REF_COLUMNS.split(", "))


class _HeldCommits:
    """The connection, with its ``with conn:`` commit held back (see ``Store.atomic``)."""

    def __init__(self, conn: sqlite3.Connection):
        object.__setattr__(self, "_conn", conn)
        for name in ("execute", "executemany", "cursor"):   # the calls made most: found without __getattr__
            object.__setattr__(self, name, getattr(conn, name))

    def __getattr__(self, name):
        return getattr(self._conn, name)

    def __setattr__(self, name, value):
        setattr(self._conn, name, value)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> bool:
        return False


def _json_as_read(value):
    """A JSON column's value as ``_decode`` reads back what ``_encode`` wrote."""
    if value.__class__ is list and all(v.__class__ is str for v in value):
        return list(value)           # a list of strings comes back as it is
    return json.loads(json.dumps(value, ensure_ascii=False, sort_keys=True))


def _stored_as_new(record: dict, now: str) -> dict:
    """A new sighting's row: first seen, last seen and changed ``now``."""
    return {**record, "last_seen": now, "fetched_at": now, "changed_at": now}


def _json_text(value) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _readable_writable(path: Path) -> bool:
    return os.access(path, os.R_OK | os.W_OK)
