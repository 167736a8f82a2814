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
versions before it is shown (``found``); a timeout is ``undecided``, never a proof.

Each cell also gets its exact count and share of the answer space: where both versions ask
the same questions, from the joint structural count (``counting.count_joint``, at any size the
structure allows), with the moved region in the model's own terms (``resources in [3, 3.5)``);
otherwise, when the joint space is small, by enumerating every answer set of both versions with
the reference evaluator. Beyond both, cells are "not counted" with the reason, never
estimated. The solver and the counts must agree, or nothing is claimed (SR641).
"""

from __future__ import annotations

import itertools
from typing import Any

import attrs

from fractions import Fraction

from ..engine import reference
from ..engine.runtime import exact_text, format_number
from ..errors import AnswerError, EvaluationError, SegrulesError
from ..i18n import count as _count_text, decimal_point, text as _t
from . import smt
from .brute import answer_sets, outcome_of
from .budget import Budget, TimeLimit, Undecided
from .prover import SolverUnknown, solve_within
from .counting import ERROR, NONE, SEVERAL, NotCounted, count_joint, share_text
from .model import size_text
from .space import AnswerSpace
from .structure import outcome_result
from .words import reason_text, region_text

__all__ = ["SCHEMA", "Cell", "Difference", "VersionRef", "diff"]

SCHEMA = "segrules.diff/1"
#: Regions shown per moved cell (the largest first; the JSON has every one).
REGIONS_SHOWN = 3
#: The most answer sets (old and new together) enumerated to count the cells exactly.
COUNT_LIMIT = 50_000

INVALID = "<invalid>"  # besides counting's NONE, SEVERAL and ERROR
#: The outcomes besides the segments, by their catalogue keys (segrules.i18n).
SPECIAL = {NONE: "outcome.none", SEVERAL: "outcome.several", ERROR: "outcome.error", INVALID: "outcome.invalid"}


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
    through both versions) or ``undecided``. ``count`` is the exact number and ``share`` its
    part of the answer sets compared, or None when not counted. ``regions``: where the cell's
    answer sets lie, in the model's terms, with their counts (largest first); ``scores``: the
    witness's scores in the old and the new version.
    """

    old: str
    new: str
    status: str
    witness: dict | None = None
    count: int | None = None
    reason: str | None = None
    share: Fraction | None = None
    regions: tuple[tuple[str, int], ...] = ()
    scores: tuple[tuple[tuple[str, Any], ...], tuple[tuple[str, Any], ...]] | None = None
    budget: str | None = None  # for an undecided cell, the budget that ran out (budget.UNITS), if one did

    @property
    def moved(self) -> bool:
        return self.old != self.new

    def to_json(self) -> dict:
        out: dict[str, Any] = {"old": self.old, "new": self.new, "status": self.status, "count": self.count}
        if self.share is not None:
            out["share"] = exact_text(self.share.numerator, self.share.denominator)
        if self.witness is not None:
            out["witness"] = self.witness
        if self.scores is not None:
            out["scores"] = {side: {k: _number_json(v) for k, v in values}
                             for side, values in zip(("old", "new"), self.scores)}
        if self.regions:
            out["regions"] = [{"region": r, "count": n} for r, n in self.regions]
        if self.reason:
            out["reason"] = self.reason
        if self.budget:
            out["budget_exhausted"] = self.budget
        return out

    def share_text(self, total: int | None) -> str:
        return share_text(self.count, total) if self.count is not None and total else ""


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
    answer_sets: int | None = None  # the answer sets compared (valid for at least one version), when counted
    count_method: str | None = None  # "structural" or "enumeration", when counted
    not_counted: str | None = None  # why the cells are not counted
    budget: dict | None = None  # the work budgets the comparison ran with (Budget.to_json)
    stopped: bool = False  # the safety stop (time limit) was reached: no verdict

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
        """True when proven equal everywhere, False when some answer set moves, else None
        (and None when the time limit stopped the comparison: no verdict)."""
        if self.stopped:
            return None
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
            "count_method": self.count_method,
            "answer_sets": self.answer_sets,
            "not_counted": self.not_counted,
            "rows": list(self.rows),
            "columns": list(self.columns),
            "cells": [c.to_json() for c in self.cells],
            "inputs_only_old": list(self.inputs_only_old),
            "inputs_only_new": list(self.inputs_only_new),
            "inputs_changed": list(self.inputs_changed),
            "notes": list(self.notes),
            "budget": self.budget,
            "stopped": self.stopped,
        }

    def format(self, lang: str = "en") -> str:
        """The difference for a model owner: the verdict, the matrix, then every cell that moves
        with its count, share, region and an example with its scores; ``lang``: fi, sv, en."""
        o, n = self.old, self.new
        lines = [f"{_t(lang, 'diff.old')}: {o.id} {o.version} sha256:{o.content_hash}" + (f" ({o.file})" if o.file else ""),
                 f"{_t(lang, 'diff.new')}: {n.id} {n.version} sha256:{n.content_hash}" + (f" ({n.file})" if n.file else "")]
        for key, ids in (("diff.only_old", self.inputs_only_old), ("diff.only_new", self.inputs_only_new),
                         ("diff.changed", self.inputs_changed)):
            if ids:
                lines.append(f"{_t(lang, key)}: {', '.join(ids)}")
        lines.append(self.verdict(lang))
        lines.append("")
        lines.append(_matrix_text(self, lang))
        for c in self.moved:
            lines.append(f"\n{outcome_text(c.old, lang)} -> {outcome_text(c.new, lang)}: {self.count_text(c, lang)}")
            for region, count in c.regions[:REGIONS_SHOWN]:
                lines.append(f"  {_t(lang, 'diff.where')} {region_text(region, lang)}: {size_text(count, lang)} "
                             f"({share_text(count, self.answer_sets, lang)})")
            if len(c.regions) > REGIONS_SHOWN:
                lines.append("  " + _count_text(lang, "diff.more_regions", len(c.regions) - REGIONS_SHOWN))
            lines.append(f"  {_t(lang, 'diff.example')}: {_answers_text(c.witness)}")
            if c.scores is not None and any(c.scores):
                lines.append(f"  {_t(lang, 'diff.scores')}: {scores_text(c.scores, lang)}")
        for c in self.undecided:
            lines.append(f"\n{outcome_text(c.old, lang)} -> {outcome_text(c.new, lang)}: "
                         + _t(lang, "diff.undecided_reason", reason=reason_text(c.reason, lang)))
        lines.append("")
        lines.append(self.counts_text(lang))
        lines.append(_t(lang, "diff.valid_only", invalid=outcome_text(INVALID, lang)))
        lines.extend(f"{_t(lang, 'diff.note')}: {reason_text(t, lang)}" for t in self.notes)
        return "\n".join(lines)

    def matrix_axes(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """(rows, columns, left out): the matrix as shown, without the outcomes besides the
        segments (no segment, several, error, invalid) whose row and column are proven empty
        throughout; every segment is always shown."""
        def empty(key: str) -> bool:
            return all(c.status == "empty" for c in self.cells if key in (c.old, c.new))

        hidden = tuple(k for k in SPECIAL if (k in self.rows or k in self.columns) and empty(k))
        return (tuple(r for r in self.rows if r not in hidden), tuple(c for c in self.columns if c not in hidden),
                hidden)

    def verdict(self, lang: str = "en") -> str:
        if self.stopped:
            return _t(lang, "diff.stopped")
        if self.equal is True:
            return _t(lang, "diff.equal")
        if self.equal is False:
            return _count_text(lang, "diff.different", len(self.moved))
        return _t(lang, "diff.undecided")

    def count_text(self, c: Cell, lang: str = "en") -> str:
        """``123 answer sets (4.5 % of the answer space)``, or "not counted"."""
        if c.count is None:
            return _t(lang, "diff.not_counted_cell")
        return _t(lang, "diff.cell", count=size_text(c.count, lang), share=share_text(c.count, self.answer_sets or 0, lang))

    def counts_text(self, lang: str = "en") -> str:
        if self.counted and self.count_method == "structural":
            return _t(lang, "diff.counted.structural", size=size_text(self.answer_sets or 0, lang))
        if self.counted:
            return _t(lang, "diff.counted.enumeration")
        return _t(lang, "diff.not_counted", reason=reason_text(self.not_counted, lang) or "")


def outcome_text(key: str, lang: str = "en") -> str:
    """A row or column of the matrix in words: a segment id as it is, the others translated."""
    return _t(lang, SPECIAL[key]) if key in SPECIAL else key


def scores_text(scores, lang: str = "en") -> str:
    """``old: resources = 3, complexity = 2; new: ...``, the words in ``lang``."""
    parts = []
    for key, values in zip(("diff.old", "diff.new"), scores):
        parts.append(f"{_t(lang, key)}: " + (side_scores_text(values, lang) or "-"))
    return "; ".join(parts)


def side_scores_text(values, lang: str) -> str:
    """``resources = 3, complexity = 2,8``: exact, with the decimal separator of ``lang``."""
    point = decimal_point(lang)
    return ", ".join(f"{k} = {format_number(v).replace('.', point)}" for k, v in values)


def _number_json(v):
    if isinstance(v, bool) or not isinstance(v, (int, Fraction)):
        return v
    f = Fraction(v)
    return exact_text(f.numerator, f.denominator)


def _answers_text(w: dict | None) -> str:
    if not w:
        return "(no answers)"
    return ", ".join(f"{k}={'true' if v is True else 'false' if v is False else format_number(v)}" for k, v in w.items())


def _matrix_text(d: Difference, lang: str = "en") -> str:
    def cell_text(c: Cell) -> str:
        if c.status == "empty":
            return "-"
        if c.status == "undecided":
            return "?"
        if c.count is None:
            return "+"
        return f"{size_text(c.count, lang)} ({share_text(c.count, d.answer_sets or 0, lang)})"

    shown_rows, shown_columns, hidden = d.matrix_axes()
    head = [_t(lang, "diff.corner")] + [outcome_text(c, lang) for c in shown_columns]
    rows = [head]
    for r in shown_rows:
        row = [outcome_text(r, lang)]
        for col in shown_columns:
            try:
                row.append(cell_text(d.cell(r, col)))
            except KeyError:
                row.append("")
        rows.append(row)
    widths = [max(len(row[k]) for row in rows) for k in range(len(head))]
    out = ["  ".join(t.ljust(w) if k == 0 else t.rjust(w) for k, (t, w) in enumerate(zip(row, widths))).rstrip()
           for row in rows]
    out.append(_t(lang, "diff.legend"))
    if hidden:
        out.append(_t(lang, "diff.hidden", outcomes=", ".join(outcome_text(k, lang) for k in hidden)))
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
         new_file: str | None = None, count_limit: int = COUNT_LIMIT, count: bool = True) -> Difference:
    """The transition matrix between two loaded rulesets (``segrules.Ruleset``).

    ``count``: give each cell its exact count (``False``: the proofs alone); ``count_limit``:
    the most answer sets enumerated where the joint structural count does not apply."""
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
    if count:
        counts, total, count_method, not_counted = _count(old, new, count_limit)
    else:
        counts, total, count_method, not_counted = None, None, None, "counting was not asked for"
    smt_cells = _prove(old, new, rows, cols, budget, notes)
    cells = []
    for r in rows:
        for c in cols:
            if r == INVALID and c == INVALID:
                continue
            cells.append(_cell(old, new, r, c, counts, smt_cells, total, count_method))
    method = "smt" if smt_cells is not None else (count_method or "none")
    if smt_cells is not None and counts is not None:
        method = f"smt+{count_method}"
    return Difference(_ref(old, old_file), _ref(new, new_file), tuple(rows), tuple(cols), tuple(cells),
                      counts is not None, method, only_o, only_n, changed, tuple(notes),
                      total, count_method, not_counted, budget.to_json(), budget.stopped)


def _kind(inp) -> str:
    return "a number" if inp.domain.is_numeric else ("yes/no" if inp.domain.kind == "boolean" else "a choice")


def _input_sig(inp) -> tuple:
    return (inp.domain.kind, tuple(inp.domain.values), inp.optional, inp.asked_when)  # spans do not compare


def _cell(old, new, r: str, c: str, counts, smt_cells, total, count_method) -> Cell:
    count, first, regions = None, None, ()
    if counts is not None:
        count, first, regions = counts.get((r, c), (0, None, ()))
    share = Fraction(count, total) if count is not None and total else None

    def counted() -> Cell:
        """The cell from the counts alone (the solver did not decide it): a witness re-run
        through both versions is a fact; an empty cell is a proof only from enumeration."""
        if not count and count_method != "enumeration":
            return Cell(r, c, "undecided", reason="the solver did not decide; the structural count finds no "
                        "answer set here, which is not a proof")
        if not count:
            return Cell(r, c, "empty", count=0, share=share)
        return _shown(old, new, Cell(r, c, "found", _checked(old, new, r, c, first), count, None, share, regions))

    if smt_cells is None:
        if counts is None:
            return Cell(r, c, "undecided", reason="neither the solver nor a counting method could run")
        return counted()
    status, witness, reason, ran_out = smt_cells[(r, c)]
    if counts is not None:
        if status == "empty" and count:
            raise DiffError(f"the solver proved {r} -> {c} empty, but {count} answer sets were counted in it; "
                            "nothing is claimed (a bug in segrules)", code="SR641")
        if status == "found" and not count:
            raise DiffError(f"the solver found an answer set {r} -> {c} that the count did not count; "
                            "nothing is claimed (a bug in segrules)", code="SR641")
        if status == "undecided":  # the counts are exact by construction
            got = counted()
            return attrs.evolve(got, budget=ran_out) if got.status == "undecided" else got
    return _shown(old, new, Cell(r, c, status, witness, count, reason, share, regions, budget=ran_out))


def _shown(old, new, cell: Cell) -> Cell:
    """A found cell with its witness's scores in both versions (as far as they evaluate)."""
    if cell.witness is None or cell.status != "found":
        return cell
    return attrs.evolve(cell, scores=(_scores(old, cell.witness), _scores(new, cell.witness)))


def _scores(ruleset, answers: dict) -> tuple:
    """The scores of one version for an answer set, in evaluation order, up to the first that fails."""
    d = ruleset.definition
    try:
        values = reference.validate_answers(d, answers)
    except (AnswerError, EvaluationError):
        return ()
    scores: dict = {}
    for s in d.scores:
        try:
            scores[s.id] = reference.evaluate(s.expr, values, d, scores)
        except EvaluationError:
            break
    return tuple(scores.items())


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


def _count(old, new, limit: int) -> tuple:
    """(cells, answer sets compared, method, None) with every cell's exact count, or
    (None, None, None, why not): the joint structural count where both versions ask the same
    questions, else the enumeration of a small joint space."""
    do, dn = old.definition, new.definition
    reasons = []
    # counting has a work budget of its own, never the comparison's time: the counts are the
    # same on every machine
    budget = Budget(None)
    try:
        joint = count_joint(do, dn, budget)
    except NotCounted as exc:
        reasons.append(str(exc))
    else:
        cells = {k: (c.count, c.witness, c.regions) for k, c in joint.items()}
        return cells, AnswerSpace(do).size(), "structural", None
    try:
        size = AnswerSpace(do).size(budget) + AnswerSpace(dn).size(budget)
        if size > limit:
            reasons.append(f"the two versions have {size_text(size)} answer sets together, more than "
                           f"{size_text(limit)} to enumerate")
            return None, None, None, "; ".join(reasons)
        a, b = _sets(old, budget), _sets(new, budget)
    except Undecided as exc:
        return None, None, None, "; ".join(reasons + [str(exc)])
    counts: dict[tuple, list] = {}
    for key in itertools.chain(a, (k for k in b if k not in a)):
        cell = (a.get(key, INVALID), b.get(key, INVALID))
        got = counts.setdefault(cell, [0, None])
        got[0] += 1
        if got[1] is None:
            got[1] = dict(sorted(key))
    total = len(a) + sum(1 for k in b if k not in a)
    return {k: (v[0], v[1], ()) for k, v in counts.items()}, total, "enumeration", None


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
            try:
                model = solve_within(s, budget, outcome(a, va, r), outcome(b, vb, c))
            except TimeLimit as exc:  # the safety stop: this cell and every one after it (the budget stays stopped)
                out[(r, c)] = ("undecided", None, str(exc), "time_limit")
            except SolverUnknown as exc:
                out[(r, c)] = ("undecided", None, str(exc), exc.budget)
            else:
                if model is None:
                    out[(r, c)] = ("empty", None, None, None)
                else:
                    answers = space.decode(model, inputs)
                    out[(r, c)] = ("found", _checked(old, new, r, c, answers), None, None)
    return out
