"""Storage: migrations recorded, idempotent writes, clear errors for bad paths."""

import datetime as dt
import os
import sqlite3

import pytest

from grantdigest.errors import UserError
from grantdigest.ingest import ingest
from storage import Store
from storage.migrations import MIGRATIONS

AS_OF = dt.date(2025, 7, 20)
ITEM = {"source_id": "prostir", "url": "https://www.prostir.ua/?grants=test-call&utm_source=fb",
        "title": "Конкурс міні-грантів для громад", "text": "Заявки приймаються до 15 серпня 2025 року. "
        "Сума гранту до 100 000 грн.", "published": "2025-07-01"}


def test_migrations_are_recorded_once(tmp_path):
    path = tmp_path / "g.db"
    with Store(path) as store:
        assert store.applied_migrations() == sorted(m.__name__ for m in MIGRATIONS)  # listed by name
    with Store(path) as store:
        assert store.migrate() == []
        assert set(store.db.table_names()) >= {"sources", "sightings", "calls", "crawl_runs", "digests", "call_events",
                                               "deliveries", "migrations"}


def test_a_new_database_is_created_without_waiting_for_the_disk_per_migration(tmp_path):
    """The migrations of a new database commit without a sync each; the connection then
    commits as durably as ever (a record of a sent email must survive a power cut)."""
    path = tmp_path / "g.db"
    with Store(path) as store:
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL, SQLite's default
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM migrations").fetchone()[0] == len(MIGRATIONS)


def test_ingest_is_idempotent(store):
    first = ingest(store, dict(ITEM), AS_OF)
    again = ingest(store, dict(ITEM), AS_OF)
    assert first.new and not again.new and not again.changed
    assert first.call_id == again.call_id
    assert store.count("sightings") == 1 and store.count("calls") == 1
    call = store.call(first.call_id)
    assert call["deadline"] == "2025-08-15"
    assert call["amount_max"] == 100000 and call["currency"] == "UAH"
    assert call["status"] == "open"


def test_changed_content_updates_in_place(store):
    ingest(store, dict(ITEM), AS_OF)
    changed = ingest(store, {**ITEM, "text": ITEM["text"].replace("15 серпня", "30 серпня")}, AS_OF)
    assert changed.changed and store.count("sightings") == 1
    assert store.call(changed.call_id)["deadline"] == "2025-08-30"


def test_tracking_parameters_do_not_make_a_new_call(store):
    a = ingest(store, dict(ITEM), AS_OF)
    b = ingest(store, {**ITEM, "source_id": "gurt", "url": "https://prostir.ua/?grants=test-call"}, AS_OF)
    assert a.call_id == b.call_id and store.count("sightings") == 2 and store.count("calls") == 1


def test_structured_deadline_wins_and_keeps_its_own_time(store):
    item = {**ITEM, "deadline": "2025-08-01"}
    result = ingest(store, item, AS_OF)
    call = store.call(result.call_id)
    assert call["deadline"] == "2025-08-01"
    assert call["deadline_tz"] is None
    assert call["deadline_at"] == "2025-08-01T20:59:59Z"  # end of day in Kyiv (EEST)


def test_directory_as_db_path_is_a_clear_error(tmp_path):
    with pytest.raises(UserError, match="каталогом"):
        Store(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_unreadable_db_is_a_clear_error(tmp_path):
    path = tmp_path / "g.db"
    Store(path).close()
    path.chmod(0)
    with pytest.raises(UserError, match="доступу"):
        Store(path)


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "g.db"
    path.write_text("this is not sqlite" * 100)
    with pytest.raises(UserError, match="SQLite"):
        Store(path)


def test_wal_and_busy_timeout(tmp_path):
    with Store(tmp_path / "g.db") as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 10000


def test_db_path_under_a_file_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(UserError, match="каталог бази даних"):
        Store(blocker / "g.db")
