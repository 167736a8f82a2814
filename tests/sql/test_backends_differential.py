"""Every back end against the reference evaluator, on generated rulesets and populations.

The generator (``segrules.testing.rulesets(backends=True)`` and ``populations``) makes what
the back ends got wrong before: questions asked only when another conditional question says
so, with that control missing or invalid; scores beyond 64 bits; awkward texts and labels.
Each record goes through the reference evaluator, ``segment_of`` and ``decide``, the SQL on
DuckDB (text, long and JSON shapes) and PostgreSQL (text and long shapes), and the HTTP
service's batch endpoint (see ``backends.compare``).

A bounded run is part of the suite. ``make fuzz-backends`` is the long run
(``SEGRULES_FUZZ_RECORDS`` records, a million by default) with fresh random examples; it
prints the figures and fails on any difference, listing the first ones. The same comparison
on Spark is marked ``spark`` (``make test-spark``).
"""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from segrules.testing import populations, rulesets

from backends import Tally, compare, ruleset_of
from support import mini

pytest.importorskip("duckdb")
pytest.importorskip("sqlglot")

#: the long run's records (``make fuzz-backends``); 0 in the normal suite, which skips it
LONG_RECORDS = int(os.environ.get("SEGRULES_FUZZ_RECORDS", "0") or 0)
#: records per generated ruleset in the long run, and how many of them the service decides
LONG_PER_RULESET = int(os.environ.get("SEGRULES_FUZZ_PER_RULESET", "10000") or 10000)
LONG_SERVICE = 100


@st.composite
def ruleset_and_population(draw, min_size: int, max_size: int):
    text = draw(rulesets(backends=True))
    ruleset = ruleset_of(text)
    return text, ruleset, draw(populations(ruleset, min_size=min_size, max_size=max_size))


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=ruleset_and_population(30, 100))
def test_every_backend_gives_what_the_reference_evaluator_gives(case, duck, pg):
    text, ruleset, population = case
    tally = compare(ruleset, text, population, duck=duck, pg=pg, service=30)
    assert tally.differences == 0, tally.report()


def test_the_harness_finds_a_difference(duck, monkeypatch):
    """A back end that answers differently is reported, with the record and the fields."""
    import backends

    text = mini({"kind": "enum a b", "b1": ("boolean", 'kind = "a"')}, {}, ["one when b1", "two otherwise"],
                hit_policy="first")
    ruleset = ruleset_of(text)
    real = backends.engine_row
    monkeypatch.setattr(backends, "engine_row", lambda rs, a: dict(real(rs, a), segment="nowhere"))
    tally = compare(ruleset, text, [{}], duck=duck)
    assert tally.differences >= 1 and "decide" in tally.examples[0] and "nowhere" in tally.examples[0]


@pytest.mark.skipif(not LONG_RECORDS, reason="the long run: make fuzz-backends (SEGRULES_FUZZ_RECORDS)")
def test_long_run(duck, pg):
    """At least ``SEGRULES_FUZZ_RECORDS`` generated records through every back end."""
    total = Tally()
    started = time.perf_counter()
    rounds = -(-LONG_RECORDS // LONG_PER_RULESET)

    @settings(max_examples=rounds, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(case=ruleset_and_population(LONG_PER_RULESET, LONG_PER_RULESET))
    def run(case):
        if total.records >= LONG_RECORDS:
            return
        text, ruleset, population = case
        total.add(compare(ruleset, text, population, duck=duck, pg=pg, service=LONG_SERVICE))

    while total.records < LONG_RECORDS:  # Hypothesis may stop a round early
        run()
    seconds = time.perf_counter() - started
    print(f"\nfuzz-backends: {total.report()}\nfuzz-backends: {seconds:.0f} s")
    assert total.differences == 0, total.report()


@pytest.mark.spark
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(case=ruleset_and_population(20, 60))
def test_spark_gives_what_the_reference_evaluator_gives(case, spark):
    text, ruleset, population = case
    tally = compare(ruleset, text, population, spark=spark)
    assert tally.differences == 0, tally.report()


from test_spark import spark  # noqa: E402,F401 - the module's local Spark session, for the test above
