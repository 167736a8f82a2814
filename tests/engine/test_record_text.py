"""The record text (``Decision.to_json_text``) is the standard JSON of the record, to the byte.

The text is written from texts the ruleset prepared at load (per input and value, per rule)
and, where orjson is installed, by orjson; these tests compare it with
``encode_record(decision.to_json(...))`` on generated rulesets and answer sets: valid answers
in the file's order and in any other, invalid answers read back from a record, every kind of
input, labels beyond ASCII, numbers beyond 64 bits, Fractions, times in any offset.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import random
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings, strategies as st

import segrules
from segrules.engine import runtime
from segrules.engine.compile import compile_answers_text
from segrules.engine.record import RecordError
from segrules.engine.runtime import encode_record
from segrules.testing import answer_sets, population, rulesets

from support import BASE, load_cached, variant

# Both ways of writing checked answers: orjson where it is installed, and the standard library's.
JSON_PATHS = ["standard"] + (["orjson"] if runtime._fast_dumps is not None else [])

# Values a record read back may hold that no answer of ``decide`` has: kinds JSON gives, kinds
# it does not (Fraction, a set), numbers past 64 bits and past Python's limit of digits, texts
# that need escaping, and values equal to an answer of another kind (True == 1, 3.0 == 3).
ODD_SAMPLES = (
    True, False, 1, 0, 3.0, 2.5, -0.0, 1e300, 1e-07, 1e16, float("nan"), float("-inf"),
    Fraction(7, 2), Fraction(3),
    10**20, -(2**63) - 1, 2**64, 10**40, 10**5000, "", "v1", "illness", "a\nb", 'sanoi "kyllä"', "\\", "\u2028", "😀",
    "\x7f\x00", "\ud800", None, [1, "x"], {"a": 1}, {"v1"}, (1, 2), b"x",
)
ODD_VALUES = st.one_of(
    st.sampled_from(ODD_SAMPLES),
    st.integers(),
    st.floats(),
    st.text(max_size=6),
    st.fractions(),
)

TIMES = st.datetimes(
    min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9994, 12, 31),
    timezones=st.sampled_from([
        dt.timezone.utc, dt.timezone(dt.timedelta(hours=2)), dt.timezone(dt.timedelta(hours=-9, minutes=-30)),
        dt.timezone(dt.timedelta(hours=5, minutes=45, seconds=30)), ZoneInfo("Europe/Helsinki"),
    ]),
)


@contextlib.contextmanager
def json_path(path: str):
    """Write checked answers the given way for a while (the module's optional orjson)."""
    saved = runtime._fast_dumps
    runtime._fast_dumps = saved if path == "orjson" else None
    try:
        yield
    finally:
        runtime._fast_dumps = saved


def read_back(record: dict, rs: segrules.Ruleset) -> segrules.Decision | None:
    """``Decision.from_json(record, rs)``; None where an answer is NaN or an infinity, which
    the record may not hold (SR553: JSON has neither, and its text could not be written)."""
    if any(isinstance(v, float) and not math.isfinite(v) for v in record["answers"].values()):
        with pytest.raises(RecordError) as info:
            segrules.Decision.from_json(record, rs)
        assert info.value.code == "SR553"
        return None
    return segrules.Decision.from_json(record, rs)


def outcome(write):
    """The text ``write()`` gives, or the kind of error it raises."""
    try:
        return write()
    except (TypeError, ValueError) as exc:
        return type(exc)


def same_text(decision: segrules.Decision) -> None:
    """Each way gives the standard text of the compact and the full record, or the same error."""
    for compact in (True, False):
        expected = outcome(lambda: encode_record(decision.to_json(compact=compact)))
        for path in JSON_PATHS:
            with json_path(path):
                got = outcome(lambda: decision.to_json_text(compact=compact))
            assert got == expected, (path, compact)
            if not compact:
                with json_path(path):
                    parts = outcome(decision.to_json_text_parts)
                assert parts == expected if not isinstance(expected, str) else "".join(parts) == expected, path
                assert isinstance(parts, type) or len(parts) == (1 if decision.is_overridden else 4)
        if isinstance(expected, str):
            assert json.loads(expected) == json.loads(json.dumps(decision.to_json(compact=compact), ensure_ascii=False))


GENERATED = st.one_of(rulesets(awkward=True), rulesets(backends=True))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_the_text_of_valid_answers_in_any_order_is_the_standard_json(data):
    rs = load_cached(data.draw(GENERATED, label="ruleset"))
    answers = data.draw(answer_sets(rs), label="answers")
    at = data.draw(TIMES, label="assessed_at")
    if data.draw(st.booleans(), label="another order"):
        answers = dict(data.draw(st.permutations(list(answers.items())), label="order"))
    try:
        d = rs.decide(answers, assessed_at=at)
    except segrules.EvaluationError:
        return  # no decision, no record (the generated rulesets are not verified)
    same_text(d)
    back = segrules.Decision.from_json(json.loads(d.to_json_text()), rs)
    assert back == d and back._v[runtime._CHECKED]  # read back: its answers are checked again
    same_text(back)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_the_text_of_invalid_answers_read_back_is_the_standard_json(data):
    """A record's answers that the ruleset would refuse (tampered, or of another version) are
    read back as they are, and written as the standard encoder writes them, or refused alike."""
    rs = load_cached(data.draw(GENERATED, label="ruleset"))
    answers = data.draw(answer_sets(rs), label="answers")
    try:
        record = rs.decide(answers, assessed_at=data.draw(TIMES, label="assessed_at")).to_json()
    except segrules.EvaluationError:
        return
    seed = data.draw(st.integers(0, 2**32), label="seed")
    odd = population(rs, random.Random(seed), 1)[0]  # every kind of fault a population holds
    for key in data.draw(st.lists(st.sampled_from([i.id for i in rs.inputs] + ["unknown"]), max_size=3), label="keys"):
        odd[key] = data.draw(ODD_VALUES, label=key)
    record["answers"] = odd
    d = read_back(record, rs)
    if d is not None:
        same_text(d)


def test_the_text_is_exact_where_a_value_equals_an_answer_of_another_kind():
    """``True == 1`` and ``3.0 == 3`` hash alike: a prepared text must never be borrowed."""
    rs = segrules.load_text(BASE)
    answers = {"battery": "illness", "c_manage": 4, "p_illness": 3, "visits": 1, "lives_alone": True}
    record = rs.decide(answers, assessed_at=dt.datetime(2024, 1, 2, tzinfo=dt.timezone.utc)).to_json()
    for odd in ({"visits": True}, {"visits": 1.0}, {"lives_alone": 1}, {"c_manage": Fraction(4)}, {"battery": 1}):
        record["answers"] = {**answers, **odd}
        d = segrules.Decision.from_json(record, rs)
        assert not d._v[runtime._CHECKED]
        same_text(d)
    for value in ODD_SAMPLES:  # every one of them, to every kind of input
        for key in ("visits", "lives_alone", "battery", "p_risk", "unknown"):
            record["answers"] = {**answers, key: value}
            d = read_back(record, rs)
            if d is not None:
                same_text(d)


def test_answers_beyond_64_bits_are_written_exactly():
    """orjson stops at 64 bits: such answers are written by the prepared texts instead."""
    big = variant("    min: 0\n    max: 50\n", f"    min: {2**64}\n    max: {2**64 + 50}\n")
    big = big.replace("visits: 2}", f"visits: {2**64 + 2}}}").replace("visits > 12", f"visits > {2**64 + 12}")
    rs = segrules.load_text(big)
    answers = {"battery": "illness", "c_manage": 4, "p_illness": 3, "visits": 2**64 + 20}
    d = rs.decide(answers, assessed_at=dt.datetime(2024, 1, 2, tzinfo=dt.timezone.utc))
    same_text(d)
    assert json.loads(d.to_json_text(compact=True))["answers"]["visits"] == 2**64 + 20


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_the_answers_text_is_the_standard_json_or_nothing(data):
    """``compile_answers_text`` on any dict: unchecked, the standard text or None (never
    another text); checked (valid answers, in any order), the standard text."""
    rs = load_cached(data.draw(GENERATED, label="ruleset"))
    write = compile_answers_text(rs.definition, encode_record)
    keys = st.sampled_from([i.id for i in rs.inputs] + ["unknown", "ä", '"'])
    anything = data.draw(st.dictionaries(keys, ODD_VALUES, max_size=8), label="answers")
    got = write(anything, False)
    assert got is None or got == encode_record(anything)
    valid = data.draw(answer_sets(rs), label="valid")
    if data.draw(st.booleans(), label="another order"):
        valid = dict(data.draw(st.permutations(list(valid.items())), label="order"))
    assert write(valid, True) == write(valid, False) == encode_record(valid)


def test_every_shipped_model_and_the_benchmark_model_write_their_answers_from_prepared_texts():
    """The prepared path is the one taken (not the standard encoder) for a form's answers."""
    from support import ALL_RULESETS, load_path
    from segrules.sampling import sample_answers

    rng = random.Random(3)
    for path in ALL_RULESETS:
        rs = load_path(path)
        for _ in range(20):
            answers = sample_answers(rs.definition, rng)
            ordered = {i.id: answers[i.id] for i in rs.inputs if i.id in answers}
            assert rs._answers_text(ordered, True) == encode_record(ordered), path.name
            d = rs.decide(ordered, assessed_at=dt.datetime(2024, 5, 6, 7, 8, 9, 10, tzinfo=dt.timezone.utc))
            same_text(d)


def test_a_pickled_decision_writes_the_same_text():
    import pickle

    rs = segrules.load_text(BASE)
    d = rs.decide({"battery": "risk", "c_manage": 2, "p_risk": 5, "visits": 30},
                  assessed_at=dt.datetime(2024, 2, 29, 23, 59, 59, tzinfo=dt.timezone(dt.timedelta(hours=-3))))
    back = pickle.loads(pickle.dumps(d))
    assert back.to_json_text() == d.to_json_text() and back.to_json_text(compact=True) == d.to_json_text(compact=True)


def test_decisions_that_share_one_time_keep_their_own_reassessment_dates():
    """A batch stamped once shares the time's text; each pathway's re-assessment date stays its own."""
    rs = segrules.load_text(BASE)
    stamp = dt.datetime(2024, 1, 31, 8, 0, 0, 5, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    copes = {"battery": "illness", "c_manage": 5, "p_illness": 1, "visits": 1}  # omatoimi, 12 months
    network = {"battery": "risk", "c_manage": 1, "p_risk": 5, "visits": 30}  # verkosto, 6 months
    for answers, reassess in ((copes, "2025-01-31"), (network, "2024-07-31"), (copes, "2025-01-31")):
        d = rs.decide(answers, assessed_at=stamp)
        same_text(d)
        assert json.loads(d.to_json_text(compact=True))["reassess_on"] == reassess
