"""Printing AST expressions back to rule-language text.

``to_text`` works on unchecked trees (``Name``, ``Call``) and checked trees (``InputRef``,
``ScoreRef``, ``Aggregate``, ``Answered``) alike. It writes the fewest parentheses the
grammar needs, so that parsing the printed text gives the same tree back (spans aside) for
every tree the parser can produce, and printing is idempotent: printing the parse of a
printed text gives that text again.

Numbers print exactly: ``3``, ``2.5``, ``-0.125``. A fraction without a finite decimal form
(which the parser never produces) prints as ``(1 / 3)``, which reads back as a division; a
text containing ``"`` or a line break cannot be written in the language and raises
``ValueError``.

Precedence, from the loosest binding to the tightest: ``if … then … else``, ``or``, ``and``,
``not``, comparisons and ``in``, ``+ -``, ``* /``, unary minus, atoms. ``or``, ``and``,
``+ -`` and ``* /`` group to the left, as the parser reads them.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable

from . import ast

# precedence levels
_IF, _OR, _AND, _NOT, _CMP, _SUM, _PROD, _UNARY, _ATOM = range(9)
_LEVEL_OF_OP = {"+": _SUM, "-": _SUM, "*": _PROD, "/": _PROD}


def to_text(expr: ast.Expr) -> str:
    """Rule-language text of an expression, with minimal parentheses."""
    return _print(expr, _IF)


def rule_text(rule: ast.Rule) -> str:
    """``<segment> when <condition>`` or ``<segment> otherwise``."""
    if rule.condition is None:
        return f"{rule.segment} otherwise"
    return f"{rule.segment} when {to_text(rule.condition)}"


def number_text(value: Fraction | int) -> str:
    """Exact text of a number: ``3``, ``-2.5``; ``(1 / 3)`` when there is no finite decimal."""
    f = Fraction(value)
    text = decimal_text(f)
    return text if text is not None else f"({f.numerator} / {f.denominator})"


def decimal_places(f: Fraction) -> int | None:
    """How many decimal places ``f`` has written exactly (``2`` for 2.25), or None when it has
    no finite decimal form (1/3). A fraction in lowest terms has one exactly when its
    denominator has no prime factors but 2 and 5; no float is made, so any size is exact."""
    d = f.denominator
    twos = (d & -d).bit_length() - 1
    d >>= twos
    fives = 0
    while d % 5 == 0:
        d //= 5
        fives += 1
    return max(twos, fives) if d == 1 else None


def decimal_text(f: Fraction, digits: Callable[[int], str] = str) -> str | None:
    """The exact decimal form of ``f`` (``3``, ``-2.5``), or None when it has none (1/3).

    ``digits`` writes the integer digits; where it gives something other than digits (an
    order of magnitude for a number too long to show), that text is returned as it is.
    """
    places = decimal_places(f)
    if places is None:
        return None
    text = digits(abs(f.numerator) * 10**places // f.denominator)
    sign = "-" if f < 0 else ""
    if places == 0 or not text.isdigit():
        return sign + text
    text = text.rjust(places + 1, "0")
    return f"{sign}{text[:-places]}.{text[-places:]}"


def _level(e: ast.Expr) -> int:
    """How tightly the printed form of ``e`` binds."""
    if isinstance(e, ast.If):
        return _IF
    if isinstance(e, ast.Or):
        return _OR
    if isinstance(e, ast.And):
        return _AND
    if isinstance(e, ast.Not):
        return _NOT
    if isinstance(e, (ast.Compare, ast.In)):
        return _CMP
    if isinstance(e, ast.Binary):
        return _LEVEL_OF_OP[e.op]
    if isinstance(e, ast.Negate):
        return _UNARY
    if isinstance(e, ast.Number):
        # a negative number is read as unary minus applied to a literal
        return _UNARY if e.value < 0 else _ATOM
    return _ATOM


def _print(e: ast.Expr, need: int) -> str:
    """Text of ``e`` in a place that needs at least precedence ``need``."""
    e = _folded(e)
    text = _bare(e)
    return f"({text})" if _level(e) < need else text


def _folded(e: ast.Expr) -> ast.Expr:
    """The parser reads '-<number>' as a negative number: print a negated number that way."""
    if isinstance(e, ast.Negate):
        inner = _folded(e.operand)
        if isinstance(inner, ast.Number):
            return ast.Number(-inner.value, e.span)
    return e


def _bare(e: ast.Expr) -> str:
    if isinstance(e, ast.Number):
        return number_text(e.value)
    if isinstance(e, ast.String):
        if '"' in e.value or "\n" in e.value:
            raise ValueError(f"the rule language has no way to write the text {e.value!r}")
        return f'"{e.value}"'
    if isinstance(e, ast.Bool):
        return "true" if e.value else "false"
    if isinstance(e, (ast.Name, ast.InputRef, ast.ScoreRef)):
        return e.id
    if isinstance(e, ast.Call):
        return f"{e.func}({', '.join(_print(a, _IF) for a in e.args)})"
    if isinstance(e, ast.Aggregate):
        args = e.written or e.items
        return f"{e.func}({', '.join(_print(a, _IF) for a in args)})"
    if isinstance(e, ast.Answered):
        return f"answered({e.input.id})"
    if isinstance(e, ast.Negate):
        return "-" + _print(e.operand, _UNARY)
    if isinstance(e, ast.Binary):
        level = _LEVEL_OF_OP[e.op]
        # left-associative: the left operand may be at the same level, the right one not
        return f"{_print(e.left, level)} {e.op} {_print(e.right, level + 1)}"
    if isinstance(e, ast.Compare):
        parts = [_print(e.operands[0], _SUM)]
        for op, operand in zip(e.ops, e.operands[1:]):
            parts.append(f"{op} {_print(operand, _SUM)}")
        return " ".join(parts)
    if isinstance(e, ast.In):
        values = ", ".join(_bare(v) for v in e.values)  # literals
        return f"{_print(e.operand, _SUM)} in ({values})"
    if isinstance(e, (ast.And, ast.Or)):
        word, level = ("and", _AND) if isinstance(e, ast.And) else ("or", _OR)
        first, *rest = e.operands
        return f" {word} ".join([_print(first, level)] + [_print(o, level + 1) for o in rest])
    if isinstance(e, ast.Not):
        return "not " + _print(e.operand, _NOT)
    if isinstance(e, ast.If):
        return f"if {_print(e.cond, _IF)} then {_print(e.then, _IF)} else {_print(e.otherwise, _IF)}"
    raise TypeError(f"not an expression: {e!r}")


#: The comparison operators as a reader sees them in words (``>=`` is ``≥``).
_SYMBOLS = {"<=": "≤", ">=": "≥", "!=": "≠", "<": "<", ">": ">", "=": "="}


def to_words(
    expr: ast.Expr,
    *,
    words: Callable[[str], str],
    name: Callable[[str], str],
    number: Callable[[Fraction | int], str],
    value: Callable[[ast.Expr, ast.Expr], str] | None = None,
) -> str:
    """An expression for a reader rather than for the parser: names as the model's labels,
    numbers in the reader's own form, ``and``, ``or`` and the functions in the reader's words.

    ``words(w)`` translates a word of the language (``and``, ``or``, ``not``, ``if``, ``then``,
    ``else``, ``in``, ``answered`` and the aggregate functions); ``name(id)`` gives the label
    of an input, score or group; ``number`` writes a number; ``value(operand, literal)`` writes
    a literal compared with ``operand`` (an enum code as its label). Parentheses are placed as
    ``to_text`` places them, so the reading is the same; the text is not meant to be parsed.
    """

    def literal(operand: ast.Expr, v: ast.Expr) -> str:
        if value is not None:
            return value(operand, v)
        return out(v, _ATOM)

    def out(e: ast.Expr, need: int) -> str:
        e = _folded(e)
        text = bare(e)
        return f"({text})" if _level(e) < need else text

    def bare(e: ast.Expr) -> str:
        if isinstance(e, ast.Number):
            return number(e.value)
        if isinstance(e, ast.String):
            return f'"{e.value}"'
        if isinstance(e, ast.Bool):
            return words("true" if e.value else "false")
        if isinstance(e, (ast.Name, ast.InputRef, ast.ScoreRef)):
            return name(e.id)
        if isinstance(e, (ast.Call, ast.Aggregate)):
            args = e.args if isinstance(e, ast.Call) else (e.written or e.items)
            return f"{words(e.func)}({', '.join(out(a, _IF) for a in args)})"
        if isinstance(e, ast.Answered):
            return f"{words('answered')}({name(e.input.id)})"
        if isinstance(e, ast.Negate):
            return "-" + out(e.operand, _UNARY)
        if isinstance(e, ast.Binary):
            level = _LEVEL_OF_OP[e.op]
            return f"{out(e.left, level)} {e.op} {out(e.right, level + 1)}"
        if isinstance(e, ast.Compare):
            parts = [out(e.operands[0], _SUM)]
            previous = e.operands[0]
            for op, operand in zip(e.ops, e.operands[1:]):
                shown = literal(previous, operand) if isinstance(operand, ast.String) else out(operand, _SUM)
                parts.append(f"{_SYMBOLS[op]} {shown}")
                previous = operand
            return " ".join(parts)
        if isinstance(e, ast.In):
            values = ", ".join(literal(e.operand, v) if isinstance(v, ast.String) else bare(v) for v in e.values)
            return f"{out(e.operand, _SUM)} {words('in')} ({values})"
        if isinstance(e, (ast.And, ast.Or)):
            word, level = ("and", _AND) if isinstance(e, ast.And) else ("or", _OR)
            first, *rest = e.operands
            return f" {words(word)} ".join([out(first, level)] + [out(o, level + 1) for o in rest])
        if isinstance(e, ast.Not):
            return f"{words('not')} " + out(e.operand, _NOT)
        if isinstance(e, ast.If):
            return (f"{words('if')} {out(e.cond, _IF)} {words('then')} {out(e.then, _IF)} "
                    f"{words('else')} {out(e.otherwise, _IF)}")
        raise TypeError(f"not an expression: {e!r}")

    return out(expr, _IF)
