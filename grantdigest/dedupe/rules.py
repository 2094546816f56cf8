"""Is this pair of sightings one call? The content rule (identity rule 4).

Two sightings found as candidates (they share an index bucket or a link) are
compared in two steps:

1. **Conflicts** rule a pair out whatever its text: different deadlines (one
   call has one deadline; an extension is seen through the page itself or a
   link, not through look-alike text), different amounts in one currency
   (unless the texts are near copies: then the amounts were read differently
   from one text), disjoint oblasts (extracted, or named in the headlines),
   publication dates a season apart, no year in common (next year's round of
   a call repeats its text with the years moved on), different identifier
   codes (EU topics of one call share their boilerplate).
2. **Agreement**: enough shared text (MinHash estimate of word-bigram Jaccard
   or containment), a near-equal headline, or — for texts in different
   languages — shared facts: the same deadline and amount, a code or an
   acronym. The bar is higher when one side has no deadline.

Thresholds were set from first principles (Jaccard of word bigrams between
unrelated announcements stays under 0.07; a repost that keeps half of the
original has containment above 0.8) and checked on the labelled set in
``tests/fixtures/dedupe`` (README "Deduplication").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rapidfuzz import fuzz

from grantdigest.dedupe import minhash
from grantdigest.dedupe.fingerprint import Fingerprint

SEASON_DAYS = 270            # reposts appear within months of the original
AMOUNT_TOLERANCE = 0.01
TEXT_JACCARD = 0.30          # same deadline
TEXT_CONTAINMENT = 0.55
TEXT_JACCARD_UNDATED = 0.50  # one side without a deadline
TEXT_CONTAINMENT_UNDATED = 0.9
TITLE_SAME_DEADLINE = 0.80
TITLE_UNDATED = 0.92
MIN_SHINGLES = 12            # a text shorter than this says too little for containment
EXACT_BELOW = 40             # compare exactly when the smaller text has fewer shingles
BORDERLINE = (0.15, 0.55)    # or when the estimate is where a decision could go either way
LATE_REPOST_DAYS = 60        # published this long after a call's deadline: not a repost of it
NEAR_COPY_JACCARD = 0.6      # texts this close are one text: amounts read from them may differ
NEAR_COPY_CONTAINMENT = 0.9
COPY_JACCARD = 0.5           # a copy: this much shared text, or the smaller text
COPY_CONTAINMENT = 0.9       # (of at least COPY_MIN_SHINGLES) almost all in the larger
COPY_MIN_SHINGLES = 20


@dataclass(frozen=True)
class Verdict:
    score: float
    reason: str
    copy: bool = False       # one text is (nearly) all in the other: strong enough to join two calls


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _prefix_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Codes agree when one names the other or a part of it (call vs topic id)."""
    return any(x == y or x.startswith(y + "-") or y.startswith(x + "-") for x in a for y in b)


def conflict(a: Fingerprint, b: Fingerprint, *, check_deadline: bool = True, near_copy: bool = False) -> str | None:
    """Why ``a`` and ``b`` cannot be one call, or None. ``near_copy``: the texts are
    nearly the same, so an amount read differently from them is not evidence."""
    if check_deadline and a.dated and b.dated and not a.deadline_agrees(b):
        return "deadline"
    if not near_copy and amounts_differ(a, b):
        return "amount"
    if a.regions and b.regions:
        ra, rb = set(a.regions), set(b.regions)
        if "UA" not in ra and "UA" not in rb and not ra & rb:
            return "regions"
    if a.oblasts and b.oblasts and a.oblasts != b.oblasts and set(a.oblasts).isdisjoint(b.oblasts):
        return "oblasts"
    if (a.headline_oblasts and b.headline_oblasts and a.headline_oblasts != b.headline_oblasts
            and set(a.headline_oblasts).isdisjoint(b.headline_oblasts)):
        return "oblasts"
    if a.published or b.published:
        pa, pb = _date(a.published), _date(b.published)
        if pa and pb and abs((pa - pb).days) > SEASON_DAYS:
            return "season"
        for published, other in ((pa, b), (pb, a)):
            deadline = _date(other.deadline) if published and other.year_stated else None
            if deadline and (published - deadline).days > LATE_REPOST_DAYS:
                return "season"
    if a.years and b.years and a.years != b.years and set(a.years).isdisjoint(b.years):
        return "years"
    if a.identifiers and b.identifiers and not _prefix_compatible(a.identifiers, b.identifiers):
        return "identifier"
    return None


def amounts_differ(a: Fingerprint, b: Fingerprint) -> bool:
    return (a.amount is not None and b.amount is not None and bool(a.currency) and a.currency == b.currency
            and abs(a.amount - b.amount) > AMOUNT_TOLERANCE * max(a.amount, b.amount))


def title_similarity(a: Fingerprint, b: Fingerprint) -> float:
    if not a.title or not b.title:
        return 0.0
    score = fuzz.token_sort_ratio(a.title, b.title)
    # a headline inside a longer one counts only when it says enough on its own
    if min(len(a.title_core.split()), len(b.title_core.split())) >= 4:
        score = max(score, fuzz.token_set_ratio(a.title_core, b.title_core))
    return score / 100.0


def text_similarity(a: Fingerprint, b: Fingerprint, agreement: int | None = None) -> tuple[float, float]:
    """(Jaccard, containment of the smaller in the larger): estimated from the
    signatures, or exact when one text is short (an estimate from a few
    shingles is too rough) or the estimate is borderline, and both texts are
    at hand. ``agreement``: the signatures' bins in common when already counted
    (0 when a text is empty), as ``minhash.jaccard`` counts them."""
    small = a.shingles if a.shingles < b.shingles else b.shingles
    estimate = minhash.jaccard(a.sig, b.sig) if agreement is None else agreement / minhash.BINS
    if estimate == 0.0:
        return 0.0, 0.0          # not one bin in common: no text worth checking
    if (small < EXACT_BELOW or BORDERLINE[0] <= estimate < BORDERLINE[1]) \
            and (a.text is not None or a.shingle_set is not None) \
            and (b.text is not None or b.shingle_set is not None):
        j, c = minhash.exact_similarity(a.exact_shingles(), b.exact_shingles())
    else:
        j = estimate
        c = minhash.containment(j, a.shingles, b.shingles)
    return j, (c if small >= MIN_SHINGLES else 0.0)


def same_call(a: Fingerprint, b: Fingerprint, *, specific_codes: frozenset[str] = frozenset(),
              specific_acronyms: frozenset[str] = frozenset(), shared_link: bool = False,
              agreement: int | None = None) -> Verdict | None:
    """A verdict if ``a`` and ``b`` are one call by content, else None.

    ``specific_codes``/``specific_acronyms``: codes and acronyms that no other
    known call carries (the resolver knows the index; a pair does not).
    ``shared_link``: both link to the same specific page (form, PDF, donor page).
    ``agreement``: their signatures' bins in common, if the index counted them.
    """
    codes = (set(a.identifiers) & set(b.identifiers) & specific_codes
             if a.identifiers and b.identifiers and specific_codes else ())
    reason = conflict(a, b, check_deadline=not (codes and (a.extension or b.extension)), near_copy=True)
    if reason:
        return None
    if codes:
        return Verdict(0.97, "identifier")
    j, c = text_similarity(a, b, agreement)
    near_copy = j >= NEAR_COPY_JACCARD or (c >= NEAR_COPY_CONTAINMENT and min(a.shingles, b.shingles) >= 30)
    if not near_copy and amounts_differ(a, b):
        return None
    same_deadline = a.dated and b.dated and a.deadline_agrees(b)
    if shared_link and (same_deadline or j >= 0.15 or title_similarity(a, b) >= 0.6):
        return Verdict(0.9, "shared_link")
    copy = j >= COPY_JACCARD or (c >= COPY_CONTAINMENT and min(a.shingles, b.shingles) >= COPY_MIN_SHINGLES)
    if same_deadline:
        if j >= TEXT_JACCARD or c >= TEXT_CONTAINMENT:
            return Verdict(0.6 + j / 2, "text", copy)
        title = title_similarity(a, b)
        if title >= TITLE_SAME_DEADLINE and not names_differ(a, b):
            return Verdict(0.5 + title / 4, "title")
        # facts alone (for texts in two languages) only on one exact date
        if a.deadline != b.deadline:
            return None
        same_amount = (a.amount is not None and b.amount is not None and a.currency == b.currency
                       and not amounts_differ(a, b))
        # an acronym both write, or one writes and the other has as its URL's name
        acronyms = ((set(a.acronyms) & (set(b.acronyms) | set(b.slug_acronyms)))
                    | (set(b.acronyms) & set(a.slug_acronyms))) & specific_acronyms
        if same_amount and (acronyms or title >= 0.5 or j >= 0.1):
            return Verdict(0.55, "facts")
        if acronyms and (j >= 0.1 or title >= 0.5 or (a.script and b.script and a.script != b.script)):
            return Verdict(0.5, "acronym")
        return None
    if j >= TEXT_JACCARD_UNDATED or (c >= TEXT_CONTAINMENT_UNDATED and j >= 0.1):
        return Verdict(0.5 + j / 2, "text", copy)
    title = title_similarity(a, b) if (j >= 0.3 or min(a.shingles, b.shingles) < MIN_SHINGLES) else 0.0
    if title >= TITLE_UNDATED and not names_differ(a, b):
        return Verdict(0.45 + title / 4, "title")
    return None


def names_differ(a: Fingerprint, b: Fingerprint) -> bool:
    """Both headlines have words the other lacks that name something (not the
    words a repost adds): "… — Луцьк" and "… — Рівне" are two calls."""
    wa, wb = set(a.title_core.split()), set(b.title_core.split())
    return bool(_distinctive(wa - wb)) and bool(_distinctive(wb - wa))


def _distinctive(words: set[str]) -> set[str]:
    return {w for w in words if len(w) >= 3 or any(ch.isdigit() for ch in w)}
