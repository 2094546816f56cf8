"""Identity of calls through the real ingest path (extraction, SQLite): each
rule, the look-alikes that must stay apart, and folding calls together."""

import datetime as dt

from grantdigest.ingest import ingest

AS_OF = dt.date(2025, 7, 20)
DONOR_URL = "https://svitanok-fund.org/competitions/hromady-2025"
DONOR_TEXT = (
    "Благодійний фонд «Світанок» оголошує конкурс проєктів «Сильні громади – 2025» для громадських "
    "організацій та органів місцевого самоврядування Полтавської області. Метою конкурсу є підтримка "
    "місцевих ініціатив з відновлення громадських просторів, укриттів і бібліотек.\n\n"
    "Максимальна сума гранту становить 300 000 грн на один проєкт. Тривалість проєкту — до восьми місяців. "
    "Співфінансування з боку громади не є обов'язковим, але буде перевагою під час оцінювання.\n\n"
    "Заявки приймаються до 15 серпня 2025 року через онлайн-форму на сайті фонду. Онлайн-зустріч для "
    "заявників відбудеться 30 липня 2025 року о 15:00.\n\n"
    "Оцінювання проводить незалежна експертна рада. Результати буде оголошено у вересні 2025 року; "
    "переможці отримають також навчання з управління проєктами та супровід ментора.")


def item(source, url, title, text, **extra):
    return {"source_id": source, "url": url, "title": title, "text": text, **extra}


def donor():
    return item("fund-site", DONOR_URL, "Конкурс проєктів «Сильні громади – 2025»", DONOR_TEXT,
                published="2025-07-01")


def calls_of(store):
    return {r["id"]: r for r in store.calls(include_hidden=False)}


def test_repost_linking_to_the_donor_page_joins_its_call(store):
    original = ingest(store, donor(), AS_OF)
    repost = ingest(store, item("aggregator", "https://hromady.example.net/news/777",
                                "Полтавщина: гранти до 300 тисяч для громад",
                                "Фонд «Світанок» приймає заявки від громад області. Деталі за посиланням.",
                                links=[DONOR_URL + "?utm_source=hromady", "https://hromady.example.net/news/"]), AS_OF)
    assert repost.call_id == original.call_id and repost.rule == "repost"
    assert store.count("calls") == 1


def test_the_donor_page_seen_after_its_repost_joins_it(store):
    repost = ingest(store, item("aggregator", "https://hromady.example.net/news/777", "Гранти для громад",
                                "Подробиці на сайті фонду.", links=[DONOR_URL]), AS_OF)
    original = ingest(store, donor(), AS_OF)
    assert original.call_id == repost.call_id and original.rule == "reposted_by"


def test_two_reposts_linking_to_the_same_form_are_one_call(store):
    form = "https://docs.google.com/forms/d/e/1FAIpQLSf-hromady-2025/viewform"
    a = ingest(store, item("site-a", "https://site-a.example/p/1", "Конкурс «Сильні громади»",
                           "Заявки до 15 серпня 2025 року. Форма: " + form, links=[form]), AS_OF)
    b = ingest(store, item("site-b", "https://site-b.example/post/9", "Сильні громади – 2025: прийом заявок",
                           "Прийом заявок триває до 15.08.2025. Заповніть форму.", links=[form]), AS_OF)
    assert a.call_id == b.call_id and b.rule == "shared_link"


def test_a_shortened_retitled_copy_is_the_same_call(store):
    original = ingest(store, donor(), AS_OF)
    short = "\n\n".join(DONOR_TEXT.split("\n\n")[:2])
    copy = ingest(store, item("digest", "https://digest.example.com/opp/5512",
                              "Грант до 300 000 грн для громад Полтавщини", short), AS_OF)
    assert copy.call_id == original.call_id and copy.rule.startswith("content:")


def test_tracking_and_amp_copies_of_the_page_are_the_same_call(store):
    original = ingest(store, donor(), AS_OF)
    shared = ingest(store, item("social", DONOR_URL + "/?utm_source=facebook&fbclid=IwAR0x",
                                "Сильні громади", "Поділились у соцмережах."), AS_OF)
    amp = ingest(store, item("mobile", DONOR_URL.replace("https://", "https://m.") + "/amp", "Сильні громади",
                             "AMP"), AS_OF)
    assert original.call_id == shared.call_id == amp.call_id and shared.rule == "url"


def test_next_years_round_of_a_call_is_another_call(store):
    original = ingest(store, donor(), AS_OF)
    next_year = ingest(store, item("digest", "https://digest.example.com/opp/9001",
                                   "Конкурс проєктів «Сильні громади – 2026»",
                                   DONOR_TEXT.replace("2025", "2026"), published="2026-07-01"), AS_OF)
    assert next_year.call_id != original.call_id


def test_a_sibling_call_for_another_oblast_is_another_call(store):
    original = ingest(store, donor(), AS_OF)
    sibling = ingest(store, item("digest", "https://digest.example.com/opp/9002",
                                 "Конкурс проєктів «Сильні громади – 2025» для Сумщини",
                                 DONOR_TEXT.replace("Полтавської", "Сумської")), AS_OF)
    assert store.call(original.call_id)["title"] == "Конкурс проєктів «Сильні громади – 2025»"
    assert sibling.call_id != original.call_id


def test_one_source_never_lists_a_call_twice(store):
    # the same text under two own ids of one source (as SEDIA cascade calls) is two calls
    a = ingest(store, item("eu-api", "https://ec.europa.eu/calls/46214053", "METU Internships Offer", DONOR_TEXT,
                           source_item_id="11143COMPETITIVE_CALL", deadline="2025-09-02"), AS_OF)
    b = ingest(store, item("eu-api", "https://ec.europa.eu/calls/46214053", "Gnomon Internships Offer", DONOR_TEXT,
                           source_item_id="11145COMPETITIVE_CALL", deadline="2025-09-02"), AS_OF)
    assert a.call_id != b.call_id and store.count("calls") == 2
    # a repost that links to the shared page goes to the call whose headline it carries
    repost = ingest(store, item("aggregator", "https://eu-news.example/gnomon", "Gnomon Internships Offer",
                                "Стажування для студентів.", links=["https://ec.europa.eu/calls/46214053"]), AS_OF)
    assert repost.call_id == b.call_id


def test_a_page_proving_two_calls_one_folds_them(store):
    uk = ingest(store, item("ua-news", "https://ukr-novyny.example/n/1", "Гранти для громад Полтавщини",
                            "Фонд приймає заявки.", links=[DONOR_URL]), AS_OF)
    en = ingest(store, item("en-news", "https://en-grants.example/p/2", "Strong Communities 2025 grants",
                            "Applications are open.", links=[DONOR_URL]), AS_OF)
    assert uk.call_id != en.call_id   # nothing to tell yet that they are one
    page = ingest(store, donor(), AS_OF)
    assert page.call_id == uk.call_id
    assert {s["call_id"] for s in store.sightings_of(uk.call_id)} == {uk.call_id}
    assert len(store.sightings_of(uk.call_id)) == 3
    folded = store.call(en.call_id)
    assert folded["merged_into"] == uk.call_id and folded["hidden"] == 1
    assert set(calls_of(store)) == {uk.call_id}


def test_a_roundup_belongs_to_its_first_call_and_bridges_nothing(store):
    first = ingest(store, donor(), AS_OF)
    other_url = "https://youth-fund.example/calls/youth-2025"
    other = ingest(store, item("other-site", other_url, "Молодіжні ініціативи 2025",
                               "Конкурс для молодіжних організацій. Заявки до 1 вересня 2025 року."), AS_OF)
    roundup = ingest(store, item("digest", "https://digest.example.com/roundup/31", "Добірка грантів тижня",
                                 "1. Сильні громади — до 15.08.2025. 2. Молодіжні ініціативи — до 01.09.2025. "
                                 "3. Ще одна можливість — до 20.12.2025.",
                                 links=[DONOR_URL, other_url, "https://third.example.com/call/77"]), AS_OF)
    assert roundup.call_id == first.call_id != other.call_id
    assert store.call(first.call_id)["deadline"] == "2025-08-15"   # a roundup states no facts of the call


def test_an_eu_topic_code_links_texts_in_two_languages(store):
    en = ingest(store, item("eu-api", "https://ec.europa.eu/topic-details/HORIZON-CL4-2025-04-DATA-03",
                            "Software Engineering for AI and generative AI",
                            "Topic HORIZON-CL4-2025-04-DATA-03: research and innovation action on software "
                            "engineering for AI. Deadline 2 October 2025.",
                            source_item_id="HORIZON-CL4-2025-04-DATA-03", deadline="2025-10-02"), AS_OF)
    uk = ingest(store, item("ua-portal", "https://portal.example.ua/news/horizon-ai",
                            "Горизонт Європа: інженерія програмного забезпечення для ШІ",
                            "Відкрито тему HORIZON-CL4-2025-04-DATA-03 програми «Горизонт Європа». "
                            "Заявки до 2 жовтня 2025 року."), AS_OF)
    assert uk.call_id == en.call_id and uk.rule == "content:identifier"


def test_an_acronym_and_the_deadline_link_a_translated_card(store):
    en = ingest(store, item("eu-api", "https://ec.europa.eu/competitive-calls-cs/45033429",
                            "Urban Mobility Explained (UMX) Open Call",
                            "EIT Urban Mobility opens the UMX call for digital learning solutions in transport.",
                            source_item_id="11264COMPETITIVE_CALL", deadline="2025-09-30", language="en"), AS_OF)
    uk = ingest(store, item("grant-market", "https://grant.market/opp/umx-call",
                            "Грант до €700 000 на розвиток цифрових навчальних рішень для транспортної галузі",
                            "Дедлайн: 30 вересня 2025"), AS_OF)   # no language stated: the script tells
    assert uk.call_id == en.call_id and uk.rule == "content:acronym"


def test_look_alike_calls_of_one_template_with_other_deadlines_stay_apart(store):
    a = ingest(store, item("grant-market", "https://grant.market/opp/microfunding-khmelnytskyi",
                           "Грант до 54 000 грн на розвиток мікробізнесу для ВПО, жінок та ветеранів у Хмельницькій "
                           "області", "Дедлайн: 28 липня 2025"), AS_OF)
    b = ingest(store, item("business-news", "https://biz.example.org/news/mykolaiv-microgrants",
                           "Грант до 54 000 грн на розвиток мікробізнесу для ВПО, жінок та ветеранів у Миколаївській "
                           "області", "Дедлайн: 4 серпня 2025"), AS_OF)
    assert a.call_id != b.call_id


def test_a_sighting_stored_under_an_older_url_spelling_keeps_its_identity(store):
    first = ingest(store, donor(), AS_OF)
    # the database holds the page under a canonical URL an older canonicaliser wrote
    store.db.execute("UPDATE sightings SET canonical_url = 'https://www.svitanok-fund.org/competitions/hromady-2025/'"
                     " WHERE id = ?", [first.sighting_id])
    store.db.conn.commit()
    again = ingest(store, donor(), AS_OF)
    assert again.call_id == first.call_id
    assert store.count("sightings") == 1


def test_store_index_reads_a_sighting_again_after_a_write(store, tmp_path):
    """The index keeps the fingerprints it read only while nothing is written."""
    from grantdigest.dedupe.storeindex import StoreIndex
    from storage import Store

    sid = ingest(store, donor(), AS_OF).sighting_id
    index = StoreIndex(store)
    assert index.fingerprints([sid])[sid] is index.fingerprints([sid, sid])[sid]     # read once
    store.reindex_sighting(sid, {"title": "Інша назва конкурсу"}, [], [])            # this connection writes
    assert index.fingerprints([sid])[sid].title == "інша назва конкурсу"
    with Store(store.path) as other:                                                 # another one writes
        other.reindex_sighting(sid, {"title": "Третя назва"}, [], [])
    assert index.fingerprints([sid])[sid].title == "третя назва"
