"""The reference evaluator: the meaning of a checked ruleset, written as plainly as possible.

It walks the checked AST with exact fractions. The compiled engine, the verifier and the SQL
back end are all checked against it; it is also what validates answers and explains a rule.
It is not the fast path.
"""

from __future__ import annotations

import builtins
import itertools
from fractions import Fraction
from typing import Any, Mapping

import attrs

from ..dsl import ast
from ..errors import AnswerError, AnswerProblem, EvaluationError, InexactNumber, closest, shown


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()


#: At most this many unknown inputs are named one by one; the rest are counted in one problem,
#: so that an answer set with millions of stray keys costs little and reports little.
MAX_UNKNOWN_REPORTED = 20


def plain_answers(answers: object) -> dict:
    """The answers as a plain dict, read once, for every entry point alike.

    A ``defaultdict`` or any mapping whose ``__getitem__`` inserts or computes values would
    otherwise look complete to code that indexes it; a copy is what the caller gave, and the
    caller's mapping is never written to. A plain dict is used as it is (it is only read).
    """
    if type(answers) is dict:
        return answers
    if not isinstance(answers, Mapping):
        raise AnswerError([AnswerProblem("SR306", "(answers)", "the answers must be a mapping of input id to answer")])
    try:
        return dict(answers)
    except Exception as exc:  # noqa: BLE001 - a caller's mapping that fails while being read
        raise AnswerError(
            [AnswerProblem("SR306", "(answers)", f"the answers could not be read as a mapping: {type(exc).__name__}")]
        ) from None


def validate_answers(rs: ast.RulesetDef, answers: object) -> dict[str, Any]:
    """Check answers against the ruleset; return input id → value for answered inputs.

    Every problem is collected into one AnswerError: unknown inputs, wrong types, values
    outside the domain, required answers missing, answers to questions that were not asked.
    """
    answers = plain_answers(answers)
    problems: list[AnswerProblem] = []
    known = {i.id for i in rs.inputs}
    unknown = 0
    for key in answers:
        if key not in known:  # an unhashable key cannot be in a dict, so `in` is safe here
            unknown += 1
            if unknown > MAX_UNKNOWN_REPORTED:
                continue
            close = closest(key, known, cutoff=0.75) if isinstance(key, str) and len(key) <= 100 else None
            problems.append(
                AnswerProblem(
                    "SR301", key if isinstance(key, str) else shown(key),
                    "there is no such input in this ruleset" + (f"; did you mean {close!r}?" if close else ""),
                )
            )
    if unknown > MAX_UNKNOWN_REPORTED:
        more = unknown - MAX_UNKNOWN_REPORTED
        problems.append(
            AnswerProblem(
                "SR301", "(answers)",
                f"and {more} more answer{'s' if more != 1 else ''} to inputs this ruleset does not have",
            )
        )
    values: dict[str, Any] = {}
    # inputs whose answer is invalid or missing (already reported): a question that depends on
    # one is checked against every answer it could have had, instead of blaming the ruleset
    unsure: dict[str, ast.Input] = {}
    for inp in _asked_order(rs):
        given = answers.get(inp.id, None) if inp.id in answers else None
        asked = True
        if inp.asked_when is not None:
            try:
                asked = bool(evaluate(inp.asked_when, values, rs))
            except EvaluationError as exc:
                branches = _branches(inp.asked_when, values, rs, unsure)
                if branches is None:
                    problems.append(AnswerProblem(exc.code, inp.id, f"cannot tell whether it is asked: {exc}"))
                    continue
                outcomes, controls = branches
                whatever = f"whatever the answer to {' and '.join(controls)} is"
                if given is None:
                    if outcomes == {True} and not inp.optional:
                        problems.append(AnswerProblem("SR304", inp.id, f"an answer is required (it is asked {whatever})"))
                    unsure[inp.id] = inp
                    continue
                if outcomes == {False}:
                    problems.append(AnswerProblem(
                        "SR305", inp.id, f"answered, but the question is not asked, {whatever}"))
                    continue
                asked = True  # asked in some branch: check the answer itself
        if given is None:
            if asked and not inp.optional:
                problems.append(AnswerProblem("SR304", inp.id, "an answer is required"))
                unsure[inp.id] = inp
            continue
        if not asked:
            problems.append(
                AnswerProblem("SR305", inp.id, "answered, but the question is not asked with these answers")
            )
            continue
        if not inp.domain.contains(given):
            if _same_kind(inp.domain, given):
                problem = AnswerProblem(
                    "SR302", inp.id, f"{shown(given)} is not allowed; expected {inp.domain.describe()}"
                )
            else:
                problem = AnswerProblem(
                    "SR303", inp.id,
                    f"{shown(given)} is {_kind_of(given)}, but the answer must be {inp.domain.describe()}",
                )
            problems.append(problem)
            unsure[inp.id] = inp
            continue
        values[inp.id] = given
    if problems:
        raise AnswerError(problems)
    return values


#: The most answer combinations tried for the questions an asked_when depends on.
MAX_BRANCHES = 4096


def _branches(
    expr: ast.Expr, values: Mapping[str, Any], rs: ast.RulesetDef, unsure: Mapping[str, ast.Input]
) -> tuple[set[bool], list[str]] | None:
    """Whether a question is asked, for every answer (or none) its unsure inputs could have had.

    The outcomes that some combination gives, and the unsure inputs read; None when the
    condition reads no unsure input or the combinations are too many to try.
    """
    controls = [r for r in dict.fromkeys(ast.references(expr)) if r in unsure]
    if not controls:
        return None
    choices = [list(unsure[r].domain.values) + [MISSING] for r in controls]
    total = 1
    for c in choices:
        total *= len(c)
    if total > MAX_BRANCHES:
        return None
    outcomes: set[bool] = set()
    for combo in itertools.product(*choices):
        trial = dict(values)
        for r, v in zip(controls, combo):
            if v is MISSING:
                trial.pop(r, None)
            else:
                trial[r] = v
        try:
            outcomes.add(bool(evaluate(expr, trial, rs)))
        except EvaluationError:
            continue
    return (outcomes, controls) if outcomes else None


def _kind_of(value: object) -> str:
    # a subclass of int or str, or a look-alike of bool (numpy.bool_), is named by its type:
    # "a text" of "high" where "high" is a choice would contradict itself
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, int) and type(value) is not int:
        return f"of type {_type_name(value)}, not a plain whole number (convert it with int())"
    if isinstance(value, str) and type(value) is not str:
        return f"of type {_type_name(value)}, not a plain text (convert it with str())"
    if type(value).__name__ in ("bool", "bool_"):
        return f"of type {_type_name(value)}, not a plain yes/no value (convert it with bool())"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number"
    return f"a value of type {type(value).__name__}"


def _type_name(value: object) -> str:
    """The name of a value's type; with its module where the name alone is a built-in type's
    (numpy.bool, not bool)."""
    t = type(value)
    return t.__name__ if t.__module__ == "builtins" or not hasattr(builtins, t.__name__) else f"{t.__module__}.{t.__name__}"


def _same_kind(domain: ast.Domain, value: object) -> bool:
    if domain.is_numeric:
        return type(value) is int
    if domain.kind == "boolean":
        return type(value) is bool
    return type(value) is str


#: The last ruleset's order (the ruleset, its order): the verifier re-runs every witness
#: through ``validate_answers``, a hundred for a reload of Suuntima, and working the order out
#: again each time was a tenth of the reload's processor time. Kept by identity, and replaced
#: whole (one assignment), so that a thread never reads one ruleset's order for another's.
_LAST_ORDER: tuple = (None, ())


def _asked_order(rs: ast.RulesetDef) -> tuple[ast.Input, ...]:
    """Inputs ordered so that each comes after the inputs its asked_when reads."""
    global _LAST_ORDER
    last = _LAST_ORDER
    if last[0] is rs:
        return last[1]
    order = _ordered_by_asking(rs)
    _LAST_ORDER = (rs, order)
    return order


def _ordered_by_asking(rs: ast.RulesetDef) -> tuple[ast.Input, ...]:
    by_id = {i.id: i for i in rs.inputs}
    done: dict[str, None] = {}

    def visit(i: ast.Input) -> None:
        if i.id in done:
            return
        if i.asked_when is not None:
            for ref in ast.references(i.asked_when):
                if ref in by_id and ref != i.id:
                    visit(by_id[ref])
        done[i.id] = None

    for i in rs.inputs:
        visit(i)
    return tuple(by_id[k] for k in done)


def aggregate_key(e: ast.Aggregate) -> tuple:
    """Identity of an aggregate by what it computes (the verifier precomputes these)."""
    return (e.func, tuple(getattr(i, "id", None) or id(i) for i in e.items))


def inexact(value: object, where: str) -> InexactNumber:
    """The internal error for a float met where only int and Fraction may be."""
    return InexactNumber(
        f"the inexact number {value!r} reached the evaluator ({where}); every number must be an int or a Fraction"
    )


def evaluate(
    e: ast.Expr,
    values: Mapping[str, Any],
    rs: ast.RulesetDef,
    scores: Mapping[str, Any] | None = None,
    aggregates: Mapping[tuple, Any] | None = None,
):
    """Value of a checked expression: Fraction, bool or enum code.

    ``aggregates`` may hold precomputed values, by ``aggregate_key`` for aggregates and by
    ``id(node)`` for any node; an EvaluationError instance stands for a value that fails
    when the evaluation reaches it. The verifier uses it to evaluate one node from the
    values of its parts. ``scores`` may likewise hold an EvaluationError for a failing score.

    Numbers are exact: int or Fraction in, Fraction out, and ``/`` divides exactly. A float
    met anywhere (an answer, a precomputed value, a literal) raises InexactNumber (SR691).
    """
    if aggregates is not None:
        got = aggregates.get(id(e), MISSING)
        if got is not MISSING:
            if isinstance(got, EvaluationError):
                raise got
            if type(got) is float:
                raise inexact(got, "a precomputed value")
            return got
    if isinstance(e, ast.Number):
        if type(e.value) is not Fraction:
            raise inexact(e.value, "a number written in the ruleset")
        return e.value
    if isinstance(e, (ast.Bool, ast.String)):
        return e.value
    if isinstance(e, ast.InputRef):
        if e.id not in values:
            raise EvaluationError(missing_message(e.id), code="SR405", span=e.span, input=e.id)
        v = values[e.id]
        if type(v) is float:
            raise inexact(v, f"the answer to {e.id}")
        return Fraction(v) if type(v) is int else v
    if isinstance(e, ast.ScoreRef):
        if scores is not None and e.id in scores:
            got = scores[e.id]
            if isinstance(got, EvaluationError):
                raise got
            if type(got) is float:
                raise inexact(got, f"the score {e.id}")
            return got
        return evaluate(rs.score(e.id).expr, values, rs, scores, aggregates)
    if isinstance(e, ast.Answered):
        return e.input.id in values
    if isinstance(e, ast.Aggregate):
        if aggregates is not None:
            got = aggregates.get(aggregate_key(e), MISSING)
            if isinstance(got, EvaluationError):
                raise got
            if got is not MISSING:
                if type(got) is float:
                    raise inexact(got, "a precomputed aggregate")
                return got
        return _aggregate(e, values, rs, scores, aggregates)
    if isinstance(e, ast.Negate):
        return -evaluate(e.operand, values, rs, scores, aggregates)
    if isinstance(e, ast.Binary):
        a = evaluate(e.left, values, rs, scores, aggregates)
        b = evaluate(e.right, values, rs, scores, aggregates)
        if e.op == "+":
            return a + b
        if e.op == "-":
            return a - b
        if e.op == "*":
            return a * b
        if b == 0:
            raise EvaluationError("division by zero", code="SR403", span=e.span)
        return (Fraction(a) if type(a) is int else a) / b
    if isinstance(e, ast.Compare):
        left = evaluate(e.operands[0], values, rs, scores, aggregates)
        for op, operand in zip(e.ops, e.operands[1:]):
            right = evaluate(operand, values, rs, scores, aggregates)
            if not compare(op, left, right):
                return False
            left = right
        return True
    if isinstance(e, ast.In):
        v = evaluate(e.operand, values, rs, scores, aggregates)
        return any(v == evaluate(x, values, rs, scores, aggregates) for x in e.values)
    if isinstance(e, ast.And):
        return all(evaluate(o, values, rs, scores, aggregates) for o in e.operands)
    if isinstance(e, ast.Or):
        return any(evaluate(o, values, rs, scores, aggregates) for o in e.operands)
    if isinstance(e, ast.Not):
        return not evaluate(e.operand, values, rs, scores, aggregates)
    if isinstance(e, ast.If):
        branch = e.then if evaluate(e.cond, values, rs, scores, aggregates) else e.otherwise
        return evaluate(branch, values, rs, scores, aggregates)
    raise TypeError(f"not a checked expression: {e!r}")


def missing_message(input_id: str) -> str:
    """The SR405 message (shared with the compiled engine)."""
    return (
        f"input {input_id!r} has no answer, but is used here; "
        f"the ruleset should check answered({input_id}) first or use it inside an aggregate"
    )


def compare(op: str, a, b) -> bool:
    if op == "<":
        return a < b
    if op == "<=":
        return a <= b
    if op == ">":
        return a > b
    if op == ">=":
        return a >= b
    if op == "=":
        return a == b
    return a != b


def _aggregate(e: ast.Aggregate, values, rs, scores, aggregates):
    if e.func == "count":
        return Fraction(sum(1 for item in e.items if item.id in values))
    got = []
    for item in e.items:
        if isinstance(item, ast.InputRef) and item.id not in values:
            continue  # aggregates skip unanswered inputs
        got.append(evaluate(item, values, rs, scores, aggregates))
    if e.func == "count_true":
        return Fraction(sum(1 for v in got if v is True))
    if e.func == "sum":
        return sum(got, Fraction(0))
    if not got:
        raise EvaluationError(
            f"{e.func}(...) has no answered inputs to work on", code="SR404", span=e.span
        )
    if e.func == "mean":
        return sum(got, Fraction(0)) / len(got)
    if e.func == "min":
        return min(got)
    return max(got)


@attrs.frozen
class Outcome:
    """What the reference evaluator makes of one valid answer set."""

    scores: dict
    matched: tuple[int, ...]  # indexes of the rules that hold (under `first`: the first one only)
    segment: str | None


def run(rs: ast.RulesetDef, values: Mapping[str, Any], aggregates: Mapping[tuple, Any] | None = None) -> Outcome:
    """Scores and the matching rules for validated answers. Raises EvaluationError."""
    scores: dict[str, Any] = {}
    for s in rs.scores:
        scores[s.id] = evaluate(s.expr, values, rs, scores, aggregates)
    matched = []
    for rule in rs.rules:
        if rule.condition is None or evaluate(rule.condition, values, rs, scores, aggregates):
            matched.append(rule.index)
            if rs.hit_policy == "first":
                break
    segments = {rs.rules[i].segment for i in matched}
    segment = None
    if rs.hit_policy == "first":
        segment = rs.rules[matched[0]].segment if matched else None
    elif len(segments) == 1:
        segment = next(iter(segments))
    return Outcome(scores, tuple(matched), segment)


def decide_segment(rs: ast.RulesetDef, answers: Mapping[str, Any]) -> str:
    """Validate and decide with the reference semantics; the oracle for the fast engines."""
    values = validate_answers(rs, answers)
    out = run(rs, values)
    if out.segment is None:
        if not out.matched:
            raise EvaluationError("no segment rule holds for these answers", code="SR401")
        names = sorted({rs.rules[i].segment for i in out.matched})
        raise EvaluationError(f"rules of several segments hold for these answers: {', '.join(names)}", code="SR402")
    return out.segment
