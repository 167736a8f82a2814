"""Suggestions that close a gap, an overlap or an unreachable segment (``verify --suggest``).

For a failed completeness, exclusivity or reachability check, small edits are tried in the
model's own terms: move a threshold to another value the model already uses for the same
score or input (or to the value where the problem lies), widen ``>`` to ``>=`` for a gap or
narrow ``>=`` to ``>`` for an overlap, add a rule for an uncovered region (the conjunction
of its conditions), or take the first rule that holds (``hit_policy: first``) with either of
two overlapping rules first. Each edit is applied to a copy of the ruleset's text in memory
(nothing is written), the copy is loaded and checked, counted, and verified in full; an edit
is shown only when the copy is then PROVEN (the SMT proof or full enumeration behind every
check), with the segment sizes it gives and the YAML change as line:col and old → new.

The search is bounded by the number of edits tried (``MAX_TRIED``, ``MAX_VERIFIED``), never by
time, so the same ruleset gets the same suggestions on every machine.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

import attrs

from ..dsl import ast
from ..dsl.printer import number_text, to_text
from ..engine import reference
from ..errors import EvaluationError, SegrulesError
from .budget import Budget
from .counting import NotCounted, SegmentSizes, count_ruleset
from .structure import _atoms_of

__all__ = ["Edit", "Suggestion", "Suggestions", "suggest", "MAX_TRIED", "MAX_VERIFIED"]

#: Candidate edits loaded and counted (cheap), at most.
MAX_TRIED = 80
#: Candidates that pass the count and are verified in full, at most.
MAX_VERIFIED = 16
#: The checks suggestions are made for.
CHECKS = ("completeness", "exclusivity", "segments_reachable")

_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "!=", "!=": "="}
_WIDEN = {">": ">=", "<": "<="}
_NARROW = {">=": ">", "<=": "<"}


@attrs.frozen
class Edit:
    """One change of the ruleset's YAML text: at ``line``:``column`` (1-based), ``old`` becomes
    ``new`` (a whole line removed: ``new`` empty; a line inserted: ``old`` empty)."""

    line: int
    column: int
    old: str
    new: str

    def to_json(self) -> dict:
        return {"line": self.line, "column": self.column, "old": self.old, "new": self.new}

    def format(self, file: str, lang: str = "en") -> str:
        from ..i18n import text

        where = f"{file}:{self.line}:{self.column}"
        if not self.old:
            return f"{where}: {text(lang, 'suggest.insert')} {self.new.rstrip()!r}"
        if not self.new:
            return f"{where}: {text(lang, 'suggest.remove')} {self.old.rstrip()!r}"
        return f"{where}: {self.old} → {self.new}"


@attrs.frozen
class Suggestion:
    """An edit that makes the ruleset PROVEN, as re-verified on a copy; never applied."""

    closes: tuple[str, ...]  # the checks that failed and pass on the edited copy (all that failed)
    kind: str  # move_threshold, widen, narrow, add_rule, first
    what: dict  # the words' values (suggest.<kind> in segrules.i18n)
    edits: tuple[Edit, ...]
    file: str
    sizes: SegmentSizes | None  # the segment sizes the edited ruleset gives (exact)

    def describe(self, lang: str = "en") -> str:
        from ..i18n import text

        return text(lang, f"suggest.{self.kind}", **self.what)

    def to_json(self) -> dict:
        return {
            "closes": list(self.closes), "kind": self.kind, "description": self.describe("en"), "status": "proven",
            "edits": [e.to_json() for e in self.edits],
            "counts": self.sizes.to_json() if self.sizes is not None else None,
        }

    def format(self, lang: str = "en") -> str:
        from ..i18n import text

        lines = [f"{text(lang, 'suggest.heading')}: {self.describe(lang)}"]
        lines += [f"    {e.format(self.file, lang)}" for e in self.edits]
        if self.sizes is not None:
            lines.append(f"    {text(lang, 'suggest.sizes')}: {self.sizes.format(lang)}")
        return "\n".join(lines)


@attrs.frozen
class Suggestions:
    """What ``suggest`` found: the suggestions (each PROVEN on a copy) and how many edits it
    tried (loaded and counted) and verified in full."""

    found: tuple[Suggestion, ...]
    tried: int
    verified: int
    applicable: bool = True  # False: no completeness, exclusivity or reachability check failed

    def to_json(self) -> dict:
        return {"applicable": self.applicable, "tried": self.tried, "verified": self.verified,
                "suggestions": [s.to_json() for s in self.found]}

    def format(self, lang: str = "en") -> str:
        from ..i18n import text

        if not self.applicable:
            return text(lang, "suggest.not_applicable")
        if not self.found:
            return text(lang, "suggest.none", tried=self.tried)
        return "\n".join(s.format(lang) for s in self.found)


@attrs.frozen
class _Candidate:
    check: str
    kind: str
    what: dict
    edits: tuple[Edit, ...]
    # the same change made to the checked definition, for the cheap tests before the text is loaded
    change: Any = None  # RulesetDef -> RulesetDef


def suggest(ruleset: Any, report: Any, *, limit: int = 3, budget: Budget | None = None) -> Suggestions:
    """Up to ``limit`` suggestions for the report's failed completeness, exclusivity and
    reachability checks, each PROVEN on an edited copy (``ruleset``: the loaded ``Ruleset``
    whose ``text`` is edited; ``report``: its ``VerificationReport``). ``budget``: used for
    every count and verification of a copy (None: the defaults, afresh for each)."""
    from ..pipeline import load_text
    from . import verify

    rs = ruleset.definition
    failed = [c for c in report.checks if c.status == "failed" and c.name in CHECKS]
    text = getattr(ruleset, "text", None)
    if not failed or not text:
        return Suggestions((), 0, 0, applicable=False)
    out: list[Suggestion] = []
    seen: set = set()
    tried = verified = 0
    for cand in _candidates(rs, text, failed):
        new_text = apply_edits(text, cand.edits)
        if new_text is None or new_text in seen:
            continue
        seen.add(new_text)
        if tried == MAX_TRIED:
            break
        tried += 1
        if cand.change is not None and not _promising(cand.change(rs), budget):
            continue  # the edited definition still has a gap, overlap, error or failing example
        try:
            copy = load_text(new_text, rs.source)
        except SegrulesError:
            continue
        if cand.change is None and not _promising(copy.definition, budget):
            continue
        if verified == MAX_VERIFIED:
            break
        verified += 1
        result = verify(copy, budget=budget)
        if result.proven:
            closes = tuple(c.name for c in report.checks if c.status == "failed")
            out.append(Suggestion(closes, cand.kind, cand.what, cand.edits, rs.source, result.counts))
            if len(out) >= limit:
                break
    return Suggestions(tuple(out), tried, verified)


def _promising(rs: ast.RulesetDef, budget: Budget | None) -> bool:
    """The copy's counts show no gap, overlap, error or unreached segment, and its examples
    pass (cheap tests before the full verification)."""
    for ex in rs.examples:
        try:
            if reference.decide_segment(rs, ex.answer_dict) != ex.expect:
                return False
        except SegrulesError:
            return False
    try:
        sizes = count_ruleset(rs, budget)
    except (NotCounted, SegrulesError):
        return True  # the full verification of the loaded copy decides
    return not (sizes.no_segment or sizes.several_segments or sizes.errors or any(n == 0 for _, n in sizes.segments))


def apply_edits(text: str, edits) -> str | None:
    """The text with the edits made (from the last place to the first), or None where the
    text at a place is not what the edit expects."""
    lines = text.splitlines(keepends=True)
    for e in sorted(edits, key=lambda e: (e.line, e.column, bool(e.old)), reverse=True):
        k = e.line - 1
        if not e.old:  # insert a line before line k
            if k > len(lines):
                return None
            if k and not lines[k - 1].endswith("\n"):
                lines[k - 1] += "\n"
            lines.insert(k, e.new)
            continue
        if k >= len(lines):
            return None
        line = lines[k]
        col = e.column - 1
        if line[col:col + len(e.old)] != e.old:
            return None
        lines[k] = line[:col] + e.new + line[col + len(e.old):]
    return "".join(lines)


# --------------------------------------------------------------------------- candidates


@attrs.frozen
class _Comparison:
    rule: ast.Rule
    node: ast.Compare
    subject: str  # the compared expression, as written
    op: str
    number: ast.Number
    number_left: bool  # the number is on the left (``3 <= x``)


def _comparisons(rs: ast.RulesetDef) -> list[_Comparison]:
    out = []
    for rule in rs.rules:
        if rule.condition is None:
            continue
        for node in ast.walk(rule.condition):
            if not isinstance(node, ast.Compare) or len(node.ops) != 1:
                continue
            left, right = node.operands
            if isinstance(right, ast.Number) and not isinstance(left, ast.Number):
                out.append(_Comparison(rule, node, to_text(left), node.ops[0], right, False))
            elif isinstance(left, ast.Number) and not isinstance(right, ast.Number):
                out.append(_Comparison(rule, node, to_text(right), node.ops[0], left, True))
    return out


def _token_at(text_lines: list[str], span, pattern: str) -> str | None:
    if span is None or span.line - 1 >= len(text_lines):
        return None
    m = re.compile(pattern).match(text_lines[span.line - 1], span.column - 1)
    return m.group() if m else None


_NUMBER = r"-?\d+(?:\.\d+)?"
_OP = r"<=|>=|!=|<|>|="


def _subject_values(rs: ast.RulesetDef, comparisons: list[_Comparison], witnesses: list[dict]) -> dict:
    """Per compared expression, the values it takes at the witnesses (where it evaluates)."""
    out: dict = {}
    for w in witnesses:
        try:
            values = reference.validate_answers(rs, w)
            scores = reference.run(rs, values).scores
        except SegrulesError:
            continue
        for c in comparisons:
            other = c.node.operands[1] if c.number_left else c.node.operands[0]
            try:
                v = reference.evaluate(other, values, rs, scores)
            except EvaluationError:
                continue
            if isinstance(v, (int, Fraction)) and not isinstance(v, bool):
                out.setdefault(c.subject, set()).add(Fraction(v))
    return out


def _candidates(rs: ast.RulesetDef, text: str, failed) -> list[_Candidate]:
    """The edits to try, the smallest first: threshold moves by distance, then the others."""
    lines = text.splitlines()
    comparisons = _comparisons(rs)
    constants: dict = {}
    for c in comparisons:
        constants.setdefault(c.subject, set()).add(c.number.value)
    by_check = {c.name: c for c in failed}
    witnesses = [f.witness for c in failed for f in c.findings if f.witness]
    at_witness = _subject_values(rs, comparisons, witnesses)
    involved: dict = {}  # check → rule indexes whose conditions may be edited for it
    for name, check in by_check.items():
        if name == "exclusivity":
            involved[name] = {r.number - 1 for f in check.findings for r in f.rules}
        elif name == "segments_reachable":
            unreached = {f.subject for f in check.findings}
            involved[name] = {r.index for r in rs.rules if r.segment in unreached}
        else:
            involved[name] = {r.index for r in rs.rules}
    moves, others = [], []
    for name in CHECKS:
        if name not in involved:
            continue
        for c in comparisons:
            if c.rule.index not in involved[name]:
                continue
            written = _token_at(lines, c.number.span, _NUMBER)
            if written is None or Fraction(written) != c.number.value:
                continue
            targets = (constants.get(c.subject, set()) | at_witness.get(c.subject, set())) - {c.number.value}
            for t in sorted(targets, key=lambda t: (abs(t - c.number.value), t)):
                new = number_text(t)
                moves.append((abs(t - c.number.value), len(moves), _Candidate(
                    name, "move_threshold",
                    {"subject": c.subject, "rule": c.rule.index + 1, "old": written, "new": new},
                    (Edit(c.number.span.line, c.number.span.column, written, new),),
                    _with_node(c.rule.index, c.number, attrs.evolve(c.number, value=t)))))
            change = _WIDEN if name != "exclusivity" else _NARROW
            op = _token_at(lines, c.node.span, _OP)
            if op == c.op and op in change:
                before = to_text(c.node)
                after = to_text(attrs.evolve(c.node, ops=(change[op],)))
                others.append(_Candidate(name, "widen" if change is _WIDEN else "narrow",
                                         {"rule": c.rule.index + 1, "old": before, "new": after},
                                         (Edit(c.node.span.line, c.node.span.column, op, change[op]),),
                                         _with_node(c.rule.index, c.node, attrs.evolve(c.node, ops=(change[op],)))))
    out = [c for _, _, c in sorted(moves, key=lambda m: (m[0], m[1]))] + others
    if "completeness" in by_check:
        out += _new_rules(rs, lines, by_check["completeness"])
    if "exclusivity" in by_check:
        out += _first(rs, lines, by_check["exclusivity"])
    return out


def _replaced(e, target, new):
    """The expression with the node ``target`` (by identity) replaced by ``new``."""
    if e is target:
        return new
    changes = {}
    for f in attrs.fields(type(e)):
        if f.name in ("span", "written"):
            continue
        v = getattr(e, f.name)
        if isinstance(v, tuple) and v and all(attrs.has(type(x)) for x in v):
            got = tuple(_replaced(x, target, new) for x in v)
            if any(a is not b for a, b in zip(got, v)):
                changes[f.name] = got
        elif attrs.has(type(v)):
            got = _replaced(v, target, new)
            if got is not v:
                changes[f.name] = got
    return attrs.evolve(e, **changes) if changes else e


def _with_node(rule_index: int, target, new):
    """A change of one node of one rule's condition."""
    def change(rs: ast.RulesetDef) -> ast.RulesetDef:
        rules = list(rs.rules)
        rules[rule_index] = attrs.evolve(rules[rule_index], condition=_replaced(rules[rule_index].condition, target, new))
        return attrs.evolve(rs, rules=tuple(rules))
    return change


def _with_rules(order: list[int] | None, extra: ast.Rule | None = None, hit_policy: str | None = None):
    """A change of the rules' order (indexes of the old rules), an added rule, the hit policy."""
    def change(rs: ast.RulesetDef) -> ast.RulesetDef:
        rules = [rs.rules[k] for k in (order if order is not None else range(len(rs.rules)))]
        if extra is not None:
            rules.append(extra)
        rules = [attrs.evolve(r, index=k) for k, r in enumerate(rules)]
        return attrs.evolve(rs, rules=tuple(rules), hit_policy=hit_policy or rs.hit_policy)
    return change


def _literal_node(atom: ast.Expr, value: bool) -> ast.Expr:
    if value:
        return atom
    if isinstance(atom, ast.Compare) and len(atom.ops) == 1 and atom.ops[0] in _NEGATE:
        return attrs.evolve(atom, ops=(_NEGATE[atom.ops[0]],))
    return ast.Not(atom)


def _literal(atom: ast.Expr, value: bool) -> str:
    if value:
        return to_text(atom)
    if isinstance(atom, ast.Compare) and len(atom.ops) == 1 and atom.ops[0] in _NEGATE:
        return to_text(attrs.evolve(atom, ops=(_NEGATE[atom.ops[0]],)))
    return f"not ({to_text(atom)})"


def _rule_lines(rs: ast.RulesetDef, lines: list[str]) -> list[int] | None:
    """The line of each rule, where every rule is a one-line list item (else None)."""
    out = []
    for r in rs.rules:
        if r.span is None:
            return None
        k = r.span.line - 1
        if k >= len(lines) or not lines[k].lstrip().startswith("- "):
            return None
        out.append(k)
    if len(set(out)) != len(out):
        return None
    for k in out:  # one line each: the next line is another item, a comment, blank or less indented
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        indent = len(lines[k]) - len(lines[k].lstrip())
        if nxt.strip() and not nxt.lstrip().startswith(("- ", "#")) and len(nxt) - len(nxt.lstrip()) > indent:
            return None
    return out


def _subject_rank(atom: ast.Expr, atoms: dict) -> tuple:
    """Conditions on the same score or input side by side, in the order they first appear."""
    def subject(a):
        if isinstance(a, ast.Compare) and len(a.ops) == 1:
            left, right = a.operands
            return to_text(right if isinstance(left, ast.Number) else left)
        return to_text(a)

    first: dict = {}
    for a in atoms:
        first.setdefault(subject(a), len(first))
    upper = isinstance(atom, ast.Compare) and len(atom.ops) == 1 and atom.ops[0] in ("<", "<=")
    return (first[subject(atom)], upper, atoms[atom])


def _new_rules(rs: ast.RulesetDef, lines: list[str], check) -> list[_Candidate]:
    """For each gap, a rule for exactly its region (its conditions' values, conjoined), for the
    segments whose rules share the most of those conditions first."""
    at = _rule_lines(rs, lines)
    if not at:
        return []
    atoms: dict = {}
    for r in rs.rules:
        if r.condition is not None:
            _atoms_of(r.condition, atoms)
    last = lines[at[-1]]
    indent = last[: len(last) - len(last.lstrip())]
    quote = last.lstrip()[2:3] if last.lstrip()[2:3] in ("'", '"') else ""
    out = []
    for f in check.findings:
        if not f.witness:
            continue
        try:
            values = reference.validate_answers(rs, f.witness)
            scores = reference.run(rs, values).scores
            ordered = sorted(atoms, key=lambda a: _subject_rank(a, atoms))
            truth = [bool(reference.evaluate(a, values, rs, scores)) for a in ordered]
        except SegrulesError:
            continue
        nodes = [_literal_node(a, v) for a, v in zip(ordered, truth)]
        literals = list(dict.fromkeys(_literal(a, v) for a, v in zip(ordered, truth)))
        if not literals:
            continue
        condition = " and ".join(literals)
        node = nodes[0] if len(nodes) == 1 else ast.And(tuple(nodes))

        def shared(segment: str) -> int:
            texts = {to_text(n) for r in rs.rules if r.segment == segment and r.condition is not None
                     for n in ast.walk(r.condition)}
            return sum(1 for lit in literals if lit in texts)

        for s in sorted(rs.segments, key=lambda s: (-shared(s.id), [x.id for x in rs.segments].index(s.id))):
            rule = f"{s.id} when {condition}"
            item = f"{quote}{rule.replace(quote, quote * 2) if quote == chr(39) else rule}{quote}"
            added = ast.Rule(len(rs.rules), s.id, node, rule)
            out.append(_Candidate("completeness", "add_rule", {"rule": rule},
                                  (Edit(at[-1] + 2, 1, "", f"{indent}- {item}\n"),), _with_rules(None, added)))
    return out


def _first(rs: ast.RulesetDef, lines: list[str], check) -> list[_Candidate]:
    """``hit_policy: first``, with each of two overlapping rules first."""
    if rs.hit_policy != "unique":
        return []
    k = next((n for n, line in enumerate(lines) if re.match(r"hit_policy:\s*unique\b", line)), None)
    if k is None:
        return []
    col = lines[k].index("unique") + 1
    policy = Edit(k + 1, col, "unique", "first")
    at = _rule_lines(rs, lines)
    out = []
    for f in check.findings:
        numbers = sorted({r.number for r in f.rules})
        if len(numbers) < 2:
            continue
        a, b = numbers[0], numbers[-1]
        out.append(_Candidate("exclusivity", "first", {"first": a, "second": b}, (policy,),
                              _with_rules(None, None, "first")))
        if at:
            la, lb = at[a - 1], at[b - 1]
            moved = lines[lb] + "\n"
            order = list(range(len(rs.rules)))
            order.remove(b - 1)
            order.insert(a - 1, b - 1)
            out.append(_Candidate("exclusivity", "first", {"first": b, "second": a}, (
                policy, Edit(lb + 1, 1, moved, ""), Edit(la + 1, 1, "", moved)), _with_rules(order, None, "first")))
    return out
