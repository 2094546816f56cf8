"""RunRecorder: one ``crawl_runs`` row per source per run, written at start and finish.

Counts requests, responses by status, items, new items and errors, so a
failing or empty source is visible in `grantdigest sources check` and the digest.
"""

from __future__ import annotations

import uuid

from scrapy import signals

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

    def spider_closed(self, spider, reason):
        stats = self.crawler.stats.get_stats()
        status_counts = {key.rsplit("/", 1)[1]: value for key, value in stats.items()
                         if key.startswith("downloader/response_status_count/")}
        download_errors = {key.rsplit("/", 1)[1]: value for key, value in stats.items()
                           if key.startswith("downloader/exception_type_count/")}
        http_errors = {k: v for k, v in status_counts.items() if k >= "400"}
        problems = list(self.errors)
        problems += [f"HTTP {code} ×{count}" for code, count in sorted(http_errors.items())]
        problems += [f"{name} ×{count}" for name, count in sorted(download_errors.items())]
        problems += stats.get("grantdigest/faults") or []  # spiders/middlewares_faults.py
        with Store(self.db_path) as store:
            store.finish_run(self.row_id, {
                "requests": stats.get("downloader/request_count", 0),
                "responses": stats.get("downloader/response_count", 0),
                "status_counts": status_counts,
                "items": stats.get("grantdigest/items_stored", 0),
                "new_items": stats.get("grantdigest/new_items", 0),
                "errors": len(self.errors) + sum(http_errors.values()) + sum(download_errors.values())
                + stats.get("grantdigest/fault_count", 0),
                "error_text": "; ".join(problems)[:2000] or None,
                "finish_reason": reason,
            })
