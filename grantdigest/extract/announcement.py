"""Reading one announcement: ``extract()`` puts the field modules together.

Each field has its own module (dates, published, deadline, amount, applicants,
regions, classify, themes, programme); this one only combines them. No network,
no model: rules written for uk, en, pl and ru wording.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from operator import attrgetter

from grantdigest.extract.amount import find_amount
from grantdigest.extract.applicants import find_applicants
from grantdigest.extract.classify import classify_kind
from grantdigest.extract.dates import find_dates
from grantdigest.extract.deadline import Deadline, find_deadline, opening_date
from grantdigest.extract.programme import find_programme
from grantdigest.extract.published import Reference, publication_reference
from grantdigest.extract.regions import find_regions
from grantdigest.extract.text import normalize
from grantdigest.extract.themes import find_themes


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
        """``dataclasses.asdict(self)``: the same dict (its lists copies), without the generic deep copy."""
        return {name: [*value] if type(value) is list else value
                for name, value in zip(_FIELDS, attrgetter(*_FIELDS)(self))}


_FIELDS = tuple(f.name for f in fields(Extraction))


def extract(text: str, title: str | None = None, published: dt.date | None = None,
            as_of: dt.date | None = None) -> Extraction:
    """Read the fields of one announcement.

    A date without a year takes it from ``published`` (page metadata or the URL), else
    from a publication date the text states or the dates it mentions, else ``as_of``.
    """
    text = normalize(text or "")
    title = normalize(title).strip() if title else None
    full = f"{title}\n{text}" if title else text
    dates = find_dates(full)
    reference = publication_reference(full, published, dates=dates)
    if reference is None and as_of is not None:
        reference = Reference(as_of, "as-of")
    result = Extraction(title=title)
    deadline: Deadline | None = find_deadline(full, reference, dates)
    if deadline:
        result.deadline, result.deadline_at, result.deadline_tz = deadline.date, deadline.at, deadline.tz
    result.opening_date = opening_date(full, reference, dates)
    amount = find_amount(full, len(title) + 1 if title else 0)
    if amount:
        result.amount_max = int(amount.value) if float(amount.value).is_integer() else round(amount.value, 2)
        result.currency = amount.currency
    result.is_call, result.kind = classify_kind(title or "", text, has_deadline=bool(deadline and deadline.date != "rolling"),
                                                rolling=bool(deadline and deadline.date == "rolling"),
                                                has_amount=amount is not None,
                                                deadline_strength=deadline.strength if deadline else 0)
    result.applicants = find_applicants(text, title)
    result.regions = find_regions(text, title)
    result.themes = find_themes(text, title)
    result.programme = find_programme(text, title)
    return result
