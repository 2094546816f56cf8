"""Manual identity decisions: ``grantdigest calls split`` and ``calls merge``.

A wrong merge hides a call; a missed one shows it twice. A person can correct
either, and the correction is a *decision* about pairs of sightings stored in
``identity_decisions`` (``same`` / ``different``), not a one-off edit:

- a sighting seen again keeps its call (identity rule 1), so a re-crawl does
  not undo anything;
- a new sighting, or the same sightings ingested into a fresh database, meets
  the decisions first (``Resolver``: rule 0): a sighting decided ``same`` as
  another joins its call, and a call holding a sighting decided ``different``
  is never a candidate; automatic folding of calls checks them too.

A later decision about a pair supersedes an earlier one (kept for the record).
Both operations re-merge the affected calls' fields; they record no change
events (a correction is not news about the call).
"""

from __future__ import annotations

import datetime as dt
import itertools

from grantdigest.errors import UserError
from grantdigest.ingest import refresh_call, short_hash
from grantdigest.timeutil import now_iso
from grantdigest.urls import canonical_url
from storage import Store


def live_call(store: Store, call_id: str) -> dict:
    """The call with this id, following ``merged_into``; a clear error if none."""
    call = store.call(call_id)
    seen = set()
    while call is not None and call.get("merged_into") and call["id"] not in seen:
        seen.add(call["id"])
        call = store.call(call["merged_into"])
    if call is None:
        raise UserError(f"конкурсу '{call_id}' немає в базі (див. `grantdigest calls list --all`)")
    return call


def select_sightings(store: Store, call_id: str, selectors: list[str]) -> list[str]:
    """Sighting ids of ``call_id`` named by id, URL or canonical URL."""
    members = store.sightings_of(call_id)
    chosen: list[str] = []
    for selector in selectors:
        wanted = canonical_url(selector) if "://" in selector else None
        found = [s["id"] for s in members
                 if s["id"] == selector or s["url"] == selector or (wanted and s["canonical_url"] == wanted)]
        if not found:
            raise UserError(f"у конкурсі {call_id} немає появи '{selector}'"
                            f" (див. `grantdigest calls sightings {call_id}`)")
        chosen += [f for f in found if f not in chosen]
    return chosen


def split_call(store: Store, call_id: str, selectors: list[str], as_of: dt.date, note: str | None = None) -> str:
    """Move the named sightings of a call into a new call of their own; returns its id."""
    call = live_call(store, call_id)
    call_id = call["id"]
    moving = select_sightings(store, call_id, selectors)
    staying = [s for s in store.call_member_ids(call_id) if s not in moving]
    if not staying:
        raise UserError(f"у конкурсі {call_id} не лишилося б жодної появи: вкажіть лише ті, що треба відокремити")
    for a, b in itertools.product(moving, staying):
        store.add_identity_decision("different", a, b, note)
    for other in moving[1:]:
        store.add_identity_decision("same", moving[0], other, note)
    new_id = short_hash("call", moving[0], "split", now_iso())
    first_seen = min(s["fetched_at"] for s in store.sightings_of(call_id) if s["id"] in moving)
    store.save_call({"id": new_id, "first_seen": first_seen})
    store.move_sightings(moving, new_id, rule="manual", evidence=f"split from {call_id}")
    refresh_call(store, call_id, as_of, record_changes=False)
    refresh_call(store, new_id, as_of, record_changes=False)
    return new_id


def merge_calls(store: Store, call_ids: list[str], as_of: dt.date, note: str | None = None) -> str:
    """Fold the calls into the first one; returns its id."""
    calls = []
    for call_id in call_ids:
        call = live_call(store, call_id)
        if call["id"] not in calls:
            calls.append(call["id"])
    if len(calls) < 2:
        raise UserError("для об'єднання потрібні щонайменше два різні конкурси")
    target, others = calls[0], calls[1:]
    members = {c: store.call_member_ids(c) for c in calls}
    everyone = [s for c in calls for s in members[c]]
    anchor = members[target][0] if members[target] else everyone[0]
    for sid in everyone:
        if sid != anchor and sid not in members[target]:
            store.add_identity_decision("same", anchor, sid, note)
    for a, b in itertools.combinations(everyone, 2):
        if b in store.identity_decisions_of(a)[1]:
            store.add_identity_decision("same", a, b, note)   # supersedes an earlier split
    for other in others:
        store.move_sightings(members[other], target, rule="manual", evidence=f"merged from {other}")
        store.fold_call(target, other, f"manual merge into {target}")
    refresh_call(store, target, as_of, record_changes=False)
    return target
