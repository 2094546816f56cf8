"""The fingerprint of one sighting: what identity compares, and the index keys
under which similar sightings are found without comparing all pairs.

A sighting is filed under its *bucket bases* — its MinHash band values, its
headline's core and its lead sentences — and its *names* — identifier codes,
acronyms, the deadline with the amount. Keys are 62-bit integers (they fit
SQLite's INTEGER); an index row is a (key, scope) pair and a bucket is the set
of sightings under one pair. Sightings in one bucket are candidates to compare.

A base is stored once, under the sighting's deadline *scope*:

- its deadline's date;
- its deadline's day and month when the year is not written in its text (the
  year was guessed from the publication or as-of date, so it may be a year off);
- ``ROLLING``, or ``NONE`` for a sighting without a deadline.

A sighting with a deadline looks in its scope, in its day-and-month and in
``NONE`` (sightings without a deadline); one whose year is a guess looks in
its day-and-month and ``NONE``; one without a deadline looks in ``NONE``. The
latter two also look in the ``ANY`` bucket of each base — every sighting with
a deadline under that base, whatever the deadline — but only when it is small
enough to be specific. Names are stored and looked up under ``NAME``, whatever
the deadline (the acronym and facts keys carry the day and month themselves).

So two sightings with different deadlines are never candidates through
content (text, title, facts), and a template text shared by hundreds of calls
does not make hundreds of candidates.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain

import numpy as np

from grantdigest.dedupe import minhash
from grantdigest.dedupe.links import identifying_links, is_roundup
from grantdigest.dedupe.text import (COMMON_ACRONYMS, EXTENSION_STEMS, LATIN_LETTER, OBLAST_STEMS, acronyms,
                                     identifiers, mentions_extension, normalise_title, script, slug_names,
                                     title_core, title_oblasts, years)
from grantdigest.urls import canonical_parts, canonical_url, registered_domain, slug_words

NONE, ANY, ROLLING = 0, 1, 2
NAME = -1                 # the scope of name keys: codes, acronyms, the deadline with the amount
MONTH_DAY = 1000          # scopes 1101..2231: a deadline's day and month, its year unknown
NO_SCOPE = -2             # (an unused column of ``KeyBatch.query``)
KIND_BAND, KIND_TITLE, KIND_FACTS, KIND_IDENT, KIND_ACRONYM, KIND_LEAD, KIND_SLUG = 1, 2, 3, 4, 5, 6, 7
MASK62 = (1 << 62) - 1
MIN_TEXT_WORDS = 12
EXTENSION = "extension"
TEXT_TERMS = minhash.PrefixTerms({**{stem: code for code, stems in OBLAST_STEMS.items() for stem in stems},
                                  **{stem: EXTENSION for stem in EXTENSION_STEMS}})
EXTENSION_CHARS = 800     # an extension is announced in the headline or the opening
_BAND_SALT = (np.arange(minhash.BANDS, dtype=np.uint64) + np.uint64(1)) * np.uint64(0xD6E8FEB86659FD93)
_TITLE_SALT = np.uint64(0xA0761D6478BD642F)
_LEAD_SALT = np.uint64(0xE7037ED1A0B428DB)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_M3 = np.uint64(0x94D049BB133111EB)
_MASK62 = np.uint64(MASK62)


def _np_mix(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint64(30))
    h = h * _M2
    h = h ^ (h >> np.uint64(27))
    h = h * _M3
    return h ^ (h >> np.uint64(31))


@lru_cache(maxsize=1 << 16)     # the same currencies, codes and acronyms recur
def stable_hash(text: str) -> int:
    """A 62-bit hash of a string, the same in every process (two CRC-32s)."""
    data = text.encode("utf-8")
    return ((zlib.crc32(data) << 32) | zlib.crc32(data, 0x9E3779B9)) & MASK62


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
    acronyms: tuple[str, ...]      # acronyms written in the title or the opening of the text
    links: tuple[str, ...]         # identifying outgoing links, canonical, in page order
    roundup: bool                  # links to pages on three or more other sites
    extension: bool = False        # the text announces a new deadline
    years: tuple[str, ...] = ()    # years the title and text mention
    oblasts: tuple[str, ...] = ()  # oblasts the title or the opening of the text names
    headline_oblasts: tuple[str, ...] = ()   # oblasts the title names
    script: str = ""               # cyrl / latn: the alphabet of the headline and opening
    leads: tuple[int, ...] = ()    # hashes of the opening words of the first sentences
    slug_acronyms: tuple[str, ...] = ()   # name-like words of the URL (/opp/umx-call): they meet written ones only
    text: str | None = None        # what the signature is of (to verify small texts exactly)
    shingle_set: np.ndarray | None = None   # its distinct shingle hashes, sorted (computed when needed)
    scope: int = field(init=False)
    year_stated: bool = field(init=False)
    day_scope: int = field(init=False)
    dated: bool = field(init=False)          # it has a deadline (a date or rolling)
    _ident_keys: dict | None = field(init=False, default=None, repr=False)
    _acronym_keys: dict | None = field(init=False, default=None, repr=False)
    _acronym_store_keys: dict | None = field(init=False, default=None, repr=False)
    _name_keys: tuple | None = field(init=False, default=None, repr=False)
    _specific: set | None = field(init=False, default=None, repr=False)
    _facts: int | None = field(init=False, default=None, repr=False)
    _batch: "KeyBatch | None" = field(init=False, default=None, repr=False)
    _row: int = field(init=False, default=0, repr=False)

    def __post_init__(self) -> None:
        self.year_stated = bool(self.deadline) and self.deadline[:4] in self.years
        self.scope = deadline_scope(self.deadline, self.year_stated)
        if self.scope in (NONE, ROLLING):
            self.day_scope = self.scope       # the deadline's month and day only (a year-free scope)
        else:
            self.day_scope = MONTH_DAY + int(self.deadline[5:7]) * 100 + int(self.deadline[8:10])
        self.dated = self.scope != NONE

    def deadline_agrees(self, other: "Fingerprint") -> bool:
        """Two deadlines are one: the same date, or — when a year was not written
        on one of the pages but guessed — the same day and month."""
        if self.scope == other.scope:
            return True
        if ROLLING in (self.scope, other.scope) or (self.year_stated and other.year_stated):
            return False
        return self.day_scope == other.day_scope

    # --- index keys ---------------------------------------------------
    def exact_shingles(self) -> np.ndarray:
        if self.shingle_set is None:
            self.shingle_set = minhash.shingle_hashes(self.text or "")
        return self.shingle_set

    def bases(self) -> list[int]:
        """The bucket bases (distinct): LSH band values, the headline's core, the lead sentences."""
        batch = self._key_batch()
        return list(dict.fromkeys(batch.bases[self._row][batch.present[self._row]].tolist()))

    def title_base(self) -> int | None:
        batch = self._key_batch()
        return int(batch.bases[self._row, batch.title_column]) if batch.present[self._row, batch.title_column] else None

    def query_scopes(self) -> list[int]:
        """The scopes whose buckets this sighting looks in (see the module docstring)."""
        if not self.dated:
            return [NONE]
        if self.year_stated or self.scope == ROLLING:
            return list(dict.fromkeys([self.scope, NONE, self.day_scope]))
        return [self.scope, NONE]            # the year is a guess: filed under its day and month

    @property
    def looks_in_any(self) -> bool:
        """Whether it also looks in the small ``ANY`` buckets of its bases (no deadline, or
        a guessed year)."""
        return not self.dated or not (self.year_stated or self.scope == ROLLING)

    def name_keys(self) -> tuple[list[int], list[int]]:
        """(name keys to store, name keys to look in): codes, the deadline with the amount, acronyms."""
        if self._name_keys is None:
            common = list(self.identifier_keys())
            if self.facts_key() is not None:
                common.append(self.facts_key())
            if self.dated and (self.acronyms or self.slug_acronyms):
                self._name_keys = (list(dict.fromkeys(common + list(self.acronym_store_keys()))),
                                   list(dict.fromkeys(common + list(self.acronym_keys()))))
            else:
                self._name_keys = (common, common)
        return self._name_keys

    def index_rows(self) -> list[tuple[int, int]]:
        """The (key, scope) rows to store: every base under the sighting's scope, names under ``NAME``."""
        scope = self.scope
        return [(b, scope) for b in self.bases()] + [(k, NAME) for k in self.name_keys()[0]]

    def lookups(self) -> tuple[list[tuple[int, int]], list[int]]:
        """(the (key, scope) buckets to look in, the bases whose ``ANY`` bucket to look in
        if it is small)."""
        bases = self.bases()
        buckets = [(b, s) for s in self.query_scopes() for b in bases]
        buckets += [(k, NAME) for k in self.name_keys()[1]]
        return buckets, (bases if self.looks_in_any else [])

    def specific_keys(self) -> set[int]:
        """Keys that name this call rather than share some text with it: the
        headline's core, codes, acronyms and the deadline-with-amount."""
        if self._specific is None:
            specific = set(self.identifier_keys()) | set(self.acronym_keys()) | set(self.acronym_store_keys())
            if self.facts_key() is not None:
                specific.add(self.facts_key())
            if self.title_base() is not None:
                specific.add(self.title_base())
            self._specific = specific
        return self._specific

    def _key_batch(self) -> "KeyBatch":
        if self._batch is None:       # a fingerprint not made by ``fingerprints`` (from a stored row)
            _precompute_keys([self], self.sig[None, :])
        return self._batch

    def facts_key(self) -> int | None:
        """The deadline's day and month with the amount (texts in two languages share it)."""
        if not self.dated or self.amount is None:
            return None
        if self._facts is None:
            self._facts = _combine(KIND_FACTS, self.day_scope, int(round(self.amount * 100)),
                                   stable_hash(self.currency or ""))
        return self._facts

    def identifier_keys(self) -> dict[int, str]:
        if self._ident_keys is None:
            self._ident_keys = {_combine(KIND_IDENT, stable_hash(code)): code for code in self.identifiers}
        return self._ident_keys

    def acronym_keys(self) -> dict[int, str]:
        """The acronym keys this sighting looks in (key -> acronym): written acronyms in
        both written and URL buckets, URL names in written buckets only — so two URL
        slugs never meet. They carry the deadline's day and month: dated sightings only."""
        if self._acronym_keys is None:
            self._acronym_tables()
        return self._acronym_keys

    def acronym_store_keys(self) -> dict[int, str]:
        """The acronym buckets this sighting is filed under."""
        if self._acronym_store_keys is None:
            self._acronym_tables()
        return self._acronym_store_keys

    def _acronym_tables(self) -> None:
        looked: dict[int, str] = {}
        stored: dict[int, str] = {}
        if self.dated:
            day = self.day_scope
            for a in self.acronyms:
                h = stable_hash(a)
                written = _combine(KIND_ACRONYM, h, day)
                looked[written] = a
                looked[_combine(KIND_SLUG, h, day)] = a
                stored[written] = a
            for a in self.slug_acronyms:
                h = stable_hash(a)
                looked[_combine(KIND_ACRONYM, h, day)] = a
                stored[_combine(KIND_SLUG, h, day)] = a
        self._acronym_keys, self._acronym_store_keys = looked, stored


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
    if text.count(" ", 0, 400) >= MIN_TEXT_WORDS or len(text.split()) >= MIN_TEXT_WORDS:
        return text
    return f"{record.get('title') or ''}\n{text}"


def fingerprints(records: list[dict], batches: list | None = None) -> list[Fingerprint]:
    """Fingerprints of sighting records (``id``, ``source_id``, ``url``, ``title``,
    ``text``, ``deadline``, ``amount_max``, ``links``, ...), computed in one batch
    (``batches``: gets the batch's ``KeyBatch``, for the bulk join)."""
    texts = [signature_text(r) for r in records]
    # a text posted again (a share link, an AMP copy, a verbatim repost) is sketched once
    first: dict[str, int] = {}
    which = [first.setdefault(text, len(first)) for text in texts]
    sketch = minhash.sketches(list(first), TEXT_TERMS)
    sigs = sketch.sigs if len(first) == len(texts) else sketch.sigs[np.array(which, dtype=np.int64)]
    headlines: dict[str, Headline] = {}      # and a headline kept by a repost is read once
    counts, coded = sketch.counts.tolist(), sketch.coded.tolist()
    out = []
    for record, text, sig, i in zip(records, texts, sigs, which):
        title = record.get("title") or ""
        headline = headlines.get(title)
        if headline is None:
            headline = headlines[title] = Headline.of(title)
        fp = _fingerprint(record, headline, sig, counts[i], sketch.years[i], sketch.leads[i], sketch.terms[i],
                          sketch.acronyms[i], sketch.scripts[i], coded[i])
        fp.text = text
        fp.shingle_set = sketch.shingles[i]
        out.append(fp)
    batch = _precompute_keys(out, sigs)
    if batches is not None and batch is not None:
        batches.append(batch)
    return out


@dataclass(frozen=True, slots=True)
class Headline:
    """What identity reads from a headline."""

    words: str                      # normalised
    core: str                       # distinctive words, sorted
    oblasts: tuple[str, ...]        # oblasts it names
    acronyms: tuple[str, ...]
    years: tuple[str, ...]
    extension: bool                # it announces a new deadline
    identifiers: tuple[str, ...]   # codes it writes

    @classmethod
    def of(cls, title: str) -> "Headline":
        words = normalise_title(title)
        return cls(words, title_core(title, words), tuple(title_oblasts(title, words)), tuple(acronyms(title)),
                   tuple(years(title)), mentions_extension(title), tuple(identifiers(title)) if "-" in title else ())


@dataclass
class KeyBatch:
    """The bucket bases and scopes of a batch of fingerprints, as arrays (for the bulk join)."""

    bases: np.ndarray     # n x columns int64: band values, the headline's core, lead sentences
    present: np.ndarray   # n x columns: which bases a fingerprint has
    title_column: int     # the column of the headline's core (weighted as specific)
    scope: np.ndarray     # n: the scope each fingerprint is stored under
    query: np.ndarray     # n x 3: the scopes it looks in (``NO_SCOPE``: none)
    looks_in_any: np.ndarray   # n: it also looks in the small ANY buckets of its bases
    sigs: np.ndarray      # n x minhash.BINS: the signatures (each fingerprint's ``sig`` is a row)


def _precompute_keys(fps: list[Fingerprint], sigs: np.ndarray) -> KeyBatch | None:
    """Every fingerprint's bucket bases and scopes, for the whole batch in a few numpy passes."""
    n = len(fps)
    if not n:
        return None
    width = minhash.BANDS + 1 + minhash.LEAD_SENTENCES
    raw = np.zeros((n, width), dtype=np.uint64)
    present = np.zeros((n, width), dtype=bool)
    rows = sigs[:, : minhash.BANDS * minhash.ROWS].reshape(n, minhash.BANDS, minhash.ROWS)
    raw[:, : minhash.BANDS] = minhash.combine_rows(rows) ^ _BAND_SALT
    present[:, : minhash.BANDS] = (sigs[:, 0] != minhash.EMPTY)[:, None]
    titles = [stable_hash(fp.title_core) if fp.title_core else 0 for fp in fps]
    raw[:, minhash.BANDS] = np.array(titles, dtype=np.uint64) ^ _TITLE_SALT
    present[:, minhash.BANDS] = np.array([bool(fp.title_core) for fp in fps], dtype=bool)
    counts = np.array([min(len(fp.leads), minhash.LEAD_SENTENCES) for fp in fps], dtype=np.int64)
    total = int(counts.sum())
    if total:
        leads = np.fromiter(chain.from_iterable(fp.leads[: minhash.LEAD_SENTENCES] for fp in fps),
                            dtype=np.uint64, count=total)
        row = np.repeat(np.arange(n), counts)
        column = minhash.BANDS + 1 + np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        raw[row, column] = leads ^ _LEAD_SALT
        present[row, column] = True
    bases = (_np_mix(raw) & _MASK62).astype(np.int64)
    scope = np.array([fp.scope for fp in fps], dtype=np.int64)
    day = np.array([fp.day_scope for fp in fps], dtype=np.int64)
    stated = np.array([fp.year_stated or fp.scope == ROLLING for fp in fps], dtype=bool)
    dated = scope != NONE
    query = np.full((n, 3), NO_SCOPE, dtype=np.int64)
    query[:, 0] = scope
    query[:, 1] = np.where(dated, NONE, NO_SCOPE)
    query[:, 2] = np.where(dated & stated & (day != scope), day, NO_SCOPE)
    batch = KeyBatch(bases, present, minhash.BANDS, scope, query, ~dated | ~stated, sigs)
    for i, fp in enumerate(fps):
        fp._batch, fp._row = batch, i
    return batch


def fingerprint(record: dict) -> Fingerprint:
    return fingerprints([record])[0]


def _fingerprint(record: dict, headline: Headline, sig: np.ndarray, count: int, text_years: list[str],
                 leads: tuple[int, ...], terms: set[str], text_acronyms: list[str], text_script: str,
                 coded: bool) -> Fingerprint:
    url = record.get("canonical_url") or canonical_url(record.get("url") or "")
    host, path = canonical_parts(url)
    title = record.get("title") or ""
    links = identifying_links(record.get("links") or [], url)
    acr = list(headline.acronyms)
    for word in text_acronyms:
        if word not in acr and word not in COMMON_ACRONYMS:
            acr.append(word)
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if "%" in last or LATIN_LETTER.search(last):     # a URL name has Latin letters
        slugs = [w for w in slug_names(slug_words(url, path)) if w not in acr and w not in COMMON_ACRONYMS]
    else:
        slugs = []
    if headline.years:
        all_years = tuple(sorted(set(headline.years) | set(text_years)))
    else:
        all_years = tuple(text_years)                # sorted, distinct
    if terms:
        oblasts = tuple(sorted(set(headline.oblasts) | (terms - {EXTENSION})))
    else:
        oblasts = headline.oblasts
    published = record.get("published")
    return Fingerprint(
        sighting_id=record.get("id") or "", source_id=record.get("source_id") or "",
        own_id=record.get("source_item_id"), url=url, site=registered_domain(host),
        title=headline.words, title_core=headline.core, sig=sig, shingles=count,
        deadline=record.get("deadline"), published=(published or None) and str(published)[:10],
        amount=_amount(record), currency=record.get("currency"),
        regions=tuple(record.get("regions") or ()), language=record.get("language"),
        # the sketch tells a text that may hold a code (a run of capitals and digits joined by hyphens)
        identifiers=tuple(identifiers(title, record.get("text") or "")) if coded else headline.identifiers,
        acronyms=tuple(acr), links=tuple(links),
        roundup=bool(links) and is_roundup(links), extension=EXTENSION in terms or headline.extension,
        years=all_years, oblasts=oblasts, headline_oblasts=headline.oblasts,
        script=text_script or script(title), leads=tuple(leads), slug_acronyms=tuple(slugs),
    )
