"""``grantdigest extract``: the extraction contract, one JSON object per input."""

from __future__ import annotations

import json

import click

from grantdigest.cli.common import as_of_option
from grantdigest.documents import load_document
from grantdigest.extract import extract as extract_fields
from grantdigest.timeutil import parse_date

OUTPUT_FIELDS = ("title", "is_call", "kind", "deadline", "opening_date", "amount_max", "currency",
                 "applicants", "regions", "themes", "programme")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@as_of_option
@click.pass_obj
def extract(obj, paths, as_of):
    """Прочитати поля оголошень із файлів HTML або тексту (JSON на рядок).

    Extract call fields from HTML or text files, one JSON object per line.
    """
    for path in paths:
        doc = load_document(path)
        found = extract_fields(doc.text, doc.title, published=parse_date(doc.published), as_of=as_of)
        row = {"path": path, **{k: getattr(found, k) for k in OUTPUT_FIELDS}}
        row["title"] = row["title"] or doc.title
        click.echo(json.dumps(row, ensure_ascii=False))


COMMANDS = [extract]
