"""Programme or donor name: a best reading, for display (not used to decide anything).

An Interreg NEXT/ENI programme is named as such; otherwise a quoted name after
"програма/programme/program/программа/konkurs", then a known donor named in the text.
"""

from __future__ import annotations

import re

from grantdigest.extract.text import AnyOf, ci, fold

INTERREG = ci(r"(?:Interreg|ENI|ENPI)(?:\s+(?:NEXT|VI-A|VI-B|A|B|CBC))*\s+[A-ZА-ЯІЇЄŁŚŻ][\w–—\-\s]{2,60}?"
                      r"(?=\s*(?:\d{4}\s*[-–]\s*\d{4}|[.,;:()«»\"\n]|\s(?:програм|programme|program)))")
QUOTED = ci(r"(?:програм\w*|programme|program|программ\w*|konkurs\w*|конкурс\w*|ініціатив\w*|initiative|проєкт\w*|project)"
                    r"\s+(?:[\w-]+\s+){0,2}?[«\"„“](?P<name>[^»\"”“]{3,90})[»\"”“]")
DONORS = AnyOf(
    r"House of Europe|Український культурний фонд|Ukrainian Cultural Foundation|Український ветеранський фонд|USAID(?: [А-ЯA-Z]+)?"
    r"|U-LEAD(?: з Європою| with Europe)?|GIZ|UNDP|ПРООН|Erasmus\+|Еразмус\+|Horizon Europe|Горизонт Європа|Creative Europe"
    r"|Креативна Європа|EU4\w+|International Visegrad Fund|Міжнародний [Вв]ишеградський фонд|Visegrad Fund"
    r"|Міжнародний фонд «?Відродження»?|International Renaissance Foundation|Фонд Східна Європа|East Europe Foundation"
    r"|British Council|Британська Рада|European Youth Foundation|Black Sea Trust|German Marshall Fund|Nefco|IOM|МОМ"
    r"|Канадський фонд місцевих ініціатив|Canada Fund for Local Initiatives|SECO|NAWA|Polish Aid|Polska Pomoc|MATRA"
    r"|Фонд «?МХП[- –]+Громаді»?|EEA and Norway Grants|Norway Grants|Європейський Союз|European Union")


def find_programme(text: str, title: str | None = None) -> str | None:
    full = f"{title}\n{text}" if title else text
    low = fold(full)
    m = INTERREG.search(low)
    if m:
        return re.sub(r"\s+", " ", full[m.start():m.end()]).strip(" -–—")
    m = QUOTED.search(low)
    if m:
        return full[m.start("name"):m.end("name")].strip()
    m = DONORS.search(fold(full))
    if m:
        return full[m.start():m.end()]
    return None
