"""The fixed vocabularies: oblast codes, applicant classes, themes, statuses, with uk/en names."""

from __future__ import annotations

# ISO 3166-2:UA -> (Ukrainian, English)
REGIONS: dict[str, tuple[str, str]] = {
    "UA": ("вся Україна", "all of Ukraine"),
    "UA-05": ("Вінницька область", "Vinnytsia Oblast"),
    "UA-07": ("Волинська область", "Volyn Oblast"),
    "UA-09": ("Луганська область", "Luhansk Oblast"),
    "UA-12": ("Дніпропетровська область", "Dnipropetrovsk Oblast"),
    "UA-14": ("Донецька область", "Donetsk Oblast"),
    "UA-18": ("Житомирська область", "Zhytomyr Oblast"),
    "UA-21": ("Закарпатська область", "Zakarpattia Oblast"),
    "UA-23": ("Запорізька область", "Zaporizhzhia Oblast"),
    "UA-26": ("Івано-Франківська область", "Ivano-Frankivsk Oblast"),
    "UA-30": ("місто Київ", "Kyiv City"),
    "UA-32": ("Київська область", "Kyiv Oblast"),
    "UA-35": ("Кіровоградська область", "Kirovohrad Oblast"),
    "UA-40": ("місто Севастополь", "Sevastopol"),
    "UA-43": ("Автономна Республіка Крим", "Autonomous Republic of Crimea"),
    "UA-46": ("Львівська область", "Lviv Oblast"),
    "UA-48": ("Миколаївська область", "Mykolaiv Oblast"),
    "UA-51": ("Одеська область", "Odesa Oblast"),
    "UA-53": ("Полтавська область", "Poltava Oblast"),
    "UA-56": ("Рівненська область", "Rivne Oblast"),
    "UA-59": ("Сумська область", "Sumy Oblast"),
    "UA-61": ("Тернопільська область", "Ternopil Oblast"),
    "UA-63": ("Харківська область", "Kharkiv Oblast"),
    "UA-65": ("Херсонська область", "Kherson Oblast"),
    "UA-68": ("Хмельницька область", "Khmelnytskyi Oblast"),
    "UA-71": ("Черкаська область", "Cherkasy Oblast"),
    "UA-74": ("Чернівецька область", "Chernivtsi Oblast"),
    "UA-77": ("Чернігівська область", "Chernihiv Oblast"),
}

APPLICANTS: dict[str, tuple[str, str]] = {
    "local_authority": ("органи місцевого самоврядування, громади", "local authorities, hromadas"),
    "ngo": ("громадські організації, благодійні фонди", "NGOs and charities"),
    "business": ("бізнес, ФОП, МСП", "businesses, sole traders, SMEs"),
    "public_institution": ("комунальні та державні заклади", "public and municipal institutions"),
    "individual": ("фізичні особи", "individuals"),
}

THEMES: dict[str, tuple[str, str]] = {
    "energy": ("енергетика", "energy"),
    "environment": ("довкілля", "environment"),
    "health": ("охорона здоров'я", "health"),
    "education": ("освіта", "education"),
    "culture": ("культура", "culture"),
    "youth": ("молодь", "youth"),
    "veterans": ("ветерани", "veterans"),
    "social": ("соціальна сфера", "social"),
    "infrastructure": ("інфраструктура", "infrastructure"),
    "economy": ("економіка і бізнес", "economy and business"),
    "digital": ("цифровізація", "digital"),
    "tourism": ("туризм", "tourism"),
    "governance": ("врядування", "governance"),
    "cross_border": ("транскордонна співпраця", "cross-border cooperation"),
}

STATUSES: dict[str, tuple[str, str]] = {
    "forthcoming": ("незабаром відкриється", "forthcoming"),
    "open": ("відкритий", "open"),
    "closing_soon": ("закривається незабаром", "closing soon"),
    "closed": ("закритий", "closed"),
    "rolling": ("безстроковий", "rolling"),
    "unknown": ("строк не вказано", "no deadline stated"),
}


def label(table: dict[str, tuple[str, str]], code: str, lang: str = "uk") -> str:
    names = table.get(code)
    if names is None:
        return code
    return names[0] if lang == "uk" else names[1]
