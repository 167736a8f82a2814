"""Answers from QuestionnaireResponses: a round trip for every valid answer set, and every kind
of bad response refused with a code naming the item."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings, strategies as st

import segrules
from segrules import fhir
from segrules.errors import AnswerError
from segrules.testing import answer_sets
from support import ROOT, SHIPPED

LOADED = {p.stem: segrules.load(p) for p in SHIPPED}
SUUNTIMA = segrules.load(ROOT / "rulesets" / "helsinki" / "suuntima.yaml")
KESKI = segrules.load(ROOT / "rulesets" / "keski_suomi" / "segmentation.yaml")


def example(rs) -> dict:
    return dict(rs.definition.examples[0].answer_dict)


def problems(rs, responses) -> list[tuple[str, str]]:
    with pytest.raises(AnswerError) as info:
        fhir.answers_from_responses(rs, responses)
    return [(p.code, p.input) for p in info.value.problems]


def find(response: dict, link_id: str) -> dict:
    for group in response["item"]:
        for item in group["item"]:
            if item["linkId"] == link_id:
                return item
    raise KeyError(link_id)


@pytest.mark.parametrize("name", sorted(LOADED))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_round_trip_of_every_valid_answer_set(name, data):
    rs = LOADED[name]
    answers = data.draw(answer_sets(rs))
    want = rs.validate(answers)
    qr = fhir.questionnaire_response(rs, answers)
    fhir.validate(qr)
    assert fhir.answers_from_responses(rs, qr) == want
    parts = [fhir.questionnaire_response(rs, answers, r) for r in fhir.RESPONDENTS]
    assert fhir.answers_from_responses(rs, parts) == want
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": p} for p in parts]}
    fhir.validate(bundle)
    assert fhir.answers_from_responses(rs, bundle) == want


def test_an_answer_to_a_disabled_item_is_refused_naming_it():
    answers = example(SUUNTIMA)
    qr = fhir.questionnaire_response(SUUNTIMA, answers)
    battery = find(qr, "battery")["answer"][0]["valueCoding"]["code"]
    other = next(i for i in SUUNTIMA.inputs if i.asked_when is not None and battery not in str(i.asked_when))
    group = next(g for g in qr["item"] if g["linkId"] == "group:professional")
    group["item"].append({"linkId": other.id, "answer": [fhir.questionnaires.answer_value(SUUNTIMA.definition, other, 3)]})
    assert problems(SUUNTIMA, qr) == [("SR305", other.id)]


def test_a_missing_required_answer_is_refused():
    qr = fhir.questionnaire_response(SUUNTIMA, example(SUUNTIMA))
    group = next(g for g in qr["item"] if g["linkId"] == "group:client")
    first = group["item"].pop(0)
    assert problems(SUUNTIMA, qr) == [("SR304", first["linkId"])]


def bad(mutate, rs=SUUNTIMA) -> list[tuple[str, str]]:
    qr = fhir.questionnaire_response(rs, example(rs))
    qr = mutate(qr) or qr
    return problems(rs, qr)


def test_SR930_malformed_responses():
    assert bad(lambda q: {"resourceType": "Observation"}) == [("SR930", "(response)")]
    assert problems(SUUNTIMA, 42) == [("SR930", "(responses)")]
    assert problems(SUUNTIMA, []) == [("SR930", "(responses)")]
    assert problems(SUUNTIMA, {"resourceType": "Bundle", "entry": []}) == [("SR930", "(responses)")]
    assert ("SR930", "(response)") in bad(lambda q: q.__setitem__("item", {"linkId": "x"}))
    assert ("SR930", "(response)") in bad(lambda q: q["item"].append("text"))
    deep = {"linkId": "group:client"}
    node = deep
    for _ in range(20):
        node["item"] = [{"linkId": "group:client"}]
        node = node["item"][0]
    assert ("SR930", "(response)") in bad(lambda q: q["item"].append(deep))
    many = [fhir.questionnaire_response(SUUNTIMA, example(SUUNTIMA))] * 11
    assert ("SR930", "(responses)") in problems(SUUNTIMA, many)


def test_SR931_another_questionnaire_or_version():
    assert bad(lambda q: q.__setitem__("questionnaire", "urn:segrules:helsinki.suuntima:questionnaire|0.9.0")) == [
        ("SR931", "(response)")
    ]
    assert bad(lambda q: q.__setitem__("questionnaire", "urn:segrules:keski_suomi.segmentation:questionnaire")) == [
        ("SR931", "(response)")
    ]


def test_SR932_unknown_items_with_a_suggestion():
    def misspell(q):
        find(q, "c_manage" if "c_manage" in str(q) else q["item"][0]["item"][0]["linkId"])["linkId"] = "c_manag"

    qr = fhir.questionnaire_response(SUUNTIMA, example(SUUNTIMA))
    first = qr["item"][0]["item"][0]
    first["linkId"] = first["linkId"][:-1]
    with pytest.raises(AnswerError) as info:
        fhir.answers_from_responses(SUUNTIMA, qr)
    p = info.value.problems[0]
    assert (p.code, p.input) == ("SR932", first["linkId"]) and "did you mean" in p.message
    # the required question it should have answered is not reported twice
    assert len(info.value.problems) == 2 and info.value.problems[1].code == "SR304"
    # a client's response answering a professional's question
    client = fhir.questionnaire_response(SUUNTIMA, example(SUUNTIMA), "client")
    client["item"][0]["item"].append({"linkId": "battery", "answer": [{"valueCoding": {"system": "x", "code": "risk"}}]})
    assert ("SR932", "battery") in problems(SUUNTIMA, client)
    # an answer to a group
    assert bad(lambda q: q["item"][0].__setitem__("answer", [{"valueBoolean": True}])) == [("SR932", "group:client")]


def test_SR933_twice_or_two_answers():
    def twice(q):
        q["item"][0]["item"].append(copy.deepcopy(q["item"][0]["item"][0]))

    first = fhir.questionnaire_response(SUUNTIMA, example(SUUNTIMA))["item"][0]["item"][0]["linkId"]
    assert bad(twice) == [("SR933", first)]

    def two(q):
        item = q["item"][0]["item"][0]
        item["answer"] = item["answer"] * 2

    assert bad(two) == [("SR933", first)]


def test_SR934_wrong_types_and_SR935_wrong_codings():
    rs = LOADED["suunte"]
    answers = example(rs)
    integer = next(i.id for i in rs.inputs if i.domain.kind == "integer")
    boolean = next(i.id for i in rs.inputs if i.domain.kind == "boolean")
    enum = next(i.id for i in rs.inputs if i.domain.kind == "enum" and i.id in answers)

    def mutate(q):
        find(q, integer)["answer"] = [{"valueString": "4"}]
        find(q, boolean)["answer"] = [{"valueBoolean": "yes"}]
        find(q, enum)["answer"][0]["valueCoding"]["system"] = "http://loinc.org"

    assert sorted(bad(mutate, rs)) == sorted([("SR934", integer), ("SR934", boolean), ("SR935", enum)])
    scale = next(i.id for i in SUUNTIMA.inputs if i.domain.kind == "scale" and i.asked_when is None)
    assert bad(lambda q: find(q, scale)["answer"][0]["valueCoding"].__setitem__("code", "four")) == [("SR935", scale)]
    assert bad(lambda q: find(q, scale)["answer"][0]["valueCoding"].__setitem__("code", "9")) == [("SR302", scale)]
    assert bad(lambda q: find(q, scale)["answer"][0].__setitem__("valueInteger", 3)) == [("SR934", scale)]


def test_SR936_SR937_responses_that_disagree():
    answers = example(KESKI)
    answers["situation_type"] = "long_term"
    answers.setdefault("c_self_care", 3)
    client = fhir.questionnaire_response(KESKI, answers, "client")
    professional = fhir.questionnaire_response(KESKI, answers, "professional")
    assert fhir.answers_from_responses(KESKI, [client, professional])["situation_type"] == "long_term"
    find(client, "situation_type")["answer"][0]["valueCoding"]["code"] = "temporary"
    assert ("SR936", "situation_type") in problems(KESKI, [professional, client])
    client = fhir.questionnaire_response(KESKI, answers, "client")
    client["subject"] = {"reference": "Patient/1"}
    professional["subject"] = {"reference": "Patient/2"}
    assert problems(KESKI, [client, professional]) == [("SR937", "(subject)")]
    professional["subject"] = {"reference": "Patient/1"}
    assert fhir.answers_from_responses(KESKI, [client, professional])


def test_SR938_only_completed_responses():
    assert bad(lambda q: q.__setitem__("status", "in-progress")) == [("SR938", "(response)")]
    assert fhir.answers_from_responses(SUUNTIMA, {**fhir.questionnaire_response(SUUNTIMA, example(SUUNTIMA)), "status": "amended"})


def test_every_problem_at_once():
    def mutate(q):
        q["status"] = "stopped"
        q["item"][0]["item"][0]["answer"] = [{"valueString": "x"}]
        q["item"][0]["item"].append({"linkId": "nonsense", "answer": [{"valueBoolean": True}]})

    codes = {code for code, _ in bad(mutate)}
    assert codes == {"SR938", "SR934", "SR932"}


def test_SR930_says_what_was_sent_in_json_words():
    """What came instead of a response is named as JSON names it (null, a list, a "Patient"
    resource), never by the Python type it was read as."""
    cases = [
        ({"resourceType": "Bundle", "entry": [5]}, "a Bundle's entry is an object, not a number"),
        ([None], "got null"), ([True], "got true"), (["x"], "got a text"), ([[1]], "got a list"),
        ([{"a": 1}], "got an object without a resourceType"), ([{"resourceType": "Patient"}], 'got a "Patient" resource'),
    ]
    for given, words in cases:
        with pytest.raises(AnswerError) as info:
            fhir.answers_from_responses(SUUNTIMA, given)
        message = info.value.problems[0].message
        assert words in message and "NoneType" not in message and "'int'" not in message, (given, message)
