"""The rule-language parser: every construct, the syntax messages, and parse/print round trips."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

from segrules.dsl import ast, parser
from segrules.dsl.ast import And, Binary, Bool, Call, Compare, If, In, Name, Negate, Not, Number, Or, String
from segrules.dsl.parser import DslSyntaxError, parse_expression, parse_rule, plain_locate
from segrules.dsl.printer import rule_text, to_text
from segrules.errors import Span
from segrules.source import parse_yaml, read_source
from segrules.dsl.loader import build_ruleset
from segrules.errors import DiagnosticSink

from support import ALL_RULESETS

# the expression strategy is recursive, and Hypothesis warns that its repr is long
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")


def p(text: str) -> ast.Expr:
    return parse_expression(text, plain_locate())


def n(value) -> Number:
    return Number(Fraction(value))


def x(id: str = "x") -> Name:
    return Name(id)


def fails(text: str, start: str = "expr") -> DslSyntaxError:
    fn = parse_expression if start == "expr" else parse_rule
    with pytest.raises(DslSyntaxError) as info:
        fn(text, plain_locate())
    return info.value


# ----------------------------------------------------------------------------- constructs


@pytest.mark.parametrize(
    "text, tree",
    [
        ("3", n(3)),
        ("2.5", n("2.5")),
        ("0.125", n("0.125")),
        ("007", n(7)),
        ('"risk"', String("risk")),
        ('""', String("")),
        ("true", Bool(True)),
        ("false", Bool(False)),
        ("c_manage", x("c_manage")),
        ("pärjääjä", x("pärjääjä")),
        ("android", x("android")),  # a name may start with a keyword
        ("notice", x("notice")),
        ("iffy", x("iffy")),
        ("true_value", x("true_value")),
        ("mean(g)", Call("mean", (x("g"),))),
        ("f()", Call("f", ())),
        ("max(a, b + 1, 2)", Call("max", (x("a"), Binary("+", x("b"), n(1)), n(2)))),
        ("-3", n(-3)),
        ("- 2.5", n("-2.5")),
        ("--3", n(3)),
        ("-x", Negate(x())),
        ("--x", Negate(Negate(x()))),
        ("-(3)", n(-3)),
        ("a + b * c", Binary("+", x("a"), Binary("*", x("b"), x("c")))),
        ("(a + b) * c", Binary("*", Binary("+", x("a"), x("b")), x("c"))),
        ("a - b - c", Binary("-", Binary("-", x("a"), x("b")), x("c"))),
        ("a - (b - c)", Binary("-", x("a"), Binary("-", x("b"), x("c")))),
        ("a / b / c", Binary("/", Binary("/", x("a"), x("b")), x("c"))),
        ("-a * b", Binary("*", Negate(x("a")), x("b"))),
        ("a * -b", Binary("*", x("a"), Negate(x("b")))),
        ("x - -1", Binary("-", x(), n(-1))),
        ("x >= 3", Compare((">=",), (x(), n(3)))),
        ("1 <= x < 3", Compare(("<=", "<"), (n(1), x(), n(3)))),
        ("a = b != c", Compare(("=", "!="), (x("a"), x("b"), x("c")))),
        ("x + 1 > y * 2", Compare((">",), (Binary("+", x(), n(1)), Binary("*", x("y"), n(2))))),
        ("(a < b) = c", Compare(("=",), (Compare(("<",), (x("a"), x("b"))), x("c")))),
        ('b in ("a", "b")', In(x("b"), (String("a"), String("b")))),
        ("v in (1, 2.5, true)", In(x("v"), (n(1), n("2.5"), Bool(True)))),
        ("a and b and c", And((x("a"), x("b"), x("c")))),
        ("(a and b) and c", And((x("a"), x("b"), x("c")))),
        ("a and (b and c)", And((x("a"), And((x("b"), x("c")))))),
        ("a or b and c", Or((x("a"), And((x("b"), x("c")))))),
        ("(a or b) and c", And((Or((x("a"), x("b"))), x("c")))),
        ("not a and b", And((Not(x("a")), x("b")))),
        ("not not a", Not(Not(x("a")))),
        ("not x < 3", Not(Compare(("<",), (x(), n(3))))),
        ("if a then 1 else 2", If(x("a"), n(1), n(2))),
        ("if a then 1 else if b then 2 else 3", If(x("a"), n(1), If(x("b"), n(2), n(3)))),
        ("if a then if b then 1 else 2 else 3", If(x("a"), If(x("b"), n(1), n(2)), n(3))),
        ("if a or b then x + 1 else x - 1", If(Or((x("a"), x("b"))), Binary("+", x(), n(1)), Binary("-", x(), n(1)))),
        ("(if a then 1 else 0) + 1", Binary("+", If(x("a"), n(1), n(0)), n(1))),
        ("1 + (if a then 1 else 0)", Binary("+", n(1), If(x("a"), n(1), n(0)))),
        ("  x\n  >=\t3  ", Compare((">=",), (x(), n(3)))),
        ("((((x))))", x()),
    ],
)
def test_constructs(text, tree):
    assert p(text) == tree


def test_negative_numbers_in_a_list():
    assert p("v in (-1, - 2.5)") == In(x("v"), (n(-1), n("-2.5")))


def test_spans_point_at_tokens():
    e = p("alpha + beta >= 3")
    assert e.span == Span("<expr>", 1, 14)  # the comparison operator
    assert e.operands[0].span.column == 7  # the '+'
    assert e.operands[0].left.span.column == 1
    assert e.operands[0].right.span.column == 9
    assert p("  mean(g)").span.column == 3
    assert p("x and y").span.column == 1


def test_locate_maps_offsets():
    e = parse_expression("a + b", lambda offset: Span("f.yaml", 10, 20 + offset))
    assert e.right.span == Span("f.yaml", 10, 24)


@pytest.mark.parametrize(
    "text, kind, segment, condition",
    [
        ("omatoimi when x >= 3", "when", "omatoimi", Compare((">=",), (x(), n(3)))),
        ("  verkosto   when a and b", "when", "verkosto", And((x("a"), x("b")))),
        ("muu otherwise", "otherwise", "muu", None),
    ],
)
def test_rules(text, kind, segment, condition):
    got_kind, got_segment, span, got_condition = parse_rule(text, plain_locate())
    assert (got_kind, got_segment, got_condition) == (kind, segment, condition)
    assert span.column == text.index(segment) + 1


# ----------------------------------------------------------------------------- syntax messages


@pytest.mark.parametrize(
    "label, example",
    [(label, example) for label, (_, _, examples) in parser._SYNTAX_EXAMPLES.items() for example in examples],
)
@pytest.mark.parametrize("start", ["expr", "rule"])
def test_friendly_syntax_messages(label, example, start):
    message, hint, _ = parser._SYNTAX_EXAMPLES[label]
    text = example if start == "expr" else "seg when " + example
    err = fails(text, start)
    assert (err.code, err.message, err.hint) == ("SR200", message, hint)
    assert 0 <= err.offset <= len(text)


@pytest.mark.parametrize("context", ["({})", "a > 1 and ({})", "if a then 1 else {}", "f({})"])
@pytest.mark.parametrize("label", ["double_equals", "arrow", "missing_join", "in_without_parens"])
def test_friendly_message_in_nested_contexts(label, context):
    if label not in parser._SYNTAX_EXAMPLES:
        pytest.skip(f"no {label} examples")
    message, _, examples = parser._SYNTAX_EXAMPLES[label]
    assert fails(context.format(examples[0])).message == message


def test_double_equals_points_at_the_operator():
    assert fails("resources == 3").offset == len("resources ")


@pytest.mark.parametrize(
    "text, fragment, offset",
    [
        ("battery = 'risk'", "double quotes", 10),
        ("x ≥ 3", "'≥' is not part", 2),
        ("x ≤ 3", "'≤' is not part", 2),
        ("x ≠ 3", "'≠' is not part", 2),
        ("a & b", "'&' is not part", 2),
        ("a | b", "'|' is not part", 2),
        ("!a", "'!' is not part", 0),
        ("x > .5", "starts with a digit", 4),
        ("x # 3", "unexpected character '#'", 2),
    ],
)
def test_unexpected_characters(text, fragment, offset):
    err = fails(text)
    assert err.code == "SR200" and fragment in err.message and err.offset == offset
    assert err.hint or "unexpected character" in err.message


def test_replacement_hints():
    assert fails("x ≥ 3").hint == "write >="
    assert fails("a & b").hint == "write and"


@pytest.mark.parametrize("text", ["x > 2,5", "mean(a) >= 2,5"])
def test_decimal_comma(text):
    err = fails(text)
    assert "decimal number is written with a point" in err.message
    assert err.offset == text.index(",")


@pytest.mark.parametrize("text", ["omatoimi", "omatoimi x > 3", "omatoimi if x > 3", "when x > 3", "omatoimi when"])
def test_rule_shape(text):
    err = fails(text, "rule")
    assert "a rule is written '<segment> when <condition>'" in err.message


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_expression(text):
    assert fails(text).message == "the expression is empty"


def test_unclosed_parenthesis():
    err = fails("mean(a, b")
    assert err.message == "a '(' is not closed" and err.offset == len("mean(a, b")


def test_unmatched_closing_parenthesis():
    err = fails("x > 3)")
    assert "no matching '('" in err.message and err.offset == 5


@pytest.mark.parametrize("text, word", [("a AND b", "and"), ("(a > 1) AND b", "and"), ("a In (1)", "in")])
def test_upper_case_keyword(text, word):
    err = fails(text)
    assert "lower case" in err.message and err.hint == f"write {word}"


@pytest.mark.parametrize("text", ["x then 1", "x else 1"])
def test_stray_then_else(text):
    assert "it belongs to an 'if'" in fails(text).message


def test_if_inside_arithmetic_needs_parentheses():
    err = fails("1 + if a then 1 else 0")
    assert "must be in parentheses" in err.message and err.offset == 4


@pytest.mark.parametrize("text", ["a and or b", "a or and b", "not and a"])
def test_keyword_where_a_value_belongs(text):
    err = fails(text)
    assert err.code == "SR200"
    assert "cannot stand here" in err.message or "missing before it" in err.message


@pytest.mark.parametrize("text", ["a < 3 and or", "when", "x + then"])
def test_keyword_as_a_name(text):
    err = fails(text)
    assert err.code == "SR200" and err.offset == text.rindex(text.split()[-1])


def test_missing_operator():
    err = fails('x "a"')
    assert err.code == "SR200" and err.offset == 2


def test_in_list_takes_literals_only():
    err = fails("x in (1, y)")
    assert "fixed values only" in err.message and err.offset == 9


def test_generic_unexpected_token_names_what_was_expected():
    err = fails("x * * 2")
    assert err.code == "SR200" and err.offset == 4
    assert "expected" in err.message


def test_too_long():
    err = fails("x + " * 1000 + "x")
    assert err.code == "SR201" and "characters" in err.message


@pytest.mark.parametrize(
    "text",
    [
        "(" * 65 + "x" + ")" * 65,
        "not " * 65 + "x",
        "not\n" * 65 + "x",  # nesting written without spaces must count too
        "- " * 65 + "x",
        "- " * 1500 + "1",
        " + ".join(["x"] * 66),  # each '+' is a level of the tree
        "if a then 1 else " * 65 + "0",
    ],
)
def test_too_deep(text):
    assert fails(text).code == "SR201"


def test_at_the_depth_limit():
    assert isinstance(p("(" * 64 + "x" + ")" * 64), Name)
    p(" + ".join(["x"] * 60))
    p("not " * 60 + "x")


# ----------------------------------------------------------------------------- round trips

KEYWORDS = ast.KEYWORDS
names = st.one_of(
    st.sampled_from(["x", "c_manage", "android", "notice", "iffy", "order", "then_x", "pärjääjä", "_a1"]),
    st.from_regex(r"[a-z_][a-z0-9_]{0,5}", fullmatch=True),
).filter(lambda s: s not in KEYWORDS)

decimals = st.builds(lambda v, k: Fraction(v, 10**k), st.integers(0, 10**6), st.integers(0, 3))
numbers = st.one_of(st.builds(Number, decimals), st.builds(lambda f: Number(-f), decimals))
strings = st.builds(String, st.text(st.characters(blacklist_characters='"\n', blacklist_categories=("Cs",)), max_size=8))
bools = st.builds(Bool, st.booleans())
literals = st.one_of(st.builds(Number, decimals), strings, bools)  # what may stand in 'in (...)'
leaves = st.one_of(numbers, strings, bools, st.builds(Name, names))


def _folds_to_number(e) -> bool:
    while isinstance(e, Negate):
        e = e.operand
    return isinstance(e, Number)


def _extend(children):
    return st.one_of(
        st.builds(Negate, children.filter(lambda e: not _folds_to_number(e))),
        st.builds(Binary, st.sampled_from("+-*/"), children, children),
        st.integers(1, 3).flatmap(
            lambda k: st.builds(
                Compare,
                st.lists(st.sampled_from(["<", "<=", ">", ">=", "=", "!="]), min_size=k, max_size=k).map(tuple),
                st.lists(children, min_size=k + 1, max_size=k + 1).map(tuple),
            )
        ),
        st.builds(In, children, st.lists(literals, min_size=1, max_size=3).map(tuple)),
        # the parser flattens 'a and b and c' into one node: a nested first operand cannot occur
        st.builds(And, st.lists(children, min_size=2, max_size=3).filter(lambda o: not isinstance(o[0], And)).map(tuple)),
        st.builds(Or, st.lists(children, min_size=2, max_size=3).filter(lambda o: not isinstance(o[0], Or)).map(tuple)),
        st.builds(Not, children),
        st.builds(If, children, children, children),
        st.builds(Call, names, st.lists(children, max_size=3).map(tuple)),
    )


expressions = st.deferred(lambda: st.recursive(leaves, _extend, max_leaves=14))


@settings(max_examples=200)
@given(expressions)
def test_print_then_parse_gives_the_same_tree(e):
    text = to_text(e)
    assert p(text) == e, text


@settings(max_examples=200)
@given(expressions)
def test_printing_is_idempotent(e):
    text = to_text(e)
    assert to_text(p(text)) == text


def _parsed_expressions(path):
    source = read_source(path)
    rs = build_ruleset(parse_yaml(source), DiagnosticSink(source.lines), content_hash="", source=str(path))
    assert rs is not None
    exprs = [s.expr for s in rs.scores] + [i.asked_when for i in rs.inputs if i.asked_when is not None]
    return rs, exprs + [r.condition for r in rs.rules if r.condition is not None]


@pytest.mark.parametrize("path", ALL_RULESETS, ids=lambda path: path.name)
def test_shipped_expressions_round_trip(path):
    rs, exprs = _parsed_expressions(path)
    assert exprs
    for e in exprs:
        text = to_text(e)
        assert p(text) == e, text
        assert to_text(p(text)) == text
    for rule in rs.rules:
        kind, segment, _, condition = parse_rule(rule_text(rule), plain_locate())
        assert (segment, condition) == (rule.segment, rule.condition)
        assert kind == ("otherwise" if rule.is_otherwise else "when")


@pytest.mark.parametrize("text", ["x * 2y", "x + 0s", "sign / 0s = 0", "1 <= 3x"])
def test_number_glued_to_a_name(text):
    # once crashed with a TypeError inside Lark's example matching
    err = fails(text)
    assert err.code == "SR200"
    assert text[err.offset].isalpha()
    fails("seg when " + text, "rule")
