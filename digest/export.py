"""The week's digest as a Word document (DOCX) that officials can forward or print.

The document holds what the site's home page holds, in the same order: calls
closing within 14 days, then open, rolling and forthcoming calls, each with its
donor/programme, deadline (and days left), amount, who may apply, oblasts,
themes, what changed this week and a link to the original announcement. It is
built from the same :class:`digest.select.Digest` view as the page and the
email, so the three never disagree.

Scraped text is untrusted: characters XML cannot hold (NUL, other C0 controls)
are dropped, very long titles are cut, and only http(s) links become hyperlinks
(``digest.safety.safe_url``).
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.enum.text import WD_COLOR_INDEX
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from digest.files import write_atomically
from digest.present import format_date
from digest.safety import safe_url
from digest.select import Digest

_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MAX_TEXT = 500
LINK_BLUE = RGBColor(0x0B, 0x4F, 0x9C)


def plain(text: str | None, limit: int = MAX_TEXT) -> str:
    """Text a DOCX can hold: no XML-invalid characters, one line, at most ``limit`` characters."""
    text = _NOT_XML.sub("", str(text or ""))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _hyperlink(paragraph, url: str, text: str) -> None:
    """A clickable link (python-docx has no public API for it: the run is added by hand)."""
    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    props.append(style)
    color = OxmlElement("w:color")
    color.set(qn("w:val"), str(LINK_BLUE))
    props.append(color)
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(underline)
    run.append(props)
    label = OxmlElement("w:t")
    label.text = text
    label.set(qn("xml:space"), "preserve")
    run.append(label)
    link.append(run)
    paragraph._p.append(link)


def _field(document, label: str, value: str) -> None:
    if not value:
        return
    paragraph = document.add_paragraph(style="List Bullet")
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(plain(value))


def _call(document, view: dict, s: dict, site_url: str, lang: str) -> None:
    heading = document.add_heading(level=3)
    heading.add_run(plain(view["title"], 300) or "—")
    marks = [s["new_badge"]] if view.get("new") else []
    marks += [s["changed_badge"]] if view.get("changes") else []
    if marks:
        badge = heading.add_run(f"  [{', '.join(marks)}]")
        badge.font.highlight_color = WD_COLOR_INDEX.YELLOW
    deadline = view["deadline"]
    if view.get("days_left_text"):
        deadline = f"{deadline} ({view['days_left_text']})"
    _field(document, s["programme"], view.get("programme", ""))
    _field(document, s["deadline"], deadline)
    _field(document, s["opens"], view.get("opening", ""))
    _field(document, s["amount"], view.get("amount", ""))
    _field(document, s["applicants"], ", ".join(view.get("applicants") or []))
    _field(document, s["regions"], ", ".join(view.get("regions") or []))
    _field(document, s["themes"], ", ".join(view.get("themes") or []))
    for change in view.get("changes") or []:
        _field(document, s["changed_badge"].capitalize(), f"{change.get('text', '')} ({change.get('date', '')})")
    links = document.add_paragraph()
    original = safe_url(view.get("url"))
    if original:
        _hyperlink(links, original, s["original"])
        links.add_run(" · ")
    page = f"{site_url}{'' if lang == 'uk' else 'en/'}calls/{view['id']}.html"
    _hyperlink(links, safe_url(page) or page, s["email_page"])


def export_docx(view: Digest, path: str | Path, site_url: str, audience: str = "") -> Path:
    """Write the digest ``view`` as a DOCX file at ``path`` (written whole, then renamed into place)."""
    s = view.strings
    site_url = site_url.rstrip("/") + "/"
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    document.core_properties.title = plain(f"{s['site_title']} — {view.period}")
    document.core_properties.language = view.lang
    document.add_heading(s["site_title"], level=0)
    intro = document.add_paragraph()
    intro.add_run(f"{s['as_of']} {format_date(view.as_of.isoformat())} · {s['week_label']} {view.period}").bold = True
    if audience:
        intro.add_run(f" · {plain(audience, 200)}")
    document.add_paragraph(s["open_total"].format(count=view.count))
    if view.new or view.changed:
        document.add_paragraph(f"{s['new_since']}: {len(view.new)} · {s['changed']}: {len(view.changed)}")
    for key in ("closing_soon", "open", "rolling", "forthcoming"):
        calls = getattr(view, key)
        document.add_heading(f"{s[key]} ({len(calls)})", level=1)
        if not calls:
            document.add_paragraph(s["nothing"])
        for call in calls:
            _call(document, call, s, site_url, view.lang)
    footer = document.add_paragraph()
    footer.add_run(s["footer"]).italic = True
    footer_links = document.add_paragraph()
    _hyperlink(footer_links, safe_url(site_url) or site_url, s["email_site"])
    return write_atomically(path, lambda partial: document.save(str(partial)))
