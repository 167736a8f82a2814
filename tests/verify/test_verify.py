"""The verifier against brute force, and its findings against the reference evaluator."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings

import segrules
from segrules.engine import reference
from segrules.errors import AnswerError, EvaluationError
from segrules.testing import small_ruleset_texts
from segrules.verify import Budget, verify
from segrules.verify.brute import answer_sets, outcome_of
from segrules.verify.space import AnswerSpace

from support import ROOT, SHIPPED

QUADRANT = """\
format: 1
id: test.quadrant
version: 1.0.0
title: {fi: t, sv: t, en: t}
scales:
  five:
    values: {1: {fi: a}, 2: {fi: b}, 3: {fi: c}, 4: {fi: d}, 5: {fi: e}}
inputs:
  battery:
    respondent: professional
    type: enum
    values: {a: {fi: a}, b: {fi: b}}
    text: {fi: t}
  c1: {respondent: client, type: scale, scale: five, text: {fi: t}}
  c2: {respondent: client, type: scale, scale: five, text: {fi: t}, optional: true}
  c3: {respondent: client, type: scale, scale: five, text: {fi: t}}
  pa: {respondent: professional, type: scale, scale: five, text: {fi: t}, asked_when: battery = "a"}
  pb: {respondent: professional, type: scale, scale: five, text: {fi: t}, asked_when: battery = "b"}
  visits: {respondent: record, type: integer, min: 0, max: 20, text: {fi: t}}
groups:
  client: [c1, c2, c3]
  prof: [pa, pb]
scores:
  resources: {label: {fi: r}, expr: mean(client)}
  complexity: {label: {fi: c}, expr: "mean(prof) + (if visits > 12 then 1 else 0)"}
axes: {resources: resources, complexity: complexity}
segments:
  omatoimi: {label: {fi: o}, quadrant: {resources: high, complexity: low}, service_use: occasional}
  yhteiso: {label: {fi: y}, quadrant: {resources: low, complexity: low}, service_use: occasional}
  yhteistyo: {label: {fi: t}, quadrant: {resources: high, complexity: high}, service_use: heavy}
  verkosto: {label: {fi: v}, quadrant: {resources: low, complexity: high}, service_use: heavy}
rules:
  - omatoimi when resources >= 3 and complexity < 3
  - yhteiso when resources < 3 and complexity < 3
  - yhteistyo when resources >= 3 and complexity >= 3
  - verkosto when resources < 3 and complexity >= 3
pathways:
"""
for _seg in ("omatoimi", "yhteiso", "yhteistyo", "verkosto"):
    QUADRANT += (
        f"  {_seg}: {{contact: {{fi: x}}, appointments: [{{fi: x}}], coordination: {{fi: x}},"
        " self_care: {fi: x}, reassess_after_months: 12}\n"
    )


def load(text: str, name: str = "model.yaml"):
    return segrules.load_text(text, name)


def statuses(report) -> dict:
    return {c.name: c.status for c in report.checks}


def assert_witnesses_real(rs, report) -> None:
    """Every witness validates and shows its finding under the reference evaluator."""
    d = rs.definition
    for check in report.checks:
        for f in check.findings:
            if f.witness is None or check.name == "examples":
                continue
            try:
                values = reference.validate_answers(d, f.witness)
            except AnswerError:
                assert check.name == "totality"  # an asked_when that cannot be evaluated
                continue
            out = outcome_of(d, {i.id: values.get(i.id) for i in d.inputs})
            segs = set() if isinstance(out, EvaluationError) else (
                {d.rules[out[0]].segment} if d.hit_policy == "first" and out else {d.rules[i].segment for i in out}
            )
            if check.name == "totality":
                assert isinstance(out, EvaluationError) and out.code == f.code
            elif check.name == "completeness":
                assert not isinstance(out, EvaluationError) and not segs
            elif check.name == "exclusivity":
                assert not isinstance(out, EvaluationError) and len(segs) > 1


# --------------------------------------------------------------------------- the shipped rulesets


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_rulesets_are_proven(path):
    report = verify(segrules.load(path))
    assert report.proven, report.format()


def test_structural_equals_enumeration_on_a_quadrant_model():
    rs = load(QUADRANT)
    a, b = verify(rs, method="structural"), verify(rs, method="enumeration")
    assert statuses(a) == statuses(b)
    assert a.proven and a.answer_space_size == b.answer_space_size
    # 2 batteries x (5 x 6 x 5) client x 5 professional x 21 visits
    assert a.answer_space_size == 2 * 150 * 5 * 21


# --------------------------------------------------------------------------- failures, exactly


@pytest.mark.parametrize("method", ["structural", "enumeration"])
def test_gap_on_the_threshold_is_found_with_count_region_and_witness(method):
    rs = load(QUADRANT.replace("omatoimi when resources >= 3", "omatoimi when resources > 3"))
    report = verify(rs, method=method)
    check = report.check("completeness")
    assert check.status == "failed"
    total = sum(f.answer_sets for f in check.findings)
    # exactly the answer sets with resources = 3 and complexity < 3, counted by brute force
    brute = 0
    for values, err in answer_sets(rs.definition):
        out = outcome_of(rs.definition, values)
        brute += not isinstance(out, EvaluationError) and not out
    assert total == brute > 0
    if method == "structural":
        assert "resources = 3" in check.findings[0].region
    witness = check.findings[0].witness
    with pytest.raises(EvaluationError) as exc:
        rs.decide(witness)
    assert exc.value.code == "SR401"
    assert_witnesses_real(rs, report)


def test_overlap_names_both_rules_with_lines():
    rs = load(QUADRANT.replace("verkosto when resources < 3", "verkosto when resources <= 3"))
    check = verify(rs).check("exclusivity")
    assert check.status == "failed"
    finding = check.findings[0]
    assert {r.segment for r in finding.rules} == {"yhteistyo", "verkosto"}
    assert all(r.file == "model.yaml" and r.line for r in finding.rules)
    with pytest.raises(EvaluationError) as exc:
        rs.decide(finding.witness)
    assert exc.value.code == "SR402"


def test_empty_mean_is_a_totality_failure():
    text = QUADRANT.replace("expr: mean(client)", "expr: mean(c2)")
    rs = load(text)
    report = verify(rs)
    check = report.check("totality")
    assert check.status == "failed" and check.findings[0].code == "SR404"
    assert "c2" not in check.findings[0].witness
    assert_witnesses_real(rs, report)


def test_division_by_zero_is_found():
    text = QUADRANT.replace("expr: mean(client)", "expr: c1 / (visits - 3)")
    report = verify(load(text))
    check = report.check("totality")
    assert check.status == "failed"
    assert check.findings[0].code == "SR403" and check.findings[0].witness["visits"] == 3


def test_the_place_of_an_evaluation_error_is_kept_in_every_language():
    text = QUADRANT.replace("expr: mean(client)", "expr: c1 / (visits - 3)")
    report = verify(load(text))
    [finding] = report.check("totality").findings
    place = f"(model.yaml:{text[:text.index('c1 / (visits')].count(chr(10)) + 1}:"
    assert place in finding.message
    for lang in ("en", "fi", "sv"):
        [line] = [x for x in report.format(lang).splitlines() if x.strip().startswith("- SR403")]
        assert line.endswith(finding.message[finding.message.index(place):]), (lang, line)


@pytest.mark.parametrize("message", [
    "SR403: division by zero (m.yaml:12:5)",
    "SR403: division by zero (m.yaml:12:5) (in score complexity)",  # as the SMT prover words it
    "SR401: cannot tell whether input 'pa' is asked: 'battery' is not answered (m.yaml:12:5)",
])
def test_a_finding_keeps_its_place_in_finnish_and_swedish(message):
    from segrules.verify.model import Finding
    from segrules.verify.words import finding_message

    f = Finding(message, code=message[:5])
    for lang in ("fi", "sv"):
        assert finding_message(f, lang).endswith(" (m.yaml:12:5)"), lang


@pytest.mark.parametrize("lang, one", [
    ("fi", "arvioitavuus: 1 erilainen arviointivirhe"),
    ("sv", "utvärderbarhet: 1 slags utvärderingsfel"),
    ("en", "totality: 1 kind(s) of evaluation error"),
])
def test_one_evaluation_error_is_said_in_the_singular(lang, one):
    report = verify(load(QUADRANT.replace("expr: mean(client)", "expr: c1 / (visits - 3)")))
    assert one in report.format(lang)


def test_unused_input_and_unreachable_segment_are_reported():
    text = QUADRANT.replace("(if visits > 12 then 1 else 0)", "(if visits > 100 then 1 else 0)")
    text = text.replace("max: 20", "max: 20\n    ")
    report = verify(load(text))
    assert report.check("inputs_used").status == "failed"
    assert [f.subject for f in report.check("inputs_used").findings] == ["visits"]

    text = QUADRANT.replace("verkosto when resources < 3 and complexity >= 3", "verkosto when resources < 0")
    text = text.replace("yhteiso when resources < 3 and complexity < 3", "yhteiso when resources < 3")
    report = verify(load(text))
    assert report.check("segments_reachable").status == "failed"
    assert report.check("rules_fire").status == "failed"


def test_first_policy_reports_masked_rules():
    text = QUADRANT.replace("version: 1.0.0", "version: 1.0.0\nhit_policy: first")
    text = text.replace(
        "  - omatoimi when resources >= 3 and complexity < 3\n",
        "  - omatoimi when resources >= 3 and complexity < 3\n  - yhteiso when resources >= 4 and complexity < 2\n",
    )
    report = verify(load(text))
    masked = report.check("masked_rules")
    assert masked.status == "failed" and masked.findings[0].subject == "2"
    assert report.check("exclusivity").status == "not_applicable"


def test_battery_counts_as_used():
    report = verify(load(QUADRANT), method="structural")
    assert report.check("inputs_used").status == "passed"


# --------------------------------------------------------------------------- scale


def test_thirty_five_level_questions_are_decided_exactly():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from verify_scaling import ruleset_text
    finally:
        sys.path.pop(0)
    rs = load(ruleset_text(15, 15))
    report = verify(rs, budget=Budget(None))  # decided within the count limits, however busy the machine
    assert report.answer_space_size > 10**20
    assert report.proven and report.method == "structural"
    broken = load(ruleset_text(15, 15).replace("resources >= 3 and complexity < 3", "resources > 3 and complexity < 3"))
    bad = verify(broken, budget=Budget(None))
    assert bad.check("completeness").status == "failed"
    assert_witnesses_real(broken, bad)


def test_budget_exceeded_is_undecided_never_proven(monkeypatch):
    from segrules.verify import Budget, smt

    # the structural method beyond its budget: the proof rests on the SMT prover alone
    report = verify(load(QUADRANT), method="structural", budget=Budget(max_states=3))
    assert report.proven
    assert report.check("completeness").methods == ("smt",)
    assert any("budgets" in n for n in report.notes)
    # and without the SMT prover, nothing is proven
    monkeypatch.setattr(smt, "unavailable_reason", lambda: "z3 is not installed")
    report = verify(load(QUADRANT), method="structural", budget=Budget(max_states=3))
    assert not report.proven
    assert {c.status for c in report.checks if c.name not in ("pathways_labels", "examples")} <= {
        "undecided", "not_applicable"
    }
    assert any("budgets" in n for n in report.notes)


# --------------------------------------------------------------------------- against brute force


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_ruleset_texts())
def test_structural_verdict_equals_brute_force(text):
    rs = load(text)
    assert AnswerSpace(rs.definition).size() <= 20_000
    structural = verify(rs, method="structural")
    brute = verify(rs, method="enumeration")
    s, b = statuses(structural), statuses(brute)
    if "undecided" in s.values():
        # allowed only for the influence check on structures it does not cover
        assert [k for k, v in s.items() if v == "undecided"] == ["inputs_used"]
        s.pop("inputs_used"), b.pop("inputs_used")
    assert s == b, structural.format() + "\n" + brute.format()
    for name in ("completeness", "exclusivity"):
        assert sum(f.answer_sets or 0 for f in structural.check(name).findings) == sum(
            f.answer_sets or 0 for f in brute.check(name).findings
        ) or name == "completeness"
    assert_witnesses_real(rs, structural)
    assert_witnesses_real(rs, brute)


# --------------------------------------------------------------------------- command line


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "segrules", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def test_cli_verify_json_and_exit_codes(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(QUADRANT, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(QUADRANT.replace("omatoimi when resources >= 3", "omatoimi when resources > 3"), encoding="utf-8")
    ok = run("verify", str(good))
    assert ok.returncode == 0 and "PROVEN" in ok.stdout
    out = run("verify", "--json", str(good), str(bad))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    doc = json.loads(out.stdout)
    assert doc["schema"] == "segrules.verify/1" and doc["proven"] is False
    gap = next(c for c in doc["reports"][1]["checks"] if c["name"] == "completeness")
    witness = gap["findings"][0]["witness"]
    answers = tmp_path / "witness.json"
    answers.write_text(json.dumps(witness), encoding="utf-8")
    decided = run("decide", str(bad), "--answers", str(answers))
    assert decided.returncode == 1 and "SR401" in decided.stderr


def test_cli_verify_broken_file_is_reported_not_raised(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: [\n", encoding="utf-8")
    out = run("verify", str(broken))
    assert out.returncode == 1
    assert "Traceback" not in out.stderr and "SR010" in out.stderr
