"""The one item pipeline: hand each item to ``grantdigest.ingest`` (classify,
identify, store) -- in the crawl's writer process (``spiders.writer``) -- and
count per source what the health report needs (entries, items, new items,
field completeness).

An item's ``state`` says what to do (see ``spiders.items.CallItem``):
``fresh`` -> ingest; ``unchanged`` -> only move ``last_seen``;
``filtered`` -> remember the page as out of scope, store no call. Every page
is remembered with the list's version stamp (``page_marks``), so a known page
is not downloaded again while its list entry stays the same.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from grantdigest.timeutil import today_kyiv
from grantdigest.urls import canonical_url
from spiders.items import CallItem
from spiders.notes import add_problem
from spiders.writer import Writer
from storage import Store

REQUIRED_FIELDS = ("title", "url")
COMPLETENESS_FIELDS = ("title", "url", "deadline")
BATCH = 64          # items per hand-over to the writer (one transaction each: a commit costs as much as ~3 items)...
BATCH_SECONDS = 1.0  # ...or whatever came in the last second (slow, polite crawls)
CALL_ITEM_FIELDS = tuple(f.name for f in dataclasses.fields(CallItem))
PIPELINE_PATH = "spiders.pipelines.StoragePipeline"


def as_record(item) -> dict:
    """The item's fields as a dict. A ``CallItem`` (every family's) is read field by
    field: ``ItemAdapter.asdict`` walks every value recursively, which costs more than
    the rest of this pipeline; its values are plain (strings, numbers, lists of
    strings, a dict) and go to the writer process as a copy anyway."""
    if type(item) is CallItem:
        return {name: getattr(item, name) for name in CALL_ITEM_FIELDS}
    return ItemAdapter(item).asdict()


def reader_count(value) -> int | None:
    """``GRANTDIGEST_READERS``: how many reader processes the writer gets (None: its default)."""
    if value in (None, ""):
        return None
    try:
        count = int(value)
    except (TypeError, ValueError):
        count = -1
    if count < 0:
        raise ValueError(f"GRANTDIGEST_READERS={value!r}: потрібне ціле число ≥ 0 (0 — читати оголошення в процесі запису)")
    return count


def crawl_as_of(settings) -> dt.date:
    """The crawl's as-of date: ``GRANTDIGEST_AS_OF``, else today in Kyiv."""
    as_of = settings.get("GRANTDIGEST_AS_OF")
    return dt.date.fromisoformat(as_of) if as_of else today_kyiv()


def start_writer(settings) -> Writer | None:
    """Start the crawl's writer ahead of its sources, when this pipeline is on (see
    ``Writer.start``); the sources' pipelines then take it over."""
    if settings.getwithbase("ITEM_PIPELINES").get(PIPELINE_PATH) is None:  # off: no writer
        return None
    return Writer.start(str(settings.get("GRANTDIGEST_DB")), crawl_as_of(settings),
                        reader_count(settings.get("GRANTDIGEST_READERS")))


class StoragePipeline:
    def __init__(self, db_path: str, as_of: dt.date, stats, crawler=None):
        self.crawler = crawler
        self.db_path = db_path
        self.as_of = as_of
        self.stats = stats
        self.writer: Writer | None = None
        self.batch: list[dict] = []
        self.batch_started = time.monotonic()
        self.source_id: str | None = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("GRANTDIGEST_DB"), crawl_as_of(crawler.settings), crawler.stats, crawler)

    def open_spider(self, spider=None):
        self.source_id = (spider or self.crawler.spider).name  # Scrapy >= 2.13 passes no spider
        Store(self.db_path).close()  # create/migrate the database here, before the writer and the run record
        readers = self.crawler.settings.get("GRANTDIGEST_READERS") if self.crawler else None
        self.writer = Writer.acquire(str(self.db_path), self.as_of, self.source_id, self._count, reader_count(readers))

    def close_spider(self, spider=None):
        if self.writer is None:
            return
        self._flush()
        lost = self.writer.wait_for(self.source_id)
        if lost:
            add_problem(self.stats, f"процес запису в базу зупинився: {lost} оголошень не збережено")
        self.writer.release(self.source_id)
        self.writer = None

    def process_item(self, item, spider=None):
        record = as_record(item)
        state = record.pop("state", "fresh") or "fresh"
        marker = record.pop("page_marker", None)
        if not record.get("url"):
            self.stats.inc_value("grantdigest/items_invalid")
            raise DropItem("item without url")
        if not str(record["url"]).strip().lower().startswith(("http://", "https://")):  # javascript:, data:, ...
            self.stats.inc_value("grantdigest/items_invalid")
            raise DropItem(f"item with a non-http(s) URL: {str(record['url'])[:100]!r}")
        if state == "fresh":
            missing = [k for k in REQUIRED_FIELDS if not record.get(k)]
            if missing:
                self.stats.inc_value("grantdigest/items_invalid")
                raise DropItem(f"item without {', '.join(missing)}: {record.get('url')}")
        self.stats.inc_value("grantdigest/entries")
        self.batch.append({"source_id": record["source_id"], "page": canonical_url(record["url"]),
                           "marker": marker, "state": state, "record": record if state == "fresh" else None})
        if len(self.batch) >= BATCH or time.monotonic() - self.batch_started > BATCH_SECONDS:
            self._flush()
        return item

    def _flush(self) -> None:
        """Hand the batch over and take in what the writer has done since the last one (it
        answers per batch too: looking for answers after every item would mostly find none)."""
        if self.batch:
            self.writer.submit(self.source_id, self.batch)
        self.batch = []
        self.batch_started = time.monotonic()
        self.writer.poll()

    def _count(self, result: dict) -> None:
        """What the writer did with one item, into this source's stats."""
        state = result["state"]
        if state == "error":
            self.stats.inc_value("grantdigest/items_failed")
            add_problem(self.stats, f"не вдалося зберегти: {result['error']}")
            return
        if state == "unchanged":
            self.stats.inc_value("grantdigest/unchanged")
        if not result.get("kept"):
            self.stats.inc_value("grantdigest/filtered")
            return
        self.stats.inc_value("grantdigest/items_stored")
        for key in result.get("fields", []):
            self.stats.inc_value(f"grantdigest/with_{key}")
        if result.get("new"):
            self.stats.inc_value("grantdigest/new_items")
        elif result.get("changed"):
            self.stats.inc_value("grantdigest/changed_items")
