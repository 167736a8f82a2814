"""Decision records read back: ``Decision.from_json`` and ``replay``.

A record is the JSON of ``Decision.to_json()`` (full or compact), or the document of
``segrules decide --json`` around it. ``replay`` decides again from the record's answers and
assessment time with a given ruleset and says exactly what differs; ``Decision.from_json``
restores the decision itself, with the ruleset that made it. The format is described in
docs/decision-record.md.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from fractions import Fraction
from typing import Any, Mapping

import attrs

from ..answers import MAX_ANSWERS_DEPTH, json_int
from ..dsl.check import expression_type
from ..errors import AnswerError, EvaluationError, SegrulesError, UsageError
from .runtime import (
    RECORD_SCHEMA, Decision, Ruleset, RulesetRef, _AT, _PAIRS, _REASON, _SCORE_IDS, _SEGMENT, _SUGGESTED,
    _int_text, _score_json, assessment_time,
)

DECIDE_SCHEMA = "segrules.decide/1"
_EXACT = re.compile(r"-?[0-9]+(\.[0-9]+|/[0-9]+)?")


class RecordError(UsageError):
    """The record is not a decision record, or does not fit the ruleset; every problem is listed."""

    def __init__(self, problems: list[str], *, code: str = "SR553"):
        self.problems = tuple(problems)
        if len(problems) == 1:
            text = f"not a valid decision record: {problems[0]}"
        else:
            text = f"not a valid decision record ({len(problems)} problems):\n  " + "\n  ".join(problems)
        super().__init__(text, code=code)


@attrs.frozen
class StoredDecision:
    """The parts of a record that a replay compares, read and checked for their kind."""

    ruleset: RulesetRef
    segment: str
    suggested: str
    override_reason: str | None
    rule_number: int
    rule_line: int | None
    scores: dict  # score id -> Fraction, bool or code
    answers: dict
    assessed_at: dt.datetime
    reassess_on: str


def read_record(record: Any) -> StoredDecision:
    """The stored decision of a record, or RecordError (SR553) naming every problem."""
    if isinstance(record, Mapping) and record.get("schema") == DECIDE_SCHEMA and "decision" in record:
        record = record["decision"]
    problems: list[str] = []
    if not isinstance(record, Mapping):
        raise RecordError(["a decision record is a JSON object"])

    if not any(key in record for key in _RECORD_KEYS):
        raise RecordError([f"the object has none of the keys of a decision record ({', '.join(_RECORD_KEYS)})"])

    def get(mapping: Any, key: str, kinds: tuple, what: str, *, optional: bool = False) -> Any:
        if not isinstance(mapping, Mapping):
            return None
        if key not in mapping:
            if not optional:
                problems.append(f"{what} is missing")
            return None
        value = mapping[key]
        if value is None and optional:
            return None
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            problems.append(f"{what} must be {_KIND_NAMES[kinds]}, not {_json_kind(value)}")
            return None
        return value

    schema = record.get("schema")
    if schema != RECORD_SCHEMA:
        problems.append(
            f"the schema is {schema!r}, not {RECORD_SCHEMA!r}" if "schema" in record
            else f"the schema is missing (a record says \"schema\": \"{RECORD_SCHEMA}\")"
        )
    rs = get(record, "ruleset", (dict,), "ruleset")
    ref = [get(rs, k, (str,), f"ruleset.{k}") for k in ("id", "version", "content_hash")]
    segment = get(get(record, "segment", (dict,), "segment"), "id", (str,), "segment.id")
    suggested = get(record, "suggested_segment", (str,), "suggested_segment")
    overridden = get(record, "overridden", (bool,), "overridden")
    reason = get(record, "override_reason", (str,), "override_reason", optional=True)
    rule = get(record, "rule", (dict,), "rule")
    number = get(rule, "number", (int,), "rule.number")
    line = get(rule, "line", (int,), "rule.line", optional=True)
    scores: dict[str, Any] = {}
    for key, value in (get(record, "scores", (dict,), "scores") or {}).items():
        if isinstance(value, Mapping):
            text = value.get("exact")
            exact = _exact_number(text) if isinstance(text, str) else None
            if exact is not None:
                scores[key] = exact
                continue
            problems.append(f"scores.{key}.exact must be an exact number such as 3, 3.25 or 10/3, not {text!r}")
        elif isinstance(value, (bool, str)):
            scores[key] = value
        else:
            problems.append(f"scores.{key} must be {{\"exact\": ...}}, true, false or a code, not {_json_kind(value)}")
    if "answers" not in record:
        problems.append("answers is missing (a record made before records held the answers cannot be replayed)")
    answers = get(record, "answers", (dict,), "answers") if "answers" in record else None
    for key, value in (answers or {}).items():
        problem = _answer_problem(f"answers.{key}", value)
        if problem is not None:
            problems.append(problem)
    at_text = get(record, "assessed_at", (str,), "assessed_at")
    at = None
    if at_text is not None:
        try:
            at = dt.datetime.fromisoformat(at_text)
        except ValueError:
            problems.append(f"assessed_at {at_text!r} is not an ISO 8601 date and time")
        else:
            if at.utcoffset() is None:
                problems.append(f"assessed_at {at_text!r} has no UTC offset")
    reassess_on = get(record, "reassess_on", (str,), "reassess_on")
    if overridden is not None and segment is not None and suggested is not None:
        if overridden != (segment != suggested):
            problems.append(
                f"overridden is {str(overridden).lower()}, but the segment is {segment!r} "
                f"and the suggested segment {suggested!r}"
            )
        given = record.get("override_reason")
        if overridden and not (reason or "").strip() and (given is None or isinstance(given, str)):
            # (a reason that is not text is named as such above, not as missing too)
            problems.append("an overridden decision must give its override_reason")
        if not overridden and reason is not None:
            problems.append("override_reason is given, but the decision is not overridden")
    for what, value in (("rule.number", number), ("rule.line", line)):
        problem = _count_problem(what, value)
        if problem is not None:
            problems.append(problem)
    if problems:
        raise RecordError(problems)
    return StoredDecision(
        RulesetRef(*ref), segment, suggested, reason, number, line, scores, dict(answers), at, reassess_on,
    )


_RECORD_KEYS = (
    "schema", "ruleset", "segment", "suggested_segment", "overridden", "override_reason", "rule", "scores",
    "answers", "assessed_at", "reassess_on",
)
_KIND_NAMES = {(dict,): "an object", (str,): "a text", (bool,): "true or false", (int,): "a whole number"}


def _count_problem(what: str, value: int | None) -> str | None:
    """Why a rule's number or line cannot be one, or None. Both count from 1, and no sequence
    (of rules, of lines) is longer than ``sys.maxsize``: a hand-made number of thousands of
    digits is refused here, before a message or a comparison would have to write it out."""
    if value is None or 1 <= value <= sys.maxsize:
        return None
    if value < 1:
        return f"{what} must be 1 or more, not {_int_text(value)}"
    return f"{what} {_int_text(value)} is more than any ruleset has"


def _answer_problem(what: str, value: Any, depth: int = 0) -> str | None:
    """Why an answer of a record could not be written back as JSON, or None: NaN or an
    infinity (Python's JSON reader takes them, JSON has not), or lists or objects nested past
    MAX_ANSWERS_DEPTH (as no answers file may be)."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"{what} is {value!r}, which is not a JSON number"
    if isinstance(value, (list, tuple, Mapping)):
        if depth >= MAX_ANSWERS_DEPTH:
            return f"{what} nests lists or objects more than {MAX_ANSWERS_DEPTH} levels deep"
        for member in value.values() if isinstance(value, Mapping) else value:
            problem = _answer_problem(what, member, depth + 1)
            if problem is not None:
                return problem
    return None


def _exact_number(text: str) -> Fraction | None:
    """The number an ``exact`` text writes (``3``, ``-3.25``, ``10/3``), or None for any other
    text or a quotient by zero. Read at any length, as records are written (``exact_text``):
    ``Fraction(text)`` stops at Python's limit on converting digits (4,300)."""
    if not _EXACT.fullmatch(text):
        return None
    top, slash, bottom = text.partition("/")
    if slash:
        denominator = json_int(bottom)
        return Fraction(json_int(top), denominator) if denominator else None
    whole, _, decimals = text.partition(".")
    return Fraction(json_int(whole + decimals), 10 ** len(decimals))


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float, Fraction)):
        return "a number"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def decision_from_json(record: Any, ruleset: Ruleset) -> Decision:
    """The Decision a record stores, with the ruleset that made it (see Decision.from_json)."""
    stored = read_record(record)
    if stored.ruleset != ruleset.ref:
        r, g = stored.ruleset, ruleset.ref
        raise RecordError(
            [
                f"the record was made by {r.id} {r.version} (content hash {r.content_hash}), "
                f"not by {g.id} {g.version} (content hash {g.content_hash})"
            ],
            code="SR554",
        )
    problems = []
    rules = ruleset.definition.rules
    segments = {s.id: s for s in ruleset.segments}
    for key, sid in (("segment.id", stored.segment), ("suggested_segment", stored.suggested)):
        if sid not in segments:
            problems.append(f"{key} {sid!r} is not a segment of {ruleset.id}")
    if stored.rule_number > len(rules):
        problems.append(f"rule.number {stored.rule_number}: {ruleset.id} has {len(rules)} rules")
    elif rules[stored.rule_number - 1].segment != stored.suggested:
        problems.append(
            f"rule {stored.rule_number} gives {rules[stored.rule_number - 1].segment!r}, "
            f"not the suggested segment {stored.suggested!r}"
        )
    ids = tuple(s.id for s in ruleset.definition.scores)
    if set(stored.scores) != set(ids):
        problems.append(f"the scores are {sorted(stored.scores)}, but {ruleset.id} has the scores {sorted(ids)}")
    problems += _score_kind_problems(ruleset, stored.scores)
    if problems:
        raise RecordError(problems)
    assessment_time(stored.assessed_at)  # SR524 as decide says it: no re-assessment date follows
    pairs = tuple(
        (v.numerator, v.denominator) if isinstance(v, Fraction) else (v, None)
        for v in (stored.scores[i] for i in ids)
    )
    # Rebuild through the ruleset's own tables, so that the decision is the one decide() makes.
    rule, seg, pathway, facts = ruleset._by_rule[stored.rule_number - 1]
    try:  # answers that pass validation may be written from the ruleset's prepared texts
        ruleset.validate(stored.answers)
        checked = True
    except SegrulesError:
        checked = False
    values = (ruleset.ref, seg, pathway, rule, seg, None, stored.assessed_at, ruleset._score_ids, pairs,
              stored.answers, facts, ruleset, checked)
    decision = Decision._make(values)
    if stored.segment != stored.suggested:
        target = segments[stored.segment]
        decision = Decision._make(
            values[:_SEGMENT] + (target, ruleset._pathways[target.id]) + values[_SEGMENT + 2:_SUGGESTED]
            + (seg, stored.override_reason.strip()) + values[_AT:]
        )
    # the date of the next assessment follows from the time and the segment; a record that says
    # another is inconsistent, and is refused rather than given the date again
    reassess = decision.reassess_on.isoformat()
    if stored.reassess_on != reassess:
        raise RecordError([f"reassess_on {stored.reassess_on!r} is not the date {ruleset.id} gives for "
                           f"{stored.segment} assessed at {stored.assessed_at.isoformat()} ({reassess})"])
    return decision


#: What a record holds for a score of each kind (``check.Type.kind``), and how it is said.
_SCORE_KINDS = {
    "number": (Fraction, '{"exact": ...}'), "boolean": (bool, "true or false"),
    "enum": (str, "a code"), "text": (str, "a code"),
}


def _score_kind_problems(ruleset: Ruleset, scores: dict) -> list[str]:
    """The record's scores that are not of their score's kind (a number, yes/no, a choice's
    code): restored as they are, a text or true for a number would explain as "= yes"."""
    problems = []
    for score in ruleset.definition.scores:
        if score.id in scores:
            kind, said = _SCORE_KINDS[expression_type(ruleset.definition, score.expr).kind]
            value = scores[score.id]
            if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
                shown = "an exact number" if isinstance(value, Fraction) else _json_kind(value)
                problems.append(f"scores.{score.id} must be {said}, not {shown}")
    return problems


# --------------------------------------------------------------------------- replay


@attrs.frozen
class Difference:
    """One part of the record that the recomputation does not confirm."""

    field: str
    stored: Any
    recomputed: Any

    def to_json(self) -> dict:
        return {"field": self.field, "stored": self.stored, "recomputed": self.recomputed}


@attrs.frozen
class Replay:
    """What replaying a record with a ruleset showed. ``same`` when nothing differs."""

    stored: StoredDecision
    ruleset: RulesetRef  # the ruleset the record was replayed with
    differences: tuple[Difference, ...]
    notes: tuple[str, ...] = ()
    recomputed: Decision | None = None  # None when the answers could not be decided
    error: SegrulesError | None = None  # why not

    @property
    def same(self) -> bool:
        """True when the decision decided again equals the stored one in every compared field."""
        return not self.differences

    def to_json(self) -> dict:
        """The comparison as JSON: every difference with the stored and the recomputed value."""
        s = self.stored
        return {
            "schema": "segrules.replay/1",
            "same": self.same,
            "record": {
                "ruleset": s.ruleset.to_json(), "segment": s.segment, "suggested_segment": s.suggested,
                "rule": s.rule_number, "assessed_at": s.assessed_at.isoformat(),
            },
            "ruleset": self.ruleset.to_json(),
            "differences": [d.to_json() for d in self.differences],
            "notes": list(self.notes),
            "error": None if self.error is None else {"code": self.error.code, "message": str(self.error)},
        }


def replay(record: Any, ruleset: Ruleset) -> Replay:
    """Decide again from a record's answers and time with ``ruleset``; compare with the record.

    The content hash, the segment, the suggestion, the override, the rule, every score and the
    re-assessment date must agree; each disagreement is one Difference. A rule found on
    another line of the same content is a note, not a difference (the hash excludes layout).
    """
    stored = read_record(record)
    diffs: list[Difference] = []
    notes: list[str] = []
    for key in ("id", "version", "content_hash"):
        a, b = getattr(stored.ruleset, key), getattr(ruleset.ref, key)
        if a != b:
            diffs.append(Difference(f"ruleset.{key}", a, b))
    try:
        decision = ruleset.decide(stored.answers, assessed_at=stored.assessed_at)
        if stored.segment != stored.suggested and decision.segment_id != stored.segment:
            decision = decision.override(stored.segment, stored.override_reason)
    except (AnswerError, EvaluationError, UsageError) as exc:
        diffs.append(Difference("segment", stored.segment, f"no decision ({exc.code})"))
        return Replay(stored, ruleset.ref, tuple(diffs), tuple(notes), None, exc)
    v = decision._v
    got_reason = v[_REASON]
    pairs = dict(zip(v[_SCORE_IDS], v[_PAIRS]))
    rule = decision.rule
    checks = [
        ("segment", stored.segment, decision.segment_id),
        ("suggested_segment", stored.suggested, v[_SUGGESTED].id),
        ("override_reason", stored.override_reason, got_reason),
        ("rule.number", stored.rule_number, rule.index + 1),
    ]
    for field, a, b in checks:
        if a != b:
            diffs.append(Difference(field, a, b))
    for sid in sorted(set(stored.scores) | set(pairs)):
        a = _score_json(*_pair(stored.scores[sid]), False) if sid in stored.scores else None
        b = _score_json(*pairs[sid], False) if sid in pairs else None
        if a != b:
            diffs.append(Difference(f"scores.{sid}", a, b))
    reassess = decision.reassess_on.isoformat()
    if stored.reassess_on != reassess:
        diffs.append(Difference("reassess_on", stored.reassess_on, reassess))
    line = rule.span.line if rule.span is not None else None
    if stored.rule_line != line and stored.rule_number == rule.index + 1:
        notes.append(
            f"rule {rule.index + 1} is on line {line} of this file; the record says line {stored.rule_line}"
        )
    return Replay(stored, ruleset.ref, tuple(diffs), tuple(notes), decision, None)


def _pair(value: Any) -> tuple:
    return (value.numerator, value.denominator) if isinstance(value, Fraction) else (value, None)
