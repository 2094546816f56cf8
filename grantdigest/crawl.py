"""Running crawls: Scrapy's CrawlerProcess over registry sources, in this process.

Twisted's reactor cannot restart, so one process runs one crawl; the
scheduler starts each crawl as a subprocess (``grantdigest crawl``).
"""

from __future__ import annotations

import datetime as dt
import sys
import uuid
from dataclasses import dataclass

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from grantdigest.config import Config
from grantdigest.ops.guard import crawl_guard
from spiders import settings as project_settings
from spiders.catalog import SPIDERS
from spiders.registry import Source, get_source, load_registry
from storage import Store


@dataclass(frozen=True)
class CrawlSummary:
    run_id: str
    rows: list[dict]

    @property
    def failed(self) -> list[dict]:
        return [r for r in self.rows if r.get("errors") or r.get("finish_reason") != "finished"]


def crawl_settings(config: Config, as_of: dt.date | None, run_id: str, replay_url: str | None) -> Settings:
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    overrides = {
        "GRANTDIGEST_DB": str(config.db_path),
        "GRANTDIGEST_AS_OF": as_of.isoformat() if as_of else None,
        "GRANTDIGEST_RUN_ID": run_id,
        "USER_AGENT": f"grant-digest/0.1 (+{config.contact})",
        "EXTENSIONS": {**project_settings.EXTENSIONS, "spiders.progress.Progress": 600},
    }
    if replay_url:
        overrides.update(project_settings.replay_settings(replay_url))
    settings.setdict(overrides, priority="cmdline")
    return settings


def select_sources(source_ids: list[str] | None) -> list[Source]:
    registry = load_registry()
    if source_ids:
        return [get_source(sid, registry) for sid in source_ids]
    return [s for s in registry if s.enabled]


def run_crawl(config: Config, source_ids: list[str] | None = None, as_of: dt.date | None = None,
              replay_url: str | None = None) -> CrawlSummary:
    sources = select_sources(source_ids)
    run_id = uuid.uuid4().hex[:12]
    # the crawl lock and the run log (grantdigest.ops.guard): one crawl at a time, every run recorded
    with crawl_guard(config, [s.id for s in sources], run_id) as guard:
        with Store(config.db_path) as store:
            store.sync_sources(s.row() for s in load_registry())
        process = CrawlerProcess(crawl_settings(config, as_of, run_id, replay_url), install_root_handler=True)
        for source in sources:
            process.crawl(SPIDERS[source.id])
        print(f"Збір: {len(sources)} джерел(а) — {', '.join(s.id for s in sources)}", file=sys.stderr)
        process.start()
        with Store(config.db_path) as store:
            summary = CrawlSummary(run_id, store.runs(run_id))
        guard.done(summary)
    return summary
