"""``grantdigest eval``: score the extractor on a labelled folder (texts/*.txt + labels.jsonl)."""

from __future__ import annotations

import json
import sys

import click

from grantdigest.cli.common import as_of_option
from grantdigest.evaluation import evaluate, format_report


@click.command("eval")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("--html", "html_mode", is_flag=True,
              help="Читати кожен текст як HTML-сторінку з меню, бічною панеллю й футером. / Wrap each text in a noisy HTML page.")
@click.option("--both", is_flag=True, help="Обидва режими: текст і HTML. / Both modes: text and HTML.")
@click.option("--no-misses", is_flag=True, help="Лише підсумки, без переліку помилок. / Scores only.")
@click.option("--json", "as_json", is_flag=True, help="Результат як JSON. / Output JSON.")
@as_of_option
@click.pass_obj
def eval_command(obj, folder, html_mode, both, no_misses, as_json, as_of):
    """Оцінити видобування полів на розміченій теці (точність і F1 по полях, помилки).

    Score extraction on a labelled folder: per-field accuracy/F1 and the misses.
    """
    modes = ("text", "html") if both else (("html",) if html_mode else ("text",))
    day = obj.as_of(as_of)
    reports = []
    for mode in modes:
        def progress(done, total, mode=mode):
            if sys.stderr.isatty():
                click.echo(f"\r{mode}: {done}/{total}", err=True, nl=done == total)
        reports.append(evaluate(folder, mode, day, progress))
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in reports], ensure_ascii=False, indent=1))
        return
    click.echo(f"as-of: {day.isoformat()}")
    for report in reports:
        click.echo("")
        click.echo(format_report(report, show_misses=not no_misses))


COMMANDS = [eval_command]
