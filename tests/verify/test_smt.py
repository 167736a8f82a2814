"""The SMT prover: each check proven and failed, every witness reproduced, and the verdict rule."""

from __future__ import annotations

from pathlib import Path

import pytest

import segrules
from segrules.engine import reference
from segrules.errors import AnswerError, EvaluationError
from segrules.verify import Budget, TimeLimit, verify
from segrules.verify import prover as prover_module
from segrules.verify import smt
from segrules.verify.brute import outcome_of
from segrules.verify.prover import prove
from segrules.verify.smt import z3

from support import SHIPPED
from test_verify import assert_witnesses_real

L = "{fi: t, sv: t, en: t}"
PATHWAY = f"{{contact: {L}, appointments: [{L}], coordination: {L}, self_care: {L}, reassess_after_months: 12}}"


def model(inputs: str, scores: str, rules: list[str], *, segments=("a", "b"), hit_policy="unique") -> str:
    """A ruleset text from YAML lines of inputs and scores, and rules as written."""
    lines = [
        "format: 1", "id: test.smt", "version: 1.0.0", f"title: {L}", f"hit_policy: {hit_policy}", "inputs:",
    ]
    lines += ["  " + line for line in inputs.strip().splitlines()]
    if scores.strip():
        lines.append("scores:")
        lines += ["  " + line for line in scores.strip().splitlines()]
    lines.append("segments:")
    for k, s in enumerate(segments):
        lines.append(f"  {s}: {{label: {L}, service_use: {'occasional' if k % 2 == 0 else 'heavy'}}}")
    lines.append("rules:")
    lines += [f"  - '{r}'" for r in rules]
    lines.append("pathways:")
    lines += [f"  {s}: {PATHWAY}" for s in segments]
    return "\n".join(lines) + "\n"


def num(id_: str, lo: int, hi: int, extra: str = "") -> str:
    return f"{id_}: {{respondent: client, type: integer, min: {lo}, max: {hi}, text: {L}{extra}}}"


def score(id_: str, expr: str) -> str:
    return f'{id_}: {{label: {L}, expr: "{expr}"}}'


def load(text: str):
    return segrules.load_text(text, "model.yaml")


def run_ref(rs, answers):
    values = reference.validate_answers(rs.definition, answers)
    return outcome_of(rs.definition, {i.id: values.get(i.id) for i in rs.definition.inputs})


def statuses(result) -> dict:
    return {name: c.status for name, c in result.checks.items()}


# --------------------------------------------------------------------------- shipped rulesets


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.parent.name + "/" + p.name)
def test_shipped_rulesets_are_proven_by_the_smt_prover(path):
    result = prove(segrules.load(str(path)).definition)
    assert set(statuses(result).values()) <= {"passed", "not_applicable"}, statuses(result)
    assert not result.problems
    report = verify(segrules.load(str(path)))
    assert report.proven and "smt" in report.check("completeness").methods


# --------------------------------------------------------------------------- totality


def test_division_between_scores_fails_where_the_denominator_is_zero():
    text = model(
        "\n".join([num("missed", 0, 3), num("booked", 0, 3)]),
        "\n".join([score("rate", "missed / booked")]),
        ["a when 3 * rate < 1", "b when 3 * rate >= 1"],
    )
    rs = load(text)
    result = prove(rs.definition)
    t = result.checks["totality"]
    assert t.status == "failed" and [f.code for f in t.findings] == ["SR403"]
    assert t.findings[0].witness["booked"] == 0
    out = run_ref(rs, t.findings[0].witness)
    assert isinstance(out, EvaluationError) and out.code == "SR403"
    # guarded, the same boundary at exactly one third is decided without rounding
    fixed = text.replace("missed / booked", "if booked = 0 then 0 else missed / booked")
    assert set(statuses(prove(load(fixed).definition)).values()) <= {"passed", "not_applicable"}


def test_a_gap_at_exactly_one_third_is_found():
    text = model(
        "\n".join([num("missed", 0, 3), num("booked", 1, 3)]),
        score("rate", "missed / booked"),
        ["a when 3 * rate < 1", "b when rate > 1 / 3"],
    )
    rs = load(text)
    c = prove(rs.definition).checks["completeness"]
    assert c.status == "failed"
    w = c.findings[0].witness
    assert 3 * w["missed"] == w["booked"]  # rate = 1/3 exactly
    assert run_ref(rs, w) == ()


def test_an_equality_segment_at_one_tenth_is_reached():
    text = model(
        "\n".join([num("missed", 0, 10), num("booked", 1, 10)]),
        score("rate", "missed / booked"),
        ["a when rate = 0.1", "b when rate != 0.1"],
    )
    result = prove(load(text).definition)
    assert result.checks["segments_reachable"].status == "passed"


def test_a_constant_score_that_divides_by_zero_fails_totality():
    text = model(num("x", 0, 2), score("k", "1 / (2 - 2)"), ["a when x >= k", "b when x < k"])
    t = prove(load(text).definition).checks["totality"]
    assert t.status == "failed" and t.findings[0].code == "SR403"


def test_a_score_over_a_control_input_fails_totality():
    text = model(
        "\n".join([
            num("household", 0, 3),
            num("q", 1, 3, ", asked_when: household >= 1"),
        ]),
        score("per_person", "10 / household"),
        ["a when per_person >= 5 or answered(q)", "b when per_person < 5 and not answered(q)"],
    )
    rs = load(text)
    t = prove(rs.definition).checks["totality"]
    assert t.status == "failed" and t.findings[0].code == "SR403"
    assert t.findings[0].witness == {"household": 0}
    assert verify(rs).check("totality").status == "failed"


def test_two_failing_scores_report_both_errors_in_evaluation_order():
    text = model(
        "\n".join([num("a1", 0, 1), num("b1", 0, 1), num("o", 1, 3, ", optional: true")]),
        "\n".join([score("s1", "a1 / b1"), score("s2", "mean(o)")]),
        ["a when s1 + s2 >= 2", "b when s1 + s2 < 2"],
    )
    rs = load(text)
    t = prove(rs.definition).checks["totality"]
    assert sorted(f.code for f in t.findings) == ["SR403", "SR404"]
    for f in t.findings:
        out = run_ref(rs, f.witness)
        assert out.code == f.code
    # where both fail, the first score's error is the one the evaluation meets
    enc = smt.Encoding(rs.definition)
    s = z3.Solver(ctx=enc.ctx)
    s.add(enc.valid, enc.vars["b1"].value == 0, z3.Not(enc.vars["o"].answered))
    assert s.check() == z3.sat
    assert enc.sites[s.model().eval(enc.error).as_long() - 1].code == "SR403"


def test_short_circuit_chains_fail_only_where_the_evaluation_reaches():
    rules = ["a when 0 < x < 10 / y", "b when not (0 < x < 10 / y)"]
    inputs = "\n".join([num("x", 0, 2), num("y", 0, 1)])
    rs = load(model(inputs, "", rules))
    t = prove(rs.definition).checks["totality"]
    assert t.status == "failed" and t.findings[0].witness["x"] > 0 and t.findings[0].witness["y"] == 0
    only_zero = model("\n".join([num("x", 0, 0), num("y", 0, 1)]), "", rules)
    assert prove(load(only_zero).definition).checks["totality"].status == "passed"


def test_unanswered_input_used_directly_and_an_asked_when_that_cannot_be_evaluated():
    text = model(
        "\n".join([
            num("o", 1, 3, ", optional: true"),
            num("f", 1, 3, ", asked_when: o >= 2"),
        ]),
        "",
        ["a when answered(f)", "b when not answered(f)"],
    )
    rs = load(text)
    t = prove(rs.definition).checks["totality"]
    assert t.status == "failed" and t.findings[0].code == "SR405"
    with pytest.raises(AnswerError) as exc:
        reference.validate_answers(rs.definition, t.findings[0].witness)
    assert any(p.code == "SR405" and p.input == "f" for p in exc.value.problems)


@pytest.mark.parametrize("optional", [True, False])
def test_asked_when_conditions_are_asked_together_first_with_the_same_findings(monkeypatch, optional):
    """The asked_when conditions are first put to the solver together: where none can fail,
    one query shows it; where some can, each is asked on its own, and the findings and their
    witnesses are those of asking each on its own from the start."""
    text = model(
        "\n".join([
            num("o", 1, 3, ", optional: true" if optional else ""),
            num("f1", 1, 3, ", asked_when: o >= 2"),
            num("f2", 1, 3, ", asked_when: o >= 3"),
            num("f3", 1, 3, ", asked_when: o = 1"),
        ]),
        "",
        ["a when answered(f1)", "b when not answered(f1)"],
    )
    rs = load(text)
    together = prove(rs.definition)
    monkeypatch.setattr(prover_module.SmtProver, "_none_holds", lambda self, conditions: False)
    alone = prove(rs.definition)
    t, u = together.checks["totality"], alone.checks["totality"]
    assert (t.status, t.findings) == (u.status, u.findings)
    if optional:
        assert t.status == "failed" and t.findings[0].message == "SR405: cannot tell whether input 'f1' is asked"
        assert together.calls == alone.calls + 1  # the query of all of them, then each
    else:
        assert t.status == "passed" and together.calls == alone.calls - 2  # one query instead of three


# --------------------------------------------------------------------------- gaps, overlaps, rules


def test_completeness_and_exclusivity_proven_and_failed():
    inputs = num("x", 1, 5)
    good = prove(load(model(inputs, "", ["a when x < 3", "b when x >= 3"])).definition)
    assert good.checks["completeness"].status == good.checks["exclusivity"].status == "passed"
    rs = load(model(inputs, "", ["a when x < 3", "b when x > 3", "a when x = 5"]))
    gap = prove(rs.definition).checks["completeness"]
    assert gap.status == "failed" and gap.findings[0].witness == {"x": 3}
    rs = load(model(inputs, "", ["a when x <= 3", "b when x >= 3"]))
    over = prove(rs.definition).checks["exclusivity"]
    assert over.status == "failed" and over.findings[0].witness == {"x": 3}
    assert len(run_ref(rs, {"x": 3})) == 2


def test_masked_and_dead_rules_under_first():
    inputs = num("x", 1, 5)
    rs = load(model(inputs, "", ["a when x >= 2", "b when x >= 4", "b otherwise"], hit_policy="first"))
    r = prove(rs.definition)
    assert r.checks["masked_rules"].status == "failed"
    assert r.checks["masked_rules"].subjects == {"2"}
    assert r.checks["rules_fire"].status == "passed"
    rs = load(model(inputs, "", ["b when x >= 4", "a when x >= 2", "b when x > 9", "a otherwise"], hit_policy="first"))
    r = prove(rs.definition)
    assert r.checks["masked_rules"].status == "passed"
    assert r.checks["rules_fire"].status == "failed" and r.checks["rules_fire"].subjects == {"3"}


def test_unreachable_segment_and_unused_input():
    inputs = "\n".join([num("x", 1, 5), num("z", 1, 5)])
    rs = load(model(inputs, "", ["a when x < 3", "b when x >= 3", "c when x > 5"], segments=("a", "b", "c")))
    r = prove(rs.definition)
    assert r.checks["segments_reachable"].subjects == {"c"}
    assert r.checks["inputs_used"].status == "failed" and r.checks["inputs_used"].subjects == {"z"}
    report = verify(rs)
    assert report.check("inputs_used").status == "failed"
    assert set(report.check("inputs_used").methods) >= {"smt"}


def test_a_battery_choice_counts_as_used():
    inputs = "\n".join([
        f"battery: {{respondent: professional, type: enum, values: {{p: {L}, q: {L}}}, text: {L}}}",
        num("pa", 1, 3, ', asked_when: battery = "p"'),
        num("pb", 1, 3, ', asked_when: battery = "q"'),
    ])
    rs = load(model(inputs, score("s", "mean(pa, pb)"), ["a when s >= 3", "b when s < 3"]))
    r = prove(rs.definition)
    assert r.checks["inputs_used"].status == "passed"


def test_aggregates_and_if_match_enumeration():
    inputs = "\n".join([
        num("x", 0, 3, ", optional: true"), num("y", 0, 3, ", optional: true"),
        f"f: {{respondent: client, type: boolean, text: {L}, optional: true}}",
    ])
    scores = "\n".join([
        score("lo", "min(x, y)"), score("hi", "max(x, y, 2)"), score("n", "count(x, y, f)"),
        score("t", "count_true(f, answered(x) and x > 1)"), score("m", "mean(x, y) + sum(2 * 1, x)"),
    ])
    rules = ["a when if f then hi - lo >= 2 else m < 3", "b when not (if f then hi - lo >= 2 else m < 3) and n + t >= 1",
             "a when n + t = 0 and x in (1, 2)"]
    rs = load(model(inputs, scores, rules))
    smt_report = verify(rs, method="smt")
    enum_report = verify(rs, method="enumeration")
    assert {c.name: c.status for c in smt_report.checks} == {c.name: c.status for c in enum_report.checks}
    assert_witnesses_real(rs, smt_report)


# --------------------------------------------------------------------------- budgets and the verdict rule


def test_a_spent_solver_budget_leaves_every_check_undecided_and_names_it():
    rs = load(model(num("x", 1, 5), "", ["a when x < 3", "b when x >= 3"])).definition
    result = prove(rs, budget=Budget(solver=1))
    checks = [c for c in result.checks.values() if c.status != "not_applicable"]
    assert checks and {c.status for c in checks} == {"undecided"}
    assert {c.budget for c in checks} <= {"solver", "solver_call"}
    assert all("rlimit units" in c.summary for c in checks), [c.summary for c in checks]


def test_the_solver_budget_is_counted_in_rlimit_units_not_time():
    """The units a proof uses are the same on every run; a budget just below them is
    undecided at the same query every time."""
    rs = load(model(num("x", 1, 5), "", ["a when x < 3", "b when x >= 3"])).definition
    used = []
    for _ in range(2):
        b = Budget()
        prove(rs, budget=b)
        used.append(b.spent_solver)
    assert used[0] == used[1] > 0
    short = [{k: (c.status, c.summary) for k, c in prove(rs, budget=Budget(solver=used[0] // 2)).checks.items()}
             for _ in range(2)]
    assert short[0] == short[1] and any(s == "undecided" for s, _ in short[0].values())


def test_the_time_limit_stops_the_prover_as_a_whole():
    ticks = iter(range(0, 10**9, 1000))
    b = Budget(1, clock=lambda: next(ticks))
    with pytest.raises(TimeLimit):
        prove(load(model(num("x", 1, 5), "", ["a when x < 3", "b when x >= 3"])).definition, budget=b)
    assert b.stopped


def test_the_prover_and_the_counting_method_must_agree(monkeypatch):
    rs = load(model(num("x", 1, 5), "", ["a when x < 3", "b when x >= 3"]))
    real = prover_module.SmtProver.completeness

    def wrong(self):
        got = real(self)
        return prover_module.SmtCheck("completeness", "failed", "invented", got.findings)

    monkeypatch.setattr(prover_module.SmtProver, "completeness", wrong)
    report = verify(rs, method="structural")
    c = report.check("completeness")
    assert c.status == "undecided" and c.findings[0].code == "SR692" and not report.proven


def test_a_witness_that_does_not_reproduce_is_never_a_verdict(monkeypatch):
    rs = load(model(num("x", 1, 5), "", ["a when x < 3", "b when x > 3"]))
    monkeypatch.setattr(prover_module.SmtProver, "_outcome", lambda self, answers: EvaluationError("x", code="SR403"))
    result = prove(rs.definition)
    assert result.checks["completeness"].status == "undecided"
    assert result.problems


def test_structural_passes_alone_are_not_proofs(monkeypatch):
    rs = load(model(num("x", 0, 9999), "", ["a when x < 3", "b when x >= 3"]))
    monkeypatch.setattr(smt, "unavailable_reason", lambda: "z3 is not installed")
    report = verify(rs, method="structural")
    assert not report.proven
    assert report.check("completeness").status == "undecided"
    assert any(n.startswith("SR620") for n in report.notes)


# --------------------------------------------------------------------------- the encoder API (diff)


def test_two_versions_over_one_answer_space():
    inputs = num("x", 1, 5)
    old = load(model(inputs, "", ["a when x < 3", "b when x >= 3"]))
    new = load(model(inputs, "", ["a when x < 4", "b when x >= 4"]))
    space = smt.AnswerVariables()
    e_old, e_new = smt.Encoding(old.definition, space, name="old."), smt.Encoding(new.definition, space, name="new.")
    s = z3.Solver(ctx=space.ctx)
    s.add(*e_old.definitions, *e_new.definitions, e_old.valid, e_new.valid)
    assert s.check(e_old.decision["b"], e_new.decision["a"]) == z3.sat
    answers = space.decode(s.model(), old.definition.inputs)
    assert answers == {"x": 3}
    assert old.decide(answers).segment.id == "b" and new.decide(answers).segment.id == "a"
    assert s.check(e_old.decision["a"], e_new.decision["b"]) == z3.unsat


# --------------------------------------------------------------------------- the shapes regions write

SHAPES = sorted((Path(__file__).parent / "shapes").glob("*.yaml"))


def _expected(path: Path) -> list[str]:
    line = path.read_text(encoding="utf-8").splitlines()[1]
    assert line.startswith("# expect: "), path
    return line[len("# expect: "):].split()


@pytest.mark.parametrize("path", SHAPES, ids=lambda p: p.stem)
def test_shapes_are_decided_by_the_smt_prover(path):
    rs = segrules.load(str(path))
    result = prove(rs.definition)
    expect = _expected(path)
    got = statuses(result)
    if expect == ["proven"]:
        assert set(got.values()) <= {"passed", "not_applicable"}, got
    else:
        assert expect[0] == "failed"
        failed = expect[1]
        assert got[failed] == "failed", got
        assert {k for k, v in got.items() if v not in ("passed", "not_applicable")} == {failed}
        report = verify(rs, method="smt")
        assert_witnesses_real(rs, report)
    assert not result.problems


def test_a_counting_method_that_contradicts_itself_proves_nothing(monkeypatch):
    from segrules.verify import structure

    rs = load(model(num("x", 0, 9999), "", ["a when x < 3", "b when x >= 3"]))
    real = structure.StructuralVerifier.run

    def miscount(self, tally, plane=None):
        real(self, tally, plane)
        tally.counted += 1

    monkeypatch.setattr(structure.StructuralVerifier, "run", miscount)
    report = verify(rs, method="structural")
    assert not report.proven
    assert report.check("completeness").status == "undecided"
    assert any(n.startswith("SR690") for n in report.notes)


def test_the_report_says_which_methods_decided_each_check():
    import json

    from segrules.verify.html import html_report

    rs = load(model(num("x", 1, 5), "", ["a when x < 3", "b when x >= 3"]))
    report = verify(rs, method="structural")
    assert report.check("completeness").methods == ("smt", "structural")
    assert "(by smt + structural)" in report.format()
    doc = json.loads(json.dumps(report.to_json()))
    assert doc["solver"].startswith("z3 ")
    assert {c["name"]: c["methods"] for c in doc["checks"]}["completeness"] == ["smt", "structural"]
    assert "<td>smt + structural</td>" in html_report([report], [rs])


def test_an_input_one_method_left_undecided_is_no_disagreement():
    from segrules.verify.model import Check, Finding
    from segrules.verify.prover import SmtCheck
    from segrules.verify.verdict import agree

    unused = lambda i: Finding(f"{i} unused", code="SR606", subject=i)  # noqa: E731
    structural = Check("inputs_used", "failed", "", (unused("q1"), Finding("?", code="SR610", subject="flag")))
    smt_says = SmtCheck("inputs_used", "failed", "", (unused("q1"), unused("flag")), frozenset({"q1", "flag"}))
    assert agree("inputs_used", structural, smt_says)
    decided_wrong = Check("inputs_used", "failed", "", (unused("q1"),))
    assert not agree("inputs_used", decided_wrong, smt_says)


def test_a_rule_that_fires_first_somewhere_is_decided():
    # rule 2 holds where rule 1 holds too and fires first only at x = 5: decided, not left open
    rs = load(model(num("x", 1, 5), "", ["a when x <= 4", "b when x >= 1", "a when x = 5 or x < 5"],
                    hit_policy="first"))
    r = prove(rs.definition)
    assert r.checks["masked_rules"].status == "failed" and r.checks["masked_rules"].subjects == {"3"}
    assert not r.checks["masked_rules"].undecided


def test_encoding_a_huge_ruleset_stops_at_the_budget():
    """The encoding itself looks at the budget: a ruleset of 500 inputs cannot keep the prover
    past it before the first solver call."""
    import itertools

    from segrules.verify.budget import Undecided
    from support import mini

    ids = [f"q{k}" for k in range(500)]
    rs = segrules.load_text(mini({i: "scale" for i in ids}, {"m": "mean(" + ", ".join(ids) + ")"},
                                 ["a when m >= 3", "b when m < 3"])).definition
    ticks = itertools.count(0, 1000)  # every look at the clock: 1000 s later
    with pytest.raises(Undecided):
        smt.Encoding(rs, smt.AnswerVariables(), budget=Budget(1, clock=lambda: next(ticks)))
    assert smt.Encoding(rs, smt.AnswerVariables(), budget=Budget(600)).valid is not None
