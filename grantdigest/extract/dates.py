"""Finding dates written the ways donors write them (uk, ru, en, pl).

``find_dates(text)`` returns every date-like phrase with its position, the date
(the year may be missing) and a time/zone written right before or after it:
"31 липня 2025 року", "1-го серпня", "31.07.2025", "31/07/25", "2025-07-31",
"July 31, 2025", "Saturday, October 10, 2020", "07-Jul-2025", "20-Sep-23",
"17 / 07 / 2024", "до 23:00 5 лютого", "15:00 on June 15, 2020", "31 sierpnia br.
(16:00 CEST)", "до 17.10.2025 р., до 23:59 за центральноєвропейським часом".
A range whose first day has no month ("з 1 по 20 червня") gives the first day
the month and year of the second. A yearless date at the end of a line takes the year
that stands alone on the next line ("29 January" / "2026").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from grantdigest.extract.text import LITERALS, beginnings, ci, fold, matches_at

# Month names in every grammatical form we meet, per month (uk, ru, en, pl).
MONTH_FORMS = {
    1: r"січ(?:ень|ня|ні)|январ[ьяею]|jan(?:uary)?|stycz(?:eń|en|nia|niu)",
    2: r"лют(?:ий|ого|ому)|феврал[ьяею]|feb(?:ruary)?|lut(?:y|ego|ym)",
    3: r"берез(?:ень|ня|ні)|март[ае]?|mar(?:ch)?|marz(?:ec|ca|cu)|marc(?:a|u)",
    4: r"квіт(?:ень|ня|ні)|апрел[ьяею]|apr(?:il)?|kwie(?:cień|cien|tnia|tniu)",
    5: r"трав(?:ень|ня|ні)|ма[йяею]|may|maj(?:a|u)?",
    6: r"черв(?:ень|ня|ні)|июн[ьяею]|june?|czerw(?:iec|ca|cu)",
    7: r"лип(?:ень|ня|ні)|июл[ьяею]|july?|lip(?:iec|ca|cu)",
    8: r"серп(?:ень|ня|ні)|август[ае]?|aug(?:ust)?|sierp(?:ień|ien|nia|niu)",
    9: r"верес(?:ень|ня|ні)|сентябр[ьяею]|sep(?:t(?:ember)?)?|wrze(?:sień|sien|śnia|snia|śniu|sniu)",
    10: r"жовт(?:ень|ня|ні)|октябр[ьяею]|oct(?:ober)?|październik(?:a|u)?|pazdziernik(?:a|u)?",
    11: r"листопад(?:а|і)?|ноябр[ьяею]|nov(?:ember)?|listopad(?:a|zie)?",
    12: r"груд(?:ень|ня|ні)|декабр[ьяею]|dec(?:ember)?|grud(?:zień|zien|nia|niu)",
}
# An abbreviation may end with a full stop ("Sept.", "Jan."); a full name's stop ends the sentence.
MONTH_WORD = r"(?P<month>" + "|".join(MONTH_FORMS.values()) + r")(?![\w])(?:(?<=\b\w{3})\.|(?<=\b\w{4})\.)?"
_MONTH_RES = [(re.compile(rf"(?:{forms})\Z", re.I), num) for num, forms in MONTH_FORMS.items()]

# Zones as donors write them; "за київським часом", "(Brussels time)", "CEST", "UTC+3".
ZONE_WORDS = [
    (r"cest|cet|brussels|bruxelles|brussels time|central european(?: summer)? time|центральноєвропейськ\w*"
     r"|центральноевропейск\w*|брюссельськ\w*|czasu środkowoeuropejskiego", "Europe/Brussels"),
    (r"eest|eet|kyiv|kiev|київськ\w*|киевск\w*|києва|киева|kijowskiego", "Europe/Kyiv"),
    (r"warsaw|warszaw\w*|czasu polskiego|варшавськ\w*", "Europe/Warsaw"),
    (r"paris|paryskiego|паризьк\w*", "Europe/Paris"),
    (r"bucharest|romania|bukareszt\w*|бухарест\w*", "Europe/Bucharest"),
    (r"london|bst|лондонськ\w*", "Europe/London"),
    (r"utc|gmt", "UTC"),
]
_ZONE_RES = [(re.compile(rf"(?:{p})\Z", re.I), zone) for p, zone in ZONE_WORDS]
ZONE = "|".join(p for p, _ in ZONE_WORDS)

YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|-?го|-?е|-?ого)?"
WEEKDAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
           r"|понеділок|вівторок|середа|четвер|п'ятниця|субота|неділя"
           r"|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье"
           r"|poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela)\.?,?\s+")
YEAR_WORD = r"(?:\s*(?:року|рік|р\.|р(?![\w])|года|год|г\.|roku|r\.|rok))?"
# A time after a date: ", 16:00", "(16:00 CEST)", "до 23:59 за центральноєвропейським часом",
# "do godz. 12.00", "5:00 PM (Brussels time)", "at 23:59 (UTC+3)", "о 18:00 за київським часом".
TIME_AFTER = (
    r"(?:[\s,;(]*(?:–|-|—)?\s*(?:о|об|до|at|by|before|until|by|godz\.?|do\s+godz\.?|do|в|не\s+пізніше|"
    r"не\s+позднее|no\s+later\s+than|not\s+later\s+than)?\s*"
    r"(?P<hour>[0-2]?\d)(?:[:.](?P<minute>[0-5]\d)(?!\s?[./-]\s?\d)|\s*(?=[ap]\.?m\.?))\s*"
    r"(?P<ampm>[ap]\.?\s?m\.?)?\s*(?:hrs?\.?|год(?:ин[аи]?)?\.?|h(?![\w]))?\s*"
    r"(?P<zonepart>\(?\s*(?:(?:за|по|czasu|time|\(|,)\s*)?(?:(?P<offset>(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d\d)?)"
    r"|(?P<zone>" + ZONE + r"))(?:\s*(?:часом|времени|time|czasu))?\s*\)?)?)?"
)
# A time written before a date: "до 23:00 5 лютого", "15:00 28 квітня", "15:00 on June 15".
TIME_BEFORE = ci(r"(?P<hour>[0-2]?\d)[:.](?P<minute>[0-5]\d)\s*(?:год\.?|hrs?)?\s*(?:\(?(?P<zone>" + ZONE +
                 r")\)?\s*)?,?\s*(?:on|,)?\s*\Z")

PATTERNS = [
    # 2025-07-31, 2025-07-31T12:00
    ci(r"(?<![\d.])(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)(?![\d])"
               r"(?:T(?P<hour>[0-2]\d):(?P<minute>[0-5]\d))?"),
    # 31.07.2025, 31/07/2025, 31.07.25, 31-07-2025, 17 / 07 / 2024
    ci(r"(?<![\d.,/])(?P<day>[0-3]?\d)\s?(?P<sep>[./-])\s?(?P<mnum>[01]?\d)\s?(?P=sep)\s?"
               r"(?P<year>(?:19|20)\d\d|\d\d)(?![\d])" + YEAR_WORD + TIME_AFTER),
    ci(r"(?<![\d.,/])(?P<day>[0-3]?\d) / (?P<mnum>[01]?\d) / (?P<year>(?:19|20)\d\d)(?![\d])"),
    # 07-Jul-2025, 20-Sep-23
    ci(r"(?<![\w])" + r"(?P<day>[0-3]?\d)-" + MONTH_WORD + r"-(?P<year>(?:19|20)?\d\d)(?![\d])" + TIME_AFTER),
    # 31 July 2025, 31 липня 2025 року, 1-го серпня, 15 of June, 14 July, 2024
    ci(r"(?<![\w.,])" + DAY + r"(?:\s+of)?[\s-]+" + MONTH_WORD + r"(?:[\s,]+" + YEAR + r")?" + YEAR_WORD
       + TIME_AFTER),
    # July 31, 2025; Saturday, October 10, 2020
    ci(r"(?<![\w])(?:" + WEEKDAY + r")?" + MONTH_WORD + r"\s+" + DAY + r"(?![\d])(?:,?\s+" + YEAR + r")?"
       + TIME_AFTER),
]
# A range: "з 1 по 20 червня", "від 4 до 31 травня 2023", "1–20 June", "od 1 do 15 marca".
RANGE_HEAD = re.compile(r"(?:з|із|від|с|from|od|between)?\s*(?P<day>[0-3]?\d)(?:-?го)?\s*(?:по|до|-|–|—|to|till|until|"
                        r"through|and|do)\s*\Z", re.I)


@dataclass(frozen=True)
class FoundDate:
    start: int
    end: int
    day: int
    month: int
    year: int | None
    time: dt.time | None = None
    zone: str | None = None           # IANA zone name ("Europe/Brussels", "Etc/GMT-3" for UTC+3)
    text: str = ""

    def resolve(self, reference: dt.date | None, slack_days: int = 0) -> dt.date | None:
        """The date; a missing year is the one that makes it the next such date on or after
        ``reference`` (minus ``slack_days``). Without a reference, a yearless date is None."""
        year = self.year
        if year is None:
            if reference is None:
                return None
            year = reference.year
            try:
                if dt.date(year, self.month, self.day) < reference - dt.timedelta(days=slack_days):
                    year += 1
            except ValueError:
                if self.month == 2 and self.day == 29:
                    return None
                return None
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return None


def month_number(word: str) -> int | None:
    word = word.rstrip(".")
    for regex, num in _MONTH_RES:
        if regex.match(word):
            return num
    return None


def zone_name(word: str | None) -> str | None:
    if not word:
        return None
    word = word.strip().lower()
    for regex, zone in _ZONE_RES:
        if regex.match(word):
            return zone
    return None


def _offset_zone(text: str) -> str | None:
    m = re.match(r"(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?(\d\d))?", text.strip(), re.I)
    if not m:
        return None
    hours, minutes = int(m.group(2)), int(m.group(3) or 0)
    if hours > 14 or minutes:
        return None
    if hours == 0:
        return "UTC"
    # IANA names fixed offsets with the sign reversed: UTC+3 is "Etc/GMT-3".
    return f"Etc/GMT{'-' if m.group(1) == '+' else '+'}{hours}"


def _time(groups: dict) -> tuple[dt.time | None, str | None]:
    if groups.get("hour") is None:
        return None, None
    hour, minute = int(groups["hour"]), int(groups.get("minute") or 0)
    ampm = (groups.get("ampm") or "").replace(".", "").replace(" ", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or (groups.get("minute") is None and not ampm):
        return None, None
    zone = _offset_zone(groups["offset"]) if groups.get("offset") else zone_name(groups.get("zone"))
    return dt.time(hour, minute), zone


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    value = int(raw)
    return value + 2000 if len(raw) == 2 else value


# Where PATTERNS can match: each of the first five starts at the first digit of a run of digits (a lookbehind
# rules out a digit before it), the year of 2025-07-31 being the whole run of four, a day one or two digits of
# it; the last starts with a weekday or a month word (LITERALS knows where they are in a long text). Trying each
# pattern only there finds the same matches as scanning every position, several times faster (text.matches_at).
_DIGITS = re.compile(r"\d+")
_WORDS = re.compile(r"\w+")
# (the last pattern is an optional weekday, then a month word)
_weekday, _month = beginnings(ci(WEEKDAY)), beginnings(ci(MONTH_WORD))
_WORD_DATE_BEGINNINGS = _weekday | _month if _weekday and _month else frozenset()


def _candidates(text: str) -> list[list[int]]:
    # what each of the first five patterns needs right after its run of digits: "-" after a year of four
    # (2025-07-31); after a day of one or two, a separator (31.07, 31 .07), " / ", "-" (07-Jul), or a blank,
    # "-" or the letters of 1st, 1-го, 1-е ("1 липня")
    out: list[list[int]] = [[], [], [], [], []]
    for m in _DIGITS.finditer(text):
        start, end = m.span()
        after = text[end:end + 1]
        if end - start == 4:
            if after == "-":
                out[0].append(start)
        elif end - start <= 2 and after:
            second = text[end + 1:end + 2]
            if after in "./-" or (second and second in "./-"):
                out[1].append(start)
            if text.startswith(" / ", end):
                out[2].append(start)
            if after == "-":
                out[3].append(start)
            if after in "snrt-гео" or after.isspace():
                out[4].append(start)
    words = None
    if _WORD_DATE_BEGINNINGS:
        words = LITERALS.starts(text, _WORD_DATE_BEGINNINGS & LITERALS.present(text))
    out.append([m.start() for m in _WORDS.finditer(text)] if words is None else words)
    return out


def find_dates(text: str) -> list[FoundDate]:
    """Every date-like phrase in ``text``, in order of position."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    original, text = text, fold(text)
    for pattern, starts in zip(PATTERNS, _candidates(text)):
        for m in matches_at(pattern, text, starts):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            groups = m.groupdict()
            if groups.get("mnum"):
                month = int(groups["mnum"])
                day = int(groups["day"])
                if month > 12 and day <= 12 and groups.get("sep") == "/":
                    day, month = month, day          # US order, when it can only be that
            else:
                month = month_number(groups["month"])
                day = int(groups["day"])
            if not month or not 1 <= month <= 12 or not 1 <= day <= 31:
                continue
            year = _year(groups.get("year"))
            if year is not None and not 1990 <= year <= 2100:
                continue
            if groups.get("sep") and year is not None and len(groups["year"]) == 2 and groups["sep"] == "-":
                continue                                  # "12-05-24" is more often a code than a date
            time, zone = _time(groups)
            end = m.end()
            if time is None and groups.get("hour") is not None:
                end = m.start("hour") if m.start("hour") > 0 else end
            start = m.start()
            if time is None:
                before = TIME_BEFORE.search(text[max(0, start - 24):start])
                if before and int(before.group("hour")) <= 23:
                    time = dt.time(int(before.group("hour")), int(before.group("minute")))
                    zone = zone_name(before.group("zone"))
            if time is not None and zone is None:
                zone = _zone_nearby(text[end:end + 60])
            found.append(FoundDate(start, end, day, month, year, time, zone, original[start:end].rstrip(" ,;(")))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda f: f.start)
    found = [_year_on_next_line(original, f) for f in found]
    return _complete_ranges(original, found)


# A page that breaks the line between a date and its year: "29 January" / "2026", "до 14 березня" / "2025 року",
# "29 January" / "By 2026" — a line that holds only the year (after at most one short word).
NEXT_LINE_YEAR = re.compile(r"[ \t,]*\n\s*(?:[^\W\d_]{1,3}\.?\s+)?(?P<year>(?:19|20)\d\d)"
                            r"(?:\s*(?:р\.|року|рік|roku|r\.|года|г\.))?[ \t.,;:]*(?:\n|\Z)")


def _year_on_next_line(text: str, date: FoundDate) -> FoundDate:
    if date.year is not None:
        return date
    m = NEXT_LINE_YEAR.match(text, date.end)
    return replace(date, year=int(m.group("year"))) if m else date


def _zone_nearby(after: str) -> str | None:
    """A zone written just after a date's time: "(за київським часом)", "(Kyiv time)"."""
    m = re.match(r"[\s,(]*(?:за|по|czasu|time)?\s*(?P<zone>" + ZONE + r")", after, re.I)
    if m:
        return zone_name(m.group("zone"))
    m = re.match(r"[\s,(]*(?P<offset>(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d\d)?)", after, re.I)
    return _offset_zone(m.group("offset")) if m else None


def _complete_ranges(text: str, found: list[FoundDate]) -> list[FoundDate]:
    """Give a range's first date the year of the second ("з 15 листопада по 3 грудня 2023"),
    and add the first day of "з 1 по 20 червня" as a date of its own."""
    out: list[FoundDate] = []
    for i, date in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        if (date.year is None and nxt is not None and nxt.year is not None
                and re.fullmatch(r"\s*(?:по|до|-|–|—|to|till|until|through|and|do|і|та|и)\s*(?:\d{1,2}[:.]\d\d\s*)?",
                                 text[date.end:nxt.start], re.I)
                and text[date.end:nxt.start].strip()):
            later = (date.month, date.day) > (nxt.month, nxt.day)
            date = replace(date, year=nxt.year - 1 if later else nxt.year)
        head = RANGE_HEAD.search(text[max(0, date.start - 20):date.start])
        if head and not (out and out[-1].end >= date.start - 20 + head.start()):
            day = int(head.group("day"))
            if 1 <= day < date.day:
                start = date.start - (len(text[max(0, date.start - 20):date.start]) - head.start("day"))
                out.append(FoundDate(start, start + len(head.group("day")), day, date.month, date.year,
                                     text=head.group("day")))
        out.append(date)
    return out
