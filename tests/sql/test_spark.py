"""The generated SQL on Apache Spark (pyspark, local mode) gives, on every row, what
decide()/validate() give: every shipped ruleset in the three table shapes, and generated
rulesets, valid and invalid answers, with and without Spark's ANSI mode.

Marked ``spark``: the default run leaves these out; ``make test-spark`` installs the ``spark``
extra and runs them (``pytest -m spark``). They skip, saying why, without pyspark or Java.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import segrules
from segrules.sampling import sample_answers
from segrules.sql import compile_query, render
from segrules.sql.compiler import q
from segrules.testing import rulesets, small_ruleset_texts

from engines import run_spark, text_of
from support import ALL_RULESETS, BASE, variant
from test_sql_differential import SHAPES, _records_for, _valid_or_invalid, assert_same, every_record, shipped

pytestmark = pytest.mark.spark


def _java() -> str | None:
    """Why Java cannot run Spark here, or None when it can."""
    java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else shutil.which("java")
    if java is None or not os.path.exists(java):
        return "Java is not installed (Spark needs a Java 17 or later runtime: Debian's openjdk-17-jre-headless)"
    try:
        subprocess.run([java, "-version"], capture_output=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"Java does not run ({java}: {exc})"
    return None


@pytest.fixture(scope="module")
def spark():
    """One local Spark session for the module: two worker threads, a few shuffle partitions,
    no web UI, quiet logs, bound to 127.0.0.1 only."""
    pytest.importorskip("pyspark", reason="the 'spark' extra (pyspark) is not installed: pip install -e '.[spark]', or make test-spark")
    why = _java()
    if why:
        pytest.skip(why)
    from pyspark.sql import SparkSession

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SPARK_LOCAL_IP", "127.0.0.1")  # the driver JVM binds to loopback only
        session = (
            SparkSession.builder.master("local[2]")
            .appName("segrules-tests")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            # whole-stage code generation gives up on queries this size (over 64 KB of Java per
            # stage), logging the failure each time before it runs them interpreted
            .config("spark.sql.codegen.wholeStage", "false")
            .getOrCreate()
        )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(params=["ansi", "legacy"])
def mode(request, spark):
    """Spark's ANSI mode (the default from Spark 4) and the legacy mode (the default of 3.5)."""
    before = spark.conf.get("spark.sql.ansi.enabled")
    spark.conf.set("spark.sql.ansi.enabled", "true" if request.param == "ansi" else "false")
    yield request.param
    spark.conf.set("spark.sql.ansi.enabled", before)


# --------------------------------------------------------------------------- shipped rulesets


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("path", ALL_RULESETS, ids=lambda p: p.parent.name + "/" + p.stem)
def test_shipped_rulesets_on_spark(path, shape, spark):
    ruleset, records = shipped(path)
    records = _records_for(shape, ruleset, records)
    got = run_spark(spark, ruleset.definition, records, shape=shape)
    assert_same(ruleset, records, got, f"spark {shape}")
    assert any(r["segment"] for r in got.values())
    assert any(r["error_codes"] for r in got.values())


# --------------------------------------------------------------------------- generated rulesets


# the ANSI mode fixture holds for every example of a test
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), text=rulesets())
def test_generated_rulesets_random_answers_on_spark(data, text, spark, mode):
    ruleset = segrules.load_text(text)
    records = [(k, data.draw(_valid_or_invalid(ruleset))) for k in range(12)]
    for shape in SHAPES:
        some = _records_for(shape, ruleset, records)
        assert_same(ruleset, some, run_spark(spark, ruleset.definition, some, shape=shape), f"spark {shape} {mode}")


# the ANSI mode fixture holds for every example of a test
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=small_ruleset_texts(max_answer_sets=300))
def test_generated_rulesets_every_answer_set_on_spark(text, spark, mode):
    """Small answer spaces enumerated whole: every threshold boundary is among them."""
    ruleset = segrules.load_text(text)
    records = every_record(ruleset)
    for shape in ("wide", "typed"):
        assert_same(ruleset, records, run_spark(spark, ruleset.definition, records, shape=shape), f"spark {shape} {mode}")


# --------------------------------------------------------------------------- regressions


def test_unknown_questions_in_the_long_shape(spark, mode):
    """Answers to questions the ruleset does not have, in the long shape: each named once, in
    sorted order (the rows of a table have no order), and a record with none has no such
    problem. (The names were joined with LISTAGG, which Spark 3.5 does not have and Spark 4
    cannot plan beside COUNT(DISTINCT ...).)"""
    ruleset = segrules.load_text(BASE)
    first = ruleset.definition.inputs[0].id
    records = [
        (1, {"alpha": "2", "zeta": "1", first: "x"}),
        (2, {"alpha": "2", "zeta": "1"}),
        (3, {"alpha": "2", "alpha2": None}),
        (4, {first: "x"}),
    ]
    got = run_spark(spark, ruleset.definition, records, shape="long")
    assert_same(ruleset, records, got, f"spark long {mode}")
    assert got[2]["error_codes"].startswith("SR301,SR301,") and got[2]["error_inputs"].startswith("alpha,zeta,")
    assert "SR301" not in got[4]["error_codes"]


def _huge_axis_ruleset() -> str:
    """A ruleset whose resources axis is the mean of two items times four numbers near 10**9:
    numerators of up to 37 digits, in the wide integer type."""
    L = "{fi: t, sv: t, en: t}"
    big = "".join(
        f"  big{k}:\n    respondent: record\n    type: integer\n    min: 999990000\n    max: 999999999\n    text: {L}\n"
        for k in range(1, 5)
    )
    text = variant("groups:\n", big + "groups:\n")
    text = variant("    expr: mean(client_items)\n", "    expr: mean(client_items) * big1 * big2 * big3 * big4\n", text)
    return variant("visits: 2}", "visits: 2, big1: 999990000, big2: 999999999, big3: 999999999, big4: 999999999}", text)


def test_axis_scores_beyond_bigint(spark, mode):
    """The exact quotient that brings an axis score to lowest terms, on DECIMAL(38,0): Spark's
    DIV gives a BIGINT there and wrapped around without an error (10**20 DIV 3 was negative)."""
    ruleset = segrules.load_text(_huge_axis_ruleset())
    assert compile_query(ruleset.definition).int_type == "wide"
    rng = random.Random(3)
    records = list(enumerate(sample_answers(ruleset.definition, rng) for _ in range(40)))
    for shape in SHAPES:
        got = run_spark(spark, ruleset.definition, records, shape=shape)
        assert_same(ruleset, records, got, f"spark {shape} {mode}")
        assert any(r["resources_num"] is not None and r["resources_num"] > 10**32 for r in got.values())


def test_the_spark_query_reads_a_table_of_any_name(spark):
    """What docs/population.md shows: ``spark.sql`` over a temporary view of answers."""
    ruleset = segrules.load(ALL_RULESETS[0])
    _, records = shipped(ALL_RULESETS[0])
    records = _records_for("wide", ruleset, records)[:5]
    rows = [(k, *(text_of(a.get(i.id)) for i in ruleset.definition.inputs)) for k, a in records]
    columns = ["client"] + [i.id for i in ruleset.definition.inputs]
    spark.createDataFrame(rows, "client BIGINT, " + ", ".join(f"`{c}` STRING" for c in columns[1:])).createOrReplaceTempView(
        "registry_extract"
    )
    sql = render(compile_query(ruleset.definition, table=q("registry_extract"), key="client"), "spark")
    result = spark.sql(sql)
    assert result.columns[0] == "client"
    assert sorted(r["client"] for r in result.collect()) == sorted(k for k, _ in records)
