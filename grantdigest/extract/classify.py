"""is_call and kind: is this an opportunity one could apply to when it was written?

Signs are weighed, the headline and the first lines counting more than the rest:
- against: a vacancy, a procurement tender, results or winners, a finished/closed call,
  an event without funding, a report about applications already made, a survey or a
  partner search;
- for: an invitation to apply ("приймаються заявки", "оголошує конкурс", "call for
  proposals", "nabór wniosków", "принимаются заявки"), an application deadline,
  funding words (grant, scholarship, dotacja, стипендія).
The kind of a call is fellowship, competition, call_for_proposals or grant; of any
other page, the strongest sign against (vacancy, tender, results, event, news, other).
"""

from __future__ import annotations

import re

from grantdigest.extract.text import AnyOf, fold

SIGNS_AGAINST: list[tuple[str, float, re.Pattern]] = [
    ("vacancy", 3.0, AnyOf(
        r"ваканс\w*|vacanc\w*|we are hiring|job (?:opening|offer|vacancy)|is hiring|посад[аиу]\b|на посаду|набо?р\w* (?:нових )?експерт\w*"
        r"|добір (?:до|експерт)\w*|експертн\w* рад\w*|terms of reference for (?:a|an|the)? ?(?:consultant|expert)|\bконсультант\w*"
        r"|position of|job description|запрошує на роботу|oferta pracy|praca\b|вакансия|ищем сотрудник|employment opportunit\w*"
        r"|recruitment of|приймає на роботу|резюме\b|\bCV\b|шука\w* (?:[\w'-]+ ){0,2}(?:координатор|менеджер|фахів|спеціаліст|працівник|бухгалтер"
        r"|юрист|асистент|аналітик|офіцер|радник|консультант)\w*|набі?о?р\w* (?:[\w'-]+ ){0,2}(?:координатор|менеджер|фахів|спеціаліст|працівник|персонал)\w*"
        r"|заробітн\w* плат\w*|зарплат\w*|\bsalary\b|full-time|part-time|повна зайнятість|часткова зайнятість|wynagrodzeni\w*"
        r"|looking for an? (?:[\w-]+ )?(?:coordinator|manager|officer|specialist|assistant|consultant|expert|accountant)"
        r"|ищ\w* (?:[\w'-]+ ){0,2}(?:координатор|менеджер|специалист|сотрудник)\w*")),
    ("tender", 3.0, AnyOf(
        r"тендер\w*|tender\w*|закупівл\w*|закупк\w*|procurement\w*|request for (?:quotations?|proposals? for services)|\bRFQ\b|\bRFP\b"
        r"|запит (?:цінових|комерційних) пропозиц\w*|prozorro|очікувана вартість|відкриті торги|zapytanie ofertowe|przetarg\w*"
        r"|ціновi пропозиції|коммерческ\w* предложени\w*")),
    ("results", 3.0, AnyOf(
        r"результат\w* (?:конкурс|відбор|оцінюван|голосуван|програм)\w*|оприлюдни\w* результат\w*|оголоси\w* результат\w*"
        r"|переможц\w*|переможниц\w*|переможці|визначил\w* переможц\w*|нагородил\w*|отримал\w* (?:[\w'-]+ ){0,2}(?:грант|фінансуван|стипенді|кошти|підтримк)\w*"
        r"|winners?\b|\bwon\b|have been (?:selected|chosen|awarded)|were (?:selected|chosen|awarded)|results of the|awarded to"
        r"|победител\w*|получил\w* (?:[\w'-]+ ){0,2}(?:грант|стипенди|финансировани)\w*|отобрал\w*|итоги конкурса|підсумк\w* конкурсу"
        r"|wyniki\b|laureac\w*|zwycięzc\w*|otrzymał\w* (?:dotacj|grant)\w*|отримають гранти переможці|список переможців"
        r"|approved projects|funded projects|підтримані проєкти|перелік (?:переможців|проєктів, які)")),
    ("closed", 4.0, AnyOf(
        r"завершено\b|ЗАВЕРШЕНО|конкурс завершено|прийом заявок завершено|прийом заявок закрито|status: ?closed|[:–—-] ?closed\b"
        r"|call (?:is |has )?closed|closed call|^closed$|статус: ?(?:закрит|завершен)\w*"
        r"|deadline (?:for \w+ \w+ )?has (?:now )?passed|deadline: finished|call is closed|applications are closed|no longer accept\w*"
        r"|nabór zakończony|nabór został zakończony|прием заявок завершен|конкурс завершен|status: ?finished"
        r"|(?:прийом|конкурс|набір)\w* (?:заявок )?закрито|при[её]м\w* (?:заявок )?закрыт\w*|конкурс закрыт\w*")),
    ("event", 2.0, AnyOf(
        r"вебінар\w*|webinar\w*|семінар\w*|seminar\w*|workshop\w*|конференці\w*|conference|тренінг\w*|training\w*"
        r"|зустріч\w*|meeting\b|засіданн\w*|захід\b|заходу|event\b|презентаці\w*|день (?:європи|відкритих дверей)"
        r"|урочист\w*|церемоні\w*|ceremony|spotkani\w*|konferencj\w*|szkoleni\w*|встреч\w*|семинар\w*|захист\w* бізнес-план\w*"
        r"|defen[cs]e of (?:the )?business plans|final stage|фінальн\w* етап|інформаційн\w* (?:день|сесі\w*|зустріч\w*)|info ?day"
        r"|information session|dzień informacyjny|информационн\w* (?:день|сесси\w*)|відбув(?:ся|ася|ись)|took place|was held"
        r"|odbył\w* się|состоял\w*|форум\w*|forum\b")),
    ("news", 2.0, AnyOf(
        r"подал[аи]\w* заявк\w*|заявок надійшл\w*|заявок подал\w*|applications (?:were|have been) (?:received|submitted)|applied\b|have applied|received (?:more than|over)? ?\d+ applications|надійшл\w* \d+|отримал\w* \d+ заявок"
        r"|триває оцінювання|підписа\w* (?:угод|меморандум|договір)\w*|podpisan\w*|podpisanie|umow\w* o dofinansowanie"
        r"|планує|plans to|собирается|планирует|will be able to|зможуть уже|підсумува\w*|summed up|anniversary|річниц\w*"
        r"|засіданн\w* моніторингового|monitoring committee|could apply|могли подавати|могли подати")),
    ("other", 2.0, AnyOf(
        r"опитуванн\w*|анкетуванн\w*|survey\b|questionnaire|ankiet\w*|szukamy (?:polskiego )?partnera|partner search|looking for (?:a )?partner"
        r"|шукаємо партнер\w*|закрито до подальшого|closed until further notice|portal closed")),
]
SIGNS_FOR: list[tuple[float, re.Pattern]] = [
    (3.0, AnyOf(
        r"приймаю\w* (?:заявк|пропозиц|документ|проєкт|проект|заяв)\w*|прийом\w* (?:заявок|заяв|пропозицій|документів)"
        r"|приймання (?:заявок|документів|пропозицій)|оголош\w* (?:конкурс|набір|прийом|відбір|грантов)\w*|оголосил\w* (?:конкурс|набір|відбір)"
        r"|запрошу\w* (?:до участі|подати|подавати|взяти участь|долучитися|податися|громад|організац|ГО|усіх|молод)\w*"
        r"|можна подати|можуть подати|можуть подаватися|можуть подавати|подаватися можуть|можуть отримати|можуть взяти участь"
        r"|можуть позмагатися|подати заявку|подавайте|податися можна|відкрит\w* (?:конкурс|набір|прийом)\w*|стартував\w* (?:конкурс|прийом|набір)"
        r"|відкрит\w* (?:[\w'-]+ ){0,3}(?:конкурс|набір|прийом)\w*|розпочав\w* (?:конкурс|прийом|набір)|конкурс (?:триває|відкрито|стартував|розпочався)|грантов\w* конкурс|конкурс грантів"
        r"|call for (?:proposals|applications|expressions? of interest|projects|entries|papers|nominations|ideas|submissions)|calls? for proposals"
        r"|(?:are|is) invited to (?:submit|apply)|invited to submit|submit (?:your|their) (?:ideas|proposals|applications)"
        r"|(?:takes|accepts|accepting|welcomes) (?:project )?proposals|proposals (?:are|will be) (?:accepted|considered|reviewed)"
        r"|application forms?|project proposals|на конкурс приймаються|приймаються (?:проєкти|проекти|ідеї)"
        r"|applications? (?:are|is)? ?(?:now )?(?:open|accepted|invited|welcome)|accepting applications|invites? (?:applications|proposals|\w+ to apply)"
        r"|apply (?:now|by|before|until|online|here)|how to apply|funding opportunity|grant opportunit\w*|open call|is open\b|opens? (?:a|its)? ?call"
        r"|has opened|have opened|launched (?:a|its|the)? ?(?:call|competition|grant)|is launching|to apply\b|may apply|can apply|eligible"
        r"|nabór wniosków|nabór\b|ogłasza\w* (?:konkurs|nabór)|zaprasza\w* do (?:składania|udziału)|można składać|wnioski można|otwarty konkurs"
        r"|принима\w* заявк\w*|при[её]м заявок|объявил\w* (?:конкурс|набор)|могут (?:подать|получить|принять участие)|открыт\w* (?:конкурс|при[её]м)"
        r"|зовут (?:поучаствовать|принять)|приглаша\w* (?:к участию|принять)")),
    (1.5, AnyOf(
        r"грант\w*|гранту|мікрогрант\w*|фінансуван\w*|фінансов\w* підтрим\w*|стипенді\w*|співфінансуван\w*|субгрант\w*|дотаці\w*"
        r"|grant\w*|funding|scholarship\w*|fellowship\w*|stipend\w*|dotacj\w*|dofinansowani\w*|stypendi\w*|финансировани\w*|стипенди\w*"
        r"|безповоротн\w* (?:фінансов|допомог)\w*|відшкод\w*|micro-?grants?|prizes?|призи|премі[яї]|funded|funds\b")),
    (1.0, AnyOf(r"конкурс\w*|competition\w*|contest\w*|konkurs\w*|open call|nabór\w*|відбір\w*|selection of")),
]
# Headlines that say the page reports something done: decisive unless the headline also invites applications.
DONE_HEADLINE = [
    ("results", AnyOf(
        r"оголошено переможц\w*|оголоси\w* переможц\w*|визначил\w* переможц\w*|назвал\w* переможц\w*|нагородил\w*|переможцями стал\w*"
        r"|отримал\w* (?:[\w'-]+ ){0,2}(?:грант|фінансуван|стипенді|кошти|підтримк)\w*|оприлюдни\w* результат\w*|результати конкурсу"
        r"|announc\w* (?:the )?(?:winners|results)|winners of|\bwon\b|were (?:selected|awarded|chosen)|have been (?:selected|awarded)"
        r"|\b(?:selected|shortlisted|chosen) (?:for|to|as)\b|ha(?:s|ve) selected|відібрал\w*|відібрано|обрано \d+|обрали \d+"
        r"|отобран\w*|wybran\w* \d+|wyłoniono"
        r"|results of the|победител\w* (?:стал|конкурс)\w*|получил\w* (?:[\w'-]+ ){0,2}(?:грант|стипенди|финансировани)\w*"
        r"|объявил\w* победител\w*|итоги конкурса|wyniki konkursu|zwycięzc\w* konkursu|laureaci|otrzymał\w* (?:dotacj|grant)\w*")),
    ("event", AnyOf(
        r"^\s*(?:інформаційн\w* (?:день|сесі\w*)|вебінар\w*|webinar|info ?day|information session|семінар|workshop|конференці\w*"
        r"|тренінг\w*|training|запрошуємо на (?:вебінар|семінар|тренінг|зустріч|форум|конференці)\w*)"
        r"|відбув(?:ся|ася|ись)|took place|was held|odbył\w* się|состоял\w*|пройш(?:ов|ла|ли) (?:форум|конференці|семінар|зустріч)")),
    ("news", AnyOf(
        r"\bapplied\b|have applied|applications (?:were|have been) (?:received|submitted)|подал[аи] заявк\w*|заявок надійшл\w*"
        r"|надійшл\w* (?:понад |більше )?\d+|подали понад|złożył\w* wnios\w*|wpłynęł\w*|подали заявки|подано \d+")),
]
FELLOWSHIP = AnyOf(r"стипенді\w*|стипенди\w*|fellowship\w*|scholarship\w*|stypendi\w*|residenc\w*|резиденці\w*")
COMPETITION = AnyOf(r"конкурс\w*|competition\w*|contest\w*|konkurs\w*|pitch\w*")
CALL_FOR_PROPOSALS = AnyOf(r"call for proposals|calls? for (?:proposals|expressions?|applications)|прийом проєктн\w*|проєктн\w* пропозиц\w*"
                                r"|nabór wniosków|nabór\b|call\b|набір проєктів|конкурс проєктів|програм\w* interreg")


def _weight(text: str, title: str) -> tuple[dict[str, float], float]:
    text, title = fold(text), fold(title or "")
    # The headline may be missing or be a date line: the first lines of the text count as headline too.
    lines = [line for line in text.split("\n") if line.strip()]
    title = "\n".join([title] + lines[:1]) if title else "\n".join(lines[:2])
    head = text[:400]
    against: dict[str, float] = {}
    for kind, weight, pattern in SIGNS_AGAINST:
        score = 0.0
        if title and pattern.search(title):
            score += 2 * weight
        if pattern.search(head):
            score += weight
        hits = len(pattern.findall(text))
        score += min(hits, 3) * 0.3 * weight
        if score:
            against[kind] = score
    support = 0.0
    for weight, pattern in SIGNS_FOR:
        if title and pattern.search(title):
            support += weight
        hits = len(pattern.findall(text))
        support += min(hits, 4) * 0.6 * weight
    return against, support


def classify_kind(title: str, text: str, has_deadline: bool = False, rolling: bool = False,
                  has_amount: bool = False, deadline_strength: int = 0) -> tuple[bool, str]:
    """(is_call, kind). ``deadline_strength`` is how surely a deadline was found (see deadline.py)."""
    title = fold(title or "")
    text = fold(text)
    against, support = _weight(text, title)
    funding = support
    if has_deadline:
        support += 4.0 if deadline_strength >= 2 else 1.0
    if rolling:
        support += 3.0
    if has_amount:
        support += 1.0
    strongest = max(against, key=against.get) if against else None
    total_against = sum(against.values())
    if has_amount:
        funding += 1.5
    is_call = funding > 0 and support >= total_against
    if against.get("closed", 0) >= 4.0 and not rolling:
        is_call = False
    # A job headline ("Вакансія: …", "конкурс на посаду …") decides, unless the headline also offers funding;
    # so does a headline reporting results or applications already made, unless it also invites to apply.
    if SIGNS_AGAINST[0][2].search(title) and not SIGNS_FOR[1][1].search(title):
        is_call = False
        against["vacancy"] = against.get("vacancy", 0) + 10
    for kind, pattern in DONE_HEADLINE:
        if title and pattern.search(title) and not SIGNS_FOR[0][1].search(title):
            is_call = False
            against[kind] = against.get(kind, 0) + 10
    strongest = max(against, key=against.get) if against else None
    if is_call:
        both = f"{title}\n{text[:600]}"
        if FELLOWSHIP.search(title) or (FELLOWSHIP.search(both) and not COMPETITION.search(title)):
            return True, "fellowship"
        if CALL_FOR_PROPOSALS.search(title):
            return True, "call_for_proposals"
        if COMPETITION.search(title):
            return True, "competition"
        if CALL_FOR_PROPOSALS.search(both):
            return True, "call_for_proposals"
        return True, "grant"
    if strongest == "closed":
        return False, "other"
    return False, strongest or ("news" if support else "other")
