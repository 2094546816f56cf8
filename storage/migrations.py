"""Schema migrations, applied in order and recorded in the ``migrations`` table.

Each migration is a function taking a ``sqlite_utils.Database``; its name is
recorded once it has run. SQLite commits DDL as it goes, so a migration must
be safe to run again after a crash half-way (``if_not_exists=True``, checks
before ``add_column``). Append new migrations at the end; never edit one that
has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import sqlite_utils


def m0001_initial(db: sqlite_utils.Database) -> None:
    db["sources"].create({
        "id": str, "name_uk": str, "name_en": str, "family": str, "start_url": str,
        "language": str, "programme": str, "regions": str, "settings": str,
        "enabled": int, "updated_at": str,
    }, pk="id", if_not_exists=True)
    db["calls"].create({
        "id": str, "title": str, "programme": str, "url": str,
        "deadline": str, "deadline_at": str, "deadline_tz": str, "opening_date": str,
        "amount_max": float, "currency": str,
        "applicants": str, "regions": str, "themes": str,
        "is_call": int, "kind": str, "status": str, "source_status": str,
        "first_seen": str, "last_seen": str, "updated_at": str,
        "hidden": int, "hidden_reason": str,
    }, pk="id", defaults={"hidden": 0}, if_not_exists=True)
    db["sightings"].create({
        "id": str, "source_id": str, "source_item_id": str, "url": str, "canonical_url": str,
        "title": str, "text": str, "language": str, "published": str,
        "fetched_at": str, "last_seen": str, "content_hash": str, "call_id": str,
        "deadline": str, "deadline_at": str, "deadline_tz": str, "opening_date": str,
        "amount_max": float, "currency": str,
        "applicants": str, "regions": str, "themes": str,
        "programme": str, "is_call": int, "kind": str, "source_status": str,
        "links": str, "extra": str,
    }, pk="id", foreign_keys=[("call_id", "calls", "id")], if_not_exists=True)
    db["sightings"].create_index(["call_id"], if_not_exists=True)
    db["sightings"].create_index(["source_id", "source_item_id"], if_not_exists=True)
    db["sightings"].create_index(["canonical_url"], if_not_exists=True)
    db["crawl_runs"].create({
        "id": int, "run_id": str, "source_id": str, "started": str, "finished": str,
        "requests": int, "responses": int, "status_counts": str,
        "items": int, "new_items": int, "errors": int, "error_text": str,
        "finish_reason": str,
    }, pk="id", if_not_exists=True)
    db["crawl_runs"].create_index(["source_id", "started"], if_not_exists=True)
    db["digests"].create({
        "id": int, "kind": str, "period": str, "as_of": str, "created_at": str,
        "path": str, "calls_count": int,
    }, pk="id", if_not_exists=True)
    db["deliveries"].create({
        "id": int, "digest_key": str, "recipient": str, "message_id": str,
        "subject": str, "sent_at": str, "status": str,
    }, pk="id", if_not_exists=True)
    db["deliveries"].create_index(["digest_key", "recipient"], unique=True, if_not_exists=True)


def m0002_call_events(db: sqlite_utils.Database) -> None:
    """Change history of calls: one row per changed field (deadline, amount, status, ...)."""
    db["call_events"].create({
        "id": int, "call_id": str, "field": str, "old": str, "new": str, "at": str,
        "source_id": str, "sighting_id": str, "kind": str,
    }, pk="id", foreign_keys=[("call_id", "calls", "id")], if_not_exists=True)
    db["call_events"].create_index(["call_id", "at"], if_not_exists=True)


def m0400_subscribers_and_archive(db: sqlite_utils.Database) -> None:
    """Issue 7: subscribers of the weekly email, and each week's digest kept for its archive page."""
    db["subscribers"].create({
        "id": int, "email": str, "hromada": str, "oblast": str, "katottg": str,
        "applicants": str, "themes": str, "language": str, "active": int,
        "created_at": str, "updated_at": str,
    }, pk="id", defaults={"active": 1, "language": "uk"}, if_not_exists=True)
    db["subscribers"].create_index(["email"], unique=True, if_not_exists=True)
    db["digest_weeks"].create({
        "period": str, "as_of": str, "since": str, "created_at": str, "data": str,
    }, pk="period", if_not_exists=True)
def m0500_ops_runs(db: sqlite_utils.Database) -> None:
    """The operations run log: one row per crawl / site build / send, scheduled or by hand."""
    db["ops_runs"].create({
        "id": int, "job": str, "origin": str, "command": str, "pid": int, "host": str,
        "started": str, "finished": str, "status": str, "exit_code": int, "detail": str,
        "source_ids": str, "run_id": str,
    }, pk="id", if_not_exists=True)
    db["ops_runs"].create_index(["job", "started"], if_not_exists=True)
    db["ops_runs"].create_index(["status"], if_not_exists=True)
def m0100_source_health(db: sqlite_utils.Database) -> None:
    """Issue 4: source health per run and the pages each source has seen.

    ``page_marks``: one row per detail page per source -- the list's version
    stamp of it (lastmod, modified, list-entry hash) and whether it was kept
    or filtered out -- so an unchanged page is not downloaded again.
    ``crawl_runs`` gains the health figures of a run.
    """
    db["page_marks"].create({
        "source_id": str, "url": str, "marker": str, "outcome": str, "sighting_id": str,
        "first_seen": str, "last_seen": str,
    }, pk=("source_id", "url"), if_not_exists=True)
    columns = {
        "entries": int, "filtered": int, "unchanged": int, "too_old": int,
        "with_title": int, "with_url": int, "with_deadline": int,
        "wire_requests": int, "full_gets": int, "not_modified": int, "bytes_received": int,
        "problems": int, "flags": str, "since": str,
    }
    existing = set(db["crawl_runs"].columns_dict)
    for name, kind in columns.items():
        if name not in existing:
            try:
                db["crawl_runs"].add_column(name, kind)
            except sqlite3.OperationalError as exc:  # another process added it first
                if "duplicate column" not in str(exc):
                    raise
def m0300_identity(db: sqlite_utils.Database) -> None:
    """Identity of calls (issue 6): fingerprints and how each sighting was matched,
    the link and key indexes that find candidates, manual decisions, merged calls."""
    def add_columns(table: str, columns: dict) -> None:
        have = set(db[table].columns_dict)
        for name, kind in columns.items():
            if name not in have:
                db[table].add_column(name, kind)

    add_columns("sightings", {
        "changed_at": str,          # when the current content was first seen
        "fp_sig": bytes,            # MinHash signature (grantdigest.dedupe.minhash)
        "fp_count": int,            # distinct word bigrams
        "fp_idents": str,           # JSON: identifier codes
        "fp_acronyms": str,         # JSON: acronyms and name-like URL words
        "fp_links": str,            # JSON: identifying outgoing links, canonical
        "fp_roundup": int,          # links to three or more other sites
        "fp_extension": int,        # the text announces a new deadline
        "fp_years": str,            # JSON: years the title and text mention
        "fp_oblasts": str,          # JSON: oblasts the title and the opening name
        "fp_script": str,           # cyrl / latn
        "identity_rule": str,       # which identity rule put it in its call
        "identity_evidence": str,   # what matched: a URL, a link, a sighting id
    })
    db["sighting_keys"].create({"key": int, "sighting_id": str}, if_not_exists=True)
    db["sighting_keys"].create_index(["key"], if_not_exists=True)
    db["sighting_keys"].create_index(["sighting_id"], if_not_exists=True)
    db["sighting_links"].create({"link": str, "sighting_id": str, "position": int}, if_not_exists=True)
    db["sighting_links"].create_index(["link"], if_not_exists=True)
    db["sighting_links"].create_index(["sighting_id"], if_not_exists=True)
    db["identity_decisions"].create({
        "id": int, "kind": str, "a": str, "b": str, "decided_at": str, "note": str, "superseded_at": str,
    }, pk="id", if_not_exists=True)
    db["identity_decisions"].create_index(["a"], if_not_exists=True)
    db["identity_decisions"].create_index(["b"], if_not_exists=True)
    add_columns("calls", {"merged_into": str, "status_as_of": str})


def m0101_sightings_by_source_url(db: sqlite_utils.Database) -> None:
    """Issue 4 (crawl speed): ingest looks up a new sighting by (source, URL) --
    the same page under an older canonical spelling -- once per new item; without
    this index that is a scan of every sighting of the source."""
    db["sightings"].create_index(["source_id", "url"], if_not_exists=True)


def m0210_canonical_programmes(db: sqlite_utils.Database) -> None:
    """Issue 5: a known programme or donor has one name however a page wrote it
    (``grantdigest.extract.programme.canonical_programme``); names stored before are rewritten,
    so the site's counts and filter by programme do not split one programme in two."""
    from grantdigest.extract.programme import canonical_programme   # the names are extraction's to decide

    with db.conn:
        for table in ("sightings", "calls"):
            if table not in db.table_names() or "programme" not in db[table].columns_dict:
                continue
            names = [r[0] for r in db.execute(f"SELECT DISTINCT programme FROM {table} WHERE programme IS NOT NULL")]
            for name in names:
                one = canonical_programme(name)
                if one != name:
                    db.execute(f"UPDATE {table} SET programme = ? WHERE programme = ?", [one, name])


def m0310_identity_buckets(db: sqlite_utils.Database) -> None:
    """Identity index rows as (key, scope) pairs (issue 6, speed): a bucket base is stored once,
    under the sighting's deadline scope, instead of once for every scope it may be found in;
    the sightings with any deadline under a base are the rows with ``scope > 0``. Replaces
    ``sighting_keys``: the rows of the sightings it indexed are rebuilt from their stored fields
    (one transaction; a crash leaves ``sighting_keys`` in place and the migration runs again)."""
    db["sighting_buckets"].create({"key": int, "scope": int, "sighting_id": str}, if_not_exists=True)
    db["sighting_buckets"].create_index(["key", "scope"], if_not_exists=True)
    db["sighting_buckets"].create_index(["sighting_id"], if_not_exists=True)
    if "sighting_keys" not in db.table_names():
        return
    if db.execute("SELECT 1 FROM sighting_keys LIMIT 1").fetchone() is None:
        db["sighting_keys"].drop()  # nothing to rebuild (a new database): no need to load the identity library
        return
    from grantdigest.dedupe.reindex import index_rows_of   # the keys are the identity library's to compute
    from storage.store import _decode

    conn = db.conn
    with conn:
        conn.execute("DELETE FROM sighting_buckets")
        ids = [r[0] for r in conn.execute("SELECT DISTINCT sighting_id FROM sighting_keys ORDER BY sighting_id")]
        for start in range(0, len(ids), 1000):
            chunk = ids[start:start + 1000]
            marks = ",".join("?" * len(chunk))
            rows = [_decode(r) for r in db.query(f"SELECT * FROM sightings WHERE id IN ({marks})", chunk)]
            conn.executemany("INSERT INTO sighting_buckets (key, scope, sighting_id) VALUES (?, ?, ?)",
                             index_rows_of(rows))
        conn.execute("DROP TABLE sighting_keys")


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    m0001_initial,
    m0002_call_events,
    m0100_source_health,
    m0101_sightings_by_source_url,
    m0210_canonical_programmes,
    m0300_identity,
    m0310_identity_buckets,      # after m0300 (the list stays in name order: tests/test_storage.py)
    m0400_subscribers_and_archive,
    m0500_ops_runs,
]
