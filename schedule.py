"""The scheduler entry point (APScheduler): ``python schedule.py [--config FILE] [--db FILE]``.

Same as ``grantdigest schedule start``. Jobs: the daily crawl of the sources
that are due (each as often as its registry ``frequency`` allows) followed by
the site build, and the weekly digest (default Monday 09:00 Europe/Kyiv); all
times in the ``[schedule]`` section of the config file. Each step runs as its
own process (Twisted's reactor cannot restart). The job store is SQLite, so a
restart neither loses nor doubles runs; SIGTERM stops it cleanly. See
``grantdigest/ops/scheduler.py`` and README "Operations".
"""

from __future__ import annotations

import sys


def build_scheduler(config=None):
    """A scheduler with its persistent job store (not started)."""
    from grantdigest.config import load_config
    from grantdigest.ops.scheduler import build_scheduler as build

    return build(config or load_config())


def main(argv: list[str] | None = None) -> None:
    from grantdigest.cli import main as cli_main

    cli_main(["schedule", "start", *(argv if argv is not None else sys.argv[1:])])


if __name__ == "__main__":
    main()
