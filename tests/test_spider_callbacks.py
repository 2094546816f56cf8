"""Scrapy's own check for a generator callback that returns a value is off in the crawl
settings (it re-reads the callback's source per page, see spiders/settings.py); it is made
here once, over every family's callbacks."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import scrapy
from scrapy.utils.misc import is_generator_with_return_value

import spiders.families
from spiders import settings


def _family_spiders() -> list[type]:
    found = set()
    for module in pkgutil.iter_modules(spiders.families.__path__):
        loaded = importlib.import_module(f"spiders.families.{module.name}")
        for _, value in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(value, scrapy.Spider) and value.__module__.startswith("spiders."):
                found.add(value)
    return sorted(found, key=lambda cls: cls.__qualname__)


def _callbacks(cls: type) -> list:
    return [getattr(cls, name) for name in dir(cls)
            if (name.startswith("parse") or name.startswith("_parse")) and inspect.isfunction(getattr(cls, name))]


def test_the_settings_turn_scrapys_per_page_check_off():
    assert settings.WARN_ON_GENERATOR_RETURN_VALUE is False


def test_no_family_callback_is_a_generator_that_returns_a_value():
    classes = _family_spiders()
    assert len(classes) >= 6, classes  # every family module was found
    checked = [fn for cls in classes for fn in _callbacks(cls)]
    assert any(inspect.isgeneratorfunction(fn) for fn in checked)
    offenders = [f"{fn.__module__}.{fn.__qualname__}" for fn in checked if is_generator_with_return_value(fn)]
    assert offenders == []


def test_the_check_finds_a_generator_that_returns_a_value():
    def parse(response):
        yield response
        return "lost"

    assert is_generator_with_return_value(parse)
