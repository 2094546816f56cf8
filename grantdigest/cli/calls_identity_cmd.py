"""``grantdigest calls split | merge | sightings``: correct the identity of calls.

Adds subcommands to the ``calls`` group; the work is in
``grantdigest.dedupe.decisions``.
"""

from __future__ import annotations

import click

from grantdigest.cli.calls_cmd import calls
from grantdigest.cli.common import as_of_option
from grantdigest.dedupe.decisions import live_call, merge_calls, split_call


@calls.command("sightings")
@click.argument("call_id")
@click.pass_obj
def list_sightings(obj, call_id):
    """Появи конкурсу: id, джерело, правило ідентичності, адреса. / A call's sightings and why they are one call."""
    with obj.store() as store:
        call = live_call(store, call_id)
        rows = store.sightings_of(call["id"])
    if call["id"] != call_id:
        click.echo(f"{call_id} об'єднано з {call['id']}", err=True)
    for s in rows:
        rule = s.get("identity_rule") or "—"
        click.echo(f"{s['id']}  {s['source_id']:<22} {rule:<20} {s['url']}")


@calls.command("split")
@click.argument("call_id")
@click.argument("sightings", nargs=-1, required=True)
@click.option("--note", help="Чому (зберігається з рішенням).")
@as_of_option
@click.pass_obj
def split(obj, call_id, sightings, note, as_of):
    """Відокремити появи (id або URL) в окремий конкурс; наступні збори це враховують.

    Split sightings (by id or URL) off into a call of their own; later crawls respect it.
    """
    with obj.store() as store:
        new_id = split_call(store, call_id, list(sightings), obj.as_of(as_of), note)
    click.echo(f"відокремлено {len(sightings)} поява(и) з {call_id} у новий конкурс {new_id}")


@calls.command("merge")
@click.argument("call_ids", nargs=-1, required=True)
@click.option("--note", help="Чому (зберігається з рішенням).")
@as_of_option
@click.pass_obj
def merge(obj, call_ids, note, as_of):
    """Об'єднати конкурси в перший із названих; наступні збори це враховують.

    Merge calls into the first one named; later crawls respect it.
    """
    with obj.store() as store:
        target = merge_calls(store, list(call_ids), obj.as_of(as_of), note)
    click.echo(f"об'єднано в {target}: {', '.join(c for c in call_ids if c != target)}")


@calls.command("reindex")
@click.pass_obj
def reindex_calls(obj):
    """Перебудувати індекс ідентичності (після оновлення правил); конкурси не змінюються.

    Rebuild the identity index of stored sightings (after an upgrade); calls stay as they are.
    """
    from grantdigest.dedupe.reindex import reindex

    with obj.store() as store:
        count = reindex(store, lambda n: click.echo(f"… {n}", err=True))
    click.echo(f"переіндексовано появ: {count}")


COMMANDS: list = []   # the commands live in the ``calls`` group
