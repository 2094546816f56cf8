"""Deadlines: the date attached to an application-deadline label, in uk, en, pl and ru."""

import datetime as dt

import pytest

from grantdigest.extract import extract
from grantdigest.extract.deadline import find_deadline

WRITTEN = dt.date(2025, 3, 1)


@pytest.mark.parametrize("text, expected", [
    # Ukrainian
    ("Заявки приймаються до 15 квітня 2025 року.", "2025-04-15"),
    ("Дедлайн: 15 грудня.", "2025-12-15"),
    ("Прийом заявок триває до 31.07.2025 включно.", "2025-07-31"),
    ("Кінцевий термін подання пропозицій: 23 листопада 2025 року, 18:00.", "2025-11-23"),
    ("Подати заявку можна з 1 по 20 червня.", "2025-06-20"),
    ("Строк подання заявок: з 15 листопада по 3 грудня 2025 року.", "2025-12-03"),
    ("Термін подання — до 18:00 25 березня 2025 р.", "2025-03-25"),
    ("Приймання заявок триває з 29.07.2025 р. до 17.10.2025 р., до 23:59 за центральноєвропейським часом.", "2025-10-17"),
    ("Конкурс мав завершитися 10 березня 2025 року, проте прийом заявок продовжено до 28 березня 2025 року.",
     "2025-03-28"),
    ("• 12 вересня 2025 року — онлайн-презентація;\n• 7 жовтня 2025 року — кінцевий термін подання заявок.", "2025-10-07"),
    ("Реєстрація на участь у програмі триватиме до 18 серпня 2025 року або доки не вичерпаються обсяги.", "2025-08-18"),
    ("Заявки прийматимуть безстроково.", "rolling"),
    ("Прийом заявок — до вичерпання бюджетних коштів.", "rolling"),
    ("КОЛИ: до завершення воєнного стану", "rolling"),
    # English
    ("Deadline: July 31, 2025", "2025-07-31"),
    ("Applications close on 15 September 2025 at 17:00 BST.", "2025-09-15"),
    ("Proposals must be submitted not later than 15:00 on June 15, 2025 (Kyiv time).", "2025-06-15"),
    ("Applications are accepted from 08.08.2025 to 21.08.2025.", "2025-08-21"),
    ("Send the completed form to the email address by May 12, 2025.", "2025-05-12"),
    ("Stage 1 – concept notes: deadline 14 March 2025.\nStage 2 – full proposals: deadline 30 May 2025.", "2025-03-14"),
    ("The call stays open until 10 July 2025.", "2025-07-10"),
    ("Deadline for Applications: on-going basis", "rolling"),
    ("Applications are reviewed on a rolling basis until funds are exhausted.", "rolling"),
    ("Last date: Saturday, October 10, 2025", "2025-10-10"),
    # Polish
    ("Wnioski można składać do 31 sierpnia br. (16:00 CEST).", "2025-08-31"),
    ("Nabór trwa do 18.04.2025 (12:00).", "2025-04-18"),
    ("Termin składania wniosków: do 18 kwietnia 2025 r., godz. 12:00", "2025-04-18"),
    ("Na wnioski czekamy do 31 października 2025 roku.", "2025-10-31"),
    # Russian
    ("Крайний срок подачи заявок — 1 октября 2025.", "2025-10-01"),
    ("Заявки принимаются до 15 ноября 2025 года.", "2025-11-15"),
    ("Прием заявок продлен до 10 ноября.", "2025-11-10"),
])
def test_deadline_phrasings(text, expected):
    found = find_deadline(f"Грантовий конкурс для громад\n{text}", WRITTEN)
    assert found is not None and found.date == expected, text


@pytest.mark.parametrize("text", [
    "Вебінар для заявників відбудеться 23 березня о 14:00.",
    "Переможців оголосять до 30 вересня 2025 року.",
    "Проєкти мають бути реалізовані до 31 грудня 2025 року.",
    "Усі запитання потрібно надіслати не пізніше 10 квітня 2025 року.",
    "Financial and narrative reports are due by 30 November 2025.",
    "Опубліковано: 12.02.2025",
    "Конкурс стартував 31 травня 2025 року.",
    "Projects will be implemented from 01 July to 31 October 2025.",
])
def test_dates_that_are_not_the_application_deadline(text):
    assert find_deadline(f"Конкурс\n{text}", WRITTEN) is None, text


def test_the_first_stage_still_ahead_when_written():
    text = ("Гранти для ГО.\n • весняна сесія – заявки можна подати до 15 березня 2025 р.\n"
            " • осіння сесія – заявки можна подати до 15 жовтня 2025 р.")
    assert find_deadline(text, dt.date(2025, 2, 1)).date == "2025-03-15"
    assert find_deadline(text, dt.date(2025, 4, 1)).date == "2025-10-15"


def test_a_yearless_deadline_takes_the_year_of_the_publication():
    text = "Опубліковано: 18.11.2024\nГранти для жіночих організацій. Дедлайн: 9 грудня, 18:00."
    result = extract(text, "Гранти", as_of=dt.date(2026, 6, 1))
    assert result.deadline == "2024-12-09"


def test_a_yearless_deadline_takes_the_year_of_the_url_date_given_as_published():
    result = extract("Заявки прийматимуть з 1 по 28 лютого.", "Стипендії", published=dt.date(2025, 1, 29),
                     as_of=dt.date(2026, 6, 1))
    assert result.deadline == "2025-02-28"


def test_without_any_publication_date_the_as_of_date_gives_the_year():
    result = extract("Заявки приймаються до 15 квітня.", "Конкурс", as_of=dt.date(2025, 3, 20))
    assert result.deadline == "2025-04-15"


def test_deadline_moment_uses_the_stated_zone_or_the_end_of_the_day_in_kyiv():
    stated = extract("Deadline: 25 September 2025 17:00 Brussels time", "Call")
    assert (stated.deadline, stated.deadline_at, stated.deadline_tz) == ("2025-09-25", "2025-09-25T15:00:00Z",
                                                                         "Europe/Brussels")
    date_only = extract("Дедлайн: 25 вересня 2025 року.", "Конкурс")
    assert (date_only.deadline, date_only.deadline_at, date_only.deadline_tz) == ("2025-09-25", "2025-09-25T20:59:59Z",
                                                                                  None)
    kyiv_time = extract("Заявки приймаються до 30 жовтня 2025 року, 16:00.", "Конкурс")
    assert (kyiv_time.deadline_at, kyiv_time.deadline_tz) == ("2025-10-30T14:00:00Z", "Europe/Kyiv")
    offset = extract("Submissions are due by 14 July, 2024 at 23:59 (UTC+3).", "Call")
    assert (offset.deadline, offset.deadline_at) == ("2024-07-14", "2024-07-14T20:59:00Z")


def test_opening_date_of_an_application_period():
    result = extract("Приймання заявок триває з 29.07.2025 р. до 17.10.2025 р.", "Набір проєктів")
    assert (result.opening_date, result.deadline) == ("2025-07-29", "2025-10-17")
