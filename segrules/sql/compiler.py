"""Checked AST → one SQL query, with integer arithmetic only.

The query reads an answers table and returns one row per record with the same outcome as
``Ruleset.decide`` / ``Ruleset.validate``: the segment and the rule that fired, or the codes of
every answer problem (and the inputs they name), or the code of the evaluation error.

Exactness: every number is a pair of integer SQL expressions (numerator, positive
denominator); sums and products are formed on the pairs, ``a/b >= c/d`` becomes
``a*d >= c*b``, a mean is (sum of the answered items, their count). No ``/`` and no floating
point are ever emitted. Every value an expression can take is bounded from the finite answer
domains (``Bound``); the widest intermediate value picks the integer type, or the ruleset is
refused (SR800). Only the final reduction of an axis score to lowest terms divides, and only
a number by a divisor of it (the gcd, found with ``%`` on non-negative numbers), where every
engine's integer division gives the same exact quotient.

Errors keep the reference evaluator's order: each expression carries, beside its value, an
expression for the first error it would raise (``'SR405 input'``, ``'SR404'``...), built with
the same short-circuits as ``engine.reference.evaluate`` (and/or, if, comparison chains).

The query text is written in one neutral form (PostgreSQL syntax, every identifier quoted);
``render`` parses it with sqlglot once and prints the tree for each dialect.
"""

from __future__ import annotations

import re
from collections import Counter
from fractions import Fraction
from typing import Mapping, Sequence

import attrs

from ..dsl import ast
from ..engine.reference import MAX_BRANCHES, MISSING, _asked_order, evaluate
from ..engine.runtime import _exact_digits
from ..errors import EvaluationError, UsageError

#: Marker for the integer type, replaced once the widest value is known.
_INT = "SR_INT_TYPE"
#: Marker for the type of the axis scores' numerators and denominators in the result: the
#: integer type, or where an engine cannot write that type exactly (DuckDB's HUGEINT goes to
#: Parquet as DOUBLE) an exact type it can.
_OUT = "SR_OUT_TYPE"
BIGINT_LIMIT = 2**63 - 1
WIDE_LIMIT = 10**38 - 1
#: Answers to a numeric question are read from text; beyond this many digits they are out of range.
MAX_DIGITS = 18
#: The generated text for one expression is limited, so that a deeply nested rule cannot
#: produce a query no engine can plan.
MAX_EXPRESSION_CHARS = 2_000_000

SHAPES = ("wide", "long")

#: Column types (as DuckDB or PostgreSQL name them) whose values are read as they are, with no
#: text in between: whole numbers that fit BIGINT, and yes/no. Any other column is read as text.
INTEGER_TYPES = frozenset({
    "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UINTEGER", "USMALLINT", "UTINYINT",
    "INT8", "INT4", "INT2", "INT", "INT64", "INT32", "INT16",
})
BOOLEAN_TYPES = frozenset({"BOOLEAN", "BOOL"})
#: Floating-point columns: engines write 4.0 as "4.0" (DuckDB, Spark) or "4" (PostgreSQL), so
#: for a number question their values are read as decimal numbers on every engine (SR303),
#: as ``decide`` reads 4.0
FLOAT_TYPES = frozenset({"FLOAT", "DOUBLE", "REAL", "FLOAT4", "FLOAT8", "DOUBLE PRECISION"})
#: JSON columns (DuckDB's JSON, as it reads a JSON Lines file; PostgreSQL's json and jsonb):
#: a JSON string and a JSON number or true/false keep their kinds, as in ``decide`` (``"3"``
#: is not a number).
JSON_TYPES = frozenset({"JSON", "JSONB"})


def is_json_type(sql_type: str | None) -> bool:
    """Whether a column of ``sql_type`` (as the engine names it) holds JSON values."""
    return (sql_type or "").upper().strip() in JSON_TYPES

#: A numeric question with at most this many allowed values is checked against their texts.
LOOKUP_VALUES = 64

#: The output columns after the record key (and any carried columns).
RESULT_COLUMNS = (
    "segment", "rule", "resources_num", "resources_den", "complexity_num", "complexity_den",
    "error_codes", "error_inputs", "ruleset_id", "ruleset_version", "ruleset_hash",
)


class SqlCompileError(UsageError):
    """The ruleset cannot be compiled to exact SQL."""

    code = "SR800"


def q(name: str) -> str:
    """A quoted identifier."""
    return '"' + name.replace('"', '""') + '"'


def s(text: str) -> str:
    """A quoted string literal."""
    return "'" + text.replace("'", "''") + "'"


def lit(n: int) -> str:
    return f"CAST({n} AS {_INT})"


@attrs.frozen
class Num:
    """An exact number: numerator and denominator SQL (den None means 1) with their bounds."""

    n: str
    d: str | None
    nb: int  # |numerator| <= nb
    db: int  # 1 <= denominator <= db
    err: str | None = None

    @property
    def den(self) -> str:
        return self.d if self.d is not None else lit(1)


@attrs.frozen
class Val:
    """A yes/no value or a choice code (SQL boolean or text)."""

    v: str
    kind: str  # boolean | enum
    err: str | None = None


_YES_NO = ("'true'", "'false'")


def one_of(x: str, values: Sequence[str]) -> str:
    """``x`` equals one of ``values``: equalities joined by OR, with the same NULLs as IN.
    Written out because DuckDB turns long IN lists into joins, and a query of many layers
    that each test IN lists can take minutes to plan."""
    return "(" + " OR ".join(f"{x} = {v}" for v in values) + ")"


def _coalesce(*errs: str | None) -> str | None:
    got = [e for e in errs if e is not None]
    if not got:
        return None
    if len(got) == 1:
        return got[0]
    return "COALESCE(" + ", ".join(got) + ")"


def _when(cond: str, err: str | None) -> str | None:
    return None if err is None else f"CASE WHEN {cond} THEN {err} END"


class _Compiler:
    def __init__(self, rs: ast.RulesetDef):
        self.rs = rs
        self.inputs = {i.id: i for i in rs.inputs}
        self.widest = 1
        self.score_cols: dict[str, Num | Val] = {}
        # the SQL value of each input once validated: typed, NULL when not (validly) answered
        self.input_sql: dict[str, str] = {}
        # while answers are validated any input may lack a valid value (a required one too);
        # once a record is valid only optional and conditional ones can
        self.validating = False
        # where known: SQL that holds when an input is answered (for the records that pass the
        # quick test, a required question's asked_when column: answered exactly when asked)
        self.present_sql: dict[str, str] = {}

    # ------------------------------------------------------------------ bounds

    def note(self, *bounds: int) -> None:
        for b in bounds:
            if b > self.widest:
                self.widest = b

    def may_be_missing(self, input_id: str) -> bool:
        inp = self.inputs[input_id]
        return self.validating or inp.optional or inp.asked_when is not None

    def read(self, input_id: str) -> tuple[str, str | None]:
        """An input's value where an expression reads it, and its error: SR405 when it may be
        unanswered (outside an aggregate, which skips unanswered items)."""
        col = self.input_sql[input_id]
        if not self.may_be_missing(input_id):
            return col, None
        return col, f"CASE WHEN {col} IS NULL THEN {s('SR405 ' + input_id)} END"

    # ------------------------------------------------------------------ numbers

    def _mul(self, a: str | None, b: str | None) -> str | None:
        if a is None:
            return b
        if b is None:
            return a
        return f"({a} * {b})"

    def add(self, a: Num, b: Num, op: str = "+") -> Num:
        if a.d is None and b.d is None:
            nb = a.nb + b.nb
            self.note(nb)
            return Num(f"({a.n} {op} {b.n})", None, nb, 1, _coalesce(a.err, b.err))
        left, right = self._mul(a.n, b.d), self._mul(b.n, a.d)
        nb = a.nb * b.db + b.nb * a.db
        db = a.db * b.db
        self.note(a.nb * b.db, b.nb * a.db, nb, db)
        return Num(f"({left} {op} {right})", self._mul(a.d, b.d), nb, db, _coalesce(a.err, b.err))

    def number(self, e: ast.Expr) -> Num:
        if isinstance(e, ast.Number):
            v = e.value
            self.note(abs(v.numerator), v.denominator)
            return Num(lit(v.numerator), None if v.denominator == 1 else lit(v.denominator), abs(v.numerator), v.denominator)
        if isinstance(e, ast.InputRef):
            inp = self.inputs[e.id]
            nb = max(abs(inp.domain.values[0]), abs(inp.domain.values[-1]))
            col, err = self.read(e.id)
            return Num(col, None, nb, 1, err)
        if isinstance(e, ast.ScoreRef):
            got = self.score_cols[e.id]
            assert isinstance(got, Num)
            return got  # a failing score stops the decision before anything reads it
        if isinstance(e, ast.Negate):
            a = self.number(e.operand)
            return Num(f"(-{a.n})", a.d, a.nb, a.db, a.err)
        if isinstance(e, ast.Binary):
            a, b = self.number(e.left), self.number(e.right)
            if e.op in ("+", "-"):
                return self.add(a, b, e.op)
            if e.op == "*":
                nb, db = a.nb * b.nb, a.db * b.db
                self.note(nb, db)
                return Num(f"({a.n} * {b.n})", self._mul(a.d, b.d), nb, db, _coalesce(a.err, b.err))
            # a / b = (a.n * b.d) / (a.d * b.n), the sign moved to the numerator
            num = self._mul(a.n, b.d)
            den = self._mul(a.d, b.n)
            nb, db = a.nb * b.db, a.db * b.nb
            self.note(nb, db)
            neg = f"{b.n} < 0"
            err = _coalesce(a.err, b.err, f"CASE WHEN {b.n} = 0 THEN {s('SR403')} END")
            return Num(
                f"CASE WHEN {neg} THEN -{num} ELSE {num} END",
                f"CASE WHEN {neg} THEN -{den} ELSE {den} END",
                nb, max(db, 1), err,
            )
        if isinstance(e, ast.Aggregate):
            return self.aggregate(e)
        if isinstance(e, ast.If):
            c = self.boolean(e.cond)
            t, o = self.number(e.then), self.number(e.otherwise)
            d = None
            if t.d is not None or o.d is not None:
                d = f"CASE WHEN {c.v} THEN {t.den} ELSE {o.den} END"
            err = _coalesce(c.err, self._branch_err(c.v, t.err, o.err))
            return Num(f"CASE WHEN {c.v} THEN {t.n} ELSE {o.n} END", d, max(t.nb, o.nb), max(t.db, o.db), err)
        raise TypeError(f"not a number: {e!r}")  # pragma: no cover

    @staticmethod
    def _branch_err(cond: str, then: str | None, other: str | None) -> str | None:
        if then is None and other is None:
            return None
        return f"CASE WHEN {cond} THEN {then or 'NULL'} ELSE {other or 'NULL'} END"

    def _present(self, item: ast.Expr) -> str | None:
        """SQL that holds when an aggregate item counts; None when it always does."""
        if isinstance(item, ast.InputRef) and self.may_be_missing(item.id):
            return self.present_sql.get(item.id) or f"{self.input_sql[item.id]} IS NOT NULL"
        return None

    @staticmethod
    def _counted(static: int, presence: list[str | None]) -> list[str]:
        """The terms of a count of items: ``static`` always there, and each item that counts
        when its presence holds; items present on the same condition are counted together
        (Suuntima's battery: 4 terms for 23 questions)."""
        terms = [lit(static)] if static else []
        for p, k in Counter(p for p in presence if p is not None).items():
            terms.append(f"CAST({p} AS INTEGER)" if k == 1 else f"{lit(k)} * CAST({p} AS INTEGER)")
        return terms

    def aggregate(self, e: ast.Aggregate) -> Num:
        items = e.items
        presence = [self._present(i) for i in items]
        if e.func == "count":
            static = sum(1 for p in presence if p is None)
            terms = self._counted(static, presence)
            if not static and all(p is not None for p in presence):
                terms.insert(0, lit(0))
            self.note(len(items))
            return Num("(" + " + ".join(terms) + ")", None, len(items), 1)
        if e.func == "count_true":
            terms, errs = [], []
            for item in items:
                if isinstance(item, ast.InputRef):
                    terms.append(f"CASE WHEN {self.input_sql[item.id]} THEN {lit(1)} ELSE {lit(0)} END")
                else:
                    b = self.boolean(item)
                    errs.append(b.err)
                    terms.append(f"CASE WHEN {b.v} THEN {lit(1)} ELSE {lit(0)} END")
            self.note(len(items))
            return Num("(" + " + ".join(terms) + ")", None, len(items), 1, _coalesce(*errs))
        nums = []
        for item, p in zip(items, presence):
            if p is not None:  # a skipped input: no error, and it adds nothing
                x = self.number(item)
                nums.append(Num(x.n, None, x.nb, 1))
            else:
                nums.append(self.number(item))
        errs = [x.err for x in nums]
        empty = None
        if all(p is not None for p in presence):
            empty = "NOT (" + " OR ".join(dict.fromkeys(presence)) + ")"
        if e.func in ("sum", "mean"):
            # the items present on one condition are there together: their sum is added once,
            # 0 when they are not there (a present item's value is never NULL)
            groups: dict[str | None, Num] = {}
            for x, p in zip(nums, presence):
                groups[p] = x if p not in groups else self.add(groups[p], x)
            total: Num | None = None
            for p, x in groups.items():
                term = x if p is None else Num(f"COALESCE({x.n}, {lit(0)})", None, x.nb, 1)
                total = term if total is None else self.add(total, term)
            total = attrs.evolve(total, err=None)
            if e.func == "sum":
                return attrs.evolve(total, err=_coalesce(*errs))
            static = sum(1 for p in presence if p is None)
            count_terms = self._counted(static, presence)
            count = count_terms[0] if len(count_terms) == 1 and static else "(" + " + ".join(count_terms) + ")"
            db = total.db * len(items)
            self.note(db)
            err = _coalesce(*errs, _when(empty, s("SR404")) if empty else None)
            if static == len(items):
                return Num(total.n, self._mul(total.d, lit(static)) if static != 1 else total.d, total.nb, db, err)
            return Num(total.n, self._mul(total.d, count), total.nb, db, err)
        # min / max: the first item that is present and not beaten by any present item
        better = "<=" if e.func == "min" else ">="
        conds = []
        for i, (x, p) in enumerate(zip(nums, presence)):
            parts = [p] if p is not None else []
            for j, (y, pj) in enumerate(zip(nums, presence)):
                if i == j:
                    continue
                left, right = self._mul(x.n, y.d), self._mul(y.n, x.d)
                self.note(x.nb * y.db, y.nb * x.db)
                cmp = f"{left} {better} {right}"
                parts.append(f"({cmp})" if pj is None else f"(NOT ({pj}) OR {cmp})")
            conds.append(" AND ".join(parts) if parts else "TRUE")
        n = "CASE " + " ".join(f"WHEN {c} THEN {x.n}" for c, x in zip(conds, nums)) + " END"
        d = None
        if any(x.d is not None for x in nums):
            d = "CASE " + " ".join(f"WHEN {c} THEN {x.den}" for c, x in zip(conds, nums)) + " END"
        err = _coalesce(*errs, _when(empty, s("SR404")) if empty else None)
        return Num(n, d, max(x.nb for x in nums), max(x.db for x in nums), err)

    # ------------------------------------------------------------------ yes/no and choices

    def value(self, e: ast.Expr) -> Num | Val:
        from ..dsl.check import expression_type

        kind = expression_type(self.rs, e).kind
        if kind == "number":
            return self.number(e)
        if kind == "boolean":
            return self.boolean(e)
        return self.choice(e)

    def choice(self, e: ast.Expr) -> Val:
        if isinstance(e, ast.String):
            return Val(s(e.value), "enum")
        if isinstance(e, ast.InputRef):
            col, err = self.read(e.id)
            return Val(col, "enum", err)
        if isinstance(e, ast.ScoreRef):
            got = self.score_cols[e.id]
            assert isinstance(got, Val)
            return got
        if isinstance(e, ast.If):
            c = self.boolean(e.cond)
            t, o = self.choice(e.then), self.choice(e.otherwise)
            return Val(f"CASE WHEN {c.v} THEN {t.v} ELSE {o.v} END", "enum", _coalesce(c.err, self._branch_err(c.v, t.err, o.err)))
        raise TypeError(f"not a choice: {e!r}")  # pragma: no cover

    def boolean(self, e: ast.Expr) -> Val:
        if isinstance(e, ast.Bool):
            return Val("TRUE" if e.value else "FALSE", "boolean")
        if isinstance(e, ast.InputRef):
            col, err = self.read(e.id)
            return Val(col, "boolean", err)
        if isinstance(e, ast.ScoreRef):
            got = self.score_cols[e.id]
            assert isinstance(got, Val)
            return got
        if isinstance(e, ast.Answered):
            return Val(f"({self.input_sql[e.input.id]} IS NOT NULL)", "boolean")
        if isinstance(e, ast.Not):
            a = self.boolean(e.operand)
            return Val(f"(NOT {a.v})", "boolean", a.err)
        if isinstance(e, (ast.And, ast.Or)):
            parts = [self.boolean(o) for o in e.operands]
            word = " AND " if isinstance(e, ast.And) else " OR "
            # the first error in evaluation order: later operands only run while the result is open
            err: str | None = None
            for p in reversed(parts):
                go_on = p.v if isinstance(e, ast.And) else f"NOT {p.v}"
                rest = _when(go_on, err)
                if p.err is None:
                    err = rest
                else:
                    err = f"CASE WHEN {p.err} IS NOT NULL THEN {p.err} ELSE {rest or 'NULL'} END"
            return Val("(" + word.join(p.v for p in parts) + ")", "boolean", err)
        if isinstance(e, ast.If):
            c = self.boolean(e.cond)
            t, o = self.boolean(e.then), self.boolean(e.otherwise)
            return Val(f"CASE WHEN {c.v} THEN {t.v} ELSE {o.v} END", "boolean", _coalesce(c.err, self._branch_err(c.v, t.err, o.err)))
        if isinstance(e, ast.Compare):
            vals = [self.value(o) for o in e.operands]
            tests = [self.compare(op, a, b) for op, a, b in zip(e.ops, vals, vals[1:])]
            # a_0 and a_1 always run; a_k (k >= 2) runs only while every earlier test held
            err = None
            for k in range(len(vals) - 1, 1, -1):
                err = _coalesce(vals[k].err, None) if err is None else _coalesce(vals[k].err, err)
                err = _when(tests[k - 2], err)
            err = _coalesce(vals[0].err, vals[1].err, err)
            return Val("(" + " AND ".join(tests) + ")", "boolean", err)
        if isinstance(e, ast.In):
            a = self.value(e.operand)
            tests = [self.compare("=", a, self.value(v)) for v in e.values]
            return Val("(" + " OR ".join(tests) + ")", "boolean", a.err)
        raise TypeError(f"not a yes/no value: {e!r}")  # pragma: no cover

    def compare(self, op: str, a: Num | Val, b: Num | Val) -> str:
        sql_op = "<>" if op == "!=" else op
        if isinstance(a, Num) and isinstance(b, Num):
            left, right = self._mul(a.n, b.d), self._mul(b.n, a.d)
            self.note(a.nb * b.db, b.nb * a.db)
            return f"({left} {sql_op} {right})"
        return f"({a.v} {sql_op} {b.v})"


# --------------------------------------------------------------------------- the query


def column_class(inp: ast.Input, sql_type: str | None) -> str:
    """How the column of ``inp`` is read: ``integer`` or ``boolean`` as it is, ``json`` as a
    JSON value of its own kind, ``float`` (a number question's floating-point column) as a
    decimal number whatever its value, else ``text``."""
    if is_json_type(sql_type):
        return "json"
    name = (sql_type or "").upper().strip()
    if inp.domain.is_numeric and name in INTEGER_TYPES:
        return "integer"
    if inp.domain.is_numeric and name in FLOAT_TYPES:
        return "float"
    if inp.domain.kind == "boolean" and name in BOOLEAN_TYPES:
        return "boolean"
    return "text"


def _in_domain(d: ast.Domain, x: str) -> str:
    """SQL that holds when the whole number ``x`` (not NULL) is an allowed value."""
    lo, hi = d.values[0], d.values[-1]
    if hi - lo + 1 == len(d.values):  # increasing values without a gap (never the span listed)
        return f"{x} BETWEEN {lit(lo)} AND {lit(hi)}"
    return one_of(x, [lit(v) for v in d.values])


def _fast_value(inp: ast.Input, t: str, kind: str) -> tuple[str, str]:
    """The answer's typed value when it is given in its plain form and allowed, and the test
    that it is; both are cheap. The test is NULL when there is no answer, and FALSE for any
    other form (leading zeros, out of range, the wrong kind), which the full validation judges."""
    d = inp.domain
    if kind == "integer":
        return t, _in_domain(d, t)
    if kind == "boolean":
        return t, f"({t} OR NOT {t})"
    if kind == "json":
        value, test = _fast_value(inp, t, "text")
        return value, f"({_json_kind_ok(inp)} AND {test})"
    if d.kind == "boolean":
        return f"({t} = 'true')", one_of(t, _YES_NO)
    if d.kind == "enum":
        return t, one_of(t, [s(v) for v in d.values])
    if len(d.values) <= LOOKUP_VALUES:
        test = one_of(t, [s(str(v)) for v in d.values])
        return f"CASE WHEN {test} THEN TRY_CAST({t} AS {_INT}) END", test
    x = f"CASE WHEN SR_WHOLE18({t}) THEN TRY_CAST({t} AS {_INT}) END"
    return x, f"CASE WHEN {t} IS NOT NULL THEN COALESCE({_in_domain(d, x)}, FALSE) END"


def _json_text(inp: ast.Input, x: str) -> str:
    """The text of the JSON value ``x`` for ``inp`` (NULL for JSON null: no answer). A choice
    reads a string's own text; a number or yes/no question the JSON text as it is, since a
    string is the wrong kind for it whatever it holds (and its quotes keep it from reading as
    a number), which spares reading each string's escapes."""
    return f"SR_JSON_TEXT({x})" if inp.domain.kind == "enum" else f"SR_JSON_RAW({x})"


def _json_kind_ok(inp: ast.Input) -> str:
    """For a JSON value: SQL that holds when its JSON kind can answer ``inp``. A choice takes a
    JSON string; a number or a yes/no question anything but a string (the text of a JSON
    number or true/false is then read as text is; ``3.0`` and ``1e2`` are not whole numbers)."""
    string = _a(inp.id, "j")
    return string if inp.domain.kind == "enum" else f"NOT {string}"


def _parse_layers(inputs, a, kinds) -> list[tuple[str, list[str]]]:
    """Layers that read each answer once: its kind ('N' none, 'T' wrong kind, 'O' outside
    the domain, 'V' valid) in column ``#s`` and its typed value in ``#y`` (NULL unless valid)."""
    parse, status = [], []
    for inp in inputs:
        d, t = inp.domain, a(inp.id, "t")
        x, w = a(inp.id, "x"), a(inp.id, "w")
        kind = kinds[inp.id]
        # a JSON value of the wrong kind is SR303 whatever its text
        wrong = f"NOT {_json_kind_ok(inp)} OR " if kind == "json" else ""
        if kind == "integer":
            parse.append(f"FALSE AS {w}")
            inside, typed = _in_domain(d, t), t
        elif kind == "boolean":
            parse.append(f"FALSE AS {w}")
            inside, typed = "TRUE", t
        elif d.kind == "boolean":
            parse.append(f"{wrong}NOT {one_of(t, _YES_NO)} AS {w}")
            inside, typed = "TRUE", f"({t} = 'true')"
        elif d.kind == "enum":
            parse.append(f"{wrong}FALSE AS {w}")
            inside, typed = one_of(t, [s(v) for v in d.values]), t
        else:
            # a whole number: an optional minus sign and ASCII digits, nothing else (SR_WHOLE),
            # read when it has at most 18 significant digits (SR_WHOLE18; longer is outside any domain)
            parse.append(f"{wrong}NOT SR_WHOLE({t}) AS {w}")
            parse.append(f"CASE WHEN SR_WHOLE18({t}) THEN TRY_CAST({t} AS {_INT}) END AS {x}")
            inside = f"({x} IS NOT NULL AND {_in_domain(d, x)})"
            typed = x
        status.append(
            f"CASE WHEN {t} IS NULL THEN 'N' WHEN {w} THEN 'T' WHEN NOT {inside} THEN 'O' ELSE 'V' END AS {a(inp.id, 's')}"
        )
        status.append(
            f"CASE WHEN {t} IS NOT NULL AND NOT {w} AND {inside} THEN {typed} END AS {a(inp.id, 'y')}"
        )
    return [("parse", parse), ("status", status)]


@attrs.frozen
class CompiledQuery:
    """The neutral SQL text of one ruleset, before rendering for a dialect."""

    text: str
    int_type: str  # "bigint" or "wide"
    widest: int  # the largest absolute value any intermediate can take
    carry: tuple[str, ...]
    euclid: bool = True  # False: the Euclid layers are left out, for an engine's own GCD


def compile_query(
    rs: ast.RulesetDef,
    *,
    table: str = "answers",
    shape: str = "wide",
    key: str = "record_id",
    carry: Sequence[str] = (),
    columns: Sequence[str] | None = None,
    types: Mapping[str, str] | None = None,
    question: str = "question",
    value: str = "value",
    euclid: bool = True,
    batteries: bool = True,
) -> CompiledQuery:
    """The query for a checked ruleset.

    ``table`` is an SQL table expression (a quoted name or e.g. ``read_parquet('x')``); in the
    wide shape it has the key column and a column per input, read as text (a missing input
    column, when ``columns`` lists those present, counts as unanswered); ``carry`` columns are
    passed through to the output. In the long shape it has the key, ``question`` and ``value``
    columns, one row per answer.

    ``types`` gives the SQL type of columns by name (as the engine reports them): in the wide
    shape a numeric question in an integer column and a yes/no question in a boolean column
    are read as they are; a JSON column (DuckDB's JSON, PostgreSQL's json or jsonb; in the
    long shape, the value column) as JSON values of their own kinds, as ``decide`` reads
    them; every other column as text. Each record is first tested cheaply (every answer
    given in its plain form, allowed, and asked); only records that fail the test go through
    the full validation that names each problem.

    ``batteries`` tests the required questions asked on one condition together, each answer
    only where the condition holds: the form for engines that stop at the operand of AND and
    OR that decides (PostgreSQL, Spark, Trino; a fifth less CPU for Suuntima on PostgreSQL).
    ``batteries=False`` tests each question on its own: DuckDB evaluates every operand of the
    test for a whole vector of records, and so spends a sixth less on that form.

    ``euclid=False`` leaves out the layers of Euclid's algorithm, for a query that an engine
    with its own GCD runs as it is (``render.duckdb_native``): it takes DuckDB a tenth of a
    second to plan them, even though their result goes unread.
    """
    if not rs.checked:
        raise ValueError("only a checked ruleset can be compiled")
    if shape not in SHAPES:
        raise UsageError(f"unknown input shape {shape!r}; use one of: {', '.join(SHAPES)}", code="SR801")
    carry = tuple(dict.fromkeys(c for c in carry if c != key))  # the key is in the result already
    if carry and shape == "long":
        raise UsageError(f"the long shape, a row per answer, carries no column ({carry[0]}): a column of its rows is "
                         "not one of the record's; carry it with the wide shape", code="SR801")
    clash = [c for c in carry if c.lower() in RESULT_COLUMNS]
    if clash:
        raise UsageError(f"the carried column {clash[0]!r} has the name of a column the result writes; the result "
                         "would have two columns of that name", code="SR809")
    for inp in rs.inputs:
        if inp.domain.is_numeric and max(abs(inp.domain.values[0]), abs(inp.domain.values[-1])) >= 10**MAX_DIGITS:
            raise SqlCompileError(
                f"input {inp.id!r} allows numbers of more than {MAX_DIGITS} digits, which the SQL does not read"
            )
    order = _asked_order(rs)
    K, C = q(key), [q(x) for x in carry]
    kinds = {i.id: "text" for i in rs.inputs}
    if shape == "wide" and types:
        kinds.update({i.id: column_class(i, types.get(i.id)) for i in rs.inputs})
    elif types and is_json_type(types.get(value)):
        kinds = {i.id: "json" for i in rs.inputs}  # the long shape's values are JSON values
    source = _source(rs, table, shape, K, C, kinds, columns, q(question), q(value))
    text, widest = _two_branches(rs, source, order, kinds, shape, K, C, euclid, batteries)
    if widest > WIDE_LIMIT:
        raise SqlCompileError(
            f"ruleset {rs.id!r} needs integers of up to {len(_exact_digits(abs(widest)))} digits in SQL, more than the 38 "
            "an exact SQL integer type holds; simplify the scores (fewer nested divisions and products)"
        )
    if len(text) > MAX_EXPRESSION_CHARS:
        raise SqlCompileError(
            f"the SQL for ruleset {rs.id!r} would be {len(text)} characters long; nest the conditions less deeply"
        )
    return CompiledQuery(text, "bigint" if widest <= BIGINT_LIMIT else "wide", widest, tuple(carry), euclid)


def _layer(ctes: list, name: str, cols: Sequence[str], where: str | None = None) -> None:
    """Add the layer ``name``: the columns of the layer before it, and ``cols`` (``expr AS
    name`` each), of the rows that satisfy ``where``. Its text is written by ``_query``."""
    ctes.append((name, tuple(cols), where))


#: A quoted identifier (group 1), or a string literal, which may hold anything.
_QUOTED = re.compile(r"'(?:[^']|'')*'|(\"(?:[^\"]|\"\")*\")")


def _reads(expr: str) -> set[str]:
    """The columns (quoted) that ``expr`` reads."""
    return {m.group(1) for m in _QUOTED.finditer(expr) if m.group(1) is not None}


#: A column of a layer, ``expr AS "name"``: the name is the quoted identifier that ends it
#: (a name may hold `` AS `` itself).
_ALIASED = re.compile(r'(.*) AS ("(?:[^"]|"")*")', re.DOTALL)


def _split_alias(col: str) -> tuple[str, str]:
    """``(expr, name)`` of a layer's column ``expr AS "name"``."""
    m = _ALIASED.fullmatch(col)
    assert m is not None, col
    return m.group(1), m.group(2)


def _query(ctes: list, out: Sequence[str], source_from: str) -> tuple[list[tuple[str, str]], str]:
    """The layers' texts and the query of the result columns ``out`` read from the last.

    A layer passes on only the columns that a later layer or the result reads, and computes
    only those of its own that are read; a layer left with nothing of its own to compute or
    filter is left out. So every layer is as narrow as it can be: PostgreSQL, which keeps
    each layer a step of its own, copies every column a layer passes on, for every row, and
    DuckDB binds every column of every layer before it plans."""
    needed = set().union(*(_reads(_split_alias(col)[0]) for col in out))
    kept: list[tuple[str, list[str], list[str], str | None]] = []
    for name, cols, where in reversed(ctes):
        own = {_split_alias(col)[1]: col for col in cols}
        mine = [col for alias, col in own.items() if alias in needed]
        passed = needed - own.keys()
        if not mine and where is None:
            continue  # nothing of its own: the next layer reads the one before
        needed = passed | set().union(*(_reads(_split_alias(col)[0]) for col in mine))
        if where is not None:
            needed |= _reads(where)
        kept.append((name, mine, sorted(passed), where))
    kept.reverse()  # (what is still needed now is read from the input table)
    texts, before = [], None
    for name, mine, passed, where in kept:
        select = ", ".join([*passed, *mine])
        body = f"SELECT {select} " + (source_from if before is None else f"FROM {before}")
        texts.append((name, body + (f" WHERE {where}" if where else "")))
        before = name
    return texts, "SELECT " + ",\n  ".join(out) + f"\nFROM {q(before)}"


def _with(layers: list[tuple[str, str]]) -> str:
    return "WITH " + ",\n".join(f"{q(n)} AS (\n{body}\n)" for n, body in layers)


def _two_branches(rs, source, order, kinds, shape, K, C, euclid: bool, batteries: bool) -> tuple[str, int]:
    """The records that pass the quick test, then (UNION ALL) those that fail it."""
    source_cols, source_from = source
    widest, layers, selects = 1, [], []
    for lean in (True, False):
        c = _Compiler(rs)
        name = "plain" if lean else "full"
        ctes = [(f"{name}_src", tuple(source_cols), None)]
        test, asks, asked = _plain_test(c, rs, order, kinds, shape, batteries)
        _layer(ctes, f"{name}_asked", asks)
        if lean:
            c.present_sql = asked
            # answers all plain, allowed and asked: their values are as read
            values = []
            for inp in rs.inputs:
                f, _ = _fast_value(inp, _a(inp.id, "t"), kinds[inp.id])
                values.append(f"{f} AS {_a(inp.id, 'v')}")
                c.input_sql[inp.id] = _a(inp.id, "v")
            _layer(ctes, f"{name}_read", values, where=test)
            bad = codes = inputs = None
        else:
            _layer(ctes, f"{name}_read", [], where=f"NOT {test}")
            bad, codes, inputs = _validation_layers(c, rs, order, kinds, ctes, name, shape)
        ctes, out = _decision_layers(c, rs, ctes, name, K, C, bad, codes, inputs, euclid)
        texts, select = _query(ctes, out, source_from)
        layers += texts
        selects.append(select)
        widest = max(widest, c.widest)
    return _with(layers) + "\n" + "\nUNION ALL\n".join(selects), widest


def _a(input_id: str, part: str) -> str:
    """The column that holds one part of an input's answer (``t`` text, ``v`` value...)."""
    return q(f"{input_id}#{part}")


def _carried(k: int) -> str:
    """The name inside the query of the ``k``-th carried column: a carried column may have any
    name, that of a column of the query's own too (``#key``, ``a#v``), so it is read once
    under a name no other column of the query has, and given its own back in the result."""
    return q(f"#carry{k}")


def _source(rs, table, shape, K, C, kinds, columns, Q, V) -> tuple[list[str], str]:
    """The answers, one column per input: as text, or typed where the column is (the columns,
    ``expr AS name`` each, and the FROM clause that reads them)."""
    if shape == "wide":
        present = set(columns) if columns is not None else None
        # an input carried from a JSON column is carried as text (a string's own text)
        json_columns = {q(i.id) for i in rs.inputs if kinds[i.id] == "json"}
        cols = [f"{K} AS {q('#key')}"]
        # under names of the query's own, whatever the columns are called ('#key', 'a#v'...):
        # the result gives them back their names
        cols += [f"SR_JSON_TEXT({x}) AS {_carried(k)}" if x in json_columns else f"{x} AS {_carried(k)}"
                 for k, x in enumerate(C)]
        for inp in rs.inputs:
            if present is not None and inp.id not in present:
                src = "CAST(NULL AS TEXT)"
            elif kinds[inp.id] == "integer":
                src = f"CAST({q(inp.id)} AS {_INT})"
            elif kinds[inp.id] == "boolean":
                src = q(inp.id)
            elif kinds[inp.id] == "json":
                src = _json_text(inp, q(inp.id))
                cols.append(f"SR_JSON_IS_STRING({q(inp.id)}) AS {_a(inp.id, 'j')}")
            elif kinds[inp.id] == "float":  # read as text after this: never a whole number (SR303)
                src = f"CASE WHEN {q(inp.id)} IS NOT NULL THEN 'a decimal number' END"
            else:  # an empty text is no answer, as an empty CSV cell is (answers_from_text)
                src = f"NULLIF(CAST({q(inp.id)} AS TEXT), '')"
            cols.append(f"{src} AS {_a(inp.id, 't')}")
        return cols, f"FROM {table}"
    cols = [f"{K} AS {q('#key')}"]
    for inp in rs.inputs:
        mine = f"{Q} = {s(inp.id)}"
        if kinds[inp.id] == "json":
            cols.append(f"MAX(CASE WHEN {mine} THEN {_json_text(inp, V)} END) AS {_a(inp.id, 't')}")
            cols.append(f"BOOL_OR(CASE WHEN {mine} THEN SR_JSON_IS_STRING({V}) END) AS {_a(inp.id, 'j')}")
        else:
            cols.append(f"MAX(CASE WHEN {mine} THEN NULLIF(CAST({V} AS TEXT), '') END) AS {_a(inp.id, 't')}")
        cols.append(f"COUNT(CASE WHEN {mine} THEN 1 END) AS {_a(inp.id, 'n')}")
    other = f"CASE WHEN NOT {one_of(Q, [s(i.id) for i in rs.inputs])} THEN CAST({Q} AS TEXT) END"
    # a row with no question (NULL) asks a question that is not an input too: decide names
    # it 'null', before the others (``_records`` of the Python engine lists it first)
    no_question = f"MAX(CASE WHEN {Q} IS NULL THEN 1 ELSE 0 END)"
    cols.append(f"STRING_AGG(DISTINCT {other}, ',' ORDER BY {other}) AS {q('#unknown')}")
    cols.append(f"{no_question} AS {q('#noquestion')}")
    cols.append(f"COUNT(DISTINCT {other}) + {no_question} AS {q('#nunknown')}")
    return cols, f"FROM {table} GROUP BY {K}"


def _plain_test(c: _Compiler, rs, order, kinds, shape,
                batteries: bool = True) -> tuple[str, list[str], dict[str, str]]:
    """SQL that holds when every answer is given in its plain form, allowed and asked, with
    none unknown or given twice: then the record is valid and each answer's value is as read.
    (It may fail for a valid record, e.g. ``03``; the full validation then judges it.)

    The ``asked_when`` conditions it reads are columns of a layer before it (the second
    value returned, ``expr AS name`` each), each computed once however many questions it asks
    (Suuntima's battery: 4 conditions for 23 questions; PostgreSQL computes an expression
    each time it is written). The third value returned: for each required question with an
    ``asked_when``, the column of its condition, which on a record that passes the test holds
    exactly when the question is answered."""
    for inp in rs.inputs:
        c.input_sql[inp.id] = _fast_value(inp, _a(inp.id, "t"), kinds[inp.id])[0]
    tests, asks, answered_when = [], {}, {}

    def asked(expr: str | None) -> str | None:
        if expr is None:
            return None
        if expr not in asks:
            asks[expr] = q(f"#ask{len(asks)}")
        return asks[expr]

    # required questions asked on one condition, read as one kind of column: (answer, test) each
    battery: dict[tuple, list[tuple[str, str]]] = {}
    for inp in order:
        t = _a(inp.id, "t")
        test = _fast_value(inp, t, kinds[inp.id])[1]
        # boolean algebra rather than CASE, which costs more per row in a vectorised engine
        if inp.asked_when is None:
            answered = f"COALESCE({test}, TRUE)" if inp.optional else test
        else:
            cond = c.boolean(inp.asked_when)
            v, err = asked(cond.v), asked(cond.err)
            if not inp.optional:
                answered_when[inp.id] = v
                if batteries:
                    battery.setdefault((v, err, kinds[inp.id]), []).append((t, test))
                    continue
            given = f"({v} OR {t} IS NULL)" if inp.optional else f"(({t} IS NULL) <> ({v}))"
            answered = f"{given} AND COALESCE({test}, TRUE)"
            if err is not None:
                answered = f"{err} IS NULL AND {answered}"
        tests.append(f"({answered})")
    for (v, err, _), items in battery.items():
        # asked: every answer given and allowed (a test is TRUE only for a given answer); not
        # asked: none given. An engine that stops at the operand of OR and AND that decides
        # tests each answer only where its condition holds (Suuntima: a quarter of the records
        # for each battery). Where the condition is unknown, the two parts never both hold.
        none = f"COALESCE({', '.join(t for t, _ in items)}) IS NULL" if len(items) > 1 else f"{items[0][0]} IS NULL"
        if err is not None:
            tests.append(f"({err} IS NULL)")
        tests.append(f"(NOT {v} OR ({' AND '.join(test for _, test in items)}))")
        tests.append(f"({v} OR {none})")
    if shape == "long":
        tests.append(f"{q('#nunknown')} = 0")
        tests += [f"{_a(i.id, 'n')} <= 1" for i in rs.inputs]
    c.input_sql.clear()
    return (f"COALESCE({' AND '.join(tests)}, FALSE)", [f"{expr} AS {name}" for expr, name in asks.items()],
            answered_when)


def _validation_layers(c: _Compiler, rs, order, kinds, ctes, name, shape) -> tuple[str, str, str]:
    """Layers that read each answer and name every problem, in the order questions depend on
    each other; the columns that say whether the record is invalid, its codes and inputs.
    Only the long shape can name an unknown question or give one twice."""
    for layer, cols in _parse_layers(rs.inputs, _a, kinds):
        _layer(ctes, f"{name}_{layer}", cols)
    level: dict[str, int] = {}
    for inp in order:
        deps = ast.references(inp.asked_when) if inp.asked_when is not None else ()
        level[inp.id] = 1 + max((level[d] for d in deps if d in level), default=-1)
    # as in ``validate_answers``: an input whose answer is missing or invalid (already named) is
    # "unsure" (``#u``); an asked_when that cannot be evaluated is tried with every answer its
    # unsure inputs could have had, and blames the ruleset (its first error) only when no such
    # answer decides it. Inputs asked on the same condition (the questions of one battery) share
    # its columns, which ``asker`` names by the first of them.
    c.validating = True
    asker: dict[str, str] = {}
    for lv in range(max(level.values()) + 1):
        mine = [inp for inp in order if level[inp.id] == lv]
        asks, cols = {}, []
        same: dict[tuple[str, str | None], str] = {}
        for inp in mine:
            if inp.asked_when is None:
                continue
            cond = c.boolean(inp.asked_when)
            asks[inp.id] = cond.err is not None
            asker[inp.id] = same.setdefault((cond.v, cond.err), inp.id)
            if asker[inp.id] != inp.id:
                continue
            cols.append(f"{cond.v} AS {_a(inp.id, 'k')}")
            if cond.err is not None:
                tried_true, tried_false = _asked_branches(c, inp.asked_when)
                cols.append(f"{cond.err} AS {_a(inp.id, 'e')}")
                cols.append(f"{tried_true} AS {_a(inp.id, 'bt')}")
                cols.append(f"{tried_false} AS {_a(inp.id, 'bf')}")
        if cols:
            _layer(ctes, f"{name}_a{lv}", cols)
        cols = []
        for inp in mine:
            st, y = _a(inp.id, "s"), _a(inp.id, "y")
            missing = "'SR304'" if not inp.optional else "NULL"
            invalid = "CASE WHEN " + st + " = 'T' THEN 'SR303' WHEN " + st + " = 'O' THEN 'SR302' END"
            if inp.asked_when is None:
                problem = f"CASE WHEN {st} = 'N' THEN {missing} ELSE {invalid} END"
                unsure = f"{st} <> 'V'" if not inp.optional else f"({st} = 'T' OR {st} = 'O')"
                value = y
            else:
                k = _a(asker[inp.id], "k")
                # asked, and the condition evaluated
                problem = f"CASE WHEN {st} = 'N' THEN CASE WHEN {k} THEN {missing} END WHEN NOT {k} THEN 'SR305' ELSE {invalid} END"
                unsure = f"({k} AND {st} <> 'V')" if not inp.optional else f"({k} AND ({st} = 'T' OR {st} = 'O'))"
                value = f"CASE WHEN {k} THEN {y} END"
                if asks[inp.id]:
                    e, bt, bf = (_a(asker[inp.id], part) for part in ("e", "bt", "bf"))
                    tried = (
                        f"CASE WHEN NOT ({bt} OR {bf}) THEN SUBSTRING({e}, 1, 5) "
                        f"WHEN {st} = 'N' THEN CASE WHEN {bt} AND NOT {bf} THEN {missing} END "
                        f"WHEN NOT {bt} THEN 'SR305' ELSE {invalid} END"
                    )
                    problem = f"CASE WHEN {e} IS NULL THEN {problem} ELSE {tried} END"
                    unsure = (f"CASE WHEN {e} IS NULL THEN {unsure} "
                              f"ELSE ({bt} OR {bf}) AND ({st} = 'N' OR ({bt} AND {st} <> 'V')) END")
                    value = f"CASE WHEN {e} IS NULL THEN {value} WHEN {bt} THEN {y} END"
            cols.append(f"{problem} AS {_a(inp.id, 'p')}")
            cols.append(f"{unsure} AS {_a(inp.id, 'u')}")
            cols.append(f"{value} AS {_a(inp.id, 'v')}")
        for inp in mine:
            c.input_sql[inp.id] = _a(inp.id, "v")
        _layer(ctes, f"{name}_v{lv}", cols)
    c.validating = False

    problems = [_a(i.id, "p") for i in order]
    input_parts = [f"CASE WHEN {p} IS NOT NULL THEN {s(i.id)} END" for p, i in zip(problems, order)]
    if shape == "wide":  # a column per question: none unknown, none given twice (a shorter query)
        bad = "(" + " OR ".join(f"{p} IS NOT NULL" for p in problems) + ")"
        _layer(ctes, f"{name}_checked", [
            f"{bad} AS {q('#bad')}",
            f"CONCAT_WS(',', {', '.join(problems)}) AS {q('#codes')}",
            f"CONCAT_WS(',', {', '.join(input_parts)}) AS {q('#inputs')}",
        ])
        return q("#bad"), q("#codes"), q("#inputs")
    n_unknown = q("#nunknown")
    unknown = f"CASE WHEN {q('#noquestion')} > 0 THEN CONCAT_WS(',', 'null', {q('#unknown')}) ELSE {q('#unknown')} END"
    dups = " + ".join(f"CASE WHEN {_a(i.id, 'n')} > 1 THEN 1 ELSE 0 END" for i in rs.inputs)
    dup_inputs = ", ".join(f"CASE WHEN {_a(i.id, 'n')} > 1 THEN {s(i.id)} END" for i in rs.inputs)
    code_parts = [f"CASE WHEN {n_unknown} > 0 THEN {_repeat('SR301', n_unknown)} END"] + problems
    input_parts = [unknown, *input_parts]
    _layer(ctes, f"{name}_dups", [f"{dups} AS {q('#ndup')}"])
    ndup = q("#ndup")
    bad = f"({ndup} > 0 OR {n_unknown} > 0 OR " + " OR ".join(f"{p} IS NOT NULL" for p in problems) + ")"
    _layer(ctes, f"{name}_checked", [
        f"{bad} AS {q('#bad')}",
        f"CASE WHEN {ndup} > 0 THEN {_repeat('SR802', ndup)} ELSE CONCAT_WS(',', {', '.join(code_parts)}) END AS {q('#codes')}",
        f"CASE WHEN {ndup} > 0 THEN CONCAT_WS(',', {dup_inputs}) ELSE CONCAT_WS(',', {', '.join(input_parts)}) END "
        f"AS {q('#inputs')}",
    ])
    return q("#bad"), q("#codes"), q("#inputs")


def _asked_branches(c: _Compiler, cond: ast.Expr) -> tuple[str, str]:
    """SQL for whether ``cond`` (an asked_when that fails on the record's valid answers) is
    true, and whether it is false, for some answer (or none) that its unsure inputs could have
    had, as ``engine.reference._branches`` finds it: both FALSE when it reads no unsure input,
    or more combinations of answers than ``MAX_BRANCHES``. The inputs read are substituted
    with one value of each class of answers that ``cond`` cannot tell apart."""
    rs = c.rs
    refs = [r for r in dict.fromkeys(ast.references(cond)) if r in c.inputs]
    if not refs:  # it reads no answer (``1 / -2 = 1``): no answer can decide it otherwise
        return "FALSE", "FALSE"
    size = {r: len(c.inputs[r].domain.values) + 1 for r in refs}
    unsure = {r: _a(r, "u") for r in refs}
    any_unsure = "(" + " OR ".join(unsure.values()) + ")"
    budget = "1"
    for r in refs:
        budget = f"LEAST({MAX_BRANCHES + 1}, {budget} * CASE WHEN {unsure[r]} THEN {size[r]} ELSE 1 END)"
    # an input with more values than the budget is never tried: the budget fails whenever it is unsure
    tried = [r for r in refs if size[r] <= MAX_BRANCHES]
    options = [[*_answer_classes(rs, cond, c.inputs[r]), MISSING] for r in tried]
    combos = 1
    for o in options:
        combos *= len(o)
    if combos > MAX_BRANCHES:
        raise SqlCompileError(
            f"the asked_when of an input reads {', '.join(tried)}, whose answers fall into {combos} combinations "
            f"(more than {MAX_BRANCHES}); the SQL tries each when an answer is missing or invalid; "
            "let the condition read fewer inputs"
        )
    saved = dict(c.input_sql)
    outcomes_true, outcomes_false = [], []
    import itertools

    for combo in itertools.product(*options):
        for r, v in zip(tried, combo):
            c.input_sql[r] = f"CASE WHEN {unsure[r]} THEN {_literal(c.inputs[r], v)} ELSE {saved[r]} END"
        got = c.boolean(cond)
        ok = "TRUE" if got.err is None else f"{got.err} IS NULL"
        outcomes_true.append(f"({ok} AND {got.v})")
        outcomes_false.append(f"({ok} AND NOT {got.v})")
    c.input_sql.update(saved)
    open_ = f"{any_unsure} AND {budget} <= {MAX_BRANCHES}"
    return (f"COALESCE({open_} AND ({' OR '.join(outcomes_true)}), FALSE)",
            f"COALESCE({open_} AND ({' OR '.join(outcomes_false)}), FALSE)")


def _literal(inp: ast.Input, value) -> str:
    """An answer to ``inp`` as an SQL value (NULL for no answer)."""
    if value is MISSING:
        return "NULL"
    if inp.domain.kind == "boolean":
        return "TRUE" if value else "FALSE"
    if inp.domain.is_numeric:
        return lit(value)
    return s(value)


def _answer_classes(rs: ast.RulesetDef, cond: ast.Expr, inp: ast.Input) -> list:
    """One answer of ``inp`` for each class of answers that ``cond`` cannot tell apart: answers
    on which every part of ``cond`` that reads only ``inp`` gives the same value (or error)."""
    parts = []

    def visit(e: ast.Expr) -> None:
        refs = set(ast.references(e))
        if refs == {inp.id}:
            parts.append(e)
        elif inp.id in refs:
            for child in ast.children(e):
                visit(child)

    visit(cond)
    seen: dict[tuple, object] = {}
    for v in inp.domain.values:
        marks = []
        for part in parts:
            try:
                marks.append(("value", evaluate(part, {inp.id: v}, rs)))
            except EvaluationError as exc:
                marks.append(("error", exc.code))
        seen.setdefault(tuple(marks), v)
    return list(seen.values())


#: The names of the Euclid layers (``plain_g0``, ``full_g3``...): each reads the layer before it
#: and only the gcd marker reads them, so a dialect with its own GCD drops them.
EUCLID_LAYER = re.compile(r"(?:plain|full)_g[0-9]+")


def _decision_layers(c: _Compiler, rs, ctes, name, K, C, bad, codes, inputs,
                     euclid: bool = True) -> tuple[list, list[str]]:
    """Scores, rules and the axis scores in lowest terms, then the result columns (``expr AS
    name``), read from the last layer. ``bad`` (None: never) says a record is invalid, with
    its ``codes`` and ``inputs``. Without ``euclid`` the gcd is left to the engine's own."""
    # scores, one layer each, in evaluation order
    score_errs: list[str] = []
    for k, score in enumerate(rs.scores):
        got = c.value(score.expr)
        cols = []
        if isinstance(got, Num):
            cols.append(f"{got.n} AS {_a(score.id, 'sn')}")
            if got.d is not None:
                cols.append(f"{got.d} AS {_a(score.id, 'sd')}")
            ref = Num(_a(score.id, "sn"), _a(score.id, "sd") if got.d is not None else None, got.nb, got.db)
        else:
            cols.append(f"{got.v} AS {_a(score.id, 'sv')}")
            ref = Val(_a(score.id, "sv"), got.kind)
        if got.err is not None:
            cols.append(f"{got.err} AS {_a(score.id, 'se')}")
            score_errs.append(_a(score.id, "se"))
        c.score_cols[score.id] = ref
        _layer(ctes, f"{name}_s{k}", cols)

    # rules
    conds: list[Val] = []
    cols = []
    for r in rs.rules:
        if r.condition is None:
            conds.append(Val("TRUE", "boolean"))
            continue
        v = c.boolean(r.condition)
        cols.append(f"{v.v} AS {q(f'#r{r.index}')}")
        if v.err is not None:
            cols.append(f"{v.err} AS {q(f'#e{r.index}')}")
        conds.append(Val(q(f"#r{r.index}"), "boolean", q(f"#e{r.index}") if v.err is not None else None))
    _layer(ctes, f"{name}_ruled", cols)
    if rs.hit_policy == "first":
        err_case, rule_case = "CASE", "CASE"
        for r, v in zip(rs.rules, conds):
            if v.err is not None:
                err_case += f" WHEN {v.err} IS NOT NULL THEN {v.err}"
                rule_case += f" WHEN {v.err} IS NOT NULL THEN NULL"
            err_case += f" WHEN {v.v} THEN NULL"
            rule_case += f" WHEN {v.v} THEN {r.index + 1}"
        err_case += " ELSE 'SR401' END"
        rule_case += " END"
        rule_err, rule_no = err_case, rule_case
    else:
        segs: dict[str, list[str]] = {}
        for r, v in zip(rs.rules, conds):
            segs.setdefault(r.segment, []).append(v.v)
        hits = " + ".join(f"CASE WHEN {' OR '.join(vs)} THEN 1 ELSE 0 END" for vs in segs.values())
        errs = [v.err for v in conds if v.err is not None]
        rule_err = _coalesce(*errs, f"CASE WHEN {hits} = 0 THEN 'SR401' WHEN {hits} > 1 THEN 'SR402' END")
        rule_no = "CASE " + " ".join(f"WHEN {v.v} THEN {r.index + 1}" for r, v in zip(rs.rules, conds)) + " END"
    err = _coalesce(*score_errs, rule_err)
    _layer(ctes, f"{name}_decided", [f"{err} AS {q('#err')}", f"{rule_no} AS {q('#rule')}"])

    # the axis scores in lowest terms: Euclid's algorithm, a layer per step
    axes = []
    if rs.axes is not None:
        axes = [("resources", rs.axes.resources), ("complexity", rs.axes.complexity)]
    steps = 0
    for _, sid in axes:
        got = c.score_cols[sid]
        assert isinstance(got, Num)
        steps = max(steps, _euclid_steps(got.db))
    if axes and euclid:
        cols = []
        for role, sid in axes:
            got = c.score_cols[sid]
            den = got.den
            cols.append(f"CASE WHEN {den} > 0 THEN {den} ELSE {lit(1)} END AS {q(f'#{role}x0')}")
            cols.append(
                f"CASE WHEN {den} > 0 THEN ABS({got.n}) % {den} ELSE {lit(0)} END AS {q(f'#{role}y0')}"
            )
        _layer(ctes, f"{name}_g0", cols)
        for k in range(1, steps + 1):
            cols = []
            for role, _ in axes:
                x, y = q(f"#{role}x{k - 1}"), q(f"#{role}y{k - 1}")
                cols.append(f"CASE WHEN {y} = 0 THEN {x} ELSE {y} END AS {q(f'#{role}x{k}')}")
                cols.append(f"CASE WHEN {y} = 0 THEN {lit(0)} ELSE {x} % {y} END AS {q(f'#{role}y{k}')}")
            _layer(ctes, f"{name}_g{k}", cols)

    # the result
    ok = f"{q('#err')} IS NULL" if bad is None else f"NOT {bad} AND {q('#err')} IS NULL"
    seg_case = "CASE " + " ".join(f"WHEN {q('#rule')} = {r.index + 1} THEN {s(r.segment)}" for r in rs.rules) + " END"
    out = [f"{q('#key')} AS {K}"] + [f"{_carried(k)} AS {x}" for k, x in enumerate(C)]
    out.append(f"CASE WHEN {ok} THEN {seg_case} END AS {q('segment')}")
    out.append(f"CASE WHEN {ok} THEN {q('#rule')} END AS {q('rule')}")
    for role in ("resources", "complexity"):
        sid = dict(axes).get(role)
        if sid is None:
            out.append(f"CAST(NULL AS {_OUT}) AS {q(role + '_num')}")
            out.append(f"CAST(NULL AS {_OUT}) AS {q(role + '_den')}")
            continue
        got = c.score_cols[sid]
        # the gcd: an engine's own GCD where it has one (the rendering then drops the Euclid
        # layers), else the last Euclid step
        g = f"SR_GCD(ABS({got.n}), {got.den}, {q(f'#{role}x{steps}') if euclid else 'NULL'})"
        out.append(f"CAST(CASE WHEN {ok} THEN EXACT_QUOTIENT({got.n}, {g}) END AS {_OUT}) AS {q(role + '_num')}")
        out.append(f"CAST(CASE WHEN {ok} THEN EXACT_QUOTIENT({got.den}, {g}) END AS {_OUT}) AS {q(role + '_den')}")
    err_code = f"SUBSTRING({q('#err')}, 1, 5)"
    err_inputs = f"NULLIF(SUBSTRING({q('#err')}, 7), '')"
    if bad is None:
        out.append(f"{err_code} AS {q('error_codes')}")
        out.append(f"{err_inputs} AS {q('error_inputs')}")
    else:
        out.append(f"CASE WHEN {bad} THEN {codes} WHEN {q('#err')} IS NOT NULL THEN {err_code} END AS {q('error_codes')}")
        out.append(f"CASE WHEN {bad} THEN {inputs} WHEN {q('#err')} IS NOT NULL THEN {err_inputs} END AS {q('error_inputs')}")
    out.append(f"{s(rs.id)} AS {q('ruleset_id')}")
    out.append(f"{s(rs.version)} AS {q('ruleset_version')}")
    out.append(f"{s(rs.content_hash)} AS {q('ruleset_hash')}")
    return ctes, out


def _repeat(code: str, count: str) -> str:
    """``code`` ``count`` times, comma-separated (LPAD repeats its fill text in every engine)."""
    return f"LPAD('', CAST(6 * {count} - 1 AS INTEGER), {s(code + ',')})"


def _euclid_steps(bound: int) -> int:
    """Steps of Euclid's algorithm that suffice for numbers up to ``bound`` (Lamé)."""
    a, b, steps = 1, 1, 1
    while b <= bound:
        a, b = b, a + b
        steps += 1
    return steps + 1


def reduce_pair(n: int, d: int) -> tuple[int, int]:
    """The pair in lowest terms, as the SQL computes it (for tests and the Python engine)."""
    f = Fraction(n, d)
    return f.numerator, f.denominator
