"""Extraction speed: documents per second on one core (goal ≥ 200/s).

The 98 development texts are read once; each run extracts all of them (plain text), then
all of them wrapped in noisy HTML pages (HTML reading + extraction). The figure is the
median of several runs; the process is single-threaded, so it uses one core.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from grantdigest.bench import peak_python_memory, timed
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
    text_median, text_times = timed(text_pass, RUNS)
    html_median, html_times = timed(html_pass, RUNS)
    peak = peak_python_memory(html_pass)
    n = len(docs)
    rows = [
        ("plain text (extract only)", n / text_median, n / max(text_times), n / min(text_times)),
        ("noisy HTML (read article + extract)", n / html_median, n / max(html_times), n / min(html_times)),
    ]
    lines = [f"{n} development texts per run, {RUNS} runs, one process (one core). Goal: ≥ {GOAL} documents/s.", "",
             "| input | docs/s (median) | slowest run | fastest run | goal met |", "|---|---|---|---|---|"]
    for label, median, slow, fast in rows:
        lines.append(f"| {label} | {median:.0f} | {slow:.0f} | {fast:.0f} | {'yes' if median >= GOAL else 'no'} |")
    lines += ["", f"Peak Python memory during one HTML pass: {peak / 1e6:.1f} MB (tracemalloc)."]
    return "\n".join(lines)
