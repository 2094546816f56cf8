"""Shared CLI plumbing: the lazily loaded configuration and option helpers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

import click

from grantdigest.config import Config, load_config
from grantdigest.timeutil import today_kyiv
from storage import Store


@dataclass
class Context:
    config_path: str | None = None
    db_override: str | None = None
    _config: Config | None = field(default=None, repr=False)

    @property
    def config(self) -> Config:
        if self._config is None:
            config = load_config(self.config_path)
            if self.db_override:
                config = replace(config, db_path=Path(self.db_override))
            self._config = config
        return self._config

    def store(self) -> Store:
        return Store(self.config.db_path)

    def as_of(self, value: dt.date | None) -> dt.date:
        return value or self.config.as_of or today_kyiv()


def parse_iso_date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' — очікується дата у форматі РРРР-ММ-ДД") from None


as_of_option = click.option("--as-of", callback=parse_iso_date, metavar="YYYY-MM-DD",
                            help="Дата, станом на яку рахувати статус (типово сьогодні, Київ).")
