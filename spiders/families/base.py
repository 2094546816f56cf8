"""What every family shares: the source it serves, how it builds items, and
the rules every source follows whatever its family:

- ``[source.filter] text_any``: keep an announcement only if its article
  (the detail page's ``[source.detail] body``, or the feed/API text -- never
  the page around it) names one of these words (e.g. Ukraine for
  international aggregators);
- ``--since DATE``: skip announcements published/changed before DATE;
- known detail pages: a page stored before whose list entry (date, lastmod,
  modified or the entry's own text) did not change is not downloaded again.

Registry selectors are CSS in Scrapy syntax (``::text``, ``::attr()``) or
``xpath:`` followed by an XPath relative to the node.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any, ClassVar
from urllib.parse import quote, urljoin

import scrapy
from lxml import etree
from lxml import html as lxml_html

from grantdigest.extract.dates import find_dates
from grantdigest.timeutil import parse_date, today_kyiv
from grantdigest.urls import canonical_url
from spiders.items import CallItem
from spiders.notes import add_problem
from spiders.registry import Source
from spiders.selectors import evaluate, first, getall, select, serialise

# Settings every family understands, with what they mean (README "Sources").
COMMON_SETTINGS = {
    "filter": "таблиця: text_any — слова, одне з яких має бути в тексті статті (без меню й бічних панелей)",
    "detail": "таблиця: body, title, published, deadline — селектори сторінки оголошення",
}
DETAIL_KEYS = {"body", "title", "published", "deadline"}
FILTER_KEYS = {"text_any"}


def _parse_fragment(html: str):
    try:
        root = lxml_html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    for node in list(root.iter(etree.Comment, "script", "style", "noscript", "template")):
        if node is not root:
            _drop(node)
    return root


def _drop(node) -> None:
    """``node.drop_tree()``: the node goes, the text that follows it stays. lxml will not join
    text holding control characters (a Word paste's vertical tab, a form feed; it empties the
    text it was given, then raises): those next to the node become spaces first."""
    if node.tail:
        previous = node.getprevious()
        before = previous.tail if previous is not None else node.getparent().text
        if _NOT_XML.search(node.tail) or (before and _NOT_XML.search(before)):
            node.tail = _NOT_XML.sub(" ", node.tail)
            if previous is not None:
                previous.tail = _NOT_XML.sub(" ", before or "") or None
            else:
                node.getparent().text = _NOT_XML.sub(" ", before or "") or None
    node.drop_tree()


def html_to_text(html: str | None) -> str:
    """Visible text of an HTML fragment, each piece of text on its own line (lxml: fast)."""
    if not html or not html.strip():
        return ""
    root = _parse_fragment(html)
    if root is None:
        return ""
    lines = (line.strip() for line in "\n".join(root.itertext()).splitlines())
    return "\n".join(line for line in lines if line)


def text_and_links(html: str | None, base_url: str) -> tuple[str, list[str]]:
    """``html_to_text`` and ``html_links`` of one fragment, parsed once."""
    if not html or not html.strip():
        return "", []
    root = _parse_fragment(html)
    if root is None:
        return "", []
    lines = (line.strip() for line in "\n".join(root.itertext()).splitlines())
    return "\n".join(line for line in lines if line), _links(root, base_url)


def html_links(html: str | None, base_url: str) -> list[str]:
    if not html or not html.strip():
        return []
    root = _parse_fragment(html)
    return _links(root, base_url) if root is not None else []


def _links(root, base_url: str) -> list[str]:
    return _absolute_links(root.xpath("descendant-or-self::a/@href"), base_url)


def _absolute_links(hrefs, base_url: str) -> list[str]:
    links = []
    for href in hrefs:
        href = urljoin(base_url, href.strip())
        if href.startswith(("http://", "https://")) and href not in links:
            links.append(href)
    return links


# --- the text of selected elements, read in the page's own tree ----------------
# The excerpt and the article used to be serialised (parsel's .get()) and parsed
# again by lxml.html; reading the selected elements in place gives the same text
# and links without either step, in the cases below where the round trip is known
# to give back the same tree. Anything else keeps the round trip.
_DROPPED = frozenset({"script", "style", "noscript", "template"})  # as in _parse_fragment
# selected elements the re-parse of the fragment does not give back as they were: it treats
# them as the document's own parts (a <frameset> first makes a frameset document, without
# text) or moves them to <head> where _parse_fragment then drops them
_NOT_ALONE = frozenset({"html", "head", "body", "frameset"}) | _DROPPED
# raw-text elements: the HTML serialiser escapes their text, the parser reads it as is
# (and a <plaintext> takes in the rest of the fragment)
_RAW_TEXT = frozenset({"iframe", "noembed", "noframes", "plaintext", "xmp"})
# what lxml refuses in .text/.tail: where drop_tree() would join such text, the re-parse raises
_NOT_XML = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# libxml2's HTML serialiser writes href values with leading blanks cut and every byte
# outside printable ASCII %-escaped (xmlURIEscapeStr); the re-parse keeps them so
_HREF_SAFE = "".join(chr(c) for c in range(0x21, 0x7F))
# a comment whose text would end it early when written back as <!--text-->
_ENDS_COMMENT = re.compile("^-?>|--!?>")


class _RoundTripDiffers(Exception):
    """The element holds something the serialise + re-parse round trip would change."""


def _check_dropped(el) -> None:
    """A comment or _DROPPED element is left out of the text, but the re-parse reads it too."""
    for node in el.iter():
        tag = node.tag
        if tag is etree.Comment:
            if _ENDS_COMMENT.search(node.text or ""):
                raise _RoundTripDiffers
        elif not isinstance(tag, str) or tag in _RAW_TEXT:
            raise _RoundTripDiffers
    if len(el) and any(_NOT_XML.search(t) for t in el.itertext()):
        raise _RoundTripDiffers  # a drop_tree() inside it may raise


def _walk(el, pieces: list[str], hrefs: list[str]) -> None:
    """``pieces``: the text of ``el`` as ``_parse_fragment`` + ``itertext()`` give it: comments
    and _DROPPED elements left out, their tail joined to the text before them (drop_tree()).
    ``hrefs``: its a/@href, outside dropped elements, as the round trip writes them."""
    tag = el.tag
    if tag in _RAW_TEXT:
        raise _RoundTripDiffers
    if tag == "a":
        href = el.get("href")
        if href is not None:
            hrefs.append(quote(href.lstrip(" \t\n\r"), safe=_HREF_SAFE))
    slot = el.text or ""
    for child in el:
        tag = child.tag
        if tag is etree.Comment or tag in _DROPPED:
            _check_dropped(child)
            if child.tail:
                slot += child.tail
                if _NOT_XML.search(slot):
                    raise _RoundTripDiffers  # drop_tree() raises here
            continue
        if not isinstance(tag, str):  # a processing instruction: the re-parse makes it a comment
            raise _RoundTripDiffers
        pieces.append(slot)
        _walk(child, pieces, hrefs)
        slot = child.tail or ""
    pieces.append(slot)


def _in_tree(values: list, type_: str, base_url: str | None = None) -> tuple[str, list[str]] | None:
    """``text_and_links`` of the results serialised and joined by newlines (the links only
    with ``base_url``), read from the elements themselves; None where that may differ
    (then the caller serialises them)."""
    if type_ != "html" or not all(isinstance(v, etree._Element) and isinstance(v.tag, str)
                                  and v.tag not in _NOT_ALONE for v in values):
        return None
    pieces: list[str] = []
    hrefs: list[str] = []
    try:
        for v in values:
            pieces.append("")  # the newline that joined them
            _walk(v, pieces, hrefs)
    except _RoundTripDiffers:
        return None
    lines = (line.strip() for line in "\n".join(pieces).splitlines())
    return "\n".join(line for line in lines if line), (_absolute_links(hrefs, base_url) if base_url else [])


def selected_text(node, selector: str) -> str:
    """``html_to_text`` of the selector's results on ``node`` joined by newlines."""
    found = evaluate(node, selector)
    if found is None:
        return html_to_text("\n".join(select(node, selector).getall()))
    values, type_ = found
    read = _in_tree(values, type_)
    if read is not None:
        return read[0]
    return html_to_text("\n".join(serialise(v, type_) for v in values))


def selected_text_and_links(node, selector: str, base_url: str) -> tuple[str, list[str]] | None:
    """``text_and_links`` of the selector's first result on ``node``; None when nothing (or
    an empty string) is selected."""
    found = evaluate(node, selector)
    if found is None:
        body = select(node, selector).get()
        return text_and_links(body, base_url) if body else None
    values, type_ = found
    if not values:
        return None
    read = _in_tree(values[:1], type_, base_url)
    if read is not None:
        return read
    body = serialise(values[0], type_)
    return text_and_links(body, base_url) if body else None


def all_text(node, selector: str | None) -> str:
    if not selector:
        return ""
    values = [re.sub(r"\s+", " ", v).strip() for v in getall(node, selector)]
    return " ".join(v for v in values if v)


def text_marker(*parts: str | None) -> str:
    """A version stamp for a list entry that has no date of change: a hash of what it shows."""
    joined = "\x1f".join(re.sub(r"\s+", " ", p or "").strip() for p in parts)
    return "h:" + hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]


def safe_date(value: str | None) -> dt.date | None:
    """The date at the start of an ISO date/datetime string, or None if it is not one."""
    try:
        return parse_date(value)
    except (TypeError, ValueError):
        return None


def check_selector(value: Any, where: str) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return f"{where}: селектор має бути непорожнім рядком"
    if value.startswith("xpath:"):
        try:
            scrapy.Selector(text="<html/>").xpath(value[len("xpath:"):])
        except ValueError as exc:
            return f"{where}: неправильний XPath ({exc})"
        return None
    try:
        scrapy.Selector(text="<html/>").css(value)
    except Exception as exc:  # cssselect raises several kinds
        return f"{where}: неправильний CSS-селектор ({exc})"
    return None


class SourceSpider(scrapy.Spider):
    """Base of the families. Subclasses generated by ``spiders.catalog`` set ``source``."""

    source: ClassVar[Source]
    # the family's own registry settings: key -> what it means (shown by README/checks)
    SETTINGS: ClassVar[dict[str, str]] = {}
    REQUIRED_SETTINGS: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        problems = self.check(self.source)
        if problems:
            raise ValueError(f"джерело {self.source.id}: {problems[0]}")
        self._known: dict[str, dict] | None = None
        patterns = (self.conf.get("filter") or {}).get("text_any") or []
        self._scope = re.compile("|".join(f"(?:{p})" for p in patterns), re.I) if patterns else None

    # --- configuration ------------------------------------------------------
    @classmethod
    def check(cls, source: Source) -> list[str]:
        """Problems in the source's registry entry for this family (empty = fine)."""
        problems = [f"бракує параметра '{k}'" for k in cls.REQUIRED_SETTINGS if k not in source.settings]
        allowed = set(COMMON_SETTINGS) | set(cls.SETTINGS)
        problems += [f"невідомий параметр '{k}' для родини {source.family}; відомі: {', '.join(sorted(allowed))}"
                     for k in source.settings if k not in allowed]
        detail = source.settings.get("detail")
        if detail is not None:
            if not isinstance(detail, dict):
                problems.append("[detail] має бути таблицею")
            else:
                problems += [f"невідомий параметр detail.{k}; відомі: {', '.join(sorted(DETAIL_KEYS))}"
                             for k in detail if k not in DETAIL_KEYS]
                problems += [p for k in DETAIL_KEYS & set(detail)
                             if (p := check_selector(detail[k], f"detail.{k}"))]
        scope = source.settings.get("filter")
        if scope is not None:
            if not isinstance(scope, dict) or set(scope) - FILTER_KEYS:
                problems.append(f"[filter] — таблиця з ключами {', '.join(sorted(FILTER_KEYS))}")
            else:
                for pattern in scope.get("text_any", []):
                    try:
                        re.compile(pattern)
                    except re.error as exc:
                        problems.append(f"filter.text_any: неправильний вираз '{pattern}' ({exc})")
        return problems

    @property
    def conf(self) -> dict[str, Any]:
        return self.source.settings

    def _setting(self, name: str):
        crawler = getattr(self, "crawler", None)
        return crawler.settings.get(name) if crawler else None

    def as_of(self) -> dt.date:
        """The crawl's as-of date: ``-a as_of_date=`` or the GRANTDIGEST_AS_OF setting, else today."""
        value = getattr(self, "as_of_date", None) or self._setting("GRANTDIGEST_AS_OF")
        return dt.date.fromisoformat(value) if value else today_kyiv()

    def since(self) -> dt.date | None:
        """``-a since=`` or the GRANTDIGEST_SINCE setting: skip what was published before it."""
        value = getattr(self, "since_date", None) or self._setting("GRANTDIGEST_SINCE")
        return dt.date.fromisoformat(str(value)) if value else None

    def stat(self, key: str, count: int = 1) -> None:
        crawler = getattr(self, "crawler", None)
        if crawler:
            crawler.stats.inc_value(f"grantdigest/{key}", count)

    def problem(self, message: str) -> None:
        """A problem with the source (layout changed, unreadable answer): logged and counted."""
        self.logger.error("%s: %s", self.source.id, message)
        crawler = getattr(self, "crawler", None)
        if crawler:
            add_problem(crawler.stats, message)

    # --- items --------------------------------------------------------------
    def make_item(self, **fields: Any) -> CallItem:
        fields.setdefault("language", self.source.language)
        fields.setdefault("programme", self.source.programme)
        if not fields.get("regions"):
            fields["regions"] = list(self.source.regions)
        return CallItem(source_id=self.source.id, **fields)

    def too_old(self, *dates: str | None) -> bool:
        """True when ``--since`` is set and the newest known date of the entry is before it."""
        since = self.since()
        if since is None:
            return False
        known = [d for d in (safe_date(x) for x in dates if x) if d]
        if known and max(known) < since:
            self.stat("too_old")
            return True
        return False

    def in_scope(self, text: str) -> bool:
        return self._scope is None or bool(self._scope.search(text or ""))

    def emit(self, item: CallItem) -> CallItem | None:
        """The last step of every freshly read item: ``--since`` and the source's filter."""
        if self.too_old(item.published):
            return None
        if not self.in_scope(item.text):
            item.state = "filtered"
        return item

    # --- known pages ----------------------------------------------------------
    def known_pages(self) -> dict[str, dict]:
        """Pages of this source seen in earlier crawls: canonical URL -> {marker, outcome}."""
        if self._known is None:
            self._known = {}
            db_path = self._setting("GRANTDIGEST_DB")
            if db_path and not self._setting("GRANTDIGEST_REFETCH"):
                from storage import Store

                with Store(db_path) as store:
                    self._known = store.page_marks(self.source.id)
        return self._known

    def follow_detail(self, response, item: CallItem, marker: str | None, callback=None):
        """A request for the item's detail page -- or, when the page is known and its
        list entry has not changed since, the item marked ``unchanged`` instead."""
        item.page_marker = marker
        known = self.known_pages()
        mark = known.get(canonical_url(item.url)) if marker and known else None  # (none known: a first crawl)
        if mark and mark.get("marker") == marker:
            item.state = "unchanged"
            self.stat("not_refetched")
            return item
        return response.follow(item.url, callback=callback or self.parse_detail, cb_kwargs={"item": item})

    def parse_detail(self, response: scrapy.http.Response, item: CallItem):
        """Complete an item from its detail page (``[source.detail]``): the article text
        replaces the list excerpt; the title and publication date fill gaps."""
        detail = self.conf.get("detail") or {}
        body = selected_text_and_links(response, detail.get("body", "article"), response.url)
        if body is not None:
            item.text, item.links = body
        else:
            self.problem(f"на сторінці {response.url} немає тексту за селектором detail.body")
        if not item.title and detail.get("title"):
            item.title = all_text(response, detail["title"])
        published = detail.get("published") and first(response, detail["published"])
        if published and not item.published:
            published = published.strip()
            if safe_date(published):
                item.published = published
        if detail.get("deadline") and not item.deadline:
            # a page's own deadline field is data: its first date (the year from publication)
            found = find_dates(all_text(response, detail["deadline"]))
            day = found[0].resolve(safe_date(item.published) or self.as_of()) if found else None
            if day:
                item.deadline = day.isoformat()
        out = self.emit(item)
        if out is not None:
            yield out

    async def start(self):
        for url in self.source.start_urls:
            yield scrapy.Request(url, callback=self.parse)
