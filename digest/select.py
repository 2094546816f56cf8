"""Choosing and grouping the calls of one digest, as of a date."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from digest.present import call_view
from digest.strings import STRINGS
from grantdigest.status import compute_status
from storage import Store

FAR_FUTURE = "9999-12-31T23:59:59Z"


@dataclass
class DigestFilter:
    """Who the digest is for: empty means no restriction."""

    regions: tuple[str, ...] = ()      # a call open to "UA" matches every oblast
    applicants: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()

    def matches(self, call: dict) -> bool:
        regions = set(call.get("regions") or [])
        if self.regions and regions and not ("UA" in regions or regions & set(self.regions)):
            return False
        applicants = set(call.get("applicants") or [])
        if self.applicants and applicants and not applicants & set(self.applicants):
            return False
        themes = set(call.get("themes") or [])
        if self.themes and themes and not themes & set(self.themes):
            return False
        return True


@dataclass
class Digest:
    as_of: dt.date
    lang: str
    period: str
    closing_soon: list[dict] = field(default_factory=list)
    open: list[dict] = field(default_factory=list)
    rolling: list[dict] = field(default_factory=list)
    forthcoming: list[dict] = field(default_factory=list)
    by_programme: list[tuple[str, int]] = field(default_factory=list)

    @property
    def strings(self) -> dict[str, str]:
        return STRINGS[self.lang]

    @property
    def count(self) -> int:
        return len(self.closing_soon) + len(self.open) + len(self.rolling) + len(self.forthcoming)

    def all_calls(self) -> list[dict]:
        return self.closing_soon + self.open + self.rolling + self.forthcoming


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def current_calls(store: Store, as_of: dt.date, flt: DigestFilter | None = None) -> list[dict]:
    """Calls that are still open or forthcoming at ``as_of``, soonest deadline first."""
    flt = flt or DigestFilter()
    calls = []
    for call in store.calls("coalesce(is_call, 1) = 1"):
        call["status"] = compute_status(call.get("deadline"), call.get("deadline_at"),
                                        call.get("opening_date"), as_of)
        if call["status"] != "closed" and flt.matches(call):
            calls.append(call)
    return sorted(calls, key=lambda c: (c.get("deadline_at") or FAR_FUTURE, c.get("title") or ""))


def sources_of(store: Store, call_id: str, names: dict[str, str]) -> list[dict]:
    seen = {}
    for s in store.sightings_of(call_id):
        seen.setdefault(s["url"], {"name": names.get(s["source_id"], s["source_id"]), "url": s["url"],
                                   "first_seen": s["fetched_at"][:10]})
    return list(seen.values())


def build_digest(store: Store, as_of: dt.date, lang: str = "uk", flt: DigestFilter | None = None,
                 with_sources: bool = True) -> Digest:
    key = "name_uk" if lang == "uk" else "name_en"
    names = {s["id"]: s[key] for s in store.sources()}
    digest = Digest(as_of=as_of, lang=lang, period=iso_week(as_of))
    programmes: Counter[str] = Counter()
    for call in current_calls(store, as_of, flt):
        view = call_view(call, as_of, lang, sources_of(store, call["id"], names) if with_sources else None)
        group = {"closing_soon": digest.closing_soon, "forthcoming": digest.forthcoming,
                 "rolling": digest.rolling, "unknown": digest.rolling}.get(call["status"], digest.open)
        group.append(view)
        programmes[call.get("programme") or "—"] += 1
    digest.by_programme = sorted(programmes.items(), key=lambda kv: (-kv[1], kv[0]))
    return digest
