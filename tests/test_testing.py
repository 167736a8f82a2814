"""segrules.testing: the Hypothesis strategies offered to embedding developers."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from hypothesis import find, given, settings, strategies as st

import segrules
from segrules.dsl.loader import build_ruleset
from segrules.engine.reference import _asked_order, evaluate
from segrules.errors import AnswerError, DiagnosticSink
from segrules.source import decode_source, parse_yaml
from segrules.testing import answer_sets, invalid_answer_sets, rulesets, small_ruleset_texts

from support import ALL_RULESETS, BASE, ROOT, load_cached, load_path

FEATURES = {
    "hit policy first": lambda t: "hit_policy: first" in t,
    "hit policy unique": lambda t: "hit_policy: unique" in t,
    "otherwise": lambda t: " otherwise'" in t,
    "battery asked_when": lambda t: "asked_when: 'battery" in t,
    "flag asked_when": lambda t: "asked_when: 'flag" in t or "asked_when: 'not flag" in t,
    "optional": lambda t: "optional: true" in t,
    "group": lambda t: "groups:" in t,
    "axes": lambda t: "axes:" in t,
    "scale": lambda t: "type: scale" in t,
    "integer": lambda t: "type: integer" in t,
    "boolean": lambda t: "type: boolean" in t,
    "enum": lambda t: "type: enum" in t,
    "mean": lambda t: "mean(" in t,
    "count_true": lambda t: "count_true(" in t,
    "division": lambda t: " / " in t,
    "half threshold": lambda t: ".5" in t,
    "yes/no score": lambda t: "_raw" in t,
    "four scores": lambda t: "  s4:" in t,
    "four segments": lambda t: "  seg4:" in t,
}


@pytest.fixture(scope="module")
def base() -> segrules.Ruleset:
    return segrules.load_text(BASE)


# ----------------------------------------------------------------------------- answer_sets


@settings(max_examples=100)
@given(st.data())
def test_answer_sets_are_valid_for_generated_rulesets(data):
    rs = load_cached(data.draw(rulesets()))
    answers = data.draw(answer_sets(rs))
    assert rs.validate(answers) == answers
    asked = {}
    for inp in _asked_order(rs.definition):
        asked[inp.id] = inp.asked_when is None or evaluate(inp.asked_when, answers, rs.definition)
        if not asked[inp.id]:
            assert inp.id not in answers
        elif not inp.optional:
            assert inp.id in answers


@pytest.mark.parametrize("path", ALL_RULESETS, ids=lambda path: path.name)
@settings(max_examples=25)
@given(data=st.data())
def test_answer_sets_are_valid_for_shipped_rulesets(path, data):
    rs = load_path(path)
    answers = data.draw(answer_sets(rs))
    assert rs.validate(answers) == answers
    rs.decide(answers)


def test_answer_sets_shrink_to_the_first_values(base):
    assert find(answer_sets(base), lambda a: True) == {"battery": "illness", "c_manage": 1, "p_illness": 1, "visits": 0}
    assert find(answer_sets(base), lambda a: a["visits"] > 40) == {
        "battery": "illness", "c_manage": 1, "p_illness": 1, "visits": 41,
    }
    assert find(answer_sets(base), lambda a: "p_risk" in a) == {"battery": "risk", "c_manage": 1, "p_risk": 1, "visits": 0}
    assert find(answer_sets(base), lambda a: "c_support" in a)["c_support"] == 1


def test_answer_sets_reach_every_value(base):
    seen: dict[str, set] = {i.id: set() for i in base.inputs}

    @settings(max_examples=300)
    @given(answer_sets(base))
    def collect(answers):
        for key, value in answers.items():
            seen[key].add(value)

    collect()
    for inp in base.inputs:
        wanted = set(inp.domain.values)
        if inp.domain.kind == "integer":
            wanted = {inp.domain.values[0], inp.domain.values[-1]}
        assert wanted <= seen[inp.id], inp.id


def test_answer_sets_accept_a_checked_definition(base):
    find(answer_sets(base.definition), lambda a: True)


def test_answer_sets_refuse_what_is_not_a_checked_ruleset():
    unchecked = build_ruleset(parse_yaml(decode_source(BASE.encode(), "t")), DiagnosticSink(), content_hash="", source="t")
    with pytest.raises(ValueError):
        answer_sets(unchecked)
    with pytest.raises(TypeError):
        answer_sets({"a": 1})


# ----------------------------------------------------------------------------- invalid_answer_sets


@settings(max_examples=100)
@given(st.data())
def test_invalid_answer_sets_have_exactly_one_problem(data):
    rs = load_cached(data.draw(rulesets()))
    answers, input_id, code = data.draw(invalid_answer_sets(rs))
    with pytest.raises(AnswerError) as info:
        rs.validate(answers)
    assert [(p.code, p.input) for p in info.value.problems] == [(code, input_id)]


@pytest.mark.parametrize("code", ["SR301", "SR302", "SR303", "SR304", "SR305"])
def test_invalid_answer_sets_produce_every_kind_of_problem(base, code):
    answers, input_id, got = find(invalid_answer_sets(base), lambda x: x[2] == code)
    assert got == code
    with pytest.raises(AnswerError) as info:
        base.segment_of(answers)
    assert [(p.code, p.input) for p in info.value.problems] == [(code, input_id)]


def test_invalid_answer_sets_leave_questions_other_questions_depend_on_alone(base):
    # battery decides which questions are asked: changing it would cause several problems
    find(invalid_answer_sets(base), lambda x: x[1] != "battery")
    with pytest.raises(Exception):
        find(invalid_answer_sets(base), lambda x: x[1] == "battery", settings=settings(max_examples=300))


# ----------------------------------------------------------------------------- rulesets


@settings(max_examples=100)
@given(rulesets())
def test_generated_rulesets_load(text):
    rs = load_cached(text)
    assert rs.warnings == ()
    assert 1 <= len([s for s in rs.definition.scores if not s.id.endswith("_raw")]) <= 4
    assert 2 <= len(rs.segments) <= 4
    assert rs.definition.hit_policy in ("unique", "first")


@settings(max_examples=100)
@given(small_ruleset_texts())
def test_small_rulesets_have_a_small_answer_space(text):
    rs = load_cached(text)
    assert rs.definition.answer_space_size() <= 2000
    assert len(rs.inputs) <= 4
    assert all(len(i.domain.values) <= 4 for i in rs.inputs)


@settings(max_examples=50)
@given(small_ruleset_texts(max_inputs=2, max_domain=2, max_answer_sets=10))
def test_small_ruleset_limits_are_parameters(text):
    rs = load_cached(text)
    assert rs.definition.answer_space_size() <= 10 and len(rs.inputs) <= 2


def test_generated_rulesets_cover_every_feature():
    seen = {feature: 0 for feature in FEATURES}

    @settings(max_examples=200)
    @given(rulesets())
    def collect(text):
        for feature, present in FEATURES.items():
            seen[feature] += present(text)

    collect()
    assert all(seen.values()), [f for f, n in seen.items() if not n]


# ----------------------------------------------------------------------------- hypothesis stays optional


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


def test_the_library_does_not_import_hypothesis():
    result = _run(
        """
        import importlib, pkgutil, sys
        import segrules
        for m in pkgutil.walk_packages(segrules.__path__, "segrules."):
            if m.name not in ("segrules.testing", "segrules.__main__"):
                importlib.import_module(m.name)
        assert "hypothesis" not in sys.modules, "hypothesis was imported"
        """
    )
    assert result.returncode == 0, result.stderr


def test_testing_without_hypothesis_says_what_to_install():
    result = _run(
        """
        import sys
        sys.modules["hypothesis"] = None  # as if it were not installed
        import segrules
        try:
            import segrules.testing
        except ImportError as exc:
            print(exc)
        """
    )
    assert result.returncode == 0, result.stderr
    assert "pip install hypothesis" in result.stdout


@settings(max_examples=30)
@given(small_ruleset_texts(max_inputs=1, max_domain=2, max_answer_sets=2))
def test_the_smallest_rulesets_still_load(text):
    rs = load_cached(text)
    assert len(rs.inputs) == 1 and rs.definition.answer_space_size() == 2


@pytest.mark.parametrize("limits", [{"max_inputs": 0}, {"max_domain": 1}, {"max_answer_sets": 1}])
def test_impossible_limits_are_refused(limits):
    with pytest.raises(ValueError):
        small_ruleset_texts(**limits)
