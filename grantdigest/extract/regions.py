"""Regions: the oblasts a call is limited to (ISO 3166-2:UA), or ``["UA"]`` for all Ukraine.

In order:
1. a cross-border programme named in the text (Interreg NEXT Poland–Ukraine, PBU,
   HU-SK-RO-UA, Romania–Ukraine, Black Sea Basin, Danube) gives its Ukrainian area;
2. oblasts named in the text ("Полтавська область", "Полтавщина", "Полтавской
   области", "Poltava oblast", "Donetsk and Luhansk oblasts", "obwód połtawski",
   "Poltavska Oblast"), together with the oblasts of the cities the text lists ("Харьков,
   Изюм, Днепр …", "у Кременчуці, Лубнах і Миргороді"; the gazetteer ``places.CITIES``)
   — unless the text says the call is for all of Ukraine;
3. "вся Україна", "з усіх регіонів", "all over Ukraine" → ``["UA"]``;
4. a city alone ("у Дніпрі", "Дніпровська міськрада") when the call is a city's or the
   headline names it;
5. Ukraine named at all (a national call, or a call open to several countries
   including Ukraine) → ``["UA"]``; otherwise ``[]``.
Where people come from ("переселенцям з Луганщини", "выходцам из Донбасса", "IDPs from
Donetsk oblast") is not where a call is open, and a breadcrumb or page-header line
("Головна / Запорізька ОДА / Новини") is not a statement about the call.
"""

from __future__ import annotations

import re
from functools import lru_cache

from grantdigest.extract.places import CITIES, CROSS_BORDER, NEIGHBOURS, OBLASTS, PROGRAMMES, SEVERAL
from grantdigest.extract.text import AnyOf, Gated, GateIndex, ci, fold, gate

# Endings of a feminine or plural adjective (uk, ru): an oblast, its council, a city council.
ADJ_ENDINGS = r"(?:а|ої|ій|у|ою|і|их|им|ими|ая|ой|ую|ие|ые|ых|ым|ыми|ою)"
NOT_OBLAST_AFTER = (r"\s+(?:політехн|національн|державн\w* (?:університет|академ|педагог)|університет|академі|консерватор"
                    r"|школ|гімназ|ліце|опер|рус[ьі]|митрополі|єпархі|политехн|национальн\w* (?:университет|академ)"
                    r"|университет|академи|консерватори|школ|гимнази|лице|рус[ьи]|гуманітарн|гуманитарн|медичн|медицинск"
                    r"|технічн|техническ|аграрн|економічн|экономическ|юридичн|юридическ|хорова|капела)")
EN_PLACE_WORD = r"(?:oblasts?|regions?|provinces?|regional|oblast's|област\w*|obwod\w*|obwód|region\w*)"
UKRAINE = Gated(ci(r"україн\w*|украин\w*|ukrain\w*|ukraiń\w*|\bукр\b"))
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


# Where people come from is not where a call is open: "переселенцям з Луганщини та Донеччини", "выходцам из
# Донбасса", "IDPs from Donetsk oblast", "переехали из Мелитополя".
ORIGIN_BEFORE = Gated(ci(
    r"(?:переселен\w*|\bвпо\b|переміщен\w*|вимушено\w*|виїх\w*|виїжджа\w*|евакуйован\w*|вихідц\w*|переїх\w*|\bприбул[аио]?\b"
    r"|\bприбув\b|выходц\w*|переселенц\w*|перемещ[её]нн\w*|эвакуирован\w*|переех\w*|\bуех\w*|выех\w*|прибывш\w*|\bприбыл[аио]?\b"
    r"|\bidps?\b"
    r"|displaced|evacuated|evacuees|fled|relocated|moved|przesiedl\w*|uchodźc\w*|przybył\w*)"
    r"[^.\n]{0,60}?\s(?:з|із|зі|из|со|from|z|ze)\s+"
    r"(?:(?!(?:в|у|во|на|in|at|w|живу|живущ|прожива|прожив|мешка|mieszk|liv|now|тепер|теперь|сейчас)\w*\b)[\w'’«»-]+,?\s+){0,5}\Z"))
# A breadcrumb or page-header line ("Головна / Запорізька ОДА / Новини", "Home > Odesa RSA > News") names who
# publishes the page, not where a call is open.
BREADCRUMB = re.compile(r"^[^\n]{0,80}(?:\s(?:/|>|»|→|\|)\s[^\n]{1,80}){2,}$", re.M)
# What every breadcrumb holds: most texts have none, and this is found fast.
_BREADCRUMB_SEPARATOR = re.compile(r"\s[/>»→|]\s")


# A quick test that a text speaks of where people come from at all (most do not).
ORIGIN_WORD = AnyOf(r"переселен|впо\b|переміщен|вимушено|виїх|виїжджа|евакуйован|вихідц|переїх|прибул[аио]?\b|прибув\b|выходц"
                    r"|перемещ|эвакуир|переех|уех|выех|прибывш|прибыл[аио]?\b|idps?\b|displaced|evacuat|fled\b|relocated"
                    r"|moved\b|przesiedl|uchodźc|przybył")


@lru_cache(maxsize=16)
def _mentions_origins(text: str) -> bool:
    return ORIGIN_WORD.search(fold(text)) is not None


def _origin(text: str, position: int) -> bool:
    if not _mentions_origins(text):
        return False
    return ORIGIN_BEFORE.search(text[max(0, position - 140):position]) is not None


def _at_word_start(text: str, m: re.Match) -> bool:
    return m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-_'")


def _first(pattern: re.Pattern, text: str, places: bool = False) -> re.Match | None:
    """The first match that starts a word (patterns start with a literal, which keeps search fast); with
    ``places``, the first that is not where people come from."""
    for m in pattern.finditer(text):
        if _at_word_start(text, m) and not (places and _origin(text, m.start())):
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
    en_re = Gated(ci(rf"(?P<name>{en_names})(?![\w-])"))
    en_lookup = {n.lower(): code for n, code in english}
    list_after = ci(rf"\A(?:\s*(?:,|and|&|or|та|і|i|oraz)\s*(?:the\s+)?(?:{en_names}))*\s*(?:,\s*)?(?:and\s+)?"
                    rf"{EN_PLACE_WORD}(?![\w])")
    list_before = ci(rf"{EN_PLACE_WORD}\s*(?:of|:|–|-|—)?\s*(?:(?:the\s+)?(?:{en_names})\s*(?:,|and|&|or)\s*)*\Z")
    # each with the literal it starts with: most oblasts are not named in a text, and one pass tells which are
    strong = (strong, GateIndex([gate(pattern) for pattern, _ in strong]))
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

    strong, index = strong
    for i in index.candidates(text)[0]:                # in their order: ties keep the order of first mention
        pattern, code = strong[i]
        m = _first(pattern, text, places=True)
        if m:
            add(code, m.start())
    for pattern, codes in several:
        m = _first(pattern, text, places=True)
        if m:
            for code in codes:
                add(code, m.start())
    for m in en_re.finditer(text):
        if not _at_word_start(text, m) or _origin(text, m.start()):
            continue
        after = text[m.end():m.end() + 160]
        before = text[max(0, m.start() - 160):m.start()]
        if list_after.match(after) or list_before.search(before):
            add(en_lookup[m.group("name").lower()], m.start())
    return sorted(found, key=found.get)


@lru_cache(maxsize=1)
def _city_patterns() -> list[tuple[re.Pattern, str, bool]]:
    """(pattern, oblast, only in a list) for the gazetteer (places.CITIES) and the older ``city`` names."""
    out = []
    for code, names in CITIES.items():
        for name in names:
            out.append((re.compile(name.lstrip("?")), code, name.startswith("?")))
    for code, names in OBLASTS.items():
        for name in names["city"]:
            out.append((re.compile(rf"{name}\w*"), code, False))
    return out


_META = set("\\[](){}?*+|.^$")


@lru_cache(maxsize=1)
def _city_index() -> dict[str, list[tuple[re.Pattern, str, bool, str]]]:
    """City patterns by their first two letters, each with its literal beginning, so that a text is scanned once
    for capitalised words and each word is tried only against the names it can begin."""
    index: dict[str, list[tuple[re.Pattern, str, bool, str]]] = {}
    for pattern, code, ambiguous in _city_patterns():
        literal = ""
        for char in pattern.pattern:
            if char in _META:
                break
            literal += char
        index.setdefault(literal[:2], []).append((pattern, code, ambiguous, literal))
    return index


CAPITALISED = re.compile(r"(?<![\w'’-])[A-ZА-ЯІЇЄҐЁŁŚŻŹĆŃÓ]")
# The same matches, the capital first so that the regex engine scans for it fast (the lookbehind, one character
# longer, then looks at the character before it).
_CAPITALISED_FAST = re.compile(r"[A-ZА-ЯІЇЄҐЁŁŚŻŹĆŃÓ](?<![\w'’-][A-ZА-ЯІЇЄҐЁŁŚŻŹĆŃÓ])")


@lru_cache(maxsize=1)
def _city_starts() -> re.Pattern:
    """Where a word begins (as :data:`CAPITALISED` finds) with the first two letters of a name in :func:`_city_index`:
    the only places a city can be named. The two letters first (grouped by the first), so that the regex engine
    looks for them fast; then the lookbehind, three characters long, looks at the character before them."""
    by_first: dict[str, set[str]] = {}
    for key in _city_index():
        if len(key) == 2 and _CAPITALISED_FAST.match(key):      # (any other key is never looked up)
            by_first.setdefault(key[0], set()).add(key[1])
    branches = [re.escape(first) + "[" + "".join(re.escape(c) for c in sorted(seconds)) + "]"
                for first, seconds in sorted(by_first.items())]
    return re.compile("(?:" + "|".join(branches) + r")(?<![\w'’-][\s\S]{2})")


def city_mentions(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, oblast, ambiguous) of every city or town the (original, not folded) text names, not counting
    where people come from; capitals matter here."""
    index = _city_index()
    found: list[tuple[int, int, str, bool]] = []
    # (a capital that begins a word is never inside the two letters of another such word: their first is a letter)
    for word in _city_starts().finditer(text):
        start = word.start()
        for pattern, code, ambiguous, literal in index[word.group()]:
            if not text.startswith(literal, start):
                continue
            m = pattern.match(text, start)
            if m and not _origin(text, start):
                found.append((start, m.end(), code, ambiguous))
    found.sort(key=lambda f: (f[0], -f[1]))
    out: list[tuple[int, int, str, bool]] = []
    for mention in found:
        if out and mention[0] < out[-1][1]:
            continue
        out.append(mention)
    return out


LIST_GAP = ci(r"\s*(?:,|;|та|і|й|и|and|or|або|или|oraz|i|&|\(\w+\)|,\s*(?:та|і|и|and|or|а також|as well as))?\s*"
              r"(?:(?:м|г|с|смт|пгт)\.\s*|місто\s+|город\s+|city of\s+)?")


def listed_cities(text: str, mentions: list[tuple[int, int, str, bool]] | None = None) -> list[str]:
    """Oblasts of the cities a text lists together ("Харків, Ізюм, Дніпро…", "у Кременчуці, Лубнах і
    Миргороді", "Kamianske, Pavlohrad and Nikopol"): two or more cities in a row."""
    mentions = city_mentions(text) if mentions is None else mentions
    codes: list[str] = []
    run: list[tuple[int, int, str, bool]] = []

    def close() -> None:
        if len(run) >= 2:
            for _, _, code, _ in run:
                if code not in codes:
                    codes.append(code)

    for mention in mentions:
        if run and LIST_GAP.fullmatch(text[run[-1][1]:mention[0]]):
            run.append(mention)
            continue
        close()
        run = [mention]
    close()
    return codes


def named_cities(text: str, mentions: list[tuple[int, int, str, bool]] | None = None) -> list[str]:
    """Oblasts of the cities the (original, not folded) text names on their own (a name that is also a common
    word counts only in a list)."""
    codes: list[str] = []
    for _, _, code, ambiguous in (city_mentions(text) if mentions is None else mentions):
        if not ambiguous and code not in codes:
            codes.append(code)
    return codes


REGISTERED_BEFORE = ci(r"(?:зареєстрован\w*|зарегистрирован\w*|registered|based|zarejestrowan\w*|які проживають|що проживають|проживающ\w*"
                      r"|living|mieszkając\w*)\s+(?:(?:в|у|на території|in|w|на территории)\s+)(?:(?:м|г|місті|городе|the city of)\.?\s+)?\Z")


def find_regions(text: str, title: str | None = None) -> list[str]:
    original = f"{title}\n{text}" if title else text
    if _BREADCRUMB_SEPARATOR.search(original):
        original = BREADCRUMB.sub("", original)
    full = fold(original)
    area = programme_area(full)
    if area:
        return area
    mentions = city_mentions(original)
    oblasts = [c for c in named_oblasts(full) if c not in OCCUPIED]
    listed = [c for c in listed_cities(original, mentions) if c not in OCCUPIED]
    all_ukraine = ALL_UKRAINE.search(full) is not None
    if (oblasts or listed) and not all_ukraine:
        return oblasts + [c for c in listed if c not in oblasts]
    if all_ukraine:
        return ["UA"]
    cities = [c for c in named_cities(original, mentions) if c not in OCCUPIED]
    if cities and (CITY_LEVEL.search(full) or (title and any(start < len(title) and not ambiguous for start, _, _, ambiguous in mentions))):
        return cities
    # Where applicants must be registered or live ("зареєстровані в Києві", "registered in Lviv") limits the call.
    registered = [code for start, _, code, ambiguous in mentions if not ambiguous and code not in OCCUPIED
                  and REGISTERED_BEFORE.search(fold(original[max(0, start - 40):start]))]
    if registered:
        return list(dict.fromkeys(registered))
    if UKRAINE.search(full) or UKRAINE_IMPLIED.search(full):
        return ["UA"]
    occupied = [c for c in named_oblasts(full) if c in OCCUPIED]
    return occupied
