"""A small, hand-made database for the digest tests (calls, sightings, events, crawl runs).

Every value is written here, in the test's own terms, so the tests can say
exactly what the site and the emails must show. Also a few checks of the
helpers themselves.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from grantdigest.timeutil import deadline_moment, iso_utc

AS_OF = dt.date(2025, 7, 20)          # a Sunday; ISO week 2025-W29
NEW = "2025-07-19T10:00:00Z"          # first seen this week
OLD = "2025-06-01T10:00:00Z"          # first seen long ago

SOURCES = [
    {"id": "prostir", "name_uk": "Громадський простір", "name_en": "Civic Space", "family": "html", "enabled": 1},
    {"id": "gurt", "name_uk": "ГУРТ", "name_en": "GURT", "family": "html", "enabled": 1},
    {"id": "grant-market", "name_uk": "Грант Маркет", "name_en": "Grant Market", "family": "html", "enabled": 1},
]


def date_only(day: str) -> dict:
    return {"deadline": day, "deadline_at": iso_utc(deadline_moment(dt.date.fromisoformat(day))), "deadline_tz": None}


def timed(day: str, hour: int, minute: int, zone: str) -> dict:
    moment = deadline_moment(dt.date.fromisoformat(day), dt.time(hour, minute), ZoneInfo(zone))
    return {"deadline": day, "deadline_at": iso_utc(moment), "deadline_tz": zone}


CALLS = {
    "lviv-energy": {"title": "Енергоефективність громад Львівщини", "programme": "U-LEAD", "regions": ["UA-46"],
                    "applicants": ["local_authority"], "themes": ["energy"], "amount_max": 100000.0,
                    "currency": "EUR", "url": "https://donor.example/lviv-energy", "first_seen": NEW,
                    **date_only("2025-07-25")},
    "ua-culture": {"title": "Всеукраїнський конкурс культурних проєктів", "programme": "УКФ", "regions": ["UA"],
                   "applicants": ["ngo"], "themes": ["culture"], "amount_max": 500000.0, "currency": "UAH",
                   "url": "https://ucf.example/culture", "first_seen": NEW,
                   **timed("2025-09-30", 17, 0, "Europe/Kyiv")},
    "zak-business": {"title": "Interreg\r\nBcc: evil@example.com <script>alert(1)</script>",
                     "programme": "Interreg NEXT HUSKROUA", "regions": ["UA-21"], "applicants": ["business"],
                     "themes": ["economy", "cross_border"], "url": "javascript:alert(1)", "first_seen": NEW,
                     **date_only("2025-08-20")},
    "extended": {"title": "Програма відновлення громад (продовжено)", "programme": "U-LEAD", "regions": ["UA"],
                 "applicants": ["local_authority"], "themes": ["infrastructure"], "url": "https://donor.example/ext",
                 "first_seen": OLD, **date_only("2025-08-15")},
    "closed": {"title": "Закритий конкурс", "programme": "УКФ", "regions": ["UA"], "url": "https://donor.example/closed",
               "first_seen": OLD, **date_only("2025-07-10")},
    "rolling": {"title": "Безстрокова програма малих грантів", "programme": "Фонд", "regions": ["UA"],
                "url": "https://fund.example/rolling", "first_seen": OLD, "deadline": "rolling", "deadline_at": None},
    "forthcoming": {"title": "Конкурс для молоді (скоро)", "programme": "Фонд", "regions": ["UA-46", "UA-21"],
                    "themes": ["youth"], "opening_date": "2025-08-10", "url": "https://fund.example/youth",
                    "first_seen": OLD, **date_only("2025-10-01")},
}


def seed(store, calls: dict | None = None, runs: bool = True) -> None:
    """Fill ``store`` with CALLS (one or two sightings each), one deadline extension, and crawl runs."""
    store.sync_sources(SOURCES)
    for call_id, fields in (calls or CALLS).items():
        store.save_call({"id": call_id, "is_call": 1, **fields})
        store.save_sighting({"id": f"s-{call_id}", "source_id": "prostir", "url": fields.get("url") or "",
                             "title": fields["title"], "text": f"Опис конкурсу {fields['title']}.\n\nДругий абзац.",
                             "fetched_at": fields["first_seen"], "call_id": call_id, "language": "uk",
                             "content_hash": call_id})
    if calls is None:
        store.save_sighting({"id": "s-lviv-2", "source_id": "gurt", "url": "https://gurt.example/lviv",
                             "title": "Енергоефективність", "text": "", "fetched_at": NEW, "call_id": "lviv-energy",
                             "content_hash": "x"})
        store.save_sighting({"id": "s-lviv-3", "source_id": "gurt", "url": "javascript:alert(2)",
                             "title": "Енергоефективність", "text": "", "fetched_at": NEW, "call_id": "lviv-energy",
                             "content_hash": "y"})
        store.add_event("extended", "deadline", "2025-08-01", "2025-08-15", source_id="prostir",
                        kind="extended", at="2025-07-18T09:00:00Z")
    if runs:
        ok = store.start_run("r1", "prostir")
        store.finish_run(ok, {"requests": 3, "responses": 3, "status_counts": {"200": 3}, "items": 7,
                              "finish_reason": "finished"})
        failed = store.start_run("r1", "gurt")
        store.finish_run(failed, {"requests": 2, "responses": 0, "errors": 2, "error_text": "DNS lookup failed",
                                  "finish_reason": "finished"})
        empty = store.start_run("r1", "grant-market")
        store.finish_run(empty, {"requests": 1, "responses": 1, "status_counts": {"200": 1}, "items": 0,
                                 "finish_reason": "finished"})


def test_seed_is_readable(store):
    seed(store)
    assert {c["id"] for c in store.calls()} == set(CALLS)
    assert len(store.sightings_by_call()["lviv-energy"]) == 3
    assert [e["kind"] for e in store.events("extended")] == ["extended"]
