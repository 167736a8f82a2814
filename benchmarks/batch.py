#!/usr/bin/env python3
"""Batch segmentation speed: DuckDB (the generated SQL) against the Python engine, same run.

A synthetic population (generated, never real people): ``--rows`` records drawn with a
seeded generator from a pool of valid answer sets of the ruleset (``segrules.sampling``),
with a share of invalid answers mixed in, written as Parquet. Then, in paired rounds:

- ``duckdb``: ``run_batch`` Parquet → Parquet with the DuckDB engine, as ``segrules batch``
  runs it (compiling and rendering the SQL included);
- ``python``: the Python engine's per-record loop, ``Ruleset.segment_of`` on each record's
  answers already in memory as dicts (the baseline; reading and writing files not counted,
  which favours it).

Prints rows/s and the ratio, and writes benchmarks/results/batch.json.

Run: ``make bench-batch`` (1M rows) or ``python benchmarks/batch.py --rows 100000 --rounds 1``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402

import segrules  # noqa: E402
from segrules.errors import SegrulesError  # noqa: E402
from segrules.sampling import sample_answers  # noqa: E402
from segrules.sql.batch import run_batch  # noqa: E402

POOL = 20_000
INVALID_SHARE = 0.02


def population(ruleset, rows: int, seed: int, folder: Path) -> tuple[Path, list[dict]]:
    """A Parquet file of ``rows`` synthetic records, and their answers (pool entries, shared)."""
    rs = ruleset.definition
    rng = random.Random(seed)
    pool = [sample_answers(rs, rng) for _ in range(POOL)]
    numeric = [i for i in rs.inputs if i.domain.is_numeric]
    for k in range(int(POOL * INVALID_SHARE)):  # out of the domain: rejected with SR302
        inp = rng.choice(numeric)
        pool[k] = dict(pool[k], **{inp.id: inp.domain.values[-1] + 1})
    ids = [i.id for i in rs.inputs]
    con = duckdb.connect()
    cols = ", ".join(f'"{i}" VARCHAR' for i in ids)
    con.execute(f"CREATE TABLE pool (pool_id BIGINT, {cols})")

    def text(v):
        return None if v is None else ("true" if v is True else "false" if v is False else str(v))

    columns = [list(range(POOL))] + [[text(a.get(i)) for a in pool] for i in ids]
    con.execute("INSERT INTO pool SELECT " + ", ".join(
        f"UNNEST(?::{'BIGINT' if k == 0 else 'VARCHAR'}[])" for k in range(len(ids) + 1)), columns)
    path = folder / "population.parquet"
    picks = [rng.randrange(POOL) for _ in range(rows)]
    con.execute("CREATE TABLE picks AS SELECT UNNEST(?::BIGINT[]) AS pool_id, generate_subscripts(?::BIGINT[], 1) AS record_id",
                [picks, picks])
    con.execute(
        f"COPY (SELECT picks.record_id, ('unit' || (picks.record_id % 7)) AS unit, {', '.join('pool.' + chr(34) + i + chr(34) for i in ids)} "
        f"FROM picks JOIN pool USING (pool_id) ORDER BY picks.record_id) TO '{path}' (FORMAT PARQUET)"
    )
    con.close()
    return path, [pool[p] for p in picks]


def python_loop(ruleset, records: list[dict]) -> tuple[float, int]:
    segment_of = ruleset.segment_of
    t = time.perf_counter()
    ok = 0
    for answers in records:
        try:
            segment_of(answers)
            ok += 1
        except SegrulesError:
            pass
    return time.perf_counter() - t, ok


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ruleset", default=str(ROOT / "rulesets" / "helsinki" / "suuntima.yaml"))
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-write", action="store_true", help="print only; do not write the results file")
    args = ap.parse_args(argv)
    ruleset = segrules.load(args.ruleset)
    with tempfile.TemporaryDirectory(prefix="segrules-bench-") as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        path, records = population(ruleset, args.rows, args.seed, folder)
        print(f"population: {args.rows:,} synthetic records in {time.perf_counter() - t:.1f} s ({path.stat().st_size / 1e6:.1f} MB Parquet)")
        duck, py = [], []
        segmented = None
        for r in range(args.rounds):  # paired rounds: both engines in each, order alternating
            order = ("duckdb", "python") if r % 2 == 0 else ("python", "duckdb")
            for engine in order:
                if engine == "duckdb":
                    s = run_batch(ruleset, str(path), str(folder / "result.parquet"))
                    duck.append(s.seconds)
                    segmented = s.segmented
                else:
                    seconds, ok = python_loop(ruleset, records)
                    py.append(seconds)
                    if segmented is not None:
                        assert ok == segmented, (ok, segmented)
            print(f"round {r + 1}: duckdb {duck[-1]:.2f} s, python {py[-1]:.2f} s")
    d, p = statistics.median(duck), statistics.median(py)
    result = {
        "ruleset": ruleset.ref.to_json(),
        "rows": args.rows,
        "rounds": args.rounds,
        "segmented": segmented,
        "duckdb_seconds": round(d, 3),
        "python_seconds": round(p, 3),
        "duckdb_rows_per_second": round(args.rows / d),
        "python_rows_per_second": round(args.rows / p),
        "ratio": round(p / d, 2),
    }
    print(f"duckdb: {result['duckdb_rows_per_second']:,} rows/s; python loop: {result['python_rows_per_second']:,} rows/s; "
          f"duckdb is {result['ratio']}x the Python loop")
    if not args.no_write:
        out = ROOT / "benchmarks" / "results" / "batch.json"
        out.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
