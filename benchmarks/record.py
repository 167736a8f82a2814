#!/usr/bin/env python3
"""What a decision record costs: decide + record against the hand-written function.

The model, the answer sets and the hand-written baseline are those of benchmarks/peers.py
(Suuntima-like, 16 answers, four quadrant segments). Every variant runs over the same
pre-generated batch, in paired rounds: in each round every variant takes its turn (the order
rotates between rounds, the garbage collector is paused while a batch runs), and the ratio of
a variant is taken against the hand-written function *of the same round*, so that the
machine's drift cancels out. The median over the rounds is reported, with the range.

Time is the CPU time of the benchmark's own thread (``time.thread_time_ns``), so that a round
in which the machine runs other work is not charged for the time it waits; the wall-clock
ratios of the same rounds are kept in the results file beside them. On a quiet machine the two
agree.

Variants: ``decide`` alone; ``decide + record`` (``decide(...).to_json(compact=True)``, the
record as a dict); ``decide + record text`` (``to_json_text(compact=True)``, the JSON text a
system stores per assessment; the target is at most 10x the hand-written function), beside the
same text made with ``json.dumps``; ``decide + full record`` (``to_json()``, with labels and
pathway texts) and its text (``to_json_text()``, at most 20x); ``decide + explain``. Where
orjson (the optional extra ``fast``) is installed, the record texts are timed twice: as they
are written (orjson writes the answers), and with the standard library alone.

Run: ``make bench-record`` (writes benchmarks/results/record.json and the tables in
docs/decision-record.md and docs/performance.md) or ``python benchmarks/record.py --quick`` (a
smoke run; writes nothing).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import itertools
import json
import os
import random
import statistics
import sys
import time
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import peers  # noqa: E402  the model, the answer sets and the hand-written function of the peer benchmark

import segrules  # noqa: E402
from segrules.engine import runtime  # noqa: E402
from segrules.files import replace_between  # noqa: E402

RESULTS_JSON = HERE / "results" / "record.json"
DOC = ROOT / "docs" / "decision-record.md"
PERFORMANCE_DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- record-bench:begin -->", "<!-- record-bench:end -->"
# decide + compact record + its JSON text at most TARGET times the hand-written function; the
# full record's text at most FULL_TARGET times.
TARGET = 10.0
FULL_TARGET = 20.0
COMPACT, FULL = "decide + record text", "decide + full record text"
STANDARD = ", standard library"  # the same text, written without orjson
EACH = ", a new time each"  # every decision stamped with its own time, as when made as it happens
AT = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))


@contextlib.contextmanager
def standard_json():
    """The record text written with the standard library alone, as without the extra ``fast``."""
    saved = runtime._fast_dumps
    runtime._fast_dumps = None
    try:
        yield
    finally:
        runtime._fast_dumps = saved


def variants(rs: segrules.Ruleset) -> list[types.SimpleNamespace]:
    decide = rs.decide

    def record(a):
        return decide(a, assessed_at=AT).to_json(compact=True)

    def full(a):
        return decide(a, assessed_at=AT).to_json()

    def record_text(a):
        return decide(a, assessed_at=AT).to_json_text(compact=True)

    def full_text(a):
        return decide(a, assessed_at=AT).to_json_text()

    def record_dumps(a):
        return json.dumps(decide(a, assessed_at=AT).to_json(compact=True))

    def explain(a):
        return decide(a, assessed_at=AT).explain()

    # a new assessment time for every decision, as when each record is made as it happens
    times = itertools.cycle([AT + dt.timedelta(seconds=7 * i, microseconds=i) for i in range(50_000)])

    def record_each(a):
        return decide(a, assessed_at=next(times)).to_json(compact=True)

    def text_each(a):
        return decide(a, assessed_at=next(times)).to_json_text(compact=True)

    def v(name, fn, context=contextlib.nullcontext):
        return types.SimpleNamespace(name=name, decide=fn, context=context)

    out = [
        v("hand-written", peers.handwritten),
        v("decide", lambda a: decide(a, assessed_at=AT)),
        v("decide + record", record),
        v("decide + record, a new time each", record_each),
        v(COMPACT, record_text),
        v(COMPACT + EACH, text_each),
        v("decide + record, json.dumps", record_dumps),
        v("decide + full record", full),
        v(FULL, full_text),
        v("decide + explain", explain),
    ]
    if runtime._fast_dumps is not None:  # orjson is installed: the standard library's figures too
        out[5:5] = [v(COMPACT + STANDARD, record_text, standard_json)]
        out[10:10] = [v(FULL + STANDARD, full_text, standard_json)]
    return out


def check(rs: segrules.Ruleset, batch: list[dict]) -> None:
    """Every record is right before anything is timed: it reads back, names the segment the
    hand-written function gives, and its text is the standard JSON, with orjson and without."""
    for a in batch:
        d = rs.decide(a, assessed_at=AT)
        record = d.to_json(compact=True)
        assert record["segment"]["id"] == peers.handwritten(a)[0], a
        assert segrules.Decision.from_json(json.loads(json.dumps(record)), rs).answers == a
        for compact in (True, False):
            expected = runtime.encode_record(d.to_json(compact=compact))
            assert d.to_json_text(compact=compact) == expected, a
            with standard_json():
                assert d.to_json_text(compact=compact) == expected, a


def time_rounds(vs: list[types.SimpleNamespace], batch: list[dict], rounds: int) -> dict[str, dict[str, list[float]]]:
    """Microseconds per decision of each variant in each round, by the thread's CPU time and by
    the wall clock. The variants take turns, the order rotating every round."""
    out = {v.name: {"cpu": [], "wall": []} for v in vs}
    n = len(batch)
    for r in range(rounds):
        k = r % len(vs)
        for v in vs[k:] + vs[:k]:
            fn = v.decide
            with v.context():
                gc.collect()
                gc.disable()
                try:
                    c0, w0 = time.thread_time_ns(), time.perf_counter_ns()
                    for a in batch:
                        fn(a)
                    c1, w1 = time.thread_time_ns(), time.perf_counter_ns()
                finally:
                    gc.enable()
            out[v.name]["cpu"].append((c1 - c0) / n / 1000)
            out[v.name]["wall"].append((w1 - w0) / n / 1000)
    return out


def run(batch_size: int, rounds: int, seed: int) -> dict:
    rs = segrules.load(peers.RULESET)
    batch = peers.random_answers(random.Random(seed), batch_size)
    check(rs, batch[:2000])
    vs = variants(rs)
    load = os.getloadavg()[0]
    timings = time_rounds(vs, batch, rounds)
    base = timings["hand-written"]
    rows = []
    for v in vs:
        t = timings[v.name]
        ratios = [a / b for a, b in zip(t["cpu"], base["cpu"])]
        wall = [a / b for a, b in zip(t["wall"], base["wall"])]
        rows.append({
            "variant": v.name,
            "us_per_decision": statistics.median(t["cpu"]),
            "ratio": statistics.median(ratios),
            "ratio_min": min(ratios),
            "ratio_max": max(ratios),
            "wall_ratio": statistics.median(wall),
            "wall_ratio_min": min(wall),
            "wall_ratio_max": max(wall),
        })
    by = {r["variant"]: r for r in rows}
    targets = []
    for name, goal in ((COMPACT, TARGET), (FULL, FULL_TARGET)):
        for variant in (name, name + STANDARD) + ((COMPACT + EACH,) if name == COMPACT else ()):
            if variant in by:
                targets.append({"variant": variant, "goal": goal, "ratio": by[variant]["ratio"],
                                "met": by[variant]["ratio"] <= goal})
    return {
        "benchmark": "record",
        "date": dt.date.today().isoformat(),
        "machine": peers.machine(),
        "load_average": round(load, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "clock": "thread CPU time (wall-clock ratios beside)",
        "orjson": runtime._fast_dumps is not None,
        "batch": batch_size,
        "rounds": rounds,
        "seed": seed,
        "target_ratio": TARGET,
        "target_met": by[COMPACT]["ratio"] <= TARGET,
        "full_target_ratio": FULL_TARGET,
        "full_target_met": by[FULL]["ratio"] <= FULL_TARGET,
        "targets": targets,
        "results": rows,
    }


def verdicts(results: dict) -> list[str]:
    """One line per target: the ratio, the goal, PASS or MISS."""
    return [
        f"{t['variant']}: {t['ratio']:.1f}× the hand-written function (goal ≤ {t['goal']:.0f}×): "
        f"{'PASS' if t['met'] else 'MISS'}"
        for t in results["targets"]
    ]


def table(results: dict) -> str:
    lines = [
        f"Measured {results['date']} on {peers.machine_line(results['machine'])}, load average "
        f"{results['load_average']:.1f} (1 min) at the start; orjson "
        f"{'installed' if results['orjson'] else 'not installed'}. Median of {results['rounds']} paired "
        f"rounds of {results['batch']:,} decisions, each ratio against the hand-written function of the "
        "same round (min–max over the rounds in brackets), by the CPU time of the benchmark's thread; "
        "the wall-clock ratio of the same rounds beside it.",
        "",
        "| variant | µs / decision | × hand-written | × by the wall clock |",
        "|---|---:|---:|---:|",
    ]
    for r in results["results"]:
        lines.append(
            f"| {r['variant']} | {r['us_per_decision']:.2f} | {r['ratio']:.1f}× "
            f"({r['ratio_min']:.1f}–{r['ratio_max']:.1f}) | {r['wall_ratio']:.1f}× |"
        )
    lines += ["", "Targets:", ""] + [f"- {line}" for line in verdicts(results)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="a smoke run with small batches; writes nothing")
    p.add_argument("--seed", type=int, default=peers.DEFAULT_SEED)
    p.add_argument("--rounds", type=int, default=15, help="paired rounds (default 15)")
    args = p.parse_args(argv)
    batch, rounds = (500, 3) if args.quick else (20_000, max(args.rounds, 5))
    results = run(batch, rounds, args.seed)
    text = table(results)
    print(text)
    if not args.quick:
        RESULTS_JSON.parent.mkdir(exist_ok=True)
        RESULTS_JSON.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        for doc in (DOC, PERFORMANCE_DOC):
            doc.write_text(replace_between(doc.read_text(encoding="utf-8"), BEGIN, END, text), encoding="utf-8")
        print(f"wrote {RESULTS_JSON.relative_to(ROOT)} and the tables in {DOC.relative_to(ROOT)} "
              f"and {PERFORMANCE_DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
