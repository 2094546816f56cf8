"""HTML family: list page(s) with pagination, optionally followed to detail pages.

``[source.list]``: ``item`` (one node per announcement), ``title``, ``url``,
``excerpt`` (optional), ``dates`` (text holding dates, optional) with
``date_roles`` naming them in order (``published``, ``deadline``,
``opening_date``), ``require`` (optional ``{selector, any}``: keep a node only
if the selected text contains one of the words, e.g. a ГРАНТ badge),
``marker`` (optional selector of the entry's date of change; default: a hash
of the entry's text), ``next_page`` (optional), ``max_pages`` (default 3).

``[source.detail]`` (optional): follow each item to its page; ``body``,
``title``, ``published`` selectors.
"""

from __future__ import annotations

import scrapy

from grantdigest.extract.dates import find_dates
from spiders.families.base import SourceSpider, all_text, check_selector, selected_text, text_marker
from spiders.selectors import first, select

DATE_ROLES = ("published", "deadline", "opening_date")
LIST_SELECTORS = ("item", "title", "url", "excerpt", "dates", "next_page", "marker")
LIST_KEYS = set(LIST_SELECTORS) | {"date_roles", "max_pages", "require"}


class HtmlSourceSpider(SourceSpider):
    SETTINGS = {"list": "таблиця: item, title, url, excerpt, dates, date_roles, require, marker, next_page, max_pages"}
    REQUIRED_SETTINGS = ("list",)

    @classmethod
    def check(cls, source):
        problems = super().check(source)
        listing = source.settings.get("list")
        if not isinstance(listing, dict):
            return problems + (["[list] має бути таблицею"] if listing is not None else [])
        problems += [f"у [list] бракує '{k}'" for k in ("item", "title", "url") if not listing.get(k)]
        problems += [f"невідомий параметр list.{k}; відомі: {', '.join(sorted(LIST_KEYS))}"
                     for k in listing if k not in LIST_KEYS]
        problems += [p for k in LIST_SELECTORS if listing.get(k) and (p := check_selector(listing[k], f"list.{k}"))]
        bad = [r for r in listing.get("date_roles", []) if r not in DATE_ROLES]
        if bad:
            problems.append(f"невідомі list.date_roles {bad}; відомі: {', '.join(DATE_ROLES)}")
        require = listing.get("require")
        if require is not None and (not isinstance(require, dict) or not require.get("selector")
                                    or not isinstance(require.get("any"), list)):
            problems.append("list.require має бути таблицею {selector = \"...\", any = [\"...\"]}")
        return problems

    def parse(self, response: scrapy.http.Response, page: int = 1):
        listing = self.conf["list"]
        nodes = select(response, listing["item"])
        if not nodes:
            self.problem(f"на сторінці {response.url} немає жодного оголошення за селектором list.item "
                         f"'{listing['item']}' (змінилася верстка?)")
        dated, old = 0, 0
        for node in nodes:
            title = all_text(node, listing["title"])
            href = first(node, listing["url"])
            if not title or not href:
                continue
            url = response.urljoin(href.strip())
            if not url.startswith(("http://", "https://")):   # mailto:, javascript:, tel: -- not an announcement
                self.stat("not_http")
                continue
            if not self._required(node):
                self.stat("not_required")
                continue
            excerpt = selected_text(node, listing["excerpt"]) if listing.get("excerpt") else ""
            fields = {"url": url, "title": title, "text": excerpt}
            dates = self._dates(all_text(node, listing.get("dates")))
            fields.update(dates)
            dated += bool(dates.get("published"))
            if self.too_old(dates.get("published")):
                old += 1
                continue
            item = self.make_item(**fields)
            marker = all_text(node, listing["marker"]) if listing.get("marker") else None
            marker = marker or text_marker(title, first(node, "xpath:normalize-space(.)"))
            if "detail" in self.conf:
                yield self.follow_detail(response, item, marker)
            else:
                item.page_marker = marker
                if (out := self.emit(item)) is not None:
                    yield out
        next_page = listing.get("next_page") and first(response, listing["next_page"])
        # with --since, a page holding only older entries ends the walk back in time
        all_old = dated > 0 and old == dated
        if next_page and page < int(listing.get("max_pages", 3)) and not all_old:
            yield response.follow(next_page.strip(), callback=self.parse, cb_kwargs={"page": page + 1})

    def _required(self, node) -> bool:
        require = self.conf["list"].get("require")
        if not require:
            return True
        text = all_text(node, require["selector"]).lower()
        return any(word.lower() in text for word in require["any"])

    def _dates(self, text: str) -> dict:
        roles = self.conf["list"].get("date_roles", [])
        found = [d.resolve(None) for d in find_dates(text)] if text else []
        return {role: day.isoformat() for role, day in zip(roles, found) if day}
