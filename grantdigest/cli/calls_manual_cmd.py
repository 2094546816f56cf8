"""``grantdigest calls add`` / ``hide`` / ``unhide``: staff step in by hand.

Added to the ``calls`` group of ``calls_cmd`` with ``calls.add_command``.
"""

from __future__ import annotations

import click

from digest.present import format_amount, format_deadline
from grantdigest.cli.calls_cmd import calls
from grantdigest.cli.common import as_of_option
from grantdigest.errors import UserError
from grantdigest.ops.manual import add_call, check_url, hide_call, item_from_letter, item_from_page, parse_deadline, unhide_call

SHOWN = (("title", "Назва"), ("deadline", "Дедлайн"), ("amount", "Сума"), ("programme", "Програма"),
         ("applicants", "Заявники"), ("regions", "Регіони"), ("themes", "Теми"), ("kind", "Вид"),
         ("url", "Адреса"))


def _show(call: dict) -> None:
    values = {**call, "deadline": format_deadline(call, "uk"),
              "amount": format_amount(call.get("amount_max"), call.get("currency"), "uk")}
    for key, label in SHOWN:
        value = values.get(key)
        if isinstance(value, list):
            value = ", ".join(value)
        click.echo(f"  {label + ':':<10} {value if value not in (None, '') else '—'}")


@click.command("add")
@click.argument("url", required=False)
@click.option("--title", help="Назва (для конкурсу з листа; для URL — замість прочитаної).")
@click.option("--deadline", help="Дедлайн: РРРР-ММ-ДД або ДД.ММ.РРРР (або rolling).")
@click.option("--url", "url_option", metavar="URL", help="Адреса оголошення (для конкурсу з листа чи зустрічі).")
@click.option("--text", help="Опис або умови (для конкурсу з листа).")
@click.option("--programme", help="Програма або донор.")
@click.option("--replay", "replay_url", metavar="URL",
              help="Завантажувати через локальний replay-сервер (лише тести й демо, 127.0.0.1).")
@click.option("--dry-run", is_flag=True, help="Лише показати, що прочитано, не зберігати.")
@as_of_option
@click.pass_obj
def add(obj, url, title, deadline, url_option, text, programme, replay_url, dry_run, as_of):
    """Додати конкурс вручну: за адресою сторінки (URL) або з листа (--title --deadline --url).

    Add a call by hand: fetch and read a page (URL), or type in one that came by letter.
    """
    day = obj.as_of(as_of)
    overrides = {"programme": programme, "deadline": parse_deadline(deadline)}
    if url and url_option:
        raise UserError("вкажіть адресу один раз: або аргументом URL, або --url")
    if url:
        from grantdigest.ops.fetch import fetch_page  # noqa: PLC0415  (Scrapy: only when fetching)

        click.echo(f"Завантажую {url} …", err=True)
        page = fetch_page(obj.config, check_url(url), replay_url)
        item = item_from_page(page, {**overrides, "title": title, "text": text})
    elif url_option or title or deadline:
        missing = [name for name, value in (("--title", title), ("--deadline", deadline), ("--url", url_option))
                   if not value]
        if missing:
            raise UserError(f"для конкурсу з листа потрібні --title, --deadline і --url; бракує {', '.join(missing)}")
        item = item_from_letter(title, deadline, url_option, text, overrides)
    else:
        raise UserError("вкажіть URL сторінки або --title, --deadline і --url (див. `grantdigest calls add --help`)")
    if dry_run:
        from grantdigest.ingest import classify_item  # noqa: PLC0415

        click.echo("Прочитано (не збережено, --dry-run):")
        _show(classify_item(item, day))
        return
    with obj.store() as store:
        added = add_call(store, item, day)
    state = "новий конкурс" if added.result.new and added.call.get("first_seen") == added.call.get("last_seen") \
        else "додано до наявного конкурсу"
    click.echo(f"Збережено як ручну появу ({state}): {added.call['id']}")
    _show(added.call)


@click.command("hide")
@click.argument("call_id")
@click.option("--reason", required=True, help="Чому приховано (зберігається в історії конкурсу).")
@click.pass_obj
def hide(obj, call_id, reason):
    """Прибрати конкурс із дайджестів і сайту (дані лишаються). / Hide a call from digests; data stays."""
    with obj.store() as store:
        call = hide_call(store, call_id, reason)
    click.echo(f"Приховано: {call_id} — {call.get('title') or ''} (причина: {call.get('hidden_reason')})")


@click.command("unhide")
@click.argument("call_id")
@click.pass_obj
def unhide(obj, call_id):
    """Повернути прихований конкурс у дайджести. / Show a hidden call again."""
    with obj.store() as store:
        call = unhide_call(store, call_id)
    click.echo(f"Знову показується: {call_id} — {call.get('title') or ''}")


for _command in (add, hide, unhide):
    calls.add_command(_command)

COMMANDS: list = []  # subcommands of `calls`, registered above
