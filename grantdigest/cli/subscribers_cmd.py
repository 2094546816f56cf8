"""``grantdigest subscribers``: who receives the weekly email."""

from __future__ import annotations

import sys

import click

from digest.subscribers import add_subscriber, import_csv
from digest.unsubscribe import require_secret, unsubscribe as unsubscribe_token
from grantdigest import vocab
from grantdigest.errors import UserError


@click.group()
def subscribers():
    """Підписники щотижневого листа. / Subscribers of the weekly email."""


@subscribers.command("add")
@click.argument("email")
@click.option("--hromada", required=True, help="Назва громади (або установи).")
@click.option("--oblast", default="", help="Область: код ISO 3166-2:UA, напр. UA-46.")
@click.option("--katottg", default="", help="Код громади за КАТОТТГ (необов'язково), напр. UA46060250000025047.")
@click.option("--applicant", "applicants", multiple=True, type=click.Choice(list(vocab.APPLICANTS)),
              help="Хто подається (можна кілька).")
@click.option("--theme", "themes", multiple=True, type=click.Choice(list(vocab.THEMES)), help="Теми (можна кілька).")
@click.option("--lang", "language", type=click.Choice(["uk", "en"]), default="uk", show_default=True)
@click.option("--inactive", is_flag=True, help="Додати, але не надсилати.")
@click.pass_obj
def add(obj, email, hromada, oblast, katottg, applicants, themes, language, inactive):
    """Додати або оновити підписника. / Add or update a subscriber."""
    with obj.store() as store:
        row, created = add_subscriber(store, {"email": email, "hromada": hromada, "oblast": oblast,
                                              "katottg": katottg, "applicants": list(applicants),
                                              "themes": list(themes), "language": language,
                                              "active": not inactive})
    click.echo(f"{'Додано' if created else 'Оновлено'}: {row['email']} ({row['hromada']}, {row['oblast']})")


@subscribers.command("list")
@click.option("--active", "active_only", is_flag=True, help="Лише активні.")
@click.pass_obj
def list_subscribers(obj, active_only):
    """Показати підписників. / List subscribers."""
    with obj.store() as store:
        rows = store.subscribers(active_only=active_only)
    for row in rows:
        flags = "" if row["active"] else "  [неактивний]"
        interests = ",".join((row.get("applicants") or []) + (row.get("themes") or [])) or "—"
        click.echo(f"{row['id']:>5}  {row['email']:<36} {row['oblast'] or '—':<6} {row['language']}  "
                   f"{interests:<30} {row['hromada']}{flags}")
    click.echo(f"Усього: {len(rows)}", err=True)


@subscribers.command("import")
@click.argument("csv_file", type=click.Path(dir_okay=False))
@click.pass_obj
def import_cmd(obj, csv_file):
    """Імпортувати підписників із CSV (погані рядки — у stderr з номером рядка).

    Import subscribers from CSV: columns email, hromada, oblast, katottg, applicants, themes, language, active.
    """
    with obj.store() as store:
        report = import_csv(store, csv_file)
    for line, message in report.errors:
        click.echo(f"{csv_file}:{line}: {message}", err=True)
    note = f" (кодування {report.encoding})" if report.encoding != "utf-8" else ""
    click.echo(f"Додано: {report.added}, оновлено: {report.updated}, з помилками: {len(report.errors)}{note}")
    if report.errors:
        sys.exit(1)


@subscribers.command("remove")
@click.argument("email")
@click.pass_obj
def remove(obj, email):
    """Видалити підписника. / Remove a subscriber."""
    with obj.store() as store:
        if not store.remove_subscriber(email.strip()):
            raise UserError(f"підписника {email} немає (див. `grantdigest subscribers list`)")
    click.echo(f"Видалено: {email}")


@subscribers.command("unsubscribe")
@click.argument("token")
@click.pass_obj
def unsubscribe(obj, token):
    """Відписати за токеном із посилання List-Unsubscribe. / Unsubscribe by the token of a List-Unsubscribe link."""
    secret = require_secret(obj.config.digest.unsubscribe_secret)
    with obj.store() as store:
        row = unsubscribe_token(store, secret, token)
    if row is None:
        raise UserError("недійсний токен відписки (перевірте посилання повністю)")
    click.echo(f"Відписано: {row['email']}")


@subscribers.command("serve-unsubscribe")
@click.option("--host", default="127.0.0.1", show_default=True, help="Адреса (за зворотним проксі з HTTPS).")
@click.option("--port", default=8025, show_default=True, type=click.IntRange(1, 65535))
@click.pass_obj
def serve_unsubscribe(obj, host, port):
    """Сервіс відписки в один клік (RFC 8058) для посилань List-Unsubscribe.

    The one-click unsubscribe endpoint (RFC 8058) behind the List-Unsubscribe links:
    POST unsubscribes; GET only shows a confirmation button (mail scanners open links).
    """
    from waitress import create_server

    from digest.unsubscribe_app import UnsubscribeApp

    secret = require_secret(obj.config.digest.unsubscribe_secret)
    with obj.store():  # the database opens (and is migrated) now, not at the first request
        pass
    app = UnsubscribeApp(obj.config.db_path, secret)
    try:
        server = create_server(app, host=host, port=port, threads=4, ident="grant-digest")
    except OSError as exc:
        raise UserError(f"не вдалося слухати {host}:{port}: {exc.strerror} (оберіть інший --port або зупиніть"
                        " програму, що його зайняла)") from None
    click.echo(f"Сервіс відписки: http://{host}:{port}/unsubscribe (Ctrl+C — зупинити)", err=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass


COMMANDS = [subscribers]
