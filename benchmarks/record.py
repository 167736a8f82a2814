#!/usr/bin/env python3
"""What a decision record costs: decide + record against the hand-written function.

The model, the answer sets and the hand-written baseline are those of benchmarks/peers.py
(Suuntima-like, 16 answers, four quadrant segments). Every variant runs over the same
pre-generated batch, in paired rounds: in each round every variant takes its turn (the order
rotates between rounds, the garbage collector is paused while a batch runs), and the ratio of
a variant is taken against the hand-written function *of the same round*, so that the
machine's drift cancels out. The median over the rounds is reported.

Variants: ``decide`` alone; ``decide + record`` (``decide(...).to_json(compact=True)``, the
record as a dict); ``decide + record text`` (``to_json_text(compact=True)``, the JSON text a
system stores per assessment; the target is at most 10x the hand-written function), beside the
same text made with ``json.dumps``; ``decide + full record`` (``to_json()``, with labels and
pathway texts) and its text (``to_json_text()``, at most 20x); ``decide + explain``.

Run: ``make bench-record`` (writes benchmarks/results/record.json and the table in
docs/decision-record.md) or ``python benchmarks/record.py --quick`` (a smoke run; writes
nothing).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import statistics
import sys
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import peers  # noqa: E402  the model, answer sets, baseline and timing loop of the peer benchmark

import segrules  # noqa: E402
from segrules.files import replace_between  # noqa: E402

RESULTS_JSON = HERE / "results" / "record.json"
DOC = ROOT / "docs" / "decision-record.md"
BEGIN, END = "<!-- record-bench:begin -->", "<!-- record-bench:end -->"
# decide + compact record + its JSON text at most TARGET times the hand-written function; the
# full record's text at most FULL_TARGET times.
TARGET = 10.0
FULL_TARGET = 20.0
AT = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))


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
    times = itertools.cycle([AT + dt.timedelta(seconds=7 * i) for i in range(50_000)])

    def record_each(a):
        return decide(a, assessed_at=next(times)).to_json(compact=True)

    return [
        types.SimpleNamespace(name="hand-written", decide=peers.handwritten),
        types.SimpleNamespace(name="decide", decide=lambda a: decide(a, assessed_at=AT)),
        types.SimpleNamespace(name="decide + record", decide=record),
        types.SimpleNamespace(name="decide + record, a new time each", decide=record_each),
        types.SimpleNamespace(name="decide + record text", decide=record_text),
        types.SimpleNamespace(name="decide + record, json.dumps", decide=record_dumps),
        types.SimpleNamespace(name="decide + full record", decide=full),
        types.SimpleNamespace(name="decide + full record text", decide=full_text),
        types.SimpleNamespace(name="decide + explain", decide=explain),
    ]


def check(rs: segrules.Ruleset, batch: list[dict]) -> None:
    """Every record is right before anything is timed: it reads back, and names the segment
    the hand-written function gives."""
    for a in batch:
        record = rs.decide(a, assessed_at=AT).to_json(compact=True)
        assert record["segment"]["id"] == peers.handwritten(a)[0], a
        assert segrules.Decision.from_json(json.loads(json.dumps(record)), rs).answers == a


def run(batch_size: int, rounds: int, seed: int) -> dict:
    rs = segrules.load(peers.RULESET)
    batch = peers.random_answers(random.Random(seed), batch_size)
    check(rs, batch[:2000])
    vs = variants(rs)
    timings = peers.time_batches(vs, batch, rounds)
    base = timings["hand-written"]
    rows = []
    for v in vs:
        ratios = [t / b for t, b in zip(timings[v.name], base)]
        rows.append({
            "variant": v.name,
            "us_per_decision": statistics.median(timings[v.name]),
            "ratio": statistics.median(ratios),
            "ratio_min": min(ratios),
            "ratio_max": max(ratios),
        })
    by = {r["variant"]: r for r in rows}
    return {
        "benchmark": "record",
        "date": dt.date.today().isoformat(),
        "machine": peers.machine(),
        "batch": batch_size,
        "rounds": rounds,
        "seed": seed,
        "target_ratio": TARGET,
        "target_met": by["decide + record text"]["ratio"] <= TARGET,
        "full_target_ratio": FULL_TARGET,
        "full_target_met": by["decide + full record text"]["ratio"] <= FULL_TARGET,
        "results": rows,
    }


def table(results: dict) -> str:
    lines = [
        f"Measured {results['date']} on {peers.machine_line(results['machine'])}; median of "
        f"{results['rounds']} paired rounds of {results['batch']:,} decisions, each ratio against the "
        "hand-written function of the same round (min–max over the rounds in brackets).",
        "",
        "| variant | µs / decision | × hand-written |",
        "|---|---:|---:|",
    ]
    for r in results["results"]:
        lines.append(
            f"| {r['variant']} | {r['us_per_decision']:.2f} | {r['ratio']:.1f}× "
            f"({r['ratio_min']:.1f}–{r['ratio_max']:.1f}) |"
        )
    def met(key: str) -> str:
        return "met" if results[key] else "NOT met"

    lines += [
        "",
        f"Targets: decide + record text (`to_json_text(compact=True)`) at most {results['target_ratio']:.0f}× "
        f"the hand-written function: {met('target_met')}; decide + full record text at most "
        f"{results['full_target_ratio']:.0f}×: {met('full_target_met')}.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="a smoke run with small batches; writes nothing")
    p.add_argument("--seed", type=int, default=peers.DEFAULT_SEED)
    args = p.parse_args(argv)
    batch, rounds = (500, 3) if args.quick else (20_000, 9)
    results = run(batch, rounds, args.seed)
    text = table(results)
    print(text)
    if not args.quick:
        RESULTS_JSON.parent.mkdir(exist_ok=True)
        RESULTS_JSON.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        DOC.write_text(replace_between(DOC.read_text(encoding="utf-8"), BEGIN, END, text), encoding="utf-8")
        print(f"wrote {RESULTS_JSON.relative_to(ROOT)} and the table in {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
