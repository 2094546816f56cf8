"""``grantdigest sources``: the source registry and the health of each source."""

from __future__ import annotations

import sys

import click

from grantdigest.health import flag_label, source_health
from spiders.registry import load_registry


@click.group()
def sources():
    """Реєстр джерел. / The source registry."""


@sources.command("list")
def list_sources():
    """Показати всі джерела з реєстру. / List every registry source."""
    for s in load_registry():
        state = "так" if s.enabled else "ні"
        click.echo(f"{s.id:<26} {s.kind:<10} {s.language:<3} {s.frequency:<7} увімкнено: {state:<3} {s.name_uk}")


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


@sources.command("check")
@click.option("--registry", "registry_path", type=click.Path(dir_okay=False),
              help="Перевірити інший файл реєстру (типово spiders/sources.toml).")
@click.pass_obj
def check_sources(obj, registry_path):
    """Перевірити реєстр і показати стан кожного джерела за останнім збором.

    Validate the registry and show each source's health from its latest crawl:
    items, new items, completeness (title / URL / deadline), errors, flags.
    Exit code 2 if the registry is invalid, 1 if an enabled source is flagged.
    """
    registry = load_registry(registry_path)  # UserError (exit 2) names the entry and the field
    click.echo(f"реєстр гаразд: {len(registry)} джерел(а), родини: "
               + ", ".join(sorted({s.kind for s in registry})))
    with obj.store() as store:
        health = source_health(store, [s.id for s in registry], {s.id: s.enabled for s in registry})
    head = (f"{'джерело':<26} {'останній збір':<20} {'оголош.':>7} {'нові':>5} {'назва':>6} {'адреса':>6} "
            f"{'дедлайн':>7} {'помилки':>7}  стан")
    click.echo(head)
    click.echo("-" * len(head))
    flagged = []
    for h in health:
        run = h.last_run or {}
        c = h.completeness
        state = "гаразд" if h.ok else ", ".join(flag_label(f) for f in h.flags)
        if not h.enabled:
            state += " (вимкнено)"
        elif h.flags and h.flags != ["never_run"]:
            flagged.append(h)
        click.echo(f"{h.source_id:<26} {(run.get('started') or 'ще не збиралося')[:19]:<20} "
                   f"{run.get('items') or 0:>7} {run.get('new_items') or 0:>5} {_percent(c['title']):>6} "
                   f"{_percent(c['url']):>6} {_percent(c['deadline']):>7} {run.get('errors') or 0:>7}  {state}")
    for h in flagged:
        detail = (h.last_run or {}).get("error_text") or ""
        click.echo(f"увага: {h.source_id}: {', '.join(flag_label(f) for f in h.flags)}"
                   + (f" — {detail}" if detail else ""), err=True)
    if flagged:
        sys.exit(1)


COMMANDS = [sources]
