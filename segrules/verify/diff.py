"""The exact semantic difference between two versions of a ruleset (``segrules diff``).

Both versions are encoded over one answer space (``smt.AnswerVariables``): an input with the
same id is the same answer in both. The result is a transition matrix: rows are what the old
version gives an answer set, columns what the new version gives it. Besides the segments, an
outcome is ``<none>`` (no segment rule holds), ``<several>`` (rules of several segments hold),
``<error>`` (the evaluation fails) or ``<invalid>`` (the answer set is not valid for that
version: it answers an input the version does not have, misses a required one, or is outside a
domain). Only answer sets valid for at least one version are compared.

Each cell is one solver query: unsatisfiable is a proof that no answer set moves that way
(``empty``); satisfiable gives a witness, decoded and re-run through ``Ruleset.decide`` of both
versions before it is shown (``found``); a timeout is ``undecided``, never a proof. When the
joint space is small, every answer set of both versions is enumerated with the reference
evaluator and each cell gets its exact count; otherwise cells are "not counted", never
estimated. The solver and the enumeration must agree, or nothing is claimed (SR641).
"""

from __future__ import annotations

import itertools
from typing import Any

import attrs

from ..errors import AnswerError, EvaluationError, SegrulesError
from . import smt
from .brute import answer_sets, outcome_of
from .budget import Budget, Undecided
from .model import size_text
from .space import AnswerSpace
from .structure import outcome_result

__all__ = ["SCHEMA", "Cell", "Difference", "VersionRef", "diff"]

SCHEMA = "segrules.diff/1"
#: The most answer sets (old and new together) enumerated to count the cells exactly.
COUNT_LIMIT = 50_000

NONE, SEVERAL, ERROR, INVALID = "<none>", "<several>", "<error>", "<invalid>"
SPECIAL = {
    NONE: "no segment",
    SEVERAL: "several segments",
    ERROR: "evaluation error",
    INVALID: "not a valid answer set",
}


class DiffError(SegrulesError):
    """The two versions cannot be compared, or the methods contradict each other."""


@attrs.frozen
class VersionRef:
    """One of the two versions compared."""

    id: str
    version: str
    content_hash: str
    file: str | None

    def to_json(self) -> dict:
        return {"id": self.id, "version": self.version, "content_hash": self.content_hash, "file": self.file}


@attrs.frozen
class Cell:
    """Answer sets the old version gives ``old`` and the new version gives ``new``.

    ``status``: ``empty`` (proven: there are none), ``found`` (``witness`` is one, re-run
    through both versions) or ``undecided``. ``count`` is the exact number, or None when the
    space was not enumerated.
    """

    old: str
    new: str
    status: str
    witness: dict | None = None
    count: int | None = None
    reason: str | None = None

    @property
    def moved(self) -> bool:
        return self.old != self.new

    def to_json(self) -> dict:
        out: dict[str, Any] = {"old": self.old, "new": self.new, "status": self.status, "count": self.count}
        if self.witness is not None:
            out["witness"] = self.witness
        if self.reason:
            out["reason"] = self.reason
        return out


@attrs.frozen
class Difference:
    """The transition matrix between two versions, and what it rests on."""

    old: VersionRef
    new: VersionRef
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[Cell, ...]
    counted: bool
    method: str
    inputs_only_old: tuple[str, ...]
    inputs_only_new: tuple[str, ...]
    inputs_changed: tuple[str, ...]
    notes: tuple[str, ...] = ()

    def cell(self, old: str, new: str) -> Cell:
        for c in self.cells:
            if c.old == old and c.new == new:
                return c
        raise KeyError((old, new))

    @property
    def moved(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.moved and c.status == "found")

    @property
    def undecided(self) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.moved and c.status == "undecided")

    @property
    def equal(self) -> bool | None:
        """True when proven equal everywhere, False when some answer set moves, else None."""
        if self.moved:
            return False
        return None if self.undecided else True

    def to_json(self) -> dict:
        return {
            "schema": SCHEMA,
            "old": self.old.to_json(),
            "new": self.new.to_json(),
            "equal": self.equal,
            "method": self.method,
            "counted": self.counted,
            "rows": list(self.rows),
            "columns": list(self.columns),
            "cells": [c.to_json() for c in self.cells],
            "inputs_only_old": list(self.inputs_only_old),
            "inputs_only_new": list(self.inputs_only_new),
            "inputs_changed": list(self.inputs_changed),
            "notes": list(self.notes),
        }

    def format(self) -> str:
        """The difference for a model owner: the verdict, then every cell that moves."""
        o, n = self.old, self.new
        lines = [f"old: {o.id} {o.version} sha256:{o.content_hash}" + (f" ({o.file})" if o.file else ""),
                 f"new: {n.id} {n.version} sha256:{n.content_hash}" + (f" ({n.file})" if n.file else "")]
        if self.inputs_only_old:
            lines.append(f"inputs only in the old version: {', '.join(self.inputs_only_old)}")
        if self.inputs_only_new:
            lines.append(f"inputs only in the new version: {', '.join(self.inputs_only_new)}")
        if self.inputs_changed:
            lines.append(f"inputs whose answers or questions changed: {', '.join(self.inputs_changed)}")
        if self.equal is True:
            lines.append("EQUAL (proven): every answer set gets the same result from both versions.")
        elif self.equal is False:
            lines.append(f"DIFFERENT: answer sets move in {len(self.moved)} "
                         f"{'way' if len(self.moved) == 1 else 'ways'}.")
        else:
            lines.append("UNDECIDED: no answer set was found to move, but not every cell was decided "
                         "within the budget; this is not a proof.")
        lines.append("")
        lines.append(_matrix_text(self))
        for c in self.moved:
            count = f"{c.count:,}".replace(",", " ") + " answer sets" if c.count is not None else "not counted"
            lines.append(f"\n{outcome_text(c.old)} -> {outcome_text(c.new)}: {count}")
            lines.append(f"  for example: {_answers_text(c.witness)}")
        for c in self.undecided:
            lines.append(f"\n{outcome_text(c.old)} -> {outcome_text(c.new)}: undecided ({c.reason})")
        if self.counted:
            lines.append("\nCounts are exact: every answer set of both versions was evaluated.")
        else:
            lines.append("\nCounts: not counted (the answer space is too large to enumerate); "
                         "every cell is still proven empty or shown with a witness.")
        lines.append("Only answer sets valid for both versions are compared; <invalid> marks those "
                     "valid for only one of them.")
        lines.extend(f"note: {t}" for t in self.notes)
        return "\n".join(lines)


def outcome_text(key: str) -> str:
    return SPECIAL.get(key, key)


def _answers_text(w: dict | None) -> str:
    if not w:
        return "(no answers)"
    return ", ".join(f"{k}={'yes' if v is True else 'no' if v is False else v}" for k, v in w.items())


def _matrix_text(d: Difference) -> str:
    def cell_text(c: Cell) -> str:
        if c.status == "empty":
            return "-"
        if c.status == "undecided":
            return "?"
        return f"{c.count:,}".replace(",", " ") if c.count is not None else "yes"

    head = ["old \\ new"] + list(d.columns)
    rows = [head]
    for r in d.rows:
        row = [r]
        for col in d.columns:
            try:
                row.append(cell_text(d.cell(r, col)))
            except KeyError:
                row.append("")
        rows.append(row)
    widths = [max(len(row[k]) for row in rows) for k in range(len(head))]
    out = ["  ".join(t.ljust(w) if k == 0 else t.rjust(w) for k, (t, w) in enumerate(zip(row, widths))).rstrip()
           for row in rows]
    out.append("(- proven empty, ? undecided, yes: some answer sets, not counted)")
    return "\n".join(out)


# --------------------------------------------------------------------------- the comparison


def observe(ruleset, answers: dict) -> str:
    """What one version gives an answer set, by its own ``validate`` and ``decide``."""
    try:
        ruleset.validate(answers)
    except (AnswerError, EvaluationError):
        return INVALID
    try:
        return ruleset.decide(answers).segment.id
    except EvaluationError as exc:
        if exc.code == "SR401":
            return NONE
        if exc.code == "SR402":
            return SEVERAL
        return ERROR


def _outcomes(rs) -> list[str]:
    d = rs.definition
    out = [s.id for s in d.segments] + [NONE]
    if d.hit_policy != "first":
        out.append(SEVERAL)
    return out + [ERROR, INVALID]


def _ref(ruleset, file: str | None) -> VersionRef:
    r = ruleset.ref
    return VersionRef(r.id, r.version, r.content_hash, file)


def diff(old, new, *, budget: Budget | float | None = None, old_file: str | None = None,
         new_file: str | None = None, count_limit: int = COUNT_LIMIT) -> Difference:
    """The transition matrix between two loaded rulesets (``segrules.Ruleset``)."""
    budget = Budget.of(budget)
    do, dn = old.definition, new.definition
    ins_o = {i.id: i for i in do.inputs}
    ins_n = {i.id: i for i in dn.inputs}
    only_o = tuple(sorted(set(ins_o) - set(ins_n)))
    only_n = tuple(sorted(set(ins_n) - set(ins_o)))
    changed = tuple(sorted(k for k in set(ins_o) & set(ins_n) if _input_sig(ins_o[k]) != _input_sig(ins_n[k])))
    for k in sorted(set(ins_o) & set(ins_n)):
        if _kind(ins_o[k]) != _kind(ins_n[k]):
            raise DiffError(
                f"input {k!r} is {_kind(ins_o[k])} in the old version and {_kind(ins_n[k])} in the new one: "
                "an answer cannot be both; give the changed input a new id", code="SR640")
    rows, cols = _outcomes(old), _outcomes(new)
    notes: list[str] = []
    counts = _count(old, new, budget, count_limit, notes)
    smt_cells = _prove(old, new, rows, cols, budget, notes)
    cells = []
    for r in rows:
        for c in cols:
            if r == INVALID and c == INVALID:
                continue
            cells.append(_cell(old, new, r, c, counts, smt_cells))
    method = "smt" if smt_cells is not None else "enumeration"
    if smt_cells is not None and counts is not None:
        method = "smt+enumeration"
    return Difference(_ref(old, old_file), _ref(new, new_file), tuple(rows), tuple(cols), tuple(cells),
                      counts is not None, method, only_o, only_n, changed, tuple(notes))


def _kind(inp) -> str:
    return "a number" if inp.domain.is_numeric else ("yes/no" if inp.domain.kind == "boolean" else "a choice")


def _input_sig(inp) -> tuple:
    return (inp.domain.kind, tuple(inp.domain.values), inp.optional, inp.asked_when)  # spans do not compare


def _cell(old, new, r: str, c: str, counts, smt_cells) -> Cell:
    count = None
    first = None
    if counts is not None:
        count, first = counts.get((r, c), (0, None))
    if smt_cells is None:
        if counts is None:
            return Cell(r, c, "undecided", reason="neither the solver nor the enumeration could run")
        return Cell(r, c, "found", _checked(old, new, r, c, first), count) if count else Cell(r, c, "empty", count=0)
    status, witness, reason = smt_cells[(r, c)]
    if counts is not None:
        if status == "empty" and count:
            raise DiffError(f"the solver proved {r} -> {c} empty, but {count} answer sets were counted in it; "
                            "nothing is claimed (a bug in segrules)", code="SR641")
        if status == "found" and not count:
            raise DiffError(f"the solver found an answer set {r} -> {c} that the enumeration did not count; "
                            "nothing is claimed (a bug in segrules)", code="SR641")
        if status == "undecided":  # the enumeration is exact by construction
            return Cell(r, c, "found", _checked(old, new, r, c, first), count) if count else Cell(r, c, "empty", count=0)
    return Cell(r, c, status, witness, count, reason)


def _checked(old, new, r: str, c: str, answers: dict) -> dict:
    got = (observe(old, answers), observe(new, answers))
    if got != (r, c):
        raise DiffError(f"the witness {answers} of {r} -> {c} gives {got[0]} -> {got[1]} when re-run; "
                        "nothing is claimed (a bug in segrules)", code="SR641")
    return answers


def _sets(rs, budget: Budget) -> dict[frozenset, str]:
    """Every valid answer set of one version (answered inputs only) and its outcome."""
    d = rs.definition
    out = {}
    for values, case in budget.watch(answer_sets(d), "enumerating the answer sets"):
        if case is not None:  # a question whose asked_when fails: not a valid answer set
            continue
        res = outcome_of(d, values)
        if isinstance(res, EvaluationError):
            key = ERROR
        else:
            o = outcome_result(d, res)
            key = o[1] if o[0] == "segment" else NONE if o[0] == "none" else SEVERAL
        out[frozenset((k, v) for k, v in values.items() if v is not None)] = key
    return out


def _count(old, new, budget: Budget, limit: int, notes: list) -> dict | None:
    try:
        size = AnswerSpace(old.definition).size(budget) + AnswerSpace(new.definition).size(budget)
        if size > limit:
            notes.append(f"the two versions have {size_text(size)} answer sets together, more than "
                         f"{size_text(limit)}: not counted")
            return None
        a, b = _sets(old, budget), _sets(new, budget)
    except Undecided as exc:
        notes.append(f"not counted: {exc}")
        return None
    counts: dict[tuple, list] = {}
    for key in itertools.chain(a, (k for k in b if k not in a)):
        cell = (a.get(key, INVALID), b.get(key, INVALID))
        got = counts.setdefault(cell, [0, None])
        got[0] += 1
        if got[1] is None:
            got[1] = dict(sorted(key))
    return {k: (v[0], v[1]) for k, v in counts.items()}


def _prove(old, new, rows, cols, budget: Budget, notes: list) -> dict | None:
    reason = smt.unavailable_reason()
    if reason is not None:
        notes.append(reason)
        return None
    z3 = smt.z3
    try:
        space = smt.AnswerVariables()
        a = smt.Encoding(old.definition, space, name="old.")
        b = smt.Encoding(new.definition, space, name="new.")
    except smt.EncodingError as exc:
        notes.append(f"the solver cannot encode the versions: {exc}")
        return None
    ins_o = {i.id: i for i in old.definition.inputs}
    ins_n = {i.id: i for i in new.definition.inputs}
    ctx = space.ctx

    def none_answered(ids):
        return z3.And([z3.Not(space.vars[i].answered) for i in ids] or [z3.BoolVal(True, ctx)])

    va = z3.And(a.valid, none_answered(sorted(set(ins_n) - set(ins_o))))
    vb = z3.And(b.valid, none_answered(sorted(set(ins_o) - set(ins_n))))
    base = [*a.definitions, *b.definitions, z3.Or(va, vb)]
    for k, v in space.vars.items():  # every variable in some domain, so that models decode
        doms = [e._domain(ins[k], v) for e, ins in ((a, ins_o), (b, ins_n)) if k in ins]
        base.append(z3.Or(doms))

    def outcome(e, valid, key):
        if key == INVALID:
            return z3.Not(valid)
        if key == NONE:
            return z3.And(valid, e.gap)
        if key == SEVERAL:
            return z3.And(valid, e.overlap)
        if key == ERROR:
            return z3.And(valid, e.error != 0)
        return z3.And(valid, e.decision[key])

    s = z3.Solver(ctx=ctx)
    s.add(*base)
    inputs = list(old.definition.inputs) + [i for i in new.definition.inputs if i.id not in ins_o]
    out = {}
    for r in rows:
        for c in cols:
            if r == INVALID and c == INVALID:
                continue
            left = budget.remaining()
            if left <= 0:
                out[(r, c)] = ("undecided", None, f"the time budget of {budget.seconds:g} s ran out")
                continue
            if left != float("inf"):
                s.set("timeout", max(1, int(left * 1000)))
            got = s.check(outcome(a, va, r), outcome(b, vb, c))
            if got == z3.unsat:
                out[(r, c)] = ("empty", None, None)
            elif got == z3.sat:
                answers = space.decode(s.model(), inputs)
                out[(r, c)] = ("found", _checked(old, new, r, c, answers), None)
            else:
                out[(r, c)] = ("undecided", None, f"the solver gave no answer ({s.reason_unknown()})")
    return out
