"""The structural method: totality of every score, which error counts, budgets held, influence.

Each test here is a case the structural method once got wrong; each compares with brute force
(enumeration) on a space small enough for it, forcing the structural method.
"""

from __future__ import annotations

import pytest

import segrules
from segrules.engine import reference
from segrules.errors import EvaluationError
from segrules.verify import Budget, verify

from support import mini


def load(text):
    return segrules.load_text(text, "model.yaml")


def statuses(report) -> dict:
    return {c.name: c.status for c in report.checks}


def error_counts(report) -> dict:
    return {f.code: f.answer_sets for f in report.check("totality").findings}


def same_as_brute_force(text: str):
    rs = load(text)
    structural = verify(rs, method="structural", budget=Budget(None))
    brute = verify(rs, method="enumeration", budget=Budget(None))
    assert statuses(structural) == statuses(brute), structural.format() + "\n" + brute.format()
    assert error_counts(structural) == error_counts(brute), structural.format() + "\n" + brute.format()
    for f in structural.check("totality").findings:
        if f.answer_sets:
            with pytest.raises(EvaluationError) as info:
                reference.decide_segment(rs.definition, f.witness)
            assert info.value.code == f.code
    return structural


# ----------------------------------------------------------------- scores that read no ordinary input

HOUSEHOLD = {
    "household": "integer 0..3",
    "carer": ("scale", "household >= 1"),
    "c1": "scale",
    "c2": "scale",
}


def test_a_score_over_a_control_input_alone_is_checked_for_totality():
    # household decides whether `carer` is asked, so it is a control input: 10 / household has
    # no ordinary input in it, and failed on every answer set with household = 0
    text = mini(HOUSEHOLD, {"per_person": "10 / household", "r": "mean(c1, c2)"},
                ["a when r >= 3", "b when r < 3"])
    report = same_as_brute_force(text)
    assert report.check("totality").status == "failed"
    assert error_counts(report) == {"SR403": 25}  # household = 0: carer not asked, c1 x c2


def test_a_display_score_reading_an_optional_control_question_directly():
    inputs = {"lives_alone": "boolean?", "help": ("scale", "answered(lives_alone) and lives_alone"), "c1": "scale"}
    text = mini(inputs, {"shown": "if lives_alone then 1 else 0", "r": "c1"}, ["a when r >= 3", "b when r < 3"])
    report = same_as_brute_force(text)
    assert error_counts(report) == {"SR405": 5}  # lives_alone unanswered, c1 free


def test_a_constant_division_by_zero_fails_everywhere():
    text = mini({"c1": "scale", "c2": "scale"}, {"broken": "1 / (2 - 2)", "r": "c1 + c2"},
                ["a when r >= 6", "b when r < 6"])
    report = same_as_brute_force(text)
    assert error_counts(report) == {"SR403": 25}


# ----------------------------------------------------------------- several scores that can fail

def test_the_first_failing_score_in_evaluation_order_decides_the_error():
    # `first` and `second` read different inputs (different components); where both fail, the
    # engine stops at `first`, so its code takes those answer sets
    inputs = {"x": "integer 0..4", "y": "integer 0..4", "o": "scale?"}
    text = mini(inputs, {"first": "mean(o)", "second": "10 / x", "z": "y"}, ["a when z >= 2", "b when z < 2"])
    report = same_as_brute_force(text)
    # o unanswered fails first: 5 x 5 x 1 = 25; x = 0 with o answered: 1 x 5 x 5 = 25
    assert error_counts(report) == {"SR404": 25, "SR403": 25}


def test_failing_scores_in_the_other_order():
    inputs = {"x": "integer 0..4", "y": "integer 0..4", "o": "scale?"}
    text = mini(inputs, {"second": "10 / x", "first": "mean(o)", "z": "y"}, ["a when z >= 2", "b when z < 2"])
    report = same_as_brute_force(text)
    # x = 0 fails first: 1 x 5 x 6 = 30; o unanswered with x != 0: 4 x 5 = 20
    assert error_counts(report) == {"SR403": 30, "SR404": 20}


# ----------------------------------------------------------------- budgets held while working

def test_a_sum_and_an_input_over_wide_ranges_end_undecided_not_out_of_memory():
    # sum(a, b) read together with a: 10^8 distinct (sum, a) states. The state limit must stop
    # the step while it runs, not after it has filled the memory.
    text = mini({"a": "integer 0..9999", "b": "integer 0..9999"}, {"t": "sum(a, b)"},
                ["hi when t >= 10000 and a > 5", "lo when not (t >= 10000 and a > 5)"])
    report = verify(load(text), method="structural", budget=Budget(None, max_states=50_000))
    assert not report.proven
    assert "undecided" in statuses(report).values()


def test_a_spent_budget_stops_inside_a_step():
    calls = []

    def clock():
        calls.append(None)
        return 0.0 if len(calls) < 4 else 1e9  # the time runs out a few looks at the clock in

    text = mini({"a": "integer 0..9999", "b": "integer 0..9999"}, {"t": "sum(a, b)"},
                ["hi when t >= 10000 and a > 5", "lo when not (t >= 10000 and a > 5)"])
    report = verify(load(text), method="structural", budget=Budget(5, clock=clock))
    assert report.check("completeness").status == "undecided"
    assert len(calls) < 20


# ----------------------------------------------------------------- inputs whose influence is undecided



def test_an_undecided_input_is_named_even_when_another_is_unused():
    inputs = {"battery": "enum a b", "core": "scale", "pa": ("scale", 'battery = "a"'),
              "pb": ("scale", 'battery = "b"'), "unused": "scale"}
    text = mini(inputs, {"r": "mean(core, pa, pb)"}, ["x when r >= 3", "y when r < 3"])
    report = verify(load(text), method="structural")
    check = report.check("inputs_used")
    assert check.status == "failed"
    unused = {f.subject for f in check.findings if f.code == "SR606"}
    undecided = {f.subject for f in check.findings if f.code == "SR610"}
    assert unused == {"unused"}
    # battery can change the result (brute force says so); the structural method must either
    # prove that or say that it could not, never leave it out
    brute = verify(load(text), method="enumeration")
    assert {f.subject for f in brute.check("inputs_used").findings} == {"unused"}
    assert undecided == {"battery"} and "battery" in check.summary


def test_too_many_control_cases_are_undecided_before_any_is_worked_on():
    # 15 screening questions, each opening a follow-up: 2^15 control cases. The limit is known
    # from the count, so no time is spent on the first 20,000 cases.
    inputs = {}
    for k in range(1, 16):
        inputs[f"s{k}"] = "boolean"
        inputs[f"f{k}"] = ("scale", f"s{k}")
    text = mini(inputs, {"n": "count_true(" + ", ".join(f"s{k}" for k in range(1, 16)) + ")"},
                ["many when n >= 3", "few when n < 3"])
    looks = []

    def clock():
        looks.append(None)
        return 0.0

    report = verify(load(text), method="structural", budget=Budget(1, clock=clock))
    assert report.answer_space_size == 6**15
    if report.check("completeness").status == "undecided":
        assert len(looks) < 2000, "the cases were worked through before the limit was seen"
    else:
        assert report.proven
