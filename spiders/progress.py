"""Progress of a crawl on stderr: a line when a source starts, a line every
25 items, and a line when it ends with its count and how many sources of the
run are done, so a long crawl shows it is alive."""

from __future__ import annotations

import sys
import time

from scrapy import signals

EVERY = 25


class Progress:
    finished = 0  # sources of this process's crawl that have ended (one crawl per process)

    def __init__(self, crawler):
        self.crawler = crawler
        self.total = int(crawler.settings.get("GRANTDIGEST_SOURCES_TOTAL") or 0)
        self.started = time.monotonic()
        self.entries = 0
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _items(self) -> int:
        return self.crawler.stats.get_value("grantdigest/items_stored", 0)

    def opened(self, spider):
        print(f"  → {spider.name}: старт", file=sys.stderr, flush=True)

    def scraped(self, item, response, spider):
        self.entries += 1
        if self.entries % EVERY == 0:
            print(f"  … {spider.name}: прочитано {self.entries} записів, збережено {self._items()}",
                  file=sys.stderr, flush=True)

    def closed(self, spider, reason):
        Progress.finished += 1
        mark = "✓" if reason == "finished" else "✗"
        done = f"[{Progress.finished}/{self.total}] " if self.total else ""
        new = self.crawler.stats.get_value("grantdigest/new_items", 0)
        print(f"  {mark} {done}{spider.name}: {self._items()} оголошень, нових {new}"
              f" ({reason}, {time.monotonic() - self.started:.1f} с)", file=sys.stderr, flush=True)
