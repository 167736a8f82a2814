"""Decisions as FHIR resources: valid R4, the segment coded, every score exact, the ruleset
named by id, version and content hash, the same Bundle for the same decision."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

import segrules
from segrules import fhir
from segrules.errors import UsageError
from segrules.fhir import terms
from segrules.testing import answer_sets
from support import ROOT, SHIPPED, one_score

LOADED = {p.stem: segrules.load(p) for p in SHIPPED}
SUUNTIMA = LOADED["suuntima"]
WHEN = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.timezone.utc)


def read_exact(component: dict):
    """A component's value back as the rule language's value."""
    if "valueQuantity" in component:
        value = component["valueQuantity"]["value"]
        return Fraction(value) if isinstance(value, (int, Decimal)) else Fraction(repr(value))
    if "valueRatio" in component:
        r = component["valueRatio"]
        return Fraction(r["numerator"]["value"], r["denominator"]["value"])
    return component.get("valueBoolean", component.get("valueString"))


def resources(bundle: dict) -> dict:
    return {e["resource"]["resourceType"]: (e["fullUrl"], e["resource"]) for e in bundle["entry"]}


def responses_for(rs, answers):
    out = []
    for k, respondent in enumerate(fhir.RESPONDENTS, 1):
        qr = fhir.questionnaire_response(rs, answers, respondent)
        qr["id"] = f"r{k}"
        qr["subject"] = {"reference": "Patient/example"}
        out.append(qr)
    return out


@pytest.mark.parametrize("name", sorted(LOADED))
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_every_decision_as_valid_exact_resources(name, data):
    rs = LOADED[name]
    answers = data.draw(answer_sets(rs))
    try:
        decision = rs.decide(answers, assessed_at=WHEN)
    except segrules.EvaluationError:
        return
    responses = responses_for(rs, answers)
    bundle = fhir.decision_resources(rs, decision, responses, care_plan=True)
    fhir.validate(bundle)
    for entry in bundle["entry"]:
        fhir.validate(entry["resource"])
    found = resources(bundle)
    obs_url, obs = found["Observation"]
    assert obs["valueCodeableConcept"]["coding"][0] == terms.segment_coding(rs.definition, decision.segment)
    assert obs["derivedFrom"] == [{"reference": "QuestionnaireResponse/r1"}, {"reference": "QuestionnaireResponse/r2"}]
    assert obs["subject"] == {"reference": "Patient/example"}
    scores = {c["code"]["coding"][0]["code"]: read_exact(c) for c in obs["component"]}
    assert scores == decision.scores
    # the exact values survive JSON
    again = json.loads(json.dumps(bundle))
    assert {c["code"]["coding"][0]["code"]: read_exact(c) for c in resources(again)["Observation"][1]["component"]} == decision.scores
    _, prov = found["Provenance"]
    assert {t["reference"] for t in prov["target"]} == {obs_url, found["CarePlan"][0]}
    idents = [e["what"].get("identifier") for e in prov["entity"]]
    assert {"system": terms.RULESET_SYSTEM, "value": f"{rs.id}|{rs.version}"} in idents
    assert {"system": terms.CONTENT_HASH_SYSTEM, "value": rs.content_hash} in idents
    _, plan = found["CarePlan"]
    assert plan["period"] == {"start": "2026-12-01", "end": decision.reassess_on.isoformat()}
    assert plan["title"] == decision.segment.label.fi
    assert sum(a["detail"]["code"]["text"] == "appointment" for a in plan["activity"]) == len(decision.pathway.appointments)


def test_the_same_decision_gives_the_same_bundle():
    answers = dict(SUUNTIMA.definition.examples[0].answer_dict)
    responses = responses_for(SUUNTIMA, answers)
    one = fhir.decision_resources(SUUNTIMA, SUUNTIMA.decide(answers, assessed_at=WHEN), responses)
    two = fhir.decision_resources(SUUNTIMA, SUUNTIMA.decide(answers, assessed_at=WHEN), responses)
    assert one == two
    later = fhir.decision_resources(SUUNTIMA, SUUNTIMA.decide(answers, assessed_at=WHEN + dt.timedelta(seconds=1)), responses)
    assert later["entry"][0]["fullUrl"] != one["entry"][0]["fullUrl"]
    assert one["timestamp"] == "2026-12-01T09:30:00Z"


def dec(scaled: int, places: int) -> Decimal:
    """The decimal scaled / 10**places, exactly (no context rounding)."""
    return Decimal((int(scaled < 0), tuple(int(c) for c in str(abs(scaled))), -places))


@pytest.mark.parametrize("value, expected", [
    (3, {"valueQuantity": {"value": 3}}),
    (Fraction(13, 4), {"valueQuantity": {"value": 3.25}}),
    (Fraction(-11, 5), {"valueQuantity": {"value": -2.2}}),
    (Fraction(40, 9), {"valueRatio": {"numerator": {"value": 40}, "denominator": {"value": 9}}}),
    # a finite decimal is a Quantity however long: beyond 17 digits a Decimal, written exactly
    (Fraction(2 * 10**20 + 1, 2), {"valueQuantity": {"value": dec(10**21 + 5, 1)}}),
    (Fraction(-1, 2**70), {"valueQuantity": {"value": dec(-(5**70), 70)}}),
    (Fraction(10**400 + 1, 1024), {"valueQuantity": {"value": dec((10**400 + 1) * 5**10, 10)}}),
    # not a finite decimal, however large: never a float (10**400 / 3 overflowed one)
    (Fraction(10**400, 3), {"valueRatio": {"numerator": {"value": 10**400}, "denominator": {"value": 3}}}),
    (Fraction(10**400 + 1, 96), {"valueRatio": {"numerator": {"value": 10**400 + 1}, "denominator": {"value": 96}}}),
    (True, {"valueBoolean": True}),
    ("long_term", {"valueString": "long_term"}),
])
def test_exact_values(value, expected):
    got = fhir.exact_value(value)
    assert got == expected
    assert [type(x) for x in _numbers(got)] == [type(x) for x in _numbers(expected)]
    text = fhir.dumps(got)
    assert not re.search(r"[0-9][eE]", text)  # a plain decimal number, never an exponent
    assert read_exact(json.loads(text, parse_float=Decimal)) == value


def _numbers(node):
    if isinstance(node, dict):
        return [x for v in node.values() for x in _numbers(v)]
    return [node] if type(node) in (int, float, Decimal) else []


def test_a_decision_with_a_score_beyond_floating_point_is_valid_fhir():
    rs = segrules.load_text(one_score("n * 1" + "0" * 400 + " / 3"), "big.yaml")
    bundle = fhir.decide(rs, fhir.questionnaire_response(rs, {"n": 1}), assessed_at=WHEN)
    fhir.validate(bundle)
    _, obs = resources(bundle)["Observation"]
    assert read_exact(obs["component"][0]) == Fraction(10**400, 3)
    rs = segrules.load_text(one_score("n * 100000000000000000001 / 8"), "long.yaml")
    bundle = fhir.decide(rs, fhir.questionnaire_response(rs, {"n": 1}), assessed_at=WHEN)
    fhir.validate(bundle)
    assert '"value": 12500000000000000000.125' in fhir.dumps(bundle)


def test_an_overridden_decision_keeps_the_suggestion_and_the_reason():
    answers = dict(SUUNTIMA.definition.examples[0].answer_dict)
    decision = SUUNTIMA.decide(answers, assessed_at=WHEN)
    other = next(s.id for s in SUUNTIMA.segments if s.id != decision.segment_id)
    overridden = decision.override(other, "lives alone since last month")
    bundle = fhir.decision_resources(SUUNTIMA, overridden)
    fhir.validate(bundle)
    _, obs = resources(bundle)["Observation"]
    assert obs["valueCodeableConcept"]["coding"][0]["code"] == other
    suggested = obs["component"][0]
    assert suggested["code"]["coding"][0]["code"] == "suggested-segment"
    assert suggested["valueCodeableConcept"]["coding"][0]["code"] == decision.segment_id
    assert "lives alone since last month" in obs["note"][0]["text"]
    assert "derivedFrom" not in obs and "subject" not in obs


def test_a_care_plan_needs_a_subject_SR941():
    answers = dict(SUUNTIMA.definition.examples[0].answer_dict)
    decision = SUUNTIMA.decide(answers, assessed_at=WHEN)
    qr = fhir.questionnaire_response(SUUNTIMA, answers)
    with pytest.raises(UsageError) as info:
        fhir.decision_resources(SUUNTIMA, decision, qr, care_plan=True)
    assert info.value.code == "SR941"
    bundle = fhir.decision_resources(SUUNTIMA, decision, qr)
    assert resources(bundle)["Observation"][1]["derivedFrom"][0]["display"].startswith("QuestionnaireResponse")


def test_references_follow_the_bundle_full_urls():
    answers = dict(SUUNTIMA.definition.examples[0].answer_dict)
    qr = fhir.questionnaire_response(SUUNTIMA, answers)
    bundle_in = {"resourceType": "Bundle", "type": "collection", "entry": [{"fullUrl": "urn:uuid:0f3e5d1c-8a61-4c4b-9d4e-2b1f0c7a9e11", "resource": qr}]}
    decision = SUUNTIMA.decide(fhir.answers_from_responses(SUUNTIMA, bundle_in), assessed_at=WHEN)
    out = fhir.decision_resources(SUUNTIMA, decision, bundle_in)
    assert resources(out)["Observation"][1]["derivedFrom"] == [{"reference": "urn:uuid:0f3e5d1c-8a61-4c4b-9d4e-2b1f0c7a9e11"}]


def test_local_times_keep_their_offset():
    answers = dict(SUUNTIMA.definition.examples[0].answer_dict)
    helsinki = dt.timezone(dt.timedelta(hours=2))
    decision = SUUNTIMA.decide(answers, assessed_at=dt.datetime(2026, 12, 1, 11, 30, tzinfo=helsinki))
    bundle = fhir.decision_resources(SUUNTIMA, decision)
    fhir.validate(bundle)
    assert resources(bundle)["Observation"][1]["effectiveDateTime"] == "2026-12-01T11:30:00+02:00"


def test_no_root_path_leaks():
    assert str(ROOT) not in json.dumps(fhir.questionnaire(SUUNTIMA))


def test_decide_is_answers_decision_and_resources_in_one_call():
    answers = dict(SUUNTIMA.definition.examples[0].answer_dict)
    responses = responses_for(SUUNTIMA, answers)
    bundle = fhir.decide(SUUNTIMA, responses, assessed_at=WHEN, care_plan=True)
    assert bundle == fhir.decision_resources(SUUNTIMA, SUUNTIMA.decide(answers, assessed_at=WHEN), responses, care_plan=True)
    other = next(s.id for s in SUUNTIMA.segments if s.id != SUUNTIMA.definition.examples[0].expect)
    overridden = fhir.decide(SUUNTIMA, responses, assessed_at=WHEN, override=other, reason="seen at home")
    assert resources(overridden)["Observation"][1]["valueCodeableConcept"]["coding"][0]["code"] == other


def test_problems_as_an_operation_outcome():
    answers = dict(SUUNTIMA.definition.examples[0].answer_dict)
    qr = fhir.questionnaire_response(SUUNTIMA, answers)
    qr["status"] = "in-progress"
    qr["item"][0]["item"][0]["answer"] = [{"valueString": "x"}]
    with pytest.raises(segrules.AnswerError) as info:
        fhir.decide(SUUNTIMA, qr)
    outcome = fhir.operation_outcome(info.value)
    fhir.validate(outcome)
    by_code = {i["details"]["coding"][0]["code"]: i for i in outcome["issue"]}
    assert set(by_code) == {"SR938", "SR934"}
    link_id = qr["item"][0]["item"][0]["linkId"]
    assert by_code["SR934"]["expression"] == [f"QuestionnaireResponse.repeat(item).where(linkId = '{link_id}')"]
    assert "expression" not in by_code["SR938"]
    # the expression finds the item inside its group, as a FHIR client evaluates it
    import fhirpathpy  # the `fhir` extra
    from fhirpathpy.models import models

    (found,) = fhirpathpy.evaluate(qr, by_code["SR934"]["expression"][0], {}, models["r4"])
    assert found["linkId"] == link_id and qr["item"][0]["item"][0] == found
    with pytest.raises(UsageError) as info:
        fhir.decision_resources(SUUNTIMA, SUUNTIMA.decide(answers), qr, care_plan=True)
    outcome = fhir.operation_outcome(info.value)
    fhir.validate(outcome)
    assert outcome["issue"][0]["details"]["coding"][0]["code"] == "SR941"


def test_the_bundle_does_not_depend_on_where_the_ruleset_was_read_from(tmp_path):
    copy = tmp_path / "elsewhere.yaml"
    copy.write_bytes((ROOT / "rulesets" / "helsinki" / "suuntima.yaml").read_bytes())
    moved = segrules.load(copy)
    answers = dict(SUUNTIMA.definition.examples[0].answer_dict)
    responses = responses_for(SUUNTIMA, answers)
    assert fhir.decide(moved, responses, assessed_at=WHEN) == fhir.decide(SUUNTIMA, responses, assessed_at=WHEN)


@pytest.mark.parametrize("tail, value", [
    ("", 10**6000),                      # a whole number
    (" / 8", Fraction(10**6000, 8)),      # a finite decimal
    (" / 3", Fraction(10**6000, 3)),      # a ratio of whole numbers
], ids=["whole", "decimal", "ratio"])
def test_scores_past_python_s_limit_on_int_text_are_written_exactly(tail, value):
    """Past 4,300 digits Python refuses to write an int as text: the Bundle, its names and
    its JSON text still hold every digit."""
    steps = "".join(  # a score may be at most 4,000 characters long: 10**6000 in two steps
        f"  {name}: {{label: {{fi: {name}, sv: {name}, en: {name}}}, expr: \"{before} * 1{'0' * 3000}\"}}\n"
        for name, before in (("u", "n"), ("v", "u"))
    )
    text = one_score("v" + tail).replace("scores:\n", "scores:\n" + steps)
    rs = segrules.load_text(text, "huge.yaml")
    responses = fhir.questionnaire_response(rs, {"n": 1})
    decision = rs.decide({"n": 1}, assessed_at=WHEN)
    bundle = fhir.decision_resources(rs, decision, responses)
    assert bundle == fhir.decision_resources(rs, rs.decide({"n": 1}, assessed_at=WHEN), responses)
    assert bundle == fhir.decide(rs, responses, assessed_at=WHEN)
    text = fhir.dumps(bundle, indent=2)
    _, obs = resources(json.loads(text, parse_int=Decimal, parse_float=Decimal))["Observation"]
    component = obs["component"][-1]
    if "valueRatio" in component:
        ratio = component["valueRatio"]
        assert Fraction(ratio["numerator"]["value"]) / Fraction(ratio["denominator"]["value"]) == value
    else:
        assert Fraction(component["valueQuantity"]["value"]) == value


#: The names of two decisions as every earlier version of segrules wrote them.
NAMES_WHOLE = ["urn:uuid:d6addbdf-a266-5405-80ba-e7eecf21073e", "urn:uuid:8e788799-602a-5a87-84ed-ec45ac9512b6"]
NAMES_DECIMAL = ["urn:uuid:9c87821a-746c-5536-9b58-dc988d522741", "urn:uuid:62ca3ed3-fa46-52af-b2df-540e8ebf2198"]


@pytest.mark.parametrize("expr, names", [
    ("n * 7", NAMES_WHOLE),
    ("n * 100000000000000000001 / 8", NAMES_DECIMAL),
])
def test_the_names_of_ordinary_decisions_stay_the_same(expr, names):
    """The urn:uuid names are derived from the decision: the same as they always were."""
    rs = segrules.load_text(one_score(expr), "names.yaml")
    bundle = fhir.decision_resources(rs, rs.decide({"n": 1}, assessed_at=WHEN))
    assert [e["fullUrl"] for e in bundle["entry"]] == names
