"""A list entry or an article that is odd in one place does not cost the rest of its page."""

from __future__ import annotations

import scrapy
from scrapy.http import HtmlResponse

from spiders.catalog import spider_class
from spiders.families.base import html_to_text, text_and_links
from spiders.registry import Source

LIST = {"item": "li.news", "title": "a::text", "url": "a::attr(href)", "excerpt": "p"}


def _spider(**settings):
    source = Source(id="robust-test", name_uk="x", name_en="x", family="html",
                    start_urls=("https://grants.example.org/news/",), language="uk", settings=settings)
    spider = spider_class(source)()
    spider._known = {}
    return spider


def _list_page(*hrefs: str) -> HtmlResponse:
    items = "".join(f"<li class='news'><a href='{h}'>Грант №{i}</a><p>Опис {i}</p></li>" for i, h in enumerate(hrefs))
    return HtmlResponse("https://grants.example.org/news/", body=f"<ul>{items}</ul>".encode(), encoding="utf-8")


def test_a_list_entry_linking_to_mail_or_script_is_skipped_not_fatal():
    page = _list_page("/calls/1", "mailto:office@example.org", "javascript:void(0)", "tel:+380", "/calls/2")
    out = list(_spider(list=LIST, detail={"body": "article"}).parse(page))
    assert [r.url for r in out if isinstance(r, scrapy.Request)] == [
        "https://grants.example.org/calls/1", "https://grants.example.org/calls/2"]
    items = list(_spider(list=LIST).parse(page))        # without detail pages: items straight from the list
    assert [i.url for i in items] == ["https://grants.example.org/calls/1", "https://grants.example.org/calls/2"]


def test_control_characters_beside_a_comment_or_script_do_not_stop_the_text():
    html = ("<div>Конкурс\x0bдля громад<!-- banner -->\x0cприйом заявок до 30.09.2025"
            "<script>x()</script>\x01<a href='/rules'>Правила</a></div>")
    text = html_to_text(html)
    assert "Конкурс" in text and "прийом заявок до 30.09.2025" in text and "Правила" in text
    assert "banner" not in text and "x()" not in text
    text2, links = text_and_links(html, "https://grants.example.org/news/1")
    assert text2 == text and links == ["https://grants.example.org/rules"]
