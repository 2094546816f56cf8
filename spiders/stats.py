"""The crawl's stats collector: Scrapy's in-memory one, read without its deprecation shim.

Since Scrapy 2.13 ``StatsCollector.__getattribute__`` runs in Python on every attribute
read of the collector -- each ``inc_value`` pays it twice, once raising and catching an
AttributeError -- only to warn when a caller still passes the old ``spider`` argument.
A crawl counts about 25 stats per page (Scrapy's own and the health figures of
``spiders.pipelines``), each two reads through the shim: it costs more than the counting. Nothing here passes
``spider``; the methods are Scrapy's, unchanged.
"""

from __future__ import annotations

from scrapy.statscollectors import MemoryStatsCollector


class CrawlStats(MemoryStatsCollector):
    __getattribute__ = object.__getattribute__
