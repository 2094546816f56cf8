"""Merging a call's fields from its sightings, with a documented preference.

Every sighting is kept; the call shows one value per field, taken from one
sighting (and the fields that travel together — deadline with its moment and
zone, amount with its currency — from the same one). Which sighting:

**Origin rank** — how close a sighting is to the donor:

- 2, the donor's own page: the source is the funder's own channel (registry
  ``role = "donor"``/``"official"``, or a family that reads a funder's API:
  ``sedia``), or another sighting of the call links to this very page (it is
  the original the reposts point to);
- 1, on the donor's site: another sighting links to a page on this site;
- 0, an aggregator or news site.

**Statement day** — the day the sighting's current content was first seen
(``changed_at``: a re-crawled page whose text changed counts from that day).

- The **deadline** comes from the newest statement (a later day wins: an
  extension seen later beats the original date); on the same day the higher
  origin rank wins, then the later publication.
- **Every other field** (title, URL, programme, amount, applicants, regions,
  themes, kind) comes from the highest origin rank; within a rank from the
  newest statement, then the later publication.

A roundup (a post linking to three or more sites) is a place the call was
seen, never the source of its facts, unless the call has nothing else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from grantdigest.urls import canonical_url, registered_domain, url_host

CALL_FIELDS = ("title", "programme", "url", "deadline", "deadline_at", "deadline_tz", "opening_date", "amount_max",
               "currency", "applicants", "regions", "themes", "is_call", "kind", "source_status")
DEADLINE_GROUP = ("deadline", "deadline_at", "deadline_tz")
AMOUNT_GROUP = ("amount_max", "currency")
SINGLE_FIELDS = ("title", "programme", "url", "opening_date", "applicants", "regions", "themes", "is_call", "kind",
                 "source_status")
MERGE_COLUMNS = ("id", "source_id", "url", "canonical_url", "links", "fp_links", "fp_roundup", "published",
                 "fetched_at", "last_seen", "changed_at", *CALL_FIELDS)   # what merging reads of a sighting
OFFICIAL_FAMILIES = {"sedia"}           # families that read a funder's own API
OFFICIAL_ROLES = {"donor", "official", "programme"}
DONOR, DONOR_SITE, AGGREGATOR = 2, 1, 0


@dataclass
class MergedCall:
    fields: dict
    provenance: dict[str, str] = field(default_factory=dict)   # field -> sighting id it came from
    ranks: dict[str, int] = field(default_factory=dict)        # sighting id -> origin rank


def official_sources(sources: list[dict]) -> set[str]:
    """Source ids that are a funder's own channel (registry rows from ``Store.sources``)."""
    out = set()
    for source in sources:
        settings = source.get("settings") or {}
        role = settings.get("role") if isinstance(settings, dict) else None
        if source.get("family") in OFFICIAL_FAMILIES or role in OFFICIAL_ROLES:
            out.add(source["id"])
    return out


def _links(sighting: dict) -> list[str]:
    links = sighting.get("fp_links")
    if isinstance(links, str):
        links = json.loads(links)
    if links is None:
        links = [canonical_url(u) for u in sighting.get("links") or [] if isinstance(u, str)]
    return links


def origin_ranks(sightings: list[dict], official: set[str] | frozenset[str] = frozenset()) -> dict[str, int]:
    ranks = {}
    for sighting in sightings:
        others = [link for other in sightings if other is not sighting for link in _links(other)]
        page = sighting.get("canonical_url") or canonical_url(sighting.get("url") or "")
        if sighting.get("source_id") in official or page in others:
            ranks[sighting["id"]] = DONOR
        elif others and (site := registered_domain(url_host(page))) and \
                site in {registered_domain(url_host(link)) for link in others}:   # (a call's only sighting: no site to find)
            ranks[sighting["id"]] = DONOR_SITE
        else:
            ranks[sighting["id"]] = AGGREGATOR
    return ranks


def _stated(sighting: dict) -> str:
    return (sighting.get("changed_at") or sighting.get("fetched_at") or "")[:10]


def _present(value) -> bool:
    return value not in (None, "", [])


def merge_sightings(sightings: list[dict], official: set[str] | frozenset[str] = frozenset()) -> MergedCall:
    """The call's fields from its sightings, with where each came from."""
    ranks = origin_ranks(sightings, official)
    everyone = sightings
    # a roundup is a place the call was seen, not a statement of its facts
    sightings = [s for s in sightings if not s.get("fp_roundup")] or sightings

    def general(s):
        return (ranks[s["id"]], _stated(s), s.get("published") or "", s.get("fetched_at") or "", s["id"])

    def newest(s):
        return (_stated(s), ranks[s["id"]], s.get("published") or "", s.get("fetched_at") or "", s["id"])

    merged: dict = {}
    provenance: dict[str, str] = {}
    for key in SINGLE_FIELDS:
        having = [s for s in sightings if _present(s.get(key))]
        if having:
            best = _best(having, general)
            merged[key], provenance[key] = best[key], best["id"]
    for group, order, lead in ((DEADLINE_GROUP, newest, "deadline"), (AMOUNT_GROUP, general, "amount_max")):
        having = [s for s in sightings if _present(s.get(lead))]
        if having:
            best = _best(having, order)
            for key in group:
                merged[key], provenance[key] = best.get(key), best["id"]
    if everyone:
        merged["first_seen"] = min(s["fetched_at"] for s in everyone)
        merged["last_seen"] = max(s.get("last_seen") or s["fetched_at"] for s in everyone)
    return MergedCall(merged, provenance, ranks)


def _best(sightings: list[dict], order) -> dict:
    """The last in ``order`` (a call's only sighting is its best without comparing)."""
    return sightings[0] if len(sightings) == 1 else max(sightings, key=order)


def merge_call(sightings: list[dict], official: set[str] | frozenset[str] = frozenset()) -> dict:
    """One call's fields from its sightings (see the module docstring)."""
    return merge_sightings(sightings, official).fields
