"""The static site: home, one page per call, weekly archive, feeds, calendars, search index.

Layout (Ukrainian at the root, English under ``en/``; every link is relative, so
the site works from ``file://`` and under any path)::

    index.html                      home: closing soon, new, changed, open calls, counts, source health
    calls/<id>.html                 one page per call (stable URL)
    digest/index.html               archive of weekly digests
    digest/2026-W48/index.html      one week's digest (kept in the database, stable URL)
    feeds.html                      Atom feeds and ICS calendars, all of Ukraine and per oblast
    feed.atom, deadlines.ics        all of Ukraine
    oblast/UA-46/feed.atom, .../deadlines.ics   per oblast (a call for "UA" is in every oblast)
    search-index.js                 the client-side search index (a script, so it works from file://)
    assets/style.css, assets/site.js
    en/...                          the same pages in English
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing as mp
import shutil
from dataclasses import dataclass
from pathlib import Path

from digest.feeds import atom_feed, ics_calendar, ics_events, site_host
from digest.health import Health, source_health
from digest.present import call_view, change_view
from digest.render import TEMPLATES_DIR, render
from digest.safety import safe_url, text_to_html, xml_safe
from digest.select import (Week, load_week, present_week, source_names, sources_view,
                           week_snapshot, with_status)
from digest.strings import LANGUAGES, STRINGS
from grantdigest import vocab
from grantdigest.errors import UserError
from grantdigest.timeutil import iso_utc, now_utc
from storage import Store

OBLASTS = tuple(code for code in vocab.REGIONS if code != "UA")
FEED_SIZE = 100          # newest calls in each Atom feed
SEARCH_TEXT_CHARS = 400  # of each call's announcement text in the search index
ASSETS = ("style.css", "site.js")


@dataclass(frozen=True)
class SiteResult:
    index: Path
    pages: int
    calls: int
    files: int = 0


class _Writer:
    """Writes the site's files and remembers them.

    Single files are replaced atomically (temporary file, then rename). The large
    folders of call pages are written into a fresh ``<folder>.new`` and swapped in
    at the end (two renames), so a reader never sees a half-written page, and
    pages of calls that are gone disappear with the old folder.
    """

    def __init__(self, out: Path, staged: tuple[str, ...] = ()):
        self.out = out
        self.written: set[Path] = set()
        self.extra_files = 0                     # files written by a forked language process
        self.dirs: set[Path] = set()
        self.staged = staged
        for folder in staged:
            building = out / f"{folder}.new"
            if building.exists():  # left over from an interrupted build
                shutil.rmtree(building)

    def write(self, relative: str, text: str) -> None:
        folder, _, rest = relative.rpartition("/")
        if folder in self.staged:
            path = self.out / f"{folder}.new" / rest
            atomic = False
        else:
            path = self.out / relative
            atomic = True
        if path.parent not in self.dirs:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.dirs.add(path.parent)
        target = path.with_name(path.name + ".tmp") if atomic else path
        with open(target, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        if atomic:
            target.replace(path)
        self.written.add(path)

    def commit(self) -> None:
        for folder in self.staged:
            building, final, old = (self.out / f"{folder}.new", self.out / folder, self.out / f"{folder}.old")
            if not building.exists():
                building.mkdir(parents=True)
            if old.exists():
                shutil.rmtree(old)
            if final.exists():
                final.rename(old)
            building.rename(final)
            if old.exists():
                shutil.rmtree(old)


def _lang_prefix(lang: str) -> str:
    return "" if lang == "uk" else f"{lang}/"


def _page(lang: str, path: str, **context) -> dict:
    """Context shared by every page: relative links to the root, this language's home and the other language."""
    depth = path.count("/") + (0 if lang == "uk" else 1)
    root = "../" * depth
    other = "en" if lang == "uk" else "uk"
    return {"lang": lang, "s": STRINGS[lang], "root": root, "home": root + _lang_prefix(lang),
            "other_lang": other, "other_href": root + _lang_prefix(other) + path.removesuffix("index.html"),
            "css": root + "assets/style.css", "js": root + "assets/site.js", **context}


def _descriptions(sightings: dict[str, list[dict]]) -> dict[str, str]:
    """The longest announcement text of each call (plain text)."""
    return {cid: max((s.get("text") or "" for s in rows), key=len) for cid, rows in sightings.items()}


def _search_entry(view: dict, text: str) -> list[str]:
    words = " ".join([view["title"], view["programme"], " ".join(view["applicants"]), " ".join(view["regions"]),
                      " ".join(view["themes"]), text[:SEARCH_TEXT_CHARS]])
    return [view["id"], " ".join(words.lower().replace("’", "'").replace("ʼ", "'").split())]


def _filter_options(lang: str, digest) -> dict[str, list[tuple[str, str]]]:
    return {
        "oblast": [(code, vocab.label(vocab.REGIONS, code, lang)) for code in OBLASTS],
        "applicant": [(code, vocab.label(vocab.APPLICANTS, code, lang)) for code in vocab.APPLICANTS],
        "theme": [(code, vocab.label(vocab.THEMES, code, lang)) for code in vocab.THEMES],
        "programme": [(name, name) for name, _ in sorted(digest.by_programme) if name != "—"],
    }


def _health_view(health: Health, lang: str) -> dict:
    s = STRINGS[lang]
    labels = {"failed": s["health_failed"], "empty": s["health_empty"], "not_crawled": s["health_not_crawled"]}
    total = len(health.sources)
    return {
        "summary": (s["health_all_ok"].format(total=total) if not health.problems
                    else s["health_ok"].format(ok=health.ok_count, total=total)),
        "problems": [{"name": p.name, "state": p.state, "state_label": labels[p.state], "last_run": p.last_run,
                      "detail": p.detail} for p in health.problems],
    }


_CAN_FORK = "fork" in mp.get_all_start_methods()


@dataclass
class _LanguageJob:
    """Everything one language's pages are made from (read from the database beforehand)."""

    week: Week
    calls: dict[str, dict]
    sightings: dict[str, list[dict]]
    descriptions: dict[str, str]
    all_events: dict[str, list[dict]]
    archive: dict[str, dict]
    as_of: dt.date

    def write(self, writer: _Writer, lang: str, names: dict[str, str], health: dict):
        """Write ``lang``'s home, search index, call pages, archive and feeds page;
        returns (its digest view, pages written, call views by id)."""
        prefix = _lang_prefix(lang)
        digest = present_week(self.week, lang, None, None, names)
        views = {v["id"]: v for v in digest.all_calls()}
        writer.write(prefix + "index.html", render("index.html", **_page(
            lang, "index.html", digest=digest, filters=_filter_options(lang, digest),
            health=health, calls_base="calls/", search_index=f"{prefix}search-index.js")))
        pages = 1
        index = [_search_entry(v, self.descriptions.get(v["id"], "")) for v in digest.all_calls()]
        writer.write(prefix + "search-index.js",
                     "window.GD_SEARCH_INDEX = " + json.dumps(index, ensure_ascii=False, separators=(",", ":")) + ";\n")
        for call_id, call in self.calls.items():
            rows = self.sightings.get(call_id, [])
            view = dict(views.get(call_id) or call_view(call, self.as_of, lang))
            view["sources"] = sources_view(rows, names)
            view["changes"] = [change_view(e, call, lang, names) for e in reversed(self.all_events.get(call_id, []))]
            view["description"] = text_to_html(self.descriptions.get(call_id))
            view["content_lang"] = next((x["language"] for x in rows if x.get("language")), "")
            writer.write(f"{prefix}calls/{call_id}.html",
                         render("call.html", **_page(lang, f"calls/{call_id}.html", call=view)))
            pages += 1
        pages += _write_archive(writer, lang, self.archive, names)
        writer.write(prefix + "feeds.html", render("feeds.html", **_page(
            lang, "feeds.html", oblasts=[(code, vocab.label(vocab.REGIONS, code, lang)) for code in OBLASTS])))
        return digest, pages + 1, views


class _ForkedLanguage:
    """One language's pages written by a forked child process (on another core)."""

    def __init__(self, out: Path, lang: str, job: _LanguageJob, names: dict[str, str], health: dict):
        ctx = mp.get_context("fork")
        self.lang = lang
        self.receive, send = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=self._run, args=(send, out, lang, job, names, health),
                                   name=f"grantdigest-site-{lang}", daemon=True)
        self.process.start()
        send.close()

    @staticmethod
    def _run(send, out, lang, job, names, health) -> None:
        try:
            writer = _Writer(out, staged=(_lang_prefix(lang) + "calls",))
            _, pages, _ = job.write(writer, lang, names, health)
            writer.commit()
            send.send(("ok", pages, len(writer.written)))
        except BaseException as exc:  # reported to the parent, which raises it
            send.send(("error", f"{type(exc).__name__}: {exc}", 0))
        finally:
            send.close()

    def stop(self) -> None:
        self.process.terminate()
        self.process.join()

    def result(self) -> tuple[int, int]:
        try:
            state, value, files = self.receive.recv()
        except EOFError:
            state, value, files = "error", "процес завершився без відповіді", 0
        self.process.join()
        if state != "ok":
            raise UserError(f"не вдалося зібрати сторінки мовою {self.lang}: {value}")
        return value, files


def build_site(store: Store, out_dir: str | Path, as_of: dt.date, site_url: str = "http://localhost:8000/",
               since: str | None = None) -> SiteResult:
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"не вдалося створити каталог сайту {out}: {exc.strerror}"
                        " (вкажіть інший каталог або GRANTDIGEST_SITE_DIR)") from None
    site_url = site_url.rstrip("/") + "/"
    fork = _CAN_FORK and not mp.current_process().daemon  # a daemonic process may not have children
    writer = _Writer(out, staged=("calls",) if fork else tuple(_lang_prefix(lang) + "calls" for lang in LANGUAGES))
    for asset in ASSETS:
        (out / "assets").mkdir(exist_ok=True)
        shutil.copyfile(TEMPLATES_DIR / asset, out / "assets" / asset)
        writer.written.add(out / "assets" / asset)

    week = load_week(store, as_of, since)
    store.save_digest_week(week.period, as_of.isoformat(), week.since, week_snapshot(week))
    archive = {w["period"]: store.digest_week(w["period"]) for w in store.digest_weeks()}
    sightings = store.sightings_by_call(("call_id", "source_id", "url", "fetched_at", "text", "extra", "language"))
    descriptions = _descriptions(sightings)
    all_events: dict[str, list[dict]] = {}
    for event in store.events():
        all_events.setdefault(event["call_id"], []).append(event)

    # every current call, and every call an archived week links to, has a page
    calls = {c["id"]: c for c in week.calls}
    archived_ids = {cid for w in archive.values() for cid in w["data"]["calls"]}
    for call in store.calls():
        if call["id"] in archived_ids and call["id"] not in calls:
            calls[call["id"]] = with_status(call, as_of)

    # what each language needs from the database, read here: the English pages are written by a
    # forked process (another core) that must not touch the parent's SQLite connection
    per_lang = {lang: (source_names(store, lang), _health_view(source_health(store, week.since, lang), lang))
                for lang in LANGUAGES}
    job = _LanguageJob(week, calls, sightings, descriptions, all_events, archive, as_of)
    helpers = [_ForkedLanguage(out, lang, job, *per_lang[lang]) for lang in LANGUAGES[1:]] if fork else []
    try:
        digest, pages, uk_views = job.write(writer, "uk", *per_lang["uk"])
        if not helpers:
            for lang in LANGUAGES[1:]:
                pages += job.write(writer, lang, *per_lang[lang])[1]
        _write_feeds(writer, store, week, uk_views, sightings, site_url, as_of)
    except BaseException:
        for helper in helpers:
            helper.stop()
        raise
    for helper in helpers:  # each language's call pages are swapped in once they are all written
        extra_pages, extra_files = helper.result()
        pages += extra_pages
        writer.extra_files += extra_files
    writer.commit()
    store.record_digest("site", week.period, as_of.isoformat(), str(out), digest.count if digest else 0)
    return SiteResult(out / "index.html", pages, digest.count if digest else 0, len(writer.written) + writer.extra_files)


def _write_archive(writer: _Writer, lang: str, archive: dict[str, dict], names: dict[str, str]) -> int:
    prefix = _lang_prefix(lang)
    weeks = []
    for period, kept in sorted(archive.items(), reverse=True):
        data = kept["data"]
        as_of = dt.date.fromisoformat(kept["as_of"])

        def views(ids, data=data, as_of=as_of):
            return [call_view(data["calls"][cid], as_of, lang, None,
                              [change_view(e, data["calls"][cid], lang, names) for e in data["changed"].get(cid, [])])
                    for cid in ids if cid in data["calls"]]

        week = {"period": period, "as_of": as_of.strftime("%d.%m.%Y"), "as_of_iso": as_of.isoformat(),
                "new": views(data["new"]), "changed": views(data["changed"]),
                "closing_soon": views(data["closing_soon"]), "current": data.get("current", 0)}
        weeks.append(week)
        writer.write(f"{prefix}digest/{period}/index.html", render("week.html", **_page(
            lang, f"digest/{period}/index.html", week=week, calls_base="../../calls/")))
    writer.write(f"{prefix}digest/index.html", render("archive.html", **_page(lang, "digest/index.html", weeks=weeks)))
    return len(weeks) + 1


def _write_feeds(writer: _Writer, store: Store, week: Week, views: dict[str, dict],
                 sightings: dict[str, list[dict]], site_url: str, as_of: dt.date) -> None:
    host = site_host(site_url)
    sequences: dict[str, int] = {}
    for event in store.events():
        if event["field"] in ("deadline", "deadline_at"):
            sequences[event["call_id"]] = sequences.get(event["call_id"], 0) + 1
    events, entries = {}, {}
    newest = sorted(week.calls, key=lambda c: (c.get("first_seen") or "", c["id"]), reverse=True)
    for call in week.calls:
        page = f"{site_url}calls/{call['id']}.html"
        extra = [e for s in sightings.get(call["id"], []) for e in ((s.get("extra") or {}).get("deadlines") or [])
                 if isinstance(e, str)] if call.get("deadline_tz") else []
        events[call["id"]] = ics_events(call, page, host, sequences.get(call["id"], 0), extra, as_of)
    def entry(call: dict) -> dict:
        if call["id"] not in entries:
            view = views.get(call["id"]) or call_view(call, as_of, "uk")
            summary = " · ".join(x for x in (view["deadline"] and f"Дедлайн: {view['deadline']}", view["amount"],
                                             view["programme"], ", ".join(view["regions"])) if x)
            entries[call["id"]] = {"id": f"{site_url}calls/{call['id']}.html", "title": xml_safe(view["title"]),
                                   "link": f"{site_url}calls/{call['id']}.html", "related": safe_url(call.get("url")),
                                   "updated": call.get("first_seen") or iso_utc(now_utc()),
                                   "summary": xml_safe(summary)}
        return entries[call["id"]]

    updated = max((c.get("first_seen") or "" for c in week.calls), default="") or iso_utc(now_utc())
    # which oblast feeds a call belongs to: a call for "UA" (or naming no oblast) is in every one
    members: dict[str, list[dict]] = {code: [] for code in OBLASTS}
    for call in week.calls:
        regions = set(call.get("regions") or [])
        for code in (OBLASTS if not regions or "UA" in regions else [c for c in OBLASTS if c in regions]):
            members[code].append(call)
    groups = [("", STRINGS["uk"]["feed_all"], week.calls)] + [
        (f"oblast/{code}/", vocab.label(vocab.REGIONS, code, "uk"), members[code]) for code in OBLASTS]
    order = {c["id"]: i for i, c in enumerate(newest)}
    for folder, name, chosen in groups:
        writer.write(folder + "deadlines.ics", ics_calendar(f"Дедлайни грантів — {name}",
                                                            [events[c["id"]] for c in chosen if events[c["id"]]]))
        picked = [entry(c) for c in sorted(chosen, key=lambda c: order[c["id"]])[:FEED_SIZE]]
        writer.write(folder + "feed.atom", atom_feed(f"Нові гранти — {name}", f"{site_url}{folder}feed.atom",
                                                     site_url, picked, updated))
