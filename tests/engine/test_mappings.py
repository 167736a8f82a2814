"""Answers in any kind of mapping: every entry point gives the same result and none writes to it.

A ``defaultdict`` (or any mapping whose ``__getitem__`` inserts or invents a value) once got a
segment from ``segment_of`` and ``decide`` for answers that ``validate`` refused: the compiled
code's ``a["x"]`` inserted the default into the caller's mapping and the count check passed.
"""

from __future__ import annotations

import collections
import types
from collections.abc import Mapping

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import segrules
from segrules.errors import AnswerError, EvaluationError
from segrules.testing import answer_sets, invalid_answer_sets

from support import BASE, SHIPPED


class InsertingMapping(Mapping):
    """A read-only-looking mapping whose lookup of a missing key inserts a default."""

    def __init__(self, data, default):
        self._data = dict(data)
        self._default = default

    def __getitem__(self, key):
        if key not in self._data:
            self._data[key] = self._default
        return self._data[key]

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)


class InsertingUserDict(collections.UserDict):
    def __init__(self, data, default):
        super().__init__(data)
        self._default = default

    def __missing__(self, key):
        self.data[key] = self._default
        return self._default


def _defaultdict(data, default):
    return collections.defaultdict(lambda: default, data)


MAPPING_TYPES = {
    "dict": lambda data, default: dict(data),
    "defaultdict": _defaultdict,
    "OrderedDict": lambda data, default: collections.OrderedDict(data),
    "MappingProxyType": lambda data, default: types.MappingProxyType(dict(data)),
    "custom Mapping": InsertingMapping,
    "UserDict": InsertingUserDict,
}

RULESETS = [segrules.load_text(BASE, "base.yaml")] + [segrules.load(p) for p in SHIPPED]


def _outcome(call, answers):
    try:
        got = call(answers)
    except AnswerError as exc:
        return ("invalid", tuple(sorted((p.code, p.input) for p in exc.problems)))
    except EvaluationError as exc:
        return ("fails", exc.code)
    return ("ok", got)


def _snapshot(m):
    """What the mapping holds, read from its storage (never through its own lookup)."""
    storage = m._data if isinstance(m, InsertingMapping) else m.data if isinstance(m, collections.UserDict) else dict(m)
    return sorted((str(k), repr(v)) for k, v in storage.items())


def _answer_sets(rs):
    return st.one_of(answer_sets(rs), invalid_answer_sets(rs).map(lambda t: t[0]))


@st.composite
def _cases(draw):
    rs = draw(st.sampled_from(RULESETS))
    answers = draw(_answer_sets(rs))
    # a default a careless lookup would find "answered": a valid value of some input
    inp = draw(st.sampled_from(rs.inputs))
    default = draw(st.sampled_from(inp.domain.values))
    kind = draw(st.sampled_from(sorted(MAPPING_TYPES)))
    return rs, answers, default, kind


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_cases())
def test_every_entry_point_agrees_on_every_mapping_type_and_none_writes_to_it(case):
    rs, answers, default, kind = case
    expected = _outcome(rs.segment_of, dict(answers))
    make = MAPPING_TYPES[kind]
    for name, call in (
        ("segment_of", rs.segment_of),
        ("decide", lambda a: rs.decide(a).segment_id),
        ("validate", lambda a: rs.validate(a) and "valid"),
    ):
        mapping = make(answers, default)
        before = _snapshot(mapping)
        got = _outcome(call, mapping)
        if name == "validate":
            # validate says nothing of evaluation; it must accept exactly what deciding accepts
            got = got if got[0] == "invalid" else ("valid",)
            want = expected if expected[0] == "invalid" else ("valid",)
        else:
            want = expected
        assert got == want, (kind, name)
        assert _snapshot(mapping) == before, f"{name} wrote to the caller's {kind}"


@pytest.mark.parametrize("kind", sorted(MAPPING_TYPES))
def test_a_missing_required_answer_is_refused_whatever_the_mapping(kind):
    rs = RULESETS[0]
    answers = {"battery": "illness", "c_support": 4, "p_illness": 1, "visits": 2}  # no c_manage
    for call in (rs.segment_of, rs.decide, rs.validate):
        mapping = MAPPING_TYPES[kind](answers, 3)
        with pytest.raises(AnswerError) as info:
            call(mapping)
        assert [(p.code, p.input) for p in info.value.problems] == [("SR304", "c_manage")]
        assert "c_manage" not in list(mapping)


def test_a_mapping_that_fails_while_being_read_is_a_coded_problem():
    class Broken(Mapping):
        def __getitem__(self, key):
            raise RuntimeError("database gone")

        def __iter__(self):
            return iter(["c_manage"])

        def __len__(self):
            return 1

    rs = RULESETS[0]
    for call in (rs.segment_of, rs.decide, rs.validate):
        with pytest.raises(AnswerError) as info:
            call(Broken())
        assert info.value.problems[0].code == "SR306"
