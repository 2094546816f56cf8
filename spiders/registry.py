"""The source registry: ``spiders/sources.toml`` lists every source as data.

A new site of a known family is a new ``[[source]]`` entry, no new Python.
``load_registry()`` validates the file -- the common fields here, each
family's own settings in ``spiders.families`` -- and fails with one message
naming the file, the entry and the field.

``GRANTDIGEST_REGISTRY`` names another registry file (tests, benchmarks, a
draft checked with ``grantdigest sources check --registry FILE``).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grantdigest.errors import UserError
from grantdigest.vocab import REGIONS

DEFAULT_REGISTRY = Path(__file__).with_name("sources.toml")
REGISTRY_PATH = Path(os.environ.get("GRANTDIGEST_REGISTRY") or DEFAULT_REGISTRY)
FAMILIES = ("feed", "wordpress", "sitemap", "html", "api")
FREQUENCIES = {"hourly": 1, "daily": 24, "weekly": 24 * 7}
REQUIRED = ("id", "name_uk", "name_en", "family", "start_urls", "language")
COMMON = set(REQUIRED) | {"programme", "regions", "frequency", "enabled", "role"}
# "donor": the funder's or programme's own site (its facts win over reposts); "aggregator": reposts
ROLES = ("donor", "aggregator")
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Source:
    id: str
    name_uk: str
    name_en: str
    family: str
    start_urls: tuple[str, ...]
    language: str
    programme: str | None = None
    regions: tuple[str, ...] = ()
    frequency: str = "daily"
    enabled: bool = True
    role: str = "aggregator"
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """The family, with the adapter for the api family (``api/sedia``)."""
        adapter = self.settings.get("adapter")
        return f"{self.family}/{adapter}" if adapter else self.family

    def row(self) -> dict:
        """The source as a row of the ``sources`` table."""
        return {
            "id": self.id, "name_uk": self.name_uk, "name_en": self.name_en, "family": self.family,
            "start_url": self.start_urls[0], "language": self.language, "programme": self.programme,
            "regions": list(self.regions), "settings": {"frequency": self.frequency, "role": self.role, **self.settings},
            "enabled": int(self.enabled),
        }


def _source(entry: dict, where: str) -> Source:
    missing = [k for k in REQUIRED if not entry.get(k)]
    if missing:
        raise UserError(f"{where}: бракує полів {', '.join(missing)}")
    if not ID_RE.match(str(entry["id"])):
        raise UserError(f"{where}: id '{entry['id']}' — лише малі латинські літери, цифри й дефіс")
    if entry["family"] not in FAMILIES:
        raise UserError(f"{where}: невідома родина '{entry['family']}'; відомі: {', '.join(FAMILIES)}")
    frequency = entry.get("frequency", "daily")
    if frequency not in FREQUENCIES:
        raise UserError(f"{where}: невідома частота '{frequency}'; відомі: {', '.join(FREQUENCIES)}")
    if not isinstance(entry["start_urls"], list) or not all(
            str(u).startswith(("http://", "https://")) for u in entry["start_urls"]):
        raise UserError(f"{where}: start_urls має бути списком адрес http(s)")
    regions = entry.get("regions", [])
    unknown = [r for r in regions if r not in REGIONS]
    if unknown:
        raise UserError(f"{where}: невідомі коди областей {unknown}; очікується ISO 3166-2:UA (UA-46) або UA")
    role = entry.get("role", "aggregator")
    if role not in ROLES:
        raise UserError(f"{where}: невідома роль '{role}'; відомі: {', '.join(ROLES)}")
    settings = {k: v for k, v in entry.items() if k not in COMMON}
    return Source(
        id=entry["id"], name_uk=entry["name_uk"], name_en=entry["name_en"], family=entry["family"],
        start_urls=tuple(entry["start_urls"]), language=entry["language"],
        programme=entry.get("programme"), regions=tuple(regions),
        frequency=frequency, enabled=bool(entry.get("enabled", True)), role=role, settings=settings,
    )


def load_registry(path: str | Path | None = None, check_families: bool = True) -> list[Source]:
    # GRANTDIGEST_REGISTRY points crawls at another registry file (tests, staging)
    path = Path(path or os.environ.get("GRANTDIGEST_REGISTRY") or REGISTRY_PATH)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"реєстр джерел не знайдено: {path} (перевірте GRANTDIGEST_REGISTRY)") from None
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"{path}: помилка TOML: {exc}") from None
    sources, seen = [], set()
    for index, entry in enumerate(data.get("source", []), start=1):
        where = f"{path.name}, джерело №{index} ({entry.get('id', '?')})"
        source = _source(entry, where)
        if source.id in seen:
            raise UserError(f"{where}: id '{source.id}' повторюється")
        if check_families:
            from spiders.families import check_source  # families import Source from here

            problems = check_source(source)
            if problems:
                raise UserError(f"{where}: {problems[0]}")
        seen.add(source.id)
        sources.append(source)
    return sources


def get_source(source_id: str, sources: list[Source] | None = None) -> Source:
    sources = load_registry() if sources is None else sources
    for source in sources:
        if source.id == source_id:
            return source
    known = ", ".join(s.id for s in sources)
    raise UserError(f"невідоме джерело '{source_id}'; відомі: {known} (див. `grantdigest sources list`)")
