"""The verdict rule: which method's answer a check may rest on.

* A check is **passed** only when a method exact by construction proved it: the SMT prover
  (an unsatisfiable query) or the enumeration of every answer set.
* A check **fails** when a failure is shown by a witness answer set that reproduces under the
  reference evaluator (from any method), or when the SMT prover or the enumeration proves
  that something never happens (a segment never reached, a rule that never holds, an input
  that never changes the result).
* Where the structural method and the SMT prover (or the enumeration) both decide a check,
  they must agree; a disagreement is SR692 and makes the check undecided, never a proof.
* The structural method's counts and regions are kept where it decided; the verdict never
  depends on them.
"""

from __future__ import annotations

import attrs

from .model import Check, Finding

#: The checks the SMT prover decides (the others are read from the ruleset directly).
PROVED_CHECKS = (
    "totality", "completeness", "exclusivity", "masked_rules", "segments_reachable", "rules_fire", "inputs_used",
)
_SET_CHECKS = ("masked_rules", "segments_reachable", "rules_fire", "inputs_used")
_DIRECT = {"pathways_labels": ("definition",), "examples": ("reference",)}


def _decided(status: str | None) -> bool:
    return status in ("passed", "failed")


def _subjects(name: str, findings) -> frozenset:
    """What two methods' findings must agree on."""
    if name in _SET_CHECKS:  # the subjects proven failed (an undecided input, SR610, is not one)
        return frozenset(f.subject for f in findings if f.code != "SR610")
    if name == "totality":
        return frozenset(f.code for f in findings)
    return frozenset()


def _undecided_subjects(check) -> frozenset:
    """Segments, rules or inputs a method left undecided within a check it otherwise decided."""
    if isinstance(check, Check):
        return frozenset(f.subject for f in check.findings if f.code == "SR610")
    return check.undecided


def agree(name: str, a, b) -> bool:
    """Two methods' answers to one check agree: the same status, and the same failures except
    for the subjects one of them left undecided. ``a`` and ``b``: a ``Check`` or an ``SmtCheck``."""
    if a.status != b.status:
        return False
    differ = _subjects(name, a.findings) ^ _subjects(name, b.findings)
    return differ <= (_undecided_subjects(a) | _undecided_subjects(b))


def _witnessed(check: Check) -> bool:
    """Every finding carries a witness answer set (re-run through the reference evaluator)."""
    return bool(check.findings) and all(f.witness is not None for f in check.findings)


def combine(exact: list[Check], exact_method: str, smt_checks: dict | None, smt_missing: str | None) -> list[Check]:
    """The checks of a report from the exact method's (enumeration or structural) and the SMT prover's.

    ``smt_checks`` maps a check name to its ``prover.SmtCheck``; None when the prover did not
    run, with ``smt_missing`` saying why.
    """
    out = []
    for e in exact:
        if e.name in _DIRECT:
            out.append(attrs.evolve(e, methods=_DIRECT[e.name]))
            continue
        if e.name not in PROVED_CHECKS or e.status == "not_applicable":
            out.append(e)
            continue
        s = smt_checks.get(e.name) if smt_checks else None
        out.append(_one(e, exact_method, s, smt_missing))
    return out


def _one(e: Check, exact_method: str, s, smt_missing: str | None) -> Check:
    s_status = s.status if s is not None else None
    if _decided(e.status) and _decided(s_status):
        if not agree(e.name, e, s):
            return _disagreement(e, exact_method, s)
        if _undecided_subjects(e) and len(_undecided_subjects(s)) < len(_undecided_subjects(e)):
            # the more complete
            return Check(e.name, s.status, s.summary, s.findings, ("smt", exact_method), s.budget)
        return attrs.evolve(e, methods=("smt", exact_method))
    if exact_method == "enumeration" and _decided(e.status):
        return attrs.evolve(e, methods=("enumeration",))
    if _decided(s_status):
        if e.status == "failed" and s_status == "passed" or e.status == "passed" and s_status == "failed":
            return _disagreement(e, exact_method, s)  # pragma: no cover - caught above
        summary = s.summary
        if s_status == "failed" and e.name in ("completeness", "exclusivity", "totality"):
            summary += " (how many: not counted; the counting method did not finish or was not run)"
        return Check(e.name, s_status, summary, s.findings, ("smt",), s.budget)
    # neither exact method decided
    why = (s.reason if s is not None and s.reason else None) or smt_missing or "the SMT prover could not decide"
    if e.status == "failed" and _witnessed(e):
        return attrs.evolve(e, methods=(exact_method,))  # a reproduced witness is a fact
    said = {"passed": "found no problem", "failed": "reported a problem it cannot show with an answer set",
            "undecided": "did not decide either"}.get(e.status, "did not decide either")
    ran_out = (s.budget if s is not None else None) or e.budget
    return Check(e.name, "undecided", f"not proven: {why}; the {exact_method} method {said}", e.findings,
                 budget=ran_out)


def _disagreement(e: Check, exact_method: str, s) -> Check:
    msg = (f"SR692: the {exact_method} method says {e.status} ({e.summary}) but the SMT prover says "
           f"{s.status} ({s.summary}); this is a bug in segrules, and the check is not decided")
    return Check(e.name, "undecided", "the two methods disagree (SR692)",
                 (Finding(msg, code="SR692"),) + tuple(e.findings) + tuple(s.findings))
