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

``CITIES`` (below) is the gazetteer of cities and towns → oblast, and ``PROGRAMMES`` the
Ukrainian areas of the cross-border programmes.
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
    (r"black sea basin|чорноморськ\w* басейн\w*|черноморск\w* бассейн\w*|басейн\w* чорного моря|бассейн\w* черного моря"
     r"|basen\w* morza czarnego|\bbsb\b|black sea next|next black sea"
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

# Cities and towns → their oblast (data): every oblast centre and the former cities of oblast significance, plus
# a few other towns that calls name, in uk / ru / en (and pl where Polish texts use them), in every case form.
# Each entry is a case-sensitive regular expression (place names are capitalised). An entry starting with "?"
# is a name that is also a common word, a first name or a surname ("Суми" are sums, "Лозова" a vine): it counts
# only inside a list of places. Adjectives of a city ("Бучанська міська рада", "Криворізька громада") name the
# same oblast, so they are listed too. Kyiv is the city of Kyiv (UA-30).
CITIES: dict[str, list[str]] = {
    "UA-05": [r"Вінниц\w*", r"Винниц\w*", r"Vinnyts\w*", r"Vinnits\w*", r"Winnic\w*", r"Жмерин\w*", r"Zhmeryn\w*",
              r"Козятин\w*", r"Казатин\w*", r"Koziatyn", r"Ладижин\w*", r"Ладыжин\w*", r"Ladyzhyn",
              r"Могилів-Подільськ\w*", r"Могилев-Подольск\w*", r"Mohyliv-Podilskyi", r"Хмільник\w*", r"Khmilnyk",
              r"Гайсин\w*", r"Haisyn", r"Тульчин\w*", r"Tulchyn"],
    "UA-07": [r"Луцьк\w*", r"Луцк\w*", r"Lutsk", r"Łuck\w*", r"Ковел\w*", r"Kovel", r"Kowel\w*", r"Нововолинськ\w*",
              r"Нововолынск\w*", r"Novovolynsk", r"Володимир-Волинськ\w*", r"Владимир-Волынск\w*", r"Volodymyr-Volynskyi"],
    "UA-09": [r"Сєвєродонецьк\w*", r"Северодонецк\w*", r"Sievierodonetsk", r"Severodonetsk", r"Лисичанськ\w*", r"Лисичанск\w*",
              r"Lysychansk", r"Рубіжн\w*", r"Рубежн\w*", r"Rubizhne", r"Алчевськ\w*", r"Алчевск\w*", r"Alchevsk",
              r"Старобільськ\w*", r"Старобельск\w*", r"Starobilsk", r"Кремінн\w*", r"Kreminna", r"Сватів\w*", r"Сватов\w*",
              r"Svatove"],
    "UA-12": [r"Дніпр(?:о|а|і|ом|у)\b", r"Днепр(?:а|е|у|ом)?\b", r"Dnipro\b", r"Dnipro's", r"Dniepr\w*", r"Кривий Ріг", r"Кривого Рогу",
              r"Кривому Розі", r"Кривим Рогом", r"Кривой Рог", r"Кривого Рога", r"Кривом Роге", r"Kryvyi Rih", r"Kryvyi Rih's",
              r"Krivoy Rog", r"Криворізьк\w*", r"Криворожск\w*", r"Кам'янськ\w*", r"Каменск(?:ое|ого|ом|ому)\b", r"Kamianske",
              r"Kamyanske", r"Нікопол\w*", r"Никопол\w*", r"Nikopol", r"Павлоград\w*", r"Pavlohrad", r"Pavlograd",
              r"Новомосковськ\w*", r"Новомосковск\w*", r"Novomoskovsk", r"Марганц\w*", r"Марганець", r"Marhanets",
              r"Жовті Води", r"Жовтих Вод\w*", r"Жовтим Водам", r"Желтые Воды", r"Желтых Вод\w*", r"Жёлтые Воды",
              r"Zhovti Vody", r"Тернівк\w*", r"Терновк\w*", r"Ternivka", r"Синельников\w*", r"Synelnykove",
              r"Вільногірськ\w*", r"Вольногорск\w*", r"Vilnohirsk"],
    "UA-14": [r"Маріупол\w*", r"Мариупол\w*", r"Mariupol\w*", r"Краматорськ\w*", r"Краматорск\w*", r"Kramatorsk",
              r"Слов'янськ\w*", r"Славянск\w*", r"Sloviansk", r"Slavyansk", r"Бахмут\w*", r"Bakhmut", r"Покровськ\w*",
              r"Покровск\w*", r"Pokrovsk", r"Костянтинівк\w*", r"Константиновк\w*", r"Kostiantynivka", r"Дружківк\w*",
              r"Дружковк\w*", r"Druzhkivka", r"Мирноград\w*", r"Myrnohrad", r"Торецьк\w*", r"Торецк\w*", r"Toretsk",
              r"Добропіл\w*", r"Доброполь\w*", r"Dobropillia", r"Селидов\w*", r"Selydove", r"Авдіївк\w*", r"Авдеевк\w*",
              r"Avdiivka", r"Горлівк\w*", r"Горловк\w*", r"Horlivka", r"Макіївк\w*", r"Макеевк\w*", r"Makiivka",
              r"Єнакієв\w*", r"Енакиев\w*", r"Вугледар\w*", r"Угледар\w*", r"Vuhledar", r"Волновах\w*", r"Volnovakha"],
    "UA-18": [r"Житомир(?:а|і|у|ом)?\b", r"Zhytomyr\b", r"Żytomierz\w*", r"Бердичів\w*", r"Бердичев\w*", r"Berdychiv", r"Коростен\w*",
              r"Korosten", r"Звягел\w*", r"Звягельськ\w*", r"Zviahel", r"Новоград-Волинськ\w*", r"Новоград-Волынск\w*",
              r"Novohrad-Volynskyi"],
    "UA-21": [r"Ужгород\w*", r"Uzhhorod", r"Uzhgorod", r"Użhorod\w*", r"Мукачев\w*", r"Мукачів\w*", r"Mukachevo", r"Mukaczew\w*", r"Хуст\w*", r"Khust",
              r"Берегов\w*", r"Берегів\w*", r"Berehove", r"Чоп(?:і|а|ом)?\b", r"Chop\b", r"Виноградів\w*", r"Vynohradiv",
              r"Рахів\w*", r"Рахов\w*", r"Rakhiv"],
    "UA-23": [r"Мелітопол\w*", r"Мелитопол\w*", r"Melitopol", r"Бердянськ\w*", r"Бердянск\w*", r"Berdiansk", r"Berdyansk",
              r"Енергодар\w*", r"Энергодар\w*", r"Enerhodar", r"Токмак\w*", r"Tokmak"],
    "UA-26": [r"Калуш\w*", r"Калуськ\w*", r"Kalush", r"Коломи[яїюєйі]\w*", r"Коломыя\w*", r"Kolomyia", r"Болехів\w*",
              r"Bolekhiv", r"Бурштин\w*", r"Burshtyn", r"Яремч\w*", r"Yaremche"],
    "UA-30": [r"Київ\b", r"Києв(?:а|і|у|ом)\b", r"Киев(?:а|е|у|ом)?\b", r"Kyiv\b", r"Kyiv's", r"Kiev\b", r"Kijów", r"Kijowie",
              r"Kijowa"],
    "UA-32": [r"Біл(?:а|ої|ій|у|ою) Церкв\w*", r"Бел(?:ая|ой|ую|ою) Церкв\w*", r"Bila Tserkva", r"Білоцерківськ\w*",
              r"Бровар\w*", r"Brovary", r"Борисп(?:іль|оля|олі|олем)\b", r"Бориспільськ\w*", r"Борисполь\w*", r"Boryspil",
              r"Ірпін\w*", r"Ірпен\w*", r"Ирпен\w*", r"Ирпин\w*", r"Irpin", r"Буч(?:а|і|у|ею|е)\b", r"Бучанськ\w*",
              r"Бучанск\w*", r"Bucha", r"Фастів\w*", r"Фастов\w*", r"Fastiv", r"Васильків\w*", r"Vasylkiv", r"Обухів\w*",
              r"Obukhiv", r"Славутич\w*", r"Slavutych", r"Переяслав\w*", r"Pereiaslav", r"Вишгород\w*", r"Вышгород\w*",
              r"Vyshhorod", r"Боярк\w*", r"Boiarka"],
    "UA-35": [r"Кропивницьк\w*", r"Кропивницк\w*", r"Kropyvnytskyi", r"Олександрі[яїю]\b", r"Олександрійськ\w*",
              r"Александри[яию]\b", r"Oleksandriia", r"Світловодськ\w*", r"Светловодск\w*", r"Svitlovodsk",
              r"Знам'ян\w*", r"Знаменк\w*", r"Znamianka", r"Гайворон\w*", r"Haivoron"],
    "UA-46": [r"Львів\w*", r"Львов\w*", r"Lviv\b", r"Lviv's", r"Lw[oó]w\w*", r"Дрогобич\w*", r"Drohobych", r"Drohobycz\w*",
              r"Стри(?:й|ю|ї|єм)\b", r"Стрийськ\w*", r"Стрый\b", r"Stryi", r"Stryj\w*", r"Червоноград\w*", r"Chervonohrad",
              r"Самбор\w*", r"Самбір\w*", r"Sambir", r"Трускав\w*", r"Truskavets", r"Моршин\w*", r"Morshyn",
              r"Нов(?:ий|ого|ому) Розд(?:іл|олу|олі)", r"Нов(?:ый|ого|ом) Раздол\w*", r"Novyi Rozdil", r"Жовкв\w*", r"Zhovkva"],
    "UA-48": [r"Миколаїв\w*", r"Миколаєв\w*", r"Николаев(?:а|е|у|ом)?\b", r"Mykolaiv", r"Mikołaj[oó]w(?:ie|a)?\b", r"Вознесенськ\w*", r"Вознесенск\w*",
              r"Voznesensk", r"Южноукраїнськ\w*", r"Южноукраинск\w*", r"Yuzhnoukrainsk", r"Очаків\w*", r"Очаков\w*", r"Ochakiv"],
    "UA-51": [r"Одес[аіуиы]\b", r"Одесою", r"Одессой", r"Odesa\b", r"Odessa\b", r"Odessie\b", r"Odessy\b", r"Odesa's", r"Odessa's", r"Ізмаїл\w*",
              r"Измаил\w*", r"Izmail", r"Білгород-Дністровськ\w*", r"Белгород-Днестровск\w*", r"Bilhorod-Dnistrovskyi",
              r"Чорноморськ(?:у|ом)?\b", r"Chornomorsk", r"Балт(?:а|і|у|ою)\b", r"Balta\b", r"Теплодар\w*", r"Teplodar",
              r"Кілі[яїю]\b", r"Килия\b", r"Kiliia"],
    "UA-53": [r"Полтав(?:а|і|у|ою|е|ой)\b", r"Poltava\b", r"Połtaw\w*", r"Кременчу\w*", r"Kremenchuk", r"Лубн(?:и|ах|ам|ами)\b", r"Лубен\b",
              r"Лубенськ\w*", r"Lubny", r"Миргород\w*", r"Myrhorod", r"Горішн\w* Плавн\w*", r"Горишн\w* Плавн\w*",
              r"Horishni Plavni", r"Гадяч\w*", r"Hadiach", r"Пирятин\w*", r"Pyriatyn", r"Лохвиц\w*", r"Lokhvytsia",
              r"Карлівк\w*", r"Karlivka"],
    "UA-56": [r"Рівн(?:е|ого|ому|ім)\b", r"Ровно\b", r"Rivne\b", r"Równ(?:e|em|ego)\b", r"Вараш\w*", r"Varash", r"Дубн(?:о|а|і|ом)\b", r"Дубенськ\w*",
              r"Dubno", r"Остро(?:г|га|зі|гу)\b", r"Острозьк\w*", r"Ostroh", r"Сарн(?:и|ах|ам)\b", r"Sarny", r"Здолбун\w*",
              r"Zdolbuniv"],
    "UA-59": [r"?Суми\b", r"Сумах\b", r"Сумам\b", r"Сумы\b", r"?Сум\b", r"Sumy\b", r"Конотоп\w*", r"Konotop", r"Шостк\w*",
              r"Shostka", r"Охтирк\w*", r"Охтирськ\w*", r"Ахтырк\w*", r"Okhtyrka", r"Ромн(?:и|ах|ам|ами)\b", r"Ромен\b",
              r"Роменськ\w*", r"Romny", r"Глух(?:ів|ові|ова|овом)\b", r"Глухов\w*", r"Hlukhiv", r"Лебедин\w*", r"Lebedyn",
              r"Тростян\w*", r"Trostianets"],
    "UA-61": [r"Тернопол\w*", r"Тернопіл\w*", r"Ternopil", r"Tarnopol\w*", r"Чортків\w*", r"Чортков\w*", r"Chortkiv",
              r"Кременец\w*", r"Кременц\w*", r"Kremenets", r"Бережан\w*", r"Berezhany"],
    "UA-63": [r"Харків\w*", r"Харков\w*", r"Харьков\w*", r"Kharkiv", r"Charków", r"Charkowie", r"Charkowa", r"Ізюм\w*", r"Изюм\w*",
              r"Izium", r"Куп'янськ\w*", r"Купянск\w*", r"Kupiansk", r"?Лозов(?:а|ій|у|ої|ая|ой)\b", r"Lozova",
              r"Чугуїв\w*", r"Чугуев\w*", r"Chuhuiv", r"Балакл(?:ія|ії|ію|ея|еи|ею)\b", r"Balakliia", r"Люботин\w*",
              r"Liubotyn", r"Вовчанськ\w*", r"Волчанск\w*", r"Vovchansk", r"Красноград\w*", r"Krasnohrad", r"Богодухів\w*",
              r"Богодухов\w*", r"Bohodukhiv"],
    "UA-65": [r"Херсон(?:а|і|у|ом|е)?\b", r"Kherson\b", r"Kherson's", r"Chersoni\w*", r"Chersoń", r"Каховк\w*", r"Каховськ\w*", r"Kakhovka",
              r"Гол(?:а|ої|ій) Пристан\w*", r"Hola Prystan", r"Скадовськ\w*", r"Скадовск\w*", r"Skadovsk", r"Генічеськ\w*",
              r"Геническ\w*", r"Henichesk"],
    "UA-68": [r"?Хмельницьк(?:ий|ого|ому|им)\b", r"?Хмельницк(?:ий|ого|ом|ому)\b", r"Кам'янець-Поділ\w*", r"Каменец-Подол\w*",
              r"Kamianets-Podilskyi", r"Шепетівк\w*", r"Шепетовк\w*", r"Shepetivka", r"Нетішин\w*", r"Нетешин\w*", r"Netishyn",
              r"Славут(?:а|і|у|ою)\b", r"Slavuta", r"Старокостянтинів\w*", r"Староконстантинов\w*", r"Starokostiantyniv"],
    "UA-71": [r"Черкас(?:и|ах|ам|ами)\b", r"Черкасс(?:ы|ах|ам)\b", r"Черкас\b", r"Cherkasy\b", r"Czerkas\w*", r"Умань\w*", r"Умані\b", r"Uman\b",
              r"Сміл(?:а|і|у|ою)\b", r"Смела\b", r"Smila", r"Золотонош\w*", r"Zolotonosha", r"Канів\w*", r"Канев\w*", r"Kaniv",
              r"Звенигородк\w*", r"Zvenyhorodka"],
    "UA-74": [r"Чернівц\w*", r"Черновц\w*", r"Chernivtsi", r"Czerniowc\w*", r"Новодністровськ\w*", r"Новоднестровск\w*",
              r"Novodnistrovsk", r"Хотин\w*", r"Khotyn", r"Сторожинец\w*", r"Сторожинц\w*", r"Storozhynets"],
    "UA-77": [r"Чернігів\w*", r"Чернігов\w*", r"Чернигов(?:а|е|у|ом)?\b", r"Chernihiv\b", r"Czernihow\w*", r"Czernihów", r"Ніжин\w*", r"Нежин\w*", r"Nizhyn",
              r"Прилук\w*", r"Pryluky", r"Новгород-Сіверськ\w*", r"Новгород-Северск\w*", r"Novhorod-Siverskyi", r"Бахмач\w*",
              r"Bakhmach", r"Корюківк\w*", r"Koriukivka"],
}
