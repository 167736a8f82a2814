"""POST /v1/rulesets/{id}/$decide: QuestionnaireResponses in, FHIR resources out, over HTTP."""

from __future__ import annotations

import copy
import datetime as dt
import json

import segrules
from segrules import fhir
from service_support import ROOT, TOKEN
from support import one_score

SAMPLE = ROOT / "docs" / "fhir" / "helsinki-suuntima.responses.json"
URL = "/v1/rulesets/helsinki.suuntima/$decide"
FHIR = {"content-type": "application/fhir+json"}
AT = "2024-03-01T09:30:00+02:00"


def responses() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def test_decide_gives_the_bundle_of_segrules_fhir(serve, rulesets_dir):
    params = {"resourceType": "Parameters", "parameter": [
        *({"name": "response", "resource": e["resource"]} for e in responses()["entry"]),
        {"name": "assessedAt", "valueDateTime": AT},
    ]}
    r = serve().post(URL, json=params, headers=FHIR)
    assert r.status_code == 200 and r.headers["content-type"] == "application/fhir+json"
    bundle = r.json()
    rs = segrules.load(rulesets_dir / "suuntima.yaml")
    expected = fhir.decide(rs, [p["resource"] for p in params["parameter"][:-1]],
                           assessed_at=dt.datetime.fromisoformat(AT))
    assert bundle == json.loads(json.dumps(expected))
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds == ["Observation", "Provenance"]
    for e in bundle["entry"]:
        fhir.validate(e["resource"])
    assert r.headers["etag"] == f'"{rs.content_hash}"' and r.headers["segrules-decision-id"]


def test_a_bundle_of_responses_and_a_care_plan(serve):
    client = serve()
    r = client.post(URL, json=responses(), headers=FHIR)
    assert r.status_code == 200
    params = {"resourceType": "Parameters", "parameter": [
        *({"name": "response", "resource": e["resource"]} for e in responses()["entry"]),
        {"name": "carePlan", "valueBoolean": True},
    ]}
    kinds = [e["resource"]["resourceType"] for e in client.post(URL, json=params, headers=FHIR).json()["entry"]]
    assert "CarePlan" in kinds


def test_problems_are_an_operation_outcome_naming_the_item(serve):
    bad = responses()
    item = copy.deepcopy(bad["entry"][0]["resource"]["item"][0]["item"][0])
    item["linkId"] = "c_nonsense"
    bad["entry"][0]["resource"]["item"][0]["item"].append(item)
    r = serve().post(URL, json=bad, headers=FHIR)
    assert r.status_code == 422 and r.headers["content-type"] == "application/fhir+json"
    outcome = r.json()
    assert outcome["resourceType"] == "OperationOutcome"
    codes = [i["details"]["coding"][0]["code"] for i in outcome["issue"]]
    assert "SR932" in codes
    assert any("c_nonsense" in x for i in outcome["issue"] for x in i.get("expression", []))
    fhir.validate(outcome)


def test_an_unknown_parameter_is_sr914(serve):
    r = serve().post(URL, json={"resourceType": "Parameters", "parameter": [{"name": "speed", "valueString": "x"}]},
                     headers=FHIR)
    assert r.status_code == 422 and r.json()["issue"][0]["details"]["coding"][0]["code"] == "SR914"


def test_parameters_of_the_wrong_shape_are_sr914_not_a_failure(serve):
    """A parameter list that is no list, a part without a name, an override or reason that is
    not text: each an OperationOutcome with SR914, never a 500 (nor a Python repr in a note)."""
    client = serve()
    given = [part for e in responses()["entry"] for part in [{"name": "response", "resource": e["resource"]}]]
    bodies = [
        {"resourceType": "Parameters", "parameter": 5},
        {"resourceType": "Parameters", "parameter": True},
        {"resourceType": "Parameters", "parameter": "x"},
        {"resourceType": "Parameters", "parameter": {"name": "response"}},
        {"resourceType": "Parameters", "parameter": [*given, 7]},
        {"resourceType": "Parameters", "parameter": [*given, {"valueString": "x"}]},
        {"resourceType": "Parameters", "parameter": [*given, {"name": "override", "valueString": "verkosto"},
                                                     {"name": "reason", "valueString": {"a": [1, 2]}}]},
        {"resourceType": "Parameters", "parameter": [*given, {"name": "override", "valueCode": {"a": 1}},
                                                     {"name": "reason", "valueString": "seen in person"}]},
    ]
    for body in bodies:
        r = client.post(URL, json=body, headers=FHIR)
        assert r.status_code == 422, (body, r.status_code, r.text)
        assert r.json()["issue"][0]["details"]["coding"][0]["code"] == "SR914", (body, r.text)
    ok = {"resourceType": "Parameters", "parameter": [*given, {"name": "override", "valueCode": "verkosto"},
                                                      {"name": "reason", "valueString": "seen in person"}]}
    assert client.post(URL, json=ok, headers=FHIR).status_code == 200


def test_fhir_decide_is_pinned_guarded_and_logged(serve, tmp_path):
    log = tmp_path / "log.jsonl"
    client = serve(token=TOKEN, decision_log=str(log))
    assert client.post(URL, json=responses(), headers=FHIR).status_code == 401
    auth = {**FHIR, "Authorization": "Bearer " + TOKEN}
    assert client.post(URL, json=responses(), headers={**auth, "If-Match": '"0"'}).status_code == 412
    assert client.post(URL, json=responses(), headers=auth).status_code == 200
    client.__exit__(None, None, None)
    (line,) = log.read_text().splitlines()
    assert json.loads(line)["endpoint"] == "fhir" and "answers" not in json.loads(line)


def _with_lone_surrogate(body: dict, text: str) -> bytes:
    """The body's JSON with a marker text replaced by an escaped lone surrogate."""
    return json.dumps(body).replace(text, "\\ud800").encode()


def test_a_lone_surrogate_anywhere_in_a_body_is_sr913_not_a_failure(serve):
    client = serve()
    bundle = responses()
    first = bundle["entry"][0]["resource"]
    link = copy.deepcopy(bundle)
    link["entry"][0]["resource"]["item"][0]["item"][0]["linkId"] = "MARK"
    named = copy.deepcopy(bundle)
    for e in named["entry"]:
        e["resource"]["subject"] = {"reference": "Patient/p", "display": "MARK"}
    params = {"resourceType": "Parameters", "parameter": [
        {"name": "response", "resource": first}, {"name": "override", "valueString": "verkosto"},
        {"name": "reason", "valueString": "MARK"}]}
    for body in (link, named, params):
        r = client.post(URL, content=_with_lone_surrogate(body, "MARK"), headers=FHIR)
        assert r.status_code == 400 and r.json()["code"] == "SR913", r.text
    decide = "/v1/rulesets/helsinki.suuntima/decide"
    answers = {"answers": {"MARK": 1}, "override": "verkosto", "reason": "seen"}
    reason = {"answers": {}, "override": "verkosto", "reason": "MARK"}
    for body in (answers, reason):
        r = client.post(decide, content=_with_lone_surrogate(body, "MARK"), headers={"content-type": "application/json"})
        assert r.status_code == 400 and r.json()["code"] == "SR913", r.text


def test_a_lone_surrogate_that_reaches_an_answer_is_written_escaped(serve):
    """Defence in depth: text that UTF-8 cannot write is never a 500 where it is written."""
    from segrules.serve import app

    response = app._problem_response({"status": 422, "detail": "x\ud800"})
    assert json.loads(response.body) == {"status": 422, "detail": "x\ud800"}
    assert app.decide_body(segrules.load(ROOT / "rulesets" / "helsinki" / "suuntima.yaml").decide(
        responses_answers(), assessed_at=dt.datetime(2024, 3, 1, tzinfo=dt.timezone.utc)), "en", "why \udc00")
    subject = {"reference": "Patient/p", "display": "\ud800"}
    rs = segrules.load(ROOT / "rulesets" / "helsinki" / "suuntima.yaml")
    qrs = [dict(e["resource"], subject=subject) for e in responses()["entry"]]
    bundle = fhir.decide(rs, qrs, assessed_at=dt.datetime(2024, 3, 1, tzinfo=dt.timezone.utc))
    assert bundle["entry"][0]["fullUrl"].startswith("urn:uuid:")


def responses_answers() -> dict:
    rs = segrules.load(ROOT / "rulesets" / "helsinki" / "suuntima.yaml")
    return fhir.answers_from_responses(rs, responses())


_LO = "lo when n = 1 and s > 0"  # n = 1 decides lo: the score is written whatever it is


def test_scores_beyond_floating_point_are_written_exactly(serve, tmp_path):
    folder = tmp_path / "scores"
    folder.mkdir()
    (folder / "big.yaml").write_text(one_score("n * 1" + "0" * 400 + " / 3", rule=_LO), encoding="utf-8")
    client = serve([str(folder / "big.yaml")])
    rs = segrules.load(folder / "big.yaml")
    r = client.post("/v1/rulesets/test.score/$decide", json=fhir.questionnaire_response(rs, {"n": 1}), headers=FHIR)
    assert r.status_code == 200, r.text
    (component,) = r.json()["entry"][0]["resource"]["component"]
    assert component["valueRatio"] == {"numerator": {"value": 10**400}, "denominator": {"value": 3}}
    (folder / "big.yaml").write_text(one_score("n * 100000000000000000001 / 8", rule=_LO), encoding="utf-8")
    client = serve([str(folder / "big.yaml")])
    r = client.post("/v1/rulesets/test.score/$decide", json=fhir.questionnaire_response(rs, {"n": 1}), headers=FHIR)
    assert r.status_code == 200 and b'"value": 12500000000000000000.125' in r.content, r.text


def test_the_operation_outcome_speaks_the_language_asked_for_as_decide_does(serve, tmp_path):
    folder = tmp_path / "lang"
    folder.mkdir()
    (folder / "one.yaml").write_text(one_score("n * 3", rule=_LO), encoding="utf-8")
    client = serve([str(folder / "one.yaml")])
    rs = segrules.load(folder / "one.yaml")
    response = json.loads(json.dumps(fhir.questionnaire_response(rs, {"n": 1})).replace('"valueInteger": 1', '"valueInteger": 9'))
    url = "/v1/rulesets/test.score/$decide"
    (problem,) = client.post("/v1/rulesets/test.score/decide?lang=fi", json={"answers": {"n": 9}}).json()["problems"]
    said = f"{problem['input']}: {problem['message']}"
    for query, headers in (("?lang=fi", {}), ("", {"accept-language": "fi"}), ("?lang=sv", {"accept-language": "fi"})):
        r = client.post(url + query, json=response, headers={**FHIR, **headers})
        lang = "sv" if "sv" in query else "fi"
        assert r.status_code == 422 and r.headers["content-language"] == lang, r.text
        (issue,) = r.json()["issue"]
        assert issue["details"]["coding"][0]["code"] == "SR302"
        assert "is not allowed" not in r.text and "expected" not in r.text
        if lang == "fi":
            assert issue["details"]["text"] == said == "n: 9 ei ole sallittu; odotettiin: kokonaisluku 1–2"
        assert issue["diagnostics"] == "SR302 " + issue["details"]["text"]
    r = client.post(url, json=response, headers=FHIR)
    assert r.headers["content-language"] == "en" and r.json()["issue"][0]["details"]["text"] == "n: 9 is not allowed; expected a whole number from 1 to 2"
