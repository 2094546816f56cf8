"""When a text was written: the reference that gives a yearless date its year.

In order of trust (see DECISIONS "Dates"): page metadata (passed in by the caller),
a date in the URL path (``/2025/01/29/``, ``/2025-10-17-slug``, ``/31/08/2023/``, ``/01.05.2023/``),
a publication date stated in the text ("Published: 2026-05-29", "опубліковано 21
січня 2025 року", a date alone on one of the first lines), and, failing those, the
dates the text mentions (the earliest of the recent ones), or a year it names
("у 2021-му"). The caller falls back to the as-of date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from grantdigest.extract.dates import FoundDate, find_dates

URL_DATES = [
    re.compile(r"/(?P<y>20\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?:/|\b)"),
    re.compile(r"(?:/|\b)(?P<y>20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:\b|[-_/])"),
    re.compile(r"/(?P<d>[0-3]?\d)[/-](?P<m>[01]?\d)[/-](?P<y>20\d\d)(?:/|\b)"),
    re.compile(r"/(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>20\d\d)(?=/|[-_]|\.html?\b|$)"),      # /01.05.2023/, /07.11.2024-slug
    re.compile(r"/(?P<y>20\d\d)\.(?P<m>[01]?\d)\.(?P<d>[0-3]?\d)(?=/|[-_]|\.html?\b|$)"),      # /2023.05.01/
    re.compile(r"/(?P<y>20\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)/"),
    re.compile(r"/(?P<y>20\d\d)/(?P<m>[01]?\d)/(?=[^/\d])"),
]
PUBLISHED_LABEL = re.compile(
    r"(?:опубліковано|оприлюднено|дата публікації|дата оприлюднення|дата оголошення|опубликовано|дата публикации"
    r"|published(?: on)?|posted(?: \(date\))?(?: on)?|date posted|publication date|release date|date of publication"
    r"|data publikacji|opublikowano|data dodania|dodano)\W{0,4}$", re.I)
NOT_PUBLISHED = re.compile(r"дедлайн|deadline|термін|строк|до\s*$|until|closing|due|termin|срок|apply|подан", re.I)
YEAR_MENTION = re.compile(r"(?<![\d-])(?P<year>20\d\d)(?![\d])\s*(?:-?(?:го|му|й|м)\b|року|році|рік|р\.|roku|r\.|году|год"
                          r"|edition|season|call)", re.I)


@dataclass(frozen=True)
class Reference:
    date: dt.date
    how: str            # "url", "stated", "first-line", "mentioned", "year"

    @property
    def exact(self) -> bool:
        return self.how in ("url", "stated", "first-line", "given")


def date_from_url(url: str | None) -> dt.date | None:
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I)
    for pattern in URL_DATES:
        m = pattern.search(path)
        if not m:
            continue
        try:
            return dt.date(int(m.group("y")), int(m.group("m")), int(m.groupdict().get("d") or 1))
        except ValueError:
            continue
    return None


def stated_publication(text: str, dates: list[FoundDate] | None = None) -> Reference | None:
    """A publication date the text states: after a label, or alone on one of its first lines."""
    dates = find_dates(text) if dates is None else dates
    for found in dates:
        if found.year is None:
            continue
        before = text[max(0, found.start - 40):found.start]
        line_before = before.rsplit("\n", 1)[-1]
        if PUBLISHED_LABEL.search(line_before):
            day = found.resolve(None)
            if day:
                return Reference(day, "stated")
    head_end = _nth_line_end(text, 6)
    for found in dates:
        if found.start >= head_end or found.year is None:
            continue
        line_start = text.rfind("\n", 0, found.start) + 1
        line_end = text.find("\n", found.end)
        line = text[line_start:len(text) if line_end < 0 else line_end]
        rest = (text[line_start:found.start] + " " + text[found.end:len(text) if line_end < 0 else line_end])
        if NOT_PUBLISHED.search(text[line_start:found.start]):
            continue
        # A line that is (almost) only the date: "05.01.2024 08:39", "17 / 07 / 2024", "date 2023-10-19".
        leftover = re.sub(r"[\W\d_]+", " ", rest).split()
        if len(leftover) <= 2 and len(line) < 60:
            day = found.resolve(None)
            if day:
                return Reference(day, "first-line")
    return None


def _nth_line_end(text: str, n: int) -> int:
    position = 0
    for _ in range(n):
        nxt = text.find("\n", position)
        if nxt < 0:
            return len(text)
        position = nxt + 1
        while position < len(text) and text[position] == "\n":
            position += 1
    return position


def mentioned_reference(text: str, dates: list[FoundDate] | None = None) -> Reference | None:
    """Without a stated date: the earliest of the dates the text mentions that are within a
    year of its latest one (older ones are history), else a year it names."""
    dates = find_dates(text) if dates is None else dates
    full = [d for d in (f.resolve(None) for f in dates if f.year is not None) if d]
    if full:
        latest = max(full)
        recent = [d for d in full if (latest - d).days <= 366]
        return Reference(min(recent), "mentioned")
    years = [int(m.group("year")) for m in YEAR_MENTION.finditer(text)]
    if years:
        return Reference(dt.date(years[0], 1, 1), "year")
    return None


def publication_reference(text: str, published: dt.date | None = None, url: str | None = None,
                          dates: list[FoundDate] | None = None) -> Reference | None:
    if published:
        return Reference(published, "given")
    from_url = date_from_url(url)
    if from_url:
        return Reference(from_url, "url")
    dates = find_dates(text) if dates is None else dates
    return stated_publication(text, dates) or mentioned_reference(text, dates)
