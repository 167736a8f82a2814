"""The counts every request updates are exposed as prometheus_client's own metrics would be."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

from segrules.serve.metrics import LATENCY_BUCKETS, Metrics

ENDPOINTS = st.sampled_from(["/v1/rulesets/{id}/decide", "/health/live", "unmatched"])
SECONDS = st.one_of(st.sampled_from(LATENCY_BUCKETS), st.floats(0, 30, allow_nan=False), st.just(float("nan")))
KEYS = st.tuples(st.sampled_from(["helsinki.suuntima", "vantaa"]), st.sampled_from(["", "omatoimi", "tuki"]),
                 st.sampled_from(["decided", "overridden", "rejected", "failed"]))


def samples(text: bytes, name: str) -> list[str]:
    """The exposition's lines of one metric (its help and type too), in their order; of the
    time each series was created, only that it is there."""
    return [line.rsplit(" ", 1)[0] if "_created{" in line else line
            for line in text.decode().splitlines() if name in line and "HELP" not in line]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(ENDPOINTS, SECONDS), max_size=40), st.lists(KEYS, max_size=40))
def test_the_request_counts_read_as_prometheus_client_writes_them(observed, decided):
    """Values on a bucket's bound count in that bucket (le), beyond the last in +Inf, NaN in
    none (but in the sum); the sum and the count are the observations'; decisions count per
    label set; each series says when it was created."""
    ours = Metrics()
    reference = CollectorRegistry()
    histogram = Histogram("segrules_request_duration_seconds", "Time to answer a request, by endpoint.",
                          ("endpoint",), buckets=LATENCY_BUCKETS, registry=reference)
    counter = Counter("segrules_decisions", "Decisions by ruleset, segment and status (decided, overridden, "
                      "rejected, failed).", ("ruleset", "segment", "status"), registry=reference)
    for endpoint, seconds in observed:
        ours.latency.observe(endpoint, seconds)
        histogram.labels(endpoint).observe(seconds)
    for key in decided:
        ours.decisions.add(key)
        counter.labels(*key).inc()
    got, expected = ours.render(), generate_latest(reference)
    for name in ("segrules_request_duration_seconds", "segrules_decisions"):
        assert samples(got, name) == samples(expected, name)
    assert ours.decisions.value(*decided[0]) == decided.count(decided[0]) if decided else True
    for endpoint in {e for e, _ in observed}:
        assert ours.latency.count(endpoint) == sum(1 for e, v in observed if e == endpoint and v == v)
