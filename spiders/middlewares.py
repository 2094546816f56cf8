"""Downloader middleware that sees responses as they come off the wire.

``WireStats`` sits next to the downloader (after the HTTP cache), so it
counts what really crossed the network per source: requests, responses by
status (304 included), full downloads and bytes. It also recognises a
Cloudflare-style challenge page -- a bot check instead of the content -- and
records it as the source's problem instead of letting it pass as a page.
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.python import global_object_name

from spiders.notes import add_problem

CHALLENGE_MARKERS = (b"/cdn-cgi/challenge-platform/", b"cf-chl-", b"<title>Just a moment...</title>",
                     b"Attention Required! | Cloudflare")


def is_challenge(response) -> bool:
    if (response.headers.get(b"cf-mitigated") or b"").lower() == b"challenge":
        return True
    if response.status in (403, 429, 503) or b"cloudflare" in (response.headers.get(b"Server") or b"").lower():
        head = response.body[:20000]
        return any(marker in head for marker in CHALLENGE_MARKERS)
    return False


class WireStats:
    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_request(self, request, spider=None):
        self.stats.inc_value("grantdigest/wire/requests")

    def process_response(self, request, response, spider=None):
        if urlparse_cached(request).path == "/robots.txt":  # a missing robots.txt is no error
            self.stats.inc_value(f"grantdigest/wire/robots/{response.status}")
            return response
        self.stats.inc_value(f"grantdigest/wire/status/{response.status}")
        if response.status == 304:
            self.stats.inc_value("grantdigest/wire/not_modified")
        else:
            self.stats.inc_value("grantdigest/wire/full")
            self.stats.inc_value("grantdigest/wire/bytes", len(response.body))
        if is_challenge(response):
            self.stats.inc_value("grantdigest/blocked")
            add_problem(self.stats, f"сайт показав перевірку на бота (Cloudflare challenge, HTTP {response.status})"
                                    f" замість {request.url}")
            if response.status < 400:
                raise IgnoreRequest(f"challenge page instead of {request.url}")
        return response


class FinalOutcomes:
    """Counts what each request finally came to, after Scrapy's retries.

    It sits just before ``RetryMiddleware`` (lower order, nearer the engine), so a
    response or exception that was retried never reaches it: a 503 that succeeded on the
    second try is a retried answer (``WireStats`` saw it), not a failure of the source.
    Only final outcomes count as the source's errors (``spiders.extensions``).
    """

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_response(self, request, response, spider=None):
        if urlparse_cached(request).path != "/robots.txt":
            self.stats.inc_value(f"grantdigest/final/status/{response.status}")
        return response

    def process_exception(self, request, exception, spider=None):
        if not isinstance(exception, IgnoreRequest) and urlparse_cached(request).path != "/robots.txt":
            self.stats.inc_value(f"grantdigest/final/exception/{global_object_name(exception.__class__)}")
        return None
