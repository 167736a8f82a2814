"""``asked_when`` as FHIR enabling conditions: ``enableWhen`` where it says the same, FHIRPath where not.

Two translations of one checked condition:

``enable_when(rs, cond)``
    The core ``enableWhen`` list and ``enableBehavior`` when the condition is one comparison of
    an input with a value, ``answered(x)``, a yes/no input, ``x in (...)``, or an ``and`` / an
    ``or`` of such; otherwise ``None``.
``expression(rs, cond)``
    A FHIRPath expression (for the SDC ``enableWhenExpression``) for any condition. Numbers are
    kept exact: every number is a pair of whole-number expressions (numerator, denominator > 0)
    and a comparison is cross-multiplied, so FHIRPath never divides. An input with no answer,
    a division by zero or a mean of nothing gives an empty result, which disables the item.

Both mean what the reference evaluator's ``asked_when`` means on every answer set where it has
a value; where it fails (it reads an unanswered input), segrules refuses the answers anyway.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from ..dsl import ast
from ..errors import UsageError
from . import terms

#: An exported expression longer than this is refused (SR940) rather than handed to a form filler.
MAX_EXPRESSION = 20_000


# --------------------------------------------------------------------------- FHIRPath


def string_literal(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def item_path(input_id: str) -> str:
    """The answers of the item, wherever it sits in the response."""
    return f"%resource.repeat(item).where(linkId = {string_literal(input_id)}).answer"


def value_path(inp: ast.Input) -> str:
    """The answer's value as the rule language sees it: a whole number, a code or true/false."""
    path = item_path(inp.id) + ".value"
    if inp.domain.kind == "scale":
        return path + ".code.toInteger()"
    if inp.domain.kind == "enum":
        return path + ".code"
    return path


@attrs.frozen
class _Rational:
    """A number as FHIRPath text: numerator and denominator (None for 1), the denominator > 0."""

    n: str
    d: str | None = None

    @property
    def den(self) -> str:
        return self.d if self.d is not None else "1"


def _int(value: int) -> str:
    return str(value) if value >= 0 else f"({value})"


def _mul(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None:
        return a
    return f"({a} * {b})"


def _add(a: _Rational, b: _Rational, op: str = "+") -> _Rational:
    left = _mul(a.n, b.d)
    right = _mul(b.n, a.d)
    return _Rational(f"({left} {op} {right})", _mul(a.d, b.d))


def _compare(op: str, a: _Rational, b: _Rational) -> str:
    fop = "=" if op == "=" else op
    return f"({_mul(a.n, b.d)} {fop} {_mul(b.n, a.d)})"


def _kind(rs: ast.RulesetDef, e: ast.Expr) -> str:
    """number, boolean or text (an enum code)."""
    if isinstance(e, (ast.Number, ast.Negate, ast.Binary, ast.Aggregate)):
        return "number"
    if isinstance(e, ast.String):
        return "text"
    if isinstance(e, ast.InputRef):
        kind = rs.input(e.id).domain.kind
        return {"scale": "number", "integer": "number", "boolean": "boolean"}.get(kind, "text")
    if isinstance(e, ast.If):
        return _kind(rs, e.then)
    return "boolean"


class _Translator:
    def __init__(self, rs: ast.RulesetDef):
        self.rs = rs

    def boolean(self, e: ast.Expr) -> str:
        if isinstance(e, ast.Bool):
            return "true" if e.value else "false"
        if isinstance(e, ast.InputRef):
            return value_path(self.rs.input(e.id))
        if isinstance(e, ast.Answered):
            return f"{item_path(e.input.id)}.exists()"
        if isinstance(e, ast.Not):
            return f"({self.boolean(e.operand)}).not()"
        if isinstance(e, (ast.And, ast.Or)):
            word = " and " if isinstance(e, ast.And) else " or "
            return "(" + word.join(self.boolean(o) for o in e.operands) + ")"
        if isinstance(e, ast.Compare):
            parts = [
                self.compare(op, a, b) for op, a, b in zip(e.ops, e.operands, e.operands[1:])
            ]
            return parts[0] if len(parts) == 1 else "(" + " and ".join(parts) + ")"
        if isinstance(e, ast.In):
            return "(" + " or ".join(self.compare("=", e.operand, v) for v in e.values) + ")"
        if isinstance(e, ast.If):
            return f"iif({self.boolean(e.cond)}, {self.boolean(e.then)}, {self.boolean(e.otherwise)})"
        raise UsageError(f"cannot export {type(e).__name__} to FHIRPath", code="SR940")

    def text(self, e: ast.Expr) -> str:
        if isinstance(e, ast.String):
            return string_literal(e.value)
        if isinstance(e, ast.InputRef):
            return value_path(self.rs.input(e.id))
        if isinstance(e, ast.If):
            return f"iif({self.boolean(e.cond)}, {self.text(e.then)}, {self.text(e.otherwise)})"
        raise UsageError(f"cannot export {type(e).__name__} to FHIRPath", code="SR940")

    def compare(self, op: str, a: ast.Expr, b: ast.Expr) -> str:
        kind = _kind(self.rs, a)
        if kind == "number":
            return _compare(op, self.number(a), self.number(b))
        side = self.boolean if kind == "boolean" else self.text
        return f"({side(a)} {op} {side(b)})"

    def number(self, e: ast.Expr) -> _Rational:
        if isinstance(e, ast.Number):
            f = Fraction(e.value)
            return _Rational(_int(f.numerator), None if f.denominator == 1 else str(f.denominator))
        if isinstance(e, ast.InputRef):
            return _Rational(value_path(self.rs.input(e.id)))
        if isinstance(e, ast.Negate):
            r = self.number(e.operand)
            return _Rational(f"(0 - {r.n})", r.d)
        if isinstance(e, ast.Binary):
            a, b = self.number(e.left), self.number(e.right)
            if e.op in "+-":
                return _add(a, b, e.op)
            if e.op == "*":
                return _Rational(_mul(a.n, b.n), _mul(a.d, b.d))
            return self._divide(a, b, e.right)
        if isinstance(e, ast.If):
            c = self.boolean(e.cond)
            t, o = self.number(e.then), self.number(e.otherwise)
            d = None if t.d is None and o.d is None else f"iif({c}, {t.den}, {o.den})"
            return _Rational(f"iif({c}, {t.n}, {o.n})", d)
        if isinstance(e, ast.Aggregate):
            return self.aggregate(e)
        raise UsageError(f"cannot export {type(e).__name__} to FHIRPath as a number", code="SR940")

    def _divide(self, a: _Rational, b: _Rational, divisor: ast.Expr) -> _Rational:
        if isinstance(divisor, ast.Number) and divisor.value > 0:
            return _Rational(_mul(a.n, b.d), _mul(a.d, b.n))
        n, d = _mul(a.n, b.d), _mul(a.d, b.n)
        # the sign of the divisor moves to the numerator; zero (or no value) gives no value
        return _Rational(
            f"iif({b.n} > 0, {n}, iif({b.n} < 0, (0 - {n}), {{}}))",
            f"iif({b.n} > 0, {d}, (0 - {d}))",
        )

    def _present(self, item: ast.Expr) -> str | None:
        """The FHIRPath test for an item an aggregate skips when unanswered (None: never skipped)."""
        return f"{item_path(item.id)}.exists()" if isinstance(item, ast.InputRef) else None

    def _count(self, items) -> str:
        terms_ = [f"iif({p}, 1, 0)" if (p := self._present(i)) else "1" for i in items]
        return "(" + " + ".join(terms_) + ")"

    def aggregate(self, e: ast.Aggregate) -> _Rational:
        if e.func == "count":
            return _Rational(self._count(e.items))
        if e.func == "count_true":
            return _Rational("(" + " + ".join(f"iif({self.boolean(i)} = true, 1, 0)" for i in e.items) + ")")
        if e.func in ("sum", "mean"):
            total = _Rational("0")
            for item in e.items:
                r = self.number(item)
                present = self._present(item)
                if present is not None:
                    r = _Rational(f"iif({present}, {r.n}, 0)", r.d)
                total = _add(total, r)
            if e.func == "sum":
                return total
            count = self._count(e.items)
            return _Rational(f"iif({count} = 0, {{}}, {total.n})", _mul(total.d, count))
        return self._extreme(e)

    def _extreme(self, e: ast.Aggregate) -> _Rational:
        better = "<" if e.func == "min" else ">"
        if all(isinstance(i, ast.InputRef) for i in e.items):
            # whole-number answers: the one no other answered item beats
            paths = [value_path(self.rs.input(i.id)) for i in e.items]
            conds = " and ".join(f"({p}.empty() or $this {better}= {p})" for p in paths)
            return _Rational(f"({' | '.join(paths)}).where({conds})")
        acc: _Rational | None = None
        for item in e.items:
            r = self.number(item)
            if acc is None:
                acc = r
                continue
            take = f"({acc.n}.empty() or {_compare(better, r, acc)})"
            d = None if r.d is None and acc.d is None else f"iif({take}, {r.den}, {acc.den})"
            acc = _Rational(f"iif({take}, {r.n}, {acc.n})", d)
            if len(acc.n) > MAX_EXPRESSION:
                break
        return acc


def expression(ruleset, cond: ast.Expr, input_id: str = "") -> str:
    """A FHIRPath expression that is true exactly when ``cond`` (an asked_when) is true."""
    text = _Translator(terms.definition(ruleset)).boolean(cond)
    if len(text) > MAX_EXPRESSION:
        raise UsageError(
            f"the asked_when of {input_id or 'an input'} is too large to export as FHIRPath "
            f"({len(text)} characters, at most {MAX_EXPRESSION})",
            code="SR940",
        )
    return text


# --------------------------------------------------------------------------- enableWhen

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!="}
_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "!=", "!=": "="}


def _answer(rs: ast.RulesetDef, inp: ast.Input, value) -> dict | None:
    """The enableWhen answer[x] for a literal compared with the input, or None."""
    kind = inp.domain.kind
    if kind == "boolean" and isinstance(value, bool):
        return {"answerBoolean": value}
    if kind == "enum" and isinstance(value, str):
        return {"answerCoding": terms.answer_coding(rs, inp, value)}
    if kind in ("scale", "integer") and isinstance(value, Fraction) and value.denominator == 1:
        if kind == "scale":
            return {"answerCoding": terms.answer_coding(rs, inp, int(value))}
        if terms.is_wide(inp):  # a decimal item: compared with a whole decimal
            return {"answerDecimal": int(value)}
        if not terms.INT32[0] <= value <= terms.INT32[1]:
            return None  # no answerInteger can hold it: the FHIRPath expression says it
        return {"answerInteger": int(value)}
    return None


def _literal(e: ast.Expr):
    if isinstance(e, (ast.Bool, ast.String)):
        return e.value
    if isinstance(e, ast.Number):
        return Fraction(e.value)
    if isinstance(e, ast.Negate) and isinstance(e.operand, ast.Number):
        return -Fraction(e.operand.value)
    return None


def _atom(rs: ast.RulesetDef, op: str, a: ast.Expr, b: ast.Expr) -> dict | None:
    """One enableWhen for ``a op b`` with one side an input and the other a value."""
    if isinstance(b, ast.InputRef) and not isinstance(a, ast.InputRef):
        a, b, op = b, a, _FLIP[op]
    if not isinstance(a, ast.InputRef):
        return None
    value = _literal(b)
    if value is None:
        return None
    inp = rs.input(a.id)
    if op not in ("=", "!=") and inp.domain.kind != "integer":
        return None  # codings have no order
    answer = _answer(rs, inp, value)
    if answer is None:
        return None
    return {"question": inp.id, "operator": op, **answer}


def _conjuncts(rs: ast.RulesetDef, e: ast.Expr, negated: bool = False) -> list[dict] | None:
    """enableWhen entries that must all hold, or None."""
    if isinstance(e, ast.Not):
        if isinstance(e.operand, ast.Compare) and len(e.operand.ops) > 1:
            return None
        return _conjuncts(rs, e.operand, not negated)
    if isinstance(e, ast.Answered):
        return [{"question": e.input.id, "operator": "exists", "answerBoolean": not negated}]
    if isinstance(e, ast.InputRef) and rs.input(e.id).domain.kind == "boolean":
        return [{"question": e.id, "operator": "=", "answerBoolean": not negated}]
    if isinstance(e, ast.Compare):
        out = []
        for op, a, b in zip(e.ops, e.operands, e.operands[1:]):
            atom = _atom(rs, _NEGATE[op] if negated else op, a, b)
            if atom is None:
                return None
            out.append(atom)
        return out
    if isinstance(e, ast.In) and len(e.values) == 1 and not negated:
        return _conjuncts(rs, ast.Compare(("=",), (e.operand, e.values[0])))
    return None


def _disjuncts(rs: ast.RulesetDef, e: ast.Expr) -> list[dict] | None:
    """enableWhen entries of which one must hold, or None."""
    if isinstance(e, ast.In):
        out = []
        for v in e.values:
            atom = _atom(rs, "=", e.operand, v)
            if atom is None:
                return None
            out.append(atom)
        return out
    found = _conjuncts(rs, e)
    return found if found is not None and len(found) == 1 else None


def enable_when(ruleset, cond: ast.Expr) -> tuple[list[dict], str | None] | None:
    """``(enableWhen entries, enableBehavior)`` meaning exactly ``cond`` (an asked_when), or None."""
    rs = terms.definition(ruleset)
    if isinstance(cond, (ast.And, ast.Or)):
        both = isinstance(cond, ast.And)
        out = []
        for o in cond.operands:
            part = (_conjuncts if both else _disjuncts)(rs, o)
            if part is None:
                return None
            out += part
        return out, ("all" if both else "any")
    found = _conjuncts(rs, cond)
    if found is not None:
        return found, ("all" if len(found) > 1 else None)
    found = _disjuncts(rs, cond)
    if found is not None:
        return found, ("any" if len(found) > 1 else None)
    return None
