"""Finding dates written the ways donors write them (uk, ru, en, pl).

``find_dates(text)`` returns every date-like phrase with its position, the
date (year may be missing) and any time/zone written right after it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

# Month names in every grammatical form we meet, per month (uk, ru, en, pl).
MONTH_FORMS = {
    1: r"січ(?:ень|ня|ні)|январ[ьяе]|jan(?:uary)?|stycz(?:eń|en|nia|niu)",
    2: r"лют(?:ий|ого|ому)|феврал[ьяе]|feb(?:ruary)?|lut(?:y|ego|ym)",
    3: r"берез(?:ень|ня|ні)|март[ае]?|mar(?:ch)?|marz(?:ec|ca|cu)",
    4: r"квіт(?:ень|ня|ні)|апрел[ьяе]|apr(?:il)?|kwie(?:cień|cien|tnia|tniu)",
    5: r"трав(?:ень|ня|ні)|ма[йяе]|may|maj(?:a|u)?",
    6: r"черв(?:ень|ня|ні)|июн[ьяе]|june?|czerw(?:iec|ca|cu)",
    7: r"лип(?:ень|ня|ні)|июл[ьяе]|july?|lip(?:iec|ca|cu)",
    8: r"серп(?:ень|ня|ні)|август[ае]?|aug(?:ust)?|sierp(?:ień|ien|nia|niu)",
    9: r"верес(?:ень|ня|ні)|сентябр[ьяе]|sep(?:t(?:ember)?)?|wrze(?:sień|sien|śnia|snia|śniu|sniu)",
    10: r"жовт(?:ень|ня|ні)|октябр[ьяе]|oct(?:ober)?|październik(?:a|u)?|pazdziernik(?:a|u)?",
    11: r"листопад(?:а|і)?|ноябр[ьяе]|nov(?:ember)?|listopad(?:a|zie)?",
    12: r"груд(?:ень|ня|ні)|декабр[ьяе]|dec(?:ember)?|grud(?:zień|zien|nia|niu)",
}
MONTH_WORD = r"(?P<month>" + "|".join(MONTH_FORMS.values()) + r")\b\.?"
_MONTH_RES = [(re.compile(rf"(?:{forms})\Z", re.I), num) for num, forms in MONTH_FORMS.items()]

ZONES = {
    "cet": "Europe/Brussels", "cest": "Europe/Brussels", "brussels": "Europe/Brussels",
    "eet": "Europe/Kyiv", "eest": "Europe/Kyiv", "kyiv": "Europe/Kyiv", "київ": "Europe/Kyiv",
    "києва": "Europe/Kyiv", "kiev": "Europe/Kyiv", "romania": "Europe/Bucharest",
    "bucharest": "Europe/Bucharest", "warsaw": "Europe/Warsaw", "utc": "UTC", "gmt": "UTC",
}

YEAR = r"(?P<year>(?:19|20)\d\d)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|-?го|-?е)?"
TIME = r"(?:[,\s(]*(?:о|at|до|by|godz\.?|by)?\s*(?P<hour>[0-2]?\d)[:.](?P<minute>[0-5]\d)\s*(?:hrs?|год\.?)?\s*,?\s*(?:\(?(?P<zone>CET|CEST|EET|EEST|UTC|GMT|Brussels|Kyiv|Київ\w*|Kiev|Romania|Bucharest|Warsaw)\b[^)]*\)?)?)?"

PATTERNS = [
    # 2025-07-31
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    # 31.07.2025, 31/07/2025, 31.07.25
    re.compile(r"\b(?P<day>[0-3]?\d)[./](?P<mnum>[01]?\d)[./](?P<year>(?:19|20)?\d\d)\b" + TIME, re.I),
    # 31 July 2025, 31 липня 2025 року, 1-го серпня, 01-Aug-2025
    re.compile(r"\b" + DAY + r"[\s-]+" + MONTH_WORD + r"(?:[\s,-]+" + YEAR + r")?" + TIME, re.I),
    # July 31, 2025
    re.compile(r"\b" + MONTH_WORD + r"\s+" + DAY + r"(?:,?\s+" + YEAR + r")?" + TIME, re.I),
]


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    day: int
    month: int
    year: int | None
    time: dt.time | None = None
    zone: str | None = None

    def resolve(self, reference: dt.date | None) -> dt.date | None:
        """The date, taking a missing year from ``reference`` (the next such date on/after it)."""
        year = self.year
        if year is None:
            if reference is None:
                return None
            year = reference.year
            try:
                if dt.date(year, self.month, self.day) < reference - dt.timedelta(days=31):
                    year += 1
            except ValueError:
                return None
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return None


def _month_number(word: str) -> int | None:
    for regex, num in _MONTH_RES:
        if regex.match(word):
            return num
    return None


def _time_zone(match: re.Match) -> tuple[dt.time | None, str | None]:
    groups = match.groupdict()
    if groups.get("hour") is None:
        return None, None
    hour, minute = int(groups["hour"]), int(groups["minute"])
    if hour > 23:
        return None, None
    zone = groups.get("zone")
    tz = ZONES.get(zone.lower().rstrip("аиу")) if zone else None
    if zone and tz is None:
        tz = ZONES.get(zone.lower())
    return dt.time(hour, minute), tz


def find_dates(text: str) -> list[FoundDate]:
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            groups = m.groupdict()
            month = int(groups["mnum"]) if groups.get("mnum") else _month_number(groups["month"])
            if not month or not 1 <= month <= 12:
                continue
            day = int(groups["day"])
            year = groups.get("year")
            year_num = None
            if year:
                year_num = int(year) + (2000 if len(year) == 2 else 0)
            time, zone = _time_zone(m)
            found.append(FoundDate(m.start(), m.end(), day, month, year_num, time, zone))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda f: f.start)
