"""The Store: one SQLite file, migrations, idempotent writes, simple reads."""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

import sqlite_utils

from grantdigest.errors import UserError
from grantdigest.timeutil import now_iso
from storage.migrations import MIGRATIONS

JSON_COLUMNS = ("applicants", "regions", "themes", "links", "extra", "settings", "status_counts")
BUSY_TIMEOUT_S = 30


def _encode(row: dict) -> dict:
    return {k: (json.dumps(v, ensure_ascii=False, sort_keys=True) if k in JSON_COLUMNS and v is not None else v)
            for k, v in row.items()}


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
        applied = []
        for migration in MIGRATIONS:
            name = migration.__name__
            if name in done:
                continue
            migration(self.db)  # re-runnable: see storage/migrations.py
            with conn:
                conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, now_iso()))
            applied.append(name)
        return applied

    def applied_migrations(self) -> list[str]:
        return [r["name"] for r in self.db["migrations"].rows_where(order_by="name")]

    # --- sources ------------------------------------------------------------
    def sync_sources(self, sources: Iterable[dict]) -> None:
        rows = [_encode({**s, "updated_at": now_iso()}) for s in sources]
        with self.db.conn:
            if rows:
                self.db["sources"].upsert_all(rows, pk="id", alter=True)

    def sources(self) -> list[dict]:
        return [_decode(r) for r in self.db["sources"].rows_where(order_by="id")]

    # --- sightings and calls -------------------------------------------------
    def sighting(self, sighting_id: str) -> dict | None:
        rows = list(self.db["sightings"].rows_where("id = ?", [sighting_id]))
        return _decode(rows[0]) if rows else None

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
                self.db["sightings"].insert(_encode(row), alter=True)
            return SaveResult(record["id"], new=True, changed=False)
        changed = old.get("content_hash") != record.get("content_hash")
        row["fetched_at"] = old["fetched_at"]
        with self.db.conn:
            if changed:
                self.db["sightings"].update(record["id"], _encode(row), alter=True)
            else:
                self.db["sightings"].update(record["id"], {"last_seen": now})
        return SaveResult(record["id"], new=False, changed=changed)

    def sightings_of(self, call_id: str) -> list[dict]:
        return [_decode(r) for r in self.db["sightings"].rows_where(
            "call_id = ?", [call_id], order_by="fetched_at, id")]

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
            self.db["calls"].upsert(row, pk="id", alter=True)

    def call(self, call_id: str) -> dict | None:
        rows = list(self.db["calls"].rows_where("id = ?", [call_id]))
        return _decode(rows[0]) if rows else None

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
            self.db["call_events"].insert({
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

    # --- identity (dedupe, issue 6) ---------------------------------------
    # Lookups for grantdigest.dedupe (StoreIndex), atomic writes of a sighting
    # with its index rows, manual decisions, and moving sightings between calls.
    REF_COLUMNS = "s.id, s.call_id, s.source_id, s.source_item_id, s.canonical_url, s.fp_roundup"

    def sighting_by_source_url(self, source_id: str, url: str) -> dict | None:
        """A sighting of ``source_id`` stored under this exact URL (identity kept
        when URL canonicalisation changes)."""
        rows = list(self.db["sightings"].rows_where("source_id = ? AND url = ?", [source_id, url], limit=1))
        return _decode(rows[0]) if rows else None

    def save_sighting_indexed(self, record: dict, keys: list[int], links: list[str]) -> SaveResult:
        """``save_sighting`` plus the sighting's index keys and identifying links,
        in one transaction. ``changed_at`` moves only when the content changes."""
        now = record.get("fetched_at") or now_iso()
        old = self.sighting(record["id"])
        row = dict(record)
        row["last_seen"] = now
        with self.db.conn:
            if old is None:
                row["fetched_at"] = now
                row["changed_at"] = now
                self.db["sightings"].insert(_encode(row), alter=True)
                new, changed = True, False
            else:
                changed = old.get("content_hash") != record.get("content_hash")
                row["fetched_at"] = old["fetched_at"]
                row["changed_at"] = now if changed else (old.get("changed_at") or old["fetched_at"])
                if changed or not old.get("fp_sig"):
                    self.db["sightings"].update(record["id"], _encode(row), alter=True)
                else:
                    self.db["sightings"].update(record["id"], {"last_seen": now})
                new = False
            if new or changed or not (old or {}).get("fp_sig"):
                self._replace_index_rows(record["id"], keys, links)
        return SaveResult(record["id"], new=new, changed=changed)

    def _replace_index_rows(self, sighting_id: str, keys: list[int], links: list[str]) -> None:
        conn = self.db.conn
        conn.execute("DELETE FROM sighting_keys WHERE sighting_id = ?", [sighting_id])
        conn.execute("DELETE FROM sighting_links WHERE sighting_id = ?", [sighting_id])
        conn.executemany("INSERT INTO sighting_keys (key, sighting_id) VALUES (?, ?)",
                         [(k, sighting_id) for k in dict.fromkeys(keys)])
        conn.executemany("INSERT INTO sighting_links (link, sighting_id, position) VALUES (?, ?, ?)",
                         [(link, sighting_id, i) for i, link in enumerate(links)])

    def reindex_sighting(self, sighting_id: str, fields: dict, keys: list[int], links: list[str]) -> None:
        """Rewrite a stored sighting's fingerprint columns and index rows (``calls reindex``)."""
        with self.db.conn:
            self.db["sightings"].update(sighting_id, fields)
            self._replace_index_rows(sighting_id, keys, links)

    def identity_refs_by_url(self, canonical_url: str) -> list[tuple]:
        return self.db.execute(f"SELECT {self.REF_COLUMNS} FROM sightings s WHERE s.canonical_url = ?",
                               [canonical_url]).fetchall()

    def identity_refs_linking_to(self, link: str) -> list[tuple]:
        return self.db.execute(
            f"SELECT DISTINCT {self.REF_COLUMNS} FROM sighting_links l JOIN sightings s ON s.id = l.sighting_id"
            " WHERE l.link = ?", [link]).fetchall()

    def identity_refs_by_keys(self, keys: list[int], capped: list[int], cap: int) -> list[tuple]:
        """(key, ref columns...) for every sighting stored under ``keys``, and under
        those of ``capped`` whose bucket holds at most ``cap`` sightings."""
        wanted = list(dict.fromkeys(keys))
        if capped:
            marks = ",".join("?" * len(capped))
            wanted += [k for k, n in self.db.execute(
                f"SELECT key, count(*) FROM sighting_keys WHERE key IN ({marks}) GROUP BY key", capped)
                if n <= cap and k not in wanted]
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        return self.db.execute(
            f"SELECT k.key, {self.REF_COLUMNS} FROM sighting_keys k JOIN sightings s ON s.id = k.sighting_id"
            f" WHERE k.key IN ({marks})", wanted).fetchall()

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

    def identity_decisions_of(self, sighting_id: str) -> tuple[set[str], set[str]]:
        """(sightings decided the same as this one, sightings decided different)."""
        same, different = set(), set()
        for kind, a, b in self.db.execute(
                "SELECT kind, a, b FROM identity_decisions WHERE superseded_at IS NULL AND (a = ? OR b = ?)",
                [sighting_id, sighting_id]):
            other = b if a == sighting_id else a
            (same if kind == "same" else different).add(other)
        return same, different

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

    def fold_call(self, target: str, other: str, reason: str) -> None:
        """Fold call ``other`` into ``target``: its sightings and history move;
        the ``other`` row stays (hidden, ``merged_into``) so old links resolve."""
        with self.db.conn:
            self.db.execute("UPDATE sightings SET call_id = ? WHERE call_id = ?", [target, other])
            self.db.execute("UPDATE call_events SET call_id = ? WHERE call_id = ?", [target, other])
            self.db.execute("UPDATE calls SET merged_into = ?, hidden = 1, hidden_reason = ?, updated_at = ?"
                            " WHERE id = ?", [target, reason, now_iso(), other])
            self.db.execute("UPDATE calls SET merged_into = ? WHERE merged_into = ?", [target, other])

    def unfold_call(self, call_id: str) -> None:
        """A call that was folded into another gets sightings again (a split)."""
        with self.db.conn:
            self.db.execute("UPDATE calls SET merged_into = NULL, hidden = 0, hidden_reason = NULL"
                            " WHERE id = ? AND merged_into IS NOT NULL", [call_id])

    def sighting_ids(self) -> list[str]:
        """Every sighting id, oldest first (to walk the table while rewriting it)."""
        return [r[0] for r in self.db.execute("SELECT id FROM sightings ORDER BY fetched_at, id")]


def _json_text(value) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _readable_writable(path: Path) -> bool:
    return os.access(path, os.R_OK | os.W_OK)
