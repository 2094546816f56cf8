"""``grantdigest sources``: the source registry."""

from __future__ import annotations

import click

from spiders.registry import load_registry


@click.group()
def sources():
    """Реєстр джерел. / The source registry."""


@sources.command("list")
def list_sources():
    """Показати всі джерела з реєстру. / List every registry source."""
    for s in load_registry():
        state = "так" if s.enabled else "ні"
        click.echo(f"{s.id:<28} {s.family:<7} {s.language:<3} {s.frequency:<7} увімкнено: {state:<3} {s.name_uk}")


COMMANDS = [sources]
