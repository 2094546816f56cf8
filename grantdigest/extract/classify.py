"""is_call and kind: is this an opportunity one could apply to when it was written?

Signs are weighed, the headline and the first lines counting more than the rest:
- against: a vacancy, a procurement tender, results or winners, a finished/closed call,
  an event without funding, a report about applications already made ("151 proposals
  submitted"), a report of funding already given (totals over years, annual reports), a
  call cancelled, cut or without money, a survey or a partner search; results and report
  words in a clause about the future ("переможці отримають") do not count;
- for: an invitation to apply ("приймаються заявки", "оголошує конкурс", "call for
  proposals", "nabór wniosków", "принимаются заявки"), an application deadline,
  funding words (grant, scholarship, dotacja, стипендія).
Some signs decide: a job advert (pay together with what it asks of candidates, or a role
for a headline); a contest of stories, essays or photos without money or prizes; a headline
reporting results or applications; and a page with no sign of an invitation at all (no
call named, no deadline, no eligibility, no terms, no headline offering funding). A
headline reporting a past event yields to a call the story passes on with an invitation and
a labelled deadline; a headline that invites makes the body's meetings and news asides.
The kind of a call is fellowship, competition, call_for_proposals or grant; of any
other page, the strongest sign against (vacancy, tender, results, event, news, other).
"""

from __future__ import annotations

import re

from grantdigest.extract.applicants import ELIGIBILITY
from grantdigest.extract.text import AnyOf, ci, fold

# What a cancellation or a cut is about: the call, the programme, its budget or money.
_CALL_MONEY = (r"(?:конкурс|програм|бюджет|видатк|фінансуван|кошт|набір|прийом|грант|мікрогрант|call|programme|program|budget|funding"
               r"|grants?|competition|программ|финансирован|средств|nabór|naboru|konkurs|budżet|dotacj)\w*")


class Near:
    """Matches of ``anchor`` (rare words, searched fast) that have ``subject`` within ``reach`` characters in the
    same sentence: "скоротила програму", "nabór … został odwołany". Searched like a pattern."""

    def __init__(self, anchor: AnyOf, subject: re.Pattern, reach: int = 45):
        self.anchor, self.subject, self.reach = anchor, subject, reach

    def finditer(self, text: str):
        for m in self.anchor.finditer(text):
            before = re.split(r"[.!?\n]", text[max(0, m.start() - self.reach):m.start()])[-1]
            after = re.split(r"[.!?\n]", text[m.end():m.end() + self.reach])[0]
            if self.subject.search(before) or self.subject.search(after):
                yield m

    def search(self, text: str):
        return next(self.finditer(text), None)

    def findall(self, text: str) -> list[str]:
        return [m.group(0) for m in self.finditer(text)]


class Either:
    """Matches of any of several patterns, in order of position."""

    def __init__(self, *patterns):
        self.patterns = patterns

    def finditer(self, text: str):
        found = sorted((m for p in self.patterns for m in p.finditer(text)), key=lambda m: m.start())
        return iter(found)

    def search(self, text: str):
        return next(self.finditer(text), None)

    def findall(self, text: str) -> list[str]:
        return [m.group(0) for m in self.finditer(text)]


# A call cancelled, suspended, cut or without money: a cancelling word near the call, its budget or money, or
# a phrase that says so by itself.
CANCELLED = Either(
    Near(AnyOf(r"скасува\w*|скасовано|призупин\w*|скоротил\w*|скоротив|скорочено|перерозподіл\w*|отменил\w*|отмен[её]н\w*"
               r"|приостанов\w*|сократил\w*|сокращен\w*|перераспредел\w*|cancell?ed|cancels|suspended|suspends|redirected"
               r"|reallocat\w*|redirect\w*|переспрямува\w*|перенаправи\w*|перенаправл\w*|переорієнтува\w*|перенаправ\w*"
               r"|moved (?:its |the |all )?(?:remaining )?funding|shift(?:s|ed)? (?:its |the )?(?:remaining )?funding|przekierowa\w*|odwoła\w*|zawiesi\w*|zawieszon\w*|wstrzyma\w*|budget cut|cut (?:the|its) budget|slashed"),
         ci(_CALL_MONEY)),
    AnyOf(r"не (?:зможе|зможемо|буде|будуть|вдасться) (?:оголос|провод|прийма|оголош)\w*|не проводити|не проводитиме\w*"
          r"|не відбудеться|може не відбутися|немає (?:коштів|грошей)|бракує коштів"
          r"|не (?:сможет|сможем|будет|будут) (?:объяв|провод|принима)\w*|не состоится|может не состояться|нет денег|нет средств"
          r"|postponed indefinitely|will not (?:be held|take place|open)|no (?:funds|money|funding) (?:is |are )?(?:available|left)"
          r"|nie odbędzie się|brak środków"
          r"|moved (?:[\w-]+ ){0,3}?(?:funding|funds|budget|resources) to|shifted (?:[\w-]+ ){0,3}?(?:funding|funds|budget|resources) to"
          r"|redirect\w* (?:[\w-]+ ){0,3}?(?:funding|funds|budget|resources) (?:to|for)|reallocat\w* (?:[\w-]+ ){0,3}?(?:funding|funds|budget) to"
          r"|переспрямува\w* (?:[\w'-]+ ){0,3}?(?:кошти|фінансування|бюджет|ресурси) на|перенаправи\w* (?:[\w'-]+ ){0,3}?(?:кошти|фінансування|бюджет) на"
          r"|перенаправил\w* (?:[\w-]+ ){0,3}?(?:средства|финансирование|бюджет) на|przekierował\w* (?:[\w-]+ ){0,3}?(?:środki|finansowanie) na"))


SIGNS_AGAINST: list[tuple[str, float, object]] = [
    ("vacancy", 3.0, AnyOf(
        r"ваканс\w*|vacanc\w*|we are hiring|job (?:opening|offer|vacancy)|is hiring|посад[аиу]\b|на посаду|набо?р\w* (?:нових )?експерт\w*"
        r"|добір (?:до|експерт)\w*|експертн\w* рад\w*|terms of reference for (?:a|an|the)? ?(?:consultant|expert)|\bконсультант\w*"
        r"|position of|job description|запрошує на роботу|oferta pracy|praca\b|вакансия|ищем сотрудник|employment opportunit\w*"
        r"|recruitment of|приймає на роботу|шука\w* (?:[\w'-]+ ){0,2}(?:координатор|менеджер|фахів|спеціаліст|працівник|бухгалтер"
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
        r"|approved projects|funded projects|підтримані проєкти|перелік (?:переможців|проєктів, які)"
        r"|проєкт\w* яких (?:підтримано|підтримали|отрима\w*)|проект\w* которых (?:поддержан\w*|получ\w*)|грантоотримувач\w* (?:програми|конкурсу)"
        r"|вітаємо (?:переможц|грантоотримувач|команд)\w*|congratulations to (?:the )?(?:winners|grantees)|list of (?:grantees|winners)"
        r"|стал[аи]? переможц\w*|перемогл[аи]?\b|перемогли\b|перемогла\b|стал[аи]? победител\w*|победил[аи]?\b|zostały? zwycięzc\w*"
        r"|zwyciężył\w*|wybraliśmy|we have chosen|we have selected|we chose\b|we selected\b|new grantees|grantees (?:are|include)\b"
        r"|нов\w* грантоотримувач\w*|нов\w* грантополучател\w*|nowi grantobiorcy")),
    ("closed", 4.0, AnyOf(
        r"завершено\b|ЗАВЕРШЕНО|конкурс завершено|прийом заявок завершено|прийом заявок закрито|status: ?closed|[:–—-] ?closed\b"
        r"|call (?:is |has )?closed|closed call|^closed$|статус: ?(?:закрит|завершен)\w*"
        r"|deadline (?:for \w+ \w+ )?has (?:now )?passed|deadline: finished|call is closed|applications are closed|no longer accept\w*"
        r"|nabór zakończony|nabór został zakończony|прием заявок завершен|конкурс завершен|status: ?finished"
        r"|(?:прийом|конкурс|набір)\w* (?:заявок )?закрито|при[её]м\w* (?:заявок )?закрыт\w*|конкурс закрыт\w*"
        r"|(?:заверши\w*|закінчи\w*|завершено|закінчено|завершил\w*) (?:прийом|приймання|набір|при[её]м|подачу)"
        r"|(?:прийом|приймання|при[её]м) (?:заявок |документів )?(?:заверши|закінчи|завершил|закончил)\w*")),
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
        r"|засіданн\w* моніторингового|monitoring committee|could apply|могли подавати|могли подати"
        r"|received (?:[\w-]+ ){0,2}\d+ (?:[\w-]+ ){0,2}(?:proposals|applications)|submitted (?:[\w-]+ ){0,2}\d+ (?:[\w-]+ ){0,2}(?:proposals|applications)"
        r"|надійшл\w* (?:[\w'-]+ ){0,2}\d+ (?:[\w'-]+ ){0,2}(?:заяв|проєкт|проект)\w*|подано (?:[\w'-]+ ){0,2}\d+ (?:[\w'-]+ ){0,2}(?:заяв|проєкт|проект)\w*"
        r"|поступил\w* (?:[\w'-]+ ){0,2}\d+ (?:[\w'-]+ ){0,2}(?:заяв|проект)\w*|złożono (?:[\w-]+ ){0,2}\d+|wpłynęł\w* (?:[\w-]+ ){0,2}\d+"
        r"|proposals (?:were |have been |had been )(?:received|submitted)|proposals received|applications received"
        r"|заявки подали|заявки подал[аи]\w*|заявки подавали|applicants requested|заявники просили")),
    # A report of funding already given: totals over years, an annual report, what a fund has financed.
    ("report", 3.0, AnyOf(
        r"профінансува\w*|профінансовано|підтрима\w* (?:понад |більше |вже )?\d+|надал[аи]? (?:понад |більше )?\d+ грант\w*"
        r"|за (?:\d+|два|три|чотири|п'ять|шість|сім|вісім|дев'ять|десять) (?:рок\w*|років) (?:діяльності|роботи|існування)"
        r"|за роки (?:діяльності|роботи|існування)"
        r"|річн\w* звіт\w*|звіт\w* про (?:діяльність|роботу)|відзвітува\w*|у середньому (?:один|кожен) (?:проєкт|грант)\w* отрима\w*"
        r"|профинансирова\w*|поддержал\w* (?:более |свыше )?\d+|выдал\w* (?:более |свыше )?\d+|направил\w* (?:более |свыше )?\d+"
        r"|выделил\w* (?:более |свыше )?\d+|отчитал\w*|годов\w* отч[её]т\w*|за (?:\d+|два|три|четыре|пять|шесть|семь|восемь|девять|десять) (?:года|год|лет) (?:работы|деятельности|существования)"
        r"|distributed (?:a total of |more than |over |almost |nearly )?(?:eur|usd|uah|€|\$|£|\d)|made \d+ grants|awarded \d+|(?:has|have) (?:awarded|funded|supported|financed) (?:more than |over )?\d+|funded \d+ projects"
        r"|annual report|over the (?:past|last) \w+ years|combined value|in (?:the )?(?:past|last) \w+ years"
        r"|sfinansował\w*|przekazał\w* (?:ponad )?\d+|wsparł\w* (?:ponad )?\d+|raport\w* roczn\w*|sprawozdani\w* roczn\w*")),
    # A call cancelled, suspended, cut or without money.
    ("cancelled", 4.0, CANCELLED),
    ("other", 2.0, AnyOf(
        r"опитуванн\w*|анкетуванн\w*|survey\b|questionnaire|ankiet\w*|szukamy (?:polskiego )?partnera|partner search|looking for (?:a )?partner"
        r"|шукаємо партнер\w*|закрито до подальшого|closed until further notice|portal closed")),
]
SIGNS_FOR: list[tuple[float, re.Pattern]] = [
    (3.0, AnyOf(
        r"приймаю\w* (?:заявк|пропозиц|документ|проєкт|проект|заяв)\w*|прийом\w* (?:заявок|заяв|пропозицій|документів)"
        r"|приймання (?:заявок|документів|пропозицій)|заявки (?:[\w'-]+ ){0,2}?приймаються|пропозиції (?:[\w'-]+ ){0,2}?приймаються"
        r"|проєкти (?:[\w'-]+ ){0,2}?приймаються|проекти (?:[\w'-]+ ){0,2}?приймаються"
        r"|заклика\w* (?:[\w'’-]+ ){0,5}?(?:взяти участь|узяти участь|подати|податися|подавати|долучитися)"
        r"|призва\w* (?:[\w'’-]+ ){0,5}?(?:принять участие|подать)|призыва\w* (?:[\w'’-]+ ){0,5}?(?:принять участие|подать)"
        r"|urge\w* (?:[\w'’-]+ ){0,5}?to (?:apply|take part|participate|submit)|encourag\w* (?:[\w'’-]+ ){0,5}?to (?:apply|take part|participate|submit)"
        r"|zachęcamy (?:[\w-]+ ){0,6}?do (?:udziału|składania)|оголош\w* (?:конкурс|набір|прийом|відбір|грантов)\w*|оголосил\w* (?:конкурс|набір|відбір)"
        r"|запрошу\w* (?:до участі|подати|подавати|взяти участь|долучитися|податися|громад|організац|ГО|усіх|молод)\w*"
        r"|можна подати|можуть подати|можуть подаватися|можуть подавати|подаватися можуть|можуть отримати|можуть взяти участь"
        r"|можуть позмагатися|подати заявку|подавайте|податися можна|відкрит\w* (?:конкурс|набір|прийом)\w*|стартував\w* (?:конкурс|прийом|набір)"
        r"|відкрит\w* (?:[\w'-]+ ){0,3}(?:конкурс|набір|прийом)\w*|розпочав\w* (?:конкурс|прийом|набір)|конкурс (?:триває|відкрито|стартував|розпочався)|грантов\w* конкурс|конкурс грантів"
        r"|call for (?:[\w-]+ ){0,2}(?:proposals|applications|expressions? of interest|projects|microprojects|entries|papers|nominations|ideas|submissions)|calls? for proposals"
        r"|calls? (?:[\w-]+ ){0,4}(?:launched|opened|is (?:now )?open|are (?:now )?open|now open)|calls on (?:[\w-]+ ){0,4}to"
        r"|оголошено (?:(?!переможц|результат|підсумк|лауреат)[\w'«»-]+ ){0,3}(?:конкурс|набір|прийом)"
        r"|конкурс\w* (?:[\w'«»-]+ ){0,3}(?:оголошено|відкрито)|хто може (?:подати|податися|подаватися|взяти участь)|кто может (?:подать|принять участие)"
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

SIGN = {kind: pattern for kind, _, pattern in SIGNS_AGAINST}
# Headlines that say the page reports something done: decisive unless the headline also invites applications.
DONE_HEADLINE = [
    ("results", AnyOf(
        r"оголошено переможц\w*|оголоси\w* переможц\w*|визначил\w* переможц\w*|назвал\w* переможц\w*|нагородил\w*|переможцями стал\w*"
        r"|отримал\w* (?:[\w'-]+ ){0,2}(?:грант|фінансуван|стипенді|кошти|підтримк)\w*|оприлюдни\w* результат\w*|результати конкурсу"
        r"|announc\w* (?:the )?(?:winners|results)|winners of|\bwon\b|were (?:selected|awarded|chosen)|have been (?:selected|awarded)"
        r"|\b(?:selected|shortlisted|chosen) (?:for|to|as)\b|ha(?:s|ve) selected|відібрал\w*|відібрано|обрано \d+|обрали \d+"
        r"|отобран\w*|wybran\w* \d+|wyłoniono"
        r"|results of the|победител\w* (?:стал|конкурс)\w*|получил\w* (?:[\w'-]+ ){0,2}(?:грант|стипенди|финансировани)\w*"
        r"|объявил\w* победител\w*|итоги конкурса|wyniki konkursu|zwycięzc\w* konkursu|laureac\w*|laureatów|otrzymał\w* (?:dotacj|grant)\w*"
        r"|znamy (?:laureatów|zwycięzców|wyniki)|approves \d+ projects|approved \d+ projects|затвердил\w* \d+ проєкт\w*"
        r"|стал[аи]? переможц\w*|перемогл[аи]?\b|стал[аи]? победител\w*|победил[аи]?\b|zostały? zwycięzc\w*|zwyciężył\w*"
        r"|meet (?:our|the) (?:[\w-]+ ){0,2}(?:grantees|winners|laureates)|congratulations to (?:our|the) (?:[\w-]+ ){0,2}(?:grantees|winners)"
        r"|welcome (?:our|the) (?:[\w-]+ ){0,2}(?:grantees|winners)|our grantees|our new grantees"
        r"|знайомте\w* з (?:[\w'-]+ ){0,2}(?:переможц|грантоотримувач)\w*")),
    ("event", AnyOf(
        r"^\s*(?:інформаційн\w* (?:день|сесі\w*)|вебінар\w*|webinar|info ?day|information session|семінар|workshop|конференці\w*"
        r"|тренінг\w*|training|запрошуємо на (?:вебінар|семінар|тренінг|зустріч|форум|конференці)\w*)"
        r"|відбув(?:ся|ася|ись)|took place|was held|odbył\w* się|состоял\w*|пройш(?:ов|ла|ли) (?:форум|конференці|семінар|зустріч)"
        r"|\battended\b|took part in|взял[аи]? участь|взяли участь|приняли участие|wzięł\w* udział")),
    ("news", AnyOf(
        r"\bapplied\b|have applied|applications (?:were|have been) (?:received|submitted)|подал[аи] заявк\w*|заявок надійшл\w*"
        r"|надійшл\w* (?:понад |більше )?\d+|подали понад|złożył\w* wnios\w*|wpłynęł\w*|подали заявки|подано \d+"
        r"|\d+ (?:[\w-]+ ){0,2}(?:proposals|applications|заяв\w*|проєктн\w* пропозиц\w*|wniosk\w*) (?:were |have been )?(?:received|submitted"
        r"|надійшл\w*|подали|подано|поступил\w*|złożon\w*)|(?:received|submitted|поступил\w*|złożono) (?:[\w-]+ ){0,2}\d+")),
    ("results", AnyOf(
        r"^\s*(?:список |перелік |list of )?(?:грантоотримувач\w*|грантополучател\w*|grantees|beneficjenci)")),
    ("report", AnyOf(r"annual report|річн\w* звіт|годов\w* отч[её]т|raport roczn\w*")),
    ("cancelled", SIGN["cancelled"]),
]
PAST_EVENT = AnyOf(r"відбув(?:ся|ася|ись)|took place|was held|\bheld (?:in|on|at)\b|odbył\w* się|состоял\w*|пройш(?:ов|ла|ли)"
                   r"|\battended\b|took part in|взял[аи]? участь|взяли участь|приняли участие|wzięł\w* udział")
# The terms of a call, stated as such ("Максимальна сума гранту на один проєкт", "Grant amount: up to …").
CALL_TERMS = AnyOf(r"максимальн\w* (?:сум|розмір|обсяг)\w*|(?:сума|розмір) (?:гранту|фінансування|мікрогранту)|maximum (?:grant|amount|funding|award)"
                   r"|grant (?:amount|size)|размер гранта|сумма гранта|максимальн\w* сумм\w*|maksymaln\w* (?:kwot|wysokoś)\w*|kwota dotacji"
                   r"|wysokość (?:dotacji|grantu)")
FELLOWSHIP = AnyOf(r"стипенді\w*|стипенди\w*|fellowship\w*|scholarship\w*|stypendi\w*|residenc\w*|резиденці\w*")
COMPETITION = AnyOf(r"конкурс\w*|competition\w*|contest\w*|konkurs\w*|pitch\w*")
CALL_FOR_PROPOSALS = AnyOf(r"call for proposals|calls? for (?:proposals|expressions?|applications)|прийом проєктн\w*|проєктн\w* пропозиц\w*"
                                r"|nabór wniosków|nabór\b|call\b|набір проєктів|конкурс проєктів|програм\w* interreg")


# A clause about what will happen ("переможці отримають", "the list of winners will be published") speaks of a
# call still to be decided: its results and report words do not say that the page reports results.
FUTURE = AnyOf(r"отримають|отримає|буде\b|будуть|оголосять|оприлюднять|визначать|обиратим\w*|визначатим\w*|will\b|shall\b"
               r"|получат\b|получит\b|будет\b|будут\b|объявят|опубликуют|zostan\w*|otrzymaj\w*|będą\b|będzie\b|ogłosimy")
PAST_DONE = AnyOf(r"відібрал\w*|визначил\w*|отримал\w*|підтримал\w*|отобрал\w*|получил\w*|selected|awarded|were|have been|wybrał\w*")
FUTURE_DISCOUNTED = ("results", "report")
# A clause about an earlier round ("Торік переможцями стали 12 громад", "last year's winners") inside a new call:
# its results words do not say that this page reports results.
PREVIOUS_ROUND = AnyOf(r"торік|минулого року|минулоріч\w*|у попередн\w* (?:раунд|конкурс|етап|хвил|набор|рок)\w*|попереднього (?:раунду|конкурсу|набору)"
                       r"|last year|previous (?:round|call|edition|year)|earlier rounds?|в прошлом году|прошлого года|в предыдущ\w*"
                       r"|w (?:ubiegłym|zeszłym|poprzednim) roku|w poprzedniej edycji|poprzedniej edycji")
_CLAUSE_END = re.compile(r"[.!?;\n]")


def _hits(kind: str, pattern, text: str) -> int:
    if kind not in FUTURE_DISCOUNTED:
        return len(pattern.findall(text))
    count = 0
    for m in pattern.finditer(text):
        start = max(text.rfind(c, 0, m.start()) for c in ".!?;\n") + 1
        end_match = _CLAUSE_END.search(text, m.end())
        clause = text[start:end_match.start() if end_match else len(text)]
        if FUTURE.search(clause) and not PAST_DONE.search(clause):
            continue
        if PREVIOUS_ROUND.search(clause):
            continue
        count += 1
    return count


def _weight(text: str, title: str) -> tuple[dict[str, float], float]:
    text, title = fold(text), fold(title or "")
    # The headline may be missing or be a date line: the first lines of the text count as headline too.
    lines = [line for line in text.split("\n") if line.strip()]
    title = "\n".join([title] + lines[:1]) if title else "\n".join(lines[:2])
    head = text[:400]
    against: dict[str, float] = {}
    for kind, weight, pattern in SIGNS_AGAINST:
        score = 0.0
        hits = _hits(kind, pattern, text)
        if title and (_hits(kind, pattern, title) if kind in FUTURE_DISCOUNTED else pattern.search(title)):
            score += 2 * weight
        if hits and (_hits(kind, pattern, head) if kind in FUTURE_DISCOUNTED else pattern.search(head)):
            score += weight
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


# Employment: pay (not a grant) together with what a job advert asks for.
PAY = AnyOf(r"заробітн\w* плат\w*|зарплат\w*|посадов\w* оклад\w*|оклад (?:від|становить|складає|—|-|:)|salary|market value"
            r"|per annum|annual pay|grade:? ?(?:fsn|gs|p)-?\d|заработн\w* плат\w*|wynagrodzeni\w*|pensj\w*")
JOB_ASK = AnyOf(r"резюме|\bcv\b|cover letter|мотиваційн\w* лист\w*|candidates?\b|кандидат\w*|посад\w*|ваканс\w*|обов'язки|обязанности"
                r"|вимоги:|требования:|responsibilities|requirements:|працевлаштуван\w*|трудоустро\w*|\bjob\b|position|zatrudnieni\w*|obowiązki"
                r"|досвід (?:роботи|управлінськ)\w*|опыт (?:работы|администрирования)\w*|years of (?:relevant )?experience")
# A job title: the headline names a role ("Project Management Specialist", "Шукаємо менеджера") that nobody is funded for.
ROLE = (r"(?:specialist|officer|coordinator|manager|assistant|adviser|advisor|analyst|accountant|director|driver|engineer|lawyer"
        r"|спеціаліст\w*|фахів\w*|координатор\w*|менеджер\w*|асистент\w*|радник\w*|аналітик\w*|бухгалтер\w*|директор\w*|юрист\w*"
        r"|специалист\w*|менеджер\w*|координатор\w*|ассистент\w*|советник\w*|бухгалтер\w*"
        r"|specjalist\w*|koordynator\w*|asystent\w*|kierownik\w*|doradc\w*|księgow\w*)")
JOB_TITLE = ci(r"(?<![\w])" + ROLE + r"(?![\w])")
FOR_ROLE = ci(r"(?:для|for|dla|серед|среди|among)\s+(?:[\w'-]+\s+){0,2}\Z")
FUNDED_ROLE = ci(ROLE + r"(?:/\w+)?\s+(?:[\w'-]+\s+){0,3}?(?:грант|grant|програм|program|по грант|з грант)\w*"
                 r"|(?:grants?|грантов\w*|funding|programme|program) " + ROLE)
# A contest of stories, essays, photos or drawings: a call only with money or prizes.
WORKS_CONTEST = AnyOf(r"конкурс\w* (?:історій|есе|фото\w*|малюнк\w*|творів|віршів|есеїв|текстів|відео\w*|рисунк\w*|историй|сочинени\w*|эссе"
                      r"|світлин\w*|фоторобіт|фотографи\w*)|фотоконкурс\w*|fotokonkurs\w*|photo ?contest|відеоконкурс\w*|видеоконкурс\w*"
                      r"|(?:story|essay|photo|photography|drawing|poetry|writing|video) (?:contest|competition)"
                      r"|konkurs\w* (?:na esej|fotograficzn\w*|na opowiadani\w*|plastyczn\w*|literack\w*)"
                      r"|(?:історі\w*|тексти|есе|історії) (?:надсилайте|приймаються)|prace (?:\([^)]*\) )?należy przesyłać")
PRIZE = AnyOf(r"приз\w*|премі\w*|нагород\w* (?:у розмірі|в розмірі|грошов)|грошов\w*|prizes?\b|cash|award of|nagrod\w* pieniężn\w*"
              r"|nagrod\w* w wysokości|премии|денежн\w*|сертифікат\w* на|ваучер\w*|voucher\w*|обладнання|equipment")


# Call names that invite nobody by themselves ("… received under the first call for small projects").
CALL_NAME = ci(r"call for (?:[\w-]+ ){0,2}(?:proposals|applications|expressions? of interest|projects|microprojects|entries|papers"
               r"|nominations|ideas|submissions)|calls? for proposals|project proposals|application forms?|open call|грантов\w* конкурс|конкурс грантів"
               r"|nabór|eligible|проєктн\w* пропозиц\w*")


def _invites(text: str) -> bool:
    """An invitation to apply, not only a call's name."""
    return any(not CALL_NAME.fullmatch(m.group(0)) for m in SIGNS_FOR[0][1].finditer(text))


def _job_headline(title: str) -> bool:
    for m in JOB_TITLE.finditer(title):
        if FOR_ROLE.search(title[max(0, m.start() - 40):m.start()]):
            continue
        return True
    return False


def _is_job(title: str, text: str) -> bool:
    """A job advert: pay together with what the advert asks of candidates, or a role for a headline."""
    if PAY.search(text) and JOB_ASK.search(text):
        return True
    head = title or ""
    if _job_headline(head) and not SIGNS_FOR[0][1].search(head):
        funding = SIGNS_FOR[1][1].search(head)
        return funding is None or bool(FUNDED_ROLE.search(head))
    return False


def _works_without_funding(title: str, text: str, has_amount: bool) -> bool:
    both = f"{title}\n{text}"
    if has_amount or not WORKS_CONTEST.search(both) or PRIZE.search(both):
        return False
    return not SIGNS_FOR[1][1].search(both)


def classify_kind(title: str, text: str, has_deadline: bool = False, rolling: bool = False,
                  has_amount: bool = False, deadline_strength: int = 0) -> tuple[bool, str]:
    """(is_call, kind). ``deadline_strength`` is how surely a deadline was found (see deadline.py)."""
    title = fold(title or "")
    text = fold(text)
    against, support = _weight(text, title)
    funding = support
    # A headline that announces a call ("… call for proposals is open", "оголошує конкурс"): meetings, webinars
    # and news the body mentions are asides.
    if title and _invites(title) and not any(p.search(title) for _, _, p in SIGNS_AGAINST) \
            and not any(p.search(title) for _, p in DONE_HEADLINE):
        for kind in ("event", "news"):
            if kind in against:
                against[kind] *= 0.25
    if has_deadline:
        support += 4.0 if deadline_strength >= 2 else 1.0
    if rolling:
        support += 3.0
    if has_amount:
        support += 1.0
    total_against = sum(against.values())
    if has_amount:
        funding += 1.5
    is_call = funding > 0 and support >= total_against
    if against.get("closed", 0) >= 4.0 and not rolling:
        is_call = False
    # A job advert decides: pay with what it asks of candidates, or a headline naming a role (a "Вакансія: …",
    # "конкурс на посаду …" headline too, unless it also offers funding).
    if _is_job(title, text) or (SIGNS_AGAINST[0][2].search(title) and not SIGNS_FOR[1][1].search(title)):
        is_call = False
        against["vacancy"] = against.get("vacancy", 0) + 10
    # Without any sign of an invitation — no call named, no deadline, no eligibility, no terms of a call, no headline
    # offering funding ("Гранти на …", the teaser of a list page) — a page about money is a report (a fund's
    # half-year, the laureates of a programme), not a call.
    both = f"{title}\n{text}"
    if is_call and not (has_deadline or rolling or SIGNS_FOR[0][1].search(both) or ELIGIBILITY.search(both) or CALL_TERMS.search(both)
            or (title and SIGNS_FOR[1][1].search(title))):
        is_call = False
    if _works_without_funding(title, text, has_amount):
        is_call = False
        against["other"] = against.get("other", 0) + 10
    # A headline reporting results or applications already made decides, unless it also invites to apply; a
    # headline reporting a past event (a forum that "took place") yields to a call the story passes on, with
    # an invitation and an application deadline.
    for kind, pattern in DONE_HEADLINE:
        if title and pattern.search(title) and not _invites(title):
            if (kind == "event" and deadline_strength >= 2 and PAST_EVENT.search(title)
                    and SIGNS_FOR[0][1].search(text) is not None):
                continue
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
