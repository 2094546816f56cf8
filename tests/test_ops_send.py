"""The weekly send job: the configured command (now `digest email`, later `digest send`), a real
SMTP conversation with aiosmtpd on 127.0.0.1, logged in the run log, never sent twice."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import Collect, run_cli
from grantdigest.ingest import ingest
from grantdigest.loopback import smtp_server
from storage import Store


@pytest.fixture
def smtp():
    handler = Collect()
    with smtp_server(handler) as controller:
        yield controller.port, handler


def test_weekly_send_job_sends_once_and_is_logged(tmp_path, smtp):
    port, handler = smtp
    db = tmp_path / "g.db"
    with Store(db) as store:
        ingest(store, {"source_id": "manual", "url": "https://donor.example/call", "title": "Гранти громадам",
                       "text": "Дедлайн: 30 вересня 2026 року."}, dt.date(2026, 7, 1))
    config = tmp_path / "g.toml"
    config.write_text(f'db_path = "{db}"\nas_of = "2026-07-01"\n[smtp]\nhost = "127.0.0.1"\nport = {port}\n'
                      '[schedule]\nsend_command = "digest email"\nsend_to = ["rada@hromada.example", "cnap@hromada.example"]\n')
    first = run_cli("--config", str(config), "schedule", "run", "send")
    assert first.returncode == 0, first.stderr
    assert sorted(m["To"] for m in handler.messages) == ["cnap@hromada.example", "rada@hromada.example"]
    second = run_cli("--config", str(config), "schedule", "run", "send")   # e.g. a restart re-ran the job
    assert second.returncode == 0 and len(handler.messages) == 2          # the delivery log prevents a double
    assert "пропущено (вже надіслано): 2" in second.stderr
    status = run_cli("--config", str(config), "schedule", "status")
    assert "send   успішно" in status.stdout


def test_send_failure_is_logged_with_its_reason(tmp_path):
    db = tmp_path / "g.db"
    config = tmp_path / "g.toml"
    config.write_text(f'db_path = "{db}"\n[schedule]\nsend_command = "digest email"\n')  # no recipients
    result = run_cli("--config", str(config), "schedule", "run", "send")
    assert result.returncode == 2
    status = run_cli("--config", str(config), "schedule", "status")
    assert "send   помилка" in status.stdout and "--to" in status.stdout
