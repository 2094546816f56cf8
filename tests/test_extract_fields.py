"""Applicants, regions, is_call/kind and themes, from uk, en, pl and ru wording."""

import pytest

from grantdigest.extract import extract
from grantdigest.extract.applicants import find_applicants
from grantdigest.extract.places import BLACK_SEA, DANUBE, HU_SK_RO_UA, PL_UA, RO_UA
from grantdigest.extract.regions import find_regions
from grantdigest.vocab import APPLICANTS, REGIONS, THEMES


@pytest.mark.parametrize("text, expected", [
    ("Подаватися можуть благодійні організації та громадські об'єднання, зареєстровані як юридичні особи.", ["ngo"]),
    ("Заявниками можуть бути ОМС, комунальні підприємства та ГО.", ["local_authority", "ngo", "public_institution"]),
    ("Подати заявку на цей конкурс можуть агровиробники, зареєстровані як юридичні особи або фізичні особи-підприємці.",
     ["business"]),
    ("Взяти участь у Конкурсі можуть державні та комунальні заклади культури, а також громадські організації.",
     ["ngo", "public_institution"]),
    ("Подати ідею може будь-який мешканець міста, якому виповнилося 16 років.", ["individual"]),
    ("Eligible applicants: local and regional authorities, NGOs and universities.",
     ["local_authority", "ngo", "public_institution"]),
    ("The Embassy invites Ukrainian civil society organizations to submit proposals.", ["ngo"]),
    ("Wnioski mogą składać szkoły, organizacje pozarządowe i jednostki samorządu terytorialnego.",
     ["local_authority", "ngo", "public_institution"]),
    ("К участию приглашаются общественные организации и благотворительные фонды.", ["ngo"]),
    ("Участвовать могут студенты вузов и колледжей в возрасте от 17 до 25 лет.", ["individual"]),
    # whom a project serves is not who applies; the inviter is not an applicant
    ("Громадські організації, що консультують ветеранів, можуть отримати фінансування.", ["ngo"]),
    ("Фонд Східна Європа запрошує організації громадянського суспільства до конкурсу грантів у громадах Сумщини.",
     ["ngo"]),
    ("Департамент Черкаської міської ради запрошує митців подати проєкти.", ["individual"]),
    ("O dofinansowanie nie mogą się ubiegać kluby sportowe i spółki.", []),
    ("Кошти можна спрямувати на сонячні станції для шкіл і лікарень.", []),
])
def test_applicants(text, expected):
    assert find_applicants(text, "Конкурс") == expected


def test_applicant_classes_are_the_vocabulary():
    result = extract("Подавати заявки можуть ОМС, ГО, ФОП, школи та молоді люди.", "Конкурс")
    assert result.applicants == list(APPLICANTS)


@pytest.mark.parametrize("text, expected", [
    ("Конкурс для громад Сумської, Чернігівської та Харківської областей.", ["UA-59", "UA-77", "UA-63"]),
    ("Громади Полтавщини можуть отримати гранти.", ["UA-53"]),
    ("Гранты для общественных организаций Запорожской области.", ["UA-23"]),
    ("Open to CSOs in Donetsk and Luhansk oblasts.", ["UA-14", "UA-09"]),
    ("The project works in Vinnytska Oblast and Lvivska, Zakarpatska Oblasts.", ["UA-05", "UA-46", "UA-21"]),
    ("w Ukrainie zachodnie obwody: wołyński, lwowski i zakarpacki", ["UA-07", "UA-46", "UA-21"]),
    ("Конкурс відкритий для організацій з усіх регіонів України.", ["UA"]),
    ("Grants for organisations from Armenia, Georgia, Moldova and Ukraine.", ["UA"]),
    ("Київська міська рада оголошує конкурс для ГО міста Києва.", ["UA-30"]),
    ("Конкурс для громад Київської області.", ["UA-32"]),
    ("Studenci Politechniki i artyści z Czech.", []),
    ("Конкурс проєктів ГО з міського бюджету. У Дніпрі триває прийом заявок.", ["UA-12"]),
    ("Гранти до 100 тис. грн для ОТГ на енергоефективність.", ["UA"]),
])
def test_regions(text, expected):
    assert find_regions(text, "Оголошення") == expected


@pytest.mark.parametrize("text, area", [
    ("Interreg NEXT Poland–Ukraine 2021-2027: the second call for proposals is open.", PL_UA),
    ("Програма Interreg NEXT Польща – Україна оголошує набір.", PL_UA),
    ("Программа Interreg NEXT Польша-Украина: приём заявок.", PL_UA),
    ("Program Współpracy Transgranicznej Polska-Białoruś-Ukraina: nabór mikroprojektów.", PL_UA),
    ("Interreg NEXT Hungary-Slovakia-Romania-Ukraine launches its third call.", HU_SK_RO_UA),
    ("Програма Interreg NEXT Румунія-Україна: конкурс малих проєктів.", RO_UA),
    ("Interreg NEXT Black Sea Basin: second call for proposals.", BLACK_SEA),
    ("Interreg Danube Region Programme opens its fourth call.", DANUBE),
    ("Small Project Fund: cross-border projects with one partner from Poland and one from Ukraine.", PL_UA),
])
def test_interreg_programmes_carry_their_ukrainian_area(text, area):
    assert sorted(find_regions(text)) == sorted(area)


def test_region_codes_are_iso_3166_2_ua():
    for code in PL_UA + HU_SK_RO_UA + RO_UA + BLACK_SEA + DANUBE:
        assert code in REGIONS


@pytest.mark.parametrize("title, text, is_call, kind", [
    ("Вакансія: координатор проєкту", "Шукаємо координатора. Резюме надсилайте до 30 серпня 2024 року.", False, "vacancy"),
    ("Оголошено конкурс на посаду директора", "Кандидати подають документи до 5 вересня 2024 року.", False, "vacancy"),
    ("Request for Quotations: generators", "Quotations must be submitted no later than 10 March 2025.", False, "tender"),
    ("Оголошено переможців конкурсу «Сильні громади»", "Гранти отримають 14 громад.", False, "results"),
    ("Запрошуємо на вебінар «Як написати грантову заявку»", "20 березня о 14:00 експерти розкажуть.", False, "event"),
    ("У Львові відбувся форум «Громади та донори»", "Учасники обговорили фінансування.", False, "event"),
    ("Over 250 organisations applied for the small grant scheme", "The call closed in June.", False, "news"),
    ("Конкурс малих грантів", "ЗАВЕРШЕНО\nФонд оголосив конкурс. Дедлайн: 10 жовтня 2023 року.", False, "other"),
    ("Конкурс грантів для ГО", "Фонд оголошує конкурс. Заявки приймаються до 10 жовтня 2025 року. Грант — до 100 000 грн.",
     True, "competition"),
    ("Stypendia dla artystów z Ukrainy", "Wnioski można składać do 30 września 2025 r.", True, "fellowship"),
    ("Call for proposals: Green Cities", "Deadline for concept notes: 14 March 2025. Grants up to € 1 million.",
     True, "call_for_proposals"),
    ("Regional Program", "Black Sea Trust takes proposals on a rolling basis. Projects funded in 2024 …", True, "grant"),
])
def test_is_call_and_kind(title, text, is_call, kind):
    result = extract(text, title)
    assert (result.is_call, result.kind) == (is_call, kind)


def test_themes_come_from_the_fixed_vocabulary():
    result = extract("Гранти на енергоефективність шкіл: сонячні панелі та теплові насоси для закладів освіти. "
                     "Освіта та енергетика — пріоритети.", "Енергоефективність освіти")
    assert {"energy", "education"} <= set(result.themes)
    assert set(result.themes) <= set(THEMES)
