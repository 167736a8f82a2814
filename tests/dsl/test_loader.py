"""Building the ruleset from YAML: every error the loader reports, with its place in the file."""

from __future__ import annotations

import pytest

import segrules
from segrules.dsl import ast

from support import BASE, L, at, errors, only_error, variant, where

C_MANAGE = """\
  c_manage:
    respondent: client
    type: scale
    scale: agree5
"""


def test_base_definition():
    rs = segrules.load_text(BASE).definition
    assert rs.id == "test.base" and rs.version == "1.0.0" and rs.hit_policy == "unique"
    assert [i.id for i in rs.inputs] == ["battery", "c_manage", "c_support", "p_illness", "p_risk", "visits", "lives_alone"]
    assert rs.input("visits").domain == ast.Domain("integer", tuple(range(51)))
    assert rs.input("battery").domain.values == ("illness", "risk")
    assert rs.input("lives_alone").domain.values == (False, True)
    assert rs.input("c_support").optional and not rs.input("c_manage").optional
    assert rs.segment("omatoimi").aliases == ("pärjääjä",)
    assert rs.segment("omatoimi").quadrant == ast.Quadrant("high", "low")
    assert rs.pathway("verkosto").reassess_after_months == 6
    assert rs.examples[0].answer_dict["battery"] == "illness"
    assert rs.axes == ast.Axes("resources", "complexity")
    assert rs.checked and len(rs.content_hash) == 64


# ----------------------------------------------------------------------------- codes


def test_sr100_wrong_kind_of_value():
    text = variant("title: {fi: Testimalli, sv: Testmodell, en: Test model}", "title: Testimalli")
    assert at(only_error(text, "SR100")) == where(text, "Testimalli")


def test_sr100_quoted_number():
    text = variant("    min: 0\n", '    min: "0"\n')
    assert at(only_error(text, "SR100")) == where(text, '"0"')


def test_sr100_list_where_an_expression_belongs():
    text = variant("    expr: mean(client_items)\n", "    expr:\n      - mean(client_items)\n")
    assert at(only_error(text, "SR100")) == where(text, "- mean")


def test_sr101_missing_required_key():
    text = variant(C_MANAGE, "  c_manage:\n    type: scale\n    scale: agree5\n")
    d = only_error(text, "SR101")
    assert "'respondent'" in d.message
    assert at(d) == where(text, "type: scale", nth=0)


def test_sr101_missing_top_level_key():
    text = variant("id: test.base\n", "")
    d = only_error(text, "SR101")
    assert "'id'" in d.message and at(d) == (1, 1)


def test_sr101_no_rules():
    start = BASE.index("rules:\n")
    end = BASE.index("pathways:\n")
    text = BASE[:start] + "rules: []\n" + BASE[end:]
    # four segments without rules as well
    errs = errors(text)
    assert errs[0].code == "SR101" and at(errs[0]) == where(text, "[]")


def test_sr110_unknown_key_with_suggestion():
    text = variant("    optional: true\n    text: {fi: t, sv: t, en: t}\n  p_illness", "    optinal: true\n    text: {fi: t, sv: t, en: t}\n  p_illness")
    d = only_error(text, "SR110")
    assert at(d) == where(text, "optinal")
    assert "optional" in d.hint


def test_sr110_unknown_top_level_key():
    text = variant("hit_policy: unique\n", "hit_policy: unique\ncolour: red\n")
    assert at(only_error(text, "SR110")) == where(text, "colour")


def test_sr110_key_that_does_not_go_with_the_type():
    text = variant("    type: integer\n    min: 0\n", "    type: integer\n    scale: agree5\n    min: 0\n")
    assert at(only_error(text, "SR110")) == where(text, "scale: agree5\n    min")


@pytest.mark.parametrize("bad", ["C_manage", "2manage", "c-manage", "pärjää", "and"])
def test_sr111_invalid_input_id(bad):
    text = variant("  c_manage:\n", f"  {bad}:\n")
    text = text.replace("[c_manage, c_support]", "[c_support]").replace("c_manage: 5, ", "")
    d = only_error(text, "SR111")
    assert at(d) == where(text, f"  {bad}:", offset=2)


def test_sr111_invalid_ruleset_id():
    text = variant("id: test.base", "id: Test.Base")
    assert at(only_error(text, "SR111")) == where(text, "Test.Base")


@pytest.mark.parametrize(
    "old, new, needle",
    [
        ("hit_policy: unique", "hit_policy: uniq", "uniq"),
        ("version: 1.0.0", "version: '1.0'", "'1.0'"),
        ("format: 1", "format: 2", "format: 2"),
        ("    reassess_after_months: 6\n", "    reassess_after_months: 61\n", "61"),
        ("    respondent: record\n", "    respondent: registry\n", "registry"),
        ("  omatoimi:\n    label: {fi: t, sv: t, en: t}\n    aliases: [pärjääjä]\n    quadrant: {resources: high",
         "  omatoimi:\n    label: {fi: t, sv: t, en: t}\n    aliases: [pärjääjä]\n    quadrant: {resources: hi", "hi,"),
    ],
)
def test_sr112_value_not_allowed(old, new, needle):
    text = variant(old, new)
    assert at(only_error(text, "SR112")) == where(text, needle, offset=8 if needle.startswith("format") else 0)


def test_sr120_unknown_scale():
    text = variant(C_MANAGE, C_MANAGE.replace("scale: agree5", "scale: agree7"))
    d = only_error(text, "SR120")
    assert at(d) == where(text, "agree7")
    assert "agree5" in d.hint


@pytest.mark.parametrize(
    "old, new, needle",
    [
        ("    min: 0\n    max: 50\n", "    min: 0\n    max: -1\n", "-1"),
        ("      2: {fi: t, sv: t, en: t}\n      3:", "      3: {fi: t, sv: t, en: t}\n      3x:", None),
        ("    min: 0\n    max: 50\n", "    min: 0\n    max: 20000\n", "20000"),
    ],
)
def test_sr121_bad_domain(old, new, needle):
    text = variant(old, new)
    errs = errors(text)
    assert "SR121" in [d.code for d in errs]
    if needle:
        assert at(next(d for d in errs if d.code == "SR121")) == where(text, needle)


def test_sr121_scale_values_out_of_order():
    text = variant("      2: {fi: t, sv: t, en: t}\n      3: {fi: t, sv: t, en: t}\n", "      3: {fi: t, sv: t, en: t}\n      2: {fi: t, sv: t, en: t}\n")
    d = only_error(text, "SR121")
    assert at(d) == where(text, "      2:", offset=6)


def test_sr121_empty_group():
    text = variant("  complexity_items: [p_illness, p_risk]\n", "  complexity_items: [p_illness, p_risk]\n  nothing: []\n")
    assert at(only_error(text, "SR121")) == where(text, "nothing")


def test_sr130_no_finnish_label():
    text = variant("title: {fi: Testimalli, sv: Testmodell, en: Test model}", "title: {sv: Testmodell, en: Test model}")
    assert at(only_error(text, "SR130")) == where(text, "{sv: Testmodell")


def test_sr130_empty_label():
    text = variant("title: {fi: Testimalli,", 'title: {fi: " ",')
    assert at(only_error(text, "SR130")) == where(text, '" "')


def test_sr131_missing_language_is_a_warning():
    text = variant("title: {fi: Testimalli, sv: Testmodell, en: Test model}", "title: {fi: Testimalli, en: Test model}")
    rs = segrules.load_text(text, "t.yaml")
    (w,) = rs.warnings
    assert (w.code, w.severity, at(w)) == ("SR131", "warning", where(text, "{fi: Testimalli"))
    assert "sv" in w.message


def test_sr132_unknown_language():
    text = variant("title: {fi: Testimalli, sv: Testmodell, en: Test model}", "title: {fi: Testimalli, sv: Testmodell, en: Test model, de: Testmodell}")
    assert at(only_error(text, "SR132")) == where(text, "de:")


def test_sr140_too_many_inputs():
    many = "".join(f"  extra{i}:\n    respondent: client\n    type: boolean\n    text: {L}\n" for i in range(500))
    text = variant("inputs:\n", "inputs:\n" + many)
    d = only_error(text, "SR140")
    assert at(d) == where(text, "  extra0", offset=2)


def test_sr140_too_many_enum_values():
    values = "".join(f"      v{i}: {L}\n" for i in range(201))
    text = variant("      illness: {fi: t, sv: t, en: t}\n      risk: {fi: t, sv: t, en: t}\n", values)
    assert at(only_error(text, "SR140")) == where(text, "v0:")


def test_sr200_syntax_error_in_a_rule():
    text = variant("  - verkosto  when resources < 3 and complexity >= 3", "  - verkosto  when resources < 3 and complexity => 3")
    d = only_error(text, "SR200")
    assert at(d) == where(text, "> 3")  # the '>' that cannot follow '='

    assert d.message.startswith("in rule 4:")


def test_sr201_expression_too_long():
    text = variant("    expr: mean(client_items)\n", "    expr: " + " + ".join(["c_manage"] * 400) + "\n")
    assert only_error(text, "SR201").span.line == where(text, "c_manage + c_manage")[0]


def test_expression_given_as_a_number_or_boolean():
    text = variant("    expr: mean(client_items)\n", "    expr: 3\n")
    rs = segrules.load_text(text)
    assert rs.definition.score("resources").expr == ast.Number(3)


# ----------------------------------------------------------------------------- all at once


def test_all_problems_of_a_file_are_reported_together():
    text = variant("hit_policy: unique", "hit_policy: uniq")
    text = variant(C_MANAGE, C_MANAGE.replace("scale: agree5", "scale: agree7"), text)
    text = variant("    reassess_after_months: 6\n", "    reassess_after_months: 0\n    colour: red\n", text)
    errs = errors(text)
    assert [(d.code, at(d)) for d in errs] == [
        ("SR112", where(text, "uniq")),
        ("SR120", where(text, "agree7")),
        ("SR112", where(text, "months: 0", offset=8)),
        ("SR110", where(text, "colour")),
    ]
    with pytest.raises(segrules.RulesetError) as info:
        segrules.load_text(text)
    assert "(and 3 more problems)" in str(info.value)
    assert len(info.value.format().split("SR1")) == 5


def test_three_unrelated_errors_give_three_diagnostics():
    text = variant("id: test.base", "id: Test")
    text = variant("    min: 0\n", "    min: zero\n", text)
    text = variant("  complexity_items: [p_illness, p_risk]\n", "  complexity_items: [p_illness, p_risk]\n  nothing: []\n", text)
    assert [d.code for d in errors(text)] == ["SR111", "SR100", "SR121"]


def test_a_language_without_a_space_after_its_colon_is_said_to_be_one():
    """``{fi: Hyvä, sv:Bra}``: YAML reads ``sv:Bra`` as one word, a key with no value; the hint
    is the space, not quotes around a comma (which would put Swedish inside the Finnish text)."""
    text = variant("title: {fi: Testimalli, sv: Testmodell, en: Test model}",
                   "title: {fi: Testimalli, sv:Testmodell, en: Test model}")
    d = next(d for d in errors(text) if d.code == "SR132")
    assert at(d) == where(text, "sv:Testmodell")
    assert d.hint == "write a space after the ':' (sv: Testmodell)"
    assert "välilyönti" in d.format("fi") and "mellanslag" in d.format("sv")
