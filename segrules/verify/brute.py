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
from .model import InternalInconsistency, exact_or_internal, size_text
from .space import AnswerSpace, Tally, answers_of, matched_rules
from .regions import describe_region
from .structure import _atoms_of, outcome_result


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


#: Up to this many answer sets the enumeration keeps every answer set for the influence check
#: (``_influence``: exact for every input); beyond it the results are kept as grids per control
#: case (``_grid_influence``).
KEEP_ANSWER_SETS = 5_000


def enumerate_tally(rs: ast.RulesetDef, budget=None, *, fast: bool = True) -> Tally:
    """Every answer set evaluated; with a ``Budget``, Undecided at once when the space is larger
    than its enumeration budget (and TimeLimit at its safety stop).

    ``fast``: through the compiled engine (``engine.compile.compile_matcher``), with every
    evaluation error and every gap or overlap re-run through the reference evaluator; else
    through the reference evaluator alone."""
    with exact_or_internal():
        if fast:
            return _enumerate_fast(rs, budget)
        return _enumerate_tally(rs, budget)


def _enumerate_fast(rs: ast.RulesetDef, budget=None) -> Tally:
    from ..engine.compile import compile_matcher

    tally = Tally(rs)
    space = AnswerSpace(rs)
    size = space.size()
    if budget is not None and not budget.enumerable(size):
        raise Undecided(f"the answer space ({size_text(size)} answer sets) is larger than the enumeration "
                        f"budget of {size_text(budget.answer_sets)} answer sets", "answer_sets")
    keep = size <= KEEP_ANSWER_SETS
    matcher = compile_matcher(rs)
    found: dict = {}
    for rule in rs.rules:
        if rule.condition is not None:
            _atoms_of(rule.condition, found)
    atoms = list(found)
    results: dict = {}  # result → a small number
    by_mask: dict = {}  # bitmask of holding rules → [count, first answer set, matched, result number]
    grids = []  # per control case: (case, leaf ids, result numbers in product order; -1: an error)
    profiles: dict = {}
    n = 0
    for case in space.cases():
        if case.error is not None:
            tally.error(
                EvaluationError(
                    f"cannot tell whether input {case.error_input!r} is asked: {case.error}", code=case.error.code,
                    span=case.error.span,
                ),
                dict(case.values), 0,
            )
            continue
        ids = list(case.options)
        base = dict(case.values)
        grid: list = []
        asked = None
        for combo in itertools.product(*(case.options[i] for i in ids)):
            if budget is not None and not n & 1023:
                budget.check("enumerating the answer sets")
            n += 1
            values = dict(base)
            values.update(zip(ids, combo))
            try:
                mask = matcher(values)
            except EvaluationError:
                out = outcome_of(rs, values)  # the reference says which error, and where
                if not isinstance(out, EvaluationError):
                    raise InternalInconsistency(
                        f"the compiled engine fails on {answers_of(values)} where the reference evaluator does not",
                        code="SR690") from None
                tally.error(out, values, 1)
                grid.append(-1)
                result = ("error", out.code)
            else:
                got = by_mask.get(mask)
                if got is None:
                    matched = tuple(i for i in range(len(rs.rules)) if mask >> i & 1)
                    ref = outcome_of(rs, values)  # each kind of outcome checked once by the reference
                    if ref != matched:
                        raise InternalInconsistency(
                            f"the compiled engine gives rules {matched} for {answers_of(values)}, the reference "
                            f"evaluator {ref!r}", code="SR690")
                    result = outcome_result(rs, matched)
                    got = by_mask[mask] = [0, values, matched, results.setdefault(result, len(results)), result]
                matched, result = got[2], got[4]
                if result[0] == "segment":
                    got[0] += 1
                else:  # a gap or an overlap: its region, and the reference's word on it
                    if outcome_of(rs, values) != matched:
                        raise InternalInconsistency(
                            f"the compiled engine and the reference evaluator differ on {answers_of(values)}",
                            code="SR690")
                    tally.outcome(matched, values, 1, _region(rs, atoms, values))
                grid.append(got[3])
            if keep:
                if asked is None:
                    asked = frozenset(k for k in values if _asked(rs, space, values, k))
                profiles.setdefault(asked, []).append((values, result))
        grids.append((case, ids, grid))
    for count, values, matched, _, result in by_mask.values():
        if count:
            tally.outcome(matched, values, count)
    if keep:
        _influence(rs, profiles, tally)
    else:
        _grid_influence(rs, space, grids, tally)
    return tally


def _grid_influence(rs: ast.RulesetDef, space: AnswerSpace, grids: list, tally: Tally) -> None:
    """Which inputs change the result, from the results of each control case laid out as a grid
    (the leaves' options in product order). Two answer sets of one case that differ in one leaf
    alone and get different results (neither an error) prove that leaf used. That a leaf is
    unused is shown only where there is one case (no question decides another's asking): then
    every pair differing in it alone is in the grid. Control inputs are left undecided here."""
    for case, ids, grid in grids:
        has_error = -1 in grid
        stride = 1
        strides = []
        for i in reversed(ids):
            strides.append(stride)
            stride *= len(case.options[i])
        strides.reverse()
        for i, s in zip(ids, strides):
            if i in tally.influential:
                continue
            k = len(case.options[i])
            if k > 1 and _axis_differs(grid, k, s, has_error):
                tally.influential.add(i)
    one_case = not space.control
    for inp in rs.inputs:
        if inp.id in tally.influential:
            continue
        if inp.id in space.control_ids:
            tally.undecided_inputs[inp.id] = ("the enumeration of more than "
                                              f"{size_text(KEEP_ANSWER_SETS)} answer sets does not compare "
                                              "answers that decide which questions are asked")
        elif not one_case:
            tally.undecided_inputs[inp.id] = ("the enumeration of more than "
                                              f"{size_text(KEEP_ANSWER_SETS)} answer sets compares answers within "
                                              "one set of asked questions only")


def _axis_differs(grid: list, k: int, s: int, has_error: bool) -> bool:
    """Some two entries k-apart along an axis of stride s (k options) differ, neither an error."""
    block = k * s
    blocks = len(grid) // block
    if not has_error:
        if blocks <= s * (k - 1):
            for b in range(0, len(grid), block):
                if grid[b:b + block - s] != grid[b + s:b + block]:
                    return True
            return False
        for d in range(k - 1):
            for o in range(s):
                start = d * s + o
                if grid[start::block] != grid[start + s::block]:
                    return True
        return False
    for b in range(0, len(grid), block):
        for o in range(s):
            seen = {v for v in grid[b + o:b + block:s] if v != -1}
            if len(seen) > 1:
                return True
    return False


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
    return describe_region(atom_values)


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
