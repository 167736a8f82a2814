"""``segrules replay RECORD RULESET``: a stored decision confirmed, or every difference named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from example_ruleset import EXAMPLE, write_ruleset
from test_cli import GOOD_ANSWERS, run, run_json


@pytest.fixture
def ruleset(tmp_path: Path) -> Path:
    return write_ruleset(tmp_path)


@pytest.fixture
def record(tmp_path: Path, ruleset: Path) -> Path:
    """What `segrules decide --json` printed, stored as the record."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(GOOD_ANSWERS), encoding="utf-8")
    proc = run("decide", ruleset, "--answers", answers, "--at", "2024-03-01T09:30:00+02:00", "--json")
    assert proc.returncode == 0, proc.stderr
    path = tmp_path / "record.json"
    path.write_text(proc.stdout, encoding="utf-8")
    return path


def edited(path: Path, change) -> Path:
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc["decision"])
    out = path.with_name("edited.json")
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return out


def test_a_record_from_decide_is_confirmed(record, ruleset):
    proc = run("replay", record, ruleset)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("SAME: the record is confirmed by example.quadrant 1.0.0")
    assert "omatoimi, rule 1" in proc.stdout and "2024-03-01T09:30:00+02:00" in proc.stdout
    out = run_json("replay", record, ruleset)
    assert out["schema"] == "segrules.replay/1" and out["same"] is True
    assert out["differences"] == [] and out["notes"] == [] and out["error"] is None


def test_a_compact_record_from_stdin(record, ruleset):
    compact = json.loads(record.read_text(encoding="utf-8"))["decision"]
    for key in ("pathway", "facts"):
        compact.pop(key)
    compact["segment"] = {"id": compact["segment"]["id"]}
    proc = run("replay", "-", ruleset, stdin=json.dumps(compact))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_difference_is_named(record, ruleset, tmp_path):
    moved = write_ruleset(tmp_path, EXAMPLE.replace("resources >= 3", "resources >= 5").replace(
        "resources < 3", "resources < 5"), name="moved.yaml")
    proc = run("replay", record, moved)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[0] == "DIFFERS: 5 differences between the record and example.quadrant 1.0.0"
    for field in ("ruleset.content_hash", "segment", "suggested_segment", "rule.number", "reassess_on"):
        assert any(line.strip().startswith(field + " ") for line in lines), field
    out = run_json("replay", record, moved, code=1)
    got = {d["field"]: (d["stored"], d["recomputed"]) for d in out["differences"]}
    assert got["segment"] == ("omatoimi", "yhteiso") and got["rule.number"] == (1, 2)
    assert out["same"] is False


def test_a_tampered_record_differs_from_its_own_ruleset(record, ruleset):
    def tamper(d):
        d["scores"]["resources"]["exact"] = "5"
        d["reassess_on"] = "2030-01-01"

    out = run_json("replay", edited(record, tamper), ruleset, code=1)
    got = {d["field"]: (d["stored"], d["recomputed"]) for d in out["differences"]}
    assert got == {"scores.resources": ({"exact": "5"}, {"exact": "4.5"}), "reassess_on": ("2030-01-01", "2026-03-01")}


def test_answers_that_no_longer_fit(record, ruleset, tmp_path):
    path = edited(record, lambda d: d["answers"].update(c_manage=9))
    proc = run("replay", path, ruleset)
    assert proc.returncode == 1
    assert "now:    no decision (SR300)" in proc.stdout and "why: SR300" in proc.stdout and "c_manage" in proc.stdout


def test_control_characters_from_a_record_are_escaped(record, ruleset):
    def tamper(d):
        d["segment"]["id"] = d["suggested_segment"] = "verkosto"
        d["reassess_on"] = "\x1b[2J\x9b31m"

    proc = run("replay", edited(record, tamper), ruleset)
    assert proc.returncode == 1
    assert "\x1b" not in proc.stdout and "\x9b" not in proc.stdout
    assert "\\x1b[2J" in proc.stdout


@pytest.mark.parametrize(
    "content, code, text",
    [
        (None, "SR557", "cannot read the record"),
        ("{\"schema\": ", "SR557", "the record is not valid JSON"),
        (b"\xff\xfe{}", "SR557", "not UTF-8"),
        ("[" * 100_000 + "]" * 100_000, "SR557", "nested too deeply"),
        ('{"schema": "a", "schema": "b"}', "SR557", "given twice"),
        ("x" * (1024 * 1024 + 1), "SR557", "larger than"),
        ('{"segment": {"id": "omatoimi"}}', "SR553", "schema is missing"),
        ("[]", "SR553", "a decision record is a JSON object"),
    ],
)
def test_what_is_not_a_record(tmp_path, ruleset, content, code, text):
    path = tmp_path / "r.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    proc = run("replay", path, ruleset)
    assert proc.returncode == 1 and code in proc.stderr and text in proc.stderr, proc.stderr
    err = run_json("replay", path, ruleset, code=1)
    assert err["schema"] == "segrules.error/1" and err["error"]["code"] == code


def test_a_record_made_by_another_ruleset_is_compared_not_refused(record, tmp_path):
    other = write_ruleset(tmp_path, EXAMPLE.replace("version: 1.0.0", "version: 1.1.0"), name="newer.yaml")
    out = run_json("replay", record, other, code=1)
    assert [d["field"] for d in out["differences"]] == ["ruleset.version", "ruleset.content_hash"]


def test_replay_speaks_the_language_of_the_run(record, ruleset, tmp_path):
    proc = run("replay", record, ruleset, "--lang", "fi")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("SAMA: säännöstö example.quadrant 1.0.0 vahvistaa tietueen")
    assert "segmentti:" in proc.stdout and "omatoimi, sääntö 1" in proc.stdout
    path = edited(record, lambda d: d["answers"].update(c_manage=9))
    proc = run("replay", path, ruleset, "--lang", "sv")
    assert proc.returncode == 1
    assert proc.stdout.startswith("SKILLNAD: ") and "orsak: SR300: 1 problem med svaren:" in proc.stdout
    assert "SR302 c_manage: 9 är inte tillåtet" in proc.stdout


def test_what_cannot_be_replayed_is_said_in_the_language_of_the_run(record, ruleset, tmp_path):
    path = edited(record, lambda d: d["answers"].update(c_manage=9))
    proc = run("replay", path, ruleset, "--lang", "fi")
    assert "nyt:" in proc.stdout and "ei päätöstä (SR300)" in proc.stdout and "no decision" not in proc.stdout
    proc = run("replay", tmp_path / "nonexist.json", ruleset, "--lang", "fi")
    assert proc.returncode == 1
    assert proc.stderr.startswith("SR557 virhe: päätöstietuetta ") and proc.stderr.endswith(
        "nonexist.json ei voi lukea: tiedostoa ei ole\n")
    (tmp_path / "nan.json").write_text("[1,", encoding="utf-8")
    proc = run("replay", tmp_path / "nan.json", ruleset, "--lang", "sv")
    assert "beslutsposten är inte giltig JSON: ett värde väntades" in proc.stderr


def test_a_record_whose_score_is_no_exact_number_says_so_in_the_language_of_the_run(record, ruleset):
    score = next(iter(json.loads(record.read_text(encoding="utf-8"))["decision"]["scores"]))
    path = edited(record, lambda d: d["scores"][score].update(exact="1/0"))
    proc = run("replay", path, ruleset, "--lang", "fi")
    assert proc.returncode == 1
    assert proc.stderr == (f"SR553 virhe: ei kelvollinen päätöstietue: scores.{score}.exact on oltava tarkka luku, "
                           "kuten 3, 3.25 tai 10/3, ei '1/0'\n"), proc.stderr
