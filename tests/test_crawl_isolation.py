"""A crawl of every source against the loopback replay server, with failing sources
injected: a Cloudflare challenge (403), a server error (500) and a changed layout.
The failing sources are recorded as failed; all the others are collected anyway."""

import sqlite3

from conftest import SNAPSHOTS, run_cli

from grantdigest.replay import Manifest, ReplayServer

AS_OF = "2025-07-20"
CHALLENGE = ("<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
             "<script src=\"/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1\"></script></body></html>")
INJECTED = {"gurt", "pl-ua", "prostir"}


def broken_manifest():
    manifest = Manifest(SNAPSHOTS / "manifest.json")
    manifest.add({"url": "https://gurt.org.ua/news/grants/", "status": 403, "body": CHALLENGE,
                  "headers": {"cf-mitigated": "challenge", "Server": "cloudflare"}})
    manifest.add({"url": "https://pl-ua.eu/en/wp-json/wp/v2/posts?categories=12&per_page=20&_fields=id,date,date_gmt,"
                         "modified,modified_gmt,link,title,content,excerpt,categories",
                  "status": 500, "body": "Internal Server Error", "content_type": "text/plain"})
    manifest.add({"url": "https://www.prostir.ua/category/grants/",
                  "body": "<html><body><main class='grid'><div class='card'><h2><a href='/x'>Новий дизайн</a></h2>"
                          "</div></main></body></html>"})
    return manifest


def test_one_failing_source_never_stops_the_others(tmp_path):
    db = tmp_path / "g.db"
    env = {"GRANTDIGEST_DB": str(db)}
    with ReplayServer(broken_manifest()) as server:
        result = run_cli("crawl", "--replay", server.url, "--as-of", AS_OF, env=env)
    assert result.returncode == 1  # a partial failure
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[2:] if line.strip() and line[0] != "-"}
    assert len(lines) == 21  # 20 sources + the total line
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        runs = {r["source_id"]: dict(r) for r in conn.execute("SELECT * FROM crawl_runs")}
    assert set(runs) == set(lines) - {"разом"}
    failed = {sid for sid, r in runs.items() if r["errors"]}
    assert failed == INJECTED
    assert "Cloudflare" in runs["gurt"]["error_text"] and "HTTP 403" in runs["gurt"]["error_text"]
    assert "HTTP 500" in runs["pl-ua"]["error_text"]
    assert "list.item" in runs["prostir"]["error_text"]
    for sid in INJECTED:
        assert runs[sid]["items"] == 0 and "no_items" in runs[sid]["flags"] and "failed" in runs[sid]["flags"]
        assert f"увага: {sid}:" in result.stderr
    healthy = [r for sid, r in runs.items() if sid not in INJECTED]
    assert all(r["finish_reason"] == "finished" and r["flags"] == "[]" for r in healthy)
    assert sum(r["items"] for r in healthy) == 56 - 7 - 6 - 2  # all but prostir, gurt and pl-ua
    assert "гаразд" in lines["eu-funding-tenders"] and "помилка" in lines["gurt"]

    check = run_cli("sources", "check", env=env)
    assert check.returncode == 1
    flagged = [line.split(":")[1].strip() for line in check.stderr.splitlines() if line.startswith("увага:")]
    assert sorted(flagged) == sorted(INJECTED)
    assert "реєстр гаразд: 20 джерел" in check.stdout


def test_crawl_since_and_several_sources(tmp_path, replay_server):
    db = tmp_path / "g.db"
    result = run_cli("crawl", "--source", "prostir", "--source", "gurt", "--since", "2025-07-14",
                     "--replay", replay_server.url, "--as-of", AS_OF, env={"GRANTDIGEST_DB": str(db)})
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as conn:
        runs = dict(conn.execute("SELECT source_id, items FROM crawl_runs").fetchall())
        since = {r[0] for r in conn.execute("SELECT since FROM crawl_runs")}
    # prostir's newest item is from 03.06.2025; gurt has four ГРАНТ items from 14.07.2025 on
    assert runs == {"prostir": 0, "gurt": 4} and since == {"2025-07-14"}
    assert "[2/2]" in result.stderr
    bad = run_cli("crawl", "--since", "14.07.2025", env={"GRANTDIGEST_DB": str(db)})
    assert bad.returncode == 2 and "РРРР-ММ-ДД" in bad.stderr
