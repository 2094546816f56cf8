"""Programme or donor name: a best reading, for display and the site's programme filter.

An Interreg NEXT/ENI programme is named as such; otherwise a quoted name after
"програма/programme/program/программа/konkurs", then a known donor named in the text.

A well-known programme or donor is written many ways: in Ukrainian cases ("від
«Креативної Європи»"), in English, with or without quotes. ``canonical_programme``
gives each one name (``PROGRAMMES``: the name its Ukrainian office uses, then every
form it may take), so the digest counts and filters it once. Names not in the table
are kept as read.
"""

from __future__ import annotations

import re

from grantdigest.extract.text import AnyOf, Gated, ci, fold

INTERREG = Gated(ci(r"(?:Interreg|ENI|ENPI)(?:\s+(?:NEXT|VI-A|VI-B|A|B|CBC))*\s+[A-ZА-ЯІЇЄŁŚŻ][\w–—\-\s]{2,60}?"
                      r"(?=\s*(?:\d{4}\s*[-–]\s*\d{4}|[.,;:()«»\"\n]|\s(?:програм|programme|program)))"))
QUOTED = Gated(ci(r"(?:програм\w*|programme|program|программ\w*|konkurs\w*|конкурс\w*|ініціатив\w*|initiative|проєкт\w*|project)"
                    r"\s+(?:[\w-]+\s+){0,2}?[«\"„“](?P<name>[^»\"”“]{3,90})[»\"”“]"))
DONORS = AnyOf(
    r"House of Europe|Український культурний фонд|Ukrainian Cultural Foundation|Український ветеранський фонд|USAID(?: [А-ЯA-Z]+)?"
    r"|U-LEAD(?: з Європою| with Europe)?|GIZ|UNDP|ПРООН|Erasmus\+|Еразмус\+|Horizon Europe|Горизонт Європа|Creative Europe"
    r"|Креативна Європа|EU4\w+|International Visegrad Fund|Міжнародний [Вв]ишеградський фонд|Visegrad Fund"
    r"|Міжнародний фонд «?Відродження»?|International Renaissance Foundation|Фонд Східна Європа|East Europe Foundation"
    r"|British Council|Британська Рада|European Youth Foundation|Black Sea Trust|German Marshall Fund|Nefco|IOM|МОМ"
    r"|Канадський фонд місцевих ініціатив|Canada Fund for Local Initiatives|SECO|NAWA|Polish Aid|Polska Pomoc|MATRA"
    r"|Фонд «?МХП[- –]+Громаді»?|EEA and Norway Grants|Norway Grants|Європейський Союз|European Union")


# (the one name, the forms it takes: stems in any grammatical case, other languages)
PROGRAMMES: list[tuple[str, str]] = [
    ("Креативна Європа", r"креативн\w* європ\w*|creative europe|креативн\w* европ\w*|kreatywna europa"),
    ("Горизонт Європа", r"горизонт\w* європ\w*|horizon europe|горизонт\w* европ\w*|horyzont europa"),
    ("Цифрова Європа", r"цифров\w* європ\w*|digital europe|цифров\w* европ\w*|cyfrowa europa"),
    ("Еразмус+", r"erasmus ?\+|еразмус ?\+|эразмус ?\+"),
    ("House of Europe", r"house of europe|дім\w* європи|дом\w* европы"),
    ("Український культурний фонд", r"українськ\w* культурн\w* фонд\w*|ukrainian cultural foundation|укф"),
    ("Український ветеранський фонд", r"українськ\w* ветеранськ\w* фонд\w*|ukrainian veterans'? fund|увф"),
    ("Міжнародний фонд «Відродження»", r"(?:міжнародн\w* )?фонд\w* [«\"“]?відродження[»\"”]?|international renaissance foundation"
                                       r"|(?:международн\w* )?фонд\w* [«\"“]?возрождение[»\"”]?"),
    ("Фонд Східна Європа", r"фонд\w* [«\"“]?східна європа[»\"”]?|east europe foundation"),
    ("Міжнародний Вишеградський фонд", r"(?:міжнародн\w* )?вишеградськ\w* фонд\w*|(?:international )?visegrad fund"),
    ("Британська Рада", r"британськ\w* рад\w*|british council"),
    ("Фонд «МХП-Громаді»", r"фонд\w* [«\"“]?мхп[- –]+громаді[»\"”]?|[«\"“]?мхп[- –]+громаді[»\"”]?"),
    ("Час діяти, Україно!", r"#?час[ _]діяти,?[ _]україно!?"),
    ("Європейський Союз", r"європейськ\w* союз\w*|european union|євросоюз\w*|евросоюз\w*|европейск\w* союз\w*"),
    ("U-LEAD з Європою", r"u-lead(?: з європою| with europe)?"),
    ("ПРООН", r"проон|undp|програм\w* розвитку оон"),
]
_CANONICAL = [(name, re.compile(rf"(?:{forms})", re.IGNORECASE)) for name, forms in PROGRAMMES]
_QUOTES = " \t«»\"“”„'’-–—.,:;"


def canonical_programme(name: str | None) -> str | None:
    """One name for a known programme or donor however it is written ("Креативної Європи",
    "Creative Europe" -> "Креативна Європа"); any other name as it is."""
    if not name:
        return name
    bare = re.sub(r"\s+", " ", fold(name)).strip(_QUOTES)
    for canonical, forms in _CANONICAL:
        if forms.fullmatch(bare):
            return canonical
    return name


def find_programme(text: str, title: str | None = None) -> str | None:
    full = f"{title}\n{text}" if title else text
    low = fold(full)
    m = INTERREG.search(low)
    if m:
        return re.sub(r"\s+", " ", full[m.start():m.end()]).strip(" -–—")
    m = QUOTED.search(low)
    if m:
        return canonical_programme(full[m.start("name"):m.end("name")].strip())
    folded = fold(full)
    for m in DONORS.finditer(folded):   # a whole name, not letters inside a word ("SECO" in "second")
        before = folded[m.start() - 1] if m.start() else " "
        after = folded[m.end()] if m.end() < len(folded) else " "
        if not (before.isalnum() or (after.isalnum() and m.group(0)[-1].isalnum())):
            return canonical_programme(full[m.start():m.end()])
    return None
