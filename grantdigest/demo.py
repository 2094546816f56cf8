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
from digest.export import export_docx
from digest.select import build_digest
from digest.send import SendReport, send_weekly
from digest.site import SiteResult, build_site
from digest.subscribers import add_subscriber
from grantdigest.config import Config
from grantdigest.crawl import CrawlSummary, run_crawl
from grantdigest.replay import ReplayServer
from storage import Store

SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots" / "manifest.json"
DEMO_AS_OF = dt.date(2025, 7, 20)
DEMO_RECIPIENT = "hromada@example.org"
DEMO_SECRET = "demo-only-unsubscribe-secret-not-for-production"
# Three made-up subscribers, to show the weekly email filtered per hromada (written as .eml, never sent).
DEMO_SUBSCRIBERS = [
    {"email": "rada@lviv-hromada.example.org", "hromada": "Львівська міська територіальна громада",
     "oblast": "UA-46", "katottg": "UA46060250010015970", "applicants": ["local_authority", "public_institution"]},
    {"email": "info@uzhhorod-ngo.example.org", "hromada": "ГО «Ужгород разом»", "oblast": "UA-21",
     "applicants": ["ngo"], "themes": ["culture", "youth", "cross_border"]},
    {"email": "office@kyiv-business.example.org", "hromada": "Kyiv business association", "oblast": "UA-30",
     "applicants": ["business"], "language": "en"},
]


@dataclass(frozen=True)
class DemoResult:
    crawl: CrawlSummary
    site: SiteResult
    eml: Path
    db: Path
    weekly: SendReport | None = None
    weekly_dir: Path | None = None
    docx: Path | None = None


def run_demo(out_dir: str | Path, config: Config | None = None, as_of: dt.date = DEMO_AS_OF) -> DemoResult:
    out = Path(out_dir).resolve()
    if out.exists():
        shutil.rmtree(out)
    config = replace(config or Config(), db_path=out / "grantdigest.db", site_dir=out / "site")
    with ReplayServer(SNAPSHOTS) as server:
        summary = run_crawl(config, None, as_of, server.url)
    if not config.digest.unsubscribe_secret:
        config = replace(config, digest=replace(config.digest, unsubscribe_secret=DEMO_SECRET))
    with Store(config.db_path) as store:
        site = build_site(store, config.site_dir, as_of, config.site_url)
        view = build_digest(store, as_of, config.language, with_sources=False)
        eml = write_eml(compose_email(view, DEMO_RECIPIENT, config.smtp.sender, config.site_url), out / "digest.eml")
        document = export_docx(view, out / "digest.docx", config.site_url)
        for subscriber in DEMO_SUBSCRIBERS:
            add_subscriber(store, subscriber)
        weekly = send_weekly(store, config, as_of, dry_run_dir=out / "weekly")
    return DemoResult(summary, site, eml, config.db_path, weekly, out / "weekly", document)
