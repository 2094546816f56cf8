"""``grantdigest extract``: the extraction contract, one JSON object per input."""

from __future__ import annotations

import json
import sys

import click

from grantdigest.cli.common import as_of_option
from grantdigest.documents import load_document
from grantdigest.errors import UserError
from grantdigest.extract import extract as extract_fields
from grantdigest.timeutil import parse_date

OUTPUT_FIELDS = ("title", "is_call", "kind", "deadline", "opening_date", "amount_max", "currency",
                 "applicants", "regions", "themes", "programme")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=False))
@as_of_option
@click.pass_obj
def extract(obj, paths, as_of):
    """Прочитати поля оголошень із файлів HTML або тексту (JSON на рядок).

    Extract call fields from HTML or text files, one JSON object per line. A text file may
    start with a line "URL: <address>" and a blank line. A date without a year takes it from
    the page's publication date (metadata, the URL, a date in the text), else from --as-of.
    """
    day = obj.as_of(as_of)
    failed = 0
    for path in paths:
        try:
            doc = load_document(path)
        except UserError as exc:
            click.echo(f"помилка: {exc}", err=True)
            failed += 1
            continue
        found = extract_fields(doc.text, doc.title, published=parse_date(doc.published), as_of=day)
        row = {"path": path, **{k: getattr(found, k) for k in OUTPUT_FIELDS}}
        row["title"] = row["title"] or doc.title
        click.echo(json.dumps(row, ensure_ascii=False))
    if failed:
        sys.exit(1 if failed < len(paths) else 2)


COMMANDS = [extract]
