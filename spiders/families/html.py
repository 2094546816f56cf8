"""HTML family: list page(s) with pagination, optionally followed to detail pages.

Registry settings are selectors: CSS in Scrapy syntax (``::text``, ``::attr()``)
or ``xpath:`` followed by an XPath relative to the node.

``[source.list]``: ``item`` (one per announcement), ``title``, ``url``,
``excerpt`` (optional), ``dates`` (text holding dates, optional) with
``date_roles`` naming them in order (``published``, ``deadline``,
``opening_date``), ``next_page`` (optional), ``max_pages`` (default 3).

``[source.detail]`` (optional, follows each item): ``body``, ``published``.
"""

from __future__ import annotations

import scrapy

from grantdigest.extract.dates import find_dates
from grantdigest.timeutil import parse_date
from spiders.families.base import SourceSpider, html_links, html_to_text

DATE_ROLES = ("published", "deadline", "opening_date")


def select(node, selector: str):
    """A registry selector: CSS (Scrapy syntax) or ``xpath:`` followed by an XPath."""
    if selector.startswith("xpath:"):
        return node.xpath(selector[len("xpath:"):])
    return node.css(selector)


def _all_text(node, selector: str | None) -> str:
    if not selector:
        return ""
    values = [v.strip() for v in select(node, selector).getall()]
    return " ".join(v for v in values if v)


class HtmlSourceSpider(SourceSpider):
    required_settings = ("list",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        listing = self.conf["list"]
        missing = [k for k in ("item", "title", "url") if not listing.get(k)]
        if missing:
            raise ValueError(f"джерело {self.source.id}: у [list] бракує {', '.join(missing)}")
        bad = [r for r in listing.get("date_roles", []) if r not in DATE_ROLES]
        if bad:
            raise ValueError(f"джерело {self.source.id}: невідомі date_roles {bad}; відомі: {DATE_ROLES}")

    def parse(self, response: scrapy.http.Response, page: int = 1):
        listing = self.conf["list"]
        for node in select(response, listing["item"]):
            title = _all_text(node, listing["title"])
            href = select(node, listing["url"]).get()
            if not title or not href:
                continue
            fields = {"url": response.urljoin(href.strip()), "title": title,
                      "text": html_to_text("\n".join(select(node, listing["excerpt"]).getall()))
                      if listing.get("excerpt") else ""}
            fields.update(self._dates(_all_text(node, listing.get("dates"))))
            item = self.make_item(**fields)
            if "detail" in self.conf:
                yield response.follow(item.url, callback=self.parse_detail, cb_kwargs={"item": item})
            else:
                yield item
        next_page = listing.get("next_page") and select(response, listing["next_page"]).get()
        if next_page and page < int(listing.get("max_pages", 3)):
            yield response.follow(next_page, callback=self.parse, cb_kwargs={"page": page + 1})

    def _dates(self, text: str) -> dict:
        roles = self.conf["list"].get("date_roles", [])
        found = [d.resolve(None) for d in find_dates(text)] if text else []
        return {role: day.isoformat() for role, day in zip(roles, found) if day}

    def parse_detail(self, response: scrapy.http.Response, item):
        detail = self.conf["detail"]
        body = select(response, detail.get("body", "article")).get()
        if body:
            item.text = html_to_text(body)
            item.links = html_links(body, response.url)
        published = detail.get("published") and select(response, detail["published"]).get()
        if published and parse_date(published[:10]):
            item.published = published.strip()
        yield item
