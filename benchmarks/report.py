#!/usr/bin/env python3
"""`segrules report` with its audit, against counting the same batch result alone.

A synthetic batch result (generated, never real people): ``--rows`` records of Suuntima,
their scores drawn with DuckDB's hash from 1..5 on each axis (so all four segments and all
four regions of the quadrant), 2 % rejected with one or two error codes, and a ``unit`` column
of 20 values: 17 large units and 3 small ones (about 40, 12 and 3 records), so that small
cells, and sums that would give them away, are there to suppress. Written as Parquet.

Then, in paired rounds on the same machine, order alternating, after one run of each that is
not counted:

- ``report``: ``segrules report suuntima.yaml --input result.parquet --by unit --json`` in a
  process of its own: start-up, counting, suppression with its audit (z3), and the output;
- ``count``: the baseline, a process that runs the report's counting queries alone
  (``segrules.population.counts.count_batch`` on the same file) and nothing else.

The difference is what suppression and its audit cost. Also prints, from one run in this
process, how many counts were hidden and the narrowest interval the audit found. Writes
benchmarks/results/report-<rows>.json.

Run: ``make bench-report`` (10M rows), or ``python benchmarks/report.py --rows 100000 --rounds 1
--no-write``.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULESET = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"
COUNT_ONLY = (
    "import sys, duckdb, segrules\n"
    "from segrules.population.counts import count_batch\n"
    "rs = segrules.load(sys.argv[1]).definition\n"
    "count_batch(duckdb.connect(), f\"read_parquet('{sys.argv[2]}')\", rs, ['unit'])\n"
)


def write_population(path: Path, rows: int) -> None:
    import duckdb

    con = duckdb.connect()
    con.execute(f"""
    COPY (
      SELECT i AS record_id,
        CASE WHEN i % 50 = 7 THEN NULL
             WHEN r >= 3 AND c < 3 THEN 'omatoimi' WHEN r < 3 AND c < 3 THEN 'yhteiso'
             WHEN r >= 3 AND c >= 3 THEN 'yhteistyo' ELSE 'verkosto' END AS segment,
        CASE WHEN i % 50 = 7 THEN (CASE WHEN i % 7 = 0 THEN 'SR302,SR304' ELSE 'SR302' END) END AS error_codes,
        CASE WHEN i % 50 = 7 THEN NULL ELSE r END::BIGINT AS resources_num,
        CASE WHEN i % 50 = 7 THEN NULL ELSE 1 END::BIGINT AS resources_den,
        CASE WHEN i % 50 = 7 THEN NULL ELSE c END::BIGINT AS complexity_num,
        CASE WHEN i % 50 = 7 THEN NULL ELSE 1 END::BIGINT AS complexity_den,
        CASE WHEN h < 40 THEN 'u18' WHEN h < 52 THEN 'u19' WHEN h < 55 THEN 'u20'
             ELSE 'u' || lpad(((h % 17) + 1)::VARCHAR, 2, '0') END AS unit
      FROM (SELECT i, hash(i) % {rows} AS h, (hash(i * 3 + 1) % 5) + 1 AS r, (hash(i * 7 + 2) % 5) + 1 AS c
            FROM range({rows}) t(i))
    ) TO '{path}' (FORMAT parquet)""")


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{argv[:4]} failed: {proc.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only; write no results file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        result = Path(folder) / "result.parquet"
        start = time.perf_counter()
        write_population(result, args.rows)
        print(f"wrote {args.rows:,} records in {time.perf_counter() - start:.1f} s")
        commands = {
            "report": [sys.executable, "-m", "segrules", "report", str(RULESET), "--input", str(result), "--by", "unit",
                       "--json"],
            "count": [sys.executable, "-c", COUNT_ONLY, str(RULESET), str(result)],
        }
        for argv in commands.values():  # warm-up, not counted
            timed(argv)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for i in range(args.rounds):
            for name in (list(commands) if i % 2 == 0 else list(reversed(commands))):
                times[name].append(timed(commands[name]))
        doc = json.loads(subprocess.run(commands["report"], cwd=ROOT, capture_output=True, text=True).stdout)
    median = {name: statistics.median(ts) for name, ts in times.items()}
    audit = doc["audit"]
    print(f"report (count + suppress + audit): {median['report']:.2f} s   counting alone: {median['count']:.2f} s   "
          f"ratio {median['report'] / median['count']:.2f}")
    print(f"hidden counts: {audit['hidden_counts']}; narrowest interval: {audit['narrowest']}")
    out = {
        "rows": args.rows, "rounds": args.rounds, "seconds": times, "median": median,
        "ratio_report_to_count": median["report"] / median["count"], "audit": audit,
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "measured": time.strftime("%Y-%m-%d"),
    }
    if not args.no_write:
        path = ROOT / "benchmarks" / "results" / f"report-{args.rows}.json"
        path.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
