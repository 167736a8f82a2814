"""The service's Prometheus metrics, in a registry of its own (one per app, no global state).

The two that every request updates, the decisions and the time to answer, are plain counts
that Prometheus reads when it scrapes (``DecisionCounts``, ``LatencyHistogram``):
prometheus_client's own metrics take a lock for every update, which cost a request more
than its decision. They are updated and read by the request loop only (the ``/metrics``
route runs there too), so they need no lock; the other metrics are updated from other
threads as well (the decision log's writer, reloads) and stay prometheus_client's.
"""

from __future__ import annotations

import time
from bisect import bisect_left

from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest
from prometheus_client.core import CounterMetricFamily, HistogramMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.samples import Sample
from prometheus_client.utils import floatToGoString

# seconds; decisions take well under a millisecond, so the low buckets are fine-grained
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0)


class DecisionCounts:
    """``segrules_decisions_total`` by ruleset, segment and status, counted by ``add``."""

    name, documentation = "segrules_decisions", (
        "Decisions by ruleset, segment and status (decided, overridden, rejected, failed).")
    labels = ("ruleset", "segment", "status")

    def __init__(self) -> None:
        self.counts: dict[tuple[str, str, str], int] = {}
        self.created: dict[tuple[str, str, str], float] = {}  # when each series was first counted

    def add(self, key: tuple[str, str, str]) -> None:
        counts = self.counts
        count = counts.get(key)
        if count is None:
            self.created[key] = time.time()
            count = 0
        counts[key] = count + 1

    def value(self, *key: str) -> int:
        return self.counts.get(key, 0)

    def describe(self):
        yield CounterMetricFamily(self.name, self.documentation, labels=self.labels)

    def collect(self):
        family = CounterMetricFamily(self.name, self.documentation, labels=self.labels)
        for key, count in self.counts.items():
            family.add_metric(key, count, created=self.created[key])
        yield family


class LatencyHistogram:
    """``segrules_request_duration_seconds`` by endpoint, observed by ``observe``: per
    endpoint, the count in each bucket (the last is beyond the largest bound) and the sum."""

    name, documentation = "segrules_request_duration_seconds", "Time to answer a request, by endpoint."

    def __init__(self, buckets: tuple[float, ...] = LATENCY_BUCKETS) -> None:
        self.bounds = buckets
        self.by_endpoint: dict[str, list] = {}
        self.created: dict[str, float] = {}  # when each endpoint's series was first observed

    def observe(self, endpoint: str, seconds: float) -> None:
        counts = self.by_endpoint.get(endpoint)
        if counts is None:
            counts = self.by_endpoint[endpoint] = [0] * (len(self.bounds) + 1) + [0.0]
            self.created[endpoint] = time.time()
        if seconds == seconds:  # NaN is in no bucket and not counted (only summed), as prometheus_client does
            counts[bisect_left(self.bounds, seconds)] += 1  # the first bucket whose bound is >= seconds
        counts[-1] += seconds

    def count(self, endpoint: str) -> int:
        counts = self.by_endpoint.get(endpoint)
        return sum(counts[:-1]) if counts is not None else 0

    def describe(self):
        yield HistogramMetricFamily(self.name, self.documentation, labels=("endpoint",))

    def collect(self):
        family = HistogramMetricFamily(self.name, self.documentation, labels=("endpoint",))
        for endpoint, counts in self.by_endpoint.items():
            buckets, total = [], 0
            for bound, count in zip((*map(floatToGoString, self.bounds), "+Inf"), counts):
                total += count
                buckets.append((bound, total))
            family.add_metric((endpoint,), buckets, counts[-1])
            family.samples.append(Sample(self.name + "_created", {"endpoint": endpoint}, self.created[endpoint]))
        yield family


class Metrics:
    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        r = self.registry = CollectorRegistry(auto_describe=True)
        self.decisions = DecisionCounts()
        r.register(self.decisions)
        self.latency = LatencyHistogram()
        r.register(self.latency)
        self.rejected = Counter(
            "segrules_rejected_inputs", "Rejected inputs by error code (answer problems and refused requests).",
            ("code",), registry=r,
        )
        self.log_written = Counter("segrules_decision_log_written", "Decision-log lines written.", registry=r)
        self.log_dropped = Counter(
            "segrules_decision_log_dropped", "Decision-log lines dropped: the queue was full (policy drop) "
            "or the disk could not be written.", ("reason",), registry=r,
        )
        self.log_queue = Gauge("segrules_decision_log_queue", "Decision-log lines waiting to be written.", registry=r)
        self.reloads = Counter("segrules_reloads", "Reloads by result (ok, degraded).", ("result",), registry=r)
        self.served = Gauge(
            "segrules_ruleset_info", "The rulesets in service (value 1).", ("ruleset", "version", "content_hash"),
            registry=r,
        )
        self.ready = Gauge("segrules_ready", "1 ok, 0.5 degraded, 0 not ready.", registry=r)

    def set_served(self, served) -> None:
        self.served.clear()
        for s in served:
            self.served.labels(s.ruleset.id, s.ruleset.version, s.ruleset.content_hash).set(1)

    def render(self) -> bytes:
        return generate_latest(self.registry)
