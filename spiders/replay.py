"""Demo/test transport: send requests to the loopback replay server.

The spider asks for ``https://www.prostir.ua/...``; this handler sends the
request to ``GRANTDIGEST_REPLAY_URL`` (127.0.0.1) with the real URL in the
``X-Replay-Url`` header and hands back the answer as if it came from the real
URL. Nothing else in the crawl knows the difference.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

REPLAY_HEADER = "X-Replay-Url"
LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


class ReplayDownloadHandler(HTTP11DownloadHandler):
    def __init__(self, crawler):
        replay_url = crawler.settings.get("GRANTDIGEST_REPLAY_URL")
        if not replay_url:
            raise NotConfigured("GRANTDIGEST_REPLAY_URL is not set")
        host = urlsplit(replay_url).hostname
        if host not in LOOPBACK_HOSTS:
            raise NotConfigured(f"the replay server must be on loopback, not {host}")
        super().__init__(crawler)
        self.replay_url = replay_url.rstrip("/")

    async def download_request(self, request: Request) -> Response:
        parts = urlsplit(request.url)
        if parts.hostname in LOOPBACK_HOSTS:
            return await super().download_request(request)
        path = parts.path or "/"
        target = f"{self.replay_url}{path}" + (f"?{parts.query}" if parts.query else "")
        local = request.replace(url=target)
        local.headers[REPLAY_HEADER] = request.url
        response = await super().download_request(local)
        return response.replace(url=request.url, request=request)
