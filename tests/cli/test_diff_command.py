"""``segrules diff`` on the command line: text, JSON, the HTML section and the exit codes."""

from __future__ import annotations

import json

import pytest

from segrules import cli

from example_ruleset import EXAMPLE

MOVED = EXAMPLE.replace("omatoimi  when resources >= 3", "omatoimi  when resources >= 3.5").replace(
    "yhteiso   when resources < 3", "yhteiso   when resources < 3.5")


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_moved_threshold_is_shown_with_a_witness(tmp_path, capsys):
    assert MOVED != EXAMPLE
    old, new = write(tmp_path, "old.yaml", EXAMPLE), write(tmp_path, "new.yaml", MOVED)
    report = tmp_path / "diff.html"
    assert cli.main(["diff", old, new, "--report", str(report)]) == 1
    out = capsys.readouterr().out
    assert "DIFFERENT" in out and "omatoimi -> yhteiso" in out and "for example" in out
    page = report.read_text(encoding="utf-8")
    assert "Difference between two versions" in page and "omatoimi → yhteiso" in page


def test_json_has_a_versioned_schema_and_every_cell(tmp_path, capsys):
    old, new = write(tmp_path, "old.yaml", EXAMPLE), write(tmp_path, "new.yaml", MOVED)
    assert cli.main(["--json", "diff", old, new]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "segrules.diff/1" and doc["equal"] is False
    moved = [c for c in doc["cells"] if c["old"] != c["new"] and c["status"] == "found"]
    assert [(c["old"], c["new"]) for c in moved] == [("omatoimi", "yhteiso")]
    assert len(doc["old"]["content_hash"]) == 64
    rows, cols = doc["rows"], doc["columns"]
    assert len(doc["cells"]) == len(rows) * len(cols) - 1  # <invalid> -> <invalid> is not compared


def test_the_same_model_is_proven_equal(tmp_path, capsys):
    old, new = write(tmp_path, "old.yaml", EXAMPLE), write(tmp_path, "new.yaml", EXAMPLE)
    assert cli.main(["diff", old, new]) == 0
    assert "EQUAL (proven)" in capsys.readouterr().out


def test_usage_and_bad_files(tmp_path, capsys):
    old = write(tmp_path, "old.yaml", EXAMPLE)
    for argv in (["diff", old], ["diff", old, old, "--budget", "0"]):
        with pytest.raises(SystemExit) as e:
            cli.main(argv)
        assert e.value.code == 2
    bad = write(tmp_path, "bad.yaml", "format: 1\nid: [\n")
    assert cli.main(["diff", old, bad]) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_diff_and_verify_take_the_same_budget_options():
    """The budgets are declared once (cli.common.add_budgets): the same options, help and
    defaults for both commands, verify with the counting methods' budgets besides."""
    from segrules.cli import build_parser

    def options(command: str) -> dict:
        sub = build_parser(only=command)._subparsers._group_actions[0].choices[command]
        return {o: (a.help, a.default) for a in sub._actions for o in a.option_strings if "budget" in o or "time" in o}

    shared = options("diff")
    assert set(shared) == {"--solver-budget", "--time-limit", "--budget"}
    verify = options("verify")
    assert {o: verify[o] for o in shared} == shared
    assert set(verify) - set(shared) == {"--enumeration-budget", "--structural-budget"}
    args = build_parser(only="verify").parse_args(["verify", "x.yaml", "--budget", "7"])
    assert args.time_limit == 7


def test_the_report_line_speaks_the_runs_language(tmp_path, capsys):
    old, new = write(tmp_path, "old.yaml", EXAMPLE), write(tmp_path, "new.yaml", MOVED)
    report = tmp_path / "ero.html"
    assert cli.main(["diff", old, new, "--lang", "fi", "--report", str(report)]) == 1
    out = capsys.readouterr().out
    assert f"raportti kirjoitettu tiedostoon {report}" in out and "report written" not in out
