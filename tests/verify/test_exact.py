"""Exact numbers in the verifier: ints and Fractions only, `/` exact, a float an internal error."""

from __future__ import annotations

from fractions import Fraction

import pytest

import segrules
from segrules.dsl import ast
from segrules.engine import reference
from segrules.errors import InexactNumber
from segrules.verify import verify
from segrules.verify.model import InternalInconsistency, exact_or_internal

from support import mini

RATE = {"missed": "integer 0..5", "booked": "integer 1..6"}
# a score that is one input, and a division between two such scores
BETWEEN = {"m": "missed", "b": "booked", "rate": "m / b"}


def load(text):
    return segrules.load_text(text, "model.yaml")


def test_a_gap_at_exactly_one_third_is_found_structurally():
    # missed / booked = 1/3 exactly at (1, 3) and (2, 6): neither rule holds there. A binary
    # float for 1/3 is a little less than 1/3, which hid the gap behind "low".
    rs = load(mini(RATE, BETWEEN, ["low when rate < 1/3", "high when rate > 1/3"]))
    for method in ("structural", "enumeration"):
        report = verify(rs, method=method)
        check = report.check("completeness")
        assert check.status == "failed", report.format()
        assert sum(f.answer_sets for f in check.findings) == 2


def test_three_times_a_rate_against_one():
    rs = load(mini(RATE, BETWEEN,
                   ["low when 3 * rate < 1", "high when 3 * rate > 1", "exact when 3 * rate = 1"]))
    structural, brute = verify(rs, method="structural"), verify(rs, method="enumeration")
    assert structural.proven and brute.proven, structural.format()


def test_an_equality_segment_with_a_decimal_is_reached():
    # rate = 0.1 holds for 1/10 exactly; as floats, 1 / 10 is not 0.1, and `tenth` looked unreachable
    rs = load(mini({"missed": "integer 0..5", "booked": "integer 1..10"}, BETWEEN,
                   ["tenth when rate = 0.1", "other when rate != 0.1"]))
    report = verify(rs, method="structural")
    assert report.check("segments_reachable").status == "passed", report.format()
    assert report.check("rules_fire").status == "passed"
    assert reference.decide_segment(rs.definition, {"missed": 1, "booked": 10}) == "tenth"


def test_division_of_whole_numbers_is_a_fraction():
    rs = load(mini(RATE, {"rate": "missed / booked"}, ["a when rate >= 0", "b when rate < 0"]))
    value = reference.evaluate(rs.definition.score("rate").expr, {"missed": 1, "booked": 3}, rs.definition)
    assert value == Fraction(1, 3) and type(value) is Fraction
    # even when the evaluator is handed plain ints for the parts (as the verifier does)
    e = rs.definition.score("rate").expr
    known = {id(e.left): 1, id(e.right): 3}
    assert type(reference.evaluate(e, {}, rs.definition, {}, known)) is Fraction


@pytest.mark.parametrize("where", ["answer", "known", "score", "literal"])
def test_a_float_reaching_the_reference_evaluator_is_an_internal_error(where):
    rs = load(mini(RATE, {"rate": "missed / booked"}, ["a when rate >= 0", "b when rate < 0"])).definition
    e = rs.score("rate").expr
    values, known, scores = {"missed": 1, "booked": 3}, None, None
    expr = e
    if where == "answer":
        values["missed"] = 1.0
    elif where == "known":
        known = {id(e.left): 0.5}
    elif where == "score":
        expr, scores = ast.ScoreRef("rate"), {"rate": 1 / 3}
    else:
        expr = ast.Number(0.1)
    with pytest.raises(InexactNumber) as info:
        reference.evaluate(expr, values, rs, scores, known)
    assert info.value.code == "SR691"


def test_in_the_verifier_a_float_is_sr690():
    with pytest.raises(InternalInconsistency) as info, exact_or_internal():
        raise InexactNumber("x")
    assert info.value.code == "SR690"


def test_every_number_literal_is_a_fraction():
    from support import SHIPPED

    for path in SHIPPED:
        rs = segrules.load(path).definition
        exprs = [s.expr for s in rs.scores] + [r.condition for r in rs.rules if r.condition is not None]
        exprs += [i.asked_when for i in rs.inputs if i.asked_when is not None]
        for e in exprs:
            for node in ast.walk(e):
                if isinstance(node, ast.Number):
                    assert type(node.value) is Fraction, (path, node)
