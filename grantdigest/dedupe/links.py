"""Which outgoing links of an announcement say which call it is.

A repost names its original by linking to it: the donor's page, the
application form, the guidelines PDF. Most other links say nothing: the
site's own menus and related posts (same site), social profiles, home pages
and section pages. ``identifying_links`` keeps the former, canonical and in
page order.

A page linking to three or more other sites is a *roundup* (a digest of
several calls): it may be attached to the first call it links to, but it is
never evidence that two other pages are one call.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from grantdigest.urls import canonical_url, registered_domain, url_host

# Sites whose links name a profile, a share button or a tool, not a call.
GENERIC_SITES = {
    "facebook.com", "fb.com", "fb.me", "instagram.com", "t.me", "telegram.me", "telegram.org", "twitter.com",
    "x.com", "youtube.com", "youtu.be", "linkedin.com", "tiktok.com", "viber.com", "whatsapp.com", "wa.me",
    "pinterest.com", "vk.com", "ok.ru", "threads.net", "flickr.com", "vimeo.com", "wikipedia.org",
    "creativecommons.org", "wordpress.org", "wordpress.com", "gravatar.com", "addtoany.com", "sharethis.com",
    "apple.com", "microsoft.com", "mozilla.org", "adobe.com", "w3.org", "schema.org", "gstatic.com",
    "googleapis.com", "googletagmanager.com", "google-analytics.com", "doubleclick.net", "bit.ly",
}
# Google's hosts that hold specific documents (forms, files) as opposed to search and maps.
DOCUMENT_HOSTS = {"docs.google.com", "drive.google.com", "forms.gle", "sites.google.com"}
SECTION_WORDS = re.compile(r"^(?:[a-z]{2}|about|contacts?|news|grants?|calls?|programs?|programmes?|projects?|"
                           r"opportunit(?:y|ies)|events?|blog|category|tag|search|login|register|feed|rss|"
                           r"privacy|terms|donate|subscribe|home|index|uk|en|ua|ru|pl)$", re.I)
ROUNDUP_SITES = 3


def is_specific(url: str) -> bool:
    """A link that can name one call: a page deeper than a home or section page."""
    parts = urlsplit(url)
    host = url_host(url)
    site = registered_domain(host)
    if host in DOCUMENT_HOSTS:
        return len(parts.path.strip("/")) > 8
    if site in GENERIC_SITES or host in GENERIC_SITES or site == "google.com":
        return False
    segments = [s for s in parts.path.split("/") if s]
    if parts.query:
        return True
    if not segments:
        return False
    if len(segments) == 1 and SECTION_WORDS.match(segments[0]):
        return False
    if all(SECTION_WORDS.match(s) for s in segments):
        return False
    return True


def identifying_links(links: list[str], page_url: str) -> list[str]:
    """The page's outgoing links that can name its call: canonical, on other
    sites, specific, without repeats, in page order."""
    if not links:
        return []
    own_site = registered_domain(url_host(page_url))
    own = canonical_url(page_url)
    out: list[str] = []
    for link in links:
        if not isinstance(link, str) or not link.startswith(("http://", "https://", "//")):
            continue
        canonical = canonical_url(link)
        if not canonical or canonical == own or canonical in out:
            continue
        if registered_domain(url_host(canonical)) == own_site:
            continue
        if is_specific(canonical):
            out.append(canonical)
    return out


def is_roundup(links: list[str] | tuple[str, ...]) -> bool:
    sites = {registered_domain(url_host(link)) for link in links}
    return len(sites) >= ROUNDUP_SITES
