"""``segrules verify`` on the command line: the budget, and every ruleset's result whatever
happens to the others."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from segrules import cli
from segrules.cli import verify as verify_command
from segrules.verify.model import InternalInconsistency

from example_ruleset import EXAMPLE
from support import ROOT

BROKEN = EXAMPLE.replace("omatoimi  when resources >= 3", "omatoimi  when resources > 3")


def run(*args):
    proc = subprocess.run([sys.executable, "-m", "segrules", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=300)
    assert "Traceback" not in proc.stderr and "Traceback" not in proc.stdout, proc.stderr
    return proc


@pytest.fixture
def files(tmp_path):
    paths = []
    for name, text in (("a.yaml", EXAMPLE), ("b.yaml", BROKEN), ("c.yaml", EXAMPLE)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_budget_options(files):
    out = run("verify", "--time-limit", "120", "--solver-budget", "9000000", "--structural-budget", "1000000",
              "--enumeration-budget", "10", "--json", files[0])
    doc = json.loads(out.stdout)
    assert out.returncode == 0 and doc["proven"] is True
    assert doc["reports"][0]["budget"] == {
        "solver_rlimit": 9_000_000, "solver_rlimit_per_query": 3_600_000, "answer_sets": 10,
        "structural_steps": 1_000_000, "control_cases": 20_000, "partial_states": 400_000,
        "combinations": 400_000, "time_limit_seconds": 120.0,
    }
    for bad in ("0", "-1", "abc", "nan", "inf"):
        out = run("verify", "--time-limit", bad, files[0])
        assert out.returncode == 2 and "positive number of seconds" in out.stderr, (bad, out.stderr)
    for option in ("--solver-budget", "--structural-budget", "--enumeration-budget"):
        for bad in ("0", "-1", "abc", "1.5"):
            out = run("verify", option, bad, files[0])
            assert out.returncode == 2 and "positive whole number" in out.stderr, (option, bad, out.stderr)


def test_a_spent_budget_is_undecided_and_named(files):
    out = run("verify", "--solver-budget", "1", "--structural-budget", "1", "--enumeration-budget", "1", "--json", files[0])
    doc = json.loads(out.stdout)
    assert out.returncode == 1 and doc["proven"] is False
    checks = doc["reports"][0]["checks"]
    assert {c["budget_exhausted"] for c in checks if c["status"] == "undecided"} <= {
        "solver_rlimit", "solver_rlimit_per_query", "structural_steps"}
    assert any(c["status"] == "undecided" for c in checks)


def test_a_ruleset_whose_verification_stops_never_loses_the_others(files, monkeypatch, capsys):
    real = verify_command.verify

    def verify(ruleset, **kwargs):
        if ruleset.definition.source.endswith("b.yaml"):
            raise InternalInconsistency("the counts disagree", code="SR690")
        return real(ruleset, **kwargs)

    monkeypatch.setattr(verify_command, "verify", verify)
    code = cli.main(["verify", "--json", *map(str, files)])
    doc = json.loads(capsys.readouterr().out)
    assert code == 3  # an internal error, after every result is out
    assert [r.get("proven") for r in doc["reports"]] == [True, False, True]
    assert doc["reports"][1]["error"] == {"code": "SR690", "message": "the counts disagree"}
    assert doc["proven"] is False

    code = cli.main(["verify", *map(str, files)])
    out = capsys.readouterr()
    assert code == 3
    assert out.out.count("PROVEN: every possible answer set") == 2
    assert "b.yaml: NOT VERIFIED: internal error SR690" in out.err
    assert cli.main(["verify", "--lang", "fi", *map(str, files)]) == 3  # said in the run's language
    err = capsys.readouterr().err
    assert "b.yaml: EI VERIFIOITU: sisäinen virhe SR690: " in err and "internal error" not in err


def test_an_unexpected_crash_is_contained_too(files, monkeypatch, capsys):
    def verify(ruleset, **kwargs):
        raise MemoryError()

    monkeypatch.setattr(verify_command, "verify", verify)
    code = cli.main(["verify", "--json", *map(str, files)])
    doc = json.loads(capsys.readouterr().out)
    assert code == 3 and len(doc["reports"]) == 3
    assert {r["error"]["code"] for r in doc["reports"]} == {"internal"}


def test_an_unwritable_report_still_prints_every_result(files, tmp_path):
    target = tmp_path / "no" / "such" / "folder" / "report.html"
    out = run("verify", "--json", "--report", target, *files)
    assert out.returncode == 1
    doc = json.loads(out.stdout)
    assert len(doc["reports"]) == 3 and doc["report_error"]["code"].startswith("SR52")
    text = run("verify", "--report", target, files[0])
    assert text.returncode == 1 and "SR52" in text.stderr and "PROVEN" in text.stdout
    assert not target.parent.exists()
