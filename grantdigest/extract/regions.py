"""Regions: the oblasts a call is limited to (ISO 3166-2:UA), or ``["UA"]`` for all Ukraine.

In order:
1. a cross-border programme named in the text (Interreg NEXT Poland–Ukraine, PBU,
   HU-SK-RO-UA, Romania–Ukraine, Black Sea Basin, Danube) gives its Ukrainian area;
2. oblasts named in the text ("Полтавська область", "Полтавщина", "Полтавской
   области", "Poltava oblast", "Donetsk and Luhansk oblasts", "obwód połtawski",
   "Poltavska Oblast") — unless the text says the call is for all of Ukraine and names
   no oblast;
3. "вся Україна", "з усіх регіонів", "all over Ukraine" → ``["UA"]``;
4. a city alone ("у Дніпрі", "Дніпровська міськрада") when nothing else names a place;
5. Ukraine named at all (a national call, or a call open to several countries
   including Ukraine) → ``["UA"]``; otherwise ``[]``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from grantdigest.extract.places import CROSS_BORDER, NEIGHBOURS, OBLASTS, PROGRAMMES, SEVERAL
from grantdigest.extract.text import AnyOf, ci, fold

# Endings of a feminine or plural adjective (uk, ru): an oblast, its council, a city council.
ADJ_ENDINGS = r"(?:а|ої|ій|у|ою|і|их|им|ими|ая|ой|ую|ие|ые|ых|ым|ыми|ою)"
NOT_OBLAST_AFTER = (r"\s+(?:політехн|національн|державн\w* (?:університет|академ|педагог)|університет|академі|консерватор"
                    r"|школ|гімназ|ліце|опер|рус[ьі]|митрополі|єпархі|политехн|национальн\w* (?:университет|академ)"
                    r"|университет|академи|консерватори|школ|гимнази|лице|рус[ьи]|гуманітарн|гуманитарн|медичн|медицинск"
                    r"|технічн|техническ|аграрн|економічн|экономическ|юридичн|юридическ|хорова|капела)")
EN_PLACE_WORD = r"(?:oblasts?|regions?|provinces?|regional|oblast's|област\w*|obwod\w*|obwód|region\w*)"
UKRAINE = ci(r"україн\w*|украин\w*|ukrain\w*|\bукр\b")
# Words that only a Ukrainian call uses: it is about Ukraine even when the country is not named.
UKRAINE_IMPLIED = AnyOf(r"\b(?:грн|гривень|гривні|гривня|гривен|гривны|UAH|ОТГ|ОМС|ФОП|ФЛП|ОДА|ОВА|ЦНАП|ЄДРПОУ|ЕДРПОУ)\b"
                             r"|hromad\w*|hryvn\w*|(?<![\w])громад(?!ськ|ян)\w*|дія\b|порталі? «?дія")
ALL_UKRAINE = AnyOf(
    r"(?:вся|всієї|усієї|всій|усій|по всій|з усієї|із усієї|зі всієї|по усій) україн\w*"
    r"|(?:усі|всі|усіх|всіх|з усіх|зі всіх|із усіх|для всіх|для усіх) (?:регіон\w*|област\w*)(?: україни)?"
    r"|all (?:over|of|across) ukraine|across ukraine|throughout ukraine|nationwide|ukraine-wide|whole (?:of )?ukraine"
    r"|entire ukraine|all (?:regions|oblasts) of ukraine|from all regions|any region of ukraine|(?:будь-як\w*) (?:регіон\w*|област\w*)"
    r"|(?:вся|всей|по всей|со всей) украин\w*|(?:все|всех|со всех) (?:регион\w*|област\w*)"
    r"|cał(?:ej|a) ukrain\w*|wszystkich (?:regionów|obwodów)|z całej ukrainy")
CITY_LEVEL = AnyOf(r"міськ\w* (?:рад|бюджет|програм|голов|територіальн)\w*|міськрад\w*|городск\w* (?:совет|бюджет|программ)"
                        r"|горсовет\w*|city (?:council|budget|hall|administration)|miejsk\w*|municipal budget")
OCCUPIED = {"UA-40", "UA-43"}


def _at_word_start(text: str, m: re.Match) -> bool:
    return m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-_'")


def _first(pattern: re.Pattern, text: str) -> re.Match | None:
    """The first match that starts a word (patterns start with a literal, which keeps search fast)."""
    for m in pattern.finditer(text):
        if _at_word_start(text, m):
            return m
    return None


@lru_cache(maxsize=1)
def _patterns():
    strong, english, cities = [], [], []
    for code, names in OBLASTS.items():
        for stem in names["adj"]:
            if re.search(r"[а-яіїєґ]", stem, re.I) and "\\w" not in stem and " " not in stem:
                # "Київська міська рада" is the city of Kyiv (UA-30), not Kyiv oblast.
                city_council = r"(?!\s+(?:міськ|городск))" if code == "UA-32" else ""
                strong.append((ci(rf"{stem}{ADJ_ENDINGS}(?![\w])(?!{NOT_OBLAST_AFTER}){city_council}"), code))
                strong.append((ci(rf"{stem}(?:ий|ого|ому|ім|ый|ом)\s+(?:регіон|край|регион)\w*"), code))
            else:
                strong.append((ci(rf"{stem}\w*"), code))
        for name in names["region"]:
            strong.append((ci(rf"{name}\w*"), code))
        for name in names["en"]:
            english.append((name, code))
        for name in names["city"]:
            cities.append((re.compile(rf"{name}\w*"), code))
    en_names = "|".join(sorted((re.escape(n) for n, _ in english), key=len, reverse=True))
    en_re = ci(rf"(?P<name>{en_names})(?![\w-])")
    en_lookup = {n.lower(): code for n, code in english}
    list_after = ci(rf"\A(?:\s*(?:,|and|&|or|та|і|i|oraz)\s*(?:the\s+)?(?:{en_names}))*\s*(?:,\s*)?(?:and\s+)?"
                    rf"{EN_PLACE_WORD}(?![\w])")
    list_before = ci(rf"{EN_PLACE_WORD}\s*(?:of|:|–|-|—)?\s*(?:(?:the\s+)?(?:{en_names})\s*(?:,|and|&|or)\s*)*\Z")
    several = [(ci(p), codes) for p, codes in SEVERAL]
    programmes = [(AnyOf(p), codes) for p, codes in PROGRAMMES]
    return strong, en_re, en_lookup, list_after, list_before, cities, several, programmes


_CROSS_BORDER = AnyOf(CROSS_BORDER)
_NEIGHBOURS = [(AnyOf(p), codes) for p, codes in NEIGHBOURS]
_NOT_NEIGHBOUR = ci(r"belarus|білорус|беларус|białoru|moldov|молдов|mołdaw")


def programme_area(text: str) -> list[str]:
    """The Ukrainian area of the first cross-border programme the (folded) text names, if any; for a
    cross-border call that names none, the programme of the one neighbour it pairs Ukraine with."""
    *_, programmes = _patterns()
    found = []
    for pattern, codes in programmes:
        m = pattern.search(text)
        if m:
            found.append((m.start(), codes))
    if found:
        return list(min(found, key=lambda f: f[0])[1])
    if _CROSS_BORDER.search(text) and UKRAINE.search(text):
        neighbours = [codes for pattern, codes in _NEIGHBOURS if _first(pattern, text)]
        if len(neighbours) == 1 and not _NOT_NEIGHBOUR.search(text):
            return list(neighbours[0])
    return []


def named_oblasts(text: str) -> list[str]:
    """Oblasts the (folded) text names, in order of first mention."""
    strong, en_re, en_lookup, list_after, list_before, _, several, _ = _patterns()
    found: dict[str, int] = {}

    def add(code: str, position: int) -> None:
        if code not in found or position < found[code]:
            found[code] = position

    for pattern, code in strong:
        m = _first(pattern, text)
        if m:
            add(code, m.start())
    for pattern, codes in several:
        m = _first(pattern, text)
        if m:
            for code in codes:
                add(code, m.start())
    for m in en_re.finditer(text):
        if not _at_word_start(text, m):
            continue
        after = text[m.end():m.end() + 160]
        before = text[max(0, m.start() - 160):m.start()]
        if list_after.match(after) or list_before.search(before):
            add(en_lookup[m.group("name").lower()], m.start())
    return sorted(found, key=found.get)


def named_cities(text: str) -> list[str]:
    """Oblast centres the (original, not folded) text names: capitals matter here."""
    *_, cities, _several, _programmes = _patterns()
    found = {}
    for pattern, code in cities:
        m = _first(pattern, text)
        if m and code not in found:
            found[code] = m.start()
    return sorted(found, key=found.get)


def find_regions(text: str, title: str | None = None) -> list[str]:
    original = f"{title}\n{text}" if title else text
    full = fold(original)
    area = programme_area(full)
    if area:
        return area
    oblasts = [c for c in named_oblasts(full) if c not in OCCUPIED]
    all_ukraine = ALL_UKRAINE.search(full) is not None
    if oblasts and not all_ukraine:
        return oblasts
    if all_ukraine:
        return ["UA"]
    cities = [c for c in named_cities(original) if c not in OCCUPIED]
    if cities and (CITY_LEVEL.search(full) or (title and named_cities(title))):
        return cities
    if UKRAINE.search(full) or UKRAINE_IMPLIED.search(full):
        return ["UA"]
    occupied = [c for c in named_oblasts(full) if c in OCCUPIED]
    return occupied
