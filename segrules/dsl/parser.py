"""Parsing rule-language text into AST nodes (grammar → parse tree → AST).

Positions: the caller passes ``locate(offset) -> Span``, which maps an offset in the DSL
string to its place in the YAML file, so every node and every syntax error points into the
ruleset file itself.
"""

from __future__ import annotations

import functools

import re

from fractions import Fraction
from functools import lru_cache
from typing import Callable

import lark
from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken, VisitError

from ..errors import Span
from . import ast, tables

MAX_EXPRESSION_CHARS = 4000
MAX_DEPTH = 64

Locate = Callable[[int], Span]


class DslSyntaxError(Exception):
    """A syntax problem in one DSL string: code, message, offset in the string, hint."""

    def __init__(self, code: str, message: str, offset: int, hint: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.offset = offset
        self.hint = hint


@lru_cache(maxsize=None)
def _lark() -> Lark:
    """One LALR parser with both entry points, once per process (from the shipped tables)."""
    return tables.load()


def _parser(start: str):
    """The parse function for one entry point (``rule`` or ``expr``)."""
    return functools.partial(_lark().parse, start=start)


# Example mistakes and the message each deserves (Lark's match_examples).
_SYNTAX_EXAMPLES: dict[str, tuple[str, str | None, list[str]]] = {
    "double_equals": (
        "to compare, write a single '=' (not '==')",
        "write e.g. battery = \"risk\"",
        ["x == 3", "a >= 1 and x == 3", "x == \"a\""],
    ),
    "arrow": (
        "'=>' and '=<' are not operators",
        "write >= for 'at least' and <= for 'at most'",
        ["x => 3", "x =< 3", "a >= 1 and x => 3"],
    ),
    "missing_join": (
        "two conditions must be joined with 'and' or 'or'",
        "e.g. resources >= 3 and complexity < 3",
        ["x >= 3 y < 3", "x >= 3 y", "x < 3 (y)", "a = \"x\" b = \"y\""],
    ),
    "dangling_operator": (
        "the expression ends too early: something must follow the last word or operator",
        None,
        ["x >= 3 and", "x >= 3 or", "x +", "x >=", "not", "x in", "if x then"],
    ),
    "if_without_else": (
        "an 'if ... then ...' needs an 'else' part: if <condition> then <value> else <value>",
        None,
        ["if x then 1", "if x > 1 then 1 "],
    ),
    "in_without_parens": (
        "the values after 'in' are written in parentheses",
        'e.g. battery in ("illness", "risk")',
        ["x in 1", "x in \"a\"", "x in 1, 2", "x in a"],
    ),
}


def _friendly(exc: UnexpectedInput, text: str, start: str) -> DslSyntaxError:
    offset = getattr(exc, "pos_in_stream", None)
    if offset is None or offset < 0:
        offset = len(text.rstrip())
    if isinstance(exc, UnexpectedCharacters):
        ch = text[exc.pos_in_stream]
        replacements = {"≥": ">=", "≤": "<=", "≠": "!=", "&": "and", "|": "or", "!": "not"}
        if ch == "'":
            return DslSyntaxError("SR200", "text is written in double quotes", offset, 'e.g. battery = "risk"')
        if ch in replacements:
            return DslSyntaxError(
                "SR200", f"{ch!r} is not part of the rule language", offset, f"write {replacements[ch]}"
            )
        if ch == ",":
            return DslSyntaxError(
                "SR200", "a decimal number is written with a point", offset, "e.g. 2.5, not 2,5"
            )
        if ch == "." and not text[:offset].rstrip()[-1:].isdigit():
            return DslSyntaxError("SR200", "a decimal number starts with a digit", offset, "e.g. 0.5, not .5")
        return DslSyntaxError("SR200", f"unexpected character {ch!r}", offset)
    first = re.match(r"\s*\S+\s*", text)
    if start == "rule" and (first is None or offset <= first.end()):
        got = f"unexpected {exc.token.value!r}: " if isinstance(exc, UnexpectedToken) and exc.token.type != "$END" else ""
        return DslSyntaxError(
            "SR200",
            f"{got}a rule is written '<segment> when <condition>'",
            offset,
            "e.g. omatoimi when resources >= 3 and complexity < 3",
        )
    if isinstance(exc, UnexpectedToken) and exc.token.type == "COMMA" and re.match(r"\d", text[offset + 1 : offset + 2]) and offset > 0 and text[offset - 1].isdigit():
        return DslSyntaxError("SR200", "a decimal number is written with a point", offset, "e.g. 2.5, not 2,5")
    if isinstance(exc, UnexpectedToken):
        label = _label_from_tokens(exc, text, offset)
        if label is not None:
            message, hint, _ = _SYNTAX_EXAMPLES[label]
            if label == "double_equals":  # point at the first '=' of '=='
                offset = text.rfind("=", 0, offset)
            return DslSyntaxError("SR200", message, offset, hint)
    prefix = "s when " if start == "rule" else ""
    examples = {k: [prefix + e for e in v[2]] for k, v in _SYNTAX_EXAMPLES.items()}
    try:
        label = exc.match_examples(_parser(start), examples, use_accepts=True)
    except TypeError:  # lark 1.3 formats one of its debug messages wrongly ('x * 2y'); no match then
        label = None
    if label is not None:
        message, hint, _ = _SYNTAX_EXAMPLES[label]
        if label == "double_equals":  # point at the first '=' of '=='
            offset = text.rfind("=", 0, offset) if text.rfind("=", 0, offset) >= 0 else offset
        return DslSyntaxError("SR200", message, offset, hint)
    if isinstance(exc, UnexpectedEOF) or (isinstance(exc, UnexpectedToken) and exc.token.type == "$END"):
        if text.count("(") > text.count(")"):
            return DslSyntaxError("SR200", "a '(' is not closed", len(text.rstrip()), "add the missing ')'")
        return DslSyntaxError("SR200", "the expression ends too early", len(text.rstrip()))
    if isinstance(exc, UnexpectedToken):
        tok = exc.token
        if tok.type == "RPAR" and text[: offset + 1].count(")") > text[:offset].count("("):
            return DslSyntaxError("SR200", "this ')' has no matching '('", offset, "remove it, or add the missing '('")
        expected = _describe_expected(exc.expected)
        if tok.type == "NAME" and tok.value.lower() in ast.KEYWORDS:
            return DslSyntaxError(
                "SR200", f"unexpected {tok.value!r}: the words of the rule language are written in lower case",
                offset, f"write {tok.value.lower()}",
            )
        if tok.type in ("THEN", "ELSE"):
            return DslSyntaxError(
                "SR200", f"unexpected {tok.value!r}: it belongs to an 'if'", offset,
                "write if <condition> then <value> else <value>",
            )
        before = re.search(r"([A-Za-z_]+)\s*$", text[:offset])
        if before is not None and before.group(1) in ast.KEYWORDS - {"true", "false", "otherwise"}:
            word = before.group(1)
            if word == "if":
                return DslSyntaxError(
                    "SR200", "an 'if ... then ... else ...' inside a calculation or comparison must be in parentheses",
                    before.start(1), "e.g. 1 + (if visits > 12 then 1 else 0)",
                )
            return DslSyntaxError(
                "SR200", f"{word!r} cannot stand here", before.start(1), "check for a doubled or missing word"
            )
        if not expected and tok.type in ("NAME", "NUMBER", "STRING", "LPAR"):
            return DslSyntaxError(
                "SR200", f"unexpected {tok.value!r}: an operator (such as <, =, +) or 'and'/'or' is missing before it",
                offset, "comparisons are <, <=, >, >=, = and !=; a range is written 1 <= x <= 3",
            )
        if set(exc.expected) <= {"NUMBER", "STRING", "TRUE", "FALSE", "MINUS"} and "NUMBER" in exc.expected:
            return DslSyntaxError(
                "SR200", f"unexpected {tok.value!r}: the list after 'in' holds fixed values only", offset,
                'e.g. battery in ("illness", "risk") or visits in (1, 2, 3)',
            )
        return DslSyntaxError("SR200", f"unexpected {tok.value!r}{expected}", offset)
    return DslSyntaxError("SR200", "invalid expression", offset)


def _label_from_tokens(exc: UnexpectedToken, text: str, offset: int) -> str | None:
    """The common mistakes, told from the tokens around the error, at any depth of nesting.

    (Lark's example matching compares parser states, so it only recognises a mistake in
    the same context as its examples; these checks work inside parentheses and branches.)
    """
    tok = exc.token
    before = text[:offset].rstrip()
    if tok.type == "NAME" and tok.value.lower() in ast.KEYWORDS:
        return None  # an upper-case word of the language has its own message
    if tok.type == "COMP_OP" and before.endswith("=") and before[-2:-1] not in ("<", ">", "!", "="):
        if tok.value == "=":
            return "double_equals"
        if tok.value in ("<", ">", "<=", ">="):
            return "arrow"
    if re.search(r"(?:^|[^A-Za-z0-9_])in$", before) and tok.type != "LPAR":
        return "in_without_parens"
    if tok.type in ("NAME", "NUMBER", "STRING", "LPAR") and ("AND" in exc.expected or "OR" in exc.expected):
        # the operand just before is complete; a comparison in it means a second condition begins
        depth, start = 0, 0
        for i in range(len(before) - 1, -1, -1):
            if before[i] == ")":
                depth += 1
            elif before[i] == "(":
                if depth == 0:
                    start = i + 1
                    break
                depth -= 1
        segment = re.split(r"\b(?:and|or|not|if|then|else)\b", before[start:])[-1]
        if re.search(r"<=|>=|!=|<|>|=", segment):
            return "missing_join"
    return None


_TOKEN_WORDS = {
    "NAME": "a name", "NUMBER": "a number", "STRING": "a text in double quotes", "LPAR": "'('",
    "RPAR": "')'", "COMMA": "','", "COMP_OP": "a comparison", "PLUS": "'+'", "MINUS": "'-'",
    "TIMES": "'*'", "DIVIDE": "'/'", "AND": "'and'", "OR": "'or'", "NOT": "'not'", "IF": "'if'",
    "THEN": "'then'", "ELSE": "'else'", "IN": "'in'", "WHEN": "'when'", "OTHERWISE": "'otherwise'",
    "TRUE": "true", "FALSE": "false", "$END": "the end of the expression",
    "<END-OF-FILE>": "the end of the expression",
}


def _describe_expected(expected) -> str:
    words = sorted({_TOKEN_WORDS.get(t, t.lower().strip("$")) for t in expected if not t.startswith("__")})
    if not words or len(words) > 6:
        return ""
    return "; expected " + (words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1])


class _ToAst(Transformer):
    def __init__(self, locate: Locate):
        super().__init__()
        self._at = locate

    # rules
    def rule_when(self, c):
        name, expr = c
        return ("when", str(name), self._at(name.start_pos), expr)

    def rule_otherwise(self, c):
        (name,) = c
        return ("otherwise", str(name), self._at(name.start_pos), None)

    # expressions
    @v_args(meta=True)
    def if_expr(self, meta, c):
        cond, then, otherwise = c
        return ast.If(cond, then, otherwise, self._at(meta.start_pos))

    @v_args(meta=True)
    def or_expr(self, meta, c):
        left, right = c
        ops = (left.operands if isinstance(left, ast.Or) else (left,)) + (right,)
        return ast.Or(ops, self._at(meta.start_pos))

    @v_args(meta=True)
    def and_expr(self, meta, c):
        left, right = c
        ops = (left.operands if isinstance(left, ast.And) else (left,)) + (right,)
        return ast.And(ops, self._at(meta.start_pos))

    @v_args(meta=True)
    def not_expr(self, meta, c):
        return ast.Not(c[0], self._at(meta.start_pos))

    def compare(self, c):
        operands = tuple(c[0::2])
        ops = tuple(str(t) for t in c[1::2])
        return ast.Compare(ops, operands, self._at(c[1].start_pos))

    @v_args(meta=True)
    def in_expr(self, meta, c):
        return ast.In(c[0], tuple(c[1:]), self._at(meta.start_pos))

    def binary(self, c):
        left, op, right = c
        return ast.Binary(str(op), left, right, self._at(op.start_pos))

    def negate(self, c):
        op, operand = c
        if isinstance(operand, ast.Number):
            return ast.Number(-operand.value, self._at(op.start_pos))
        return ast.Negate(operand, self._at(op.start_pos))

    def name(self, c):
        _not_a_keyword(c[0])
        return ast.Name(str(c[0]), self._at(c[0].start_pos))

    def call(self, c):
        name = c[0]
        _not_a_keyword(name)
        return ast.Call(str(name), tuple(a for a in c[1:] if a is not None), self._at(name.start_pos))

    def negative_number(self, c):
        minus, number = c
        return ast.Number(-Fraction(str(number)), self._at(minus.start_pos))

    def number(self, c):
        return ast.Number(Fraction(str(c[0])), self._at(c[0].start_pos))
    def string(self, c):
        return ast.String(str(c[0])[1:-1], self._at(c[0].start_pos))

    @v_args(meta=True)
    def true(self, meta, c):
        return ast.Bool(True, self._at(meta.start_pos))

    @v_args(meta=True)
    def false(self, meta, c):
        return ast.Bool(False, self._at(meta.start_pos))


def _not_a_keyword(token: Token) -> None:
    """A word of the language where a name belongs (``a < 3 and or b``) is a syntax error."""
    if str(token) in ast.KEYWORDS:
        raise DslSyntaxError(
            "SR200", f"unexpected {str(token)!r}: a name or a value is missing before it", token.start_pos,
            "check for a doubled or missing word, e.g. 'a < 3 and b > 1'",
        )


def _depth(text: str) -> int:
    depth = best = 0
    for ch in text:
        if ch == "(":
            depth += 1
            best = max(best, depth)
        elif ch == ")":
            depth -= 1
    return best


def _tree_depth(tree: lark.Tree) -> int:
    best = 0
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        best = max(best, depth)
        stack.extend((c, depth + 1) for c in node.children if isinstance(c, lark.Tree))
    return best


def _parse(text: str, start: str, locate: Locate):
    if len(text) > MAX_EXPRESSION_CHARS:
        raise DslSyntaxError(
            "SR201", f"the expression is {len(text)} characters long; at most {MAX_EXPRESSION_CHARS} are allowed", 0,
            "split it into named scores",
        )
    if _depth(text) > MAX_DEPTH or text.count("not ") > MAX_DEPTH:
        raise DslSyntaxError(
            "SR201", f"the expression is nested more than {MAX_DEPTH} levels deep", 0, "split it into named scores"
        )
    if not text.strip():
        raise DslSyntaxError("SR200", "the expression is empty", 0)
    try:
        tree = _parser(start)(text)
    except UnexpectedInput as exc:
        raise _friendly(exc, text, start) from None
    except RecursionError:
        raise DslSyntaxError("SR201", "the expression is too deeply nested", 0, "split it into named scores") from None
    # Nesting without parentheses ('- - - x', 'not not ...', 'if ... else if ...', long chains of
    # '+') is only visible in the tree; every later stage walks the tree recursively.
    if _tree_depth(tree) > MAX_DEPTH + (start == "rule"):
        raise DslSyntaxError(
            "SR201", f"the expression is nested more than {MAX_DEPTH} levels deep", 0,
            "split it into named scores; add up many inputs with sum(...) or mean(...) over a group",
        )
    try:
        return _ToAst(locate).transform(tree)
    except VisitError as exc:  # an exception inside the transformer arrives wrapped
        raise exc.orig_exc from None


def parse_expression(text: str, locate: Locate) -> ast.Expr:
    return _parse(text, "expr", locate)


def parse_rule(text: str, locate: Locate) -> tuple[str, str, Span, ast.Expr | None]:
    """Returns (kind, segment id, segment span, condition) with kind ``when`` or ``otherwise``."""
    return _parse(text, "rule", locate)


def plain_locate(name: str = "<expr>") -> Locate:
    """Positions within a bare string (line 1), for DSL text that is not in a file."""
    return lambda offset: Span(name, 1, offset + 1)
