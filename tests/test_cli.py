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
