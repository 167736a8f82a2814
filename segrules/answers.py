"""Answers from outside segrules: JSON files and streams, and rows of data frames and databases.

**Reading.** One answer set from a JSON file or stream, within documented limits.

An answer set is one JSON object of input id to answer. The reading is bounded: at most
MAX_ANSWERS_BYTES are read (the limit holds while reading, so /dev/zero or an endless pipe
stops there) and lists and objects may nest at most MAX_ANSWERS_DEPTH deep. A whole number
of any length is read exactly (past Python's own limit on converting digits), so that the
validator judges it as it judges the same number given to ``decide``: 10**5000 is SR302 from
a file, a service request and the library alike. Every problem is a coded error naming the
source.

**Records.** segrules is strict: an answer is a Python ``int``, ``bool`` or ``str`` (or absent), and
``decide``, ``segment_of`` and ``validate`` refuse anything else (SR303), so that no value is
ever guessed at. Rows read with numpy, pandas or a database driver hold other types: numpy
integers, ``4.0`` where a nullable integer column was widened to floats, NaN or ``pandas.NA``
for a missing value, ``Decimal`` from a NUMERIC column. ``from_record`` is the one explicit
way to accept them; it converts only what has exactly one meaning, and leaves everything else
as it is for the validator to refuse with its usual message. It never rounds: 4.5 stays 4.5.
"""

from __future__ import annotations

import json
import math
from itertools import accumulate
import numbers
import os
import re
import sys
from decimal import Decimal
from fractions import Fraction
from typing import Any, BinaryIO, Iterable, Iterator, Mapping

from .errors import (
    LONE_SURROGATE, AnswerError, AnswerProblem, Diagnostic, Span, UsageError, json_reason, lone_surrogate, safe_text,
)
from .files import InputTooLarge, os_reason, read_bytes_limited, read_stream_limited

__all__ = ["read_answers", "parse_answers", "AnswersFileError", "MAX_ANSWERS_BYTES", "MAX_ANSWERS_DEPTH",
           "json_int", "nesting_error", "too_large"]

MAX_ANSWERS_BYTES = 1024 * 1024
MAX_ANSWERS_DEPTH = 100


class AnswersFileError(UsageError):
    """The answers source cannot be read or is not one JSON document."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.message, code=diagnostic.code)
        self._diagnostic = diagnostic

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return (self._diagnostic,)


def read_answers(source: str | os.PathLike, stdin: BinaryIO | None = None, *, example: str | None = None) -> dict:
    """The answers JSON object from a file, or from ``stdin`` (a binary stream) for ``-``.

    ``example`` (a JSON object in the ruleset's own names) is shown in the hint for bad JSON.
    """
    return _answer_set(read_document(source, stdin, example=example))


def read_document(source: str | os.PathLike, stdin: BinaryIO | None = None, *, example: str | None = None) -> Any:
    """One JSON document of answers in any shape (FHIR resources: an object or a list), within
    the same limits, from a file or from ``stdin`` for ``-``."""
    name = "<stdin>" if source == "-" else safe_text(os.fsdecode(source), 300)
    try:
        if source == "-":
            if stdin is None:
                raise UsageError("answers from standard input need the stream", code="SR500")
            data = read_stream_limited(stdin, MAX_ANSWERS_BYTES)
        else:
            data = read_bytes_limited(source, MAX_ANSWERS_BYTES)
    except InputTooLarge as exc:
        raise too_large(name, exc.size) from None
    except IsADirectoryError:
        raise AnswersFileError(Diagnostic("SR510", f"cannot read the answers from {name}: it is a folder")) from None
    except OSError as exc:
        raise AnswersFileError(
            Diagnostic("SR510", f"cannot read the answers from {name}: {os_reason(exc, reading=True)}")
        ) from None
    return parse_document(data, name, example=example)


def parse_answers(data: bytes, name: str = "<answers>", *, example: str | None = None, bom: bool = True) -> dict:
    """The answers JSON object in ``data`` (UTF-8, a leading BOM allowed unless ``bom`` is
    false: a line of JSON Lines after the first, where a BOM is not the file's)."""
    return _answer_set(parse_document(data, name, example=example, bom=bom))


def too_large(name: str, size: int | None = None) -> AnswersFileError:
    """SR307 for answers of ``size`` bytes; without it, of more than the limit: where reading
    stopped at the limit, what was read is not the size."""
    said = f"{size} bytes" if size is not None else f"more than {MAX_ANSWERS_BYTES} bytes"
    return AnswersFileError(
        Diagnostic("SR307", f"{name}: the answers are {said}; one answer set may be at most {MAX_ANSWERS_BYTES} bytes")
    )


def _answer_set(answers: Any) -> dict:
    if not isinstance(answers, dict):
        raise AnswerError(
            [AnswerProblem("SR306", "(answers)", "the answers must be a JSON object of input id to answer")]
        )
    return answers


def parse_document(data: bytes, name: str = "<answers>", *, example: str | None = None, bom: bool = True) -> Any:
    """The JSON document in ``data`` (UTF-8, a leading BOM allowed unless ``bom`` is false),
    within the limits."""
    if len(data) > MAX_ANSWERS_BYTES:
        raise too_large(name, len(data))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AnswersFileError(
            Diagnostic("SR510", "the answers file is not valid UTF-8 text", Span(name, line, 1),
                       hint="save the file as UTF-8")
        ) from None
    if bom and text.startswith("\ufeff"):
        text = text[1:]
    deep = nesting_error(text)
    if deep is not None:
        raise AnswersFileError(
            Diagnostic("SR308", f"the answers nest lists or objects more than {MAX_ANSWERS_DEPTH} levels deep",
                       _span(text, deep, name), hint="give each input one plain value")
        )
    try:
        answers = json.loads(text, object_pairs_hook=_reject_duplicates, parse_int=json_int,
                             parse_constant=_no_constant)
    except _Constant as exc:  # Python's reader takes NaN and Infinity, which JSON has not
        at = next((m.start(1) for m in _CONSTANT.finditer(text) if m.group(1)), 0)
        raise AnswersFileError(
            Diagnostic("SR511", f"the answers are not valid JSON: {exc.args[0]} is not a JSON number",
                       _span(text, at, name), hint="write the answer as a number, or leave the question out")
        ) from None
    except json.JSONDecodeError as exc:
        lines = text.splitlines()
        line = lines[exc.lineno - 1] if 0 < exc.lineno <= len(lines) else None
        raise AnswersFileError(
            Diagnostic(
                "SR511", f"the answers are not valid JSON: {json_reason(exc.msg)}", Span(name, exc.lineno, exc.colno),
                hint="write one JSON object, e.g. " + (example or '{"c_manage": 4, "battery": "risk"}'),
                source_line=safe_text(line, 200) if line is not None else None,
            )
        ) from None
    except _Duplicate as exc:
        span, line = _second_key(text, exc.args[0], name)
        raise AnswersFileError(
            Diagnostic("SR511", f"the answers are not valid: the key {json.dumps(safe_text(exc.args[0]), ensure_ascii=False)}"
                       " is given twice", span, hint="give each input one answer",
                       source_line=safe_text(line, 200) if line is not None else None)
        ) from None
    if lone_surrogate(text, answers):  # Python's reader takes half a pair alone: no character
        raise AnswersFileError(
            Diagnostic("SR511", f"the answers are not valid JSON: {LONE_SURROGATE}",
                       _span(text, _lone_surrogate_at(text), name),
                       hint="write the character itself, or its pair of escapes (\\ud83d\\ude00)")
        )
    return answers


_SURROGATE_ESCAPE = re.compile(r"\\u[dD]([89a-fA-F])[0-9a-fA-F]{2}")


def _lone_surrogate_at(text: str) -> int:
    """Where the first escape of half a surrogate pair alone begins (0 if none is found)."""
    pending = None  # a high half, waiting for its low half right after it
    for m in _SURROGATE_ESCAPE.finditer(text):
        start = before = m.start()
        while before > 0 and text[before - 1] == "\\":
            before -= 1
        if (start - before) % 2:  # its backslash is itself escaped: text, no escape
            continue
        high = m.group(1) in "89abAB"
        if pending is not None:
            if not high and start == pending + 6:
                pending = None
                continue
            return pending
        if not high:
            return start
        pending = start
    return pending or 0


class _Duplicate(ValueError):
    pass


class _Constant(ValueError):
    pass


def _no_constant(name: str):
    raise _Constant(name)


#: A JSON text (skipped), or one of the constants Python's reader takes and JSON has not
_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict:
    out: dict = {}
    for k, v in pairs:
        if k in out:
            raise _Duplicate(k)
        out[k] = v
    return out


_INT_CHUNK = 4000  # digits converted by int() at once: below Python's limit of 4300


def json_int(text: str) -> int:
    """A JSON whole number (``-`` and digits) exactly, however long: halves of the digits are
    converted and joined, so Python's limit on converting long digit strings never applies and
    the time stays within about a second for the largest answer file (a million digits)."""
    if len(text) <= _INT_CHUNK:
        return int(text)
    if text[0] == "-":
        return -json_int(text[1:])
    half = len(text) // 2
    return json_int(text[:half]) * 10 ** (len(text) - half) + json_int(text[half:])


_JSON_MARKS = re.compile(r'["\[\]{}]')
_STRING_END = re.compile(r'(?:[^"\\]|\\.)*"', re.S)


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def nesting_error(text: str, limit: int = MAX_ANSWERS_DEPTH) -> int | None:
    """Offset of the first '[' or '{' of a JSON text nested deeper than ``limit`` (strings
    skipped), or None; checked before the JSON reader, which recurses.

    The depth is first measured on the brackets alone, outside strings, at the speed of the
    regular-expression engine (a few megabytes of FHIR in a fraction of the JSON reader's
    time); only a text that may be too deep is walked to find the place.
    """
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    if max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0) <= limit:
        return None
    depth, i = 0, 0
    while True:
        m = _JSON_MARKS.search(text, i)
        if m is None:
            return None
        ch, i = m.group(), m.end()
        if ch == '"':
            end = _STRING_END.match(text, i)
            if end is None:
                return None  # an unclosed string: the JSON reader says where
            i = end.end()
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return m.start()
        else:
            depth -= 1


_JSON_KEY = re.compile(r'"(?:[^"\\]|\\.)*"\s*:')


def _second_key(text: str, key: str, name: str) -> tuple[Span, str | None]:
    """Where ``key`` is written as an object key for the second time, and that line."""
    seen = 0
    for m in _JSON_KEY.finditer(text):
        try:
            found = json.loads(m.group().rstrip()[:-1])
        except ValueError:
            continue
        if found == key:
            seen += 1
            if seen == 2:
                span = _span(text, m.start(), name)
                return span, text.split("\n")[span.line - 1]
    return Span(name, 1, 1), None


def _span(text: str, offset: int, name: str) -> Span:
    line = text.count("\n", 0, offset) + 1
    return Span(name, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


# --------------------------------------------------------------------------- records


def from_record(record: Mapping[Any, Any], *, whole_numbers: bool = False) -> dict[str, Any]:
    """A plain answers dict from one row of a data frame or a database.

    - ``None``, NaN (float, numpy or Decimal), ``pandas.NA`` and ``pandas.NaT`` are left out:
      the input is unanswered.
    - numpy integers become ``int``, numpy booleans ``bool``, numpy strings ``str``.
    - With ``whole_numbers=True``, a float, Decimal or Fraction whose value is exactly a whole
      number (``4.0``) becomes that ``int``; any other number stays as it is, and the
      validator refuses it (SR303). Without it, every float stays a float.

    The record is not changed. A record that is not a mapping is SR306.
    """
    if not isinstance(record, Mapping):
        raise AnswerError([AnswerProblem("SR306", "(answers)", "the answers must be a mapping of input id to answer")])
    out: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(key, str):
            key = str(key)  # numpy.str_ and other subclasses: a plain str
        value = _value(value, whole_numbers)
        if value is not _UNANSWERED:
            out[key] = value
    return out


def from_records(records: Iterable[Mapping[Any, Any]], *, whole_numbers: bool = False) -> Iterator[dict[str, Any]]:
    """``from_record`` for each row, e.g. of ``dataframe.to_dict("records")``."""
    for record in records:
        yield from_record(record, whole_numbers=whole_numbers)


class _Unanswered:
    __slots__ = ()


_UNANSWERED = _Unanswered()


def _value(value: Any, whole_numbers: bool) -> Any:
    cls = value.__class__
    if cls is int or cls is bool or cls is str:
        return value
    if value is None or _is_pandas_missing(value):
        return _UNANSWERED
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str(value)
    if _is_numpy(value):
        kind = getattr(getattr(value, "dtype", None), "kind", None)
        if kind == "b":
            return bool(value)
        if kind == "U":
            return str(value)
    if isinstance(value, numbers.Integral):  # int subclasses, numpy integers
        return int(value)
    if isinstance(value, (numbers.Real, Decimal)):  # float, numpy floats, Fraction, Decimal
        return _number(value, whole_numbers)
    return value  # the validator names it (SR303)


def _number(value: Any, whole_numbers: bool) -> Any:
    if isinstance(value, Decimal):
        if value.is_nan():
            return _UNANSWERED
        exact = value
        whole = value.is_finite() and value == value.to_integral_value()
    elif isinstance(value, Fraction):
        exact, whole = value, value.denominator == 1
    else:
        f = float(value)  # numpy floats: float32 and float64 convert exactly
        if math.isnan(f):
            return _UNANSWERED
        exact, whole = f, math.isfinite(f) and f.is_integer()
        value = f if value.__class__ is not float and float(value) == value else value
    if whole_numbers and whole:
        return int(exact)
    return value


def _is_numpy(value: Any) -> bool:
    return value.__class__.__module__ == "numpy"


def _is_pandas_missing(value: Any) -> bool:
    pandas = sys.modules.get("pandas")  # a pandas value exists only when pandas is loaded
    if pandas is None:
        return False
    return value is getattr(pandas, "NA", _UNANSWERED) or value is getattr(pandas, "NaT", _UNANSWERED)
