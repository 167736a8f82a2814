"""Reading ruleset files: safe YAML, positions, and what a ruleset file must not hold."""

from __future__ import annotations

import pytest

import segrules
from segrules.errors import RulesetError
from segrules.source import MAX_FILE_BYTES, content_hash, decode_source, parse_yaml, to_data

from support import BASE, at, errors, only_error, problems, variant, where


def test_base_ruleset_loads_without_warnings():
    rs = segrules.load_text(BASE, "t.yaml")
    assert rs.warnings == ()
    assert all(r.passed for r in rs.run_examples())


# ----------------------------------------------------------------------------- YAML hazards


def test_duplicate_key_is_reported_at_the_second_key():
    text = variant("  visits:\n", "  c_manage:\n    respondent: client\n  visits:\n")
    d = only_error(text, "SR011")
    assert at(d) == where(text, "c_manage:", nth=1)
    assert f"line {where(text, 'c_manage:')[0]}" in d.message


def test_duplicate_keys_are_all_reported():
    text = variant("format: 1\n", "format: 1\nformat: 1\n")
    text = variant("    min: 0\n", "    min: 0\n    min: 1\n", text)
    errs = errors(text)
    assert [(d.code, at(d)) for d in errs] == [
        ("SR011", where(text, "format", nth=1)),
        ("SR011", where(text, "min: 1")),
    ]


def test_a_key_given_twice_hides_no_other_problem_of_the_file():
    """The YAML is read on after a key given twice (its first value kept), a tag, a yes/no
    word or an ambiguous number, so that a model owner sees the file's other problems at the
    same time; the checks do not report those places a second time."""
    text = variant("format: 1\n", "format: 1\nformat: 1\n")
    text = variant("  - verkosto  when resources < 3 and complexity >= 3",
                   "  - verkosto  when resources < 3 and complexty >= 3", text)
    text = variant("    optional: true\n", "    optional: yes\n", text, count=2)
    errs = errors(text)
    assert [d.code for d in errs] == ["SR011", "SR013", "SR013", "SR210"], [d.format() for d in errs]
    assert at(errs[-1]) == where(text, "complexty")


def test_anchor_and_alias_are_rejected_where_written():
    text = variant("title: {", "title: &t {")
    text = variant("hit_policy: unique", "hit_policy: unique\nprovenance: *t", text)
    errs = errors(text)
    assert [(d.code, at(d)) for d in errs] == [("SR012", where(text, "&t")), ("SR012", where(text, "*t"))]


def test_anchor_on_a_block_mapping():
    text = variant("  lives_alone:\n", "  lives_alone: &al\n")
    assert at(only_error(text, "SR012")) == where(text, "&al")


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "No", "YES", "True"])
def test_yaml_11_booleans_as_text_are_rejected(word):
    text = variant("      illness: {L}".replace("{L}", "{fi: t, sv: t, en: t}"), f"      illness: {{fi: {word}, sv: t, en: t}}")
    d = only_error(text, "SR013")
    assert at(d) == where(text, f"fi: {word}", offset=4)
    assert "quotes" in (d.hint or "")


def test_yes_as_a_boolean_value_is_rejected():
    text = variant("    optional: true\n    text: {fi: t, sv: t, en: t}\n  p_illness", "    optional: yes\n    text: {fi: t, sv: t, en: t}\n  p_illness")
    assert at(only_error(text, "SR013")) == where(text, "yes")


def test_quoted_no_is_text():
    text = variant("      illness: {fi: t, sv: t, en: t}", '      illness: {fi: "no", sv: t, en: t}')
    segrules.load_text(text)


@pytest.mark.parametrize("tag", ["!semver", "!!python/object:os.system", "!!binary", "!!set"])
def test_tags_are_rejected(tag):
    text = variant("version: 1.0.0", f"version: {tag} 1.0.0")
    errs = errors(text)
    assert errs[0].code == "SR014" and at(errs[0]) == where(text, tag)


@pytest.mark.parametrize("tag", ["!!str", "!!bool", "!!int", "!!float", "!!null", "!"])
def test_core_tags_are_rejected_too(tag):
    # SR014 refuses every tag: !!str 1.0.0 reads as the text a plain 1.0.0 is, but is still a tag
    text = variant("version: 1.0.0", f"version: {tag} 1.0.0")
    d = only_error(text, "SR014")
    assert at(d) == where(text, tag) and repr(tag) in d.message


@pytest.mark.parametrize(
    "old, new, tag",
    [
        ("hit_policy: unique", "!!str hit_policy: unique", "!!str"),  # on a key
        ("title: {", "title: !!map {", "!!map"),  # on a flow mapping
        ("  visits:\n", "  visits: !!map\n", "!!map"),  # on a block mapping
    ],
)
def test_tags_on_keys_and_collections_are_rejected_once_where_written(old, new, tag):
    text = variant(old, new)
    errs = [d for d in errors(text) if d.code == "SR014"]
    assert [at(d) for d in errs] == [where(text, tag)]


@pytest.mark.parametrize(
    "text, needle, hint",
    [
        ("format: 1\nid: a: b\n", ": b", "quoted"),
        ("format: 1\ninputs:\n\t- b\n", "\t", "tab"),
        ("format: 1\naliases: [a, b\nid: x\n", ": x", None),
        ('format: 1\nid: "x\n', None, None),
    ],
)
def test_malformed_yaml_has_a_position(text, needle, hint):
    d = only_error(text, "SR010")
    if needle is not None:
        assert at(d) == where(text, needle)
    else:
        assert d.span is not None and d.span.line >= 2
    if hint:
        assert hint in d.hint


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(text):
    d = only_error(text, "SR100")
    assert "empty" in d.message and at(d) == (1, 1)


@pytest.mark.parametrize("text", ["hello\n", "- a\n- b\n", "42\n", "---\n"])
def test_file_that_is_not_a_mapping(text):
    only_error(text, "SR100")


def test_deeply_nested_yaml():
    text = "a:\n" + "".join("  " * i + f"b{i}:\n" for i in range(1, 60))
    errs = errors(text)
    assert {d.code for d in errs} == {"SR140"}
    assert at(errs[0]) == where(text, "b40")


def test_very_deeply_nested_flow_yaml_is_a_diagnostic_not_a_crash():
    # PyYAML composes recursively; thousands of levels must not escape as RecursionError
    assert only_error("[" * 5000 + "]" * 5000, "SR140").code == "SR140"


@pytest.mark.parametrize("value", ["1__0.5", "1:20.5", "1_.5", ".5_", "190:20:30", "0x_"])
def test_odd_yaml_numbers_do_not_crash(value):
    # YAML 1.1 resolves these as numbers, but Python cannot read all of them
    text = variant("    reassess_after_months: 6\n", f"    reassess_after_months: {value}\n")
    assert errors(text)[0].code == "SR015"


@pytest.mark.parametrize(
    "value, meant",
    [("010", "8"), ("0x18", "24"), ("0b11000", "24"), ("2_4", "24"), ("0o30", "24"), ("1:20", "80"),
     ("-010", "-8"), ("1e3", "1000.0"), ("1_000.5", "1000.5")],
)
def test_numbers_yaml_versions_read_differently_are_refused_where_written(value, meant):
    text = variant("    reassess_after_months: 6\n", f"    reassess_after_months: {value}\n")
    d = only_error(text, "SR015")
    assert at(d) == where(text, value)
    assert f"e.g. {meant}" in d.hint and f'"{value}" in quotes' in d.hint


@pytest.mark.parametrize("value", ["0", "7", "+7", "-3", "0.5", "10.25", '"010"', "'0x18'", "v1:20"])
def test_plain_numbers_and_quoted_text_are_not_ambiguous(value):
    from segrules.source import decode_source, parse_yaml

    # read as YAML only: the value may be wrong for the field, but it is never ambiguous
    parse_yaml(decode_source(f"a: {value}\n".encode(), "t.yaml"))


def test_flow_nesting_is_capped_before_any_yaml_parser_runs():
    # 10^5 levels: the pure-Python parser would take minutes (quadratic) and libyaml stops at
    # its own limit in its own words; the cap is checked first, so both report the same
    text = "a: " + "[" * 100_000 + "]" * 100_000 + "\n"
    d = only_error(text, "SR140")
    assert at(d) == (1, 4 + 40)


def test_brackets_in_quotes_comments_and_plain_text_are_not_nesting():
    from segrules.source import _flow_nesting_error

    assert _flow_nesting_error('a: "' + "[" * 50 + '"\n') is None
    assert _flow_nesting_error("a: '" + "{" * 50 + "'\n") is None
    assert _flow_nesting_error("# " + "[" * 50 + "\nb: 1\n") is None
    assert _flow_nesting_error("".join(f"t{i}: see [{i}\n" for i in range(60))) is None
    assert _flow_nesting_error("a: " + "[" * 41) == 3 + 40


@pytest.mark.parametrize("escape", ["\\ud800", "\\uDFFF", "\\U0000d83d"])
def test_a_lone_surrogate_escape_is_a_yaml_error_where_written(escape):
    text = variant("format: 1\n", f'format: 1\n"k{escape}": 1\n')
    d = only_error(text, "SR010")
    assert at(d) == where(text, escape) and "lone surrogate" in d.message and escape in d.message
    text = BASE.replace("en: Test model}", f'en: "Test {escape}"}}', 1)
    d = only_error(text, "SR010")
    assert at(d) == where(text, escape)


def test_an_escaped_backslash_before_u_is_text():
    rs = segrules.load_text(BASE.replace("en: Test model}", 'en: "a\\\\ud800"}', 1))
    assert rs.definition.title.get("en") == "a\\ud800"


def test_mapping_key_must_be_a_word():
    text = variant("format: 1\n", "format: 1\n? [a, b]\n: c\n")
    assert at(only_error(text, "SR100")) == where(text, "[a, b]")


# ----------------------------------------------------------------------------- files


def test_file_too_large(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(BASE.encode() + b"#" * (MAX_FILE_BYTES + 1 - len(BASE.encode())))
    with pytest.raises(RulesetError) as info:
        segrules.load(path)
    assert info.value.code == "SR002"
    assert info.value.diagnostics[0].span.line == 1


def test_text_too_large():
    with pytest.raises(RulesetError) as info:
        segrules.load_text("#" * (MAX_FILE_BYTES + 1))
    assert info.value.code == "SR002"


def test_file_at_the_size_limit_is_read(tmp_path):
    path = tmp_path / "full.yaml"
    path.write_bytes(BASE.encode() + b"#" * (MAX_FILE_BYTES - len(BASE.encode())))
    assert segrules.load(path).id == "test.base"


def test_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(BASE.replace("pärjääjä", "PLACE").encode().replace(b"PLACE", "pärjääjä".encode("latin-1")))
    with pytest.raises(RulesetError) as info:
        segrules.load(path)
    d = info.value.diagnostics[0]
    assert d.code == "SR003"
    assert d.span.line == where(BASE, "pärjääjä")[0]
    assert "UTF-8" in d.hint


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.encode())
    assert segrules.load(path).content_hash == segrules.load_text(BASE).content_hash


def test_missing_file_and_folder(tmp_path):
    for path in (tmp_path / "nope.yaml", tmp_path):
        with pytest.raises(RulesetError) as info:
            segrules.load(path)
        assert info.value.code == "SR001"


def test_file_name_is_in_positions(tmp_path):
    path = tmp_path / "named.yaml"
    path.write_text(variant("format: 1\n", "format: 1\nformat: 1\n"), encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        segrules.load(path)
    assert info.value.diagnostics[0].span.file == str(path)
    assert str(path) in info.value.format()


# ----------------------------------------------------------------------------- DSL positions
#
# A problem inside a rule-language string must point at its place in the file, whatever the
# YAML style of the string. Each case plants an unknown name (or a syntax error) at a known place.


def _expr(style: str, body: str) -> str:
    return variant("    expr: mean(client_items)\n", style.replace("BODY", body))


STYLES = {
    "plain": "    expr: BODY\n",
    "double": '    expr: "BODY"\n',
    "single": "    expr: 'BODY'\n",
    "literal": "    expr: |\n      BODY\n",
    "literal_strip": "    expr: |-\n      BODY\n",
    "literal_comment": "    expr: |  # BODY in a comment\n      BODY\n",
    "literal_indent": "    expr: |2\n        BODY\n",
    "folded": "    expr: >\n      BODY\n",
    "folded_keep": "    expr: >+\n      BODY\n\n",
}


@pytest.mark.parametrize("style", STYLES)
def test_unknown_name_position_in_each_scalar_style(style):
    text = _expr(STYLES[style], "1 + mean(client_itemz)")
    d = only_error(text, "SR210")
    assert at(d) == where(text, "client_itemz", nth=text.count("client_itemz") - 1)


@pytest.mark.parametrize("style", STYLES)
def test_syntax_error_position_in_each_scalar_style(style):
    text = _expr(STYLES[style], "mean(client_items) == 3")
    d = only_error(text, "SR200")
    assert at(d) == where(text, "== 3", nth=text.count("== 3") - 1)


@pytest.mark.parametrize(
    "expr, needle",
    [
        # plain multi-line scalar: the YAML value is one line, the file has three
        ("    expr: mean(client_items)\n      + mean(complexity_items)\n      + visitz\n", "visitz"),
        # folded, several lines, the name on the third
        ("    expr: >-\n      mean(client_items)\n      + mean(complexity_items)\n      + visitz\n", "visitz"),
        # literal, several lines, more indentation inside
        ("    expr: |\n      mean(client_items)\n        + (if visits > 12\n             then visitz else 0)\n", "visitz"),
        # double-quoted over lines, with an escape before the name
        ('    expr: "mean(client_items)\\t+\n      visitz"\n', "visitz"),
        # single-quoted over lines
        ("    expr: 'mean(client_items) +\n      visitz'\n", "visitz"),
    ],
)
def test_positions_in_multiline_scalars(expr, needle):
    text = variant("    expr: mean(client_items)\n", expr)
    d = only_error(text, "SR210")
    assert at(d) == where(text, needle)


def test_position_of_a_rule_token():
    text = variant("  - yhteiso   when resources < 3", "  - yhteiso   when resources < 3 and visitz > 1")
    assert at(only_error(text, "SR210")) == where(text, "visitz")


def test_position_of_an_asked_when_token():
    text = variant('    asked_when: battery = "risk"', '    asked_when: batery = "risk"')
    assert at(only_error(text, "SR210")) == where(text, "batery")


def test_position_of_the_end_of_an_expression():
    text = variant("    expr: mean(client_items)\n", "    expr: >\n      mean(client_items) +\n")
    d = only_error(text, "SR200")
    line, column = at(d)
    assert line == where(text, "mean(client_items) +")[0]
    assert column >= where(text, "+\n")[1]


# ----------------------------------------------------------------------------- data and hash


def test_to_data_and_hash_ignore_layout():
    a = parse_yaml(decode_source(b"b: [1, 2]\na: {x: 1.50}\n", "a"))
    b = parse_yaml(decode_source(b"# comment\na:\n  x: 1.50\nb:\n  - 1\n  - 2\n", "b"))
    assert to_data(a) == to_data(b) == {"a": {"x": "1.50"}, "b": [1, 2]}
    assert content_hash(a) == content_hash(b)


def test_problems_helper_sees_warnings_too():
    text = variant("title: {fi: Testimalli, sv: Testmodell, en: Test model}", "title: {fi: Testimalli}")
    rs = segrules.load_text(text)
    assert [w.code for w in rs.warnings] == ["SR131", "SR131"]
    assert all(not w.is_error for w in rs.warnings)
    assert problems("")[0].code == "SR100"


def test_every_line_that_starts_with_a_tab_is_reported_at_once():
    # YAML stops at its first error; a tab at the start of a line is always one, so each is shown
    text = variant("    respondent: professional\n    type: enum\n", "    respondent: professional\n\ttype: enum\n")
    text = variant("  c_manage:\n    respondent: client\n", "  c_manage:\n\trespondent: client\n", text)
    text = variant("hit_policy: unique\n", "hit_policy: [unique\n", text)  # and another mistake
    found = [(d.code, at(d)) for d in errors(text)]
    assert ("SR010", where(text, "\ttype")) in found and ("SR010", where(text, "\trespondent")) in found
    assert all(code == "SR010" for code, _ in found) and len(found) >= 2


def test_a_quote_left_open_is_found_where_it_opened_not_where_the_parser_gave_up():
    """An unclosed quote runs on over the lines below, as YAML allows, to the next quote: the
    parser gives up there, lines later, in its own words. The place to mend is the quote."""
    text = variant("    expr: mean(client_items)\n", "    expr: 'mean(client_items)\n")
    text = variant("  - omatoimi  when resources >= 3 and complexity < 3\n",
                   "  - 'omatoimi  when resources >= 3 and complexity < 3'\n", text)
    d = only_error(text, "SR010")
    assert at(d) == where(text, "'mean")
    assert d.message.startswith(f"YAML syntax error: the text in quotes opened at line {at(d)[0]}, column")
    assert f"runs on to the ' at line {where(text, chr(39) + 'omatoimi')[0]}" in d.message
    assert d.hint == f"close the text with ' on line {at(d)[0]}"
    for lang in ("fi", "sv"):
        assert "mean" not in d.format(lang).splitlines()[0] and f"{at(d)[0]}" in d.format(lang)


def test_a_text_in_quotes_over_several_lines_is_not_blamed_for_a_mistake_after_it():
    """A quoted text may run over lines on purpose; a mistake further on is not put on it,
    nor one on the line right after it."""
    for after in ("    label: {fi: t, sv: t, en: t}\n", "      label: {fi: t, sv: t, en: t}\n"):
        text = variant("    label: {fi: t, sv: t, en: t}\n    expr: mean(client_items)\n",
                       "    expr: 'mean(\n      client_items)'\n" + after)
        text = variant("rules:\n", "rules: [\n", text)
        d = only_error(text, "SR010")
        assert "the text in quotes" not in d.message, d.format()


def test_a_key_indented_under_a_value_gets_the_indentation_hint():
    """``type: scale`` then ``  scale: agree5`` indented deeper: YAML reads the second line as
    more of the value ``scale``, and its colon as out of place; quoting is not the fix."""
    text = variant("  c_manage:\n    respondent: client\n    type: scale\n    scale: agree5\n",
                   "  c_manage:\n    respondent: client\n    type: scale\n      scale: agree5\n")
    d = only_error(text, "SR010")
    line = where(text, "      scale: agree5")[0]
    assert at(d)[0] == line
    assert d.hint == (f"line {line} is indented more than line {line - 1}, so YAML reads it as part of that line's "
                      "value: indent it as far as the key above it")
    assert "vihje: rivi" in d.format("fi") and "tips: rad" in d.format("sv")
    d = only_error("format: 1\nid: a: b\n", "SR010")  # a value with ': ' in it: quoting is the fix
    assert "quoted" in d.hint


def test_a_quote_never_closed_is_found_where_it_opened():
    text = variant("  - omatoimi  when resources >= 3 and complexity < 3\n",
                   '  - "omatoimi  when resources >= 3 and complexity < 3\n')
    d = only_error(text, "SR010")
    assert at(d) == where(text, '"omatoimi')
    assert d.message == f"YAML syntax error: the text in quotes opened at line {at(d)[0]}, column 5 is never closed"
    assert d.hint == f'close the text with " on line {at(d)[0]}'


def test_a_quote_left_open_inside_braces_is_the_quote_not_the_braces():
    """An open quote in ``{fi: "...}`` runs on to the next quote far below; the braces, closed
    on their line, are not what to mend."""
    text = variant("    label: {fi: t, sv: t, en: t}\n    expr: mean(client_items)\n",
                   '    label: {fi: "t, sv: t, en: t}\n    expr: mean(client_items)\n')
    text = variant("  - omatoimi  when resources >= 3 and complexity < 3\n",
                   '  - "omatoimi  when resources >= 3 and complexity < 3"\n', text)
    d = only_error(text, "SR010")
    assert at(d) == where(text, '"t, sv')
    assert "is not closed on its line" in d.message and d.hint.startswith('close the text with "')


@pytest.mark.parametrize("old, new, hint", [
    ("  c_manage:\n    respondent: client\n    type: scale\n",  # a key indented one space too little
     "  c_manage:\n   respondent: client\n    type: scale\n",
     "lines {above} and {line} are indented differently; the keys of one block start in the same column"),
    ("  c_manage:\n    respondent: client\n    type: scale\n",  # no space after a colon
     "  c_manage:\n    respondent: client\n    type:scale\n",
     "write a space after the ':' on line {line} (type: scale)"),  # placed at that colon
    ("  - yhteiso   when resources < 3 and complexity < 3\n",  # a list item out of its list
     "- yhteiso   when resources < 3 and complexity < 3\n",
     "line {line} is indented differently from the keys or list items ('- ') it belongs with; those of one block "
     "start in the same column"),
])
def test_indentation_and_colon_mistakes_get_a_hint_that_mends_them(old, new, hint):
    text = variant(old, new)
    d = only_error(text, "SR010")
    line = at(d)[0]
    assert d.hint == hint.format(line=line, above=line - 1), d.format()
    for lang in ("fi", "sv"):
        said = d.format(lang)
        assert "<block" not in said and "<scalar>" not in said and ("vihje" in said or "tips" in said), said


def test_a_quoted_text_over_two_lines_with_a_mistake_after_it_is_not_blamed():
    """A label in quotes over two lines on purpose, then stray text after its closing quote:
    the mistake is the stray text, where the parser found it, with no hint about quotes."""
    text = variant("    label: {fi: t, sv: t, en: t}\n    expr: mean(client_items)\n",
                   '    label: "a text that goes on\n      over two lines" extra\n    expr: mean(client_items)\n')
    d = only_error(text, "SR010")
    assert at(d)[0] == where(text, "extra")[0] and "the text in quotes" not in d.message, d.format()
    assert d.hint is None or "close the text" not in d.hint


def test_a_key_and_value_without_a_space_is_placed_at_its_colon():
    """``type:scale`` is one word to YAML, which notices only on a later line (or past the end
    of the file): the place given is the colon itself."""
    text = variant("    type: scale\n    scale: agree5\n    text: {fi: t, sv: t, en: t}\n  c_support:",
                   "    type:scale\n    scale: agree5\n    text: {fi: t, sv: t, en: t}\n  c_support:")
    assert at(only_error(text, "SR010")) == where(text, ":scale")
    text = BASE.rstrip("\n") + "\n"  # on the last line: YAML notices past the end of the file
    assert text.endswith("    expect: omatoimi\n")
    text = text[: -len("    expect: omatoimi\n")] + "    expect:omatoimi\n"
    d = only_error(text, "SR010")
    assert at(d) == where(text, ":omatoimi") and d.hint == f"write a space after the ':' on line {at(d)[0]} (expect: omatoimi)"
