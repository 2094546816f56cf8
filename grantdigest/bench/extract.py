"""Extraction speed: documents per second on one core (goal ≥ 200/s).

The 98 development texts are read once; each run extracts all of them (plain text), then
all of them wrapped in noisy HTML pages (HTML reading + extraction). The figure is the
median of several runs of CPU time of this single-threaded process (one core), so other
work on a shared machine does not halve it; wall-clock figures and the load are shown too.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time
from pathlib import Path

from grantdigest.bench import peak_python_memory
from grantdigest.documents import parse_html, parse_text
from grantdigest.evaluation import load_cases, noisy_page
from grantdigest.extract import extract

NAME = "extract"
TITLE = "Extraction (grantdigest.extract): documents per second"
DEV = Path(__file__).resolve().parent.parent.parent / "tests" / "fixtures" / "announcements"
AS_OF = dt.date(2026, 6, 1)
GOAL = 200
RUNS = 7


def _texts():
    cases = load_cases(DEV)
    docs = [parse_text(str(c.path), c.path.read_text(encoding="utf-8")) for c in cases]
    pages = [noisy_page(d, seed=c.id) for d, c in zip(docs, cases)]
    return docs, pages


def run() -> str:
    docs, pages = _texts()

    def text_pass():
        for doc in docs:
            extract(doc.text, doc.title, as_of=AS_OF)

    def html_pass():
        for page in pages:
            doc = parse_html("bench", page)
            extract(doc.text, doc.title, as_of=AS_OF)

    text_pass()                                   # warm the compiled patterns
    load = os.getloadavg()[0]
    text_cpu, text_wall = _measure(text_pass)
    html_cpu, html_wall = _measure(html_pass)
    peak = peak_python_memory(html_pass)
    n = len(docs)
    lines = [f"{n} development texts per run, {RUNS} runs, one single-threaded process (one core). "
             f"Goal: ≥ {GOAL} documents/s of CPU time. Load average at start: {load:.1f}.", "",
             "| input | docs/s (median, CPU) | slowest / fastest run (CPU) | docs/s (median, wall clock) | goal met |",
             "|---|---|---|---|---|"]
    for label, cpu, wall in (("plain text (extract only)", text_cpu, text_wall),
                             ("noisy HTML (read article + extract)", html_cpu, html_wall)):
        median = n / statistics.median(cpu)
        lines.append(f"| {label} | {median:.0f} | {n / max(cpu):.0f} / {n / min(cpu):.0f} | "
                     f"{n / statistics.median(wall):.0f} | {'yes' if median >= GOAL else 'no'} |")
    lines += ["", f"Peak Python memory during one HTML pass: {peak / 1e6:.1f} MB (tracemalloc)."]
    return "\n".join(lines)


def _measure(fn) -> tuple[list[float], list[float]]:
    cpu, wall = [], []
    for _ in range(RUNS):
        c, w = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return cpu, wall
