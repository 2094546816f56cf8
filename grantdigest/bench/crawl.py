"""Crawl benchmark: the full pipeline against a bare Scrapy spider, same pages, same run.

A loopback site (``grantdigest.loopback.ConditionalServer``, in this process)
serves 2,000 pages: 80 list pages of 24 announcements each (pagination) and
1,920 detail pages, each a distinct announcement: one of the 98 labelled
texts (in turn) worded its own way -- a third of its words (not its numbers)
swapped for other words of the same text, and so its title -- as a real list of
2,000 different calls would be. (Serving each text twenty times over made
every page one of twenty near-twins: the identity stage then had twenty times
the candidates of a real crawl.) Each crawl runs in its own process (one
Twisted reactor per process):

- **full**: ``grantdigest.crawl.run_crawl`` on a registry entry of the html
  family -- robots.txt, HTTP cache, WireStats, pipeline (extraction, identity,
  SQLite), page marks, run record;
- **bare**: a plain ``scrapy.Spider`` that follows the same list and detail
  links with the same selectors and does nothing with them.

Both use the same concurrency -- 16 requests at a time; the per-domain
limit of 2 is politeness and is off like AutoThrottle and download delays
(DECISIONS: compare like with like; at 2 per domain Scrapy's asyncio reactor
idles tens of milliseconds between loopback requests, so both crawls would
measure only that);
the ratio is full / bare wall time of the crawl, median of several
interleaved runs. Then a second full crawl with nothing changed: the share
of requests answered with a full body (goal <= 10 %). Politeness is measured
apart, on 25 pages with the production settings.

``python -m grantdigest.bench crawl`` runs it; ``BENCH_CRAWL_REPEAT`` sets the
number of runs (default 5: on a 2-core machine single runs vary by a tenth).
"""

from __future__ import annotations

import html
import json
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NAME = "crawl"
TITLE = "Crawl: full pipeline vs bare Scrapy spider (2,000 loopback pages)"

LIST_PAGES = 80
PER_PAGE = 24
SOURCE_ID = "bench-site"
AS_OF = "2025-07-20"
CONTACT = "bench@grant-digest.invalid"
TEXTS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "announcements" / "texts"
REPO = Path(__file__).resolve().parents[2]
# words of letters only, and not next to a number: numbers, dates ("30 жовтня", "June 28") and
# amounts ("1 200 000 гривень") are kept
WORD = re.compile(r"\b(?<!\d[ ,.])[^\W\d_]{4,}\b(?![ ,.]?\d)")
NO_DELAYS = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
             "CONCURRENT_REQUESTS": 16, "LOG_LEVEL": "ERROR"}

REGISTRY = """
[[source]]
id = "{id}"
name_uk = "Тестовий сайт бенчмарку"
name_en = "Benchmark site"
family = "html"
start_urls = ["{base}/news/?page=1"]
language = "uk"
regions = ["UA"]
[source.list]
item = "li.news-item"
title = "a.title::text"
url = "a.title::attr(href)"
excerpt = "p.teaser"
dates = "span.date::text"
date_roles = ["published"]
next_page = "a.next::attr(href)"
max_pages = {pages}
[source.detail]
body = "article div.body"
"""


# --- the site ------------------------------------------------------------------
def _texts() -> list[tuple[str, str]]:
    out = []
    for path in sorted(TEXTS.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        out.append((lines[2].strip(), "\n".join(lines[3:])))
    return out


def _worded(text: str, rng: random.Random, words: list[str]) -> str:
    """``text`` with about a third of its words swapped for others of ``words``; numbers,
    dates, amounts and line breaks stay as they are."""
    def swap(m: re.Match) -> str:
        return rng.choice(words) if rng.random() < 1 / 3 else m.group(0)
    return WORD.sub(swap, text)


def distinct_announcement(n: int, texts: list[tuple[str, str]]) -> tuple[str, str]:
    """The title and text of announcement ``n``: text ``n`` (in turn) worded its own way."""
    title, body = texts[n % len(texts)]
    rng = random.Random(n)
    words = WORD.findall(body) or ["грант"]
    return _worded(title, rng, words), _worded(body, rng, words)


def build_site(base: str, list_pages: int = LIST_PAGES, per_page: int = PER_PAGE):
    """The PageSet of the benchmark site and the number of pages a crawl fetches."""
    from grantdigest.loopback import PageSet

    texts = _texts()
    pages = PageSet()
    menu = "<nav><ul>" + "".join(f"<li><a href='/region/{i}'>Область {i}</a></li>" for i in range(24)) + "</ul></nav>"
    pages.add(f"{base}/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    n = 0
    for page in range(1, list_pages + 1):
        rows = []
        for k in range(per_page):
            n += 1
            title, body = distinct_announcement(n, texts)
            title = f"{title} (№{n})"
            day = f"{(n % 28) + 1:02d}.{(n % 12) + 1:02d}.2025"
            rows.append(f"<li class='news-item'><span class='date'>{day}</span>"
                        f"<a class='title' href='/news/{n}'>{html.escape(title)}</a>"
                        f"<p class='teaser'>{html.escape(body[:160])}</p></li>")
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n") if p.strip())
            pages.add(f"{base}/news/{n}", f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}"
                      f"</title></head><body>{menu}<article><h1>{html.escape(title)}</h1><div class='body'>"
                      f"{paragraphs}</div></article><aside>Інші конкурси: дедлайн 01.09.2025, до 10 000 євро</aside>"
                      f"</body></html>")
        nxt = f"<a class='next' href='/news/?page={page + 1}'>далі</a>" if page < list_pages else ""
        if page == 1:  # a link robots.txt forbids: neither crawl may fetch it
            rows.append("<li class='news-item'><span class='date'>01.07.2025</span>"
                        "<a class='title' href='/private/draft'>Чернетка</a></li>")
        pages.add(f"{base}/news/?page={page}", f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{menu}"
                  f"<ul class='news'>{''.join(rows)}</ul>{nxt}</body></html>")
    return pages, list_pages * (per_page + 1)


# --- the crawls (each in a child process) -----------------------------------------
def _child_full(workdir: Path, extra: dict) -> dict:
    from grantdigest.config import Config
    from grantdigest.crawl import run_crawl

    config = Config(db_path=workdir / "bench.db", contact=CONTACT)
    started = time.perf_counter()
    summary = run_crawl(config, [SOURCE_ID], __import__("datetime").date.fromisoformat(AS_OF), settings=extra)
    elapsed = time.perf_counter() - started
    [row] = summary.rows
    return {"elapsed": elapsed, "requests": row["wire_requests"], "items": row["items"], "errors": row["errors"],
            "unchanged": row["unchanged"], **_usage()}


def _child_bare(base: str) -> dict:
    import scrapy
    from scrapy.crawler import CrawlerProcess

    class BareSpider(scrapy.Spider):
        name = "bare"
        start_urls = [f"{base}/news/?page=1"]

        def parse(self, response):
            for href in response.css("li.news-item a.title::attr(href)").getall():
                yield response.follow(href, callback=self.parse_detail)
            nxt = response.css("a.next::attr(href)").get()
            if nxt:
                yield response.follow(nxt, callback=self.parse)

        def parse_detail(self, response):
            return None

    # timed like the full crawl, whose run_crawl() also sets Scrapy up (the crawler
    # process, its engine, downloader handlers and middlewares) before it starts
    started = time.perf_counter()
    process = CrawlerProcess({**NO_DELAYS, "ROBOTSTXT_OBEY": True, "TELNETCONSOLE_ENABLED": False,
                              "USER_AGENT": f"grant-digest-bench (+{CONTACT})"})
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler)
    process.start()
    elapsed = time.perf_counter() - started
    return {"elapsed": elapsed, "requests": crawler.stats.get_value("downloader/request_count"), **_usage()}


def _usage() -> dict:
    """Peak memory and CPU seconds of the crawl process and of its writer (a child process)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"rss_mb": max(own.ru_maxrss, kids.ru_maxrss) / 1024, "cpu": own.ru_utime + own.ru_stime,
            "cpu_writer": kids.ru_utime + kids.ru_stime}


def _run_child(mode: str, base: str, workdir: Path, registry: Path, extra: dict | None = None) -> dict:
    env = {**os.environ, "GRANTDIGEST_REGISTRY": str(registry), "GRANTDIGEST_DB": str(workdir / "bench.db")}
    args = [sys.executable, "-m", "grantdigest.bench.crawl", mode, base, str(workdir), json.dumps(extra or NO_DELAYS)]
    done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=REPO, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"bench child {mode} failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the benchmark ---------------------------------------------------------------
def _statuses(log) -> dict[int, int]:
    out: dict[int, int] = {}
    for _, _, status, _ in log:
        out[status] = out.get(status, 0) + 1
    return out


def run(repeat: int | None = None) -> str:
    from grantdigest.loopback import ConditionalServer

    repeat = repeat or int(os.environ.get("BENCH_CRAWL_REPEAT", "5"))
    with tempfile.TemporaryDirectory(prefix="gd-bench-crawl-") as tmp, ConditionalServer(lambda *a: None) as server:
        tmp = Path(tmp)
        pages, fetched = build_site(server.url)
        server.lookup = pages.lookup
        registry = tmp / "sources.toml"
        registry.write_text(REGISTRY.format(id=SOURCE_ID, base=server.url, pages=LIST_PAGES), encoding="utf-8")

        full, bare, second = [], [], []
        for i in range(repeat):
            work = tmp / f"full-{i}"
            work.mkdir()
            server.log.clear()
            full.append(_run_child("full", server.url, work, registry))
            full[-1]["served"] = _statuses(server.log)
            server.log.clear()
            bare.append(_run_child("bare", server.url, tmp, registry))
            bare[-1]["served"] = _statuses(server.log)
            server.log.clear()
            second.append(_run_child("full", server.url, work, registry))  # nothing changed
            second[-1]["served"] = _statuses(server.log)

        # politeness: production settings on the first list page and its details
        polite_pages, _ = build_site(server.url, list_pages=1)
        server.lookup, server.delay, server.max_in_flight = polite_pages.lookup, 0.02, 0
        server.log.clear()
        polite_dir = tmp / "polite"
        polite_dir.mkdir()
        polite_registry = tmp / "polite.toml"
        polite_registry.write_text(REGISTRY.format(id=SOURCE_ID, base=server.url, pages=1), encoding="utf-8")
        polite = _run_child("full", server.url, polite_dir, polite_registry, {"LOG_LEVEL": "ERROR"})
        polite_log = list(server.log)
        polite_in_flight = server.max_in_flight

    return _report(full, bare, second, fetched, polite, polite_log, polite_in_flight)


def _times(runs) -> str:
    return ", ".join(f"{r['elapsed']:.2f}" for r in runs)


def _report(full, bare, second, fetched, polite, polite_log, polite_in_flight) -> str:
    f = statistics.median(r["elapsed"] for r in full)
    b = statistics.median(r["elapsed"] for r in bare)
    ratio = f / b
    ratios = [round(x["elapsed"] / y["elapsed"], 2) for x, y in zip(full, bare)]
    cpu_f = statistics.median(r["cpu"] for r in full)
    cpu_w = statistics.median(r["cpu_writer"] for r in full)
    cpu_b = statistics.median(r["cpu"] for r in bare)
    served2 = second[-1]["served"]
    total2 = sum(served2.values())
    full_gets = served2.get(200, 0)
    share = full_gets / total2 if total2 else 0.0
    uas = {ua for *_, ua in polite_log}
    first_request = polite_log[0][1] if polite_log else ""
    private = [u for _, u, _, _ in polite_log if "/private/" in u]
    load = os.getloadavg()[0]
    from spiders.classify_pool import default_workers
    readers = default_workers()
    lines = [
        f"Site: {LIST_PAGES} list pages × {PER_PAGE} announcements = {fetched} pages per crawl (+ robots.txt), "
        f"served by a loopback server in the benchmark process; each crawl in its own process, full and bare "
        f"runs interleaved. Same concurrency for both (16 requests at a time); the per-domain limit, AutoThrottle "
        f"and download delays are off (politeness is measured apart, below).",
        "",
        "| | median wall time | runs (s) | CPU: crawl process + writer and readers | requests | peak RSS |",
        "|---|---|---|---|---|---|",
        f"| full pipeline (`run_crawl`: robots, HTTP cache, extraction, SQLite) | {f:.2f} s | {_times(full)} | "
        f"{cpu_f:.1f} s + {cpu_w:.1f} s | {full[-1]['requests']} | {max(r['rss_mb'] for r in full):.0f} MB |",
        f"| bare Scrapy spider (same links, same selectors) | {b:.2f} s | {_times(bare)} | {cpu_b:.1f} s | "
        f"{bare[-1]['requests']} | {max(r['rss_mb'] for r in bare):.0f} MB |",
        "",
        f"**Ratio full / bare: {ratio:.2f}×** wall time, median over median (per run pair: {', '.join(map(str, ratios))}, "
        f"median {statistics.median(ratios):.2f}×; goal ≤ 1.15×). "
        f"CPU of the crawl process alone: {cpu_f / cpu_b:.2f}× the bare spider's; extraction and storage run in the "
        f"writer process and its reader process(es) (`spiders/classify_pool.py`: {readers} on this machine), "
        f"{cpu_w / max(full[-1]['items'], 1) * 1000:.1f} ms CPU per item together. "
        f"Items stored per full crawl: {full[-1]['items']}; errors: {full[-1]['errors']}. "
        f"Load average when the benchmark ended: {load:.1f} (other work on the machine slows the full pipeline, "
        f"which needs two cores, more than the bare spider). "
        f"Floor on this machine: even with all {cpu_f + cpu_w:.1f} CPU-seconds spread perfectly over its "
        f"{os.cpu_count()} cores the full crawl could not finish in less than {(cpu_f + cpu_w) / (os.cpu_count() or 1):.1f} s "
        f"(**{(cpu_f + cpu_w) / (os.cpu_count() or 1) / b:.2f}×** the bare spider): what is left above it is the "
        f"writer's backlog when the crawl ends and the share of the cores the three processes get meanwhile; "
        f"below it only less CPU per page goes. With production politeness (below: about a second per request "
        f"per site) the writer is idle most of the time and never holds a crawl up.",
        "",
        f"**Second crawl, nothing changed:** {total2} requests, {full_gets} full downloads "
        f"(**{share:.1%}** full GETs; goal ≤ 10 %), {served2.get(304, 0)} answered 304 Not Modified; "
        f"{second[-1]['unchanged']} known detail pages not requested; "
        f"median time {statistics.median(r['elapsed'] for r in second):.2f} s.",
        "",
        f"**Politeness (production settings, measured apart):** {len(polite_log)} requests for 1 list page + "
        f"{PER_PAGE} details took {polite['elapsed']:.1f} s (AutoThrottle on, DOWNLOAD_DELAY 1 s, server latency "
        f"20 ms); at most {polite_in_flight} request(s) in flight at once (limit 2 per domain); first request "
        f"`{first_request.rsplit('/', 1)[-1]}`; the robots.txt-disallowed link was "
        f"{'fetched (WRONG)' if private else 'not fetched'}; User-Agent: `{', '.join(sorted(uas))}`.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    mode, base, workdir, extra = sys.argv[1], sys.argv[2], Path(sys.argv[3]), json.loads(sys.argv[4])
    result = _child_full(workdir, extra) if mode == "full" else _child_bare(base)
    print(json.dumps(result))
