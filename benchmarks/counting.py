#!/usr/bin/env python3
"""Exact counting time beside proving time: every shipped model, and diffs up to 10^12 answer sets.

For each shipped ruleset, in paired rounds (the same round times both, one after the other):
the SMT prover deciding every check (``prove``), and the exact segment sizes
(``counting.count_ruleset``), with the answer space and the counts' method. For diffs: the
joint count of every cell (``counting.count_joint``) beside the solver's proof of every cell
(``segrules diff`` with ``count=False``), for Suuntima with a moved threshold (1.7 * 10^11
answer sets) and for twelve questions of ten answers each (10^12). The medians are printed,
with counting / proving. Every count must add up to the answer space, or the run stops.

Run: ``make bench-verify`` (after ``verify_scaling.py``), or ``python benchmarks/counting.py``;
``--quick`` for one round that writes nothing. Results go to benchmarks/results/counting.json
and the table in docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import segrules  # noqa: E402
from segrules.verify.budget import Budget  # noqa: E402
from segrules.verify.counting import count_joint, count_ruleset  # noqa: E402
from segrules.verify.diff import diff  # noqa: E402
from segrules.verify.model import size_text  # noqa: E402
from segrules.verify.prover import prove  # noqa: E402
from segrules.verify.space import AnswerSpace  # noqa: E402

RESULTS = HERE / "results" / "counting.json"
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- counting:begin -->", "<!-- counting:end -->"
LABEL = "{fi: x, sv: x, en: x}"
PATHWAY = f"{{contact: {LABEL}, appointments: [{LABEL}], coordination: {LABEL}, self_care: {LABEL}, reassess_after_months: 12}}"


def sum_model(threshold: int, questions: int = 12) -> str:
    """``questions`` integer questions 0..9 (10^questions answer sets), a sum, two segments."""
    lines = ["format: 1", "id: bench.sum", "version: 1.0.0", f"title: {LABEL}", "hit_policy: unique", "inputs:"]
    lines += [f"  q{k}: {{respondent: client, type: integer, min: 0, max: 9, text: {LABEL}}}" for k in range(questions)]
    items = ", ".join(f"q{k}" for k in range(questions))
    lines += ["scores:", f'  total: {{label: {LABEL}, expr: "sum({items})"}}', "segments:",
              f"  low: {{label: {LABEL}, service_use: occasional}}", f"  high: {{label: {LABEL}, service_use: heavy}}",
              "rules:", f"  - low when total < {threshold}", f"  - high when total >= {threshold}", "pathways:",
              f"  low: {PATHWAY}", f"  high: {PATHWAY}"]
    return "\n".join(lines) + "\n"


def timed(fn):
    t = time.perf_counter()
    got = fn()
    return got, time.perf_counter() - t


def shipped() -> list[Path]:
    return sorted(p for p in (ROOT / "rulesets").rglob("*.yaml") if p.name != "crosswalk.yaml")


def bench_models(rounds: int) -> list[dict]:
    rows = []
    for path in shipped():
        rs = segrules.load(str(path)).definition
        size = AnswerSpace(rs).size()
        proving, counting, sizes = [], [], None
        for _ in range(rounds):  # paired: the same round times both
            result, t = timed(lambda: prove(rs, budget=Budget(None)))
            if not all(c.status in ("passed", "not_applicable") for c in result.checks.values()):
                raise SystemExit(f"the SMT prover did not prove {path.relative_to(ROOT)}")
            proving.append(t)
            sizes, t = timed(lambda: count_ruleset(rs))
            if sizes.total != size:
                raise SystemExit(f"the counts of {path.relative_to(ROOT)} add up to {sizes.total}, not {size}")
            counting.append(t)
        rows.append({"ruleset": str(path.relative_to(ROOT)), "answer_sets": str(size), "method": sizes.method,
                     "segments": {s: n for s, n in sizes.segments},
                     "proving_seconds": round(statistics.median(proving), 4),
                     "counting_seconds": round(statistics.median(counting), 4)})
    return rows


def bench_diffs(rounds: int) -> list[dict]:
    suuntima = (ROOT / "rulesets/helsinki/suuntima.yaml").read_text(encoding="utf-8")
    moved = suuntima.replace("resources >= 3 and", "resources >= 3.5 and").replace(
        "resources < 3 and", "resources < 3.5 and")
    cases = [
        ("Suuntima, resources threshold 3 -> 3.5", suuntima, moved),
        ("12 questions 0..9, sum threshold 60 -> 55", sum_model(60), sum_model(55)),
    ]
    rows = []
    for name, a, b in cases:
        old, new = segrules.load_text(a, "old.yaml"), segrules.load_text(b, "new.yaml")
        size = AnswerSpace(old.definition).size()
        proving, counting, cells = [], [], None
        for _ in range(rounds):
            d, t = timed(lambda: diff(old, new, budget=Budget(None), count=False))
            if d.equal is not False:
                raise SystemExit(f"{name}: the solver did not show the move")
            proving.append(t)
            cells, t = timed(lambda: count_joint(old.definition, new.definition))
            if sum(c.count for c in cells.values()) != size:
                raise SystemExit(f"{name}: the cells do not add up to the answer space")
            counting.append(t)
        moved_sets = sum(c.count for (o, n), c in cells.items() if o != n)
        rows.append({"diff": name, "answer_sets": str(size), "moved": str(moved_sets),
                     "proving_seconds": round(statistics.median(proving), 4),
                     "counting_seconds": round(statistics.median(counting), 4)})
    return rows


def _write_table(models: list[dict], diffs: list[dict], rounds: int) -> None:
    from segrules.files import replace_between, write_text_atomic

    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()} ({platform.python_implementation()} "
        f"{platform.python_version()}), 2 cores; medians of {rounds} paired rounds of `make bench-verify`.",
        "",
        "| shipped ruleset | answer sets | exact counts s | SMT proof s | counting / proving |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in models:
        lines.append(f"| `{r['ruleset']}` | {size_text(int(r['answer_sets']))} | {r['counting_seconds']:.3f} | "
                     f"{r['proving_seconds']:.3f} | {r['counting_seconds'] / r['proving_seconds']:.2f} |")
    lines += ["", "| diff | answer sets | answer sets moved | every cell counted s | every cell proven s |",
              "|---|---:|---:|---:|---:|"]
    for r in diffs:
        lines.append(f"| {r['diff']} | {size_text(int(r['answer_sets']))} | {size_text(int(r['moved']))} | "
                     f"{r['counting_seconds']:.3f} | {r['proving_seconds']:.3f} |")
    write_text_atomic(DOC, replace_between(DOC.read_text(encoding="utf-8"), BEGIN, END, "\n".join(lines)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="one round, for a smoke run; writes nothing")
    args = ap.parse_args(argv)
    rounds = 1 if args.quick else 3
    models = bench_models(rounds)
    print(f"{'shipped ruleset':<48} {'answer sets':>32} {'counts s':>9} {'proof s':>8}")
    for r in models:
        print(f"{r['ruleset']:<48} {size_text(int(r['answer_sets'])):>32} {r['counting_seconds']:>9.3f} "
              f"{r['proving_seconds']:>8.3f}")
    diffs = bench_diffs(rounds)
    print(f"\n{'diff':<48} {'answer sets':>32} {'counts s':>9} {'proof s':>8}  moved")
    for r in diffs:
        print(f"{r['diff']:<48} {size_text(int(r['answer_sets'])):>32} {r['counting_seconds']:>9.3f} "
              f"{r['proving_seconds']:>8.3f}  {size_text(int(r['moved']))}")
    if not args.quick:
        from segrules.files import write_text_atomic

        doc = {"machine": {"platform": platform.platform(), "python": platform.python_version()},
               "note": f"medians of {rounds} paired rounds, seconds", "models": models, "diffs": diffs}
        RESULTS.parent.mkdir(exist_ok=True)
        write_text_atomic(RESULTS, json.dumps(doc, indent=2) + "\n")
        _write_table(models, diffs, rounds)
        print(f"wrote {RESULTS.relative_to(ROOT)} and the table in docs/performance.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
