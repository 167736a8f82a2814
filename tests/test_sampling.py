"""segrules.sampling: random answer sets are always valid, and the same for the same seed."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import segrules
from segrules.sampling import sample_answers

from example_ruleset import EXAMPLE, NESTED

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted(p for p in (ROOT / "rulesets").rglob("*.yaml") if p.name != "crosswalk.yaml")
SHIPPED.append(ROOT / "benchmarks" / "suuntima_bench.yaml")


@pytest.fixture(scope="module", params=["example", "nested"])
def ruleset(request) -> segrules.Ruleset:
    return segrules.load_text(EXAMPLE if request.param == "example" else NESTED, f"{request.param}.yaml")


def test_samples_validate_and_decide(ruleset):
    rng = random.Random(1)
    for _ in range(500):
        answers = sample_answers(ruleset.definition, rng)
        assert ruleset.validate(answers) == answers
        decision = ruleset.decide(answers)
        assert decision.segment_id == ruleset.segment_of(answers)


@settings(max_examples=200, deadline=None)
@given(seed=st.integers())
def test_any_seed_gives_valid_answers(seed):
    for text in (EXAMPLE, NESTED):
        rs = _loaded(text)
        answers = sample_answers(rs.definition, random.Random(seed))
        rs.validate(answers)
        rs.segment_of(answers)


_cache: dict[str, segrules.Ruleset] = {}


def _loaded(text: str) -> segrules.Ruleset:
    if text not in _cache:
        _cache[text] = segrules.load_text(text, "sampled.yaml")
    return _cache[text]


def test_deterministic_per_seed(ruleset):
    rs = ruleset.definition
    first = [sample_answers(rs, random.Random(42)) for _ in range(3)]
    assert first[0] == first[1] == first[2]
    rng_a, rng_b = random.Random(5), random.Random(5)
    assert [sample_answers(rs, rng_a) for _ in range(50)] == [sample_answers(rs, rng_b) for _ in range(50)]
    rng_c = random.Random(6)
    assert [sample_answers(rs, rng_c) for _ in range(50)] != [sample_answers(rs, random.Random(5)) for _ in range(50)]


def test_asked_when_and_optional_are_respected():
    rs = _loaded(NESTED)
    rng = random.Random(3)
    samples = [sample_answers(rs.definition, rng) for _ in range(400)]
    for a in samples:
        assert ("p_illness" in a) == (a["battery"] == "illness")
        assert ("p_risk" in a) == (a["battery"] == "risk")
        assert ("c_support_daily" in a) == (a.get("c_support", 0) >= 4)
    # optional questions are sometimes answered and sometimes not
    assert 0 < sum("c_support" in a for a in samples) < len(samples)
    assert 0 < sum("home_care" in a for a in samples) < len(samples)
    # every value of a small domain turns up
    assert {a["c_manage"] for a in samples} == {1, 2, 3, 4, 5}
    assert {a["battery"] for a in samples} == {"illness", "risk"}


def test_condition_on_an_unguarded_optional_input():
    # asked_when reads an optional input without answered(): the sampler must answer it
    text = NESTED.replace("asked_when: answered(c_support) and c_support >= 4", "asked_when: c_support >= 4")
    text = text.replace("{battery: risk, c_manage: 1,", "{battery: risk, c_manage: 1, c_support: 1,")
    rs = segrules.load_text(text, "unguarded.yaml")
    rng = random.Random(0)
    for _ in range(200):
        answers = sample_answers(rs.definition, rng)
        assert "c_support" in answers
        rs.validate(answers)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_shipped_rulesets(path):
    try:
        rs = segrules.load(path)
    except segrules.RulesetError as exc:  # the shipped rulesets have their own tests
        pytest.skip(f"does not load: {exc}")
    rng = random.Random(2024)
    for _ in range(200):
        rs.validate(sample_answers(rs.definition, rng))
