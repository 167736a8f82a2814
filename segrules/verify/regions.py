"""A region of the answer space as a report shows it: the one printer of ``verify`` (where a gap
or an overlap lies) and ``diff`` (where answer sets move).

A region is given as the conditions of the rules (comparisons and other atoms) with the value
each takes there. It is written in the rule language's notation, which reads the same in every
language: the comparisons of one expression with constants merged into an interval or a value
(``resources in [3, 3.5)``, ``x + y = 5``, ``x != 2``), then the other conditions as they hold
(``battery = "risk"``, ``not (flag)``), and, when the values the scores reach there are known,
those after ``⇒`` (``resources = 3 and complexity < 3.5 ⇒ complexity in [1, 10/3]``). The one
region with no condition is ``EVERYWHERE``, said in the reader's language by
``words.region_text``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Iterable, Mapping

from ..dsl import ast
from ..dsl.printer import to_text
from ..engine.runtime import format_number
from ..errors import EvaluationError

__all__ = ["EVERYWHERE", "REACHED", "describe_region"]

#: A region with no condition: every answer set (the only region text that is not in the
#: rule language's notation; a report shows it in the reader's language, ``words.region_text``).
EVERYWHERE = "every answer set"
#: Between a region's conditions and the values its scores reach there (``x >= 3 ⇒ s in [3, 5]``).
REACHED = "⇒"

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!="}
_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "!=", "!=": "="}


def describe_region(atom_values: Iterable[tuple[ast.Expr, object]], rs: ast.RulesetDef | None = None,
                    ranges: Mapping[str, tuple] | None = None) -> str:
    """The region where each atom has its value (an atom that fails to evaluate there says
    nothing and is left out). With ``ranges`` (score id → (lowest, highest) there), the values
    reached by the scores of ``rs`` that the conditions read follow ``⇒``, in ``rs``'s order."""
    atom_values = list(atom_values)
    bounds: dict[str, list] = {}  # subject → [low, low inclusive, high, high inclusive, equal, not equal]
    others = []
    for atom, value in atom_values:
        if isinstance(value, EvaluationError):
            continue
        bound = _bound(atom, bool(value))
        if bound is None:
            text = to_text(atom)
            others.append(text if value else f"not ({text})")
            continue
        subject, op, c = bound
        b = bounds.setdefault(subject, [None, True, None, True, None, set()])
        if op in (">", ">=") and (b[0] is None or c > b[0] or (c == b[0] and op == ">")):
            b[0], b[1] = c, op == ">="
        elif op in ("<", "<=") and (b[2] is None or c < b[2] or (c == b[2] and op == "<")):
            b[2], b[3] = c, op == "<="
        elif op == "=":
            b[4] = c
        elif op == "!=":
            b[5].add(c)
    parts = []
    for subject, (lo, lo_in, hi, hi_in, eq, ne) in bounds.items():
        if eq is not None or (lo is not None and lo == hi and lo_in and hi_in):
            parts.append(f"{subject} = {format_number(eq if eq is not None else lo)}")
            continue
        if lo is not None and hi is not None:
            parts.append(f"{subject} in {'[' if lo_in else '('}{format_number(lo)}, {format_number(hi)}{']' if hi_in else ')'}")
        elif lo is not None:
            parts.append(f"{subject} {'>=' if lo_in else '>'} {format_number(lo)}")
        elif hi is not None:
            parts.append(f"{subject} {'<=' if hi_in else '<'} {format_number(hi)}")
        parts += [f"{subject} != {format_number(c)}" for c in sorted(ne)
                  if (lo is None or c > lo or c == lo and lo_in) and (hi is None or c < hi or c == hi and hi_in)]
    text = " and ".join(parts + others) if parts or others else EVERYWHERE
    if ranges and rs is not None:
        read = {r.id for a, _ in atom_values for r in ast.walk(a) if isinstance(r, ast.ScoreRef)}
        reached = [f"{s.id} = {format_number(ranges[s.id][0])}" if ranges[s.id][0] == ranges[s.id][1]
                   else f"{s.id} in [{format_number(ranges[s.id][0])}, {format_number(ranges[s.id][1])}]"
                   for s in rs.scores if s.id in ranges and s.id in read]
        if reached:
            text += f" {REACHED} " + ", ".join(reached)
    return text


def _bound(atom: ast.Expr, value: bool) -> tuple[str, str, object] | None:
    """(subject, operator as it holds, constant) for ``expression op number`` either way round."""
    if not isinstance(atom, ast.Compare) or len(atom.ops) != 1 or atom.ops[0] not in _FLIP:
        return None
    left, right = atom.operands
    op = atom.ops[0]
    lc, rc = _constant(left), _constant(right)
    if rc is not None and lc is None:
        subject, c = left, rc
    elif lc is not None and rc is None:
        subject, c, op = right, lc, _FLIP[op]
    else:
        return None
    return to_text(subject), (op if value else _NEGATE[op]), c


def _constant(e: ast.Expr) -> Fraction | None:
    """The exact value of an expression of numbers alone (``10 / 3``, ``-2``); None for any
    other (or a division by zero), so that ``m >= 10 / 3`` merges with ``m < 3.3334``."""
    if isinstance(e, ast.Number):
        return e.value
    if isinstance(e, ast.Negate):
        c = _constant(e.operand)
        return None if c is None else -c
    if isinstance(e, ast.Binary) and e.op in "+-*/":
        a, b = _constant(e.left), _constant(e.right)
        if a is None or b is None or (e.op == "/" and b == 0):
            return None
        return a + b if e.op == "+" else a - b if e.op == "-" else a * b if e.op == "*" else Fraction(a) / b
    return None
