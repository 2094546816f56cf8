"""Scrapy settings for live crawls; ``replay_settings()`` swaps only the transport.

Politeness is configuration: robots.txt, AutoThrottle, at most two requests
per domain at a time, an honest User-Agent with the operator's contact, and
an HTTP cache that revalidates (``If-None-Match``/``If-Modified-Since``) so an
unchanged page comes back as a body-less 304. Known detail pages whose list
entry did not change are not requested at all (``spiders.families.base``).
"""

from __future__ import annotations

import os

from scrapy.settings import default_settings as _scrapy_defaults

BOT_NAME = "grantdigest"
SPIDER_MODULES = ["spiders.catalog"]
NEWSPIDER_MODULE = "spiders.catalog"

ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = float(os.environ.get("GRANTDIGEST_DOWNLOAD_TIMEOUT") or 30)
DOWNLOAD_MAXSIZE = int(os.environ.get("GRANTDIGEST_DOWNLOAD_MAXSIZE") or 10 * 1024 * 1024)  # larger pages are dropped
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_TIMES = 2
GRANTDIGEST_RETRY_AFTER_MAX = float(os.environ.get("GRANTDIGEST_RETRY_AFTER_MAX") or 120)  # longer: next run
# a page yields one to a few dozen items; Scrapy's default of 100 parallel item
# workers per response only costs scheduling time
CONCURRENT_ITEMS = 4
USER_AGENT = "grant-digest/0.1 (+{contact})".format(
    contact=os.environ.get("GRANTDIGEST_CONTACT", "set GRANTDIGEST_CONTACT"))
TELNETCONSOLE_ENABLED = False
# Scrapy checks each callback for a generator's `return value` by reading and parsing its source,
# again whenever the callback's cache entry has gone (per detail page here); the check is made
# once, over every family's callbacks, in tests/test_spider_callbacks.py
WARN_ON_GENERATOR_RETURN_VALUE = False
STATS_CLASS = "spiders.stats.CrawlStats"   # Scrapy's memory stats, without a shim on every read (spiders/stats.py)
LOG_LEVEL = os.environ.get("GRANTDIGEST_LOG_LEVEL", "WARNING")
FEED_EXPORT_ENCODING = "utf-8"

# Conditional GET: keep pages with validators, always revalidate (spiders/httpcache.py).
# The CLI puts the cache next to the database (GRANTDIGEST_DB's folder / httpcache).
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "spiders.httpcache.RevalidatePolicy"
HTTPCACHE_STORAGE = "storage.http_cache.SqliteCacheStorage"
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_EXPIRATION_SECS = 0

ITEM_PIPELINES = {"spiders.pipelines.StoragePipeline": 300}
# Scrapy 2.19 starts by default an HTTP server on localhost that runs any Python code sent to it
# (its token in a job file under the user's state folder): not on a production crawler. It is left
# out of Scrapy's own extensions rather than set to None in EXTENSIONS, which would still import it
# (aiohttp: a tenth of a second of every crawl's start)
REMOTE_CONTROL_ENABLED = False
EXTENSIONS_BASE = {path: order for path, order in _scrapy_defaults.EXTENSIONS_BASE.items()
                   if path != "scrapy.extensions.remote_control.RemoteControl"}
EXTENSIONS = {"spiders.extensions.RunRecorder": 500,
              "spiders.middlewares_faults.ZeroItemsMonitor": 450}  # before RunRecorder: its note is recorded
# broken sites: challenge pages, Retry-After, wrong charsets (585: after decompression, before retry);
# redirect loops (610: before RedirectMiddleware); wire statistics (950: next to the downloader)
DOWNLOADER_MIDDLEWARES = {"spiders.middlewares.FinalOutcomes": 540,   # before RetryMiddleware (550): final outcomes only
                          "spiders.middlewares_faults.FaultMiddleware": 585,
                          "spiders.middlewares_faults.RedirectLoopMiddleware": 610,
                          "spiders.middlewares.WireStats": 950}

# grant-digest's own settings (overridden by the CLI from grantdigest.toml/env)
GRANTDIGEST_DB = os.environ.get("GRANTDIGEST_DB", "data/grantdigest.db")
GRANTDIGEST_AS_OF = os.environ.get("GRANTDIGEST_AS_OF") or None
GRANTDIGEST_RUN_ID = None
# worker processes that read fresh items (deadline, amount, ...) for the writer; empty: one per core
GRANTDIGEST_READERS = os.environ.get("GRANTDIGEST_READERS") or None
GRANTDIGEST_SINCE = None          # skip announcements published/changed before this date
GRANTDIGEST_REFETCH = False       # True: fetch known detail pages again even if unchanged
GRANTDIGEST_REPLAY_URL = os.environ.get("GRANTDIGEST_REPLAY_URL") or None


def replay_settings(replay_url: str) -> dict:
    """Demo/test settings: every http(s) request goes to the loopback replay server.

    Spider code and URLs stay the real ones; only the download handler differs.
    Delays are off because the server is local.
    """
    handler = "spiders.replay.ReplayDownloadHandler"
    return {
        "GRANTDIGEST_REPLAY_URL": replay_url,
        "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
        "RETRY_TIMES": 1,
    }


if GRANTDIGEST_REPLAY_URL:  # `scrapy crawl` under the demo/test environment
    globals().update(replay_settings(GRANTDIGEST_REPLAY_URL))
