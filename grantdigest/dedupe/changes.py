"""Change tracking: what changed in a call when a sighting was ingested.

After a call's fields are merged again (``grantdigest.ingest.refresh_call``),
its old and new values are compared and each change becomes one row of
``call_events`` (``Store.add_event``):

| field | old / new (text) | kind | source_id, sighting_id |
|---|---|---|---|
| ``deadline`` | ISO dates (or ``rolling``) | ``extended`` when the new date is later, else ``changed`` | the sighting the new deadline comes from |
| ``deadline_at`` | UTC moments; only when the date stays and the time changes | ``changed`` | as above |
| ``amount_max`` | ``"<number> <CURRENCY>"``, e.g. ``"150000 UAH"`` | ``increased`` / ``decreased``, or ``changed`` when the currency changes | the sighting the new amount comes from |
| ``source_status`` | the source's own status (e.g. SEDIA ``forthcoming`` → ``open``) | ``changed`` | the sighting that states it |
| ``status`` | computed status, ``closing_soon`` counted as ``open`` | ``closed``, ``reopened``, ``opened`` or ``changed`` | none: it follows from the as-of date |

A value appearing where there was none is not a change (the call just got
more complete); a value never disappears (the merge keeps the last one known).
The computed status is compared only when the ingest's as-of date is not
earlier than the one the stored status was computed for, so re-running an old
crawl never records a call "reopening".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str
    kind: str
    sighting_id: str | None   # where the new value comes from (None: the as-of date)


def _iso_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def amount_text(amount, currency) -> str | None:
    if amount is None:
        return None
    number = float(amount)
    shown = str(int(number)) if number.is_integer() else f"{number:.2f}".rstrip("0").rstrip(".")
    return f"{shown} {currency}" if currency else shown


def coarse_status(status: str | None) -> str | None:
    return "open" if status == "closing_soon" else status


def status_kind(old: str, new: str) -> str:
    if new == "closed":
        return "closed"
    if old == "closed":
        return "reopened"
    if old == "forthcoming" and new in ("open", "rolling"):
        return "opened"
    return "changed"


def call_changes(old: dict, new: dict, provenance: dict[str, str], compare_status: bool = True) -> list[Change]:
    """The changes from ``old`` (the stored call) to ``new`` (just merged)."""
    changes: list[Change] = []
    old_deadline, new_deadline = old.get("deadline"), new.get("deadline")
    if old_deadline and new_deadline and old_deadline != new_deadline:
        a, b = _iso_date(old_deadline), _iso_date(new_deadline)
        kind = "extended" if a and b and b > a else "changed"
        changes.append(Change("deadline", old_deadline, new_deadline, kind, provenance.get("deadline")))
    elif (old_deadline and old_deadline == new_deadline and old.get("deadline_at") and new.get("deadline_at")
          and old["deadline_at"] != new["deadline_at"]):
        kind = "extended" if new["deadline_at"] > old["deadline_at"] else "changed"
        changes.append(Change("deadline_at", old["deadline_at"], new["deadline_at"], kind,
                              provenance.get("deadline_at")))

    old_amount = amount_text(old.get("amount_max"), old.get("currency"))
    new_amount = amount_text(new.get("amount_max"), new.get("currency"))
    if old_amount and new_amount and old_amount != new_amount:
        if old.get("currency") == new.get("currency"):
            kind = "increased" if float(new["amount_max"]) > float(old["amount_max"]) else "decreased"
        else:
            kind = "changed"
        changes.append(Change("amount_max", old_amount, new_amount, kind, provenance.get("amount_max")))

    if old.get("source_status") and new.get("source_status") and old["source_status"] != new["source_status"]:
        changes.append(Change("source_status", old["source_status"], new["source_status"], "changed",
                              provenance.get("source_status")))

    before, after = coarse_status(old.get("status")), coarse_status(new.get("status"))
    if compare_status and before and after and before != after and "unknown" not in (before, after):
        changes.append(Change("status", before, after, status_kind(before, after), None))
    return changes
