"""Every registry source on its own fixture: the family spider, configured only by
``spiders/sources.toml``, reads real field values (title, URL, a date) from the
recording or constructed page the replay manifest serves for its URLs."""

import pytest

from conftest import SNAPSHOTS, offline_crawl
from spiders.registry import load_registry

# source -> (expected number of kept items, one item: title, url, (date field, value))
EXPECTED = {
    "eu-funding-tenders": (8, "Films and coatings for circular packaging",
                           "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/HORIZON-JU-CBE-2026-IA-05",
                           ("deadline", "2026-09-22")),
    "diia-business": (1, "Грант на власну справу",
                      "https://business.diia.gov.ua/finance/programs/grant_na_vlasnu_spravu", ("deadline", "rolling")),
    "pl-ua": (2, "The 2nd call for small projects under the SPF COOPERATION", "https://pl-ua.eu/en/?p=45970",
              ("published", "2026-05-29T08:15:00Z")),
    "huskroua": (1, "2nd Call for Proposals", "https://next.huskroua-cbc.eu/calls/2nd-call-for-proposals/",
                 ("published", "2025-08-28T09:30:00Z")),
    "ro-ua": (3, "INFO DAY: 2nd call of proposals for Small-Scale projects",
              "https://ro-ua.net/en/comunication-2021-2027/noutati-2021-2027/1667-interreg-next-romania-ukraine",
              ("published", "2025-05-06")),
    "blacksea-cbc": (3, "The 2nd call for proposals is open",
                     "https://blacksea-cbc.net/communication/news/2nd-call-for-proposals-is-open/",
                     ("published", "2024-03-29")),
    "interreg-danube": (2, "Second call for proposals", "https://interreg-danube.eu/calls/second-call-for-proposals",
                        ("deadline", "2024-03-29")),
    "interreg-europe": (2, "Call for project proposals now open",
                        "https://www.interregeurope.eu/news-and-events/news/call-for-project-proposals-now-open",
                        ("published", "2024-03-20")),
    "interreg-eu": (1, "NEXT Romania – Ukraine programme launches call for small-scale projects",
                    "https://interreg.eu/calls-for-projects/next-romania-ukraine-programme-launches-call-for-small-scale-projects",
                    ("deadline", "2025-07-28")),
    "euro-access": (2, "Support to Ukraine and Moldova border regions",
                    "https://euro-access.eu/en/calls/1722/Support-to-Ukraine-and-Moldova-border-regions",
                    ("deadline", "2025-02-04")),
    "prostir": (7, "Гранти на поліпшення кібербезпеки державних органів та інституцій із розбудови потенціалу України",
                "https://www.prostir.ua/?grants=hranty-na-polipshennya-kiberbezpeky-derzhavnyh-orhaniv-ta-instytutsij-iz-rozbudovy-potentsialu-ukrajiny",
                ("deadline", "2025-07-31")),
    "gurt": (6, "Гранти підприємцям на облаштування робочих місць для ветеранів (Івано-Франківська та Львівська обл.)",
             "https://gurt.org.ua/news/grants/107952/", ("published", "2025-07-16")),
    "grant-market": (4, "Грант до 54 000 грн на розвиток мікробізнесу для ВПО, жінок та ветеранів у Хмельницькій області",
                     "https://grant.market/opp/microfunding-khmelnytskyi", ("deadline", "2025-07-28")),
    "decentralization": (2, "На Рівненщині стартував конкурс проектів розвитку громад",
                         "https://decentralization.gov.ua/news/4975", ("published", "2017-03-12")),
    "hromady": (1, "Громади можуть отримати до 1 млн грн: стартував конкурс «Час діяти, Україно!»",
                "https://hromady.org/?p=8841", ("published", "2025-03-18T08:00:00Z")),
    "chaszmin": (1, "До 20 000 грн: мікрогранти на фінансування бізнесу ветеранів та членів їхніх родин",
                 "https://chaszmin.com.ua/do-20-000-grn-mikrogranty-na-finansuvannya-biznesu-veteraniv-ta-chleniv-yihnih-rodyn",
                 ("published", "2024-05-14T08:20:00Z")),
    "eufundingportal": (1, "Support to Ukraine and Moldova border regions", "https://eufundingportal.eu/?p=11873",
                        ("published", "2024-11-20T08:00:00Z")),
    "fundsforngos": (2, "Heritage Space for Work: Training, Networking and Grants for the Cultural Sector in Ukraine",
                     "https://www2.fundsforngos.org/events/heritage-space-for-work-training-networking-and-grants-for-the-cultural-sector-in-ukraine",
                     ("published", "2025-06-16T05:02:10Z")),
    "opportunitydesk": (0, "Prince Claus Fund Building Beyond Cycle 5 Call for Applications (up to €10,000)",
                        "https://opportunitydesk.org/2025/07/19/prince-claus-fund-building-beyond-cycle-5/",
                        ("deadline", "2025-08-13")),
    "opportunitiesforyouth": (7, "New York Women’s Foundation Spring 2026 Early Investment Grant",
                              "https://opportunitiesforyouth.org/2026/03/10/new-york-womens-foundation-spring-2026-early-investment-grant/",
                              ("published", "2026-03-10T16:48:55Z")),
}
SOURCES = load_registry()


def test_registry_has_twenty_sources_in_all_five_families():
    assert len(SOURCES) >= 20
    assert {s.family for s in SOURCES} == {"feed", "wordpress", "sitemap", "html", "api"}
    assert {s.settings.get("adapter") for s in SOURCES if s.family == "api"} == {"sedia", "diia"}


def test_every_source_has_an_expectation():
    assert {s.id for s in SOURCES} == set(EXPECTED)


@pytest.mark.parametrize("source_id", sorted(EXPECTED))
def test_source_reads_its_fixture(source_id):
    items, log = offline_crawl(source_id)
    # every request the spider made is recorded in the manifest
    assert log and all(status == 200 for _, status in log), [u for u, s in log if s != 200]
    count, title, url, (field, value) = EXPECTED[source_id]
    kept = [i for i in items if i.state == "fresh"]
    assert len(kept) == count
    seen = {i.url: i for i in items}
    assert url in seen, sorted(seen)
    item = seen[url]
    assert item.title == title
    assert getattr(item, field) == value
    assert item.source_id == source_id and item.language


def test_constructed_pages_say_so_in_their_first_line():
    for path in (SNAPSHOTS / "constructed").rglob("*"):
        if path.is_file():
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert "CONSTRUCTED test page" in first, path
