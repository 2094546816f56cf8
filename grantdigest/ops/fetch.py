"""Fetch one page through the crawl's own transport (Scrapy's downloader with the
project settings: User-Agent, robots.txt, size limit, timeouts, retries, charset
repair and, in tests, the loopback replay server). Runs its own reactor, so
call it once per process (``grantdigest calls add URL`` does).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.http import TextResponse

from grantdigest.config import Config
from grantdigest.errors import UserError


class FetchError(UserError):
    """The page could not be fetched (HTTP error, timeout, robots.txt): exit code 1."""

    exit_code = 1


@dataclass(frozen=True)
class FetchedPage:
    url: str            # after redirects
    status: int
    content_type: str
    html: str


class _PageSpider(scrapy.Spider):
    name = "manual-page"

    def __init__(self, url: str, results: list, **kwargs):
        super().__init__(**kwargs)
        self.url, self.results = url, results

    async def start(self):
        yield scrapy.Request(self.url, callback=self.parse, errback=self.failed, dont_filter=True)

    def parse(self, response):
        content_type = response.headers.get("Content-Type", b"").decode("latin-1")
        if not isinstance(response, TextResponse):
            self.results.append(FetchError(f"{response.url}: це не сторінка HTML ({content_type or 'невідомий тип'});"
                                           " додайте конкурс вручну: --title, --deadline, --url"))
            return
        self.results.append(FetchedPage(response.url, response.status, content_type, response.text))

    def failed(self, failure):
        response = getattr(failure.value, "response", None)
        if response is not None:
            reason = f"сервер відповів HTTP {response.status}"
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()[:200]}"
        self.results.append(FetchError(f"не вдалося завантажити {self.url}: {reason}"))


def fetch_page(config: Config, url: str, replay_url: str | None = None) -> FetchedPage:
    if not url.startswith(("http://", "https://")):
        raise UserError(f"'{url}' — потрібна адреса http(s)://")
    from grantdigest.crawl import crawl_settings  # noqa: PLC0415  (imports Scrapy project settings)

    settings = crawl_settings(config, None, uuid.uuid4().hex[:12], replay_url)
    settings.set("ITEM_PIPELINES", {}, priority="cmdline")
    settings.set("EXTENSIONS", {}, priority="cmdline")   # no crawl_runs row: this is not a source's crawl
    results: list = []
    process = CrawlerProcess(settings, install_root_handler=True)
    process.crawl(_PageSpider, url=url, results=results)
    process.start()
    if not results:
        raise FetchError(f"не вдалося завантажити {url}: немає відповіді (robots.txt забороняє або запит відкинуто)")
    if isinstance(results[0], Exception):
        raise results[0]
    return results[0]
