"""Broken sites, handled and written down: what a crawl meets on the open web.

- :class:`FaultMiddleware` (downloader, between compression and retry):
  Cloudflare-style challenge pages (not retried, explained), ``Retry-After`` on
  429/503 (waits before the retry, up to ``GRANTDIGEST_RETRY_AFTER_MAX``
  seconds; longer waits are left to the next run), and HTML whose bytes do
  not match the declared charset (a windows-1251 page served as UTF-8 or
  without a charset is decoded as what it is), and feeds that are not
  well-formed XML (the feed parser salvages what it can; the note says why
  some entries may be missing).
- :class:`RedirectLoopMiddleware` (downloader, before redirects): a redirect
  back to a URL already in the chain is a loop: stopped at once and recorded
  (Scrapy's duplicate filter would otherwise drop it silently).
- :class:`ZeroItemsMonitor` (extension): a source that yielded items last time
  and now yields none from pages that answered 200 probably changed its layout.

Each finding is a note in the crawl's stats (``grantdigest/faults``, shown in
the source's ``crawl_runs.error_text``); findings that no other counter shows
also count in ``grantdigest/fault_count`` (added to ``crawl_runs.errors``).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
from urllib.parse import urljoin

from charset_normalizer import from_bytes
from lxml import etree
from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.utils.defer import deferred_to_future
from twisted.internet import reactor
from twisted.internet.task import deferLater
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, resolve_encoding
from w3lib.url import canonicalize_url

from storage import Store

logger = logging.getLogger(__name__)

# single-byte encodings of the region's sites, tried when the declared charset is wrong
CANDIDATE_ENCODINGS = ["cp1251", "koi8_u", "koi8_r", "cp1250", "iso8859_2", "iso8859_5", "cp1252"]
UTF8_BAD_SHARE = 0.01   # more broken sequences than this share of non-ASCII characters: not UTF-8


def note_fault(crawler, kind: str, text: str, counted: bool) -> None:
    """Add one finding to the crawl's stats; repeated findings of a kind are counted, not repeated."""
    stats = crawler.stats
    notes = dict(stats.get_value("grantdigest/fault_notes") or {})
    first, times = notes.get(kind, (text, 0))
    notes[kind] = (first, times + 1)
    stats.set_value("grantdigest/fault_notes", notes)
    stats.set_value("grantdigest/faults", [t if n == 1 else f"{t} (×{n})" for t, n in notes.values()])
    if counted:
        stats.inc_value("grantdigest/fault_count")
    logger.warning("%s: %s", crawler.spider.name if crawler.spider else "?", text)


# --- challenge pages ---------------------------------------------------------------------------
def is_challenge(response) -> bool:
    headers = response.headers
    if (headers.get("cf-mitigated") or b"").lower() == b"challenge":
        return True
    server = (headers.get("Server") or b"").lower()
    if response.status in (403, 429, 503) and (b"cloudflare" in server or b"ddos-guard" in server):
        head = response.body[:20000].lower()
        return any(marker in head for marker in (b"challenge-platform", b"just a moment", b"cf-chl", b"checking your browser"))
    return False


# --- Retry-After ----------------------------------------------------------------------------------
def retry_after_seconds(value: bytes | None, now: dt.datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: a number or an HTTP date (None when absent or unreadable)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - (now or dt.datetime.now(dt.timezone.utc))).total_seconds())


# --- charset ----------------------------------------------------------------------------------
def looks_like_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
        return True
    except UnicodeDecodeError:
        pass
    text = body.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return broken <= UTF8_BAD_SHARE * max(non_ascii, 1)


def detect_encoding(body: bytes) -> str | None:
    best = from_bytes(body, cp_isolation=CANDIDATE_ENCODINGS).best()
    return resolve_encoding(best.encoding) if best else None


def repaired_encoding(response) -> tuple[str, str] | None:
    """(encoding to use, what was declared) when the declared/assumed charset is wrong."""
    if not isinstance(response, HtmlResponse) or not response.body:
        return None
    header = http_content_type_encoding((response.headers.get("Content-Type") or b"").decode("latin-1"))
    declared = header or html_body_declared_encoding(response.body)
    declared_name = resolve_encoding(declared) if declared else None
    if declared_name not in (None, "utf-8"):
        return None  # a specific single-byte charset was declared: trust it
    if looks_like_utf8(response.body):
        return None
    found = detect_encoding(response.body)
    if not found or found == "utf-8":
        return None
    return found, declared or "не вказано"


# --- feeds ---------------------------------------------------------------------------------------
FEED_TYPES = (b"xml", b"rss", b"atom")


def is_feed(response) -> bool:
    content_type = (response.headers.get("Content-Type") or b"").lower()
    head = response.body[:200].lstrip()
    return response.status == 200 and (any(t in content_type for t in FEED_TYPES) or head.startswith(b"<?xml"))


def repaired_utf8(response) -> bytes | None:
    """A UTF-8 feed with a few broken byte sequences, the broken ones replaced by U+FFFD.

    Without this, one bad byte makes the feed parser read the whole feed as windows-1252.
    """
    if not is_feed(response) or isinstance(response, HtmlResponse):
        return None
    head = response.body[:200].lower()
    header = http_content_type_encoding((response.headers.get("Content-Type") or b"").decode("latin-1"))
    declared = header or (b"utf-8" in head and "utf-8") or (b"encoding=" not in head and "utf-8")
    if not declared or resolve_encoding(declared) != "utf-8":
        return None
    try:
        response.body.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    if not looks_like_utf8(response.body):
        return None
    return response.body.decode("utf-8", errors="replace").encode("utf-8")


def xml_problem(response) -> str | None:
    """Why a feed response is not well-formed XML (None when it is, or is not a feed)."""
    if not is_feed(response):
        return None
    parser = etree.XMLParser(recover=False, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        etree.fromstring(response.body, parser=parser)
    except etree.XMLSyntaxError as exc:
        return str(exc)[:200]
    return None


class FaultMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.retry_after_max = crawler.settings.getfloat("GRANTDIGEST_RETRY_AFTER_MAX", 120)
        self.retry_codes = {int(c) for c in crawler.settings.getlist("RETRY_HTTP_CODES")}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_response(self, request, response, spider=None):
        if is_challenge(response):
            request.meta["dont_retry"] = True
            note_fault(self.crawler, "challenge",
                       f"{response.url}: сторінка перевірки на бота (Cloudflare-подібна, HTTP {response.status}) — "
                       "сайт не пускає автоматичні запити; потрібен RSS/API або дозвіл сайту",
                       counted=response.status < 400)
            return response
        if response.status in self.retry_codes and not request.meta.get("dont_retry"):
            wait = retry_after_seconds(response.headers.get("Retry-After"))
            if wait is not None and wait > self.retry_after_max:
                request.meta["dont_retry"] = True
                note_fault(self.crawler, "retry-after",
                           f"{response.url}: HTTP {response.status}, сайт просить повторити через {wait:.0f} с "
                           f"(більше за {self.retry_after_max:.0f} с) — наступний збір повторить", counted=False)
            elif wait:
                await deferred_to_future(deferLater(reactor, wait, lambda: None))
        fixed = repaired_utf8(response)
        if fixed is not None:
            note_fault(self.crawler, "utf8", f"{response.url}: некоректні байти UTF-8 у стрічці замінено на �",
                       counted=False)
            response = response.replace(body=fixed)
        problem = xml_problem(response)
        if problem:
            note_fault(self.crawler, "xml", f"{response.url}: стрічка не є коректним XML ({problem}) — "
                       "прочитано лише те, що вдалося", counted=False)
        repaired = repaired_encoding(response)
        if repaired:
            encoding, declared = repaired
            note_fault(self.crawler, "charset",
                       f"{response.url}: кодування сторінки {encoding}, а заявлено {declared} — прочитано як {encoding}",
                       counted=False)
            return response.replace(encoding=encoding)
        return response


class RedirectLoopMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.max_times = crawler.settings.getint("REDIRECT_MAX_TIMES", 20)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        location = response.headers.get("Location")
        if not (300 <= response.status < 400) or not location or request.meta.get("dont_redirect"):
            return response
        target = urljoin(request.url, location.decode("latin-1"))
        chain = [*request.meta.get("redirect_urls", []), request.url]
        seen = {canonicalize_url(u) for u in chain}
        if canonicalize_url(target) in seen or len(chain) > self.max_times:
            path = " → ".join([*chain[-4:], target])
            note_fault(self.crawler, "redirect-loop", f"{chain[0]}: нескінченне перенаправлення ({path})",
                       counted=True)
            raise IgnoreRequest(f"redirect loop: {path}")
        return response


class ZeroItemsMonitor:
    """Connect before ``RunRecorder`` (lower order number) so its note is in the run record."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.previous: int | None = None
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def opened(self, spider):
        try:
            with Store(self.crawler.settings.get("GRANTDIGEST_DB")) as store:
                self.previous = store.previous_items(spider.name)
        except Exception as exc:  # health is a help, never a reason to stop a crawl
            logger.warning("no previous run for %s: %s", spider.name, exc)

    def closed(self, spider, reason):
        stats = self.crawler.stats.get_stats()
        items = stats.get("grantdigest/items_stored", 0)
        ok = stats.get("downloader/response_status_count/200", 0)
        other_trouble = any(k.startswith(("downloader/exception_type_count/", "spider_exceptions/"))
                            for k in stats) or stats.get("grantdigest/fault_count", 0) or any(
            k.startswith("downloader/response_status_count/") and k.rsplit("/", 1)[1] >= "400" for k in stats)
        if reason == "finished" and items == 0 and ok and self.previous and not other_trouble:
            note_fault(self.crawler, "zero-items",
                       f"0 оголошень зі сторінок, що відповіли 200 (попереднього разу: {self.previous}) — "
                       "схоже, змінилася розмітка сайту; перевірте селектори джерела в реєстрі", counted=True)
