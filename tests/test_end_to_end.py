"""The whole way: replay server -> real Scrapy crawl -> SQLite -> site + email.

Also the README's first command: `grantdigest demo` (what `make demo` runs).
"""

import datetime as dt
import email
import sqlite3
from email import policy

from digest.select import current_calls
from storage import Store

from conftest import SNAPSHOTS, run_cli

AS_OF = "2025-07-20"
KNOWN_TITLE = "Гранти на поліпшення кібербезпеки державних органів та інституцій із розбудови потенціалу України"


def table_counts(db):
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("sightings", "calls")}


def test_crawl_to_site_and_email(tmp_path, replay_server):
    db = tmp_path / "g.db"
    env = {"GRANTDIGEST_DB": str(db)}
    result = run_cli("crawl", "--replay", replay_server.url, "--as-of", AS_OF, env=env)
    assert result.returncode == 0, result.stderr
    assert "prostir" in result.stdout and "eu-funding-tenders" in result.stdout
    # every request went to the loopback server and asked for a recorded URL
    assert replay_server.log and all(status == 200 for _, _, status in replay_server.log)
    first = table_counts(db)
    # 20 registry sources (issue 4): 56 announcements kept, 18 filtered out (not open to Ukraine)
    # two calls are each announced on two sites (issue 6): one call, two sightings
    assert first["sightings"] == 56 and first["calls"] == 54
    with sqlite3.connect(db) as conn:
        shared = conn.execute("SELECT group_concat(source_id) FROM sightings GROUP BY call_id HAVING count(*) > 1"
                              " ORDER BY 1").fetchall()
    assert sorted(sorted(row[0].split(",")) for row in shared) == [["blacksea-cbc", "euro-access"],
                                                                     ["eufundingportal", "euro-access"]]

    # re-running the same crawl adds no rows
    assert run_cli("crawl", "--replay", replay_server.url, "--as-of", AS_OF, env=env).returncode == 0
    assert table_counts(db) == first

    site = tmp_path / "site"
    result = run_cli("digest", "build", str(site), "--as-of", AS_OF, env=env)
    assert result.returncode == 0, result.stderr
    index = (site / "index.html").read_text()
    assert KNOWN_TITLE in index
    # prostir lists "03.06.2025 - 31.07.25": the deadline shown is 31.07.2025, 11 days ahead
    card = index[index.index(KNOWN_TITLE):][:600]
    assert "31.07.2025" in card and "11 днів" in card
    assert index.index(KNOWN_TITLE) < index.index("METU Internships Offer")  # sorted by deadline
    assert "02.09.2025, 05:59 CEST" in index  # SEDIA moment shown in Brussels time
    assert (site / "en" / "index.html").read_text().count("Closing within 14 days") == 1
    call_pages = list((site / "calls").glob("*.html"))
    # one page per current call; closed calls (e.g. prostir's 17.07.2025) are left out
    with Store(db) as store:
        current = {c["id"] for c in current_calls(store, dt.date.fromisoformat(AS_OF))}
        closed = [c for c in store.calls() if c["id"] not in current]
    assert {p.stem for p in call_pages} == current and len(current) > 30
    assert any(c["title"] == "Актуальні гранти від програми ЄС “Креативна Європа”" for c in closed)
    page = next(p.read_text() for p in call_pages if KNOWN_TITLE in p.read_text())
    assert "https://www.prostir.ua/?grants=hranty-na-polipshennya" in page

    eml = tmp_path / "digest.eml"
    result = run_cli("digest", "email", "--to", "rada@hromada.example", "--out", str(eml), "--as-of", AS_OF, env=env)
    assert result.returncode == 0, result.stderr
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["To"] == "rada@hromada.example"
    parts = [p.get_content_type() for p in message.walk()]
    assert parts == ["multipart/alternative", "text/plain", "text/html"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert KNOWN_TITLE in text and "Дедлайн: 31.07.2025 (11 днів залишилось)" in text
    assert KNOWN_TITLE in html and "31.07.2025" in html


def test_demo_command(tmp_path):
    out = tmp_path / "demo"
    result = run_cli("demo", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out / "site" / "index.html") in result.stdout and str(out / "digest.eml") in result.stdout
    assert KNOWN_TITLE in (out / "site" / "index.html").read_text()
    assert (out / "digest.eml").stat().st_size > 1000
    import docx  # the document to forward holds the same known call with its deadline
    document = "\n".join(p.text for p in docx.Document(str(out / "digest.docx")).paragraphs)
    assert str(out / "digest.docx") in result.stdout
    assert KNOWN_TITLE in document and "Дедлайн: 31.07.2025 (11 днів залишилось)" in document
    assert (SNAPSHOTS / "manifest.json").exists()
