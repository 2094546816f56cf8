"""Extraction and classification of one announcement (title + text).

``extract()`` is the one entry point: the crawl pipeline, ``grantdigest extract``
and ``grantdigest eval`` all call it. Each field has its own module (dates,
published, deadline, amount, applicants, regions, classify, themes, programme);
``announcement`` puts them together. No network, no model: rules written for
uk, en, pl and ru wording.
"""

# ``extract`` and ``Extraction`` live in ``announcement`` and are loaded on first use: a module
# that needs one field's rules (the crawl's spiders read list dates with ``dates``) does not
# load every module of extraction with it.
_LAZY = {"extract", "Extraction"}
__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        from grantdigest.extract import announcement

        return getattr(announcement, name)
    raise AttributeError(f"module 'grantdigest.extract' has no attribute {name!r}")
