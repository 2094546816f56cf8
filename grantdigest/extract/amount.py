"""Amounts: the largest sum one applicant or project can receive, with its currency.

Every sum with a currency is found ("до 100 000 грн", "від 500 тис. до 1 млн грн",
"EUR 20 000 – 90 000", "€1.5M", "$25,000", "2,5 млн гривень", "до мільйона гривень",
"60.000 zł", "UAH 320,000"); a range counts by its upper end. Each sum is then read
in its sentence:

- per applicant ("до", "up to", "максимальна сума", "один проєкт може отримати",
  "grant of", "per project", a range) — these are what we want;
- a programme's or call's total ("загальний бюджет", "на весь конкурс", "total of",
  "łącznie", "Funding available") — not a per-project amount;
- a project's whole cost or budget ("загальна вартість проєкту", "total project budget",
  with co-financing) — per project, but a grant cap stated beside it wins;
- a minimum ("не менше", "at least", "or more"), an average, optimal, recommended or
  typical sum ("в середньому", "оптимальний розмір", "recommended grant size" — not a
  ceiling), an amount already awarded ("grant awarded", "отримали"), an equivalent in
  brackets ("(approx. 65.000 UAH)", "(около 58 512 гривен)") — skipped.

The answer is the largest per-applicant sum (in the currency most such sums use);
without one, a project budget or a sum that is not marked as anything else; a text that
gives only a total (a call's or programme's budget) has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from grantdigest.extract.text import LITERALS, Gated, beginnings, ci, fold, gate, matches_at, sentence_at

CURRENCIES = [
    (r"грн\.?|гривен\w*|гривн\w*|гривень|uah|₴|hryvn\w*|hrywien|hrywn\w*", "UAH"),
    (r"€|eur\b|euros?\b|євро|евро|eur(?=\d)", "EUR"),
    (r"chf|швейцарськ\w* франк\w*|швейцарск\w* франк\w*|swiss francs?|frank\w* szwajcarsk\w*", "CHF"),
    (r"cad\s*\$?|c\$|канадськ\w* долар\w*|канадск\w* доллар\w*|canadian dollars?|dolar\w* kanadyjsk\w*", "CAD"),
    (r"us\$|usd|\$|долл?\.?\s*сша|долар\w*(?:\s+сша)?|доллар\w*(?:\s+сша)?|dollars?|dolar\w*|долл?\.(?!\w)|дол\b", "USD"),
    (r"zł\.?|pln|złotych|złote|złoty|zlotych|злот\w*", "PLN"),
    (r"£|gbp|pounds? sterling|фунт\w* стерлінг\w*|фунт\w*", "GBP"),
    (r"czk|kč|чеськ\w* крон\w*|чешск\w* крон\w*|czech korun\w*|czech crowns?", "CZK"),
    (r"sek|шведськ\w* крон\w*|swedish kron\w*", "SEK"),
    (r"nok|норвезьк\w* крон\w*|norwegian kron\w*", "NOK"),
    (r"dkk|данськ\w* крон\w*|danish kron\w*", "DKK"),
    (r"huf|forint\w*|форинт\w*", "HUF"),
    (r"ron|lei\b|лей\b", "RON"),
    (r"mdl", "MDL"),
    (r"jpy|¥|ієн\w*|єн\b|иен\w*|yen", "JPY"),
]
CURRENCY = "|".join(f"(?:{p})" for p, _ in CURRENCIES)
_CURRENCY_RES = [(re.compile(rf"(?:{p})", re.I), code) for p, code in CURRENCIES]
MULTIPLIERS = [
    (r"млрд\.?|мільярд\w*|миллиард\w*|billions?|bn|mld\.?|miliard\w*", 1_000_000_000),
    (r"млн\.?|мільйон\w*|миллион\w*|millions?|mln\.?|mio\.?|m|mn|miliony|milion\w*", 1_000_000),
    (r"тис\.?|тисяч\w*|тыс\.?|тысяч\w*|thousands?|tys\.?|tysi\w*|k", 1_000),
]
MULT = "|".join(f"(?:{p})" for p, _ in MULTIPLIERS)
NUMBER = r"\d{1,3}(?:(?:[ '\u00a0\u202f\u2009]|[.,](?=\d{3}(?!\d)))\d{3})+(?:[.,]\d{1,2}(?!\d))?|\d+(?:[.,]\d+)?"
HALF = r"пів|півтора|полтора|пол|half a"
BARE_MULT = r"мільйон\w*|миллион\w*|million|мільярд\w*|миллиард\w*|billion|milion\w*"

ONE = (rf"(?P<pre@>{CURRENCY})?\s?(?P<num@>{NUMBER})\s?(?P<mult@>(?:{MULT})(?![\w]))?\.?\s?"
       rf"(?P<post@>{CURRENCY})?")
AMOUNT = ci(
    r"(?<![\w.,])" + ONE.replace("@", "1")
    + r"(?:\s*(?:-|–|—|до|to|do|i|і|and|or|або|или|albo)\s*(?:(?:up )?to\s*)?" + ONE.replace("@", "2") + r")?"
    + r"(?![\w%])")
WORD_AMOUNT = ci(rf"(?<![\w])(?P<half>{HALF})?\s?(?P<word>{BARE_MULT})\s+(?P<post>{CURRENCY})")

PER_WEAK = ci(r"\bдо\s*$|up to|upto|\bdo\s*$|від\s*$|from\s*$|od\s*$|between\s*$|между\s*$|між\s*$|\bдо\b")
PER_APPLICANT = Gated(ci(
    r"не більше|не перевищу\w*|не може перевищувати|максимальн\w*|maximum|\bmax\b|maks\w*"
    r"|найбільш\w*|щонайбільше|граничн\w*|сяга\w*|can reach|may reach|reach(?:es)?|може (?:отримати|становити|сягати)"
    r"|можуть отримати|отрима\w*|одержа\w*|получ\w*|receive\w*|otrzyma\w*|розмір\w* (?:гранту|фінансування|підтримки|допомоги)"
    r"|сума (?:гранту|фінансування|підтримки|відшкодування|допомоги)|сума\b|сумою|на суму|grant (?:of|amount|size|value)"
    r"|grants? (?:of|ranging|range|between|from|worth)|ranging|award amounts?|amount of (?:the )?(?:grant|funding|support)"
    r"|funding (?:of|per|amount)|per [\w-]+ (?:project|grant)|per (?:project|applicant|organi[sz]ation|grant|person|participant|team|municipality)"
    r"|each|кожн\w*|кожен|один\w* (?:проєкт|проект|грант|заявк|організац|учасник|отримувач)\w*|на (?:один|одну|кожн)\w*"
    r"|на (?:проєкт|проект|організацію|особу|учасника|громаду|заявку)|одн\w* (?:проєкт|грант)|for one project"
    r"|wysokość (?:dotacji|grantu|dofinansowania)|kwot\w* (?:dotacji|grantu|dofinansowania)|dotacj\w*|dofinansowani\w*"
    r"|grant\w* (?:do|w wysokości)|mikrogrant\w*|мікрогрант\w*|мини-грант\w*|міні-грант\w*|грант\w* (?:до|від|у розмірі|розміром|на суму)"
    r"|стипенді\w*|стипенди\w*|stypendi\w*|scholarship\w*|stipend\w*|fellowship|premi\w*|prize|приз\w*|преміі\w*|винагород\w*"
    r"|відшкод\w*|компенс\w*|фінансування (?:у розмірі|в розмірі|до)|фінансуван\w* проєкт\w* у розмірі|у розмірі|в размере"
    r"|w wysokości|в розмірі|гранти? (?:від|до)"
    r"|individual project|single project|voucher\w*|ваучер\w*|one grant|a grant|грантов\w* фінансування одного"))
TOTAL = Gated(ci(
    r"загальн\w* (?:бюджет|фонд|сум|обсяг|вартіст)\w*|бюджет\w* (?:програми|конкурсу|ініціативи)"
    r"|на весь конкурс|на конкурс\b|на програму|на реалізацію (?:програми|конкурсу)|загалом|усього|всього|разом|увесь бюджет"
    r"|весь бюджет|фонд (?:конкурсу|програми)|загальний фонд|виділ\w*|спрямова\w*|закладен\w*|закладено|передбачено на"
    r"|кошторис\w*|міськ\w* бюджет\w*|обласн\w* бюджет\w*|державн\w* бюджет\w*|з бюджету|бюджетом"
    r"|общ\w* (?:бюджет|сумм|объ[её]м|фонд)\w*|всего|выдел\w*|заложен\w*|направлен\w*"
    r"|total\w*|in total|overall|altogether|funds? available|funding available|available funding|is available|are available"
    r"|budget\w*|allocat\w*|earmarked|envelope|pool|combined|worth of|over the next"
    r"|łącznie|ogółem|budżet\w*|\bpul[aęiy]\b|całkowit\w*|alokacj\w*|przeznaczon\w*|na ten nabór"
    r"|бюджет\w*|фінансування (?:програми|конкурсу)|обсяг фінансування|объем финансирования|финансирование программы"
    r"|співфінансування$|co-?financing$|на загальну суму|на общую сумму|на суму понад|fund of"))
# A project's whole cost or budget (with co-financing): a per-project sum, but a grant cap said beside it wins.
PROJECT_BUDGET = Gated(ci(
    r"(?:бюджет|вартіст|кошторис)\w* (?:одного )?(?:проєкт|проект|мікропроєкт)\w*|(?:бюджет|стоимост)\w* (?:одного )?проект\w*"
    r"|(?:total )?project (?:budget|cost|value)s?|total (?:cost|budget|value) of (?:the |a |one )?project|budżet\w* projektu"
    r"|wartoś\w* projektu|całkowit\w* (?:koszt|wartoś)\w* projektu"))
MINIMUM = Gated(ci(r"не менше|не менш|щонайменше|мінімальн\w*|minimum|\bmin\b|at least|not (?:be )?(?:lower|less) than"
                     r"|no less than|не нижче|не меньше|минимальн\w*|co najmniej|nie mniej|minimaln\w*|from a minimum"))
MINIMUM_AFTER = ci(r"\A\s*(?:or more|or above|і більше|та більше|и более|lub więcej|і вище|and above|\+)")
# "середніх підприємств", "середньої освіти", "średnich przedsiębiorstw" are medium-sized firms and secondary schools.
_NOT_AVERAGE = r"(?![\w-])(?!,?\s+(?:і\s+|та\s+|и\s+)?(?:підприєм|бізнес|компан|фермер|господар|освіт|школ|предприят|бизнес|компани|образован|школ|przedsiębior|firm|szk))"
AVERAGE = Gated(ci(rf"середн\w*{_NOT_AVERAGE}|в середньому|у середньому|average|averag\w*|\bmean\b|в среднем|средн\w*{_NOT_AVERAGE}"
             rf"|średni\w*{_NOT_AVERAGE}|przeciętn\w*|typical\w*|зазвичай|usually|типов\w*"
             r"|оптимальн\w*|рекомендован\w*|рекомендуєм\w*|рекомендуем\w*|recommended|optimal|suggested|optymaln\w*|zalecan\w*|sugerowan\w*"))
AWARDED = Gated(ci(r"awarded|were granted|has granted|have received|received grants|отримали|отримал[аои]|отримав|одержали"
                     r"|получил\w*|otrzymał\w*|підтримав\w*|supported with|виграл\w*|won|виплачено|було виділено|уже (?:отримали|виділ)"
                     r"|зібрал\w*|raised|вартість закупівлі|очікувана вартість"
                     r"|expected value|estimated value|contract value|ціна|price|salary|зарплат\w*|оклад\w*|wynagrodzeni\w*"
                     r"|вартість участі|fee\b|fees\b|внесок|opłat\w*|взнос\w*"))
EQUIVALENT = ci(r"(?:approx\w*\.?|approximately|about|around|близько|приблизно|около|примерно|ок\.|ca\.|circa|około"
                        r"|≈|~|еквівалент\w*|equivalent|екв\.)\s*$")
PER_PERIOD = ci(r"\A\s*(?:per|a|на|в|у|за|/)\s*(?:month|місяць|месяц|miesiąc|mies\.|week|тиждень|day|день|hectare|гектар\w*|га\b|ha\b"
                        r"|hour|годину|час)|\A\s*(?:monthly|щомісячно|ежемесячно|miesięcznie)")


@dataclass(frozen=True)
class Amount:
    value: float
    currency: str


@dataclass
class Mention:
    start: int
    end: int
    value: float
    currency: str
    role: str          # "per", "project" (a project's whole budget), "total", "neutral", "skip"
    in_title: bool = False


def _number(text: str) -> float | None:
    """ "100 000", "1,920,000", "60.000", "1 200 000,50", "2,5", "1.5" as a number."""
    s = re.sub(r"[\u00a0\u202f\u2009]", " ", text.strip())
    if re.fullmatch(r"\d{1,3}(?:[ ']\d{3})+(?:[.,]\d{1,2})?", s):           # 100 000; Swiss 100'000
        return float(s.replace(" ", "").replace("'", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", s):
        return float(s.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        return float(s.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+(?:[.,]\d+)?", s):
        return float(s.replace(",", "."))
    return None


def _decimal_number(text: str) -> float | None:
    """A number before a multiplier: "2,5 млн", "1.5M", "81,11 мільйона" (the separator is decimal)."""
    s = text.strip()
    if re.fullmatch(r"\d+[.,]\d{1,2}", s):
        return float(s.replace(",", "."))
    return _number(s)


def currency_code(token: str | None) -> str | None:
    if not token:
        return None
    token = token.strip()
    for regex, code in _CURRENCY_RES:
        if regex.fullmatch(token):
            return code
    return None


def _multiplier(token: str | None) -> int:
    if not token:
        return 1
    token = token.strip(" .")
    for pattern, factor in MULTIPLIERS:
        if re.fullmatch(pattern, token, re.I):
            return factor
    return 1


def _value(number: str, mult: str | None) -> float | None:
    factor = _multiplier(mult)
    value = _decimal_number(number) if factor > 1 else _number(number)
    return None if value is None else value * factor


# Where AMOUNT can match: at a currency ("€", "грн"), at the first digit of a run of digits that follows no
# letter, digit, "_", "." or "," (its lookbehind), or at the one blank before such a run. Trying it only there
# finds the same matches as scanning every position (text.matches_at); LITERALS knows where a long text's
# currencies are.
_CURRENCY_BEGINNINGS = beginnings(ci(CURRENCY))
_DIGITS = re.compile(r"\d+")
# WORD_AMOUNT needs "мільйон", "million"…: most texts have none.
_WORD_AMOUNT_GATE = gate(WORD_AMOUNT)


def _amount_starts(text: str) -> list[int] | None:
    if not _CURRENCY_BEGINNINGS:
        return None
    currencies = LITERALS.starts(text, _CURRENCY_BEGINNINGS & LITERALS.present(text))
    if currencies is None:
        return None
    starts = set(currencies)
    for m in _DIGITS.finditer(text):
        start = m.start()
        before = text[start - 1] if start else ""
        if before.isspace():
            starts.add(start - 1)                      # the blank AMOUNT may begin with
        if not before or not (before.isalnum() or before in "_.,"):
            starts.add(start)                          # (?<![\w.,])
    return sorted(starts)


def _raw_amounts(text: str) -> list[tuple[int, int, float, str, bool, int]]:
    """(start, end, upper value, currency, is a range, start of the upper number)."""
    out = []
    starts = _amount_starts(text)
    for m in (AMOUNT.finditer(text) if starts is None else matches_at(AMOUNT, text, starts)):
        g = m.groupdict()
        currency = (currency_code(g.get("pre1")) or currency_code(g.get("post1")) or currency_code(g.get("pre2"))
                    or currency_code(g.get("post2")))
        if currency is None:
            continue
        if g.get("num2"):
            # "від 500 тис. до 1 млн грн": the upper end; a multiplier written once counts for both.
            high = _value(g["num2"], g.get("mult2") or g.get("mult1"))
            low = _value(g["num1"], g.get("mult1") or g.get("mult2"))
            if high is None or low is None:
                continue
            if high < low:
                # "3 000 – 9 000" fine; "2025 – 100 грн" is not a range: keep only the second.
                low = None
            is_range = low is not None
            if not is_range:
                out.append((m.start("num2"), m.end(), high, currency, False, m.start("num2")))
                continue
            out.append((m.start(), m.end(), high, currency, True, m.start("num2")))
        else:
            if not (g.get("pre1") or g.get("post1")):
                continue
            value = _value(g["num1"], g.get("mult1"))
            if value is None:
                continue
            out.append((m.start(), m.end(), value, currency, False, m.start("num1")))
    words = WORD_AMOUNT.finditer(text) if not _WORD_AMOUNT_GATE or not _WORD_AMOUNT_GATE.isdisjoint(LITERALS.present(text)) else ()
    for m in words:
        if any(s <= m.start() < e for s, e, *_ in out):
            continue
        factor = 1_000_000_000 if re.match(r"мільярд|миллиард|billion", m.group("word"), re.I) else 1_000_000
        half = (m.group("half") or "").lower()
        value = factor * (0.5 if half in ("пів", "пол", "half a") else 1.5 if half in ("півтора", "полтора") else 1)
        currency = currency_code(m.group("post"))
        if currency:
            out.append((m.start(), m.end(), value, currency, False, m.start()))
    out.sort()
    return out


TOTAL_AFTER = ci(r"\A[^.;\n]{0,12}?(?:is|are|will be|буде|будуть)?\s*(?:available|allocated|earmarked|in total|total"
                         r"|загалом|в цілому|передбачено на|виділено на|на (?:весь )?конкурс|на програму|for (?:the|this) call"
                         r"|for (?:the|this) (?:programme|program)|łącznie)")


def _role(text: str, start: int, end: int, is_range: bool, context_start: int) -> str:
    """What a sum is: "per" (one applicant may receive it), "total", "neutral" or "skip"."""
    before = text[context_start:start]
    near_before = before[-35:]
    after = text[end:end + 50]
    if EQUIVALENT.search(text[max(0, start - 25):start]) and "(" in text[max(0, start - 25):start]:
        return "skip"
    if PER_PERIOD.search(after) or re.search(r"monthly|щомісячн\w*|ежемесячн\w*|miesięczn\w*|weekly|daily", near_before, re.I):
        return "skip"
    if MINIMUM_AFTER.search(after) or (MINIMUM.search(near_before) and not is_range):
        return "skip"
    if AVERAGE.search(before):
        return "skip"
    if AWARDED.search(before) or AWARDED.search(text[end:end + 25]):
        return "skip"
    total = _last_end(TOTAL, before)
    strong = _last_end(PER_APPLICANT, before)
    weak = _last_end(PER_WEAK, before)
    project = _last_end(PROJECT_BUDGET, before)
    if strong >= 0 and strong > max(total, project):
        return "per"
    if project >= 0 and project >= total:
        return "project"
    if total >= 0:
        return "total"
    if TOTAL_AFTER.search(after):
        return "total"
    if strong >= 0 or weak >= 0 or is_range:
        return "per"
    return "neutral"


def _last_end(pattern: re.Pattern, text: str) -> int:
    last = -1
    for m in pattern.finditer(text):
        last = m.end()
    return last


def find_mentions(text: str, title_length: int = 0) -> list[Mention]:
    original, text = text, fold(text)
    mentions = []
    skipped_values: list[tuple[float, str]] = []
    previous_end, previous_role = 0, None
    for start, end, value, currency, is_range, _ in _raw_amounts(text):
        sentence = sentence_at(original, start)
        context_start = max(sentence.start if sentence else 0, previous_end, start - 120,
                            text.rfind(";", 0, start) + 1)
        role = _role(text, start, end, is_range, context_start)
        # "€200,000 per small project and €1,000,000 per medium one": a list goes on as it began.
        if (role == "neutral" and previous_role in ("per", "total") and context_start == previous_end
                and re.fullmatch(r"[\s,]*(?:[\w-]+\s+){0,4}?(?:and|і|та|и|or|або|или|i|lub|oraz|,)\s*", text[previous_end:start], re.I)):
            role = previous_role
        previous_end, previous_role = end, role
        if role == "skip" and EQUIVALENT.search(text[max(0, start - 25):start]):
            skipped_values.append((value, currency))
        mentions.append(Mention(start, end, value, currency, role, start < title_length))
    # A list under "…бюджет програми становить X, а саме:" splits the total; under "Максимальна сума гранту:" it
    # gives per-project sums.
    for mention in mentions:
        if mention.role != "neutral":
            continue
        intro = _list_intro(text, mention.start)
        if intro is None:
            continue
        total, per = _last_end(TOTAL, intro), _last_end(PER_APPLICANT, intro)
        if total > per:
            mention.role = "total"
        elif per >= 0:
            mention.role = "per"
    # A sum equal to a skipped equivalent (e.g. repeated in the headline) is that equivalent too.
    for mention in mentions:
        if mention.role != "skip" and any(c == mention.currency and abs(v - mention.value) <= 0.02 * v
                                          for v, c in skipped_values):
            mention.role = "skip"
    return mentions


LIST_ITEM = re.compile(r"^\s*(?:[-•*–—·]|\d+[.)]|[«\"„])")


def _list_intro(text: str, position: int) -> str | None:
    """The line that introduces the list holding ``position`` (a line ending with ":"), if any."""
    line_start = text.rfind("\n", 0, position) + 1
    line = text[line_start:text.find("\n", position) if text.find("\n", position) >= 0 else len(text)]
    if not LIST_ITEM.match(line) and len(line) > 120:
        return None
    cursor = line_start - 1
    for _ in range(12):
        if cursor <= 0:
            return None
        start = text.rfind("\n", 0, cursor) + 1
        previous = text[start:cursor].strip()
        cursor = start - 1
        if not previous:
            continue
        if previous.endswith(":"):
            return previous
        if not (LIST_ITEM.match(previous) or len(previous) <= 120):
            return None
    return None


def choose(mentions: list[Mention]) -> Amount | None:
    per = [m for m in mentions if m.role == "per"]
    pool = per or [m for m in mentions if m.role in ("neutral", "project")]
    if not pool:
        return None
    counts: dict[str, int] = {}
    for m in pool:
        counts[m.currency] = counts.get(m.currency, 0) + 1
    first = pool[0].currency
    currency = max(counts, key=lambda c: (counts[c], c == first))
    best = max((m for m in pool if m.currency == currency), key=lambda m: m.value)
    return Amount(best.value, best.currency)


def find_amount(text: str, title_length: int = 0) -> Amount | None:
    return choose(find_mentions(text, title_length))
