"""Staff step in by hand: `calls add URL` (through the crawl's transport, the replay server
in tests), `calls add --title --deadline --url` (a call that came by letter), `calls hide`."""

from __future__ import annotations

import json
import sys

from conftest import FIXTURES, run_cli

sys.path.insert(0, str(FIXTURES / "faults"))
import faultkit  # noqa: E402
from faultkit import AS_OF, N, SOUND, crawl, query, soundness  # noqa: E402

from grantdigest.replay import Manifest, ReplayServer  # noqa: E402

PAGE_URL = "https://donor.example/grants/community-resilience-2026/"
PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Донор — гранти</title>
<link rel="canonical" href="https://donor.example/grants/community-resilience-2026/"></head>
<body><nav>Меню</nav><article><h1>Конкурс «Стійкі громади 2026»</h1>
<p>Фонд оголошує конкурс грантів для територіальних громад і комунальних закладів.</p>
<p>Розмір гранту: до 1 500 000 грн.</p>
<p>Кінцевий термін подання заявок: 15 вересня 2026 року.</p></article></body></html>"""


def entries():
    cp1251 = PAGE.replace("Стійкі громади 2026", "Чисте довкілля").replace('<meta charset="utf-8">', "")
    return faultkit.healthy_entries() + [
        {"url": PAGE_URL, "body": PAGE},
        {"url": "https://donor.example/grants/cp1251/", "body": cp1251.encode("cp1251"), "content_type": "text/html"},
        {"url": "https://healthy-list.example/calls/1/", "body": PAGE.replace("Стійкі громади 2026", "Дубль")},
    ]


def cli(db, *args, **kw):
    return run_cli("--db", str(db), *args, **kw)


def test_add_by_url_extracts_shows_and_stores_a_manual_sighting(tmp_path):
    db = tmp_path / "g.db"
    with ReplayServer(Manifest(entries=entries(), base_dir=FIXTURES / "faults")) as server:
        result = cli(db, "calls", "add", PAGE_URL, "--replay", server.url, "--as-of", AS_OF)
        assert result.returncode == 0, result.stderr
        assert "Конкурс «Стійкі громади 2026»" in result.stdout and "15.09.2026" in result.stdout
        assert "1\u00a0500\u00a0000 UAH" in result.stdout and "новий конкурс" in result.stdout
        assert server.hits(PAGE_URL) == 1  # fetched through the replay transport, like a crawl
        again = cli(db, "calls", "add", PAGE_URL, "--replay", server.url, "--as-of", AS_OF)
        assert again.returncode == 0 and "наявного" in again.stdout
        cyr = cli(db, "calls", "add", "https://donor.example/grants/cp1251/", "--replay", server.url, "--as-of", AS_OF)
        assert cyr.returncode == 0 and "Чисте довкілля" in cyr.stdout  # same charset repair as crawls
    rows = query(db, "SELECT source_id, title, deadline, call_id FROM sightings ORDER BY title")
    assert [(r[0], r[2]) for r in rows] == [("manual", "2026-09-15"), ("manual", "2026-09-15")]
    assert query(db, "SELECT count(*) FROM calls")[0][0] == 2
    assert query(db, "SELECT name_uk, enabled FROM sources WHERE id = 'manual'") == [("Додано вручну", 0)]
    site = cli(db, "digest", "build", str(tmp_path / "site"), "--as-of", AS_OF)
    assert site.returncode == 0 and "Стійкі громади 2026" in (tmp_path / "site" / "index.html").read_text()
    assert soundness(db) == SOUND


def test_add_by_url_joins_a_call_already_crawled(tmp_path):
    db = tmp_path / "g.db"
    with ReplayServer(Manifest(entries=entries(), base_dir=FIXTURES / "faults")) as server:
        assert crawl(server.url, db, "healthy-list").returncode == 0
        result = cli(db, "calls", "add", "https://healthy-list.example/calls/1/", "--replay", server.url,
                     "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    assert query(db, "SELECT count(*) FROM calls")[0][0] == N   # no new call: a second sighting of it
    call_id = query(db, "SELECT call_id FROM sightings WHERE source_id = 'manual'")[0][0]
    assert {r[0] for r in query(db, "SELECT source_id FROM sightings WHERE call_id = ?", (call_id,))} == \
        {"manual", "healthy-list"}


def test_add_by_url_errors_are_one_clear_line(tmp_path):
    db = tmp_path / "g.db"
    with ReplayServer(Manifest(entries=entries(), base_dir=FIXTURES / "faults")) as server:
        missing = cli(db, "calls", "add", "https://donor.example/no-such-page", "--replay", server.url)
    assert missing.returncode == 1 and "HTTP 404" in missing.stderr.strip().splitlines()[-1]
    bad = cli(db, "calls", "add", "javascript:alert(1)")
    assert bad.returncode == 2 and "http(s)" in bad.stderr
    assert not db.exists() or query(db, "SELECT count(*) FROM calls")[0][0] == 0


def test_add_by_letter(tmp_path):
    db = tmp_path / "g.db"
    result = cli(db, "calls", "add", "--title", "Програма ПРООН: мікрогранти для ветеранських ГО",
                 "--deadline", "30.09.2026", "--url", "https://undp.example/ua/microgrants", "--programme", "ПРООН",
                 "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    assert "30.09.2026" in result.stdout and "ПРООН" in result.stdout
    call = query(db, "SELECT title, deadline, deadline_at, programme, is_call, status FROM calls")[0]
    assert call == ("Програма ПРООН: мікрогранти для ветеранських ГО", "2026-09-30", "2026-09-30T20:59:59Z",
                    "ПРООН", 1, "open")   # the date as given, ending that day in Kyiv
    listed = cli(db, "calls", "list", "--as-of", AS_OF)
    assert "мікрогранти" in listed.stdout


def test_add_by_letter_needs_title_deadline_and_url(tmp_path):
    db = tmp_path / "g.db"
    result = cli(db, "calls", "add", "--title", "Без дати", "--url", "https://x.example/a")
    assert result.returncode == 2 and "--deadline" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    result = cli(db, "calls", "add", "--title", "Дата не та", "--deadline", "31.02.2026", "--url", "https://x.example/a")
    assert result.returncode == 2 and "31.02.2026" in result.stderr
    result = cli(db, "calls", "add", "--title", "Лист", "--deadline", "2026-09-30", "--url", "https://x.example/\r\nBcc: a@b")
    assert result.returncode == 2
    assert not db.exists() or query(db, "SELECT count(*) FROM calls")[0][0] == 0


def test_hide_removes_from_digests_without_deleting_and_survives_recrawl(tmp_path):
    db = tmp_path / "g.db"
    with ReplayServer(Manifest(entries=entries(), base_dir=FIXTURES / "faults")) as server:
        assert crawl(server.url, db, "healthy-list").returncode == 0
        call_id, title = query(db, "SELECT id, title FROM calls ORDER BY title LIMIT 1")[0]
        hidden = cli(db, "calls", "hide", call_id, "--reason", "не для громад: лише для університетів")
        assert hidden.returncode == 0 and "Приховано" in hidden.stdout
        assert crawl(server.url, db, "healthy-list").returncode == 0   # a new crawl does not bring it back
    assert call_id not in cli(db, "calls", "list", "--as-of", AS_OF).stdout
    assert call_id in cli(db, "calls", "list", "--all", "--as-of", AS_OF).stdout
    cli(db, "digest", "build", str(tmp_path / "site"), "--as-of", AS_OF)
    assert title not in (tmp_path / "site" / "index.html").read_text()
    shown = json.loads(cli(db, "calls", "show", call_id).stdout)
    assert shown["hidden"] == 1 and shown["hidden_reason"].startswith("не для громад")
    assert len(shown["sightings"]) == 1 and any(e["field"] == "hidden" for e in shown["events"])
    assert cli(db, "calls", "unhide", call_id).returncode == 0
    assert call_id in cli(db, "calls", "list", "--as-of", AS_OF).stdout
    assert cli(db, "calls", "hide", "nope", "--reason", "x").returncode == 2
    assert cli(db, "calls", "hide", call_id).returncode == 2  # the reason is required
