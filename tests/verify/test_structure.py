"""The structural method: totality of every score, which error counts, budgets held, influence.

Each test here is a case the structural method once got wrong; each compares with brute force
(enumeration) on a space small enough for it, forcing the structural method.
"""

from __future__ import annotations

import pytest

import segrules
from segrules.engine import reference
from segrules.errors import EvaluationError
from segrules.verify import Budget, TimeLimit, Undecided, smt, verify
from segrules.verify.space import AnswerSpace, Tally
from segrules.verify.structure import StructuralVerifier

from support import mini


@pytest.fixture
def structural_only(monkeypatch):
    """The structural method without the SMT prover beside it: its own limits are under test."""
    monkeypatch.setattr(smt, "unavailable_reason", lambda: "left out in this test")


def load(text):
    return segrules.load_text(text, "model.yaml")


def statuses(report) -> dict:
    return {c.name: c.status for c in report.checks}


def error_counts(report) -> dict:
    return {f.code: f.answer_sets for f in report.check("totality").findings}


def structural_tally(text: str, budget: Budget) -> Tally:
    """The structural method alone (no SMT prover beside it): its tally, or Undecided."""
    rs = load(text).definition
    tally = Tally(rs)
    StructuralVerifier(rs, budget=budget).run(tally)
    return tally


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

def test_a_sum_and_an_input_over_wide_ranges_end_undecided_not_out_of_memory(structural_only):
    # sum(a, b) read together with a: 10^8 distinct (sum, a) states. The state limit must stop
    # the step while it runs, not after it has filled the memory.
    text = mini({"a": "integer 0..9999", "b": "integer 0..9999"}, {"t": "sum(a, b)"},
                ["hi when t >= 10000 and a > 5", "lo when not (t >= 10000 and a > 5)"])
    with pytest.raises(Undecided, match="more than 50 000 partial states"):
        structural_tally(text, Budget(None, max_states=50_000))


def test_a_spent_time_limit_stops_inside_a_step(structural_only):
    calls = []

    def clock():
        calls.append(None)
        return 0.0 if len(calls) < 4 else 1e9  # the time runs out a few looks at the clock in

    text = mini({"a": "integer 0..9999", "b": "integer 0..9999"}, {"t": "sum(a, b)"},
                ["hi when t >= 10000 and a > 5", "lo when not (t >= 10000 and a > 5)"])
    budget = Budget(5, clock=clock)
    with pytest.raises(TimeLimit, match="time limit of 5 s"):
        structural_tally(text, budget)
    assert len(calls) == 4 and budget.stopped


def test_a_spent_step_budget_stops_inside_a_step_at_the_same_step_every_time(structural_only):
    text = mini({"a": "integer 0..9999", "b": "integer 0..9999"}, {"t": "sum(a, b)"},
                ["hi when t >= 10000 and a > 5", "lo when not (t >= 10000 and a > 5)"])
    spent = []
    for _ in range(2):
        budget = Budget(None, steps=50_000)
        with pytest.raises(Undecided, match="structural budget of 50 000 steps ran out") as exc:
            structural_tally(text, budget)
        assert exc.value.budget == "steps" and not budget.stopped
        spent.append(budget.spent_steps)
    assert spent[0] == spent[1]


# ----------------------------------------------------------------- inputs whose influence is undecided



def test_an_undecided_input_is_named_even_when_another_is_unused():
    from segrules.verify import _checks
    from segrules.verify.influence import InfluenceChecker
    from segrules.verify.space import AnswerSpace, Tally
    from segrules.verify.structure import StructuralVerifier

    inputs = {"battery": "enum a b", "core": "scale", "pa": ("scale", 'battery = "a"'),
              "pb": ("scale", 'battery = "b"'), "unused": "scale"}
    text = mini(inputs, {"r": "mean(core, pa, pb)"}, ["x when r >= 3", "y when r < 3"])
    rs = load(text).definition
    tally = Tally(rs)  # the structural method's own answer (verify adds the SMT prover's)
    sv = StructuralVerifier(rs, AnswerSpace(rs))
    sv.run(tally)
    InfluenceChecker(sv).run(tally)
    check = next(c for c in _checks(rs, tally, None) if c.name == "inputs_used")
    assert check.status == "failed"
    unused = {f.subject for f in check.findings if f.code == "SR606"}
    undecided = {f.subject for f in check.findings if f.code == "SR610"}
    assert unused == {"unused"}
    # battery can change the result (brute force says so); the structural method must either
    # prove that or say that it could not, never leave it out
    brute = verify(load(text), method="enumeration")
    assert {f.subject for f in brute.check("inputs_used").findings} == {"unused"}
    assert undecided == {"battery"} and "battery" in check.summary
    # verify decides it with the SMT prover: battery is used
    decided = verify(load(text), method="structural").check("inputs_used")
    assert {f.subject for f in decided.findings} == {"unused"} and "smt" in decided.methods


def test_too_many_control_cases_are_undecided_before_any_is_worked_on(structural_only):
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

    assert AnswerSpace(load(text).definition).size() == 6**15
    with pytest.raises(Undecided, match="more than 20 000 combinations"):
        structural_tally(text, Budget(1, clock=clock))
    assert len(looks) < 100, "the cases were worked through before the limit was seen"


# ----------------------------------------------------------------- aggregates over expressions of one input each

def test_an_aggregate_over_expressions_of_single_inputs_is_exact():
    # items that fail in different ways: the first failing item in order decides the error
    inputs = {"a": "scale?", "b": "integer 0..3", "c": "integer 0..2", "d": "scale"}
    text = mini(inputs, {"w": "sum(2 * a, 6 / c, b - 1)", "n": "count_true(d >= 4, b = 0)"},
                ["hi when w >= 8 or n = 2", "lo when w < 8 and n < 2"])
    report = same_as_brute_force(text)
    # a unanswered fails first (1 x 4 x 3 x 5 = 60); then c = 0 (5 x 4 x 1 x 5 = 100)
    assert error_counts(report) == {"SR405": 60, "SR403": 100}


def test_a_weighted_sum_written_with_sum_is_decided():
    ids = [f"p{k}" for k in range(1, 13)]
    text = mini({i: "scale" for i in ids}, {"load": "sum(" + ", ".join(f"{1 + k % 3} * p{k}" for k in range(1, 13)) + ")"},
                ["heavy when load >= 60", "light when load < 60"])
    report = verify(load(text), method="structural", budget=Budget(None))
    assert report.proven, report.format()


# ----------------------------------------------------------------- sums over wide ranges

@pytest.mark.parametrize("expr", ["a + b", "a - b", "b - a", "(a + c) - b", "c + a"])
def test_sums_of_ranges_count_exactly(expr):
    inputs = {"a": "integer -3..7", "b": "integer 2..9", "c": "scale?"}
    scores = {"t": expr.replace("c", "(if answered(c) then 2 * c else 0)")}
    rules = ["hi when t >= 4", "mid when 1 <= t < 4", "mid when t = 3", "lo when t < 1"]
    report = same_as_brute_force(mini(inputs, scores, rules))
    brute = verify(load(mini(inputs, scores, rules)), method="enumeration")
    overlap = lambda r: sum(f.answer_sets for f in r.check("exclusivity").findings)
    assert overlap(report) == overlap(brute)


def test_two_inputs_over_ten_thousand_values_are_added_up_exactly():
    text = mini({"a": "integer 0..9999", "b": "integer 0..9999"}, {"total": "a + b"},
                ["heavy when total >= 10000", "light when total < 10000", "light when total = 12345"])
    tally = structural_tally(text, Budget(None))
    # a + b = 12345: a from 2346 to 9999
    assert [count for _, count in tally.overlaps.values()] == [9999 - 2346 + 1]
    assert tally.counted == 10**8 and not tally.gaps and not tally.errors
