"""The meaning of an answers table, and the result row the Python engine gives for it.

An answers table holds text (CSV cells, or any column read as text): a numeric question's
answer is an optional minus sign and ASCII digits, a yes/no answer is ``true`` or ``false``,
a choice is its code; anything else is kept as the text it is, which validation then rejects
(SR303 or SR302) exactly as ``decide`` would. An empty cell (NULL) is no answer.

A JSON Lines file's answers are JSON values instead, read as ``decide`` reads a JSON answer
set: a string is text, a number or true/false keeps its kind, null is no answer.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from typing import Any, Mapping

from ..errors import AnswerError, EvaluationError

_INT_RE = re.compile(r"-?[0-9]+")


def answers_from_text(definition, row: Mapping[str, Any]) -> dict[str, Any]:
    """The answers a row of text values stands for (None, an empty text or a missing key is
    no answer: an empty CSV cell and an empty text column mean the same)."""
    inputs = {i.id: i for i in definition.inputs}
    out: dict[str, Any] = {}
    for key, text in row.items():
        if text is None or text == "":
            if key not in inputs:
                out[key] = None  # an unknown question stays a problem, answered or not
            continue
        text = str(text)
        inp = inputs.get(key)
        if inp is None:
            out[key] = text
        elif inp.domain.is_numeric:
            out[key] = _whole(text) if _INT_RE.fullmatch(text) else text
        elif inp.domain.kind == "boolean":
            out[key] = {"true": True, "false": False}.get(text, text)
        else:
            out[key] = text
    return out


def answers_from_json(row: Mapping[str, Any]) -> dict[str, Any]:
    """The answers a row of JSON texts stands for (None, or JSON null, is no answer)."""
    out: dict[str, Any] = {}
    for key, text in row.items():
        if text is not None:
            value = json.loads(text, parse_int=_whole)
            if value is not None:
                out[key] = value
    return out


def _whole(text: str) -> int:
    """A whole number's text as an int. A number of more than 4,000 digits (Python converts
    at most 4,300) is outside every domain, as the SQL finds it: 10**4000, with its sign,
    stands for it."""
    if len(text.lstrip("-")) <= 4000:
        return int(text)
    return -(10**4000) if text.startswith("-") else 10**4000


def _pair(v) -> tuple[int, int]:
    f = Fraction(v)
    return f.numerator, f.denominator


def reference_row(ruleset, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The result columns (``RESULT_COLUMNS``) that ``ruleset.decide`` gives for ``answers``."""
    d = ruleset.definition
    row: dict[str, Any] = {
        "segment": None, "rule": None, "resources_num": None, "resources_den": None,
        "complexity_num": None, "complexity_den": None, "error_codes": None, "error_inputs": None,
        "ruleset_id": d.id, "ruleset_version": d.version, "ruleset_hash": d.content_hash,
    }
    try:
        decision = ruleset.decide(answers, assessed_at=_EPOCH)
    except AnswerError as exc:
        row["error_codes"] = ",".join(p.code for p in exc.problems)
        row["error_inputs"] = ",".join(p.input for p in exc.problems)
        return row
    except EvaluationError as exc:
        row["error_codes"] = exc.code
        row["error_inputs"] = exc.input
        return row
    row["segment"] = decision.segment_id
    row["rule"] = decision.rule.index + 1
    if d.axes is not None:
        scores = decision.scores
        row["resources_num"], row["resources_den"] = _pair(scores[d.axes.resources])
        row["complexity_num"], row["complexity_den"] = _pair(scores[d.axes.complexity])
    return row


import datetime as _dt  # noqa: E402

_EPOCH = _dt.datetime(2000, 1, 1, tzinfo=_dt.timezone.utc)
