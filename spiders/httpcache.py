"""HTTP cache policy: always ask the server, but conditionally.

Scrapy's RFC 2616 policy may serve a cached page for weeks without asking
(heuristic freshness from ``Last-Modified``), and may serve a stale page
when the server answers 5xx -- both hide a source's real state. This policy
keeps a page only when the server says how to revalidate it (``ETag`` /
``Last-Modified``) or how long it stays fresh (``max-age``/``Expires``),
and otherwise always sends ``If-None-Match`` / ``If-Modified-Since``: an
unchanged page costs a 304 with no body; only a 304 reuses the stored copy.
"""

from __future__ import annotations

from scrapy.extensions.httpcache import RFC2616Policy


class RevalidatePolicy(RFC2616Policy):
    def is_cached_response_fresh(self, cachedresponse, request) -> bool:
        cc = self._parse_cachecontrol(cachedresponse)
        if b"max-age" in cc or b"Expires" in cachedresponse.headers:
            return super().is_cached_response_fresh(cachedresponse, request)
        self._set_conditional_validators(request, cachedresponse)
        return False

    def is_cached_response_valid(self, cachedresponse, response, request) -> bool:
        return response.status == 304
