"""Feeds a hromada can subscribe to: ``deadlines.ics`` (RFC 5545) and ``feed.atom`` (RFC 4287).

Calendar: one event per deadline, stable UIDs (the call's id; a further cut-off
date of the same call adds its date), times in Europe/Kyiv. A date-only deadline
is an all-day event on the date the donor announced; a deadline with a stated
time is an event at that moment. SEQUENCE counts the call's recorded deadline
changes, so calendar clients move an event when a deadline is extended.

Each event is rendered once and shared by every per-oblast calendar.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from digest.present import format_amount, format_deadline
from digest.render import render
from grantdigest.timeutil import KYIV, parse_moment

CRLF = "\r\n"
PRODID = "-//grant-digest//Grant digest deadlines//UK"

# Europe/Kyiv as RFC 5545 VTIMEZONE (EU rules since 1996: last Sunday of March/October, 01:00 UTC).
KYIV_VTIMEZONE = CRLF.join([
    "BEGIN:VTIMEZONE", "TZID:Europe/Kyiv", "X-LIC-LOCATION:Europe/Kyiv",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0300", "TZNAME:EEST",
    "DTSTART:19700329T030000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0300", "TZOFFSETTO:+0200", "TZNAME:EET",
    "DTSTART:19701025T040000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
])


_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def ics_escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11); line breaks become \\n, other controls a space."""
    text = _CONTROLS.sub(" ", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, current, size, limit = [], [], 0, 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # continuation lines start with a space
        current.append(ch)
        size += width
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def _stamp(value: str | None) -> str:
    moment = parse_moment(value) if value else None
    return (moment or dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)).strftime("%Y%m%dT%H%M%SZ")


def _is_date_only(moment: dt.datetime) -> bool:
    return moment.strftime("%H:%M:%S") == "00:00:00"


def deadlines_of(call: dict, extra_moments: list[str] | None = None, as_of: dt.date | None = None
                 ) -> list[tuple[str, str | None, dt.date, dt.datetime | None]]:
    """(uid suffix, label, announced date, moment or None for all-day) for each deadline of a call."""
    out = []
    deadline = call.get("deadline")
    if deadline and deadline != "rolling":
        moment = parse_moment(call.get("deadline_at")) if call.get("deadline_tz") else None
        out.append(("", None, dt.date.fromisoformat(deadline[:10]), moment))
    main = call.get("deadline_at")
    for value in extra_moments or []:
        try:
            moment = parse_moment(value)
        except (TypeError, ValueError):
            continue
        if moment is None or value == main or (main and parse_moment(main) == moment):
            continue
        local = moment.astimezone(KYIV)
        if as_of and local.date() < as_of:
            continue
        if _is_date_only(moment):
            out.append((f"-{moment:%Y%m%d}", "cut-off", moment.date(), None))
        else:
            out.append((f"-{local:%Y%m%d}", "cut-off", local.date(), moment))
    return out


def ics_events(call: dict, page_url: str, host: str, sequence: int = 0, extra_moments: list[str] | None = None,
               as_of: dt.date | None = None) -> str:
    """The VEVENT blocks of one call (CRLF-terminated), or "" when it has no dated deadline."""
    blocks = []
    for suffix, label, day, moment in deadlines_of(call, extra_moments, as_of):
        summary = f"Дедлайн: {' '.join((call.get('title') or '').split())}"
        details = [format_deadline(call, "uk") if not suffix else day.strftime("%d.%m.%Y"),
                   call.get("programme") or "", format_amount(call.get("amount_max"), call.get("currency"), "uk"),
                   page_url]
        lines = ["BEGIN:VEVENT", f"UID:deadline-{call['id']}{suffix}@{host}",
                 f"DTSTAMP:{_stamp(call.get('updated_at') or call.get('first_seen'))}", f"SEQUENCE:{sequence}"]
        if moment is None:
            lines += [f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
                      "TRANSP:TRANSPARENT"]
        else:
            lines += [f"DTSTART;TZID=Europe/Kyiv:{moment.astimezone(KYIV):%Y%m%dT%H%M%S}"]
        lines += [f"SUMMARY:{ics_escape(summary)}", f"DESCRIPTION:{ics_escape(chr(10).join(d for d in details if d))}"]
        if page_url:
            lines.append(f"URL:{page_url}")
        lines.append("END:VEVENT")
        blocks.append(CRLF.join(fold(line) for line in lines) + CRLF)
    return "".join(blocks)


def ics_calendar(name: str, events: list[str]) -> str:
    head = CRLF.join(["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
                      "METHOD:PUBLISH", fold(f"X-WR-CALNAME:{ics_escape(name)}"), "X-WR-TIMEZONE:Europe/Kyiv",
                      KYIV_VTIMEZONE]) + CRLF
    return head + "".join(events) + "END:VCALENDAR" + CRLF


def site_host(site_url: str) -> str:
    return urlsplit(site_url).hostname or "grant-digest.local"


def atom_feed(title: str, feed_url: str, site_url: str, entries: list[dict], updated: str) -> str:
    """``entries``: dicts with id, title, link, related (safe original URL or ""), updated, summary."""
    return render("feed.atom.xml", title=title, feed_url=feed_url, site_url=site_url, entries=entries,
                  updated=updated)
