"""MinHash signatures, lead sentences, years and index keys of texts."""

import subprocess
import sys

import numpy as np

from conftest import FIXTURES, REPO
from grantdigest.dedupe import minhash
from grantdigest.dedupe.fingerprint import NAME, fingerprint, fingerprints
from grantdigest.dedupe.text import acronyms, identifiers, title_oblasts

TEXTS = sorted((FIXTURES / "announcements" / "texts").glob("*.txt"))


def read(path):
    return path.read_text(encoding="utf-8").split("\n", 2)[2]


def test_one_text_alone_or_in_a_batch_gets_the_same_sketch():
    texts = [read(p) for p in TEXTS[:30]]
    batch = minhash.sketches(texts)
    for i in (0, 7, 29):
        alone = minhash.sketches([texts[i]])
        assert (alone.sigs[0] == batch.sigs[i]).all()
        assert alone.counts[0] == batch.counts[i]
        assert alone.leads[0] == batch.leads[i] and alone.years[0] == batch.years[i]


def test_signatures_are_the_same_in_another_process():
    text = read(TEXTS[3])
    code = ("import sys; from grantdigest.dedupe import minhash; "
            "print(minhash.signature(sys.stdin.read())[0].tolist())")
    other = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, cwd=REPO,
                           check=True)
    assert eval(other.stdout) == minhash.signature(text)[0].tolist()


def test_estimates_follow_the_exact_similarity():
    full = read(TEXTS[10])
    half = full[: len(full) // 2]
    (a, na), (b, nb) = minhash.signature(full), minhash.signature(half)
    j_exact, c_exact = minhash.exact_similarity(minhash.shingle_hashes(full), minhash.shingle_hashes(half))
    j = minhash.jaccard(a, b)
    assert abs(j - j_exact) < 0.2 and c_exact > 0.95
    assert minhash.containment(j, na, nb) > 0.7
    unrelated = minhash.signature(read(TEXTS[60]))[0]
    assert minhash.jaccard(a, unrelated) < 0.1
    assert minhash.jaccard(a, a) == 1.0


def test_years_and_lead_sentences():
    sketch = minhash.sketches(["Заявки до 31.08.2023 року; проєкти 2024–2025 років; код 12025 і 20251 — не роки.",
                               "Перше речення тут має щонайменше вісім слів для ключа. Коротке. "
                               "Друге довге речення теж має щонайменше вісім слів поспіль."])
    assert sketch.years[0] == ["2023", "2024", "2025"]
    assert len(sketch.leads[1]) == 2
    copy = minhash.sketches(["Друге довге речення теж має щонайменше вісім слів поспіль і ще щось."])
    assert copy.leads[0][0] == sketch.leads[1][1]


def test_codes_acronyms_and_oblasts():
    text = ("Topic HORIZON-CL4-2025-04-DATA-03 of Horizon Europe; the UMX call by EIT Urban Mobility and "
            "EU4Business (EU, NGO and USD are no names). UA-53 is an oblast code, not a topic.")
    assert identifiers(text) == ["HORIZON-CL4-2025-04-DATA-03"]
    assert acronyms(text) == ["UMX", "EIT", "EU4BUSINESS"]
    assert acronyms("ОГОЛОШЕННЯ ПРО КОНКУРС ДЛЯ NGO TOGETHER FOR GREENER") == []
    assert title_oblasts("Гранти для громад Сумщини і Полтави") == ["UA-53", "UA-59"]
    assert title_oblasts("Сума гранту — до 300 тисяч") == []


def test_fingerprint_keys_are_stable_and_scoped_by_deadline():
    record = {"id": "s1", "source_id": "src", "url": "https://fund.example/call", "title": "Сильні громади",
              "text": read(TEXTS[4]), "deadline": "2025-10-30"}
    fp = fingerprint(record)
    batch = fingerprints([dict(record, id="s0", deadline=None), record])[1]
    assert fp.index_rows() == batch.index_rows() and fp.lookups() == batch.lookups()
    undated = fingerprint(dict(record, deadline=None))
    later = fingerprint(dict(record, deadline="2025-11-30"))
    looked, capped = fp.lookups()
    # one row per base (under the deadline) and per name: not one per scope it may be found in
    assert len(fp.index_rows()) == len(fp.bases()) + len(fp.name_keys()[0]) <= 24
    assert {scope for _, scope in fp.index_rows()} <= {fp.scope, NAME}
    # sightings with different deadlines never meet through content
    assert not set(later.index_rows()) & set(looked)
    assert later.bases() == fp.bases()
    # a dated sighting looks where undated ones are stored, and undated ones look in
    # the (small) buckets of any deadline: the rows with a positive scope
    assert set(undated.index_rows()) & set(looked) and not capped
    assert set(undated.lookups()[1]) == set(fp.bases()) and fp.scope > 0
    assert fp.sig.dtype == np.uint64 and len(fp.sig) == minhash.BINS


def test_a_year_the_text_does_not_write_is_a_guess():
    text = "Заявки приймаються до 5 лютого. Конкурс для молодіжних організацій."
    guessed = fingerprint({"id": "a", "source_id": "s", "url": "https://a.example/1", "title": "x", "text": text,
                           "deadline": "2026-02-05"})
    stated = fingerprint({"id": "b", "source_id": "t", "url": "https://b.example/2", "title": "x",
                          "text": text + " Рік 2024.", "deadline": "2024-02-05"})
    assert not guessed.year_stated and stated.year_stated
    assert guessed.deadline_agrees(stated)
    other_day = fingerprint({"id": "c", "source_id": "u", "url": "https://c.example/3", "title": "x",
                             "text": text + " Рік 2024.", "deadline": "2024-02-06"})
    assert not guessed.deadline_agrees(other_day)


def test_shingle_hashes_of_one_text_are_those_its_sketch_keeps():
    texts = [read(p) for p in TEXTS] + ["", "одне", "два слова", "😀 emoji 😀 beyond the BMP", "A" * 6000,
                                        " ".join(f"w{i}" for i in range(3000)), "x\x00y z"]
    batch = minhash.sketches(texts).shingles
    for text, kept in zip(texts, batch):
        alone = minhash.shingle_hashes(text)
        assert alone.dtype == kept.dtype and np.array_equal(alone, kept), text[:60]
