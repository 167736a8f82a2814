"""The exported enabling conditions are asked_when: for every combination of the controlling
answers (each of its values, or unanswered), the FHIRPath expression (evaluated by fhirpathpy)
and the core enableWhen (evaluated as the FHIR specification says, by the small evaluator
below) are true exactly when the reference evaluator's asked_when is true.

Combinations where asked_when has no value (it reads an unanswered input) are left out: the
reference evaluator refuses those answers, whatever the form showed."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import assume, given, settings, strategies as st

import segrules
from segrules import fhir
from segrules.dsl import ast
from segrules.engine import reference
from segrules.errors import EvaluationError, RulesetError
from segrules.fhir import terms
from support import SHIPPED

import fhirpathpy  # the `fhir` extra, which `make test` installs
from fhirpathpy.models import models

MODEL = models["r4"]


# --------------------------------------------------------------------------- independent helpers


def response(rs: ast.RulesetDef, values: dict) -> dict:
    """A QuestionnaireResponse with the given answers, written here, not by the library."""
    items = []
    for input_id, value in values.items():
        inp = rs.input(input_id)
        kind = inp.domain.kind
        if kind == "boolean":
            answer = {"valueBoolean": value}
        elif kind == "integer":
            answer = {"valueInteger": value}
        elif kind == "scale":
            answer = {"valueCoding": {"system": f"urn:segrules:{rs.id}:scale:{inp.domain.scale}", "code": str(value)}}
        else:
            answer = {"valueCoding": {"system": f"urn:segrules:{rs.id}:answers:{inp.id}", "code": value}}
        items.append({"linkId": input_id, "answer": [answer]})
    return {"resourceType": "QuestionnaireResponse", "status": "completed", "item": [{"linkId": "group:x", "item": items}]}


def enable_when_holds(enable_when: list[dict], behaviour: str | None, qr: dict) -> bool:
    """FHIR R4 Questionnaire.item.enableWhen over a response, as the specification describes it."""
    answers = {i["linkId"]: i["answer"][0] for g in qr["item"] for i in g["item"]}
    results = []
    for ew in enable_when:
        given = answers.get(ew["question"])
        op = ew["operator"]
        key, want = next((k, v) for k, v in ew.items() if k.startswith("answer"))
        if op == "exists":
            results.append((given is not None) == want)
            continue
        if given is None:
            results.append(op == "!=")  # no answer equals the value
            continue
        (value_key, value), = given.items()
        assert value_key == "value" + key[len("answer"):], (value_key, key)
        if key == "answerCoding":
            equal = (value["system"], value["code"]) == (want["system"], want["code"])
            assert op in ("=", "!=")
            results.append(equal if op == "=" else not equal)
            continue
        assert type(value) is type(want)
        results.append({
            "=": value == want, "!=": value != want, "<": value < want, "<=": value <= want,
            ">": value > want, ">=": value >= want,
        }[op])
    if len(results) > 1:
        assert behaviour in ("all", "any")
    return all(results) if behaviour != "any" else any(results)


def combinations(rs: ast.RulesetDef, cond: ast.Expr):
    ids = [r for r in ast.references(cond) if r in {i.id for i in rs.inputs}]
    options = [tuple(rs.input(i).domain.values) + (None,) for i in ids]
    for combo in itertools.product(*options):
        yield {i: v for i, v in zip(ids, combo) if v is not None}


def check_condition(rs: ast.RulesetDef, cond: ast.Expr) -> int:
    """Compare both exports with asked_when on every combination; the number compared."""
    path = fhirpathpy.compile(fhir.expression(rs, cond), MODEL)
    ew = fhir.enable_when(rs, cond)
    compared = 0
    for values in combinations(rs, cond):
        try:
            want = bool(reference.evaluate(cond, values, rs))
        except EvaluationError:
            continue
        qr = response(rs, values)
        got = path(qr, {"resource": qr})
        assert got in ([True], [False], []), got
        assert (got == [True]) == want, (values, fhir.expression(rs, cond))
        if ew is not None:
            assert enable_when_holds(ew[0], ew[1], qr) == want, (values, ew)
        compared += 1
    return compared


# --------------------------------------------------------------------------- the shipped rulesets


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_enabling_conditions_are_asked_when(path):
    rs = segrules.load(path).definition
    conditional = [i for i in rs.inputs if i.asked_when is not None]
    for inp in conditional:
        assert check_condition(rs, inp.asked_when) > 0
    # the Questionnaires export exactly these conditions, in one form or the other
    for respondent in (None, "client", "professional"):
        q = fhir.questionnaire(rs, respondent)
        items = {i["linkId"]: i for g in q.get("item", []) for i in g["item"]}
        for inp in conditional:
            if inp.id not in items:
                continue
            item = items[inp.id]
            ew = fhir.enable_when(rs, inp.asked_when)
            if ew is not None:
                assert item["enableWhen"] == ew[0] and item.get("enableBehavior") == ew[1]
                assert "extension" not in item or all(e["url"] != terms.ENABLE_WHEN_EXPRESSION for e in item["extension"])
            else:
                ext = [e for e in item["extension"] if e["url"] == terms.ENABLE_WHEN_EXPRESSION]
                assert ext[0]["valueExpression"]["expression"] == fhir.expression(rs, inp.asked_when)
            for ref in ast.references(inp.asked_when):
                assert ref in items, f"{inp.id} depends on {ref}, which the questionnaire lacks"


def test_the_shipped_conditions_use_core_enable_when():
    """The shipped conditions are simple: a form filler without SDC expressions shows them right."""
    for path in SHIPPED:
        rs = segrules.load(path).definition
        for inp in rs.inputs:
            if inp.asked_when is not None:
                assert fhir.enable_when(rs, inp.asked_when) is not None, (path.name, inp.id)


# --------------------------------------------------------------------------- any condition

RULESET = """\
format: 1
id: test.enabling
version: 1.0.0
title: {fi: t, sv: t, en: t}
hit_policy: first
scales:
  s3:
    values:
      1: {fi: t, sv: t, en: t}
      2: {fi: t, sv: t, en: t}
      3: {fi: t, sv: t, en: t}
inputs:
  sc:
    respondent: client
    type: scale
    scale: s3
    text: {fi: t, sv: t, en: t}
  opt:
    respondent: client
    type: scale
    scale: s3
    optional: true
    text: {fi: t, sv: t, en: t}
  num:
    respondent: professional
    type: integer
    min: -1
    max: 2
    text: {fi: t, sv: t, en: t}
  flag:
    respondent: record
    type: boolean
    optional: true
    text: {fi: t, sv: t, en: t}
  kind:
    respondent: professional
    type: enum
    values:
      a: {fi: t, sv: t, en: t}
      b: {fi: t, sv: t, en: t}
      c: {fi: t, sv: t, en: t}
    text: {fi: t, sv: t, en: t}
  target:
    respondent: client
    type: boolean
    asked_when: '%s'
    text: {fi: t, sv: t, en: t}
scores:
  one:
    label: {fi: t, sv: t, en: t}
    expr: sc
segments:
  low:
    label: {fi: t, sv: t, en: t}
    service_use: occasional
  high:
    label: {fi: t, sv: t, en: t}
    service_use: heavy
rules:
  - low when one < 2
  - high otherwise
pathways:
  low: {contact: {fi: t}, appointments: [{fi: t}], coordination: {fi: t}, self_care: {fi: t}, reassess_after_months: 12}
  high: {contact: {fi: t}, appointments: [{fi: t}], coordination: {fi: t}, self_care: {fi: t}, reassess_after_months: 12}
"""

NUMERIC = ["sc", "opt", "num"]
OPS = ["<", "<=", ">", ">=", "=", "!="]


def numbers(depth: int) -> st.SearchStrategy[str]:
    leaves = st.one_of(
        st.sampled_from(NUMERIC),
        st.integers(-2, 3).map(lambda n: f"({n})" if n < 0 else str(n)),
        st.sampled_from(["0.5", "1.5", "2.5"]),
        st.lists(st.sampled_from(NUMERIC), min_size=1, max_size=3, unique=True).flatmap(
            lambda items: st.sampled_from(["mean", "sum", "min", "max", "count"]).map(lambda f: f"{f}({', '.join(items)})")
        ),
    )
    if depth <= 0:
        return leaves
    sub = numbers(depth - 1)
    return st.one_of(
        leaves,
        st.tuples(sub, st.sampled_from(["+", "-", "*", "/"]), sub).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        sub.map(lambda a: f"(-{a})"),
        st.tuples(conditions(depth - 1), sub, sub).map(lambda t: f"(if {t[0]} then {t[1]} else {t[2]})"),
        st.lists(conditions(depth - 1), min_size=1, max_size=2).map(lambda cs: f"count_true({', '.join(cs)})"),
    )


def conditions(depth: int) -> st.SearchStrategy[str]:
    leaves = st.one_of(
        st.tuples(st.sampled_from(NUMERIC), st.sampled_from(OPS), st.integers(-1, 3)).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        st.sampled_from(["flag", "not flag", "flag = true", "flag != false", "answered(opt)", "answered(flag)"]),
        st.tuples(st.sampled_from(["=", "!="]), st.sampled_from("abc")).map(lambda t: f'kind {t[0]} "{t[1]}"'),
        st.lists(st.sampled_from("abc"), min_size=1, max_size=3, unique=True).map(
            lambda cs: "kind in (" + ", ".join(f'"{c}"' for c in cs) + ")"
        ),
        st.lists(st.integers(1, 3), min_size=1, max_size=2, unique=True).map(lambda vs: f"sc in ({', '.join(map(str, vs))})"),
    )
    if depth <= 0:
        return leaves
    sub = conditions(depth - 1)
    num = numbers(depth - 1)
    return st.one_of(
        leaves,
        st.lists(sub, min_size=2, max_size=3).map(lambda cs: "(" + " and ".join(cs) + ")"),
        st.lists(sub, min_size=2, max_size=3).map(lambda cs: "(" + " or ".join(cs) + ")"),
        sub.map(lambda c: f"not ({c})"),
        st.tuples(num, st.sampled_from(OPS), num).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        st.tuples(num, num, num).map(lambda t: f"{t[0]} <= {t[1]} < {t[2]}"),
    )


def load_condition(text: str) -> ast.RulesetDef:
    try:
        return segrules.load_text(RULESET % text.replace("'", "''")).definition
    except RulesetError:
        assume(False)


@settings(max_examples=120, deadline=None)
@given(conditions(2))
def test_any_condition_exports_exactly(text):
    rs = load_condition(text)
    cond = rs.input("target").asked_when
    check_condition(rs, cond)


@pytest.mark.parametrize("text", [
    "num / (sc - 2) > 1",            # a divisor of either sign, and zero
    "mean(sc, opt) >= 2.5",          # a mean that is not a whole number
    "min(sc / 2, num) < 0.5",        # min over computed values
    "max(sc, opt, num) = 3",         # max over answers, one maybe unanswered
    "1 <= num < 2.5",                # a chain with a fraction
    "(if flag then sc else num) * 3 / 2 != 3",
    "num < 1.5",                     # not a whole number: an expression, not enableWhen
    "not (num >= 1) and kind != \"c\"",
    "kind in (\"a\", \"b\") or answered(opt)",
])
def test_awkward_conditions_export_exactly(text):
    rs = load_condition(text)
    assert check_condition(rs, rs.input("target").asked_when) > 0


@pytest.mark.parametrize("text", [
    "not (num < 1)", "not (num <= 1)", "not (num > 0)", "not (num >= 0)", "not (num = 1)", "not (num != 1)",
    "not flag", 'not (kind = "a")', "not not answered(opt)", "0 < num", "2 >= num and num != 0",
    'sc = 2 or kind = "b" or not answered(flag)',
])
def test_negations_and_flips_become_exact_enable_when(text):
    rs = load_condition(text)
    cond = rs.input("target").asked_when
    assert fhir.enable_when(rs, cond) is not None
    assert check_condition(rs, cond) > 0


def test_which_conditions_become_enable_when():
    def form(text):
        rs = load_condition(text)
        return fhir.enable_when(rs, rs.input("target").asked_when)

    assert form('kind = "a"') == ([{"question": "kind", "operator": "=", "answerCoding": {
        "system": "urn:segrules:test.enabling:answers:kind", "code": "a", "display": "t",
        "_display": {"extension": [
            {"url": terms.TRANSLATION, "extension": [{"url": "lang", "valueCode": "sv"}, {"url": "content", "valueString": "t"}]},
            {"url": terms.TRANSLATION, "extension": [{"url": "lang", "valueCode": "en"}, {"url": "content", "valueString": "t"}]},
        ]},
    }}], None)
    ops = form("1 <= num and num < 2 and flag")
    assert [(e["operator"], e.get("answerInteger", e.get("answerBoolean"))) for e in ops[0]] == [
        (">=", 1), ("<", 2), ("=", True),
    ] and ops[1] == "all"
    assert form("num < 2 or not answered(flag)")[1] == "any"
    assert form('kind in ("a", "c")')[1] == "any"
    assert form("sc < 2") is None          # codings have no order
    assert form("num < 1.5") is None
    assert form("(num < 1 and flag) or sc = 1") is None
    assert form("mean(sc, opt) > 2") is None


def test_an_unanswered_input_disables_the_item():
    rs = load_condition("opt > 1")
    qr = response(rs, {})
    assert fhirpathpy.evaluate(qr, fhir.expression(rs, rs.input("target").asked_when), {"resource": qr}, MODEL) == []


def test_exact_values_beyond_floating_point():
    """1/3 + 1/3 + 1/3 = 1 exactly, where decimal arithmetic would round."""
    rs = load_condition("sc / 3 + sc / 3 + sc / 3 = sc")
    assert check_condition(rs, rs.input("target").asked_when) == 3
    assert Fraction(1, 3) * 3 == 1
