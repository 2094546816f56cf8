"""The week's digest as a DOCX document: what it says, in which order, and that hostile text is harmless."""

from __future__ import annotations

import zipfile

import docx
import pytest

from conftest import run_cli
from digest.export import export_docx, plain
from digest.select import DigestFilter, build_digest
from test_digest_fixtures import AS_OF, seed

SITE_URL = "https://digest.example/"


def paragraphs(path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in docx.Document(str(path)).paragraphs]


def hyperlinks(path) -> set[str]:
    document = docx.Document(str(path))
    return {rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")}


@pytest.fixture
def exported(store, tmp_path):
    seed(store)
    view = build_digest(store, AS_OF, "uk", with_sources=False)
    return export_docx(view, tmp_path / "digest.docx", SITE_URL), view


def test_sections_in_page_order_with_each_current_call_once(exported):
    path, view = exported
    rows = paragraphs(path)
    headings = [text for style, text in rows if style == "Heading 1"]
    assert headings == ["Закриваються протягом 14 днів (1)", "Відкриті конкурси (3)",
                        "Безстрокові та без визначеного строку (1)", "Незабаром відкриються (1)"]
    titles = [text for style, text in rows if style == "Heading 3"]
    assert len(titles) == view.count == 6
    assert not any("Закритий конкурс" in t for t in titles)  # a closed call is not current
    assert titles[0].startswith("Енергоефективність громад Львівщини") and "[нове]" in titles[0]
    open_titles = titles[1:4]
    assert open_titles.index(next(t for t in open_titles if t.startswith("Програма відновлення"))) < \
        open_titles.index(next(t for t in open_titles if t.startswith("Всеукраїнський")))  # 15.08 before 30.09


def test_call_fields_as_announced(exported):
    path, _ = exported
    text = "\n".join(t for _, t in paragraphs(path))
    assert "Дедлайн: 25.07.2025 (5 днів залишилось)" in text
    assert "Дедлайн: 30.09.2025, 17:00 EEST" in text  # the time and zone as the donor gave them
    assert "Сума: до 100 000 EUR" in text
    assert "Хто може подаватися: органи місцевого самоврядування, громади" in text
    assert "Області: Львівська область" in text
    assert "дедлайн продовжено до 15.08.2025 (було 01.08.2025)" in text
    assert "Станом на 20.07.2025 · тиждень 2025-W29" in text


def test_links_are_http_only(exported):
    path, _ = exported
    links = hyperlinks(path)
    assert "https://donor.example/lviv-energy" in links
    assert f"{SITE_URL}calls/lviv-energy.html" in links
    assert not any(link.lower().startswith("javascript") for link in links)


def test_hostile_title_is_plain_text(exported):
    path, _ = exported
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "<script>" not in xml and "&lt;script&gt;alert(1)&lt;/script&gt;" in xml
    assert "\r" not in xml


def test_plain_drops_what_xml_cannot_hold():
    assert plain("a\x00b\x0bc\r\nd\ud800e") == "abc de"
    assert len(plain("я" * 10_000)) == 500 and plain("я" * 10_000).endswith("…")


def test_filter_keeps_only_the_oblasts_calls(store, tmp_path):
    seed(store)
    view = build_digest(store, AS_OF, "en", DigestFilter(regions=("UA-21",)), with_sources=False)
    path = export_docx(view, tmp_path / "zak.docx", SITE_URL, "Zakarpattia")
    titles = [t for style, t in paragraphs(path) if style == "Heading 3"]
    assert not any(t.startswith("Енергоефективність громад Львівщини") for t in titles)  # Lviv only
    assert any(t.startswith("Всеукраїнський") for t in titles)  # open to all of Ukraine
    headings = [t for style, t in paragraphs(path) if style == "Heading 1"]
    assert headings[0].startswith("Closing within 14 days")


def test_cli_export_and_bad_oblast(tmp_path):
    from storage import Store

    db = tmp_path / "gd.db"
    with Store(db) as store:
        seed(store)
    env = {"GRANTDIGEST_DB": str(db)}
    done = run_cli("digest", "export", str(tmp_path / "out.docx"), "--oblast", "UA-46", "--as-of", AS_OF.isoformat(),
                   env=env)
    assert done.returncode == 0, done.stderr
    assert "out.docx" in done.stdout
    text = "\n".join(t for _, t in paragraphs(tmp_path / "out.docx"))
    assert "Львівська область" in text and "Енергоефективність громад Львівщини" in text
    bad = run_cli("digest", "export", str(tmp_path / "bad.docx"), "--oblast", "UA-99", env=env)
    assert bad.returncode == 2 and "UA-99" in bad.stderr
    assert not (tmp_path / "bad.docx").exists()


def test_an_unwritable_path_is_a_one_line_error(tmp_path):
    from storage import Store

    db = tmp_path / "gd.db"
    with Store(db) as store:
        seed(store)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    done = run_cli("digest", "export", str(blocker / "out.docx"), "--as-of", AS_OF.isoformat(),
                   env={"GRANTDIGEST_DB": str(db)})
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert str(blocker / "out.docx") in done.stderr
