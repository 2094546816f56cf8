"""How a call reads: dates, amounts and labels formatted for one language.

Pure functions of a stored call; templates receive only finished strings.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from digest.safety import safe_url
from grantdigest import vocab
from grantdigest.status import days_left
from grantdigest.timeutil import KYIV, parse_date, parse_moment

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


def days_left_text(days: int, lang: str) -> str:
    """"11 днів залишилось", "1 день залишився", "3 дні залишилось"; 0: the last day."""
    if lang == "uk":
        if days == 0:
            return "сьогодні останній день"
        if days % 10 == 1 and days % 100 != 11:
            return f"{days} день залишився"
        if 2 <= days % 10 <= 4 and not 12 <= days % 100 <= 14:
            return f"{days} дні залишилось"
        return f"{days} днів залишилось"
    if days == 0:
        return "last day today"
    return f"{days} day left" if days == 1 else f"{days} days left"


def _format_value(field: str, value, call: dict, lang: str) -> str:
    """One old/new value of a call event, as a reader sees it."""
    if value in (None, "", "null"):
        return "—"
    text = str(value)
    if field == "deadline":
        if text == "rolling":
            return vocab.label(vocab.STATUSES, "rolling", lang)
        return format_date(text) if parse_iso(text) else text
    if field == "deadline_at":
        moment = parse_moment(text) if parse_iso(text) else None
        return f"{moment.astimezone(KYIV):%d.%m.%Y, %H:%M} {moment.astimezone(KYIV).tzname()}" if moment else text
    if field == "opening_date":
        return format_date(text) if parse_iso(text) else text
    if field == "amount_max":
        try:
            return format_amount(float(text), call.get("currency"), lang)
        except ValueError:
            return text
    if field in ("status", "source_status"):
        return vocab.label(vocab.STATUSES, text, lang)
    return text


def parse_iso(text: str) -> bool:
    try:
        dt.date.fromisoformat(text[:10])
        return True
    except ValueError:
        return False


FIELD_NAMES = {
    "deadline": ("дедлайн", "deadline"), "deadline_at": ("дедлайн", "deadline"),
    "opening_date": ("дата відкриття", "opening date"), "amount_max": ("сума", "amount"),
    "status": ("статус", "status"), "source_status": ("статус", "status"), "title": ("назва", "title"),
    "programme": ("програма", "programme"), "regions": ("області", "oblasts"),
    "applicants": ("хто може подаватися", "who may apply"), "themes": ("теми", "themes"),
}


def change_text(event: dict, call: dict, lang: str) -> str:
    """One event of ``call_events`` as a sentence: "дедлайн продовжено до 15.12.2025 (було 01.12.2025)"."""
    field = event.get("field") or ""
    name = vocab.label(FIELD_NAMES, field, lang) if field in FIELD_NAMES else field
    old = _format_value(field, event.get("old"), call, lang)
    new = _format_value(field, event.get("new"), call, lang)
    if event.get("kind") == "extended" and field in ("deadline", "deadline_at"):
        return (f"дедлайн продовжено до {new} (було {old})" if lang == "uk"
                else f"deadline extended to {new} (was {old})")
    if old == "—":
        return f"{name}: {new}"
    return f"{name}: {old} → {new}"


def change_view(event: dict, call: dict, lang: str, source_names: dict[str, str] | None = None) -> dict:
    at = parse_moment(event.get("at")) if event.get("at") else None
    return {
        "date": f"{at.astimezone(KYIV):%d.%m.%Y}" if at else "",
        "date_iso": f"{at.astimezone(KYIV):%Y-%m-%d}" if at else "",
        "text": change_text(event, call, lang),
        "kind": event.get("kind") or "changed",
        "source": (source_names or {}).get(event.get("source_id") or "", event.get("source_id") or ""),
    }


def call_view(call: dict, as_of: dt.date, lang: str, sources: list[dict] | None = None,
              changes: list[dict] | None = None, description=None) -> dict:
    left = days_left(call.get("deadline_at"), as_of) if call.get("deadline") != "rolling" else None
    return {
        "id": call["id"],
        "title": call.get("title") or "",
        "programme": call.get("programme") or "",
        "url": safe_url(call.get("url")),
        "deadline": format_deadline(call, lang),
        "deadline_iso": call.get("deadline") if call.get("deadline") != "rolling" else "",
        "days_left": left if left is not None and left >= 0 else None,
        "days_left_text": days_left_text(left, lang) if left is not None and left >= 0 else "",
        "opening": format_date(call.get("opening_date")) if call.get("status") == "forthcoming" else "",
        "status": call.get("status") or "unknown",
        "status_label": vocab.label(vocab.STATUSES, call.get("status") or "unknown", lang),
        "amount": format_amount(call.get("amount_max"), call.get("currency"), lang),
        "applicants": [vocab.label(vocab.APPLICANTS, a, lang) for a in call.get("applicants") or []],
        "regions": [vocab.label(vocab.REGIONS, r, lang) for r in call.get("regions") or []],
        "themes": [vocab.label(vocab.THEMES, t, lang) for t in call.get("themes") or []],
        "sources": sources or [],
        "changes": changes or [],
        "new": False,
        "description": description or "",
        "region_codes": " ".join(call.get("regions") or []),
        "applicant_codes": " ".join(call.get("applicants") or []),
        "theme_codes": " ".join(call.get("themes") or []),
    }
