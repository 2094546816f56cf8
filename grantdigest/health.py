"""Source health: what one crawl of a source did, and whether it looks wrong.

A run records requests, responses by status, items, new items and field
completeness (the share of items with a title, a URL, a deadline). A source
is flagged when a run

- ``failed``: an error, a blocked/challenge page, or the crawl did not finish;
- ``no_items``: the source gave no entries at all (empty list, changed
  layout, unreadable answer) -- a filter that keeps none of several entries is
  not this;
- ``completeness_drop``: the share of items with a field fell by more than
  ``DROP`` against the median of the source's earlier runs.

``grantdigest sources check`` shows these per source; the digest may show
flagged sources (``flagged_sources``).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from storage import Store

FIELDS = ("title", "url", "deadline")
DROP = 0.30          # an absolute fall of 30 percentage points is "sharp"
HISTORY = 5          # earlier runs the drop is measured against
FLAG_TEXT = {
    "failed": ("помилка", "failed"),
    "no_items": ("жодного оголошення", "no items"),
    "completeness_drop": ("різко менше повних оголошень", "completeness dropped"),
    "never_run": ("ще не збиралося", "never crawled"),
}


def completeness(run: dict) -> dict[str, float | None]:
    """Share of the run's items that have each field (None when there were no items)."""
    items = run.get("items") or 0
    return {f: (round((run.get(f"with_{f}") or 0) / items, 3) if items else None) for f in FIELDS}


def run_flags(run: dict, earlier: list[dict]) -> list[str]:
    """The flags of one finished run, given the same source's earlier finished runs."""
    flags = []
    if (run.get("errors") or 0) > 0 or run.get("finish_reason") not in (None, "finished"):
        flags.append("failed")
    if not (run.get("entries") or 0) and not (run.get("too_old") or 0):
        flags.append("no_items")
    now = completeness(run)
    for name in FIELDS:
        before = [c for r in earlier[:HISTORY] if (c := completeness(r)[name]) is not None]
        if now[name] is not None and before and statistics.median(before) - now[name] > DROP:
            flags.append("completeness_drop")
            break
    return flags


@dataclass
class SourceHealth:
    source_id: str
    enabled: bool = True
    last_run: dict | None = None
    flags: list[str] = field(default_factory=list)

    @property
    def completeness(self) -> dict[str, float | None]:
        return completeness(self.last_run or {})

    @property
    def ok(self) -> bool:
        return not self.flags


def source_health(store: Store, source_ids: list[str], enabled: dict[str, bool] | None = None) -> list[SourceHealth]:
    """Health of each source from its latest finished run (``never_run`` if it has none)."""
    out = []
    for sid in source_ids:
        runs = store.source_runs(sid, limit=HISTORY + 1)
        health = SourceHealth(sid, (enabled or {}).get(sid, True))
        if runs:
            health.last_run = runs[0]
            health.flags = run_flags(runs[0], runs[1:])
        else:
            health.flags = ["never_run"]
        out.append(health)
    return out


def flagged_sources(store: Store, source_ids: list[str]) -> list[SourceHealth]:
    """Sources whose latest run is flagged (for the digest's "sources with problems")."""
    return [h for h in source_health(store, source_ids) if h.flags and h.flags != ["never_run"]]


def flag_label(flag: str, lang: str = "uk") -> str:
    uk, en = FLAG_TEXT.get(flag, (flag, flag))
    return uk if lang == "uk" else en
