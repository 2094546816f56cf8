"""The fast paths of list and detail parsing give what parsel and the serialise +
re-parse path give: compiled registry selectors (spiders/selectors.py) against
``select(node, sel).getall()/.get()``, and the text and links read from the
selected elements in place (spiders/families/base.py) against ``html_to_text`` /
``text_and_links`` of the serialised selection."""

from html import escape

import pytest
import tomllib
from lxml import etree
from scrapy.http import HtmlResponse, XmlResponse

from conftest import REPO, SNAPSHOTS
from spiders.families import base
from spiders.families.base import check_selector, html_to_text, selected_text, selected_text_and_links, text_and_links
from spiders.selectors import evaluate, first, getall, select

URL = "https://example.org/news/item"

PAGE = """<!DOCTYPE html><html><head><title>Новини &amp; гранти</title>
<meta property="article:published_time" content="2025-07-19T11:26:36+00:00"></head><body>
<ul class="list">
 <li class="item"><span class="date">01.07.2025</span> <a class="t" href="/news/1">Перший <b>грант</b></a>
  <p class="teaser">Текст<!-- коментар -->злитий <script>var x = "<b>";</script>після скрипту</p>tail
  <p class="teaser">Другий &nbsp; абзац<br>рядок &lt;b&gt; &amp; ще</p></li>
 <li class="item"><a class="t" href=" /новини/2 з пробілом ">Другий</a><p class="teaser"></p><p class="teaser"> </p></li>
 <li class="item"><a class="t" href="https://other.example/x?a=1&amp;b=2">Третій</a>
  <p class="teaser"><noscript><a href="/hidden">сховане</a></noscript>видиме<style>.x{}</style><template><i>t</i></template>кінець</p></li>
</ul>
<article><div class="body">Вступ <em>виділений</em> текст<br>новий рядок
 <p>Абзац з <a href="/doc.pdf">документом</a> і <a href="mailto:a@b.c">поштою</a>, <a href="/doc.pdf">знову</a></p>
 <table><tr><td>1</td><td>2</td></tr></table><ul><li>а<li>б</ul><textarea>x &lt;y&gt;</textarea>
 <time datetime="2025-07-10">10 липня</time><dd class="deadline">Дедлайн: 15.08.2025</dd></div>хвіст статті</article>
<a class="next" href="?page=2">далі</a></body></html>"""

SELECTORS = [
    "li.item", "a.t::text", "a.t::attr(href)", "p.teaser", "p.teaser::text", "span.date::text", "*::text", "title::text",
    "meta[property='article:published_time']::attr(content)", "li:nth-child(2) a", "p:not(.teaser)", "a.next::attr(href)",
    "xpath:.//a/@href", "xpath:normalize-space(.)", "xpath:count(.//p)", "xpath:boolean(.//a)", "xpath:string(.//time/@datetime)",
    "xpath:.//comment()", "xpath:./node()", "xpath:following-sibling::*[1]", "xpath:1 div 0", "xpath:.//@*",
    "xpath:(//article)[1]//div[contains(@class, 'body')]",
    "LI.item A::text", "A[HREF]::attr(HREF)",  # names: any case in HTML (parsel's HTMLTranslator), exact in XML
]
# parsel compiles queries naming its EXSLT prefixes differently: they stay with parsel
PARSEL_ONLY = ["xpath:.//a[re:test(@href, 'news')]/text()"]


def _nodes(response):
    return [response, *select(response, "li.item"), *select(response, "xpath://p | //article | //text()")]


@pytest.mark.parametrize("kind", [HtmlResponse, XmlResponse])
def test_compiled_selectors_answer_as_parsel(kind):
    response = kind(URL, body=PAGE.encode(), encoding="utf-8")
    fast = 0
    for node in _nodes(response):
        for selector in SELECTORS + PARSEL_ONLY:
            assert getall(node, selector) == select(node, selector).getall(), (node, selector)
            assert first(node, selector) == select(node, selector).get(), (node, selector)
            fast += evaluate(node, selector) is not None
    assert fast > len(SELECTORS) * 5  # the compiled path answered (not parsel behind it)
    assert evaluate(response, PARSEL_ONLY[0]) is None


def test_a_bad_selector_fails_as_before():
    response = HtmlResponse(URL, body=PAGE.encode(), encoding="utf-8")
    with pytest.raises(ValueError, match="XPath error"):
        first(response, "xpath://a[")
    with pytest.raises(ValueError, match="XPath error"):
        getall(response, "xpath:nosuchfunction(.)")
    assert "неправильний XPath" in check_selector("xpath://a[", "list.title")
    assert "неправильний CSS-селектор" in check_selector("a::text(", "list.title")


def _reparsed_excerpt(node, selector):
    return html_to_text("\n".join(select(node, selector).getall()))


def _reparsed_body(node, selector):
    body = select(node, selector).get()
    return text_and_links(body, URL) if body else None


def _read_in_tree(node, selector) -> bool:
    found = evaluate(node, selector)
    return found is not None and base._in_tree(found[0], found[1]) is not None


@pytest.mark.parametrize("selector", ["p.teaser", "a.t", "p.teaser::text", "xpath:./node()", "span", "b", "li.item"])
def test_excerpts_read_in_place_equal_the_reparse(selector):
    response = HtmlResponse(URL, body=PAGE.encode(), encoding="utf-8")
    for node in select(response, "li.item"):
        assert selected_text(node, selector) == _reparsed_excerpt(node, selector)


@pytest.mark.parametrize("selector", ["article div.body", "article", "ul.list", "li.item", "p.teaser", "table", "textarea",
                                      "xpath://div[@class='body']/text()", "title", "body", "head", "div.missing"])
def test_bodies_read_in_place_equal_the_reparse(selector):
    response = HtmlResponse(URL, body=PAGE.encode(), encoding="utf-8")
    assert selected_text_and_links(response, selector, URL) == _reparsed_body(response, selector)


def test_the_page_is_read_in_place_where_that_is_proven_the_same():
    response = HtmlResponse(URL, body=PAGE.encode(), encoding="utf-8")
    # comments, scripts, noscript links, entities, <br>, tails, empty elements, several matches
    for selector in ("article div.body", "p.teaser", "li.item", "ul.list"):
        assert _read_in_tree(response, selector), selector
    text, links = selected_text_and_links(response, "article div.body", URL)
    assert "хвіст статті" not in text  # the selected element's tail is not its text
    assert links == ["https://example.org/doc.pdf"]  # once; mailto: is not a web link
    # a dropped comment or script joins the text around it, as drop_tree() does
    excerpt = selected_text(select(response, "li.item")[0], "p.teaser")
    assert excerpt.splitlines()[0] == "Текстзлитий після скрипту"
    # a selected <body>/<head>, text results: the re-parse
    for selector in ("body", "head", "p.teaser::text"):
        assert not _read_in_tree(response, selector), selector


@pytest.mark.parametrize("html", [
    "<div class='x'>a<!--c-->\x0cb</div>",                         # drop_tree() would join text lxml refuses: it raises
    "<div class='x'><noscript>x<!--c-->\x0cy</noscript>z</div>",   # ... also inside a dropped element
    "<div class='x'><xmp>a &lt; b</xmp></div>",                   # raw text the serialiser escapes, the parser keeps
    "<div class='x'><iframe>a &amp; b</iframe></div>",
    "<div class='x'><noscript><plaintext>p</noscript></div>",
    "<frameset class='x'>t</frameset><p class='x'>after</p>",     # a frameset first: the re-parse makes a frameset page
    "<div class='x'><script>s</script></div><script class='x'>own</script>",
])
def test_what_the_reparse_would_change_keeps_the_reparse(html):
    response = HtmlResponse(URL, body=f"<html><body>{html}</body></html>".encode(), encoding="utf-8")
    assert not _read_in_tree(response, ".x")
    for fast, slow in ((selected_text, _reparsed_excerpt),
                       (lambda node, sel: selected_text_and_links(node, sel, URL), _reparsed_body)):
        try:
            expected = slow(response, ".x")
        except ValueError as exc:  # the re-parse raises for it (lxml refuses the joined text): so does the fast path
            with pytest.raises(ValueError, match="XML compatible"):
                fast(response, ".x")
            assert "XML compatible" in str(exc)
            continue
        assert fast(response, ".x") == expected


@pytest.mark.parametrize("href", [" /a b ", "\t\n/t", "/путь/новина?q=й#ї", "http://x.org/ä?q=1&b=2", "&copy=1", "%20x", "",
                                  "'q'", "/\x7f", "/\xa0x", "\x0c/ff"])
def test_links_are_written_as_the_reparse_reads_them(href):
    page = f"<html><body><div><a href='{escape(href)}'>l</a></div></body></html>"
    response = HtmlResponse(URL, body=page.encode(), encoding="utf-8")
    assert _read_in_tree(response, "div")
    assert selected_text_and_links(response, "div", URL) == _reparsed_body(response, "div")


def _snapshot_pages():
    for path in sorted(SNAPSHOTS.rglob("*.html")):
        yield path


def test_every_element_of_the_snapshots_reads_as_the_reparse():
    """Each element of every recorded/constructed HTML page, alone and with its next
    siblings, read in place equals the serialise + re-parse reading."""
    compared = in_place = 0
    for path in _snapshot_pages():
        response = HtmlResponse(URL, body=path.read_bytes(), encoding="utf-8")
        for el in response.selector.root.iter(etree.Element):
            group = [el, *list(el.itersiblings())[:2]]
            for values in ([el], group):
                read = base._in_tree(values, "html", URL)
                serialised = [etree.tostring(v, method="html", encoding="unicode", with_tail=False) for v in values]
                try:
                    expected = (html_to_text("\n".join(serialised)), text_and_links(serialised[0], URL))
                except ValueError:
                    assert read is None, path
                    continue
                compared += 1
                if read is not None:
                    in_place += 1
                    assert read[0] == expected[0], (path.name, el.tag)
                    if len(values) == 1:
                        assert read == expected[1], (path.name, el.tag)
    assert compared > 5000 and in_place > 0.8 * compared  # most of it through the fast path


def test_the_registry_selectors_on_their_pages():
    """Every list node, excerpt and detail body of the registry's html sources on the
    snapshots, through the fast paths and through parsel + re-parse."""
    registry = tomllib.loads((REPO / "spiders" / "sources.toml").read_text(encoding="utf-8"))["source"]
    seen = 0
    for path in _snapshot_pages():
        response = HtmlResponse(URL, body=path.read_bytes(), encoding="utf-8")
        for source in registry:
            listing, detail = source.get("list") or {}, source.get("detail") or {}
            if detail.get("body"):
                assert selected_text_and_links(response, detail["body"], URL) == _reparsed_body(response, detail["body"])
            for node in select(response, listing["item"]) if listing else []:
                seen += 1
                for key in ("title", "url", "dates", "marker"):
                    if listing.get(key):
                        assert getall(node, listing[key]) == select(node, listing[key]).getall()
                if listing.get("excerpt"):
                    assert selected_text(node, listing["excerpt"]) == _reparsed_excerpt(node, listing["excerpt"])
    assert seen > 40

