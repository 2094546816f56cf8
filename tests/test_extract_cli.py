"""The `grantdigest extract` contract: one JSON object per input per line."""

import json

from conftest import FIXTURES, run_cli

KEYS = {"path", "title", "is_call", "kind", "deadline", "opening_date", "amount_max", "currency", "applicants",
        "regions", "themes", "programme"}


def test_text_and_html_inputs(tmp_path):
    text = tmp_path / "call.txt"
    text.write_text("URL: https://example.org/news/2025/03/01/konkurs\n\nКонкурс для ГО Сумщини\n\n"
                    "Подаватися можуть громадські організації Сумської області. Грант — до 300 тис. грн. "
                    "Заявки приймаються до 15 квітня.\n", encoding="utf-8")
    page = tmp_path / "call.html"
    page.write_text("<!DOCTYPE html><html><head><title>Call</title></head><body><nav><ul>"
                    "<li><a href='/a'>Kharkiv oblast</a></li><li><a href='/b'>Odesa oblast</a></li><li><a href='/c'>Lviv oblast</a></li>"
                    "</ul></nav><article><h1>Call for proposals for CSOs</h1><p>Civil society organisations registered in "
                    "Ukraine may apply for grants of up to EUR 20,000.</p><p>Deadline: 30 June 2025.</p></article>"
                    "<footer>© Example</footer></body></html>", encoding="utf-8")
    result = run_cli("extract", str(text), str(page), "--as-of", "2025-03-10")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [set(r) for r in rows] == [KEYS, KEYS]
    first, second = rows
    assert (first["deadline"], first["amount_max"], first["currency"]) == ("2025-04-15", 300000, "UAH")
    assert first["applicants"] == ["ngo"] and first["regions"] == ["UA-59"] and first["is_call"] is True
    assert (second["title"], second["deadline"], second["amount_max"], second["currency"]) == (
        "Call for proposals for CSOs", "2025-06-30", 20000, "EUR")
    assert second["regions"] == ["UA"] and second["applicants"] == ["ngo"]


def test_dev_set_file_format():
    path = FIXTURES / "announcements" / "texts" / "a04.txt"
    row = json.loads(run_cli("extract", str(path)).stdout)
    assert row["deadline"] == "2025-10-30" and row["regions"] == ["UA-59"]


def test_a_missing_file_is_one_line_and_the_others_still_come_out(tmp_path):
    good = tmp_path / "ok.txt"
    good.write_text("Грант\n\nДедлайн: 1 травня 2025 року.", encoding="utf-8")
    result = run_cli("extract", str(tmp_path / "absent.txt"), str(good))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1 and json.loads(result.stdout)["deadline"] == "2025-05-01"
    assert len(result.stderr.strip().splitlines()) == 1 and "absent.txt" in result.stderr
