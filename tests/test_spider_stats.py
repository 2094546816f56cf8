"""The crawl's stats collector (spiders/stats.py) answers as Scrapy's own and skips its shim."""

from __future__ import annotations

from scrapy.statscollectors import MemoryStatsCollector, StatsCollector
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler

from spiders import settings
from spiders.stats import CrawlStats


def _exercise(stats) -> dict:
    stats.open_spider()
    stats.set_value("a", 1)
    stats.inc_value("a")
    stats.inc_value("b", 5, start=10)
    stats.max_value("m", 3)
    stats.max_value("m", 1)
    stats.min_value("n", 3)
    stats.min_value("n", 1)
    values = {"all": dict(stats.get_stats()), "a": stats.get_value("a"), "missing": stats.get_value("x", "-")}
    stats.set_stats({"z": 1})
    values["replaced"] = dict(stats.get_stats())
    stats.clear_stats()
    values["cleared"] = dict(stats.get_stats())
    return values


def test_the_crawl_settings_use_it():
    assert load_object(settings.STATS_CLASS) is CrawlStats


def test_it_answers_as_scrapys_memory_stats():
    crawler = get_crawler()
    assert _exercise(CrawlStats(crawler)) == _exercise(MemoryStatsCollector(crawler))
    assert _exercise(CrawlStats(crawler))["all"] == {"a": 2, "b": 15, "m": 3, "n": 1}


def test_reading_its_attributes_skips_the_deprecation_shim(monkeypatch):
    reads = []
    shim = StatsCollector.__getattribute__

    def counting(self, name):
        reads.append(name)
        return shim(self, name)

    monkeypatch.setattr(StatsCollector, "__getattribute__", counting)
    crawler = get_crawler()
    MemoryStatsCollector(crawler).inc_value("a")
    assert reads  # Scrapy's collector goes through it (if this fails, Scrapy dropped the shim: so can we)
    reads.clear()
    CrawlStats(crawler).inc_value("a")
    assert reads == []
