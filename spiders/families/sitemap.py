"""Sitemap family: Scrapy's SitemapSpider, filtered by URL pattern and lastmod.

The start URLs are sitemaps (or sitemap indexes, or robots.txt). Entries
whose ``loc`` matches ``url_pattern`` are detail pages; an entry is skipped
when its ``lastmod`` is older than ``max_age_days`` (default 365) or than
``--since``; a known page whose ``lastmod`` did not change is not
downloaded again. Each detail page gives the item through ``[detail]``
selectors (``title`` is required: a sitemap has no titles).

Registry settings: ``url_pattern`` (regular expression), ``max_age_days``,
``follow_pattern`` (which sub-sitemaps of an index to read; default all).
"""

from __future__ import annotations

import datetime as dt
import re

import scrapy
from scrapy.spiders import SitemapSpider

from grantdigest.urls import canonical_url
from spiders.families.base import SourceSpider, safe_date


class SitemapSourceSpider(SitemapSpider, SourceSpider):
    SETTINGS = {
        "url_pattern": "регулярний вираз адрес сторінок оголошень у sitemap (напр. /opp/)",
        "max_age_days": "пропускати записи з lastmod, старішим за стільки днів (типово 365)",
        "follow_pattern": "які вкладені sitemap індексу читати (регулярний вираз; типово всі)",
    }
    REQUIRED_SETTINGS = ("url_pattern", "detail")

    @classmethod
    def check(cls, source):
        problems = super().check(source)
        for key in ("url_pattern", "follow_pattern"):
            if key in source.settings:
                try:
                    re.compile(source.settings[key])
                except (re.error, TypeError) as exc:
                    problems.append(f"{key}: неправильний регулярний вираз ({exc})")
        detail = source.settings.get("detail")
        if isinstance(detail, dict) and not detail.get("title"):
            problems.append("detail.title обов'язковий: у sitemap немає назв оголошень")
        return problems

    def __init__(self, *args, **kwargs):
        conf = self.source.settings
        self.sitemap_urls = list(self.source.start_urls)
        self.sitemap_rules = [(conf.get("url_pattern", "."), "parse_entry")]
        self.sitemap_follow = [conf.get("follow_pattern", "")]
        super().__init__(*args, **kwargs)
        self._lastmod: dict[str, str | None] = {}
        self._unchanged: list = []
        self._matched = 0

    def sitemap_filter(self, entries):
        """Keep entries new enough; divert known pages whose lastmod did not change."""
        oldest = self.as_of() - dt.timedelta(days=int(self.conf.get("max_age_days", 365)))
        pattern = re.compile(self.conf.get("url_pattern", "."))
        for entry in entries:
            loc, lastmod = entry.get("loc", ""), entry.get("lastmod")
            if "loc" not in entry:
                continue
            if not pattern.search(loc):  # sub-sitemaps of an index pass through
                yield entry
                continue
            self._matched += 1
            day = safe_date(lastmod)
            if day and day < oldest:
                self.stat("too_old")
                continue
            if self.too_old(lastmod):
                continue
            self._lastmod[loc] = lastmod
            mark = self.known_pages().get(canonical_url(loc)) if lastmod else None
            if mark and mark.get("marker") == lastmod:
                item = self.make_item(url=loc, title=mark.get("title") or loc, page_marker=lastmod)
                item.state = "unchanged"
                self.stat("not_refetched")
                self._unchanged.append(item)
                continue
            yield entry

    def _parse_sitemap(self, response):
        self._unchanged, self._matched = [], 0
        requests = list(super()._parse_sitemap(response) or ())
        for request in requests:
            if request.callback == self.parse_entry:
                yield request.replace(cb_kwargs={"marker": self._lastmod.get(request.url)})
            else:
                yield request
        if not requests and not self._matched and not response.url.endswith("/robots.txt"):
            self.problem(f"{response.url}: у sitemap немає адрес за шаблоном url_pattern")
        yield from self._unchanged

    def parse_entry(self, response: scrapy.http.Response, marker: str | None = None):
        item = self.make_item(url=response.url, title="", published=None, page_marker=marker)
        yield from self.parse_detail(response, item)
