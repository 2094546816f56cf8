"""URL canonicalisation: one spelling per page, so the same page is one identity.

``canonical_url`` is the second identity rule (after the source's own id; see
README "Deduplication"). It undoes the ways one page gets many addresses:

- scheme (``http`` = ``https``), letter case of scheme and host, default ports,
  a trailing dot on the host, ``www.``, mobile (``m.``, ``mobile.``) and AMP
  (``amp.``) host prefixes;
- AMP paths (``/amp/…``, ``…/amp``, ``….amp``, ``…-amp.html``) and the AMP
  caches of Google (``www.google.com/amp/s/…``, ``*.cdn.ampproject.org/c/s/…``);
- redirect wrappers (``l.facebook.com/l.php?u=…``, ``google.com/url?q=…``);
- tracking and presentation parameters (``utm_*``, ``fbclid``, ``gclid``,
  ``amp=1``, ``print=1``, ``tmpl=component``, …), session ids, the fragment;
- percent-encoding (one encoding of every path), repeated and trailing
  slashes, ``index.html``/``index.php`` at the end of the path, and the order
  of the remaining query parameters.

It never guesses: parameters it does not know are kept (``?p=123``,
``?grants=slug`` and ``?id=`` name the page on many sites).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import SplitResult, parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "_hs", "hsa_", "vero_", "oly_", "ga_")
TRACKING_PARAMS = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "ysclid", "igshid", "igsh",
    "twclid", "ttclid", "li_fat_id", "s_cid", "_ga", "_gl", "_openstat", "mkt_tok", "ref", "ref_src",
    "ref_url", "referrer", "cmpid", "campaign", "trk", "trkcampaign", "share", "sharesource", "spm",
    "wt.mc_id", "at_medium", "at_campaign", "from_rss",
}
# Parameters that only change how the page is shown, not what it is.
PRESENTATION_PARAMS = {"amp", "outputtype", "print", "printable", "tmpl", "layout", "mobile",
                       "m", "view_mode", "bigger_font_size", "contrast", "font_size", "noamp"}
SESSION_PARAMS = {"phpsessid", "sid", "jsessionid", "sessionid", "session_id", "cfid", "cftoken"}
REDIRECTORS = {("l.facebook.com", "/l.php"): "u", ("lm.facebook.com", "/l.php"): "u",
               ("facebook.com", "/l.php"): "u", ("google.com", "/url"): "q", ("t.umblr.com", "/redirect"): "z"}
HOST_PREFIXES = ("www.", "www2.", "m.", "mobile.", "amp.")
INDEX_PAGE = re.compile(r"/(?:index|default)\.(?:html?|php|aspx?)$", re.I)
AMP_SUFFIX = re.compile(r"(?:/amp|\.amp)$", re.I)
AMP_HTML = re.compile(r"-amp(\.html?)$", re.I)
SESSION_IN_PATH = re.compile(r";(?:jsessionid|phpsessid|sid)=[^/?#]*", re.I)
TRAILING_JUNK = ".,;:!?)]}\"'»“”"
SAFE_PATH = "/:@!$&'()*+,;=-._~"


def _strip_host(host: str) -> str:
    host = host.lower().rstrip(".")
    for prefix in HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix):]
    return host


def _unwrap(url: str, depth: int = 0) -> tuple[str, SplitResult]:
    """The page behind a redirect wrapper or an AMP cache, else ``url`` itself (and its parts)."""
    parts = urlsplit(url)
    if depth > 3:
        return url, parts
    host = _strip_host(parts.hostname or "")
    path = parts.path
    key = REDIRECTORS.get((host, path.rstrip("/") or "/"))
    if key:
        target = dict(parse_qsl(parts.query)).get(key)
        if target and target.startswith(("http://", "https://")):
            return _unwrap(target, depth + 1)
    if host == "google.com" and path.startswith("/amp/"):
        rest = path[len("/amp/"):]
        rest = rest[2:] if rest.startswith("s/") else rest
        return _unwrap("https://" + rest + (f"?{parts.query}" if parts.query else ""), depth + 1)
    if host.endswith(".cdn.ampproject.org"):
        match = re.match(r"^/[a-z](?:/s)?/(.+)$", path)
        if match:
            return _unwrap("https://" + match.group(1) + (f"?{parts.query}" if parts.query else ""), depth + 1)
    return url, parts


def _clean_query(query: str) -> str:
    kept = []
    for key, value in parse_qsl(query, keep_blank_values=True):
        low = key.lower()
        if low.startswith(TRACKING_PREFIXES) or low in TRACKING_PARAMS or low in SESSION_PARAMS:
            continue
        if low in PRESENTATION_PARAMS:
            continue
        kept.append((key, value))
    return urlencode(sorted(kept), quote_via=quote, safe="-._~:/@!$'()*+,;")


def _clean_path(path: str) -> str:
    if ";" in path:
        path = SESSION_IN_PATH.sub("", path)
    if not _PLAIN_PATH.match(path):       # (a plain path is its own encoding)
        path = quote(unquote(path), safe=SAFE_PATH)
    if "//" in path:
        path = re.sub(r"/{2,}", "/", path)
    lower = path.lower()
    if lower.startswith("/amp/"):
        path = path[4:]
    path = path.rstrip("/")
    if "amp" in lower:
        path = AMP_HTML.sub(r"\1", AMP_SUFFIX.sub("", path))
    if "index." in lower or "default." in lower:
        path = INDEX_PAGE.sub("", path)
    return path.rstrip("/")


_PLAIN_PATH = re.compile(r"[A-Za-z0-9._~/-]*\Z")


# A URL with nothing to undo but scheme, host prefix and trailing slash (most of them).
_PLAIN = re.compile(r"^https?://([a-z0-9.-]+)(/[a-z0-9._~/-]*)?$")


@lru_cache(maxsize=8192)  # a crawl asks for a page's canonical URL in the spider, the pipeline and ingest
def canonical_url(url: str) -> str:
    """One spelling of ``url``: see the module docstring for what is undone."""
    url = (url or "").strip().rstrip(TRAILING_JUNK)
    if not url:
        return ""
    plain = _PLAIN.match(url)
    if (plain and "/amp" not in url and "-amp." not in url and ".amp" not in url and "://amp." not in url
            and "index." not in url and "default." not in url and "//" not in url[8:]):
        host = _strip_host(plain.group(1))
        if host and not host.startswith(("l.facebook", "lm.facebook", "google.", "t.umblr")):
            return f"https://{host}{(plain.group(2) or '').rstrip('/')}"
    if url.startswith("//"):
        url = "https:" + url
    url, parts = _unwrap(url)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https", ""):
        scheme = "https"
    host = _strip_host(parts.hostname or "")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    return urlunsplit((scheme, host, _clean_path(parts.path), _clean_query(parts.query), ""))


def canonical_parts(url: str) -> tuple[str, str]:
    """(host, path) of a URL already in canonical form, without parsing it again."""
    rest = url.split("://", 1)[-1]
    host, _, path = rest.partition("/")
    return host.split("?", 1)[0], "/" + path.split("?", 1)[0] if path else ""


@lru_cache(maxsize=16384)  # identity asks for the site of the same stored URLs again and again
def url_host(url: str) -> str:
    """The host of a URL without ``www.``/mobile/AMP prefixes ("" if none)."""
    try:
        return _strip_host(urlsplit(url).hostname or "")
    except ValueError:
        return ""


@lru_cache(maxsize=4096)
def registered_domain(host: str) -> str:
    """A cheap registered domain: the last two labels, three under a two-letter
    second level such as ``com.ua`` or ``org.pl`` (enough to tell sites apart)."""
    labels = [p for p in host.split(".") if p]
    if len(labels) >= 3 and labels[-2] in SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


# Second-level labels under which sites register (``gov.ua``, ``in.ua``, ``dp.ua``, ``org.pl``, ``co.uk``).
SECOND_LEVEL = {"com", "org", "net", "gov", "edu", "in", "co", "ac", "biz", "info", "kiev", "kyiv", "lviv",
                "od", "dp", "zp", "kh", "ck", "rv", "te", "if", "lg", "dn", "ks", "zt", "vn", "sm", "cn", "km",
                "lt", "uz", "vi", "cv", "mk", "pp", "ltd"}


def slug_words(url: str, path: str | None = None) -> list[str]:
    """Words of the last segment of the URL's path (``/opp/umx-call`` -> ``["umx", "call"]``)."""
    if path is None:
        try:
            path = urlsplit(url).path
        except ValueError:
            return []
    last = unquote(path.rstrip("/").rsplit("/", 1)[-1])
    return [w for w in re.split(r"[^0-9A-Za-z\u0400-\u04FF]+", last.lower()) if w]
