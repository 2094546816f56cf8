"""The registry is validated with clear messages; `grantdigest sources` lists it and
reports each source's health from its crawl runs."""

import pytest

from conftest import run_cli

from grantdigest.errors import UserError
from grantdigest.health import run_flags, source_health
from spiders.registry import load_registry

GOOD = '''
[[source]]
id = "example"
name_uk = "Приклад"
name_en = "Example"
family = "html"
start_urls = ["https://example.org/news"]
language = "uk"
[source.list]
item = "div.item"
title = "h2 a::text"
url = "h2 a::attr(href)"
'''


@pytest.mark.parametrize("change, message", [
    (("family = \"html\"", "family = \"scraper\""), "невідома родина 'scraper'"),
    (("item = \"div.item\"\n", ""), "у [list] бракує 'item'"),
    (("title = \"h2 a::text\"", "title = \"h2 a::text(\""), "list.title"),
    (("language = \"uk\"", "language = \"uk\"\nselectors = 3"), "невідомий параметр 'selectors'"),
    (("start_urls = [\"https://example.org/news\"]", "start_urls = [\"example.org\"]"), "start_urls"),
    (("language = \"uk\"", "language = \"uk\"\nregions = [\"UA-99\"]"), "UA-99"),
    (("language = \"uk\"", "language = \"uk\"\n[source.filter]\ntext_any = [\"(Ukrain\"]"), "filter.text_any"),
])
def test_registry_errors_name_the_entry_and_the_field(tmp_path, change, message):
    path = tmp_path / "sources.toml"
    path.write_text(GOOD.replace(*change))
    with pytest.raises(UserError) as err:
        load_registry(path)
    assert "sources.toml, джерело №1 (example)" in str(err.value) and message in str(err.value)


def test_api_family_needs_a_known_adapter(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(GOOD.replace('family = "html"', 'family = "api"\nadapter = "graphql"'))
    with pytest.raises(UserError, match="невідомий adapter 'graphql'"):
        load_registry(path)


def test_sources_check_on_a_bad_registry_is_one_line(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text(GOOD.replace('family = "html"', 'family = "rss"'))
    result = run_cli("--db", str(tmp_path / "g.db"), "sources", "check", "--registry", str(path))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "помилка: sources.toml, джерело №1 (example): невідома родина 'rss'; відомі: feed, wordpress, sitemap, html, api"]


def test_sources_list_and_check_before_any_crawl(tmp_path):
    listed = run_cli("sources", "list")
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == len(load_registry())
    assert "eu-funding-tenders" in listed.stdout and "api/sedia" in listed.stdout
    check = run_cli("--db", str(tmp_path / "g.db"), "sources", "check")
    assert check.returncode == 0  # never crawled is not a failure
    assert "ще не збиралося" in check.stdout and "реєстр гаразд" in check.stdout


def run(**figures):
    base = {"items": 10, "entries": 10, "with_title": 10, "with_url": 10, "with_deadline": 8,
            "errors": 0, "finish_reason": "finished"}
    return {**base, **figures}


def test_health_flags():
    assert run_flags(run(), [run(), run()]) == []
    assert run_flags(run(errors=1), []) == ["failed"]
    assert run_flags(run(finish_reason="shutdown"), []) == ["failed"]
    assert run_flags(run(items=0, entries=0), [run()]) == ["no_items"]
    # everything filtered out (not open to Ukraine) is not "no items"
    assert run_flags(run(items=0, entries=15, with_title=0, with_url=0, with_deadline=0), []) == []
    # --since skipped everything: not "no items" either
    assert run_flags(run(items=0, entries=0, too_old=7), []) == []
    # deadlines found for 80% of items before, 20% now: a sharp drop
    assert run_flags(run(with_deadline=2), [run(), run(), run()]) == ["completeness_drop"]
    assert run_flags(run(with_deadline=6), [run(), run(), run()]) == []


def test_source_health_uses_latest_finished_run(store):
    row = store.start_run("r1", "prostir")
    store.finish_run(row, run(with_deadline=8))
    row = store.start_run("r2", "prostir")
    store.finish_run(row, run(with_deadline=1))
    [health] = source_health(store, ["prostir"])
    assert health.flags == ["completeness_drop"]
    assert health.completeness == {"title": 1.0, "url": 1.0, "deadline": 0.1}


def test_role_is_validated_and_reaches_the_merge_preference(tmp_path):
    import pytest

    from grantdigest.errors import UserError
    from grantdigest.merge import official_sources
    from spiders.registry import load_registry

    registry = {s.id: s for s in load_registry()}
    assert registry["pl-ua"].role == "donor" and registry["prostir"].role == "aggregator"
    rows = [s.row() for s in registry.values()]
    official = official_sources(rows)
    assert {"pl-ua", "ro-ua", "blacksea-cbc"} <= official and "prostir" not in official
    bad = tmp_path / "bad.toml"
    bad.write_text('[[source]]\nid = "x"\nname_uk = "x"\nname_en = "x"\nfamily = "feed"\n'
                   'start_urls = ["https://x.example/feed/"]\nlanguage = "uk"\nrole = "boss"\n')
    with pytest.raises(UserError, match="роль"):
        load_registry(bad)
