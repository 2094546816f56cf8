"""``grantdigest digest``: build the static site, compose and send the email."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from digest.email import compose_email, write_eml
from digest.export import export_docx
from digest.select import DigestFilter, build_digest
from digest.send import send_messages, send_weekly
from digest.site import build_site
from digest.strings import LANGUAGES
from grantdigest import vocab
from grantdigest.cli.common import as_of_option


@click.group()
def digest():
    """Дайджест: сайт і лист. / The digest: site and email."""


def _exit_if_failed(report) -> None:
    """Each refused recipient on stderr, and exit 1 if there was one."""
    for recipient, reason in report.failed:
        click.echo(f"не надіслано {recipient}: {reason}", err=True)
    if report.failed:
        sys.exit(1)


@digest.command("build")
@click.argument("out_dir", required=False, type=click.Path(file_okay=False))
@as_of_option
@click.pass_obj
def build(obj, out_dir, as_of):
    """Зібрати статичний сайт дайджесту в OUT_DIR. / Build the static site into OUT_DIR."""
    out = Path(out_dir) if out_dir else obj.config.site_dir
    with obj.store() as store:
        result = build_site(store, out, obj.as_of(as_of), obj.config.site_url)
    click.echo(f"Сайт: {result.index} ({result.calls} конкурсів, {result.pages} сторінок)")


@digest.command("email")
@click.option("--to", "recipients", multiple=True, required=True, metavar="ADDR", help="Адреса отримувача (можна кілька).")
@click.option("--out", "out_path", type=click.Path(dir_okay=False),
              help="Записати лист у файл .eml замість надсилання (один отримувач).")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Мова листа (типово з конфігурації).")
@as_of_option
@click.pass_obj
def email(obj, recipients, out_path, lang, as_of):
    """Скласти лист дайджесту і надіслати через SMTP або записати .eml.

    Compose the digest email and send it via SMTP or write it as .eml.
    """
    config = obj.config
    day = obj.as_of(as_of)
    with obj.store() as store:
        view = build_digest(store, day, lang or config.language, with_sources=False)
        messages = [(to, compose_email(view, to, config.smtp.sender, config.site_url)) for to in recipients]
        if out_path:
            if len(messages) != 1:
                raise click.UsageError("--out приймає один --to; для кількох адрес надсилайте через SMTP")
            click.echo(f"Лист: {write_eml(messages[0][1], out_path)}")
            return
        report = send_messages(store, f"email:{view.period}:{view.lang}", messages, config.smtp)
    click.echo(f"Надіслано: {len(report.sent)}, пропущено (вже надіслано): {len(report.skipped)}, "
               f"помилок: {len(report.failed)}")
    _exit_if_failed(report)


@digest.command("send")
@click.option("--dry-run", "dry_run", type=click.Path(file_okay=False), metavar="OUTDIR",
              help="Записати листи як .eml у OUTDIR замість надсилання (нічого не позначає як надіслане).")
@as_of_option
@click.pass_obj
def send(obj, dry_run, as_of):
    """Щотижнева розсилка: кожному підписнику — лише його конкурси, рівно один раз.

    The weekly send: each subscriber gets only their calls, exactly once. Re-running
    after a crash sends only what is missing.
    """
    config = obj.config
    day = obj.as_of(as_of)
    count = {"n": 0}

    def progress(recipient, state):
        count["n"] += 1
        if count["n"] % 50 == 0 or state == "failed":
            click.echo(f"  … {count['n']}: {recipient} — {state}", err=True)

    with obj.store() as store:
        report = send_weekly(store, config, day, dry_run, progress)
    if dry_run:
        click.echo(f"Записано листів: {len(report.written)} у {dry_run}; вже надіслано раніше: {len(report.skipped)}, "
                   f"без листа (порожній тиждень): {len(report.empty)}; найбільший: {report.largest} байт")
        return
    click.echo(f"Надіслано: {len(report.sent)}, пропущено (вже надіслано): {len(report.skipped)}, "
               f"без листа (порожній тиждень): {len(report.empty)}, помилок: {len(report.failed)}")
    _exit_if_failed(report)


def _codes(values: tuple[str, ...], table: dict, option: str) -> tuple[str, ...]:
    unknown = [v for v in values if v not in table]
    if unknown:
        raise click.BadParameter(f"невідомий код {', '.join(unknown)}; можливі: {', '.join(table)}", param_hint=option)
    return values


@digest.command("export")
@click.argument("out_file", type=click.Path(dir_okay=False))
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, help="Мова документа (типово з конфігурації).")
@click.option("--oblast", "oblasts", multiple=True, metavar="UA-NN", help="Лише конкурси для цієї області (можна кілька).")
@click.option("--applicant", "applicants", multiple=True, metavar="TYPE",
              help="Лише для цих заявників: local_authority, ngo, business, public_institution, individual.")
@click.option("--theme", "themes", multiple=True, metavar="THEME", help="Лише ці теми (див. README).")
@as_of_option
@click.pass_obj
def export(obj, out_file, lang, oblasts, applicants, themes, as_of):
    """Дайджест тижня як документ Word (.docx), щоб переслати чи надрукувати.

    The week's digest as a Word document (.docx) to forward or print.
    """
    if not out_file.lower().endswith(".docx"):
        raise click.BadParameter("файл має закінчуватися на .docx", param_hint="OUT_FILE")
    flt = DigestFilter(regions=_codes(oblasts, vocab.REGIONS, "--oblast"),
                       applicants=_codes(applicants, vocab.APPLICANTS, "--applicant"),
                       themes=_codes(themes, vocab.THEMES, "--theme"))
    lang = lang or obj.config.language
    audience = ", ".join(vocab.label(vocab.REGIONS, code, lang) for code in flt.regions)
    with obj.store() as store:
        view = build_digest(store, obj.as_of(as_of), lang, flt, with_sources=False)
    path = export_docx(view, out_file, obj.config.site_url, audience)
    click.echo(f"Документ: {path} ({view.count} конкурсів)")


COMMANDS = [digest]
