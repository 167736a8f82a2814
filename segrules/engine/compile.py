"""Compiling a checked ruleset into Python functions, once, at load time.

The generated source comes from the checked AST only (ids are checked ASCII names, literals
are written with ``repr``); no ruleset text is ever evaluated. Arithmetic stays exact: whole
numbers stay ``int``, a mean or a quotient compared with a constant becomes an integer
comparison (``mean(x) >= 3`` → ``sum >= 3 * count``), and only what cannot be decided that way
uses ``Fraction``. Any answer that fails a precomputed check sends the call to the reference
validator, which names every problem; the fast code never guesses.

Two functions come out: ``segment(answers) -> segment id`` (the batch fast path) and
``decide(answers) -> (rule index, score values)`` for full decisions.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any, Callable

import attrs

from ..dsl import ast
from ..errors import EvaluationError, SegrulesError
from . import reference


@attrs.frozen
class CompiledRuleset:
    segment: Callable[[Any], str]
    decide: Callable[[Any], tuple]
    source: str  # the generated Python, for inspection and debugging


class _Gen:
    def __init__(self, rs: ast.RulesetDef):
        self.rs = rs
        self.inputs = {i.id: i for i in rs.inputs}
        self.scores = {s.id: s for s in rs.scores}
        self.consts: dict[str, Any] = {}
        self.lines: list[str] = []
        self.score_pair: dict[str, tuple[str, str | None]] = {}  # score id → (num var, den var)
        self.score_value: dict[str, str] = {}  # score id → value var (non-pair scores)
        self._int_cache: dict[str, bool] = {}
        self.cse: dict[str, str] = {}  # generated code of a shared comparison → its local name

    # ---------------------------------------------------------------- helpers

    def const(self, value: Any) -> str:
        for name, v in self.consts.items():
            if type(v) is type(value) and v == value:
                return name
        name = f"_k{len(self.consts)}"
        self.consts[name] = value
        return name

    def may_be_missing(self, input_id: str) -> bool:
        inp = self.inputs[input_id]
        return inp.optional or inp.asked_when is not None

    def var(self, input_id: str) -> str:
        return f"v_{input_id}"

    # ---------------------------------------------------------------- analysis

    def is_int(self, e: ast.Expr) -> bool:
        if isinstance(e, ast.Number):
            return e.value.denominator == 1
        if isinstance(e, ast.InputRef):
            return self.inputs[e.id].domain.is_numeric
        if isinstance(e, ast.ScoreRef):
            if e.id not in self._int_cache:
                self._int_cache[e.id] = self.is_int(self.scores[e.id].expr)
            return self._int_cache[e.id]
        if isinstance(e, ast.Negate):
            return self.is_int(e.operand)
        if isinstance(e, ast.Binary):
            return e.op != "/" and self.is_int(e.left) and self.is_int(e.right)
        if isinstance(e, ast.Aggregate):
            return e.func in ("count", "count_true") or (
                e.func in ("sum", "min", "max") and all(self.is_int(i) for i in e.items)
            )
        if isinstance(e, ast.If):
            return self.is_int(e.then) and self.is_int(e.otherwise)
        return False

    # ---------------------------------------------------------------- values

    def value(self, e: ast.Expr) -> str:
        """A pure Python expression for the exact value (int, Fraction, bool or enum code)."""
        if isinstance(e, ast.Number):
            v = e.value
            return repr(int(v)) if v.denominator == 1 else self.const(v)
        if isinstance(e, ast.Bool):
            return repr(e.value)
        if isinstance(e, ast.String):
            return repr(e.value)
        if isinstance(e, ast.InputRef):
            v = self.var(e.id)
            if self.may_be_missing(e.id):
                return f"({v} if {v} is not None else _missing({e.id!r}))"
            return v
        if isinstance(e, ast.ScoreRef):
            if e.id in self.score_pair:
                n, d = self.score_pair[e.id]
                return n if d is None else f"_F({n}, {d})"
            return self.score_value[e.id]
        if isinstance(e, ast.Answered):
            return f"({self.var(e.input.id)} is not None)"
        if isinstance(e, ast.Negate):
            return f"(-{self.value(e.operand)})"
        if isinstance(e, ast.Binary):
            left, right = self.value(e.left), self.value(e.right)
            if e.op == "/":
                return f"_div({left}, {right})"
            return f"({left} {e.op} {right})"
        if isinstance(e, ast.Aggregate):
            return self.aggregate(e)
        if isinstance(e, ast.Compare):
            code = self.compare(e)
            return self.cse.get(code, code)
        if isinstance(e, ast.In):
            options = tuple(self._literal(v) for v in e.values)
            code = f"({self.value(e.operand)} in {self.const(options)})"
            return self.cse.get(code, code)
        if isinstance(e, ast.And):
            return "(" + " and ".join(self.value(o) for o in e.operands) + ")"
        if isinstance(e, ast.Or):
            return "(" + " or ".join(self.value(o) for o in e.operands) + ")"
        if isinstance(e, ast.Not):
            return f"(not {self.value(e.operand)})"
        if isinstance(e, ast.If):
            return f"({self.value(e.then)} if {self.value(e.cond)} else {self.value(e.otherwise)})"
        raise TypeError(e)  # pragma: no cover

    @staticmethod
    def _literal(e: ast.Expr):
        return e.value if not isinstance(e, ast.Number) or e.value.denominator != 1 else int(e.value)

    def _sum_terms(self, items) -> tuple[list[str], int, list[str]]:
        """Sum terms, the static count of always-answered items, the dynamic count terms."""
        terms, static, dynamic = [], 0, []
        for item in items:
            if isinstance(item, ast.InputRef) and self.may_be_missing(item.id):
                v = self.var(item.id)
                terms.append(f"({v} or 0)")
                dynamic.append(f"({v} is not None)")
            else:
                terms.append(self.value(item))
                static += 1
        return terms, static, dynamic

    def _count(self, static: int, dynamic: list[str]) -> str:
        # a lone `(x is not None)` is a bool: `0 + ` makes it the int a count is
        parts = ([str(static)] if static or len(dynamic) < 2 else []) + dynamic
        return " + ".join(parts)

    def aggregate(self, e: ast.Aggregate) -> str:
        if e.func == "count":
            _, static, dynamic = self._sum_terms(e.items)
            return f"({self._count(static, dynamic)})"
        if e.func == "count_true":
            terms = []
            for item in e.items:
                if isinstance(item, ast.InputRef):
                    terms.append(f"({self.var(item.id)} is True)")
                else:
                    terms.append(f"(1 if {self.value(item)} else 0)")
            return "(0 + " + " + ".join(terms) + ")" if len(terms) == 1 else "(" + " + ".join(terms) + ")"
        if e.func in ("min", "max"):
            vals = []
            for item in e.items:
                if isinstance(item, ast.InputRef):
                    vals.append(self.var(item.id))
                else:
                    vals.append(self.value(item))
            return f"_{e.func}(({', '.join(vals)},))"
        terms, static, dynamic = self._sum_terms(e.items)
        total = "(" + " + ".join(terms) + ")"
        if e.func == "sum":
            return total
        count = self._count(static, dynamic)
        return f"_mean({total}, {count})"

    # ---------------------------------------------------------------- pairs

    def pair(self, e: ast.Expr) -> tuple[str, str | None] | None:
        """(numerator, positive denominator) as int expressions, or None if not available."""
        if self.is_int(e):
            return (self.value(e), None)
        if isinstance(e, ast.Number):
            return (repr(e.value.numerator), repr(e.value.denominator))
        if isinstance(e, ast.ScoreRef) and e.id in self.score_pair:
            return self.score_pair[e.id]
        if isinstance(e, ast.Aggregate) and e.func == "mean" and all(self.is_int(i) for i in e.items):
            terms, static, dynamic = self._sum_terms(e.items)
            total = "(" + " + ".join(terms) + ")"
            if not dynamic:
                return (total, str(static))
            return (total, f"_count({self._count(static, dynamic)})")
        return None

    def may_fail(self, e: ast.Expr) -> bool:
        """Whether evaluating ``e`` might raise (scores are computed beforehand); may say yes wrongly."""
        for node in ast.walk(e):
            if isinstance(node, ast.InputRef) and self.may_be_missing(node.id):
                return True
            if isinstance(node, ast.Aggregate) and node.func in ("mean", "min", "max"):
                return True
            if isinstance(node, ast.Binary) and node.op == "/":
                return True
        return False

    def compare(self, e: ast.Compare) -> str:
        if len(e.ops) == 1 and e.ops[0] in ("<", "<=", ">", ">=", "=", "!="):
            lp, rp = self.pair(e.operands[0]), self.pair(e.operands[1])
            # The pair form evaluates the right side before the left side's denominator. When that
            # denominator is an inline count that can fail (an empty mean), and the right side can
            # fail too, use exact values instead, so that the error is the reference's (left first).
            if lp is not None and rp is not None and not (
                lp[1] is not None and lp[1].startswith("_count(") and self.may_fail(e.operands[1])
            ):
                (ln, ld), (rn, rd) = lp, rp
                left = ln if rd is None else f"{ln} * {rd}"
                right = rn if ld is None else f"{rn} * {ld}"
                op = "==" if e.ops[0] == "=" else e.ops[0]
                # A dynamic denominator (_count) must be evaluated even if it is multiplied away:
                # it is what raises for an empty mean.
                return f"({left} {op} {right})"
        parts = [self.value(o) for o in e.operands]
        text = parts[0]
        for op, part in zip(e.ops, parts[1:]):
            text += f" {'==' if op == '=' else op} {part}"
        return f"({text})"

    # ---------------------------------------------------------------- statements

    def emit(self, line: str, indent: int = 1) -> None:
        self.lines.append("    " * indent + line)

    def validation(self) -> None:
        """Read and check every answer; anything unexpected goes to the reference validator."""
        order = reference._asked_order(self.rs)
        required_plain = sum(1 for inp in order if not self.may_be_missing(inp.id))
        optional = required_plain < len(order)
        if optional:
            self.emit("k = 0")
        else:
            # every input must be answered: the count rules out unknown keys before reading
            self.emit(f"if len(a) != {required_plain}: return _invalid(a)")
        asked: dict[str, str] = {}  # an asked_when's code -> the variable that holds its value
        for inp in order:
            v = self.var(inp.id)
            check = self._domain_check(inp, v)
            if not self.may_be_missing(inp.id):
                # a missing key raises KeyError, which the wrapper sends to the validator
                self.emit(f"{v} = a[{inp.id!r}]")
                self.emit(f"if not ({check}): return _invalid(a)")
                continue
            self.emit(f"{v} = a.get({inp.id!r}, _ABSENT)")
            self.emit(f"if {v} is _ABSENT: {v} = None")
            self.emit("else: k += 1")
            if inp.asked_when is not None:
                # questions asked under the same condition (a battery's) evaluate it once: it
                # reads only inputs read and checked before, whose values do not change
                code = self.value(inp.asked_when)
                q = asked.get(code)
                if q is None:
                    q = asked[code] = f"q{len(asked)}"
                    self.emit("try:")
                    self.emit(f"{q} = {code}", 2)
                    self.emit("except _EvaluationError:")
                    self.emit("return _invalid(a)", 2)
                self.emit(f"if {q}:")
                if inp.optional:
                    self.emit(f"if {v} is not None and not ({check}): return _invalid(a)", 2)
                else:
                    self.emit(f"if {v} is None or not ({check}): return _invalid(a)", 2)
                self.emit(f"elif {v} is not None: return _invalid(a)")
            else:
                self.emit(f"if {v} is not None and not ({check}): return _invalid(a)")
        if optional:
            self.emit(f"if len(a) != {required_plain} + k: return _invalid(a)")

    def _domain_check(self, inp: ast.Input, v: str) -> str:
        d = inp.domain
        if d.kind == "boolean":
            return f"{v}.__class__ is bool"
        if d.kind == "enum":
            return f"{v}.__class__ is str and {v} in {self.const(frozenset(d.values))}"
        lo, hi = d.values[0], d.values[-1]
        # the values are increasing: they fill lo..hi exactly when there are as many
        if d.kind == "integer" or hi - lo + 1 == len(d.values):
            return f"{v}.__class__ is int and {lo} <= {v} <= {hi}"
        return f"{v}.__class__ is int and {v} in {self.const(frozenset(d.values))}"

    def score_statements(self) -> None:
        for s in self.rs.scores:
            e = s.expr
            n, d = f"s_{s.id}", f"s_{s.id}_d"
            if self.is_int(e):
                self.emit(f"{n} = {self.value(e)}")
                self.score_pair[s.id] = (n, None)
            elif isinstance(e, ast.Aggregate) and e.func == "mean" and all(self.is_int(i) for i in e.items):
                terms, static, dynamic = self._sum_terms(e.items)
                self.emit(f"{n} = " + " + ".join(terms))
                if dynamic:
                    self.emit(f"{d} = _count({self._count(static, dynamic)})")
                else:
                    d = str(static)  # a literal: `3 * 8` is folded by Python's compiler
                self.score_pair[s.id] = (n, d)
            elif isinstance(e, ast.Binary) and e.op == "/" and self.is_int(e.left) and self.is_int(e.right):
                self.emit(f"{n} = {self.value(e.left)}")
                self.emit(f"{d} = {self.value(e.right)}")
                self.emit(f"if {d} <= 0: {n}, {d} = _sign({n}, {d})")
                self.score_pair[s.id] = (n, d)
            else:
                self.emit(f"{n} = {self.value(e)}")
                self.score_value[s.id] = n

    def score_tuple(self) -> str:
        parts = []
        for s in self.rs.scores:
            if s.id in self.score_pair:
                n, d = self.score_pair[s.id]
                parts.append(f"({n}, {d or 1})")
            else:
                parts.append(f"_as_pair(s_{s.id})")
        return "(" + "".join(p + ", " for p in parts) + ")"

    def rule_statements(self, fast: bool) -> None:
        rules = self.rs.rules
        if self.rs.hit_policy == "first":
            for r in rules:
                result = repr(r.segment) if fast else f"({r.index}, {self.score_tuple()})"
                if r.condition is None:
                    self.emit(f"return {result}")
                    return
                self.emit(f"if {self.value(r.condition)}: return {result}")
            self.emit("return _no_rule(a)")
            return
        # Every rule is evaluated (an overlap must be seen), so a comparison that several rules
        # share is computed once, when it cannot fail (no helper call in it).
        seen: dict[str, int] = {}
        for r in rules:
            for node in ast.walk(r.condition):
                if isinstance(node, (ast.Compare, ast.In)):
                    code = self.value(node)
                    seen[code] = seen.get(code, 0) + 1
        self.cse = {}
        for code, n in seen.items():
            if n > 1 and not _CALL.search(code):
                name = f"t{len(self.cse)}"
                self.emit(f"{name} = {code}")
                self.cse[code] = name
        if len(rules) <= _TABLE_RULES:
            # one expression and a tuple indexed by the bitmask of holding rules
            parts = [f"({self.value(r.condition)})" + (f" << {r.index}" if r.index else "") for r in rules]
            self.emit("m = " + " | ".join(f"({p})" for p in parts))
            self.cse = {}
            table = "_SEGMENT_BY_MASK" if fast else "_RULE_BY_MASK"
            self.emit(f"r = {table}[m]")
            self.emit("if r is None: return _no_unique(m)")
            self.emit("return r" if fast else f"return (r, {self.score_tuple()})")
            return
        self.emit("m = 0")
        for r in rules:
            self.emit(f"if {self.value(r.condition)}: m |= {1 << r.index}")
        self.cse = {}
        self.emit("r = _WINNER.get(m)")
        self.emit("if r is None: return _no_unique(m)")
        if fast:
            self.emit("return r[0]")
        else:
            self.emit(f"return (r[1], {self.score_tuple()})")

    def winners(self) -> dict[int, tuple[str, int]]:
        """Bitmask of holding rules → (segment, first rule index), for masks naming one segment."""
        by_seg: dict[str, list[int]] = {}
        for r in self.rs.rules:
            by_seg.setdefault(r.segment, []).append(r.index)
        table: dict[int, tuple[str, int]] = {}
        for seg, idxs in by_seg.items():
            if len(idxs) > 12:
                raise _TooManyRules()
            for sub in range(1, 1 << len(idxs)):
                mask, first = 0, None
                for bit, idx in enumerate(idxs):
                    if sub >> bit & 1:
                        mask |= 1 << idx
                        first = idx if first is None else first
                table[mask] = (seg, first)
        return table


_CALL = re.compile(r"\b_\w+\(")
_TABLE_RULES = 10  # up to this many rules, the winner is looked up in a tuple of 2**n entries


class _TooManyRules(Exception):
    pass


def compile_ruleset(rs: ast.RulesetDef) -> CompiledRuleset:
    if not rs.checked:
        raise ValueError("only a checked ruleset can be compiled")
    gen = _Gen(rs)
    try:
        winners = gen.winners() if rs.hit_policy == "unique" else {}
    except _TooManyRules:
        winners = None
    bodies = {}
    for fast in (True, False):
        gen.lines = []
        gen.score_pair.clear()
        gen.score_value.clear()
        gen.validation()
        gen.score_statements()
        if winners is None:
            gen.emit("return _reference(a, %s)" % fast)
        else:
            gen.rule_statements(fast)
        bodies[fast] = gen.lines
    source = ""
    for name, fast in (("segment", True), ("decide", False)):
        # The body runs inside one try: a missing key, or answers that are not a mapping,
        # go to the reference validator, which names every problem; an evaluation error is
        # re-raised with its place in the file.
        # Anything but a plain dict is copied into one first (see reference.plain_answers): a
        # defaultdict would otherwise insert what the code reads, and look complete.
        source += f"def {name}(a):\n    if a.__class__ is not dict: a = _plain(a)\n    try:\n"
        source += "\n".join("    " + line for line in bodies[fast]) + "\n"
        source += "    except (KeyError, TypeError, AttributeError):\n        return _invalid(a)\n"
        source += "    except _EvaluationError as exc:\n        _locate(exc, a)\n        raise\n\n"

    namespace: dict[str, Any] = dict(gen.consts)
    namespace.update(_runtime_helpers(rs, winners or {}))
    code = compile(source, f"<segrules {rs.id} {rs.version}>", "exec")
    exec(code, namespace)  # noqa: S102 - generated from the checked AST, see module docstring
    return CompiledRuleset(namespace["segment"], namespace["decide"], source)


def _runtime_helpers(rs: ast.RulesetDef, winners: dict) -> dict[str, Any]:
    def _invalid(a):
        reference.validate_answers(rs, a)  # raises AnswerError naming every problem
        raise AssertionError("compiled validation disagrees with the reference validator")  # pragma: no cover

    def _locate(exc, a):
        """Raise the same error with its place in the file, found by the reference evaluator.

        The compiled code carries no positions; an evaluation error is rare (only an
        unverified ruleset has one), so it is worth re-running the answers to find the cause.
        """
        if exc.span is not None:
            return
        try:
            reference.decide_segment(rs, a)
        except EvaluationError as located:
            if located.code == exc.code and located.span is not None:
                raise located from None
        except SegrulesError:  # only a helper for the message: the original error stands
            return

    def _missing(input_id):
        raise EvaluationError(reference.missing_message(input_id), code="SR405", input=input_id)

    def _count(n):
        if n == 0:
            raise EvaluationError("mean(...) has no answered inputs to work on", code="SR404")
        return n

    def _mean(total, n):
        if n == 0:
            raise EvaluationError("mean(...) has no answered inputs to work on", code="SR404")
        if type(total) is int:
            return Fraction(total, n)
        if type(total) is float:
            raise reference.inexact(total, "a mean")
        return total / n

    def _div(x, y):
        if y == 0:
            raise EvaluationError("division by zero", code="SR403")
        if type(x) is int and type(y) is int:
            return Fraction(x, y)
        if type(x) is float or type(y) is float:  # never silently: Fraction(0.1) is not 1/10
            raise reference.inexact(x if type(x) is float else y, "a division")
        return Fraction(x) / y

    def _sign(n, d):
        if d == 0:
            raise EvaluationError("division by zero", code="SR403")
        return -n, -d

    def _pick(fn, name):
        def pick(values):
            got = [v for v in values if v is not None]
            if not got:
                raise EvaluationError(f"{name}(...) has no answered inputs to work on", code="SR404")
            return fn(got)

        return pick

    def _as_pair(v):
        if type(v) is int:
            return (v, 1)
        if isinstance(v, Fraction):
            return (v.numerator, v.denominator)
        if type(v) is float:
            raise reference.inexact(v, "a score")
        return (v, None)  # yes/no or choice scores

    def _no_unique(m):
        matched = [r for r in rs.rules if m >> r.index & 1]
        if not matched:
            raise EvaluationError("no segment rule holds for these answers", code="SR401")
        names = sorted({r.segment for r in matched})
        raise EvaluationError(
            f"rules of several segments hold for these answers: {', '.join(names)}", code="SR402"
        )

    def _no_rule(a):
        raise EvaluationError("no segment rule holds for these answers", code="SR401")

    def _reference(a, fast):
        values = reference.validate_answers(rs, a)
        out = reference.run(rs, values)
        if out.segment is None:
            mask = sum(1 << i for i in out.matched)
            _no_unique(mask)
        if fast:
            return out.segment
        first = next(i for i in out.matched if rs.rules[i].segment == out.segment)
        return (first, tuple(_as_pair(out.scores[s.id]) for s in rs.scores))

    return {
        "_invalid": _invalid, "_plain": reference.plain_answers, "_missing": _missing, "_count": _count, "_mean": _mean, "_div": _div,
        "_sign": _sign, "_min": _pick(min, "min"), "_max": _pick(max, "max"), "_as_pair": _as_pair,
        "_no_unique": _no_unique, "_no_rule": _no_rule, "_reference": _reference, "_F": Fraction,
        "_ABSENT": object(), "_EvaluationError": EvaluationError, "_locate": _locate, "_WINNER": winners,
        "_SEGMENT_BY_MASK": tuple(winners.get(m, (None,))[0] for m in range(1 << min(len(rs.rules), _TABLE_RULES))),
        "_RULE_BY_MASK": tuple(winners.get(m, (None, None))[1] for m in range(1 << min(len(rs.rules), _TABLE_RULES))),
    }


def compile_matcher(rs: ast.RulesetDef) -> Callable[[dict], int]:
    """``matched(values) -> bitmask`` of the rules that hold, for answers already known to be
    valid (``values``: every input id → its answer, None when unanswered): the verifier's fast
    path for enumerating an answer space. It reads no key it does not need and checks nothing;
    an evaluation error is raised as the engine raises it (under ``first``, a rule after one
    that holds is read as not holding when it fails, which is how masked rules are found).
    The same generated code as ``segment`` and ``decide``, without their validation."""
    if not rs.checked:
        raise ValueError("only a checked ruleset can be compiled")
    gen = _Gen(rs)
    gen.lines = []
    for inp in rs.inputs:
        gen.emit(f"{gen.var(inp.id)} = a[{inp.id!r}]")
    gen.score_statements()
    gen.cse = {}
    gen.emit("m = 0")
    for r in rs.rules:
        cond = "True" if r.condition is None else gen.value(r.condition)
        if rs.hit_policy == "first":
            gen.emit("try:")
            gen.emit(f"if {cond}: m |= {1 << r.index}", 2)
            gen.emit("except _EvaluationError:")
            gen.emit("if not m: raise", 2)
        else:
            gen.emit(f"if {cond}: m |= {1 << r.index}")
    gen.emit("return m")
    source = "def matched(a):\n" + "\n".join(gen.lines) + "\n"
    namespace: dict[str, Any] = dict(gen.consts)
    namespace.update(_runtime_helpers(rs, {}))
    exec(compile(source, f"<segrules matcher {rs.id} {rs.version}>", "exec"), namespace)  # noqa: S102 - see module docstring
    return namespace["matched"]


# --------------------------------------------------------------------------- the answers' JSON text

# A numeric input with more values is written by formatting the number; one whose values are
# 0 <= value < this indexes a tuple, other inputs a dict.
_TABLE_VALUES = 256
_ORDERED_INPUTS = 250  # beyond this many inputs, the loop writes the answers (a bound on generated code)


def compile_answers_text(rs: ast.RulesetDef, encode: Callable[[Any], str]) -> Callable[[dict, bool], str | None]:
    """``answers_text(answers, checked) -> text | None``: what ``encode(answers)`` (the record's
    JSON encoder) gives, written from texts prepared here; None where the answers hold another
    kind of value (the caller then encodes them itself, and meets the same error if any).

    The answers are written in their own order, as ``encode`` writes a dict. ``checked`` says
    that they passed validation (they come from ``decide``): every key is an input and every
    value one of its input's, so the value's own text can be looked up. Then, when they name
    every input in the order of the file (a form's order), one generated f-string writes them
    from a table per input (each value's text, with its key and comma, prepared once). Any
    other answers are written by a loop that checks each value's class exactly first, so that
    ``True == 1`` or ``3.0 == 3`` never borrows another value's text: a whole number as its
    digits, yes/no as ``true``/``false``, None as ``null``, a text by its prepared JSON (a
    choice's code) or not at all.
    """
    keys = {inp.id: encode(inp.id) + ":" for inp in rs.inputs}
    codes: dict[str, str] = {}
    for inp in rs.inputs:
        if inp.domain.kind == "enum":
            for code in inp.domain.values:
                codes[code] = encode(code)

    def in_any_order(a: dict) -> str | None:
        try:
            parts = []
            for k, v in a.items():
                key = keys.get(k) if k.__class__ is str else None
                if key is None:
                    return None
                c = v.__class__
                if c is int:
                    parts.append(key + str(v))  # ValueError past Python's limit of digits: see below
                elif c is str:
                    text = codes.get(v)
                    if text is None:
                        return None
                    parts.append(key + text)
                elif c is bool:
                    parts.append(key + ("true" if v else "false"))
                elif v is None:
                    parts.append(key + "null")
                else:
                    return None
            return "{" + ",".join(parts) + "}"
        except (TypeError, ValueError):  # an unhashable text subclass, digits past the limit
            return None

    namespace: dict[str, Any] = {"_in_any_order": in_any_order}
    inputs = rs.inputs
    if inputs and len(inputs) <= _ORDERED_INPUTS:
        # Each input's table holds the whole text of its member: the key, the value, the comma
        # before it (the brace before the first, and after the last): an f-string without
        # literal parts between its fields is the quickest join Python has.
        fields = []
        last = len(inputs) - 1
        for n, inp in enumerate(inputs):
            values = inp.domain.values
            before = ("{" if n == 0 else ",") + keys[inp.id]
            after = "}" if n == last else ""
            if inp.optional or inp.asked_when is not None:
                values = values + (None,)
            if inp.domain.is_numeric and len(values) > _TABLE_VALUES:
                namespace[f"_B{n}"], namespace[f"_A{n}"] = before, after
                text = f'"null" if v{n} is None else v{n}' if values[-1] is None else f"v{n}"
                fields.append(f"{{_B{n}}}{{{text}}}{{_A{n}}}")
                continue
            texts = {value: before + encode(value) + after for value in values}
            numeric = inp.domain.is_numeric
            if numeric and values[-1] is not None and 0 <= values[0] and values[-1] < _TABLE_VALUES:
                # a checked number indexes a tuple of texts, the quickest lookup Python has
                table: Any = [None] * (values[-1] + 1)
                for value, text in texts.items():
                    table[value] = text
                namespace[f"_T{n}"] = tuple(table)
            else:
                namespace[f"_T{n}"] = texts
            fields.append(f"{{_T{n}[v{n}]}}")
        names = ", ".join(f"v{n}" for n in range(len(inputs))) + ("," if len(inputs) == 1 else "")
        namespace["_ORDER"] = tuple(i.id for i in inputs)
        # The keys last seen in the file's order: callers that build every answer set with the
        # same key objects (a form, a data frame's columns, literals) compare by identity.
        namespace["_SEEN"] = [namespace["_ORDER"]]
        checked = [
            "keys = tuple(a)",
            "if keys != _SEEN[0]:",
            "    if keys != _ORDER:",
            "        return _in_any_order(a)",
            "    _SEEN[0] = keys",
            f"{names} = a.values()",
            f"return f'{''.join(fields)}'",
        ]
    else:
        checked = []
    source = "def answers_text(a, checked):\n"
    if checked:
        source += "    if checked:\n        try:\n"
        source += "".join(f"            {line}\n" for line in checked)
        source += "        except (KeyError, TypeError, ValueError):\n            pass\n"
    source += "    return _in_any_order(a)\n"
    exec(compile(source, f"<segrules answers text {rs.id} {rs.version}>", "exec"), namespace)  # noqa: S102 - see module docstring
    return namespace["answers_text"]
