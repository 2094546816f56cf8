"""``grantdigest crawl``: an ad-hoc or scheduled crawl of registry sources."""

from __future__ import annotations

import sys

import click

from grantdigest.cli.common import as_of_option, parse_iso_date
from grantdigest.crawl import CrawlSummary, run_crawl
from grantdigest.health import flag_label


def summary_lines(summary: CrawlSummary) -> list[str]:
    """The closing table: one line per source (items, new, errors, state)."""
    head = f"{'джерело':<26} {'запити':>6} {'оголош.':>7} {'нові':>5} {'відсіяно':>8} {'помилки':>7}  стан"
    lines = [head, "-" * len(head)]
    for row in summary.rows:
        flags = row.get("flags") or []
        state = "гаразд" if not flags else ", ".join(flag_label(f) for f in flags)
        lines.append(f"{row['source_id']:<26} {row.get('requests') or 0:>6} {row.get('items') or 0:>7} "
                     f"{row.get('new_items') or 0:>5} {row.get('filtered') or 0:>8} {row.get('errors') or 0:>7}"
                     f"  {state}")
    total = lambda key: sum(r.get(key) or 0 for r in summary.rows)  # noqa: E731
    lines.append("-" * len(head))
    lines.append(f"{'разом':<26} {total('requests'):>6} {total('items'):>7} {total('new_items'):>5} "
                 f"{total('filtered'):>8} {total('errors'):>7}")
    return lines


def print_summary(summary: CrawlSummary) -> None:
    for line in summary_lines(summary):
        click.echo(line)
    for row in summary.failed:
        click.echo(f"увага: {row['source_id']}: {row.get('error_text') or row.get('finish_reason')}", err=True)


@click.command()
@click.option("--source", "source_ids", multiple=True, metavar="ID",
              help="Джерело з реєстру (можна кілька); типово всі ввімкнені.")
@click.option("--since", callback=parse_iso_date, metavar="YYYY-MM-DD",
              help="Лише оголошення, опубліковані чи змінені від цієї дати.")
@click.option("--refetch", is_flag=True,
              help="Завантажити й сторінки, що не змінилися (наприклад, після оновлення вилучення полів).")
@click.option("--replay", "replay_url", metavar="URL",
              help="Надсилати запити на локальний replay-сервер (лише для демо й тестів, 127.0.0.1).")
@as_of_option
@click.pass_obj
def crawl(obj, source_ids, since, refetch, replay_url, as_of):
    """Зібрати оголошення з джерел (живі сайти; --replay — із записів).

    Прогрес — у stderr, підсумкова таблиця — у stdout; код виходу 1, якщо
    хоч одне джерело дало помилку (решта все одно зібрані).

    Crawl the sources (live sites; --replay for recorded responses). Exit code 1
    if any source failed; the others are collected anyway.
    """
    summary = run_crawl(obj.config, list(source_ids) or None, obj.as_of(as_of), replay_url, since,
                        {"GRANTDIGEST_REFETCH": True} if refetch else None)
    print_summary(summary)
    if summary.failed:
        sys.exit(1)


COMMANDS = [crawl]
