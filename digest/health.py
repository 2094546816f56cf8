"""Source health for the site: which sources failed or returned nothing this week.

Read from ``crawl_runs`` (one row per source per crawl) through the Store. A
source is *failed* when its latest run this week ended with errors, a finish
reason other than ``finished``, or no successful response; *empty* when it
finished but yielded no items; *not crawled* when it is enabled and has no run
since the week began.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from digest.safety import header_safe
from grantdigest.timeutil import parse_moment, KYIV
from storage import Store

PROBLEM_STATES = ("failed", "empty", "not_crawled")


@dataclass
class SourceHealth:
    source_id: str
    name: str
    state: str            # ok | failed | empty | not_crawled
    last_run: str = ""    # dd.mm.yyyy HH:MM, Kyiv
    items: int = 0
    detail: str = ""


@dataclass
class Health:
    since: str
    sources: list[SourceHealth] = field(default_factory=list)

    @property
    def problems(self) -> list[SourceHealth]:
        return [s for s in self.sources if s.state in PROBLEM_STATES]

    @property
    def ok_count(self) -> int:
        return sum(1 for s in self.sources if s.state == "ok")


def _ok_responses(run: dict) -> int:
    counts = run.get("status_counts") or {}
    return sum(int(n) for code, n in counts.items() if str(code).startswith(("2", "3")))


def run_state(run: dict) -> tuple[str, str]:
    """(state, detail) of one crawl run."""
    reason = run.get("finish_reason") or ""
    detail = header_safe(run.get("error_text") or "", 160)
    if run.get("errors") or (reason and reason != "finished") or not run.get("finished"):
        codes = ", ".join(f"{k}: {v}" for k, v in sorted((run.get("status_counts") or {}).items()))
        return "failed", detail or ", ".join(x for x in (reason or "not finished", codes) if x)
    if run.get("requests") and not _ok_responses(run) and run.get("status_counts"):
        codes = ", ".join(f"HTTP {k}: {v}" for k, v in sorted(run["status_counts"].items()))
        return "failed", codes
    if not run.get("items"):
        return "empty", detail
    return "ok", ""


def source_health(store: Store, since: str, lang: str = "uk") -> Health:
    key = "name_uk" if lang == "uk" else "name_en"
    sources = {s["id"]: s for s in store.sources()}
    latest: dict[str, dict] = {}
    for run in store.runs_since(since):
        latest[run["source_id"]] = run  # oldest first: the last one wins
    health = Health(since=since)
    for source_id in sorted(set(latest) | {sid for sid, s in sources.items() if s.get("enabled", 1)}):
        name = (sources.get(source_id) or {}).get(key) or source_id
        run = latest.get(source_id)
        if run is None:
            health.sources.append(SourceHealth(source_id, name, "not_crawled"))
            continue
        state, detail = run_state(run)
        moment = parse_moment(run.get("finished") or run.get("started"))
        when = f"{moment.astimezone(KYIV):%d.%m.%Y %H:%M}" if moment else ""
        health.sources.append(SourceHealth(source_id, name, state, when, run.get("items") or 0, detail))
    return health
