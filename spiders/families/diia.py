"""API adapter ``diia``: the Diia.Business finance programmes API.

``GET https://api.business.diia.gov.ua/api/front/finance?take=N&skip=M``
answers ``{count, data: [service, ...]}``; each service has ``id``, ``slug``,
``title``, ``description``, ``companyName``, ``externalLink`` and
``serviceAttributes`` -- name/value pairs (``grantAmount``, ``currency``,
``finalProgramTerm``, ``Область``, ``assistanceType``). The API states the
amount, currency, term and oblast as data, so they become item fields.

Registry settings: ``page_size`` (take, default 50), ``max_pages``,
``page_url`` (the public page of a programme, ``{slug}`` filled in) and
``rolling_terms`` (wording of a term that means "no deadline").
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

import scrapy

from grantdigest.extract.dates import find_dates
from grantdigest.vocab import REGIONS
from spiders.families.api import ApiSourceSpider
from spiders.families.base import html_to_text

ALL_UKRAINE = re.compile(r"вся україна|усі області|всі області|all of ukraine", re.I)


def attributes(service: dict) -> dict[str, tuple[str, str]]:
    """name -> (readable Ukrainian label, value) of a service's attributes."""
    out = {}
    for attr in service.get("serviceAttributes") or []:
        meta = (attr.get("categoryAttribute") or {}).get("attribute") or {}
        name = meta.get("name")
        if not name:
            continue
        labels = {t.get("locale"): t.get("title") for t in meta.get("translations") or []}
        out[name] = (labels.get("ua") or name, str(attr.get("value") or "").strip())
    return out


def regions_named(text: str) -> list[str]:
    """ISO codes of the oblasts a value names ("Львівська", "Вся Україна")."""
    if ALL_UKRAINE.search(text):
        return ["UA"]
    found = []
    for code, (name_uk, _) in REGIONS.items():
        stem = name_uk.split()[0][:-2] if code not in ("UA", "UA-30", "UA-40", "UA-43") else None
        if stem and stem.lower() in text.lower():
            found.append(code)
    return found


def amount_value(text: str) -> float | None:
    """The largest number in an amount field ("До 250 000" -> 250000)."""
    numbers = [float(n.replace(" ", "").replace("\u00a0", "").replace(",", "."))
               for n in re.findall(r"\d[\d \u00a0]*(?:[.,]\d+)?", text)]
    return max(numbers) if numbers else None


class DiiaApiSpider(ApiSourceSpider):
    SETTINGS = {
        **ApiSourceSpider.SETTINGS,
        "page_size": "скільки програм за запит (take)", "max_pages": "скільки запитів робити",
        "page_url": "публічна сторінка програми, з {slug}",
        "rolling_terms": "слова строку, що означають «без кінцевої дати»",
    }
    REQUIRED_SETTINGS = ("adapter", "page_url")

    @classmethod
    def check(cls, source):
        problems = super().check(source)
        if "{slug}" not in str(source.settings.get("page_url", "{slug}")):
            problems.append("page_url має містити {slug}")
        return problems

    def page_request(self, skip: int) -> scrapy.Request:
        take = int(self.conf.get("page_size", 50))
        url = f"{self.source.start_urls[0]}?{urlencode({'take': take, 'skip': skip})}"
        return scrapy.Request(url, callback=self.parse, cb_kwargs={"skip": skip},
                              headers={"Accept": "application/json"})

    async def start(self):
        yield self.page_request(0)

    def parse(self, response: scrapy.http.Response, skip: int = 0):
        try:
            data = json.loads(response.text)
        except ValueError:
            self.problem(f"{response.url}: відповідь Дія.Бізнес не є JSON")
            return
        services = data.get("data") if isinstance(data, dict) else None
        if not isinstance(services, list):
            self.problem(f"{response.url}: у відповіді немає списку 'data' (змінилося API?)")
            return
        for service in services:
            item = self.service_item(service)
            if item is not None and (out := self.emit(item)) is not None:
                yield out
        take = int(self.conf.get("page_size", 50))
        count = int(data.get("count") or 0)
        if services and skip + take < count and (skip // take) + 1 < int(self.conf.get("max_pages", 5)):
            yield self.page_request(skip + take)

    def service_item(self, service: dict):
        title = (service.get("title") or "").strip()
        slug = service.get("slug")
        if not title or not slug:
            return None
        attrs = attributes(service)
        lines = [html_to_text(service.get("description") or "")]
        lines += [f"{label}: {value}" for label, value in attrs.values() if value]
        fields: dict = {}
        amount = amount_value(attrs.get("grantAmount", ("", ""))[1])
        if amount:
            fields.update(amount_max=amount, currency=attrs.get("currency", ("", ""))[1] or None)
        term = attrs.get("finalProgramTerm", ("", ""))[1]
        found = [d.resolve(None) for d in find_dates(term)] if term else []
        if found and found[-1]:
            fields["deadline"] = found[-1].isoformat()
        elif term and any(w.lower() in term.lower() for w in self.conf.get("rolling_terms", [])):
            fields["deadline"] = "rolling"
        regions = regions_named(attrs.get("Область", ("", ""))[1])
        link = service.get("externalLink")
        return self.make_item(
            url=self.conf["page_url"].format(slug=slug), title=title, text="\n".join(l for l in lines if l),
            source_item_id=str(service.get("id") or slug), programme=service.get("companyName") or None,
            regions=regions, links=[link] if link else [], **fields,
            extra={"status_id": service.get("statusId"), "external_link": link,
                   "attributes": {k: v for k, (_, v) in attrs.items()}},
        )
