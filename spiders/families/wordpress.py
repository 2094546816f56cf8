"""WordPress family: the WP REST API (``/wp-json/wp/v2/posts?categories=..&per_page=..``).

The start URL is the posts endpoint with its query (categories, search,
``per_page``, ``_fields``); the spider walks ``page=2, 3, ...`` while the
``X-WP-TotalPages`` header (or a full page) says there is more, up to
``max_pages``. The API gives the full post (``content.rendered``), its id,
its publication date and its ``modified_gmt`` -- no HTML selectors, so a
theme change does not break it.

Registry settings: ``max_pages`` (default 3).
"""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import scrapy

from spiders.families.base import SourceSpider, html_links, html_to_text


def with_page(url: str, page: int) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "page"]
    query.append(("page", str(page)))
    return urlunsplit(parts._replace(query=urlencode(query)))


def _utc(value: str | None) -> str | None:
    """WordPress ``*_gmt`` fields are UTC without a zone: add it."""
    if not value:
        return None
    return value if value.endswith("Z") else f"{value[:19]}Z"


def _rendered(post: dict, key: str) -> str:
    value = post.get(key)
    return (value.get("rendered") if isinstance(value, dict) else value) or ""


class WordpressSourceSpider(SourceSpider):
    SETTINGS = {"max_pages": "скільки сторінок API читати (типово 3)"}

    @classmethod
    def check(cls, source):
        problems = super().check(source)
        problems += [f"start_urls: {u} не схожий на WP REST API (/wp-json/wp/v2/...)"
                     for u in source.start_urls if "/wp-json/" not in u and "rest_route=" not in u]
        return problems

    def parse(self, response: scrapy.http.Response, page: int = 1, start_url: str | None = None):
        start_url = start_url or response.url
        try:
            posts = json.loads(response.text)
        except ValueError:
            self.problem(f"{response.url}: відповідь не є JSON (сторінка перевірки або зміна API?)")
            return
        if not isinstance(posts, list):
            self.problem(f"{response.url}: очікувався список записів WP REST, отримано {type(posts).__name__}")
            return
        if not posts and page == 1:
            self.problem(f"{response.url}: API не повернуло жодного запису")
        all_old = bool(posts)
        for post in posts:
            link = post.get("link")
            title = html_to_text(_rendered(post, "title"))
            if not link or not title:
                continue
            published = _utc(post.get("date_gmt")) or post.get("date")
            modified = _utc(post.get("modified_gmt")) or post.get("modified")
            if self.too_old(published, modified):
                continue
            all_old = False
            content = _rendered(post, "content") or _rendered(post, "excerpt")
            item = self.make_item(
                url=link, title=title, text=html_to_text(content), published=published,
                source_item_id=str(post["id"]) if post.get("id") is not None else link,
                links=html_links(content, link), page_marker=modified,
                extra={"categories": post.get("categories") or [], "modified": modified},
            )
            if (out := self.emit(item)) is not None:
                yield out
        total_pages = response.headers.get(b"X-WP-TotalPages")
        if total_pages and total_pages.isdigit():
            more = int(total_pages) > page
        else:  # no header: a full page may have a next one
            per_page = dict(parse_qsl(urlsplit(start_url).query)).get("per_page", "10")
            more = len(posts) >= int(per_page) if per_page.isdigit() else False
        if more and not all_old and page < int(self.conf.get("max_pages", 3)):
            yield scrapy.Request(with_page(start_url, page + 1), callback=self.parse,
                                 cb_kwargs={"page": page + 1, "start_url": start_url})
