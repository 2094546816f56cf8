"""Problems a crawl meets with a source (a challenge page, a layout that no
longer matches, an unreadable answer), kept in the crawl's stats so the run
record (``spiders.extensions.RunRecorder``) can say what went wrong."""

from __future__ import annotations

NOTES_KEY = "grantdigest/problem_notes"
MAX_NOTES = 20


def add_problem(stats, message: str) -> None:
    stats.inc_value("grantdigest/problems")
    notes = stats.get_value(NOTES_KEY) or []
    if message not in notes and len(notes) < MAX_NOTES:
        stats.set_value(NOTES_KEY, [*notes, message])


def problems(stats) -> list[str]:
    return list(stats.get_value(NOTES_KEY) or [])
