"""The fingerprint of one sighting: what identity compares, and the index keys
under which similar sightings are found without comparing all pairs.

Keys are 62-bit integers (they fit SQLite's INTEGER). A key names a bucket;
sightings in one bucket are candidates to compare. Buckets that need a
deadline carry it as a *scope*:

- a sighting with a deadline is stored under its date and under ``ANY``, and
  looks in its date, in its day-and-month and in ``NONE`` (sightings without
  a deadline);
- a sighting whose deadline year is not written in its text (the year was
  guessed from the publication or as-of date, so it may be a year off) is
  stored under the deadline's day and month instead of its date;
- a sighting without a deadline is stored under ``NONE`` and looks in ``NONE``
  and in ``ANY`` — the latter only in buckets small enough to be specific.

So two sightings with different deadlines are never candidates through
content (text, title, facts), and a template text shared by hundreds of calls
does not make hundreds of candidates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import numpy as np

from grantdigest.dedupe import minhash
from grantdigest.dedupe.links import identifying_links, is_roundup
from grantdigest.dedupe.text import (acronyms, identifiers, lead_sentences, mentions_extension, normalise_title,
                                     slug_names, title_core, title_oblasts, years)
from grantdigest.urls import canonical_url, registered_domain, slug_words, url_host

NONE, ANY, ROLLING = 0, 1, 2
MONTH_DAY = 1000          # scopes 1101..2231: a deadline's day and month, its year unknown
KIND_BAND, KIND_TITLE, KIND_FACTS, KIND_IDENT, KIND_ACRONYM, KIND_LEAD = 1, 2, 3, 4, 5, 6
MASK62 = (1 << 62) - 1
MIN_TEXT_WORDS = 12
_BAND_SALT = np.arange(minhash.BANDS, dtype=np.uint64) * np.uint64(0xD6E8FEB86659FD93)
_M = np.uint64(0x9E3779B97F4A7C15)


def stable_hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big") & MASK62


def _combine(*parts: int) -> int:
    h = 0x84222325CBF29CE4
    for part in parts:
        h = ((h ^ part) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
        h ^= h >> 29
    return h & MASK62


def deadline_scope(deadline: str | None, year_stated: bool = True) -> int:
    """The index scope of a deadline: its date, or its day and month when the
    year is a guess, ``ROLLING``, or ``NONE``."""
    if not deadline:
        return NONE
    if deadline == "rolling":
        return ROLLING
    try:
        day = dt.date.fromisoformat(deadline[:10])
    except ValueError:
        return NONE
    return day.toordinal() if year_stated else MONTH_DAY + day.month * 100 + day.day


@dataclass(slots=True, eq=False)
class Fingerprint:
    sighting_id: str
    source_id: str
    own_id: str | None
    url: str                       # canonical URL of the page
    site: str                      # registered domain of the page
    title: str                     # normalised title
    title_core: str                # distinctive title words, sorted
    sig: np.ndarray                # MinHash signature (minhash.BINS uint64)
    shingles: int                  # number of distinct shingles
    deadline: str | None
    published: str | None
    amount: float | None
    currency: str | None
    regions: tuple[str, ...]
    language: str | None
    identifiers: tuple[str, ...]
    acronyms: tuple[str, ...]      # acronyms in title/text plus name-like words of the URL
    links: tuple[str, ...]         # identifying outgoing links, canonical, in page order
    roundup: bool                  # links to pages on three or more other sites
    extension: bool = False        # the text announces a new deadline
    years: tuple[str, ...] = ()    # years the title and text mention
    oblasts: tuple[str, ...] = ()  # oblasts the title names
    leads: tuple[int, ...] = ()    # hashes of the opening words of the first sentences
    text: str | None = None        # what the signature is of (kept to verify small texts exactly)
    scope: int = field(init=False)
    year_stated: bool = field(init=False)

    def __post_init__(self) -> None:
        self.year_stated = bool(self.deadline) and self.deadline[:4] in self.years
        self.scope = deadline_scope(self.deadline, self.year_stated)

    @property
    def dated(self) -> bool:
        return self.scope != NONE

    @property
    def day_scope(self) -> int:
        """The deadline's month and day only (year-free scope; NONE if undated, ROLLING)."""
        if self.scope in (NONE, ROLLING):
            return self.scope
        return MONTH_DAY + int(self.deadline[5:7]) * 100 + int(self.deadline[8:10])

    def deadline_agrees(self, other: "Fingerprint") -> bool:
        """Two deadlines are one: the same date, or — when a year was not written
        on one of the pages but guessed — the same day and month."""
        if self.scope == other.scope:
            return True
        if ROLLING in (self.scope, other.scope) or (self.year_stated and other.year_stated):
            return False
        return self.day_scope == other.day_scope

    # --- index keys ---------------------------------------------------
    def content_keys(self) -> tuple[list[int], list[int], list[int]]:
        """(keys to store, keys to look in, keys to look in only if their bucket is small)."""
        bands = self._band_bases()
        titles = [_combine(KIND_TITLE, stable_hash(self.title_core))] if self.title_core else []
        scoped = bands + titles + [_combine(KIND_LEAD, lead) for lead in self.leads]
        capped: list[int] = []
        if not self.dated:
            store = _scoped(scoped, NONE)
            query = list(store)
            capped = _scoped(scoped, ANY)
        elif self.year_stated or self.scope == ROLLING:
            store = _scoped(scoped, self.scope) + _scoped(scoped, ANY)
            query = _scoped(scoped, self.scope) + _scoped(scoped, NONE) + _scoped(scoped, self.day_scope)
        else:   # the year is a guess: file under the day and month
            store = _scoped(scoped, self.day_scope) + _scoped(scoped, ANY)
            query = _scoped(scoped, self.day_scope) + _scoped(scoped, NONE)
            capped = _scoped(scoped, ANY)
        facts = list(self.acronym_keys())
        if self.dated and self.amount is not None:
            facts.append(_combine(KIND_FACTS, self.day_scope, int(round(self.amount * 100)),
                                  stable_hash(self.currency or "")))
        ident = list(self.identifier_keys())
        return store + facts + ident, query + facts + ident, capped

    def identifier_keys(self) -> dict[int, str]:
        return {_combine(KIND_IDENT, stable_hash(code)): code for code in self.identifiers}

    def acronym_keys(self) -> dict[int, str]:
        """Acronym keys carry the deadline's day and month: only dated sightings have them."""
        if not self.dated:
            return {}
        return {_combine(KIND_ACRONYM, stable_hash(a), self.day_scope): a for a in self.acronyms}

    def _band_bases(self) -> list[int]:
        values = minhash.band_values(self.sig)
        return [_combine(KIND_BAND, i, v) for i, v in enumerate(values)]


def _scoped(bases: list[int], scope: int) -> list[int]:
    return [_combine(base, scope) for base in bases]


def _amount(record: dict) -> float | None:
    value = record.get("amount_max")
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def signature_text(record: dict) -> str:
    """What the MinHash signature is of: the text (a headline is compared on its
    own, so a repost under a new or translated headline keeps its text's
    signature); the headline as well when there is little text."""
    text = record.get("text") or ""
    if len(text.split()) >= MIN_TEXT_WORDS:
        return text
    return f"{record.get('title') or ''}\n{text}"


def fingerprints(records: list[dict]) -> list[Fingerprint]:
    """Fingerprints of sighting records (``id``, ``source_id``, ``url``, ``title``,
    ``text``, ``deadline``, ``amount_max``, ``links``, ...), computed in one batch."""
    texts = [signature_text(r) for r in records]
    sigs, counts = minhash.signatures(texts)
    out = []
    for record, text, sig, count in zip(records, texts, sigs, counts):
        fp = _fingerprint(record, sig, int(count))
        fp.text = text
        out.append(fp)
    return out


def fingerprint(record: dict) -> Fingerprint:
    return fingerprints([record])[0]


def _fingerprint(record: dict, sig: np.ndarray, count: int) -> Fingerprint:
    url = record.get("canonical_url") or canonical_url(record.get("url") or "")
    site = registered_domain(url_host(url))
    title = record.get("title") or ""
    text = record.get("text") or ""
    links = identifying_links(record.get("links") or [], url)
    acr = acronyms(title, text)
    for word in slug_names(slug_words(url)):
        if word not in acr:
            acr.append(word)
    deadline = record.get("deadline")
    return Fingerprint(
        sighting_id=record.get("id") or "", source_id=record.get("source_id") or "",
        own_id=record.get("source_item_id"), url=url, site=site,
        title=normalise_title(title), title_core=title_core(title), sig=sig, shingles=count,
        deadline=deadline, published=(record.get("published") or None) and str(record["published"])[:10],
        amount=_amount(record), currency=record.get("currency"),
        regions=tuple(record.get("regions") or ()), language=record.get("language"),
        identifiers=tuple(identifiers(title, text)), acronyms=tuple(acr), links=tuple(links),
        roundup=is_roundup(links), extension=mentions_extension(f"{title}\n{text[:1500]}"),
        years=tuple(years(title, text)), oblasts=tuple(title_oblasts(title)),
        leads=tuple(stable_hash(s) for s in lead_sentences(text)),
    )
