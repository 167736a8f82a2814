"""The verifier's budget: time and counts, and "undecided" (never a proof) beyond them."""

from __future__ import annotations

import itertools

import pytest


from segrules.verify import Budget, Undecided, verify
from segrules.verify.structure import Undecided as StructureUndecided

from support import mini
from test_verify import QUADRANT, load


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_budget_measures_time_from_its_start():
    clock = FakeClock()
    b = Budget(5, clock=clock)
    assert b.remaining() == 5
    b.check("starting")
    clock.now += 3
    assert b.remaining() == 2 and not b.exhausted()
    clock.now += 2
    assert b.remaining() == 0 and b.exhausted()
    with pytest.raises(Undecided, match="5 s ran out while summing"):
        b.check("summing")


def test_count_limits_raise_undecided():
    b = Budget(max_states=10)
    b.limit(10, "states", "states")
    with pytest.raises(Undecided, match="more than 10 states"):
        b.limit(11, "states", "states")


def test_budget_of_accepts_seconds_a_budget_or_none():
    assert Budget.of(None).seconds == 10.0
    assert Budget.of(2.5).seconds == 2.5
    b = Budget(None)
    assert Budget.of(b) is b and b.remaining() == float("inf")
    for bad in (0, -1):
        with pytest.raises(ValueError):
            Budget(bad)
    with pytest.raises(TypeError):
        Budget.of("10")


def test_undecided_is_one_class_for_every_method():
    assert StructureUndecided is Undecided


def test_spent_time_budget_gives_undecided_never_proven():
    ticks = itertools.count(0, 1000)  # every look at the clock: 1000 s later
    report = verify(load(QUADRANT), method="structural", budget=Budget(1, clock=lambda: next(ticks)))
    assert not report.proven
    assert report.check("completeness").status == "undecided"
    assert any("time budget" in n for n in report.notes)


def test_a_generous_budget_proves_as_before():
    assert verify(load(QUADRANT), method="structural", budget=60).proven


def test_five_hundred_inputs_end_undecided_within_the_budget():
    ids = [f"q{k}" for k in range(500)]  # the most inputs a ruleset may have
    text = mini({i: "scale" for i in ids}, {"p": " * ".join(ids[:60]), "m": "mean(" + ", ".join(ids) + ")"},
                ["a when p >= 1000 and m >= 3", "b when not (p >= 1000 and m >= 3)"])
    clock = FakeClock()

    def tick():
        clock.now += 0.01  # every look at the clock: 10 ms later
        return clock.now

    budget = Budget(10, clock=tick)
    report = verify(load(text), budget=budget)
    # the counting method stops at its budget with "undecided", never a crash; whatever the
    # SMT prover decides within the budget stands
    assert any(n.startswith("beyond the exact method's budgets: the time budget") for n in report.notes), report.notes
    assert {c.status for c in report.checks} <= {"passed", "failed", "undecided", "not_applicable"}
    assert not report.proven and budget.exhausted()
