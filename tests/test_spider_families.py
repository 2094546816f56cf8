"""What the families do beyond reading fields: filters, traps in the recordings,
--since, lastmod, known pages, layout changes."""

import datetime as dt

from conftest import REAL, TextResponse, file_response, offline_crawl, spider_for


def test_gurt_keeps_only_grant_badges():
    items, _ = offline_crawl("gurt")
    titles = [i.title for i in items]
    # page 1 has 5 ГРАНТ, 2 ТЕНДЕР, 1 ВАКАНСІЯ (whose badge title says "Грант") and 2 ГУРТ digests;
    # page 2 (?page=2) one more ГРАНТ
    assert len(items) == 6 and items[-1].url == "https://gurt.org.ua/news/grants/59018/"
    assert not any("тендер" in t.lower() or "Officer" in t or "Дайджест" in t for t in titles)
    assert all(i.url.startswith("https://gurt.org.ua/news/grants/") for i in items)
    assert all("ГРАНТ" not in i.title for i in items)  # the badge is not part of the title


def test_fundsforngos_reads_ukraine_from_the_article_only():
    items, _ = offline_crawl("fundsforngos")
    by_url = {i.url: i for i in items}
    med = by_url["https://www2.fundsforngos.org/latest-funds-for-ngos/call-for-letters-of-inquiry-for-small-grants/"]
    # the real page names Ukraine in image captions and the sidebar, never in the article
    page = (REAL / "fundsforngos" / "detail-www2-latest-funds-for-ngos-post-2025-08.html").read_text()
    assert "Ukraine" in page
    assert med.state == "filtered" and "Ukraine" not in med.text
    assert med.text.startswith("Deadline:") and "01-Aug-2025" in med.text
    kept = [i for i in items if i.state == "fresh"]
    assert {i.title for i in kept} == {
        "Interreg VI-A NEXT Programme: Call for Small and Regular Scale Project Proposals",
        "Heritage Space for Work: Training, Networking and Grants for the Cultural Sector in Ukraine"}


def test_opportunitydesk_list_fields_and_ukraine_filter():
    items, log = offline_crawl("opportunitydesk")
    assert len(log) == 16 and len(items) == 15  # the real list, then each detail page
    first = items[0]
    assert first.published == "2025-07-19" and first.deadline == "2025-08-13"
    assert first.page_marker == "2025-07-19T11:26:36+00:00"
    # none of these Africa/America calls names Ukraine in its article (the sidebar does)
    assert {i.state for i in items} == {"filtered"}


def test_sedia_keeps_only_calls_open_to_ukraine():
    spider = spider_for("eu-funding-tenders", as_of="2025-07-20")
    url = "https://api.tech.ec.europa.eu/search-api/prod/rest/search?apiKey=SEDIA&text=%2A%2A%2A&pageSize=50&pageNumber=1"
    raw = file_response(REAL / "eu-funding-tenders" / "search-api-text-AI-pagesize5-raw-2025-12.json", url,
                        method="POST", kind=TextResponse)
    [topic] = [i for i in spider.parse(raw) if not hasattr(i, "callback")]
    # Horizon Europe is open to Ukraine, but this topic limits participation to a list without it
    assert topic.source_item_id == "HORIZON-CL4-2025-04-DATA-03" and topic.state == "filtered"
    cascade = file_response(REAL / "eu-funding-tenders" / "search-api-cascade-funding-type8-trimmed-2025.json", url,
                            method="POST", kind=TextResponse)
    kept = [i for i in spider.parse(cascade) if i.state == "fresh"]
    assert {"METU Internships Offer", "Gnomon Internships Offer"} <= {i.title for i in kept}  # DIGITAL: associated


def test_sedia_rule_is_data():
    spider = spider_for("eu-funding-tenders")
    assert spider.ukraine_eligible("HORIZON", "Open to all.")
    assert not spider.ukraine_eligible("ERASMUS", "Youth exchanges between programme countries.")
    assert spider.ukraine_eligible("ERASMUS", "Partner countries include Ukraine.")
    assert not spider.ukraine_eligible("HORIZON", "Participation is limited to legal entities established in "
                                                  "Member States and Norway. Other text about Ukraine.")
    assert spider.ukraine_eligible("HORIZON", "Participation is limited to legal entities established in "
                                              "Member States and Ukraine.")


def test_diia_fields_from_api_attributes():
    [item], _ = offline_crawl("diia-business")
    assert item.amount_max == 250000 and item.currency == "UAH"
    assert item.deadline == "rolling"  # «На постійній основі»
    assert item.regions == ["UA"] and item.programme == "Урядовий проєкт єРобота"
    assert item.links == ["https://diia.gov.ua/services/grant-na-vlasnu-spravu"]
    assert item.source_item_id == "148"


def test_diia_oblast_names():
    from spiders.families.diia import amount_value, regions_named

    assert regions_named("Львівська, Івано-Франківська") == ["UA-26", "UA-46"]
    assert regions_named("Вся Україна") == ["UA"]
    assert amount_value("Від 50 000 до 1 500 000") == 1500000


def test_sitemap_lastmod_age_and_pattern():
    _, log = offline_crawl("grant-market")
    requested = [u for u, _ in log]
    assert "https://grant.market/opp/archive-2022-culture-fund" not in requested  # lastmod 2022: too old
    assert not any("/blog/" in u for u in requested) and "https://grant.market/opp" not in requested
    _, log = offline_crawl("interreg-eu")
    requested = [u for u, _ in log]
    assert "https://interreg.eu/page-sitemap.xml" not in requested  # not a calls sitemap
    assert not any("baltic-sea-region-2019" in u for u in requested)


def test_since_skips_older_entries():
    items, _ = offline_crawl("prostir", since="2025-04-01")
    assert [i.published for i in items] == ["2025-06-03", "2025-04-17"]
    items, log = offline_crawl("decentralization", since="2018-01-01")
    # page 1 holds only a 2019 item, page 2 only a 2017 one: page 2 is read, its item skipped
    assert [i.url for i in items] == ["https://decentralization.gov.ua/news/11846"]
    items, _ = offline_crawl("pl-ua", since="2025-01-01")
    assert [i.source_item_id for i in items] == ["45970"]
    items, _ = offline_crawl("fundsforngos", since="2025-07-01")
    assert len(items) == 2  # the June post is not fetched


def test_known_unchanged_page_is_not_fetched_again():
    spider = spider_for("ro-ua", as_of="2025-07-20")
    url = "https://ro-ua.net/en/comunication-2021-2027/noutati-2021-2027"
    from conftest import SNAPSHOTS

    response = file_response(SNAPSHOTS / "constructed" / "ro-ua" / "news-2021-2027.html", url)
    first = list(spider.parse(response))
    assert all(hasattr(r, "callback") for r in first)  # nothing known: three detail requests
    markers = {r.cb_kwargs["item"].url: r.cb_kwargs["item"].page_marker for r in first}
    from grantdigest.urls import canonical_url

    known = list(markers)[0]
    spider._known = {canonical_url(known): {"marker": markers[known], "outcome": "kept"},
                     canonical_url(list(markers)[1]): {"marker": "h:an-older-version", "outcome": "kept"}}
    second = list(spider.parse(response))
    unchanged = [r for r in second if not hasattr(r, "callback")]
    assert [i.url for i in unchanged] == [known] and unchanged[0].state == "unchanged"
    assert len(second) == 3  # the changed one and the new one are fetched


def test_changed_layout_is_a_problem_not_silence():
    spider = spider_for("blacksea-cbc")
    response = TextResponse(url="https://blacksea-cbc.net/news/", body=b"<html><body><div class='posts'>"
                            b"<h2><a href='/x'>New theme</a></h2></div></body></html>", encoding="utf-8")
    problems = []
    spider.problem = problems.append
    assert list(spider.parse(response)) == []
    assert problems and "list.item" in problems[0]


def test_wordpress_pagination_follows_total_pages():
    from scrapy.http import Request, TextResponse as TR

    spider = spider_for("hromady")
    url = spider.source.start_urls[0]
    body = b'[{"id": 1, "link": "https://hromady.org/?p=1", "title": {"rendered": "A"}, "content": {"rendered": "x"},'\
           b' "date_gmt": "2025-01-01T00:00:00"}]'
    page1 = TR(url=url, body=body, encoding="utf-8", headers={"X-WP-TotalPages": "3"}, request=Request(url))
    out = list(spider.parse(page1))
    nxt = [r for r in out if hasattr(r, "callback")]
    assert len(nxt) == 1 and "page=2" in nxt[0].url
    last = TR(url=nxt[0].url, body=body, encoding="utf-8", headers={"X-WP-TotalPages": "3"}, request=nxt[0])
    assert not [r for r in spider.parse(last, page=2, start_url=url) if hasattr(r, "callback")]  # max_pages = 2


def test_as_of_pins_dates():
    assert spider_for("prostir", as_of="2025-07-20").as_of() == dt.date(2025, 7, 20)
