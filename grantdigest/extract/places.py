"""Place-name data: how each oblast (ISO 3166-2:UA) is written, and the Ukrainian
areas of the cross-border programmes.

Per oblast:
- ``adj``: adjective stems (uk, ru, pl, en transliterated) as in "Полтавська
  область", "Полтавської ОДА", "Полтавской области", "obwód połtawski",
  "Poltavska oblast"; they only count in feminine/plural forms (an oblast, or a
  city council) — "Полтавський" usually names a university or a raion;
- ``region``: names of the region itself ("Полтавщина", "Poltava oblast" is built
  from ``en``), in any case form;
- ``en``: English (and Latin-script) names, which count as the oblast when
  "oblast/region/province" follows (or in a list that ends with it);
- ``city``: the oblast centre, a weaker sign used only when nothing else names a place.
"""

from __future__ import annotations

OBLASTS: dict[str, dict[str, list[str]]] = {
    "UA-05": {"adj": ["вінницьк", "винницк", "winnick", "vinnytsk", "vinnytska", "vinnitsk"],
              "region": ["вінниччин", "винничин", "винничч"],
              "en": ["vinnytsia", "vinnytsya", "vinnitsa", "vinnytsa", "winnica", "winnicki"],
              "city": ["Вінниц", "Винниц", "Vinnytsia", "Vinnitsa"]},
    "UA-07": {"adj": ["волинськ", "волынск", "wołyńsk", "wołyński", "volynsk", "volynska"],
              "region": ["волин(?:ь|і|ню)\\b", "волын(?:ь|и|ью)\\b", "wołyń", "wołyniu", "volhynia"],
              "en": ["volyn", "volhynia", "wołyń"],
              "city": ["Луцьк", "Луцк", "Lutsk", "Łuck"]},
    "UA-09": {"adj": ["луганськ", "луганск", "ługańsk", "luhansk", "luhanska", "luganska"],
              "region": ["луганщин", "луганщ", "луганщин"],
              "en": ["luhansk", "lugansk", "ługańsk"],
              "city": []},
    "UA-12": {"adj": ["дніпропетровськ", "днепропетровск", "dniepropietrowsk", "dnipropetrovsk", "dnipropetrovska",
                      "дніпровськ\\w* област", "днепровск\\w* област"],
              "region": ["дніпропетровщин", "днепропетровщин", "дніпровщин", "днепровщин", "січеслав"],
              "en": ["dnipropetrovsk", "dnipropetrovs'k", "dniepropietrowsk", "dnipro"],
              "city": ["Дніпр", "Днепр", "Dnipro", "Дніпровськ\\w* міськ", "Кривий Ріг", "Кривого Рогу", "Кривом Розі",
                       "Кривой Рог", "Kryvyi Rih", "Кам'янськ", "Каменск", "Кам'янського", "Каменского"]},
    "UA-14": {"adj": ["донецьк", "донецк", "doniecki", "donieck", "donetsk", "donetska", "donetskа"],
              "region": ["донеччин", "донетчин"],
              "en": ["donetsk", "donieck"],
              "city": ["Краматорськ", "Краматорск", "Kramatorsk", "Слов'янськ", "Славянск", "Sloviansk", "Маріупол",
                       "Мариупол", "Mariupol"]},
    "UA-18": {"adj": ["житомирськ", "житомирск", "żytomiersk", "zhytomyrsk", "zhytomyrska", "zhitomirsk"],
              "region": ["житомирщин", "житомирщ"],
              "en": ["zhytomyr", "zhitomir", "żytomierz"],
              "city": ["Житомир", "Zhytomyr"]},
    "UA-21": {"adj": ["закарпатськ", "закарпатск", "zakarpack", "zakarpatsk", "zakarpatska", "transcarpathian"],
              "region": ["закарпатт", "закарпать", "закарпаття", "zakarpacie", "zakarpaciu", "transcarpathia"],
              "en": ["zakarpattia", "zakarpattya", "zakarpatia", "zakarpattja", "transcarpathia", "transcarpathian",
                     "zakarpatska", "zakarpacie"],
              "city": ["Ужгород", "Uzhhorod", "Uzhgorod", "Мукачев", "Mukachevo"]},
    "UA-23": {"adj": ["запорізьк", "запорожск", "zaporosk", "zaporoż", "zaporizk", "zaporizka", "zaporizhzhia"],
              "region": ["запоріжж", "запорожь", "запорожье"],
              "en": ["zaporizhzhia", "zaporizhia", "zaporizhzhya", "zaporozhye", "zaporozhie", "zaporizhya", "zaporoże"],
              "city": ["Zaporizhzhia"]},
    "UA-26": {"adj": ["івано-франківськ", "ивано-франковск", "iwanofrankiwsk", "iwano-frankiwsk", "ivano-frankivsk",
                      "ivano-frankivska", "івано-франківськ"],
              "region": ["прикарпатт", "прикарпать", "івано-франківщин", "ивано-франковщин", "франківщин", "prykarpattia"],
              "en": ["ivano-frankivsk", "ivano frankivsk", "iwano-frankiwsk", "ivano-frankovsk"],
              "city": []},
    "UA-30": {"adj": ["київськ\\w* міськ", "киевск\\w* городск", "kyiv city", "city of kyiv"],
              "region": ["кмда", "місто київ", "міста києва", "місті києві", "м\\. київ", "м\\. києва", "м\\. києві",
                         "город киев", "г\\. киев", "kyiv city", "city of kyiv", "kiev city", "miasto kijów"],
              "en": [],
              "city": []},
    "UA-32": {"adj": ["київськ", "киевск", "kijowsk", "kyivsk", "kyivska", "kievsk"],
              "region": ["київщин", "киевщин", "kyivshchyna"],
              "en": ["kyiv", "kiev", "kijów", "kijowski"],
              "city": []},
    "UA-35": {"adj": ["кіровоградськ", "кировоградск", "kirowohradzk", "kirovohradsk", "kirovohradska", "kirovogradsk",
                      "кропивницьк\\w* міськ"],
              "region": ["кіровоградщин", "кировоградщин"],
              "en": ["kirovohrad", "kirovograd", "kirowohrad", "kropyvnytskyi"],
              "city": ["Кропивницьк", "Кропивницк", "Kropyvnytskyi", "Гайворон", "Haivoron"]},
    "UA-40": {"adj": ["севастопольськ\\w* міськ"],
              "region": ["севастопол", "sewastopol", "sevastopol"],
              "en": [],
              "city": []},
    "UA-43": {"adj": ["кримськ\\w* (?:автономн|республік)", "автономн\\w* республік\\w* крим", "автономн\\w* республик\\w* крым"],
              "region": ["ар крим", "арк\\b", "автономна республіка крим", "крим(?:у|ом|і)?\\b", "крым(?:а|у|ом|е)?\\b",
                         "crimea\\w*", "krym\\w*", "autonomous republic of crimea"],
              "en": [],
              "city": []},
    "UA-46": {"adj": ["львівськ", "львовск", "lwowsk", "lvivsk", "lvivska", "lvovsk"],
              "region": ["львівщин", "львовщин", "lvivshchyna"],
              "en": ["lviv", "lvov", "lwów", "lwow"],
              "city": ["Львів", "Львов", "Lviv", "Lwów", "Lwow"]},
    "UA-48": {"adj": ["миколаївськ", "николаевск", "mikołajowsk", "mykolaivsk", "mykolaivska", "nikolaevsk", "mykolayivsk"],
              "region": ["миколаївщин", "николаевщин"],
              "en": ["mykolaiv", "mykolayiv", "mykolaiiv", "nikolaev", "nikolayev", "mikołajów"],
              "city": ["Миколаїв", "Миколаєв", "Николаев", "Mykolaiv"]},
    "UA-51": {"adj": ["одеськ", "одесск", "odesk", "odeski", "odesk", "odeska", "odessk"],
              "region": ["одещин", "одесщин", "одесчин"],
              "en": ["odesa", "odessa", "odeska"],
              "city": ["Одес", "Odesa", "Odessa", "Ізмаїл", "Измаил", "Izmail"]},
    "UA-53": {"adj": ["полтавськ", "полтавск", "połtawsk", "poltavsk", "poltavska"],
              "region": ["полтавщин", "полтавщ"],
              "en": ["poltava", "połtawa"],
              "city": ["Полтав", "Кременчу", "Kremenchuk"]},
    "UA-56": {"adj": ["рівненськ", "ровенск", "rówieńsk", "równieńsk", "rivnensk", "rivnenska", "rivnesk"],
              "region": ["рівненщин", "ровенщин", "rivnenshchyna"],
              "en": ["rivne", "rovno", "równe"],
              "city": ["Рівному", "Рівного", "Rivne"]},
    "UA-59": {"adj": ["сумськ", "сумск", "sumsk", "sumska"],
              "region": ["сумщин", "сумщ"],
              "en": ["sumy", "sumska"],
              "city": ["Сумах", "Сумам", "Шостк", "Konotop", "Конотоп"]},
    "UA-61": {"adj": ["тернопільськ", "тернопольск", "tarnopolsk", "ternopilsk", "ternopilska"],
              "region": ["тернопільщин", "тернопольщин"],
              "en": ["ternopil", "ternopol", "tarnopol"],
              "city": ["Тернопол", "Тернопіл", "Ternopil"]},
    "UA-63": {"adj": ["харківськ", "харьковск", "charkowsk", "kharkivsk", "kharkivska", "kharkovsk"],
              "region": ["харківщин", "харьковщин", "kharkivshchyna"],
              "en": ["kharkiv", "kharkov", "charków"],
              "city": ["Харків", "Харков", "Харьков", "Kharkiv", "Charków"]},
    "UA-65": {"adj": ["херсонськ", "херсонск", "chersońsk", "khersonsk", "khersonska"],
              "region": ["херсонщин"],
              "en": ["kherson", "chersoń"],
              "city": ["Херсон", "Kherson"]},
    "UA-68": {"adj": ["хмельницьк", "хмельницк", "chmielnick", "khmelnytsk", "khmelnytska", "khmelnitsk"],
              "region": ["хмельниччин", "хмельнитчин"],
              "en": ["khmelnytskyi", "khmelnytskyy", "khmelnytsky", "khmelnitsky", "khmelnitskiy", "chmielnicki"],
              "city": ["Кам'янець-Поділ", "Каменец-Подол", "Kamianets-Podilskyi"]},
    "UA-71": {"adj": ["черкаськ", "черкасск", "czerkask", "cherkask", "cherkaska", "cherkassk"],
              "region": ["черкащин", "черкасщин", "черкащ"],
              "en": ["cherkasy", "cherkassy", "czerkasy"],
              "city": ["Черкас", "Cherkasy", "Умань", "Умані", "Uman"]},
    "UA-74": {"adj": ["чернівецьк", "черновицк", "czerniowieck", "chernivetsk", "chernivetska", "chernovitsk"],
              "region": ["буковин", "чернівеччин", "bukovyna", "bukovina", "bukowin"],
              "en": ["chernivtsi", "chernovtsy", "czerniowce", "bukovina", "bukovyna"],
              "city": ["Чернівц", "Черновц", "Chernivtsi"]},
    "UA-77": {"adj": ["чернігівськ", "черниговск", "czernihowsk", "chernihivsk", "chernihivska", "chernigovsk"],
              "region": ["чернігівщин", "черниговщин"],
              "en": ["chernihiv", "chernigov", "czernihów"],
              "city": ["Чернігів", "Чернігов", "Чернигов", "Chernihiv", "Ніжин", "Нежин", "Nizhyn"]},
}

# Names that stand for more than one oblast.
SEVERAL: list[tuple[str, list[str]]] = [
    (r"донбас\w*|donbas\w*", ["UA-14", "UA-09"]),
]

# The Ukrainian area of each cross-border / transnational programme (data, not rules).
# Sources: the programmes' own documents (programme area), as summarised by the
# managing authorities and national contact points.
PL_UA = ["UA-07", "UA-46", "UA-21", "UA-56", "UA-61", "UA-26"]
HU_SK_RO_UA = ["UA-21", "UA-26", "UA-74"]
RO_UA = ["UA-74", "UA-21", "UA-26", "UA-51"]
BLACK_SEA = ["UA-51", "UA-48", "UA-65", "UA-23", "UA-14"]
DANUBE = ["UA-74", "UA-26", "UA-21", "UA-51"]
RO_UA_MD_2007 = ["UA-51", "UA-74", "UA-26", "UA-05", "UA-68", "UA-61"]

# (pattern naming the programme, its Ukrainian oblasts). The first pattern found in the
# text decides; names are matched in uk, ru, pl and en, with or without "Interreg NEXT".
PROGRAMMES: list[tuple[str, list[str]]] = [
    (r"(?:польщ\w*|польш\w*|polsk\w*|poland)\s*[-–—/ ]\s*(?:білорус\w*|беларус\w*|białoru\w*|belarus)\s*[-–—/ ]\s*"
     r"(?:україн\w*|украин\w*|ukrain\w*)|\bpbu\b|\bpl-?by-?ua\b", PL_UA),
    (r"(?:польщ\w*|польш\w*|polsk\w*|poland)\s*[-–—/ ]\s*(?:україн\w*|украин\w*|ukrain\w*)"
     r"|(?:україн\w*|украин\w*|ukrain\w*)\s*[-–—/ ]\s*(?:польщ\w*|польш\w*|polsk\w*|poland)|pl-ua\b|\bplua\b", PL_UA),
    (r"(?:угорщин\w*|венгри\w*|węgr\w*|hungary)\s*[-–—/ ]\s*(?:словаччин\w*|словаки\w*|słowacj\w*|slovakia)\s*[-–—/ ]\s*"
     r"(?:румуні\w*|румыни\w*|rumuni\w*|romania)\s*[-–—/ ]\s*(?:україн\w*|украин\w*|ukrain\w*)|huskroua|hu-sk-ro-ua",
     HU_SK_RO_UA),
    (r"(?:угорщин\w*|венгри\w*|węgr\w*|hungary)\s*[-–—/ ]\s*(?:словаччин\w*|словаки\w*|słowacj\w*|slovakia)\s*[-–—/ ]\s*"
     r"(?:україн\w*|украин\w*|ukrain\w*)", HU_SK_RO_UA),
    (r"(?:румуні\w*|румыни\w*|rumuni\w*|romania)\s*[-–—/ ]\s*(?:україн\w*|украин\w*|ukrain\w*)\s*[-–—/ ]\s*"
     r"(?:молдов\w*|mołdaw\w*|moldova)", RO_UA_MD_2007),
    (r"(?:румуні\w*|румыни\w*|rumuni\w*|romania)\s*[-–—/ ]\s*(?:україн\w*|украин\w*|ukrain\w*)"
     r"|(?:україн\w*|украин\w*|ukrain\w*)\s*[-–—/ ]\s*(?:румуні\w*|румыни\w*|rumuni\w*|romania)|ro-ua\b|roua\b", RO_UA),
    (r"black sea basin|чорноморськ\w* басейн\w*|черноморск\w* бассейн\w*|basen\w* morza czarnego|\bbsb\b"
     r"|(?:interreg|eni|enpi|cbc)\W+(?:next\W+)?(?:black sea|чорне море|черное море)", BLACK_SEA),
    (r"(?:interreg\s*)?(?:danube (?:region|transnational) programme|danube region programme|дунайськ\w* (?:транснаціональн\w* )?"
     r"програм\w*|програм\w* [«\"„]?дунай|interreg (?:vi-b )?danube|dunaj\w* program)", DANUBE),
]

# A cross-border call that names no programme but pairs Ukraine with its neighbours.
CROSS_BORDER = (r"cross-?border|транскордон\w*|трансгранич\w*|transgraniczn\w*|interreg|small projects? fund|фонд\w* малих проєкт\w*"
                r"|fundusz\w* małych projektów|euroregion\w*|єврорегіон\w*|еврорегион\w*|прикордон\w*|pograniczu")
NEIGHBOURS: list[tuple[str, list[str]]] = [
    (r"poland|polish|polsk\w*|польщ\w*|польськ\w*|польш\w*|польск\w*", PL_UA),
    (r"romania\w*|румуні\w*|румунськ\w*|румыни\w*|rumuni\w*", RO_UA),
    (r"hungar\w*|slovak\w*|угорщин\w*|словаччин\w*|венгри\w*|словаки\w*|węgr\w*|słowac\w*", HU_SK_RO_UA),
]
