"""Deadlines: find the date attached to a deadline label, not just any date.

Returns the date as announced plus, when the text gives a time and zone,
the exact moment. ``"rolling"`` for open-ended calls.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from grantdigest.extract.dates import FoundDate, find_dates
from grantdigest.timeutil import deadline_moment, iso_utc

# Words that put a deadline after them (uk, ru, en, pl). Order does not matter.
LABELS = re.compile(
    r"дедлайн|кінцев\w* термін|термін\w* (?:подач\w*|подання)|крайн\w* термін|подати заявк\w* (?:можна )?до"
    r"|приймаю?ть?ся до|прийом\w* заявок\w*(?: триває)? до|продовжено до|до\s+(?=\d)"
    r"|дедлайн|срок\w* подачи|прием\w* заявок\w*(?: продлится)? до|продлен\w* до"
    r"|deadline|closing date|submission[s]? (?:by|until|before)|apply (?:by|before|until)|until|due (?:date|by)"
    r"|termin\w* (?:składania|naboru)|nabór\w* (?:trwa )?do|\bdo\s+(?=\d)",
    re.I,
)
ROLLING = re.compile(
    r"безстроков\w*|на постійній основі|без дедлайну|rolling|open until filled|ongoing basis|no deadline"
    r"|бессрочн\w*|на постоянной основе|bez terminu|nabór ciągły",
    re.I,
)
KYIV_ZONE = "Europe/Kyiv"
LABEL_WINDOW = 80  # characters between a label and its date


@dataclass(frozen=True)
class Deadline:
    date: str                 # ISO date as announced, or "rolling"
    at: str | None = None     # UTC moment (ISO, Z): the stated time, or the end of the day in Kyiv
    tz: str | None = None     # IANA zone of a stated time; None when only a date was given


def _to_deadline(found: FoundDate, reference: dt.date | None) -> Deadline | None:
    day = found.resolve(reference)
    if day is None:
        return None
    zone = (found.zone or KYIV_ZONE) if found.time else None
    moment = deadline_moment(day, found.time, ZoneInfo(zone) if zone else None)
    return Deadline(day.isoformat(), iso_utc(moment), zone)


def find_deadline(text: str, reference: dt.date | None = None) -> Deadline | None:
    """The application deadline in ``text``; ``reference`` supplies a missing year."""
    dates = find_dates(text)
    labelled: list[FoundDate] = []
    for label in LABELS.finditer(text):
        following = [d for d in dates if label.start() <= d.start <= label.end() + LABEL_WINDOW]
        if following:
            labelled.append(following[0])
    candidates = [c for c in (_to_deadline(d, reference) for d in labelled) if c]
    if candidates:
        if reference is None:
            return min(candidates, key=lambda c: c.date)
        upcoming = [c for c in candidates if c.date >= reference.isoformat()]
        # The next deadline still ahead; if all have passed, the last one.
        return min(upcoming, key=lambda c: c.date) if upcoming else max(candidates, key=lambda c: c.date)
    if ROLLING.search(text):
        return Deadline("rolling")
    return None
