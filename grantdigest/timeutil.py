"""Dates and moments: Europe/Kyiv by default, the donor's zone when stated.

A deadline has two values (see README "Deadlines"):
- ``deadline``: the date as the donor announced it (ISO ``YYYY-MM-DD``);
- ``deadline_at``: the exact moment in UTC, when a time and zone are given,
  otherwise the end of that date in Europe/Kyiv.
A date-only value is never shifted by converting zones.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

KYIV = ZoneInfo("Europe/Kyiv")
UTC = dt.timezone.utc


def today_kyiv() -> dt.date:
    return dt.datetime.now(KYIV).date()


def parse_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def end_of_day(day: dt.date, tz: dt.tzinfo = KYIV) -> dt.datetime:
    """The last second of ``day`` in ``tz``, as an aware datetime in UTC."""
    local = dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=tz)
    return local.astimezone(UTC)


def deadline_moment(day: dt.date, time: dt.time | None = None, tz: dt.tzinfo | None = None) -> dt.datetime:
    """The UTC moment of a deadline announced as ``day`` (and maybe a time in a zone)."""
    if time is None:
        return end_of_day(day, tz or KYIV)
    return dt.datetime.combine(day, time, tzinfo=tz or KYIV).astimezone(UTC)


def iso_utc(moment: dt.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_moment(value: str | None) -> dt.datetime | None:
    """Parse an ISO moment (``Z`` or an offset) into an aware UTC datetime."""
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    # SEDIA writes "+0000"; fromisoformat in 3.11 accepts "+00:00" only.
    if len(text) > 5 and text[-5] in "+-" and text[-4:].isdigit():
        text = text[:-2] + ":" + text[-2:]
    moment = dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def now_utc() -> dt.datetime:
    return dt.datetime.now(UTC)


def now_iso() -> str:
    return iso_utc(now_utc())
