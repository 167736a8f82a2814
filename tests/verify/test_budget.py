"""The verifier's budget: work in units, "undecided" (never a proof) beyond it, and the time
limit as a safety stop that gives no verdict."""

from __future__ import annotations

import itertools

import pytest


from segrules.verify import Budget, TimeLimit, Undecided, verify
from segrules.verify.budget import TIME_LIMIT
from segrules.verify.verdict import PROVED_CHECKS
from segrules.verify.structure import Undecided as StructureUndecided

from support import mini
from test_verify import QUADRANT, load


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_the_time_limit_is_a_safety_stop_measured_from_the_start():
    clock = FakeClock()
    b = Budget(5, clock=clock)
    assert b.remaining() == 5
    b.check("starting")
    clock.now += 3
    assert b.remaining() == 2 and not b.exhausted()
    clock.now += 2
    assert b.remaining() == 0 and b.exhausted()
    with pytest.raises(TimeLimit, match="time limit of 5 s was reached while summing"):
        b.check("summing")
    assert b.stopped


def test_steps_are_counted_and_undecided_names_the_budget():
    b = Budget(None, steps=10)
    b.spend(10, "adding")
    with pytest.raises(Undecided, match="structural budget of 10 steps ran out while adding") as exc:
        b.spend(1, "adding")
    assert exc.value.budget == "steps" and not b.stopped


def test_the_solver_budget_gives_each_query_at_most_what_is_left():
    b = Budget(None, solver=100, solver_call=30)
    assert b.solver_units() == 30
    b.spent_solver = 80
    assert b.solver_units() == 20
    b.spent_solver = 100
    with pytest.raises(Undecided, match="solver budget of 100 rlimit units ran out"):
        b.solver_units()


def test_bad_work_budgets_are_refused():
    for bad in ({"steps": 0}, {"solver": -1}, {"answer_sets": 2.5}, {"solver_call": True}):
        with pytest.raises(ValueError):
            Budget(**bad)


def test_count_limits_raise_undecided():
    b = Budget(max_states=10)
    b.limit(10, "states", "states")
    with pytest.raises(Undecided, match="more than 10 states"):
        b.limit(11, "states", "states")


def test_budget_of_accepts_seconds_a_budget_or_none():
    assert Budget.of(None).seconds == TIME_LIMIT
    assert Budget.of(2.5).seconds == 2.5 and Budget.of(2.5).steps == Budget().steps
    b = Budget(None)
    assert Budget.of(b) is b and b.remaining() == float("inf")
    for bad in (0, -1):
        with pytest.raises(ValueError):
            Budget(bad)
    with pytest.raises(TypeError):
        Budget.of("10")


def test_undecided_is_one_class_for_every_method():
    assert StructureUndecided is Undecided


def test_a_run_stopped_by_the_time_limit_says_so_and_gives_no_verdict():
    ticks = itertools.count(0, 1000)  # every look at the clock: 1000 s later
    report = verify(load(QUADRANT), method="structural", budget=Budget(1, clock=lambda: next(ticks)))
    assert not report.proven and report.stopped == "time limit"
    assert report.verdict_key == "verify.stopped"
    statuses = {c.name: c.status for c in report.checks}
    assert {statuses[n] for n in PROVED_CHECKS} == {"stopped"}
    assert statuses["examples"] == "passed"  # read from the ruleset, not by a budgeted method
    assert report.to_json()["stopped"] == "time limit"
    assert "STOPPED" in report.format("en") and "PYSÄYTETTY" in report.format("fi")


def test_a_generous_budget_proves_as_before():
    assert verify(load(QUADRANT), method="structural", budget=60).proven


def test_the_report_names_the_budget_that_ran_out_and_the_budgets_it_ran_with():
    report = verify(load(QUADRANT), method="structural", budget=Budget(steps=100, solver=1))
    undecided = [c for c in report.checks if c.status == "undecided"]
    assert undecided and not report.proven
    assert {c.budget for c in undecided} <= {"solver", "solver_call", "steps"}, [c.budget for c in undecided]
    doc = report.to_json()
    assert doc["budget"]["structural_steps"] == 100 and doc["budget"]["solver_rlimit"] == 1
    assert {c["budget_exhausted"] for c in doc["checks"] if c["status"] == "undecided"} <= {
        "solver_rlimit", "solver_rlimit_per_query", "structural_steps"}


def test_five_hundred_inputs_end_undecided_within_the_budget():
    ids = [f"q{k}" for k in range(500)]  # the most inputs a ruleset may have
    text = mini({i: "scale" for i in ids}, {"p": " * ".join(ids[:60]), "m": "mean(" + ", ".join(ids) + ")"},
                ["a when p >= 1000 and m >= 3", "b when not (p >= 1000 and m >= 3)"])
    report = verify(load(text), budget=Budget(steps=200_000, solver=200_000))
    # the counting method stops at its budget with "undecided", never a crash; whatever the
    # SMT prover decides within the budget stands
    assert any(n.startswith("beyond the exact method's budgets:") for n in report.notes), report.notes
    assert {c.status for c in report.checks} <= {"passed", "failed", "undecided", "not_applicable"}
    assert not report.proven and report.stopped is None
