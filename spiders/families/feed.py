"""Feed family: RSS/Atom through feedparser (WordPress ``/feed/``,
``/category/<slug>/feed/``, Joomla ``?format=feed``).

Registry settings: ``categories`` (keep entries in any of them, optional);
``follow_excerpts`` (fetch the detail page when the feed holds only an
excerpt; its ``[detail] body`` selector names the article). The entry's
``updated``/``published`` stamp tells whether a known detail page changed.
"""

from __future__ import annotations

import time

import feedparser
import scrapy

from spiders.families.base import SourceSpider, html_links, html_to_text

EXCERPT_MARKERS = ("[…]", "[&#8230;]", "[...]", "…")


def _iso(struct: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", struct) if struct else None


class FeedSourceSpider(SourceSpider):
    SETTINGS = {
        "categories": "список категорій стрічки; лишати записи хоча б з однієї",
        "follow_excerpts": "так/ні: коли в стрічці лише уривок — завантажити сторінку оголошення",
    }

    @classmethod
    def check(cls, source):
        problems = super().check(source)
        categories = source.settings.get("categories", [])
        if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
            problems.append("categories має бути списком рядків")
        return problems

    def parse(self, response: scrapy.http.Response):
        feed = feedparser.parse(response.body, response_headers={"content-location": response.url})
        if feed.bozo and not feed.entries:
            self.problem(f"стрічка {response.url} не читається ({feed.bozo_exception})")
            return
        if not feed.entries:
            self.problem(f"стрічка {response.url} порожня")
        wanted = {c.lower() for c in self.conf.get("categories", [])}
        for entry in feed.entries:
            tags = [t.get("term", "") for t in entry.get("tags", [])]
            if wanted and not wanted & {t.lower() for t in tags}:
                continue
            published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
            changed = _iso(entry.get("updated_parsed")) or published
            if self.too_old(published, changed):
                continue
            html = entry.content[0].value if entry.get("content") else entry.get("summary", "")
            link = entry.get("link") or response.url
            item = self.make_item(
                url=link, title=html_to_text(entry.get("title", "")), text=html_to_text(html),
                published=published, source_item_id=entry.get("id") or link,
                links=html_links(html, link), extra={"categories": tags},
            )
            if self.conf.get("follow_excerpts") and not entry.get("content") and self._is_excerpt(html):
                yield self.follow_detail(response, item, changed or published)
            elif (out := self.emit(item)) is not None:
                yield out

    @staticmethod
    def _is_excerpt(html: str) -> bool:
        return html.rstrip().endswith(EXCERPT_MARKERS) or len(html) < 400
