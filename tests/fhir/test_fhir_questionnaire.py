"""Questionnaires and code systems: valid FHIR R4, every question once with its code, answer
options, translations and identity."""

from __future__ import annotations

import json
import re

import pytest

import segrules
from segrules import fhir
from segrules.errors import UsageError
from segrules.fhir import terms
from support import SHIPPED

RESPONDENTS = (None, "client", "professional")


@pytest.fixture(scope="module", params=SHIPPED, ids=lambda p: p.stem)
def loaded(request):
    return segrules.load(request.param)


def items_of(q: dict) -> dict:
    return {i["linkId"]: (g, i) for g in q.get("item", []) for i in g["item"]}


def test_every_export_is_valid_fhir(loaded):
    for respondent in RESPONDENTS:
        fhir.validate(fhir.questionnaire(loaded, respondent))
    for cs in fhir.code_systems(loaded):
        fhir.validate(cs)


def test_validation_catches_broken_resources(loaded):
    q = fhir.questionnaire(loaded)
    q["status"] = "published"
    with pytest.raises(UsageError) as info:
        fhir.validate(q)
    assert info.value.code == "SR943" and "status" in str(info.value)
    q = fhir.questionnaire(loaded)
    q["item"][0]["item"][0]["type"] = "coding"  # R5's name; R4 says choice
    with pytest.raises(UsageError) as info:
        fhir.validate(q)
    assert info.value.code == "SR943"
    assert "item.0.item.0.type" in str(info.value)
    q = fhir.questionnaire(loaded)
    q["item"][-1]["item"][-1]["required"] = "yes"  # a lenient model reads it as true
    with pytest.raises(UsageError) as info:
        fhir.validate(q)
    assert info.value.code == "SR943" and "required" in str(info.value)
    q = fhir.questionnaire(loaded)
    q["item"][0]["item"][0]["linkId"] = 5
    with pytest.raises(UsageError) as info:
        fhir.validate(q)
    assert info.value.code == "SR943"
    with pytest.raises(UsageError) as info:
        fhir.validate({"resourceType": "Nonsense"})
    assert info.value.code == "SR943"


def test_the_combined_questionnaire_has_every_input_once(loaded):
    rs = loaded.definition
    q = fhir.questionnaire(loaded)
    items = items_of(q)
    assert list(items) == [i.id for part in ("client", "professional", "record") for i in rs.inputs if i.respondent == part]
    for inp in rs.inputs:
        group, item = items[inp.id]
        assert group["linkId"] == f"group:{inp.respondent}"
        assert item["code"] == [{"system": terms.inputs_system(rs), "code": inp.id, "display": inp.text.fi}]
        assert item["text"] == inp.text.fi
        langs = {e["extension"][0]["valueCode"]: e["extension"][1]["valueString"] for e in item["_text"]["extension"]}
        assert langs == {"sv": inp.text.sv, "en": inp.text.en}
        assert item["required"] is (not inp.optional)
        if inp.domain.kind in ("scale", "enum"):
            assert item["type"] == "choice"
            codes = [o["valueCoding"]["code"] for o in item["answerOption"]]
            assert codes == [str(v) for v in inp.domain.values]
            if inp.domain.kind == "scale":
                weights = [o["extension"][0] for o in item["answerOption"]]
                assert all(w["url"] == terms.ORDINAL_VALUE for w in weights)
                assert [w["valueDecimal"] for w in weights] == list(inp.domain.values)
        elif inp.domain.kind == "integer":
            bounds = {e["url"]: e["valueInteger"] for e in item["extension"]}
            assert bounds[terms.MIN_VALUE] == inp.domain.values[0] and bounds[terms.MAX_VALUE] == inp.domain.values[-1]
        else:
            assert item["type"] == "boolean"
        if inp.help is not None:
            assert item["item"][0]["type"] == "display" and item["item"][0]["text"] == inp.help.fi


def test_identity_names_the_ruleset_version_and_hash(loaded):
    rs = loaded.definition
    for respondent in RESPONDENTS:
        q = fhir.questionnaire(loaded, respondent)
        assert q["version"] == rs.version
        assert {"system": terms.RULESET_SYSTEM, "value": f"{rs.id}|{rs.version}"} in q["identifier"]
        assert {"system": terms.CONTENT_HASH_SYSTEM, "value": rs.content_hash} in q["identifier"]
        assert q["url"].startswith(f"urn:segrules:{rs.id}:questionnaire")
    urls = {fhir.questionnaire(loaded, r)["url"] for r in RESPONDENTS}
    assert len(urls) == 3


def test_each_respondent_gets_their_own_questions_and_what_they_depend_on(loaded):
    rs = loaded.definition
    for respondent, parts in (("client", ("client",)), ("professional", ("professional", "record"))):
        q = fhir.questionnaire(loaded, respondent)
        items = items_of(q)
        own = [i.id for part in parts for i in rs.inputs if i.respondent == part]
        assert [k for k, (g, _) in items.items() if g["linkId"] != "group:context"] == own
        for link_id, (group, item) in items.items():
            if group["linkId"] == "group:context":
                assert item["readOnly"] is True and item["required"] is False
                assert rs.input(link_id).respondent not in parts
        for inp in rs.inputs:
            if inp.id in own and inp.asked_when is not None:
                for ref in segrules.dsl.ast.references(inp.asked_when):
                    assert ref in items


def test_keski_suomi_client_form_carries_the_situation_type_read_only():
    rs = segrules.load(next(p for p in SHIPPED if "keski_suomi" in str(p)))
    items = items_of(fhir.questionnaire(rs, "client"))
    assert items["situation_type"][0]["linkId"] == "group:context"
    assert items["c_self_care"][1]["enableWhen"][0]["question"] == "situation_type"


def test_an_unknown_respondent_is_sr939(loaded):
    with pytest.raises(UsageError) as info:
        fhir.questionnaire(loaded, "record")
    assert info.value.code == "SR939"


def test_code_systems_hold_every_concept(loaded):
    rs = loaded.definition
    inputs, segments, scores, *answers = fhir.code_systems(loaded)
    assert [c["code"] for c in inputs["concept"]] == [i.id for i in rs.inputs]
    assert [c["code"] for c in segments["concept"]] == [s.id for s in rs.segments]
    assert [c["code"] for c in scores["concept"]] == [s.id for s in rs.scores]
    for cs in (inputs, segments, scores, *answers):
        assert cs["version"] == rs.version and cs["count"] == len(cs["concept"])
    systems = {cs["url"] for cs in answers}
    for inp in rs.inputs:
        if inp.domain.kind in ("scale", "enum"):
            assert terms.answers_system(rs, inp) in systems
    for seg, concept in zip(rs.segments, segments["concept"]):
        synonyms = [d["value"] for d in concept.get("designation", []) if d.get("use") == terms.SYNONYM]
        assert synonyms == list(seg.aliases)


def test_the_questionnaire_is_deterministic(loaded):
    assert fhir.questionnaire(loaded) == fhir.questionnaire(segrules.load(loaded.definition.source))


def small(inputs: str, *, rid: str = "test.fhir", title: str = "{fi: t, sv: t, en: t}", extra: str = "",
          scales: str = "") -> segrules.Ruleset:
    """A one-score ruleset over the given inputs (the first one is the score)."""
    first = inputs.split(":")[0].strip()
    text = f"""format: 1
id: {rid}
version: 1.0.0
title: {title}
hit_policy: first
{extra}
{scales}
inputs:
{inputs}
scores:
  s: {{label: {{fi: s}}, expr: "{first}"}}
segments:
  lo: {{label: {{fi: l}}, service_use: occasional}}
  hi: {{label: {{fi: h}}, service_use: heavy}}
rules:
  - lo when s < 1
  - hi otherwise
pathways:
  lo: {{contact: {{fi: t}}, appointments: [{{fi: t}}], coordination: {{fi: t}}, self_care: {{fi: t}}, reassess_after_months: 12}}
  hi: {{contact: {{fi: t}}, appointments: [{{fi: t}}], coordination: {{fi: t}}, self_care: {{fi: t}}, reassess_after_months: 12}}
"""
    return segrules.load_text(text, "test.yaml")


def test_integer_inputs_beyond_32_bits_are_decimal_items():
    rs = small(
        "  n: {respondent: client, type: integer, min: 3000000000, max: 3000000005, text: {fi: n}}\n"
        "  m: {respondent: client, type: integer, min: 0, max: 9, optional: true, asked_when: 'n >= 3000000002', text: {fi: m}}\n"
        "  k: {respondent: client, type: integer, min: 0, max: 9, optional: true, asked_when: 'm < 5000000000', text: {fi: k}}\n"
        "  j: {respondent: client, type: integer, min: 0, max: 9, optional: true, asked_when: 'm = 7', text: {fi: j}}"
    )
    q = fhir.questionnaire(rs)
    fhir.validate(q)
    items = {link: item for link, (_, item) in items_of(q).items()}
    assert items["n"]["type"] == "decimal"
    assert [(e["url"].rsplit("/", 1)[1], e["valueDecimal"]) for e in items["n"]["extension"]] == [
        ("minValue", 3000000000), ("maxValue", 3000000005)]
    assert items["m"]["type"] == "integer"
    assert items["m"]["enableWhen"] == [{"question": "n", "operator": ">=", "answerDecimal": 3000000002}]
    # no answerInteger holds 5000000000: the condition is an expression
    assert "enableWhen" not in items["k"] and "5000000000" in json.dumps(items["k"]["extension"])
    assert items["j"]["enableWhen"] == [{"question": "m", "operator": "=", "answerInteger": 7}]


def test_resource_ids_never_collide():
    ids = {}

    def put(resource):
        assert len(resource["id"]) <= 64 and re.fullmatch(r"[A-Za-z0-9.-]+", resource["id"])
        assert ids.setdefault(resource["id"], resource["url"]) == resource["url"], resource["id"]

    enum = "{respondent: client, type: enum, values: {a: {fi: a}, b: {fi: b}}, text: {fi: e}}"
    n = "  n: {respondent: client, type: integer, min: 0, max: 3, text: {fi: n}}\n"
    r = small(n + f"  x_inputs: {enum}\n  {'e' * 60}_one: {enum}\n  {'e' * 60}_two: {enum}", rid="r")
    other = small(n + f"  z: {enum}", rid="r_answers_x")
    long_id = small(n, rid="a" * 60 + ".one")
    long_id2 = small(n, rid="a" * 60 + ".two")
    for rs in (r, other, long_id, long_id2):
        for respondent in RESPONDENTS:
            put(fhir.questionnaire(rs, respondent))
        for cs in fhir.code_systems(rs):
            put(cs)
    # an id that is one already is kept as it is
    assert fhir.questionnaire(r)["id"] == "r-all"
    assert terms.fhir_id("helsinki.suuntima-all") == "helsinki.suuntima-all"


def test_a_language_the_ruleset_does_not_give_is_left_out():
    rs = small("  q: {respondent: client, type: scale, scale: five, text: {fi: Kysymys}}\n"
               "  e: {respondent: client, type: enum, values: {a: {fi: A}}, text: {fi: Valinta, sv: Val}}",
               title="{fi: Malli, en: Model}", scales="scales:\n  five:\n    label: {fi: Asteikko}\n    values:\n"
               "      0: {fi: nolla}\n      1: {fi: yksi}")
    for respondent in RESPONDENTS:
        q = fhir.questionnaire(rs, respondent)
        fhir.validate(q)
        assert translations(q, "_title") == {"en": "Model" + ("" if respondent is None else f" ({respondent})")}
    for cs in fhir.code_systems(rs):
        fhir.validate(cs)
        said = translations(cs, "_title")
        assert "sv" not in said and all(not text.startswith("Malli") for text in said.values()), cs["url"]
    titles = {cs["url"].rsplit(":", 1)[1]: translations(cs, "_title") for cs in fhir.code_systems(rs)}
    assert titles["five"] == {} and titles["e"] == {} and titles["inputs"] == {"en": "Model: questions"}


def translations(resource: dict, key: str) -> dict:
    return {
        {x["url"]: x.get("valueCode", x.get("valueString")) for x in ext["extension"]}["lang"]:
        {x["url"]: x.get("valueCode", x.get("valueString")) for x in ext["extension"]}["content"]
        for ext in resource.get(key, {}).get("extension", [])
    }


def test_a_blank_provenance_is_left_out_and_empty_strings_are_refused():
    rs = small("  n: {respondent: client, type: integer, min: 0, max: 3, text: {fi: n}}", extra="provenance: '   '")
    q = fhir.questionnaire(rs)
    assert "description" not in q
    fhir.validate(q)
    rs = small("  n: {respondent: client, type: integer, min: 0, max: 3, text: {fi: n}}", extra="provenance: '  Lähde  '")
    assert fhir.questionnaire(rs)["description"] == "Lähde"
    q["description"] = ""
    with pytest.raises(UsageError) as info:
        fhir.validate(q)
    assert info.value.code == "SR943" and "description: an empty string" in str(info.value)
