"""Extraction and classification of one announcement (title + text).

``extract()`` is the one entry point: the crawl pipeline, ``grantdigest
extract`` and ``grantdigest eval`` all call it. Each field has its own module
(deadline, amount, ...); this module only puts them together.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from grantdigest.extract.amount import find_amount
from grantdigest.extract.deadline import find_deadline

NOT_CALL = [
    ("vacancy", re.compile(r"ваканс\w*|vacanc\w*|we are hiring|job opening|оголошує набір на посаду|вакансия", re.I)),
    ("tender", re.compile(r"тендер\w*|закупівл\w*|procurement|request for quotations?|\bRFQ\b|tender", re.I)),
    ("results", re.compile(r"результат\w* конкурс\w*|переможц\w*|winners|results of the call|підсумки", re.I)),
]
CALL_WORDS = re.compile(r"грант\w*|конкурс\w*|call for|funding|фінансуван\w*|subgrant|grant|nabór|stypend\w*|стипенд\w*", re.I)


@dataclass
class Extraction:
    title: str | None = None
    is_call: bool = False
    kind: str = "other"
    deadline: str | None = None       # ISO date as announced, "rolling", or None
    deadline_at: str | None = None    # UTC moment (ISO, Z)
    deadline_tz: str | None = None    # zone of a stated time; None for a date only
    opening_date: str | None = None
    amount_max: float | None = None
    currency: str | None = None
    applicants: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    programme: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def classify_kind(title: str, text: str) -> tuple[bool, str]:
    head = title or text[:200]
    for kind, pattern in NOT_CALL:
        if pattern.search(head):
            return False, kind
    if CALL_WORDS.search(head) or CALL_WORDS.search(text[:1500]):
        return True, "grant"
    return False, "news"


def extract(text: str, title: str | None = None, published: dt.date | None = None,
            as_of: dt.date | None = None) -> Extraction:
    """Read the fields of one announcement. ``published`` (or ``as_of``) gives missing years."""
    reference = published or as_of
    result = Extraction(title=title)
    full = f"{title}\n{text}" if title else text
    deadline = find_deadline(full, reference)
    if deadline:
        result.deadline, result.deadline_at, result.deadline_tz = deadline.date, deadline.at, deadline.tz
    amount = find_amount(full)
    if amount:
        result.amount_max = int(amount.value) if amount.value.is_integer() else amount.value
        result.currency = amount.currency
    result.is_call, result.kind = classify_kind(title or "", text)
    return result
