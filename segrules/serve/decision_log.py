"""The decision log: one JSON line per decision, written by a thread of its own.

A line names the decision (a random id), the time, the ruleset (id, version, content hash),
the segment, the rule and whether a person overrode the suggestion. It holds no answers, no
scores and no override reason (free text may name a person) unless ``log_answers`` is set.

Requests put lines on a bounded queue. When the disk is slower than the decisions and the
queue is full, the policy decides: ``block`` makes the request wait for room (no line is
lost), ``drop`` answers at once and counts the dropped line in the metrics. A failed write
is counted too, and readiness says degraded: nothing is lost silently.
"""

from __future__ import annotations

import asyncio
import json
import os
import queue
import threading
import time
import uuid
from typing import Any

from ..engine.runtime import Decision
from ..errors import UsageError
from .metrics import Metrics

_STOP = object()


def log_record(decision: Decision, decision_id: str, endpoint: str, answers: Any = None) -> dict:
    """The log line of one decision; ``answers`` only when answers are to be logged."""
    d = decision
    record = {
        "decision_id": decision_id,
        "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "assessed_at": d.assessed_at.isoformat(),
        "endpoint": endpoint,
        "ruleset": d.ruleset.to_json(),
        "segment": d.segment_id,
        "rule": d.rule.index + 1,
        "override": {"overridden": d.is_overridden, "suggested_segment": (d.suggested or d.segment).id},
    }
    if answers is not None:
        record["answers"] = answers
        if d.is_overridden:
            record["override"]["reason"] = d.override_reason
    return record


def new_decision_id() -> str:
    return str(uuid.uuid4())


class DecisionLog:
    """Appends records to ``path`` from a writer thread; ``put`` applies the full-queue policy."""

    def __init__(self, path: str, *, policy: str, capacity: int, metrics: Metrics):
        self.path = path
        self.policy = policy
        self.metrics = metrics
        self.error: str | None = None  # the last write failure, for readiness
        self._queue: queue.Queue = queue.Queue(maxsize=capacity)
        try:  # unbuffered: a failed write leaves nothing behind to fail again
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        except OSError as exc:
            raise UsageError(f"cannot open the decision log {path}: {exc.strerror or exc}", code="SR905") from None
        self._thread = threading.Thread(target=self._run, name="segrules-decision-log", daemon=True)
        self._thread.start()

    async def put(self, record: dict) -> None:
        try:
            self._queue.put_nowait(record)
        except queue.Full:
            if self.policy == "drop":
                self.metrics.log_dropped.labels("queue_full").inc()
                return
            await asyncio.get_running_loop().run_in_executor(None, self._queue.put, record)
        self.metrics.log_queue.set(self._queue.qsize())

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            batch = [item]
            while True:  # write what has gathered in one go
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            stop = any(x is _STOP for x in batch)
            lines = [json.dumps(x, ensure_ascii=False, sort_keys=True) + "\n" for x in batch if x is not _STOP]
            if lines:
                try:
                    self._write("".join(lines).encode("utf-8"))
                except OSError as exc:
                    self.error = f"SR905 the decision log {self.path} cannot be written: {exc.strerror or exc}"
                    self.metrics.log_dropped.labels("write_failed").inc(len(lines))
                else:
                    self.metrics.log_written.inc(len(lines))
            self.metrics.log_queue.set(self._queue.qsize())
            if stop:
                return

    def _write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view):]

    def close(self) -> None:
        """Write what is queued, then close the file."""
        self._queue.put(_STOP)
        self._thread.join()
        try:
            os.fsync(self._fd)
        except OSError:
            pass  # a pipe or a device: nothing to sync
        os.close(self._fd)
