"""Name resolution and type checking: every error the checker reports, with its place."""

from __future__ import annotations

import pytest

import segrules
from segrules.dsl import ast
from segrules.dsl.check import BOOLEAN, NUMBER, Type, expression_type

from support import BASE, L, at, errors, only_error, variant, where

RESOURCES = "    expr: mean(client_items)\n"
RULE2 = "  - yhteiso   when resources < 3 and complexity < 3\n"


def score_expr(expr: str) -> str:
    return variant(RESOURCES, f"    expr: '{expr}'\n")


def inside(text: str, written: str, needle: str) -> tuple[int, int]:
    """Position of ``needle`` within the (unique) place where ``written`` stands in ``text``."""
    return where(text, written, offset=written.index(needle))


def test_checked_tree_resolves_names():
    rs = segrules.load_text(BASE).definition
    agg = rs.score("resources").expr
    assert isinstance(agg, ast.Aggregate) and agg.func == "mean"
    assert agg.items == (ast.InputRef("c_manage"), ast.InputRef("c_support"))
    assert agg.written == (ast.Name("client_items"),)
    cond = rs.rules[0].condition
    assert cond.operands[0].operands[0] == ast.ScoreRef("resources")
    assert rs.input("p_risk").asked_when == ast.Compare(("=",), (ast.InputRef("battery"), ast.String("risk")))
    assert expression_type(rs, cond) == BOOLEAN
    assert expression_type(rs, ast.ScoreRef("complexity")) == NUMBER
    assert expression_type(rs, ast.InputRef("battery")) == Type("enum", ("illness", "risk"))


def test_scores_are_ordered_by_dependency():
    text = variant(
        "  resources:\n    label: {fi: t, sv: t, en: t}\n    expr: mean(client_items)\n",
        f"  base_plus:\n    label: {L}\n    expr: resources + 1\n"
        "  resources:\n    label: {fi: t, sv: t, en: t}\n    expr: mean(client_items)\n",
    )
    rs = segrules.load_text(text).definition
    ids = [s.id for s in rs.scores]
    assert ids.index("resources") < ids.index("base_plus")


# ----------------------------------------------------------------------------- codes


def test_sr113_input_and_score_share_a_name():
    text = variant("scores:\n", f"scores:\n  visits:\n    label: {L}\n    expr: 1\n")
    d = only_error(text, "SR113")
    assert at(d) == where(text, "  visits:\n    label", offset=2)
    assert f"line {where(text, '  visits:')[0]}" in d.message


def test_sr113_group_lists_an_input_twice():
    text = variant("[p_illness, p_risk]", "[p_illness, p_risk, p_illness]")
    assert at(only_error(text, "SR113")) == where(text, "p_illness]")  # the second listing


def test_sr210_unknown_name_with_suggestion():
    text = score_expr("mean(client_items) + visitz")
    d = only_error(text, "SR210")
    assert at(d) == where(text, "visitz")
    assert "visits" in d.hint


def test_sr210_segment_used_as_a_name():
    text = variant(RULE2, "  - yhteiso   when resources < 3 and complexity < 3 and not omatoimi\n")
    d = only_error(text, "SR210")
    assert at(d) == where(text, "omatoimi\n")
    assert "segment" in d.hint


def test_sr210_unknown_group_member():
    text = variant("[p_illness, p_risk]", "[p_illness, p_risc]")
    assert at(only_error(text, "SR210")) == where(text, "p_risc")


def test_sr210_unknown_group_member_in_a_block_list_is_shown_on_its_own_line():
    text = variant("  complexity_items: [p_illness, p_risk]\n",
                   "  complexity_items:\n    - p_illness\n    # the risk battery\n\n    - p_risc\n")
    d = only_error(text, "SR210")
    assert at(d) == where(text, "p_risc")  # not the group's key, four lines above
    shown = d.format().splitlines()
    assert shown[1].strip() == "- p_risc" and shown[2].index("^") == shown[1].index("p")


@pytest.mark.parametrize(
    "expr, needle",
    [
        ("battery + 1", "battery"),
        ("mean(client_items) + lives_alone", "lives_alone"),
        ("if lives_alone then 1 else true", "if"),
        ("mean(battery)", "battery"),
        ("count_true(c_manage)", "c_manage"),
    ],
)
def test_sr211_type_errors_in_scores(expr, needle):
    text = score_expr(expr)
    assert at(only_error(text, "SR211")) == inside(text, expr, needle)


def test_sr211_score_that_is_a_text():
    text = score_expr('"text"')
    assert at(only_error(text, "SR211")) == where(text, "  resources:\n    label", offset=2)


@pytest.mark.parametrize(
    "rule, needle",
    [
        ("yhteiso when resources", "resources"),
        ("yhteiso when resources < 3 and complexity", "complexity\n"),
        ('yhteiso when battery < "risk"', "battery"),
        ("yhteiso when battery = 3", "3\n"),
        ("yhteiso when lives_alone > 1", "lives_alone"),
    ],
)
def test_sr211_type_errors_in_rules(rule, needle):
    text = variant(RULE2, f"  - {rule}\n")
    assert at(only_error(text, "SR211")) == inside(text, rule + "\n", needle)


@pytest.mark.parametrize(
    "expr, needle",
    [("median(client_items)", "median"), ("answered(client_items)", "answered"), ("answered(1)", "answered"), ("mean()", "mean"), ("count(c_manage + 1)", "+ 1")],
)
def test_sr212_function_problems(expr, needle):
    text = score_expr(expr)
    assert at(only_error(text, "SR212")) == inside(text, expr, needle)


def test_sr212_suggests_a_function():
    d = only_error(score_expr("maen(client_items)"), "SR212")
    assert "mean" in d.hint


def test_sr213_scores_in_a_circle():
    text = variant(RESOURCES, "    expr: mean(client_items) + complexity * 0\n")
    text = variant("    expr: mean(complexity_items) + (if", "    expr: mean(complexity_items) + resources * 0 + (if", text)
    d = only_error(text, "SR213")
    assert "resources → complexity → resources" in d.message or "complexity → resources → complexity" in d.message
    assert at(d) in (where(text, "  resources:\n    label", offset=2), where(text, "  complexity:\n    label", offset=2))


def test_sr213_score_uses_itself():
    text = variant(RESOURCES, "    expr: resources + 1\n")
    assert at(only_error(text, "SR213")) == where(text, "  resources:\n    label", offset=2)


def test_sr213_asked_when_circle():
    text = variant('    asked_when: battery = "illness"\n', "    asked_when: p_risk > 1\n")
    text = variant('    asked_when: battery = "risk"\n', "    asked_when: p_illness > 1\n", text)
    assert only_error(text, "SR213").code == "SR213"


def test_sr213_asked_when_uses_its_own_input():
    text = variant('    asked_when: battery = "illness"\n', "    asked_when: p_illness > 1\n")
    assert at(only_error(text, "SR213")) == where(text, "  p_illness:", offset=2)


@pytest.mark.parametrize(
    "old, new, needle",
    [
        ('    asked_when: battery = "risk"\n', '    asked_when: battery = "riks"\n', '"riks"'),
        (RULE2, '  - yhteiso   when resources < 3 and complexity < 3 and battery != "ilness"\n', '"ilness"'),
        (RULE2, '  - yhteiso   when resources < 3 and complexity < 3 and "x" = battery\n', '"x"'),
    ],
)
def test_sr214_unknown_choice(old, new, needle):
    text = variant(old, new)
    assert at(only_error(text, "SR214")) == where(text, needle)


def test_sr214_suggests_the_choice():
    d = only_error(variant('    asked_when: battery = "risk"\n', '    asked_when: battery = "riks"\n'), "SR214")
    assert "risk" in d.hint


@pytest.mark.parametrize(
    "old, new, needle",
    [
        (RESOURCES, "    expr: client_items\n", "client_items\n"),
        ('    asked_when: battery = "risk"\n', "    asked_when: resources > 3\n", "resources > 3"),
        ('    asked_when: battery = "risk"\n', "    asked_when: mean(client_items) > 3\n", "client_items) > 3"),
    ],
)
def test_sr215_group_or_score_where_it_cannot_be(old, new, needle):
    text = variant(old, new)
    assert at(only_error(text, "SR215")) == where(text, needle)


def test_sr215_group_outside_an_aggregate():
    text = variant(RESOURCES, "    expr: client_items + 1\n")
    d = only_error(text, "SR215")
    assert at(d) == where(text, "client_items + 1")
    assert "mean(client_items)" in d.hint


def test_sr220_rule_names_an_unknown_segment():
    text = variant(RULE2, "  - yhteisö   when resources < 3 and complexity < 3\n")
    errs = errors(text)
    assert [d.code for d in errs] == ["SR221", "SR220"]
    assert at(errs[1]) == where(text, "yhteisö")


def test_sr220_alias_instead_of_id():
    text = variant("  - omatoimi  when", "  - pärjääjä  when")
    d = [d for d in errors(text) if d.code == "SR220"][0]
    assert at(d) == where(text, "pärjääjä  when")
    assert "alias of 'omatoimi'" in d.hint


def test_sr221_segment_without_rule():
    text = variant(RULE2, "")
    d = only_error(text, "SR221")
    assert at(d) == where(text, "  yhteiso:\n    label", offset=2)


def test_sr222_segment_without_pathway_and_pathway_of_unknown_segment():
    text = variant("pathways:\n  omatoimi:\n", "pathways:\n  omatoimi_x:\n")
    errs = errors(text)
    assert sorted((d.code, at(d)) for d in errs) == sorted([
        ("SR222", where(text, "  omatoimi:\n    label", offset=2)),
        ("SR222", where(text, "omatoimi_x")),
    ])


def test_sr223_otherwise_under_unique():
    text = variant(RULE2, RULE2 + "  - yhteiso otherwise\n")
    assert at(only_error(text, "SR223")) == where(text, "yhteiso otherwise")


def test_sr223_otherwise_not_last():
    text = variant("hit_policy: unique", "hit_policy: first")
    text = variant(RULE2, "  - yhteiso otherwise\n" + RULE2, text)
    assert at(only_error(text, "SR223")) == where(text, "yhteiso otherwise")


def test_otherwise_last_under_first_is_fine():
    text = variant("hit_policy: unique", "hit_policy: first")
    last = "  - verkosto  when resources < 3 and complexity >= 3\n"
    text = variant(last, last + "  - yhteiso otherwise\n", text)
    rs = segrules.load_text(text)
    assert rs.definition.rules[-1].is_otherwise


@pytest.mark.parametrize(
    "old, new, needle",
    [
        ("  resources: resources\n", "  resources: resourcez\n", "resources: resourcez"),
        ("    quadrant: {resources: low, complexity: high}\n", "    quadrant: {resources: low, complexity: low}\n", "  verkosto:\n    label"),
    ],
)
def test_sr224_axes_and_quadrants(old, new, needle):
    text = variant(old, new)
    d = only_error(text, "SR224")
    assert at(d) == where(text, needle, offset=2 if needle.startswith("  verkosto") else 0)


def test_quadrant_is_required_with_axes():
    text = variant("    quadrant: {resources: low, complexity: high}\n", "")
    d = only_error(text, "SR101")
    assert "'quadrant'" in d.message and at(d) == where(text, "  verkosto:\n    label", offset=16)


def test_sr224_axis_score_must_be_a_number():
    text = variant(
        "    expr: mean(complexity_items) + (if visits > 12 then 1 else 0)\n",
        "    expr: mean(complexity_items) > 3\n",
    )
    text = text.replace("complexity < 3", "not complexity").replace("complexity >= 3", "complexity")
    d = only_error(text, "SR224")
    assert at(d) == where(text, "  complexity:\n    label", offset=2)


def test_sr230_example_expects_an_unknown_segment():
    text = variant("    expect: omatoimi\n", "    expect: omatoimu\n")
    d = only_error(text, "SR230")
    assert at(d) == where(text, "name: copes well")
    assert "omatoimi" in d.hint


@pytest.mark.parametrize(
    "answers, problem",
    [
        ("{battery: illness, c_manage: 5, c_support: 4, p_illness: 1, visits: 2, visitz: 1}", "SR301"),
        ("{battery: illness, c_manage: 6, c_support: 4, p_illness: 1, visits: 2}", "SR302"),
        ("{battery: illness, c_manage: '5', c_support: 4, p_illness: 1, visits: 2}", "SR303"),
        ("{battery: illness, c_support: 4, p_illness: 1, visits: 2}", "SR304"),
        ("{battery: illness, c_manage: 5, c_support: 4, p_illness: 1, p_risk: 1, visits: 2}", "SR305"),
    ],
)
def test_sr231_example_answers_are_validated(answers, problem):
    text = variant("    answers: {battery: illness, c_manage: 5, c_support: 4, p_illness: 1, visits: 2}\n", f"    answers: {answers}\n")
    d = only_error(text, "SR231")
    assert at(d) == where(text, "name: copes well")
    assert f"({problem})" in d.message


# ----------------------------------------------------------------------------- all at once


def test_three_unrelated_checker_errors_give_three_diagnostics():
    text = score_expr("mean(client_items) + visitz")
    text = variant('    asked_when: battery = "risk"\n', '    asked_when: battery = "riks"\n', text)
    # (a rule that reads a score with an error is not checked further: its errors would follow
    # from the score's, so this rule reads only the other score)
    text = variant(RULE2, "  - yhteiso   when complexity < 3 and lives_alone > 1\n", text)
    errs = errors(text)
    assert [(d.code, at(d)) for d in errs] == [
        ("SR214", where(text, '"riks"')),
        ("SR210", where(text, "visitz")),
        ("SR211", where(text, "lives_alone > 1")),
    ]


def test_errors_inside_one_expression_do_not_hide_other_expressions():
    text = score_expr("visitz + battery")
    text = variant("    expr: mean(complexity_items) + (if visits > 12 then 1 else 0)\n", "    expr: mean(complexity_itemz)\n", text)
    errs = errors(text)
    assert [d.code for d in errs] == ["SR210", "SR210"]
    assert at(errs[0]) == where(text, "visitz")
    assert at(errs[1]) == where(text, "complexity_itemz")


def _score_chain(n: int, reverse: bool = False, circle: bool = False) -> str:
    chain = [f"  k{i}:\n    label: {L}\n    expr: k{i - 1} + 1\n" for i in range(1, n)]
    first = f"  k0:\n    label: {L}\n    expr: {f'k{n - 1} + 1' if circle else '1'}\n"
    body = "".join(reversed(chain)) + first if reverse else first + "".join(chain)
    return variant("scores:\n", "scores:\n" + body)


@pytest.mark.parametrize("reverse", [False, True])
def test_long_score_chains_are_ordered_without_recursion(reverse):
    rs = segrules.load_text(_score_chain(30, reverse)).definition
    ids = [s.id for s in rs.scores]
    assert ids.index("k0") < ids.index("k1") < ids.index("k29")
    # far beyond the limit: one clear error, no crash
    d = only_error(_score_chain(2000, reverse), "SR140")
    assert "32 levels" in d.message


def test_long_circle_of_scores_is_reported_not_a_crash():
    d = only_error(_score_chain(2000, circle=True), "SR213")
    assert "k0 → k1999 → k1998" in d.message


def test_long_chains_of_scores_are_limited():
    from segrules.dsl.check import MAX_CHAIN

    label = "{fi: x, sv: x, en: x}"

    def chain(n):
        lines = ["format: 1", "id: t.chain", "version: 1.0.0", f"title: {label}", "inputs:",
                 f"  c1: {{respondent: client, type: integer, min: 0, max: 5, text: {label}}}", "scores:",
                 f"  s0: {{label: {label}, expr: c1}}"]
        lines += [f"  s{i}: {{label: {label}, expr: s{i - 1} + 1}}" for i in range(1, n)]
        lines += ["segments:", f"  a: {{label: {label}, service_use: occasional}}", "rules:", "  - a when s0 >= 0",
                  "pathways:", f"  a: {{contact: {label}, appointments: [{label}], coordination: {label}, "
                  f"self_care: {label}, reassess_after_months: 12}}"]
        return "\n".join(lines) + "\n"

    segrules.load_text(chain(MAX_CHAIN), "ok.yaml")
    with pytest.raises(segrules.RulesetError) as exc:
        segrules.load_text(chain(MAX_CHAIN + 1), "deep.yaml")
    (d,) = exc.value.errors
    assert d.code == "SR140" and d.span.line == 8 + MAX_CHAIN and "32 levels" in d.message


def test_names_and_types_are_checked_even_when_other_parts_have_problems():
    """One file, one of each mistake: every one is reported, once, at its own place."""
    text = variant("  client_items: [c_manage, c_support]\n", "  client_items:\n    - c_manage\n    - c_suport\n")
    text = variant("  yhteiso:\n    label: {fi: t, sv: t, en: t}", "  yhteiso:\n    label: {fi: Yhteisö, tuki, sv: t, en: t}", text)
    text = variant("  verkosto:\n    label: {fi: t, sv: t, en: t}", "  verkosto:\n    label: {sv: t, en: t}", text)
    text = variant("  - omatoimi  when resources >= 3 and complexity < 3", "  - omatoimi  when (resources >= 3 and complexity < 3", text)
    text = variant("  - yhteiso   when resources < 3 and complexity < 3", "  - yhteiso   when resourcs < 3 and complexity < 3", text)
    text = variant("  - verkosto  when resources < 3 and complexity >= 3", "  - verkosto  when resources < 3 and complexity", text)
    found = [(d.code, at(d)) for d in errors(text)]
    assert found == [
        ("SR210", where(text, "c_suport")),
        ("SR132", where(text, "tuki")),
        ("SR130", where(text, "{sv: t, en: t}")),
        ("SR200", where(text, "complexity < 3\n", offset=len("complexity < 3"))),
        ("SR210", where(text, "resourcs")),
        ("SR211", where(text, "and complexity\n", offset=4)),  # the operand that is no yes/no
    ], [d.format() for d in errors(text)]


def test_a_part_left_out_for_its_own_problem_is_no_unknown_name():
    # the segment, the input and the score with problems of their own are not reported again
    # where they are used (a rule, a pathway, an example, a group, a score, an axis)
    text = variant("  verkosto:\n    label: {fi: t, sv: t, en: t}", "  verkosto:\n    label: {sv: t, en: t}")
    text = variant("  c_support:\n    respondent: client", "  c_support:\n    respondent: patient", text)
    text = variant("    expr: mean(complexity_items) + (if visits > 12 then 1 else 0)",
                   "    expr: mean(complexity_items) + (if visits > 12 then 1 else 0", text)
    assert [d.code for d in errors(text)] == ["SR112", "SR200", "SR130"], [d.format() for d in errors(text)]
