"""segrules batch --engine spark on a real standalone cluster: a master and a worker that the
tests start on 127.0.0.1 with pyspark's own spark-class, stopped afterwards.

Every record's result equals decide()'s, and the DuckDB engine's for the same file; the
output is in key order with the same columns, rejects and summary; an old output is replaced
only when the new one is complete. Marked ``spark`` (``make test-spark``).
"""

from __future__ import annotations

import csv
import glob
import os
import subprocess
import sys

import pytest

import segrules
from segrules.errors import SegrulesError
from segrules.sql.batch import run_batch

from support import ROOT
from test_batch import _expected, _read, _records, _write_csv, _write_typed_parquet
from test_spark import _java

pytestmark = pytest.mark.spark
duckdb = pytest.importorskip("duckdb")

RULESET = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"
#: the columns whose values may come back as another exact type from Spark (DECIMAL, BIGINT)
NUMBERS = ("rule", "resources_num", "resources_den", "complexity_num", "complexity_den")


@pytest.fixture(scope="module")
def cluster():
    pytest.importorskip("pyspark", reason="the 'spark' extra (pyspark) is not installed: make test-spark")
    why = _java()
    if why:
        pytest.skip(why)
    from segrules.sql.spark import standalone_cluster

    with standalone_cluster() as master:
        yield master


@pytest.fixture(scope="module")
def ruleset():
    return segrules.load(RULESET)


def _rows(path) -> list[dict]:
    """The rows of a Spark output folder (or a DuckDB output file), in the order written."""
    files = sorted(glob.glob(os.path.join(path, "part-*"))) if os.path.isdir(path) else [str(path)]
    rows = []
    for f in files:
        rows += _read(f) if not f.endswith(".csv") else list(csv.DictReader(open(f, encoding="utf-8")))
    return rows


def _norm(row: dict) -> dict:
    return {k: (None if v in (None, "") else int(v) if k in NUMBERS or k == "record_id" else str(v))
            for k, v in row.items()}


def test_a_csv_file_segmented_on_the_cluster_equals_decide_and_duckdb(tmp_path, ruleset, cluster):
    records = _records(ruleset)
    records[10] = dict(records[10])
    _write_csv(tmp_path / "in.csv", ruleset, records)
    # an awkward carried column: quotes, a comma and non-ASCII, late in the file
    text = (tmp_path / "in.csv").read_text(encoding="utf-8").splitlines()
    text[-1] = text[-1].replace("unit2", '"Itäkeskus, ""Puotila"""')  # record 59
    (tmp_path / "in.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    out = tmp_path / "out.parquet"
    summary = run_batch(ruleset, str(tmp_path / "in.csv"), str(out), engine="spark", spark_master=cluster)
    assert (summary.engine, summary.records, summary.rejected) == ("spark", 60, 3)
    assert summary.rejected_by_code == {"SR302": 1, "SR303": 1, "SR304": 1}
    rows = _rows(out)
    assert sorted(int(r["record_id"]) for r in rows) == list(range(60))
    expected = _expected(ruleset, records)
    for row in rows:
        want = expected[int(row["record_id"])]
        assert {k: _norm(row)[k] for k in want} == {k: _norm(want)[k] for k in want}
    assert next(r for r in rows if int(r["record_id"]) == 59)["unit"] == 'Itäkeskus, "Puotila"'
    run_batch(ruleset, str(tmp_path / "in.csv"), str(tmp_path / "duck.parquet"))
    duck = _rows(tmp_path / "duck.parquet")
    assert list(duck[0]) == list(rows[0])  # the same columns in the same order
    assert [_norm(r) for r in rows] == [_norm(r) for r in duck]  # in the same key order (as text, from a CSV)
    assert not glob.glob(str(tmp_path / ".segrules-*"))


#: Fields RFC 4180 does not define, which DuckDB and Spark read apart unless segrules evens
#: them out: (the c_coping field as written, c_coping as DuckDB reads it, the unit field).
SPACED_FIELDS = [
    (' "4"', 4, ' "Itä ""Puotila"""'),  # one space and a quoted value: that value (DuckDB's reading)
    (' "4" ', 4, 'unit'),
    ('"4" ', 4, ' "unit"'),  # spaces after the closing quote: left out by both
    ('  "4"', None, '  "unit"'),  # two spaces: text as written (not a number: SR303)
    ('\t"4"', None, '\t"unit"'),
    (' "4"x', None, 'x "unit"'),  # text after the closing quote: as written on Spark
    (' ""', None, ' ""'),
    ('4', 4, 'unit'),
]


def test_fields_of_a_space_and_a_quoted_value_read_as_duckdb_reads_them(tmp_path, ruleset, cluster):
    """A field of one space and a quoted value is that value on both engines, so a record gets
    the same segment, rule and problems on Spark as on DuckDB and in the Python engine; two
    spaces or a tab before the quote are text on all of them."""
    records = [dict(r, c_coping=4) for r in _records(ruleset, seed=11)[10:10 + len(SPACED_FIELDS)]]
    _write_csv(tmp_path / "in.csv", ruleset, records)
    lines = (tmp_path / "in.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    at, unit = header.index("c_coping"), header.index("unit")
    for k, (coping, _, unit_field) in enumerate(SPACED_FIELDS):
        fields = lines[k + 1].split(",")
        assert fields[at] == "4"
        fields[at], fields[unit] = coping, unit_field
        lines[k + 1] = ",".join(fields)
    duck_lines = [line for line in lines if '"4"x' not in line]  # DuckDB refuses the file with it
    (tmp_path / "in.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "duck.csv").write_text("\n".join(duck_lines) + "\n", encoding="utf-8")
    run_batch(ruleset, str(tmp_path / "in.csv"), str(tmp_path / "spark.parquet"), engine="spark",
              spark_master=cluster)
    spark_rows = {int(r["record_id"]): _norm(r) for r in _rows(tmp_path / "spark.parquet")}
    for engine in ("duckdb", "python"):
        run_batch(ruleset, str(tmp_path / "duck.csv"), str(tmp_path / f"{engine}.parquet"), engine=engine)
        rows = {int(r["record_id"]): _norm(r) for r in _rows(tmp_path / f"{engine}.parquet")}
        assert rows == {k: v for k, v in spark_rows.items() if k in rows}, engine
    expected = _expected(ruleset, records)  # c_coping 4 in every record
    for k, (coping, read, _) in enumerate(SPACED_FIELDS):
        row = spark_rows[k]
        if read is None:
            assert row["error_codes"] == ("SR304" if coping == ' ""' else "SR303"), coping
        else:
            assert {c: row[c] for c in expected[k]} == {c: _norm(expected[k])[c] for c in expected[k]}, coping
    assert spark_rows[0]["unit"] == 'Itä "Puotila"' and spark_rows[2]["unit"] == "unit"
    assert spark_rows[3]["unit"] == '  "unit"' and spark_rows[5]["unit"] == 'x "unit"'


def test_typed_parquet_with_rejects_through_the_command_line(tmp_path, ruleset, cluster):
    records = [r for r in _records(ruleset) if not isinstance(r.get("c_coping"), str)]
    _write_typed_parquet(tmp_path / "in.parquet", ruleset, records)
    old = tmp_path / "ok.csv"
    old.mkdir()
    (old / "part-old.csv").write_text("an old output\n")
    run = subprocess.run(
        [sys.executable, "-m", "segrules", "batch", str(RULESET), "--input", str(tmp_path / "in.parquet"),
         "--output", str(old), "--rejects", str(tmp_path / "bad.parquet"), "--engine", "spark",
         "--spark-master", cluster, "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr
    # Spark's start-up notes, warnings and progress bar are not the user's: segrules' lines only
    for spark_said in ("log4j", "Setting default log level", " WARN ", "FutureWarning", "[Stage "):
        assert spark_said not in run.stderr, run.stderr
    import json

    summary = json.loads(run.stdout)
    assert summary["engine"] == "spark" and summary["rejected"] == 2 and summary["segmented"] == len(records) - 2
    ok, bad = _rows(old), _rows(tmp_path / "bad.parquet")
    assert not (old / "part-old.csv").exists()  # the old output was replaced whole
    assert len(ok) == summary["segmented"] and all(r["error_codes"] in (None, "") for r in ok)
    assert sorted(int(r["record_id"]) for r in bad) == [3, 7]
    expected = _expected(ruleset, records)
    for row in ok + bad:
        want = expected[int(row["record_id"])]
        assert {k: _norm(row)[k] for k in want} == {k: _norm(want)[k] for k in want}
    assert not glob.glob(str(tmp_path / ".segrules-*"))


@pytest.fixture(scope="module")
def session(cluster, tmp_path_factory):
    """A session of this process on the cluster, as under spark-submit, with a catalog."""
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master(cluster).appName("segrules-tests")
             .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.ui.enabled", "false")
             .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("warehouse")))
             .config("spark.sql.codegen.wholeStage", "false").getOrCreate())
    yield spark
    spark.stop()


def test_a_catalog_table_in_and_out(tmp_path, ruleset, session):
    from segrules.sql.spark import run_spark_batch

    records = _records(ruleset, 20)
    _write_csv(tmp_path / "in.csv", ruleset, records)
    session.read.option("header", "true").csv(str(tmp_path / "in.csv")).write.saveAsTable("answers")
    summary = run_spark_batch(ruleset, "catalog:answers", "catalog:segments", spark=session)
    assert summary.records == 20 and summary.output == "catalog:segments"
    rows = [r.asDict() for r in session.table("segments").orderBy("record_id").collect()]
    expected = _expected(ruleset, records)
    for row in rows:
        want = expected[int(row["record_id"])]
        assert {k: _norm(row)[k] for k in want} == {k: _norm(want)[k] for k in want}
    assert [t.name for t in session.catalog.listTables() if "segrules" in t.name] == []
    run_spark_batch(ruleset, "catalog:answers", "catalog:segments", spark=session)  # replaced, not added to
    assert session.table("segments").count() == 20


def test_an_output_and_its_rejects_are_put_in_place_both_or_neither(tmp_path, ruleset, session):
    """The rejects cannot be written (their folder does not exist, found when Spark writes
    them): the output, written whole by then, is not put in place either; the old one stays."""
    from segrules.sql.spark import run_spark_batch

    records = _records(ruleset, 20)
    _write_csv(tmp_path / "in.csv", ruleset, records)
    old = tmp_path / "ok.csv"
    old.mkdir()
    (old / "part-old.csv").write_text("an old output\n")
    with pytest.raises(SegrulesError) as info:
        run_spark_batch(ruleset, str(tmp_path / "in.csv"), str(old), rejects=str(tmp_path / "missing" / "bad.csv"),
                        spark=session)
    assert info.value.code == "SR804" and "does not exist" in str(info.value)
    assert [p.name for p in old.iterdir()] == ["part-old.csv"]
    assert not glob.glob(str(tmp_path / ".segrules-*"))


def test_repeated_keys_and_columns_are_refused_as_on_every_engine(tmp_path, ruleset, session):
    from segrules.sql.spark import run_spark_batch

    records = _records(ruleset, 10)
    _write_csv(tmp_path / "in.csv", ruleset, records)
    lines = (tmp_path / "in.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "twice.csv").write_text("\n".join(lines + [lines[3]]) + "\n", encoding="utf-8")
    header = lines[0].split(",")
    doubled = ",".join(header[:2] + [header[2].upper()] + header[3:])  # two names of one column
    (tmp_path / "doubled.csv").write_text(
        "\n".join([doubled.replace(header[3], header[2].upper(), 1)] + lines[1:]) + "\n", encoding="utf-8")
    for name, code in (("twice.csv", "SR808"), ("doubled.csv", "SR807")):
        out = tmp_path / f"{name}.parquet"
        with pytest.raises(SegrulesError) as info:
            run_spark_batch(ruleset, str(tmp_path / name), str(out), spark=session)
        assert info.value.code == code, info.value
        assert not out.exists() and not glob.glob(str(tmp_path / ".segrules-*"))
        with pytest.raises(SegrulesError) as duck:
            run_batch(ruleset, str(tmp_path / name), str(out))
        assert duck.value.code == code
    # the long shape: rows without a key would all be one record's answers
    (tmp_path / "long.csv").write_text("record_id,question,value\n1,c_coping,3\n,c_coping,4\n,battery,illness\n",
                                       encoding="utf-8")
    out = tmp_path / "long.parquet"
    with pytest.raises(SegrulesError) as info:
        run_spark_batch(ruleset, str(tmp_path / "long.csv"), str(out), shape="long", spark=session)
    assert info.value.code == "SR808" and "rows without a record key" in str(info.value)
    assert not out.exists() and not glob.glob(str(tmp_path / ".segrules-*"))


def test_what_spark_cannot_read_is_refused_before_any_work(tmp_path, ruleset):
    (tmp_path / "in.jsonl").write_text("{}\n")
    with pytest.raises(SegrulesError) as info:
        run_batch(ruleset, str(tmp_path / "in.jsonl"), str(tmp_path / "out.parquet"), engine="spark")
    assert info.value.code == "SR803" and "JSON Lines" in str(info.value)
    with pytest.raises(SegrulesError) as info:
        run_batch(ruleset, str(tmp_path / "in.csv"), str(tmp_path / "in.csv"), engine="spark")
    assert info.value.code == "SR804"
    with pytest.raises(SegrulesError) as info:
        run_batch(ruleset, str(tmp_path / "in.csv"), str(tmp_path / "out.parquet"), spark_master="local[1]")
    assert info.value.code == "SR801"
