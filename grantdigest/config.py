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
class Config:
    db_path: Path = Path("data/grantdigest.db")
    site_dir: Path = Path("out/site")
    site_url: str = "http://localhost:8000/"
    contact: str = "grant-digest operator (set GRANTDIGEST_CONTACT)"
    language: str = "uk"
    as_of: dt.date | None = None
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    digest: DigestSettings = field(default_factory=DigestSettings)
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
}
CHOICES = {"security": ("none", "starttls", "ssl"), "empty_week": ("note", "skip")}


def _coerce(name: str, value, kind, where: str):
    try:
        if kind is int or kind == "int":
            return int(value)
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
        if key not in known or key in ("smtp", "digest", "source"):
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
        smtp_values = data.pop("smtp", {})
        digest_values = data.pop("digest", {})
        config = _apply(config, data, str(file_path))
        config = replace(config, smtp=_apply(config.smtp, smtp_values, f"{file_path} [smtp]"),
                         digest=_apply(config.digest, digest_values, f"{file_path} [digest]"), source=file_path)
    sections: dict[str, dict] = {"": {}, "smtp": {}, "digest": {}}
    for var, (section, key) in ENV_KEYS.items():
        if var in env and env[var] != "":
            sections[section][key] = env[var]
    config = _apply(config, sections[""], "змінних середовища")
    return replace(config, smtp=_apply(config.smtp, sections["smtp"], "змінних середовища"),
                   digest=_apply(config.digest, sections["digest"], "змінних середовища"))
