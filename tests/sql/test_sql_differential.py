"""The generated SQL gives, on every row, what decide()/validate() give: on DuckDB and on a
real PostgreSQL server, for every shipped ruleset and for generated rulesets, at every
threshold boundary and on random answer sets, valid and invalid."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import segrules
from segrules.dsl import ast
from segrules.engine import reference
from segrules.sampling import sample_answers
from segrules.sql import answers_from_text, reference_row
from segrules.testing import answer_sets, invalid_answer_sets, rulesets, small_ruleset_texts
from segrules.verify.brute import answer_sets as every_answer_set

from engines import carried_names, fits_json, fits_typed, holds_nul, json_text, run_duckdb, run_postgres, text_of
from support import ALL_RULESETS

pytest.importorskip("duckdb")
pytest.importorskip("sqlglot")


def expected(ruleset, records, shape="wide"):
    """What decide() gives: on the answers as a table's text holds them, or, from JSON, on the
    answers themselves."""
    out = {}
    for key, answers in records:
        if shape not in ("json", "long_json"):
            answers = answers_from_text(ruleset.definition, {k: text_of(v) for k, v in answers.items()})
        out[key] = reference_row(ruleset, answers)
    return out


def assert_same(ruleset, records, got, engine, shape="wide"):
    want = expected(ruleset, records, shape)
    assert set(got) == set(want)
    for key, answers in records:
        assert got[key] == want[key], f"{engine}, record {answers}"


# --------------------------------------------------------------------------- boundaries


def _compares(rs: ast.RulesetDef):
    exprs = [s.expr for s in rs.scores] + [r.condition for r in rs.rules if r.condition is not None]
    for e in exprs:
        for node in ast.walk(e):
            if isinstance(node, ast.Compare) and all(
                not isinstance(o, (ast.String, ast.Bool)) for o in node.operands
            ):
                for left, right in zip(node.operands, node.operands[1:]):
                    yield left, right


def _gap(rs, left, right, answers) -> Fraction | None:
    try:
        values = reference.validate_answers(rs, answers)
        scores: dict = {}
        for s in rs.scores:
            scores[s.id] = reference.evaluate(s.expr, values, rs, scores)
        a, b = reference.evaluate(left, values, rs, scores), reference.evaluate(right, values, rs, scores)
    except segrules.SegrulesError:
        return None
    if isinstance(a, (bool, str)) or isinstance(b, (bool, str)):
        return None
    return abs(Fraction(a) - Fraction(b))


def boundary_answer_sets(ruleset, rng: random.Random, count: int) -> list[dict]:
    """Answer sets on a threshold (the two sides of a comparison equal) and one step off it.

    A greedy walk: from a random valid answer set, change one numeric answer at a time to the
    value that brings the two sides of a chosen comparison closest, until they meet.
    """
    rs = ruleset.definition
    pairs = list(_compares(rs))
    numeric = [i for i in rs.inputs if i.domain.is_numeric]
    out: list[dict] = []
    if not pairs or not numeric:
        return out
    for _ in range(count):
        left, right = rng.choice(pairs)
        answers = sample_answers(rs, rng)
        gap = _gap(rs, left, right, answers)
        for _step in range(40):
            if gap is None or gap == 0:
                break
            best = None
            for inp in rng.sample(numeric, min(len(numeric), 6)):
                if inp.id not in answers:
                    continue
                for v in inp.domain.values:
                    trial = dict(answers)
                    trial[inp.id] = v
                    g = _gap(rs, left, right, trial)
                    if g is not None and (best is None or g < best[0]):
                        best = (g, trial)
            if best is None or best[0] >= gap:
                break
            gap, answers = best
        if gap == 0:
            out.append(answers)
            for inp in numeric:  # one step off the boundary, both ways
                if inp.id in answers:
                    for step in (-1, 1):
                        off = dict(answers)
                        off[inp.id] = answers[inp.id] + step
                        out.append(off)
                    break
    return out


# --------------------------------------------------------------------------- shipped rulesets


def _shipped_records(path, n_random=100, n_boundary=12):
    ruleset = segrules.load(path)
    rng = random.Random(path.name)
    records = [dict(ex.answer_dict) for ex in ruleset.definition.examples]
    records += boundary_answer_sets(ruleset, rng, n_boundary)
    records += [sample_answers(ruleset.definition, rng) for _ in range(n_random)]

    collected: list[dict] = []

    @settings(max_examples=n_random, database=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(invalid_answer_sets(ruleset))
    def invalid(case):
        collected.append(case[0])

    invalid()
    records += collected
    return ruleset, list(enumerate(records))


SHIPPED_CASES = {}


def shipped(path):
    if path not in SHIPPED_CASES:
        SHIPPED_CASES[path] = _shipped_records(path)
    return SHIPPED_CASES[path]


def _records_for(shape, ruleset, records):
    """The records a table of ``shape`` can hold: a wide table has a column per input and no
    other, a typed one only answers of the column's type; in the long shape a record with no
    answer has no row."""
    if shape == "typed":
        return [(k, a) for k, a in records if fits_typed(ruleset.definition, a)]
    if shape == "json":
        return [(k, a) for k, a in records if fits_json(ruleset.definition, a)]
    if shape == "long_json":
        return [(k, a) for k, a in records if a and all(v is None or json_text(v) is not None for v in a.values())]
    if shape == "long":
        return [(k, a) for k, a in records if a]
    ids = {i.id for i in ruleset.definition.inputs}
    return [(k, a) for k, a in records if set(a) <= ids]


#: answers as text (long: a row per answer; wide: a column per input) and in typed columns,
#: which every engine reads
SHAPES = ("long", "wide", "typed")
#: answers as JSON values of their own kinds (a JSON Lines file; json/jsonb columns), which
#: DuckDB and PostgreSQL read
JSON_SHAPES = ("json", "long_json")


@pytest.mark.parametrize("shape", SHAPES + JSON_SHAPES)
@pytest.mark.parametrize("path", ALL_RULESETS, ids=lambda p: p.parent.name + "/" + p.stem)
def test_shipped_rulesets_on_duckdb(path, shape, duck):
    ruleset, records = shipped(path)
    records = _records_for(shape, ruleset, records)
    assert len(records) > 120
    got = run_duckdb(duck, ruleset.definition, records, shape=shape)
    assert_same(ruleset, records, got, "duckdb", shape)
    # the boundaries reached, and both kinds of record
    assert any(r["segment"] for r in got.values())
    assert any(r["error_codes"] for r in got.values())


@pytest.mark.parametrize("shape", SHAPES + JSON_SHAPES)
@pytest.mark.parametrize("path", ALL_RULESETS, ids=lambda p: p.parent.name + "/" + p.stem)
def test_shipped_rulesets_on_postgres(path, shape, pg):
    ruleset, records = shipped(path)
    records = _records_for(shape, ruleset, records)
    got = run_postgres(pg, ruleset.definition, records, shape=shape)
    assert_same(ruleset, records, got, "postgres", shape)


def test_boundary_walk_reaches_thresholds():
    ruleset = segrules.load(ALL_RULESETS[0])
    found = boundary_answer_sets(ruleset, random.Random(1), 10)
    assert found
    pairs = list(_compares(ruleset.definition))
    assert any(_gap(ruleset.definition, l, r, a) == 0 for a in found for l, r in pairs)


# --------------------------------------------------------------------------- generated rulesets


def every_record(ruleset) -> list[tuple[int, dict]]:
    """Every answer set of a (small) ruleset's space, numbered, without the unanswered inputs."""
    return [(k, {i: v for i, v in values.items() if v is not None})
            for k, (values, _case) in enumerate(every_answer_set(ruleset.definition))]


def _valid_or_invalid(ruleset):
    return st.one_of(answer_sets(ruleset), invalid_answer_sets(ruleset).map(lambda t: t[0]))


@settings(max_examples=25, deadline=None)
@given(data=st.data(), text=rulesets())
def test_generated_rulesets_random_answers(data, text, duck, pg):
    """Wide tables also carry columns through, named like the query's own columns (``#key``,
    ``a#v``) or anyhow: each comes out under its name, unchanged (``engines.run_duckdb``)."""
    ruleset = segrules.load_text(text)
    records = [(k, data.draw(_valid_or_invalid(ruleset))) for k in range(12)]
    carry = data.draw(carried_names(ruleset.definition))
    for shape in SHAPES + JSON_SHAPES:
        some = _records_for(shape, ruleset, records)
        assert_same(ruleset, some, run_duckdb(duck, ruleset.definition, some, shape=shape, carry=carry),
                    f"duckdb {shape}", shape)
        if shape != "json":  # PostgreSQL text cannot hold NUL; a json column holds its escape
            some = [(k, a) for k, a in some if not holds_nul(a)]
        assert_same(ruleset, some, run_postgres(pg, ruleset.definition, some, shape=shape, carry=carry),
                    f"postgres {shape}", shape)


@settings(max_examples=25, deadline=None)
@given(text=small_ruleset_texts(max_answer_sets=300))
def test_generated_rulesets_every_answer_set(text, duck, pg):
    """Small answer spaces enumerated whole: every threshold boundary is among them."""
    ruleset = segrules.load_text(text)
    records = every_record(ruleset)
    for shape in ("wide", "typed", "json"):
        assert_same(ruleset, records, run_duckdb(duck, ruleset.definition, records, shape=shape), f"duckdb {shape}",
                    shape)
        assert_same(ruleset, records, run_postgres(pg, ruleset.definition, records, shape=shape), f"postgres {shape}",
                    shape)
