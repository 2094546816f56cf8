"""Reading an announcement from a file: plain text (with an optional ``URL:`` line) or HTML.

For HTML only the main article is read: real pages wrap it in menus (which often
list every oblast), sidebars of other calls (with their own deadlines and amounts),
"read also" blocks and footers, and every one of those would mislead extraction.
The article is found the way readability tools do it: paragraphs credit the element
that holds them, link-heavy blocks and elements whose tag/class/id say "navigation",
"sidebar", "footer", "related", "share" … are dropped, and a block that starts with a
heading such as "Інші конкурси" / "Related calls" ends the article.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml import etree

from grantdigest.errors import UserError
from grantdigest.extract.published import date_from_url, stated_publication
from grantdigest.extract.text import normalize

URL_LINE = re.compile(r"\AURL:\s*(\S+)\s*\n(?:\s*\n)?")


@dataclass(frozen=True)
class Document:
    path: str
    title: str | None
    text: str
    url: str | None = None
    published: str | None = None   # ISO date when the page metadata or its URL tells


def published_from_url(url: str | None) -> str | None:
    day = date_from_url(url)
    return day.isoformat() if day else None


# --- plain text ----------------------------------------------------------------------------------

def _is_metadata_line(line: str) -> bool:
    """A first line that is a date or a byline, not a headline ("date 2023-10-19", "05.01.2024 08:39")."""
    stripped = line.strip()
    if not stripped:
        return True
    return stated_publication(stripped) is not None and len(re.sub(r"[\W\d_]+", " ", stripped).split()) <= 2


def parse_text(path: str, raw: str) -> Document:
    url = None
    raw = raw.replace("\r\n", "\n").lstrip("\ufeff")
    match = URL_LINE.match(raw)
    if match:
        url, raw = match.group(1), raw[match.end():]
    lines = raw.strip().split("\n")
    # The headline is the first line that is not a date/byline line; those stay in the body.
    index = 0
    while index < min(len(lines) - 1, 3) and _is_metadata_line(lines[index]):
        index += 1
    title = lines[index].strip() if lines and lines[index].strip() else None
    body = "\n".join(lines[:index] + lines[index + 1:]).strip()
    return Document(path, title, body, url, published_from_url(url))


# --- HTML ------------------------------------------------------------------------------------------

DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "form", "button", "select",
             "input", "textarea", "nav", "aside", "footer", "menu", "dialog", "object", "embed")
BOILERPLATE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|menus|submenu|megamenu|dropdown|sidebar|side-bar|sidebox|widget|widgets"
    r"|footer|site-footer|header|site-header|masthead|topbar|top-bar|breadcrumbs?|crumbs|related|similar|recommended"
    r"|more-news|latest|popular|trending|share|sharing|social|socials|comments?|comment-list|respond|cookie|cookies|gdpr"
    r"|banner|banners|advert|adverts|ads|ad-slot|promo|subscribe|subscription|newsletter|tags|tagcloud|tag-list|pagination"
    r"|pager|copyright|legal|modal|popup|search|login|logo|toolbar|skip-link|lang|language-switcher|regions|region-list"
    r"|oblasts|cities|col-side|aside|right-col|left-col|rightcol|leftcol|col-right|col-left|secondary|complementary"
    r"|bottom|foot|copy)(?:$|[\s_-])", re.I)
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
ROLE_BOILERPLATE = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog"}
CONTENT_HINT = re.compile(r"(?:^|[\s_-])(?:article|post|entry|content|main|story|text|body|news-item|single|publication"
                          r"|article-body|post-body|entry-content|field-body|materials?)(?:$|[\s_-])", re.I)
# A heading that starts a block of other material: everything from it on is not the article.
END_HEADING = re.compile(
    r"^\s*(?:інші|схожі|подібні|популярн\w*|останні|читайте (?:також|ще)|дивіться також|більше (?:можливостей|новин|конкурсів)"
    r"|актуальн\w* (?:гранти|конкурси|можливості)|новини|related|similar|other (?:calls|opportunities|grants|news)|more (?:calls|news|opportunities)"
    r"|see also|read (?:also|more)|you may also like|recent (?:posts|calls|news)|latest (?:posts|calls|news)|popular"
    r"|inne (?:konkursy|granty|ogłoszenia)|zobacz (?:też|także)|czytaj (?:też|także)|podobne|другие|похожие|читайте также"
    r"|актуальные|последние новости|теги|tags|share|поділитися|коментар\w*|comments?)\b", re.I)
BLOCK_TAGS = {"p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th",
              "tbody", "thead", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "header", "figure",
              "figcaption", "address", "center", "body", "br", "hr"}
MENU_HEADING = re.compile(r"^\s*(?:регіони|області|oblasts|regions|рубрики|категорії|категории|categories|меню|menu|архів"
                          r"|архив|archive|теги|навігація|navigation|розділи|sections|kategorie|regiony|województwa|"
                          r"регионы|области)\s*:?\s*$", re.I)
TEXT_BLOCKS = {"p", "li", "td", "pre", "blockquote", "dd", "h2", "h3", "h4", "h5", "h6", "div", "section", "article"}
TITLE_SUFFIX = re.compile(r"\s+[|—–\-·:]\s+[^|—–\-·:]{2,60}$")


def _class_id(el) -> str:
    return f"{el.get('class', '')} {el.get('id', '')}"


def _text_len(el) -> int:
    return len(" ".join(" ".join(el.itertext()).split()))


def _link_len(el) -> int:
    return sum(len(" ".join(" ".join(a.itertext()).split())) for a in el.iter("a"))


def _link_density(el) -> float:
    total = _text_len(el)
    return _link_len(el) / total if total else 0.0


def _is_boilerplate(el, keep) -> bool:
    if el in keep:
        return False
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in DROP_TAGS:
        return True
    if (el.get("role") or "").lower() in ROLE_BOILERPLATE:
        return True
    style = el.get("style")
    if el.get("hidden") is not None or (style and HIDDEN_STYLE.search(style)):
        return True
    names = _class_id(el)
    if tag != "header" and not names.strip():
        return False
    if tag == "header" or BOILERPLATE.search(names):
        return not CONTENT_HINT.search(names) or bool(re.search(r"(?:^|[\s_-])(?:sidebar|widget|footer|menu|nav|related)"
                                                                   r"(?:$|[\s_-])", names, re.I))
    return False


def _remove_boilerplate(root, keep: set) -> None:
    doomed = [el for el in root.iter() if isinstance(el.tag, str) and _is_boilerplate(el, keep)]
    for el in doomed:
        if any(k is el or _is_ancestor(el, k) for k in keep):
            continue
        if el.getparent() is not None:
            el.getparent().remove(el)


def _is_ancestor(ancestor, el) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


def _own_block_text(el) -> str:
    """Text of a block, not counting nested blocks (a <div> that only wraps <p>s has none)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag in BLOCK_TAGS and child.tag != "br":
            parts.append(child.tail or "")
        else:
            parts.append(" ".join(child.itertext()) if isinstance(child.tag, str) else "")
            parts.append(child.tail or "")
    return re.sub(r"\s+", " ", " ".join(parts)).strip()


def _block_weight(el) -> float:
    """How much article-like text a block holds: prose counts, short lines and links do not."""
    text = _own_block_text(el)
    if len(text) < 25:
        return 0.0
    links = sum(len(" ".join(a.itertext()).strip()) for a in el.iter("a") if a.getparent() is el or a in el)
    if links > 0.5 * len(text):
        return 0.0
    weight = len(text) * (1 + min(text.count(",") + text.count(".") , 10) / 10)
    # Short lines broken by <br> (lists of names, menus without links) are not prose.
    breaks = len([c for c in el if isinstance(c.tag, str) and c.tag == "br"])
    if breaks >= 4 and len(text) / (breaks + 1) < 35:
        weight *= 0.1
    return weight


def _masses(body) -> dict:
    """Article-like text mass of every element: the sum of its blocks' weights."""
    mass: dict = {}
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag not in TEXT_BLOCKS:
            continue
        weight = _block_weight(el)
        if not weight:
            continue
        node = el
        while node is not None:
            mass[node] = mass.get(node, 0.0) + weight
            if node is body:
                break
            node = node.getparent()
    return mass


def _first_line(el) -> str:
    for piece in el.itertext():
        piece = piece.strip()
        if piece:
            return piece
    return ""


def _remove_side_blocks(body, heading) -> None:
    """Drop blocks that open with "Інші конкурси", "Регіони", "Related calls"…"""
    total = _text_len(body) or 1
    for el in list(body.iter("div", "td", "section", "ul", "ol", "table", "p", "dl")):
        if el.getparent() is None:
            continue
        first = _first_line(el)
        if not first or len(first) > 40 or not (END_HEADING.match(first) or MENU_HEADING.match(first)):
            continue
        if heading is not None and (el is heading or _is_ancestor(el, heading)):
            continue
        if _text_len(el) <= 0.5 * total:
            el.getparent().remove(el)


def _best_container(body, heading=None):
    """The element holding the article: from <body> down, follow the child that holds most
    of the article-like text, while it holds at least half of it. The branch holding the page's
    <h1> is preferred when it holds a fair share: a short article beside a long sidebar."""
    mass = _masses(body)
    node = body
    while True:
        total = mass.get(node, 0.0)
        children = [c for c in node if isinstance(c.tag, str) and mass.get(c)]
        if not total or not children:
            return node
        best = max(children, key=lambda c: mass[c])
        with_heading = None
        if heading is not None:
            with_heading = next((c for c in children if c is heading or _is_ancestor(c, heading)), None)
        if with_heading is not None and mass[with_heading] >= 0.25 * mass[best]:
            best = with_heading
        elif mass[best] < 0.5 * total:
            return node
        if best.tag in ("p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"):
            return node
        # Several paragraphs side by side are the article: stop where they sit together.
        direct_blocks = [c for c in children if c.tag in ("p", "ul", "ol", "h2", "h3", "h4", "blockquote")]
        if len(direct_blocks) >= 3 and sum(mass[c] for c in direct_blocks) >= 0.5 * total:
            return node
        node = best


def _cut_at_end_heading(container) -> None:
    """Remove a trailing "Інші конкурси" / "Related calls" section and all that follows it."""
    for el in list(container.iter()):
        if not isinstance(el.tag, str) or el.tag not in ("h2", "h3", "h4", "h5", "h6", "strong", "b", "p", "div"):
            continue
        if el.tag in ("p", "div", "strong", "b") and len(el) > 2:
            continue
        first = _first_line(el)
        if not first or not END_HEADING.match(first):
            continue
        text = " ".join(" ".join(el.itertext()).split())
        if len(text) > 60:
            continue
        # Drop the heading, its following siblings, and the following siblings of its ancestors up to the container.
        node = el
        while node is not None and node is not container:
            parent = node.getparent()
            if parent is None:
                break
            for sibling in list(node.itersiblings()):
                parent.remove(sibling)
            if node is el:
                parent.remove(node)
            node = parent
        return


def _drop_link_lists(container) -> None:
    for el in list(container.iter("ul", "ol", "div", "table", "p")):
        if el.getparent() is None:
            continue
        total = _text_len(el)
        if total and _link_density(el) > 0.6 and len(list(el.iter("a"))) >= 3:
            el.getparent().remove(el)


def _render(el) -> str:
    """Text with line structure: blocks on their own lines, list items as "- ", <br> as a line break."""
    out: list[str] = []

    def walk(node):
        if not isinstance(node.tag, str):
            if node.tail:
                out.append(node.tail)
            return
        tag = node.tag
        if tag in ("br",):
            out.append("\n")
        elif tag in BLOCK_TAGS:
            out.append("\n\n" if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote") else "\n")
            if tag == "li":
                parent = node.getparent()
                if parent is not None and parent.tag == "ol":
                    number = [c for c in parent if isinstance(c.tag, str) and c.tag == "li"].index(node) + 1
                    out.append(f"{number}. ")
                else:
                    out.append("- ")
        if node.text:
            out.append(node.text)
        for child in node:
            walk(child)
        if tag in BLOCK_TAGS and tag != "br":
            out.append("\n")
        elif tag in ("td", "th"):
            out.append(" ")
        if node.tail:
            out.append(node.tail)

    walk(el)
    text = "".join(out)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _metas(root) -> dict[str, str]:
    """Every <meta property/name/itemprop=… content=…> of the page, first one wins."""
    out: dict[str, str] = {}
    for meta in root.iter("meta"):
        content = (meta.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = meta.get(attr)
            if key and key not in out:
                out[key] = content
    return out


def _meta(metas: dict[str, str], *names: str) -> str | None:
    for name in names:
        if metas.get(name):
            return metas[name]
    return None


def _published(root, metas, container, url: str | None) -> str | None:
    value = _meta(metas, "article:published_time", "og:published_time", "datePublished", "date", "pubdate",
                  "publish-date", "DC.date.issued", "DC.date", "dcterms.created", "sailthru.date", "parsely-pub-date")
    if not value:
        for time_el in list(container.iter("time")) + root.xpath("//article//time | //header//time"):
            value = time_el.get("datetime") or " ".join(time_el.itertext())
            if value:
                break
    if value:
        m = re.search(r"(20\d\d)-([01]\d)-([0-3]\d)", value)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                pass
        stated = stated_publication(normalize(value))
        if stated:
            return stated.date.isoformat()
    return published_from_url(url)


def parse_html(path: str, raw: str) -> Document:
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    try:
        root = lxml.html.document_fromstring(data, parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError):
        return Document(path, None, "", None, None)
    metas = _metas(root)
    canonical = root.xpath('//link[@rel="canonical"]/@href')
    url = canonical[0].strip() if canonical else _meta(metas, "og:url")
    head_title = root.findtext(".//title")
    og_title = _meta(metas, "og:title", "twitter:title")
    body = root.find("body")
    if body is None:
        body = root
    for el in list(body.iter(etree.Comment)):
        if el.getparent() is not None:
            el.getparent().remove(el)
    headings = body.xpath(".//h1")
    heading = headings[0] if headings else None
    keep = {heading} if heading is not None else set()
    _remove_boilerplate(body, keep)
    _remove_side_blocks(body, heading)
    container = _best_container(body, heading if heading is not None and heading.getparent() is not None else None)
    _cut_at_end_heading(container)
    _drop_link_lists(container)
    title = None
    if heading is not None and heading.getparent() is not None:
        title = re.sub(r"\s+", " ", " ".join(heading.itertext())).strip() or None
    if not title:
        title = og_title or (TITLE_SUFFIX.sub("", head_title.strip()) if head_title and head_title.strip() else None)
    text = _render(container)
    # A page made from a text file may still carry its "URL: …" line at the top of the article.
    url_line = URL_LINE.match(text)
    if url_line:
        url = url or url_line.group(1)
        text = text[url_line.end():].lstrip()
    if title:
        lines = text.split("\n")
        if lines and lines[0].strip() == title:
            text = "\n".join(lines[1:]).strip()
    published = _published(root, metas, container, url)
    return Document(path, title, text, url, published)


def _decode(data: bytes) -> str:
    """UTF-8 (most pages), else the charset a page declares, else windows-1251 (old Ukrainian sites)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"""charset=["']?([\w-]+)""", data[:4096], re.I)
    for encoding in ([declared.group(1).decode("ascii")] if declared else []) + ["cp1251"]:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def load_document(path: str | Path) -> Document:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"не вдалося прочитати {path}: {exc.strerror} (перевірте шлях і права доступу)") from None
    raw = _decode(data)
    head = raw.lstrip()[:500].lower()
    looks_html = path.suffix.lower() in (".html", ".htm", ".xhtml") or head.startswith(("<!doctype", "<html")) \
        or ("<body" in raw[:5000].lower() and "<" in head[:1])
    return parse_html(str(path), raw) if looks_html else parse_text(str(path), raw)
