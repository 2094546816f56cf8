"""Subscribers of the weekly email: validation and CSV import.

A subscriber is a hromada (or council, institution, NGO) with an address, an
oblast (ISO 3166-2:UA), optionally its KATOTTG code, the applicant types and
themes it cares about, and a language. Addresses are checked for syntax
(email-validator, no DNS look-ups); a KATOTTG code must belong to the oblast.

CSV import: a header row names the columns (``email, hromada, oblast, katottg,
applicants, themes, language, active``; lists separated by ``;`` or ``|``;
``,`` or ``;`` as the delimiter). A bad row is reported with its line number
and the other rows are imported.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from email_validator import EmailNotValidError, validate_email

from grantdigest import vocab
from grantdigest.errors import UserError
from storage import Store

COLUMNS = ("email", "hromada", "oblast", "katottg", "applicants", "themes", "language", "active")
REQUIRED = ("email", "hromada")
LANGS = ("uk", "en")
TRUE = {"1", "yes", "true", "так", "y", "+", "active", ""}
FALSE = {"0", "no", "false", "ні", "n", "-", "inactive"}
KATOTTG = re.compile(r"^UA\d{17}$")


class SubscriberError(ValueError):
    """One field of one subscriber is wrong: the message says which and how to fix it."""


def normalise_email(address: str) -> str:
    try:
        return validate_email((address or "").strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise SubscriberError(f"неправильна адреса '{address}': {exc}") from None


def normalise_oblast(value: str) -> str:
    text = (value or "").strip()
    code = text.upper().replace("–", "-")
    if re.fullmatch(r"UA-?\d{2}", code):
        code = f"UA-{code[-2:]}"
    if code in vocab.REGIONS and code != "UA":
        return code
    for key, names in vocab.REGIONS.items():
        if key != "UA" and text.lower() in (names[0].lower(), names[1].lower()):
            return key
    raise SubscriberError(f"невідома область '{value}': вкажіть код ISO 3166-2:UA, напр. UA-46 (Львівська)")


def _codes(values, table: dict, what: str) -> list[str]:
    if isinstance(values, str):
        values = re.split(r"[;|,]", values)
    out = []
    for value in values or []:
        code = value.strip()
        if not code:
            continue
        if code not in table:
            by_name = [k for k, names in table.items() if code.lower() in (names[0].lower(), names[1].lower())]
            if not by_name:
                raise SubscriberError(f"невідоме значення {what} '{code}'; відомі: {', '.join(table)}")
            code = by_name[0]
        if code not in out:
            out.append(code)
    return out


def _active(value) -> int:
    if isinstance(value, bool):
        return int(value)
    text = str(value if value is not None else "").strip().lower()
    if text in TRUE:
        return 1
    if text in FALSE:
        return 0
    raise SubscriberError(f"неправильне значення active '{value}': 1 або 0")


def validate_subscriber(data: dict) -> dict:
    """A clean subscriber row from user input, or SubscriberError."""
    for key in REQUIRED:
        if not str(data.get(key) or "").strip():
            raise SubscriberError(f"не вказано {key}")
    katottg = str(data.get("katottg") or "").strip().upper()
    if katottg and not KATOTTG.fullmatch(katottg):
        raise SubscriberError(f"неправильний код КАТОТТГ '{katottg}': очікується UA і 17 цифр")
    oblast_value = str(data.get("oblast") or "").strip()
    if not oblast_value and katottg:
        oblast_value = f"UA-{katottg[2:4]}"
    if not oblast_value:
        raise SubscriberError("не вказано oblast (код ISO 3166-2:UA, напр. UA-46)")
    oblast = normalise_oblast(oblast_value)
    if katottg and katottg[2:4] != oblast[3:]:
        raise SubscriberError(f"код КАТОТТГ {katottg} належить іншій області, ніж {oblast}")
    language = str(data.get("language") or "uk").strip().lower()
    if language not in LANGS:
        raise SubscriberError(f"невідома мова '{language}': uk або en")
    return {
        "email": normalise_email(str(data["email"])),
        "hromada": " ".join(str(data["hromada"]).split())[:200],
        "oblast": oblast,
        "katottg": katottg or None,
        "applicants": _codes(data.get("applicants"), vocab.APPLICANTS, "applicants"),
        "themes": _codes(data.get("themes"), vocab.THEMES, "themes"),
        "language": language,
        "active": _active(data.get("active", 1)),
    }


def add_subscriber(store: Store, data: dict) -> tuple[dict, bool]:
    """Validate and save; returns (row, created). Raises UserError on bad input."""
    try:
        row = validate_subscriber(data)
    except SubscriberError as exc:
        raise UserError(str(exc)) from None
    subscriber_id, created = store.save_subscriber(row)
    return {**row, "id": subscriber_id}, created


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)   # (line number, message)
    encoding: str = "utf-8"


def _read_text(path: Path) -> tuple[str, str]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"не вдалося прочитати {path}: {exc.strerror}") from None
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1251", errors="replace"), "windows-1251"


def import_csv(store: Store, path: str | Path) -> ImportReport:
    path = Path(path)
    text, encoding = _read_text(path)
    report = ImportReport(encoding=encoding)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)  # Excel in a Ukrainian locale writes ";"
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise UserError(f"{path}: у першому рядку немає стовпців {', '.join(missing)}"
                        f" (потрібні: {', '.join(COLUMNS)})")
    reader.fieldnames = header
    for row in reader:
        line = reader.line_num
        if not any((v or "").strip() for k, v in row.items() if k):
            continue
        if None in row:
            report.errors.append((line, f"зайві значення в рядку: {row[None]}"))
            continue
        try:
            clean = validate_subscriber(row)
        except SubscriberError as exc:
            report.errors.append((line, str(exc)))
            continue
        _, created = store.save_subscriber(clean)
        if created:
            report.added += 1
        else:
            report.updated += 1
    return report
