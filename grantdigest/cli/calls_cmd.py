"""``grantdigest calls``: look at the calls in the database.

Other modules add subcommands to the ``calls`` group (identity: split/merge;
manual work: add/hide) with ``calls.add_command``.
"""

from __future__ import annotations

import json

import click

from digest.present import format_amount, format_deadline
from grantdigest.cli.common import as_of_option
from grantdigest.status import compute_status


@click.group()
def calls():
    """Конкурси в базі. / Calls in the database."""


@calls.command("list")
@click.option("--all", "show_all", is_flag=True, help="Також закриті й приховані.")
@as_of_option
@click.pass_obj
def list_calls(obj, show_all, as_of):
    """Показати конкурси (типово — актуальні) за дедлайном. / List current calls by deadline."""
    day = obj.as_of(as_of)
    with obj.store() as store:
        rows = store.calls(include_hidden=show_all)
    for call in rows:
        call["status"] = compute_status(call.get("deadline"), call.get("deadline_at"), call.get("opening_date"), day)
    if not show_all:
        rows = [c for c in rows if c["status"] != "closed"]
    rows.sort(key=lambda c: c.get("deadline_at") or "9999")
    for call in rows:
        click.echo(f"{call['id']}  {format_deadline(call, 'uk') or '—':<24} {call['status']:<12} "
                   f"{format_amount(call.get('amount_max'), call.get('currency'), 'uk') or '—':<18} {call.get('title') or ''}")


@calls.command("show")
@click.argument("call_id")
@click.pass_obj
def show_call(obj, call_id):
    """Показати один конкурс з усіма його появами (JSON). / Show one call with its sightings (JSON)."""
    with obj.store() as store:
        call = store.call(call_id)
        if call is None:
            raise click.BadParameter(f"конкурсу '{call_id}' немає в базі (див. `grantdigest calls list --all`)",
                                     param_hint="CALL_ID")
        call["sightings"] = [{k: s.get(k) for k in ("source_id", "url", "title", "fetched_at", "last_seen", "deadline")}
                             for s in store.sightings_of(call_id)]
        call["events"] = store.events(call_id)
    click.echo(json.dumps(call, ensure_ascii=False, indent=2))


COMMANDS = [calls]
