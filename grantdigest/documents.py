"""Reading an announcement from a file: plain text (with an optional ``URL:`` line) or HTML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from grantdigest.errors import UserError

URL_LINE = re.compile(r"\AURL:\s*(\S+)\s*\n(?:\s*\n)?")
DATE_IN_URL = re.compile(r"/(20\d\d)/([01]\d)/([0-3]\d)/")


@dataclass(frozen=True)
class Document:
    path: str
    title: str | None
    text: str
    url: str | None = None
    published: str | None = None   # ISO date when the document or its URL tells


def published_from_url(url: str | None) -> str | None:
    match = DATE_IN_URL.search(url or "")
    return "-".join(match.groups()) if match else None


def parse_text(path: str, raw: str) -> Document:
    url = None
    match = URL_LINE.match(raw)
    if match:
        url, raw = match.group(1), raw[match.end():]
    lines = raw.strip().split("\n", 1)
    title = lines[0].strip() if lines and lines[0].strip() else None
    body = lines[1].strip() if len(lines) > 1 else ""
    return Document(path, title, body, url, published_from_url(url))


def parse_html(path: str, raw: str) -> Document:
    soup = BeautifulSoup(raw, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form"]):
        tag.decompose()
    canonical = soup.find("link", rel="canonical")
    url = canonical.get("href") if canonical else None
    published_meta = soup.find("meta", attrs={"property": "article:published_time"})
    published = published_meta.get("content", "")[:10] if published_meta else published_from_url(url)
    heading = soup.find("h1")
    title = heading.get_text(" ", strip=True) if heading else (soup.title.get_text(strip=True) if soup.title else None)
    body = soup.find("article") or soup.find("main") or soup.body or soup
    lines = (line.strip() for line in body.get_text("\n").splitlines())
    return Document(path, title, "\n".join(line for line in lines if line), url, published or None)


def load_document(path: str | Path) -> Document:
    path = Path(path)
    try:
        raw = path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        raise UserError(f"не вдалося прочитати {path}: {exc.strerror}") from None
    looks_html = path.suffix.lower() in (".html", ".htm") or raw.lstrip()[:200].lower().startswith(("<!doctype", "<html"))
    return parse_html(str(path), raw) if looks_html else parse_text(str(path), raw)
