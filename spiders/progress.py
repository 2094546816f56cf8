"""Progress of a crawl on stderr: one line per source when it starts and ends,
and a line every 25 items, so long crawls show they are alive."""

from __future__ import annotations

import sys

from scrapy import signals

EVERY = 25


class Progress:
    def __init__(self, crawler):
        self.crawler = crawler
        self.items = 0
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def opened(self, spider):
        print(f"  → {spider.name}: старт", file=sys.stderr, flush=True)

    def scraped(self, item, response, spider):
        self.items += 1
        if self.items % EVERY == 0:
            print(f"  … {spider.name}: {self.items} оголошень", file=sys.stderr, flush=True)

    def closed(self, spider, reason):
        mark = "✓" if reason == "finished" else "✗"
        print(f"  {mark} {spider.name}: {self.items} оголошень ({reason})", file=sys.stderr, flush=True)
