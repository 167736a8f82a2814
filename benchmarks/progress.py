#!/usr/bin/env python3
"""What the progress bar costs a batch: ``segrules batch`` with its bar on a terminal against
the same command with ``--no-progress``, in paired rounds (order alternating).

Both runs have stderr on a pseudo-terminal, so that the only difference is the bar: a thread
that redraws the line five times a second, polling DuckDB's percentage, or reading the Python
engine's counter. The population is synthetic (``benchmarks/batch.py``): ``--rows`` records as
Parquet for DuckDB, and the first ``--python-rows`` of them as CSV for ``--engine python``.

Prints each round's wall times and the ratio bar / no bar (the goal: within the noise, about
1.00). Run: ``python benchmarks/progress.py`` (1M rows for DuckDB, 50,000 for Python), or
``python benchmarks/progress.py --rows 200000 --python-rows 10000 --rounds 3``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import duckdb  # noqa: E402

import segrules  # noqa: E402
from batch import population  # noqa: E402

RULESET = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"


def on_terminal(*args: str) -> float:
    """Wall seconds of ``segrules ARGS`` with stderr on a pseudo-terminal (read to the end)."""
    master, slave = os.openpty()
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "segrules", *args], cwd=ROOT, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    while True:
        try:
            if not os.read(master, 65536):
                break
        except OSError:
            break
    proc.wait()
    seconds = time.perf_counter() - started
    os.close(master)
    if proc.returncode != 0:
        raise SystemExit(f"segrules {' '.join(args)} failed ({proc.returncode})")
    return seconds


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--python-rows", type=int, default=50_000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args(argv)
    ruleset = segrules.load(str(RULESET))
    with tempfile.TemporaryDirectory(prefix="segrules-bench-progress-") as folder:
        folder = Path(folder)
        parquet, _ = population(ruleset, args.rows, 1, folder)
        csv = folder / "python.csv"
        duckdb.sql(f"COPY (SELECT * FROM '{parquet}' LIMIT {args.python_rows}) TO '{csv}' (HEADER)")
        cases = {
            "duckdb": ("--input", str(parquet)),
            "python": ("--input", str(csv), "--engine", "python"),
        }
        print(f"{args.rows} rows (DuckDB, Parquet), {args.python_rows} rows (Python engine, CSV); "
              f"load {os.getloadavg()[0]:.2f}")
        for name, case in cases.items():
            command = ("batch", str(RULESET), *case, "--output", str(folder / "out.parquet"))
            on_terminal(*command)  # once, not counted
            ratios = []
            for r in range(args.rounds):
                order = (True, False) if r % 2 == 0 else (False, True)
                times = {}
                for bar in order:
                    times[bar] = on_terminal(*command, *(() if bar else ("--no-progress",)))
                ratios.append(times[True] / times[False])
                print(f"  {name} round {r + 1}: bar {times[True]:.2f} s, no bar {times[False]:.2f} s, "
                      f"ratio {ratios[-1]:.3f}")
            print(f"{name}: bar / no bar, median {statistics.median(ratios):.3f} "
                  f"(range {min(ratios):.3f}-{max(ratios):.3f}; goal: about 1.00); load {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
