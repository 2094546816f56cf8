"""The fingerprint of one sighting: what identity compares, and the index keys
under which similar sightings are found without comparing all pairs.

Keys are 62-bit integers (they fit SQLite's INTEGER). A key names a bucket;
sightings in one bucket are candidates to compare. Buckets that need a
deadline carry it as a *scope*:

- a sighting with a deadline is stored under its date and under ``ANY``, and
  looks in its date and in ``NONE`` (sightings without a deadline);
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
from grantdigest.dedupe.text import acronyms, identifiers, normalise_title, slug_names, title_core
from grantdigest.urls import canonical_url, registered_domain, slug_words, url_host

NONE, ANY, ROLLING = 0, 1, 2
KIND_BAND, KIND_TITLE, KIND_FACTS, KIND_IDENT, KIND_ACRONYM = 1, 2, 3, 4, 5
MASK62 = (1 << 62) - 1
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


def deadline_scope(deadline: str | None) -> int:
    if not deadline:
        return NONE
    if deadline == "rolling":
        return ROLLING
    try:
        return dt.date.fromisoformat(deadline[:10]).toordinal()
    except ValueError:
        return NONE


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
    scope: int = field(init=False)

    def __post_init__(self) -> None:
        self.scope = deadline_scope(self.deadline)

    @property
    def dated(self) -> bool:
        return self.scope != NONE

    # --- index keys ---------------------------------------------------
    def content_keys(self) -> tuple[list[int], list[int], list[int]]:
        """(keys to store, keys to look in, keys to look in only if their bucket is small)."""
        bands = self._band_bases()
        titles = [_combine(KIND_TITLE, stable_hash(self.title_core))] if self.title_core else []
        acr = [_combine(KIND_ACRONYM, stable_hash(a)) for a in self.acronyms]
        scoped = bands + titles
        if self.dated:
            store = _scoped(scoped + acr, self.scope) + _scoped(scoped, ANY)
            query = _scoped(scoped + acr, self.scope) + _scoped(scoped, NONE)
            capped: list[int] = []
        else:
            store = _scoped(scoped, NONE)
            query = list(store)
            capped = _scoped(scoped, ANY)
        if self.dated and self.amount is not None:
            facts = _combine(KIND_FACTS, self.scope, int(round(self.amount * 100)), stable_hash(self.currency or ""))
            store.append(facts)
            query.append(facts)
        ident = [_combine(KIND_IDENT, stable_hash(code)) for code in self.identifiers]
        return store + ident, query + ident, capped

    def identifier_keys(self) -> dict[int, str]:
        return {_combine(KIND_IDENT, stable_hash(code)): code for code in self.identifiers}

    def acronym_keys(self) -> dict[int, str]:
        """Acronym keys carry the deadline: only dated sightings have them."""
        if not self.dated:
            return {}
        return {_combine(_combine(KIND_ACRONYM, stable_hash(a)), self.scope): a for a in self.acronyms}

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


def fingerprints(records: list[dict]) -> list[Fingerprint]:
    """Fingerprints of sighting records (``id``, ``source_id``, ``url``, ``title``,
    ``text``, ``deadline``, ``amount_max``, ``links``, ...), computed in one batch."""
    texts = [f"{r.get('title') or ''}\n{r.get('text') or ''}" for r in records]
    sigs, counts = minhash.signatures(texts)
    out = []
    for record, sig, count in zip(records, sigs, counts):
        out.append(_fingerprint(record, sig, int(count)))
    return out


def fingerprint(record: dict) -> Fingerprint:
    return fingerprints([record])[0]


def _fingerprint(record: dict, sig: np.ndarray, count: int) -> Fingerprint:
    from grantdigest.dedupe.text import mentions_extension

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
    )
