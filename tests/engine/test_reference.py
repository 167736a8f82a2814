"""The reference evaluator: answer validation and the meaning of every construct."""

from __future__ import annotations

from fractions import Fraction

import pytest

import segrules
from segrules.engine.reference import decide_segment, run, validate_answers
from segrules.errors import AnswerError, EvaluationError

from support import BASE, load_cached, mini

VALID = {"battery": "illness", "c_manage": 4, "c_support": 2, "p_illness": 3, "visits": 5}


@pytest.fixture(scope="module")
def base():
    return segrules.load_text(BASE).definition


def problems(rs, answers) -> list[tuple[str, str]]:
    with pytest.raises(AnswerError) as info:
        validate_answers(rs, answers)
    return [(p.code, p.input) for p in info.value.problems]


# ----------------------------------------------------------------------------- validation


def test_valid_answers_are_returned(base):
    assert validate_answers(base, VALID) == VALID


def test_null_is_unanswered(base):
    values = validate_answers(base, dict(VALID, c_support=None, p_risk=None))
    assert "c_support" not in values and "p_risk" not in values


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"visitz": 1}, [("SR301", "visitz")]),
        ({"c_manage": 6}, [("SR302", "c_manage")]),
        ({"c_manage": 0}, [("SR302", "c_manage")]),
        ({"visits": 51}, [("SR302", "visits")]),
        # an invalid answer to a control question is reported; the questions that depend on it
        # are checked against every answer it could have had (p_illness is asked in one)
        ({"battery": "social"}, [("SR302", "battery")]),
        ({"battery": "social", "p_illness": 9}, [("SR302", "battery"), ("SR302", "p_illness")]),
        ({"c_manage": "4"}, [("SR303", "c_manage")]),
        ({"c_manage": 4.0}, [("SR303", "c_manage")]),
        ({"c_manage": True}, [("SR303", "c_manage")]),
        ({"lives_alone": 1}, [("SR303", "lives_alone")]),
        ({"lives_alone": "true"}, [("SR303", "lives_alone")]),
        ({"battery": 1}, [("SR303", "battery")]),
        ({"c_manage": None}, [("SR304", "c_manage")]),
        ({"p_risk": 3}, [("SR305", "p_risk")]),
    ],
)
def test_each_answer_problem(base, change, expected):
    assert problems(base, {**VALID, **change}) == expected


def test_required_answer_left_out(base):
    answers = dict(VALID)
    del answers["visits"]
    assert problems(base, answers) == [("SR304", "visits")]


def test_all_problems_at_once(base):
    got = problems(base, {"battery": "risk", "c_manage": 9, "p_illness": 2, "visitz": 1, "lives_alone": "no"})
    assert sorted(got) == sorted([
        ("SR301", "visitz"), ("SR302", "c_manage"), ("SR305", "p_illness"), ("SR304", "p_risk"),
        ("SR304", "visits"), ("SR303", "lives_alone"),
    ])


@pytest.mark.parametrize("answers", [None, [], "x", 3, [("c_manage", 3)]])
def test_answers_must_be_a_mapping(base, answers):
    assert problems(base, answers) == [("SR306", "(answers)")]


def test_asked_when_that_cannot_be_evaluated():
    rs = load_cached(mini({"a": "scale?", "b": ("scale", "a > 2")}, {}, ["x when true"])).definition
    assert problems(rs, {}) == [("SR405", "b")]
    assert validate_answers(rs, {"a": 3, "b": 1}) == {"a": 3, "b": 1}
    assert validate_answers(rs, {"a": 1}) == {"a": 1}


def test_asked_when_chains_follow_the_order_of_dependency():
    # b is declared before the input its condition reads
    rs = load_cached(mini({"b": ("scale", 'e = "y"'), "e": "enum x y", "c": ("scale", "b >= 3")}, {}, ["x when true"])).definition
    assert validate_answers(rs, {"e": "y", "b": 3, "c": 1}) == {"e": "y", "b": 3, "c": 1}
    assert problems(rs, {"e": "y", "b": 2, "c": 1}) == [("SR305", "c")]
    # b is not asked, so whether c is asked cannot be told: no answer set with e = "x" is valid
    assert problems(rs, {"e": "x", "c": 1}) == [("SR405", "c")]
    assert problems(rs, {"e": "x"}) == [("SR405", "c")]


# ----------------------------------------------------------------------------- evaluation


def value(score: str, answers: dict, inputs=None):
    inputs = inputs or {"a": "scale", "b": "scale?", "c": "scale?", "n": "integer -3..3", "f": "boolean?", "g": "boolean?", "e": "enum x y z"}
    rs = load_cached(mini(inputs, {"s": score}, ["one when true"])).definition
    values = validate_answers(rs, answers)
    return run(rs, values).scores["s"]


A = {"a": 4, "n": 1, "e": "x"}


@pytest.mark.parametrize(
    "score, answers, expected",
    [
        ("mean(a, b, c)", A, Fraction(4)),
        ("mean(a, b, c)", {**A, "b": 1}, Fraction(5, 2)),
        ("mean(a, b, c)", {**A, "b": 1, "c": 2}, Fraction(7, 3)),
        ("sum(b, c)", A, Fraction(0)),
        ("sum(a, b, n)", {**A, "b": 5}, Fraction(10)),
        ("min(a, b, n)", A, Fraction(1)),
        ("max(a, b, c)", {**A, "c": 5}, Fraction(5)),
        ("count(a, b, c)", {**A, "c": 5}, Fraction(2)),
        ("count_true(f, g, a > 3)", {**A, "f": True, "g": False}, Fraction(2)),
        ("count_true(f, g)", A, Fraction(0)),
        ("a / 3", A, Fraction(4, 3)),
        ("a / 3 * 3", A, Fraction(4)),
        ("n - a * 2", A, Fraction(-7)),
        ("-n", A, Fraction(-1)),
        ("a - 1.5", A, Fraction(5, 2)),
        ("if answered(b) then b else 0", A, Fraction(0)),
        ("if answered(b) then b else 0", {**A, "b": 2}, Fraction(2)),
        ('if e = "x" then 1 else 2', A, Fraction(1)),
        ('if e in ("y", "z") then 1 else 2', A, Fraction(2)),
        ("1 <= a <= 4", A, True),
        ("1 <= a < 4", A, False),
        ("a != 4 or n = 1", A, True),
        ("not (a > 3 and n > 1)", A, True),
        ("n in (0, 1)", A, True),
        ("answered(f)", A, False),
        ("e", A, "x"),
    ],
)
def test_semantics(score, answers, expected):
    got = value(score, answers)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize(
    "score, answers, code",
    [
        ("mean(b, c)", A, "SR404"),
        ("min(b, c)", A, "SR404"),
        ("max(b)", A, "SR404"),
        ("a / (n - 1)", A, "SR403"),
        ("b + 1", A, "SR405"),
        ("if f then 1 else 0", A, "SR405"),
    ],
)
def test_evaluation_errors(score, answers, code):
    with pytest.raises(EvaluationError) as info:
        value(score, answers)
    assert info.value.code == code
    assert info.value.span is not None


def test_short_circuits_do_not_evaluate_what_they_skip():
    assert value("if answered(b) and b > 2 then 1 else 0", A) == 0
    assert value("if not answered(b) or b > 2 then 1 else 0", A) == 1


# ----------------------------------------------------------------------------- deciding


def test_gap_and_overlap():
    rs = load_cached(mini({"a": "scale"}, {}, ["lo when a <= 3", "hi when a >= 3"])).definition
    assert decide_segment(rs, {"a": 1}) == "lo"
    assert decide_segment(rs, {"a": 5}) == "hi"
    with pytest.raises(EvaluationError) as info:
        decide_segment(rs, {"a": 3})
    assert info.value.code == "SR402" and "hi, lo" in str(info.value)
    rs = load_cached(mini({"a": "scale"}, {}, ["lo when a < 3", "hi when a > 3"])).definition
    with pytest.raises(EvaluationError) as info:
        decide_segment(rs, {"a": 3})
    assert info.value.code == "SR401"


def test_several_rules_of_one_segment_are_not_an_overlap():
    rs = load_cached(mini({"a": "scale"}, {}, ["lo when a <= 3", "lo when a <= 2", "hi when a > 3"])).definition
    assert decide_segment(rs, {"a": 1}) == "lo"
    assert run(rs, {"a": 1}).matched == (0, 1)


def test_first_hit_policy():
    rs = load_cached(mini({"a": "scale"}, {}, ["hi when a >= 4", "mid when a >= 2", "lo otherwise"], "first")).definition
    assert [decide_segment(rs, {"a": v}) for v in range(1, 6)] == ["lo", "mid", "mid", "hi", "hi"]
    assert run(rs, {"a": 5}).matched == (0,)


def test_first_hit_policy_without_otherwise_can_have_a_gap():
    rs = load_cached(mini({"a": "scale"}, {}, ["hi when a >= 4", "mid when a >= 2"], "first")).definition
    with pytest.raises(EvaluationError) as info:
        decide_segment(rs, {"a": 1})
    assert info.value.code == "SR401"


def test_invalid_answers_are_reported_before_evaluation(base):
    with pytest.raises(AnswerError):
        decide_segment(base, {"battery": "illness"})


def test_mean_exactly_on_the_threshold():
    rs = segrules.load_text(BASE).definition
    # resources = mean(3, 3) = 3 exactly: the >= 3 side
    assert decide_segment(rs, dict(VALID, c_manage=3, c_support=3, p_illness=1)) == "omatoimi"
    # 5 and 1: mean 3 again, through a sum of 6 over 2
    assert decide_segment(rs, dict(VALID, c_manage=5, c_support=1, p_illness=1)) == "omatoimi"
    assert decide_segment(rs, dict(VALID, c_manage=5, c_support=None, p_illness=1)) == "omatoimi"
    assert decide_segment(rs, dict(VALID, c_manage=2, c_support=3, p_illness=1)) == "yhteiso"
