"""``segrules report`` on a batch result file: text, JSON, HTML and CSV, in three languages."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest


from support import ROOT, synthetic_batch  # noqa: E402

import segrules  # noqa: E402

SUUNTIMA = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"


def run(*args, cwd=ROOT):
    proc = subprocess.run([sys.executable, "-m", "segrules", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch")
    con, rows = synthetic_batch(segrules.load(SUUNTIMA), 250)
    path = folder / "result.parquet"
    con.execute(f"COPY result TO '{path}' (FORMAT parquet)")
    return path, rows


def test_report_writes_text_json_html_and_csv(result, tmp_path):
    path, rows = result
    ref = tmp_path / "pilot.yaml"
    ref.write_text("omatoimi: 39\nyhteiso: 10\nyhteistyo: 30\nverkosto: 21\n", encoding="utf-8")
    proc = run("report", SUUNTIMA, "--input", path, "--by", "battery", "--by", "unit", "--reference", ref,
               "--html", tmp_path / "r.html", "--csv", tmp_path / "r.csv", "--lang", "fi")
    assert proc.returncode == 0, proc.stderr
    assert "Osuudet segmenteittäin" in proc.stdout and "Vertailu odotettuun jakaumaan" in proc.stdout
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'lang="fi"' in html and "<script" not in html
    table = list(csv.reader((tmp_path / "r.csv").open(encoding="utf-8")))
    assert table[0] == ["table", "row", "column", "count", "share", "suppressed"]
    segmented = sum(1 for r in rows if r[1])
    assert ["all", "all", "__total__", str(segmented), "1", "false"] in table
    proc = run("report", SUUNTIMA, "--input", path, "--json")
    doc = json.loads(proc.stdout)
    assert doc["schema"] == "segrules.population/2"
    # one rejected record (under 5): hidden, and the records with it (else records - segmented)
    assert doc["rejected"] is None and doc["records"] is None and doc["segmented"] == segmented
    assert doc["ruleset"]["content_hash"] == segrules.load(SUUNTIMA).content_hash


@pytest.mark.parametrize("args, code", [
    (["--min-cell", "0"], "SR850"),
    (["--by", "municipality"], "SR854"),
])
def test_report_bad_options_are_coded(result, args, code):
    proc = run("report", SUUNTIMA, "--input", result[0], *args, "--json")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["error"]["code"] == code


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    """Synthetic answers with a record key and a unit column, as JSON Lines."""
    import random

    from segrules.sampling import sample_answers

    rs = segrules.load(SUUNTIMA)
    rng = random.Random(7)
    folder = tmp_path_factory.mktemp("answers")
    path = folder / "answers.jsonl"
    rows = [{"record_id": i, "unit": rng.choice(["u1", "u2"]), **sample_answers(rs.definition, rng)} for i in range(300)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    moved = folder / "moved.yaml"
    moved.write_text(SUUNTIMA.read_text(encoding="utf-8").replace(
        "  - omatoimi  when resources >= 3 and complexity < 3\n  - yhteiso   when resources < 3 and complexity < 3",
        "  - omatoimi  when resources >= 3.5 and complexity < 3\n  - yhteiso   when resources < 3.5 and complexity < 3",
    ), encoding="utf-8")
    return path, rows, moved


def test_report_straight_from_the_answers_equals_the_python_engine(answers):
    path, rows, _ = answers
    rs = segrules.load(SUUNTIMA)
    doc = json.loads(run("report", SUUNTIMA, "--input", path, "--by", "unit", "--json").stdout)
    overall = {c["column"]: c["count"] for c in doc["tables"][0]["cells"]}
    for seg in ("omatoimi", "yhteiso", "yhteistyo", "verkosto"):
        n = sum(1 for r in rows if rs.segment_of({k: v for k, v in r.items() if k not in ("record_id", "unit")}) == seg)
        assert overall[seg] == n


def test_report_compares_two_versions_over_the_same_answers(answers):
    path, rows, moved = answers
    old, new = segrules.load(SUUNTIMA), segrules.load(moved)
    strip = lambda r: {k: v for k, v in r.items() if k not in ("record_id", "unit")}
    want = {}
    for r in rows:
        key = (old.segment_of(strip(r)), new.segment_of(strip(r)))
        want[key] = want.get(key, 0) + 1
    proc = run("report", SUUNTIMA, "--input", path, "--compare", moved, "--json", "--min-cell", "1")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)["transitions"]
    cells = {(c["row"], c["column"]): c["count"] for c in doc["table"]["cells"]}
    for key, n in want.items():
        assert cells[key] == n
    assert doc["moved"] == sum(n for (a, b), n in want.items() if a != b)
    assert doc["moved"] > 0  # the threshold moved: omatoimi records between 3 and 3.5 become yhteiso


def test_batch_carries_an_input_for_the_report_to_group_by(answers, tmp_path):
    path, rows, _ = answers
    out = tmp_path / "result.parquet"
    proc = run("batch", SUUNTIMA, "--input", path, "--output", out, "--carry", "battery")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(run("report", SUUNTIMA, "--input", out, "--by", "battery", "--json").stdout)
    battery = next(t for t in doc["tables"] if t["name"] == "battery")
    totals = {c["row"]: c["count"] for c in battery["cells"] if c["column"] == "__total__"}
    for value in ("illness", "rehabilitation", "risk", "social"):
        assert totals[value] == sum(1 for r in rows if r["battery"] == value)
    proc = run("batch", SUUNTIMA, "--input", path, "--output", out, "--carry", "no_such_column")
    assert proc.returncode == 1 and "no_such_column" in proc.stderr


def test_a_result_of_another_version_is_refused_by_its_hash(answers, tmp_path):
    path, _, moved = answers
    out = tmp_path / "result.parquet"
    assert run("batch", SUUNTIMA, "--input", path, "--output", out).returncode == 0
    proc = run("report", moved, "--input", out, "--json")  # same segments, another version
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["error"]["code"] == "SR851"
    assert segrules.load(SUUNTIMA).content_hash in json.loads(proc.stdout)["error"]["message"]


def test_SR853_compare_needs_the_answers(result, answers):
    proc = run("report", SUUNTIMA, "--input", result[0], "--compare", answers[2], "--json")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["error"]["code"] == "SR853"


def test_report_never_writes_over_an_input(answers, tmp_path):
    path = answers[0]
    before = path.read_bytes()
    proc = run("report", SUUNTIMA, "--input", path, "--html", path)
    assert proc.returncode == 1 and "SR520" in proc.stderr
    assert path.read_bytes() == before


def test_report_of_another_rulesets_result_is_refused(result):
    proc = run("report", ROOT / "rulesets" / "vantaa_kerava" / "segmentation.yaml", "--input", result[0])
    assert proc.returncode == 1 and "SR851" in proc.stderr
