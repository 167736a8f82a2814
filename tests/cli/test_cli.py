"""The command line, run as a user runs it: ``python -m segrules ...`` in a subprocess.

Every command is tried on success and on failure: the exit code (0 ok, 1 problems or invalid
input, 2 usage error), no Python traceback for bad input, and the documented JSON keys.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from example_ruleset import EXAMPLE, write_ruleset
from support import ROOT

GOOD_ANSWERS = {"battery": "illness", "c_manage": 5, "c_support": 4, "p_illness": 1, "visits_last_year": 2}


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "segrules", *map(str, args)],
        cwd=ROOT, input=stdin, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout
    return proc


def run_json(*args: str, stdin: str | None = None, code: int = 0) -> dict:
    proc = run(*args, "--json", stdin=stdin)
    assert proc.returncode == code, proc.stdout + proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture
def ruleset(tmp_path: Path) -> Path:
    return write_ruleset(tmp_path)


@pytest.fixture
def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(GOOD_ANSWERS), encoding="utf-8")
    return path


def broken(tmp_path: Path, old: str, new: str) -> Path:
    assert old in EXAMPLE
    return write_ruleset(tmp_path, EXAMPLE.replace(old, new, 1), name="broken.yaml")


# --------------------------------------------------------------------------- the program


def test_version_and_help():
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("segrules ")
    proc = run("--help")
    assert proc.returncode == 0
    for name in ("check", "describe", "sample", "decide", "test", "explain"):
        assert name in proc.stdout


@pytest.mark.parametrize("args", [(), ("frobnicate",), ("check",), ("sample", "x.yaml", "--count", "-1")])
def test_usage_errors_exit_2(args):
    proc = run(*args)
    assert proc.returncode == 2
    assert "usage:" in proc.stderr


# --------------------------------------------------------------------------- check


def test_check_ok(ruleset):
    proc = run("check", ruleset)
    assert proc.returncode == 0, proc.stdout
    assert proc.stdout.strip() == f"{ruleset}: ok [example.quadrant 1.0.0]"


def test_check_json(ruleset):
    out = run_json("check", ruleset)
    assert out["schema"] == "segrules.check/1"
    assert out["ok"] is True
    (f,) = out["files"]
    assert f["file"] == str(ruleset) and f["ok"] is True
    assert f["errors"] == 0 and f["warnings"] == 0 and f["diagnostics"] == []
    assert set(f["ruleset"]) == {"id", "version", "content_hash"}
    assert f["ruleset"]["id"] == "example.quadrant"


def test_check_warning_is_not_a_failure(tmp_path):
    path = broken(tmp_path, "  en: Example model\n", "")
    proc = run("check", path)
    assert proc.returncode == 0, proc.stdout
    assert "SR131 warning" in proc.stdout
    assert proc.stdout.strip().endswith("ok (1 warning) [example.quadrant 1.0.0]")
    out = run_json("check", path)
    assert out["ok"] is True and out["files"][0]["warnings"] == 1
    assert out["files"][0]["diagnostics"][0]["severity"] == "warning"


def test_check_malformed_yaml(tmp_path):
    path = broken(tmp_path, "  c_manage:\n", "  c_manage:\n   - [unclosed\n")
    proc = run("check", path)
    assert proc.returncode == 1
    assert f"{path}:" in proc.stdout and "SR010 error" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1] == f"{path}: 1 error, 0 warnings"


def test_check_dsl_syntax_error_points_into_the_file(tmp_path):
    path = broken(tmp_path, "omatoimi  when resources >= 3 and complexity < 3", "omatoimi  when resources >= 3 and")
    proc = run("check", path)
    assert proc.returncode == 1
    line = EXAMPLE.splitlines().index("  - omatoimi  when resources >= 3 and complexity < 3") + 1
    assert f"{path}:{line}:" in proc.stdout
    assert "SR200 error" in proc.stdout
    assert "^" in proc.stdout  # the caret under the source line


def test_check_unknown_name(tmp_path):
    path = broken(tmp_path, "yhteiso   when resources < 3", "yhteiso   when resoruces < 3")
    proc = run("check", path)
    assert proc.returncode == 1
    assert "resoruces" in proc.stdout
    out = run_json("check", path, code=1)
    assert out["ok"] is False
    (f,) = out["files"]
    assert f["ruleset"] is None and f["errors"] >= 1
    d = f["diagnostics"][0]
    assert set(d) == {"code", "severity", "message", "file", "line", "column", "hint"}
    assert d["file"] == str(path) and d["line"] > 0 and d["code"].startswith("SR")


def test_check_several_files_and_a_missing_one(ruleset, tmp_path):
    missing = tmp_path / "nope.yaml"
    proc = run("check", ruleset, missing)
    assert proc.returncode == 1
    lines = proc.stdout.strip().splitlines()
    assert lines[0] == f"{ruleset}: ok [example.quadrant 1.0.0]"
    assert "SR001 error" in proc.stdout
    assert lines[-1] == f"{missing}: 1 error, 0 warnings"


# --------------------------------------------------------------------------- describe


def test_describe(ruleset):
    proc = run("describe", ruleset)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    for part in ("example.quadrant", "Inputs (6)", "p_illness", "asked when:", "Self-care client", "pärjääjä",
                 "resources high, complexity low", "Rules (4", "Pathways", "re-assess after"):
        assert part in text, part
    fi = run("describe", ruleset, "--lang", "fi").stdout
    assert "Omatoimiasiakkuus" in fi and "Self-care client" not in fi


def test_describe_is_deterministic(ruleset):
    assert run("describe", ruleset).stdout == run("describe", ruleset).stdout


def test_describe_json(ruleset):
    out = run_json("describe", ruleset)
    assert out["schema"] == "segrules.describe/1"
    assert set(out) == {"schema", "ruleset", "inputs", "groups", "scores", "axes", "segments", "rules", "pathways"}
    assert out["ruleset"]["id"] == "example.quadrant" and len(out["ruleset"]["content_hash"]) == 64
    inputs = {i["id"]: i for i in out["inputs"]}
    assert list(inputs) == ["battery", "c_manage", "c_support", "p_illness", "p_risk", "visits_last_year"]
    assert inputs["c_support"]["optional"] is True
    assert inputs["p_risk"]["asked_when"] is not None and inputs["battery"]["asked_when"] is None
    assert inputs["visits_last_year"]["domain"] == {"type": "integer", "min": 0, "max": 50}
    assert [v["value"] for v in inputs["battery"]["domain"]["values"]] == ["illness", "risk"]
    assert [s["id"] for s in out["segments"]] == ["omatoimi", "yhteiso", "yhteistyo", "verkosto"]
    assert out["segments"][0]["quadrant"] == {"resources": "high", "complexity": "low"}
    assert [r["number"] for r in out["rules"]] == [1, 2, 3, 4]
    assert {p["segment"] for p in out["pathways"]} == {"omatoimi", "yhteiso", "yhteistyo", "verkosto"}


def test_describe_bad_file(tmp_path):
    path = broken(tmp_path, "  c_manage:\n", "  c_manage:\n   - [unclosed\n")
    proc = run("describe", path)
    assert proc.returncode == 1
    assert "SR010" in proc.stderr
    err = run_json("describe", path, code=1)
    assert err["schema"] == "segrules.error/1" and err["command"] == "describe"
    assert err["error"]["code"] == "SR010" and err["diagnostics"][0]["line"] > 0


# --------------------------------------------------------------------------- sample


def test_sample_is_valid_and_deterministic(ruleset):
    import segrules

    rs = segrules.load(ruleset)
    proc = run("sample", ruleset, "--count", "20", "--seed", "7")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert len(lines) == 20
    for line in lines:
        rs.validate(json.loads(line))
    assert run("sample", ruleset, "--count", "20", "--seed", "7").stdout == proc.stdout
    assert run("sample", ruleset, "--count", "20", "--seed", "8").stdout != proc.stdout
    # --json prints the same JSON lines; the first of 20 is the whole of --count 1
    assert run("sample", ruleset, "--count", "20", "--seed", "7", "--json").stdout == proc.stdout
    assert run("sample", ruleset, "--count", "1", "--seed", "7").stdout == lines[0] + "\n"


def test_sample_needs_a_key_with_a_name(ruleset):
    """A population with an empty key would be refused by segrules batch (a column without a
    name): sample refuses the key itself, as segrules sql does."""
    for key in ("", "  "):
        proc = run("sample", ruleset, "--count", "1", "--key", key)
        assert proc.returncode == 2 and "--key needs a column name" in proc.stderr and not proc.stdout


def test_sample_bad_ruleset(tmp_path):
    proc = run("sample", tmp_path / "nope.yaml")
    assert proc.returncode == 1 and "SR001" in proc.stderr


def test_sample_piped_into_decide(ruleset):
    sampled = run("sample", ruleset, "--seed", "3").stdout
    proc = run("decide", ruleset, "--answers", "-", stdin=sampled)
    assert proc.returncode == 0, proc.stderr


# --------------------------------------------------------------------------- decide


def test_decide_readable(ruleset, answers_file):
    proc = run("decide", ruleset, "--answers", answers_file, "--at", "2024-03-01T09:30:00+02:00")
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    for part in ("Self-care client (omatoimi)", "Pathway:", "Digital service", "resources", "4.5",
                 "Self-care client when Resources ≥ 3 and Complexity < 3", "because Resources = 4.5", "example.quadrant 1.0.0",
                 "2024-03-01T09:30:00+02:00", "2026-03-01"):
        assert part in text, part
    sv = run("decide", ruleset, "--answers", answers_file, "--lang", "sv").stdout
    assert "Självständig kund (omatoimi)" in sv


def test_decide_json(ruleset, answers_file):
    out = run_json("decide", ruleset, "--answers", answers_file, "--at", "2024-03-01T10:00:00Z")
    assert out["schema"] == "segrules.decide/1"
    assert set(out) == {"schema", "decision", "explanation", "lang"}
    d = out["decision"]
    for key in ("ruleset", "segment", "suggested_segment", "overridden", "override_reason", "pathway", "scores",
                "rule", "facts", "assessed_at", "reassess_on"):
        assert key in d, key
    assert d["segment"]["id"] == "omatoimi" and d["overridden"] is False
    assert d["ruleset"]["id"] == "example.quadrant"
    assert d["assessed_at"] == "2024-03-01T10:00:00+00:00" and d["reassess_on"] == "2026-03-01"
    assert d["scores"]["resources"] == {"exact": "4.5", "decimal": 4.5}


def test_decide_default_time_is_now_utc(ruleset, answers_file):
    d = run_json("decide", ruleset, "--answers", answers_file)["decision"]
    assert d["assessed_at"].endswith("+00:00")


def test_decide_from_stdin(ruleset):
    out = run_json("decide", ruleset, "--answers", "-", stdin=json.dumps(GOOD_ANSWERS))
    assert out["decision"]["segment"]["id"] == "omatoimi"


def test_decide_override(ruleset, answers_file):
    out = run_json("decide", ruleset, "--answers", answers_file, "--override", "yhteistyo",
                   "--reason", "the client asked for a named doctor")
    d = out["decision"]
    assert d["segment"]["id"] == "yhteistyo" and d["suggested_segment"] == "omatoimi"
    assert d["overridden"] is True and d["override_reason"] == "the client asked for a named doctor"
    proc = run("decide", ruleset, "--answers", answers_file, "--override", "yhteistyo", "--reason", "asked")
    assert proc.returncode == 0 and "the rules suggested omatoimi" in proc.stdout


@pytest.mark.parametrize(
    "extra, code",
    [
        (("--override", "nosuch", "--reason", "x"), "SR501"),
        (("--override", "yhteistyo"), "SR502"),
        (("--override", "yhteistyo", "--reason", "  "), "SR502"),
        (("--reason", "no segment given"), "SR502"),
        (("--at", "yesterday"), "SR512"),
        (("--at", "2024-03-01T09:30"), "SR550"),  # no offset: refused as the library refuses it
        (("--at", "2024-03-01"), "SR550"),
        (("--at", "9999-12-31T00:00Z"), "SR524"),  # no re-assessment date after it
        (("--override", "omatoimi", "--reason", "confirmed"), "SR551"),
        (("--override", "Omatoimi", "--reason", "confirmed"), "SR551"),
    ],
)
def test_decide_bad_options(ruleset, answers_file, extra, code):
    proc = run("decide", ruleset, "--answers", answers_file, *extra)
    assert proc.returncode == 1
    assert code in proc.stderr
    err = run_json("decide", ruleset, "--answers", answers_file, *extra, code=1)
    assert err["schema"] == "segrules.error/1" and err["error"]["code"] == code


def test_decide_bad_json_has_a_position(ruleset, tmp_path):
    path = tmp_path / "answers.json"
    path.write_text('{\n  "battery": "illness",\n  "c_manage": 5,,\n}\n', encoding="utf-8")
    proc = run("decide", ruleset, "--answers", path)
    assert proc.returncode == 1
    assert f"{path}:3:17: SR511 error: the answers are not valid JSON" in proc.stderr
    proc = run("decide", ruleset, "--answers", "-", stdin="")
    assert proc.returncode == 1 and "<stdin>:1:1: SR511" in proc.stderr
    proc = run("decide", ruleset, "--answers", "-", stdin='{"c_manage": 1, "c_manage": 2}')
    assert proc.returncode == 1 and "twice" in proc.stderr


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_decide_refuses_what_python_reads_but_json_has_not(ruleset, tmp_path, constant):
    """NaN and Infinity are not JSON (Python's reader takes them): the file is refused as not
    JSON, at the place of the constant (not at a text that holds the same word)."""
    path = tmp_path / "answers.json"
    path.write_text('{"battery": "NaN and Infinity",\n "c_manage": ' + constant + "}\n", encoding="utf-8")
    proc = run("decide", ruleset, "--answers", path)
    assert proc.returncode == 1, proc.stderr
    assert f"{path}:2:14: SR511 error: the answers are not valid JSON: {constant} is not a JSON number" in proc.stderr


def test_decide_answers_must_be_an_object(ruleset):
    proc = run("decide", ruleset, "--answers", "-", stdin="[1, 2]")
    assert proc.returncode == 1 and "SR306" in proc.stderr


def test_decide_lists_every_answer_problem(ruleset):
    bad = {"battery": "illness", "c_manage": 7, "p_illness": 1, "p_risk": 2, "visits_last_year": 2, "age": 40}
    proc = run("decide", ruleset, "--answers", "-", stdin=json.dumps(bad))
    assert proc.returncode == 1
    assert "3 problems with the answers" in proc.stderr
    for part in ("SR301", "age", "SR302", "c_manage", "SR305", "p_risk"):
        assert part in proc.stderr, part
    err = run_json("decide", ruleset, "--answers", "-", stdin=json.dumps(bad), code=1)
    assert err["error"]["code"] == "SR300"
    assert sorted(p["input"] for p in err["problems"]) == ["age", "c_manage", "p_risk"]
    assert set(err["problems"][0]) == {"code", "input", "message"}


def test_decide_missing_answers_file(ruleset, tmp_path):
    proc = run("decide", ruleset, "--answers", tmp_path / "none.json")
    assert proc.returncode == 1 and "SR510" in proc.stderr


def test_decide_needs_answers(ruleset):
    assert run("decide", ruleset).returncode == 2


# --------------------------------------------------------------------------- test


def test_test_passes(ruleset):
    proc = run("test", ruleset)
    assert proc.returncode == 0
    assert proc.stdout.count("PASS ") == 2
    assert proc.stdout.strip().splitlines()[-1] == f"{ruleset}: 2 passed, 0 failed"


def test_test_failing_example(tmp_path, ruleset):
    path = broken(tmp_path, "    expect: verkosto", "    expect: yhteiso")
    proc = run("test", ruleset, path)
    assert proc.returncode == 1
    assert "FAIL" in proc.stdout and "expected yhteiso, got verkosto" in proc.stdout
    out = run_json("test", ruleset, path, code=1)
    assert out["schema"] == "segrules.test/1" and out["ok"] is False
    good, bad = out["files"]
    assert good["ok"] is True and good["passed"] == 2 and good["failed"] == 0
    assert bad["ok"] is False and bad["passed"] == 1 and bad["failed"] == 1
    ex = bad["examples"][1]
    assert set(ex) == {"name", "expect", "got", "passed", "error", "line"}
    assert ex["expect"] == "yhteiso" and ex["got"] == "verkosto" and ex["passed"] is False


def test_test_unloadable_ruleset(tmp_path):
    path = broken(tmp_path, "  c_manage:\n", "  c_manage:\n   - [unclosed\n")
    proc = run("test", path)
    assert proc.returncode == 1 and "SR010" in proc.stdout
    out = run_json("test", path, code=1)
    assert out["files"][0]["ruleset"] is None and out["files"][0]["diagnostics"]


# --------------------------------------------------------------------------- explain


def test_explain_unknown_code():
    proc = run("explain", "SR999")
    assert proc.returncode == 1
    assert "segrules explain --list" in proc.stderr or "not available" in proc.stderr


def test_explain_needs_a_code():
    assert run("explain").returncode == 2
    assert run("explain", "SR110", "--list").returncode == 2


def test_explain_known_code():
    codes = pytest.importorskip("segrules.codes").CODES
    code = sorted(codes)[0]
    proc = run("explain", code)
    assert proc.returncode == 0 and proc.stdout.startswith(f"{code}: ")
    assert run("explain", code.lower()).stdout == proc.stdout
    out = run_json("explain", code)
    assert out["schema"] == "segrules.explain/1"
    assert [c["code"] for c in out["codes"]] == [code]
    assert set(out["codes"][0]) == {"code", "title", "explanation", "lang"} and out["codes"][0]["lang"] == "en"
    listed = run_json("explain", "--list")
    assert [c["code"] for c in listed["codes"]] == sorted(codes)


# --------------------------------------------------------------------------- internal errors


def test_internal_error_exit_3_without_traceback(monkeypatch, capsys, ruleset):
    from segrules import cli
    from segrules.cli import check

    def boom(args):
        raise RuntimeError("something broke")

    monkeypatch.setattr(check, "run", boom)
    assert cli.main(["check", str(ruleset)]) == 3
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: something broke (run with --debug for details)" in err
    assert "Traceback" not in err
    with pytest.raises(RuntimeError):
        cli.main(["--debug", "check", str(ruleset)])
    with pytest.raises(RuntimeError):
        cli.main(["check", str(ruleset), "--debug"])


def test_debug_shows_the_traceback_for_bad_input(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "segrules", "--debug", "decide", str(write_ruleset(tmp_path)), "--answers", "-"],
        cwd=ROOT, input="[", capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1 and "Traceback" in proc.stderr


def test_a_command_is_one_module_and_one_line_in_the_table(monkeypatch, capsys):
    import types

    from segrules import cli

    hello = types.ModuleType("segrules.cli.hello")
    hello.HELP = "say hello"
    hello.add_arguments = lambda parser: None
    hello.run = lambda args: print("json" if args.json else "hello") or 0
    monkeypatch.setitem(sys.modules, "segrules.cli.hello", hello)
    monkeypatch.setattr(cli, "COMMANDS", (*cli.COMMANDS, ("hello", "hello")))
    assert cli.main(["hello"]) == 0
    assert cli.main(["hello", "--json"]) == 0
    assert cli.main(["--json", "hello"]) == 0
    assert capsys.readouterr().out.split() == ["hello", "json", "json"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_under_the_output_is_said_in_the_language_of_the_run(ruleset):
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "segrules", "describe", str(ruleset), "--lang", "fi"],
                              cwd=ROOT, stdout=full, stderr=subprocess.PIPE, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 1
    assert proc.stderr == "SR521 virhe: tulostetta ei voi kirjoittaa: levy on täynnä\n"
