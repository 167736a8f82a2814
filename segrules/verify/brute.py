"""Exhaustive enumeration of the answer space with the reference evaluator.

Obviously exact, and slow: used where the space is small, and in tests as the oracle that
the structural verifier is checked against.
"""

from __future__ import annotations

import itertools
from typing import Iterator

from ..dsl import ast
from ..engine import reference
from ..errors import EvaluationError
from .budget import Undecided
from .model import exact_or_internal, size_text
from .space import AnswerSpace, Tally, matched_rules
from .structure import _atoms_of, describe_region, outcome_result


def answer_sets(rs: ast.RulesetDef) -> Iterator[tuple[dict, dict | None]]:
    """Every valid answer set as (values incl. None for unanswered, None), and for control
    assignments whose asked_when cannot be evaluated, (control values, error)."""
    space = AnswerSpace(rs)
    for case in space.cases():
        if case.error is not None:
            yield dict(case.values), case
            continue
        ids = list(case.options)
        for combo in itertools.product(*(case.options[i] for i in ids)):
            values = dict(case.values)
            values.update(zip(ids, combo))
            yield values, None


def outcome_of(rs: ast.RulesetDef, values: dict):
    """Matched rule indexes, or the EvaluationError, for one answer set (values with None)."""
    answered = {k: v for k, v in values.items() if v is not None}
    scores: dict = {}
    try:
        for s in rs.scores:
            scores[s.id] = reference.evaluate(s.expr, answered, rs, scores)
    except EvaluationError as exc:
        return exc
    return matched_rules(rs, lambda rule: bool(reference.evaluate(rule.condition, answered, rs, scores)))


def enumerate_tally(rs: ast.RulesetDef, budget=None) -> Tally:
    """Every answer set evaluated; with a ``Budget``, Undecided at once when the space is larger
    than its enumeration budget (and TimeLimit at its safety stop)."""
    with exact_or_internal():
        return _enumerate_tally(rs, budget)


def _enumerate_tally(rs: ast.RulesetDef, budget=None) -> Tally:
    tally = Tally(rs)
    space = AnswerSpace(rs)
    found: dict = {}
    for rule in rs.rules:
        if rule.condition is not None:
            _atoms_of(rule.condition, found)
    atoms = list(found)
    # influence: outcomes grouped by asked profile
    profiles: dict[frozenset, list[tuple[dict, object]]] = {}
    if budget is not None and not budget.enumerable(space.size()):
        raise Undecided(f"the answer space ({size_text(space.size())} answer sets) is larger than the enumeration "
                        f"budget of {size_text(budget.answer_sets)} answer sets", "answer_sets")
    for n, (values, case) in enumerate(answer_sets(rs)):
        if budget is not None and not n & 1023:
            budget.check("enumerating the answer sets")
        if case is not None:
            tally.error(
                EvaluationError(
                    f"cannot tell whether input {case.error_input!r} is asked: {case.error}", code=case.error.code,
                    span=case.error.span,
                ),
                values, 0,
            )
            continue
        out = outcome_of(rs, values)
        if isinstance(out, EvaluationError):
            tally.error(out, values, 1)
            result = ("error", out.code)
        else:
            result = outcome_result(rs, out)
            region = _region(rs, atoms, values) if result[0] != "segment" else None
            tally.outcome(out, values, 1, region)
        asked = frozenset(k for k in values if _asked(rs, space, values, k))
        profiles.setdefault(asked, []).append((values, result))
    _influence(rs, profiles, tally)
    return tally


def _region(rs: ast.RulesetDef, atoms: list, values: dict) -> str:
    """The region of one answer set: its atoms' values, as the structural verifier words them."""
    answered = {k: v for k, v in values.items() if v is not None}
    scores: dict = {}
    for s in rs.scores:
        scores[s.id] = reference.evaluate(s.expr, answered, rs, scores)
    atom_values = []
    for atom in atoms:
        try:
            atom_values.append((atom, bool(reference.evaluate(atom, answered, rs, scores))))
        except EvaluationError as exc:
            atom_values.append((atom, exc))
    return describe_region(rs, atom_values)


def _asked(rs: ast.RulesetDef, space: AnswerSpace, values: dict, input_id: str) -> bool:
    inp = rs.input(input_id)
    if inp.asked_when is None:
        return True
    answered = {k: v for k, v in values.items() if v is not None}
    try:
        return bool(reference.evaluate(inp.asked_when, answered, rs))
    except EvaluationError:
        return False


def _influence(rs: ast.RulesetDef, profiles: dict, tally: Tally) -> None:
    """Input x changes the result if two answer sets differ in x, agree on every other input
    asked in both, and get different results (errors left aside)."""
    items = list(profiles.items())
    for inp in rs.inputs:
        x = inp.id
        found = False
        for (p1, sets1), (p2, sets2) in itertools.product(items, repeat=2):
            shared = sorted((p1 & p2) - {x})
            buckets: dict[tuple, tuple[set, set]] = {}
            for values, result in sets1:
                if result[0] == "error":
                    continue
                key = tuple(values.get(k) for k in shared)
                buckets.setdefault(key, (set(), set()))[0].add((values.get(x), result))
            for values, result in sets2:
                if result[0] == "error":
                    continue
                key = tuple(values.get(k) for k in shared)
                if key in buckets:
                    buckets[key][1].add((values.get(x), result))
            for left, right in buckets.values():
                if any(v1 != v2 and r1 != r2 for v1, r1 in left for v2, r2 in right):
                    found = True
                    break
            if found:
                break
        if found:
            tally.influential.add(x)
