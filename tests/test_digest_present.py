"""Small pure functions of the digest: plurals, change sentences, filters, safe links, the week window."""

from __future__ import annotations


import pytest

from digest.present import change_text, days_left_text
from digest.safety import clean_html, header_safe, safe_url, text_to_html
from digest.select import DigestFilter, load_week, week_since
from test_digest_fixtures import AS_OF, seed


@pytest.mark.parametrize("days, uk, en", [(0, "сьогодні останній день", "last day today"),
                                          (1, "1 день залишився", "1 day left"), (3, "3 дні залишилось", "3 days left"),
                                          (11, "11 днів залишилось", "11 days left"),
                                          (21, "21 день залишився", "21 days left"),
                                          (24, "24 дні залишилось", "24 days left"),
                                          (112, "112 днів залишилось", "112 days left")])
def test_days_left_plurals(days, uk, en):
    assert days_left_text(days, "uk") == uk and days_left_text(days, "en") == en


def test_change_sentences():
    call = {"currency": "EUR"}
    assert change_text({"field": "deadline", "old": "2025-08-01", "new": "2025-08-15", "kind": "extended"}, call, "uk") \
        == "дедлайн продовжено до 15.08.2025 (було 01.08.2025)"
    assert change_text({"field": "deadline", "old": "2025-08-15", "new": "2025-08-01", "kind": "changed"}, call, "en") \
        == "deadline: 15.08.2025 → 01.08.2025"
    assert change_text({"field": "amount_max", "old": "10000", "new": "20000.0", "kind": "changed"}, call, "uk") \
        == "сума: до 10\u00a0000 EUR → до 20\u00a0000 EUR"
    assert change_text({"field": "status", "old": "open", "new": "closed", "kind": "changed"}, call, "uk") \
        == "статус: відкритий → закритий"


def test_filter_rules():
    flt = DigestFilter(regions=("UA-46",), applicants=("ngo",), themes=("energy",))
    assert flt.matches({"regions": ["UA"], "applicants": ["ngo", "business"], "themes": ["energy"]})
    assert flt.matches({})  # a call that states nothing is not ruled out
    assert not flt.matches({"regions": ["UA-21"]})
    assert not flt.matches({"regions": ["UA-46"], "applicants": ["business"]})
    assert not flt.matches({"themes": ["culture"]})
    assert DigestFilter(programmes=("U-LEAD",)).matches({"programme": "U-LEAD"})
    assert not DigestFilter(programmes=("U-LEAD",)).matches({"programme": "GIZ"})


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                                 "java\tscript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x", "//evil.example/",
                                 "https://", "http:///x", "https://@evil", "ftp://files.example/x", "/relative", ""])
def test_unsafe_urls_never_become_links(url):
    assert safe_url(url) == ""


def test_safe_urls_and_sanitising():
    assert safe_url("https://donor.example/call?id=1&x=2") == "https://donor.example/call?id=1&x=2"
    cleaned = str(clean_html('<p onclick="x()">Hi <a href="javascript:alert(1)">a</a> <a href="https://ok.example/">b</a>'
                             '<script>alert(1)</script><img src=x onerror=alert(1)></p>'))
    assert "onclick" not in cleaned and "javascript" not in cleaned and "<script" not in cleaned and "<img" not in cleaned
    assert 'href="https://ok.example/"' in cleaned and "noopener" in cleaned
    assert str(text_to_html("a <b>\n\nsecond")) == "<p>a &lt;b&gt;</p><p>second</p>"
    assert header_safe("Title\r\nBcc: x@y\u2028z") == "Title Bcc: x@y z"


def test_week_window_starts_at_the_previous_digest(store):
    seed(store, runs=False)
    assert week_since(store, AS_OF) == "2025-07-12T21:00:00Z"  # 7 days before the as-of date, Kyiv midnight
    store.save_digest_week("2025-W28", "2025-07-13", None, {"calls": {}, "new": [], "changed": {}, "closing_soon": []})
    previous = store.digest_week("2025-W28")["created_at"]
    assert week_since(store, AS_OF) == previous
    week = load_week(store, AS_OF, since="2025-07-19T00:00:00Z")
    assert week.new_ids == {"lviv-energy", "ua-culture", "zak-business"} and set(week.events) == set()
    assert week.period == "2025-W29"
