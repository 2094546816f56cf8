"""Deadlines: the date attached to an application-deadline label, not just any date.

Each date in the text gets a strength from the words before it in its sentence
(or in a heading line just above):

- 4: an extended deadline ("продовжено до", "extended until", "Новий кінцевий строк");
- 3: a deadline label ("Дедлайн:", "Кінцевий термін подання", "Application Deadline",
  "Termin składania wniosków", "Крайний срок подачи");
- 2: application words with "until"/"до"/"by" ("заявки приймаються до",
  "Applications may be submitted until", "wnioski można składać do");
- 1: "до"/"until" in a sentence about the call.

A date nearer to a word that marks something else — a webinar, results, project
implementation, questions, publication, an earlier (superseded) deadline — is not a
deadline. The first date of a range ("з 15 листопада по 3 грудня") gives way to its
end. Among the strongest dates, the first one still ahead at the publication date is
the deadline (several stages or cut-offs); with none ahead, the last. "Безстроково",
"rolling basis", "until the funds run out" give ``"rolling"``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from grantdigest.extract.dates import FoundDate, find_dates
from grantdigest.extract.published import Reference
from grantdigest.extract.text import AnyOf, Gated, ci, fold, sentences
from grantdigest.timeutil import deadline_moment, iso_utc

KYIV_ZONE = "Europe/Kyiv"

EXTENDED = Gated(ci(
    r"продовж\w*|подовж\w*|продлен\w*|продлил\w*|продлева\w*|extended|extension|prolonged|przedłuż\w*|wydłuż\w*"
    r"|нов\w* (?:кінцев\w* |крайн\w* )?(?:термін|строк|дедлайн|дата)|нов\w* (?:крайн\w* )?срок|new (?:deadline|closing date)"
    r"|nowy termin"))
STRONG = Gated(ci(
    r"дедлайн\w*|deadline\w*|кінцев\w* (?:термін|строк|дат)\w*|крайн\w* (?:термін|строк|срок)\w*|останн\w* (?:день|дат|термін)\w*"
    r"|граничн\w* (?:термін|строк)\w*|(?:термін|строк)\w* (?:подач|подан|прийом|приймання|надсилан|надання|реєстрац|завершення прийому)\w*"
    r"|строки подання|термін(?:и)? участі|срок\w* (?:подач|при[её]м|предоставлен)\w*|последн\w* (?:день|срок)"
    r"|конечн\w* срок|closing date|close date|closing|closes|due date|last date|final date|cut-?off(?: date)?|submission date"
    r"|application period|applications? due|proposals? due|submission period|entry deadline"
    r"|termin\w* (?:składania|nadsyłania|zgłosze|przyjmowania|naboru|realizacji naboru)\w*|ostateczn\w* termin"
    r"|nabór\w* (?:trwa|potrwa|prowadzony jest|jest prowadzony|odbywa się)|data zakończenia naboru"
    r"|дата (?:завершення|закінчення) (?:прийому|конкурсу|подання)|дата окончания (?:при[её]ма|конкурса)"))
APPLY = Gated(ci(
    r"заявк\w*|заяв(?:и|а|у)\b|пропозиці\w*|документ\w*|анкет\w*|конкурсн\w* матеріал\w*|due\b"
    r"|подат\w*|подава\w*|подан\w*|податися|надісла\w*|надсила\w*|прийом\w*|приймаю\w*|приймат\w*|прийма\w*|приймання"
    r"|реєстрац\w*|зареєстру\w*|зголос\w*|чекаємо|конкурс\w* (?:триває|відкрит\w*|продовжується)|прийом триває"
    r"|при[её]м\w*|принима\w*|подач\w*|подать|заявлени\w*"
    r"|appl(?:y|ies|ied|ication\w*)|proposals?|submi\w*|send|sent|entries|nominations?|register\w*|registration"
    r"|concept notes?|expressions? of interest|open until|stays open|remains open|is open|are open|accepted|received"
    r"|wnios\w*|zgłosze\w*|zgłasza\w*|nabór\w*|naboru|składa\w*|złoży\w*|ofert\w*|przyjmowan\w*|przesła\w*|czekamy"))
UNTIL = ci(
    r"(?:\bдо|\bпо|не пізніше|не пізніш|не позднее|until|till|by|before|through|no later than|not later than|\bto|"
    r"(?:due|closes?|close|ends?|expires?|submitted|received|open|opens)\s+on|\bdo(?: dnia)?|najpóźniej|включно до|inclusive|до дати|:|–|—|-)\s*(?:\(?\d{1,2}[:.]\d\d\)?\s*"
    r"(?:год\.?|hrs?)?\s*(?:on|,)?\s*)?(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\.?,?\s*)?\Z")
WEAK = Gated(ci(r"конкурс\w*|грант\w*|програм\w*|відбір\w*|набір\w*|call\w*|competition|grant\w*|programme|program"
                  r"|funding|fellowship|scholarship|стипенд\w*|konkurs\w*|program\w*|grant\w*|nabór"))
# Words that make a date something other than the application deadline.
OTHER = Gated(ci(
    r"вебінар\w*|webinar\w*|інформаційн\w* (?:сесі|день|зустріч|захід)\w*|інфосесі\w*|info(?:rmation)?[ -](?:session|day|webinar)\w*"
    r"|презентац\w*|presentation|тренінг\w*|training\w*|workshop\w*|семінар\w*|seminar\w*|конференц\w*|conference"
    r"|форум\w*|forum\b|онлайн-зустріч\w*|зустріч\w*|консультац\w*|консультир\w*|вебинар\w*|семинар\w*|встреч\w*"
    r"|spotkani\w*|szkoleni\w*|засідан\w*|заседани\w*|meeting\w*|posiedzeni\w*|моніторингов\w* комітет\w*|monitoring committee"
    r"|комитет\w* (?:по )?мониторинг\w*|komitet\w* monitorując\w*|відбуд\w*|пройде|проведуть|проведе|відбувся|відбулася|take place|takes place|will be held"
    r"|held on|состоится|пройдет|odbędzie|odbędą"
    r"|результат\w*|results?|переможц\w*|переможниц\w*|winners?|победител\w*|wynik\w*|laureat\w*|оголос\w* (?:переможц|результат|перелік)\w*"
    r"|announce\w* (?:the )?(?:winners|results|shortlist)|notification\w*|notified|informed|повідомлен\w* про результат"
    r"|реалізац\w*|реалізов\w*|виконан\w*|implement\w*|тривалість|duration|realizacj\w*|realizowan\w*|реализац\w*"
    r"|проєкт\w* (?:має|мають|повин\w*) (?:бути )?(?:заверш|реаліз)\w*|project period|okres\w*|період\w* реалізації"
    r"|start(?:s|ed|ing)?\b|start date|стартув\w*|стартує|розпоча\w*|початок|почина\w*|begin\w*|commenc\w*|launch\w*"
    r"|відкриття|opening|opens|начало|начина\w*|rozpoczę\w*|ruszy\w*|ruszył\w*"
    r"|запитан\w*|питанн\w*|questions?|clarification\w*|роз'яснен\w*|вопрос\w*|pytani\w*"
    r"|звіт\w*|reports?|reporting|отчет\w*|sprawozda\w*|оцінюван\w*|оцінк\w*|evaluat\w*|review\w*|розгляд\w*|assess\w*"
    r"|selection|відбір триват\w*|співбесід\w*|interview\w*|зарахуван\w*|укладен\w*|contract\w*|договор\w*|угод\w*|umow\w*"
    r"|(?:опубліковано|оприлюднено|published(?: on)?|posted(?: on)?|opublikowano|опубликовано|дата публікації|дата оголошення"
    r"|оголошен\w* конкурсу|date of publication|publication date)\W{0,3}$"
    r"|тривав\b|тривала\b|тривало\b|приймалися|приймались|приймалась|завершився|завершилася|закінчився|закінчилася|was open"
    r"|were (?:accepted|received|submitted)|was (?:accepted|closed)|closed on|ended on|закончился|закончилась|принимались|принимался"
    r"|trwał\w*|przyjmowane były|zakończył\w*|могли подавати|могли подати|could (?:apply|submit)"
    r"|наказ\w*|рішенням|order no|указ\w*|постанов\w*|розпорядженн\w*"
    r"|мав\w* (?:заверш|закінч|трива)\w*|мал[аио] (?:заверш|закінч|трива)\w*|was (?:due|supposed|originally|initially|set)"
    r"|originally|initially|previous\w*|попередн\w*|спочатку|раніше|первоначальн\w*|pierwotn\w*|earlier"
    r"|народ\w*|born|вік\w*|aged?|years old|віком|рок\w* народження"
    r"|registration for (?:the )?(?:webinar|session|event|workshop)|зареєструватися на (?:неї|нього|захід|вебінар)"
    r"|зареєструватися на нього|зареєструватися на неї"))
ROLLING = AnyOf(
    r"безстроков\w*|на постійній основі|без дедлайн\w*|без кінцевого терміну|постійно діюч\w*|цілорічн\w*"
    r"|(?:у|в) будь-який час|до (?:завершення|закінчення|припинення|скасування) воєнного стану"
    r"|до вичерпання (?:[\w'-]+ )?(?:коштів|фінансування|ресурс\w*|бюджет\w*|лімит\w*)|без обмеження (?:строку|терміну|строків)|(?:поки|доки|допоки) не (?:буде )?вичерпа\w*|заявки приймаються постійно"
    r"|бессрочн\w*|на постоянной основе|в любое время|круглогодичн\w*|до (?:окончания|отмены) военного положения"
    r"|до исчерпания средств"
    r"|rolling(?: basis| deadline| call| admissions?)?|on-?going basis|open until filled|until filled|no deadline"
    r"|open-ended|at any time|any time of the year|year-round|all year round|continuous(?:ly)? (?:basis|intake|open)"
    r"|until (?:the )?funds? (?:run out|are (?:exhausted|depleted|used up))|while funds last|first[- ]come,? first[- ]served"
    r"|applications are ongoing|ongoing call|open on an ongoing"
    r"|bez terminu|nabór ciągły|w trybie ciągłym|na bieżąco|do wyczerpania (?:środków|puli)|bezterminow\w*")
NOT_ROLLING = AnyOf(r"closed|закрит\w*|зачинен\w*|заверш\w*|zamkni\w*|закрыт\w*")
# Words that, right before a label, say whose deadline it is ("Questions deadline", "reports are due").
OTHER_SUBJECT = ci(
    r"(?:запитан\w*|питанн\w*|questions?|clarification\w*(?: request)?|роз'яснен\w*|вопрос\w*|pytani\w*|звіт\w*|reports?"
    r"|отчет\w*|sprawozda\w*|вебінар\w*|webinar\w*|session|сесі\w*|results?|результат\w*|winners?|переможц\w*"
    r"|evaluation|оцінюван\w*|registration for (?:the )?(?:webinar|event|session)|реєстрац\w* на (?:вебінар|захід|сесію))"
    r"[\w\s'-]{0,45}\Z")
THIS_YEAR = ci(r"\A\s*(?:цього|поточного|этого|текущего) року|\A\s*(?:цього|поточного) року|\A\s*(?:этого|текущего) года"
                       r"|\A\s*this year|\A\s*(?:br\.|bieżącego roku|tego roku)")


@dataclass(frozen=True)
class Deadline:
    date: str                 # ISO date as announced, or "rolling"
    at: str | None = None     # UTC moment (ISO, Z): the stated time, or the end of the day in Kyiv
    tz: str | None = None     # zone of a stated time; None when only a date was given
    strength: int = 0         # how surely it is the deadline: 4 extended … 1 a bare "до" (see above)


@dataclass(frozen=True)
class Candidate:
    found: FoundDate
    day: dt.date
    strength: int


def _zone(name: str | None) -> dt.tzinfo | None:
    return ZoneInfo(name) if name else None


def to_deadline(found: FoundDate, day: dt.date, strength: int = 0) -> Deadline:
    zone = (found.zone or KYIV_ZONE) if found.time else None
    moment = deadline_moment(day, found.time, _zone(zone) if zone else None)
    return Deadline(day.isoformat(), iso_utc(moment), zone, strength)


def _last(pattern: re.Pattern, text: str) -> int:
    """End position of the last match of ``pattern`` in ``text`` (-1 if none)."""
    last = -1
    for m in pattern.finditer(text):
        last = m.end()
    return last


def _heading_context(text: str, sentence_start: int) -> str:
    """The line above a sentence, when it is a short heading ("Строки подання:", "Deadline")."""
    before = text[:sentence_start].rstrip()
    line = before.rsplit("\n", 1)[-1].strip()
    if line and len(line) <= 70 and not find_dates(line) and (line.endswith(":") or len(line.split()) <= 6):
        return line
    return ""


def _strength(text: str, found: FoundDate, sentence_start: int) -> int:
    before = text[sentence_start:found.start]
    after = text[found.end:found.end + 60]
    after_clause = re.split(r"[;.!?\n]|,\s", after, maxsplit=1)[0]
    heading = _heading_context(text, sentence_start)
    # Where is the nearest label, and is a word that means something else nearer still?
    extended, strong = _last(EXTENDED, before), _last(STRONG, before)
    other = _last(OTHER, before)
    until = UNTIL.search(before[-40:] if len(before) > 40 else before) is not None
    applying = _last(APPLY, before)
    label = max(extended, strong, applying)
    if label >= 0:
        label_match = None
        for pattern in (EXTENDED, STRONG, APPLY):
            for m in pattern.finditer(before):
                if m.end() == label:
                    label_match = m
        if label_match is not None and OTHER_SUBJECT.search(before[:label_match.start()]):
            return 0
    if extended >= 0 and extended > other and (until or strong >= 0):
        strength = 4
    elif strong >= 0 and strong > other:
        strength = 3
    elif applying >= 0 and applying > other and until:
        strength = 2
    elif heading and STRONG.search(heading) and other < 0:
        strength = 3 if not OTHER.search(heading) else 0
    elif until and other < 0 and WEAK.search(text[sentence_start:found.end + 80]) and not before.strip() == "":
        strength = 1
    else:
        return 0
    if OTHER.search(after_clause) and not STRONG.search(after_clause) and not APPLY.search(after_clause):
        return 0
    return strength


def _label_after(text: str, found: FoundDate) -> int:
    """A list line "7 жовтня 2024 року — кінцевий термін подання заявок": the label follows the date."""
    line_end = text.find("\n", found.end)
    after = text[found.end:len(text) if line_end < 0 else line_end]
    m = re.match(r"\s*(?:р\.|року|roku|r\.)?\s*[—–:\-]\s*(?P<label>.{3,80})", after)
    if not m:
        return 0
    label = m.group("label")
    head = label[:40]
    other = _last(OTHER, head)
    if EXTENDED.search(head) and other < 0:
        return 4
    strong = STRONG.search(head)
    if strong and (other < 0 or other < strong.start()):
        return 3
    return 0


def _range_starts(text: str, dates: list[FoundDate]) -> set[int]:
    """Dates that open a range ("з 15 листопада по 3 грудня", "from 09.07.2024 to 05.08.2024")."""
    starts = set()
    for first, second in zip(dates, dates[1:]):
        between = text[first.end:second.start]
        if len(between) <= 12 and re.fullmatch(r"[\s,]*(?:р\.|r\.|року|roku)?[\s,]*(?:по|до|-|–|—|to|till|until|through|"
                                                r"and|do|і|та|и)[\s,]*", between, re.I):
            starts.add(first.start)
    return starts


def _resolve(found: FoundDate, text: str, reference: Reference | None, slack: int) -> dt.date | None:
    if found.year is None and reference is not None and THIS_YEAR.search(text[found.end:found.end + 30]):
        try:
            return dt.date(reference.date.year, found.month, found.day)
        except ValueError:
            return None
    return found.resolve(reference.date if reference else None, slack)


SLACK_DAYS = {"given": 0, "url": 0, "stated": 0, "first-line": 0, "mentioned": 120, "year": 0, "as-of": 31}


def deadline_candidates(text: str, reference: Reference | None = None,
                        dates: list[FoundDate] | None = None) -> list[Candidate]:
    dates = find_dates(text) if dates is None else dates
    sentence_list = sentences(text)          # sentence ends need the original capitals
    text = fold(text)
    starts = _range_starts(text, dates)
    slack = SLACK_DAYS.get(reference.how, 0) if reference else 0
    out = []
    index = 0
    for found in dates:
        if found.start in starts:
            continue
        while index < len(sentence_list) - 1 and sentence_list[index].end <= found.start:
            index += 1
        sentence_start = sentence_list[index].start if sentence_list and sentence_list[index].start <= found.start else 0
        strength = max(_strength(text, found, sentence_start), _label_after(text, found))
        if strength <= 0:
            continue
        day = _resolve(found, text, reference, slack)
        if day is None:
            continue
        out.append(Candidate(found, day, strength))
    return out


def _rolling_strength(text: str) -> int:
    best = 0
    for m in ROLLING.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        before = text[max(start, m.start() - 80):m.start()]
        if NOT_ROLLING.search(before[-25:]):
            continue
        heading = _heading_context(text, start)
        if STRONG.search(before) or (heading and STRONG.search(heading)) or re.search(r"(?:терміни|коли|when|строки)\s*:?\s*$",
                                                                                       heading or before, re.I):
            best = max(best, 3)
        elif APPLY.search(before) or APPLY.search(text[m.end():m.end() + 40]):
            best = max(best, 2)
        else:
            best = max(best, 1)
    return best


def choose(candidates: list[Candidate], reference: Reference | None) -> Candidate | None:
    if not candidates:
        return None
    top = max(c.strength for c in candidates)
    pool = [c for c in candidates if c.strength == top]
    if reference is not None and reference.how in ("given", "url", "stated", "first-line"):
        ahead = [c for c in pool if c.day >= reference.date]
        return min(ahead, key=lambda c: c.day) if ahead else max(pool, key=lambda c: c.day)
    return min(pool, key=lambda c: c.day)


def find_deadline(text: str, reference: Reference | dt.date | None = None,
                  dates: list[FoundDate] | None = None) -> Deadline | None:
    """The application deadline in ``text``; ``reference`` (the publication date, or a
    :class:`Reference`) gives a missing year."""
    if isinstance(reference, dt.date):
        reference = Reference(reference, "given")
    candidates = deadline_candidates(text, reference, dates)
    best = choose(candidates, reference)
    rolling = _rolling_strength(fold(text))
    if best is not None and best.strength >= max(rolling, 2):
        return to_deadline(best.found, best.day, best.strength)
    if rolling:
        if best is not None and best.strength > rolling:
            return to_deadline(best.found, best.day, best.strength)
        return Deadline("rolling", strength=rolling)
    if best is not None:
        return to_deadline(best.found, best.day, best.strength)
    return None


OPENING = ci(
    r"(?:opening date|open(?:s|ing)? on|will open|opens|start of (?:the )?(?:call|applications|submission)|дата (?:початку|відкриття)"
    r"|(?:прийом|приймання|подання)\w* (?:заявок|заяв|пропозицій|документів)?\s*(?:стартує|стартував|розпочнеться|розпочинається"
    r"|розпочався|відкриється|починається|триватиме з|триває з)|стартує|розпочнеться|applications? (?:open|will open|can be submitted from)"
    r"|nabór (?:rusza|ruszy|ruszył|rozpocznie się)|при[её]м заявок (?:начнется|стартует|начался)|з|із|from|od|с|від)\W{0,3}\Z")


def opening_date(text: str, reference: Reference | None = None, dates: list[FoundDate] | None = None) -> str | None:
    """When applications open: the first date of an application period ("з 29.07.2025 до 17.10.2025",
    "Applications are accepted from …"), or a date after "opens on", "прийом заявок стартує"."""
    dates = find_dates(text) if dates is None else dates
    sentence_list = sentences(text)
    text = fold(text)
    starts = _range_starts(text, dates)
    slack = SLACK_DAYS.get(reference.how, 0) if reference else 0
    for found in dates:
        sentence = next((s for s in sentence_list if s.start <= found.start < s.end), None)
        before = text[sentence.start if sentence else max(0, found.start - 80):found.start]
        in_period = found.start in starts and (APPLY.search(before) or STRONG.search(before))
        if in_period or (OPENING.search(before[-60:]) and APPLY.search(before) and not OTHER.search(before[-40:])):
            day = _resolve(found, text, reference, slack)
            if day:
                return day.isoformat()
    return None
