"""``grantdigest crawl``: an ad-hoc or scheduled crawl of registry sources."""

from __future__ import annotations

import sys

import click

from grantdigest.cli.common import as_of_option
from grantdigest.crawl import CrawlSummary, run_crawl


def print_summary(summary: CrawlSummary) -> None:
    click.echo(f"{'джерело':<28} {'запити':>7} {'оголош.':>8} {'нові':>5} {'помилки':>8}")
    for row in summary.rows:
        click.echo(f"{row['source_id']:<28} {row.get('requests') or 0:>7} {row.get('items') or 0:>8} "
                   f"{row.get('new_items') or 0:>5} {row.get('errors') or 0:>8}")
    for row in summary.failed:
        click.echo(f"увага: {row['source_id']}: {row.get('error_text') or row.get('finish_reason')}", err=True)


@click.command()
@click.option("--source", "source_ids", multiple=True, metavar="ID",
              help="Джерело з реєстру (можна кілька); типово всі ввімкнені.")
@click.option("--replay", "replay_url", metavar="URL",
              help="Надсилати запити на локальний replay-сервер (лише для демо й тестів, 127.0.0.1).")
@as_of_option
@click.pass_obj
def crawl(obj, source_ids, replay_url, as_of):
    """Зібрати оголошення з джерел (живі сайти; --replay — із записів).

    Crawl the sources (live sites; --replay for recorded responses).
    """
    summary = run_crawl(obj.config, list(source_ids) or None, obj.as_of(as_of), replay_url)
    print_summary(summary)
    if summary.failed:
        sys.exit(1)


COMMANDS = [crawl]
