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
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "‘": "'", "ё": "е", "Ё": "Е"})


def normalise(text: str) -> str:
    """Lower case, one apostrophe, no accents' variants, words separated by one space."""
    text = unicodedata.normalize("NFKC", text or "").translate(APOSTROPHES).lower()
    return " ".join(WORD.findall(text.replace("'", "")))


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


def mentions_extension(text: str) -> bool:
    return bool(EXTENSION_WORDS.search(text or ""))
