"""Generic spider families; a source picks one in the registry."""

from spiders.families.feed import FeedSourceSpider
from spiders.families.html import HtmlSourceSpider
from spiders.families.sedia import SediaSourceSpider

FAMILY_CLASSES = {
    "feed": FeedSourceSpider,
    "html": HtmlSourceSpider,
    "sedia": SediaSourceSpider,
}
