"""The SMT prover: the checked AST as constraints for the z3 solver, each check one query.

An independent second prover beside the structural method (cDMN/IDP-Z3 do the same for
decision tables). The encoding follows the reference evaluator node by node:

* every input is a pair of solver variables, *answered* (a yes/no) and its *value* (an integer
  for numbers and choices, a yes/no for yes/no questions), constrained to its finite domain;
  an unanswered input's value is pinned to its first domain value, so that answer sets and
  solver models correspond one to one;
* ``asked_when`` is evaluated on the answers; a question that is not asked is unanswered, one
  that is asked is answered unless it is optional;
* numbers are exact rationals (z3 reals over integer inputs); a division by a constant or by
  a term with a few integer values (a mean's count, a small score) is a case split and stays
  linear; other divisions get a fresh variable ``q`` with ``q * den = num`` where ``den != 0``;
* every expression also has an *error term*: 0 when it evaluates, or the number of the first
  error the evaluation meets, in the reference's order (left to right, short-circuit ``and``,
  ``or``, ``if`` and comparison chains, scores in order, then the rules).

A satisfying model is decoded into an answer set, which the caller re-runs through the
reference evaluator before showing it; an unsatisfiable query is a proof. A solver answer of
``unknown`` (a timeout, or non-linear arithmetic beyond the solver) is undecided.

``Encoding(rs, space)`` encodes one ruleset over an ``AnswerVariables`` space; encoding two
rulesets over one space asks questions about both at once (``segrules diff``), encoding one
ruleset over two spaces compares two answer sets (the ``inputs_used`` check).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import attrs

from ..dsl import ast
from ..engine import reference
from ..errors import leave_interrupts_to_python

try:  # an optional extra: segrules[verify]
    import z3
except ImportError:  # pragma: no cover - depends on the environment
    z3 = None
else:
    leave_interrupts_to_python(z3)

#: The largest number of integer values a denominator may take to be split into cases.
SPLIT_LIMIT = 256


def unavailable_reason() -> str | None:
    """Why the SMT prover cannot run here, or None when it can."""
    if z3 is None:
        return "the SMT solver z3 is not installed (pip install 'segrules[verify]')"
    return None


def solver_version() -> str | None:
    return None if z3 is None else f"z3 {z3.get_version_string()}"


class EncodingError(Exception):
    """The expression is outside what the encoder supports (never expected for a checked AST)."""


@attrs.frozen
class InputVar:
    """One input's solver variables."""

    id: str
    kind: str  # number | boolean | enum
    answered: Any
    value: Any


class AnswerVariables:
    """A space of answer sets: solver variables per input id, and one numbering of choice codes.

    Rulesets encoded over the same space share their inputs' variables: an input with the same
    id (and kind) is the same answer in both.
    """

    def __init__(self, prefix: str = "", ctx=None):
        if z3 is None:
            raise RuntimeError(unavailable_reason())
        # a context of its own: the solver's answers then do not depend on what ran before
        self.ctx = ctx if ctx is not None else z3.Context()
        self.prefix = prefix
        self.vars: dict[str, InputVar] = {}
        self.codes: dict[str, int] = {}
        self.unanswered: dict[str, int] = {}  # input id -> the one value an unanswered input's variable takes

    def code(self, text: str) -> int:
        """The integer standing for a choice code (one numbering for the whole space)."""
        return self.codes.setdefault(text, len(self.codes))

    def unanswered_value(self, input_id: str, first: int) -> int:
        """The value an unanswered input's variable is held at (so that each answer set is one
        model): ``first`` (the first value of its domain) for the first ruleset encoded, and the
        same for every other, whose domain may begin elsewhere (a version that lowers a
        minimum or reorders choices): one answer set, one model, valid in both."""
        return self.unanswered.setdefault(input_id, first)

    def var(self, inp: ast.Input) -> InputVar:
        kind = "number" if inp.domain.is_numeric else inp.domain.kind
        got = self.vars.get(inp.id)
        if got is not None:
            if got.kind != kind:
                raise EncodingError(f"input {inp.id!r} is {got.kind} in one ruleset and {kind} in another")
            return got
        name = f"{self.prefix}{inp.id}"
        ctx = self.ctx
        value = z3.Bool(f"{name}.value", ctx) if kind == "boolean" else z3.Int(f"{name}.value", ctx)
        v = InputVar(inp.id, kind, z3.Bool(f"{name}.answered", ctx), value)
        self.vars[inp.id] = v
        return v

    def decode(self, model, inputs) -> dict:
        """The answer set a model stands for: answered inputs only, as ``decide`` reads them."""
        by_code = {n: c for c, n in self.codes.items()}
        out = {}
        for inp in inputs:
            v = self.vars.get(inp.id)
            if v is None or not z3.is_true(model.eval(v.answered, model_completion=True)):
                continue
            got = model.eval(v.value, model_completion=True)
            if v.kind == "boolean":
                out[inp.id] = z3.is_true(got)
            elif v.kind == "enum":
                out[inp.id] = by_code[got.as_long()]
            else:
                out[inp.id] = got.as_long()
        return dict(sorted(out.items()))


@attrs.frozen
class ErrorSite:
    """An evaluation error the encoding can reach: its code, the reference's message, and where."""

    code: str
    message: str
    where: str  # "score X", "rule N", "asked_when of X"


def _num_range(values) -> tuple[int, int] | None:
    return (values[0], values[-1]) if values else None


class Encoding:
    """One ruleset encoded over an answer space.

    Attributes (solver terms over ``space``'s variables):

    ``valid``        the answers form a valid answer set (domains, ``asked_when``)
    ``definitions``  constraints that define auxiliary variables; always assert them
    ``error``        0, or the 1-based index into ``sites`` of the error evaluation stops at
    ``asked``        input id → the question is asked
    ``asked_error``  input id → error term of its ``asked_when``
    ``holds``        per rule: the condition holds and evaluates without error
    ``first``        per rule: it is the first rule that holds (hit policy first)
    ``segment_holds`` segment id → some rule of it holds
    ``decision``     segment id → the answer set gets this segment (no error, no gap, no overlap)
    ``gap``, ``overlap``  no segment / rules of two segments (without an error)
    """

    def __init__(self, rs: ast.RulesetDef, space: AnswerVariables | None = None, *, name: str = "", budget=None):
        if not rs.checked:
            raise ValueError("the SMT encoding needs a checked ruleset")
        self.rs = rs
        self.budget = budget  # a Budget: encoding a huge ruleset stops there (Undecided), not later
        self._nodes = 0
        self.space = space or AnswerVariables()
        self.name = name or self.space.prefix
        self.ctx = self.space.ctx
        self.sites: list[ErrorSite] = []
        self._site_index: dict[ErrorSite, int] = {}
        self._fresh = 0
        self.definitions: list = []
        self.vars = {i.id: self.space.var(i) for i in rs.inputs}
        self._ranges: dict[int, tuple | None] = {}
        self._encode_inputs()
        self._encode_scores()
        self._encode_rules()

    # ------------------------------------------------------------------ helpers

    def _tick(self) -> None:
        """Count one piece of encoding work; every 64th looks at the budget."""
        self._nodes += 1
        if self.budget is not None and not self._nodes % 64:
            self.budget.check("encoding the rules for the SMT solver")

    def site(self, code: str, message: str, where: str) -> int:
        s = ErrorSite(code, message, where)
        if s not in self._site_index:
            self.sites.append(s)
            self._site_index[s] = len(self.sites)
        return self._site_index[s]

    def sites_with(self, code: str) -> list[int]:
        return [k for k, s in enumerate(self.sites, 1) if s.code == code]

    def fresh_real(self, what: str):
        self._fresh += 1
        return z3.Real(f"{self.name}{what}#{self._fresh}", self.ctx)

    @staticmethod
    def _then(first, guard, then):
        """Error of ``first``; failing that, ``then`` when ``guard`` holds (evaluation order)."""
        if isinstance(then, int) and then == 0:
            return first
        t = then if guard is True else z3.If(guard, then, 0)
        if isinstance(first, int) and first == 0:
            return t
        return z3.If(first != 0, first, t)

    def is_ok(self, err):
        return z3.BoolVal(True, self.ctx) if isinstance(err, int) and err == 0 else err == 0

    # ------------------------------------------------------------------ inputs

    def _domain(self, inp: ast.Input, v: InputVar):
        d = inp.domain
        if d.kind == "boolean":
            return z3.Implies(z3.Not(v.answered), z3.Not(v.value))
        if d.kind == "enum":
            codes = [self.space.code(c) for c in d.values]
            inside, first = z3.Or([v.value == c for c in codes]), codes[0]
        else:
            vals = list(d.values)
            if vals[-1] - vals[0] + 1 == len(vals):  # increasing values without a gap
                inside = z3.And(v.value >= vals[0], v.value <= vals[-1])
            else:
                inside = z3.Or([v.value == k for k in vals])
            first = vals[0]
        # an answer lies in the domain; an unanswered input's variable is held at one value
        # that every ruleset on the space shares
        return z3.If(v.answered, inside, v.value == self.space.unanswered_value(inp.id, first))

    def _encode_inputs(self) -> None:
        rs = self.rs
        self.order = reference._asked_order(rs)
        self.asked: dict[str, Any] = {}
        self.asked_error: dict[str, Any] = {}
        self.input_valid: dict[str, Any] = {}
        self.in_domain: dict[str, Any] = {}
        for inp in self.order:
            self._tick()
            v = self.vars[inp.id]
            if inp.asked_when is None:
                asked, err = z3.BoolVal(True, self.ctx), 0
            else:
                asked, err = self.expr(inp.asked_when, f"asked_when of {inp.id}")
            self.asked[inp.id] = asked
            self.asked_error[inp.id] = err
            must = z3.Implies(asked, v.answered) if not inp.optional else z3.BoolVal(True, self.ctx)
            self.in_domain[inp.id] = self._domain(inp, v)
            self.input_valid[inp.id] = z3.And(
                self.in_domain[inp.id], self.is_ok(err), z3.Implies(z3.Not(asked), z3.Not(v.answered)), must,
            )
        self.valid = z3.And([self.input_valid[i.id] for i in self.order])

    def prefix_valid(self, input_id: str):
        """Every input before this one (in the order asked_when needs) is valid, and its domain holds."""
        parts = []
        for inp in self.order:
            if inp.id == input_id:
                parts.append(self.in_domain[inp.id])
                break
            parts.append(self.input_valid[inp.id])
        return z3.And(parts)

    # ------------------------------------------------------------------ scores and rules

    def _encode_scores(self) -> None:
        self.score_value: dict[str, Any] = {}
        self.score_error: dict[str, Any] = {}
        err = 0
        for s in self.rs.scores:
            v, e = self.expr(s.expr, f"score {s.id}")
            self.score_value[s.id] = v
            self.score_error[s.id] = e
            err = self._then(err, True, e)
        self.scores_error = err

    def _encode_rules(self) -> None:
        rs = self.rs
        self.rule_value, self.rule_error, self.holds = [], [], []
        for rule in rs.rules:
            if rule.condition is None:
                v, e = z3.BoolVal(True, self.ctx), 0
            else:
                v, e = self.expr(rule.condition, f"rule {rule.index + 1}")
            self.rule_value.append(v)
            self.rule_error.append(e)
            self.holds.append(z3.And(v, self.is_ok(e)))
        err = 0
        if rs.hit_policy == "first":
            # rules in order until one holds; an error before that stops the evaluation
            for k in reversed(range(len(rs.rules))):
                e = self.rule_error[k]
                if not (isinstance(err, int) and err == 0):
                    err = z3.If(self.rule_value[k], 0, err)
                if not (isinstance(e, int) and e == 0):
                    err = z3.If(e != 0, e, err)
            self.first = [
                z3.And([self.holds[k]] + [z3.Not(self.holds[j]) for j in range(k)]) for k in range(len(rs.rules))
            ]
        else:
            for e in self.rule_error:
                err = self._then(err, True, e)
            self.first = list(self.holds)
        self.error = self._then(self.scores_error, True, err)
        if isinstance(self.error, int):
            self.error = z3.IntVal(0, self.ctx)
        segs = [s.id for s in rs.segments]
        self.segment_holds = {
            s: z3.Or([self.holds[r.index] for r in rs.rules if r.segment == s] or [z3.BoolVal(False, self.ctx)]) for s in segs
        }
        ok = z3.And(self.valid, self.error == 0)
        if rs.hit_policy == "first":
            chosen = {
                s: z3.Or([self.first[r.index] for r in rs.rules if r.segment == s] or [z3.BoolVal(False, self.ctx)]) for s in segs
            }
            self.gap = z3.And(ok, z3.Not(z3.Or(self.holds or [z3.BoolVal(False, self.ctx)])))
            self.overlap = z3.BoolVal(False, self.ctx)
            self.decision = {s: z3.And(ok, chosen[s]) for s in segs}
            result = z3.IntVal(-1, self.ctx)
            for k in reversed(range(len(rs.rules))):
                result = z3.If(self.holds[k], segs.index(rs.rules[k].segment), result)
            self.result = (result,)
        else:
            h = self.segment_holds
            self.gap = z3.And(ok, z3.Not(z3.Or([h[s] for s in segs])))
            self.overlap = z3.And(ok, z3.Sum([z3.If(h[s], 1, 0) for s in segs]) >= 2)
            self.decision = {
                s: z3.And(ok, h[s], *[z3.Not(h[t]) for t in segs if t != s]) for s in segs
            }
            self.result = tuple(h[s] for s in segs)
        self.ok = ok

    def same_result(self, other: "Encoding"):
        """Both answer sets get the same result (segment, gap, or the same set of segments)."""
        return z3.And([a == b for a, b in zip(self.result, other.result)])

    # ------------------------------------------------------------------ value ranges

    def _range(self, e: ast.Expr):
        """(low, high, integral) bounds of a numeric expression, or None when unbounded."""
        key = id(e)
        if key in self._ranges:
            return self._ranges[key]
        r = self._range_of(e)
        self._ranges[key] = r
        return r

    def _range_of(self, e: ast.Expr):
        if isinstance(e, ast.Number):
            return (e.value, e.value, e.value.denominator == 1)
        if isinstance(e, ast.InputRef):
            d = self.rs.input(e.id).domain
            return (Fraction(d.values[0]), Fraction(d.values[-1]), True) if d.is_numeric else None
        if isinstance(e, ast.ScoreRef):
            return self._range(self.rs.score(e.id).expr)
        if isinstance(e, ast.Negate):
            r = self._range(e.operand)
            return None if r is None else (-r[1], -r[0], r[2])
        if isinstance(e, ast.Binary):
            a, b = self._range(e.left), self._range(e.right)
            if a is None or b is None:
                return None
            if e.op == "+":
                return (a[0] + b[0], a[1] + b[1], a[2] and b[2])
            if e.op == "-":
                return (a[0] - b[1], a[1] - b[0], a[2] and b[2])
            if e.op == "*":
                c = [x * y for x in a[:2] for y in b[:2]]
                return (min(c), max(c), a[2] and b[2])
            if b[0] > 0 or b[1] < 0:
                c = [x / y for x in a[:2] for y in b[:2]]
                return (min(c), max(c), False)
            return None
        if isinstance(e, ast.If):
            a, b = self._range(e.then), self._range(e.otherwise)
            if a is None or b is None:
                return None
            return (min(a[0], b[0]), max(a[1], b[1]), a[2] and b[2])
        if isinstance(e, ast.Aggregate):
            n = len(e.items)
            if e.func in ("count", "count_true"):
                return (Fraction(0), Fraction(n), True)
            rs = [self._range(i) for i in e.items]
            if any(r is None for r in rs):
                return None
            if e.func == "sum":
                lo = sum((min(r[0], 0) for r in rs), Fraction(0))
                hi = sum((max(r[1], 0) for r in rs), Fraction(0))
                return (lo, hi, all(r[2] for r in rs))
            return (min(r[0] for r in rs), max(r[1] for r in rs), e.func != "mean" and all(r[2] for r in rs))
        return None

    # ------------------------------------------------------------------ expressions

    def expr(self, e: ast.Expr, where: str):
        """(value, error term) of a checked expression."""
        self._tick()
        if isinstance(e, ast.Number):
            return z3.RealVal(e.value, self.ctx), 0
        if isinstance(e, ast.Bool):
            return z3.BoolVal(e.value, self.ctx), 0
        if isinstance(e, ast.String):
            return z3.IntVal(self.space.code(e.value), self.ctx), 0
        if isinstance(e, ast.InputRef):
            v = self.vars[e.id]
            value = z3.ToReal(v.value) if v.kind == "number" else v.value
            err = z3.If(v.answered, 0, self.site("SR405", reference.missing_message(e.id), where))
            return value, err
        if isinstance(e, ast.ScoreRef):
            # scores are evaluated in order before anything reads them; an earlier failing
            # score stops the evaluation, so here the value is all that matters
            return self.score_value[e.id], 0
        if isinstance(e, ast.Answered):
            return self.vars[e.input.id].answered, 0
        if isinstance(e, ast.Aggregate):
            return self._aggregate(e, where)
        if isinstance(e, ast.Negate):
            v, err = self.expr(e.operand, where)
            return -v, err
        if isinstance(e, ast.Binary):
            a, ea = self.expr(e.left, where)
            b, eb = self.expr(e.right, where)
            err = self._then(ea, True, eb)
            if e.op == "+":
                return a + b, err
            if e.op == "-":
                return a - b, err
            if e.op == "*":
                return a * b, err
            zero = self.site("SR403", "division by zero", where)
            err = self._then(err, True, z3.If(b == 0, zero, 0))
            return self._divide(a, b, e.right), err
        if isinstance(e, ast.Compare):
            left, err = self.expr(e.operands[0], where)
            so_far = z3.BoolVal(True, self.ctx)
            for op, operand in zip(e.ops, e.operands[1:]):
                right, er = self.expr(operand, where)
                err = self._then(err, so_far, er)
                so_far = z3.And(so_far, reference.compare(op, left, right))  # z3 terms overload the operators
                left = right
            return so_far, err
        if isinstance(e, ast.In):
            v, err = self.expr(e.operand, where)
            return z3.Or([v == self.expr(x, where)[0] for x in e.values]), err
        if isinstance(e, (ast.And, ast.Or)):
            is_and = isinstance(e, ast.And)
            err, go_on, vals = 0, z3.BoolVal(True, self.ctx), []
            for o in e.operands:
                v, eo = self.expr(o, where)
                err = self._then(err, go_on, eo)
                vals.append(v)
                go_on = z3.And(go_on, v if is_and else z3.Not(v))
            return (z3.And(vals) if is_and else z3.Or(vals)), err
        if isinstance(e, ast.Not):
            v, err = self.expr(e.operand, where)
            return z3.Not(v), err
        if isinstance(e, ast.If):
            c, ec = self.expr(e.cond, where)
            t, et = self.expr(e.then, where)
            o, eo = self.expr(e.otherwise, where)
            branch = 0
            if not (isinstance(et, int) and et == 0 and isinstance(eo, int) and eo == 0):
                branch = z3.If(c, et, eo)
            return z3.If(c, t, o), self._then(ec, True, branch)
        raise EncodingError(f"not a checked expression: {e!r}")

    def _divide(self, num, den, den_expr: ast.Expr):
        """num / den, exactly; the value where den = 0 does not matter (that is an error)."""
        den_s = z3.simplify(den)
        if z3.is_rational_value(den_s):
            d = Fraction(den_s.numerator_as_long(), den_s.denominator_as_long())
            return num / z3.RealVal(d, self.ctx) if d != 0 else z3.RealVal(0, self.ctx)
        r = self._range(den_expr)
        if r is not None and r[2] and r[1] - r[0] <= SPLIT_LIMIT:
            out = z3.RealVal(0, self.ctx)
            for k in range(int(r[0]), int(r[1]) + 1):
                if k != 0:
                    out = z3.If(den == k, num / z3.RealVal(k, self.ctx), out)
            return out
        q = self.fresh_real("quotient")
        self.definitions.append(z3.Implies(den != 0, q * den == num))
        return q

    def _may_be_missing(self, item: ast.Expr) -> bool:
        """An aggregate item that can be skipped: an input that may be unanswered."""
        return isinstance(item, ast.InputRef) and not _never_missing(self.rs.input(item.id))

    def _aggregate(self, e: ast.Aggregate, where: str):
        present, values, err = [], [], 0
        for item in e.items:
            self._tick()
            if isinstance(item, ast.InputRef):
                v = self.vars[item.id]
                present.append(v.answered)
                if e.func != "count":
                    values.append(z3.ToReal(v.value) if v.kind == "number" else v.value)
            else:
                v, ei = self.expr(item, where)
                err = self._then(err, True, ei)
                present.append(z3.BoolVal(True, self.ctx))
                values.append(v)
        n = z3.Sum([z3.If(p, 1, 0) for p in present])
        if e.func == "count":
            return z3.ToReal(n), err
        if e.func == "count_true":
            return z3.ToReal(z3.Sum([z3.If(z3.And(p, v), 1, 0) for p, v in zip(present, values)])), err
        total = z3.Sum([z3.If(p, v, z3.RealVal(0, self.ctx)) for p, v in zip(present, values)])
        if e.func == "sum":
            return total, err
        empty = self.site("SR404", f"{e.func}(...) has no answered inputs to work on", where)
        err = self._then(err, True, z3.If(n == 0, empty, 0))
        if e.func == "mean":
            # a case split on the number of answered items keeps the mean linear
            always = sum(1 for item in e.items if not self._may_be_missing(item))
            out = total / z3.RealVal(len(e.items), self.ctx)
            for k in range(max(always, 1), len(e.items)):
                out = z3.If(n == k, total / z3.RealVal(k, self.ctx), out)
            return out, err
        acc, has = z3.RealVal(0, self.ctx), z3.BoolVal(False, self.ctx)
        for p, v in zip(present, values):
            better = (v < acc) if e.func == "min" else (v > acc)
            acc = z3.If(p, z3.If(z3.And(has, z3.Not(better)), acc, v), acc)
            has = z3.Or(has, p)
        return acc, err


def _never_missing(inp: ast.Input) -> bool:
    return not inp.optional and inp.asked_when is None


def agree_where_asked_in_both(a: Encoding, b: Encoding, except_input: str):
    """Two answer sets agree on every input asked in both, except one."""
    parts = [z3.BoolVal(True, a.ctx)]
    for inp in a.rs.inputs:
        if inp.id == except_input:
            continue
        va, vb = a.vars[inp.id], b.vars[inp.id]
        parts.append(z3.Implies(
            z3.And(a.asked[inp.id], b.asked[inp.id]),
            z3.And(va.answered == vb.answered, va.value == vb.value),
        ))
    return z3.And(parts)


def differ_in(a: Encoding, b: Encoding, input_id: str):
    va, vb = a.vars[input_id], b.vars[input_id]
    return z3.Or(va.answered != vb.answered, va.value != vb.value)


__all__ = [
    "AnswerVariables", "Encoding", "ErrorSite", "InputVar", "EncodingError", "unavailable_reason",
    "solver_version", "agree_where_asked_in_both", "differ_in",
]
