"""Exhaustive where cheap: enumeration through the compiled engine gives what the reference
evaluator's enumeration gives, ``method="auto"`` enumerates a space the structural method
gives up on when it is within the enumeration budget, and a space with one result proves
every input unused without comparing pairs."""

from __future__ import annotations

import pytest

from segrules.pipeline import load_text
from segrules.verify import Budget, verify
from segrules.verify import brute
from segrules.verify import budget as budget_module
from segrules.verify.brute import enumerate_tally

from example_ruleset import EXAMPLE
from support import mini
from test_verify import QUADRANT

pytest.importorskip("z3")

RULESETS = [
    QUADRANT.replace("omatoimi when resources >= 3", "omatoimi when resources > 3"),  # a gap
    QUADRANT.replace("verkosto when resources < 3", "verkosto when resources <= 3"),  # an overlap
    QUADRANT.replace("expr: mean(client)", "expr: mean(c2)"),  # an empty mean
    mini({"a": "scale", "b": "scale?", "c": ("scale", "a > 2")}, {"s": "a / (b - 3)"},
         ["x when s > 1", "y when s <= 1 and c > 2"], "first"),  # division by zero, masked rules
    mini({"q1": "boolean?", "q2": ("scale", "answered(q1) and q1"), "q3": "scale"}, {},
         ["a when answered(q2) and q2 >= 3", "b when answered(q2) and q2 <= 3"]),
]


def summary(t):
    return (t.counted, sorted((k, str(f), n) for k, (f, n) in t.gaps.items()),
            sorted((sorted(k), str(f), n) for k, (f, n) in t.overlaps.items()),
            sorted((k, str(f), n) for k, (f, n) in t.errors.items()),
            sorted(t.rules_hold), sorted(t.rules_first), sorted(t.segments))


@pytest.mark.parametrize("text", RULESETS)
def test_the_compiled_enumeration_gives_what_the_reference_enumeration_gives(text, monkeypatch):
    rs = load_text(text).definition
    slow = enumerate_tally(rs, fast=False)
    monkeypatch.setattr(brute, "KEEP_ANSWER_SETS", 10**6)  # every answer set kept: exact influence
    fast = enumerate_tally(rs)
    assert summary(fast) == summary(slow)
    assert fast.influential == slow.influential and fast.undecided_inputs == slow.undecided_inputs
    # beyond the answer sets it keeps, the grids of results: what they prove used is used, and
    # an input they cannot decide is named, never called unused
    monkeypatch.setattr(brute, "KEEP_ANSWER_SETS", 0)
    grid = enumerate_tally(rs)
    assert summary(grid) == summary(slow)
    assert grid.influential <= slow.influential
    assert set(rs.input(i).id for i in slow.influential) - grid.influential <= set(grid.undecided_inputs)


def test_auto_enumerates_where_the_structural_method_gives_up(monkeypatch):
    monkeypatch.setattr(budget_module, "AUTO_ENUMERATION", 10)  # the example's space is larger
    rs = load_text(EXAMPLE)
    report = verify(rs, budget=Budget(steps=1000))  # the structural method cannot finish in 1 000 steps
    assert report.method == "enumeration" and report.counted and report.proven
    assert all("enumeration" in c.methods for c in report.checks if c.name in ("completeness", "totality"))
    assert any("the structural method gave up" in n for n in report.notes)
    # beyond the enumeration budget it stays with the structural method, undecided where it gave up
    small = verify(rs, budget=Budget(steps=1000, answer_sets=10))
    assert small.method == "structural" and not small.counted


def test_a_wide_mean_with_one_reachable_segment_has_every_input_unused():
    ids = [f"q{k}" for k in range(40)]
    text = mini({i: "scale" for i in ids}, {"m": "mean(" + ", ".join(ids) + ")"}, ["a when m >= 1", "b when m < 1"])
    report = verify(load_text(text))
    check = report.check("inputs_used")
    assert check.status == "failed" and "structural" in check.methods
    assert sorted(f.subject for f in check.findings) == sorted(ids)
    assert all(f.code == "SR606" for f in check.findings)
