"""Smoke test of benchmarks/record.py: the harness runs, checks its records, and reports ratios."""

from __future__ import annotations

import importlib.util
import sys

from support import ROOT


def test_a_small_run():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        spec = importlib.util.spec_from_file_location("bench_record", ROOT / "benchmarks" / "record.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        results = module.run(200, 2, 1)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    names = [r["variant"] for r in results["results"]]
    assert names[0] == "hand-written" and "decide + record" in names
    assert all(r["ratio"] > 0 for r in results["results"]) and results["results"][0]["ratio"] == 1.0
    assert "decide + record" in module.table(results)
