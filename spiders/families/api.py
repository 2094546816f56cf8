"""API family: JSON APIs whose answers have a shape of their own.

Each API gets a small adapter (a subclass of :class:`ApiSourceSpider`,
listed in ``spiders.families.ADAPTERS``); the registry entry names it with
``adapter = "sedia"`` and gives its parameters as data.
"""

from __future__ import annotations

from spiders.families.base import SourceSpider


class ApiSourceSpider(SourceSpider):
    SETTINGS = {"adapter": "який адаптер читає це API (sedia, diia)"}
    REQUIRED_SETTINGS = ("adapter",)
