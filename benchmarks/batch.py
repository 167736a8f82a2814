#!/usr/bin/env python3
"""Population runs: `segrules batch` and `segrules report` against the Python engine's loop.

A synthetic population (generated, never real people): ``--rows`` records drawn with a
seeded generator from a pool of valid answer sets of the ruleset (``segrules.sampling``),
2 % of them made invalid (an answer outside its scale), written as Parquet with typed
columns (BIGINT for numeric questions), as a registry extract has them. Then, in paired
rounds on the same machine, order alternating, after one run of each command that is not
counted:

- ``batch``: the command ``segrules batch RULESET --input population.parquet --output
  result.parquet`` (DuckDB, the default engine), in a process of its own: the wall time,
  start-up and compiling the SQL included, and the process's peak memory;
- ``report``: ``segrules report RULESET --input result.parquet --by unit`` on that result;
- ``hand``: the goal's baseline, a DuckDB query written by hand for Suuntima
  (``HANDWRITTEN``, below), run as a user would run it: a process of its own that starts
  DuckDB and copies population.parquet to a Parquet file of the same rows in key order, with
  the same segment, rule and axis scores in lowest terms (integer sums, GCD), every answer
  checked against its scale and the battery's questions asked only with it; an invalid
  record gets no segment. Before any timing, its output is compared with ``segrules
  batch``'s on every record (a gate: the benchmark stops if they differ). The goal:
  ``segrules batch`` within 1.5x of it;
- ``python``: the Python engine's per-record loop, ``Ruleset.segment_of`` on
  each record's answers already in memory as dicts (reading and writing files not counted,
  which favours it).

With ``--spark`` it also times ``segrules batch --engine spark`` in local mode (``local[*]``,
every core of this machine), Parquet to Parquet, in the same rounds, against the DuckDB run:
what Spark costs where one machine would do (the JVM's start included).

With ``--postgres`` it also starts a throwaway PostgreSQL server on 127.0.0.1 (Debian's
postgresql package, with PostgreSQL's default settings: nothing tuned for the run), loads
the population into a table (no index, no key constraint) and times ``segrules batch
--engine postgres`` table to table, in the same rounds; each round's ratio against the
Python loop is printed beside the goal (at least 2x). After the rounds, the plan of the
batch's own statement is taken once with EXPLAIN (ANALYZE), not timed: the parallel workers
planned and launched are printed and kept in the results.

Prints the times, rows/s and the ratios (``segrules batch`` against the hand-written query,
with the goal; the Python loop against the batch), and writes
benchmarks/results/batch-<rows>.json.

Run: ``make bench-batch`` (1M rows, with PostgreSQL), ``make bench-batch-10m`` (10M rows),
or ``python benchmarks/batch.py --rows 100000 --rounds 1 --no-write``.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the throwaway PostgreSQL server

import duckdb  # noqa: E402

import segrules  # noqa: E402
from segrules.errors import SegrulesError  # noqa: E402
from segrules.sampling import sample_answers  # noqa: E402

POOL = 20_000
INVALID_SHARE = 0.02
POSTGRES_GOAL = 2.0  # --engine postgres at least this many times the Python loop's speed


def population(ruleset, rows: int, seed: int, folder: Path) -> tuple[Path, list[dict]]:
    """A Parquet file of ``rows`` synthetic records, and their answers (pool entries, shared)."""
    rs = ruleset.definition
    rng = random.Random(seed)
    pool = [sample_answers(rs, rng) for _ in range(POOL)]
    numeric = [i for i in rs.inputs if i.domain.is_numeric]
    for k in range(int(POOL * INVALID_SHARE)):  # out of the domain: rejected with SR302 (or SR305)
        inp = rng.choice(numeric)
        pool[k] = dict(pool[k], **{inp.id: inp.domain.values[-1] + 1})
    con = duckdb.connect()
    types = {i.id: "BIGINT" if i.domain.is_numeric else "BOOLEAN" if i.domain.kind == "boolean" else "VARCHAR"
             for i in rs.inputs}
    cols = ", ".join(f'"{i}" {t}' for i, t in types.items())
    con.execute(f"CREATE TABLE pool (pool_id BIGINT, {cols})")
    columns = [list(range(POOL))] + [[a.get(i) for a in pool] for i in types]
    con.execute("INSERT INTO pool SELECT " + ", ".join(
        f"UNNEST(?::{t}[])" for t in ["BIGINT", *types.values()]), columns)
    path = folder / "population.parquet"
    picks = [rng.randrange(POOL) for _ in range(rows)]
    con.execute("CREATE TABLE picks AS SELECT UNNEST(?::BIGINT[]) AS pool_id, "
                "generate_subscripts(?::BIGINT[], 1) AS record_id", [picks, picks])
    inputs = ", ".join(f'pool."{i}"' for i in types)
    con.execute(
        f"COPY (SELECT picks.record_id, ('unit' || (picks.record_id % 7)) AS unit, {inputs} "
        f"FROM picks JOIN pool USING (pool_id) ORDER BY picks.record_id) TO '{path}' (FORMAT PARQUET)"
    )
    con.close()
    return path, [pool[p] for p in picks]


GOAL = 1.5  # segrules batch within 1.5x of the hand-written query

# The hand-written query for rulesets/helsinki/suuntima.yaml, as an analyst who knows the model
# would write it for DuckDB: the client's mean over the answered items (three of them optional),
# the professional's over the chosen battery's items (5 for social, else 6), both compared with
# 3 exactly as integers (sum >= 3 * count), and reduced to lowest terms with GCD. A record is
# valid when every answer is on its 1-5 scale, the six required client items are answered, the
# battery is one of its four, and exactly the chosen battery's items are answered.
CLIENT = ("c_daily_life", "c_understanding", "c_self_care", "c_coping", "c_services", "c_motivation")
CLIENT_OPTIONAL = ("c_finances", "c_close_support", "c_close_coping")
BATTERIES = {
    "rehabilitation": ("p_reh_function", "p_reh_goals", "p_reh_aids", "p_reh_home", "p_reh_actors", "p_reh_prognosis"),
    "illness": ("p_ill_conditions", "p_ill_medication", "p_ill_stability", "p_ill_adherence", "p_ill_coordination",
                "p_ill_monitoring"),
    "social": ("p_soc_livelihood", "p_soc_housing", "p_soc_network", "p_soc_everyday", "p_soc_services"),
    "risk": ("p_risk_lifestyle", "p_risk_substance", "p_risk_mental", "p_risk_safety", "p_risk_family",
             "p_risk_engagement"),
}
ITEMS = tuple(p for items in BATTERIES.values() for p in items)
HANDWRITTEN = f"""
COPY (
  SELECT record_id, unit,
    CASE WHEN ok THEN CASE WHEN rs >= 3 * rn THEN CASE WHEN cs < 3 * cn THEN 'omatoimi' ELSE 'yhteistyo' END
                           ELSE CASE WHEN cs < 3 * cn THEN 'yhteiso' ELSE 'verkosto' END END END AS segment,
    CASE WHEN ok THEN CASE WHEN rs >= 3 * rn THEN CASE WHEN cs < 3 * cn THEN 1 ELSE 3 END
                           ELSE CASE WHEN cs < 3 * cn THEN 2 ELSE 4 END END END AS rule,
    CASE WHEN ok THEN rs // gcd(rs, rn) END AS resources_num,
    CASE WHEN ok THEN rn // gcd(rs, rn) END AS resources_den,
    CASE WHEN ok THEN cs // gcd(cs, cn) END AS complexity_num,
    CASE WHEN ok THEN cn // gcd(cs, cn) END AS complexity_den,
    CASE WHEN NOT ok THEN 'invalid' END AS error_codes,
    'helsinki.suuntima' AS ruleset_id, '1.0.0' AS ruleset_version
  FROM (
    SELECT record_id, unit,
      COALESCE({" AND ".join(
          [f"{c} BETWEEN 1 AND 5" for c in CLIENT]
          + [f"({c} IS NULL OR {c} BETWEEN 1 AND 5)" for c in CLIENT_OPTIONAL]
          + ["battery IN ('rehabilitation', 'illness', 'social', 'risk')"]
          + [f"CASE WHEN battery = '{b}' THEN {p} BETWEEN 1 AND 5 ELSE {p} IS NULL END"
             for b, items in BATTERIES.items() for p in items])}, FALSE) AS ok,
      {" + ".join([*CLIENT, *(f"COALESCE({c}, 0)" for c in CLIENT_OPTIONAL)])} AS rs,
      {" + ".join(["6", *(f"CAST({c} IS NOT NULL AS BIGINT)" for c in CLIENT_OPTIONAL)])} AS rn,
      {" + ".join(f"COALESCE({p}, 0)" for p in ITEMS)} AS cs,
      CASE battery WHEN 'social' THEN 5 ELSE 6 END AS cn
    FROM read_parquet($input))
  ORDER BY record_id
) TO $output (FORMAT PARQUET)
"""


def timed_handwritten(path: Path, output: Path, cpu: list | None = None) -> tuple[float, int]:
    """The hand-written query in a DuckDB process of its own, Parquet to Parquet: wall
    seconds (start-up included) and the process's peak memory (MB)."""
    program = ("import sys, duckdb; duckdb.connect().execute(sys.argv[1], "
               "{'input': sys.argv[2], 'output': sys.argv[3]})")
    seconds, peak, _ = _timed_process([sys.executable, "-c", program, HANDWRITTEN, str(path), str(output)], cpu)
    return seconds, peak


def check_handwritten(ruleset, ruleset_path: str, path: Path, folder: Path) -> int:
    """The gate: the hand-written query and ``segrules batch`` give every record the same
    segment, rule and axis scores, and reject the same records. The number of records."""
    if ruleset.definition.id != "helsinki.suuntima":
        raise SystemExit("the hand-written query is written for helsinki.suuntima; give --ruleset of that model")
    hand, ours = folder / "hand.parquet", folder / "gate.parquet"
    timed_handwritten(path, hand)
    timed("batch", ruleset_path, "--input", str(path), "--output", str(ours))
    con = duckdb.connect()
    same = " AND ".join(f"h.{c} IS NOT DISTINCT FROM s.{c}" for c in (
        "segment", "rule", "resources_num", "resources_den", "complexity_num", "complexity_den"))
    records, agree, rejected = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE {same} AND (h.error_codes IS NULL) = (s.error_codes IS NULL)), "
        "count(*) FILTER (WHERE h.segment IS NULL) "
        f"FROM read_parquet('{hand}') AS h FULL JOIN read_parquet('{ours}') AS s USING (record_id)"
    ).fetchone()
    con.close()
    if agree != records:
        raise SystemExit(f"the hand-written query and segrules batch differ on {records - agree} of {records} records")
    print(f"gate: the hand-written query and segrules batch agree on all {records:,} records "
          f"({rejected:,} rejected by both)", flush=True)
    return records


def timed(*args: str, cpu: list | None = None) -> tuple[float, int, str]:
    """Run ``segrules ARGS`` in a process of its own: wall seconds, its peak memory (MB) and
    its standard output."""
    return _timed_process([sys.executable, "-m", "segrules", *args], cpu)


def _timed_process(command: list[str], cpu: list | None = None) -> tuple[float, int, str]:
    """Run ``command``: wall seconds, its peak memory (MB) and its standard output; its CPU
    seconds (user and system, every thread) are appended to ``cpu`` when given: on a
    machine that others load, the CPU time moves less than the wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        peak = 0
        # the peak resident memory of the command itself, from /proc (the resource usage of a
        # child also counts this process's memory, which the child had before it started)
        while proc.poll() is None:
            try:
                with open(f"/proc/{proc.pid}/status", encoding="ascii") as f:
                    for line in f:
                        if line.startswith("VmHWM:"):
                            peak = max(peak, int(line.split()[1]) // 1024)
            except OSError:
                pass
            time.sleep(0.01)
        seconds = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if cpu is not None:
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(command[:4])} failed ({proc.returncode}):\n{err.read().decode()}")
        return seconds, peak, out.read().decode()


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


def load_postgres(url: str, path: Path) -> None:
    """The population into the table ``answers`` (COPY, in chunks streamed from DuckDB)."""
    import psycopg

    con = duckdb.connect()
    rel = con.sql(f"SELECT * FROM '{path}'")
    names, kinds = rel.columns, [str(t) for t in rel.types]
    pg_types = {"BIGINT": "BIGINT", "BOOLEAN": "BOOLEAN"}
    cols = ", ".join(f'"{n}" {pg_types.get(k, "TEXT")}' for n, k in zip(names, kinds))
    with psycopg.connect(url) as conn:
        conn.execute("DROP TABLE IF EXISTS answers")
        conn.execute(f"CREATE TABLE answers ({cols})")
        with conn.cursor().copy("COPY answers FROM STDIN") as copy:
            cur = con.execute(f"SELECT * FROM '{path}'")
            while True:
                chunk = cur.fetchmany(50_000)
                if not chunk:
                    break
                for row in chunk:
                    copy.write_row(row)
        conn.execute("ANALYZE answers")
    con.close()


def postgres_plan(url: str, ruleset) -> dict:
    """The plan of the statement ``segrules batch --engine postgres`` runs (one output, table
    to table), under EXPLAIN (ANALYZE) in a transaction that is rolled back: the top nodes,
    the parallel workers planned and launched, and whether JIT was used."""
    import psycopg

    from segrules.sql.batch import column_types_postgres
    from segrules.sql.compiler import compile_query
    from segrules.sql.render import postgres_native

    with psycopg.connect(url) as conn:
        types = column_types_postgres(conn.execute("SELECT * FROM answers LIMIT 0"))
        columns = list(types)
        query = postgres_native(compile_query(ruleset.definition, table='"answers"', key="record_id", carry=("unit",),
                                              columns=columns, types=types, euclid=False))
        with conn.transaction(force_rollback=True):
            conn.execute("SET LOCAL jit = off")  # as the batch does
            plan = [r[0] for r in conn.execute(
                f'EXPLAIN (ANALYZE) CREATE TABLE segrules_plan AS SELECT * FROM ({query}) AS r ORDER BY "record_id"'
            ).fetchall()]

    def numbers(label: str) -> list[int]:
        return [int(line.split(":")[1]) for line in plan if line.strip().startswith(label)]

    return {
        "top": [line.strip() for line in plan[:4] if "Workers" not in line][:2],
        "workers_planned": numbers("Workers Planned"),
        "workers_launched": numbers("Workers Launched"),
        "jit": any(line.startswith("JIT:") for line in plan),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ruleset", default=str(ROOT / "rulesets" / "helsinki" / "suuntima.yaml"))
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--postgres", action="store_true", help="also time --engine postgres on a throwaway server")
    ap.add_argument("--spark", action="store_true",
                    help="also time --engine spark in local mode (local[*]), Parquet to Parquet (needs the spark extra)")
    ap.add_argument("--no-write", action="store_true", help="print only; do not write the results file")
    ap.add_argument("--no-python", action="store_true",
                    help="leave out the Python loop (at 10M records most of the run, on a loaded machine)")
    args = ap.parse_args(argv)
    ruleset = segrules.load(args.ruleset)
    # segrules' modules compiled to bytecode, as an installed package's are (pip compiles a
    # wheel's modules when it installs them): else, where PYTHONDONTWRITEBYTECODE is set, every
    # run of segrules would compile its sources again (0.09 s), which no user's run does
    compileall.compile_dir(str(ROOT / "segrules"), quiet=1)
    with tempfile.TemporaryDirectory(prefix="segrules-bench-") as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        path, records = population(ruleset, args.rows, args.seed, folder)
        print(f"population: {args.rows:,} synthetic records in {time.perf_counter() - t:.1f} s "
              f"({path.stat().st_size / 1e6:.1f} MB Parquet)", flush=True)
        server = None
        if args.postgres:
            from pgserver import throwaway_postgres

            server = throwaway_postgres()  # PostgreSQL's defaults, as a user's server has them
            url = server.__enter__()
            t = time.perf_counter()
            load_postgres(url, path)
            print(f"PostgreSQL: loaded in {time.perf_counter() - t:.1f} s", flush=True)
        try:
            check_handwritten(ruleset, args.ruleset, path, folder)
            got: dict[str, list] = {"batch": [], "hand": [], "report": [], "python": [], "postgres": [], "spark": []}
            memory: dict[str, int] = {"batch": 0, "hand": 0, "report": 0, "spark": 0}
            cpu: dict[str, list] = {"batch": [], "hand": []}
            segmented = None
            engines = (["batch", "hand"] + ([] if args.no_python else ["python"]) + (["postgres"] if args.postgres else [])
                       + (["spark"] if args.spark else []))
            spark_result = folder / "spark.parquet"
            result = folder / "result.parquet"
            hand_result = folder / "hand.parquet"
            # one run of each command first, not counted: on a fresh virtual machine the first
            # process to touch a gigabyte of memory pays for the host backing it (seen here as
            # the first of three 10M batch runs taking 9.9 s and the third 7.7 s)
            warm_up = {
                "batch": timed("batch", args.ruleset, "--input", str(path), "--output", str(result))[0],
                "report": timed("report", args.ruleset, "--input", str(result), "--by", "unit", "--json")[0],
                "hand": timed_handwritten(path, hand_result)[0],
            }
            if args.postgres:
                warm_up["postgres"] = timed("batch", args.ruleset, "--engine", "postgres", "--input",
                                            f"{url}#answers", "--output", f"{url}#result")[0]
            # no warm-up run for Spark: each run starts a JVM of its own, and at 10M one run takes minutes
            print("warm-up (not counted): " + ", ".join(f"{e} {v:.2f} s" for e, v in warm_up.items()), flush=True)
            for r in range(args.rounds):  # paired rounds, order alternating
                order = engines if r % 2 == 0 else engines[::-1]
                for engine in order:
                    if engine == "batch":
                        seconds, mb, out = timed("batch", args.ruleset, "--input", str(path), "--output", str(result),
                                                 "--json", cpu=cpu["batch"])
                        got["batch"].append(seconds)
                        memory["batch"] = max(memory["batch"], mb)
                        segmented = json.loads(out)["segmented"]
                        seconds, mb, _ = timed("report", args.ruleset, "--input", str(result), "--by", "unit", "--json")
                        got["report"].append(seconds)
                        memory["report"] = max(memory["report"], mb)
                    elif engine == "hand":
                        seconds, mb = timed_handwritten(path, hand_result, cpu["hand"])
                        got["hand"].append(seconds)
                        memory["hand"] = max(memory["hand"], mb)
                    elif engine == "postgres":
                        seconds, _, out = timed("batch", args.ruleset, "--engine", "postgres", "--input",
                                                f"{url}#answers", "--output", f"{url}#result", "--json")
                        got["postgres"].append(seconds)
                        assert json.loads(out)["segmented"] == segmented or segmented is None
                    elif engine == "spark":
                        seconds, mb, out = timed("batch", args.ruleset, "--engine", "spark", "--input", str(path),
                                                 "--output", str(spark_result), "--json")
                        got["spark"].append(seconds)
                        memory["spark"] = max(memory["spark"], mb)
                        assert json.loads(out)["segmented"] == segmented or segmented is None
                    else:
                        seconds, ok = python_loop(ruleset, records)
                        got["python"].append(seconds)
                        if segmented is not None:
                            assert ok == segmented, (ok, segmented)
                times = ", ".join(f"{e} {got[e][-1]:.2f} s" for e in ["batch", "report", *engines[1:]])
                print(f"round {r + 1}: {times}; batch / hand {got['batch'][-1] / got['hand'][-1]:.2f}"
                      + (f"; PostgreSQL {got['python'][-1] / got['postgres'][-1]:.2f}x the loop (goal: at least "
                         f"{POSTGRES_GOAL:g}x)" if args.postgres and got["python"] else ""), flush=True)
            plan = postgres_plan(url, ruleset) if args.postgres else None
        finally:
            if server is not None:
                server.__exit__(None, None, None)
    med = {e: statistics.median(v) for e, v in got.items() if v}
    both = med["batch"] + med["report"]
    result = {
        "ruleset": ruleset.ref.to_json(),
        "rows": args.rows,
        "rounds": args.rounds,
        "segmented": segmented,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}",
        "load_average_at_start": round(os.getloadavg()[0], 2),
        "batch_seconds": round(med["batch"], 2),
        "report_seconds": round(med["report"], 2),
        "batch_and_report_seconds": round(both, 2),
        "batch_peak_mb": memory["batch"],
        "report_peak_mb": memory["report"],
        "handwritten_seconds": round(med["hand"], 2),
        "handwritten_peak_mb": memory["hand"],
        "ratio_batch_to_handwritten": round(med["batch"] / med["hand"], 2),
        "ratio_batch_to_handwritten_each_round": [round(b / h, 2) for b, h in zip(got["batch"], got["hand"])],
        "goal_ratio_batch_to_handwritten": GOAL,
        "batch_cpu_seconds": round(statistics.median(cpu["batch"]), 2),
        "handwritten_cpu_seconds": round(statistics.median(cpu["hand"]), 2),
        "ratio_batch_to_handwritten_cpu": round(statistics.median(cpu["batch"]) / statistics.median(cpu["hand"]), 2),
        "batch_rows_per_second": round(args.rows / med["batch"]),
        "each_round_seconds": {e: [round(x, 2) for x in v] for e, v in got.items() if v},
        "warm_up_seconds": {e: round(v, 2) for e, v in warm_up.items()},
    }
    if "spark" in med:
        # local mode on this machine's cores: what Spark costs where DuckDB would do (its place is
        # a cluster); the JVM's start is in every run
        result["spark_seconds"] = round(med["spark"], 2)
        result["spark_peak_mb"] = memory["spark"]
        result["ratio_spark_to_batch"] = round(med["spark"] / med["batch"], 2)
        result["ratio_spark_to_batch_each_round"] = [round(s / b, 2) for s, b in zip(got["spark"], got["batch"])]
    if "python" in med:
        result["python_loop_seconds"] = round(med["python"], 2)
        result["python_rows_per_second"] = round(args.rows / med["python"])
        result["ratio_python_to_batch"] = round(med["python"] / med["batch"], 2)
    if "postgres" in med:
        result["postgres_seconds"] = round(med["postgres"], 2)
        result["postgres_plan"] = plan
        result["postgres_goal"] = POSTGRES_GOAL
        if "python" in med:
            result["ratio_python_to_postgres"] = round(med["python"] / med["postgres"], 2)
            # paired: each round's loop against the same round's PostgreSQL run
            each = [py / pg for py, pg in zip(got["python"], got["postgres"])]
            result["ratio_python_to_postgres_each_round"] = [round(x, 2) for x in each]
    result["load_average_at_end"] = round(os.getloadavg()[0], 2)
    print(json.dumps(result, indent=2))
    ratio = result["ratio_batch_to_handwritten"]
    print(f"segrules batch {med['batch']:.2f} s against the hand-written query {med['hand']:.2f} s: {ratio}x "
          f"(each round {', '.join(map(str, result['ratio_batch_to_handwritten_each_round']))}); goal <= {GOAL}x: "
          + ("met" if ratio <= GOAL else "NOT met") + f"; CPU time {result['ratio_batch_to_handwritten_cpu']}x")
    if "python" in med:
        print(f"batch + report: {both:.2f} s for {args.rows:,} records; the batch is {result['ratio_python_to_batch']}x "
              f"the Python loop" + (f", PostgreSQL {result['ratio_python_to_postgres']}x" if "postgres" in med else ""))
    if "spark" in med:
        print(f"Spark in local mode: {med['spark']:.2f} s, {result['ratio_spark_to_batch']}x segrules batch on DuckDB "
              f"(rounds {', '.join(map(str, result['ratio_spark_to_batch_each_round']))})")
    if "postgres" in med and "python" in med:
        each = result["ratio_python_to_postgres_each_round"]
        met = "met" if result["ratio_python_to_postgres"] >= POSTGRES_GOAL else "NOT met"
        print(f"PostgreSQL against the Python loop: {result['ratio_python_to_postgres']}x (rounds {min(each)}-"
              f"{max(each)}x); goal at least {POSTGRES_GOAL:g}x: {met}. Plan: {' / '.join(plan['top'])}; "
              f"parallel workers planned {plan['workers_planned']}, launched {plan['workers_launched']}"
              f"{', JIT used' if plan['jit'] else ''}")
    if not args.no_write:
        out = ROOT / "benchmarks" / "results" / f"batch-{args.rows}.json"
        out.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
