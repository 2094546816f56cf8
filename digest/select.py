"""Choosing and grouping the calls of one digest, as of a date.

A :class:`Week` is the language-neutral state of one weekly digest: the current
calls (not closed, soonest deadline first), which of them are new since the last
digest, and what changed (from ``call_events``). A :class:`Digest` is a week
presented in one language, optionally filtered for one reader.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from digest.present import call_view, change_view
from digest.strings import STRINGS
from grantdigest.status import as_of_moment, compute_status
from grantdigest.timeutil import iso_utc
from storage import Store

FAR_FUTURE = "9999-12-31T23:59:59Z"
SNAPSHOT_FIELDS = ("id", "title", "programme", "url", "deadline", "deadline_at", "deadline_tz", "opening_date",
                   "amount_max", "currency", "applicants", "regions", "themes", "status", "first_seen")
FIRST_DIGEST_DAYS = 7  # with no earlier digest, "new" means first seen in the week before the as-of date


@dataclass
class DigestFilter:
    """Who the digest is for: empty means no restriction.

    A call that states no oblasts, applicants or themes is kept (nothing rules it out);
    a call open to "UA" matches every oblast.
    """

    regions: tuple[str, ...] = ()
    applicants: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()

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
        if self.programmes and (call.get("programme") or "") not in self.programmes:
            return False
        return True


@dataclass
class Week:
    as_of: dt.date
    period: str
    since: str                                   # ISO UTC: "new" and "changed" count from here
    calls: list[dict]                            # current calls, soonest deadline first
    new_ids: set[str] = field(default_factory=set)
    events: dict[str, list[dict]] = field(default_factory=dict)  # call id -> its events since ``since``

    def changed(self) -> list[dict]:
        return [c for c in self.calls if c["id"] in self.events]

    def new(self) -> list[dict]:
        return [c for c in self.calls if c["id"] in self.new_ids]


@dataclass
class Digest:
    as_of: dt.date
    lang: str
    period: str
    since: str = ""
    closing_soon: list[dict] = field(default_factory=list)
    open: list[dict] = field(default_factory=list)
    rolling: list[dict] = field(default_factory=list)
    forthcoming: list[dict] = field(default_factory=list)
    new: list[dict] = field(default_factory=list)       # also listed in the groups above
    changed: list[dict] = field(default_factory=list)   # also listed in the groups above
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


def with_status(call: dict, as_of: dt.date) -> dict:
    call["status"] = compute_status(call.get("deadline"), call.get("deadline_at"), call.get("opening_date"), as_of)
    return call


def sort_key(call: dict) -> tuple[str, str]:
    return (call.get("deadline_at") or FAR_FUTURE, call.get("title") or "")


def current_calls(store: Store, as_of: dt.date, flt: DigestFilter | None = None) -> list[dict]:
    """Calls that are still open or forthcoming at ``as_of``, soonest deadline first."""
    flt = flt or DigestFilter()
    calls = [with_status(c, as_of) for c in store.calls("coalesce(is_call, 1) = 1")]
    return sorted((c for c in calls if c["status"] != "closed" and flt.matches(c)), key=sort_key)


def week_since(store: Store, as_of: dt.date) -> str:
    """Where "new since the last digest" starts: when the previous week's digest was made."""
    previous = store.previous_digest_week(iso_week(as_of))
    if previous:
        return previous["created_at"]
    return iso_utc(as_of_moment(as_of) - dt.timedelta(days=FIRST_DIGEST_DAYS))


def load_week(store: Store, as_of: dt.date, since: str | None = None) -> Week:
    since = since or week_since(store, as_of)
    calls = current_calls(store, as_of)
    current = {c["id"] for c in calls}
    events: dict[str, list[dict]] = {}
    for event in store.events(since=since):
        if event["call_id"] in current:
            events.setdefault(event["call_id"], []).append(event)
    new_ids = {c["id"] for c in calls if (c.get("first_seen") or "") >= since}
    return Week(as_of=as_of, period=iso_week(as_of), since=since, calls=calls, new_ids=new_ids, events=events)


def week_snapshot(week: Week) -> dict:
    """What a week's archive page needs, language-neutral (kept in ``digest_weeks``)."""
    closing = [c["id"] for c in week.calls if c["status"] == "closing_soon"]
    keep = set(closing) | week.new_ids | set(week.events)
    return {
        "calls": {c["id"]: {k: c.get(k) for k in SNAPSHOT_FIELDS} for c in week.calls if c["id"] in keep},
        "new": [c["id"] for c in week.calls if c["id"] in week.new_ids],
        "changed": {cid: evs for cid, evs in week.events.items()},
        "closing_soon": closing,
        "current": len(week.calls),
    }


def source_names(store: Store, lang: str) -> dict[str, str]:
    key = "name_uk" if lang == "uk" else "name_en"
    return {s["id"]: s.get(key) or s["id"] for s in store.sources()}


def sources_view(sightings: list[dict], names: dict[str, str]) -> list[dict]:
    """Every place a call was seen: one entry per URL, oldest first."""
    from digest.present import format_date
    from digest.safety import safe_url

    seen: dict[str, dict] = {}
    for s in sightings:
        seen.setdefault(s["url"], {"name": names.get(s["source_id"], s["source_id"]), "url": safe_url(s["url"]),
                                   "shown_url": s["url"], "first_seen": format_date((s.get("fetched_at") or "")[:10])})
    return list(seen.values())


def sources_of(store: Store, call_id: str, names: dict[str, str]) -> list[dict]:
    return sources_view(store.sightings_of(call_id), names)


def present_week(week: Week, lang: str, flt: DigestFilter | None = None,
                 sightings: dict[str, list[dict]] | None = None, names: dict[str, str] | None = None,
                 descriptions: dict | None = None) -> Digest:
    """The week in one language, optionally filtered; each call viewed once and shared by the groups."""
    names = names or {}
    digest = Digest(as_of=week.as_of, lang=lang, period=week.period, since=week.since)
    programmes: Counter[str] = Counter()
    for call in week.calls:
        if flt and not flt.matches(call):
            continue
        changes = [change_view(e, call, lang, names) for e in week.events.get(call["id"], [])]
        view = call_view(call, week.as_of, lang,
                         sources_view(sightings.get(call["id"], []), names) if sightings is not None else None,
                         changes, (descriptions or {}).get(call["id"]))
        view["new"] = call["id"] in week.new_ids
        group = {"closing_soon": digest.closing_soon, "forthcoming": digest.forthcoming,
                 "rolling": digest.rolling, "unknown": digest.rolling}.get(call["status"], digest.open)
        group.append(view)
        if view["new"]:
            digest.new.append(view)
        if changes:
            digest.changed.append(view)
        programmes[call.get("programme") or "—"] += 1
    digest.by_programme = sorted(programmes.items(), key=lambda kv: (-kv[1], kv[0]))
    return digest


def build_digest(store: Store, as_of: dt.date, lang: str = "uk", flt: DigestFilter | None = None,
                 with_sources: bool = True, week: Week | None = None) -> Digest:
    week = week or load_week(store, as_of)
    names = source_names(store, lang)
    sightings = store.sightings_by_call() if with_sources else None
    return present_week(week, lang, flt, sightings, names)
