"""Status of a call relative to an as-of date (README "Status").

forthcoming: opens after the as-of date; open: can apply now;
closing_soon: open and the deadline is within CLOSING_SOON_DAYS;
closed: the deadline has passed; rolling: open-ended; unknown: no dates.
"""

from __future__ import annotations

import datetime as dt

from grantdigest.timeutil import KYIV, end_of_day, parse_date, parse_moment

CLOSING_SOON_DAYS = 14
STATUSES = ("forthcoming", "open", "closing_soon", "closed", "rolling", "unknown")
LISTED_STATUSES = ("forthcoming", "open", "closing_soon", "rolling", "unknown")


def as_of_moment(as_of: dt.date) -> dt.datetime:
    """The as-of date means the start of that day in Kyiv."""
    return dt.datetime.combine(as_of, dt.time(0, 0), tzinfo=KYIV)


def compute_status(deadline: str | None, deadline_at: str | None, opening_date: str | None,
                   as_of: dt.date) -> str:
    start = as_of_moment(as_of)
    opening = parse_date(opening_date)
    if opening and opening > as_of:
        return "forthcoming"
    if deadline == "rolling":
        return "rolling"
    moment = parse_moment(deadline_at) if deadline_at else None
    if moment is None and deadline:
        moment = end_of_day(parse_date(deadline))
    if moment is None:
        return "unknown"
    if moment < start:
        return "closed"
    if moment - start <= dt.timedelta(days=CLOSING_SOON_DAYS):
        return "closing_soon"
    return "open"


def days_left(deadline_at: str | None, as_of: dt.date) -> int | None:
    moment = parse_moment(deadline_at)
    if moment is None:
        return None
    return (moment.astimezone(KYIV).date() - as_of).days
