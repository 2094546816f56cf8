"""The fault suite: broken sites met through REAL crawls (``grantdigest crawl --replay``
subprocesses against the loopback replay server with fault injection).

For each fault class: the other sources are unaffected, the fault is recorded on the
source's health (``crawl_runs.errors`` / ``error_text``), no partial or corrupt rows
(integrity check, orphan and duplicate counts), and a re-run completes the work.
Observed outcomes feed RELIABILITY.md (``make reliability``).
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field

import pytest

from conftest import FIXTURES

sys.path.insert(0, str(FIXTURES / "faults"))
import faultkit  # noqa: E402
from faultkit import FEED_URLS, LIST_URLS, N, SOUND, crawl, last_run, sightings, soundness  # noqa: E402

from grantdigest.replay import Manifest, ReplayServer  # noqa: E402

FEED, LIST = FEED_URLS["faulty-feed"], LIST_URLS["faulty-list"]
CHALLENGE = (FIXTURES / "faults" / "challenge.html").read_bytes()
MALFORMED = (FIXTURES / "faults" / "feed-malformed.xml").read_bytes()
RSS = "application/rss+xml; charset=utf-8"


@dataclass
class Scenario:
    fault: str                       # the fault class, as in RELIABILITY.md
    source: str
    broken: list[dict]               # replay entries for the first crawl
    recorded: tuple[str, ...]        # what the source's error_text must mention
    items_first: int = 0             # items stored by the first crawl
    errors_first: bool = True        # the first crawl counts errors for the source
    warm: bool = False               # crawl the healthy site once before (the fault is a change)
    env: dict = field(default_factory=dict)


def cp1251_list(content_type: str) -> dict:
    page = faultkit.list_page("faulty-list").replace('<meta charset="utf-8">', "")
    return {"url": LIST, "body": page.encode("cp1251"), "content_type": content_type}


SCENARIOS = [
    Scenario("1. HTTP 403 / Cloudflare-style challenge", "faulty-feed",
             [{"url": FEED, "status": 403, "body": CHALLENGE, "content_type": "text/html; charset=UTF-8",
               "headers": {"Server": "cloudflare", "cf-mitigated": "challenge", "CF-RAY": "8f1a2b3c4d5e6f70-WAW"}}],
             ("HTTP 403", "Cloudflare")),
    Scenario("2. HTTP 429 with Retry-After (1 s), then the page", "faulty-feed",
             [{"url": FEED, "responses": [{"status": 429, "body": "slow down", "headers": {"Retry-After": "1"}},
                                          faultkit.good_entry("faulty-feed")]}],
             ("HTTP 429 ×1 (повторено)",), items_first=N, errors_first=False),  # retried: noted, not an error
    Scenario("2b. HTTP 429 with Retry-After: 3600 (longer than the limit)", "faulty-feed",
             [{"url": FEED, "status": 429, "body": "slow down", "headers": {"Retry-After": "3600"}}],
             ("HTTP 429", "3600")),
    Scenario("3. HTTP 503 once, then the page (retried in the same run)", "faulty-feed",
             [{"url": FEED, "responses": [{"status": 503, "body": "busy"}, faultkit.good_entry("faulty-feed")]}],
             ("HTTP 503 ×1 (повторено)",), items_first=N, errors_first=False),
    Scenario("3b. HTTP 500 and 503 until the retries run out", "faulty-feed",
             [{"url": FEED, "responses": [{"status": 500, "body": "oops"}, {"status": 503, "body": "busy"}]}],
             ("HTTP 500", "HTTP 503")),
    Scenario("4. Connection timeout (no answer within DOWNLOAD_TIMEOUT)", "faulty-feed",
             [{**faultkit.good_entry("faulty-feed"), "delay": 6}], ("Timeout",)),
    Scenario("5. Truncated body (Content-Length promised, connection closed half-way)", "faulty-feed",
             [{**faultkit.good_entry("faulty-feed"), "fault": "truncate"}], ("DataLoss",)),
    Scenario("5b. Connection reset (TCP RST, no answer)", "faulty-feed",
             [{"url": FEED, "fault": "reset"}], ("×",)),
    Scenario("6. Redirect loop", "faulty-feed",
             [{"url": FEED, "status": 302, "body": "", "headers": {"Location": "https://faulty-feed.example/feed/b"}},
              {"url": "https://faulty-feed.example/feed/b", "status": 301, "body": "", "headers": {"Location": FEED}}],
             ("перенаправлення",)),
    Scenario("7. windows-1251 page declared as UTF-8", "faulty-list",
             [cp1251_list("text/html; charset=utf-8")], ("cp1251",), items_first=N, errors_first=False),
    Scenario("7b. windows-1251 page without any charset", "faulty-list",
             [cp1251_list("text/html")], ("cp1251",), items_first=N, errors_first=False),
    Scenario("8. Malformed RSS/XML (the parser salvages two entries)", "faulty-feed",
             [{"url": FEED, "body": MALFORMED, "content_type": RSS}], ("XML",), items_first=2, errors_first=False),
    Scenario("8b. An error page instead of the feed (after good crawls)", "faulty-feed",
             [{"url": FEED, "body": "<html><body><h1>Database error</h1><p>Too many connections</p></body></html>",
               "content_type": RSS}], ("не читається",), items_first=N, warm=True),
    Scenario("9. A 50 MB page (no Content-Length, streamed)", "faulty-feed",
             [{"url": FEED, "stream": {"size": 50 * 1024 * 1024, "chunked": True}}], ("Cancel",)),
    Scenario("10. A list page that suddenly yields zero items (layout changed)", "faulty-list",
             [{"url": LIST, "body": faultkit.list_page("faulty-list", item_class="card-2026")}], ("розмітка",),
             items_first=N, warm=True),
]


def server_with(entries: list[dict]) -> ReplayServer:
    return ReplayServer(Manifest(entries=faultkit.healthy_entries() + entries, base_dir=FIXTURES / "faults"))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.fault.split(" ")[0] for s in SCENARIOS])
def test_fault(scenario: Scenario, tmp_path):
    db = tmp_path / "g.db"
    source = scenario.source
    started = time.monotonic()
    if scenario.warm:
        with server_with([faultkit.good_entry(source)]) as server:
            assert crawl(server.url, db, source).returncode == 0
        assert sightings(db, source) == N
        started = time.monotonic()
    with server_with(scenario.broken) as server:
        first = crawl(server.url, db, source, "healthy-feed", "healthy-list", env=scenario.env)
        elapsed = time.monotonic() - started
        requests_made = server.hits(FEED if source == "faulty-feed" else LIST)
        times = [t for url, t in server.times if url == FEED]
    # the run ended normally (its summary table is printed only then): no crash
    assert first.returncode in (0, 1) and "джерело" in first.stdout, first.stderr[-3000:]

    # other sources unaffected
    for healthy in ("healthy-feed", "healthy-list"):
        run = last_run(db, healthy)
        assert (run["finish_reason"], run["errors"], run["items"]) == ("finished", 0, N), run
        assert sightings(db, healthy) == N

    # the fault is on the source's health; nothing partial or corrupt
    run = last_run(db, source)
    text = run.get("error_text") or ""
    for marker in scenario.recorded:
        assert marker in text, (marker, text)
    assert (run["errors"] > 0) is scenario.errors_first, run
    assert first.returncode == (1 if scenario.errors_first else 0)
    assert sightings(db, source) == scenario.items_first  # what was stored before is kept
    assert soundness(db) == SOUND

    # re-run against the repaired site: the work completes, nothing doubles
    with server_with([faultkit.good_entry(source)]) as server:
        second = crawl(server.url, db, source)
    assert second.returncode == 0, second.stderr
    rerun = last_run(db, source)
    assert (rerun["errors"], rerun["items"], rerun["finish_reason"]) == (0, N, "finished"), rerun
    assert sightings(db, source) == N
    assert soundness(db) == SOUND

    extra = {}
    if scenario.fault.startswith("2."):
        assert requests_made == 2 and times[1] - times[0] >= 0.95  # waited as asked before retrying
        extra["waited_s"] = round(times[1] - times[0], 2)
    if scenario.fault.startswith("2b."):
        assert requests_made == 1  # not hammered: left for the next run
    if scenario.fault.startswith("7"):
        stored = {r[0] for r in faultkit.query(db, "SELECT title FROM sightings WHERE source_id = ?", (source,))}
        assert stored == set(faultkit.titles(source))  # read as Cyrillic, not mojibake
    faultkit.record({"fault": scenario.fault, "source": source, "first_items": sightings(db, source) and
                     scenario.items_first, "first_errors": run["errors"], "recorded": text,
                     "exit_code": first.returncode, "requests": requests_made, "seconds": round(elapsed, 1),
                     "others_ok": True, "sound": True, "rerun_items": rerun["items"], **extra})
