"""EU Funding & Tenders (SEDIA) spider on real recorded API answers."""

import hashlib
import json

from conftest import REAL, SNAPSHOTS, TextResponse, file_response, spider_for

SEARCH_URL = "https://api.tech.ec.europa.eu/search-api/prod/rest/search?apiKey=SEDIA&text=%2A%2A%2A&pageSize=50&pageNumber=1"


def parse(fixture, as_of="2025-07-20"):
    spider = spider_for("eu-funding-tenders", as_of=as_of)
    response = file_response(REAL / "eu-funding-tenders" / fixture, SEARCH_URL, method="POST", kind=TextResponse)
    return [i for i in spider.parse(response) if not hasattr(i, "callback")]


def test_open_topics_fields():
    items = parse("search-api-open-topics-trimmed-2026.json")
    assert len(items) == 4
    topic = next(i for i in items if i.source_item_id == "HORIZON-CL5-2026-09-D4-03")
    assert topic.title.startswith("Advanced data platforms to integrate whole life carbon")
    assert topic.url.endswith("/topic-details/HORIZON-CL5-2026-09-D4-03")
    # 2026-09-15T00:00:00Z in the API is a date: shown as announced, no time invented
    assert topic.deadline == "2026-09-15"
    assert topic.deadline_tz is None
    assert topic.opening_date == "2026-05-05"
    assert topic.source_status == "open"
    assert topic.programme == "Horizon Europe"


def test_topic_repeated_per_language_is_one_item():
    items = parse("search-api-text-AI-pagesize5-raw-2025-12.json")
    # sv, cs and en copies of one topic plus two type-6 documents -> one call
    assert [i.source_item_id for i in items] == ["HORIZON-CL4-2025-04-DATA-03"]
    assert items[0].source_status == "closed"
    assert items[0].amount_max == 6000000 and items[0].currency == "EUR"  # this topic's maxContribution


def test_cascade_calls_sharing_a_url_stay_apart():
    items = parse("search-api-cascade-funding-type8-trimmed-2025.json")
    by_title = {i.title: i for i in items}
    assert {"METU Internships Offer", "Gnomon Internships Offer"} <= set(by_title)
    metu, gnomon = by_title["METU Internships Offer"], by_title["Gnomon Internships Offer"]
    assert metu.url == gnomon.url and metu.source_item_id != gnomon.source_item_id
    # UTC moment kept; the date shown is the Brussels date of that moment
    assert metu.deadline_at == "2025-09-02T03:59:00Z" and metu.deadline == "2025-09-02"
    assert metu.deadline_tz == "Europe/Brussels"
    assert metu.amount_max is None  # `budget` is the total, not a per-applicant amount


def test_next_cut_off_after_as_of():
    items = parse("search-api-cascade-funding-type8-trimmed-2025.json", as_of="2025-10-01")
    metu = next(i for i in items if i.title == "METU Internships Offer")
    assert metu.deadline == "2026-01-03"
    assert len(metu.extra["deadlines"]) == 7


def test_request_bodies_match_the_demo_manifest():
    spider = spider_for("eu-funding-tenders")
    manifest = json.loads((SNAPSHOTS / "manifest.json").read_text())
    recorded = {e["body_sha256"] for e in manifest["entries"] if e.get("method") == "POST"}
    for query in spider.conf["queries"]:
        request = spider.search_request(query, 1)
        assert request.method == "POST"
        assert hashlib.sha256(request.body).hexdigest() in recorded
