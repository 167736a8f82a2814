"""`segrules fhir` and `segrules decide --fhir`, run as a user runs them."""

from __future__ import annotations

import json
import re

import segrules
from segrules import fhir
from support import ROOT

from test_cli import run, run_json

SUUNTIMA = "rulesets/helsinki/suuntima.yaml"
RESPONSES = "docs/fhir/helsinki-suuntima.responses.json"


def test_questionnaire_to_stdout_keeps_the_fhir_order():
    proc = run("fhir", "questionnaire", SUUNTIMA, "--respondent", "client")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.lstrip().startswith('{\n  "resourceType": "Questionnaire"')
    assert json.loads(proc.stdout) == fhir.questionnaire(segrules.load(ROOT / SUUNTIMA), "client")


def test_questionnaire_to_a_file(tmp_path):
    out = tmp_path / "q.json"
    doc = run_json("fhir", "questionnaire", SUUNTIMA, "-o", out)
    assert doc["schema"] == "segrules.fhir/1" and doc["file"] == str(out) and doc["resourceType"] == "Questionnaire"
    assert json.loads(out.read_text(encoding="utf-8")) == fhir.questionnaire(segrules.load(ROOT / SUUNTIMA))
    proc = run("fhir", "questionnaire", SUUNTIMA, "-o", out, "--respondent", "professional")
    assert proc.returncode == 0 and proc.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["url"].endswith(":professional")


def test_codesystems():
    proc = run("fhir", "codesystems", SUUNTIMA)
    bundle = json.loads(proc.stdout)
    assert [e["resource"] for e in bundle["entry"]] == fhir.code_systems(segrules.load(ROOT / SUUNTIMA))


def test_common_options_after_the_export_name(tmp_path):
    """--lang, --json and --debug go anywhere on the line, after the export's name too."""
    out = tmp_path / "cs.json"
    for tail in (["--lang", "fi"], ["--lang=sv"], ["--json", "--lang", "en"], ["--debug"]):
        proc = run("fhir", "codesystems", SUUNTIMA, "-o", out, *tail)
        assert proc.returncode == 0, (tail, proc.stderr)
    assert json.loads(out.read_text(encoding="utf-8"))["resourceType"] == "Bundle"
    proc = run("fhir", "questionnaire", SUUNTIMA, "--lang", "klingon")
    assert proc.returncode == 2 and "klingon" in proc.stderr


def test_output_over_a_model_needs_force_and_never_the_input(tmp_path):
    model = tmp_path / "other.yaml"
    model.write_text((ROOT / SUUNTIMA).read_text(encoding="utf-8"), encoding="utf-8")
    before = model.read_text(encoding="utf-8")
    proc = run("fhir", "questionnaire", SUUNTIMA, "-o", model)
    assert proc.returncode == 1 and "SR520" in proc.stderr and "--force" in proc.stderr
    assert model.read_text(encoding="utf-8") == before
    proc = run("fhir", "questionnaire", SUUNTIMA, "-o", model, "--force")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(model.read_text(encoding="utf-8"))["resourceType"] == "Questionnaire"
    proc = run("fhir", "codesystems", model, "-o", model, "--force")  # its own input: never, --force or not
    assert proc.returncode == 1 and "SR520" in proc.stderr and "also an input" in proc.stderr


def test_usage_errors():
    assert run("fhir", "questionnaire", SUUNTIMA, "--respondent", "record").returncode == 2
    assert run("fhir").returncode == 2
    assert run("decide", SUUNTIMA, "--answers", RESPONSES, "--care-plan").returncode == 2


def test_decide_fhir_prints_the_bundle():
    proc = run("decide", SUUNTIMA, "--fhir", "--care-plan", "--answers", RESPONSES, "--at", "2026-01-15T10:00:00Z")
    assert proc.returncode == 0, proc.stderr
    bundle = json.loads(proc.stdout)
    assert bundle == json.loads((ROOT / "docs" / "fhir" / "helsinki-suuntima.decision.json").read_text(encoding="utf-8"))
    assert [e["resource"]["resourceType"] for e in bundle["entry"]] == ["Observation", "CarePlan", "Provenance"]


def test_decide_fhir_from_stdin_with_an_override():
    text = (ROOT / RESPONSES).read_text(encoding="utf-8")
    proc = run("decide", SUUNTIMA, "--fhir", "--answers", "-", "--override", "verkosto", "--reason", "agreed", stdin=text)
    assert proc.returncode == 0, proc.stderr
    obs = json.loads(proc.stdout)["entry"][0]["resource"]
    assert obs["valueCodeableConcept"]["coding"][0]["code"] == "verkosto"


def test_decide_fhir_names_the_items_at_fault():
    bundle = json.loads((ROOT / RESPONSES).read_text(encoding="utf-8"))
    qr = bundle["entry"][0]["resource"]
    qr["item"][0]["item"][0]["answer"] = [{"valueString": "4"}]
    link_id = qr["item"][0]["item"][0]["linkId"]
    proc = run("decide", SUUNTIMA, "--fhir", "--answers", "-", stdin=json.dumps(bundle))
    assert proc.returncode == 1 and proc.stdout == ""
    assert f"SR934 error: {link_id}: valueString given" in proc.stderr
    err = run_json("decide", SUUNTIMA, "--fhir", "--answers", "-", stdin=json.dumps(bundle), code=1)
    assert {"code": "SR934", "input": link_id} == {k: err["problems"][0][k] for k in ("code", "input")}
    proc = run("decide", SUUNTIMA, "--fhir", "--answers", "-", stdin="[1, 2")
    assert proc.returncode == 1 and "SR511" in proc.stderr
    proc = run("decide", SUUNTIMA, "--fhir", "--answers", "-", stdin='{"resourceType": "Patient"}')
    assert proc.returncode == 1 and "SR930" in proc.stderr


def test_decide_fhir_reads_within_the_limits():
    proc = run("decide", SUUNTIMA, "--fhir", "--answers", "-", stdin="[" + "0," * 600_000 + "0]")
    assert proc.returncode == 1 and "SR307" in proc.stderr
    proc = run("decide", SUUNTIMA, "--fhir", "--answers", "-", stdin="[" * 200 + "]" * 200)
    assert proc.returncode == 1 and "SR308" in proc.stderr


def test_a_lone_surrogate_in_the_responses_is_sr511_not_an_internal_error(tmp_path):
    bundle = json.loads((ROOT / RESPONSES).read_text(encoding="utf-8"))
    qr = bundle["entry"][0]["resource"]
    qr["subject"] = {"reference": "Patient/p", "display": "MARK"}
    qr["item"][0]["item"][0]["linkId"] = "MARK"
    path = tmp_path / "qr.json"
    for mark in ("\\ud800", "\\udc00"):
        path.write_text(json.dumps(bundle, indent=1).replace("MARK", mark), encoding="utf-8")
        proc = run("decide", SUUNTIMA, "--fhir", "--answers", path)
        assert proc.returncode == 1 and proc.stdout == "", proc.stderr
        assert f"{path}:" in proc.stderr and "SR511 error: the answers are not valid JSON: a text holds an escape" in proc.stderr
        err = run_json("decide", SUUNTIMA, "--answers", "-", stdin='{"c_coping": "x' + mark + '"}', code=1)
        assert err["error"]["code"] == "SR511" and err["diagnostics"][0]["column"] == 16, err
    # a pair is one character, and an escaped backslash no escape
    proc = run("decide", SUUNTIMA, "--answers", "-", stdin='{"\\ud83d\\ude00": 1, "x": "\\\\ud800"}')
    assert proc.returncode == 1 and "SR511" not in proc.stderr and "SR301" in proc.stderr


def test_unknown_and_repeated_items_are_named_in_finnish_and_swedish(tmp_path):
    rs = segrules.load(ROOT / SUUNTIMA)
    response = json.loads((ROOT / RESPONSES).read_text(encoding="utf-8"))["entry"][0]["resource"]
    items = response["item"]
    stray = [{"linkId": f"zz{k}", "answer": [{"valueInteger": 1}]} for k in range(22)]
    path = tmp_path / "stray.json"
    path.write_text(json.dumps({**response, "item": items + stray}), encoding="utf-8")
    proc = run("decide", SUUNTIMA, "--fhir", "--answers", path, "--lang", "sv")
    lines = [line for line in proc.stderr.splitlines() if "SR932" in line]
    assert len(lines) == 21 and len(set(lines)) == 21, proc.stderr
    named = [line.split("SR932 fel: ", 1)[1] for line in lines[:-1]]
    assert all(re.fullmatch(rf"zz[0-9]+: ingen post i formuläret för {re.escape(rs.id)} har detta linkId", n) for n in named)
    assert lines[-1].endswith("SR932 fel: (svaren): och 2 poster till som inte är frågor i formuläret")
    twice = tmp_path / "twice.json"
    twice.write_text(json.dumps({**response, "item": items + items}), encoding="utf-8")
    proc = run("decide", SUUNTIMA, "--fhir", "--answers", twice, "--lang", "fi")
    lines = [line for line in proc.stderr.splitlines() if "SR933" in line]
    assert lines and all(line.endswith("useammin kuin kerran") and ": kohta on vastauksessa" in line for line in lines), proc.stderr
