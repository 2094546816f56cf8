"""prostir.ua list spider on the real recorded list fragment."""

from conftest import REAL, file_response, spider_for

URL = "https://www.prostir.ua/category/grants/"


def test_list_items():
    spider = spider_for("prostir")
    response = file_response(REAL / "prostir" / "category-grants-list-fragment-2025-07.html", URL)
    items = list(spider.parse(response))
    assert len(items) == 7
    first = items[0]
    assert first.title == ("Гранти на поліпшення кібербезпеки державних органів та інституцій "
                           "із розбудови потенціалу України")
    assert first.url == ("https://www.prostir.ua/?grants=hranty-na-polipshennya-kiberbezpeky-derzhavnyh-"
                         "orhaniv-ta-instytutsij-iz-rozbudovy-potentsialu-ukrajiny")
    # "03.06.2025 - 31.07.25": published, then deadline (two-digit year)
    assert first.published == "2025-06-03"
    assert first.deadline == "2025-07-31"
    assert "CRDF" in first.text
    assert all(i.source_id == "prostir" and i.language == "uk" for i in items)
    assert len({i.url for i in items}) == 7
