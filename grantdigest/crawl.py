"""Running crawls: Scrapy's CrawlerProcess over registry sources, in this process.

Every source is its own crawler with its own stats, so one source failing
(403, 5xx, timeouts, a challenge page, a changed layout, a broken spider)
never stops the others; each run is recorded per source in ``crawl_runs``.

Twisted's reactor cannot restart, so one process runs one crawl; the
scheduler starts each crawl as a subprocess (``grantdigest crawl``).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import uuid
from dataclasses import dataclass

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from grantdigest.config import Config
from grantdigest.errors import UserError
from grantdigest.ops.guard import crawl_guard
from spiders import settings as project_settings
from spiders.registry import Source, get_source, load_registry
from storage import Store


@dataclass(frozen=True)
class CrawlSummary:
    run_id: str
    rows: list[dict]

    @property
    def failed(self) -> list[dict]:
        return [r for r in self.rows if r.get("errors") or r.get("finish_reason") != "finished"]


def user_agent(config: Config) -> str:
    return f"grant-digest/0.1 (+{config.contact})"


def crawl_settings(config: Config, as_of: dt.date | None, run_id: str, replay_url: str | None,
                   since: dt.date | None = None, total: int = 0, extra: dict | None = None) -> Settings:
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    overrides = {
        "GRANTDIGEST_DB": str(config.db_path),
        "GRANTDIGEST_AS_OF": as_of.isoformat() if as_of else None,
        "GRANTDIGEST_SINCE": since.isoformat() if since else None,
        "GRANTDIGEST_RUN_ID": run_id,
        "GRANTDIGEST_SOURCES_TOTAL": total,
        "USER_AGENT": user_agent(config),
        "HTTPCACHE_DIR": str(config.db_path.resolve().parent / "httpcache"),
        "EXTENSIONS": {**project_settings.EXTENSIONS, "spiders.progress.Progress": 600},
    }
    if replay_url:
        overrides.update(project_settings.replay_settings(replay_url))
    overrides.update(extra or {})
    settings.setdict(overrides, priority="cmdline")
    return settings


def select_sources(source_ids: list[str] | None) -> list[Source]:
    registry = load_registry()
    if source_ids:
        return [get_source(sid, registry) for sid in dict.fromkeys(source_ids)]
    return [s for s in registry if s.enabled]


def log_only_what_shows(settings) -> None:
    """Scrapy sets its own loggers to DEBUG and leaves the filtering to its root handler, so
    every request and every item builds a log record ("Crawled ...", "Scraped from ...")
    that ``LOG_LEVEL`` then throws away. Its loggers get ``LOG_LEVEL`` itself instead."""
    logging.getLogger("scrapy").setLevel(settings.get("LOG_LEVEL") or "DEBUG")


def _record_start_failure(db_path, run_id: str, source_id: str):
    """A source whose spider could not even start still gets its run row."""
    def errback(failure):
        with Store(db_path) as store:
            row_id = store.start_run(run_id, source_id)
            store.finish_run(row_id, {"errors": 1, "finish_reason": "error", "flags": ["failed"],
                                      "error_text": f"{failure.type.__name__}: {failure.getErrorMessage()[:500]}"})
        print(f"  ✗ {source_id}: не вдалося запустити ({failure.getErrorMessage()[:200]})", file=sys.stderr)
        return None
    return errback


def run_crawl(config: Config, source_ids: list[str] | None = None, as_of: dt.date | None = None,
              replay_url: str | None = None, since: dt.date | None = None,
              settings: dict | None = None) -> CrawlSummary:
    """Crawl the sources (all enabled ones by default) and return each source's run record.
    ``settings`` overrides Scrapy settings (benchmarks turn politeness delays off)."""
    sources = select_sources(source_ids)
    run_id = uuid.uuid4().hex[:12]
    from spiders.catalog import spider_class  # here: a registry error is then a clean one-line error
    from spiders.pipelines import reader_count, start_writer
    from spiders.writer import Writer

    try:
        reader_count((settings or {}).get("GRANTDIGEST_READERS", os.environ.get("GRANTDIGEST_READERS")))
    except ValueError as exc:
        raise UserError(str(exc)) from None

    # the crawl lock and the run log (grantdigest.ops.guard): one crawl at a time, every run recorded
    with crawl_guard(config, [s.id for s in sources], run_id) as guard:
        with Store(config.db_path) as store:
            store.sync_sources(s.row() for s in load_registry())
        scrapy_settings = crawl_settings(config, as_of, run_id, replay_url, since, len(sources), settings)
        start_writer(scrapy_settings)  # its own start (imports, readers) overlaps Scrapy's
        try:
            process = CrawlerProcess(scrapy_settings)
            log_only_what_shows(process.settings)
            for source in sources:
                deferred = process.crawl(spider_class(source))
                deferred.addErrback(_record_start_failure(config.db_path, run_id, source.id))
            if not replay_url and "GRANTDIGEST_CONTACT" in config.contact:
                print("увага: не задано контакт для User-Agent (contact у grantdigest.toml або GRANTDIGEST_CONTACT) —"
                      " сайти мають знати, хто їх читає", file=sys.stderr)
            when = f", з {since.isoformat()}" if since else ""
            print(f"Збір: {len(sources)} джерел(а){when} — {', '.join(s.id for s in sources)}", file=sys.stderr)
            process.start()
        finally:
            Writer.stop_unused()  # started ahead, taken by no source
        with Store(config.db_path) as store:
            summary = CrawlSummary(run_id, store.runs(run_id))
        guard.done(summary)
    return summary
