"""Differential test of the verifier's three methods on random small rulesets.

The SMT prover, the structural method and the enumeration of every answer set must give the
same status for every check and agree on what a failure is about (the error codes, the
segments, rules and inputs named); the counting methods must give the same counts; every
witness of the SMT prover must be confirmed by ``Ruleset.decide``. The rulesets include the
awkward cases: division between scores, scores over the deciding input and over constants,
several failing scores, optional and conditional questions, both hit policies.

CI runs a bounded number of examples; ``make fuzz-verify`` runs many more
(``SEGRULES_FUZZ_EXAMPLES``).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings

import segrules
from segrules.errors import AnswerError, EvaluationError
from segrules.testing import small_ruleset_texts
from segrules.verify import _checks, verify
from segrules.verify.brute import enumerate_tally
from segrules.verify.budget import Budget, Undecided
from segrules.verify.influence import InfluenceChecker
from segrules.verify.prover import prove
from segrules.verify.space import AnswerSpace, Tally
from segrules.verify.structure import StructuralVerifier
from segrules.verify.verdict import PROVED_CHECKS, agree

EXAMPLES = int(os.environ.get("SEGRULES_FUZZ_EXAMPLES", "40"))


def structural_checks(rs):
    """The structural method's own checks, or None where it is beyond its budget."""
    tally = Tally(rs)
    try:
        sv = StructuralVerifier(rs, AnswerSpace(rs), plane=False, budget=Budget(60))
        sv.run(tally)
        InfluenceChecker(sv).run(tally)
    except (Undecided, RecursionError):
        return None
    return {c.name: c for c in _checks(rs, tally, None)}


def confirm_by_decide(ruleset, name, finding):
    """A failure's witness, run through ``Ruleset.decide``, shows the failure."""
    w = finding.witness
    try:
        decision = ruleset.decide(w)
    except AnswerError as exc:
        assert name == "totality" and any(p.code == finding.code for p in exc.problems), (name, finding, exc)
        return
    except EvaluationError as exc:
        want = {"totality": finding.code, "completeness": "SR401", "exclusivity": "SR402"}[name]
        assert exc.code == want, (name, finding, exc)
        return
    raise AssertionError(f"{name}: the witness {w} decides {decision.segment.id!r}")


def compare(name, a, b, what: str) -> None:
    assert a.status == b.status, f"{name}: {what}: {a.status} vs {b.status}\n{a}\n{b}"
    assert agree(name, a, b), f"{name}: {what}\n{a}\n{b}"


def total(check) -> int:
    return sum(f.answer_sets or 0 for f in check.findings)


FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
RULESETS = small_ruleset_texts(max_answer_sets=1500, awkward=True)


@FUZZ
@given(RULESETS)
def test_smt_prover_agrees_with_enumeration(text):
    ruleset = segrules.load_text(text, "model.yaml")
    rs = ruleset.definition
    brute = {c.name: c for c in _checks(rs, enumerate_tally(rs), None)}
    smt = prove(rs, budget=Budget(60))
    assert not smt.problems, smt.problems
    for name in PROVED_CHECKS:
        s, b = smt.checks[name], brute[name]
        assert s.status != "undecided" and not s.undecided, f"{name}: {s.summary}"
        compare(name, s, b, "smt against enumeration")
        for f in s.findings:
            if f.witness is not None:
                confirm_by_decide(ruleset, name, f)
    # the verdict: enumeration and the SMT prover agree, so nothing is left undecided or disputed
    report = verify(ruleset)
    assert all(f.code != "SR692" for c in report.checks for f in c.findings)
    assert report.proven == all(brute[n].status in ("passed", "not_applicable") for n in PROVED_CHECKS) and all(
        c.status in ("passed", "not_applicable") for c in report.checks if c.name not in PROVED_CHECKS
    )


@FUZZ
@given(RULESETS)
def test_structural_method_agrees_with_enumeration(text):
    rs = segrules.load_text(text, "model.yaml").definition
    brute = {c.name: c for c in _checks(rs, enumerate_tally(rs), None)}
    structural = structural_checks(rs)
    if structural is None:
        return
    for name in PROVED_CHECKS:
        st = structural[name]
        if st.status == "undecided":
            continue
        compare(name, st, brute[name], "structural against enumeration")
        if name in ("totality", "completeness", "exclusivity"):
            assert total(st) == total(brute[name]), f"{name}: counts {total(st)} vs {total(brute[name])}"
