"""Printing expressions back to rule-language text."""

from __future__ import annotations

from fractions import Fraction

import pytest

import segrules
from segrules.dsl import ast
from segrules.dsl.ast import And, Binary, Name, Negate, Number, Or, String
from segrules.dsl.loader import build_ruleset
from segrules.dsl.parser import parse_expression, parse_rule, plain_locate
from segrules.errors import DiagnosticSink
from segrules.source import parse_yaml, read_source
from segrules.dsl.printer import number_text, rule_text, to_text

from support import ALL_RULESETS, BASE, load_path


def p(text: str) -> ast.Expr:
    return parse_expression(text, plain_locate())


@pytest.mark.parametrize(
    "value, text",
    [
        (0, "0"),
        (3, "3"),
        (-3, "-3"),
        (Fraction(5, 2), "2.5"),
        (Fraction(-5, 2), "-2.5"),
        (Fraction(1, 8), "0.125"),
        (Fraction(1, 20), "0.05"),
        (Fraction(-1, 1000), "-0.001"),
        (Fraction(12345, 100), "123.45"),
        (Fraction(10**20 + 1, 10), "10000000000000000000.1"),
        (Fraction(1, 3), "(1 / 3)"),
        (Fraction(-2, 3), "(-2 / 3)"),
        (Fraction(1, 6), "(1 / 6)"),
    ],
)
def test_numbers_print_exactly(value, text):
    assert number_text(value) == text
    if "/" not in text:
        assert Fraction(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "a + b * c",
        "(a + b) * c",
        "a - b - c",
        "a - (b - c)",
        "a / (b * c)",
        "a * b / c",
        "-(a + b)",
        "-a * b",
        "--a",
        "x - -1",
        "-3 * x",
        "a < b <= c",
        "(a < b) = c",
        "not a and b",
        "not (a and b)",
        "not not a",
        "a or b and c",
        "(a or b) and c",
        "a and (b and c)",
        "a or (b or c)",
        "if a then 1 else 2",
        "if a then 1 else if b then 2 else 3",
        "if a then if b then 1 else 2 else 3",
        "(if a then 1 else 2) + 1",
        "(if a then 1 else 2) < 3",
        "not (if a then b else c)",
        "x + 1 in (1, 2.5)",
        'b in ("a", "b") or c',
        "f(if a then 1 else 2, x + 1)",
        "f()",
        'mean(g) >= 2.5 and x != "a"',
        "answered(x) and count_true(a, b > 1) >= 2",
        "true or false",
    ],
)
def test_minimal_parentheses(text):
    assert to_text(p(text)) == text


@pytest.mark.parametrize(
    "written, printed",
    [
        ("((a))", "a"),
        ("(a * b) + c", "a * b + c"),
        ("a + (b * c)", "a + b * c"),
        ("(a) and (b)", "a and b"),
        ("(a and b) and c", "a and b and c"),
        ("- (3)", "-3"),
        ("x   >=3", "x >= 3"),
        ("(not a)", "not a"),
        ("if (a) then (1) else (if b then 2 else 3)", "if a then 1 else if b then 2 else 3"),
        ("2.50", "2.5"),
        ("003", "3"),
        ("(-1) * x", "-1 * x"),
    ],
)
def test_normalises_layout(written, printed):
    assert to_text(p(written)) == printed


def test_trees_the_parser_cannot_build_still_print_idempotently():
    cases = [
        (Negate(Number(Fraction(3))), "-3"),
        (Negate(Negate(Number(Fraction(3)))), "3"),
        (And((And((Name("a"), Name("b"))), Name("c"))), "a and b and c"),
        (Or((Or((Name("a"), Name("b"))), Name("c"))), "a or b or c"),
        (Binary("-", Name("a"), Number(Fraction(-3))), "a - -3"),
    ]
    for tree, text in cases:
        assert to_text(tree) == text
        assert to_text(p(text)) == text


def test_number_without_a_finite_decimal_prints_as_a_quotient():
    assert to_text(Number(Fraction(1, 3))) == "(1 / 3)"
    assert p(to_text(Number(Fraction(1, 3)))) == Binary("/", Number(Fraction(1)), Number(Fraction(3)))


def test_text_that_cannot_be_written_is_refused():
    with pytest.raises(ValueError):
        to_text(String('say "hi"'))
    with pytest.raises(ValueError):
        to_text(String("two\nlines"))


def test_rule_text():
    rs = segrules.load_text(BASE)
    assert [rule_text(r) for r in rs.definition.rules] == [
        "omatoimi when resources >= 3 and complexity < 3",
        "yhteiso when resources < 3 and complexity < 3",
        "yhteistyo when resources >= 3 and complexity >= 3",
        "verkosto when resources < 3 and complexity >= 3",
    ]
    otherwise = ast.Rule(4, "muu", None, "muu otherwise")
    assert rule_text(otherwise) == "muu otherwise"


def test_checked_trees_print_as_written():
    rs = segrules.load_text(BASE).definition
    assert to_text(rs.score("resources").expr) == "mean(client_items)"
    assert to_text(rs.score("complexity").expr) == "mean(complexity_items) + (if visits > 12 then 1 else 0)"
    assert to_text(rs.input("p_risk").asked_when) == 'battery = "risk"'
    # a checked aggregate without its written arguments prints its items
    agg = rs.score("resources").expr
    bare = ast.Aggregate(agg.func, agg.items)
    assert to_text(bare) == "mean(c_manage, c_support)"
    assert to_text(ast.Answered(ast.InputRef("c_support"))) == "answered(c_support)"
    assert to_text(ast.ScoreRef("resources")) == "resources"


@pytest.mark.parametrize("path", ALL_RULESETS, ids=lambda path: path.name)
def test_checked_shipped_expressions_print_as_written(path):
    checked = load_path(path).definition
    source = read_source(path)
    unchecked = build_ruleset(parse_yaml(source), DiagnosticSink(), content_hash="", source=str(path))
    for score in unchecked.scores:
        assert p(to_text(checked.score(score.id).expr)) == score.expr
    for inp in unchecked.inputs:
        if inp.asked_when is not None:
            assert p(to_text(checked.input(inp.id).asked_when)) == inp.asked_when
    for rule, written in zip(checked.rules, unchecked.rules):
        _, segment, _, condition = parse_rule(rule_text(rule), plain_locate())
        assert (segment, condition) == (written.segment, written.condition)


def test_unknown_node_is_a_type_error():
    with pytest.raises(TypeError):
        to_text(object())
