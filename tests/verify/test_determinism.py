"""The same report on every machine: ``segrules verify --json`` run alone, beside two CPU-bound
processes, and under two hash seeds gives the same verdicts, counts and witnesses (timings
aside), because every budget is counted in work, not in time.

The suite runs a sample (a shipped model and two shapes, with the default budgets and with
budgets small enough to run out part-way, where a clock would show the load at once);
``make verify-determinism`` runs the full sweep over every shipped model and every ruleset
under tests/verify/shapes/ (``SEGRULES_DETERMINISM=all``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from support import ROOT, SHIPPED

pytest.importorskip("z3")

SAMPLE = ["rulesets/helsinki/suuntima.yaml", "tests/verify/shapes/red_flags_or_chain.yaml"]
#: budgets that run out part-way through the sample's proofs and counts
TIGHT = ["--solver-budget", "150000", "--structural-budget", "300000"]


def everything() -> list[str]:
    shapes = sorted((ROOT / "tests" / "verify" / "shapes").glob("*.yaml"))
    return [p.relative_to(ROOT).as_posix() for p in SHIPPED + shapes]


def verify_json(files: list[str], options: list[str], seed: str) -> dict:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    proc = subprocess.run([sys.executable, "-m", "segrules", "verify", "--json", *options, *files], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=1800)
    assert proc.returncode in (0, 1), proc.stderr
    doc = json.loads(proc.stdout)
    for report in doc["reports"]:
        assert report.get("stopped") is None, report["notes"]  # the safety stop is never reached here
        report.pop("seconds")  # the fields that may differ: how long it took
        report.pop("timings", None)
    return doc


class Load:
    """Two CPU-bound processes, for as long as the block runs (ended by their own ids)."""

    def __enter__(self):
        self.procs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
        return self

    def __exit__(self, *exc):
        for p in self.procs:
            p.kill()
            p.wait()


def _files() -> list[str]:
    return everything() if os.environ.get("SEGRULES_DETERMINISM") == "all" else SAMPLE


@pytest.mark.parametrize("options", [[], TIGHT], ids=["default budgets", "tight budgets"])
def test_the_report_is_the_same_alone_beside_load_and_under_another_hash_seed(options):
    files = _files()
    alone = verify_json(files, options, "0")
    with Load():  # and another hash seed: one run differs from the first in both ways
        loaded = verify_json(files, options, "1")
    assert loaded == alone
    if options == TIGHT:  # the budgets did run out somewhere, and the report says which
        exhausted = [c.get("budget_exhausted") for r in alone["reports"] for c in r["checks"]
                     if c["status"] == "undecided"]
        assert exhausted and all(exhausted), exhausted


def diff_json(old: str, new: str, options: list[str], seed: str) -> dict:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    proc = subprocess.run([sys.executable, "-m", "segrules", "diff", "--json", *options, old, new], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=1800)
    assert proc.returncode in (0, 1), proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["stopped"] is False  # the safety stop is never reached here
    return doc


@pytest.mark.parametrize("options", [[], ["--solver-budget", "20000"]], ids=["default budget", "tight budget"])
def test_the_diff_is_the_same_alone_beside_load_and_under_another_hash_seed(tmp_path, options):
    """``segrules diff`` decides its cells within solver units, not seconds: the same matrix
    under load, and where the budget runs out, the same cells undecided, naming it."""
    old = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"
    new = tmp_path / "suuntima-3.5.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("resources >= 3", "resources >= 3.5"), encoding="utf-8")
    alone = diff_json(str(old), str(new), options, "0")
    with Load():
        loaded = diff_json(str(old), str(new), options, "1")
    assert loaded == alone
    assert alone["budget"]["solver_rlimit"] == (int(options[1]) if options else 5_000_000)
    undecided = [c for c in alone["cells"] if c["status"] == "undecided"]
    if options:  # the budget ran out part-way, and each undecided cell names it
        assert undecided and all(c["budget_exhausted"] in ("solver", "solver_call") for c in undecided), undecided
        assert alone["equal"] is False or alone["equal"] is None
    else:
        assert not undecided and alone["equal"] is False
