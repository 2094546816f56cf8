"""`grantdigest subscribers add/list/import/remove/unsubscribe` in a real process on a real database."""

from __future__ import annotations

import sqlite3

from conftest import run_cli
from digest.subscribers import SubscriberError, validate_subscriber
from digest.unsubscribe import make_token

SECRET = "cli-secret-0123456789abcdef"


def rows(db):
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return {r["email"]: dict(r) for r in conn.execute("SELECT * FROM subscribers")}


def test_add_list_remove(tmp_path):
    env = {"GRANTDIGEST_DB": str(tmp_path / "s.db")}
    result = run_cli("subscribers", "add", "Rada@Lviv.Example", "--hromada", "Львівська МТГ", "--oblast", "ua-46",
                     "--applicant", "local_authority", "--theme", "energy", "--theme", "environment", env=env)
    assert result.returncode == 0, result.stderr
    assert "Додано: Rada@lviv.example (Львівська МТГ, UA-46)" in result.stdout
    row = rows(tmp_path / "s.db")["Rada@lviv.example"]
    assert row["oblast"] == "UA-46" and row["themes"] == '["energy", "environment"]' and row["active"] == 1
    again = run_cli("subscribers", "add", "rada@lviv.example", "--hromada", "Львівська міська громада",
                    "--oblast", "UA-46", env=env)
    assert "Оновлено" in again.stdout and len(rows(tmp_path / "s.db")) == 1
    listed = run_cli("subscribers", "list", env=env)
    assert "Львівська міська громада" in listed.stdout and "Усього: 1" in listed.stderr
    assert run_cli("subscribers", "remove", "rada@lviv.example", env=env).returncode == 0
    assert rows(tmp_path / "s.db") == {}
    missing = run_cli("subscribers", "remove", "nobody@x.example", env=env)
    assert missing.returncode == 2 and "nobody@x.example" in missing.stderr


def test_bad_address_is_one_clear_line(tmp_path):
    env = {"GRANTDIGEST_DB": str(tmp_path / "s.db")}
    result = run_cli("subscribers", "add", "not-an-address", "--hromada", "Громада", "--oblast", "UA-46", env=env)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "неправильна адреса 'not-an-address'" in result.stderr


def test_import_reports_bad_rows_with_line_numbers_and_imports_the_rest(tmp_path):
    env = {"GRANTDIGEST_DB": str(tmp_path / "s.db")}
    csv_file = tmp_path / "hromadas.csv"
    csv_file.write_text(
        "email;hromada;oblast;katottg;applicants;themes;language;active\n"
        "uzh@hromada.example;Ужгородська МТГ;UA-21;;local_authority|business;cross_border;uk;1\n"
        "broken address;Громада Б;UA-21;;;;uk;1\n"
        "x@hromada.example;Громада В;UA-99;;;;uk;1\n"
        "\n"
        "lviv@hromada.example;Львівська МТГ;Львівська область;UA46060250000025047;;;en;так\n"
        "k@hromada.example;Громада Г;UA-46;UA21060250000025047;;;uk;1\n"
        "t@hromada.example;Громада Д;UA-46;;;космос;uk;1\n"
        "off@hromada.example;Громада Е;UA-46;;;;uk;0\n", encoding="utf-8")
    result = run_cli("subscribers", "import", str(csv_file), env=env)
    assert result.returncode == 1  # some rows failed
    assert "Додано: 3, оновлено: 0, з помилками: 4" in result.stdout
    errors = result.stderr.strip().splitlines()
    assert [e.split(":")[1] for e in errors] == ["3", "4", "7", "8"]
    assert "неправильна адреса" in errors[0] and "невідома область 'UA-99'" in errors[1]
    assert "КАТОТТГ" in errors[2] and "невідоме значення themes 'космос'" in errors[3]
    saved = rows(tmp_path / "s.db")
    assert set(saved) == {"uzh@hromada.example", "lviv@hromada.example", "off@hromada.example"}
    assert saved["lviv@hromada.example"]["oblast"] == "UA-46" and saved["lviv@hromada.example"]["language"] == "en"
    assert saved["uzh@hromada.example"]["applicants"] == '["local_authority", "business"]'
    assert saved["off@hromada.example"]["active"] == 0
    # importing the same file again updates, never duplicates
    again = run_cli("subscribers", "import", str(csv_file), env=env)
    assert "Додано: 0, оновлено: 3" in again.stdout and len(rows(tmp_path / "s.db")) == 3


def test_import_windows_1251_and_missing_columns(tmp_path):
    env = {"GRANTDIGEST_DB": str(tmp_path / "s.db")}
    legacy = tmp_path / "excel.csv"
    legacy.write_bytes("email,hromada,oblast\nrada@x.example,Житомирська громада,UA-18\n".encode("cp1251"))
    result = run_cli("subscribers", "import", str(legacy), env=env)
    assert result.returncode == 0 and "кодування windows-1251" in result.stdout
    assert rows(tmp_path / "s.db")["rada@x.example"]["hromada"] == "Житомирська громада"
    headless = tmp_path / "no-header.csv"
    headless.write_text("rada@x.example,Громада,UA-18\n", encoding="utf-8")
    bad = run_cli("subscribers", "import", str(headless), env=env)
    assert bad.returncode == 2 and "немає стовпців email, hromada" in bad.stderr


def test_unsubscribe_by_token(tmp_path):
    env = {"GRANTDIGEST_DB": str(tmp_path / "s.db"), "GRANTDIGEST_UNSUBSCRIBE_SECRET": SECRET}
    run_cli("subscribers", "add", "rada@x.example", "--hromada", "Громада", "--oblast", "UA-18", env=env)
    forged = run_cli("subscribers", "unsubscribe", "1.AAAAAAAAAAAAAAAAAAAAAA", env=env)
    assert forged.returncode == 2 and "недійсний токен" in forged.stderr
    good = run_cli("subscribers", "unsubscribe", make_token(SECRET, 1, "rada@x.example"), env=env)
    assert good.returncode == 0 and rows(tmp_path / "s.db")["rada@x.example"]["active"] == 0


def test_validation_rules():
    row = validate_subscriber({"email": "a@b.example", "hromada": "  Громада   А ", "katottg": "UA46060250000025047"})
    assert row["oblast"] == "UA-46" and row["hromada"] == "Громада А"  # the oblast follows from KATOTTG
    for bad, message in (({"email": "a@b.example", "hromada": "Г"}, "oblast"),
                         ({"email": "a@b.example", "hromada": "Г", "oblast": "UA-46", "language": "de"}, "мова"),
                         ({"email": "a@b.example", "hromada": "Г", "oblast": "UA-46", "katottg": "12"}, "КАТОТТГ"),
                         ({"email": "a@b", "hromada": "Г", "oblast": "UA-46"}, "адреса"),
                         ({"email": "a@b.example", "hromada": "", "oblast": "UA-46"}, "hromada")):
        try:
            validate_subscriber(bad)
        except SubscriberError as exc:
            assert message in str(exc)
        else:
            raise AssertionError(f"accepted {bad}")
