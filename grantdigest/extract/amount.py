"""Amounts: the largest sum one applicant or project can receive, with currency."""

from __future__ import annotations

import re
from dataclasses import dataclass

CURRENCIES = [
    (r"грн\.?|гривен\w*|гривн\w*|uah|₴", "UAH"),
    (r"€|eur\w*|євро|евро", "EUR"),
    (r"\$|usd|дол\w*\s*сша|доларів|долларов|dollars?", "USD"),
    (r"zł|pln|злот\w*", "PLN"),
    (r"£|gbp|фунт\w*", "GBP"),
    (r"chf|франк\w*", "CHF"),
]
CURRENCY = "|".join(f"(?:{p})" for p, _ in CURRENCIES)
_CURRENCY_RES = [(re.compile(rf"(?:{p})", re.I), code) for p, code in CURRENCIES]
MULTIPLIERS = [
    (r"млрд|billion|bn\b|mld", 1_000_000_000),
    (r"млн|мільйон\w*|миллион\w*|million|mln|m\b", 1_000_000),
    (r"тис\.?|тисяч\w*|тыс\.?|тысяч\w*|thousand|tys\.?|k\b", 1_000),
]
MULT = "|".join(f"(?:{p})" for p, _ in MULTIPLIERS)
NUMBER = r"\d{1,3}(?:[  \u202f.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"

AMOUNT = re.compile(
    rf"(?P<pre>{CURRENCY})?\s*(?P<num>{NUMBER})\s*(?P<mult>{MULT})?\.?\s*(?P<post>{CURRENCY})?",
    re.I,
)
TOTAL_WORDS = re.compile(r"загальн\w* (?:бюджет|фонд|сум)|total (?:budget|amount|funding)|бюджет програми|overall budget|на весь конкурс", re.I)
PER_PROJECT_WORDS = re.compile(r"до\s*$|up to\s*$|maximum\s*$|max\.?\s*$|не більше\s*$|do\s*$|від\s*$|from\s*$", re.I)


@dataclass(frozen=True)
class Amount:
    value: float
    currency: str


def _number(text: str) -> float | None:
    raw = re.sub(r"[  \u202f]", "", text)
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", raw):
        raw = re.sub(r"[.,]", "", raw)
    elif re.fullmatch(r"\d{1,3}(,\d{3})+\.\d+", raw):
        raw = raw.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+,\d+", raw):
        raw = raw.replace(".", "").replace(",", ".")
    else:
        raw = raw.replace(",", ".")
    try:
        return float(raw)
    except ValueError:
        return None


def _currency(token: str | None) -> str | None:
    if not token:
        return None
    for regex, code in _CURRENCY_RES:
        if regex.fullmatch(token.strip()):
            return code
    return None


def _multiplier(token: str | None) -> int:
    if not token:
        return 1
    for pattern, factor in MULTIPLIERS:
        if re.fullmatch(pattern, token.strip(" ."), re.I):
            return factor
    return 1


def find_amounts(text: str) -> list[tuple[int, Amount, bool]]:
    """Every amount with a currency: (position, amount, looks like a programme total)."""
    out = []
    for m in AMOUNT.finditer(text):
        currency = _currency(m.group("pre")) or _currency(m.group("post"))
        if currency is None:
            continue
        value = _number(m.group("num"))
        if value is None:
            continue
        value *= _multiplier(m.group("mult"))
        before = text[max(0, m.start() - 60):m.start()]
        is_total = bool(TOTAL_WORDS.search(before))
        out.append((m.start(), Amount(value, currency), is_total))
    return out


def find_amount(text: str) -> Amount | None:
    amounts = find_amounts(text)
    per_project = [a for _, a, total in amounts if not total]
    pool = per_project or [a for _, a, _ in amounts]
    if not pool:
        return None
    # Without a per-project label, the largest stated sum that is not a total.
    return max(pool, key=lambda a: a.value)
