"""A second crawl with nothing changed downloads (almost) nothing: list pages come
back as 304 (conditional GET from the HTTP cache), known detail pages are not
requested at all; a list entry that changed brings its detail page again."""

import sqlite3

from conftest import SNAPSHOTS, run_cli

from grantdigest.loopback import ConditionalServer
from grantdigest.replay import Manifest

AS_OF = "2025-07-20"
RO_UA_LIST = "https://ro-ua.net/en/comunication-2021-2027/noutati-2021-2027"
RO_UA_1667 = RO_UA_LIST + "/1667-interreg-next-romania-ukraine"


def crawl(server, db):
    return run_cli("crawl", "--replay", server.url, "--as-of", AS_OF, env={"GRANTDIGEST_DB": str(db)})


def counts(db):
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*), max(last_seen) FROM sightings").fetchone()


def test_second_crawl_is_conditional_and_skips_known_pages(tmp_path):
    db = tmp_path / "g.db"
    with ConditionalServer(Manifest(SNAPSHOTS / "manifest.json")) as server:
        first = crawl(server, db)
        assert first.returncode == 0, first.stderr
        first_log = list(server.log)
        assert all(status == 200 for _, _, status, _ in first_log)
        stored, seen_first = counts(db)

        server.log.clear()
        second = crawl(server, db)
        assert second.returncode == 0, second.stderr
        log = list(server.log)
        full = [(m, u) for m, u, status, _ in log if status == 200]
        # only the SEDIA search POSTs (no validators on an API answer) are downloaded in full
        assert all(m == "POST" for m, _ in full), full
        assert len(full) / len(log) <= 0.10
        assert sum(1 for *_, status, _ in log if status == 304) >= 20
        detail_urls = {u for _, u, _, _ in first_log} - {u for _, u, _, _ in log}
        assert RO_UA_1667 in detail_urls  # known detail pages were not asked for again
        again, seen_second = counts(db)
        assert again == stored and seen_second > seen_first  # nothing lost, everything seen again

        # the list now shows a changed entry: that detail page, and only it, is fetched again
        page = (SNAPSHOTS / "constructed" / "ro-ua" / "news-2021-2027.html").read_text()
        server.replace(RO_UA_LIST, page.replace("Two online information sessions", "Three online information sessions"))
        server.log.clear()
        third = crawl(server, db)
        assert third.returncode == 0, third.stderr
        ro_ua = [u for _, u, _, _ in server.log if u.startswith("https://ro-ua.net/") and "robots" not in u]
        assert sorted(ro_ua) == sorted([RO_UA_LIST, RO_UA_1667])

    with sqlite3.connect(db) as conn:
        run = conn.execute("SELECT not_modified, full_gets, unchanged, items FROM crawl_runs"
                           " WHERE source_id = 'fundsforngos' ORDER BY id DESC LIMIT 1").fetchone()
    # fundsforngos on the 3rd crawl: feed 304, three known pages (two kept, one filtered) not fetched
    assert run == (1, 0, 3, 2)  # the feed revalidated (robots.txt is counted apart)


def test_refetch_reads_known_pages_again(tmp_path, replay_server):
    db = tmp_path / "g.db"
    env = {"GRANTDIGEST_DB": str(db)}
    args = ("crawl", "--source", "ro-ua", "--replay", replay_server.url, "--as-of", AS_OF)
    assert run_cli(*args, env=env).returncode == 0
    replay_server.log.clear()
    assert run_cli(*args, env=env).returncode == 0
    assert RO_UA_1667 not in [u for _, u, _ in replay_server.log]
    replay_server.log.clear()
    assert run_cli(*args, "--refetch", env=env).returncode == 0
    assert RO_UA_1667 in [u for _, u, _ in replay_server.log]
