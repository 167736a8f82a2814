"""Smoke test of benchmarks/record.py: the harness runs, checks its records, and reports ratios."""

from __future__ import annotations

import sys

from support import ROOT, load_script


def test_a_small_run():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        module = load_script(ROOT / "benchmarks" / "record.py", "bench_record")
        results = module.run(200, 2, 1)
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    names = [r["variant"] for r in results["results"]]
    assert names[0] == "hand-written" and "decide + record" in names
    assert all(r["ratio"] > 0 for r in results["results"]) and results["results"][0]["ratio"] == 1.0
    assert "decide + record text" in names and "decide + full record text" in names
    assert "decide + record text" in module.table(results) and "full_target_met" in results
