"""POST /v1/rulesets/{id}/$decide: QuestionnaireResponses in, FHIR resources out, over HTTP."""

from __future__ import annotations

import copy
import datetime as dt
import json

import segrules
from segrules import fhir
from service_support import ROOT, TOKEN

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
