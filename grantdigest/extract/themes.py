"""Themes: a small fixed vocabulary (``grantdigest.vocab.THEMES``), from keywords in uk, ru, en, pl.

A theme is given when its words occur at least twice, or once in the headline.
"""

from __future__ import annotations

from functools import lru_cache

from grantdigest.extract.text import AnyOf, fold

THEME_WORDS: dict[str, str] = {
    "energy": r"енергет\w*|енергоефектив\w*|енергозбереж\w*|енергоощад\w*|енергонезалеж\w*|сонячн\w* (?:панел|станці|електро)\w*"
              r"|відновлюван\w* (?:джерел|енерг)\w*|теплов\w* насос\w*|генератор\w*|energy|solar|renewable\w*|heat pumps?"
              r"|energetyk\w*|energi\w*|энерг\w*|энергоэффектив\w*",
    "environment": r"довкілл\w*|екологі\w*|екологічн\w*|природ\w*|клімат\w*|біорізноманітт\w*|відход\w*|забрудненн\w*|зелен\w* відновлен\w*"
                   r"|environment\w*|ecolog\w*|climate|biodiversity|waste|pollution|green recovery|środowisk\w*|klimat\w*|экологи\w*"
                   r"|окружающ\w* сред\w*|водн\w* ресурс\w*|water management",
    "health": r"охорон\w* здоров'я|здоров'\w*|медичн\w*|медицин\w*|лікарн\w*|психічн\w* здоров\w*|психосоціальн\w*|реабілітаці\w*"
              r"|health\w*|medical|hospital\w*|mental health|rehabilitat\w*|zdrowi\w*|здравоохранени\w*|медицинск\w*",
    "education": r"освіт\w*|навчанн\w*|школ\w*|університет\w*|студент\w*|учн\w*|education\w*|school\w*|universit\w*|students?|learning"
                 r"|edukacj\w*|szkoł\w*|образовани\w*|обучени\w*",
    "culture": r"культур\w*|мистецт\w*|митц\w*|музе\w*|бібліотек\w*|спадщин\w*|креативн\w* індустр\w*|кіно\w*|театр\w*|culture|cultural"
               r"|arts?\b|artists?|heritage|museum\w*|librar\w*|creative|kultur\w*|dziedzictw\w*|искусств\w*|культурн\w*",
    "youth": r"молод\w*|молодіжн\w*|підлітк\w*|youth|young people|teenagers?|młodzież\w*|молодеж\w*|дитяч\w*|дітей|children",
    "veterans": r"ветеран\w*|захисник\w*|військовослужбов\w*|учасник\w* бойових дій|ато/оос|veteran\w*|servicem\w*|weteran\w*",
    "social": r"соціальн\w*|вразлив\w*|інклюзи\w*|людей з інвалідністю|інвалідн\w*|впо\b|переселенц\w*|гуманітарн\w*|social\w*|vulnerable"
              r"|inclusi\w*|disabilit\w*|internally displaced|idps?\b|humanitarian|społeczn\w*|социальн\w*|уязвим\w*",
    "infrastructure": r"інфраструктур\w*|укритт\w*|будівництв\w*|ремонт\w*|реконструкці\w*|відбудов\w*|водопостачан\w*|дорог\w*|житл\w*"
                      r"|infrastructur\w*|construction|reconstruction|rebuild\w*|shelters?|housing|roads?\b|infrastruktur\w*|инфраструктур\w*",
    "economy": r"економі\w*|бізнес\w*|підприєм\w*|фермер\w*|сільськ\w* господарств\w*|агро\w*|зайнятіст\w*|робоч\w* місц\w*|ФОП\b|МСП\b"
               r"|econom\w*|business\w*|entrepreneur\w*|enterprise\w*|SMEs?\b|agricultur\w*|farm\w*|livelihood\w*|employment|jobs\b"
               r"|gospodar\w*|przedsiębior\w*|экономи\w*|бизнес\w*|предпринимат\w*",
    "digital": r"цифров\w*|діджитал\w*|\bІТ\b|інформаційн\w* технологі\w*|кібер\w*|digital\w*|\bIT\b|information technolog\w*|cyber\w*|online tools"
               r"|innovat\w*|інноваці\w*|cyfrow\w*|цифров\w*|медіаграмот\w*|media literacy",
    "tourism": r"туриз\w*|туристи\w*|tourism|touris\w*|turysty\w*|туризм\w*",
    "governance": r"врядуванн\w*|децентралізац\w*|демократ\w*|прозор\w*|антикоруп\w*|корупці\w*|місцев\w* самоврядуван\w*|громадянськ\w* суспільств\w*"
                  r"|прав\w* людини|адвокац\w*|governance|decentrali[sz]ation|democra\w*|transparen\w*|corruption|human rights|civil society"
                  r"|advocacy|rule of law|demokracj\w*|samorząd\w*|управлени\w*|демократи\w*|гражданск\w* обществ\w*|медіа\b|media\b|журналіст\w*",
    "cross_border": r"транскордон\w*|прикордон\w*|interreg|cross-?border|transgraniczn\w*|трансграничн\w*|euroregion\w*|єврорегіон\w*"
                    r"|black sea basin|neighbourhood programme",
}


@lru_cache(maxsize=1)
def _patterns():
    return {theme: AnyOf(words) for theme, words in THEME_WORDS.items()}


def find_themes(text: str, title: str | None = None) -> list[str]:
    text, title = fold(text), fold(title) if title else None
    found = []
    for theme, pattern in _patterns().items():
        in_title = bool(title and pattern.search(title))
        count = len(pattern.findall(text))
        if in_title or count >= 2:
            found.append(theme)
    return found
