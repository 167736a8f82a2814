"""segrules decide --answers -: JSON Lines give one decision per line."""

from __future__ import annotations

import io
import json
import random

import segrules
from segrules.answers import MAX_ANSWERS_BYTES
from segrules.cli import main
from segrules.sampling import sample_answers

from support import ROOT

RULESET = str(ROOT / "rulesets" / "helsinki" / "suuntima.yaml")


def _lines(n: int) -> list[dict]:
    rs = segrules.load(RULESET).definition
    rng = random.Random(2)
    return [sample_answers(rs, rng) for _ in range(n)]


def _stdin(text: str):
    return io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")


def test_one_decision_per_line(monkeypatch, capsys):
    answers = _lines(3)
    monkeypatch.setattr("sys.stdin", _stdin("\n".join(json.dumps(a) for a in answers) + "\n"))
    assert main(["decide", RULESET, "--answers", "-", "--json", "--at", "2024-01-01T00:00:00Z"]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    ruleset = segrules.load(RULESET)
    assert [d["line"] for d in docs] == [1, 2, 3]
    assert [d["decision"]["segment"]["id"] for d in docs] == [ruleset.segment_of(a) for a in answers]


def test_a_bad_line_is_reported_and_the_others_decided(monkeypatch, capsys):
    answers = _lines(2)
    text = json.dumps(answers[0]) + "\n" + '{"no_such_input": 1}\n' + json.dumps(answers[1]) + "\n"
    monkeypatch.setattr("sys.stdin", _stdin(text))
    assert main(["decide", RULESET, "--answers", "-", "--json"]) == 1
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [("decision" in d, d["line"]) for d in docs] == [(True, 1), (False, 2), (True, 3)]
    assert docs[1]["error"]["code"] == "SR300"
    assert {p["code"] for p in docs[1]["problems"]} >= {"SR301", "SR304"}


def test_one_object_over_several_lines_is_still_one_answer_set(monkeypatch, capsys):
    answers = _lines(1)[0]
    monkeypatch.setattr("sys.stdin", _stdin(json.dumps(answers, indent=2)))
    assert main(["decide", RULESET, "--answers", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["schema"] == "segrules.decide/1"


def test_the_text_of_each_line_is_in_the_language_asked(monkeypatch, capsys):
    answers = _lines(1)[0]
    text = json.dumps(answers) + "\n" + '{"no_such_input": 1}\n' + '{"a": 1,}\n'
    monkeypatch.setattr("sys.stdin", _stdin(text))
    assert main(["decide", RULESET, "--answers", "-", "--lang", "fi"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("# rivi 1\n") and "# line" not in out
    assert "rivi 2: SR301 virhe: no_such_input: " in err and "rivi 2: SR304 virhe: " in err
    # a JSON mistake at its place in the file, as an editor numbers lines and columns
    assert "<stdin>:3:9: SR511 virhe: " in err and "line " not in err and "rivi 3:1" not in err


def test_a_line_longer_than_the_limit_is_one_error_and_the_next_lines_keep_their_numbers(monkeypatch, capsys):
    answers = [json.dumps(a) for a in _lines(3)]
    long = json.dumps(dict(_lines(1)[0], padding="x" * (MAX_ANSWERS_BYTES // 2 * 3)))  # 1.5 MiB
    for at in (2, 1):  # the second line too: the first tells that these are JSON Lines
        monkeypatch.setattr("sys.stdin", _stdin("\n".join(answers[:at] + [long] + answers[at:]) + "\n"))
        assert main(["decide", RULESET, "--answers", "-", "--json"]) == 1
        docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
        assert [("decision" in d, d["line"]) for d in docs] == [(n != at + 1, n) for n in range(1, 5)]
        assert docs[at]["error"] == {
            "code": "SR307",
            "message": f"<stdin> line {at + 1}: the answers are more than {MAX_ANSWERS_BYTES} bytes; "
                       f"one answer set may be at most {MAX_ANSWERS_BYTES} bytes",
        }
    # in text, the line is named once, not again before the message that names it
    monkeypatch.setattr("sys.stdin", _stdin("\n".join(answers[:1] + [long] + answers[1:]) + "\n"))
    assert main(["decide", RULESET, "--answers", "-"]) == 1
    err = capsys.readouterr().err
    assert f"SR307 error: <stdin> line 2: the answers are more than" in err and "line 2: SR307" not in err


def test_one_document_longer_than_the_limit_is_SR307_however_it_is_laid_out(monkeypatch, capsys):
    # blank space past the limit, in lines or in one: never read as a smaller document
    for text in ("{\n" + " " * (MAX_ANSWERS_BYTES + 10) + "}\n", " " * (MAX_ANSWERS_BYTES + 10) + "{}\n",
                 "\0" * (3 * MAX_ANSWERS_BYTES)):
        monkeypatch.setattr("sys.stdin", _stdin(text))
        assert main(["decide", RULESET, "--answers", "-", "--json"]) == 1
        error = json.loads(capsys.readouterr().out)["error"]
        assert error["code"] == "SR307" and f"more than {MAX_ANSWERS_BYTES} bytes" in error["message"]


def test_a_json_lines_file_is_read_as_standard_input_is(tmp_path, capsys):
    """A file of JSON Lines gives one decision a line, however long the file (each line is
    bounded like one answer set, not the whole file), and names its lines by the file; a file
    of one document over several lines, a folder and a missing file read as one document."""
    answers = [json.dumps(a) for a in _lines(40)]
    long = json.dumps(dict(_lines(1)[0], padding="x" * (MAX_ANSWERS_BYTES // 2 * 3)))  # 1.5 MiB
    path = tmp_path / "answers.jsonl"
    lines = answers[:1] + [long] + answers[1:] * 600  # about 6 MiB in all
    path.write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")  # a byte-order mark too
    assert main(["decide", RULESET, "--answers", str(path), "--json"]) == 1
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(docs) == len(lines) and [d["line"] for d in docs] == list(range(1, len(lines) + 1))
    assert [n for n, d in enumerate(docs, 1) if "decision" not in d] == [2]
    assert docs[1]["error"]["code"] == "SR307" and docs[1]["error"]["message"].startswith(f"{path} line 2: ")
    path.write_text(answers[0] + "\n" + '{"no_such_input": 1}\n', encoding="utf-8")
    assert main(["decide", RULESET, "--answers", str(path), "--lang", "sv"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("# rad 1\n") and f"{path} rad 2: SR301 fel: " not in err and "rad 2: SR301 fel: " in err
    path.write_text(json.dumps(_lines(1)[0], indent=2), encoding="utf-8")
    assert main(["decide", RULESET, "--answers", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["schema"] == "segrules.decide/1"
    for missing, code in ((tmp_path, "SR510"), (tmp_path / "none.jsonl", "SR510")):
        assert main(["decide", RULESET, "--answers", str(missing), "--json"]) == 1
        assert json.loads(capsys.readouterr().out)["error"]["code"] == code


def test_a_file_that_fails_while_its_lines_are_read_is_SR510_and_the_hint_names_the_ruleset_s_inputs(tmp_path, capsys):
    import os

    if os.path.exists("/proc/self/mem"):  # a regular file whose reading fails
        assert main(["decide", RULESET, "--answers", "/proc/self/mem", "--json"]) == 1
        error = json.loads(capsys.readouterr().out)["error"]
        assert error["code"] == "SR510" and error["message"].startswith("cannot read the answers from /proc/self/mem: ")
    path = tmp_path / "answers.jsonl"
    path.write_text(json.dumps(_lines(1)[0]) + "\nxx\n{}\n", encoding="utf-8")
    assert main(["decide", RULESET, "--answers", str(path)]) == 1
    err = capsys.readouterr().err
    inputs = {i.id for i in segrules.load(RULESET).definition.inputs}
    hint = next(line for line in err.splitlines() if "hint: write one JSON object, e.g. " in line)
    assert set(json.loads(hint.split("e.g. ", 1)[1])) <= inputs


def test_a_line_that_fails_says_its_problems_in_the_language_asked_under_json_too(monkeypatch, capsys):
    text = json.dumps(_lines(1)[0]) + "\n" + '{"no_such_input": 1}\n'
    monkeypatch.setattr("sys.stdin", _stdin(text))
    assert main(["decide", RULESET, "--answers", "-", "--json", "--lang", "sv"]) == 1
    failed = [json.loads(line) for line in capsys.readouterr().out.splitlines()][1]
    assert failed["error"]["code"] == "SR300" and {p["code"] for p in failed["problems"]} >= {"SR301"}
    said = {d["code"]: d["message"] for d in failed["diagnostics"]}
    assert said["SR301"].startswith("no_such_input: ") and "har ingen sådan fråga" in said["SR301"], said


def test_an_override_that_cannot_be_made_is_said_once_before_any_line(monkeypatch, capsys):
    text = "\n".join(json.dumps(a) for a in _lines(5)) + "\n"
    for extra, code in ((["--override", "verkosto"], "SR502"), (["--override", "nope", "--reason", "x"], "SR501"),
                        (["--reason", "x"], "SR502")):
        monkeypatch.setattr("sys.stdin", _stdin(text))
        assert main(["decide", RULESET, "--answers", "-", "--json", *extra]) == 1
        out = capsys.readouterr().out
        assert json.loads(out)["error"]["code"] == code  # one document, not one a line
    ruleset = segrules.load(RULESET)
    assert ruleset.check_override("verkosto", "the family asked for it").id == "verkosto"


def test_a_bad_second_line_is_one_error_and_the_other_lines_are_decided(monkeypatch, capsys):
    answers = [json.dumps(a) for a in _lines(3)]
    monkeypatch.setattr("sys.stdin", _stdin("\n".join([answers[0], '{"battery": "ill', *answers[1:]]) + "\n"))
    assert main(["decide", RULESET, "--answers", "-", "--json"]) == 1
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [("decision" in d, d["line"]) for d in docs] == [(True, 1), (False, 2), (True, 3), (True, 4)]
    assert docs[1]["error"]["code"] == "SR511"


def test_a_byte_order_mark_starts_the_file_not_a_later_line(tmp_path, capsys):
    """A BOM on the first line is the file's (read as UTF-8); one at the start of a later line
    is no JSON: that line is SR511, as batch and the service refuse it."""
    answers = [json.dumps(a) for a in _lines(3)]
    path = tmp_path / "answers.jsonl"
    path.write_text("\ufeff" + answers[0] + "\n\ufeff" + answers[1] + "\n" + answers[2] + "\n", encoding="utf-8")
    assert main(["decide", RULESET, "--answers", str(path), "--json"]) == 1
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [("decision" in d, d["line"]) for d in docs] == [(True, 1), (False, 2), (True, 3)]
    assert docs[1]["error"]["code"] == "SR511" and "byte-order mark" in docs[1]["error"]["message"]


def test_a_first_line_of_only_the_byte_order_mark_is_a_blank_line(tmp_path, capsys):
    """An editor that saves an empty first line with a BOM: the lines after it are still
    JSON Lines, numbered as the editor numbers them (as batch and the service read them)."""
    answers = [json.dumps(a) for a in _lines(2)]
    path = tmp_path / "answers.jsonl"
    path.write_text("\ufeff\n" + "\n".join(answers) + "\n", encoding="utf-8")
    assert main(["decide", RULESET, "--answers", str(path), "--json"]) == 0
    assert [json.loads(line)["line"] for line in capsys.readouterr().out.splitlines()] == [2, 3]


def test_a_line_that_ends_before_its_object_is_placed_at_its_own_end(tmp_path, capsys):
    answers = [json.dumps(a) for a in _lines(2)]
    path = tmp_path / "answers.jsonl"
    path.write_text(answers[0] + '\n{"battery": "risk"\n' + answers[1] + "\n", encoding="utf-8")
    assert main(["decide", RULESET, "--answers", str(path)]) == 1
    assert f"{path}:2:19: SR511 error: " in capsys.readouterr().err
