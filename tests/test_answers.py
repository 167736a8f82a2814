"""Answers from data frames and databases: strict by default, exact when asked, never rounded."""

from __future__ import annotations

import datetime as dt
import json
import math
from collections import OrderedDict
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, strategies as st

import segrules
from segrules.answers import from_record, from_records
from segrules.errors import AnswerError

from support import BASE

AT = dt.datetime(2024, 1, 31, 9, 30, tzinfo=dt.timezone.utc)
ANSWERS = {"battery": "illness", "c_manage": 4, "c_support": 2, "p_illness": 3, "visits": 20, "lives_alone": True}


@pytest.fixture(scope="module")
def rs() -> segrules.Ruleset:
    return segrules.load_text(BASE, "base.yaml")


def codes(exc: AnswerError) -> dict[str, str]:
    return {p.input: p.code for p in exc.problems}


@pytest.mark.parametrize("cast", [np.int64, np.int32, np.int8, np.uint16])
def test_numpy_integers_are_refused_by_default_and_accepted_through_the_adapter(rs, cast):
    row = {k: cast(v) if type(v) is int else v for k, v in ANSWERS.items()}
    for call in (rs.segment_of, rs.validate, rs.decide):
        with pytest.raises(AnswerError) as info:
            call(row)
        assert set(codes(info.value).values()) == {"SR303"}
    answers = from_record(row)
    assert answers == ANSWERS and all(type(v) in (int, bool, str) for v in answers.values())
    d = rs.decide(answers, assessed_at=AT)
    assert d == rs.decide(ANSWERS, assessed_at=AT)
    json.dumps(d.to_json())  # the record holds plain values


def test_numpy_booleans_and_strings(rs):
    row = dict(ANSWERS, lives_alone=np.bool_(False), battery=np.str_("illness"))
    answers = from_record(row)
    assert type(answers["lives_alone"]) is bool and type(answers["battery"]) is str
    assert rs.decide(answers).segment_id == rs.decide(dict(ANSWERS, lives_alone=False)).segment_id


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, np.float64("nan"), np.float32("nan"), pd.NA, pd.NaT,
                                     Decimal("NaN")])
def test_missing_values_mean_unanswered(rs, missing):
    row = dict(ANSWERS, c_support=missing, lives_alone=missing)
    answers = from_record(row)
    assert "c_support" not in answers and "lives_alone" not in answers
    plain = {k: v for k, v in ANSWERS.items() if k not in ("c_support", "lives_alone")}
    assert answers == plain
    assert rs.decide(answers, assessed_at=AT) == rs.decide(plain, assessed_at=AT)
    # a required input left missing is still SR304
    with pytest.raises(AnswerError) as info:
        rs.decide(from_record(dict(ANSWERS, c_manage=missing)))
    assert codes(info.value) == {"c_manage": "SR304"}


@pytest.mark.parametrize("whole", [4.0, np.float64(4.0), np.float32(4.0), Decimal("4"), Decimal("4.000"), Fraction(8, 2)])
def test_a_whole_number_in_another_type_is_accepted_only_when_asked(rs, whole):
    row = dict(ANSWERS, c_manage=whole)
    assert from_record(row, whole_numbers=True)["c_manage"] == 4
    assert type(from_record(row, whole_numbers=True)["c_manage"]) is int
    with pytest.raises(AnswerError) as info:
        rs.decide(from_record(row))
    assert codes(info.value) == {"c_manage": "SR303"}


@pytest.mark.parametrize("value", [4.5, 4.000000001, np.float64(3.5), Decimal("4.5"), Fraction(9, 2), math.inf, -math.inf,
                                   Decimal("Infinity"), 1e300])
def test_a_number_that_is_not_whole_is_never_rounded(rs, value):
    answers = from_record(dict(ANSWERS, c_manage=value), whole_numbers=True)
    assert answers["c_manage"] == value
    with pytest.raises(AnswerError) as info:
        rs.decide(answers)
    assert codes(info.value)["c_manage"] in ("SR302", "SR303")


def test_a_huge_whole_float_is_refused_as_out_of_range_not_rounded(rs):
    answers = from_record(dict(ANSWERS, c_manage=1e300), whole_numbers=True)
    assert answers["c_manage"] == int(1e300)
    with pytest.raises(AnswerError) as info:
        rs.decide(answers)
    assert codes(info.value) == {"c_manage": "SR302"}


def test_the_row_is_not_changed_and_other_values_pass_to_the_validator(rs):
    row = OrderedDict(ANSWERS, visits=np.datetime64("2024-01-01"))
    before = dict(row)
    answers = from_record(row)
    assert dict(row) == before
    with pytest.raises(AnswerError) as info:
        rs.decide(answers)
    assert codes(info.value) == {"visits": "SR303"}


def test_a_record_that_is_not_a_mapping_is_SR306():
    with pytest.raises(AnswerError) as info:
        from_record([("c_manage", 4)])
    assert codes(info.value) == {"(answers)": "SR306"}


def test_a_pandas_frame_with_nullable_and_widened_columns(rs):
    frame = pd.DataFrame(
        {
            "battery": ["illness", "illness", "illness"],
            "c_manage": pd.array([4, 2, 5], dtype="Int64"),
            "c_support": pd.array([2, None, 5], dtype="Int64"),  # nullable: pd.NA for the missing one
            "p_illness": [3.0, 4.0, 1.0],  # widened to floats somewhere on the way
            "visits": np.array([20, 0, 3], dtype=np.int64),
            "lives_alone": [True, None, False],
        }
    )
    rows = frame.to_dict("records")
    with pytest.raises(AnswerError):
        rs.decide(rows[0])
    with pytest.raises(AnswerError) as info:
        rs.decide(from_record(rows[0]))  # the float column needs whole_numbers=True
    assert codes(info.value) == {"p_illness": "SR303"}
    got = [rs.decide(a, assessed_at=AT) for a in from_records(rows, whole_numbers=True)]
    expected = [
        {"battery": "illness", "c_manage": 4, "c_support": 2, "p_illness": 3, "visits": 20, "lives_alone": True},
        {"battery": "illness", "c_manage": 2, "p_illness": 4, "visits": 0},
        {"battery": "illness", "c_manage": 5, "c_support": 5, "p_illness": 1, "visits": 3, "lives_alone": False},
    ]
    assert [d.answers for d in got] == expected
    assert got == [rs.decide(a, assessed_at=AT) for a in expected]
    # the same rows read with itertuples-like positional access give the same answers
    assert list(from_records(frame.astype(object).to_dict("records"), whole_numbers=True)) == expected


@given(st.integers(1, 5), st.floats(allow_nan=True, allow_infinity=True))
def test_floats_become_whole_numbers_exactly_or_not_at_all(whole, x):
    assert from_record({"a": float(whole)}, whole_numbers=True) == {"a": whole}
    got = from_record({"a": x}, whole_numbers=True)
    if math.isnan(x):
        assert got == {}
    elif math.isfinite(x) and x == int(x):
        assert type(got["a"]) is int and got["a"] == x
    else:
        assert got["a"] is x  # untouched: the validator refuses it
    assert from_record({"a": x}).get("a", x) is x or math.isnan(x)


def test_a_list_or_an_object_given_as_an_answer_is_shown_as_json(rs):
    """What a caller sent, as JSON writes it: ["illness"], not Python's ['illness']."""
    with pytest.raises(AnswerError) as info:
        rs.decide(dict(ANSWERS, battery=["illness"], c_manage={"x": 1}))
    messages = {p.input: p.message for p in info.value.problems}
    assert messages["battery"].startswith('["illness"] ') and messages["c_manage"].startswith('{"x": 1} ')
