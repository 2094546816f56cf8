"""The one item pipeline: hand each item to ``grantdigest.ingest`` (classify, identify, store)."""

from __future__ import annotations

import datetime as dt

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from grantdigest.ingest import ingest
from grantdigest.timeutil import today_kyiv
from storage import Store

REQUIRED_FIELDS = ("title", "url")
COMPLETENESS_FIELDS = ("title", "url", "deadline")


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

    def close_spider(self, spider=None):
        if self.store:
            self.store.close()

    def process_item(self, item, spider=None):
        record = ItemAdapter(item).asdict()
        missing = [k for k in REQUIRED_FIELDS if not record.get(k)]
        if missing:
            self.stats.inc_value("grantdigest/items_invalid")
            raise DropItem(f"item without {', '.join(missing)}: {record.get('url')}")
        if not str(record["url"]).strip().lower().startswith(("http://", "https://")):  # javascript:, data:, ...
            self.stats.inc_value("grantdigest/items_invalid")
            raise DropItem(f"item with a non-http(s) URL: {str(record['url'])[:100]!r}")
        with self.store.atomic():  # sighting + call together, or neither (a crash leaves no half call)
            result = ingest(self.store, record, self.as_of)
        self.stats.inc_value("grantdigest/items_stored")
        stored = self.store.sighting(result.sighting_id) or {}
        for key in COMPLETENESS_FIELDS:
            if stored.get(key):
                self.stats.inc_value(f"grantdigest/with_{key}")
        if result.new:
            self.stats.inc_value("grantdigest/new_items")
        elif result.changed:
            self.stats.inc_value("grantdigest/changed_items")
        return item
