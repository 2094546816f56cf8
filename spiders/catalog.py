"""One Scrapy spider per registry source, generated from ``sources.toml``.

``scrapy list`` and ``scrapy crawl ID`` find these; the family class (or the
API adapter) does the work, the generated class only binds it to its source.
"""

from __future__ import annotations

from spiders.families import family_class
from spiders.registry import Source, load_registry


def spider_class(source: Source) -> type:
    base = family_class(source)
    class_name = "".join(part.capitalize() for part in source.id.replace("_", "-").split("-")) + "Spider"
    return type(class_name, (base,), {"name": source.id, "source": source, "__module__": __name__})


SPIDERS = {source.id: spider_class(source) for source in load_registry()}
globals().update({cls.__name__: cls for cls in SPIDERS.values()})
