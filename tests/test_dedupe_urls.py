"""Canonical URLs: the spellings of one page become one (identity rule 2)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grantdigest.dedupe.links import identifying_links, is_roundup
from grantdigest.urls import canonical_url, registered_domain, slug_words

SAME_PAGE = [
    # scheme, www., trailing slash, fragment
    ("http://www.prostir.ua/?grants=test-call#comments", "https://prostir.ua/?grants=test-call"),
    # tracking parameters (utm_*, fbclid, gclid, mc_*) and their order
    ("https://houseofeurope.org.ua/en/opportunity/72?fbclid=IwAR1zrrCIj&utm_source=fb",
     "https://houseofeurope.org.ua/en/opportunity/72"),
    ("https://example.org/call?id=5&utm_medium=email&mc_cid=abc&gclid=x", "https://example.org/call?id=5"),
    # AMP and mobile variants
    ("https://0362.ua/amp/news/1157494/na-rivnensini", "https://0362.ua/news/1157494/na-rivnensini"),
    ("https://lenta.lviv.ua/society/2020/04/22/223379-amp.html", "https://lenta.lviv.ua/society/2020/04/22/223379.html"),
    ("https://m.example.org/news/grant-call/amp/", "https://example.org/news/grant-call"),
    ("https://istoknews.com/stipendija/31/08/2023/35003/?amp=1", "https://istoknews.com/stipendija/31/08/2023/35003"),
    ("https://www.google.com/amp/s/www.example.org/news/a", "https://example.org/news/a"),
    ("https://www-example-org.cdn.ampproject.org/c/s/www.example.org/news/a", "https://example.org/news/a"),
    # percent-encoding (lower/upper case hex, raw Unicode)
    ("https://pravdorub.live/%d0%b0%d1%81%d0%be", "https://pravdorub.live/асо"),
    # presentation parameters, index pages, repeated slashes, default port, session ids
    ("https://pl-ua.eu/en/news/3217?bigger_font_size=contrast", "https://pl-ua.eu/en/news/3217"),
    ("https://www.nawa.gov.pl/en/landing?layout=default&print=1&tmpl=component", "https://nawa.gov.pl/en/landing"),
    ("HTTPS://Example.ORG:443//a//b/index.html", "https://example.org/a/b"),
    ("https://example.org/news/x;jsessionid=ABC?PHPSESSID=1&x=1", "https://example.org/news/x?x=1"),
    # a Facebook redirect wrapper
    ("https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.org%2Fcall%3Futm_medium%3Dx&h=AT0",
     "https://example.org/call"),
    # trailing punctuation picked up from running text
    ("https://www.m4eg.eu/uk/about-m4eg/.", "https://m4eg.eu/uk/about-m4eg"),
]


@pytest.mark.parametrize("variant, page", SAME_PAGE)
def test_spellings_of_one_page_are_one(variant, page):
    assert canonical_url(variant) == canonical_url(page)


@pytest.mark.parametrize("a, b", [
    ("https://prostir.ua/?grants=call-a", "https://prostir.ua/?grants=call-b"),   # the query names the page
    ("https://opportunitiesforyouth.org/?p=76321", "https://opportunitiesforyouth.org/?p=76322"),
    ("https://example.org/news/1", "https://example.org/news/2"),
    ("https://example.org/call?lang=en", "https://example.org/call?lang=uk"),     # language is content
    ("https://a.example.org/x", "https://b.example.org/x"),
])
def test_different_pages_stay_different(a, b):
    assert canonical_url(a) != canonical_url(b)


@given(st.sampled_from([v for v, _ in SAME_PAGE] + [p for _, p in SAME_PAGE]),
       st.sampled_from(["", "utm_source=x", "#top", "/"]))
def test_canonical_url_is_idempotent(url, suffix):
    once = canonical_url(url)
    assert canonical_url(once) == once
    if suffix == "utm_source=x":
        suffix = ("&" if "?" in once else "?") + suffix
    elif suffix == "/" and "?" in once:
        suffix = ""
    assert canonical_url(once + suffix) == once


def test_registered_domain_and_slug():
    assert registered_domain("creativeeurope.in.ua") == "creativeeurope.in.ua"
    assert registered_domain("news.decentralization.gov.ua") == "decentralization.gov.ua"
    assert registered_domain("ngo.krakow.pl") == "krakow.pl"
    assert slug_words("https://grant.market/opp/umx-call") == ["umx", "call"]


def test_identifying_links_drop_own_site_profiles_and_home_pages():
    links = ["https://houseofeurope.org.ua/opportunity/479", "https://oth.nlu.org.ua/?p=1",  # own site
             "https://www.facebook.com/house.of.europe", "https://www.dar.gov.ua", "https://dar.gov.ua/programs",
             "https://docs.google.com/forms/d/e/1FAIpQLSeuVK/viewform?usp=sf_link",
             "https://houseofeurope.org.ua/opportunity/479?utm_source=x"]   # a repeat
    assert identifying_links(links, "https://oth.nlu.org.ua/?p=7705") == [
        "https://houseofeurope.org.ua/opportunity/479",
        "https://docs.google.com/forms/d/e/1FAIpQLSeuVK/viewform?usp=sf_link"]


def test_a_post_linking_three_sites_is_a_roundup():
    assert not is_roundup(["https://fed.org.pl/call-4", "https://docs.google.com/forms/d/x/viewform"])
    assert is_roundup(["https://fed.org.pl/call-4", "https://gov.pl/web/dyplomacja/polska-pomoc",
                       "https://interregeurope.eu/news/third-call"])
