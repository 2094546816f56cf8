"""Rules written for the kinds of pages an independent held-out set showed we misread.

Each case is a phrasing of its own (not a text of tests/fixtures/extract/heldout4), so these
check that a rule is general, in uk, en, ru and pl.
"""

import datetime as dt
import re

import pytest

from grantdigest.extract import extract
from grantdigest.extract.amount import find_amount
from grantdigest.extract.applicants import find_applicants
from grantdigest.extract.dates import find_dates
from grantdigest.extract.deadline import find_deadline
from grantdigest.extract.places import BLACK_SEA, CITIES
from grantdigest.extract.published import date_from_url
from grantdigest.extract.regions import find_regions, listed_cities
from grantdigest.vocab import REGIONS

AS_OF = dt.date(2025, 3, 1)


# --- is_call: an open invitation to apply, not a report, a job or a contest without money ---------------------

@pytest.mark.parametrize("title, text, is_call", [
    ("Programme results", "The programme has so far funded 151 projects worth EUR 80 million across five regions.", False),
    ("Фонд за 10 років підтримав 2000 ініціатив", "Загальна сума грантів — 500 млн грн. Фонд відзвітував про роботу.", False),
    ("Програму мікрогрантів призупинено",
     "Донор скоротив бюджет, тож прийом заявок на гранти до 100 000 грн цього року не відбудеться.", False),
    ("Обласний бюджет: кошти на гранти для ГО перерозподілено на оборону", "Конкурс цього року не проводитиметься.", False),
    ("Nabór wniosków odwołany", "Z powodu braku środków nabór w programie „Wsparcie” został odwołany.", False),
    ("Гранти отримали 25 громад: перелік", "Серед переможців — громади Полтавщини. Кожна отримала до 2 млн грн.", False),
    ("Over 300 applications received for the small grants scheme",
     "The evaluation committee will announce results in June. Grants up to EUR 10,000.", False),
    ("Call for proposals closed", "The call for proposals closed on 15 March; 151 proposals were submitted by partners.", False),
    ("Вакансия: менеджер проектов", "Фонд ищет менеджера проектов. Зарплата от 30 000 грн. Резюме присылайте до 1 марта 2025 года.",
     False),
    ("Grants Officer (Kyiv)", "We are looking for a Grants Officer. Salary: EUR 3,000 per month. Apply by 15 May 2025 with your CV.",
     False),
    ("USAID: Senior Economic Development Specialist",
     "Closing date: 10 March 2025. The specialist will manage grants to municipalities.", False),
    ("Конкурс малюнків «Моя Україна»",
     "Запрошуємо дітей 6–12 років. Роботи приймаються до 1 червня 2025 року. Найкращі малюнки прикрасять календар.", False),
    ("У Києві відбувся форум донорів", "Учасники обговорили програми підтримки громад. Наступний конкурс фонд оголосить восени.", False),
    ("More than 300 participants attended the info sessions for applicants",
     "The Joint Secretariat trained partners of the second call for small projects and explained eligibility rules.", False),
    ("Фонд громадських ініціатив: підсумки півріччя",
     "Фонд уклав 38 грантових угод на суму 9,7 млн грн. Найбільший грант — 600 тисяч гривень — спрямовано на молодіжний центр.",
     False),
    ("Фотоконкурс «Світло моєї громади»", "Надсилайте до трьох світлин до 20 травня 2025 року. Роботи покажуть на виставці.",
     False),
    ("Гранти на поліпшення кібербезпеки державних органів", "Фонд є незалежною некомерційною організацією […]", True),
    # calls
    ("Story contest with cash prizes", "Winners will receive EUR 5,000 each. Submit your story by 30 June 2025.", True),
    ("Fellowship for journalists", "Monthly stipend of EUR 1,500 for six months. Send your CV and motivation letter by 1 May 2025.",
     True),
    ("Стипендія для молодих науковців",
     "Розмір стипендії — 10 000 грн щомісяця. Надсилайте резюме та план дослідження до 1 травня 2025 року.", True),
    ("Гранти для менеджерів культури",
     "Подати заявку можуть менеджери культури. Грант — до 50 000 грн. Дедлайн — 1 травня 2025 року.", True),
    ("Гранти для громад", "Фонд запрошує громади подати заявки на гранти до 1 млн грн. Дедлайн под", True),
    ("Конкурс проєктів: переможці отримають до 300 000 грн",
     "Громадські організації можуть подати заявки до 20 червня 2025 року. Перелік переможців оприлюднять у липні.", True),
    ("У Луцьку відбувся форум громад",
     "На форумі презентували конкурс: громади можуть подати заявки на гранти до 800 тис. грн. Прийом заявок триває до "
     "20 квітня 2025 року.", True),
    ("Interreg NEXT Hungary-Slovakia-Romania-Ukraine: call for small projects launched",
     "The call documents were approved at the Monitoring Committee meeting held on 5 February 2025. Eligible applicants "
     "are municipalities and NGOs; a project may receive up to EUR 60,000.", True),
])
def test_is_call_reads_an_invitation_not_a_report(title, text, is_call):
    assert extract(text, title, None, AS_OF).is_call is is_call


# --- deadlines ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url, day", [
    ("https://news.example.ua/novyny/01.05.2023/konkurs", dt.date(2023, 5, 1)),
    ("https://example.org/news/07.11.2024-vouchers", dt.date(2024, 11, 7)),
    ("https://example.org/2023.05.01/call", dt.date(2023, 5, 1)),
    ("https://example.org/news/31.13.2023/x", None),
])
def test_publication_date_from_a_dotted_url_segment(url, day):
    assert date_from_url(url) == day


@pytest.mark.parametrize("text, year", [
    ("Deadline: 29 January\n2026", 2026),
    ("Deadline: 29 January\nBy 2026", 2026),
    ("Заявки приймаються до 14 березня\n2025 року", 2025),
    ("Последний день подачи:\n20 октября\n2025", 2025),
    ("до 14 березня\nУ 2025 році фонд планує…", None),
])
def test_a_year_alone_on_the_next_line_belongs_to_the_date(text, year):
    assert find_dates(text)[0].year == year


@pytest.mark.parametrize("text", [
    "Засідання Моніторингового комітету 7-8 лютого 2023 року затвердить результати. Конкурс для громад.",
    "The Joint Monitoring Committee meeting of 12-13 March 2024 approved the call documents for the programme.",
    "Заседание конкурсной комиссии по программе — 18 апреля 2025 года.",
])
def test_meetings_are_not_deadlines(text):
    assert find_deadline(text, dt.date(2023, 1, 10)) is None


def test_a_labelled_deadline_wins_over_a_meeting():
    text = "Meeting of the Monitoring Committee: 12 March 2025. Deadline for applications: 30 April 2025."
    assert find_deadline(text, dt.date(2025, 1, 10)).date == "2025-04-30"


# --- amounts --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, amount", [
    ("Гранти до 10 тис. дол. для фермерів.", (10000, "USD")),
    ("Гранти до 30 000 дол.", (30000, "USD")),
    ("Размер гранта — до 15 тыс. долл. США.", (15000, "USD")),
    ("Dotacja do 50 tys zł na projekt.", (50000, "PLN")),
    ("Малі та середні підприємства можуть отримати до 500 тис грн.", (500000, "UAH")),
    ("Заклади загальної середньої освіти отримають до 300 тис. грн.", (300000, "UAH")),
    ("Загальна вартість проєкту — до 1 млн грн, з них грант — до 500 тис. грн.", (500000, "UAH")),
    ("Total project value up to EUR 500,000; the EU grant covers up to 80% (max EUR 400,000).", (400000, "EUR")),
    ("Бюджет проєкту — до 2 млн грн.", (2000000, "UAH")),
    ("Рекомендований розмір гранту — до 200 000 грн, максимальний — 300 000 грн.", (300000, "UAH")),
    ("The programme's total allocation is EUR 91.75 million. Grants of EUR 50,000–1,000,000 per project.", (1000000, "EUR")),
    # no ceiling: an optimal / recommended / average sum, or a call's total
    ("Оптимальна сума — 100 000 грн; проєкти з іншим бюджетом теж розглядатимуться.", None),
    ("The recommended grant size is USD 40,000.", None),
    ("Средний размер гранта — 150 тыс. грн.", None),
    ("The call budget is EUR 46 840 850.", None),
    ("A total of 130 million EUR is available in this call.", None),
    ("91.75 million EUR available for the third call.", None),
])
def test_amount_is_a_per_project_ceiling(text, amount):
    found = find_amount(text)
    assert ((int(found.value), found.currency) if found else None) == amount


# --- applicants: from the eligibility statement only -----------------------------------------------------------

@pytest.mark.parametrize("text, title, applicants", [
    ("Проєкт реалізується за підтримки Львівської ОДА. Подати заявку можуть громадські організації.", None, ["ngo"]),
    ("Заявки подаються до департаменту соціальної політики ОДА. Учасники конкурсу: громадські організації.", None, ["ngo"]),
    ("The programme, implemented in partnership with local businesses, invites NGOs to apply for grants.", None, ["ngo"]),
    ("The Fund invites civil society organisations to submit proposals that strengthen citizen participation.", None, ["ngo"]),
    ("Проєкти мають підтримувати ветеранів-підприємців. Подавати заявки можуть громадські організації.", None, ["ngo"]),
    ("Applicants must be registered CSOs. Projects should benefit veterans, IDPs and young people.", None, ["ngo"]),
    ("Подать заявку могут благотворительные фонды, общественные организации, образовательные учреждения, коммунальные "
     "предприятия.", None, ["ngo", "public_institution"]),
    ("Eligible applicants are non-profit legal persons registered in Ukraine.", None, ["ngo"]),
    ("Право на участь мають непідприємницькі товариства, установи та громадські спілки.", None, ["ngo"]),
    ("Eligible applicants: bodies governed by public law, local authorities and NGOs.", None,
     ["local_authority", "ngo", "public_institution"]),
    ("Organizacje pozarządowe mogą składać wnioski do 30 czerwca.", None, ["ngo"]),
    ("O dofinansowanie mogą ubiegać się gospodarstwa domowe z województwa lubelskiego.", None, ["individual"]),
    ("Who can apply: households and individual farmers in Sumy oblast.", None, ["business", "individual"]),
    ("Подати заявку можуть ветерани та ветеранки для відкриття власного бізнесу.", None, ["individual"]),
    ("До участі запрошуються громадські організації, зареєстровані на території Хмельницької міської територіальної "
     "громади.", None, ["ngo"]),
    ("Фонд надає гранти громадським організаціям на підтримку ветеранів.", "Гранти громадським організаціям", ["ngo"]),
    ("Подавати проєкти можуть громадські організації.", "Активісти змінюють громади: конкурс проєктів", ["ngo"]),
    ("Подать заявку могут общественные организации и учебные заведения.", "Конкурс для общин Николаевщины",
     ["ngo", "public_institution"]),
])
def test_applicants_come_from_the_eligibility_statement(text, title, applicants):
    assert find_applicants(text, title) == applicants


# --- regions: cities map to oblasts; origins and page headers are not eligibility -------------------------------

@pytest.mark.parametrize("text, regions", [
    ("Проєкт реалізується в Харкові, Дніпрі та Запоріжжі. Подати заявку можуть ГО.", ["UA-12", "UA-23", "UA-63"]),
    ("Проект реализуется в городах Харьков, Днепр, Одесса и Николаев.", ["UA-12", "UA-48", "UA-51", "UA-63"]),
    ("Open to NGOs in the cities of Lviv, Ternopil and Lutsk.", ["UA-07", "UA-46", "UA-61"]),
    ("Konkurs dla organizacji z Lwowa, Łucka i Równego.", ["UA-07", "UA-46", "UA-56"]),
    ("Фонд оголошує конкурс для ГО Сум, Конотопа та Шостки.", ["UA-59"]),
    ("Грант для ГО з Києва, Ірпеня та Бучі.", ["UA-30", "UA-32"]),
    ("Криворізька міська рада оголошує конкурс міні-грантів для ОСББ.", ["UA-12"]),
    ("Суми грантів — від 10 до 50 тис. грн. Конкурс для ГО з усієї України.", ["UA"]),
    ("Гранти для ГО Полтавщини, що допомагають переселенцям з Херсонщини та Запоріжжя.", ["UA-53"]),
    ("Программа помогает выходцам из Донбасса, живущим в Харьковской области.", ["UA-63"]),
    ("Grants for NGOs supporting IDPs from Donetsk and Luhansk oblasts who now live in Dnipropetrovsk oblast.", ["UA-12"]),
    ("Головна / Запорізька обласна державна адміністрація / Новини\nПрограма Interreg NEXT «Басейн Чорного моря» "
     "оголосила конкурс.", sorted(BLACK_SEA)),
    ("Home > Lviv Regional State Administration > News\nThe Fund invites NGOs from all over Ukraine to apply.", ["UA"]),
])
def test_regions_from_cities_not_origins_or_headers(text, regions):
    assert sorted(find_regions(text)) == sorted(regions)


def test_a_single_city_named_in_passing_is_not_a_region():
    assert find_regions("Презентація конкурсу відбудеться у Львові. Подати заявку можуть ГО з усієї України.") == ["UA"]
    assert listed_cities("Презентація відбудеться у Львові, а прийом заявок триває до травня.") == []


def test_the_gazetteer_is_data_with_valid_codes_and_every_oblast_centre():
    for code, names in CITIES.items():
        assert code in REGIONS
        for name in names:
            re.compile(name.lstrip("?"))
    centres = {"Вінниця": "UA-05", "Луцьк": "UA-07", "Дніпро": "UA-12", "Житомир": "UA-18", "Ужгород": "UA-21",
               "Київ": "UA-30", "Кропивницький": "UA-35", "Львів": "UA-46", "Миколаїв": "UA-48", "Одеса": "UA-51",
               "Полтава": "UA-53", "Рівне": "UA-56", "Тернопіль": "UA-61", "Харків": "UA-63", "Херсон": "UA-65",
               "Черкаси": "UA-71", "Чернівці": "UA-74", "Чернігів": "UA-77", "Краматорськ": "UA-14", "Біла Церква": "UA-32",
               "Кременчук": "UA-53", "Мелітополь": "UA-23", "Калуш": "UA-26", "Сєвєродонецьк": "UA-09"}
    for city, code in centres.items():
        assert listed_cities(f"Конкурс для міст {city} та {city}.") == [code], city


# --- round 6: purposes, offers, taking part; givers, places and relative clauses are not applicants -------------
# Phrasings of their own (not texts of tests/fixtures/extract/heldout6), for the kinds of misses the independent
# proxy set showed: whom a purpose means to support, a dative after "пропонує", "участвуют в отборе", ІГС "від ОДА",
# "організації, які захищають …", a hromada in the genitive, results reported, funding moved elsewhere.

from hypothesis import given, settings
from hypothesis import strategies as st


@pytest.mark.parametrize("text, title, applicants", [
    # 1. a purpose statement names whom the call supports
    ("Завдання конкурсу просте. Мета проєкту — підтримати громадські організації Сумщини у наданні психологічної "
     "допомоги.", None, ["ngo"]),
    ("Основна мета програми — відібрати благодійні фонди, що працюють з літніми людьми.", None, ["ngo"]),
    ("Програма має на меті підтримати громадські спілки зі статусом юридичної особи в малих містах.", None, ["ngo"]),
    ("Цель конкурса — поддержать общественные организации, которые помогают переселенцам.", None, ["ngo"]),
    ("The goal of the programme is to strengthen civil society organisations in eastern Ukraine.", None, ["ngo"]),
    ("Celem konkursu jest wsparcie organizacji pozarządowych z obwodu wołyńskiego.", None, ["ngo"]),
    ("Метою є підтримати малий бізнес у прифронтових громадах.", None, ["business"]),
    ("Програма ставить собі за мету зміцнити благодійні фонди Буковини.", None, ["ngo"]),
    ("Фонд ставит своей целью поддержать общественные организации Сумщины.", None, ["ngo"]),
    # a purpose that is a kind of work: whom its genitive names is not said to apply
    ("Мета програми — підвищити енергоефективність шкіл і лікарень області.", None, []),
    ("Мета конкурсу — підтримати розвиток громад Донеччини.", None, []),
    ("The aim of the programme is to support the recovery of hospitals in Kharkiv oblast.", None, []),
    ("Цель программы — поддержать учреждения культуры и библиотеки.", None, ["public_institution"]),
    ("Мета — підтримати фермерські господарства та підприємства громади.", None, ["business"]),
    # a purpose does not override an eligibility statement
    ("Мета конкурсу — підтримати громади у відбудові. Подавати заявки можуть громадські організації.", None, ["ngo"]),
    # 2. an offer to a dative names the applicants; the offerer does not count
    ("Обласна рада пропонує громадським об'єднанням реалізувати проєкти з національно-патріотичного виховання.", None,
     ["ngo"]),
    ("Фонд предлагает благотворительным организациям Харькова получить гранты на гуманитарные проекты.", None, ["ngo"]),
    ("The Foundation offers local charities and schools in Rivne oblast small grants for summer camps.", None,
     ["ngo", "public_institution"]),
    ("Projekt oferuje organizacjom społeczeństwa obywatelskiego realizację grantu.", None, ["ngo"]),
    ("Wnioski mogą składać obywatele Ukrainy.", None, ["individual"]),
    # 3. taking part
    ("В конкурсе участвуют общественные организации и библиотеки Полтавской области.", None,
     ["ngo", "public_institution"]),
    ("У відборі можуть узяти участь органи місцевого самоврядування та комунальні заклади.", None,
     ["local_authority", "public_institution"]),
    ("W konkursie mogą brać udział stowarzyszenia i fundacje działające w Ukrainie.", None, ["ngo"]),
    ("Zachęcamy szkoły i biblioteki z obwodu lwowskiego do udziału w programie.", None, ["public_institution"]),
    # taking part in a project's activities is whom it serves
    ("Гранти надаються на проєкти, в яких беруть участь молодь та ветерани.", None, []),
    ("В мероприятиях проекта участвуют школьники и их родители.", None, []),
    ("Голова ОДА закликала представників громад долучитися до конкурсу та взяти участь у ньому.", None,
     ["local_authority"]),
    # 4. ІГС, and the giver after "від"/"from"
    ("Конкурс для ІГС від Рівненської ОДА: подавати пропозиції можуть інститути громадянського суспільства.", None,
     ["ngo"]),
    ("Grants from the oblast administration: eligible applicants are NGOs registered in the oblast.", None, ["ngo"]),
    ("Заявки приймаються від громад Волинської області.", None, ["local_authority"]),
    # 5. organisations described by a civic activity; what the clause names is their work
    ("Подати заявку можуть організації, які підтримують ветеранський бізнес і захищають права переселенців.", None,
     ["ngo"]),
    ("Eligible are organisations that support women entrepreneurs and help veterans.", None, ["ngo"]),
    ("Подати заявку можуть державні організації, які надають послуги населенню.", None, []),
    # a list goes on after the relative clause
    ("Подавати заявки можуть ГО, які працюють з молоддю, органи місцевого самоврядування та школи.", None,
     ["local_authority", "ngo", "public_institution"]),
    ("Заявки можуть подати організації, що допомагають переселенцям, і комунальні заклади.", None,
     ["ngo", "public_institution"]),
    # 6. a hromada in the genitive singular is a place
    ("Подати ідеї можуть жителі сіл Макарівської селищної громади.", None, ["individual"]),
    ("Заявку можуть подати фермери Новоушицької територіальної громади.", None, ["business"]),
    ("Подавати заявки можуть сільські громади Житомирської області.", None, ["local_authority"]),
    # 7. people inside a purpose are whom the work serves
    ("Подати заявку можуть громадські організації, які захищають права ветеранів та їхніх сімей.", None, ["ngo"]),
    ("Можуть узяти участь заклади освіти громади та мешканці громади.", None, ["public_institution", "individual"]),
    # a purpose under its own heading, and "спрямований на"
    ("Конкурс мініпроєктів\n\nЦІЛЬ ПРОГРАМИ:\nзробити благодійні організації області стійкішими.", None, ["ngo"]),
    ("Грант спрямований на громадські організації, які захищають права ветеранів.", None, ["ngo"]),
    ("Задача проєкту — підтримати волонтерські організації прифронтових громад.", None, ["ngo"]),
    ("Скористатися програмою можуть власники приватних будинків та квартир.", None, ["individual"]),
    ("Students of Lviv universities and colleges may apply for the summer fellowship.", None, ["individual"]),
    ("Директорка фонду запросила молодіжні організації долучитися до програми.", None, ["ngo"]),
    # a programme's name in quotes is not an applicant
    ("До участі в конкурсі «Активна громада» запрошуються молодіжні організації.", None, ["ngo"]),
])
def test_applicants_round6_phrasings(text, title, applicants):
    assert find_applicants(text, title) == applicants


NGO_NAMES = ["громадські організації", "організації громадянського суспільства", "благодійні фонди",
             "громадські об'єднання", "інститути громадянського суспільства"]


@settings(max_examples=60, deadline=None)
@given(purpose=st.sampled_from(["Мета конкурсу —", "Головна мета програми —", "Проєкт має на меті", "Метою гранту є"]),
       verb=st.sampled_from(["підтримати", "обрати", "залучити", "зміцнити"]), who=st.sampled_from(NGO_NAMES),
       rest=st.sampled_from([", які працюють з ветеранами.", " у громадах Полтавщини.", ", що допомагають бізнесу.", "."]))
def test_a_purpose_names_ngos_in_any_wording(purpose, verb, who, rest):
    assert find_applicants(f"{purpose} {verb} {who}{rest} Грант — до 100 000 грн.") == ["ngo"]


@settings(max_examples=40, deadline=None)
@given(adjectives=st.sampled_from(["Іванківської", "Бородянської селищної", "Хмельницької міської територіальної",
                                   "Новоушицької сільської"]),
       people=st.sampled_from(["мешканці населених пунктів", "жителі", "домогосподарства"]))
def test_a_hromada_in_the_genitive_is_where_people_live(adjectives, people):
    assert find_applicants(f"Подати заявку можуть {people} {adjectives} громади.") == ["individual"]


@pytest.mark.parametrize("title, text, is_call", [
    # 8. funding moved elsewhere, a programme telling what it now does
    ("Фонд переспрямовує кошти програми на гуманітарне реагування",
     "Через нові обстріли фонд перенаправив фінансування малих грантів на відновлення енергопостачання громад.", False),
    ("Programme moves funding to winter support",
     "The programme has moved its remaining funding to emergency heating support for frontline hromadas.", False),
    ("Fund moved funding to emergency support",
     "Since February the Fund has been providing emergency grants to partner organisations for evacuation and shelter. "
     "Grants are up to USD 10,000 and are given to existing partners only.", False),
    ("Фонд перенаправив кошти на евакуацію", "Фонд перенаправив усі кошти на евакуацію людей з прифронтових громад.", False),
    # 9. winners named: not a call, even with amounts; the future stays a call
    ("П'ять громад Черкащини перемогли в конкурсі «Безпечна школа»",
     "Кожна з них отримає по 1 млн грн на облаштування укриттів.", False),
    ("Две громады Сумщины стали победителями конкурса", "Каждая получит по 500 тысяч гривен на ремонт амбулаторий.", False),
    ("Конкурс «Зелене місто» стартував",
     "Переможці отримають до 300 тис. грн. Подати заявку можуть громади області до 30 квітня 2025 року.", True),
    ("Новий набір програми «Спроможні громади»",
     "Минулого року переможцями стали 10 громад, кожна отримала по 200 тис. грн. Цього року подати заявку можуть "
     "громади Київщини до 20 квітня 2025 року. Грант — до 300 тис. грн.", True),
    # 10. grantees introduced
    ("Meet the grantees of our resilience fund",
     "We are proud to present the organisations selected this spring. Each will receive up to USD 20,000.", False),
    ("Spring round completed", "After a careful review we have selected six shelters. Our new grantees are listed below.",
     False),
    # 11. a speaker passing on an invitation in forum news
    ("У Вінниці відбулася конференція місцевого самоврядування",
     "Представниця фонду закликала громади подати заявки на конкурс. Гранти до 2 млн грн, заявки приймаються до "
     "15 травня 2025 року.", True),
])
def test_is_call_round6_phrasings(title, text, is_call):
    assert extract(text, title, None, AS_OF).is_call is is_call


@pytest.mark.parametrize("text, regions", [
    ("Подавати проєкти можуть громадські організації, зареєстровані в Києві. Грант — до 100 тис. грн.", ["UA-30"]),
    ("Eligible are NGOs registered in Lviv. Grants of up to EUR 5,000.", ["UA-46"]),
    ("Взяти участь можуть ГО, зареєстровані у місті Дніпро.", ["UA-12"]),
    ("Участь можуть взяти громадські організації з усієї України, зокрема з Києва.", ["UA"]),
])
def test_where_applicants_must_be_registered_limits_the_call(text, regions):
    assert find_regions(text) == regions
