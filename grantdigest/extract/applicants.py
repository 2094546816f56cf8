"""Applicants: who may apply, in five classes (local_authority, ngo, business,
public_institution, individual), from uk, ru, en and pl wording.

Names of applicants are read only where the text says who may apply:
- sentences with an eligibility phrase ("можуть подавати", "Подаватися можуть",
  "запрошує", "eligible", "open to", "may apply", "mogą składać", "могут подать",
  "для участі", "заявник"), and the list lines that follow such a sentence or a
  heading ("Хто може подаватися?", "Who can apply", "ELIGIBLE INSTITUTIONS:");
- only when the text has no such statement: the headline, and "для ... / for ..." (or a
  dative after a grant noun, "гранти громадським організаціям") in the first sentences —
  with a statement, these name whom projects serve ("Конкурс для общин …").
A sentence that excludes ("не можуть", "cannot apply", "nie mogą") adds nothing. Inside a
statement, a name is not an applicant when it is a place ("на території … громади"), the
organiser or a partner ("за підтримки ОДА", "partnered with businesses", "подаються до
департаменту"), a purpose ("власного бізнесу") or a communal owner ("коммунальные
предприятия" are public institutions); "непідприємницькі товариства, установи" are NGOs.

People (veterans, young people, students) are often whom a project serves, not who
applies: in Ukrainian and Russian only their nominative forms count
("ветерани можуть подати"), or any form right after "для", "серед", "запрошує".
Hromadas likewise ("громади"), while "в громадах" is a place.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from operator import itemgetter

import ahocorasick

from grantdigest.extract.text import LITERALS, AnyOf, Gated, ci, fold, gate, sentences

CLASSES = ("local_authority", "ngo", "business", "public_institution", "individual")

# Each class: (patterns matched in any form, nominative forms, other forms that count only right after
# "для", "серед", "запрошує", "від").
TERMS: dict[str, tuple[list[str], list[str]]] = {
    "local_authority": ([
        r"орган\w* місцевого самоврядування", r"\bОМС\b", r"\bОТГ\b", r"\bТГ\b", r"\bОДА\b", r"\bРДА\b", r"\bОВА\b", r"\bМВА\b",
        r"(?:сільськ|селищн|міськ|районн|обласн)\w* рад(?:и|а)\b", r"місцев\w* (?:рад|влад|самоврядуван)\w*",
        r"військов\w* адміністрац\w*", r"державн\w* адміністрац\w*", r"органи влади", r"муніципалітет\w*",
        r"місцев\w* (?:органи|орган) влади", r"міські голови", r"голів громад", r"голови громад",
        r"органы местного самоуправления", r"местн\w* (?:власт|совет|самоуправлени)\w*", r"горсовет\w*",
        r"(?:городск|сельск|поселков|районн|областн)\w* совет\w*", r"глав городов", r"(?:^|\n|[.!?:]\s+)города\b",
        r"local (?:self-)?government\w*", r"local authorit\w*", r"regional authorit\w*", r"local and regional authorit\w*",
        r"municipalit\w*", r"municipal governments?", r"hromadas?\b", r"territorial communit\w*", r"city councils?",
        r"city administrations?", r"cities and towns", r"towns and cities", r"local councils?", r"oblast administrations?",
        r"public authorit\w*", r"local administration\w*", r"administration units", r"local self-government bodies",
        r"jednost\w* samorządu terytorialnego", r"\bJST\b", r"samorząd\w*", r"\bgmin\w*", r"jednostk\w* administracji",
        r"administracji (?:państwowej|regionalnej|lokalnej)", r"powiat\w*", r"miasta\b", r"urzęd\w* miast",
    ], [
        r"громади\b", r"територіальн\w* громади", r"об'єднан\w* територіальн\w* громади", r"(?:^|\n|[.!?:]\s+)міста\b", r"громада\b",
        r"общины\b", r"территориальн\w* общин\w*",
    ], [
        r"громад\b", r"громадам\b", r"територіальних громад", r"міст\b", r"містам\b", r"общин\b",
    ]),
    "ngo": ([
        r"громадськ\w* (?:організац|об'єднан|спілк|ініціатив)\w*", r"\bГО\b", r"\bБФ\b", r"\bБО\b", r"\bВГО\b", r"\bМГО\b",
        r"благодійн\w* (?:фонд|організац)\w*", r"благодійн\w*", r"об'єднан\w* громадян", r"неприбутков\w*",
        r"організац\w* громадянського суспільства", r"\bОГС\b", r"інститут\w* громадянського суспільства", r"\bІГС\b",
        r"\bНУО\b", r"неурядов\w* (?:організац)?\w*", r"волонтерськ\w* (?:об'єднан|організац)\w*", r"молодіжн\w* організац\w*",
        r"дитяч\w* (?:громадськ\w* )?організац\w*", r"\bасоціац\w*", r"\bспілк\w*", r"неприбуткові організації",
        r"громадські та волонтерські об'єднання", r"громадських об'єднань", r"громадські об'єднання",
        r"общественн\w* (?:организац|объединени)\w*", r"\bОО\b", r"благотворительн\w*", r"некоммерческ\w*", r"\bНКО\b",
        r"неправительственн\w*", r"институт\w* гражданского общества", r"организац\w* гражданского общества",
        r"\bNGOs?\b", r"non-?governmental organi[sz]ations?", r"non-?government organi[sz]ations?", r"non-?profits?\b",
        r"not-for-profit\w*", r"nonprofits?\b", r"civil society organi[sz]ations?", r"\bCSOs?\b", r"civil society institutions?",
        r"charit(?:y|ies|able organi[sz]ations?)", r"public organi[sz]ations?", r"public associations?", r"\bassociations?\b",
        r"\bfoundations\b", r"youth organi[sz]ations?", r"community-based organi[sz]ations?", r"civic (?:organi[sz]ations?|entities|groups)",
        r"think[- ]tanks?", r"voluntary organi[sz]ations?", r"grassroots (?:organi[sz]ations?|initiatives|groups)",
        r"organizacj\w* pozarządow\w*", r"непідприємницьк\w* (?:товариств|установ|організац)\w*", r"\bNGO\b", r"fundacj\w*", r"stowarzysze\w*", r"organizacj\w* non-profit",
        r"non-profit", r"organizacj\w* społeczn\w*", r"organizacj\w* społeczeństwa obywatelskiego", r"pożytku publicznego", r"organizacj\w* obywatelsk\w*",
    ], [], []),
    "business": ([
        r"\bФОП\b", r"фізичн\w* ос\w*[\s\-–]+підприєм\w*", r"\bМСП\b", r"\bМСБ\b", r"\bММСП\b", r"мікро-?,? мал\w* (?:і|та) середн\w*",
        r"мал\w* (?:і|та) середн\w* (?:підприєм|бізнес)\w*", r"(?<!комунальн)(?<!комунальні )(?<!не)підприєм\w*", r"підприємц\w*",
        r"компані\w*", r"бізнес\b", r"бізнесу\b", r"бізнеси", r"суб'єкт\w* господарювання",
        r"агровиробник\w*", r"фермер\w*", r"фермерськ\w* господарств\w*", r"сільгоспвиробник\w*", r"стартап\w*",
        r"\bТОВ\b", r"приватн\w* (?:сектор|компані|підприєм)\w*", r"виробник\w*", r"самозайнят\w*",
        r"\bФЛП\b", r"предпринимател\w*", r"предприяти\w*", r"компани\w*", r"бизнес\w*", r"фермер\w*", r"агропроизводител\w*",
        r"субъект\w* хозяйствования", r"\bМСБ\b",
        r"business(?:es)?\b", r"compan(?:y|ies)", r"(?<!municipal )(?<!communal )(?<!public )(?<!social )(?<!state )enterprises?\b", r"\bSMEs?\b", r"\bMSMEs?\b", r"entrepreneurs?\b",
        r"micro-?entrepreneurs?", r"micro-?(?:business|enterprise)s?", r"start-?ups?\b", r"\bfirms?\b", r"private sector",
        r"farmers?\b", r"sole (?:proprietors?|traders?)", r"individual entrepreneurs?", r"agricultural producers?",
        r"agribusiness\w*", r"producers\b", r"private (?:companies|entities)",
        r"przedsiębior\w*", r"\bfirm\w*", r"\bMŚP\b", r"\bMSP\b", r"spółk\w*", r"startup\w*", r"rolni\w*",
    ], [], []),
    "public_institution": ([
        r"заклад\w* (?:освіти|культури|охорони здоров'я|вищої освіти|загальної середньої|позашкільної|професійн)\w*",
        r"комунальн\w* (?:заклад|підприєм|установ|некомерційн)\w*", r"бюджетн\w* установ\w*", r"державн\w* (?:установ|заклад)\w*",
        r"державні та комунальні заклади", r"навчальн\w* заклад\w*", r"освітн\w* (?:заклад|установ)\w*", r"\bЗВО\b", r"\bЗЗСО\b",
        r"\bКНП\b", r"\bКП\b", r"університет\w*", r"\bшкол[аиі]\b", r"\bшкіл\b", r"ліце\w*", r"гімназі\w*", r"коледж\w*",
        r"лікарн\w*", r"бібліотек\w*", r"музе(?:ї|й|ю|їв)\b", r"будинк\w* культури", r"центр\w* культури", r"театр\w*",
        r"наукові установи", r"науков\w* (?:установ|інститут)\w*", r"(?<![\w])установ(?:а|и|у|ою|і|ам|ами|ах)?\b", r"закладів культури", r"заклади культури",
        r"учреждени\w*", r"\bшкол[аыу]\b", r"университет\w*", r"\bвуз\w*", r"больниц\w*", r"библиотек\w*", r"музе(?:и|ев)\b",
        r"коммунальн\w* (?:предприяти|учреждени)\w*", r"учебн\w* заведени\w*", r"заведени\w*",
        r"\bschools?\b", r"universit(?:y|ies)", r"higher education institutions?", r"\bHEIs?\b", r"colleges?\b", r"hospitals?",
        r"librar(?:y|ies)", r"museums?", r"public institutions?", r"municipal (?:enterprises?|institutions?|companies)",
        r"communal (?:enterprises?|institutions?)", r"educational institutions?", r"research (?:institutions?|organi[sz]ations?)",
        r"cultural institutions?", r"state institutions?", r"budget institutions?", r"public (?:law )?(?:entities|bodies)", r"bodies governed by public law", r"(?:bodies|entities|organi[sz]ations) (?:governed by|of) public law", r"podmiot\w* prawa publicznego", r"публічно-правов\w* (?:орган|устан|суб'єкт)\w*",
        r"institutions subordinate", r"academic institutions?", r"scientific institutions?", r"theat(?:re|er)s?",
        r"instytucj\w*", r"szkoł\w*", r"szkół", r"uczelni\w*", r"uniwersytet\w*", r"szpital\w*", r"bibliotek\w*", r"muze(?:a|um|ów)",
        r"jednostk\w* naukow\w*", r"placówk\w*", r"domy kultury", r"ośrodk\w* kultury",
    ], [], []),
    "individual": ([
        r"фізичн\w* ос\w*\b(?![\s\-–]+підприєм)", r"физическ\w* лиц\w*\b(?![\s\-–]+предприним)", r"osob\w* fizyczn\w*",
        r"individuals?\b", r"(?<!legal )(?<!juridical )(?<!moral )\bpersons?\b(?! (?:governed|of public law))", r"\bcitizens?\b", r"young (?:people|persons|leaders|researchers|professionals)",
        r"\byouth\b", r"\bstudents?\b", r"researchers?\b", r"scholars?\b", r"scientists?\b", r"\bartists?\b", r"journalists?\b",
        r"\bveterans?\b", r"professionals\b", r"teenagers?\b", r"\bresidents\b", r"cultural (?:professionals|managers|actors)",
        r"(?:phd|doctoral|master'?s?) (?:students?|candidates?)", r"academics\b", r"teachers\b", r"activists?\b", r"\bwriters?\b",
        r"translators?\b", r"households?\b", r"домогосподарств\w*", r"домохозяйств\w*", r"gospodarstw\w* domow\w*", r"internally displaced (?:persons|people)(?! \w+ (?:organi|associat))",
        r"obywatel(?:e|i|om|ami|ach|ka|ki)?\b", r"młodzież\w*", r"student\w*", r"naukowc\w*", r"artyst\w*", r"badacz\w*", r"weteran\w*", r"osoby\b(?! prawne)",
    ], [
        r"громадяни\b", r"молодь\b", r"молоді люди", r"молода людина", r"студенти\b", r"студентки\b", r"учні\b", r"школярі\b",
        r"митці\b", r"художники\b", r"науковці\b", r"дослідники\b", r"дослідниці\b", r"вчені\b", r"ветерани\b", r"ветеранки\b",
        r"журналісти\b", r"активісти\b", r"діячі\b", r"творчі діячі", r"кандидати\b", r"аспіранти\b", r"мешканці\b", r"жителі\b",
        r"переселенці\b", r"(?<!юридичні )(?<!юридичних )(?<!юридичної )(?<!юридичною )(?<!фізичні )особи\b(?![\s\-–]+підприєм)",
        r"власник\w* (?:приватн\w* |житлов\w* )?(?:будинк|житл|квартир|осель|садиб|помешкан)\w*", r"владельц\w* (?:частн\w* )?(?:дом|жиль|квартир)\w*",
        r"home-?owners\b", r"owners of (?:private )?(?:houses|homes|flats|apartments|dwellings)",
        r"мешканець|мешканка|жител[ьі]\b|громадянин\b|громадянка|митець|науковець|автор(?:и|ка)? (?:проєкт|ідеї|ініціатив)\w*", r"викладачі\b", r"вчителі\b", r"лідери\b", r"підлітки\b", r"жінки\b",
        r"граждане\b", r"молод[её]жь\b", r"молодые люди", r"студенты\b", r"ученые\b", r"учёные\b", r"исследователи\b",
        r"художники\b", r"ветераны\b", r"журналисты\b", r"жители\b", r"переселенцы\b", r"лица\b", r"кандидаты\b",
    ], [
        r"ВПО\b", r"громадян(?:ам|ами|ах)?\b", r"молоді\b", r"молоддю", r"молодих людей", r"студент(?:ів|ам|ами|ок)\b", r"учн(?:ів|ям)\b",
        r"школяр(?:ів|ам)\b", r"митц(?:ів|ям)\b", r"науковц(?:ів|ям)\b", r"дослідник(?:ів|ам)\b", r"вчених", r"ветеран(?:ів|ам|ок)\b",
        r"журналіст(?:ів|ам)\b", r"активіст(?:ів|ам)\b", r"діяч(?:ів|ам)\b", r"мешканц(?:ів|ям)\b", r"жител(?:ів|ям)\b",
        r"переселенц(?:ів|ям)\b", r"осіб\b", r"граждан\b", r"молод[её]жи\b", r"молодых людей", r"студентов", r"ученых",
        r"исследователей", r"художников", r"ветеранов", r"журналистов", r"жителей", r"переселенцев", r"лиц\b",
    ]),
}
ELIGIBILITY = AnyOf(
    r"можуть (?:по)?дава\w*|можуть подати|можуть податися|можуть взяти участь|можуть отримати|можуть скористатися"
    r"|можуть претендувати|можуть долучитися|можуть позмагатися|можуть подаватися|може (?:подати|податися|отримати|взяти участь)"
    r"|подаватися можуть|подавати (?:заявки|проєкти|проекти|пропозиції)? ?можуть|подати заявку можуть|мають право|право на участь"
    r"|запрошу\w*|заявник\w*|учасник\w* (?:конкурсу|програми)? ?(?:можуть бути|є)|для участі|до участі|хто може|для кого"
    r"|цільов\w* аудиторі\w*|адресован\w*|призначен\w* для|орієнтован\w* на|спрямован\w* на підтримку|приймаються (?:від|проєкти|заявки від)"
    r"|які (?:підготували|розробили|подали)|ініціатив\w*, які|отримувач\w*|бенефіціар\w*|грантоотримувач\w*|зможуть отримати"
    r"|прийма\w* (?:заявк\w* |пропозиці\w* |проєкт\w* |проект\w* )?від|принима\w* (?:заявк\w* )?от|accepts? applications from"
    r"|przyjmuje (?:wnioski )?od|можуть скористатись|кому\b|мають (?:змогу|можливість)|можуть стати|повинні подати|мають подати|змагатимуться|змагатися"
    r"|(?:подат\w*|подава\w*|участь|претендува\w*|отримати|скориста\w*|долучит\w*)[^.\n]{0,40}?можуть|запросив|запросила|запросили|пригласил\w*"
    r"|можуть[^.\n]{0,40}?(?:подат\w*|подава\w*|участь|отримати|претендува\w*)|eligib\w*|who can apply|who may apply|can apply|may apply|are invited|invit\w*|open to"
    r"|is open for|applicants?\b|applications from|targets?\b|target group|aimed at|designed for|intended for|addressed to"
    r"|may submit|can submit|are encouraged|may be submitted by|can be submitted by|who can|who may|may obtain|can obtain"
    r"|may (?:receive|get|take part|participate)|can (?:receive|get|take part|participate)|for whom|beneficiar\w*|calls on"
    r"|mogą (?:składać|ubiegać|wziąć|otrzymać|skorzystać|złożyć|aplikować|się ubiegać|zgłaszać|zgłosić|brać udział)|może (?:złożyć|ubiegać|otrzymać|wziąć)"
    r"|wnioskodawc\w*|adresowan\w*|skierowan\w*|kto może|uprawnion\w*|zaprasza\w*|beneficjen\w*|mogą się ubiegać"
    r"|(?:пода|участ|получ)\w*[^.\n]{0,40}?могут|могут[^.\n]{0,40}?(?:пода|участ|получ)\w*|могут (?:подава|подать|принять участие|получить|претендовать|участвовать)|может (?:подать|получить)|вправе подать"
    r"|приглаша\w*|зовут|заявител\w*|участник\w*|для участия|кто может|претендовать"
    r"|(?:lead |eligible )?(?:partners?|applicants?|beneficiar\w*|participants?) (?:can|may|must|should) be|open for"
    r"|(?:offers?|provides?|awards?) (?:[\w,.-]+ ){0,8}?to\b|offers? (?:[\w,.-]+ ){1,10}?(?:small |micro-?)?(?:grants?|funding|support|the (?:opportunity|chance))\b"
    r"|пропону\w* (?:[\w'’-]+(?:им|ім)\s+){0,2}?[\w'’-]+(?:ам|ям)\b|предлага\w* (?:[\w-]+(?:ым|им)\s+){0,2}?[\w-]+(?:ам|ям)\b"
    r"|oferuje (?:[\w-]+(?:ym|im)\s+){0,2}?[\w-]+om\b"
    r"|беруть участь[^.\n]{0,25}?(?:конкурс|відбор|програм|наборі|грант)|бере участь[^.\n]{0,25}?(?:конкурс|відбор|програм|наборі|грант)"
    r"|участвуют[^.\n]{0,25}?(?:конкурс|отбор|программ|набор|грант)|участвует[^.\n]{0,25}?(?:конкурс|отбор|программ|набор|грант)"
    r"|конкурс\w*[^.\n]{0,25}?(?:беруть|бере) участь|відбор\w*[^.\n]{0,25}?(?:беруть|бере) участь|програм\w*[^.\n]{0,25}?(?:беруть|бере) участь"
    r"|конкурс\w*[^.\n]{0,25}?участвуют|отбор\w*[^.\n]{0,25}?участвуют|программ\w*[^.\n]{0,25}?участвуют"
    r"|mogą[^.\n]{0,20}?(?:wziąć|brać) udział|biorą udział[^.\n]{0,25}?(?:konkurs|program|nabor)|konkurs\w*[^.\n]{0,25}?biorą udział"
    r"|закликав|закликала|закликали|закликає|призвал\w*|призыва\w*|zachęca\w*"
    r"|\burge[sd]? (?:[\w-]+ ){0,5}?to (?:apply|submit|take part|participate)|encourage[sd] (?:[\w-]+ ){0,5}?to (?:apply|submit|take part|participate)|пропону\w* (?:[\w'’,.-]+ ){0,8}?(?:для|тим)|предлага\w* (?:[\w,.-]+ ){0,8}?(?:для)")
EXCLUDING = Gated(ci(r"(?<![\w])(?:не можуть|не може бути|не мають права|не допускаються|не розглядаються|cannot|can not|are not eligible"
                       r"|not eligible|ineligible|excluded|may not apply|nie mogą|nie może|не могут|не допускаются|не вправе"
                       r"|except\b|крім\b|окрім\b|за винятком|oprócz|z wyjątkiem)"))
HEADING = Gated(ci(r"хто може|для кого|цільов\w* аудиторі|учасник\w*|заявник\w*|eligib\w*|who can|who may|applicants?"
                     r"|target|beneficiar\w*|kto może|wnioskodawc\w*|uprawnion\w*|кто может|участник\w*|заявител\w*"))
CALL_NOUN = (r"(?:конкурс|грант|програм|набір|відбір|можливіст|ініціатив|стипенді|фінансуван|підтримк|call|grants?|competition"
             r"|programme|program|opportunit|scheme|fund|initiative|fellowship|scholarship|support|konkurs|nabór|program|dotacj"
             r"|grant|конкурс|программ|стипенди|финансирован)\w*")
FOR_STOP = ci(r"\s(?:на|na|to|in order|w celu|aby|щоб|чтобы|with|з метою|that|які|що|who|which)\s|[,.;:!?]")
FOR = Gated(ci(CALL_NOUN + r"(?:\s+[\w'«»\"„“”-]+){0,4}?\s+(?:для|for|dla|среди|серед)\s+"))
LIST_LINE = re.compile(r"^\s*(?:[-•*–—·]|\d+[.)]|[a-z][.)])\s+", re.M)


def _is_abbreviation(pattern: str) -> bool:
    """"\\bГО\\b", "\\bNGOs?\\b": capital letters that must stay capital ("25-го" is not a ГО)."""
    letters = re.sub(r"\\[a-zA-Z]|\(\?[^)]*\)|[^\w]", "", pattern)
    letters = re.sub(r"[\d_]", "", letters)
    return len(letters) >= 2 and letters.upper() == letters


def _join(patterns: list[str]) -> re.Pattern | None:
    return ci("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def _may_match(literals: frozenset[str] | None, present: frozenset[str]) -> bool:
    """Whether a pattern whose gate (:func:`gate`; None: no pattern) is ``literals`` can match a text that holds
    the literals ``present`` (``LITERALS.present``)."""
    if literals is None:
        return False
    return not literals or not literals.isdisjoint(present)


@lru_cache(maxsize=1)
def _all_patterns():
    out = {}
    for name in CLASSES:
        always, nominative, oblique = TERMS[name]
        abbreviations = [p for p in always if _is_abbreviation(p)]
        words = [p for p in always if not _is_abbreviation(p)]
        exact = re.compile("|".join(f"(?:{p})" for p in abbreviations)) if abbreviations else None
        out[name] = (_join(words), exact, _join(nominative), _join(oblique))
    return out


@lru_cache(maxsize=1)
def _all_gates() -> dict[str, tuple[frozenset[str] | None, ...]]:
    """For each class, the gates of its four patterns (as in :func:`_all_patterns`)."""
    return {name: tuple(None if p is None else gate(p) for p in patterns) for name, patterns in _all_patterns().items()}


@lru_cache(maxsize=1)
def _abbreviation_automaton():
    """The literals of the abbreviations' gates (the second of each class's gates: a few capital strings) in an
    Aho-Corasick automaton of their own; None if an abbreviation pattern has no gate."""
    gates = [exact for _, exact, _, _ in _all_gates().values() if exact is not None]
    if any(not literals for literals in gates):
        return None
    automaton = ahocorasick.Automaton()
    for literal in frozenset().union(*gates):
        automaton.add_word(literal, literal)
    if len(automaton):
        automaton.make_automaton()
    return automaton


def _abbreviations_present(text: str) -> frozenset[str]:
    """Of the abbreviations' gate literals, those ``text`` holds: what ``LITERALS.present(text)`` holds of them, found
    by one pass of their own small automaton (a zone's original-case text is read only for them)."""
    automaton = _abbreviation_automaton()
    if automaton is None:
        return LITERALS.present(text)
    if not len(automaton):
        return frozenset()
    return frozenset(map(_SECOND, automaton.iter(text)))


_SECOND = itemgetter(1)


# After "для" people are usually whom a project serves ("простори для ВПО"); "для" counts only in the
# "конкурс для …" phrases read by FOR. Between the verb and the noun: at most two plural adjectives.
AFTER_FOR = ci(r"(?:серед|запрош\w*|приглаша\w*|зовут|від|для участі|среди|от|конкурс\w* для|грант\w* для|програм\w* для"
               r"|представник\w*|представител\w*|пропону\w*|предлага\w*)\s+"
               r"(?:[\w'-]+(?:их|і|ї|ые|ых|ие|ий)\s+){0,2}\Z")


# "студенти університетів", "pupils of schools": the institution only says where the people are from.
PEOPLE_OF = ci(r"(?:студент\w*|учн\w*|учен\w*|школяр\w*|працівник\w*|співробітник\w*|викладач\w*|випускник\w*|students?"
                       r"|pupils?|staff|employees|graduates|teachers|сотрудник\w*|преподавател\w*|studen\w*|uczni\w*|pracowni\w*)"
                       r"(?:(?:\s+(?:of|from|з|із|из|в|у|w|ze)?\s*[\w'-]+){0,2}\s*|\s+(?:of|from|з|із|из|w|ze)\s+(?:[\w'-]+,?\s+){1,5})\Z")


# Words right before a name that make it something other than an applicant:
# - a place: "зареєстровані на території Бучанської міської територіальної громади", "registered in the city";
PLACE_BEFORE = ci(r"(?:на території|на теренах|у межах|в межах|на территории|в пределах|within|on the territory of|in the territory of"
                  r"|na terenie|w granicach)\s+(?:[\w'’«»-]+\s+){0,4}\Z")
# - what the money is for: "для відкриття власного бізнесу", "to start their own business";
PURPOSE_BEFORE = ci(r"(?:власн\w*|свого|своє|своїх|собственн\w*|своего|своих|(?:their|his|her|your) own|własn\w*"
                    r"|відкритт\w*|розвит\w*|розширенн\w*|створенн\w*|открыти\w*|развити\w*|расширени\w*|создани\w*"
                    r"|start(?:ing)?|grow(?:ing)?|expand(?:ing)?|rozwoj\w*|założeni\w*)\s+(?:[\w'’-]+\s+){0,1}\Z")
# - a communal or state body: "комунальні підприємства", "municipal enterprises" are public institutions;
PUBLIC_OWNER_BEFORE = ci(r"(?:комунальн|коммунальн|municipal|communal|державн|государствен|state-owned|miejsk|komunaln)\w*\s+\Z")
# - the organiser or where to send papers: "подаються до департаменту … ОДА", "організатор — міська рада";
ORGANISER_BEFORE = ci(r"(?:(?:подаються|подавати|подати|надсилати|надіслати|надсилаються|подаются|направля\w*) (?:до|в|у|на адресу)"
                      r"|submitted to|send to|sent to|департамент\w*|управлінн\w*"
                      r"|організатор\w*|за підтримки|спільно з|у партнерстві з|в партнерстві з|partnership with|partnered with"
                      r"|with the support of|organi[sz]ed by|при поддержке|совместно с|организатор\w*|we współpracy z|organizator\w*"
                      r"|підпорядкован\w*|засновник\w*|founded by)\s+(?:[\w'’«»-]+\s+){0,4}\Z")
# - a non-profit legal form: "непідприємницькі товариства та установи" are NGOs.
NONPROFIT_BEFORE = ci(r"(?:непідприємницьк|неприбутков|некомерційн|благодійн|некоммерческ|благотворительн)\w*\s+(?:[\w'’-]+,?\s+){0,2}\Z")


# Any word the checks above look for: most names have none of them before, and need no closer look.
GUARD_WORD = re.compile(
    r"територ|теренах|межах|территор|пределах|within|territory|terenie|granicach|пода|надс|наді|направля|submitted|send|sent|департамент"
    r"|управлінн|організатор|підтримки|спільно|партнерстві|partner|support|organi[sz]ed|поддержке|совместно|организатор"
    r"|współpracy|organizator|підпорядкован|засновник|founded|власн|свого|своє|своїх|собственн|своего|своих|own\b|własn|відкритт|розвит"
    r"|розширенн|створенн|открыти|развити|расширени|создани|start|grow|expand|rozwoj|założeni|комунальн|коммунальн|municipal|communal"
    r"|державн|государствен|state-owned|miejsk|komunaln|непідприємницьк|неприбутков|некомерційн|благодійн|некоммерческ|благотворительн"
    r"|студент|student|учн|учен|школяр|працівник|співробітник|викладач|випускник|pupil|staff|employee|graduate|teacher|сотрудник|преподавател"
    r"|uczni|pracowni")


# - the giver: "грант від Чернігівської ОДА", "funding from the oblast administration" (but "приймаються від громад",
#   "applications from municipalities" name applicants);
GIVER_BEFORE = ci(r"(?:^|\s)(?:від|from|от|od)\s+(?!\d)(?:[\w'’«»-]+\s+){0,3}\Z")
RECEIVING = ci(r"(?:прийма|принима|accept|receiv|przyjmuj|заявк|заяв|пропозиці|предложени|applications|proposals|wnios|звернен"
               r"|проєкт|проект|projects|ідеї|идеи|ideas)\w*"
               r"(?:\s+[\w'’-]+){0,3}\s*\Z")
# - a hromada in the genitive singular is a place: "мешканці Бородянської селищної громади", "домогосподарств
#   Іванківської громади" (adjectives in -ої/-ой; the plural "сільські громади" names applicants).
GENITIVE_BEFORE = ci(r"(?:ої|ой)\s+\Z|(?:^|\s)(?:мешканц\w*|жител\w*|територі\w*|межах|пункт\w*|освіти|культури|заклад\w*|установ\w*"
                     r"|підприємств\w*|домогосподарств\w*|бюджет\w*|старост\w*|сіл|села|міста|селища|громадян\w*|молоді|ветеран\w*"
                     r"|населенн\w*|потреб\w*|розвитку|відновленн\w*|жителей|территори\w*|населени\w*|пределах|учреждени\w*)\s+\Z")
GENITIVE_MATCH = ci(r"(?:ої|ой)\s+(?:громади|общины)\Z")


def _giver(before: str) -> bool:
    m = GIVER_BEFORE.search(before)
    return m is not None and RECEIVING.search(before[:m.start()]) is None


def _genitive_place(before: str, matched: str) -> bool:
    if GENITIVE_MATCH.search(matched):
        return True
    return matched.startswith(("громади", "общины")) and GENITIVE_BEFORE.search(before) is not None


def _quoted(before: str) -> bool:
    """Inside «…» or „…“: a programme's or contest's name ("конкурс «Сила общины»"), not an applicant."""
    return before.rfind("«") > before.rfind("»") or before.rfind("„") > max(before.rfind("“"), before.rfind("”"))


def _guarded(before: str, low: str, start: int, name: str, matched: str = "") -> bool:
    """Whether a name found at ``start`` is something other than an applicant (see the checks above)."""
    if _quoted(before):
        return True
    if name == "local_authority" and (_genitive_place(before, matched) or _giver(before)):
        return True
    if not GUARD_WORD.search(before):
        return False
    if name == "public_institution" and PEOPLE_OF.search(before[-40:]):
        return True
    if PLACE_BEFORE.search(before) or ORGANISER_BEFORE.search(before):
        return True
    if name == "business" and (PURPOSE_BEFORE.search(before) or PUBLIC_OWNER_BEFORE.search(before)):
        return True
    return name == "public_institution" and low.startswith("установ", start) and NONPROFIT_BEFORE.search(before) is not None


def _counts(pattern: re.Pattern, text: str, low: str, name: str) -> bool:
    for m in pattern.finditer(text):
        if not _guarded(low[max(0, m.start() - 60):m.start()], low, m.start(), name, low[m.start():m.end()]):
            return True
    return False


# "організації, які захищають права ветеранів": organisations described by a civic activity are NGOs, and what the
# relative clause names (veterans, "ветеранський бізнес", hromadas they work in) is their work, not an applicant.
CIVIC_VERB = (r"(?:захища|захищ|допомага|підтриму|працю|опіку|займа|розвива|надаю|представля|об'єдну|сприя|відстою|поширю|поддержива"
              r"|помога|работа|защища|занима|оказыва|содейству|отстаива|protect|defend|support|work|help|assist|provid|advocat|promot"
              r"|represent|serv|wspiera|działaj|pomaga|chroni|zajmuj)\w*")
RELATIVE = Gated(ci(r",?\s+(?:які|що|котрі|которые|that|which|who|które|którzy)\s+(?:[\w'’-]+\s+){0,2}?" + CIVIC_VERB))
RELATIVE_END = ci(r"[.;:\n]|,\s+(?:а також|та|і|й|або|чи|and|or|as well as|oraz|lub|а также|и|или)\s")
CIVIC_ORG = ci(r"(?<![\w-])(?:організаці[їя]|организации|organi[sz]ations|organizacje)(?=,?\s+(?:які|що|котрі|которые|that|which|who|które)\s)")
NOT_CIVIC_BEFORE = ci(r"(?:державн|комунальн|бюджетн|міжнародн|комерційн|бізнес|business|commercial|public|state|municipal|international"
                      r"|государствен|коммунальн|международн|коммерческ|międzynarodow|komercyjn|publiczn|освітн|educational|research|наукові)\w*\s+\Z")


NEXT_WORDS = re.compile(r",\s*(?=(\S+(?:\s+\S+)?))")
LIST_ADJECTIVE = ci(r"(?:[\w'’-]+(?:і|ї|ые|ие)|local|public|regional|municipal|national|small|private|state|civil|cultural|educational"
                    r"|non-?profit|charitable|youth|lokaln\w*|publiczn\w*|pozarządow\w*)\s+")


def _next_listed_name(text: str, low: str, start: int, stop: int) -> int:
    """A list going on after a relative clause ("ГО, які працюють з молоддю, органи місцевого самоврядування …"): the
    clause ends at the comma before the next applicant's name (one adjective may come first)."""
    for m in NEXT_WORDS.finditer(low, start, stop):
        pos = m.end()
        for name in CLASSES:
            any_form, exact, nominative, _ = _all_patterns()[name]
            for pattern, source in ((any_form, low), (exact, text), (nominative, low)):
                if pattern is None:
                    continue
                found = pattern.search(source, pos, min(len(source), pos + 80))
                if found is not None and found.start() <= pos + len(m.group(1)) and (
                        found.start() == pos or LIST_ADJECTIVE.fullmatch(low[pos:found.start()])):
                    return m.start()
    return stop


def _relative_clauses(text: str, low: str) -> tuple[str, str, bool]:
    """The text without relative clauses of civic activity, and whether they describe generic organisations (NGOs)."""
    civic = False
    if not RELATIVE.search(low):
        return text, low, civic
    parts, lows, pos = [], [], 0
    for m in RELATIVE.finditer(low):
        if m.start() < pos:
            continue
        base = max(0, m.start() - 14)
        org = CIVIC_ORG.search(low, base, m.end())
        if org is not None and org.start() <= m.start() and not NOT_CIVIC_BEFORE.search(low[max(0, org.start() - 40):org.start()]):
            civic = True
        end = RELATIVE_END.search(low, m.end())
        stop = end.start() if end else len(low)
        stop = _next_listed_name(text, low, m.end(), stop)
        parts.append(text[pos:m.start()])
        lows.append(low[pos:m.start()])
        pos = stop
    parts.append(text[pos:])
    lows.append(low[pos:])
    return " ".join(parts), " ".join(lows), civic


AFTER_CALL_FOR = ci(r"(?:для|for|dla|среди)\s+(?:[\w'-]+\s+){0,3}\Z")


def classes_in(text: str, after_call_noun: bool = False, dative: bool = False) -> set[str]:
    """The classes a stretch of eligibility text names. ``after_call_noun``: the text is a
    "конкурс … для …" phrase, where "для" introduces the applicants; ``dative``: it is "гранти
    ветеранам …", where the dative names them."""
    low = fold(text)
    text, low, civic = _relative_clauses(text, low)
    after = AFTER_CALL_FOR if after_call_noun else AFTER_FOR
    found = {"ngo"} if civic else set()
    # most class names are not in a stretch of text: one pass tells which patterns can match at all
    patterns, gates = _all_patterns(), _all_gates()
    present = LITERALS.present(low)
    present_text = present if text == low else _abbreviations_present(text)   # (only the abbreviations read it)
    for name, (any_form, exact, nominative, oblique) in patterns.items():
        any_gate, exact_gate, nominative_gate, oblique_gate = gates[name]
        if ((_may_match(any_gate, present) and _counts(any_form, low, low, name))
                or (_may_match(exact_gate, present_text) and _counts(exact, text, low, name))
                or (_may_match(nominative_gate, present) and _counts(nominative, low, low, name))):
            found.add(name)
            continue
        if _may_match(oblique_gate, present):
            for m in oblique.finditer(low):
                before = low[max(0, m.start() - 60):m.start()]
                if GUARD_WORD.search(before) and (PLACE_BEFORE.search(before) or ORGANISER_BEFORE.search(before)):
                    continue
                if (name == "local_authority" and _giver(before)) or _quoted(before):
                    continue
                if dative or after.search(before[-40:]) or AFTER_FOR.search(before[-40:]):
                    found.add(name)
                    break
    return found


# "Фонд запрошує ГО", "The fund invites NGOs": the inviter stands before the verb. Impersonal or
# passive forms ("Громади запрошують до участі", "NGOs are invited") put the invitees first.
INVITE = Gated(ci(r"запрошує|запрошуємо|запрошуе|запросив|запросила|invites|invite\b|invited\b(?<!are invited)(?<!is invited)"
                    r"|приглашает|приглашаем|пригласил\w*|zaprasza|zapraszamy|calls on|закликає|закликаємо"
                    r"|оголошує|оголосил[аио]?|оголосив|announces|announced|launche[sd]|ogłasza|ogłosił\w*|объявля\w*|объявил\w*"
                    r"|offers|provides|пропонує|предлагает|oferuje|нагадує|повідомляє|інформує|напоминает|сообщает|informs|reminds"
                    r"|przypomina|informuje|закликав|закликала|закликали|призвал\w*|призыва\w*|\burge[sd]\b|encourages|zachęca\w*"))


# What the invitees are invited to do; what comes after it is the project, not who applies.
ACTION = ci(r"\bto (?:submit|apply|take part|participate|send|propose|present|pitch)\b|\bfor (?:grants|funding|proposals)\b"
            r"|\bdo (?:składania|udziału|zgłaszania)|\bк участию|\bподать|\bподавать|\bподати|\bподавати|\bвзяти участь|\bдо участі")


def _after_invite(sentence: str) -> str:
    """In "Фонд … запрошує ГО …", the inviter comes before the verb: keep what follows it, up to what the
    invitees are invited to do when they were named before it ("invites CSOs to submit proposals that …")."""
    low = fold(sentence)
    m = INVITE.search(low)
    if m is None or ELIGIBILITY.search(low[:m.start()]):
        return sentence
    action = ACTION.search(low, m.end())
    if action and classes_in(sentence[m.end():action.start()]):
        return sentence[m.start():action.start()]
    return sentence[m.start():]


SUPPORTS = Gated(ci(r"\b(?:supports|will support|підтриму\w*|wspiera\w*|поддержива\w*|funds)\b"))


# A sentence can be an eligibility statement or heading only if it holds a literal that ELIGIBILITY or HEADING needs
# (every branch of ELIGIBILITY has one, and HEADING has a gate): the others are passed over without a closer look.
_TRIGGERS = (ELIGIBILITY._index.literals | HEADING.literals
             if not ELIGIBILITY._index.always and ELIGIBILITY._index.literals and HEADING.literals else frozenset())


def _may_be_zones(text: str, sentence_list) -> list[bool] | None:
    """Per sentence, whether it holds one of :data:`_TRIGGERS` (found where LITERALS saw them in the folded text);
    None when that is not known (no gates, a short text, or a capital sigma, the one letter whose lower case depends
    on the letters around it, so that a folded sentence might not be that piece of the folded text)."""
    if not _TRIGGERS or "\u03a3" in text:
        return None
    low = fold(text)
    spans = []
    for literal in _TRIGGERS & LITERALS.present(low):
        starts = LITERALS.starts(low, (literal,))
        if starts is None:
            return None
        spans.extend((start, start + len(literal)) for start in starts)
    spans.sort()
    out = []
    for sentence in sentence_list:
        i = bisect_left(spans, (sentence.start,))
        while i < len(spans) and spans[i][0] < sentence.end and spans[i][1] > sentence.end:
            i += 1
        out.append(i < len(spans) and spans[i][0] < sentence.end)
    return out


def _eligibility_zones(text: str) -> list[str]:
    zones = []
    sentence_list = sentences(text)
    may_be = _may_be_zones(text, sentence_list)
    for i, sentence in enumerate(sentence_list):
        if may_be is not None and not may_be[i]:
            continue
        s = sentence.text
        low = fold(s)
        is_heading = len(s) <= 80 and HEADING.search(low) and (s.rstrip().endswith((":", "?")) or (
            len(s.split()) <= 5 and not s.rstrip().endswith((".", "!", ";"))))
        colon = low.find(":", 0, 60)
        labelled = colon > 0 and HEADING.search(low[:colon]) is not None      # "Учасники конкурсу: ГО та БФ."
        if ELIGIBILITY.search(low) or is_heading or labelled:
            excluded = EXCLUDING.search(low)
            if excluded and not is_heading:
                zones.append(_after_invite(s[:excluded.start()]))
            else:
                zones.append(_after_invite(s))
            # A sentence or heading that introduces a list: the list lines that follow.
            if s.rstrip().endswith(":") or is_heading:
                for follow in sentence_list[i + 1:i + 14]:
                    line = follow.text
                    if LIST_LINE.match(line) or (is_heading and len(line) < 300 and not HEADING.search(fold(line))):
                        if not EXCLUDING.search(fold(line)):
                            zones.append(line)
                        if not LIST_LINE.match(line) and is_heading:
                            break
                    else:
                        break
    return zones


def find_applicants(text: str, title: str | None = None) -> list[str]:
    found: set[str] = set()
    for zone in _eligibility_zones(text):
        found |= classes_in(zone)
    if not found:
        # "Мета конкурсу — підтримати організації громадянського суспільства, які …": whom a call's purpose is to support.
        for obj in _purpose_objects(text):
            found |= classes_in(obj)
    if not found:
        # "The fund supports NGOs and initiative groups…": organisations named as whom the call supports.
        for sentence in sentences(text)[:6]:
            m = SUPPORTS.search(fold(sentence.text))
            if m:
                found |= classes_in(sentence.text[m.end():m.end() + 80]) - {"individual"}
    # The eligibility statement decides. Without one: "for NGOs", "для громад" in the opening sentences, and the
    # headline ("Громади можуть…"); with one, whom the headline names ("Конкурс для общин Николаевщины",
    # "Активісти змінюють громади") is whom the projects serve.
    if not found:
        for piece in [s.text for s in sentences(text)[:3]]:
            found |= _for_phrases(piece)
    if title and not found:
        found = _for_phrases(title) | _title_subject(_after_invite(title))
    return [c for c in CLASSES if c in found]


# A purpose statement and its object: "Мета конкурсу — підтримати ОГС", "Головна мета — обрати громадські організації",
# "має на меті підтримати громадські об'єднання", "The aim of the call is to support CSOs", "Celem jest wsparcie NGO".
_PURPOSE_VERB = (r"(?:[^.\n]{0,60}?|[^.\n]{0,30}:\s*\n\s*)(?:^|\s)"
                 r"(?:підтримати|зробити|сделать|to make|підтримка|підтримку|обрати|відібрати|залучити|допомогти|зміцнити|посилити"
                 r"|поддержать|поддержка|поддержку|отобрать|выбрать|привлечь|помочь|укрепить|to support|to select|to help|to assist"
                 r"|to strengthen|to empower|supporting|strengthening|wsparcie|wesprzeć|wspieranie|wzmocnienie|wybranie|pomoc)\s+")
_PURPOSE_NOUNS = (r"\bмета\b", r"\bметою\b", r"\bмету\b", r"ставит\w* целью", r"\bзавдання\b", r"\bзадача\b", r"\bзадачей\b", r"\btask\b", r"має на меті",
                  r"мають на меті", r"\bціль\b", r"\bцілі\b", r"\bцель\b", r"\bцелью\b", r"имеет целью", r"\baims?\b", r"\bgoal\b",
                  r"\bobjective\b", r"\bpurpose\b", r"\bcelem\b", r"\bcel\b")
# Each branch starts with its noun, so a text without any of them is passed over fast (AnyOf).
PURPOSE = AnyOf("|".join(noun + _PURPOSE_VERB for noun in _PURPOSE_NOUNS)
                + r"|спрямован\w* на(?: підтримку)?\s+|орієнтован\w* на(?: підтримку)?\s+|направлен\w* на(?: підтримку)?\s+")
OBJECT_STOP = ci(r"[,;.:!?(]|\s(?:які|що|котрі|которые|которая|that|which|who|у|в|на|до|для|щоб|чтобы|з|із|зі|с|in|to|for|with|from|across"
                 r"|within|by|w|na|do|dla|aby|które|z|ze|через|шляхом|through)\s")


# An abstract head ("енергоефективність шкіл", "розвиток громад", "development of schools"): the purpose is a
# kind of work, and whom the genitive after it names is not said to apply.
ABSTRACT_HEAD = ci(r"\s*(?:(?:the|a|an|its|their) )?(?!об'єднан|объединени|товарист|учрежден|заведен|stowarzysz|przedsiębiorstw|підприємств|предприяти|господарств"
                   r"|домогосподарств|gospodarstw|товариств|сообществ|спільнот|społeczno|агентств|agenc|communit|munic)"
                   r"(?:[\w'’-]+(?:ість|ність|сть|ння|ття|ацію|ація|ство|ства|ость|ие|ity|ness|ment|tion|ance|ence|ość|anie|enie)"
                   r"|розвит\w*|развити\w*|відбудов\w*|відновлен\w*|ремонт\w*|модернізац\w*|реконструкц\w*|rozwoj\w*|odbudow\w*"
                   r"|доступ\w*|якість|рівень|роботу|роботи|работу|work|access|quality|capacity|resilience|recovery)(?![\w'’-])")


def _purpose_objects(text: str) -> list[str]:
    objects = []
    low = fold(text)
    if not PURPOSE.search(low):
        return objects
    for m in PURPOSE.finditer(low):
        window = text[m.end():m.end() + 120]
        stop = OBJECT_STOP.search(fold(window))
        obj = window[:stop.start()] if stop else window
        if not ABSTRACT_HEAD.match(fold(obj)):
            objects.append(obj)
    return objects


# "гранти громадським організаціям", "гранты общественным организациям": whom a grant is given to (dative).
DATIVE = Gated(ci(r"(?:грант|мікрогрант|субгрант|стипенді|фінансуванн|гранты|грант|стипенди|финансировани)\w*\s+"
            r"(?=(?:[\w'-]+(?:им|ім|ым|ам|ям)\s+){0,2}[\w'-]+(?:ам|ям)\b)"))


def _for_phrases(piece: str) -> set[str]:
    found: set[str] = set()
    low = fold(piece)
    for m in FOR.finditer(low):
        window = piece[m.start():m.end() + 60]
        stop = FOR_STOP.search(fold(window), m.end() - m.start())
        found |= classes_in(window[:stop.start()] if stop else window, after_call_noun=True)
    for m in DATIVE.finditer(low):
        window = piece[m.end():m.end() + 60]
        stop = FOR_STOP.search(fold(window))
        found |= classes_in(window[:stop.start()] if stop else window, dative=True)
    return found


def _title_subject(title: str) -> set[str]:
    """Headlines often name applicants as the subject: "Громади можуть отримати…", "NGOs invited…"."""
    if ELIGIBILITY.search(fold(title)):
        return classes_in(title)
    return set()
