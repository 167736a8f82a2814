"""Loaded rulesets and the decisions they make.

A ``Ruleset`` is immutable and thread-safe: it holds the checked AST and the functions
compiled from it, and nothing changes after loading. A ``Decision`` says which segment, which
pathway, which rule fired and on what values, and which exact ruleset (id, version, content
hash) made it, so that any decision can be reproduced.
"""

from __future__ import annotations

import calendar
import datetime as dt
import sys
from fractions import Fraction
from typing import Any, Callable, Mapping

import attrs

from ..dsl import ast
from ..errors import SegrulesError, UsageError
from .compile import CompiledRuleset


_FLOAT_MAX = Fraction(sys.float_info.max)
_now = dt.datetime.now
_UTC = dt.timezone.utc


@attrs.frozen
class RulesetRef:
    """Which ruleset made a decision."""

    id: str
    version: str
    content_hash: str

    def to_json(self) -> dict:
        return {"id": self.id, "version": self.version, "content_hash": self.content_hash}


def format_number(value: Any, *, width: int | None = None) -> str:
    """Exact and readable: 3, 3.25, or 10/3 for a value with no finite decimal form.

    With ``width`` (for pictures), a text longer than that becomes ``≈`` and two decimals
    (or ``≈1.2e400`` for a huge value). Exact at any size: no float is involved.
    """
    if isinstance(value, bool) or not isinstance(value, (int, Fraction)):
        return value if isinstance(value, str) else ("true" if value is True else "false" if value is False else repr(value))
    f = Fraction(value)
    text = _decimal_text(f)
    if text is None:
        text = f"{_int_text(f.numerator)}/{_int_text(f.denominator)}"
    if width is not None and len(text) > width:
        return "≈" + _approx_text(f)
    return text


def _int_text(n: int) -> str:
    """Digits of ``n``; past Python's limit on int-to-text conversion, its order of magnitude."""
    try:
        return str(n)
    except ValueError:
        return f"{'-' if n < 0 else ''}10^{int(abs(n).bit_length() * 0.30103)}"


def _decimal_text(f: Fraction) -> str | None:
    """The exact decimal form of ``f``, or None when it has no finite one (such as 1/3)."""
    d, twos, fives = f.denominator, 0, 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d != 1:
        return None
    places = max(twos, fives)
    scaled = abs(f.numerator) * 10**places // f.denominator
    digits = _int_text(scaled)
    sign = "-" if f < 0 else ""
    if places == 0 or not digits.isdigit():
        return sign + digits
    digits = digits.rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def _approx_text(f: Fraction) -> str:
    """``f`` to two decimals, rounded exactly; scientific form above 10**15."""
    if abs(f) < 10**15:
        return _decimal_text(Fraction(round(f * 100), 100)) or "0"
    whole = abs(f.numerator) // f.denominator
    exponent = max(0, int(whole.bit_length() * 0.30103) - 1)
    while 10 ** (exponent + 1) <= whole:
        exponent += 1
    mantissa = f / Fraction(10) ** exponent
    text = f"{float(mantissa):.1f}"
    if text == "10.0":  # 9.96 rounds up
        text, exponent = "1.0", exponent + 1
    return f"{text}e{exponent}"


def add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _value_json(v: Any):
    if isinstance(v, Fraction) or (type(v) is int):
        f = Fraction(v)
        # a float when one can hold it; null beyond the float range, where "exact" is the value
        return {"exact": format_number(f), "decimal": float(f) if abs(f) <= _FLOAT_MAX else None}
    return v


@attrs.frozen
class Decision:
    """The outcome of one assessment."""

    ruleset: RulesetRef
    segment: ast.Segment
    pathway: ast.Pathway
    rule: ast.Rule
    assessed_at: dt.datetime
    suggested: ast.Segment | None = None  # the rules' segment, when a person overrode it
    override_reason: str | None = None
    _score_pairs: tuple = attrs.field(default=(), repr=False, alias="score_pairs")
    _fact_values: tuple = attrs.field(default=(), repr=False, alias="fact_values")
    _owner: "Ruleset" = attrs.field(default=None, repr=False, eq=False, alias="owner")

    @property
    def segment_id(self) -> str:
        return self.segment.id

    @property
    def service_use(self) -> str:
        return self.segment.service_use

    @property
    def is_overridden(self) -> bool:
        return self.suggested is not None

    @property
    def scores(self) -> dict[str, Any]:
        """Every score: exact Fraction for numbers, bool or code otherwise."""
        out = {}
        for s, (n, d) in zip(self._owner.definition.scores, self._score_pairs):
            out[s.id] = Fraction(n, d) if d is not None and not isinstance(n, (bool, str)) else n
        return out

    @property
    def reassess_on(self) -> dt.date:
        return add_months(self.assessed_at.date(), self.pathway.reassess_after_months)

    @property
    def facts(self) -> dict[str, Any]:
        """The values the fired rule read: its scores and answers, in the rule's order."""
        ids = self._owner.compiled.fact_ids[self.rule.index]
        answers = dict(zip(ids, self._fact_values))
        scores = self.scores
        out = {}
        if self.rule.condition is not None:
            for name in ast.references(self.rule.condition):
                out[name] = scores[name] if name in scores else answers.get(name)
        return out

    def explain(self, lang: str = "en") -> str:
        """A short explanation a professional can read."""
        rule = self.rule
        where = f" ({rule.span})" if rule.span else ""
        lines = [
            f"{self.segment.label.get(lang)} ({self.segment.id})",
            f"rule {rule.index + 1}{where}: {rule.text}",
        ]
        facts = self.facts
        if facts:
            lines.append("because " + ", ".join(f"{k} = {format_number(v)}" for k, v in facts.items()))
        if self.suggested is not None:
            lines.append(
                f"overridden by a person: the rules suggested {self.suggested.id}; reason: {self.override_reason}"
            )
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {
            "ruleset": self.ruleset.to_json(),
            "segment": {
                "id": self.segment.id,
                "label": self.segment.label.to_json(),
                "aliases": list(self.segment.aliases),
                "service_use": self.segment.service_use,
                "quadrant": self.segment.quadrant.to_json() if self.segment.quadrant else None,
            },
            "suggested_segment": self.suggested.id if self.suggested else self.segment.id,
            "overridden": self.suggested is not None,
            "override_reason": self.override_reason,
            "pathway": self.pathway.to_json(),
            "scores": {k: _value_json(v) for k, v in self.scores.items()},
            "rule": {
                "number": self.rule.index + 1,
                "text": self.rule.text,
                "file": self.rule.span.file if self.rule.span else None,
                "line": self.rule.span.line if self.rule.span else None,
            },
            "facts": {k: _value_json(v) for k, v in self.facts.items()},
            "assessed_at": self.assessed_at.isoformat(),
            "reassess_on": self.reassess_on.isoformat(),
        }

    def override(self, segment: str, reason: str) -> "Decision":
        """The same decision, with the segment chosen by a person; the suggestion is kept."""
        return self._owner._override(self, segment, reason)


@attrs.frozen
class ExampleResult:
    example: ast.Example
    passed: bool
    got: str | None
    error: str | None = None


@attrs.frozen
class Ruleset:
    """A loaded, checked and compiled ruleset. Immutable; share it freely between threads.

    ``segment_of(answers) -> str`` is the batch fast path: it validates the answers exactly as
    ``decide`` does (AnswerError naming every problem) and returns the segment id, without
    building a Decision. It is the compiled function itself, so a call costs no extra frame.
    """

    definition: ast.RulesetDef
    compiled: CompiledRuleset = attrs.field(repr=False)
    ref: RulesetRef = attrs.field(init=False)
    segment_of: Callable[[Mapping[str, Any]], str] = attrs.field(init=False, repr=False, eq=False)
    _segments: dict = attrs.field(init=False, repr=False)
    _pathways: dict = attrs.field(init=False, repr=False)
    _rules: tuple = attrs.field(init=False, repr=False)
    warnings: tuple = attrs.field(default=(), repr=False)

    def __attrs_post_init__(self) -> None:
        d = self.definition
        object.__setattr__(self, "ref", RulesetRef(d.id, d.version, d.content_hash))
        object.__setattr__(self, "_segments", {s.id: s for s in d.segments})
        object.__setattr__(self, "_pathways", {p.segment: p for p in d.pathways})
        object.__setattr__(self, "_rules", d.rules)
        object.__setattr__(self, "segment_of", self.compiled.segment)

    # ------------------------------------------------------------------ identity

    @property
    def id(self) -> str:
        return self.definition.id

    @property
    def version(self) -> str:
        return self.definition.version

    @property
    def content_hash(self) -> str:
        return self.definition.content_hash

    @property
    def segments(self) -> tuple[ast.Segment, ...]:
        return self.definition.segments

    @property
    def inputs(self) -> tuple[ast.Input, ...]:
        return self.definition.inputs

    def segment(self, id: str) -> ast.Segment:
        try:
            return self._segments[id]
        except KeyError:
            raise UsageError(
                f"{id!r} is not a segment of {self.id}; segments: {', '.join(self._segments)}", code="SR501"
            ) from None

    # ------------------------------------------------------------------ deciding

    def decide(
        self,
        answers: Mapping[str, Any],
        *,
        assessed_at: dt.datetime | None = None,
        override: str | None = None,
        reason: str | None = None,
    ) -> Decision:
        """Validate the answers and decide, with the explanation.

        ``assessed_at`` defaults to now (UTC), stamped once here, outside the evaluation.
        ``override`` and ``reason`` record a person's choice of another segment.
        """
        rule_index, score_pairs, facts = self.compiled.decide(answers)
        rule = self._rules[rule_index]
        seg = self._segments[rule.segment]
        decision = Decision(
            self.ref, seg, self._pathways[seg.id], rule,
            assessed_at if assessed_at is not None else _now(_UTC),
            score_pairs=score_pairs, fact_values=facts, owner=self,
        )
        if override is not None or reason is not None:
            if override is None:
                raise UsageError(
                    "a reason was given, but no segment to override with; give the segment id too", code="SR502"
                )
            decision = self._override(decision, override, reason)
        try:
            decision.reassess_on
        except (OverflowError, ValueError):  # past the year 9999
            raise UsageError(
                f"the assessment time {decision.assessed_at.isoformat()} is too late: the re-assessment "
                f"{decision.pathway.reassess_after_months} months after it would fall past the year 9999",
                code="SR524",
            ) from None
        return decision

    def _override(self, decision: Decision, segment: str, reason: str | None) -> Decision:
        target = self.segment(segment)
        if reason is None or not str(reason).strip():
            raise UsageError(
                "overriding the suggested segment needs a reason, so that the choice can be followed later",
                code="SR502",
            )
        suggested = decision.suggested or decision.segment
        return attrs.evolve(
            decision, segment=target, pathway=self._pathways[target.id], suggested=suggested,
            override_reason=str(reason).strip(),
        )

    def validate(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        """The answered inputs, or AnswerError listing every problem."""
        from .reference import validate_answers

        return validate_answers(self.definition, answers)

    def run_examples(self) -> list[ExampleResult]:
        results = []
        for ex in self.definition.examples:
            try:
                got = self.segment_of(ex.answer_dict)
            except SegrulesError as exc:
                results.append(ExampleResult(ex, False, None, f"{exc.code}: {exc}"))
                continue
            results.append(ExampleResult(ex, got == ex.expect, got))
        return results
