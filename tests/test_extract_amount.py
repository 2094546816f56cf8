"""Amounts: generated numbers in every notation must come back; totals, minimums, averages and
equivalents are not what one applicant can receive."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grantdigest.extract.amount import find_amount


def spaced(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


NOTATIONS = [
    ("до {} грн", lambda n: spaced(n, " "), "UAH"),
    ("до {} гривень на один проєкт", lambda n: spaced(n, " "), "UAH"),
    ("розмір гранту — {} грн", lambda n: spaced(n, "\u00a0"), "UAH"),
    ("up to €{}", lambda n: spaced(n, ","), "EUR"),
    ("up to EUR {}", lambda n: spaced(n, " "), "EUR"),
    ("a maximum of ${}", lambda n: spaced(n, ","), "USD"),
    ("grants of up to USD {}", lambda n: spaced(n, ","), "USD"),
    ("maksymalnie {} zł", lambda n: spaced(n, "."), "PLN"),
    ("do {} PLN na projekt", lambda n: spaced(n, " "), "PLN"),
    ("не более {} гривен", lambda n: spaced(n, " "), "UAH"),
    ("максимальна сума — {} євро", lambda n: str(n), "EUR"),
    ("up to CHF {}", lambda n: spaced(n, "'"), "CHF"),
    ("up to {} CZK", lambda n: spaced(n, " "), "CZK"),
    ("до {} фунтів стерлінгів", lambda n: spaced(n, " "), "GBP"),
]


@settings(max_examples=300, deadline=None)
@given(value=st.integers(min_value=1_000, max_value=9_999_999), notation=st.sampled_from(NOTATIONS))
def test_every_notation_round_trips(value, notation):
    template, render, currency = notation
    found = find_amount(f"Конкурс. {template.format(render(value))}.")
    assert found is not None and found.currency == currency and found.value == value, template.format(render(value))


@settings(max_examples=200, deadline=None)
@given(thousands=st.integers(min_value=1, max_value=999), low=st.integers(min_value=1, max_value=99),
       word=st.sampled_from(["тис.", "тисяч", "тыс.", "thousand", "tys."]),
       currency=st.sampled_from([("грн", "UAH"), ("гривень", "UAH"), ("EUR", "EUR"), ("zł", "PLN"), ("USD", "USD")]))
def test_ranges_with_multipliers_give_the_upper_end(thousands, low, word, currency):
    high = low + thousands
    text = f"Гранти від {low} до {high} {word} {currency[0]}."
    found = find_amount(text)
    assert found is not None and found.value == high * 1000 and found.currency == currency[1], text


@pytest.mark.parametrize("text, value, currency", [
    ("від 500 тис. до 1 млн грн", 1_000_000, "UAH"),
    ("можуть отримати від 500 тисяч до мільйона гривень", 1_000_000, "UAH"),
    ("EUR 200 000 – 2 500 000", 2_500_000, "EUR"),
    ("€1.5M grants", 1_500_000, "EUR"),
    ("до 2,5 млн грн на громаду", 2_500_000, "UAH"),
    ("до півмільйона гривень", 500_000, "UAH"),
    ("from UAH 320,000 to UAH 1,920,000", 1_920_000, "UAH"),
    ("CAD $30,000-$50,000", 50_000, "CAD"),
    ("grants ranging from 1 to 1.5 million hryvnias", 1_500_000, "UAH"),
    ("від 3 до 30 мільйонів швейцарських франків", 30_000_000, "CHF"),
    ("до 200 тис.євро", 200_000, "EUR"),
    ("6500 злотых (около 58 512 гривен)", 6_500, "PLN"),
    ("$10K–$50K equity-free grants", 50_000, "USD"),
])
def test_notations_seen_in_calls(text, value, currency):
    found = find_amount(text)
    assert (found.value, found.currency) == (value, currency)


@pytest.mark.parametrize("text, value, currency", [
    ("На весь конкурс передбачено 7 млн грн. Один проєкт може отримати фінансування до 100 000 гривень.", 100_000, "UAH"),
    ("Загальний бюджет конкурсу становить 19,5 млн грн. Пропозиції на суму до 600 тис. грн.", 600_000, "UAH"),
    ("Total available funding: $800,000\nAward amounts: from a minimum of $25,000 to a maximum of $250,000",
     250_000, "USD"),
    ("Programme budget EUR 5 million; grants up to EUR 100,000", 100_000, "EUR"),
    ("Загалом на конкурс закладено до 150 мільйонів франків CHF. Грант для одного проєкту — від 3 до 30 млн CHF.",
     30_000_000, "CHF"),
    ("The maximum amount of support for an individual project is 50.000 CZK (approx. 65.000 UAH).", 50_000, "CZK"),
    ("Approximately EUR 2 000 000 is available in this call.\n • GRANT VALUE: EUR 20 000 – 90 000", 90_000, "EUR"),
    ("Grants can reach €200,000 per small-scale project and €1,000,000 per medium project.", 1_000_000, "EUR"),
    ("Грант не перевищує 10 мільйонів гривень і становить не більше 400 тисяч гривень на гектар.", 10_000_000, "UAH"),
])
def test_the_per_applicant_amount_wins_over_totals(text, value, currency):
    found = find_amount(text)
    assert (found.value, found.currency) == (value, currency)


@pytest.mark.parametrize("text", [
    "Загальний бюджет: 60 076 809 євро",
    "Бюджет програми становить 60 млн євро.",
    "Funding available: EUR 3 000 000",
    "Всего на гранты заложено 10 млн евро, из них 4 – для Украины.",
    "Безповоротна фінансова допомога в середньому становить 3 тисячі доларів США.",
    "В 2016 году средний грант составил около € 20,000.",
    "Grant assistance may not be lower than EUR 1 million; no maximum is fixed.",
    "Projects with budgets of EUR 10,001 or more require an audit.",
    "Up to now, 43 projects have received awards, totalling €652 215.",
    "На Перший конкурс спрямовано 81,11 мільйона євро, а саме:\n  • «Довкілля» – 43,75 мільйона євро;\n"
    "  • «Здоров’я» – 37,36 мільйона євро.",
    "Очікувана вартість закупівлі: 53 680 120,00 UAH",
])
def test_totals_minimums_averages_and_awards_are_not_a_maximum(text):
    assert find_amount(text) is None


def test_no_currency_no_amount():
    assert find_amount("Підтримаємо 20 проєктів у громадах до 5 тисяч жителів, 90% співфінансування.") is None
