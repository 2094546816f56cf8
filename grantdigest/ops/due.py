"""Which sources a scheduled crawl takes: each at most as often as its registry ``frequency``.

A source is due when its last good crawl (finished, with items or without
errors) started at least one interval ago, less a tenth of the interval so a
daily job that starts a few seconds earlier than yesterday still takes it.
A source whose last crawl failed (site down, killed crawl) stays due, so the
next scheduled run retries it.
"""

from __future__ import annotations

import datetime as dt

from grantdigest.timeutil import parse_moment
from spiders.registry import FREQUENCIES, Source

SLACK = 0.1


def interval(source: Source) -> dt.timedelta:
    return dt.timedelta(hours=FREQUENCIES.get(source.frequency, 24))


def is_due(source: Source, last_good: str | None, now: dt.datetime) -> bool:
    if not source.enabled:
        return False
    started = parse_moment(last_good) if last_good else None
    if started is None:
        return True
    return now - started >= interval(source) * (1 - SLACK)


def due_sources(sources: list[Source], last_good: dict[str, str], now: dt.datetime) -> list[Source]:
    return [s for s in sources if is_due(s, last_good.get(s.id), now)]
