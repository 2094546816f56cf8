"""Hostile content through a REAL crawl, the site and the email: 30 inputs with <script>,
javascript: URLs, event handlers, CRLF in titles, 1 MB titles, invalid UTF-8.

None executes in the page (the rendered HTML is parsed: no script, no event handler, no
script URL, the text shown escaped), none injects an email header (messages composed with
digest/email.py and parsed back), none crashes a run.
"""

from __future__ import annotations

import datetime as dt
import re
import email
import sys
from email import policy
from html.parser import HTMLParser

from conftest import FIXTURES, run_cli

sys.path.insert(0, str(FIXTURES / "faults"))
import faultkit  # noqa: E402
from faultkit import AS_OF, LIST_URLS, N, SOUND, crawl, query, soundness  # noqa: E402

from digest.email import compose_email  # noqa: E402
from digest.select import build_digest  # noqa: E402
from grantdigest.replay import Manifest, ReplayServer  # noqa: E402
from storage import Store  # noqa: E402

BAD = "BAD-UTF8"   # replaced by invalid UTF-8 bytes in the served body
MEGA = "Гранти " + "Ж" * 1_000_000
FEED_HOST = "https://faulty-feed.example"
DESC = "<p>Гранти до 100 000 грн. Дедлайн: 30 вересня 2026 року.</p>"

# (title, link, html description) through the feed family
FEED_INPUTS = [
    ("<script>alert('f1')</script>Конкурс f1", f"{FEED_HOST}/f1", DESC),
    ("&lt;script&gt;alert('f2')&lt;/script&gt; Конкурс f2", f"{FEED_HOST}/f2", DESC),
    ("<img src=x onerror=alert('f3')> Конкурс f3", f"{FEED_HOST}/f3", DESC),
    ('"><svg onload=alert(\'f4\')> Конкурс f4', f"{FEED_HOST}/f4", DESC),
    ("Конкурс f5 (javascript: link)", "javascript:alert('f5')", DESC),
    ("Конкурс f6 (mixed-case javascript link)", " JaVaScRiPt:alert('f6')", DESC),
    ("Конкурс f7 (data: link)", "data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==", DESC),
    ("Конкурс f8 (vbscript: link)", "vbscript:msgbox('f8')", DESC),
    ("Конкурс f9 (quote in URL)", f'{FEED_HOST}/f9?q="><script>alert(\'f9\')</script>', DESC),
    ("Конкурс f10\r\nBcc: victim@example.org\r\nSubject: injected", f"{FEED_HOST}/f10", DESC),
    (MEGA, f"{FEED_HOST}/f11", DESC),
    ("Конкурс f12", f"{FEED_HOST}/f12", '<p><a href="javascript:alert(\'f12\')">деталі</a> Дедлайн: 30.09.2026</p>'),
    ("Конкурс f13", f"{FEED_HOST}/f13", '<iframe src="https://evil.example/f13"></iframe><p>Гранти</p>'),
    ("Конкурс f14 {{ 7*7 }} {% raw %}", f"{FEED_HOST}/f14", DESC),
    ("Конкурс f15 \u2028 \u2029 \u202eRTL", f"{FEED_HOST}/f15", DESC),
    (f"Конкурс f16 {BAD} invalid bytes", f"{FEED_HOST}/f16", DESC),
    ("<style>body{display:none}</style>Конкурс f17", f"{FEED_HOST}/f17", DESC),
    ('<base href="https://evil.example/">Конкурс f18', f"{FEED_HOST}/f18", DESC),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">Конкурс f19', f"{FEED_HOST}/f19", DESC),
    ("Конкурс f20 <!-- unterminated", f"{FEED_HOST}/f20", DESC),
    ("</title><script>alert('f21')</script>Конкурс f21", f"{FEED_HOST}/f21", DESC),
    ("Конкурс f22", "&#106;avascript:alert('f22')", DESC),
    ("Конкурс f23", f"{FEED_HOST}/f23", '<div onmouseover="alert(\'f23\')">Гранти до 5000 євро</div>'),
    ("Конкурс f24", f"{FEED_HOST}/f24", '<svg><script>alert("f24")</script></svg><p>Дедлайн: 30.09.2026</p>'),
    ("=?utf-8?b?QmNjOiBldmlsQGV4YW1wbGUub3Jn?= Конкурс f25", f"{FEED_HOST}/f25", DESC),
]
# (title text as HTML, href) on the list page (html family)
LIST_INPUTS = [
    ("&lt;script&gt;alert('l1')&lt;/script&gt; Конкурс l1", "https://faulty-list.example/l1"),
    ("Конкурс l2", "javascript:alert('l2')"),
    (f"Конкурс l3 {BAD} \x00 NUL", "https://faulty-list.example/l3"),
    ("&lt;img src=x onerror=alert('l4')&gt; Конкурс l4", "https://faulty-list.example/l4\" onclick=\"alert('l4')"),
    ("Конкурс l5 " + "Щ" * 1_000_000, "https://faulty-list.example/l5"),
]
assert len(FEED_INPUTS) + len(LIST_INPUTS) == 30
DROPPED = {"f5", "f6", "f7", "f8", "l2"}  # not http(s): never stored, never linked
# (f22's "&#106;avascript:" stays text in the feed: it becomes a harmless relative https URL)
SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")


def hostile_entries() -> list[dict]:
    feed = faultkit.rss("faulty-feed", items=FEED_INPUTS).replace(BAD.encode(), b"\xff\xfe\xc3\x28")
    cards = "\n".join(f'<div class="call"><h3><a href="{href.replace(chr(34), "&quot;")}">{title}</a></h3>'
                      f'<p class="excerpt">Гранти до 20 000 євро. Прийом заявок до 30.09.2026.</p></div>'
                      for title, href in LIST_INPUTS)
    page = f'<html><head><meta charset="utf-8"></head><body>{cards}</body></html>'
    return faultkit.healthy_entries() + [
        {"url": faultkit.FEED_URLS["faulty-feed"], "body": feed, "content_type": "application/rss+xml; charset=utf-8"},
        {"url": LIST_URLS["faulty-list"], "body": page.encode("utf-8").replace(BAD.encode(), b"\xc3\x28\xff"),
         "content_type": "text/html; charset=utf-8"},
    ]


OWN_SCRIPT = re.compile(r'<script src="(?:\.\./)*assets/[\w.-]+\.js" defer></script>')


class Audit(HTMLParser):
    """Everything in a page that could run: script-like tags, on* attributes, script URLs.

    The site's own markup is allowed: its script files under ``assets/`` (no inline code)
    and the filter form (``id="filters"``); nothing scraped can produce either.
    """

    DANGEROUS_TAGS = {"script", "iframe", "svg", "img", "object", "embed", "base", "form", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    @staticmethod
    def own_markup(tag: str, attrs: dict) -> bool:
        if tag == "script":
            return bool(re.fullmatch(r"(?:\.\./)*assets/[\w.-]+\.js", attrs.get("src") or ""))
        return tag == "form" and attrs.get("id") == "filters"

    def handle_starttag(self, tag, attrs):
        if tag in self.DANGEROUS_TAGS and not self.own_markup(tag, dict(attrs)):
            self.problems.append(f"<{tag}>")
        if tag == "meta" and any(k == "http-equiv" for k, _ in attrs):
            self.problems.append("<meta http-equiv>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            cleaned = "".join(ch for ch in (value or "") if ch > " ").lower()
            if name in ("href", "src", "action", "formaction") and cleaned.startswith(SCRIPT_SCHEMES):
                self.problems.append(f"{tag} {name}={value[:40]}")


def test_hostile_inputs_never_run_never_inject_never_crash(tmp_path):
    db = tmp_path / "g.db"
    with ReplayServer(Manifest(entries=hostile_entries(), base_dir=FIXTURES / "faults")) as server:
        result = crawl(server.url, db, "faulty-feed", "faulty-list", "healthy-feed", "healthy-list")
    # no crash: the run ends with its summary; the healthy sources are untouched
    assert result.returncode in (0, 1) and "джерело" in result.stdout, result.stderr[-3000:]
    assert query(db, "SELECT count(*) FROM sightings WHERE source_id LIKE 'healthy-%'")[0][0] == 2 * N
    stored = [r[0] for r in query(db, "SELECT url FROM sightings")]
    assert not [u for u in stored if not u.startswith(("http://", "https://"))]
    titles = [r[0] for r in query(db, "SELECT title FROM sightings WHERE source_id LIKE 'faulty-%'")]
    expected = len(FEED_INPUTS) + len(LIST_INPUTS) - len(DROPPED)
    assert len(titles) == expected, titles
    assert any(len(t) >= 1_000_000 for t in titles)        # the 1 MB titles are kept, not a crash
    assert soundness(db) == SOUND

    # the site: every page parsed; nothing that could run
    site = tmp_path / "site"
    built = run_cli("--db", str(db), "digest", "build", str(site), "--as-of", AS_OF)
    assert built.returncode == 0, built.stderr
    pages = list(site.rglob("*.html"))
    assert len(pages) >= 2 * (expected + 2 * N)
    everything = ""
    for page in pages:
        html = page.read_text(encoding="utf-8")
        audit = Audit()
        audit.feed(html)
        assert audit.problems == [], (page.name, audit.problems)
        own_scripts_removed = OWN_SCRIPT.sub("", html).lower()
        assert "<script" not in own_scripts_removed
        assert "javascript:" not in own_scripts_removed.replace("(javascript: link)", "")
        everything += html
    assert "&lt;script&gt;alert(&#39;l1&#39;)&lt;/script&gt;" in everything   # shown as text, escaped
    assert "{{ 7*7 }}" in everything and "Конкурс f14 49" not in everything    # data is never a template

    # the email: composed by digest/email.py, parsed back: the headers are exactly ours
    with Store(db) as store:
        view = build_digest(store, dt.date.fromisoformat(AS_OF), "uk", with_sources=False)
    for recipient in ("rada@hromada.example", "rada@hromada.example\r\nBcc: victim@example.org"):
        # no size cap here: every hostile call must be in the message (the cap is tested elsewhere)
        message = compose_email(view, recipient, "grant-digest <digest@hromada.example>\r\nX-Evil: 1",
                                "https://digest.example/", max_bytes=50_000_000)
        raw = bytes(message)
        parsed = email.message_from_bytes(raw, policy=policy.default)
        assert {"Subject", "From", "To", "Date", "Message-ID"} <= set(parsed.keys()) <= {
            "Subject", "From", "To", "Date", "Message-ID", "List-ID", "List-Unsubscribe", "List-Unsubscribe-Post",
            "Content-Language", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Auto-Submitted"}
        assert len(parsed.get_all("To")) == 1 and len(parsed.get_all("From")) == 1
        assert parsed["Bcc"] is None and parsed["X-Evil"] is None and not parsed.defects
        assert "\n" not in parsed["Subject"] and "\n" not in parsed["To"]
        header_block = raw.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in raw else raw.split(b"\n\n", 1)[0]
        assert b"victim@example.org" not in header_block.replace(b"rada@hromada.example Bcc: victim@example.org", b"")
        text = parsed.get_body(("plain",)).get_content()
        html = parsed.get_body(("html",)).get_content()
        assert "Конкурс f10" in text and "Bcc: victim" not in text.split("Конкурс f10")[0]
        audit = Audit()
        audit.feed(html)
        assert audit.problems == [] and "<script" not in html.lower()
    faultkit.record({"fault": "Hostile content: 30 inputs (script, javascript: URLs, on* handlers, CRLF, 1 MB, bad UTF-8)",
                     "source": "faulty-feed + faulty-list", "first_items": len(titles), "first_errors": None,
                     "recorded": f"{len(DROPPED)} non-http(s) links dropped; site and email clean",
                     "exit_code": result.returncode, "others_ok": True, "sound": True, "rerun_items": None})
