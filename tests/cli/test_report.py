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
    assert ["all", "all", "__total__", str(segmented), "1", ""] in table
    proc = run("report", SUUNTIMA, "--input", path, "--json")
    doc = json.loads(proc.stdout)
    assert doc["schema"] == "segrules.population/1"
    assert doc["records"] == len(rows) and doc["segmented"] == segmented
    assert doc["ruleset"]["content_hash"] == segrules.load(SUUNTIMA).content_hash


@pytest.mark.parametrize("args, code", [
    (["--min-cell", "0"], "SR850"),
    (["--by", "municipality"], "SR854"),
])
def test_report_bad_options_are_coded(result, args, code):
    proc = run("report", SUUNTIMA, "--input", result[0], *args, "--json")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["error"]["code"] == code


def test_report_of_another_rulesets_result_is_refused(result):
    proc = run("report", ROOT / "rulesets" / "vantaa_kerava" / "segmentation.yaml", "--input", result[0])
    assert proc.returncode == 1 and "SR851" in proc.stderr
