#!/usr/bin/env python3
"""Verification time against answer-space size, with brute force as the baseline.

Synthetic Suuntima-like rulesets grow from about 10^3 to beyond 10^24 answer sets: n client
questions and n professional questions on a 1-5 scale (every third one optional), a question
battery that decides which professional questions are asked, two means and four quadrant
segments. Each is verified by each method on its own, in the same run: the structural method,
the SMT prover, ``segrules verify`` as users run it (both, the prover deciding), the exact
segment sizes alone (``counting.count_ruleset``, beside the proving time), and where the space
is small enough brute-force enumeration; the ratio brute / structural is printed. Every
method must prove every ruleset (brute force must give the same verdict), or the run stops.

Run: ``make bench-verify`` (or ``python benchmarks/verify_scaling.py``); ``--quick`` for a
smoke run. Results go to benchmarks/results/verify_scaling.json.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import segrules  # noqa: E402
from segrules.verify import _checks, verify  # noqa: E402
from segrules.verify.budget import Budget  # noqa: E402
from segrules.verify.counting import count_ruleset  # noqa: E402
from segrules.verify.influence import InfluenceChecker  # noqa: E402
from segrules.verify.prover import prove  # noqa: E402
from segrules.verify.space import AnswerSpace, Tally  # noqa: E402
from segrules.verify.structure import StructuralVerifier  # noqa: E402

RESULTS = HERE / "results" / "verify_scaling.json"
BRUTE_LIMIT = 200_000  # answer sets; brute force beyond this takes minutes


def ruleset_text(n_client: int, n_prof: int, batteries: int = 2) -> str:
    lab = "{fi: x, sv: x, en: x}"
    lines = [
        "format: 1", f"id: bench.scaling_{n_client}_{n_prof}_{batteries}", "version: 1.0.0",
        f"title: {lab}",
        "scales:", "  five:", "    values:",
    ]
    lines += [f"      {v}: {lab}" for v in range(1, 6)]
    lines += ["inputs:", "  battery:", "    respondent: professional", "    type: enum", "    values:"]
    lines += [f"      b{b}: {lab}" for b in range(batteries)]
    lines += [f"    text: {lab}"]
    client = []
    for i in range(n_client):
        client.append(f"c{i}")
        lines += [f"  c{i}:", "    respondent: client", "    type: scale", "    scale: five", f"    text: {lab}"]
        if i % 3 == 2:
            lines.append("    optional: true")
    prof = []
    for b in range(batteries):
        for i in range(n_prof):
            prof.append(f"p{b}_{i}")
            lines += [
                f"  p{b}_{i}:", "    respondent: professional", "    type: scale", "    scale: five",
                f"    text: {lab}", f"    asked_when: battery = \"b{b}\"",
            ]
            if i % 3 == 2:
                lines.append("    optional: true")
    lines += ["groups:", f"  client: [{', '.join(client)}]", f"  professional: [{', '.join(prof)}]"]
    lines += [
        "scores:",
        f"  resources: {{label: {lab}, expr: mean(client)}}",
        f"  complexity: {{label: {lab}, expr: mean(professional)}}",
        "axes: {resources: resources, complexity: complexity}",
        "segments:",
        f"  omatoimi: {{label: {lab}, quadrant: {{resources: high, complexity: low}}, service_use: occasional}}",
        f"  yhteiso: {{label: {lab}, quadrant: {{resources: low, complexity: low}}, service_use: occasional}}",
        f"  yhteistyo: {{label: {lab}, quadrant: {{resources: high, complexity: high}}, service_use: heavy}}",
        f"  verkosto: {{label: {lab}, quadrant: {{resources: low, complexity: high}}, service_use: heavy}}",
        "rules:",
        "  - omatoimi when resources >= 3 and complexity < 3",
        "  - yhteiso when resources < 3 and complexity < 3",
        "  - yhteistyo when resources >= 3 and complexity >= 3",
        "  - verkosto when resources < 3 and complexity >= 3",
        "pathways:",
    ]
    for seg in ("omatoimi", "yhteiso", "yhteistyo", "verkosto"):
        lines += [
            f"  {seg}:", f"    contact: {lab}", f"    appointments: [{lab}]", f"    coordination: {lab}",
            f"    self_care: {lab}", "    reassess_after_months: 12",
        ]
    return "\n".join(lines) + "\n"


SIZES = [(2, 2), (3, 2), (3, 3), (4, 3), (4, 4), (6, 6), (8, 8), (11, 11), (14, 14), (17, 17), (20, 20)]
QUICK = [(2, 2), (3, 3), (8, 8)]


def verdict(report) -> tuple:
    return tuple((c.name, c.status) for c in report.checks)


def structural_alone(rs) -> bool:
    """The structural method by itself (no SMT prover); True when it passes every check."""
    d = rs.definition
    tally = Tally(d)
    sv = StructuralVerifier(d, AnswerSpace(d), plane=False, budget=Budget.unlimited())
    sv.run(tally)
    InfluenceChecker(sv).run(tally)
    return all(c.status in ("passed", "not_applicable") for c in _checks(d, tally, None))


def smt_alone(rs) -> bool:
    result = prove(rs.definition, budget=Budget.unlimited())
    return all(c.status in ("passed", "not_applicable") for c in result.checks.values())


def timed(fn, *args):
    t = time.perf_counter()
    got = fn(*args)
    return got, time.perf_counter() - t


DOC = HERE.parent / "docs" / "performance.md"
BEGIN, END = "<!-- verify:begin -->", "<!-- verify:end -->"


def _write_table(rows) -> None:
    from segrules.files import replace_between, write_text_atomic

    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()} ({platform.python_implementation()} "
        f"{platform.python_version()}), 2 cores; one run of `make bench-verify`.",
        "",
        "| answer sets | structural s | SMT s | segrules verify s | exact counts s | brute force s | brute force / structural |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        size = int(r["answer_space_size"])
        brute = "—" if r["brute_force_seconds"] is None else f"{r['brute_force_seconds']:.2f}"
        ratio = "infeasible" if r["ratio"] is None else f"{r['ratio']:.0f}×"
        lines.append(f"| {size:.2e} | {r['structural_seconds']:.3f} | {r['smt_seconds']:.3f} | "
                     f"{r['verify_seconds']:.3f} | {r['counting_seconds']:.3f} | {brute} | {ratio} |")
    write_text_atomic(DOC, replace_between(DOC.read_text(encoding="utf-8"), BEGIN, END, "\n".join(lines)))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="a few small sizes, for a smoke run; writes nothing")
    args = ap.parse_args(argv)
    rows = []
    print(f"{'answer sets':>14} {'log10':>6} {'structural s':>13} {'SMT s':>8} {'verify s':>9} {'counts s':>9} {'brute s':>10} "
          f"{'brute/structural':>17}")
    for nc, np_ in (QUICK if args.quick else SIZES):
        rs = segrules.load_text(ruleset_text(nc, np_), f"scaling_{nc}_{np_}.yaml")
        ok_structural, structural = timed(structural_alone, rs)
        ok_smt, smt = timed(smt_alone, rs)
        rep, whole = timed(lambda: verify(rs, budget=Budget.unlimited()))
        sizes, counting = timed(lambda: count_ruleset(rs.definition))
        size = rep.answer_space_size
        if sizes.total != size:
            print(f"the exact counts add up to {sizes.total} answer sets, not {size}")
            return 1
        for name, ok in (("the structural method", ok_structural), ("the SMT prover", ok_smt),
                         ("segrules verify", rep.proven)):
            if not ok:
                print(f"{name} did not prove a correct synthetic ruleset of {size} answer sets")
                return 1
        brute = None
        if size <= BRUTE_LIMIT:
            t = time.perf_counter()
            b = verify(rs, method="enumeration")
            brute = time.perf_counter() - t
            if not b.proven:
                print(f"brute force does not prove the ruleset of {size} answer sets")
                return 1
        ratio = f"{brute / structural:.0f}x" if brute is not None else "(infeasible)"
        print(f"{size:>14.3e} {math.log10(size):>6.1f} {structural:>13.3f} {smt:>8.3f} {whole:>9.3f} {counting:>9.3f} "
              f"{(f'{brute:.2f}' if brute is not None else '-'):>10} {ratio:>17}", flush=True)
        rows.append({"client_questions": nc, "professional_questions_per_battery": np_,
                     "answer_space_size": str(size), "log10": round(math.log10(size), 2),
                     "structural_seconds": round(structural, 4),
                     "smt_seconds": round(smt, 4),
                     "verify_seconds": round(whole, 4),
                     "counting_seconds": round(counting, 4),
                     "brute_force_seconds": None if brute is None else round(brute, 3),
                     "ratio": None if brute is None else round(brute / structural, 1)})
    if not args.quick:
        RESULTS.parent.mkdir(exist_ok=True)
        doc = {"machine": {"platform": platform.platform(), "python": platform.python_version()},
               "note": "times in seconds, measured in one run; brute force only where the space is small",
               "rows": rows}
        from segrules.files import write_text_atomic

        write_text_atomic(RESULTS, json.dumps(doc, indent=2) + "\n")
        _write_table(rows)
        print(f"wrote {RESULTS.relative_to(HERE.parent)} and the table in docs/performance.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
