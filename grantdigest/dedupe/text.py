"""Text features of one announcement that identity uses: a normalised title,
identifier codes, acronyms and signs that a text announces an extension.

Everything here is language-neutral string work (uk, en, pl, ru): no list of
known calls, titles or sites.
"""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"\w+")
URL_IN_TEXT = re.compile(r"(?:https?://|www\.)\S+", re.I)
# A word shaped like an acronym: Latin capitals (two or more letters, digits allowed) or
# Latin letters around a digit (EU4Business, M4EG, SC3).
ACRONYM_SHAPE = re.compile(r"\b(?:[A-Z][A-Z0-9]+|[A-Za-z]+\d[A-Za-z0-9]*)\b")
CODE_HINT = re.compile(r"[A-Z0-9]-[A-Z0-9]+-[A-Z0-9]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
ACRONYM_HINT = re.compile(r"[A-Z][A-Z0-9]|[A-Za-z][0-9]")
# Codes such as HORIZON-CL4-2025-04-DATA-03, UA10-2024-IP29, ERASMUS-EDU-2022-CBHE:
# upper-case letters and digits in three or more dash-joined parts, with a digit.
IDENTIFIER = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+){2,}(?![\w-])")
# Acronyms and brand codes written in Latin capitals or with a digit inside:
# UMX, NEXT, EU4Business, M4EG, SC3.
ACRONYM = re.compile(r"(?<![\w-])(?:[A-Z][A-Z0-9]{1,9}|[A-Za-z]+\d[A-Za-z\d]*)(?![\w-])")
# Acronyms that name no call: currencies, zones, generic words, the biggest donors.
COMMON_ACRONYMS = {
    "EU", "UN", "UK", "US", "USA", "NGO", "NGOS", "CSO", "CSOS", "SME", "SMES", "MSME", "ID", "PDF", "DOC",
    "DOCX", "XLSX", "CET", "CEST", "EET", "EEST", "UTC", "GMT", "COVID", "COVID19", "IT", "AI", "OK", "FAQ",
    "URL", "WWW", "HTTP", "HTTPS", "USD", "EUR", "UAH", "PLN", "GBP", "CHF", "CZK", "CAD", "SEK", "NOK",
    "DKK", "HUF", "RON", "MDL", "JPY", "KRW", "IDP", "IDPS", "VPO", "PM", "AM", "TV", "CV", "NB", "PS",
    "RIA", "IA", "CSA", "HADEA", "EISMEA", "EACEA", "REA", "CINEA", "ERC", "DG", "EC", "EEA", "ICT", "R", "D",
    "RD", "RDI", "HR", "PR", "CEO", "QA", "MVP", "SDG", "SDGS", "GDP", "ESG", "OR", "AND", "THE", "FOR", "OF",
    "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "UA", "PL", "RO", "HU", "SK", "MD", "BY",
    "USAID", "UNDP", "UNICEF", "UNHCR", "UNFPA", "WHO", "IOM", "OSCE", "GIZ", "EBRD", "EIB", "NATO",
}
# Words of the URL path that are not names of anything.
COMMON_SLUG_WORDS = {"opp", "call", "calls", "grant", "grants", "news", "post", "posts", "article", "en", "uk",
                     "ua", "ru", "pl", "html", "htm", "php", "amp", "opportunity", "opportunities", "program",
                     "programme", "programs", "project", "projects", "funding", "category", "tag", "page",
                     "event", "events", "index", "view", "details", "topic", "screen", "portal", "wp", "json",
                     "v2", "api", "id", "and", "the", "for", "of", "in", "to", "new", "open"}
# Word beginnings that announce a new deadline (matched at word starts, lower case).
EXTENSION_STEMS = ("продовж", "подовж", "продлен", "продлил", "перенесен", "extended", "extension", "przedłuż",
                   "wydłuż", "przedluz", "wydluz")
EXTENSION_WORDS = re.compile(
    r"продовж|подовж|продлен|продлил|перенесен|extended|extension|deadline (?:has been )?moved"
    r"|więcej czasu|przedłuż|wydłuż")
YEAR = re.compile(r"(?<!\d)(20[0-4]\d)(?!\d)")
# Word stems naming an oblast (uk, ru, en, pl), matched at the start of a word of a normalised
# title. Kyiv city and oblast share one entry: a headline rarely tells them apart.
OBLAST_STEMS: dict[str, tuple[str, ...]] = {
    "UA-05": ("вінниц", "вінничч", "винниц", "винничч", "vinnyts", "vinnits", "winnic"),
    "UA-07": ("волин", "волын", "volyn", "wołyń", "wolyn", "луцьк", "луцк", "lutsk"),
    "UA-09": ("луганськ", "луганщин", "луганск", "luhansk", "lugansk"),
    "UA-12": ("дніпропетровськ", "дніпропетровщин", "днепропетровск", "dnipropetrovsk", "дніпр", "днепр",
              "dnipro"),
    "UA-14": ("донецьк", "донеччин", "донецк", "donetsk", "donechchyn"),
    "UA-18": ("житомир", "zhytomyr", "żytomierz"),
    "UA-21": ("закарпат", "ужгород", "zakarpat", "transcarpath", "uzhhorod"),
    "UA-23": ("запоріз", "запоріж", "запорож", "zaporiz", "zaporozh"),
    "UA-26": ("франківськ", "франківщин", "франковск", "frankivsk", "prykarpat", "прикарпат"),
    "UA-30": ("київ", "києв", "киев", "kyiv", "kiev", "kijów", "kijow"),
    "UA-35": ("кіровоград", "кропивницьк", "кировоград", "кропивницк", "kirovohrad", "kropyvnytsk"),
    "UA-43": ("крим", "крым", "crimea", "krym", "севастопол", "sevastopol"),
    "UA-46": ("львів", "львов", "lviv", "lwów", "lwow"),
    "UA-48": ("миколаїв", "николаев", "mykolaiv", "mykolayiv", "nikolaev"),
    "UA-51": ("одес", "odes"),
    "UA-53": ("полтав", "poltav"),
    "UA-56": ("рівнен", "рівне", "ровен", "ровно", "rivne"),
    "UA-59": ("сумськ", "сумщин", "сумск", "sumy", "sumsk"),
    "UA-61": ("тернопіл", "тернопол", "ternopil"),
    "UA-63": ("харків", "харьков", "kharkiv", "kharkov", "charków"),
    "UA-65": ("херсон", "kherson", "chersoń"),
    "UA-68": ("хмельниц", "хмельнич", "khmelnyts", "khmelnits"),
    "UA-71": ("черкас", "черкащ", "cherkas", "czerkas"),
    "UA-74": ("чернівец", "чернівц", "буковин", "черновц", "chernivts", "bukovyn"),
    "UA-77": ("чернігів", "черніг", "чернигов", "chernihiv"),
}
_OBLAST_WORDS = {"суми", "сумах", "сумам", "сумами", "сумы"}   # the city Sumy, not the word "сума"
_STEM_CODE = {stem: code for code, stems in OBLAST_STEMS.items() for stem in stems}
_STEM_HEAD = min(len(stem) for stem in _STEM_CODE)          # a word is looked up by its beginning first
_STEM_HEADS = {stem[:_STEM_HEAD] for stem in _STEM_CODE}
_STEM_LENGTHS = sorted({len(stem) for stem in _STEM_CODE})


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped (``об'єкт`` = ``обʼєкт`` = ``об’єкт``), ``ё`` = ``е``,
    words separated by one space."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    for mark in ("'", "’", "ʼ", "`", "‘"):
        text = text.replace(mark, "")
    return " ".join(WORD.findall(text.replace("ё", "е")))


# Words a headline adds that say nothing about which call it is.
TITLE_NOISE = {
    "грант", "гранти", "грантів", "грантовий", "конкурс", "оголошено", "оголошує", "оголосили", "відкрито",
    "стартував", "стартує", "новий", "нове", "нова", "увага", "важливо", "актуально", "можливість",
    "можливості", "call", "for", "proposals", "open", "opens", "opened", "new", "announced", "announces",
    "deadline", "extended", "grant", "grants", "opportunity", "funding", "nabór", "konkurs", "ogłoszenie",
    "the", "a", "an", "of", "and", "to", "in", "on", "з", "із", "зі", "для", "на", "та", "і", "й", "в", "у",
    "до", "від", "по", "про", "w", "na", "do", "dla", "i", "z", "о", "и", "для", "от",
}


def normalise_title(title: str) -> str:
    """A headline as lower-case words."""
    return normalise(title)


def title_core(title: str, normalised: str | None = None) -> str:
    """The headline's distinctive words, sorted: retitled reposts that only add
    "Оголошено конкурс:" or "Call for proposals –" keep the same core."""
    words = {w for w in (normalised if normalised is not None else normalise(title)).split()
             if w not in TITLE_NOISE and (not w.isdigit() or len(w) == 4)}
    return " ".join(sorted(words))


def identifiers(*texts: str, chars: int = 4000) -> list[str]:
    """Identifier codes in order of first appearance (upper case)."""
    found: dict[str, None] = {}
    for text in texts:
        text = (text or "")[:chars]
        if not CODE_HINT.search(text):
            continue
        for match in IDENTIFIER.finditer(text):
            code = match.group(0).upper()
            if any(ch.isdigit() for ch in code) and len(code) >= 8:
                found.setdefault(code)
    return list(found)


def acronyms(*texts: str, chars: int = 800) -> list[str]:
    """Distinctive Latin acronyms/brand codes (upper case) of the headline and
    the opening of the text; identifiers' parts, URLs and lines written in
    capitals (headlines) left out."""
    found: dict[str, None] = {}
    for text in texts:
        text = (text or "")[:chars]
        if not ACRONYM_HINT.search(text):
            continue                     # every acronym shape has two capitals or a letter and a digit in a row
        if CODE_HINT.search(text):
            text = IDENTIFIER.sub(" ", text)
        if "http" in text or "www." in text:
            text = URL_IN_TEXT.sub(" ", text)
        for match in ACRONYM_SHAPE.finditer(text):
            word = match.group(0)
            upper = word.upper()
            if (upper in found or upper in COMMON_ACRONYMS or text[match.end():match.end() + 1] == "-"
                    or len(word) > 14 or sum(ch.isalpha() for ch in word) < 2):
                continue
            at = match.start()
            if at and text[at - 1] == "-":
                continue
            start = max(text.rfind("\n", 0, at) + 1, at - 100)
            end = text.find("\n", at, at + 100)
            if not _shouting(text[start:end if end >= 0 else at + 100]):
                found.setdefault(upper)
    return list(found)


def _shouting(line: str) -> bool:
    """A line written in capitals (a headline): its words are not acronyms."""
    words = [w for w in WORD.findall(line) if len(w) >= 2 and not w.isdigit()]
    return len(words) >= 3 and sum(1 for w in words if w.isupper()) >= 0.6 * len(words)


def slug_names(words: list[str]) -> list[str]:
    """Words of a short last URL segment that may be a call's short name
    (``/opp/umx-call`` -> ``UMX``); a long segment is a transliterated headline."""
    if len(words) > 3:
        return []
    return [w.upper() for w in words
            if w not in COMMON_SLUG_WORDS and 2 < len(w) <= 10 and w.isascii() and not w.isdigit()]


def years(*texts: str) -> list[str]:
    """Years 2000-2049 written in the texts (URLs left out), sorted."""
    found = set()
    for text in texts:
        text = text or ""
        if "20" not in text:
            continue
        if "http" in text or "www." in text:
            text = URL_IN_TEXT.sub(" ", text)
        found.update(YEAR.findall(text))
    return sorted(found)


def title_oblasts(title: str, normalised: str | None = None) -> list[str]:
    """Oblasts a headline names (ISO codes)."""
    words = normalised if normalised is not None else normalise(title)
    found = set()
    for word in words.split():                # a stem begins a word (no stem begins another's code's)
        if word[:_STEM_HEAD] in _STEM_HEADS:
            for length in _STEM_LENGTHS:
                if length > len(word):
                    break
                code = _STEM_CODE.get(word[:length])
                if code:
                    found.add(code)
                    break
        if word in _OBLAST_WORDS:
            found.add("UA-59")
    return sorted(found)


CYRILLIC_RUN = re.compile(r"[\u0400-\u04ff]+")
LATIN_RUN = re.compile(r"[A-Za-z]+")


def script(text: str, chars: int = 400) -> str:
    """``cyrl`` or ``latn``: the alphabet most of the text's letters are in ("" if none)."""
    sample = (text or "")[:chars]
    cyrillic = sum(map(len, CYRILLIC_RUN.findall(sample)))
    latin = sum(map(len, LATIN_RUN.findall(sample)))
    if not cyrillic and not latin:
        return ""
    return "cyrl" if cyrillic >= latin else "latn"


def mentions_extension(text: str) -> bool:
    return bool(EXTENSION_WORDS.search((text or "").lower()))
