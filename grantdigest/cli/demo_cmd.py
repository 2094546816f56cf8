"""``grantdigest demo``: the offline demo on the bundled snapshots."""

from __future__ import annotations

import click

from grantdigest.cli.crawl_cmd import print_summary
from grantdigest.demo import DEMO_AS_OF, run_demo


@click.command()
@click.option("--out", "out_dir", default="out/demo", show_default=True, type=click.Path(file_okay=False),
              help="Куди записати базу, сайт і лист демо.")
@click.pass_obj
def demo(obj, out_dir):
    """Офлайн-демо: записані відповіді сайтів → збір → база → сайт і лист.

    Offline demo: recorded responses -> crawl -> database -> site and email.
    """
    click.echo(f"Демо станом на {DEMO_AS_OF:%d.%m.%Y}: локальний replay-сервер 127.0.0.1, без мережі.")
    result = run_demo(out_dir, obj.config)
    print_summary(result.crawl)
    click.echo("")
    click.echo(f"База даних:  {result.db}")
    click.echo(f"Сайт:        {result.site.index}  ({result.site.calls} актуальних конкурсів)")
    click.echo(f"Лист (.eml): {result.eml}")
    if result.docx is not None:
        click.echo(f"Документ (.docx, щоб переслати): {result.docx}")
    if result.weekly is not None:
        click.echo(f"Щотижневі листи підписникам (.eml, не надіслано): {result.weekly_dir}/ "
                   f"({len(result.weekly.written)}, найбільший {result.weekly.largest // 1024} КБ)")
        click.echo(f"Стрічки й календарі: {result.site.index.parent / 'feeds.html'}, архів: "
                   f"{result.site.index.parent / 'digest' / 'index.html'}")
    click.echo("")
    click.echo("Як відкрити / How to open:")
    click.echo(f"  сайт: відкрийте file://{result.site.index} у браузері,")
    click.echo(f"        або: python3 -m http.server -d {result.site.index.parent} 8000 → http://127.0.0.1:8000/")
    click.echo(f"  лист: відкрийте {result.eml} у поштовій програмі (Thunderbird, Outlook)")


COMMANDS = [demo]
