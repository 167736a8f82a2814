"""Questions asked only when another conditional question says so: when a control's answer is
missing or invalid, the SQL names only the problems ``decide()`` names (no extra SR405 for the
questions further down the chain), on DuckDB and PostgreSQL, at every depth, under both hit
policies."""

from __future__ import annotations

import itertools

import pytest

import segrules
from segrules.sql import SqlCompileError, compile_query

from engines import run_duckdb, run_postgres
from support import mini
from test_sql_differential import assert_same, _records_for

pytest.importorskip("duckdb")

#: the chain of the report: ``kind``; ``b1`` asked when kind = "a"; ``s3`` asked when b1 = true
CHAIN = {
    "kind": "enum a b",
    "b1": ("boolean", 'kind = "a"'),
    "s3": ("integer 0..5", "b1 = true"),
}


def chain_ruleset(hit_policy: str = "first") -> segrules.Ruleset:
    rules = ["one when count(s3) = 0", "two when count(s3) = 1"]
    if hit_policy == "first":
        rules.append("two otherwise")
    return segrules.load_text(mini(CHAIN, {"n": "count(s3)"}, rules, hit_policy=hit_policy))


def test_the_reported_chain_names_only_the_first_problem(duck):
    """The sketch of the report: ``{}`` is SR304 on kind, ``{"kind": "zz"}`` SR302 on kind."""
    ruleset = chain_ruleset()
    records = [(0, {}), (1, {"kind": "zz"})]
    got = run_duckdb(duck, ruleset.definition, records, shape="wide")
    assert (got[0]["error_codes"], got[0]["error_inputs"]) == ("SR304", "kind")
    assert (got[1]["error_codes"], got[1]["error_inputs"]) == ("SR302", "kind")
    assert_same(ruleset, records, got, "duckdb")


def _every_record(definition) -> list[tuple[int, dict]]:
    """Every combination of no answer, each allowed answer and a wrong one, for each input."""
    options = []
    for inp in definition.inputs:
        wrong = ["zz"] if inp.domain.kind == "enum" else ["maybe"] if inp.domain.kind == "boolean" else [99, "x"]
        options.append([None, *inp.domain.values, *wrong])
    records = []
    for k, combo in enumerate(itertools.product(*options)):
        records.append((k, {i.id: v for i, v in zip(definition.inputs, combo) if v is not None}))
    return records


#: chains of depth 2 to 4, over choices, yes/no and numbers, required and optional, with
#: conditions on several controls and on answered()
CHAINS = {
    "reported": CHAIN,
    "deep": {
        "kind": "enum a b c",
        "b1": ("boolean", 'kind in ("a", "b")'),
        "n2": ("integer 0..3", "b1"),
        "s3": ("scale", "n2 >= 2"),
    },
    "optional": {
        "kind": "enum a b",
        "b1": ("boolean?", 'kind = "a"'),
        "s3": ("integer 0..2", "answered(b1) and b1"),
    },
    "two_controls": {
        "kind": "enum a b",
        "age": "integer 60..70",
        "b1": ("boolean", 'kind = "a" or age >= 65'),
        "s3": ("integer 0..2?", "b1 and age < 68"),
    },
    # conditions that read no answer but divide (so may fail, to the SQL): never asked, and
    # always failing, whatever the answers
    "constant": {
        "kind": "enum a b",
        "b1": ("boolean?", "1 / -2 = 1"),
        "s3": ("integer 0..2", 'kind = "a"'),
    },
    "constant_error": {
        "kind": "enum a b",
        "b1": ("boolean?", "1 / 0 = 1"),
        "s3": ("integer 0..2", 'kind = "a"'),
    },
}


@pytest.mark.parametrize("hit_policy", ["first", "unique"])
@pytest.mark.parametrize("chain", sorted(CHAINS))
def test_every_missing_and_invalid_control_on_duckdb_and_postgres(chain, hit_policy, duck, pg):
    inputs = CHAINS[chain]
    last = list(inputs)[-1]
    rules = [f"one when count({last}) = 0", f"two when count({last}) = 1"]
    if hit_policy == "first":
        rules.append("two otherwise")
    ruleset = segrules.load_text(mini(inputs, {"n": f"count({last})"}, rules, hit_policy=hit_policy))
    records = _every_record(ruleset.definition)
    for shape in ("wide", "long", "typed", "json"):
        some = _records_for(shape, ruleset, records)
        assert_same(ruleset, some, run_duckdb(duck, ruleset.definition, some, shape=shape), f"duckdb {shape}", shape)
    for shape in ("wide", "long"):
        some = _records_for(shape, ruleset, records)
        assert_same(ruleset, some, run_postgres(pg, ruleset.definition, some, shape=shape), f"postgres {shape}", shape)


def test_a_condition_on_too_many_answer_combinations_is_refused():
    """The SQL tries every class of answers the unsure controls could have had; beyond the
    reference evaluator's budget of combinations it cannot, and says so (SR800)."""
    inputs = {f"x{k}": "integer 0..9" for k in range(4)}
    inputs["late"] = ("boolean", "x0 + x1 + x2 + x3 > 1")
    text = mini(inputs, {"n": "count(late)"}, ["one when count(late) = 0", "two otherwise"], hit_policy="first")
    with pytest.raises(SqlCompileError, match="combinations"):
        compile_query(segrules.load_text(text).definition)


@pytest.mark.spark
@pytest.mark.parametrize("chain", ["reported", "two_controls"])
def test_every_missing_and_invalid_control_on_spark(chain, spark):
    from engines import run_spark

    inputs = CHAINS[chain]
    last = list(inputs)[-1]
    ruleset = segrules.load_text(mini(inputs, {"n": f"count({last})"},
                                      [f"one when count({last}) = 0", "two otherwise"], hit_policy="first"))
    records = _every_record(ruleset.definition)
    for shape in ("wide", "long"):
        some = _records_for(shape, ruleset, records)
        assert_same(ruleset, some, run_spark(spark, ruleset.definition, some, shape=shape), f"spark {shape}", shape)


from test_spark import spark  # noqa: E402,F401 - the module's local Spark session, for the test above
