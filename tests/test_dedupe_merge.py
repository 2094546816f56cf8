"""Which sighting a call's fields come from (README "Deduplication")."""

import datetime as dt

from grantdigest.ingest import ingest
from grantdigest.merge import DONOR, DONOR_SITE, AGGREGATOR, merge_sightings, official_sources, origin_ranks

AS_OF = dt.date(2025, 7, 20)
URL = "https://svitanok-fund.org/competitions/hromady-2025"


def sighting(sid, source, url, **fields):
    base = {"id": sid, "source_id": source, "url": url, "canonical_url": url, "fetched_at": "2025-07-01T08:00:00Z",
            "changed_at": "2025-07-01T08:00:00Z"}
    return {**base, **fields}


def test_origin_rank_donor_page_donor_site_aggregator():
    donor = sighting("d", "fund-site", URL)
    other_page = sighting("o", "fund-news", "https://svitanok-fund.org/news/12")
    repost = sighting("r", "aggregator", "https://hromady.example/n/1", fp_links=[URL])
    api = sighting("a", "eu-api", "https://ec.europa.eu/x")
    ranks = origin_ranks([donor, other_page, repost, api], official={"eu-api"})
    assert ranks == {"d": DONOR, "o": DONOR_SITE, "r": AGGREGATOR, "a": DONOR}


def test_official_sources_come_from_the_registry_family_or_role():
    rows = [{"id": "eu-funding-tenders", "family": "sedia", "settings": {}},
            {"id": "prostir", "family": "html", "settings": {}},
            {"id": "fund-site", "family": "html", "settings": {"role": "donor"}}]
    assert official_sources(rows) == {"eu-funding-tenders", "fund-site"}


def test_the_donor_page_beats_an_aggregator_for_title_url_and_amount():
    donor = sighting("d", "fund-site", URL, title="Конкурс «Сильні громади – 2025»", amount_max=300000,
                     currency="UAH", published="2025-06-01")
    repost = sighting("r", "aggregator", "https://hromady.example/n/1", title="Гранти до 500 тисяч для громад!",
                      amount_max=500000, currency="UAH", published="2025-07-05", fp_links=[URL],
                      fetched_at="2025-07-05T08:00:00Z", changed_at="2025-07-05T08:00:00Z")
    merged = merge_sightings([repost, donor])
    assert merged.fields["title"] == "Конкурс «Сильні громади – 2025»"
    assert merged.fields["url"] == URL
    assert (merged.fields["amount_max"], merged.provenance["amount_max"]) == (300000, "d")


def test_a_newer_statement_beats_an_older_one_for_the_deadline():
    donor = sighting("d", "fund-site", URL, deadline="2025-08-15", deadline_at="2025-08-15T20:59:59Z")
    later = sighting("r", "aggregator", "https://hromady.example/n/1", deadline="2025-08-31",
                     deadline_at="2025-08-31T20:59:59Z", fp_links=[URL],
                     fetched_at="2025-07-10T08:00:00Z", changed_at="2025-07-10T08:00:00Z")
    merged = merge_sightings([donor, later])
    assert merged.fields["deadline"] == "2025-08-31" and merged.fields["deadline_at"] == "2025-08-31T20:59:59Z"
    assert merged.provenance["deadline"] == "r"
    # stated on the same day: the donor's own page wins
    same_day = dict(later, fetched_at=donor["fetched_at"], changed_at=donor["changed_at"])
    assert merge_sightings([donor, same_day]).fields["deadline"] == "2025-08-15"


def test_a_roundup_states_no_facts_unless_nothing_else_does():
    donor = sighting("d", "fund-site", URL, title="Сильні громади", deadline="2025-08-15")
    roundup = sighting("r", "digest", "https://digest.example/weekly", title="Добірка тижня", deadline="2025-12-20",
                       fp_roundup=1, fetched_at="2025-07-15T08:00:00Z", changed_at="2025-07-15T08:00:00Z")
    merged = merge_sightings([donor, roundup])
    assert merged.fields["deadline"] == "2025-08-15" and merged.fields["title"] == "Сильні громади"
    assert merged.fields["last_seen"] == "2025-07-15T08:00:00Z"
    assert merge_sightings([roundup]).fields["title"] == "Добірка тижня"


def test_ingest_uses_the_official_api_over_an_aggregator(store):
    store.sync_sources([{"id": "eu-api", "family": "sedia", "settings": {}}])
    repost = ingest(store, {"source_id": "aggregator", "url": "https://grants.example/horizon-ai",
                            "title": "Гранти Горизонт Європа на ШІ до 6 млн євро",
                            "text": "Тема HORIZON-CL4-2025-04-DATA-03, заявки до 2 жовтня 2025 року."}, AS_OF)
    topic = ingest(store, {"source_id": "eu-api", "url": "https://ec.europa.eu/topic-details/HORIZON-CL4-2025-04-DATA-03",
                           "title": "Software Engineering for AI and generative AI (RIA)",
                           "text": "HORIZON-CL4-2025-04-DATA-03 research action.",
                           "source_item_id": "HORIZON-CL4-2025-04-DATA-03", "deadline": "2025-10-02",
                           "amount_max": 6000000, "currency": "EUR"}, AS_OF)
    assert topic.call_id == repost.call_id
    call = store.call(topic.call_id)
    assert call["title"] == "Software Engineering for AI and generative AI (RIA)"
    assert call["url"].endswith("HORIZON-CL4-2025-04-DATA-03")
    assert len(store.sightings_of(topic.call_id)) == 2     # every sighting is kept
