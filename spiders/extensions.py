"""RunRecorder: one ``crawl_runs`` row per source per run, written at start and finish.

Counts requests, responses by status (as on the wire: 304s included), items,
new items, field completeness, filtered/unchanged entries and errors, and
stores the health flags of the run (``grantdigest.health``), so a failing,
empty or degraded source is visible in `grantdigest sources check` and the
digest. Scrapy keeps the stats of each source's crawler apart, so one
source's failure never leaks into another's record.
"""

from __future__ import annotations

import uuid

from scrapy import signals

from grantdigest.health import run_flags
from spiders.notes import problems
from storage import Store


class RunRecorder:
    def __init__(self, crawler):
        self.crawler = crawler
        self.db_path = crawler.settings.get("GRANTDIGEST_DB")
        self.run_id = crawler.settings.get("GRANTDIGEST_RUN_ID") or uuid.uuid4().hex[:12]
        self.row_id: int | None = None
        self.errors: list[str] = []
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.spider_error, signal=signals.spider_error)
        crawler.signals.connect(self.item_error, signal=signals.item_error)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def spider_opened(self, spider):
        with Store(self.db_path) as store:
            self.row_id = store.start_run(self.run_id, spider.name)

    def spider_error(self, failure, response, spider):
        self.errors.append(f"{failure.type.__name__}: {failure.getErrorMessage()[:200]} ({response.url})")

    def item_error(self, item, response, spider, failure):
        self.errors.append(f"item {failure.type.__name__}: {failure.getErrorMessage()[:200]}")

    def figures(self, reason: str) -> dict:
        stats = self.crawler.stats.get_stats()
        wire = {key.rsplit("/", 1)[1]: value for key, value in stats.items()
                if key.startswith("grantdigest/wire/status/")}
        # errors are what requests finally came to, after retries (spiders.middlewares.FinalOutcomes);
        # IgnoreRequest is a decision (robots.txt forbids the page), not a failure
        final = {key.rsplit("/", 1)[1]: value for key, value in stats.items()
                 if key.startswith("grantdigest/final/status/")}
        download_errors = {key.rsplit("/", 1)[1]: value for key, value in stats.items()
                           if key.startswith("grantdigest/final/exception/")}
        http_errors = {k: v for k, v in final.items() if k >= "400"}
        attempts = {key.rsplit("/", 1)[1]: value for key, value in stats.items()
                    if key.startswith("downloader/exception_type_count/") and not key.endswith("IgnoreRequest")}
        retried = {f"HTTP {k}": v - http_errors.get(k, 0) for k, v in wire.items() if k >= "400"}
        retried.update({name: v - download_errors.get(name, 0) for name, v in attempts.items()})
        notes = problems(self.crawler.stats)
        # spiders/middlewares_faults.py: its notes explain; only some count as errors (a fixed charset does not)
        fault_notes = list(stats.get("grantdigest/faults") or [])
        messages = list(self.errors) + notes + fault_notes
        messages += [f"HTTP {code} ×{count}" for code, count in sorted(http_errors.items())]
        messages += [f"{name} ×{count}" for name, count in sorted(download_errors.items())]
        messages += [f"{what} ×{count} (повторено)" for what, count in sorted(retried.items()) if count > 0]
        # (log_count/ERROR is not used: Scrapy's log counters see every crawler of the process)
        errors = (len(self.errors) + len(notes) + sum(http_errors.values()) + sum(download_errors.values())
                  + stats.get("grantdigest/fault_count", 0))
        g = lambda key: stats.get(f"grantdigest/{key}", 0)  # noqa: E731
        return {
            "requests": stats.get("downloader/request_count", 0),
            "responses": stats.get("downloader/response_count", 0),
            "status_counts": wire,
            "wire_requests": g("wire/requests"), "full_gets": g("wire/full"),
            "not_modified": g("wire/not_modified"), "bytes_received": g("wire/bytes"),
            "entries": g("entries"), "items": g("items_stored"), "new_items": g("new_items"),
            "filtered": g("filtered"), "unchanged": g("unchanged"), "too_old": g("too_old"),
            "with_title": g("with_title"), "with_url": g("with_url"), "with_deadline": g("with_deadline"),
            "problems": g("problems"),
            "errors": errors,
            "error_text": "; ".join(messages)[:2000] or None,
            "finish_reason": reason,
            "since": self.crawler.settings.get("GRANTDIGEST_SINCE"),
        }

    def spider_closed(self, spider, reason):
        figures = self.figures(reason)
        with Store(self.db_path) as store:
            if self.row_id is None:  # the start could not be recorded: record the whole run now
                self.row_id = store.start_run(self.run_id, spider.name)
            earlier = store.source_runs(spider.name, limit=6)
            figures["flags"] = run_flags(figures, earlier)
            store.finish_run(self.row_id, figures)
