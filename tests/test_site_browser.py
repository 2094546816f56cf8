"""The site in Debian's headless Chromium (360 px and 1280 px, filters, search) and in the W3C Nu validator.

Chromium (/usr/bin/chromium), Java and vnu.jar are installed by `make test` / `.ci/run` when
missing. If they are missing anyway these tests FAIL with a message: they never pass silently.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from conftest import REPO
from digest.email import compose_weekly, prepare_edition, reader_for
from digest.select import load_week, source_names
from digest.site import build_site
from test_digest_fixtures import AS_OF, seed

CHROMIUM = Path(os.environ.get("GRANTDIGEST_CHROMIUM", "/usr/bin/chromium"))
VNU_JAR = Path(os.environ.get("GRANTDIGEST_VNU_JAR", REPO / ".venv" / "node" / "node_modules" / "vnu-jar" / "build"
                              / "dist" / "vnu.jar"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def require(path: Path, what: str) -> None:
    if not path.exists():
        pytest.fail(f"{what} не знайдено: {path} — запустіть `make test` (встановлює Chromium, Java і vnu-jar)"
                    f" / {what} not found: run `make test`, which installs it")


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    from storage import Store

    root = tmp_path_factory.mktemp("browser")
    with Store(root / "db.sqlite") as store:
        seed(store)
        build_site(store, root / "site", AS_OF, "https://digest.example/")
        week = load_week(store, AS_OF)
        edition = prepare_edition(week, "uk", source_names(store, "uk"))
        sub = {"id": 1, "email": "rada@lviv.example", "hromada": "Львівська громада", "oblast": "UA-46",
               "applicants": [], "themes": [], "language": "uk"}
        reader = reader_for(sub, "s" * 32, "https://digest.example/unsubscribe", "")
        message = compose_weekly(edition, sub, "digest@example.org", "https://digest.example/", reader)
        (root / "email.html").write_text(message.get_body(("html",)).get_content(), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def server(built_site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_site / "site"))
    handler.log_message = lambda *a, **k: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    require(CHROMIUM, "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def visible_ids(page, selector=".calls .js-call"):
    return set(page.eval_on_selector_all(
        selector, "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.id)"))


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", ["", "calls/lviv-energy.html", "en/", "digest/2025-W29/", "feeds.html"])
def test_no_horizontal_overflow(browser, server, width, path):
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(server + path)
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, f"{path} at {width}px: content {scroll}px wide"
    assert page.locator("main").count() == 1 and page.locator("header nav").count() == 1
    page.close()


def test_filters_work_client_side(browser, server):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(server)
    assert page.locator("#filters").is_visible()
    everything = visible_ids(page)
    assert {"lviv-energy", "zak-business", "ua-culture", "extended"} <= everything
    page.select_option("#f-oblast", "UA-21")
    shown = visible_ids(page)
    assert "lviv-energy" not in shown and {"zak-business", "ua-culture", "extended", "forthcoming"} <= shown
    assert page.locator("#h-closing_soon .js-count").inner_text() == "0"
    assert page.locator("#h-closing_soon ~ .js-empty").is_visible()
    assert page.locator("#f-status").inner_text().startswith("Знайдено конкурсів:")
    page.select_option("#f-applicant", "business")
    assert "ua-culture" not in visible_ids(page) and "zak-business" in visible_ids(page)
    page.click("button[type=reset]")
    page.wait_for_function("document.querySelectorAll('.calls .js-call.js-hidden').length === 0")
    assert visible_ids(page) == everything
    page.select_option("#f-programme", "U-LEAD")
    assert visible_ids(page) == {"lviv-energy", "extended"}
    page.close()


def test_search_works(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(server)
    page.fill("#f-q", "культурних проєктів")
    page.wait_for_function("document.getElementById('f-status').textContent.length > 0")
    assert visible_ids(page) == {"ua-culture"}
    page.fill("#f-q", "Львівщина")  # another case ending: finds "Львівщини"
    page.wait_for_function("!document.querySelector('.calls [data-id=\"ua-culture\"]').offsetParent")
    assert visible_ids(page) == {"lviv-energy"}
    page.fill("#f-q", "немаєтакогослова")
    page.wait_for_function("document.getElementById('f-status').textContent.includes(' 0')")
    assert visible_ids(page) == set()
    page.close()


def test_filters_from_the_address_and_from_file(browser, built_site):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto((built_site / "site" / "index.html").as_uri() + "?oblast=UA-46&q=%D0%B5%D0%BD%D0%B5%D1%80%D0%B3%D0%BE")
    page.wait_for_function("document.getElementById('f-status').textContent.length > 0")
    assert page.locator("#f-oblast").input_value() == "UA-46"
    assert visible_ids(page) == {"lviv-energy"}  # the search index loads from file:// too
    page.close()


def test_complete_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.goto(server)
    assert not page.locator("#filters").is_visible()
    assert {"lviv-energy", "zak-business", "ua-culture", "extended", "forthcoming", "rolling"} <= visible_ids(page)
    context.close()


def test_html_is_valid(built_site):
    require(VNU_JAR, "vnu.jar")
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java не знайдено — запустіть `make test` / Java not found: run `make test`")
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html",
                             str(built_site / "site"), str(built_site / "email.html")],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in messages if m.get("type") == "error"]
    assert errors == [], "\n".join(errors[:20])
    checked = len(list((built_site / "site").rglob("*.html")))
    assert checked >= 20 and result.returncode == 0
