"""The one item schema every spider yields."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class CallItem:
    """One announcement as seen on one source.

    Structured fields (deadline, amount, ...) are filled only when the source
    states them as data (an API field, a list page's deadline column);
    everything else is read from ``text`` by ``grantdigest.extract``.

    ``state`` tells the pipeline what to do: ``fresh`` items are ingested;
    ``unchanged`` ones (a known detail page whose list entry did not change,
    so it was not downloaded again) only move ``last_seen``; ``filtered`` ones
    (read, but outside the source's scope, e.g. not open to Ukraine) are
    remembered so the page is not fetched again, and not stored as calls.
    """

    source_id: str
    url: str
    title: str
    text: str = ""                       # plain text of the announcement
    published: str | None = None         # ISO date or datetime of publication
    source_item_id: str | None = None    # the source's own id (topic id, post id, slug)
    language: str | None = None
    deadline: str | None = None          # ISO date as announced, or "rolling"
    deadline_at: str | None = None       # UTC moment when the source gives one
    deadline_tz: str | None = None       # IANA zone the time was stated in; None = date only
    opening_date: str | None = None
    amount_max: float | None = None
    currency: str | None = None
    programme: str | None = None
    regions: list[str] = field(default_factory=list)
    applicants: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    is_call: bool | None = None
    kind: str | None = None
    source_status: str | None = None     # the source's own status code/label
    links: list[str] = field(default_factory=list)   # outgoing links in the announcement
    extra: dict[str, Any] = field(default_factory=dict)
    # How the crawl met this announcement (not stored as call fields):
    page_marker: str | None = None       # the list's version stamp of the page (lastmod, modified, hash)
    state: str = "fresh"                 # fresh | unchanged (known page, not re-fetched) | filtered (out of scope)
