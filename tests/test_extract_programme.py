"""One name per known programme or donor, however a page writes it."""

from __future__ import annotations

import datetime as dt

import pytest

from grantdigest.extract import extract
from grantdigest.extract.programme import PROGRAMMES, canonical_programme
from grantdigest.ingest import classify_item


@pytest.mark.parametrize("written, name", [
    ("Креативної Європи", "Креативна Європа"),
    ("“Креативною Європою”", "Креативна Європа"),
    ("Creative Europe", "Креативна Європа"),
    ("Kreatywna Europa", "Креативна Європа"),
    ("Horizon Europe", "Горизонт Європа"),
    ("Горизонту Європа", "Горизонт Європа"),
    ("Erasmus +", "Еразмус+"),
    ("Міжнародного фонду «Відродження»", "Міжнародний фонд «Відродження»"),
    ("International Renaissance Foundation", "Міжнародний фонд «Відродження»"),
    ("Українського культурного фонду", "Український культурний фонд"),
    ("#Час_діяти_Україно", "Час діяти, Україно!"),
    ("Європейського Союзу", "Європейський Союз"),
    ("Британської Ради", "Британська Рада"),
])
def test_known_programmes_in_any_case_and_language(written, name):
    assert canonical_programme(written) == name


@pytest.mark.parametrize("name", [
    "Interreg NEXT Poland–Ukraine 2021-2027", "SUSA (Digital Europe)", "EITUM-BP23-25 (Horizon Europe)",
    "Урядовий проєкт єРобота", "USAID ГОВЕРЛА", "Креативні громади", "Європейська молодіжна столиця", None, "",
])
def test_other_names_are_kept_as_read(name):
    assert canonical_programme(name) == name


def test_every_canonical_name_reads_as_itself():
    for name, _ in PROGRAMMES:
        assert canonical_programme(name) == name


def test_extraction_and_ingest_give_the_one_name():
    text = "Два нові конкурси в підпрограмі МЕДІА від “Креативної Європи”. Заявки приймають до 17 вересня 2025 року."
    assert extract(text, "Конкурси МЕДІА").programme == "Креативна Європа"
    item = {"title": "Horizon Europe topic", "text": "An open topic.", "programme": "Horizon Europe"}
    assert classify_item(item, dt.date(2025, 7, 20))["programme"] == "Горизонт Європа"


def test_a_donor_name_is_a_whole_word():
    assert extract("Apply for the second round of small grants until 5 May 2026.", "Small grants").programme is None
    assert extract("Funded by SECO, the call is open until 5 May 2026.", "Small grants").programme == "SECO"
    assert extract("Підтримка від GIZ: прийом заявок до 5 травня 2026 року.", "Гранти").programme == "GIZ"


def test_names_stored_before_are_rewritten_by_the_migration(tmp_path):
    import sqlite3

    from storage import Store
    from storage.migrations import m0210_canonical_programmes

    db = tmp_path / "old.db"
    with Store(db) as store:
        store.save_call({"id": "c1", "title": "МЕДІА", "programme": "Креативної Європи"})
        store.save_call({"id": "c2", "title": "Interreg", "programme": "Interreg NEXT Poland–Ukraine"})
        m0210_canonical_programmes(store.db)
    rows = dict(sqlite3.connect(db).execute("SELECT id, programme FROM calls"))
    assert rows == {"c1": "Креативна Європа", "c2": "Interreg NEXT Poland–Ukraine"}
