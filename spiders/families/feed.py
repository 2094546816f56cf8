"""Feed family: RSS/Atom through feedparser (WordPress ``/feed/`` and friends)."""

from __future__ import annotations

import time

import feedparser
import scrapy

from spiders.families.base import SourceSpider, html_links, html_to_text

EXCERPT_MARKERS = ("[…]", "[&#8230;]", "[...]", "…")


def _iso(struct: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", struct) if struct else None


class FeedSourceSpider(SourceSpider):
    """Registry settings: ``categories`` (keep entries in any of them, optional),
    ``follow_excerpts`` (fetch the detail page when the feed holds only an excerpt),
    ``detail_body`` (CSS selector of the article on the detail page)."""

    def parse(self, response: scrapy.http.Response):
        feed = feedparser.parse(response.body, response_headers={"content-location": response.url})
        if feed.bozo and not feed.entries:
            raise ValueError(f"{self.source.id}: стрічка не читається ({feed.bozo_exception})")
        wanted = {c.lower() for c in self.conf.get("categories", [])}
        for entry in feed.entries:
            tags = [t.get("term", "") for t in entry.get("tags", [])]
            if wanted and not wanted & {t.lower() for t in tags}:
                continue
            html = entry.content[0].value if entry.get("content") else entry.get("summary", "")
            item = self.make_item(
                url=entry.get("link") or response.url,
                title=html_to_text(entry.get("title", "")),
                text=html_to_text(html),
                published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
                source_item_id=entry.get("id") or entry.get("link"),
                links=html_links(html, entry.get("link") or response.url),
                extra={"categories": tags},
            )
            if self.conf.get("follow_excerpts") and not entry.get("content") and self._is_excerpt(html):
                yield response.follow(item.url, callback=self.parse_detail, cb_kwargs={"item": item})
            else:
                yield item

    @staticmethod
    def _is_excerpt(html: str) -> bool:
        return html.rstrip().endswith(EXCERPT_MARKERS) or len(html) < 400

    def parse_detail(self, response: scrapy.http.Response, item):
        selector = self.conf.get("detail_body", "article, .entry-content, main")
        body = response.css(selector).get()
        if body:
            item.text = html_to_text(body)
            item.links = html_links(body, response.url)
        yield item
