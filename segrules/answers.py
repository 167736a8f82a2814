"""Answers from data frames and databases, converted exactly or not at all.

segrules is strict: an answer is a Python ``int``, ``bool`` or ``str`` (or absent), and
``decide``, ``segment_of`` and ``validate`` refuse anything else (SR303), so that no value is
ever guessed at. Rows read with numpy, pandas or a database driver hold other types: numpy
integers, ``4.0`` where a nullable integer column was widened to floats, NaN or ``pandas.NA``
for a missing value, ``Decimal`` from a NUMERIC column. ``from_record`` is the one explicit
way to accept them; it converts only what has exactly one meaning, and leaves everything else
as it is for the validator to refuse with its usual message. It never rounds: 4.5 stays 4.5.
"""

from __future__ import annotations

import math
import numbers
import sys
from decimal import Decimal
from fractions import Fraction
from typing import Any, Iterable, Iterator, Mapping

from .errors import AnswerError, AnswerProblem

__all__ = ["from_record", "from_records"]


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
