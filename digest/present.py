"""How a call reads: dates, amounts and labels formatted for one language.

Pure functions of a stored call; templates receive only finished strings.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from grantdigest import vocab
from grantdigest.status import days_left
from grantdigest.timeutil import parse_date, parse_moment

CURRENCY_SIGNS = {"UAH": "грн", "EUR": "€", "USD": "$", "PLN": "zł", "GBP": "£"}


def format_date(value: str | None) -> str:
    day = parse_date(value)
    return day.strftime("%d.%m.%Y") if day else ""


def format_deadline(call: dict, lang: str) -> str:
    """The date as the donor announced it, plus the time and zone when stated."""
    deadline = call.get("deadline")
    if not deadline:
        return ""
    if deadline == "rolling":
        return vocab.label(vocab.STATUSES, "rolling", lang)
    text = format_date(deadline)
    moment, zone = parse_moment(call.get("deadline_at")), call.get("deadline_tz")
    if moment and zone:
        local = moment.astimezone(ZoneInfo(zone))
        text += f", {local:%H:%M} {local.tzname()}"
    return text


def format_amount(amount: float | None, currency: str | None, lang: str) -> str:
    if amount is None:
        return ""
    number = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,.2f}"
    if lang == "uk":
        number = number.replace(",", "\u00a0").replace(".", ",")
        return f"до {number} {currency or ''}".strip()
    return f"up to {number} {currency or ''}".strip()


def call_view(call: dict, as_of: dt.date, lang: str, sources: list[dict] | None = None) -> dict:
    left = days_left(call.get("deadline_at"), as_of) if call.get("deadline") != "rolling" else None
    return {
        "id": call["id"],
        "title": call.get("title") or "",
        "programme": call.get("programme") or "",
        "url": call.get("url") or "",
        "deadline": format_deadline(call, lang),
        "deadline_iso": call.get("deadline") if call.get("deadline") != "rolling" else "",
        "days_left": left if left is not None and left >= 0 else None,
        "opening": format_date(call.get("opening_date")) if call.get("status") == "forthcoming" else "",
        "status": call.get("status") or "unknown",
        "status_label": vocab.label(vocab.STATUSES, call.get("status") or "unknown", lang),
        "amount": format_amount(call.get("amount_max"), call.get("currency"), lang),
        "applicants": [vocab.label(vocab.APPLICANTS, a, lang) for a in call.get("applicants") or []],
        "regions": [vocab.label(vocab.REGIONS, r, lang) for r in call.get("regions") or []],
        "themes": [vocab.label(vocab.THEMES, t, lang) for t in call.get("themes") or []],
        "sources": sources or [],
    }
