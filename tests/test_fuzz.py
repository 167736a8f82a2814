"""Fuzzing the loader: a damaged ruleset file loads or raises a SegrulesError, nothing else.

The seeds are the shipped rulesets; Hypothesis deletes, duplicates, swaps and truncates lines,
cuts and pastes spans, inserts YAML and rule-language tokens and flips bytes. Whatever it makes,
``segrules.load`` / ``segrules.load_text`` must answer with a diagnostic (or load), never with a
KeyError, TypeError, RecursionError or the like. A ruleset that does load must then decide its
own sampled answers, again raising nothing but SegrulesError.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings, strategies as st

import segrules
from segrules.sampling import sample_answers

from support import ALL_RULESETS, only_error, variant

SEEDS = [path.read_text(encoding="utf-8") for path in ALL_RULESETS]

YAML_TOKENS = [
    "(", ")", '"', "'", ":", ": ", "- ", " ", "\n", "\t", "{", "}", "[", "]", ",", "&a ", "*a", "!x ", "!!binary ",
    "#", "|", ">", "? ", "~", "null", "no", "yes", "on", "1e9", "0x1F", "1_000", "1:20", ".inf", "\\", "%", "@",
    "`", "\x00", "\ufeff", "\r", "99999999999999999999", "---\n", "...\n", "<<: ", "ä",
]
DSL_TOKENS = [
    "(", ")", " and ", " or ", "not ", "if x then 1 else ", " then ", " else ", "-", "+", "*", "/", "/ 0", "<",
    "<=", "=", "==", "=>", "!=", " in (1, 2)", ' in ("a")', "mean(", "sum(", "min(", "max(", "count(",
    "count_true(", "answered(", ",", "0", "3", "2.5", "2,5", '"x"', "'x'", "true", "false", "battery",
    "resources", "complexity", "otherwise", " when ", "2y", "- - - -", "((((", "))))", "≥", "AND",
]


@st.composite
def damaged(draw) -> bytes:
    text = draw(st.sampled_from(SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        kind = draw(st.sampled_from(
            ["del_line", "dup_line", "swap_lines", "truncate", "del_span", "paste", "token", "dsl_token", "char", "text"]
        ))
        if kind == "del_line":
            del lines[draw(st.integers(0, len(lines) - 1))]
        elif kind == "dup_line":
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines)))
            lines.insert(j, lines[i])
        elif kind == "swap_lines":
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "dsl_token":
            dsl = [i for i, line in enumerate(lines) if "expr:" in line or " when " in line or "asked_when" in line]
            if dsl:
                i = draw(st.sampled_from(dsl))
                p = draw(st.integers(0, len(lines[i])))
                lines[i] = lines[i][:p] + draw(st.sampled_from(DSL_TOKENS)) + lines[i][p:]
        text = "\n".join(lines)
        if not text:
            continue
        p = draw(st.integers(0, len(text) - 1))
        if kind == "truncate":
            text = text[:p]
        elif kind == "del_span":
            text = text[:p] + text[p + draw(st.integers(1, 40)):]
        elif kind == "paste":
            q = draw(st.integers(0, len(text) - 1))
            text = text[:p] + text[q:q + draw(st.integers(1, 120))] + text[p:]
        elif kind == "token":
            text = text[:p] + draw(st.sampled_from(YAML_TOKENS)) + text[p:]
        elif kind == "char":
            text = text[:p] + draw(st.characters(blacklist_categories=("Cs",))) + text[p + 1:]
        elif kind == "text":
            text = text[:p] + draw(st.text(max_size=8)) + text[p:]
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 9)) == 0 and data:  # now and then a byte that breaks UTF-8
        p = draw(st.integers(0, len(data) - 1))
        data = data[:p] + bytes([draw(st.integers(0x80, 0xFF))]) + data[p + 1:]
    return data


def _load(data: bytes, folder) -> segrules.Ruleset | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        path = folder / "damaged.yaml"
        path.write_bytes(data)
        with pytest.raises(segrules.RulesetError) as info:
            segrules.load(path)
        assert info.value.code == "SR003"
        return None
    try:
        return segrules.load_text(text, "damaged.yaml")
    except segrules.SegrulesError as exc:
        assert exc.code.startswith("SR") and exc.diagnostics
        exc.format()
        return None


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=200)
@given(data=damaged(), seed=st.integers(0, 2**32 - 1))
def test_damaged_files_load_or_raise_a_segrules_error(folder, data, seed):
    rs = _load(data, folder)
    if rs is None:
        return
    rng = random.Random(seed)
    for _ in range(3):
        try:
            answers = sample_answers(rs.definition, rng)
        except segrules.SegrulesError:
            return
        for decide in (rs.segment_of, rs.decide):
            try:
                decide(answers)
            except segrules.SegrulesError:
                pass


@pytest.mark.parametrize(
    "text",
    [
        "[" * 5000 + "]" * 5000,  # PyYAML composes recursively: RecursionError
        "a: 1__0.5\n",  # YAML 1.1 floats that Python cannot read: ValueError
        "a: 1:20.5\n",
        "rules:\n  - 's when x * 2y'\n",  # Lark's example matching raised a TypeError
    ],
    ids=["deep-flow-yaml", "float-underscores", "base-60-float", "number-glued-to-name"],
)
def test_files_that_once_escaped(text):
    with pytest.raises(segrules.SegrulesError):
        segrules.load_text(text)


@pytest.mark.parametrize(
    "expr",
    [
        "- " * 1500 + "1",  # RecursionError in the parser's tree transformer
        " + ".join(["c_manage"] * 300),  # 'too many nested parentheses' in the compiled code
        "-" * 300 + "c_manage",
        "not\\n" * 300 + "true",
        "if c_manage > 1 then 1 else " * 250 + "0",
    ],
    ids=["unary-minus", "long-sum", "minus-chain", "not-chain", "if-chain"],
)
def test_expressions_that_once_escaped(expr):
    text = variant("    expr: mean(client_items)\n", f'    expr: "{expr}"\n')
    assert only_error(text, "SR201")
