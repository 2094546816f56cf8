"""Measurement: the extractor against the labelled development set (text and noisy HTML) and
against our own held-out-style cases. Falling below a target is a regression and fails CI.

This measures; it does not tune: no rule in grantdigest/extract knows these texts.
"""

import datetime as dt
import json

import pytest

from conftest import FIXTURES, run_cli
from grantdigest.errors import UserError
from grantdigest.evaluation import TARGETS, Case, amount_matches, evaluate, load_cases, score

DEV = FIXTURES / "announcements"
OWN = [FIXTURES / "extract" / "heldout", FIXTURES / "extract" / "heldout2", FIXTURES / "extract" / "heldout3",
       FIXTURES / "extract" / "heldout4", FIXTURES / "extract" / "heldout5", FIXTURES / "extract" / "heldout6",
       FIXTURES / "extract" / "heldout7", FIXTURES / "extract" / "heldout8"]
AS_OF = dt.date(2026, 6, 1)


@pytest.mark.parametrize("mode", ["text", "html"])
def test_dev_set_meets_the_targets(mode):
    report = evaluate(DEV, mode, AS_OF)
    for name, target in TARGETS.items():
        assert report.value(name) >= target, (mode, name, report.value(name), report.fields[name].misses)


@pytest.mark.parametrize("folder", OWN, ids=lambda p: p.name)
@pytest.mark.parametrize("mode", ["text", "html"])
def test_own_held_out_style_cases_meet_the_targets(folder, mode):
    report = evaluate(folder, mode, AS_OF)
    for name, target in TARGETS.items():
        assert report.value(name) >= target, (folder.name, mode, name, report.fields[name].misses)


def test_scores_do_not_depend_on_the_as_of_date_where_the_text_gives_the_year():
    early, late = evaluate(DEV, "text", dt.date(2024, 1, 1)), evaluate(DEV, "text", dt.date(2027, 1, 1))
    assert {k: f.value for k, f in early.fields.items()} == {k: f.value for k, f in late.fields.items()}


def case(label: dict) -> Case:
    return Case(label["id"], DEV / "texts" / "a01.txt", {"is_call": True, "ambiguous": [], **label})


def test_scoring_follows_the_readme():
    cases = [case({"id": "x", "deadline": "2025-01-01", "amount_max": 1000, "currency": "EUR",
                   "applicants": ["ngo"], "regions": ["UA-46", "UA-07"]}),
             case({"id": "y", "deadline": None, "amount_max": None, "currency": None, "applicants": [],
                   "regions": ["UA"], "ambiguous": ["regions"]}),
             case({"id": "z", "is_call": False, "deadline": "2025-01-01", "applicants": ["ngo"], "regions": []})]
    predictions = {
        "x": {"is_call": True, "deadline": "2025-01-01", "amount_max": 1004, "currency": "EUR",
              "applicants": ["ngo", "business"], "regions": ["UA-46"]},
        "y": {"is_call": True, "deadline": "2025-02-02", "amount_max": None, "currency": None, "applicants": [],
              "regions": ["UA-53"]},
        "z": {"is_call": True, "deadline": None, "applicants": [], "regions": ["UA"]},
    }
    report = score(cases, predictions)
    assert report.value("is_call") == pytest.approx(2 / 3)
    assert report.value("deadline") == 0.5                         # a null label wants null
    assert report.value("amount") == 1.0                            # within 0.5 %
    assert report.value("applicants") == pytest.approx(2 / 3)       # micro-F1: tp=1 fp=1 fn=0
    assert report.value("regions") == pytest.approx(2 / 3)          # y is ambiguous, z is not a call
    assert [m[0] for m in report.fields["deadline"].misses] == ["y"]


def test_amount_tolerance():
    assert amount_matches(100000, "UAH", 100400, "UAH")
    assert not amount_matches(100000, "UAH", 100600, "UAH")
    assert not amount_matches(100000, "UAH", 100000, "EUR")
    assert amount_matches(None, None, None, None) and not amount_matches(None, None, 5, "EUR")


def test_a_folder_without_labels_is_a_clear_error(tmp_path):
    with pytest.raises(UserError, match="labels.jsonl"):
        load_cases(tmp_path)
    (tmp_path / "labels.jsonl").write_text('{"id": "a", "is_call": true}\n')
    with pytest.raises(UserError, match="a.txt"):
        load_cases(tmp_path)


def test_eval_command_prints_scores_and_misses(tmp_path):
    result = run_cli("eval", str(OWN[1]), "--both", "--as-of", "2026-06-01")
    assert result.returncode == 0, result.stderr
    assert "mode: text" in result.stdout and "mode: html" in result.stdout
    for name in TARGETS:
        assert name in result.stdout
    result = run_cli("eval", str(OWN[1]), "--json", "--as-of", "2026-06-01")
    data = json.loads(result.stdout)
    assert data[0]["mode"] == "text" and set(data[0]["scores"]) == set(TARGETS)
    bad = run_cli("eval", str(tmp_path))
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
