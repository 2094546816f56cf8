"""URL canonicalisation: one spelling per page, so the same page is one identity."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "_hs")
TRACKING_PARAMS = {"fbclid", "gclid", "yclid", "igshid", "ref", "ref_src", "_ga", "mkt_tok", "amp"}


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, no ``www.``, no fragment, no tracking parameters,
    no trailing slash, https for http, stable percent-encoding and sorted query."""
    parts = urlsplit(url.strip())
    scheme = "https" if parts.scheme in ("http", "https", "") else parts.scheme.lower()
    host = (parts.hostname or "").lower()
    for prefix in ("www.", "m.", "amp."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = quote(unquote(parts.path), safe="/:@!$&'()*+,;=-._~")
    for suffix in ("/amp", "/amp/"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    path = path.rstrip("/") or ""
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(TRACKING_PREFIXES) and k.lower() not in TRACKING_PARAMS]
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))
