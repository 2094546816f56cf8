"""Scrapy HTTP cache storage in SQLite: one file per source in ``HTTPCACHE_DIR``.

Scrapy's filesystem storage writes six files and a directory per page; on a
crawl of thousands of pages that costs more than the crawl itself. Here a page
is one row (request fingerprint -> URL, status, headers, body, time), and
rows are committed in batches and when the source's crawl ends -- losing the
last uncommitted rows in a crash only means those pages are downloaded in full
next time. Used through ``HTTPCACHE_STORAGE = "storage.http_cache.SqliteCacheStorage"``.
"""

from __future__ import annotations

import pickle
import sqlite3
import time
from pathlib import Path

from scrapy.utils.project import data_path
from scrapy.utils.response import response_from_dict

COMMIT_EVERY = 100


class SqliteCacheStorage:
    def __init__(self, settings):
        self.cachedir = Path(data_path(settings["HTTPCACHE_DIR"], createdir=True))
        self.expiration_secs = settings.getint("HTTPCACHE_EXPIRATION_SECS")
        self.conn: sqlite3.Connection | None = None
        self.pending = 0

    def open_spider(self, spider) -> None:
        self._fingerprinter = spider.crawler.request_fingerprinter
        self.conn = sqlite3.connect(str(self.cachedir / f"{spider.name}.sqlite"), timeout=30)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("CREATE TABLE IF NOT EXISTS responses (fingerprint TEXT PRIMARY KEY, url TEXT,"
                          " status INTEGER, headers BLOB, body BLOB, extra BLOB, stored REAL)")
        self.conn.commit()

    def close_spider(self, spider) -> None:
        if self.conn is not None:
            self.conn.commit()
            self.conn.close()
            self.conn = None

    def retrieve_response(self, spider, request):
        row = self.conn.execute("SELECT url, status, headers, body, extra, stored FROM responses WHERE fingerprint = ?",
                                [self._fingerprinter.fingerprint(request).hex()]).fetchone()
        if row is None:
            return None
        url, status, headers, body, extra, stored = row
        if 0 < self.expiration_secs < time.time() - stored:
            return None
        data = {"url": url, "status": status, "headers": pickle.loads(headers), "body": body}  # noqa: S301
        data.update(pickle.loads(extra))  # noqa: S301 -- written by this class only
        request.meta["cache_timestamp"] = stored
        return response_from_dict(data)

    def store_response(self, spider, request, response) -> None:
        extra = response.to_dict()  # what is left after the columns' own values is "extra"
        url, status, headers, body = (extra.pop(k) for k in ("url", "status", "headers", "body"))
        self.conn.execute(
            "INSERT OR REPLACE INTO responses (fingerprint, url, status, headers, body, extra, stored)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [self._fingerprinter.fingerprint(request).hex(), url, status,
             pickle.dumps(headers, protocol=4), body, pickle.dumps(extra, protocol=4), time.time()])
        self.pending += 1
        if self.pending >= COMMIT_EVERY:
            self.conn.commit()
            self.pending = 0
