"""API adapter ``sedia``: the EU Funding & Tenders (SEDIA) search API.

The API answers a POST whose multipart body carries a JSON ``query``; every
metadata value is an array; one topic comes back once per language. Types:
1/2 = call topics, 8 = cascade-funding calls (their own reference identifies
them: several may share one URL and identifier), 6 = documents (skipped).

Registry settings: ``page_size``, ``max_pages``, ``languages``, ``queries``
(a list of ``{name, types, statuses}``), ``programme_names`` (identifier
prefix -> readable programme) and ``[eligibility]``, the rule that keeps
only calls Ukraine may take part in, as data:

- ``restriction_phrases``: wording with which a topic limits participation
  to a list of countries; a topic using one whose sentence does not name a
  ``country_words`` entry is left out (Ukraine is not on its list);
- ``associated_programmes``: identifier prefixes of programmes Ukraine is
  associated to -- their calls are open to Ukrainian entities;
- ``country_words``: any other call is kept only if its text names one
  (``Ukraine``, ``all countries``).
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import scrapy

from grantdigest.timeutil import end_of_day, iso_utc, parse_moment
from spiders.families.api import ApiSourceSpider
from spiders.families.base import html_links, html_to_text

BOUNDARY = "grantdigest-sedia-form"
STATUS_CODES = {"31094501": "forthcoming", "31094502": "open", "31094503": "closed"}
TOPIC_TYPES = {"1", "2"}
CASCADE_TYPE = "8"
BRUSSELS = "Europe/Brussels"


def multipart_body(fields: dict[str, object]) -> bytes:
    """A multipart/form-data body with a fixed boundary, so equal queries are equal bytes."""
    parts = []
    for name, value in fields.items():
        parts.append(
            f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"blob\"\r\n"
            f"Content-Type: application/json\r\n\r\n{json.dumps(value, sort_keys=True)}\r\n"
        )
    parts.append(f"--{BOUNDARY}--\r\n")
    return "".join(parts).encode("utf-8")


def _first(meta: dict, key: str) -> str | None:
    values = meta.get(key) or []
    return values[0] if values else None


def _brussels_date(moment_text: str | None) -> str | None:
    moment = parse_moment(moment_text)
    return moment.astimezone(ZoneInfo(BRUSSELS)).date().isoformat() if moment else None


def _deadline_fields(moment) -> dict:
    """SEDIA gives UTC moments; a time of exactly 00:00 UTC stands for a date only
    (the portal shows such a deadline as that date), so it ends that day in Brussels."""
    if moment is None:
        return {}
    if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        day = moment.date()
        return {"deadline": day.isoformat(), "deadline_at": iso_utc(end_of_day(day, ZoneInfo(BRUSSELS))),
                "deadline_tz": None}
    return {"deadline": _brussels_date(iso_utc(moment)), "deadline_at": iso_utc(moment), "deadline_tz": BRUSSELS}


def _max_contribution(meta: dict, identifier: str) -> float | None:
    """The largest EU contribution per project for this topic (the budget overview
    lists every topic of the call; only the rows of this topic count)."""
    raw = _first(meta, "budgetOverview")
    if not raw:
        return None
    try:
        overview = json.loads(raw)
    except ValueError:
        return None
    values = [a.get("maxContribution") for actions in overview.get("budgetTopicActionMap", {}).values()
              for a in actions
              if str(a.get("action", "")).split(" - ")[0].strip() == identifier
              and isinstance(a.get("maxContribution"), (int, float))]
    return max(values) if values else None


ELIGIBILITY_KEYS = {"restriction_phrases", "associated_programmes", "country_words"}


def _sentence_from(text: str, start: int, limit: int = 800) -> str:
    """The text from ``start`` to the end of its sentence."""
    end = re.search(r"\.(?:\s|$)", text[start:start + limit])
    return text[start:start + (end.end() if end else limit)]


class SediaSourceSpider(ApiSourceSpider):
    SETTINGS = {
        **ApiSourceSpider.SETTINGS,
        "page_size": "записів на сторінку API", "max_pages": "скільки сторінок читати",
        "languages": "мови результатів", "queries": "запити: [{name, types, statuses}]",
        "programme_names": "префікс ідентифікатора -> назва програми",
        "eligibility": "правило участі України: restriction_phrases, associated_programmes, country_words",
    }
    REQUIRED_SETTINGS = ("adapter", "queries")

    @classmethod
    def check(cls, source):
        problems = super().check(source)
        for i, query in enumerate(source.settings.get("queries", []), start=1):
            if not isinstance(query, dict) or not query.get("types") or not query.get("statuses"):
                problems.append(f"queries №{i}: потрібні types і statuses")
        rule = source.settings.get("eligibility")
        if rule is not None and (not isinstance(rule, dict) or set(rule) - ELIGIBILITY_KEYS):
            problems.append(f"[eligibility] — таблиця з ключами {', '.join(sorted(ELIGIBILITY_KEYS))}")
        return problems

    def ukraine_eligible(self, prefix: str, text: str) -> bool:
        """The registry's eligibility rule (see the module docstring)."""
        rule = self.conf.get("eligibility")
        if not rule:
            return True
        lowered = text.lower()
        countries = [w.lower() for w in rule.get("country_words", ["Ukraine"])]
        for phrase in rule.get("restriction_phrases", []):
            at = lowered.find(phrase.lower())
            if at >= 0 and not any(w in _sentence_from(lowered, at) for w in countries):
                return False
        if prefix in rule.get("associated_programmes", []):
            return True
        return any(w in lowered for w in countries)

    def search_request(self, query: dict, page: int) -> scrapy.Request:
        params = {"apiKey": "SEDIA", "text": "***", "pageSize": self.conf.get("page_size", 50), "pageNumber": page}
        body = multipart_body({
            "query": {"bool": {"must": [{"terms": {"type": query["types"]}},
                                        {"terms": {"status": query["statuses"]}}]}},
            "languages": self.conf.get("languages", ["en"]),
            "sort": {"order": "ASC", "field": "deadlineDate"},
        })
        return scrapy.Request(
            f"{self.source.start_urls[0]}?{urlencode(params)}", method="POST", body=body,
            headers={"Content-Type": f"multipart/form-data; boundary={BOUNDARY}", "Accept": "application/json"},
            callback=self.parse, cb_kwargs={"query": query, "page": page}, dont_filter=True,
        )

    async def start(self):
        for query in self.conf["queries"]:
            yield self.search_request(query, 1)

    def parse(self, response: scrapy.http.Response, query: dict | None = None, page: int = 1):
        try:
            data = json.loads(response.text)
        except ValueError:
            self.problem(f"{response.url}: відповідь SEDIA не є JSON")
            return
        if not isinstance(data, dict) or "results" not in data:
            self.problem(f"{response.url}: у відповіді SEDIA немає 'results' (змінилося API?)")
            return
        # one topic comes back once per language: keep the copy in a configured language
        wanted = set(self.conf.get("languages", ["en"]))
        chosen: dict[str, tuple[bool, object]] = {}
        for result in data.get("results", []):
            item = self.result_item(result)
            if item is None:
                continue  # a document (type 6)
            preferred = bool(wanted & set((result.get("metadata") or {}).get("language") or []))
            if item.source_item_id not in chosen or (preferred and not chosen[item.source_item_id][0]):
                chosen[item.source_item_id] = (preferred, item)
        for _, item in chosen.values():
            if (out := self.emit(item)) is not None:
                yield out
        page_size = int(data.get("pageSize") or self.conf.get("page_size", 50))
        total = int(data.get("totalResults") or 0)
        if query and page * page_size < total and page < int(self.conf.get("max_pages", 10)):
            yield self.search_request(query, page + 1)

    def result_item(self, result: dict):
        meta = result.get("metadata") or {}
        kind = _first(meta, "type")
        if kind not in TOPIC_TYPES and kind != CASCADE_TYPE:
            return None
        identifier = _first(meta, "identifier") or ""
        prefix = identifier.split("-")[0]
        programme = self.conf.get("programme_names", {}).get(prefix, prefix or None)
        description = _first(meta, "descriptionByte") or _first(meta, "description") or ""
        conditions = html_to_text(_first(meta, "topicConditions") or "")
        moments = sorted(m for m in (parse_moment(d) for d in meta.get("deadlineDate", [])) if m)
        deadline = self._next_deadline(moments)
        if kind == CASCADE_TYPE:
            source_item_id = re.sub(r"[a-z]{2}$", "", result.get("reference", "")) or identifier
            title = _first(meta, "callTitle") or result.get("summary") or identifier
            acronym = _first(meta, "projectAcronym")
            programme = f"{acronym} ({programme})" if acronym and programme else (acronym or programme)
        else:
            source_item_id = identifier
            title = _first(meta, "title") or result.get("summary") or identifier
        status = _first(meta, "status")
        amount = _max_contribution(meta, identifier) if kind in TOPIC_TYPES else None
        url = re.sub(r"\.json$", "", result.get("url") or meta.get("url", [""])[0])
        item = self.make_item(
            url=url, title=title.strip(), text=html_to_text(description) or (result.get("summary") or ""),
            source_item_id=source_item_id, programme=programme,
            published=_brussels_date(_first(meta, "startDate")),
            opening_date=_brussels_date(_first(meta, "startDate")),
            **_deadline_fields(deadline),
            amount_max=amount,
            currency="EUR" if amount else None,
            is_call=True, kind="cascade_funding" if kind == CASCADE_TYPE else "call_for_proposals",
            source_status=STATUS_CODES.get(status or "", status),
            links=html_links(description, url),
            extra={"type": kind, "identifier": identifier, "call_identifier": _first(meta, "callIdentifier"),
                   "deadlines": [iso_utc(m) for m in moments], "deadline_model": _first(meta, "deadlineModel"),
                   "budget_total": _first(meta, "budget")},
        )
        if not self.ukraine_eligible(prefix, f"{conditions}\n{html_to_text(description)}"):
            item.state = "filtered"
        return item

    def _next_deadline(self, moments: list):
        """The first cut-off still ahead of the as-of date; the last one if all passed."""
        if not moments:
            return None
        as_of = self.as_of().isoformat()
        upcoming = [m for m in moments if _deadline_fields(m)["deadline"] >= as_of]
        return upcoming[0] if upcoming else moments[-1]
