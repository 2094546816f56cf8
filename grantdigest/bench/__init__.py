"""Benchmarks (``make bench``): each module in BENCHMARKS measures one stage and
returns a Markdown section; the runner writes them into BENCHMARKS.md with the
machine and the date. ``python -m grantdigest.bench NAME ...`` runs only some;
sections of benchmarks not run are kept as they were.

A benchmark module exposes ``NAME`` (short id), ``TITLE`` and ``run() -> str``
(Markdown: what was measured, how, the median of several runs, peak memory,
and the goal).
"""

from __future__ import annotations

import importlib
import os
import platform
import re
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

BENCHMARKS: list[str] = [
    # "grantdigest.bench.<module>", one line per benchmark module
    "grantdigest.bench.digest",
    "grantdigest.bench.extract",
    "grantdigest.bench.crawl",
    "grantdigest.bench.dedupe",
]
OUTPUT = Path(__file__).resolve().parent.parent.parent / "BENCHMARKS.md"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}")


def timed(fn: Callable[[], object], repeat: int = 5) -> tuple[float, list[float]]:
    """Median wall time of ``repeat`` runs, and all the times."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def peak_python_memory(fn: Callable[[], object]) -> int:
    """Peak bytes allocated by Python objects during ``fn`` (tracemalloc)."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def max_rss_mb() -> float:
    """Peak resident set size of this process and its finished children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _sections(text: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in re.finditer(r"<!-- bench:(\S+) -->.*?<!-- /bench:\1 -->", text, re.S)}


def main(argv: list[str] | None = None) -> int:
    wanted = set(argv if argv is not None else sys.argv[1:])
    old = _sections(OUTPUT.read_text(encoding="utf-8")) if OUTPUT.exists() else {}
    stamp = time.strftime("%Y-%m-%d")
    sections = dict(old)
    for module_name in BENCHMARKS:
        module = importlib.import_module(module_name)
        if wanted and module.NAME not in wanted:
            continue
        print(f"bench: {module.NAME} …", file=sys.stderr, flush=True)
        body = module.run()
        sections[module.NAME] = (f"<!-- bench:{module.NAME} -->\n## {module.TITLE}\n\n"
                                 f"_Run {stamp} on {machine()}._\n\n{body.strip()}\n<!-- /bench:{module.NAME} -->")
    header = ("# Benchmarks\n\nWritten by `make bench` (`python -m grantdigest.bench [NAME ...]`). "
              "Each section names the machine and the date it was run; figures are medians of several runs.\n\n")
    OUTPUT.write_text(header + "\n\n".join(sections[k] for k in sorted(sections)) + "\n", encoding="utf-8")
    print(f"bench: written {OUTPUT}", file=sys.stderr)
    return 0
