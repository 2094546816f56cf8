"""The command line: help, clear one-line errors, exit codes."""

import subprocess
import sys

from conftest import REPO, run_cli


def test_help_lists_commands():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("crawl", "digest", "demo", "extract", "sources"):
        assert command in result.stdout


def test_scrapy_list_shows_registry_spiders():
    result = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert {"eu-funding-tenders", "prostir", "opportunitiesforyouth"} <= set(result.stdout.split())


def test_unknown_source_is_one_clear_line(tmp_path):
    result = run_cli("--db", str(tmp_path / "g.db"), "crawl", "--source", "no-such-site")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no-such-site" in lines[0] and "prostir" in lines[0]


def test_missing_config_file_is_one_clear_line(tmp_path):
    result = run_cli("--config", str(tmp_path / "absent.toml"), "digest", "build", str(tmp_path / "site"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"помилка: файл конфігурації не знайдено: {tmp_path / 'absent.toml'}"
                                                  " (перевірте --config або GRANTDIGEST_CONFIG)"]


def test_bad_config_value_names_the_key(tmp_path):
    config = tmp_path / "g.toml"
    config.write_text('as_of = "yesterday"\n')
    result = run_cli("--config", str(config), "digest", "build", str(tmp_path / "site"))
    assert result.returncode == 2 and "as_of" in result.stderr and str(config) in result.stderr


def test_unusable_db_path_is_one_clear_line(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    result = run_cli("--db", str(blocker / "g.db"), "digest", "build", str(tmp_path / "site"))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "GRANTDIGEST_DB" in result.stderr


def test_bad_as_of_is_a_usage_error(tmp_path):
    result = run_cli("--db", str(tmp_path / "g.db"), "digest", "build", "--as-of", "20.07.2025")
    assert result.returncode == 2 and "РРРР-ММ-ДД" in result.stderr


def test_env_overrides_config(tmp_path):
    config = tmp_path / "g.toml"
    config.write_text(f'db_path = "{tmp_path / "from-file.db"}"\n')
    result = run_cli("--config", str(config), "digest", "build", str(tmp_path / "site"),
                     env={"GRANTDIGEST_DB": str(tmp_path / "from-env.db")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "from-env.db").exists() and not (tmp_path / "from-file.db").exists()


def test_calls_list_and_show(tmp_path):
    import datetime as dt
    import json

    from grantdigest.ingest import ingest
    from storage import Store

    db = tmp_path / "g.db"
    with Store(db) as store:
        result = ingest(store, {"source_id": "prostir", "url": "https://www.prostir.ua/?grants=a",
                                "title": "Конкурс для громад", "text": "Дедлайн: 10 серпня 2025 року."},
                        dt.date(2025, 7, 20))
    listed = run_cli("--db", str(db), "calls", "list", "--as-of", "2025-07-20")
    assert listed.returncode == 0 and result.call_id in listed.stdout and "10.08.2025" in listed.stdout
    assert result.call_id not in run_cli("--db", str(db), "calls", "list", "--as-of", "2025-09-01").stdout
    shown = json.loads(run_cli("--db", str(db), "calls", "show", result.call_id).stdout)
    assert shown["deadline"] == "2025-08-10" and shown["sightings"][0]["source_id"] == "prostir"
    missing = run_cli("--db", str(db), "calls", "show", "nope")
    assert missing.returncode == 2 and "nope" in missing.stderr
