"""``segrules report`` on a batch result file: text, JSON, HTML and CSV, in three languages."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys

import pytest


from support import ROOT, synthetic_batch  # noqa: E402

import segrules  # noqa: E402
from segrules.population import REJECTED  # noqa: E402

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
    assert table[0] == ["table", "row", "column", "count", "share", "suppressed", "row_mark", "column_mark"]
    segmented = sum(1 for r in rows if r[1])
    assert ["all", "", "", str(segmented), "1", "false", "all", "total"] in table
    proc = run("report", SUUNTIMA, "--input", path, "--json")
    doc = json.loads(proc.stdout)
    assert doc["schema"] == "segrules.population/3"
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


def test_SR854_a_grouping_column_that_is_not_there_is_named(result, answers):
    """From a batch result or from the answers alike: the column, the option and the columns
    there are, in the report's words (not DuckDB's, nor the batch's "to carry")."""
    for source in (result[0], answers[0]):
        proc = run("report", SUUNTIMA, "--input", source, "--by", "municipality", "--json")
        error = json.loads(proc.stdout)["error"]
        assert proc.returncode == 1 and error["code"] == "SR854", error
        assert "'municipality' to count by (--by)" in error["message"] and "the columns are: record_" in error["message"]


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
    overall = {c["column"]: c["count"] for c in doc["tables"][0]["cells"] if isinstance(c["column"], str)}
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
    mark = lambda v: REJECTED if v == {"mark": "rejected"} else repr(v) if isinstance(v, dict) else v
    cells = {(mark(c["row"]), mark(c["column"])): c["count"] for c in doc["table"]["cells"]}
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
    totals = {c["row"]: c["count"] for c in battery["cells"] if c["column"] == {"mark": "total"} and isinstance(c["row"], str)}
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


def test_report_writes_all_its_outputs_or_none(answers, tmp_path):
    """Every output is checked before any work: one that cannot be written (its folder is
    missing) or that is the other output leaves nothing written, not one of the two."""
    path = answers[0]
    html = tmp_path / "r.html"
    proc = run("report", SUUNTIMA, "--input", path, "--html", html, "--csv", tmp_path / "nodir" / "r.csv")
    assert proc.returncode == 1 and "SR521" in proc.stderr and "nodir" in proc.stderr
    assert not html.exists()
    same = tmp_path / "same.out"
    proc = run("report", SUUNTIMA, "--input", path, "--html", same, "--csv", same, "--json")
    assert proc.returncode == 1 and json.loads(proc.stdout)["error"]["code"] == "SR520"
    assert not same.exists()
    assert list(tmp_path.iterdir()) == []  # nor a temporary file


def test_report_reads_a_file_whose_name_has_a_hash_sign(answers, tmp_path):
    """'#' names a table only after a DuckDB file; elsewhere it is part of the file's name."""
    odd = tmp_path / "answers#2024 ä.jsonl"
    odd.write_bytes(answers[0].read_bytes())
    proc = run("report", SUUNTIMA, "--input", odd, "--json", "--csv", tmp_path / "out#1.csv")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["tables"] and (tmp_path / "out#1.csv").is_file()


def test_report_of_another_rulesets_result_is_refused(result):
    proc = run("report", ROOT / "rulesets" / "vantaa_kerava" / "segmentation.yaml", "--input", result[0])
    assert proc.returncode == 1 and "SR851" in proc.stderr


# ------------------------------------------------------------------ the report against an attacker


def _knowledge(rows_segments_regions):
    """What the attacker is granted besides the report: which segments each region holds."""
    regions: dict = {}
    for region, segment in rows_segments_regions:
        regions.setdefault(region, set()).add(segment)
    return {"region_segments": regions}


@pytest.fixture(scope="module")
def grouped(tmp_path_factory):
    """Answers with two grouping columns, small groups among them, as JSON Lines."""
    import random

    from segrules.sampling import sample_answers

    rs = segrules.load(SUUNTIMA)
    rng = random.Random(11)
    rows = []
    for i in range(160):
        answers = sample_answers(rs.definition, rng)
        rows.append({"record_id": i, "unit": rng.choice(["u1"] * 8 + ["u2"] * 3 + ["u3"]),
                     "age": "100+" if i < 2 else rng.choice(["18-64", "65+", "65+"]), **answers})
    path = tmp_path_factory.mktemp("grouped") / "answers.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    knowledge = []
    from segrules.population.counts import region, thresholds

    xs = thresholds(rs.definition, "resources")
    ys = thresholds(rs.definition, "complexity")
    for r in rows:
        d = rs.decide({k: v for k, v in r.items() if k not in ("record_id", "unit", "age")})
        if d.segment_id:
            knowledge.append(((region(d.scores["complexity"], ys), region(d.scores["resources"], xs)), d.segment_id))
    return path, _knowledge(knowledge)


@pytest.mark.parametrize("by", [["age"], ["unit", "age"]])
def test_the_attacker_narrows_no_hidden_count_of_a_published_report(grouped, answers, by):
    from population.attacker import too_narrow

    path, knowledge = grouped
    args = [a for b in by for a in ("--by", b)]
    proc = run("report", SUUNTIMA, "--input", path, *args, "--compare", answers[2], "--json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    tables = doc["tables"] + [doc["quadrant"], doc["transitions"]["table"]]
    assert any(c["count"] is None for t in tables for c in t["cells"])  # something is hidden
    assert too_narrow(doc, doc["min_cell"], **knowledge) == {}
    assert doc["audit"]["narrowest"]["width"] >= doc["min_cell"]


def test_the_quadrant_margins_case_from_a_batch_result(tmp_path):
    """3 records in verkosto; once the quadrant's margins were shown beside the segment
    counts, and high complexity 10 - yhteistyo 7 gave the 3 away."""
    import duckdb

    from population.attacker import too_narrow

    rows = ([("omatoimi", 4, 1)] * 2 + [("yhteiso", 1, 1)] * 40 + [("yhteistyo", 4, 4)] * 7
            + [("verkosto", 1, 4)] * 3)
    con = duckdb.connect()
    con.execute("CREATE TABLE result(record_id INT, segment VARCHAR, error_codes VARCHAR, resources_num BIGINT, "
                "resources_den BIGINT, complexity_num BIGINT, complexity_den BIGINT)")
    con.executemany("INSERT INTO result VALUES (?, ?, NULL, ?, 1, ?, 1)", [(i, *r) for i, r in enumerate(rows)])
    path = tmp_path / "result.parquet"
    con.execute(f"COPY result TO '{path}' (FORMAT parquet)")
    doc = json.loads(run("report", SUUNTIMA, "--input", path, "--json").stdout)
    regions = {("<3", ">=3"): {"omatoimi"}, ("<3", "<3"): {"yhteiso"}, (">=3", ">=3"): {"yhteistyo"},
               (">=3", "<3"): {"verkosto"}}
    assert too_narrow(doc, 5, region_segments=regions) == {}
    verkosto = next(c for c in doc["tables"][0]["cells"] if c["column"] == "verkosto")
    assert verkosto["count"] is None


def test_every_output_shows_only_what_the_json_publishes(grouped, answers, tmp_path):
    """Text, HTML and CSV are made from the published counts alone: changing every hidden
    count changes none of them."""
    import attrs

    from segrules.population import build_report
    from segrules.population.render import html_report, text_report

    rs = segrules.load(SUUNTIMA).definition
    counts = {
        "records": 62, "by_segment": {"omatoimi": 2, "yhteiso": 40, "yhteistyo": 15, "verkosto": 3},
        "by_group": {"unit": {("u1", "omatoimi"): 2, ("u1", "yhteiso"): 30, ("u2", "yhteiso"): 10,
                              ("u2", "yhteistyo"): 15, ("u2", "verkosto"): 3}},
        "rejected": {"SR302": 2}, "quadrant": {("<3", ">=3", "omatoimi"): 2, ("<3", "<3", "yhteiso"): 40,
                                               (">=3", ">=3", "yhteistyo"): 15, (">=3", "<3", "verkosto"): 3},
        "transitions_counts": {("omatoimi", "omatoimi"): 2, ("yhteiso", "yhteiso"): 38, ("yhteiso", "omatoimi"): 2,
                               ("yhteistyo", "yhteistyo"): 15, ("verkosto", "verkosto"): 3, (REJECTED, REJECTED): 2},
        "transitions_segments": ["omatoimi", "yhteiso", "yhteistyo", "verkosto"],
    }
    report = build_report(rs, **counts)

    def scrambled(t):
        return attrs.evolve(t, counts={k: (n if k not in t.hidden else 10**6 + 7 * len(str(k))) for k, n in t.counts.items()})

    other = attrs.evolve(
        report, tables=tuple(scrambled(t) for t in report.tables), quadrant=scrambled(report.quadrant),
        transitions=attrs.evolve(report.transitions, table=scrambled(report.transitions.table)),
    )
    assert other.tables[1].counts != report.tables[1].counts
    for lang in ("fi", "sv", "en"):
        assert text_report(other, rs, lang) == text_report(report, rs, lang)
        assert html_report(other, rs, lang) == html_report(report, rs, lang)
    assert other.csv_rows() == report.csv_rows() and other.to_json() == report.to_json()
    # and the CSV holds exactly the JSON's numbers
    doc = report.to_json()
    text = lambda v: ("", v["mark"]) if isinstance(v, dict) else ("", "missing") if v is None else (str(v), "")
    json_cells = {(t["name"], *text(c["row"]), *text(c["column"])): c["count"]
                  for t in doc["tables"] + [doc["quadrant"], doc["transitions"]["table"]] for c in t["cells"]}
    for name, row, column, count, _, hidden, row_mark, column_mark in report.csv_rows()[1:]:
        if name in ("records", "rejected", "moved"):
            want = {"records": doc["records"], "moved": doc["transitions"]["moved"]}.get(name)
            if name == "rejected":
                want = doc["rejected"] if row_mark == "total" else doc["rejected_by_code"][row]
        else:
            want = json_cells[(name, row, row_mark, column, column_mark)]
        assert count == ("" if want is None else str(want)) and hidden == ("true" if want is None else "false")


def test_the_same_input_gives_the_same_report_whatever_the_hash_seed(grouped, answers):
    import os

    path = grouped[0]
    outs = set()
    for seed in ("0", "12345"):
        proc = subprocess.run(
            [sys.executable, "-m", "segrules", "report", str(SUUNTIMA), "--input", str(path), "--by", "unit", "--by", "age",
             "--compare", str(answers[2]), "--json"],
            cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert proc.returncode == 0, proc.stderr
        outs.add(proc.stdout)
    assert len(outs) == 1


def test_the_report_states_its_audit(grouped, tmp_path):
    from segrules.population import build_report
    from segrules.population.render import html_report, text_report

    proc = run("report", SUUNTIMA, "--input", grouped[0], "--by", "unit", "--lang", "fi", "--html", tmp_path / "r.html")
    assert proc.returncode == 0, proc.stderr
    line = "Tarkastus: tarkka hyökkääjä (kokonaislukuoptimointi kaikilla raportin luvuilla) ei rajaa"
    assert line in proc.stdout and line in (tmp_path / "r.html").read_text(encoding="utf-8")
    rs = segrules.load(SUUNTIMA).definition
    hidden = build_report(rs, records=40, by_segment={"omatoimi": 3, "yhteiso": 37})
    shown = build_report(rs, records=40, by_segment={"omatoimi": 5, "yhteiso": 35})
    for lang, words, nothing in (("fi", "Tarkastus:", "yhtään lukua ei ole peitetty"),
                                 ("sv", "Granskning:", "ingen siffra är dold"),
                                 ("en", "Audit:", "no count is hidden")):
        text = text_report(hidden, rs, lang)
        assert words in text and f"{hidden.audit.lower}–{hidden.audit.upper}" in text
        assert words in html_report(hidden, rs, lang)
        assert nothing in text_report(shown, rs, lang)


def test_SR855_no_report_without_the_audits_solver(result):
    """Where z3 is missing, the command stops with a coded error rather than publish a report
    nobody audited."""
    code = ("import sys; sys.modules['z3'] = None\n"
            "from segrules.cli import main\n"
            "sys.exit(main(sys.argv[1:]))")
    proc = subprocess.run([sys.executable, "-c", code, "report", str(SUUNTIMA), "--input", str(result[0]), "--json"],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["error"]["code"] == "SR855"


def test_compare_with_a_segment_called_rejected(answers, tmp_path):
    """A version whose segment is called ``rejected`` (verkosto renamed): its records are
    counted once, apart from the rejected records, whichever version comes first."""
    path, rows, _ = answers
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(re.sub(r"\bverkosto\b", "rejected", SUUNTIMA.read_text(encoding="utf-8")), encoding="utf-8")
    assert run("check", renamed).returncode == 0
    rs = segrules.load(SUUNTIMA)
    verkosto = sum(1 for r in rows if rs.segment_of({k: v for k, v in r.items() if k not in ("record_id", "unit")})
                   == "verkosto")
    for first, second in ((SUUNTIMA, renamed), (renamed, SUUNTIMA)):
        proc = run("report", first, "--input", path, "--compare", second, "--json")
        assert proc.returncode == 0, proc.stderr
        doc = json.loads(proc.stdout)["transitions"]
        assert doc["moved"] == verkosto
        total = next(c for c in doc["table"]["cells"] if c["row"] == c["column"] == {"mark": "total"})
        assert total["count"] in (None, len(rows))
        columns = doc["table"]["columns"]
        assert columns.count({"mark": "rejected"}) == 1 and len(columns) == 5


def test_by_a_column_twice_counts_it_once_and_by_a_result_column_is_SR854(result, answers):
    once = json.loads(run("report", SUUNTIMA, "--input", result[0], "--by", "unit", "--json").stdout)
    proc = run("report", SUUNTIMA, "--input", result[0], "--by", "unit", "--by", "unit", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == once
    for source in (result[0], answers[0]):
        for column in ("segment", "error_codes", "ruleset_hash"):
            proc = run("report", SUUNTIMA, "--input", source, "--by", column, "--json")
            error = json.loads(proc.stdout)["error"]
            assert proc.returncode == 1 and error["code"] == "SR854", error
            assert f"--by {column}: '{column}' is a column of the batch result" in error["message"]
    for lang, words in (("fi", "on eräajon tuloksen sarake"), ("sv", "är en kolumn i batchresultatet")):
        proc = run("report", SUUNTIMA, "--input", result[0], "--by", "segment", "--lang", lang)
        assert proc.returncode == 1 and words in proc.stderr, proc.stderr


def test_by_the_record_key_or_any_column_that_names_each_record_is_SR854(result, answers):
    """A report by the key would be a row per record: zeros beside one hidden count, which is
    that record's segment. Refused, from the answers and from a batch result alike."""
    for source, key in ((result[0], "record_key"), (answers[0], "record_id")):
        proc = run("report", SUUNTIMA, "--input", source, "--by", key, "--json")
        error = json.loads(proc.stdout)["error"]
        assert proc.returncode == 1 and error["code"] == "SR854", error
        assert f"every record has a value of its own in '{key}'" in error["message"]
    proc = run("report", SUUNTIMA, "--input", result[0], "--by", "record_key", "--lang", "sv")
    assert proc.returncode == 1 and "varje post har ett eget värde i 'record_key'" in proc.stderr, proc.stderr


def test_by_a_column_named_as_a_table_of_the_report_is_SR854(result, tmp_path):
    """The CSV names each table; a column called quadrant (or all, moved, ...) would give two
    tables of one name."""
    import duckdb

    renamed = tmp_path / "renamed.parquet"
    duckdb.connect().execute(f"COPY (SELECT *, unit AS quadrant FROM '{result[0]}') TO '{renamed}' (FORMAT PARQUET)")
    proc = run("report", SUUNTIMA, "--input", renamed, "--by", "quadrant", "--json")
    error = json.loads(proc.stdout)["error"]
    assert proc.returncode == 1 and error["code"] == "SR854", error
    assert "the report has a table of its own called 'quadrant'" in error["message"]
    proc = run("report", SUUNTIMA, "--input", renamed, "--by", "quadrant", "--lang", "fi")
    assert proc.returncode == 1 and "raportissa on oma taulukko nimeltä 'quadrant'" in proc.stderr, proc.stderr


def test_SR851_and_SR852_keep_their_reason_in_every_language(result, answers, tmp_path):
    ref = tmp_path / "ref.yaml"
    ref.write_text("omatoimi: 50\nyhteiso: 40\n", encoding="utf-8")
    for lang, words in (("fi", "summa on 90 %, ei 100 %"), ("sv", "sammanlagt 90 %, inte 100 %"), ("en", "add up to 90 %, not 100 %")):
        proc = run("report", SUUNTIMA, "--input", result[0], "--reference", ref, "--lang", lang)
        assert proc.returncode == 1 and "SR852" in proc.stderr and words in proc.stderr, proc.stderr
    ref.write_text("foo: 50\nomatoimi: -5\nyhteiso: 105\n", encoding="utf-8")  # every problem, each in the language
    proc = run("report", SUUNTIMA, "--input", result[0], "--reference", ref, "--lang", "sv")
    assert proc.returncode == 1 and "'foo' är inte ett segment i helsinki.suuntima; omatoimi: -5 ligger inte mellan " \
        "0 och 100; yhteiso: 105 ligger inte mellan 0 och 100" in proc.stderr, proc.stderr
    other = tmp_path / "other.yaml"
    other.write_text(SUUNTIMA.read_text(encoding="utf-8").replace('version: "1.0.0"', 'version: "1.0.1"', 1), encoding="utf-8")
    own = segrules.load(SUUNTIMA).content_hash
    made = tmp_path / "result.parquet"
    assert run("batch", SUUNTIMA, "--input", answers[0], "--output", made).returncode == 0
    for lang, words in (("fi", "aja segrules batch uudelleen"), ("sv", "kör segrules batch igen"), ("en", "run segrules batch again")):
        proc = run("report", other, "--input", made, "--lang", lang)
        assert proc.returncode == 1 and "SR851" in proc.stderr and own in proc.stderr and words in proc.stderr, proc.stderr


def test_the_report_of_a_result_is_the_same_whatever_the_results_format(answers, tmp_path):
    """A JSON Lines result's carried inputs are values as batch wrote them (illness), as in a
    Parquet or CSV result, not answers read as JSON text ("illness")."""
    path = answers[0]
    outs = {}
    for suffix in ("parquet", "csv", "jsonl"):
        out = tmp_path / f"result.{suffix}"
        assert run("batch", SUUNTIMA, "--input", path, "--output", out, "--carry", "battery").returncode == 0
        proc = run("report", SUUNTIMA, "--input", out, "--by", "battery", "--by", "unit", "--json")
        assert proc.returncode == 0, proc.stderr
        outs[suffix] = json.loads(proc.stdout)
        text = run("report", SUUNTIMA, "--input", out, "--by", "battery", "--lang", "fi").stdout
        assert "Sairauden hoito" in text and '"illness"' not in text, text
    assert outs["jsonl"] == outs["parquet"] == outs["csv"]


@pytest.mark.skipif(not __import__("os").path.exists("/dev/full"), reason="needs /dev/full")
def test_html_and_csv_are_written_both_or_neither(result, tmp_path):
    """--csv that cannot be written (a full disk) leaves --html as it was, new or old, and no
    temporary file beside it."""
    page = tmp_path / "r.html"
    proc = run("report", SUUNTIMA, "--input", result[0], "--html", page, "--csv", "/dev/full", "--json")
    assert proc.returncode == 1 and json.loads(proc.stdout)["error"]["code"] == "SR521"
    assert list(tmp_path.iterdir()) == []
    page.write_text("old page\n", encoding="utf-8")
    proc = run("report", SUUNTIMA, "--input", result[0], "--html", page, "--csv", "/dev/full", "--json")
    assert proc.returncode == 1
    assert page.read_text(encoding="utf-8") == "old page\n" and list(tmp_path.iterdir()) == [page]
    proc = run("report", SUUNTIMA, "--input", result[0], "--html", page, "--csv", tmp_path / "r.csv")
    assert proc.returncode == 0, proc.stderr
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>") and sorted(tmp_path.iterdir()) == [tmp_path / "r.csv", page]


def test_report_writes_control_characters_of_data_visibly(tmp_path):
    """A data value or a label holding a terminal escape is printed as ``\\x1b``, never raw."""
    evil = "evil\x1b]0;pwn\x07\x1b[2J"
    ruleset = tmp_path / "esc.yaml"
    ruleset.write_text(SUUNTIMA.read_text(encoding="utf-8").replace("en: Self-care client", 'en: "Self\\e[2Jcare"', 1),
                       encoding="utf-8")
    rows = [{"record_id": i, "unit": evil, **a}
            for i, a in enumerate(segrules.load(SUUNTIMA).definition.examples[k % 4].answer_dict for k in range(40))]
    answers = tmp_path / "answers.jsonl"
    answers.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    proc = run("report", ruleset, "--input", answers, "--by", "unit", "--html", tmp_path / "r.html", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    for out in (proc.stdout, page):
        assert "\x1b" not in out and "\x07" not in out
        assert "evil\\x1b]0;pwn\\x07\\x1b[2J" in out and "Self\\x1b[2Jcare" in out
