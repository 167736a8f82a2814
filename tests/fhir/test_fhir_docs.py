"""The sample resources in docs/fhir/ are current, valid FHIR R4, and decide as the ruleset does."""

from __future__ import annotations

import json

import pytest

import segrules
from segrules import fhir
from support import ROOT, SHIPPED, load_script

DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def gen():
    return load_script(DOCS / "gen_fhir.py", "gen_fhir")


@pytest.fixture(scope="module")
def wanted(gen):
    return gen.wanted()


def test_the_samples_are_up_to_date(gen, wanted):
    for path, text in sorted(wanted.items()):
        assert path.exists(), f"{path.relative_to(ROOT)} is missing: run python docs/gen_fhir.py"
        assert path.read_text(encoding="utf-8") == text, f"{path.relative_to(ROOT)} is out of date: run python docs/gen_fhir.py"
    assert gen.stale(wanted) == [], "files no ruleset makes: run python docs/gen_fhir.py"
    assert gen.main(["--check"]) == 0


def test_every_shipped_ruleset_has_a_sample_questionnaire(gen, wanted):
    for path in SHIPPED:
        rs = segrules.load(path)
        sample = DOCS / "fhir" / f"{gen.slug(rs)}.questionnaire.json"
        assert sample in wanted
        assert json.loads(sample.read_text(encoding="utf-8")) == fhir.questionnaire(rs)


def test_the_samples_are_valid_and_decide_as_the_ruleset(gen, wanted):
    for path, text in wanted.items():
        fhir.validate(json.loads(text))
    for path in SHIPPED:
        rs = segrules.load(path)
        name = gen.slug(rs)
        responses = json.loads((DOCS / "fhir" / f"{name}.responses.json").read_text(encoding="utf-8"))
        decision = json.loads((DOCS / "fhir" / f"{name}.decision.json").read_text(encoding="utf-8"))
        answers = fhir.answers_from_responses(rs, responses)
        example = rs.definition.examples[0]
        assert answers == rs.validate(example.answer_dict)
        segment = decision["entry"][0]["resource"]["valueCodeableConcept"]["coding"][0]["code"]
        assert segment == example.expect
