"""Generic spider families; a source picks one in the registry (``family``),
and an ``api`` source picks its adapter (``adapter``)."""

from __future__ import annotations

from spiders.families.api import ApiSourceSpider
from spiders.families.diia import DiiaApiSpider
from spiders.families.feed import FeedSourceSpider
from spiders.families.html import HtmlSourceSpider
from spiders.families.sedia import SediaSourceSpider
from spiders.families.sitemap import SitemapSourceSpider
from spiders.families.wordpress import WordpressSourceSpider
from spiders.registry import Source

FAMILY_CLASSES = {
    "feed": FeedSourceSpider,
    "wordpress": WordpressSourceSpider,
    "sitemap": SitemapSourceSpider,
    "html": HtmlSourceSpider,
    "api": ApiSourceSpider,
}
ADAPTERS = {
    "sedia": SediaSourceSpider,
    "diia": DiiaApiSpider,
}


def family_class(source: Source) -> type:
    """The spider class that serves a source: its family, or its API adapter."""
    if source.family == "api":
        return ADAPTERS[source.settings["adapter"]]
    return FAMILY_CLASSES[source.family]


def check_source(source: Source) -> list[str]:
    """Problems in a source's family settings (empty = fine)."""
    if source.family == "api" and source.settings.get("adapter") not in ADAPTERS:
        return [f"невідомий adapter '{source.settings.get('adapter')}'; відомі: {', '.join(ADAPTERS)}"]
    return family_class(source).check(source)
