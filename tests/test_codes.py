"""The error-code catalogue: every code used is documented, every documented code is used,
and every code can be triggered, with a file:line:col where the problem has a place."""

from __future__ import annotations

import datetime
import pickle
import random
import re
from pathlib import Path

import pytest

import segrules
from segrules import codes
from segrules.codes import CODES, add_code, explain, is_verifier_code
from segrules.errors import (
    AnswerError,
    EvaluationError,
    RulesetError,
    SegrulesError,
    UsageError,
)

from support import load_script

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "segrules"
DOCS = ROOT / "docs"
CODE_RE = re.compile(r"\bSR[0-9]{3}\b")
FILE = "model.yaml"


# --------------------------------------------------------------------------- a small ruleset

HEAD = """\
format: 1
id: test.codes
version: 1.0.0
title: {fi: Testi, sv: Test, en: Test}
"""
INPUTS = """\
inputs:
  a:
    respondent: client
    type: integer
    min: 0
    max: 5
    text: {fi: A, sv: A, en: A}
"""
MORE_INPUTS = """\
  battery:
    respondent: professional
    type: enum
    values:
      illness: {fi: Sairaus, sv: Sjukdom, en: Illness}
      risk: {fi: Riski, sv: Risk, en: Risk}
    text: {fi: Patteristo, sv: Batteri, en: Battery}
  c:
    respondent: client
    type: boolean
    optional: true
    text: {fi: C, sv: C, en: C}
  d:
    respondent: client
    type: integer
    min: 0
    max: 3
    asked_when: answered(c) and c
    text: {fi: D, sv: D, en: D}
"""
SEGMENTS = """\
segments:
  low:
    label: {fi: Matala, sv: Låg, en: Low}
    service_use: occasional
  high:
    label: {fi: Korkea, sv: Hög, en: High}
    service_use: heavy
"""
RULES = """\
rules:
  - low when a < 3
  - high when a >= 3
"""
LABEL = "{fi: x, sv: x, en: x}"
PATHWAY = (
    f"{{contact: {LABEL}, appointments: [{LABEL}], coordination: {LABEL}, self_care: {LABEL}, "
    "reassess_after_months: 12}"
)
PATHWAYS = f"""\
pathways:
  low: {PATHWAY}
  high: {PATHWAY}
"""


def ruleset(
    *, head=HEAD, top="", scales="", inputs=INPUTS, groups="", scores="", axes="", segments=SEGMENTS,
    rules=RULES, pathways=PATHWAYS, examples="",
) -> str:
    return head + top + scales + inputs + groups + scores + axes + segments + rules + pathways + examples


def rules(*lines: str) -> str:
    return "rules:\n" + "".join(f"  - {line}\n" for line in lines)


def score(name: str, expr: str) -> str:
    return f"  {name}:\n    label: {LABEL}\n    expr: {expr}\n"


def where(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first occurrence of ``needle`` in ``text``."""
    i = text.index(needle)
    line = text.count("\n", 0, i) + 1
    return line, i - (text.rfind("\n", 0, i) + 1) + 1


def diagnostics_of(text: str):
    try:
        loaded = segrules.load_text(text, FILE)
    except RulesetError as exc:
        return exc, exc.diagnostics
    return None, loaded.warnings


def assert_reported(text: str, code: str, at: str | None, *, severity: str = "error"):
    """``code`` is reported for ``text``, at the place of ``at`` (a unique snippet of the text)."""
    exc, diags = diagnostics_of(text)
    found = [d for d in diags if d.code == code]
    assert found, f"{code} not reported; got:\n" + "\n".join(d.format() for d in diags)
    d = found[0]
    assert d.severity == severity
    if severity == "error":
        assert exc is not None and code in {x.code for x in exc.errors}
    assert d.span is not None, f"{code} has no position: {d.format()}"
    assert d.span.file == FILE
    if at is not None:
        line, column = where(text, at)
        assert (d.span.line, d.span.column) == (line, column), d.format()
    assert d.format().startswith(f"{FILE}:{d.span.line}:{d.span.column}: {code} {severity}: ")
    return d


# --------------------------------------------------------------------------- the catalogue itself


def _source_codes() -> dict[str, set[str]]:
    """Every code written in the package source (codes.py excluded), with the files using it."""
    used: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix not in (".py", ".lark") or path.name == "codes.py":
            continue
        for code in CODE_RE.findall(path.read_text(encoding="utf-8")):
            used.setdefault(code, set()).add(str(path.relative_to(ROOT)))
    return used


def test_the_base_ranges_are_used():
    used = _source_codes()
    for code in ("SR000", "SR001", "SR010", "SR100", "SR200", "SR300", "SR400", "SR500"):
        assert code in used


def test_every_code_used_in_the_source_is_catalogued_and_documented():
    errors_md = (DOCS / "errors.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### (SR[0-9]{3})$", errors_md, flags=re.M))
    for code, files in _source_codes().items():
        assert code in CODES, f"{code} (used in {', '.join(sorted(files))}) is missing from segrules/codes.py"
        assert code in documented, f"{code} is missing from docs/errors.md: run python docs/gen_codes.py"


def test_every_catalogued_code_is_used_in_the_source():
    used = _source_codes()
    for code in CODES:
        if code == "SR000" or is_verifier_code(code):
            continue
        assert code in used, f"{code} is in the catalogue but nothing in segrules/ reports it"


def test_the_error_classes_carry_their_base_codes():
    assert SegrulesError("x").code == "SR000"
    assert AnswerError.code == "SR300"
    assert EvaluationError.code == "SR400"
    assert UsageError.code == "SR500"


@pytest.mark.parametrize("code", sorted(CODES))
def test_each_entry_is_complete(code):
    info = CODES[code]
    assert info.code == code and CODE_RE.fullmatch(code)
    assert info.title and "\n" not in info.title and len(info.title) <= 80
    assert info.title[0].isupper() or info.title[0] in "'"
    assert "How to fix it:" in info.explanation
    assert len(info.explanation.splitlines()) >= 2
    assert info.family
    for line in info.explanation.splitlines():
        assert len(line) <= 120, f"{code}: line too long: {line!r}"


def test_explain_formats_the_long_text_and_accepts_short_forms():
    text = explain("SR211")
    assert text.startswith("SR211: " + CODES["SR211"].title + "\n\n")
    assert CODES["SR211"].explanation in text
    assert explain("sr211") == explain(" 211 ") == text
    assert explain("1") == explain("SR001")


def test_explain_of_an_unknown_code_is_sr514():
    with pytest.raises(UsageError) as info:
        explain("SR999")
    assert info.value.code == "SR514"


def test_add_code_is_the_one_checked_way_in():
    with pytest.raises(ValueError):
        add_code("SR211", "Again", "Defined twice.", fix="No.")
    with pytest.raises(ValueError):
        add_code("SR21", "Bad", "Not a code.", fix="No.")
    with pytest.raises(ValueError):
        add_code("SR699", "Two\nlines", "Bad title.", fix="No.")
    assert "SR699" not in CODES


def test_the_verifier_range_is_reserved():
    assert codes.VERIFIER_RANGE == range(600, 700)
    assert is_verifier_code("SR601") and not is_verifier_code("SR599") and not is_verifier_code("SR700")
    assert codes.family("SR650") == "The verifier"
    for code in CODES:
        if code.startswith("SR6"):
            assert is_verifier_code(code)


# --------------------------------------------------------------------------- the generated docs


def _gen_codes():
    return load_script(DOCS / "gen_codes.py", "gen_codes")


def test_the_generated_docs_are_up_to_date():
    gen = _gen_codes()
    assert (DOCS / "errors.md").read_text(encoding="utf-8") == gen.render_errors(), (
        "docs/errors.md is out of date: run python docs/gen_codes.py"
    )
    dsl = (DOCS / "dsl.md").read_text(encoding="utf-8")
    assert dsl.count(gen.BEGIN) == 1 and dsl.count(gen.END) == 1
    assert dsl == gen.update_dsl(dsl), "the code table in docs/dsl.md is out of date: run python docs/gen_codes.py"
    assert gen.main(["--check"]) == 0


def test_the_code_table_links_every_code():
    dsl = (DOCS / "dsl.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"| [{code}](errors.md#{code.lower()}) |" in dsl


def test_the_grammar_in_the_docs_is_the_grammar():
    dsl = (DOCS / "dsl.md").read_text(encoding="utf-8")
    match = re.search(r"^```lark\n(.*?)^```$", dsl, flags=re.S | re.M)
    assert match, "docs/dsl.md has no ```lark block"
    grammar = (PACKAGE / "dsl" / "grammar.lark").read_text(encoding="utf-8")
    assert match.group(1) == grammar, "the grammar in docs/dsl.md differs from segrules/dsl/grammar.lark"


# --------------------------------------------------------------------------- triggers: the file


def test_SR001_a_missing_file(tmp_path):
    with pytest.raises(RulesetError) as info:
        segrules.load(tmp_path / "suuntma.yaml")
    assert info.value.code == "SR001"
    assert "no such file" in str(info.value)
    with pytest.raises(RulesetError) as info:
        segrules.load(tmp_path)
    assert info.value.code == "SR001"
    assert "folder" in str(info.value)


def test_SR002_a_file_over_1_MiB(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("#" * (1024 * 1024 + 1), encoding="utf-8")
    for load in (lambda: segrules.load(path), lambda: segrules.load_text(path.read_text(), FILE)):
        with pytest.raises(RulesetError) as info:
            load()
        d = info.value.diagnostics[0]
        assert d.code == "SR002" and d.span is not None and d.span.line == 1


def test_SR003_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(ruleset().replace("Låg", "L\xe5g").encode("latin-1"))
    with pytest.raises(RulesetError) as info:
        segrules.load(path)
    d = info.value.diagnostics[0]
    assert d.code == "SR003"
    assert d.span.line == where(ruleset(), "Låg")[0]
    assert str(d.span).startswith(str(path) + ":")


# --------------------------------------------------------------------------- triggers: load_text

# code → (ruleset text, a unique snippet where the problem is reported, or None)
LOAD_CASES: dict[str, list[tuple[str, str | None]]] = {
    "SR010": [
        ("format: 1\nprovenance: Note: the thresholds are illustrative.\n", ": the"),
        ("format: 1\nlist: [1, 2\nid: x\n", None),
    ],
    "SR011": [(ruleset(top="format: 1\n"), None)],
    "SR012": [(ruleset(top="provenance: &p hello\n"), "&p hello")],
    "SR013": [
        (ruleset(inputs=INPUTS + "    optional: yes\n"), "yes\n"),
        (ruleset(head=HEAD.replace("{fi: Testi", "{fi: no")), "no, sv"),
    ],
    "SR014": [(ruleset(top="provenance: !!python/object:os.system x\n"), "!!python")],
    "SR100": [
        (ruleset(inputs="inputs: [a, b]\n"), "[a, b]"),
        ("- a\n- b\n", "- a"),
        (ruleset(rules="rules:\n  - low: a < 3\n  - high when a >= 3\n"), "low: a < 3"),
    ],
    "SR101": [(ruleset(head=HEAD.replace("version: 1.0.0\n", "")), "format: 1")],
    "SR110": [(ruleset(top="hitpolicy: first\n"), "hitpolicy")],
    "SR111": [
        (ruleset(segments=SEGMENTS.replace("  low:", "  Matala:"), rules=rules("Matala when a < 3", "high when a >= 3"),
                 pathways=PATHWAYS.replace("  low:", "  Matala:")), "Matala:\n    label"),
        (ruleset(head=HEAD.replace("id: test.codes", "id: Test-Codes")), "Test-Codes"),
    ],
    "SR112": [
        (ruleset(top="hit_policy: random\n"), "random"),
        (ruleset(head=HEAD.replace("1.0.0", "1.0")), "1.0\n"),
        (ruleset(inputs=INPUTS.replace("respondent: client", "respondent: nurse")), "nurse"),
    ],
    "SR113": [
        (ruleset(scores="scores:\n" + score("a", "1")), "a:\n    label"),
        (ruleset(groups="groups:\n  g: [a, a]\n"), "a]"),  # the second listing
    ],
    "SR120": [(ruleset(inputs=INPUTS.replace("type: integer\n    min: 0\n    max: 5", "type: scale\n    scale: agree")), "agree")],
    "SR121": [
        (ruleset(inputs=INPUTS.replace("max: 5", "max: -1")), "-1"),
        (ruleset(inputs=INPUTS.replace("max: 5", "max: 100000")), "100000"),
        (ruleset(groups="groups:\n  g: []\n"), "g: []"),
        (ruleset(scales=f"scales:\n  s:\n    values:\n      2: {LABEL}\n      1: {LABEL}\n"), "1: {"),
    ],
    "SR130": [(ruleset(head=HEAD.replace("{fi: Testi, sv: Test, en: Test}", "{sv: Test, en: Test}")), "{sv: Test")],
    "SR132": [(ruleset(head=HEAD.replace("en: Test}", "en: Test, sw: Test}")), "sw: Test")],
    "SR140": [(ruleset(top="provenance: " + "[" * 45 + "]" * 45 + "\n"), None)],
    "SR200": [
        (ruleset(rules=rules("low when a == 3", "high when a != 3")), "== 3"),
        (ruleset(rules=rules("low when a < 2,5", "high when a >= 3")), ",5"),
        (ruleset(rules=rules("low when a < 3 and and a > 1", "high when a >= 3")), "and a > 1"),
        (ruleset(rules=rules("low when a < 3 and", "high when a >= 3")), None),
        (ruleset(rules=rules("low when (a < 3", "high when a >= 3")), None),
        (ruleset(rules=rules("low", "high when a >= 3")), "low\n"),
    ],
    "SR201": [
        (ruleset(rules=rules("low when " + "(" * 70 + "a" + ")" * 70 + " < 3", "high when a >= 3")), "low when (("),
        (ruleset(rules=rules("low when " + " + ".join(["a"] * 1500) + " < 3", "high when a >= 3")), "low when a + a"),
    ],
    "SR210": [
        (ruleset(rules=rules("low when aa < 3", "high when a >= 3")), "aa < 3"),
        (ruleset(groups="groups:\n  g: [a, zz]\n"), "zz]"),
    ],
    "SR211": [
        (ruleset(rules=rules("low when a", "high when a >= 3")), "a\n"),
        (ruleset(inputs=INPUTS + MORE_INPUTS, rules=rules("low when battery = 3", "high when a >= 3")), "3\n  - high"),
        (ruleset(rules=rules("low when a + true > 1", "high when a >= 3")), "true"),
        (ruleset(scores="scores:\n" + score("s", 'if a > 1 then 1 else "x"'), rules=rules("low when s < 3", "high when s >= 3")), "if a"),
    ],
    "SR212": [
        (ruleset(rules=rules("low when avg(a) < 3", "high when a >= 3")), "avg"),
        (ruleset(rules=rules("low when answered(a, a)", "high when a >= 3")), "answered"),
    ],
    "SR213": [
        (ruleset(scores="scores:\n" + score("s", "t + 1") + score("t", "s")), "s:\n    label"),
        (ruleset(inputs=INPUTS + MORE_INPUTS.replace("asked_when: answered(c) and c", "asked_when: d > 1")), "d:\n"),
    ],
    "SR214": [(ruleset(inputs=INPUTS + MORE_INPUTS, rules=rules('low when battery = "ilness"', "high when a >= 3")), '"ilness"')],
    "SR215": [
        (ruleset(groups="groups:\n  g: [a]\n", rules=rules("low when g < 3", "high when a >= 3")), "g < 3"),
        (ruleset(inputs=INPUTS + MORE_INPUTS.replace("answered(c) and c", "s > 1"), scores="scores:\n" + score("s", "a")), "s > 1"),
    ],
    "SR220": [(ruleset(rules=rules("low when a < 3", "hihg when a >= 3")), "hihg")],
    "SR221": [(ruleset(rules=rules("low when a < 3", "low when a >= 3")), "high:\n")],
    "SR222": [
        (ruleset(pathways=f"pathways:\n  low: {PATHWAY}\n"), "high:\n"),
        (ruleset(pathways=PATHWAYS + f"  hihg: {PATHWAY}\n"), "hihg"),
    ],
    "SR223": [
        (ruleset(rules=rules("low when a < 3", "high otherwise")), "high otherwise"),
        (ruleset(top="hit_policy: first\n", rules=rules("low otherwise", "high when a >= 3")), "low otherwise"),
    ],
    "SR224": [
        (ruleset(scores="scores:\n" + score("r", "a"), axes="axes: {resources: r, complexity: c}\n",
                 segments=SEGMENTS.replace("service_use: occasional", "service_use: occasional\n    quadrant: {resources: high, complexity: low}")
                 .replace("service_use: heavy", "service_use: heavy\n    quadrant: {resources: low, complexity: high}")),
         "{resources: r"),
        (ruleset(scores="scores:\n" + score("r", "a"), axes="axes: {resources: r, complexity: r}\n",
                 segments=SEGMENTS.replace("service_use: occasional", "service_use: occasional\n    quadrant: {resources: high, complexity: low}")
                 .replace("service_use: heavy", "service_use: heavy\n    quadrant: {resources: high, complexity: low}")),
         "high:\n"),
    ],
    "SR230": [(ruleset(examples="examples:\n  - name: e\n    answers: {a: 1}\n    expect: lw\n"), "name: e")],
    "SR231": [(ruleset(examples="examples:\n  - name: e\n    answers: {a: 9}\n    expect: low\n"), "name: e")],
}

_LOAD_PARAMS = [
    pytest.param(code, text, at, id=f"{code}-{i}")
    for code, cases in LOAD_CASES.items()
    for i, (text, at) in enumerate(cases)
]


@pytest.mark.parametrize("code, text, at", _LOAD_PARAMS)
def test_load_text_reports_the_code_at_its_place(code, text, at):
    assert_reported(text, code, at)


def test_SR011_points_at_the_second_key():
    text = ruleset(top="format: 1\n")
    d = assert_reported(text, "SR011", None)
    assert d.span.line == 5 and d.span.column == 1
    assert "first given at line 1" in d.message


def test_SR131_is_a_warning_and_the_ruleset_loads():
    text = ruleset(head=HEAD.replace("{fi: Testi, sv: Test, en: Test}", "{fi: Testi}"))
    assert_reported(text, "SR131", "{fi: Testi}", severity="warning")
    assert segrules.load_text(text, FILE).id == "test.codes"


def test_SR140_too_many_inputs_and_enum_values():
    many = "inputs:\n" + "".join(
        f"  i{n}: {{respondent: client, type: boolean, text: {LABEL}}}\n" for n in range(501)
    )
    assert_reported(ruleset(inputs=many, rules=rules("low when i0", "high when not i0")), "SR140", "i0:")
    values = "".join(f"      v{n}: {LABEL}\n" for n in range(201))
    enum = INPUTS + f"  e:\n    respondent: client\n    type: enum\n    values:\n{values}    text: {LABEL}\n"
    assert_reported(ruleset(inputs=enum), "SR140", "v0:")


def test_every_problem_of_a_file_is_reported_at_once():
    text = ruleset(top="hitpolicy: first\n", rules=rules("low when a == 3", "high when a => 3"))
    exc, diags = diagnostics_of(text)
    assert [d.code for d in exc.errors] == ["SR110", "SR200", "SR200"]
    assert "(and 2 more problems)" in str(exc)


# --------------------------------------------------------------------------- triggers: answers


@pytest.fixture(scope="module")
def model():
    return segrules.load_text(ruleset(inputs=INPUTS + MORE_INPUTS), FILE)


ANSWER_CASES = {
    "SR301": ({"a": 1, "battery": "risk", "zz": 2}, "zz"),
    "SR302": ({"a": 9, "battery": "risk"}, "a"),
    "SR303": ({"a": "1", "battery": "risk"}, "a"),
    "SR304": ({"battery": "risk"}, "a"),
    "SR305": ({"a": 1, "battery": "risk", "d": 1}, "d"),
    "SR306": ([1, 2], "(answers)"),
}


@pytest.mark.parametrize("code", sorted(ANSWER_CASES))
def test_decide_with_bad_answers(model, code):
    answers, input_id = ANSWER_CASES[code]
    for call in (model.decide, model.segment_of, model.validate):
        with pytest.raises(AnswerError) as info:
            call(answers)
        assert info.value.code == "SR300"
        assert [(p.code, p.input) for p in info.value.problems] == [(code, input_id)]
        assert code in str(info.value)


def test_SR300_lists_every_problem(model):
    with pytest.raises(AnswerError) as info:
        model.decide({"a": 9, "zz": 1})
    assert info.value.code == "SR300"
    assert sorted(p.code for p in info.value.problems) == ["SR301", "SR302", "SR304"]
    assert str(info.value).startswith("3 problems with the answers:")


def test_SR301_suggests_the_input_meant(model):
    with pytest.raises(AnswerError) as info:
        model.decide({"a": 1, "batery": "risk"})
    assert "did you mean 'battery'?" in str(info.value)


# --------------------------------------------------------------------------- triggers: evaluation

EVAL_INPUTS = INPUTS + MORE_INPUTS
EVAL_CASES = {
    # code → (rules or scores, answers, a snippet where the problem is, or None)
    "SR401": (dict(rules=rules("low when a < 2", "high when a > 2")), {"a": 2, "battery": "risk"}, None),
    "SR402": (dict(rules=rules("low when a <= 3", "high when a >= 3")), {"a": 3, "battery": "risk"}, None),
    "SR403": (
        dict(scores="scores:\n" + score("s", "6 / a"), rules=rules("low when s < 3", "high when s >= 3")),
        {"a": 0, "battery": "risk"}, "/ a",
    ),
    "SR404": (
        dict(scores="scores:\n" + score("m", "mean(d)"), rules=rules("low when a < 3 or m < 1", "high when a >= 3 and m >= 1")),
        {"a": 3, "battery": "risk"}, "mean(d)",
    ),
    "SR405": (
        dict(rules=rules("low when a < 3 and d < 2", "high when a >= 3 or d >= 2")),
        {"a": 1, "battery": "risk"}, "d < 2",
    ),
}


@pytest.mark.parametrize("code", sorted(EVAL_CASES))
def test_decide_on_an_unverified_ruleset(code):
    parts, answers, at = EVAL_CASES[code]
    text = ruleset(inputs=EVAL_INPUTS, **parts)
    model = segrules.load_text(text, FILE)
    for call in (model.decide, model.segment_of):
        with pytest.raises(EvaluationError) as info:
            call(answers)
        assert info.value.code == code
        if at is not None:
            line, column = where(text, at)
            span = info.value.span
            assert span is not None and (span.file, span.line, span.column) == (FILE, line, column)
            assert info.value.format().startswith(f"{FILE}:{line}:{column}: {code} error: ")


def test_SR405_names_the_way_out():
    parts, answers, _ = EVAL_CASES["SR405"]
    model = segrules.load_text(ruleset(inputs=EVAL_INPUTS, **parts), FILE)
    with pytest.raises(EvaluationError) as info:
        model.decide(answers)
    assert "answered(d)" in str(info.value)


# --------------------------------------------------------------------------- triggers: usage


def test_SR501_override_with_an_unknown_segment(model):
    with pytest.raises(UsageError) as info:
        model.decide({"a": 1, "battery": "risk"}, override="hihg", reason="asked by the client")
    assert info.value.code == "SR501"
    assert "low, high" in str(info.value)
    with pytest.raises(UsageError) as info:
        model.segment("pärjääjä")
    assert info.value.code == "SR501"


def test_SR502_override_without_a_reason(model):
    for kwargs in ({"override": "high"}, {"override": "high", "reason": "  "}, {"reason": "asked by the client"}):
        with pytest.raises(UsageError) as info:
            model.decide({"a": 1, "battery": "risk"}, **kwargs)
        assert info.value.code == "SR502"
    decision = model.decide({"a": 1, "battery": "risk"})
    with pytest.raises(UsageError) as info:
        decision.override("high", "")
    assert info.value.code == "SR502"
    assert decision.override("high", "asked by the client").segment_id == "high"


def test_SR510_SR511_SR512_the_command_line_inputs(tmp_path):
    cli = pytest.importorskip("segrules.cli.common")
    with pytest.raises(UsageError) as info:
        cli.read_answers(str(tmp_path / "answrs.json"))
    assert info.value.code == "SR510"
    bad = tmp_path / "answers.json"
    bad.write_text("{'a': 1,}", encoding="utf-8")
    with pytest.raises(UsageError) as info:
        cli.read_answers(str(bad))
    assert info.value.code == "SR511"
    d = info.value.diagnostics[0]
    assert d.span is not None and str(d.span).startswith(f"{bad}:1:")
    with pytest.raises(UsageError) as info:
        cli.parse_datetime("1.3.2024")
    assert info.value.code == "SR512"


def test_SR513_no_answer_set_can_be_drawn():
    sampling = pytest.importorskip("segrules.sampling")
    # d is asked depending on c, and c is never asked: no answer set can be validated
    never = MORE_INPUTS.replace("    optional: true\n", "    asked_when: a > 5\n").replace("answered(c) and c", "c")
    model = segrules.load_text(ruleset(inputs=INPUTS + never), FILE)
    with pytest.raises(UsageError) as info:
        sampling.sample_answers(model.definition, random.Random(0))
    assert info.value.code == "SR513"


def test_SR514_unknown_code_to_explain():
    with pytest.raises(UsageError) as info:
        explain("SR2110")
    assert info.value.code == "SR514"


def test_SR550_an_assessment_time_without_offset(model):
    with pytest.raises(UsageError) as info:
        model.decide({"a": 1, "battery": "risk"}, assessed_at=datetime.datetime(2024, 3, 1, 9, 30))
    assert info.value.code == "SR550"


def test_SR551_an_override_to_the_suggestion(model):
    with pytest.raises(UsageError) as info:
        model.decide({"a": 1, "battery": "risk"}, override="low", reason="confirmed")
    assert info.value.code == "SR551"


def test_SR553_SR554_records_that_do_not_fit(model):
    record = model.decide({"a": 1, "battery": "risk"}).to_json(compact=True)
    with pytest.raises(UsageError) as info:
        segrules.Decision.from_json({k: v for k, v in record.items() if k != "answers"}, model)
    assert info.value.code == "SR553"
    other = segrules.load_text(ruleset(inputs=INPUTS + MORE_INPUTS).replace("version: 1.0.0", "version: 1.0.1"))
    with pytest.raises(UsageError) as info:
        segrules.Decision.from_json(record, other)
    assert info.value.code == "SR554"


def test_SR557_a_record_file_that_cannot_be_read(tmp_path):
    replay = pytest.importorskip("segrules.cli.replay")
    with pytest.raises(UsageError) as info:
        replay.read_record_file(str(tmp_path / "recrod.json"))
    assert info.value.code == "SR557"


def test_SR555_SR556_pickling(model):
    data = pickle.dumps(model).replace(model.content_hash.encode(), b"0" * 64)
    with pytest.raises(SegrulesError) as info:
        pickle.loads(data)
    assert info.value.code == "SR555"
    decision = pickle.loads(pickle.dumps(model.decide({"a": 1, "battery": "risk"})))
    with pytest.raises(UsageError) as info:
        decision.override("high", "asked by the client")
    assert info.value.code == "SR556"


# --------------------------------------------------------------------------- triggers: crosswalk and diagram

_CROSSWALK = (ROOT / "rulesets" / "crosswalk.yaml").read_text(encoding="utf-8")
CROSSWALK_CASES = {  # code → (change to the shipped crosswalk, a unique snippet of the changed line)
    "SR700": (("format: 1", "format: 2"), "format: 2"),
    "SR701": (("  - helsinki.suunte\n", "  - helsinki.sunte\n"), "helsinki.sunte\n"),
    "SR702": (("  - helsinki.suunte\n", "  - helsinki.suunte\n  - vantaa_kerava.identification_guide\n"),
              "  - vantaa_kerava.identification_guide"),
    "SR703": (("{resources: high, complexity: low}", "{resources: high, complexity: medium}"), "medium"),
    "SR704": (("helsinki.suuntima: omatoimi", "helsinki.suuntima: pärjääjä"), "pärjääjä"),
    "SR705": (("vantaa_kerava.segmentation: tuki", "vantaa_kerava.segmentation: omatoimi"),
              "vantaa_kerava.segmentation: omatoimi\n      keski_suomi.segmentation: yhteiso"),
    "SR706": (("      keski_suomi.segmentation: verkosto\n", ""), "  - keski_suomi.segmentation"),
    "SR707": (("helsinki.suunte: verkosto", "helsinki.suunte: yhteiso"), "helsinki.suunte: yhteiso\n      vantaa_kerava.segmentation: huolenpito"),
}


@pytest.mark.parametrize("code", sorted(CROSSWALK_CASES))
def test_SR700_to_SR707_a_crosswalk_file(code, tmp_path):
    crosswalk = pytest.importorskip("segrules.crosswalk")
    (old, new), at = CROSSWALK_CASES[code]
    assert _CROSSWALK.count(old) >= 1
    text = _CROSSWALK.replace(old, new, 1)
    path = tmp_path / "crosswalk.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        crosswalk.load(path, rulesets_dir=ROOT / "rulesets")
    found = [d for d in info.value.errors if d.code == code]
    assert found, [d.format() for d in info.value.errors]
    assert found[0].span is not None and found[0].span.file == str(path)
    assert found[0].span.line == where(text, at)[0], found[0].format()


def test_SR702_SR708_SR709_diagram_and_lookups():
    crosswalk = pytest.importorskip("segrules.crosswalk")
    diagram = pytest.importorskip("segrules.diagram")
    with pytest.raises(UsageError) as info:
        diagram.plane_of(segrules.load(ROOT / "rulesets" / "vantaa_kerava" / "identification_guide.yaml"))
    assert info.value.code == "SR702"
    cw = crosswalk.load(ROOT / "rulesets" / "crosswalk.yaml")
    with pytest.raises(UsageError) as info:
        cw.map("helsinki", "tuki", to="keski_suomi.segmentation")
    assert info.value.code == "SR708"
    with pytest.raises(UsageError) as info:
        cw.map("vantaa_kerava.segmentation", "verkosto", to="helsinki.suuntima")
    assert info.value.code == "SR709"


def test_SR015_SR307_SR308_SR520_to_SR524_input_limits_and_outputs(tmp_path):
    import datetime as dt
    import os

    from segrules.answers import parse_answers, read_answers
    from segrules.files import write_text_atomic
    from support import BASE

    with pytest.raises(RulesetError) as info:
        segrules.load_text(BASE.replace("reassess_after_months: 12", "reassess_after_months: 012", 1))
    assert info.value.code == "SR015"
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (1024 * 1024 + 1))
    with pytest.raises(SegrulesError) as info:
        read_answers(big)
    assert info.value.code == "SR307"
    with pytest.raises(SegrulesError) as info:
        parse_answers(b'{"a": ' + b"[" * 101 + b"]" * 101 + b"}")
    assert info.value.code == "SR308"
    model = tmp_path / "model.yaml"
    model.write_text(BASE, encoding="utf-8")
    cases = {
        "SR520": (model, ()),
        "SR521": (tmp_path / "missing" / "out.svg", ()),
        "SR522": (tmp_path, ()),
    }
    os.symlink(tmp_path / "nowhere.svg", tmp_path / "dangling.svg")
    cases["SR523"] = (tmp_path / "dangling.svg", ())
    for code, (path, inputs) in cases.items():
        with pytest.raises(SegrulesError) as info:
            write_text_atomic(path, "<svg/>", inputs=inputs)
        assert info.value.code == code
    assert model.read_text(encoding="utf-8") == BASE
    rs = segrules.load_text(BASE)
    answers = {"battery": "illness", "c_manage": 4, "c_support": 2, "p_illness": 3, "visits": 20}
    with pytest.raises(UsageError) as info:
        rs.decide(answers, assessed_at=dt.datetime(9999, 12, 31, tzinfo=dt.timezone.utc))
    assert info.value.code == "SR524"
    from segrules.diagram import MAX_DIAGRAM_INPUTS, plane_of
    from support import mini

    n = MAX_DIAGRAM_INPUTS + 1
    text = mini({f"c{i}": "scale" for i in range(n)}, {"r": "sum(" + ", ".join(f"c{i}" for i in range(n)) + ")", "k": "r"},
                ["low when r < 100", "high when r >= 100"])
    text = text.replace("pathways:", "axes:\n  resources: r\n  complexity: k\npathways:")
    low, high = text.split("  high:\n", 1)
    text = (low.replace("service_use: heavy\n", "service_use: heavy\n    quadrant: {resources: low, complexity: low}\n")
            + "  high:\n"
            + high.replace("service_use: heavy\n", "service_use: heavy\n    quadrant: {resources: high, complexity: high}\n", 1))
    with pytest.raises(UsageError) as info:
        plane_of(segrules.load_text(text))
    assert info.value.code == "SR525" and "too large to draw" in str(info.value)


def test_SR515_no_shipped_model_has_that_id():
    shipped = pytest.importorskip("segrules.rulesets")
    with pytest.raises(UsageError) as info:
        shipped.path("no.such.model")
    assert info.value.code == "SR515"


# --------------------------------------------------------------------------- triggers: FHIR


def _fhir_response(mutate=None):
    from segrules import fhir

    rs = segrules.load(ROOT / "rulesets" / "keski_suomi" / "segmentation.yaml")
    answers = dict(rs.definition.examples[0].answer_dict)
    qr = fhir.questionnaire_response(rs, answers)
    if mutate is not None:
        qr = mutate(qr) or qr
    return rs, qr


def _first(qr):
    return qr["item"][0]["item"][0]


def _subjects(qr):
    other = dict(qr, subject={"reference": "Patient/2"})
    return [dict(qr, subject={"reference": "Patient/1"}), other]


FHIR_ANSWER_CASES = {
    "SR930": lambda qr: {"resourceType": "Observation"},
    "SR931": lambda qr: qr.__setitem__("questionnaire", qr["questionnaire"].split("|")[0] + "|0.0.1"),
    "SR932": lambda qr: _first(qr).__setitem__("linkId", "nonsense"),
    "SR933": lambda qr: _first(qr).__setitem__("answer", _first(qr)["answer"] * 2),
    "SR934": lambda qr: _first(qr).__setitem__("answer", [{"valueString": "4"}]),
    "SR935": lambda qr: _first(qr)["answer"][0]["valueCoding"].__setitem__("system", "http://loinc.org"),
    "SR936": lambda qr: [qr, {**qr, "item": [{"linkId": "group:client", "item": [
        {**_first(qr), "answer": [{"valueCoding": {**_first(qr)["answer"][0]["valueCoding"], "code": "1"}}]}]}]}],
    "SR937": _subjects,
    "SR938": lambda qr: qr.__setitem__("status", "in-progress"),
}


@pytest.mark.parametrize("code", sorted(FHIR_ANSWER_CASES))
def test_SR930_to_SR938_fhir_responses(code):
    from segrules import fhir

    rs, qr = _fhir_response(FHIR_ANSWER_CASES[code])
    with pytest.raises(AnswerError) as info:
        fhir.answers_from_responses(rs, qr)
    assert code in {p.code for p in info.value.problems}, info.value


def test_SR939_to_SR943_fhir_exports():
    from segrules import fhir

    rs, qr = _fhir_response()
    with pytest.raises(UsageError) as info:
        fhir.questionnaire(rs, "nurse")
    assert info.value.code == "SR939"
    parts = ", ".join(f"{x} / {k}" for k, x in enumerate(("a", "b", "c", "d", "e", "f", "g", "h", "i"), 2))
    big = segrules.load_text(ruleset(inputs=INPUTS + "".join(
        f"  {x}:\n    respondent: client\n    type: integer\n    min: 0\n    max: 3\n    text: {LABEL}\n"
        for x in "bcdefghi"
    ) + f"  z:\n    respondent: client\n    type: boolean\n    asked_when: min({parts}) > 1\n    text: {LABEL}\n"))
    with pytest.raises(UsageError) as info:
        fhir.questionnaire(big)
    assert info.value.code == "SR940"
    decision = rs.decide(fhir.answers_from_responses(rs, qr))
    with pytest.raises(UsageError) as info:
        fhir.decision_resources(rs, decision, qr, care_plan=True)
    assert info.value.code == "SR941"
    with pytest.raises(UsageError) as info:
        fhir.validate({"resourceType": "Questionnaire", "status": "published"})
    assert info.value.code == "SR943"


def test_SR942_validation_without_fhir_resources(monkeypatch):
    import builtins

    from segrules import fhir

    real = builtins.__import__

    def no_fhir(name, *args, **kwargs):
        if name.startswith("fhir.resources"):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_fhir)
    with pytest.raises(UsageError) as info:
        fhir.validate({"resourceType": "Questionnaire"})
    assert info.value.code == "SR942"


# --------------------------------------------------------------------------- coverage of the triggers

TRIGGERED_ELSEWHERE_IN_THIS_FILE = {
    "SR000", "SR300", "SR400", "SR500",  # the base classes
    "SR001", "SR002", "SR003", "SR011", "SR131", "SR140",
    "SR501", "SR502", "SR510", "SR511", "SR512", "SR513", "SR514", "SR515",
    "SR850", "SR851", "SR852", "SR853", "SR854", "SR855",  # tests/population, tests/cli/test_report.py
    "SR015", "SR307", "SR308", "SR520", "SR521", "SR522", "SR523", "SR524", "SR525",
    "SR800", "SR801", "SR802", "SR803", "SR804", "SR805", "SR806",  # tests/sql/test_sql_compile.py, test_batch.py
    "SR807", "SR808", "SR809",  # tests/sql/test_batch_files.py
    "SR810",  # tests/sql/test_batch_postgres.py
    "SR550", "SR551", "SR553", "SR554", "SR555", "SR556", "SR557",
} | set(CROSSWALK_CASES) | {"SR702", "SR708", "SR709"}
TRIGGERED_ELSEWHERE_IN_THIS_FILE |= set(FHIR_ANSWER_CASES) | {"SR939", "SR940", "SR941", "SR942", "SR943"}


SERVICE_CODES = {f"SR{n}" for n in range(900, 930)}
WORKBENCH_CODES = {"SR950", "SR951", "SR952"}  # tests/workbench/test_workbench_app.py triggers each of them


def test_every_code_outside_the_verifier_range_has_a_trigger():
    triggered = set(LOAD_CASES) | set(ANSWER_CASES) | set(EVAL_CASES) | TRIGGERED_ELSEWHERE_IN_THIS_FILE
    triggered |= {c for c in CODES if c in SERVICE_CODES}  # tests/serve/test_codes.py triggers each of them
    triggered |= WORKBENCH_CODES
    missing = {c for c in CODES if not is_verifier_code(c)} - triggered
    assert not missing, f"no test triggers {sorted(missing)}"
