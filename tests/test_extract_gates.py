"""The extractor's gated patterns (``Gated``, ``AnyOf`` in grantdigest/extract/text.py) find
exactly what the plain patterns find: on whole texts, their folded forms, and pieces of texts
scanned before (answered from the earlier scan), every pattern of every extraction module. Dates
and amounts, tried only where one can start, are those a scan of every position finds."""

import importlib
import pkgutil
import random
import re
from pathlib import Path

import pytest

import grantdigest.extract
from grantdigest.extract.text import AnyOf, Gated, fold, sentences

TEXTS = sorted((Path(__file__).parent / "fixtures" / "announcements" / "texts").glob("*.txt"))


def _walk(value, found: dict, depth: int = 0) -> None:
    if isinstance(value, (Gated, AnyOf)):
        found[id(value)] = value
    elif depth < 4 and isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            _walk(item, found, depth + 1)
    elif depth < 4 and isinstance(value, dict):
        for item in value.values():
            _walk(item, found, depth + 1)
    elif depth < 4 and type(value).__module__.startswith("grantdigest.extract") and hasattr(value, "__dict__"):
        for item in vars(value).values():
            _walk(item, found, depth + 1)


def _patterns() -> list:
    found: dict = {}
    for info in pkgutil.iter_modules(grantdigest.extract.__path__):
        module = importlib.import_module(f"grantdigest.extract.{info.name}")
        for value in vars(module).values():
            _walk(value, found)
    return list(found.values())


PATTERNS = _patterns()


def _plain_anyof(pattern: AnyOf, text: str) -> list[tuple[int, int]]:
    """Every branch on its own, longest first at a position, no overlaps: what AnyOf promises."""
    found = sorted((m for part in pattern.parts for m in part.finditer(text)), key=lambda m: (m.start(), -m.end()))
    out, end = [], -1
    for m in found:
        if m.start() >= end:
            end = max(m.end(), m.start() + 1)
            out.append(m.span())
    return out


def _plain_anyof_search(pattern: AnyOf, text: str, pos: int):
    best = None
    for part in pattern.parts:
        m = part.search(text, pos)
        if m and (best is None or m.start() < best.start() or (m.start() == best.start() and m.end() > best.end())):
            best = m
    return best.span() if best else None


def _inputs() -> list[str]:
    rng = random.Random(4)
    out = []
    for path in TEXTS[::2]:
        text = path.read_text(encoding="utf-8")
        for whole in (text, fold(text)):
            out.append(whole)                                          # scanned whole first...
            out.extend(s.text for s in sentences(whole)[:6])           # ...then pieces of it
            for _ in range(3):
                a = rng.randrange(len(whole))
                out.append(whole[a:a + rng.randrange(20, 600)])
    return out


def test_every_module_pattern_is_found():
    assert len(PATTERNS) >= 50   # a walk that found nothing would test nothing
    assert any(isinstance(p, AnyOf) for p in PATTERNS) and any(isinstance(p, Gated) for p in PATTERNS)


@pytest.mark.parametrize("chunk", range(4))
def test_gated_patterns_match_as_the_plain_ones(chunk):
    inputs = _inputs()
    for pattern in PATTERNS[chunk::4]:
        for text in inputs:
            if isinstance(pattern, Gated):
                want = [m.span() for m in pattern.re.finditer(text)]
                got = [m.span() for m in pattern.finditer(text)]
                pos = len(text) // 3
                want_search, got_search = pattern.re.search(text, pos), pattern.search(text, pos)
                assert (got_search.span() if got_search else None) == (want_search.span() if want_search else None)
            else:
                want, got = _plain_anyof(pattern, text), [m.span() for m in pattern.finditer(text)]
                pos = len(text) // 3
                got_search = pattern.search(text, pos)
                assert (got_search.span() if got_search else None) == _plain_anyof_search(pattern, text, pos)
            assert got == want, (getattr(pattern, "pattern", None) or pattern.re.pattern)[:80]


def _with_noise(texts: list[str]) -> list[str]:
    """The texts, and copies with dates and sums spelled other ways: separators, blanks and digits moved."""
    rng = random.Random(9)
    spelled = ["Сума: 500 грн", "(до 10 000 євро)", "Deadline: 31.07.2025", "до 1,5 млн грн;", "€ 20 000",
               "Термін: 1-го серпня", "EUR 5.000-10.000", "2025-07-31, 17:00", "31 / 07 / 2025", "July 1st, 2025"]
    out = list(texts) + [" … ".join(rng.sample(spelled, len(spelled))) * 3 for _ in range(5)]  # long: the fast path
    for text in texts[::3]:
        chars = list(text)
        for _ in range(len(chars) // 40):
            i = rng.randrange(len(chars))
            chars[i] = rng.choice(["-", ".", "/", " ", " / ", ": ", "(", "1", "07", "2025", "€", "грн", "st ", "-го "])
        out.append("".join(chars))
    return out


def test_dates_tried_only_where_they_can_start_are_all_the_dates(monkeypatch):
    from grantdigest.extract import dates

    inputs = _with_noise(_inputs())
    fast = [dates.find_dates(text) for text in inputs]
    monkeypatch.setattr(dates, "_candidates",                      # every position, as a plain scan tries
                        lambda text: [list(range(len(text) + 1))] * len(dates.PATTERNS))
    assert [dates.find_dates(text) for text in inputs] == fast
    assert sum(map(len, fast)) > 100


def test_amounts_tried_only_where_they_can_start_are_all_the_amounts(monkeypatch):
    from grantdigest.extract import amount

    inputs = _with_noise(_inputs())
    fast = [amount._raw_amounts(text) for text in inputs]
    monkeypatch.setattr(amount, "_amount_starts", lambda text: None)   # a plain scan
    monkeypatch.setattr(amount, "_WORD_AMOUNT_GATE", frozenset())      # no gate
    assert [amount._raw_amounts(text) for text in inputs] == fast
    assert sum(map(len, fast)) > 50


# The sentence boundaries as first written: a line break, or a blank after . ! ? … before a capital, a digit or a
# quote, unless the full stop ends an abbreviation.
_PLAIN_SENTENCE_END = re.compile(r"\n+|(?<=[.!?…])\s+(?=[\"«„(\[A-ZА-ЯІЇЄҐЁŁŚŻŹĆŃÓ0-9•\-–—])")


def _plain_sentences(text: str) -> list[tuple[int, int, str]]:
    from grantdigest.extract.text import _ABBREV

    out, start = [], 0
    for m in _PLAIN_SENTENCE_END.finditer(text):
        if m.group(0).strip() == "" and "\n" not in m.group(0):
            if _ABBREV.search(text[max(0, m.start() - 8):m.start()]):
                continue
        if text[start:m.start()].strip():
            out.append((start, m.start(), text[start:m.start()]))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text), text[start:]))
    return out


def test_sentences_cut_where_the_plain_pattern_cuts():
    rng = random.Random(12)
    alphabet = ["a", "Б", ".", "!", "?", "…", "\n", " ", "\t", "\u2003", "A", "1", "«", "-", "вул.", "e.g.", "Nr.", "approx.",
                "м.", ". ", ".\n", "! \n", ".  \n\nX", "Σ"]
    texts = [path.read_text(encoding="utf-8") for path in TEXTS] + _inputs()
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))) for _ in range(5000)]
    for text in texts:
        assert [tuple(s) for s in sentences(text)] == _plain_sentences(text), repr(text[:80])
    assert sum(len(sentences(text)) for text in texts) > 5000


def test_as_dict_is_dataclasses_asdict():
    import dataclasses

    from grantdigest.extract import Extraction, extract

    filled = Extraction(title="T", is_call=True, kind="grant", deadline="2025-07-31", amount_max=5000, currency="EUR",
                        applicants=["ngo", "business"], regions=["UA-53"], themes=["energy"], programme="X")
    for extraction in [filled, Extraction()] + [extract(path.read_text(encoding="utf-8")) for path in TEXTS[:20]]:
        got = extraction.as_dict()
        assert got == dataclasses.asdict(extraction) and list(got) == list(dataclasses.asdict(extraction))
        for name in ("applicants", "regions", "themes"):
            assert got[name] is not getattr(extraction, name)    # a copy, as asdict gives


def test_eligibility_zones_passed_over_only_where_no_statement_can_be(monkeypatch):
    from grantdigest.extract import applicants

    texts = [path.read_text(encoding="utf-8") for path in TEXTS] + _with_noise(_inputs())
    texts += [text.replace("о", "Σ", 3) for text in texts[::5]]         # a capital sigma: no shortcut
    texts += ["Хто може подаватися?\n- ГО\n- ОМС\n" + text for text in texts[::7]]
    fast = [applicants._eligibility_zones(text) for text in texts]
    assert sum(applicants._may_be_zones(text, sentences(text)) is not None for text in texts) > len(texts) // 2
    monkeypatch.setattr(applicants, "_may_be_zones", lambda text, sentence_list: None)   # every sentence looked at
    assert [applicants._eligibility_zones(text) for text in texts] == fast
    assert sum(map(len, fast)) > 200


def _plain_city_mentions(text: str) -> list[tuple[int, int, str, bool]]:
    """city_mentions as first written: every capital that begins a word tried against the names it can begin."""
    from grantdigest.extract.regions import CAPITALISED, _city_index, _origin

    found = []
    for word in CAPITALISED.finditer(text):
        start = word.start()
        for pattern, code, ambiguous, literal in _city_index().get(text[start:start + 2], ()):
            m = pattern.match(text, start) if text.startswith(literal, start) else None
            if m and not _origin(text, start):
                found.append((start, m.end(), code, ambiguous))
    found.sort(key=lambda f: (f[0], -f[1]))
    out = []
    for mention in found:
        if not out or mention[0] >= out[-1][1]:
            out.append(mention)
    return out


def test_city_mentions_found_where_a_plain_scan_finds_them():
    from grantdigest.extract.regions import _city_index, city_mentions

    rng = random.Random(21)
    names = sorted({literal for entries in _city_index().values() for _, _, _, literal in entries})
    glue = [" ", ", ", "-", "'", "’", "\n", "x", "у ", "з ", "(", "переселенці з ", "Та", ""]
    texts = [path.read_text(encoding="utf-8") for path in TEXTS] + _with_noise(_inputs())
    texts += ["".join(rng.choice(glue) + rng.choice(names) + rng.choice(["", "і", "ом", "a"]) for _ in range(rng.randrange(1, 12)))
              for _ in range(3000)]
    for text in texts:
        assert city_mentions(text) == _plain_city_mentions(text), repr(text[:80])
    assert sum(len(city_mentions(text)) for text in texts) > 3000


def test_abbreviations_found_in_a_zone_as_the_literal_scan_finds_them(monkeypatch):
    from grantdigest.extract import applicants
    from grantdigest.extract.text import LITERALS

    literals = frozenset().union(*(exact for _, exact, _, _ in applicants._all_gates().values() if exact))
    rng = random.Random(31)
    glue = [" ", ", ", "-", "(", "\n", "x", "та ", "і ", "and ", "Громадські організації", "ГО", "АТ", ""]
    texts = [s.text for path in TEXTS for s in sentences(path.read_text(encoding="utf-8"))] + _inputs()
    texts += ["".join(rng.choice(glue) + rng.choice(sorted(literals)) + rng.choice(["", "ів", "s", "."])
                      for _ in range(rng.randrange(1, 6))) for _ in range(2000)]
    for text in texts:
        assert applicants._abbreviations_present(text) == LITERALS.present(text) & literals, repr(text[:80])
    assert sum(len(applicants._abbreviations_present(text)) for text in texts) > 2000
    fast = [applicants.classes_in(text) for text in texts]
    monkeypatch.setattr(applicants, "_abbreviations_present", LITERALS.present)   # the whole scan, as before
    assert [applicants.classes_in(text) for text in texts] == fast
    assert sum(map(len, fast)) > 1000


def test_sentences_of_a_body_taken_from_the_headline_and_body_cut_before(monkeypatch):
    from grantdigest.extract import text as text_module

    rng = random.Random(17)
    alphabet = ["a", "Б", ".", "!", "?", "…", "\n", " ", "\t", "\u2003", "A", "1", "«", "-", "вул.", "e.g.", "Nr.", "approx.",
                "м.", ". ", ".\n", "! \n", ".  \n\nX", "Σ", "  Б", " \n"]
    bodies = [path.read_text(encoding="utf-8") for path in TEXTS]
    heads = [s.text.strip() for body in bodies[:40] for s in sentences(body)[:2]] + ["", "Вул.", "A. ", "x!  ", "e.g", "м"]
    pairs = [(rng.choice(heads), body) for body in bodies]
    pairs += [("".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12))),
               "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30)))) for _ in range(20000)]
    derived = 0
    for head, body in pairs:
        whole = f"{head}\n{body}"
        monkeypatch.setattr(text_module, "_recent_cuts", ((whole, text_module._cut(whole)), ("", ())))
        got = text_module._tail_cut(body)
        if got is not None:
            derived += 1
            assert got == text_module._cut(body), (head, body)
    assert derived > len(pairs) * 0.6
    sentences.cache_clear()
    for head, body in pairs[:3000]:              # through the cache: the body right after headline and body
        sentences(f"{head}\n{body}")
        assert sentences(body) == text_module._cut(body), (head, body)

