"""Loaded rulesets and the decisions they make.

A ``Ruleset`` is immutable and thread-safe: it holds the checked AST and the functions
compiled from it, and nothing changes after loading. A ``Decision`` says which segment, which
pathway, which rule fired and on what values, and which exact ruleset (id, version, content
hash) made it, so that any decision can be reproduced.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import json
from fractions import Fraction
from typing import Any, Callable, Mapping

import attrs

from ..dsl import ast
from ..dsl.printer import decimal_text
from ..errors import SegrulesError, UsageError
from ..i18n import DEFAULT_LANG, check_lang, count, names_in, resolve_lang, rule_words, text, value_words
from .compile import CompiledRuleset, compile_answers_text
from .reference import plain_answers


_now = dt.datetime.now
_UTC = dt.timezone.utc
_DATETIME = dt.datetime
_TIMEZONE = dt.timezone  # a fixed offset: never without one


@attrs.frozen
class RulesetRef:
    """Which ruleset made a decision."""

    id: str
    version: str
    content_hash: str

    def to_json(self) -> dict:
        """The reference as JSON: id, version and content hash."""
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


def _decimal_text(f: Fraction, digits: Callable[[int], str] | None = None) -> str | None:
    """The exact decimal form of ``f``, or None (see ``printer.decimal_text``). The default
    digits are for display: past Python's limit on converting a long int to text, its order
    of magnitude; records pass ``_exact_digits``."""
    return decimal_text(f, digits or _int_text)


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
    """The same day ``months`` later; the last day of the month where that month is shorter."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month, d = day.year + y, m + 1, day.day
    if d > 28:
        d = min(d, calendar.monthrange(year, month)[1])
    return dt.date(year, month, d)


def exact_text(numerator: int, denominator: int = 1) -> str:
    """A number as a decision record stores it: ``3``, ``-3.25`` or ``10/3``, always exact.

    A whole number, else a finite decimal where one exists, else the quotient in lowest terms;
    ``fractions.Fraction(text)`` reads every form back. Unlike ``format_number`` it is data,
    never shortened or translated.
    """
    f = Fraction(numerator, denominator)
    if f.denominator == 1:
        return _exact_digits(f.numerator)
    decimal = _decimal_text(f, _exact_digits)
    return decimal if decimal is not None else f"{_exact_digits(f.numerator)}/{_exact_digits(f.denominator)}"


def _exact_digits(n: int) -> str:
    """All the digits of ``n``, also past Python's limit on converting a long int to text."""
    try:
        return str(n)
    except ValueError:
        sign, n = ("-", -n) if n < 0 else ("", n)
        chunk = 10**1000
        parts = []
        while n:
            n, low = divmod(n, chunk)
            parts.append(low)
        return sign + str(parts[-1]) + "".join(str(p).rjust(1000, "0") for p in reversed(parts[:-1]))


_TWO_DIGITS = tuple(f"{i:02d}" for i in range(60))


def _time_text(at: dt.datetime) -> str:
    """``at.isoformat()``, five times faster for the fixed offsets (``datetime.timezone``) that
    decisions usually carry: the date and the offset are written once a day."""
    tz = at.tzinfo
    if tz.__class__ is not _TIMEZONE:
        return at.isoformat()
    day, offset = _day_and_offset(at.toordinal(), tz)
    two = _TWO_DIGITS
    if at.microsecond:
        return f"{day}{two[at.hour]}:{two[at.minute]}:{two[at.second]}.{at.microsecond:06d}{offset}"
    return f"{day}{two[at.hour]}:{two[at.minute]}:{two[at.second]}{offset}"


@functools.lru_cache(maxsize=1024)
def _day_and_offset(ordinal: int, tz: dt.timezone) -> tuple[str, str]:
    text = dt.datetime.fromordinal(ordinal).replace(tzinfo=tz).isoformat()  # YYYY-MM-DDT00:00:00+HH:MM
    return text[:11], text[19:]


def _time_texts(at: dt.datetime, months: int) -> tuple[str, str, str]:
    """The record text around ``assessed_at``: ``,"assessed_at":"<the time>``, then its end
    with ``reassess_on`` for the full record and for the compact one (which it closes)."""
    tz = at.tzinfo
    if tz.__class__ is not _TIMEZONE:  # a named zone (ZoneInfo): its offset of that day
        tail = f'","reassess_on":"{_reassess_text(at.date(), months)}"'
        return f',"assessed_at":"{at.isoformat()}', tail, tail + "}"
    day, tail, tail_compact = _day_texts(at.toordinal(), tz, months)
    time = f"{day}{_HOURS[at.hour]}{_MINUTES[at.minute]}{_TWO_DIGITS[at.second]}"
    if at.microsecond:
        time = f"{time}.{at.microsecond:06d}"
    return time, tail, tail_compact


_HOURS = tuple(f"{i:02d}:" for i in range(24))
_MINUTES = tuple(f"{i:02d}:" for i in range(60))


@functools.lru_cache(maxsize=1024)
def _day_texts(ordinal: int, tz: dt.timezone, months: int) -> tuple[str, str, str]:
    """The record text around the time of day, for the assessments of one day in one offset:
    (``,"assessed_at":"YYYY-MM-DDT``, ``+HH:MM","reassess_on":"YYYY-MM-DD"`` and the same
    closing the compact record)."""
    day, offset = _day_and_offset(ordinal, tz)
    tail = f'{offset}","reassess_on":"{_reassess_text(dt.date.fromordinal(ordinal), months)}"'
    return f',"assessed_at":"{day}', tail, tail + "}"


@functools.lru_cache(maxsize=1024)
def _reassess_text(day: dt.date, months: int) -> str:
    """The re-assessment date of a record; a day's assessments share it."""
    return add_months(day, months).isoformat()


# Scores take few distinct values (they are made of bounded answers): a record reuses their text.
_exact = functools.lru_cache(maxsize=4096)(exact_text)


def _score_json(n: Any, d: int | None, full: bool) -> Any:
    """A score in a record: ``{"exact": ...}`` for a number (and the nearest float when full)."""
    if d is None:  # a yes/no or choice score: the value itself
        return n
    if not full:
        return {"exact": _exact(n, d)}
    try:
        near = n / d
    except OverflowError:  # beyond the float range: the exact text says it all
        near = None
    return {"exact": _exact(n, d), "decimal": near}


def _fact_json(v: Any) -> Any:
    if isinstance(v, Fraction):
        return _score_json(v.numerator, v.denominator, True)
    if type(v) is int:
        return _score_json(v, 1, True)
    return v


#: The text of a record: JSON in UTF-8 as it is (no ``\u`` escapes but where JSON needs them),
#: without spaces. ``Decision.to_json_text`` writes the same text faster.
encode_record = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

try:  # the optional extra ``fast``: orjson writes a decision's checked answers, to the same bytes
    from orjson import dumps as _fast_dumps
except ImportError:
    _fast_dumps = None


@functools.lru_cache(maxsize=4096, typed=True)
def _score_text(n: Any, d: int | None, full: bool) -> str:
    """``encode_record(_score_json(n, d, full))``: a score's text, for the few values scores take."""
    return encode_record(_score_json(n, d, full))


def _value_text(v: Any) -> str:
    """The JSON text of a fact read from the answers."""
    if v.__class__ is int:
        return _score_text(v, 1, True)
    return encode_record(_fact_json(v))


def _record_texts(ref: RulesetRef, rule: ast.Rule, seg: ast.Segment, pathway: ast.Pathway, facts: tuple) -> tuple:
    """The parts of the record text that one rule's decisions share (when not overridden), at
    the positions ``_PREFIXES`` ... ``_FACT_TEXTS``: the compact record up to its answers by
    the score values met, the compact and full heads, the full tail before the facts, the fact
    keys, and the facts' texts by the score values met when the rule reads scores only."""
    line = rule.span.line if rule.span is not None else None

    def head(segment: dict, rule_json: dict) -> str:
        text = encode_record({
            "schema": RECORD_SCHEMA, "ruleset": ref.to_json(), "segment": segment, "suggested_segment": seg.id,
            "overridden": False, "override_reason": None, "rule": rule_json, "scores": {},
        })
        return text[:-3]  # open: ends with "scores":{

    compact = head({"id": seg.id}, {"number": rule.index + 1, "line": line})
    full = head(
        {"id": seg.id, "label": seg.label.to_json(), "aliases": list(seg.aliases), "service_use": seg.service_use,
         "quadrant": seg.quadrant.to_json() if seg.quadrant else None},
        {"number": rule.index + 1, "line": line, "text": rule.text},
    )
    pathway_text = ',"pathway":' + encode_record(pathway.to_json()) + ',"facts":{'
    fact_keys = tuple((encode_record(name) + ":", name, pos) for name, pos in facts)
    by_scores = {} if all(pos >= 0 for _, pos in facts) else None
    return {}, compact + "{", full + "{", pathway_text, fact_keys, by_scores


_PREFIXES, _HEAD_COMPACT, _HEAD_FULL, _PATHWAY_TEXT, _FACT_KEYS, _FACT_TEXTS = range(6)

# Texts a ruleset keeps per combination of score values (the scores of its records, and per rule
# the start of its compact records and its facts), up to this many each: scores take few values,
# and a cache must not grow without bound.
_TEXTS_KEPT = 1024


def _keep(cache: dict, key: Any, text: str) -> str:
    if len(cache) < _TEXTS_KEPT:
        cache[key] = text
    return text


def _facts_text(texts: tuple, pairs: tuple, answers: dict) -> str:
    """The end of a rule's full record from its facts' values on, kept by score values where
    the facts read scores only."""
    facts_by_scores = texts[_FACT_TEXTS]
    facts_text = facts_by_scores.get(pairs) if facts_by_scores is not None else None
    if facts_text is None:
        parts = []
        for key, name, pos in texts[_FACT_KEYS]:
            if pos < 0:
                parts.append(key + _value_text(answers.get(name)))
            else:
                n, d = pairs[pos]
                parts.append(key + _score_text(n, d, True))
        facts_text = ",".join(parts) + "}}"
        if facts_by_scores is not None:
            _keep(facts_by_scores, pairs, facts_text)
    return facts_text


RECORD_SCHEMA = "segrules.decision/1"

_LATEST_YEAR = 9994  # pathways re-assess within 60 months; date.max is in 9999

_new = object.__new__


def assessment_time(value: Any) -> dt.datetime:
    """``value`` if it is a date and time with a UTC offset, else SR550.

    A time without an offset could be local time anywhere; rather than guess, segrules asks for
    the offset, in the API and on the command line alike.
    """
    if not isinstance(value, dt.datetime):
        raise UsageError(
            f"the assessment time must be a datetime with a UTC offset, not {type(value).__name__}",
            code="SR550",
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise UsageError(
            f"the assessment time {value.isoformat()} has no UTC offset; give it one, "
            "e.g. datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc) or 2024-03-01T09:30:00+02:00",
            code="SR550",
        )
    if value.year > _LATEST_YEAR:
        raise UsageError(
            f"the assessment time {value.isoformat()} is too late: the re-assessment date would pass "
            f"the year 9999; give a time before the year {_LATEST_YEAR + 1}",
            code="SR524",
        )
    return value


# The data of a Decision, in this order (``_v``); the owner and what follows it are not compared,
# hashed or pickled.
# ``_CHECKED`` says that the answers passed validation (a decision of ``decide``): the record
# text may then write them from the texts prepared per input and value.
(_RULESET, _SEGMENT, _PATHWAY, _RULE, _SUGGESTED, _REASON, _AT, _SCORE_IDS, _PAIRS, _ANSWERS, _FACTS, _OWNER,
 _CHECKED) = range(13)


class Decision:
    """The outcome of one assessment: immutable, comparable, picklable as plain data.

    ``segment`` is the segment decided (a person's choice when overridden), ``suggested`` the
    segment the rules gave (the same segment unless overridden), ``rule`` the rule that gave
    it. ``to_json()`` is the record to store; ``Decision.from_json(record, ruleset)`` reads it
    back and ``segrules.replay`` recomputes it.
    """

    __slots__ = ("_v",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("a Decision comes from Ruleset.decide() or Decision.from_json()")

    @classmethod
    def _make(cls, values: tuple) -> "Decision":
        d = _new(cls)
        _set_v(d, values)
        return d

    def __setattr__(self, name: str, value: Any) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError()

    def __reduce__(self):
        return (_restore_decision, (self._v[:_OWNER],))

    def _key(self) -> tuple:
        """The data that makes two decisions equal: scores by value, not by how they were formed."""
        v = self._v
        scores = tuple(n if d is None else Fraction(n, d) for n, d in v[_PAIRS])
        return v[:_PAIRS] + (scores, v[_FACTS])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Decision:
            return NotImplemented
        return self._key() == other._key() and self._v[_ANSWERS] == other._v[_ANSWERS]

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        v = self._v
        ref = v[_RULESET]
        over = f", suggested={v[_SUGGESTED].id!r}" if v[_REASON] is not None else ""
        return (
            f"Decision(segment={v[_SEGMENT].id!r}{over}, rule={v[_RULE].index + 1}, "
            f"ruleset={ref.id!r} {ref.version}, assessed_at={v[_AT].isoformat()!r})"
        )

    # ------------------------------------------------------------------ the data

    @property
    def ruleset(self) -> RulesetRef:
        """The ruleset that decided: id, version and content hash."""
        return self._v[_RULESET]

    @property
    def segment(self) -> ast.Segment:
        """The decided segment (the override where there is one)."""
        return self._v[_SEGMENT]

    @property
    def pathway(self) -> ast.Pathway:
        """The pathway of the decided segment."""
        return self._v[_PATHWAY]

    @property
    def rule(self) -> ast.Rule:
        """The rule that placed the answers in the suggested segment."""
        return self._v[_RULE]

    @property
    def suggested(self) -> ast.Segment:
        """The segment the rules gave: ``segment`` itself unless a person overrode it."""
        return self._v[_SUGGESTED]

    @property
    def override_reason(self) -> str | None:
        """Why the segment was overridden, or None."""
        return self._v[_REASON]

    @property
    def assessed_at(self) -> dt.datetime:
        """When the assessment was made (with its UTC offset)."""
        return self._v[_AT]

    @property
    def answers(self) -> dict[str, Any]:
        """A copy of the answers the decision was made on."""
        return dict(self._v[_ANSWERS])

    @property
    def segment_id(self) -> str:
        """The decided segment's id."""
        return self._v[_SEGMENT].id

    @property
    def service_use(self) -> str:
        """The decided segment's service use: occasional or heavy."""
        return self._v[_SEGMENT].service_use

    @property
    def is_overridden(self) -> bool:
        """True when a person chose another segment than the rules suggested."""
        return self._v[_REASON] is not None

    @property
    def scores(self) -> dict[str, Any]:
        """Every score: exact Fraction for numbers, bool or code otherwise."""
        v = self._v
        return {
            sid: n if d is None else Fraction(n, d)
            for sid, (n, d) in zip(v[_SCORE_IDS], v[_PAIRS])
        }

    @property
    def reassess_on(self) -> dt.date:
        """The date to assess the client again: the assessment date plus the pathway's months."""
        return add_months(self._v[_AT].date(), self._v[_PATHWAY].reassess_after_months)

    @property
    def facts(self) -> dict[str, Any]:
        """The values the fired rule read: its scores and answers, in the rule's order."""
        v = self._v
        pairs, answers = v[_PAIRS], v[_ANSWERS]
        out = {}
        for name, pos in v[_FACTS]:
            if pos < 0:
                out[name] = answers.get(name)
            else:
                n, d = pairs[pos]
                out[name] = n if d is None else Fraction(n, d)
        return out

    def explain(self, lang: str | None = None) -> str:
        """A short explanation a professional can read, in ``lang`` (fi, sv or en; by default
        the language ``i18n.resolve_lang`` finds: ``SEGRULES_LANG``, the locale, English).

        The segment's name; the rule that placed the answers there, in the model's own words;
        the values it read, by their labels, as decimals with the language's separator
        (``4,14``; the exact values are in ``to_json()``); the pathway's first contact and
        when to assess again.
        """
        lang = resolve_lang(lang)
        rule, seg, pathway = self.rule, self.segment, self.pathway
        suggested = self.suggested
        lines = [f"{seg.label.get(lang)} ({seg.id})", rule_words(rule, suggested.label, lang)]
        facts = self.facts
        if facts:
            names = names_in(rule.condition)
            shown = [
                text(lang, "fact", name=_fact_name(names.get(k, k), lang), value=value_words(v, lang))
                for k, v in facts.items()
            ]
            lines.append(text(lang, "because") + " " + text(lang, "facts_and").join(shown))
        if self.is_overridden:
            s = self.suggested
            lines.append(text(lang, "overridden", label=s.label.get(lang), id=s.id, reason=self.override_reason))
        lines.append(f"{text(lang, 'pathway')}: {pathway.contact.get(lang)}")
        lines.append(text(lang, "reassess_line", months=count(lang, "months", pathway.reassess_after_months)))
        return "\n".join(lines)

    # ------------------------------------------------------------------ the record

    def to_json(self, *, compact: bool = False) -> dict:
        """The decision record (docs/decision-record.md).

        ``compact=True`` leaves out what the ruleset's content hash already pins (labels, the
        pathway, the rule's text) and the facts, which the answers and scores determine; every
        key of the compact record is in the full one with the same value.
        """
        ref, seg, pathway, rule, suggested, reason, at, ids, pairs, answers = self._v[:_FACTS]
        full = not compact
        scores = {}
        for sid, (n, d) in zip(ids, pairs):  # a loop, not a comprehension: this is the hot path
            scores[sid] = n if d is None else _score_json(n, d, True) if full else {"exact": _exact(n, d)}
        record = {
            "schema": RECORD_SCHEMA,
            "ruleset": {"id": ref.id, "version": ref.version, "content_hash": ref.content_hash},
            "segment": {"id": seg.id},
            "suggested_segment": suggested.id,
            "overridden": reason is not None,
            "override_reason": reason,
            "rule": {"number": rule.index + 1, "line": rule.span.line if rule.span is not None else None},
            "scores": scores,
            "answers": answers.copy(),
            "assessed_at": _time_text(at),
            "reassess_on": _reassess_text(at.date(), pathway.reassess_after_months),
        }
        if full:
            record["segment"].update(
                label=seg.label.to_json(), aliases=list(seg.aliases), service_use=seg.service_use,
                quadrant=seg.quadrant.to_json() if seg.quadrant else None,
            )
            record["rule"]["text"] = rule.text
            record["pathway"] = pathway.to_json()
            record["facts"] = {k: _fact_json(v) for k, v in self.facts.items()}
        return record

    def to_json_text(self, *, compact: bool = False) -> str:
        """The record as JSON text, ready to store: ``encode_record(self.to_json(compact=...))``
        to the character (UTF-8 as it is, no spaces), so that storing a record costs about as
        much as the decision: the ruleset prepared at load the texts of each rule's constant
        parts and of each answer's value (see ``compile.compile_answers_text``), and keeps those
        of the score values it meets, and joins them once."""
        return _record_text(self, compact, False)

    def to_json_text_parts(self) -> tuple[str, ...]:
        """The full record text, ``to_json_text()``, in parts that join to it, so that whoever
        adds to the record (the service's answer) need not copy what decisions share.

        A decision that is not overridden has four: the head up to the scores and the pathway,
        which its rule's decisions share; the scores, answers and times; and the facts, which
        decisions with the same score values share where the rule's facts read scores only.
        The ruleset keeps the shared parts (those of up to 1,024 score values per rule) and
        hands out the same text objects, so that a cache keyed by them hashes each once. Any
        other decision has one part, the whole text.
        """
        parts = _record_text(self, False, True)
        return parts if parts.__class__ is tuple else (parts,)

    @classmethod
    def from_json(cls, record: Mapping[str, Any], ruleset: "Ruleset") -> "Decision":
        """The decision a record (full or compact) stores, made by ``ruleset``.

        The record must name this ruleset (id, version and content hash; SR554) and be
        complete and consistent with it (SR553). Nothing is recomputed: ``segrules.replay``
        does that.
        """
        from .record import decision_from_json

        return decision_from_json(record, ruleset)

    def override(self, segment: str, reason: str) -> "Decision":
        """The same decision, with the segment chosen by a person; the suggestion is kept.

        ``segment`` is a segment id, alias or label, as the crosswalk accepts them.
        """
        owner = self._v[_OWNER]
        if owner is None:
            raise UsageError(
                "this decision was unpickled without its ruleset, so it cannot be overridden here; "
                "decide again with ruleset.decide(decision.answers, assessed_at=decision.assessed_at, "
                "override=..., reason=...), or read its record with Decision.from_json(record, ruleset)",
                code="SR556",
            )
        return owner._override(self, segment, reason)


_set_v = Decision._v.__set__  # the slot's own setter: Decision.__setattr__ refuses every change


def _fact_name(label: Any, lang: str) -> str:
    return label if isinstance(label, str) else label.get(lang)


def _record_text(decision: Decision, compact: bool, parts: bool):
    """``Decision.to_json_text`` (``parts``: the full record of a rule's decision in the four
    parts of ``Decision.to_json_text_parts``, a tuple; any other decision's text whole)."""
    ref, seg, pathway, rule, suggested, reason, at, ids, pairs, answers, facts, owner, checked = decision._v
    if reason is not None or owner is None or ids is not owner._score_ids:
        return encode_record(decision.to_json(compact=compact))
    texts = owner._record_texts[rule.index]
    answers_text = None
    if checked and _fast_dumps is not None:
        try:
            answers_text = _fast_dumps(answers).decode()
        except TypeError:  # a number beyond 64 bits
            pass
    if answers_text is None:
        answers_text = owner._answers_text(answers, checked) or encode_record(answers)
    months = pathway.reassess_after_months
    last = owner._last_time[0]  # the time of the ruleset's last record: a batch often shares one
    if last[0] is at and last[1] == months:
        time, tail, tail_compact = last[2]
    else:
        time, tail, tail_compact = times = _time_texts(at, months)
        owner._last_time[0] = (at, months, times)
    if compact:
        prefix = texts[_PREFIXES].get(pairs)
        if prefix is None:
            start = texts[_HEAD_COMPACT] + owner._scores_text(pairs, False) + '},"answers":'
            prefix = _keep(texts[_PREFIXES], pairs, start)
        return f"{prefix}{answers_text}{time}{tail_compact}"
    scores = owner._score_texts.get(pairs) or owner._scores_text(pairs, True)
    if parts:
        return (texts[_HEAD_FULL], f'{scores}}},"answers":{answers_text}{time}{tail}', texts[_PATHWAY_TEXT],
                _facts_text(texts, pairs, answers))
    return (f'{texts[_HEAD_FULL]}{scores}}},"answers":{answers_text}{time}{tail}'
            f'{texts[_PATHWAY_TEXT]}{_facts_text(texts, pairs, answers)}')


def _restore_decision(values: tuple) -> Decision:
    return Decision._make(tuple(values[:_OWNER]) + (None, False))


def _restore_ruleset(text: str, name: str, content_hash: str) -> "Ruleset":
    from ..pipeline import load_text

    ruleset = load_text(text, name)
    if ruleset.content_hash != content_hash:
        raise SegrulesError(
            f"the pickled ruleset {name} loads here with the content hash {ruleset.content_hash}, "
            f"not {content_hash}; the two sides run different versions of segrules",
            code="SR555",
        )
    return ruleset


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

    Answers may be any mapping (a dict, a ``defaultdict``, a ``MappingProxyType``, a custom
    ``Mapping``); anything but a plain dict is copied once, so ``segment_of``, ``decide`` and
    ``validate`` see the same answers, and the caller's mapping is never written to.

    A Ruleset pickles as its source text and content hash, and is loaded and compiled again
    when unpickled (the hash is checked: SR555), so process pools and cluster workers can
    receive it. Send it once per worker: each unpickling compiles it.
    """

    definition: ast.RulesetDef
    compiled: CompiledRuleset = attrs.field(repr=False)
    ref: RulesetRef = attrs.field(init=False)
    segment_of: Callable[[Mapping[str, Any]], str] = attrs.field(init=False, repr=False, eq=False)
    _segments: dict = attrs.field(init=False, repr=False)
    _pathways: dict = attrs.field(init=False, repr=False)
    _rules: tuple = attrs.field(init=False, repr=False)
    # per rule, what a decision by it needs: (rule, segment, pathway, facts plan)
    _by_rule: tuple = attrs.field(init=False, repr=False, eq=False)
    _decide: Callable[[dict], tuple] = attrs.field(init=False, repr=False, eq=False)  # compiled.decide
    _score_ids: tuple = attrs.field(init=False, repr=False, eq=False)
    # per rule, the parts of its decisions' record text (see Decision.to_json_text)
    _record_texts: tuple = attrs.field(init=False, repr=False, eq=False)
    # (answers, checked) -> their JSON text from texts prepared per input and value, or None
    _answers_text: Callable[[dict, bool], str | None] = attrs.field(init=False, repr=False, eq=False)
    # each score's key text; the texts of the full record's scores by their values, as met
    _score_keys: tuple = attrs.field(init=False, repr=False, eq=False)
    _score_texts: dict = attrs.field(init=False, repr=False, eq=False)
    # [(assessed_at, months, its texts)] of the last record text written (see Decision.to_json_text)
    _last_time: list = attrs.field(init=False, repr=False, eq=False)
    warnings: tuple = attrs.field(default=(), repr=False)
    text: str | None = attrs.field(default=None, repr=False, eq=False)  # the source, for pickling

    def __attrs_post_init__(self) -> None:
        d = self.definition
        object.__setattr__(self, "ref", RulesetRef(d.id, d.version, d.content_hash))
        object.__setattr__(self, "_segments", {s.id: s for s in d.segments})
        object.__setattr__(self, "_pathways", {p.segment: p for p in d.pathways})
        object.__setattr__(self, "_rules", d.rules)
        object.__setattr__(self, "segment_of", self.compiled.segment)
        object.__setattr__(self, "_decide", self.compiled.decide)
        score_pos = {s.id: i for i, s in enumerate(d.scores)}
        object.__setattr__(self, "_score_ids", tuple(score_pos))
        by_rule = []
        for rule in d.rules:
            names = ast.references(rule.condition) if rule.condition is not None else ()
            facts = tuple((name, score_pos.get(name, -1)) for name in names)
            seg = self._segments[rule.segment]
            by_rule.append((rule, seg, self._pathways[seg.id], facts))
        object.__setattr__(self, "_by_rule", tuple(by_rule))
        object.__setattr__(self, "_record_texts", tuple(
            _record_texts(self.ref, rule, seg, pathway, facts) for rule, seg, pathway, facts in by_rule
        ))
        object.__setattr__(self, "_answers_text", compile_answers_text(d, encode_record))
        object.__setattr__(self, "_score_keys", tuple(encode_record(sid) + ":" for sid in self._score_ids))
        object.__setattr__(self, "_score_texts", {})
        object.__setattr__(self, "_last_time", [(None, None, None)])

    def _scores_text(self, pairs: tuple, full: bool) -> str:
        """The text of a record's scores (without the braces); the full one is kept here."""
        text = ",".join(key + _score_text(n, d, full) for key, (n, d) in zip(self._score_keys, pairs))
        return _keep(self._score_texts, pairs, text) if full else text

    def __reduce__(self):
        if self.text is None:
            raise UsageError("only a ruleset loaded from a file or a text can be pickled", code="SR555")
        return (_restore_ruleset, (self.text, self.definition.source, self.content_hash))

    # ------------------------------------------------------------------ identity

    @property
    def id(self) -> str:
        """The ruleset id, e.g. helsinki.suuntima."""
        return self.definition.id

    @property
    def version(self) -> str:
        """The ruleset version, as written in the file."""
        return self.definition.version

    @property
    def content_hash(self) -> str:
        """The SHA-256 of the ruleset's canonical content (docs/decision-record.md)."""
        return self.definition.content_hash

    @property
    def segments(self) -> tuple[ast.Segment, ...]:
        """The segments, in the order of the file."""
        return self.definition.segments

    @property
    def inputs(self) -> tuple[ast.Input, ...]:
        """The questions and record data, in the order of the file."""
        return self.definition.inputs

    def segment(self, name: str) -> ast.Segment:
        """A segment by its id, an alias or a label in any language (SR501 if none or several)."""
        seg = self._segments.get(name) if isinstance(name, str) else None
        if seg is not None:
            return seg
        found = self.definition.segments_named(name)
        if len(found) == 1:
            return self._segments[found[0]]
        if found:
            raise UsageError(
                f"{name!r} names several segments of {self.id}: {', '.join(found)}; give the segment id",
                code="SR501",
            )
        choices = [s.id + (f" ({', '.join(s.aliases)})" if s.aliases else "") for s in self.segments]
        raise UsageError(f"{name!r} is not a segment of {self.id}; segments: {', '.join(choices)}", code="SR501")

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

        ``assessed_at`` must carry its UTC offset (SR550); it defaults to now (UTC), stamped
        once here, outside the evaluation. ``override`` (a segment id, alias or label) and
        ``reason`` record a person's choice of another segment.
        """
        if assessed_at is None:
            assessed_at = _now(_UTC)
        elif (assessed_at.__class__ is not _DATETIME or assessed_at.tzinfo.__class__ is not _TIMEZONE
              or assessed_at.year > _LATEST_YEAR):  # else checked in full, e.g. a ZoneInfo time
            assessed_at = assessment_time(assessed_at)
        # a copy: the record keeps the answers, and the caller's mapping is never read twice
        a = answers.copy() if answers.__class__ is dict else plain_answers(answers)
        rule_index, pairs = self._decide(a)
        rule, seg, pathway, facts = self._by_rule[rule_index]
        decision = _new(Decision)
        _set_v(decision, (self.ref, seg, pathway, rule, seg, None, assessed_at, self._score_ids, pairs, a, facts, self,
                          True))
        if override is not None or reason is not None:
            decision = self._override(decision, override, reason)
        return decision

    def check_override(self, segment: str | None, reason: str | None) -> ast.Segment:
        """The segment an override with ``reason`` would choose, whatever the answers: SR502 for
        a reason without a segment or a segment without a reason, SR501 for a name that is no
        segment. (Whether it is the suggested segment, SR551, depends on the answers.) A caller
        with many answer sets and one override checks it once, before the first."""
        if segment is None:
            raise UsageError(
                "a reason was given, but no segment to override with; give the segment id too", code="SR502"
            )
        target = self.segment(segment)
        if reason is not None and not isinstance(reason, str):  # 5, b"x" or ["a"] would be stored as str() of it
            raise UsageError(
                f"the reason for an override must be text, not a value of type {type(reason).__name__}",
                code="SR502",
            )
        if reason is None or not str(reason).strip():
            raise UsageError(
                "overriding the suggested segment needs a reason, so that the choice can be followed later",
                code="SR502",
            )
        return target

    def _override(self, decision: Decision, segment: str | None, reason: str | None) -> Decision:
        target = self.check_override(segment, reason)
        v = decision._v
        suggested = v[_SUGGESTED]
        if target.id == suggested.id:
            raise UsageError(
                f"{target.id} is the segment the rules suggest; an override chooses another segment "
                "(to confirm the suggestion, keep the decision as it is)",
                code="SR551",
            )
        return Decision._make(
            v[:_SEGMENT] + (target, self._pathways[target.id], v[_RULE], suggested, str(reason).strip()) + v[_AT:]
        )

    def validate(self, answers: Mapping[str, Any]) -> dict[str, Any]:
        """The answered inputs, or AnswerError listing every problem."""
        from .reference import validate_answers

        return validate_answers(self.definition, answers)

    def run_examples(self) -> list[ExampleResult]:
        """Decide every example of the ruleset and compare with what it expects."""
        results = []
        for ex in self.definition.examples:
            try:
                got = self.segment_of(ex.answer_dict)
            except SegrulesError as exc:
                results.append(ExampleResult(ex, False, None, f"{exc.code}: {exc}"))
                continue
            results.append(ExampleResult(ex, got == ex.expect, got))
        return results
