"""Reading HTML: only the main article, never the menus, sidebars of other calls or footers."""

import re

import pytest

from conftest import FIXTURES
from grantdigest.documents import load_document, parse_html, parse_text
from grantdigest.evaluation import LAYOUTS, SIDEBAR_EN, SIDEBAR_UK, load_cases, noisy_page
from grantdigest.extract import extract

DEV = FIXTURES / "announcements"
OWN = [FIXTURES / "extract" / "heldout", FIXTURES / "extract" / "heldout2", FIXTURES / "extract" / "heldout3"]
OBLAST_MENU = re.compile(r"(?:Вінницька|Volyn|Чернігівська) (?:область|oblast)")


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


@pytest.mark.parametrize("layout", range(LAYOUTS))
def test_every_dev_text_survives_every_noisy_layout(layout):
    """The article comes back whole; menus, sidebars and footers do not."""
    for case in load_cases(DEV) + load_cases(OWN[0]):
        doc = parse_text(str(case.path), case.path.read_text(encoding="utf-8"))
        page = parse_html(str(case.path), noisy_page(doc, layout=layout))
        assert page.title == doc.title, case.id
        original, got = words(doc.text), words(page.text)
        assert len(original - got) <= max(3, len(original) // 50), (case.id, sorted(original - got)[:10])
        posted = words(doc.published or "")            # the table layout prints the post's date
        assert not (got - original - words(doc.title or "") - posted), (case.id, sorted(got - original)[:10])
        for item in SIDEBAR_UK + SIDEBAR_EN:
            for piece in item:
                if piece not in doc.text:
                    assert piece not in page.text, (case.id, piece)
        if not OBLAST_MENU.search(doc.text):
            assert not OBLAST_MENU.search(page.text), case.id


REAL_LIKE = """<!DOCTYPE html><html lang="uk"><head><meta charset="utf-8">
<title>Конкурс для громад Полтавщини | Новини громад</title>
<link rel="canonical" href="https://news.example.ua/novyny/konkurs-poltava">
<meta property="article:published_time" content="2025-02-03T10:00:00+02:00">
<script>var regions = ["Київська область"];</script></head>
<body>
<div class="top-bar"><a href="/">Головна</a> <a href="/about">Про нас</a></div>
<header class="site-header"><ul class="menu">
<li><a href="/r/vin">Вінницька область</a></li><li><a href="/r/vol">Волинська область</a></li>
<li><a href="/r/khar">Харківська область</a></li><li><a href="/r/odesa">Одеська область</a></li></ul></header>
<div class="breadcrumbs"><a href="/">Головна</a> › <a href="/n">Новини</a></div>
<div class="layout">
 <div class="content-area">
  <article class="post">
   <h1 class="entry-title">Конкурс для громад Полтавщини</h1>
   <div class="entry-meta"><time datetime="2025-02-03">3 лютого 2025</time></div>
   <div class="entry-content">
    <p>Полтавська обласна рада оголошує конкурс проєктів розвитку громад. Подати заявку можуть сільські, селищні та
    міські ради Полтавської області.</p>
    <p>Максимальна сума гранту — 500 тис. грн. Заявки приймаються до 3 березня.</p>
    <div class="share"><a href="#">Facebook</a> <a href="#">Telegram</a></div>
   </div>
  </article>
  <section class="related"><h3>Читайте також</h3>
   <article><a href="/x">Гранти для ГО Одещини до 1 млн грн</a><p>Дедлайн: 20 лютого 2025 року</p></article>
  </section>
 </div>
 <aside class="sidebar"><div class="widget"><h4>Актуальні конкурси</h4>
  <p><a href="/c1">Мікрогранти для ветеранів</a> — до 250 000 грн, дедлайн 1 квітня 2025 року</p>
  <p><a href="/c2">Конкурс для громад Харківщини</a> — до 3 млн грн, до 15 березня</p></div></aside>
</div>
<footer><p>© 2025 Новини громад. м. Київ, вул. Хрещатик, 1.</p></footer>
</body></html>"""


def test_a_realistic_page(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(REAL_LIKE, encoding="utf-8")
    doc = load_document(path)
    assert doc.title == "Конкурс для громад Полтавщини"
    assert doc.url == "https://news.example.ua/novyny/konkurs-poltava" and doc.published == "2025-02-03"
    assert "Максимальна сума гранту" in doc.text
    for noise in ("Вінницька область", "Мікрогранти", "Хрещатик", "Facebook", "Одещини", "Головна"):
        assert noise not in doc.text
    found = extract(doc.text, doc.title, published=None if doc.published is None else __import__("datetime").date(2025, 2, 3))
    assert (found.deadline, found.amount_max, found.currency) == ("2025-03-03", 500000, "UAH")
    assert found.regions == ["UA-53"] and found.applicants == ["local_authority"]


def test_published_date_from_the_url_when_the_page_has_no_metadata():
    page = parse_html("x", '<html><head><link rel="canonical" href="https://x.example/2024/05/13/slug"></head>'
                           "<body><h1>Гранти</h1><p>Заявки приймаються до 1 червня. Подати заявку можуть ГО.</p></body></html>")
    assert page.published == "2024-05-13"


def test_broken_html_gives_what_it_can():
    page = parse_html("x", "<html><body><h1>Грант<p>Дедлайн: 5 травня 2025 року<div>не закрито")
    assert page.title and "Дедлайн" in page.text


def test_text_files_with_a_url_line_and_a_date_line_before_the_headline(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("URL: https://x.example/2023/08/09/a\n\n2023-08-09\n\nUkraine: grants of up to €4,000\n\nText.\n",
                    encoding="utf-8")
    doc = load_document(path)
    assert (doc.url, doc.published, doc.title) == ("https://x.example/2023/08/09/a", "2023-08-09",
                                                   "Ukraine: grants of up to €4,000")
    assert "2023-08-09" in doc.text


def test_a_windows_1251_page_is_read_by_its_declared_charset(tmp_path):
    path = tmp_path / "old.html"
    html = '<html><head><meta charset="windows-1251"></head><body><h1>Грант для громад</h1>' \
           "<p>Дедлайн: 5 травня 2025 року</p></body></html>"
    path.write_bytes(html.encode("cp1251"))
    doc = load_document(path)
    assert doc.title == "Грант для громад" and "травня" in doc.text


def test_a_url_line_left_in_the_article_gives_the_url_and_its_date():
    page = parse_html("x", "<html><body><article><p>URL: https://x.example/2024/05/13/slug</p><h1>Гранти</h1>"
                           "<p>Заявки приймаються до 1 червня. Подати заявку можуть ГО.</p></article></body></html>")
    assert page.url == "https://x.example/2024/05/13/slug" and page.published == "2024-05-13"
    assert not page.text.startswith("URL")
