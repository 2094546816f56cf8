"""Dates written every way donors write them: generated phrasings must round-trip."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grantdigest.extract.dates import find_dates
from grantdigest.extract.published import date_from_url, publication_reference, stated_publication

UK = ["січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня", "жовтня", "листопада",
      "грудня"]
RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
      "декабря"]
PL = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października",
      "listopada", "grudnia"]
EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
      "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

FORMATS = [
    lambda d: f"{d.day} {UK[d.month - 1]} {d.year} року",
    lambda d: f"{d.day} {UK[d.month - 1]} {d.year} р.",
    lambda d: f"{d.day}-го {UK[d.month - 1]} {d.year}",
    lambda d: f"{d.day} {RU[d.month - 1]} {d.year} года",
    lambda d: f"{d.day} {PL[d.month - 1]} {d.year} r.",
    lambda d: f"{d.day} {EN[d.month - 1]} {d.year}",
    lambda d: f"{d.day} {EN[d.month - 1]}, {d.year}",
    lambda d: f"{EN[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{WEEKDAYS[d.weekday()]}, {EN[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"{d.day:02d}-{EN[d.month - 1][:3]}-{d.year}",
    lambda d: f"{d.day:02d}-{EN[d.month - 1][:3]}-{d.year % 100:02d}",
    lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}",
    lambda d: f"{d.day}.{d.month:02d}.{d.year} р.",
    lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    lambda d: f"{d.year}-{d.month:02d}-{d.day:02d}",
    lambda d: f"{d.day:02d} / {d.month:02d} / {d.year}",
]
CONTEXTS = ["Дедлайн: {}.", "Заявки приймаються до {}", "Deadline: {}", "until {} (16:00 CEST)", "do {}",
            "({})", "Кінцевий термін — {}, 18:00", "{}"]


@settings(max_examples=400, deadline=None)
@given(day=st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2039, 12, 31)),
       fmt=st.sampled_from(FORMATS), context=st.sampled_from(CONTEXTS))
def test_every_format_round_trips(day, fmt, context):
    text = context.format(fmt(day))
    found = find_dates(text)
    assert len(found) == 1, (text, found)
    assert found[0].resolve(None) == day, text


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2035, 12, 31)),
       written=st.dates(min_value=dt.date(2010, 1, 1), max_value=dt.date(2035, 12, 31)),
       names=st.sampled_from([UK, RU, PL, EN]))
def test_a_yearless_date_is_the_next_one_on_or_after_the_reference(day, written, names):
    if (day.month, day.day) == (2, 29):
        return
    found = find_dates(f"до {day.day} {names[day.month - 1]}")
    assert len(found) == 1 and found[0].year is None
    resolved = found[0].resolve(written)
    assert (resolved.month, resolved.day) == (day.month, day.day)
    assert written <= resolved < written.replace(year=written.year + 1) if (written.month, written.day) != (2, 29) else True


@pytest.mark.parametrize("text, time, zone", [
    ("до 30 жовтня 2025 року, 16:00", dt.time(16, 0), None),
    ("до 17.10.2025 р., до 23:59 за центральноєвропейським часом", dt.time(23, 59), "Europe/Brussels"),
    ("until 31 July 2023 (16:00 CEST)", dt.time(16, 0), "Europe/Brussels"),
    ("May 11, 2023 5:00 PM (Brussels time)", dt.time(17, 0), "Europe/Brussels"),
    ("until May 8, 2026, 3:00 p.m. CEST", dt.time(15, 0), "Europe/Brussels"),
    ("not later than 15:00 on June 15, 2020 (Kyiv time)", dt.time(15, 0), "Europe/Kyiv"),
    ("до 23:00 5 лютого 2024", dt.time(23, 0), None),
    ("Submissions are due by 14 July, 2024 at 23:59 (UTC+3)", dt.time(23, 59), "Etc/GMT-3"),
    ("do 18 kwietnia 2024 r. do godz. 12.00", dt.time(12, 0), None),
    ("до 17 лютого 2022 року (не пізніше 18:00 за київським часом)", dt.time(18, 0), "Europe/Kyiv"),
])
def test_times_and_zones_beside_a_date(text, time, zone):
    found = find_dates(text)
    assert len(found) == 1
    assert found[0].time == time and found[0].zone == zone


def test_a_range_gives_its_first_day_the_month_and_year_of_the_second():
    found = find_dates("Заявки прийматимуть з 1 по 28 лютого 2025 року, а також з 15 листопада по 3 грудня 2023 року")
    assert [f.resolve(None) for f in found] == [dt.date(2025, 2, 1), dt.date(2025, 2, 28), dt.date(2023, 11, 15),
                                                dt.date(2023, 12, 3)]


def test_a_full_stop_after_a_month_name_is_not_part_of_the_date():
    text = "Прийом заявок триває з 5 по 25 вересня. Нагородження — у жовтні."
    assert find_dates(text)[-1].text == "25 вересня"


@pytest.mark.parametrize("text", ["Телефон (0412) 47-46-18", "Monday-Thursday: 9.00-18.15", "Програма 2021-2027",
                                  "бюджет 60 076 809 євро", "ID UA-2024-07-16"])
def test_numbers_that_are_not_dates(text):
    assert [f.resolve(None) for f in find_dates(text) if f.resolve(None)] in ([], [dt.date(2024, 7, 16)])


@pytest.mark.parametrize("url, day", [
    ("https://x.example/news/2025/01/29/slug", dt.date(2025, 1, 29)),
    ("https://x.example/2021/7/16/8326-slug", dt.date(2021, 7, 16)),
    ("https://x.example/article/244948/2025-10-17-slug", dt.date(2025, 10, 17)),
    ("https://x.example/slug/31/08/2023/35003/?amp=1", dt.date(2023, 8, 31)),
    ("https://x.example/articles/05-06-2023/slug", dt.date(2023, 6, 5)),
    ("https://x.example/news/1111078.html", None),
    ("https://x.example/?p=7705", None),
])
def test_publication_date_from_the_url_path(url, day):
    assert date_from_url(url) == day


@pytest.mark.parametrize("text, day", [
    ("Заголовок\nопубліковано 21 січня 2025 року о 17:00\nТекст", dt.date(2025, 1, 21)),
    ("Title\nPublished: 2026-05-29\nText", dt.date(2026, 5, 29)),
    ("cs.detector.media\nАвтор\n05.01.2024 08:39\n\nТекст", dt.date(2024, 1, 5)),
    ("Tender\n30 May 2024\n\nText", dt.date(2024, 5, 30)),
    ("Заголовок\nData publikacji: 04.06.2025", dt.date(2025, 6, 4)),
])
def test_publication_date_stated_in_the_text(text, day):
    assert stated_publication(text).date == day


def test_a_deadline_on_the_first_line_is_not_a_publication_date():
    assert stated_publication("Deadline: 07-Jul-2025\n\nHouse of Europe has started…") is None


def test_without_a_stated_date_the_recent_mentioned_dates_give_the_reference():
    text = "Ще 19 березня 2014 року… Наказ від 23 грудня 2023 року. Конкурс до 5 лютого. Звіт до 30 листопада 2024 року."
    assert publication_reference(text).date == dt.date(2023, 12, 23)
