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
from support import ROOT, SHIPPED, one_score

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


def small_ruleset(inputs: str, scales: str = "", rules: str = "lo when s < 1") -> segrules.Ruleset:
    """A one-score ruleset: ``s`` is the first input's value; rules ``rules`` and hi otherwise."""
    first = inputs.split(":")[0].strip()
    text = one_score(first, rules, inputs=inputs, scales=scales, id="test.fhir")
    return segrules.load_text(text, "test.yaml")


def test_scale_codes_of_any_length_round_trip_and_only_codes_are_read():
    rs = small_ruleset(
        "  q: {respondent: client, type: scale, scale: big, text: {fi: q, sv: q, en: q}}",
        "scales:\n  big:\n    values:\n      -3: {fi: m, sv: m, en: m}\n      4: {fi: a, sv: a, en: a}\n"
        "      10000000000000: {fi: b, sv: b, en: b}",
    )
    for value in (-3, 4, 10000000000000):
        qr = fhir.questionnaire_response(rs, {"q": value})
        fhir.validate(qr)
        assert fhir.answers_from_responses(rs, qr) == {"q": value}

    def coded(code):
        qr = fhir.questionnaire_response(rs, {"q": 4})
        find(qr, "q")["answer"][0]["valueCoding"]["code"] = code
        return qr

    for code in ("04", "+4", " 4", "4 ", "4.0", "-03", "-0", "٤", "1" * 5000, ""):
        assert problems(rs, coded(code)) == [("SR935", "q")], code
    assert problems(rs, coded("5")) == [("SR302", "q")]  # a number, but not one of the scale's


def test_integer_inputs_beyond_32_bits_are_whole_decimals_both_ways():
    rs = small_ruleset("  n: {respondent: client, type: integer, min: 3000000000, max: 3000000005, text: {fi: n, sv: n, en: n}}",
                       rules="lo when n < 3000000002")
    qr = fhir.questionnaire_response(rs, {"n": 3000000003})
    fhir.validate(qr)
    assert find(qr, "n")["answer"] == [{"valueDecimal": 3000000003}]
    assert fhir.answers_from_responses(rs, qr) == {"n": 3000000003}

    def answered(answer):
        qr = fhir.questionnaire_response(rs, {"n": 3000000003})
        find(qr, "n")["answer"] = [answer]
        return qr

    assert fhir.answers_from_responses(rs, answered({"valueDecimal": 3000000001.0})) == {"n": 3000000001}
    for answer in ({"valueInteger": 3000000001}, {"valueDecimal": 3000000001.5}, {"valueDecimal": "3000000001"},
                   {"valueDecimal": True}, {"valueDecimal": 2.0**60}):
        assert problems(rs, answered(answer)) == [("SR934", "n")], answer
    # an integer input within 32 bits keeps valueInteger
    narrow = small_ruleset("  n: {respondent: client, type: integer, min: 2147483640, max: 2147483647, text: {fi: n, sv: n, en: n}}")
    assert find(fhir.questionnaire_response(narrow, {"n": 2147483647}), "n")["answer"] == [{"valueInteger": 2147483647}]


def test_unknown_items_are_named_to_a_limit_and_counted_beyond_it():
    from segrules.engine.reference import MAX_UNKNOWN_REPORTED

    qr = fhir.questionnaire_response(SUUNTIMA, example(SUUNTIMA))
    qr["item"][0]["item"] += [{"linkId": f"stray_{k}"} for k in range(5000)]
    qr["item"][0]["item"] += [copy.deepcopy(qr["item"][0]["item"][0]) for _ in range(3000)]
    qr["item"][0]["item"] += [{"linkId": "x" * 100_000}] + [7] * 1000
    with pytest.raises(AnswerError) as info:
        fhir.answers_from_responses(SUUNTIMA, qr)
    found = info.value.problems
    assert sum(p.code == "SR932" and p.input != "(responses)" for p in found) == MAX_UNKNOWN_REPORTED
    assert sum(p.code == "SR933" and p.input != "(responses)" for p in found) == MAX_UNKNOWN_REPORTED
    counted = {p.code: p.message for p in found if p.input == "(responses)"}
    assert counted["SR932"] == f"and {5001 - MAX_UNKNOWN_REPORTED} more items that are not questions of the questionnaire"
    assert counted["SR933"].startswith(f"and {3000 - MAX_UNKNOWN_REPORTED} more")
    assert [p.message for p in found if p.code == "SR930"] == ["every item must be an object with a linkId (1000 are not)"]
    assert len(found) < 3 * MAX_UNKNOWN_REPORTED
    outcome = fhir.operation_outcome(info.value)
    assert len(outcome["issue"]) == len(found)


def test_every_problem_of_a_response_is_said_whole_in_finnish_and_swedish():
    """Each item's problem keeps its linkId and its reason in fi and sv (not only the code's
    title), and no word of English or of Python (None) is left in it."""
    from test_messages_i18n import english_in

    rs = LOADED["suunte"]
    integer = next(i.id for i in rs.inputs if i.domain.kind == "integer")
    boolean = next(i.id for i in rs.inputs if i.domain.kind == "boolean")
    enum = next(i.id for i in rs.inputs if i.domain.kind == "enum" and i.id in example(rs))

    def mutate(q):
        q.pop("status")
        find(q, integer)["answer"] = [{"valueString": "4"}]
        find(q, boolean)["answer"] = [{"valueBoolean": "yes"}]
        find(q, enum)["answer"] = {"valueCoding": {"code": "x"}}  # not a list

    qr = fhir.questionnaire_response(rs, example(rs))
    mutate(qr)
    other = fhir.questionnaire_response(rs, example(rs))
    qr["subject"], other["subject"] = {"reference": "Patient/1"}, {"reference": "Patient/2"}
    with pytest.raises(AnswerError) as info:
        fhir.answers_from_responses(rs, [qr, other])
    said: dict[str, list] = {}
    for d in info.value.diagnostics:
        said.setdefault(d.code, []).append(d)
    assert {"SR934", "SR937", "SR938"} <= set(said)
    for d in info.value.diagnostics:
        for lang in ("fi", "sv"):
            text = d.format(lang)
            assert english_in(text) == [] and "None" not in text, (lang, text)
            where = d.message.partition(":")[0]  # the linkId as it is, or (subject), (response) in the language
            assert (where in text) != where.startswith("("), (lang, text)
    english = [d.message for d in said["SR934"]] + [d.message for d in said["SR938"]]
    assert any("valueString" in m for m in english) and all("None" not in m for m in english)


def test_SR930_a_subject_that_is_not_a_reference_is_refused():
    """A plain text where FHIR has a Reference would be dropped unread: it is refused, named."""
    assert bad(lambda q: q.__setitem__("subject", "Patient/1")) == [("SR930", "(response)")]
    assert fhir.answers_from_responses(SUUNTIMA, {**fhir.questionnaire_response(SUUNTIMA, example(SUUNTIMA)),
                                                  "subject": {"reference": "Patient/1"}})
