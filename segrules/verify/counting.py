"""Exact counts: how many answer sets each segment, gap, overlap and error has, for one ruleset
or for two versions compared cell by cell (``segrules diff``).

Nothing is enumerated beyond a small space. The scores are sums, means, minima and maxima of
items that are answered independently of each other, so the number of answer sets that give a
score each of its values is the convolution of the items' value distributions (the
structural method's dynamic programme, ``structure.py``: a mean kept as its exact sum and
count, every count an exact int). Independent components multiply: conditions that read
different inputs, and the branches that a control input (``asked_when``) opens, one case at
a time. The counts of one ruleset are read from the same tally that its checks are decided
from, and always add up to the size of the answer space (checked).

Two versions are counted together over one answer space: their scores and rules are put into
one *joint* definition (a score both versions compute alike is shared; any other score of the
new version gets its own name), so that each class of answer sets gives the old version's
outcome and the new one's at once (an evaluation error is kept per version). The joint count
applies where both versions ask the same questions (same inputs, domains, optionality and
``asked_when``); otherwise, and where the structure is beyond the budget, the counts are "not
counted" with the reason, never estimated.

Counting is deterministic: it does the same work, in the same order, on every machine; the
budget limits how much work (states, combinations, cases), and a run beyond it is "not counted".
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import attrs

from ..dsl import ast
from ..engine.runtime import exact_text
from ..errors import EvaluationError
from .brute import enumerate_tally
from .budget import Budget, Undecided
from .model import InternalInconsistency, size_text
from .space import AnswerSpace, Tally, answers_of, matched_rules
from .regions import describe_region
from .structure import StructuralVerifier, _check_size, formula

__all__ = [
    "ENUMERATE_UP_TO", "NotCounted", "SegmentSizes", "JointCell", "count_ruleset", "count_joint", "sizes_of",
    "share_text", "same_questions",
]

#: Up to this many answer sets, counting enumerates them where the structure is beyond its budget.
ENUMERATE_UP_TO = 5_000

#: Outcomes besides the segments (the diff's row and column keys).
NONE, SEVERAL, ERROR = "<none>", "<several>", "<error>"


class NotCounted(Exception):
    """The counts are beyond the method (or its budget): said with the reason, never estimated."""


@attrs.frozen
class SegmentSizes:
    """How many answer sets get each segment, no segment, several, or an evaluation error.

    ``segments``: (segment id, count) in the ruleset's order, every segment (0 for one never
    reached). The counts add up to ``total``, the size of the answer space.
    """

    total: int
    segments: tuple[tuple[str, int], ...]
    no_segment: int
    several_segments: int
    errors: int
    method: str  # "enumeration" or "structural"

    def size(self, segment: str) -> int:
        return dict(self.segments)[segment]

    def to_json(self) -> dict:
        """Counts as JSON: exact integers, and each share of the answer space as an exact fraction."""
        def one(n: int) -> dict:
            share = Fraction(n, self.total) if self.total else Fraction(0)
            return {"answer_sets": n, "share": exact_text(share.numerator, share.denominator)}

        return {
            "counted": True,
            "method": self.method,
            "answer_sets": self.total,
            "segments": {s: one(n) for s, n in self.segments},
            "no_segment": one(self.no_segment),
            "several_segments": one(self.several_segments),
            "errors": one(self.errors),
        }

    def format(self, lang: str = "en") -> str:
        """``omatoimi 1 234 (12.5 %), ...``; the other outcomes only where they occur."""
        from ..i18n import text

        parts = [f"{s} {size_text(n, lang)} ({share_text(n, self.total, lang)})" for s, n in self.segments]
        for key, n in (("none", self.no_segment), ("several", self.several_segments), ("error", self.errors)):
            if n:
                parts.append(f"{text(lang, 'outcome.' + key)} {size_text(n, lang)} ({share_text(n, self.total, lang)})")
        return ", ".join(parts)


def sizes_of(rs: ast.RulesetDef, tally: Tally, method: str) -> SegmentSizes:
    """The counts a complete tally holds (its ``counted`` must be the size of the space)."""
    errors = sum(count for _, count in tally.errors.values())
    several = sum(count for _, count in tally.overlaps.values())
    segments = tuple((s.id, tally.segment_sizes.get(s.id, 0)) for s in rs.segments)
    total = sum(n for _, n in segments) + tally.gap_count + several + errors
    if total != tally.counted:
        raise InternalInconsistency(
            f"the segment sizes add up to {total} answer sets, the tally to {tally.counted}", code="SR690")
    return SegmentSizes(total, segments, tally.gap_count, several, errors, method)


def count_ruleset(rs: ast.RulesetDef, budget: Budget | None = None, *, method: str = "auto") -> SegmentSizes:
    """Every segment's exact size. ``method``: ``structural``, ``enumeration`` (every answer
    set through the reference evaluator), or ``auto``: structural, and where that is beyond its
    budget, enumeration of a space of at most ``ENUMERATE_UP_TO`` answer sets.

    Raises ``NotCounted`` with the reason beyond the budget."""
    if method not in ("auto", "enumeration", "structural"):
        raise ValueError(f"unknown counting method {method!r}: auto, enumeration or structural")
    budget = budget if budget is not None else Budget(None)
    space = AnswerSpace(rs)
    size = space.size()
    tally, used = None, method
    if method in ("auto", "structural"):
        try:
            tally, used = Tally(rs), "structural"
            StructuralVerifier(rs, space, plane=False, budget=budget).run(tally)
        except (Undecided, RecursionError) as exc:
            reason = str(exc) if isinstance(exc, Undecided) else "the expressions are nested too deeply"
            if method == "structural" or size > ENUMERATE_UP_TO:
                raise NotCounted(reason) from None
            tally = None
    if tally is None:
        try:
            tally, used = enumerate_tally(rs, budget), "enumeration"
        except Undecided as exc:
            raise NotCounted(str(exc)) from None
    if tally.counted != size:
        raise InternalInconsistency(f"counted {tally.counted} answer sets out of {size}", code="SR690")
    return sizes_of(rs, tally, used)


def share_text(n: int, total: int, lang: str = "en") -> str:
    """A share of the answer space for people, to four significant digits (``12.5 %``,
    ``0.003052 %``); ``< 0.0001 %`` for a tiny non-zero share; 0 and 100 % only when exact.
    Finnish and Swedish write the decimal comma (``12,5 %``)."""
    comma = lang in ("fi", "sv")
    if total <= 0 or n <= 0:
        return "0 %"
    if n == total:
        return "100 %"
    percent = Fraction(100 * n, total)
    if percent < Fraction(1, 10_000):
        return "< 0,0001 %" if comma else "< 0.0001 %"
    places = 0  # decimals for four significant digits, at most six
    while places < 6 and percent * 10**places < 1000:
        places += 1
    scaled = round(percent * 10**places)
    scaled = min(max(scaled, 1), 100 * 10**places - 1)  # never shown as 0 or 100
    digits = str(scaled).rjust(places + 1, "0")
    text = digits[:-places] + "." + digits[-places:] if places else digits
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text.replace('.', ',') if comma else text} %"


# --------------------------------------------------------------------------- two versions


@attrs.frozen
class JointCell:
    """Answer sets that the old version gives ``old`` and the new one ``new``: their exact number,
    one of them (``witness``, answered inputs only), and where they lie in the model's terms
    (``regions``: (description, count), the largest first)."""

    old: str
    new: str
    count: int
    witness: dict
    regions: tuple[tuple[str, int], ...] = ()


def _input_signature(inp: ast.Input) -> tuple:
    return (inp.domain.kind, tuple(inp.domain.values), inp.optional, inp.asked_when)


def same_questions(old: ast.RulesetDef, new: ast.RulesetDef) -> str | None:
    """None when both versions ask the same questions, else what differs (the joint count's limit)."""
    a = {i.id: _input_signature(i) for i in old.inputs}
    b = {i.id: _input_signature(i) for i in new.inputs}
    if set(a) != set(b):
        return "the versions do not have the same inputs"
    changed = sorted(k for k in a if a[k] != b[k])
    if changed:
        return f"the answers or the asking of {', '.join(changed)} changed"
    return None


def _renamed(e, names: dict):
    """The expression with score references renamed (``names``: old id → new id)."""
    if isinstance(e, ast.ScoreRef):
        return attrs.evolve(e, id=names[e.id]) if e.id in names else e
    changes = {}
    for f in attrs.fields(type(e)):
        v = getattr(e, f.name)
        if f.name in ("written", "span"):
            continue
        if isinstance(v, tuple) and v and all(attrs.has(type(x)) for x in v):
            new = tuple(_renamed(x, names) for x in v)
            if any(a is not b for a, b in zip(new, v)):
                changes[f.name] = new
        elif f.name != "span" and attrs.has(type(v)):
            new = _renamed(v, names)
            if new is not v:
                changes[f.name] = new
    return attrs.evolve(e, **changes) if changes else e


def joint_definition(old: ast.RulesetDef, new: ast.RulesetDef) -> tuple[ast.RulesetDef, int, dict]:
    """One definition with both versions' scores and rules (the old rules first).

    Returns the definition, the number of old rules, and the new version's score names in it
    (a score computed alike by both keeps its name; any other gets ``new.<id>``)."""
    old_scores = {s.id: s for s in old.scores}
    names: dict = {}
    scores = list(old.scores)
    for s in new.scores:  # in evaluation order: a score's references are renamed before it
        expr = _renamed(s.expr, names)
        if s.id in old_scores and old_scores[s.id].expr == expr:
            continue
        names[s.id] = f"new.{s.id}"
        scores.append(attrs.evolve(s, id=names[s.id], expr=expr))
    n_old = len(old.rules)
    rules = list(old.rules) + [
        attrs.evolve(r, index=n_old + r.index, condition=None if r.condition is None else _renamed(r.condition, names))
        for r in new.rules
    ]
    seen = {s.id for s in old.segments}
    segments = tuple(old.segments) + tuple(s for s in new.segments if s.id not in seen)
    joint = attrs.evolve(old, scores=tuple(scores), rules=tuple(rules), segments=segments, axes=None,
                         examples=(), pathways=())
    return joint, n_old, names


class _Version:
    """One version's rules inside the joint definition, and the scores it evaluates."""

    def __init__(self, rules, hit_policy: str, score_ranks: frozenset):
        self.rules = tuple(rules)
        self.hit_policy = hit_policy
        self.score_ranks = score_ranks  # ranks (in the joint order) of the scores it evaluates


class _JointTally:
    """What the joint counter collects: per (old, new) cell, the count, a witness and regions."""

    def __init__(self):
        self.counted = 0
        self.cells: dict = {}  # (old, new) → [count, witness, {region: count}]

    def error(self, exc, witness, count, where=""):  # a control answer whose asking fails
        self.counted += count

    def add(self, cell: tuple, count: int, witness: dict, region: str | None) -> None:
        self.counted += count
        got = self.cells.get(cell)
        if got is None:
            got = self.cells[cell] = [0, answers_of(witness), {}]
        got[0] += count
        if region is not None:
            got[2][region] = got[2].get(region, 0) + count


class _JointCounter(StructuralVerifier):
    """The structural method over a joint definition: each combination of classes gives both
    versions' outcomes (their own rules and hit policies) instead of one ruleset's."""

    def __init__(self, joint: ast.RulesetDef, old: _Version, new: _Version, budget: Budget):
        self.versions = (old, new)
        super().__init__(joint, AnswerSpace(joint), plane=False, budget=budget)

    def _outcomes(self, cv, per_comp, tally, plane) -> None:
        free_count, free_witness = self._free_leaves(cv.case)
        _check_size(self.budget, per_comp, "condition outcomes of both versions for one set of asked questions")
        for combo in self.budget.watch(itertools.product(*per_comp), "combining values"):
            count = free_count
            witness = dict(cv.case.values)
            witness.update(free_witness)
            atom_value: dict = {}
            failed = [False, False]  # whether a score of the old, the new version fails
            for comp, cls in zip(self.components, combo):
                count *= cls.count
                witness.update(cls.witness)
                if cls.error is not None:
                    failed = [a or b for a, b in zip(failed, cls.error[0])]
                for ai, v in zip(comp.atoms, cls.atoms):
                    atom_value[ai] = v
            cell = tuple(ERROR if fails else self._outcome(v, atom_value) for v, fails in zip(self.versions, failed))
            tally.add(cell, count, witness, self._region_key(combo) if cell[0] != cell[1] else None)

    def _region_key(self, combo) -> str:
        """Where the combination lies, by its conditions alone (the same conditions, one region)."""
        atom_values = []
        for comp, cls in zip(self.components, combo):
            atom_values.extend((self.atoms[ai], v) for ai, v in zip(comp.atoms, cls.atoms))
        return describe_region(atom_values)


    def _signature(self, comp, units, failing, cv, unit_values, memo=None, reads=None):
        """As the structural method's, with the error kept per version: ((old fails, new fails),
        the first error), so that a class never mixes answer sets where only one version fails."""
        error, atoms, scores = super()._signature(comp, units, failing, cv, unit_values, memo, reads)
        if error is None:
            return error, atoms, scores
        fails = tuple(any(isinstance(scores.get(s), EvaluationError) and self.score_rank[s] in v.score_ranks
                          for s in failing) for v in self.versions)
        return (fails, error[1]), atoms, scores

    def _outcome(self, version: _Version, atom_value: dict) -> str:
        """What the version's rules give (no score of the version fails here)."""
        def value(rule):
            v = formula(rule.condition, lambda atom: atom_value[self.atom_index[atom]])
            if isinstance(v, EvaluationError):
                raise v
            return v

        matched = matched_rules(version, value)
        if isinstance(matched, EvaluationError):
            return ERROR
        by_index = {r.index: r.segment for r in version.rules}
        if version.hit_policy == "first":
            return by_index[matched[0]] if matched else NONE
        segs = {by_index[i] for i in matched}
        return next(iter(segs)) if len(segs) == 1 else NONE if not segs else SEVERAL



def count_joint(old: ast.RulesetDef, new: ast.RulesetDef, budget: Budget | None = None) -> dict:
    """Per (old outcome, new outcome), a ``JointCell`` with the exact count of answer sets, over
    the one answer space both versions share. Raises ``NotCounted`` with the reason where the
    versions ask different questions or the structure is beyond the budget."""
    budget = budget if budget is not None else Budget(None)
    differs = same_questions(old, new)
    if differs:
        raise NotCounted(f"{differs}, and the joint count covers versions that ask the same questions")
    joint, n_old, names = joint_definition(old, new)
    rank = {s.id: k for k, s in enumerate(joint.scores)}
    old_v = _Version(joint.rules[:n_old], old.hit_policy, frozenset(rank[s.id] for s in old.scores))
    new_v = _Version(joint.rules[n_old:], new.hit_policy,
                     frozenset(rank[names.get(s.id, s.id)] for s in new.scores))
    tally = _JointTally()
    try:
        _JointCounter(joint, old_v, new_v, budget).run(tally)
    except Undecided as exc:
        raise NotCounted(str(exc)) from None
    except RecursionError:
        raise NotCounted("the expressions are nested too deeply for the counting method") from None
    size = AnswerSpace(old).size()
    if tally.counted != size:
        raise InternalInconsistency(f"the joint count accounted for {tally.counted} answer sets out of {size}",
                                    code="SR690")
    out = {}
    for cell, (count, witness, regions) in tally.cells.items():
        ordered = tuple(sorted(regions.items(), key=lambda kv: (-kv[1], kv[0])))
        out[cell] = JointCell(cell[0], cell[1], count, witness, ordered)
    return out
