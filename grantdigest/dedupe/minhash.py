"""MinHash signatures of texts, computed for many texts at once with numpy.

A text's shingles are its word bigrams (the text lower-cased, words being runs
of letters and digits in any script). A signature is a one-permutation MinHash
with ``BINS`` bins (Li, Owen & Zhang 2012) densified by rotation (Shrivastava &
Li 2014), so that two signatures agree in a bin with probability equal to the
Jaccard similarity of the two shingle sets. The first ``BANDS * ROWS`` bins
make the LSH band keys (``band_values``).

The same pass finds the *lead sentences* (reposts copy a text's opening: the
first words of its first sentences become index keys) and the years a text
writes. Hashes are deterministic (no per-process salt), so signatures and
keys can be stored and compared across runs. Word hashes are polynomial
hashes computed for a whole batch with one prefix sum; nothing loops per word
in Python, which is what makes 100,000 texts a few seconds' work.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BINS = 64
BIN_BITS = 6
BANDS = 16
ROWS = 3
MAX_CHARS = 5000            # of each text
LEAD_SENTENCES = 6          # sentences whose opening words make lead keys
LEAD_WORDS = 8              # words of a sentence in its lead key
LEAD_CHARS = 1500           # lead sentences start within this many characters
HEAD_CHARS = 4              # prefix terms are looked up by their first characters first
CHUNK_CHARS = (1 << 16) - 8  # characters in one numpy pass (packed 16-bit counts must not overflow)
CHUNK_DOCS = 2047           # documents in one pass (11 bits of the packed sort key)
VALUE_BITS = 53 - BIN_BITS  # a bin's value
VALUE_MASK = np.uint64((1 << VALUE_BITS) - 1)
EMPTY = np.uint64((1 << 64) - 1)

_P = 1099511628211                       # odd: invertible modulo 2**64
_Q = pow(_P, -1, 1 << 64)
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xBF58476D1CE4E5B9)
_ROTATE = np.uint64(0x5851F42D4C957F2D)
_ALNUM = np.array([chr(i).isalnum() for i in range(0x10000)] + [False], dtype=bool)
_LOWER = np.array([ord(chr(i).lower()) if len(chr(i).lower()) == 1 else i for i in range(0x10000)] + [0x10000],
                  dtype=np.uint32)
_UPPER_ANY = np.array([chr(i).isupper() for i in range(0x10000)] + [False], dtype=bool)
_LOWER_ANY = np.array([chr(i).islower() for i in range(0x10000)] + [False], dtype=bool)
ACRONYM_CHARS = 800         # acronyms are read from the opening of a text
SCRIPT_CHARS = 300          # and its alphabet too
_URLISH_BEFORE = np.zeros(0x10001, dtype=bool)     # characters before a word that make it part of a URL
_URLISH_BEFORE[[ord(c) for c in "-/.@_:"]] = True
_URLISH_AFTER = np.zeros(0x10001, dtype=bool)      # and after it ("." only with a letter after it)
_URLISH_AFTER[[ord(c) for c in "-/@_"]] = True


def _category_tables() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per code point: whether it is an ASCII letter or digit; counters to add up over a
    word's characters (16 bits each): ASCII upper | ASCII lower << 16 | digit << 32, and
    any upper | any lower << 16; and over a text's opening: ASCII letter | Cyrillic << 16."""
    ascii_alnum = np.zeros(0x10001, dtype=bool)
    ascii_kinds = np.zeros(0x10001, dtype=np.int64)
    case = np.zeros(0x10001, dtype=np.int64)
    alphabet = np.zeros(0x10001, dtype=np.int64)
    for i in range(0x10000):
        ch = chr(i)
        if "A" <= ch <= "Z":
            ascii_kinds[i] = 1
        elif "a" <= ch <= "z":
            ascii_kinds[i] = 1 << 16
        elif "0" <= ch <= "9":
            ascii_kinds[i] = 1 << 32
        ascii_alnum[i] = ascii_kinds[i] != 0
        if ch.isupper():
            case[i] = 1
        elif ch.islower():
            case[i] = 1 << 16
        if ascii_kinds[i] and i > 0x39:
            alphabet[i] = 1
        elif 0x400 <= i <= 0x4FF:
            alphabet[i] = 1 << 16
    return ascii_alnum, ascii_kinds, case, alphabet


_ASCII_ALNUM, _ASCII_KINDS, _CASE, _ALPHABET = _category_tables()


def _sums(table: np.ndarray, raw: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """``table`` added up over the characters of each span [start, end)."""
    lengths = ends - starts
    total = int(lengths.sum())
    if not total:
        return np.zeros(len(starts), dtype=table.dtype)
    before = np.cumsum(lengths) - lengths
    at = np.repeat(starts - before, lengths) + np.arange(total)
    running = np.zeros(total + 1, dtype=table.dtype)
    np.cumsum(np.take(table, raw[at], mode="clip"), out=running[1:])
    return running[before + lengths] - running[before]


def _field(diff: np.ndarray, k: int) -> np.ndarray:
    return (diff >> (16 * k)) & 0xFFFF
_ROTATIONS = (np.arange(BINS, dtype=np.uint64) * _ROTATE)
_TERMINAL = np.zeros(0x10001, dtype=bool)
_TERMINAL[[ord(c) for c in ".!?;:\n\x00"]] = True
_POWERS: dict[int, np.ndarray] = {}


def _powers(base: int, n: int) -> np.ndarray:
    """base**0 .. base**(n-1) modulo 2**64 (cached, grown by doubling)."""
    have = _POWERS.get(base)
    if have is not None and len(have) >= n:
        return have
    size = max(n, CHUNK_CHARS + MAX_CHARS + 64)
    out = np.empty(size, dtype=np.uint64)
    out[0] = 1
    filled = 1
    while filled < size:
        step = min(filled, size - filled)
        out[filled:filled + step] = out[:step] * np.uint64(pow(base, filled, 1 << 64))
        filled += step
    _POWERS[base] = out
    return out


def mix(h: np.ndarray) -> np.ndarray:
    """A 64-bit finaliser (xorshift-multiply), elementwise."""
    h = h ^ (h >> np.uint64(31))
    h = h * _M2
    return h ^ (h >> np.uint64(29))


_mix = mix
M1 = _M1


@dataclass
class Sketches:
    """What one numpy pass learns about a batch of texts."""

    sigs: np.ndarray                 # len x BINS uint64 signatures (EMPTY: fewer than two words)
    counts: np.ndarray               # distinct shingles per text
    leads: list[tuple[int, ...]]     # hashes of the first LEAD_WORDS words of the first sentences
    years: list[list[str]]           # years 2000-2049 written in the text
    terms: list[set[str]]            # labels of ``prefix_terms`` whose prefixes start words of the opening
    acronyms: list[list[str]]        # Latin acronyms/brand codes of the opening (upper case, in order)
    scripts: list[str]               # cyrl / latn: the alphabet of most letters of the opening
    coded: np.ndarray                # the text has a code-like run (CAPS-CAPS-CAPS, e.g. an EU topic id)
    shingles: list[np.ndarray] | None = None  # each text's distinct shingle hashes (32 bits), sorted


class PrefixTerms:
    """Word prefixes (lower case) with a label each, found by hash in the numpy pass."""

    def __init__(self, labels: dict[str, str]):
        self.labels = labels
        by_length: dict[int, list[str]] = {}
        for prefix in labels:
            by_length.setdefault(len(prefix), []).append(prefix)
        self.label_of = {_string_hash(p): label for p, label in labels.items()}
        self.all_hashes = np.array(sorted(self.label_of), dtype=np.uint64)
        self.lengths = np.array(sorted(by_length), dtype=np.int64)
        self.shortest = int(self.lengths.min())
        # a word can start with a prefix only if it starts with the prefix's first ``head``
        # characters: those are looked up first (a 16-bit table, then exactly), for all words
        self.head = min(self.shortest, HEAD_CHARS)
        self.heads = np.array(sorted({_string_hash(p[: self.head]) for p in labels}), dtype=np.uint64)
        self.head_filter = np.zeros(1 << 16, dtype=bool)
        self.head_filter[(self.heads & np.uint64(0xFFFF)).astype(np.int64)] = True


def _string_hash(text: str) -> int:
    """The position-independent hash ``_chunk`` gives a word (or a word's prefix) ``text``."""
    h, power = 0, 1
    for ch in text:
        h = (h + ord(ch) * power) % (1 << 64)
        power = power * _Q % (1 << 64)
    return h


def sketches(texts: list[str], prefix_terms: PrefixTerms | None = None) -> Sketches:
    """Signatures, shingle counts, lead-sentence hashes, years, ``prefix_terms``,
    acronyms and script of ``texts`` (each cut to ``MAX_CHARS``; words compared in
    lower case), in numpy passes of a chunk each."""
    out = Sketches(np.full((len(texts), BINS), EMPTY, dtype=np.uint64), np.zeros(len(texts), dtype=np.int64),
                   [()] * len(texts), [[] for _ in texts], [set() for _ in texts], [[] for _ in texts],
                   ["" for _ in texts], np.zeros(len(texts), dtype=bool))
    out.shingles = [_NO_SHINGLES] * len(texts)
    start = 0
    while start < len(texts):
        end, size = start, 0
        while end < len(texts) and end - start < CHUNK_DOCS and (size < CHUNK_CHARS or end == start):
            size += min(len(texts[end] or ""), MAX_CHARS) + 1
            end += 1
        _chunk([(t or "")[:MAX_CHARS] for t in texts[start:end]], out, start, prefix_terms)
        start = end
    return out


def signatures(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    result = sketches(texts)
    return result.sigs, result.counts


def signature(text: str) -> tuple[np.ndarray, int]:
    sigs, counts = signatures([text])
    return sigs[0], int(counts[0])


def _chunk(docs: list[str], out: Sketches, first_doc: int, prefix_terms: PrefixTerms | None = None) -> None:
    joined = "\x00".join(docs)
    if not joined:
        return
    raw = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    chars = np.take(_LOWER, raw, mode="clip")       # beyond the BMP: one shared sentinel
    n = len(chars)
    offsets = np.cumsum([0] + [len(d) + 1 for d in docs[:-1]])
    _years(chars, offsets, out.years, first_doc)
    is_word = np.take(_ALNUM, chars, mode="clip")
    edges = np.flatnonzero(np.diff(is_word.view(np.int8), prepend=np.int8(0), append=np.int8(0)))
    starts, ends = edges[0::2], edges[1::2]
    if len(starts) < 2:
        return
    word_doc = np.searchsorted(offsets, starts, side="right") - 1
    # position-independent polynomial hash of every word from one prefix sum
    prefix = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum(chars.astype(np.uint64) * _powers(_Q, n)[:n], out=prefix[1:])
    words = (prefix[ends] - prefix[starts]) * _powers(_P, n)[starts]
    _leads(chars, starts, ends, offsets, word_doc, words, out.leads, first_doc)
    _acronyms(raw, starts, ends, offsets, word_doc, docs, out, first_doc)
    _scripts(raw, offsets, len(docs), out.scripts, first_doc)
    if prefix_terms is not None:
        _terms(prefix, starts, ends, offsets, word_doc, prefix_terms, out.terms, first_doc)
    same = word_doc[:-1] == word_doc[1:]
    shingles = _mix(words[:-1][same] * _M1 + words[1:][same])
    shingle_doc = word_doc[:-1][same].astype(np.uint64)
    if not len(shingles):
        return
    # one sort orders by (document, bin, value): the first of each group is the bin's minimum
    packed = (shingle_doc << np.uint64(53)) | (shingles >> np.uint64(11))
    packed.sort()
    packed = packed[np.r_[True, packed[1:] != packed[:-1]]]
    doc_of = (packed >> np.uint64(53)).astype(np.int64)
    out.counts[first_doc:first_doc + len(docs)] = np.bincount(doc_of, minlength=len(docs))
    # for exact comparisons: the top 32 bits of each shingle hash (still sorted), by text
    short = packed >> np.uint64(21)
    short = short[np.r_[True, short[1:] != short[:-1]]]
    bounds = np.searchsorted(short >> np.uint64(32), np.arange(len(docs) + 1, dtype=np.uint64)).tolist()
    values = (short & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    del short
    for i in range(len(docs)):
        out.shingles[first_doc + i] = values[bounds[i]:bounds[i + 1]]
    group = packed >> np.uint64(VALUE_BITS)
    first = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    rows = doc_of[first] + first_doc
    cols = (group[first] & np.uint64(BINS - 1)).astype(np.int64)
    out.sigs[rows, cols] = packed[first] & VALUE_MASK
    _densify(out.sigs[first_doc:first_doc + len(docs)])


def _leads(chars, starts, ends, offsets, word_doc, words, leads: list[list[int]], first_doc: int) -> None:
    """Hashes of the first ``LEAD_WORDS`` words of each of the first ``LEAD_SENTENCES``
    sentences (of at least that many words, within ``LEAD_CHARS``) of every text."""
    terminal = np.zeros(len(chars) + 1, dtype=np.int32)
    np.cumsum(np.take(_TERMINAL, chars, mode="clip"), dtype=np.int32, out=terminal[1:])
    begins = np.ones(len(starts), dtype=bool)
    begins[1:] = (terminal[starts[1:]] - terminal[ends[:-1]] > 0) | (word_doc[1:] != word_doc[:-1])
    sentence = np.cumsum(begins)
    last = len(starts) - LEAD_WORDS
    if last < 0:
        return
    candidates = np.flatnonzero(begins[: last + 1])
    candidates = candidates[(sentence[candidates + LEAD_WORDS - 1] == sentence[candidates])
                            & (starts[candidates] - offsets[word_doc[candidates]] < LEAD_CHARS)]
    if not len(candidates):
        return
    h = np.zeros(len(candidates), dtype=np.uint64)
    for t in range(LEAD_WORDS):
        h = h * _M1 + words[candidates + t]
    h = _mix(h) & np.uint64((1 << 62) - 1)
    docs = word_doc[candidates]
    rank = np.arange(len(docs)) - np.searchsorted(docs, docs, side="left")
    keep = rank < LEAD_SENTENCES
    docs, values = docs[keep], h[keep].tolist()
    bounds = np.searchsorted(docs, np.arange(len(offsets) + 1))
    have = np.flatnonzero(bounds[1:] > bounds[:-1])
    for doc, a, b in zip(have.tolist(), bounds[have].tolist(), bounds[have + 1].tolist()):
        leads[first_doc + doc] = tuple(values[a:b])


def _terms(prefix, starts, ends, offsets, word_doc, terms: PrefixTerms, out: list[set[str]], first_doc: int) -> None:
    """Labels of the prefixes that begin words within ``LEAD_CHARS`` of each text."""
    early = np.flatnonzero((starts - offsets[word_doc] < LEAD_CHARS) & (ends - starts >= terms.shortest))
    if not len(early):
        return
    scale = _powers(_P, int(starts[early[-1]]) + 1)
    s = starts[early]
    head = (prefix[s + terms.head] - prefix[s]) * scale[s]
    maybe = terms.head_filter[(head & np.uint64(0xFFFF)).astype(np.int64)]
    early, head = early[maybe], head[maybe]
    if not len(early):
        return
    at = np.searchsorted(terms.heads, head)
    early = early[terms.heads[np.minimum(at, len(terms.heads) - 1)] == head]
    if not len(early):
        return
    starts, ends, word_doc = starts[early], ends[early], word_doc[early]
    base = prefix[starts]
    span = ends - starts
    for length in terms.lengths.tolist():
        long_enough = np.flatnonzero(span >= length)
        if not len(long_enough):
            continue
        s = starts[long_enough]
        h = (prefix[s + length] - base[long_enough]) * scale[s]
        at = np.searchsorted(terms.all_hashes, h)
        hit = terms.all_hashes[np.minimum(at, len(terms.all_hashes) - 1)] == h
        if hit.any():
            for doc, value in zip(word_doc[long_enough][hit].tolist(), h[hit].tolist()):
                out[first_doc + doc].add(terms.label_of[value])


def _acronyms(raw, starts, ends, offsets, word_doc, docs, sketch: Sketches, first_doc: int) -> None:
    """Words shaped like acronyms (Latin capitals, or Latin letters with a digit), not in
    lines written in capitals, not parts of codes, URLs or addresses, within ``ACRONYM_CHARS``;
    and which texts have a code-like run of capitals and digits joined by hyphens.

    Only words that begin with a Latin letter or a digit can be either: their characters
    are counted; and only the lines holding an acronym-shaped word are checked for capitals."""
    out = sketch.acronyms
    n = len(raw)
    length = ends - starts
    first = raw[starts]
    latin = np.flatnonzero(np.take(_ASCII_ALNUM, first, mode="clip"))
    if not len(latin):
        return
    kinds = _sums(_ASCII_KINDS, raw, starts[latin], ends[latin])
    up, lo, dig = _field(kinds, 0), _field(kinds, 1), _field(kinds, 2)
    span = length[latin]
    caps = np.zeros(len(starts), dtype=bool)
    caps[latin] = (lo == 0) & (up + dig == span)
    if len(starts) > 2:
        upper = np.zeros(len(starts), dtype=bool)
        upper[latin] = up >= 1
        joined = (starts[1:] == ends[:-1] + 1) & (raw[np.minimum(ends[:-1], n - 1)] == 45)    # word-word
        run = caps[:-2] & caps[1:-1] & caps[2:] & joined[:-1] & joined[1:] & upper[:-2]
        sketch.coded[first_doc + word_doc[:-2][run]] = True
    head = first[latin]
    first_upper = (head >= 65) & (head <= 90)
    first_letter = first_upper | ((head >= 97) & (head <= 122))
    letters = up + lo
    shaped = (letters + dig == span) & (letters >= 2) & (span <= 14) & (
        (first_upper & (lo == 0)) | (first_letter & (dig >= 1)))
    shaped = latin[shaped & (starts[latin] - offsets[word_doc[latin]] < ACRONYM_CHARS)]
    if not len(shaped):
        return
    # lines written in capitals (headlines): their words are not acronyms
    breaks = np.flatnonzero((raw == 10) | (raw == 0))
    line = np.searchsorted(breaks, starts)              # words of one line share a number
    wanted = np.zeros(len(breaks) + 1, dtype=bool)
    wanted[line[shaped]] = True
    in_lines = np.flatnonzero(wanted[line])
    case = _sums(_CASE, raw, starts[in_lines], ends[in_lines])
    uany, lany = _field(case, 0), _field(case, 1)
    real_word = uany + lany >= 2
    upper_word = real_word & (lany == 0)
    words_in_line = np.bincount(line[in_lines], weights=real_word, minlength=len(wanted))
    upper_in_line = np.bincount(line[in_lines], weights=upper_word, minlength=len(wanted))
    shouting = (words_in_line >= 3) & (upper_in_line >= 0.6 * words_in_line)
    candidates = shaped[~shouting[line[shaped]]]
    if not len(candidates):
        return
    s, e = starts[candidates], ends[candidates]
    before = np.where(s > 0, raw[np.maximum(s - 1, 0)], 32)
    after = np.where(e < n, raw[np.minimum(e, n - 1)], 32)
    after2 = np.where(e + 1 < n, raw[np.minimum(e + 1, n - 1)], 32)
    urlish = np.take(_URLISH_BEFORE, before, mode="clip") | np.take(_URLISH_AFTER, after, mode="clip") | (
        (after == 46) & (((after2 >= 65) & (after2 <= 90)) | ((after2 >= 97) & (after2 <= 122))))
    for at in candidates[~urlish].tolist():
        doc = int(word_doc[at])
        start = int(starts[at] - offsets[doc])
        word = docs[doc][start:start + int(length[at])].upper()
        found = out[first_doc + doc]
        if word not in found:
            found.append(word)


def _scripts(raw, offsets, ndocs: int, out: list[str], first_doc: int) -> None:
    """``cyrl`` or ``latn`` for each text: the alphabet of most letters in its opening."""
    ends = np.minimum(np.r_[offsets[1:] - 1, len(raw)], offsets + SCRIPT_CHARS)
    counts = _sums(_ALPHABET, raw, offsets, ends)
    latin, cyrillic = _field(counts, 0), _field(counts, 1)
    kind = np.where(cyrillic >= latin, 1, 2) * ((cyrillic > 0) | (latin > 0))
    out[first_doc:first_doc + ndocs] = [_SCRIPTS[k] for k in kind.tolist()]


_SCRIPTS = ("", "cyrl", "latn")


def _years(chars, offsets, years: list[list[str]], first_doc: int) -> None:
    """Years 2000-2049 written as four digits (not inside a longer number)."""
    n = len(chars)
    at = np.flatnonzero(chars[: max(n - 3, 0)] == 50)             # a "2" ...
    if not len(at):
        return
    c1, c2, c3 = chars[at + 1], chars[at + 2], chars[at + 3]
    c4 = np.where(at + 4 < n, chars[np.minimum(at + 4, n - 1)], 0)
    before = np.where(at > 0, chars[np.maximum(at - 1, 0)], 0)

    def digit(c):
        return (c >= 48) & (c <= 57)

    ok = (c1 == 48) & (c2 >= 48) & (c2 <= 52) & digit(c3) & ~digit(before) & ~digit(c4)
    at = at[ok]
    if not len(at):
        return
    values = (chars[at + 2].astype(np.int64) - 48) * 10 + (chars[at + 3].astype(np.int64) - 48)
    docs = np.searchsorted(offsets, at, side="right") - 1
    found = np.sort(docs * 64 + values)              # by text, then year
    found = found[np.r_[True, found[1:] != found[:-1]]]
    for doc, year in zip((found >> 6).tolist(), (found & 63).tolist()):
        years[first_doc + doc].append(_YEARS[year])


_YEARS = [str(2000 + y) for y in range(64)]


def _densify(sigs: np.ndarray) -> None:
    """Fill empty bins from the next non-empty bin to the right (circularly),
    offset by the distance, so that every bin of a non-empty text holds a value."""
    empty = sigs == EMPTY
    rows = np.flatnonzero(empty.any(axis=1) & ~empty.all(axis=1))
    if not len(rows):
        return
    source = sigs[rows]
    # for every bin, the nearest non-empty bin at or after it (the row read twice: circularly)
    at = np.where(empty[rows], 2 * BINS, np.arange(BINS))
    at = np.concatenate([at, at + BINS], axis=1)
    at = np.minimum.accumulate(at[:, ::-1], axis=1)[:, ::-1][:, :BINS]
    distance = at - np.arange(BINS)
    value = np.take_along_axis(source, at % BINS, axis=1)
    sigs[rows] = np.where(distance > 0, (value + _ROTATIONS[distance % BINS]) & VALUE_MASK, source)


def band_values(sig: np.ndarray) -> np.ndarray:
    """The ``BANDS`` LSH band values of one signature (empty for an empty text)."""
    if sig[0] == EMPTY:
        return np.empty(0, dtype=np.uint64)
    rows = sig[: BANDS * ROWS].reshape(BANDS, ROWS)
    return combine_rows(rows)


def combine_rows(rows: np.ndarray) -> np.ndarray:
    """One value per band from its ``ROWS`` bins (last axis)."""
    h = rows[..., 0]
    for r in range(1, rows.shape[-1]):
        h = h * _M1 + rows[..., r]
    return _mix(h)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two texts' shingle sets."""
    if a[0] == EMPTY or b[0] == EMPTY:
        return 0.0
    return float(np.count_nonzero(a == b)) / BINS


_NO_SHINGLES = np.empty(0, dtype=np.uint32)


def shingle_hashes(text: str) -> np.ndarray:
    """The distinct shingle hashes a signature is made of, sorted (as ``sketches`` keeps them:
    the top 32 bits of each). Only the shingles: the words hashed as ``_chunk`` hashes them,
    without the rest of a sketch (a stored sighting's text, compared exactly)."""
    doc = (text or "")[:MAX_CHARS]
    if not doc:
        return _NO_SHINGLES
    chars = np.take(_LOWER, np.frombuffer(doc.encode("utf-32-le"), dtype=np.uint32), mode="clip")
    n = len(chars)
    is_word = np.take(_ALNUM, chars, mode="clip")
    edges = np.flatnonzero(np.diff(is_word.view(np.int8), prepend=np.int8(0), append=np.int8(0)))
    starts, ends = edges[0::2], edges[1::2]
    if len(starts) < 2:
        return _NO_SHINGLES
    prefix = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum(chars.astype(np.uint64) * _powers(_Q, n)[:n], out=prefix[1:])
    words = (prefix[ends] - prefix[starts]) * _powers(_P, n)[starts]
    top = _mix(words[:-1] * _M1 + words[1:]) >> np.uint64(32)
    return np.unique(top).astype(np.uint32)


def exact_similarity(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger) of two sorted shingle-hash
    arrays — exact up to 32-bit hash collisions (one in millions of comparisons)."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    if len(a) > len(b):
        a, b = b, a
    at = np.searchsorted(b, a)           # both sorted and distinct: look the smaller up in the larger
    at[at == len(b)] = 0
    common = int(np.count_nonzero(b[at] == a))
    return common / (len(a) + len(b) - common), common / min(len(a), len(b))


def containment(j: float, size_a: int, size_b: int) -> float:
    """Estimated share of the smaller set found in the larger one, from Jaccard ``j``."""
    small = min(size_a, size_b)
    if small <= 0 or j <= 0:
        return 0.0
    intersection = j * (size_a + size_b) / (1 + j)
    return min(1.0, intersection / small)
