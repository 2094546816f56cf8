"""The static site built from a hand-made database: what each page, feed and calendar says."""

from __future__ import annotations

import datetime as dt
import re

import feedparser
import icalendar
import pytest

from digest.site import build_site
from grantdigest.errors import UserError
from test_digest_fixtures import AS_OF, CALLS, seed

SITE_URL = "https://digest.example/"


@pytest.fixture
def site(store, tmp_path):
    seed(store)
    out = tmp_path / "site"
    result = build_site(store, out, AS_OF, SITE_URL)
    return out, result


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_home_groups_and_order(site):
    out, result = site
    home = (out / "index.html").read_text()
    assert result.calls == 6  # all but the closed call
    closing = section(home, "h-closing_soon")
    assert "Енергоефективність громад Львівщини" in closing and "5 днів залишилось" in closing
    assert "Всеукраїнський" not in closing
    new = section(home, "h-new")
    assert "Енергоефективність громад Львівщини" in new and "Всеукраїнський конкурс" in new
    assert "Програма відновлення" not in new  # first seen long ago
    changed = section(home, "h-changed")
    assert "дедлайн продовжено до 15.08.2025 (було 01.08.2025)" in changed
    opened = section(home, "h-open")
    assert opened.index("Програма відновлення") < opened.index("Всеукраїнський")  # 15.08 before 30.09
    assert "Закритий конкурс" not in home
    assert "30.09.2025, 17:00 EEST" in home  # the date as announced, with its time and zone
    assert "U-LEAD: 2" in section(home, "h-programmes")
    assert "Безстрокова" in section(home, "h-rolling") and "Конкурс для молоді" in section(home, "h-forthcoming")


def test_home_is_complete_without_javascript_and_has_filters_for_it(site):
    out, _ = site
    home = (out / "index.html").read_text()
    form = home[home.index('<form class="filters"'):home.index("</form>")]
    assert " hidden>" in form.split("\n")[0]  # shown only by the script
    for name in ("q", "oblast", "applicant", "theme", "programme"):
        assert f'name="{name}"' in form and f'<label for="f-{name}">' in form
    assert '<option value="UA-46">Львівська область</option>' in form
    assert '<option value="U-LEAD">U-LEAD</option>' in form
    card = re.search(r'<li class="call js-call[^>]*data-id="lviv-energy"[^>]*>', home).group(0)
    assert 'data-regions="UA-46"' in card and 'data-applicants="local_authority"' in card
    assert 'data-themes="energy"' in card and 'data-programme="U-LEAD"' in card
    index = (out / "search-index.js").read_text()
    assert index.startswith("window.GD_SEARCH_INDEX = [") and "енергоефективність громад львівщини" in index


def test_untrusted_text_and_links(site):
    out, _ = site
    everything = "".join(p.read_text() for p in out.rglob("*.html"))
    assert "<script>alert" not in everything and "&lt;script&gt;alert(1)&lt;/script&gt;" in everything
    assert 'href="javascript' not in everything.lower()
    page = (out / "calls" / "zak-business.html").read_text()
    assert "javascript:" not in page.lower().replace("javascript:alert(1)</span>", "")  # shown only as text
    lviv = (out / "calls" / "lviv-energy.html").read_text()
    assert 'href="https://gurt.example/lviv"' in lviv
    assert "javascript:alert(2)" in lviv and 'href="javascript:alert(2)"' not in lviv


def test_call_page(site):
    out, _ = site
    page = (out / "calls" / "lviv-energy.html").read_text()
    assert "<h1 lang=\"uk\">Енергоефективність громад Львівщини</h1>" in page
    for text in ("U-LEAD", "25.07.2025", "5 днів залишилось", "до 100\u00a0000 EUR", "органи місцевого самоврядування",
                 "Львівська область", "енергетика", "Громадський простір", "ГУРТ", "https://donor.example/lviv-energy",
                 "Другий абзац"):
        assert text in page, text
    extended = (out / "calls" / "extended.html").read_text()
    history = extended[extended.index("history"):]
    assert "18.07.2025" in history and "дедлайн продовжено до 15.08.2025 (було 01.08.2025)" in history
    en = (out / "en" / "calls" / "extended.html").read_text()
    assert '<html lang="en">' in en and "deadline extended to 15.08.2025 (was 01.08.2025)" in en
    assert 'href="../../calls/extended.html"' in en  # the Ukrainian version of the same page


def test_english_site_and_relative_links(site):
    out, _ = site
    en = (out / "en" / "index.html").read_text()
    assert en.count("Closing within 14 days") == 1 and "New since the last digest" in en
    assert 'href="../assets/style.css"' in en and 'href="calls/lviv-energy.html"' in en
    assert "Lviv Oblast" in en


def test_source_health(site):
    out, _ = site
    health = section((out / "index.html").read_text(), "h-health")
    assert "Працюють: 1 з 3 джерел." in health
    assert "ГУРТ</strong>: помилка" in health and "DNS lookup failed" in health
    assert "Грант Маркет</strong>: нічого не знайдено" in health
    assert "Громадський простір" not in health


def test_calendar_one_event_per_deadline_in_kyiv(site):
    out, _ = site
    cal = icalendar.Calendar.from_ical((out / "deadlines.ics").read_bytes())
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    # every current call with a dated deadline; not the rolling one, not the closed one
    assert set(events) == {f"deadline-{cid}@digest.example" for cid in
                           ("lviv-energy", "ua-culture", "zak-business", "extended", "forthcoming")}
    lviv = events["deadline-lviv-energy@digest.example"]
    assert lviv["DTSTART"].dt == dt.date(2025, 7, 25)  # all-day, on the announced date
    assert lviv["DTEND"].dt == dt.date(2025, 7, 26)
    culture = events["deadline-ua-culture@digest.example"]
    start = culture["DTSTART"].dt
    assert (start.hour, start.minute, str(start.tzinfo)) == (17, 0, "Europe/Kyiv")
    assert start.astimezone(dt.timezone.utc) == dt.datetime(2025, 9, 30, 14, 0, tzinfo=dt.timezone.utc)
    assert int(events["deadline-extended@digest.example"]["SEQUENCE"]) == 1  # one recorded extension
    raw = (out / "deadlines.ics").read_bytes()
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n"))
    # the scraped line break stays inside the summary: no line of the file starts a new property
    assert not any(line.startswith(b"Bcc") for line in raw.split(b"\r\n"))
    assert "Bcc: evil@example.com" in str(events["deadline-zak-business@digest.example"]["SUMMARY"])


def test_per_oblast_calendars_and_feeds(site):
    out, _ = site

    def uids(code):
        cal = icalendar.Calendar.from_ical((out / "oblast" / code / "deadlines.ics").read_bytes())
        return {str(e["UID"]).split("@")[0].removeprefix("deadline-") for e in cal.walk("VEVENT")}

    assert uids("UA-46") == {"lviv-energy", "ua-culture", "extended", "forthcoming"}
    assert uids("UA-21") == {"ua-culture", "zak-business", "extended", "forthcoming"}
    assert uids("UA-05") == {"ua-culture", "extended"}  # only the calls for all of Ukraine
    assert len(list((out / "oblast").iterdir())) == 27

    feed = feedparser.parse((out / "oblast" / "UA-21" / "feed.atom").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    titles = [e.title for e in feed.entries]
    assert any(t.startswith("Interreg") for t in titles) and not any("Львівщини" in t for t in titles)
    entry = next(e for e in feed.entries if e.title.startswith("Interreg"))
    assert entry.link == "https://digest.example/calls/zak-business.html"
    assert all(link.href.startswith("https://") for link in entry.links)  # the javascript: URL is left out
    whole = feedparser.parse((out / "feed.atom").read_bytes())
    assert not whole.bozo and len(whole.entries) == 6


def test_calendar_uids_are_stable_across_builds(store, tmp_path):
    seed(store)
    build_site(store, tmp_path / "a", AS_OF, SITE_URL)
    build_site(store, tmp_path / "b", AS_OF + dt.timedelta(days=1), SITE_URL)
    read = lambda d: sorted(re.findall(r"UID:(.*)\r\n", (d / "deadlines.ics").read_bytes().decode()))  # noqa: E731
    assert read(tmp_path / "a") == read(tmp_path / "b") and len(read(tmp_path / "a")) == 5


def test_weekly_archive_keeps_stable_urls(store, tmp_path):
    seed(store)
    out = tmp_path / "site"
    build_site(store, out, AS_OF, SITE_URL)
    week29 = (out / "digest" / "2025-W29" / "index.html").read_text()
    assert "Енергоефективність громад Львівщини" in week29 and "дедлайн продовжено до 15.08.2025" in week29
    # next week: a new call appears; last week's page stays as it was, a new week is added
    store.save_call({"id": "next-week", "title": "Новий конкурс наступного тижня", "regions": ["UA"], "is_call": 1,
                     "first_seen": "2099-01-01T00:00:00Z", "deadline": "2025-12-01",
                     "deadline_at": "2025-12-01T21:59:59Z"})
    build_site(store, out, AS_OF + dt.timedelta(days=7), SITE_URL)
    assert (out / "digest" / "2025-W29" / "index.html").read_text().count("Новий конкурс") == 0
    week30 = (out / "digest" / "2025-W30" / "index.html").read_text()
    new30 = section(week30, "h-new")
    assert "Новий конкурс наступного тижня" in new30
    assert "Енергоефективність громад Львівщини" not in new30  # new last week, not this week
    archive = (out / "digest" / "index.html").read_text()
    assert archive.index('href="2025-W30/"') < archive.index('href="2025-W29/"')
    assert (out / "en" / "digest" / "2025-W29" / "index.html").exists()
    # a page built from scratch elsewhere has the same archive (kept in the database)
    build_site(store, tmp_path / "fresh", AS_OF + dt.timedelta(days=7), SITE_URL)
    assert (tmp_path / "fresh" / "digest" / "2025-W29" / "index.html").exists()


def test_stale_call_pages_are_removed(store, tmp_path):
    seed(store, runs=False)
    out = tmp_path / "site"
    (out / "calls").mkdir(parents=True)
    (out / "calls" / "gone.html").write_text("old")
    build_site(store, out, AS_OF, SITE_URL)
    assert not (out / "calls" / "gone.html").exists()
    assert (out / "calls" / "lviv-energy.html").exists()


def test_build_into_a_file_is_a_clear_error(store, tmp_path):
    from grantdigest.errors import UserError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UserError, match="не вдалося створити каталог сайту"):
        build_site(store, blocker / "site", AS_OF, SITE_URL)


def test_every_call_in_the_fixture_is_known():
    assert "closed" in CALLS and CALLS["rolling"]["deadline"] == "rolling"


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_english_pages_from_a_forked_process_equal_a_sequential_build(store, tmp_path, monkeypatch):
    import digest.site as site_module

    seed(store)
    forked = build_site(store, tmp_path / "forked", AS_OF, SITE_URL)
    monkeypatch.setattr(site_module, "_CAN_FORK", False)
    plain = build_site(store, tmp_path / "plain", AS_OF, SITE_URL)
    assert (forked.pages, forked.files) == (plain.pages, plain.files)
    one, two = _tree(tmp_path / "forked"), _tree(tmp_path / "plain")
    assert one.keys() == two.keys() and "en/calls/lviv-energy.html" in one
    assert [name for name in one if one[name] != two[name]] == []
    assert not list((tmp_path / "forked").rglob("*.new"))  # staged folders swapped in


def test_a_failing_language_process_fails_the_build_and_keeps_the_old_pages(store, tmp_path, monkeypatch):
    import digest.site as site_module

    seed(store)
    out = tmp_path / "site"
    build_site(store, out, AS_OF, SITE_URL)
    before = (out / "en" / "calls" / "lviv-energy.html").read_bytes()
    original = site_module._LanguageJob.write

    def broken(self, writer, lang, names, health):
        if lang == "en":
            raise OSError("disk full")
        return original(self, writer, lang, names, health)

    monkeypatch.setattr(site_module._LanguageJob, "write", broken)
    store.save_call({"id": "lviv-energy", "title": "Новий заголовок"})
    with pytest.raises(UserError, match="en: OSError: disk full"):
        build_site(store, out, AS_OF, SITE_URL)
    assert (out / "en" / "calls" / "lviv-energy.html").read_bytes() == before  # the old page, whole
    assert "Новий заголовок" not in (out / "calls" / "lviv-energy.html").read_text()  # nothing half-swapped
    monkeypatch.setattr(site_module._LanguageJob, "write", original)
    build_site(store, out, AS_OF, SITE_URL)
    assert "Новий заголовок" in (out / "en" / "calls" / "lviv-energy.html").read_text()
