"""The offline demo: replay server on 127.0.0.1 -> real spiders -> SQLite -> site + email.

Only the transport differs from a live crawl (see ``spiders/replay.py``).
The as-of date is pinned to the snapshots (late July 2025), so their calls
show as open and the 2026 EU topics as forthcoming.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from digest.email import compose_email, write_eml
from digest.select import build_digest
from digest.site import SiteResult, build_site
from grantdigest.config import Config
from grantdigest.crawl import CrawlSummary, run_crawl
from grantdigest.replay import ReplayServer
from storage import Store

SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots" / "manifest.json"
DEMO_AS_OF = dt.date(2025, 7, 20)
DEMO_RECIPIENT = "hromada@example.org"


@dataclass(frozen=True)
class DemoResult:
    crawl: CrawlSummary
    site: SiteResult
    eml: Path
    db: Path


def run_demo(out_dir: str | Path, config: Config | None = None, as_of: dt.date = DEMO_AS_OF) -> DemoResult:
    out = Path(out_dir).resolve()
    if out.exists():
        shutil.rmtree(out)
    config = replace(config or Config(), db_path=out / "grantdigest.db", site_dir=out / "site")
    with ReplayServer(SNAPSHOTS) as server:
        summary = run_crawl(config, None, as_of, server.url)
    with Store(config.db_path) as store:
        site = build_site(store, config.site_dir, as_of)
        view = build_digest(store, as_of, config.language, with_sources=False)
        eml = write_eml(compose_email(view, DEMO_RECIPIENT, config.smtp.sender, config.site_url), out / "digest.eml")
    return DemoResult(summary, site, eml, config.db_path)
