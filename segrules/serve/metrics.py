"""The service's Prometheus metrics, in a registry of its own (one per app, no global state)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

# seconds; decisions take well under a millisecond, so the low buckets are fine-grained
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0)


class Metrics:
    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        r = self.registry = CollectorRegistry(auto_describe=True)
        self.decisions = Counter(
            "segrules_decisions", "Decisions by ruleset, segment and status (decided, overridden, rejected, failed).",
            ("ruleset", "segment", "status"), registry=r,
        )
        self.latency = Histogram(
            "segrules_request_duration_seconds", "Time to answer a request, by endpoint.",
            ("endpoint",), buckets=LATENCY_BUCKETS, registry=r,
        )
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
