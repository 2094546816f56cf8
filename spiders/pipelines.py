"""The one item pipeline: hand each item to ``grantdigest.ingest`` (classify,
identify, store), remember the page it came from, and count per source what
the health report needs (items, new items, field completeness).

An item's ``state`` says what to do (see ``spiders.items.CallItem``):
``fresh`` -> ingest; ``unchanged`` -> only move ``last_seen``;
``filtered`` -> remember the page as out of scope, store no call.
"""

from __future__ import annotations

import datetime as dt

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from grantdigest.ingest import ingest, refresh_call
from grantdigest.timeutil import today_kyiv
from grantdigest.urls import canonical_url
from storage import Store

REQUIRED_FIELDS = ("title", "url")
COMPLETENESS_FIELDS = ("title", "url", "deadline")
CRAWL_ONLY_FIELDS = ("state", "page_marker")


class StoragePipeline:
    def __init__(self, db_path: str, as_of: dt.date, stats):
        self.db_path = db_path
        self.as_of = as_of
        self.stats = stats
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler):
        as_of = crawler.settings.get("GRANTDIGEST_AS_OF")
        return cls(crawler.settings.get("GRANTDIGEST_DB"),
                   dt.date.fromisoformat(as_of) if as_of else today_kyiv(), crawler.stats)

    def open_spider(self, spider=None):
        self.store = Store(self.db_path)
        self.store.fast_writes()

    def close_spider(self, spider=None):
        if self.store:
            self.store.close()

    def process_item(self, item, spider=None):
        record = ItemAdapter(item).asdict()
        state = record.pop("state", "fresh") or "fresh"
        marker = record.pop("page_marker", None)
        if not record.get("url"):
            self.stats.inc_value("grantdigest/items_invalid")
            raise DropItem("item without url")
        self.stats.inc_value("grantdigest/entries")
        page = canonical_url(record["url"])
        if state == "filtered":
            self.stats.inc_value("grantdigest/filtered")
            self.store.mark_page(record["source_id"], page, marker, "filtered")
            return item
        if state == "unchanged":
            return self._unchanged(item, record["source_id"], page, marker)
        missing = [k for k in REQUIRED_FIELDS if not record.get(k)]
        if missing:
            self.stats.inc_value("grantdigest/items_invalid")
            raise DropItem(f"item without {', '.join(missing)}: {record.get('url')}")
        result = ingest(self.store, record, self.as_of)
        self.store.mark_page(record["source_id"], page, marker, "kept", result.sighting_id)
        self._count(result.sighting_id)
        if result.new:
            self.stats.inc_value("grantdigest/new_items")
        elif result.changed:
            self.stats.inc_value("grantdigest/changed_items")
        return item

    def _unchanged(self, item, source_id: str, page: str, marker: str | None):
        mark = self.store.page_mark(source_id, page)
        self.stats.inc_value("grantdigest/unchanged")
        if mark and mark["outcome"] == "kept" and mark["sighting_id"]:
            call_id = self.store.touch_sighting(mark["sighting_id"])
            if call_id:
                refresh_call(self.store, call_id, self.as_of)
            self._count(mark["sighting_id"])
        else:
            self.stats.inc_value("grantdigest/filtered")
        self.store.mark_page(source_id, page, marker, mark["outcome"] if mark else "filtered")
        return item

    def _count(self, sighting_id: str) -> None:
        self.stats.inc_value("grantdigest/items_stored")
        stored = self.store.sighting(sighting_id) or {}
        for key in COMPLETENESS_FIELDS:
            if stored.get(key):
                self.stats.inc_value(f"grantdigest/with_{key}")
