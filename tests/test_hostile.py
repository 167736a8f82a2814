"""Hostile input, end to end: every case gets a coded error (SRxxx) and never a traceback.

The cases run the real command line (``python -m segrules`` in a subprocess) and the API:
size (endless sources, oversized files), encoding (invalid UTF-8, lone surrogates, terminal
escapes), huge numbers, deep nesting, file-system errors on output, links and special files,
outputs that would overwrite inputs, and answers in unusual mappings.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import segrules
from segrules.answers import MAX_ANSWERS_BYTES
from segrules.errors import AnswerError, RulesetError, SegrulesError
from segrules.source import MAX_FILE_BYTES

from support import BASE, mini

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = {"battery": "illness", "c_manage": 4, "c_support": 2, "p_illness": 3, "visits": 20}
GUARD = 120  # seconds: only so that a regression fails instead of hanging the suite


def segrules_cli(*args, stdin=None, input=None, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "segrules", *args], input=input, stdin=stdin, capture_output=True,
        timeout=GUARD, cwd=cwd, env=env,
    )


def assert_coded(result, code: str, *, exit_code: int = 1, json_doc: bool = False):
    """Exit 1 with the code in the message (or the JSON error document), no traceback."""
    err = result.stderr.decode("utf-8", "replace")
    out = result.stdout.decode("utf-8", "replace")
    assert "Traceback" not in err + out
    assert result.returncode == exit_code, (result.returncode, err, out[:500])
    if json_doc:
        doc = json.loads(result.stdout)
        codes = [doc["error"]["code"]] + [p["code"] for p in doc.get("problems", [])]
        assert code in codes, doc
    else:
        assert code in err + out, err + out
    return err, out


@pytest.fixture()
def model(tmp_path) -> Path:
    path = tmp_path / "model.yaml"
    path.write_text(BASE, encoding="utf-8")
    return path


def answers_file(tmp_path, data: bytes | str, name: str = "answers.json") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --------------------------------------------------------------------------- size and endless sources


def test_an_endless_device_as_the_ruleset_stops_at_the_limit():
    assert_coded(segrules_cli("check", "/dev/zero"), "SR002")


def test_an_endless_device_as_the_answers_stops_at_the_limit(model):
    assert_coded(segrules_cli("decide", str(model), "--answers", "/dev/zero"), "SR307")


def test_an_endless_pipe_as_the_answers_stops_at_the_limit(model):
    proc = subprocess.Popen(
        [sys.executable, "-m", "segrules", "decide", str(model), "--answers", "-", "--json"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )

    def feed():
        try:
            while True:
                proc.stdin.write(b"{" + b" " * 65536)
        except (BrokenPipeError, ValueError, OSError):
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    out, err = proc.stdout.read(), proc.stderr.read()  # the outputs are small: no deadlock
    proc.wait(timeout=GUARD)
    result = subprocess.CompletedProcess(proc.args, proc.returncode, out, err)
    assert_coded(result, "SR307", json_doc=True)


def test_a_fifo_with_no_writer_is_read_as_empty_instead_of_hanging(tmp_path, model):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert_coded(segrules_cli("check", str(fifo)), "SR100")
    assert_coded(segrules_cli("decide", str(model), "--answers", str(fifo)), "SR511")


def test_a_ruleset_over_one_mebibyte(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(BASE.encode() + b"#" * MAX_FILE_BYTES)
    result = segrules_cli("--json", "check", str(path))
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert json.loads(result.stdout)["files"][0]["diagnostics"][0]["code"] == "SR002"


def test_answers_over_the_documented_limit(tmp_path, model):
    path = answers_file(tmp_path, json.dumps(ANSWERS) + " " * MAX_ANSWERS_BYTES)
    assert_coded(segrules_cli("decide", str(model), "--answers", str(path)), "SR307")


def test_flow_lists_nested_a_hundred_thousand_deep_in_a_ruleset(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    assert_coded(segrules_cli("check", str(path)), "SR140")


def test_deeply_nested_answers(tmp_path, model):
    path = answers_file(tmp_path, '{"c_manage": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert_coded(segrules_cli("--json", "decide", str(model), "--answers", str(path)), "SR308", json_doc=True)


def test_millions_of_unknown_answers_are_counted_not_listed(tmp_path, model):
    many = dict(ANSWERS, **{f"x{i}": 1 for i in range(60_000)})
    path = answers_file(tmp_path, json.dumps(many))
    _, out = assert_coded(
        segrules_cli("--json", "decide", str(model), "--answers", str(path)), "SR301", json_doc=True
    )
    problems = json.loads(out)["problems"]
    assert len(problems) == 21 and problems[-1]["message"].startswith("and 59980 more answers")


# --------------------------------------------------------------------------- encoding


def test_a_ruleset_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(BASE.replace("Testimalli", "Testimallä").encode("latin-1"))
    assert_coded(segrules_cli("check", str(path)), "SR003")


def test_answers_that_are_not_utf8(tmp_path, model):
    path = answers_file(tmp_path, b'{"battery": "ill\xe4ness"}')
    assert_coded(segrules_cli("decide", str(model), "--answers", str(path)), "SR510")


@pytest.mark.parametrize("where", ["value", "key"])
def test_a_lone_surrogate_in_the_answers_under_json(tmp_path, model, where):
    # half a surrogate pair alone is no character: the answers are not JSON text (SR511)
    answers = dict(ANSWERS)
    if where == "value":
        text = json.dumps(answers).replace('"illness"', '"ill\\ud800ness"')
    else:
        text = json.dumps(answers)[:-1] + ', "\\udcff": 1}'
    path = answers_file(tmp_path, text)
    assert_coded(segrules_cli("--json", "decide", str(model), "--answers", str(path)), "SR511", json_doc=True)


def test_a_lone_surrogate_in_load_text():
    with pytest.raises(RulesetError) as info:
        segrules.load_text(BASE.replace("Testimalli", "Testi\udcffmalli"), "t.yaml")
    d = info.value.diagnostics[0]
    assert d.code == "SR003" and (d.span.line, d.span.column) == (4, 18)


def test_terminal_escapes_in_answer_keys_and_values_are_not_echoed_raw(tmp_path, model):
    answers = dict(ANSWERS, battery="\x1b]0;owned\x07", **{"\x1b[2J": 1})
    path = answers_file(tmp_path, json.dumps(answers))
    err, _ = assert_coded(segrules_cli("decide", str(model), "--answers", str(path)), "SR301")
    assert "\x1b" not in err and "\x07" not in err
    assert "\\x1b[2J" in err and "\\x1b]0;owned\\x07" in err


def test_a_file_name_with_a_byte_that_is_not_utf8_under_json(tmp_path):
    name = os.fsencode(str(tmp_path)) + b"/caf\xe9.yaml"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "segrules", "--json", "decide", name, "--answers", "-"], input=b"{}",
        capture_output=True, timeout=GUARD, env=env,
    )
    _, out = assert_coded(result, "SR001", json_doc=True)
    assert "caf\udce9.yaml" in json.loads(out)["error"]["message"]


def test_a_reason_with_a_byte_that_is_not_utf8_under_json(tmp_path, model):
    path = answers_file(tmp_path, json.dumps(ANSWERS))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "segrules", "--json", "decide", str(model), "--answers", str(path),
         "--override", "omatoimi", "--reason", b"asiakkaan toive \xe4"],
        capture_output=True, timeout=GUARD, env=env,
    )
    # refused (a usage error), never written into the record as \udce4, which no JSON reader takes back
    assert result.returncode == 2 and b"Traceback" not in result.stderr and not result.stdout
    assert b"is not UTF-8" in result.stderr


def test_a_lone_surrogate_escape_in_a_ruleset_is_sr010_at_its_place(tmp_path):
    path = tmp_path / "model.yaml"
    path.write_text(BASE.replace("en: Test model}", 'en: "Test \\ud800"}', 1), encoding="utf-8")
    line = BASE[: BASE.index("en: Test model}")].count("\n") + 1
    for args in (("check", str(path)), ("--json", "check", str(path))):
        err, out = assert_coded(segrules_cli(*args), "SR010")
        assert f"{path}:{line}:" in err + out or f"\"line\": {line}," in out


# --------------------------------------------------------------------------- huge numbers


def test_ten_to_the_five_thousand_is_sr302_from_the_library_the_command_line_and_the_service(tmp_path):
    """One answer, one code: the library, an answers file and a service request side by side."""
    pytest.importorskip("starlette")
    from starlette.testclient import TestClient

    from segrules.serve import ServeConfig, create_app
    from segrules.serve.runner import start

    suuntima = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"
    config = ServeConfig([str(suuntima)])
    app = create_app(config, store=start(config, stream=open(os.devnull, "w")))
    for digits, number in (("1" + "0" * 5000, 10**5000), ("-" + "9" * 12_000, 1 - 10**12_000)):
        text = '{"c_coping": 4, "c_daily_life": ' + digits + "}"
        with pytest.raises(AnswerError) as info:
            segrules.load(suuntima).decide({"c_coping": 4, "c_daily_life": number})
        library = [(p.code, p.input, p.message) for p in info.value.problems]
        result = segrules_cli("--json", "decide", str(suuntima), "--answers", str(answers_file(tmp_path, text)))
        assert_coded(result, "SR302", json_doc=True)
        cli = [(p["code"], p["input"], p["message"]) for p in json.loads(result.stdout)["problems"]]
        with TestClient(app, raise_server_exceptions=False) as client:
            r = client.post("/v1/rulesets/helsinki.suuntima/decide", content=b'{"answers": ' + text.encode() + b"}",
                            headers={"content-type": "application/json"})
        service = [(p["code"], p["input"], p["message"]) for p in r.json()["problems"]]
        assert library == cli == service and library[0][:2] == ("SR302", "c_daily_life")
        assert r.status_code == 422 and "set_int_max_str_digits" not in r.text


def test_an_answer_of_ten_to_the_five_thousand_through_the_api():
    rs = segrules.load_text(BASE)
    answers = dict(ANSWERS, visits=10**5000)
    for call in (rs.segment_of, rs.decide, rs.validate):
        with pytest.raises(AnswerError) as info:
            call(answers)
        [p] = info.value.problems
        assert p.code == "SR302" and "a whole number of about 5001 digits" in p.message


HUGE = "1" + "0" * 400


def test_scores_beyond_the_float_range_are_shown_exactly(tmp_path):
    text = mini({"a": "integer 0..5"}, {"big": f"a * {HUGE}"}, ["low when big < 1", "high when big >= 1"])
    path = tmp_path / "huge.yaml"
    path.write_text(text, encoding="utf-8")
    rs = segrules.load(path)
    record = rs.decide({"a": 5}, assessed_at=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)).to_json()
    assert record["scores"]["big"] == {"exact": "5" + "0" * 400, "decimal": None}
    result = segrules_cli("--json", "decide", str(path), "--answers", "-", input=b'{"a": 5}')
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    assert json.loads(result.stdout)["decision"]["scores"]["big"]["exact"] == "5" + "0" * 400
    result = segrules_cli("decide", str(path), "--answers", "-", input=b'{"a": 5}')
    assert result.returncode == 0 and ("5" + "0" * 400).encode() in result.stdout


def test_an_assessment_time_whose_reassessment_is_past_the_year_9999(tmp_path, model):
    path = answers_file(tmp_path, json.dumps(ANSWERS))
    assert_coded(
        segrules_cli("--json", "decide", str(model), "--answers", str(path), "--at", "9999-12-31T00:00Z"),
        "SR524", json_doc=True,
    )


def test_an_ambiguous_yaml_number(tmp_path):
    path = tmp_path / "octal.yaml"
    path.write_text(BASE.replace("reassess_after_months: 12", "reassess_after_months: 010", 1), encoding="utf-8")
    assert_coded(segrules_cli("check", str(path)), "SR015")


# --------------------------------------------------------------------------- outputs


def test_verify_report_given_a_ruleset_by_mistake_does_not_destroy_it(tmp_path, model):
    other = tmp_path / "other.yaml"
    other.write_text(BASE, encoding="utf-8")
    assert_coded(segrules_cli("verify", "--report", str(model), str(other)), "SR520")
    assert model.read_text(encoding="utf-8") == BASE


@pytest.mark.parametrize("command", ["diagram", "verify"])
def test_an_output_that_is_the_input(tmp_path, model, command):
    alias = tmp_path / "alias.yaml"
    alias.symlink_to(model)
    option = "-o" if command == "diagram" else "--report"
    for target in (model, alias):
        assert_coded(segrules_cli(command, str(model), option, str(target), "--force"), "SR520")
    assert model.read_text(encoding="utf-8") == BASE and alias.is_symlink()


@pytest.mark.parametrize(
    "target, code",
    [("missing/out.svg", "SR521"), (".", "SR522"), ("/dev/full", "SR521"), ("dangling.svg", "SR523"),
     ("/sys/kernel/segrules.svg", "SR521")],  # a file system no one may create files in, even root
)
def test_outputs_that_cannot_be_written(tmp_path, model, target, code):
    if target.startswith("/sys/") and not os.path.isdir("/sys/kernel"):
        pytest.skip("no /sys on this machine")
    (tmp_path / "dangling.svg").symlink_to(tmp_path / "nowhere.svg")
    result = segrules_cli("--json", "diagram", str(model), "-o", target, cwd=tmp_path)
    _, out = assert_coded(result, code, json_doc=True)
    assert target in json.loads(out)["error"]["message"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dangling.svg", "model.yaml"]


def test_standard_output_on_a_full_disk(model):
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "segrules", "diagram", str(model)], stdout=full, stderr=subprocess.PIPE,
            timeout=GUARD, env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
    assert result.returncode == 1 and b"Traceback" not in result.stderr
    assert b"SR521" in result.stderr and b"the disk is full" in result.stderr


def test_outputs_through_links_and_to_standard_output(tmp_path, model):
    real = tmp_path / "real.svg"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.svg"
    link.symlink_to(real)
    assert segrules_cli("diagram", str(model), "-o", str(link)).returncode == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("<?xml")
    result = segrules_cli("diagram", str(model), "-o", "/dev/stdout")
    assert result.returncode == 0 and result.stdout.startswith(b"<?xml")


def test_ctrl_c_during_start_up_is_no_traceback(monkeypatch, capsys):
    from segrules import cli

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build_parser", interrupted)
    assert cli.main(["check", "x.yaml"]) == 130
    assert "Traceback" not in capsys.readouterr().err


# --------------------------------------------------------------------------- mappings


def test_a_defaultdict_missing_a_required_answer_gets_no_segment():
    rs = segrules.load_text(BASE)
    answers = collections.defaultdict(lambda: 3, {k: v for k, v in ANSWERS.items() if k != "c_manage"})
    for call in (rs.segment_of, rs.decide, rs.validate):
        with pytest.raises(SegrulesError) as info:
            call(answers)
        assert [p.code for p in info.value.problems] == ["SR304"]
    assert "c_manage" not in answers


def _quadrant_model(text: str, resources: str, complexity: str) -> str:
    """A ``mini`` text with two segments 'lo' and 'hi' given quadrants and axes."""
    low, high = text.split("  hi:\n", 1)
    text = (low.replace("service_use: heavy\n", "service_use: heavy\n    quadrant: {resources: low, complexity: low}\n")
            + "  hi:\n"
            + high.replace("service_use: heavy\n", "service_use: heavy\n    quadrant: {resources: high, complexity: high}\n", 1))
    return text.replace("pathways:", f"axes:\n  resources: {resources}\n  complexity: {complexity}\npathways:")


def test_a_diagram_of_scores_beyond_the_float_range(tmp_path):
    text = mini({"a": "integer 0..5", "b": "integer 0..5"}, {"r": f"a * {HUGE}", "k": f"b * {HUGE}"},
                ["lo when r < 3 and k < 3", "hi when r >= 3 or k >= 3"])
    path = tmp_path / "huge.yaml"
    path.write_text(_quadrant_model(text, "r", "k"), encoding="utf-8")
    result = segrules_cli("diagram", str(path), "--lang", "en")
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    assert "≥ ≈1.0e400".encode() in result.stdout


def test_a_diagram_too_large_to_draw_says_so_at_once(tmp_path):
    n = 300  # within the documented limit of 500 inputs
    text = mini({f"c{i}": "scale" for i in range(n)}, {"r": "mean(" + ", ".join(f"c{i}" for i in range(n)) + ")"},
                ["lo when r < 3", "hi when r >= 3"])
    path = tmp_path / "wide.yaml"
    path.write_text(_quadrant_model(text, "r", "r"), encoding="utf-8")
    err, _ = assert_coded(segrules_cli("diagram", str(path)), "SR525")
    assert "too large to draw" in err
