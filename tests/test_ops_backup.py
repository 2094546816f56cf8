"""`grantdigest backup`: a consistent, checked copy of the live database."""

import datetime as dt
import sqlite3

from conftest import run_cli
from grantdigest.ingest import ingest
from storage import Store


def test_backup_copies_a_live_database_and_refuses_to_overwrite(tmp_path):
    db = tmp_path / "g.db"
    with Store(db) as store:
        for i in range(5):
            ingest(store, {"source_id": "manual", "url": f"https://donor.example/{i}", "title": f"Гранти {i}",
                           "text": "Дедлайн: 30 вересня 2026 року."}, dt.date(2026, 7, 1))
        writer = sqlite3.connect(db)          # another connection with uncommitted work: not in the copy
        writer.execute("BEGIN")
        writer.execute("DELETE FROM sightings")
        result = run_cli("--db", str(db), "backup", str(tmp_path / "copies" / "b.db"))
        writer.rollback()
        writer.close()
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "copies" / "b.db") as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert copy.execute("SELECT count(*) FROM sightings").fetchone()[0] == 5
        assert copy.execute("SELECT count(*) FROM calls").fetchone()[0] == 5
    again = run_cli("--db", str(db), "backup", str(tmp_path / "copies" / "b.db"))
    assert again.returncode == 2 and "уже існує" in again.stderr
