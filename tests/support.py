"""Helpers for tests: a small complete ruleset, variants of it, and finding places in text."""

from __future__ import annotations

import contextlib
import functools
import random
from pathlib import Path

import pytest
import yaml

import segrules
import segrules.source
from segrules.errors import Diagnostic, RulesetError

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = sorted(p for p in (ROOT / "rulesets").rglob("*.yaml") if p.name != "crosswalk.yaml")
BENCH = ROOT / "benchmarks" / "suuntima_bench.yaml"
ALL_RULESETS = SHIPPED + [BENCH]

#: the YAML readers segrules may run with: libyaml's where PyYAML has it, and the pure-Python one
YAML_READERS = tuple(r for r in (getattr(yaml, "CSafeLoader", None), segrules.source.PurePythonLoader) if r is not None)


@contextlib.contextmanager
def yaml_reader(loader):
    """Read YAML with ``loader`` (one of YAML_READERS) for a while, as on a machine with only it."""
    saved = segrules.source._LOADER
    segrules.source._LOADER = loader
    try:
        yield
    finally:
        segrules.source._LOADER = saved

L = "{fi: t, sv: t, en: t}"

PATHWAY = f"""\
    contact: {L}
    appointments: [{L}]
    coordination: {L}
    self_care: {L}
    reassess_after_months: 12
"""

# A complete, valid, exclusive ruleset with every kind of input; the tests make variants of it
# by replacing one unique piece of text.
BASE = f"""\
format: 1
id: test.base
version: 1.0.0
title: {{fi: Testimalli, sv: Testmodell, en: Test model}}
hit_policy: unique
scales:
  agree5:
    label: {L}
    values:
      1: {L}
      2: {L}
      3: {L}
      4: {L}
      5: {L}
inputs:
  battery:
    respondent: professional
    type: enum
    values:
      illness: {L}
      risk: {L}
    text: {L}
  c_manage:
    respondent: client
    type: scale
    scale: agree5
    text: {L}
  c_support:
    respondent: client
    type: scale
    scale: agree5
    optional: true
    text: {L}
  p_illness:
    respondent: professional
    type: scale
    scale: agree5
    asked_when: battery = "illness"
    text: {L}
  p_risk:
    respondent: professional
    type: scale
    scale: agree5
    asked_when: battery = "risk"
    text: {L}
  visits:
    respondent: record
    type: integer
    min: 0
    max: 50
    text: {L}
  lives_alone:
    respondent: client
    type: boolean
    optional: true
    text: {L}
groups:
  client_items: [c_manage, c_support]
  complexity_items: [p_illness, p_risk]
scores:
  resources:
    label: {L}
    expr: mean(client_items)
  complexity:
    label: {L}
    expr: mean(complexity_items) + (if visits > 12 then 1 else 0)
axes:
  resources: resources
  complexity: complexity
segments:
  omatoimi:
    label: {L}
    aliases: [pärjääjä]
    quadrant: {{resources: high, complexity: low}}
    service_use: occasional
  yhteiso:
    label: {L}
    quadrant: {{resources: low, complexity: low}}
    service_use: occasional
  yhteistyo:
    label: {L}
    quadrant: {{resources: high, complexity: high}}
    service_use: heavy
  verkosto:
    label: {L}
    quadrant: {{resources: low, complexity: high}}
    service_use: heavy
rules:
  - omatoimi  when resources >= 3 and complexity < 3
  - yhteiso   when resources < 3 and complexity < 3
  - yhteistyo when resources >= 3 and complexity >= 3
  - verkosto  when resources < 3 and complexity >= 3
pathways:
  omatoimi:
{PATHWAY}\
  yhteiso:
{PATHWAY}\
  yhteistyo:
{PATHWAY}\
  verkosto:
{PATHWAY.replace("reassess_after_months: 12", "reassess_after_months: 6")}\
examples:
  - name: copes well
    answers: {{battery: illness, c_manage: 5, c_support: 4, p_illness: 1, visits: 2}}
    expect: omatoimi
"""


def load_script(path: Path, name: str):
    """A script of the project (a docs generator, a benchmark) loaded as a module, to test it."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


def variant(old: str, new: str, text: str = BASE, count: int = 1) -> str:
    """``text`` with the only occurrence of ``old`` replaced (fails loudly if it is not unique)."""
    assert text.count(old) == count, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def where(text: str, needle: str, nth: int = 0, offset: int = 0) -> tuple[int, int]:
    """1-based (line, column) of the nth occurrence of ``needle`` in ``text``, plus ``offset``."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    pos += offset
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, column


def problems(text: str, name: str = "t.yaml") -> tuple[Diagnostic, ...]:
    """Every diagnostic of a ruleset text that does not load."""
    with pytest.raises(RulesetError) as info:
        segrules.load_text(text, name)
    return info.value.diagnostics


def errors(text: str, name: str = "t.yaml") -> list[Diagnostic]:
    return [d for d in problems(text, name) if d.is_error]


def only_error(text: str, code: str, name: str = "t.yaml") -> Diagnostic:
    """The one error of ``text``; it must have ``code``."""
    errs = errors(text, name)
    assert [d.code for d in errs] == [code], [d.format() for d in errs]
    return errs[0]


def at(d: Diagnostic) -> tuple[int, int]:
    assert d.span is not None, d.format()
    return d.span.line, d.span.column


@functools.lru_cache(maxsize=512)
def load_cached(text: str) -> segrules.Ruleset:
    """Loading is the slow part of a property test; Hypothesis replays the same texts often."""
    return segrules.load_text(text, "generated.yaml")


@functools.lru_cache(maxsize=None)
def load_path(path: Path) -> segrules.Ruleset:
    return segrules.load(path)


def mini(
    inputs: dict[str, str | tuple[str, str]],
    scores: dict[str, str],
    rules: list[str],
    hit_policy: str = "unique",
) -> str:
    """A small ruleset text. Input specs: ``scale`` (1-5), ``integer LO..HI``, ``boolean``,
    ``enum A B ...``; a trailing ``?`` makes the input optional; a tuple (spec, condition)
    adds ``asked_when``. Segments are the ones the rules name."""
    lines = [
        "format: 1", "id: test.mini", "version: 0.1.0", f"title: {L}", f"hit_policy: {hit_policy}",
        "scales:", "  s5:", "    values:",
    ]
    lines += [f"      {v}: {L}" for v in range(1, 6)]
    lines.append("inputs:")
    for iid, spec in inputs.items():
        asked_when = None
        if isinstance(spec, tuple):
            spec, asked_when = spec
        optional = spec.endswith("?")
        kind, *args = spec.rstrip("?").split()
        lines += [f"  {iid}:", "    respondent: client", f"    type: {kind}", f"    text: {L}"]
        if kind == "scale":
            lines.append("    scale: s5")
        elif kind == "integer":
            lo, hi = args[0].split("..")
            lines += [f"    min: {lo}", f"    max: {hi}"]
        elif kind == "enum":
            lines.append("    values:")
            lines += [f"      {code}: {L}" for code in args]
        if optional:
            lines.append("    optional: true")
        if asked_when:
            lines.append(f"    asked_when: '{asked_when}'")
    if scores:
        lines.append("scores:")
        for sid, expr in scores.items():
            lines += [f"  {sid}:", f"    label: {L}", f"    expr: '{expr}'"]
    segments = list(dict.fromkeys(r.split()[0] for r in rules))
    lines.append("segments:")
    for seg in segments:
        lines += [f"  {seg}:", f"    label: {L}", "    service_use: heavy"]
    lines.append("rules:")
    lines += [f"  - '{r}'" for r in rules]
    lines.append("pathways:")
    for seg in segments:
        lines.append(f"  {seg}:")
        lines.append(PATHWAY.rstrip("\n"))
    return "\n".join(lines) + "\n"


def synthetic_batch(rs, n, seed=1, units=("u1", "u2", "u3")):
    """A batch result of ``n`` synthetic records decided by the Python engine, plus one rejected."""
    import duckdb
    from segrules.sampling import sample_answers

    rng = random.Random(seed)
    rows = []
    for i in range(n):
        answers = sample_answers(rs.definition, rng)
        d = rs.decide(answers)
        r, c = d.scores["resources"], d.scores["complexity"]
        rows.append((i, d.segment_id, None, r.numerator, r.denominator, c.numerator, c.denominator,
                     answers.get("battery"), rng.choice(units)))
    rows.append((n, None, "SR302,SR304", None, None, None, None, None, units[0]))
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE result(record_key INT, segment VARCHAR, error_codes VARCHAR, resources_num BIGINT, "
        "resources_den BIGINT, complexity_num BIGINT, complexity_den BIGINT, battery VARCHAR, unit VARCHAR)"
    )
    con.executemany("INSERT INTO result VALUES (?,?,?,?,?,?,?,?,?)", rows)
    return con, rows


#: A ruleset of one score ``s``, two segments lo and hi (``one_score`` fills it in)
ONE_SCORE = """format: 1
id: {id}
version: 1.0.0
title: {{fi: t, sv: t, en: t}}
hit_policy: first
{scales}inputs:
{inputs}
scores:
  s: {{label: {{fi: s, sv: s, en: s}}, expr: "{expr}"}}
segments:
  lo: {{label: {{fi: l, sv: l, en: l}}, service_use: occasional}}
  hi: {{label: {{fi: h, sv: h, en: h}}, service_use: heavy}}
rules:
  - {rule}
  - hi otherwise
pathways:
  lo: {{contact: {{fi: t, sv: t, en: t}}, appointments: [{{fi: t, sv: t, en: t}}], coordination: {{fi: t, sv: t, en: t}}, self_care: {{fi: t, sv: t, en: t}}, reassess_after_months: 12}}
  hi: {{contact: {{fi: t, sv: t, en: t}}, appointments: [{{fi: t, sv: t, en: t}}], coordination: {{fi: t, sv: t, en: t}}, self_care: {{fi: t, sv: t, en: t}}, reassess_after_months: 12}}
"""
#: The default question of ``one_score``: an integer n, 1 or 2
ONE_INPUT = "  n: {respondent: client, type: integer, min: 1, max: 2, text: {fi: n, sv: n, en: n}}"


def one_score(expr: str, rule: str = "lo when s < 1", *, inputs: str = ONE_INPUT, scales: str = "",
              id: str = "test.score") -> str:
    """A ruleset's text: the score ``s`` is ``expr`` over ``inputs`` (YAML lines under
    ``inputs:``; scales, if any, their own lines), segment lo where ``rule`` holds, hi otherwise."""
    return ONE_SCORE.format(expr=expr, rule=rule, inputs=inputs, scales=f"{scales}\n" if scales else "", id=id)
