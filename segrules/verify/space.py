"""The answer space of a ruleset, and a tally of what each part of it decides.

Inputs split in two: *control* inputs, which some ``asked_when`` reads (they decide which
questions are asked), and *leaf* inputs, all the others. The verifier enumerates control
assignments one by one; within one, every leaf has a fixed set of options (its domain, plus
"unanswered" where allowed), independent of the other leaves.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Iterator

import attrs

from ..dsl import ast
from ..engine import reference
from ..errors import EvaluationError
from .model import Finding, RuleRef


@attrs.frozen
class ControlCase:
    """One assignment of the control inputs, and the options of every leaf under it."""

    values: dict  # control input id → value or None (unanswered)
    options: dict  # leaf input id → tuple of options (None = unanswered)
    error: EvaluationError | None = None  # asked_when could not be evaluated
    error_input: str | None = None


class AnswerSpace:
    def __init__(self, rs: ast.RulesetDef):
        self.rs = rs
        self.order = reference._asked_order(rs)
        read_by_conditions: set[str] = set()
        for i in rs.inputs:
            if i.asked_when is not None:
                read_by_conditions.update(ast.references(i.asked_when))
        self.control = [i for i in self.order if i.id in read_by_conditions]
        self.control_ids = {i.id for i in self.control}
        self.leaves = [i for i in rs.inputs if i.id not in self.control_ids]
        self.nested_control = any(i.asked_when is not None for i in self.control)
        self._counts: tuple[int, int] | None = None

    @staticmethod
    def options_of(inp: ast.Input, asked: bool) -> tuple:
        if not asked:
            return (None,)
        return tuple(inp.domain.values) + ((None,) if inp.optional else ())

    def cases(self) -> Iterator[ControlCase]:
        """Every control assignment in a fixed order (unevaluable ones carry their error)."""

        def rec(k: int, values: dict) -> Iterator[ControlCase]:
            if k == len(self.control):
                yield self._leaf_case(values)
                return
            inp = self.control[k]
            answered = {i: v for i, v in values.items() if v is not None}
            asked = True
            if inp.asked_when is not None:
                try:
                    asked = bool(reference.evaluate(inp.asked_when, answered, self.rs))
                except EvaluationError as exc:
                    yield ControlCase(dict(values), {}, exc, inp.id)
                    return
            for v in self.options_of(inp, asked):
                values[inp.id] = v
                yield from rec(k + 1, values)
            del values[inp.id]

        yield from rec(0, {})

    def _leaf_case(self, values: dict) -> ControlCase:
        answered = {i: v for i, v in values.items() if v is not None}
        options = {}
        for leaf in self.leaves:
            asked = True
            if leaf.asked_when is not None:
                try:
                    asked = bool(reference.evaluate(leaf.asked_when, answered, self.rs))
                except EvaluationError as exc:
                    return ControlCase(dict(values), {}, exc, leaf.id)
            options[leaf.id] = self.options_of(leaf, asked)
        return ControlCase(dict(values), options)

    def size(self, budget=None) -> int:
        """The number of valid answer sets (without enumerating the control cases)."""
        return self._count(budget)[1]

    def case_count(self, budget=None) -> int:
        """How many control cases ``cases()`` yields, about (unevaluable branches count once)."""
        return self._count(budget)[0]

    def _count(self, budget=None) -> tuple[int, int]:
        """(control cases, answer sets), by eliminating control inputs one by one.

        Control inputs are assigned in asked order; a leaf's options are counted as soon as
        every control its ``asked_when`` reads is assigned, and a control is forgotten once no
        later condition reads it. Screening questions that each open one follow-up then take
        a handful of states, not 2^n cases.
        """
        if self._counts is not None:
            return self._counts
        pos = {c.id: k for k, c in enumerate(self.control)}
        reads = {c.id: [r for r in ast.references(c.asked_when) if r in pos] if c.asked_when is not None else []
                 for c in self.control}
        resolve: dict[int, list] = {}
        fixed = 1
        last = {c.id: pos[c.id] for c in self.control}
        for leaf in self.leaves:
            refs = [r for r in ast.references(leaf.asked_when) if r in pos] if leaf.asked_when is not None else []
            if not refs and leaf.asked_when is None:
                fixed *= len(self.options_of(leaf, True))
                continue
            at = max((pos[r] for r in refs), default=-1)
            resolve.setdefault(at, []).append(leaf)
            for r in refs:
                last[r] = max(last[r], at)
        for c in self.control:
            for r in reads[c.id]:
                last[r] = max(last[r], pos[c.id])
        cases_failed = 0

        def leaves_at(k: int, states: dict) -> dict:
            nonlocal cases_failed
            if k not in resolve:
                return states
            out: dict = {}
            for state, (cases, size) in states.items():
                answered = {i: v for i, v in state if v is not None}
                ok = True
                for leaf in resolve[k]:
                    try:
                        asked = bool(reference.evaluate(leaf.asked_when, answered, self.rs))
                    except EvaluationError:
                        ok = False
                        break
                    size *= len(self.options_of(leaf, asked))
                if not ok:
                    cases_failed += cases
                    continue
                _merge(out, state, cases, size)
            return out

        states: dict = leaves_at(-1, {(): (1, 1)})
        for k, c in enumerate(self.control):
            nxt: dict = {}
            for n, (state, (cases, size)) in enumerate(states.items()):
                if budget is not None and not n & 255:
                    budget.check("counting the answer space")
                answered = {i: v for i, v in state if v is not None}
                asked = True
                if c.asked_when is not None:
                    try:
                        asked = bool(reference.evaluate(c.asked_when, answered, self.rs))
                    except EvaluationError:
                        cases_failed += cases
                        continue
                for v in self.options_of(c, asked):
                    _merge(nxt, state + ((c.id, v),), cases, size)
            states = {}
            for state, (cases, size) in leaves_at(k, nxt).items():
                # forget the controls that no later condition reads
                _merge(states, tuple((i, v) for i, v in state if last[i] > k), cases, size)
        cases = cases_failed + sum(c for c, _ in states.values())
        self._counts = (cases, fixed * sum(s for _, s in states.values()))
        return self._counts


def _merge(states: dict, state: tuple, cases: int, size: int) -> None:
    got = states.get(state)
    states[state] = (cases, size) if got is None else (got[0] + cases, got[1] + size)


def case_size(case: ControlCase) -> int:
    if case.error is not None:
        # every completion of these control answers is invalid; count the completions
        return 0
    n = 1
    for opts in case.options.values():
        n *= len(opts)
    return n


def answers_of(values: dict) -> dict:
    """Answer JSON for `decide`: only answered inputs, in a stable order."""
    return {k: v for k, v in sorted(values.items()) if v is not None}


class Tally:
    """Everything the verifier learns, in the same shape for enumeration and structure."""

    def __init__(self, rs: ast.RulesetDef):
        self.rs = rs
        self.counted = 0
        self.gaps: dict = {}  # region → [Finding, count]
        self.gap_count = 0
        self.overlaps: dict[frozenset, list] = {}  # segments → [Finding, count]
        self.errors: dict[tuple, list] = {}  # (code, message) → [Finding, count]
        self.rules_hold: set[int] = set()
        self.rules_first: set[int] = set()
        self.segments: set[str] = set()
        self.segment_sizes: dict[str, int] = {}  # segment → answer sets it gets (counting.py)
        self.influential: set[str] = set()
        self.undecided_inputs: dict[str, str] = {}

    def error(self, exc: EvaluationError, witness: dict, count: int, where: str = "") -> None:
        key = (exc.code, str(exc))
        if key not in self.errors:
            span = f" ({exc.span})" if exc.span else ""
            self.errors[key] = [
                Finding(f"{exc.code}: {exc}{span}{where}", answers_of(witness), code=exc.code), 0,
            ]
        self.errors[key][1] += count
        self.counted += count

    def outcome(self, matched: tuple[int, ...], witness: dict, count: int, region: str | None = None) -> None:
        """Rules that hold (under `first`: the first holding rule only, or none)."""
        self.counted += count
        rules = self.rs.rules
        for i in matched:
            self.rules_hold.add(i)
        if self.rs.hit_policy == "first":
            if matched:
                self.rules_first.add(matched[0])
                self._sized(rules[matched[0]].segment, count)
                return
        else:
            segs = frozenset(rules[i].segment for i in matched)
            if len(segs) == 1:
                self._sized(next(iter(segs)), count)
                return
            if len(segs) > 1:
                if segs not in self.overlaps:
                    self.overlaps[segs] = [
                        Finding(
                            f"overlap: the rules of {', '.join(sorted(segs))} all hold",
                            answers_of(witness), tuple(RuleRef.of(rules[i]) for i in matched), region,
                            code="SR602",
                        ),
                        0,
                    ]
                self.overlaps[segs][1] += count
                return
        self.gap_count += count
        key = region or repr(answers_of(witness))
        if key in self.gaps:
            self.gaps[key][1] += count
        else:
            self.gaps[key] = [Finding("gap: no rule holds", answers_of(witness), (), region, code="SR601"), count]

    def _sized(self, segment: str, count: int) -> None:
        self.segments.add(segment)
        self.segment_sizes[segment] = self.segment_sizes.get(segment, 0) + count


def matched_rules(rs: ast.RulesetDef, rule_value) -> tuple[int, ...] | EvaluationError:
    """Indexes of the rules that hold, or the error the engine would meet.

    ``rule_value(rule)`` gives True/False or raises EvaluationError. Under ``unique`` every
    rule is evaluated, as the engine does. Under ``first`` the engine stops at the first rule
    that holds, so the result starts with that rule; the later rules that also hold follow
    (an error in a later rule counts as not holding), which is what finds masked rules.
    """
    matched = []
    for rule in rs.rules:
        if rule.condition is None:
            held = True
        else:
            try:
                held = rule_value(rule)
            except EvaluationError as exc:
                if rs.hit_policy == "first" and matched:
                    continue
                return exc
        if held:
            matched.append(rule.index)
    return tuple(matched)


def as_number(v: Any) -> Fraction | None:
    if isinstance(v, bool) or not isinstance(v, (int, Fraction)):
        return None
    return Fraction(v)
