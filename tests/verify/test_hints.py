"""Proving a new version from the witnesses of the last proof (``prove(..., hints=)``).

A hint may only spare the solver a query that would have found a witness: with hints from
the same ruleset, from another version of it or from an unrelated one, every check has the
status, findings, subjects and open questions it has without them."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings

import segrules
from segrules.testing import small_ruleset_texts
from segrules.verify import verify
from segrules.verify.budget import Budget
from segrules.verify.prover import Witnesses, prove

ROOT = Path(__file__).resolve().parents[2]
SUUNTIMA = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"
EXAMPLES = int(os.environ.get("SEGRULES_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RULESETS = small_ruleset_texts(max_answer_sets=1500, awkward=True)


def verdicts(result) -> dict:
    return {name: (c.status, c.findings, c.subjects, c.undecided) for name, c in result.checks.items()}


def definition(text: str):
    return segrules.load_text(text, "model.yaml").definition


@FUZZ
@given(RULESETS, RULESETS)
def test_hints_change_no_verdict(text, other):
    rs = definition(text)
    cold = prove(rs, budget=Budget(60))
    for hints in (cold.witnesses, prove(definition(other), budget=Budget(60)).witnesses):
        warm = prove(rs, budget=Budget(60), hints=hints)
        assert verdicts(warm) == verdicts(cold)
        assert not warm.problems
    # from its own witnesses, every query that found one is spared
    again = prove(rs, budget=Budget(60), hints=cold.witnesses)
    assert again.calls <= cold.calls and again.witnesses == cold.witnesses


@FUZZ
@given(RULESETS)
def test_hints_that_do_not_hold_are_not_taken(text):
    """Witnesses whose answer sets the new version refuses, or where they no longer show
    what they showed, leave the question to the solver."""
    rs = definition(text)
    cold = prove(rs, budget=Budget(60))
    w = cold.witnesses
    seen = [a for _, a in w.rules] + [a for _, a in w.segments] + [{"no_such_question": 1}]
    pairs = [(a, b) for _, a, b in w.inputs]
    for shift in range(1, 4):
        # every rule, segment and input (a dead rule, an unreached segment and an unused input
        # included) gets an answer set or pair that showed something else
        wrong = Witnesses(
            rules=tuple((r.index, seen[(r.index + shift) % len(seen)]) for r in rs.rules),
            segments=tuple((g.id, seen[(n + shift) % len(seen)]) for n, g in enumerate(rs.segments)),
            inputs=tuple((i.id, *pairs[(n + shift) % len(pairs)]) for n, i in enumerate(rs.inputs) if pairs),
        )
        assert verdicts(prove(rs, budget=Budget(60), hints=wrong)) == verdicts(cold)
    same_twice = Witnesses(inputs=tuple((i, a, a) for i, a, _ in w.inputs))  # no change at all
    assert verdicts(prove(rs, budget=Budget(60), hints=same_twice)) == verdicts(cold)


def test_the_next_version_of_suuntima_is_proven_with_fewer_solver_queries():
    text = SUUNTIMA.read_text(encoding="utf-8")
    rs = definition(text)
    cold = prove(rs)
    w = cold.witnesses
    assert len(w.rules) == len(rs.rules) and len(w.segments) == len(rs.segments) and len(w.inputs) == len(rs.inputs)
    new = definition(text.replace('\nversion: "1.0.0"\n', '\nversion: "1.0.1"\n', 1))
    warm = prove(new, hints=w)
    assert verdicts(warm) == verdicts(cold)
    # the rules', segments' and inputs' witnesses all hold: each rule and segment, which
    # cost at least one query without them, costs none
    assert warm.calls <= cold.calls - len(rs.rules) - len(rs.segments), (warm.calls, cold.calls)


def test_verify_takes_hints_and_gives_the_witnesses_outside_the_report():
    ruleset = segrules.load(SUUNTIMA)
    cold = verify(ruleset, method="smt", plane=False)
    warm = verify(ruleset, method="smt", plane=False, hints=cold.witnesses)
    assert cold.witnesses is not None and warm.witnesses == cold.witnesses
    assert [(c.name, c.status) for c in warm.checks] == [(c.name, c.status) for c in cold.checks]
    assert "witnesses" not in cold.to_json()
