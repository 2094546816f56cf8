"""The ``grantdigest`` command: a thin click layer over the library.

Each command group lives in its own module and only parses options, calls
library functions and prints. Errors a user can fix are one line on stderr
with exit code 2; a failed crawl source gives exit code 1.
"""

from __future__ import annotations

import sys

import click

from grantdigest.cli.common import Context
from grantdigest.errors import UserError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="Файл конфігурації TOML (типово ./grantdigest.toml, або GRANTDIGEST_CONFIG).")
@click.option("--db", "db_path", type=click.Path(), help="Файл бази SQLite (перекриває GRANTDIGEST_DB).")
@click.version_option(package_name="grant-digest")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, db_path: str | None) -> None:
    """grant-digest: дайджест грантів і міжнародної технічної допомоги для громад.

    grant-digest: a digest of grants and international technical assistance for hromadas.
    """
    ctx.obj = Context(config_path=config_path, db_override=db_path)


def _register() -> None:
    from grantdigest.cli import (calls_cmd, crawl_cmd, demo_cmd, digest_cmd, eval_cmd, extract_cmd, schedule_cmd,
                                 sources_cmd, subscribers_cmd)
    from grantdigest.cli import calls_identity_cmd  # noqa: F401  (adds calls split/merge/sightings/reindex)
    from grantdigest.cli import calls_manual_cmd  # noqa: F401  (adds calls add/hide/unhide)

    for module in (calls_cmd, crawl_cmd, demo_cmd, digest_cmd, eval_cmd, extract_cmd, schedule_cmd, sources_cmd,
                   subscribers_cmd):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="grantdigest", standalone_mode=False)
    except UserError as exc:
        click.echo(f"помилка: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("перервано", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
