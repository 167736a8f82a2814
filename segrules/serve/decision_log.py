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
import errno
import json
import os
import queue
import stat
import threading
import time
from typing import Any, Iterable

from ..engine.runtime import Decision
from ..errors import UsageError, safe_text
from ..files import OutputError, check_output, is_stream_alias, os_reason
from ..source import looks_like_model
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
    """A random (version 4) UUID as text, as ``str(uuid.uuid4())`` writes it, made without the
    UUID object: one is made for every decision."""
    h = os.urandom(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:]}"


_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}  # the first hex digit of the variant field


_FIRST_LINE_BYTES = 4 * 1024 * 1024  # a line with answers is at most about the body limit


def is_decision_log(data: bytes) -> bool:
    """Whether ``data`` (the start of a file) begins with a line this log writes."""
    line = data.split(b"\n", 1)[0]
    try:
        record = json.loads(line)
    except ValueError:
        return False
    return isinstance(record, dict) and {"decision_id", "ruleset", "segment"} <= set(record)


def check_log_file(path: str, inputs: Iterable[str] = ()) -> None:
    """Refuse (SR520) a decision log that is one of the run's ``inputs`` (a ruleset), or an
    existing regular file that holds anything but decision-log lines: appending would spoil it.

    An empty file, a new file, a pipe, a terminal and ``/dev/stdout`` (wherever the operator
    sent it) are fine.
    """
    check_output(path, inputs, force=True)  # an input by any name: SR520 (a model: below)
    try:
        st = os.stat(path)
    except OSError:
        return  # nothing there yet (or unreachable: opening it will say why)
    if not stat.S_ISREG(st.st_mode) or st.st_size == 0 or is_stream_alias(path):
        return  # a pipe, a terminal, an empty file, or /dev/stdout redirected by the operator
    try:
        with open(path, "rb") as f:
            start = f.read(_FIRST_LINE_BYTES)
    except OSError:
        return  # unreadable (write-only): opening it for appending decides
    if not is_decision_log(start):
        shown = safe_text(path, limit=300)
        what = "a segrules model" if looks_like_model(start) else "something that is not a decision log"
        raise OutputError(
            f"the decision log {shown} already holds {what}; appending to it would spoil it "
            "(give a new file, or an existing decision log)",
            code="SR520",
        )


class DecisionLog:
    """Appends records to ``path`` from a writer thread; ``put`` applies the full-queue policy."""

    def __init__(self, path: str, *, policy: str, capacity: int, metrics: Metrics, inputs: Iterable[str] = ()):
        self.path = path
        self.policy = policy
        self.metrics = metrics
        self.error: str | None = None  # the last write failure, for readiness
        self._queue: queue.Queue = queue.Queue(maxsize=capacity)
        check_log_file(path, inputs)
        shown = safe_text(path, limit=300)
        try:  # unbuffered: a failed write leaves nothing behind to fail again; a FIFO without
            # a reader is refused at once instead of holding the start
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK, 0o600)
        except OSError as exc:
            reason = "it is a pipe that nothing reads" if exc.errno == errno.ENXIO else os_reason(exc)
            raise UsageError(f"cannot open the decision log {shown}: {reason}", code="SR905") from None
        os.set_blocking(self._fd, True)
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
                    self._write("".join(lines).encode("utf-8", "backslashreplace"))  # a lone surrogate escaped
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
