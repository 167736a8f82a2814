"""benchmarks/serve.py's own arithmetic: the server's processor time per round, and the table."""

from __future__ import annotations

import os
import time

import pytest

from support import ROOT, load_script

serve = load_script(ROOT / "benchmarks" / "serve.py", "bench_serve")


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="needs Linux's per-thread counters")
def test_cpu_seconds_counts_this_process_and_grows_with_work():
    before = serve.cpu_seconds(os.getpid())
    deadline = time.process_time() + 0.05
    while time.process_time() < deadline:  # 50 ms of work
        pass
    after = serve.cpu_seconds(os.getpid())
    assert before is not None and after - before >= 0.04


def test_cpu_seconds_of_no_process_is_none():
    assert serve.cpu_seconds(2**22 + 12345) is None  # above Linux's largest process id


def _row(cpu: bool) -> dict:
    side = {"rps": 1000.0, "p50_ms": 1.0, "p99_ms": 2.0}
    row = {"clients": 8, "segrules": side, "bare": side, "throughput_ratio": 0.7, "throughput_ratio_range": [0.6, 0.8],
           "p99_ratio": 1.3, "p99_ratio_range": [1.1, 1.5], "server_cpu_us": None, "server_cpu_ratio": None,
           "server_cpu_ratio_range": None}
    if cpu:
        row.update(server_cpu_us={"segrules": 240.0, "bare": 168.0}, server_cpu_ratio=0.7,
                   server_cpu_ratio_range=[0.65, 0.79])
    return row


def test_the_table_shows_the_server_cpu_ratio_where_it_was_read():
    assert serve._cpu_cell(_row(True)) == "240 / 168 (**0.70**, 0.65–0.79)"
    assert serve._cpu_cell(_row(False)) == "–"
    assert serve._cpu_cell({}) == "–"  # a result written before the column existed
