"""One YAML grammar on every machine: with libyaml and with the pure-Python parser, every
shipped ruleset and every file the loader fuzzer makes gives the same values at the same
places, or the same problems with the same messages at the same places."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from segrules.errors import RulesetError
from segrules.pipeline import check_definition  # noqa: F401 - the loader the CLI uses
from segrules.source import PurePythonLoader, decode_source, parse_yaml, walk

from support import ALL_RULESETS, yaml_reader
from test_fuzz import damaged

pytestmark = pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML was built without libyaml")


def _read(text: str, loader) -> tuple:
    try:
        with yaml_reader(loader):
            doc = parse_yaml(decode_source(text.encode("utf-8", "surrogatepass"), "m.yaml"))
    except RulesetError as exc:
        return ("refused", [(d.code, d.message, d.span and (d.span.line, d.span.column), d.hint) for d in exc.diagnostics])
    values = [(type(v).__name__, v.span.line, v.span.column, getattr(v, "value", None), getattr(v, "raw", None)) for v in walk(doc)]
    return ("read", values)


def _same(text: str) -> None:
    with_libyaml = _read(text, yaml.CSafeLoader)
    pure = _read(text, PurePythonLoader)
    assert with_libyaml == pure


@pytest.mark.parametrize("path", ALL_RULESETS, ids=lambda p: p.name)
def test_every_shipped_ruleset_reads_the_same_with_either_parser(path):
    text = path.read_text(encoding="utf-8")
    assert _read(text, PurePythonLoader)[0] == "read"
    _same(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(damaged())
def test_every_fuzzed_file_reads_the_same_with_either_parser(data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return  # refused before any parser runs, the same way on every machine
    _same(text)


def test_a_question_mark_inside_a_flow_mapping_reads_with_either_parser():
    text = "a: {fi: Muistatko?, sv: Minns du?, en: Remember?}\n"
    assert _read(text, PurePythonLoader) == _read(text, yaml.CSafeLoader)
    assert _read(text, PurePythonLoader)[1][2][3] == "Muistatko?"


def test_a_tab_after_a_question_mark_is_reported_at_the_tab_with_either_parser():
    lines = ["a: {fi: Muistatko?, sv: t, en: t}"] + [f"k{i}: {i}" for i in range(39)] + ["b:", "\tc: 1"]
    text = "\n".join(lines) + "\n"
    for loader in (yaml.CSafeLoader, PurePythonLoader):
        kind, problems = _read(text, loader)
        assert kind == "refused"
        [(code, message, at, hint)] = problems
        assert code == "SR010" and at[0] == 42 and "tab" in hint


@pytest.mark.parametrize("text", [
    "a: b\tc\n",  # a tab inside a plain value
    "a: b \t c\n",
    "k: v\t\t\nl: 2\n",  # tabs after a value
    "a: b\t# note\n",
    "a:\tb\n",  # a tab after ':'
    "- a\tb\n",
    "a\tb: c\n",
    "a: [b\tc, d]\n",
    "a: {b:\tc}\n",
    "a: b\n \tc\n",  # a continued line: the tab after its indentation
    "a: b\n  \t c\n",
    "a: b\n\tc\n",  # a tab as indentation: refused by both
    "a:\n  b: 1\n\t c: 2\n",
    "x:\n  a: b\n \t c\n",
    "a:\n  - x\n  -\ty\n",
])
def test_tabs_outside_quotes_read_the_same_with_either_parser(text):
    _same(text)


def test_a_tab_inside_a_plain_value_is_kept():
    kind, values = _read("a: b\tc\n", PurePythonLoader)
    assert kind == "read" and values[1][3] == "b\tc"


@pytest.mark.parametrize("text", [
    "version: !!str 1.0.0\n",
    "a: !!bool true\nb: !!int 3\nc: !!float 1.5\nd: !!null\n",
    "a: ! x\n",
    "!!str a: 1\n",
    "a: !!map {b: 1}\nc: !!seq\n- 1\n",
])
def test_every_tag_is_refused_the_same_with_either_parser(text):
    for loader in (yaml.CSafeLoader, PurePythonLoader):
        kind, problems = _read(text, loader)
        assert kind == "refused" and problems and {p[0] for p in problems} == {"SR014"}
    _same(text)
