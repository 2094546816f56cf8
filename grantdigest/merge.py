"""Merging a call's fields from its sightings (first version: newest value wins)."""

from __future__ import annotations

CALL_FIELDS = ("title", "programme", "url", "deadline", "deadline_at", "deadline_tz", "opening_date", "amount_max",
               "currency", "applicants", "regions", "themes", "is_call", "kind", "source_status")


def merge_call(sightings: list[dict]) -> dict:
    """One call from its sightings: each field from the newest sighting that has it."""
    merged: dict = {}
    ordered = sorted(sightings, key=lambda s: (s.get("last_seen") or "", s.get("fetched_at") or ""))
    for sighting in ordered:
        for key in CALL_FIELDS:
            value = sighting.get(key)
            if value not in (None, "", []):
                merged[key] = value
    if sightings:
        merged["first_seen"] = min(s["fetched_at"] for s in sightings)
        merged["last_seen"] = max(s.get("last_seen") or s["fetched_at"] for s in sightings)
    # amount and currency travel together
    if merged.get("amount_max") is None:
        merged.pop("currency", None)
    return merged
