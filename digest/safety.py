"""Scraped text is untrusted: safe links, sanitised HTML, one-line header values.

- ``safe_url``: only absolute http(s) URLs become links (never ``javascript:``,
  ``data:``, ``vbscript:``, protocol-relative or control-character tricks);
- ``clean_html``: an allow-list sanitiser (nh3/ammonia) for HTML taken from a source;
- ``text_to_html``: plain scraped text as escaped paragraphs, then through the same
  allow-list (defence in depth);
- ``header_safe``: one line, no control characters, for email headers.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, urlsplit

import nh3
from markupsafe import Markup, escape

ALLOWED_TAGS = {"p", "br", "a", "ul", "ol", "li", "strong", "em", "b", "i", "h3", "h4", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https"}
URL_SAFE = "/:?#[]@!$&()*+,;=%-._~"
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u0085]+")


def safe_url(url: str | None) -> str:
    """The URL if it is an absolute http(s) URL with a host, else ""."""
    if not url:
        return ""
    return _safe_url(str(url))


@lru_cache(maxsize=65536)
def _safe_url(url: str) -> str:
    text = url.strip()
    if _CONTROL.search(text) or any(ch.isspace() for ch in text):
        return ""
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() not in URL_SCHEMES or not parts.netloc or parts.netloc.startswith("@"):
        return ""
    # characters that are never valid in a URL (<, >, quotes, braces, ...) are percent-encoded,
    # so no serializer can turn an attribute value back into markup
    return quote(text, safe=URL_SAFE)


def clean_html(html: str | None) -> Markup:
    """HTML from a source, reduced to an allow-list of tags; links only http(s), rel=noopener."""
    if not html:
        return Markup("")
    cleaned = nh3.clean(str(html), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                        url_schemes=URL_SCHEMES, link_rel="noopener nofollow ugc")
    return Markup(cleaned)


def text_to_html(text: str | None, limit: int = 4000) -> Markup:
    """Plain scraped text as paragraphs (escaped), cut at ``limit`` characters on a word."""
    if not text:
        return Markup("")
    body = str(text).strip()
    if len(body) > limit:
        body = body[:limit].rsplit(" ", 1)[0] + " …"
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    html = "".join(f"<p>{escape(' '.join(p.split()))}</p>" for p in paragraphs)
    return clean_html(html)


def header_safe(text: str | None, limit: int = 200) -> str:
    """One line, no control characters: scraped text never becomes a header break."""
    return _CONTROL.sub(" ", str(text or "")).strip()[:limit]


_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str | None) -> str:
    """Text without the characters XML 1.0 forbids (escaping is the template's job)."""
    return _XML_INVALID.sub(" ", str(text or ""))
