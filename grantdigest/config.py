"""Configuration: one TOML file, overridden by environment variables.

Lookup order (later wins): built-in defaults, the file named by ``--config``
or ``GRANTDIGEST_CONFIG`` (or ``./grantdigest.toml`` when present), then
``GRANTDIGEST_*`` environment variables. Secrets (SMTP password) belong in
the environment. See README "Configuration".
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from grantdigest.errors import UserError

DEFAULT_CONFIG_FILE = "grantdigest.toml"


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "localhost"
    port: int = 25
    security: str = "none"  # none | starttls | ssl
    user: str = ""
    password: str = ""
    sender: str = "grant-digest <digest@localhost>"
    rate_per_minute: int = 60  # 0: no limit


@dataclass(frozen=True)
class DigestSettings:
    """The weekly email (section ``[digest]``); the unsubscribe secret belongs in the environment."""

    empty_week: str = "note"          # note: send a short "nothing new" message | skip: send nothing
    max_email_bytes: int = 80_000     # Gmail clips at 102 KB: longer lists are cut, with a link to the site
    list_id: str = "grant-digest.digest.local"
    unsubscribe_url: str = ""         # one-click endpoint (RFC 8058); default: <site_url>unsubscribe
    unsubscribe_mailto: str = ""      # e.g. unsubscribe@example.org (optional second method)
    unsubscribe_secret: str = ""      # HMAC key for unsubscribe tokens: GRANTDIGEST_UNSUBSCRIBE_SECRET


@dataclass(frozen=True)
class ScheduleSettings:
    """When the scheduler (``schedule.py``) runs its jobs; see README "Operations"."""

    timezone: str = "Europe/Kyiv"
    crawl_time: str = "06:00"           # daily crawl of the sources that are due; the site is built after it
    send_day: str = "mon"               # weekly digest: day of week (mon..sun)
    send_time: str = "09:00"
    send_command: str = "digest send"   # the grantdigest command that sends the weekly digest
    send_to: tuple = ()                 # appended as --to ADDR each (only for `digest email`)
    lock_wait: int = 3600               # a scheduled crawl waits this long for a running ad-hoc crawl
    misfire_grace: int = 43200          # a job missed while the server was down still runs within this many seconds
    stop_timeout: int = 120             # on SIGTERM, wait this long for a running crawl to stop cleanly
    jobstore: str = ""                  # SQLite file of the job store; default: scheduler.db next to the database


@dataclass(frozen=True)
class Config:
    db_path: Path = Path("data/grantdigest.db")
    site_dir: Path = Path("out/site")
    site_url: str = "http://localhost:8000/"
    contact: str = "grant-digest operator (set GRANTDIGEST_CONTACT)"
    language: str = "uk"
    as_of: dt.date | None = None
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    digest: DigestSettings = field(default_factory=DigestSettings)
    lock_wait: int = 0  # seconds a crawl waits for another crawl's lock (0: exit at once, code 75)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    source: Path | None = None  # the config file that was read, if any


# environment variable -> (section, key); section "" is the top level.
ENV_KEYS = {
    "GRANTDIGEST_DB": ("", "db_path"),
    "GRANTDIGEST_SITE_DIR": ("", "site_dir"),
    "GRANTDIGEST_SITE_URL": ("", "site_url"),
    "GRANTDIGEST_CONTACT": ("", "contact"),
    "GRANTDIGEST_LANG": ("", "language"),
    "GRANTDIGEST_AS_OF": ("", "as_of"),
    "GRANTDIGEST_SMTP_HOST": ("smtp", "host"),
    "GRANTDIGEST_SMTP_PORT": ("smtp", "port"),
    "GRANTDIGEST_SMTP_SECURITY": ("smtp", "security"),
    "GRANTDIGEST_SMTP_USER": ("smtp", "user"),
    "GRANTDIGEST_SMTP_PASSWORD": ("smtp", "password"),
    "GRANTDIGEST_SMTP_FROM": ("smtp", "sender"),
    "GRANTDIGEST_SMTP_RATE": ("smtp", "rate_per_minute"),
    "GRANTDIGEST_EMPTY_WEEK": ("digest", "empty_week"),
    "GRANTDIGEST_MAX_EMAIL_BYTES": ("digest", "max_email_bytes"),
    "GRANTDIGEST_UNSUBSCRIBE_URL": ("digest", "unsubscribe_url"),
    "GRANTDIGEST_UNSUBSCRIBE_MAILTO": ("digest", "unsubscribe_mailto"),
    "GRANTDIGEST_UNSUBSCRIBE_SECRET": ("digest", "unsubscribe_secret"),
    "GRANTDIGEST_LOCK_WAIT": ("", "lock_wait"),
    "GRANTDIGEST_SCHEDULE_TZ": ("schedule", "timezone"),
    "GRANTDIGEST_SCHEDULE_CRAWL_TIME": ("schedule", "crawl_time"),
    "GRANTDIGEST_SCHEDULE_SEND_DAY": ("schedule", "send_day"),
    "GRANTDIGEST_SCHEDULE_SEND_TIME": ("schedule", "send_time"),
    "GRANTDIGEST_SCHEDULE_SEND_COMMAND": ("schedule", "send_command"),
    "GRANTDIGEST_SCHEDULE_SEND_TO": ("schedule", "send_to"),
    "GRANTDIGEST_SCHEDULE_LOCK_WAIT": ("schedule", "lock_wait"),
    "GRANTDIGEST_SCHEDULE_MISFIRE_GRACE": ("schedule", "misfire_grace"),
    "GRANTDIGEST_SCHEDULE_JOBSTORE": ("schedule", "jobstore"),
}
CHOICES = {"security": ("none", "starttls", "ssl"), "empty_week": ("note", "skip")}
SECTIONS = ("smtp", "digest", "schedule")


def _coerce(name: str, value, kind, where: str):
    try:
        if kind is int or kind == "int":
            return int(value)
        if kind is tuple or kind == "tuple":  # a TOML list, or comma-separated in the environment
            items = value.split(",") if isinstance(value, str) else list(value)
            return tuple(str(v).strip() for v in items if str(v).strip())
        if name in ("db_path", "site_dir"):
            return Path(value)
        if name == "as_of":
            return None if value in (None, "") else (value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)))
        if name in CHOICES and str(value) not in CHOICES[name]:
            raise ValueError(f"очікується одне з: {', '.join(CHOICES[name])}")
        return str(value)
    except (TypeError, ValueError) as exc:
        raise UserError(f"неправильне значення {name}={value!r} у {where}: {exc}") from None


def _apply(obj, values: dict, where: str):
    known = {f.name: f for f in fields(obj)}
    changes = {}
    for key, value in values.items():
        if key not in known or key in (*SECTIONS, "source"):
            raise UserError(f"невідомий параметр '{key}' у {where}; відомі: {', '.join(sorted(known))}")
        changes[key] = _coerce(key, value, known[key].type, where)
    return replace(obj, **changes)


def load_config(path: str | Path | None = None, env: dict | None = None) -> Config:
    env = os.environ if env is None else env
    explicit = path or env.get("GRANTDIGEST_CONFIG")
    file_path = Path(explicit) if explicit else Path(DEFAULT_CONFIG_FILE)
    config = Config()
    if explicit and not file_path.is_file():
        raise UserError(f"файл конфігурації не знайдено: {file_path} (перевірте --config або GRANTDIGEST_CONFIG)")
    if file_path.is_file():
        try:
            data = tomllib.loads(file_path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UserError(f"не вдалося прочитати {file_path}: {exc}") from None
        sections = {name: data.pop(name, {}) for name in SECTIONS}
        config = _apply(config, data, str(file_path))
        config = replace(config, source=file_path, **{
            name: _apply(getattr(config, name), values, f"{file_path} [{name}]") for name, values in sections.items()})
    values: dict[str, dict] = {"": {}, **{name: {} for name in SECTIONS}}
    for var, (section, key) in ENV_KEYS.items():
        if var in env and env[var] != "":
            values[section][key] = env[var]
    config = _apply(config, values.pop(""), "змінних середовища")
    return replace(config, **{name: _apply(getattr(config, name), section_values, "змінних середовища")
                              for name, section_values in values.items()})
