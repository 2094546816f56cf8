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
EXTENSION_WORDS = re.compile(
    r"продовж\w*|подовж\w*|продлен\w*|продлил\w*|перенесен\w*|extended|extension|deadline (?:has been )?moved"
    r"|więcej czasu|przedłuż\w*|wydłuż\w*", re.I)
YEAR = re.compile(r"(?<!\d)(20[0-4]\d)(?!\d)")
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n+")
LEAD_SENTENCES = 6      # sentences of the text that make lead keys
LEAD_WORDS = 8          # words of a sentence in its key
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
    """A headline as words, without list markers (``# 852``, "Нове"), years kept."""
    words = normalise(title).split()
    return " ".join(words)


def title_core(title: str) -> str:
    """The headline's distinctive words, sorted: retitled reposts that only add
    "Оголошено конкурс:" or "Call for proposals –" keep the same core."""
    words = [w for w in normalise(title).split()
             if w not in TITLE_NOISE and (not w.isdigit() or len(w) == 4)]
    return " ".join(sorted(set(words)))


def identifiers(*texts: str) -> list[str]:
    """Identifier codes in order of first appearance (upper case)."""
    found: dict[str, None] = {}
    for text in texts:
        for match in IDENTIFIER.finditer(text or ""):
            code = match.group(0).upper()
            if any(ch.isdigit() for ch in code) and len(code) >= 8:
                found.setdefault(code)
    return list(found)


def acronyms(*texts: str) -> list[str]:
    """Distinctive Latin acronyms/brand codes (upper case), identifiers' parts excluded."""
    found: dict[str, None] = {}
    for text in texts:
        text = URL_IN_TEXT.sub(" ", IDENTIFIER.sub(" ", text or ""))
        text = "\n".join(line for line in text.splitlines() if not _shouting(line))
        for match in ACRONYM.finditer(text):
            word = match.group(0)
            upper = word.upper()
            if upper in COMMON_ACRONYMS or upper.isdigit():
                continue
            if word.isupper() or any(ch.isdigit() for ch in word):
                if sum(ch.isalpha() for ch in word) >= 2:
                    found.setdefault(upper)
    return list(found)


def _shouting(line: str) -> bool:
    """A line written in capitals (a headline): its words are not acronyms."""
    words = [w for w in WORD.findall(line) if sum(ch.isalpha() for ch in w) >= 2]
    return len(words) >= 3 and sum(w.isupper() for w in words) >= 0.6 * len(words)


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
        found.update(YEAR.findall(URL_IN_TEXT.sub(" ", text or "")))
    return sorted(found)


def title_oblasts(title: str) -> list[str]:
    """Oblasts a headline names (ISO codes)."""
    words = normalise(title).split()
    found = []
    for code, stems in OBLAST_STEMS.items():
        if any(w.startswith(stems) for w in words) or (code == "UA-59" and _OBLAST_WORDS & set(words)):
            found.append(code)
    return found


def lead_sentences(text: str, limit: int = LEAD_SENTENCES, chars: int = 2500) -> list[str]:
    """The first sentences of a text that are long enough to be copied, not common:
    their first ``LEAD_WORDS`` words each (reposts copy a text's opening)."""
    out = []
    for sentence in SENTENCE_END.split(URL_IN_TEXT.sub(" ", (text or "")[:chars])):
        words = WORD.findall(sentence.lower())
        if len(words) >= LEAD_WORDS:
            out.append(" ".join(words[:LEAD_WORDS]))
            if len(out) >= limit:
                break
    return out


def mentions_extension(text: str) -> bool:
    return bool(EXTENSION_WORDS.search(text or ""))
