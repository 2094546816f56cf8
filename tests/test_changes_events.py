"""Change tracking: a later sighting that changes a call's deadline, amount or
status leaves a ``call_events`` row (old -> new, when, which source)."""

import datetime as dt

from grantdigest.ingest import ingest

AS_OF = dt.date(2025, 7, 20)
URL = "https://svitanok-fund.org/competitions/hromady-2025"


def donor(deadline_words="15 серпня 2025 року", amount="300 000 грн", **extra):
    text = (f"Фонд «Світанок» оголошує конкурс для громад. Максимальна сума гранту — {amount}. "
            f"Заявки приймаються до {deadline_words}.")
    return {"source_id": "fund-site", "url": URL, "title": "Конкурс «Сильні громади – 2025»", "text": text, **extra}


def events(store, call_id):
    return [{k: e[k] for k in ("field", "old", "new", "kind", "source_id", "sighting_id")}
            for e in store.events(call_id)]


def test_the_first_sighting_is_no_change(store):
    result = ingest(store, donor(), AS_OF)
    assert store.events(result.call_id) == []
    again = ingest(store, donor(), AS_OF)
    assert store.events(again.call_id) == []


def test_a_deadline_extension_is_recorded_with_its_source(store):
    first = ingest(store, donor(fetched_at="2025-07-01T08:00:00Z"), AS_OF)
    later = ingest(store, donor("31 серпня 2025 року", fetched_at="2025-07-10T08:00:00Z"), AS_OF)
    assert later.changed and later.call_id == first.call_id
    assert events(store, first.call_id) == [{
        "field": "deadline", "old": "2025-08-15", "new": "2025-08-31", "kind": "extended",
        "source_id": "fund-site", "sighting_id": first.sighting_id}]
    event = store.events(first.call_id)[0]
    assert event["at"] == "2025-07-10T08:00:00Z"
    assert store.call(first.call_id)["deadline"] == "2025-08-31"


def test_a_later_statement_from_another_source_moves_the_deadline(store):
    first = ingest(store, donor(fetched_at="2025-07-01T08:00:00Z"), AS_OF)
    news = ingest(store, {"source_id": "hromady-news", "url": "https://hromady-news.example/n/9",
                          "title": "Конкурс «Сильні громади» продовжено до 29 серпня",
                          "text": "Фонд «Світанок» продовжив прийом заявок до 29 серпня 2025 року.",
                          "links": [URL], "fetched_at": "2025-07-12T09:00:00Z"}, AS_OF)
    assert news.call_id == first.call_id
    assert events(store, first.call_id) == [{
        "field": "deadline", "old": "2025-08-15", "new": "2025-08-29", "kind": "extended",
        "source_id": "hromady-news", "sighting_id": news.sighting_id}]


def test_an_amount_change_is_recorded(store):
    first = ingest(store, donor(), AS_OF)
    ingest(store, donor(amount="450 000 грн"), AS_OF)
    assert events(store, first.call_id) == [{
        "field": "amount_max", "old": "300000 UAH", "new": "450000 UAH", "kind": "increased",
        "source_id": "fund-site", "sighting_id": first.sighting_id}]


def test_a_source_status_change_is_recorded(store):
    topic = {"source_id": "eu-api", "url": "https://ec.europa.eu/topic-details/HORIZON-CL5-2026-09-D4-03",
             "title": "Advanced data platforms", "text": "Topic text.", "source_item_id": "HORIZON-CL5-2026-09-D4-03",
             "deadline": "2026-09-15", "opening_date": "2026-05-05"}
    first = ingest(store, {**topic, "source_status": "forthcoming"}, AS_OF)
    ingest(store, {**topic, "source_status": "open"}, AS_OF)
    assert [(e["field"], e["old"], e["new"]) for e in store.events(first.call_id)] == [
        ("source_status", "forthcoming", "open")]


def test_a_call_closing_is_recorded_once_and_never_undone_by_an_old_as_of(store):
    first = ingest(store, donor(), AS_OF)                          # open on 20 July
    ingest(store, donor(), dt.date(2025, 8, 20))                    # seen again after the deadline
    assert [(e["field"], e["old"], e["new"], e["kind"], e["source_id"]) for e in store.events(first.call_id)] == [
        ("status", "open", "closed", "closed", None)]
    ingest(store, donor(), AS_OF)                                   # an old crawl replayed
    ingest(store, donor(), dt.date(2025, 8, 21))
    assert len(store.events(first.call_id)) == 1
    assert store.call(first.call_id)["status"] == "closed"


def test_an_extension_reopening_a_closed_call_records_both(store):
    first = ingest(store, donor(), dt.date(2025, 8, 20))            # already closed
    ingest(store, donor("30 вересня 2025 року"), dt.date(2025, 8, 21))
    assert [(e["field"], e["kind"]) for e in store.events(first.call_id)] == [
        ("deadline", "extended"), ("status", "reopened")]


def test_a_value_appearing_is_not_a_change(store):
    first = ingest(store, {"source_id": "list", "url": "https://list.example/x", "title": "Сильні громади",
                           "text": "Конкурс для громад.", "links": [URL]}, AS_OF)
    ingest(store, donor(), AS_OF)   # the donor page brings the deadline and amount
    call = store.call(first.call_id)
    assert call["deadline"] == "2025-08-15" and call["amount_max"] == 300000
    assert store.events(first.call_id) == []
