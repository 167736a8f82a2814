"""segrules batch: every input and output kind, every engine agreeing, rejects, atomic writes."""

from __future__ import annotations

import csv
import json
import os
import random

import pytest
from hypothesis import given, settings, strategies as st

import segrules
from segrules.cli import main
from segrules.errors import SegrulesError
from segrules.sampling import sample_answers
from segrules.sql import answers_from_text, reference_row
from segrules.sql.batch import run_batch

from engines import text_of
from support import ROOT

duckdb = pytest.importorskip("duckdb")

RULESET = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"


@pytest.fixture(scope="module")
def ruleset():
    return segrules.load(RULESET)


def _records(ruleset, n=60, seed=5):
    rng = random.Random(seed)
    out = [sample_answers(ruleset.definition, rng) for _ in range(n)]
    out[3] = dict(out[3], c_coping=9)  # outside the scale: SR302
    out[7] = {k: v for k, v in out[7].items() if k != "c_coping"}  # required and missing: SR304
    out[8] = dict(out[8], c_coping="lots")  # not a number: SR303
    return out


def _write_csv(path, ruleset, records):
    ids = [i.id for i in ruleset.definition.inputs]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["record_id", "unit"] + ids)
        for k, a in enumerate(records):
            w.writerow([k, f"unit{k % 3}"] + [text_of(a.get(i)) or "" for i in ids])


def _expected(ruleset, records):
    return {k: reference_row(ruleset, answers_from_text(ruleset.definition, {i: text_of(v) for i, v in a.items()}))
            for k, a in enumerate(records)}


def _read(path):
    con = duckdb.connect()
    cur = con.execute(f"SELECT * FROM '{path}' ORDER BY record_id")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _check(rows, expected):
    assert rows
    for row in rows:
        want = expected[int(row["record_id"])]
        got = {k: (int(row[k]) if row[k] is not None and k in ("rule",) else row[k]) for k in want}
        assert got == want
        assert row["unit"] == f"unit{int(row['record_id']) % 3}"  # carried through


@pytest.mark.parametrize("engine", ["duckdb", "python"])
@pytest.mark.parametrize("out_ext", [".parquet", ".csv", ".jsonl"])
def test_csv_in_every_file_kind_out(tmp_path, ruleset, engine, out_ext):
    records = _records(ruleset)
    _write_csv(tmp_path / "in.csv", ruleset, records)
    out = tmp_path / f"out{out_ext}"
    summary = run_batch(ruleset, str(tmp_path / "in.csv"), str(out), engine=engine)
    assert (summary.records, summary.rejected) == (60, 3)
    assert summary.rejected_by_code == {"SR302": 1, "SR303": 1, "SR304": 1}
    _check(_read(out), _expected(ruleset, records))


def test_rejects_are_separate_and_nothing_is_lost(tmp_path, ruleset):
    records = _records(ruleset)
    _write_csv(tmp_path / "in.csv", ruleset, records)
    summary = run_batch(ruleset, str(tmp_path / "in.csv"), str(tmp_path / "ok.parquet"),
                        rejects=str(tmp_path / "bad.csv"))
    ok, bad = _read(tmp_path / "ok.parquet"), _read(tmp_path / "bad.csv")
    assert len(ok) == summary.segmented == 57 and len(bad) == 3
    assert {int(r["record_id"]) for r in bad} == {3, 7, 8}
    assert all(r["segment"] is None and r["error_codes"] for r in bad)
    assert all(r["error_codes"] is None for r in ok)


def test_parquet_jsonl_and_duckdb_tables_in(tmp_path, ruleset):
    records = _records(ruleset, 30)
    _write_csv(tmp_path / "in.csv", ruleset, records)
    con = duckdb.connect(str(tmp_path / "db.duckdb"))
    con.execute(f"CREATE TABLE answers AS SELECT * FROM read_csv('{tmp_path / 'in.csv'}', all_varchar = true)")
    con.execute(f"COPY answers TO '{tmp_path / 'in.parquet'}' (FORMAT PARQUET)")
    con.close()
    expected = _expected(ruleset, records)
    for source in (str(tmp_path / "in.parquet"), f"{tmp_path / 'db.duckdb'}#answers"):
        run_batch(ruleset, source, str(tmp_path / "o.parquet"))
        _check(_read(tmp_path / "o.parquet"), expected)
    run_batch(ruleset, str(tmp_path / "in.parquet"), f"{tmp_path / 'out.duckdb'}#result")
    con = duckdb.connect(str(tmp_path / "out.duckdb"))
    assert con.execute("SELECT count(*), count(segment) FROM result").fetchone() == (30, 27)


def test_long_shape_with_duplicates_and_unknown_questions(tmp_path, ruleset):
    records = _records(ruleset, 20)
    with open(tmp_path / "long.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["record_id", "question", "value"])
        for k, a in enumerate(records):
            for q, v in a.items():
                w.writerow([k, q, text_of(v)])
        w.writerow([0, "c_coping", "1"])  # answered twice: SR802
        w.writerow([1, "no_such", "1"])  # an unknown question: SR301
    expected = _expected(ruleset, records)
    for engine in ("duckdb", "python"):
        run_batch(ruleset, str(tmp_path / "long.csv"), str(tmp_path / "o.parquet"), shape="long", engine=engine)
        rows = {int(r["record_id"]): r for r in _read(tmp_path / "o.parquet")}
        assert (rows[0]["error_codes"], rows[0]["error_inputs"]) == ("SR802", "c_coping")
        assert rows[1]["error_codes"].startswith("SR301") and rows[1]["error_inputs"].startswith("no_such")
        for k in range(2, 20):
            assert rows[k]["segment"] == expected[k]["segment"]
            assert rows[k]["error_codes"] == expected[k]["error_codes"]


def test_long_shape_rows_without_a_key_are_refused_on_every_engine(tmp_path, ruleset, postgres_url):
    """Grouped by key, rows without one would all be one record's answers (SR808, nothing
    written), on DuckDB, the Python engine and PostgreSQL, from a file and from a table."""
    import psycopg

    rows = [("1", "c_coping", "3"), ("", "c_coping", "4"), ("", "battery", "illness"), ("2", "c_coping", "2")]
    with open(tmp_path / "long.csv", "w", newline="") as f:
        csv.writer(f).writerows([("record_id", "question", "value"), *rows])
    with psycopg.connect(postgres_url) as conn:
        conn.execute("DROP TABLE IF EXISTS long_nokey")
        conn.execute("CREATE TABLE long_nokey (record_id BIGINT, question TEXT, value TEXT)")
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO long_nokey VALUES (%s, %s, %s)", [(k or None, q, v) for k, q, v in rows])
    runs = [(str(tmp_path / "long.csv"), str(tmp_path / f"{engine}.parquet"), engine) for engine in ("duckdb", "python")]
    runs.append((f"{postgres_url}#long_nokey", f"{postgres_url}#long_nokey_out", "postgres"))
    for src, dst, engine in runs:
        with pytest.raises(SegrulesError) as info:
            run_batch(ruleset, src, dst, shape="long", engine=engine)
        assert info.value.code == "SR808" and "rows without a record key" in str(info.value), engine
    assert not list(tmp_path.glob("*.parquet"))
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT to_regclass('long_nokey_out')").fetchone() == (None,)


def test_an_empty_text_in_a_table_is_no_answer_on_every_engine(tmp_path, ruleset, postgres_url):
    """As an empty CSV cell is: a text column (Parquet, PostgreSQL) holding '' for a choice,
    a number or an optional answer gives what NULL gives, on DuckDB, the Python engine and
    PostgreSQL; a blank that is not empty (' ') stays an answer that is not allowed."""
    import psycopg

    records = [sample_answers(ruleset.definition, random.Random(k)) for k in range(30)]
    ids = [i.id for i in ruleset.definition.inputs]
    optional = [i.id for i in ruleset.definition.inputs if i.optional and i.asked_when is None]
    rows = {}
    for blank in ("", None, " "):
        rows[blank] = [(k, *(blank if (i in optional and k % 2) or (i == "c_coping" and k % 3 == 0) else text_of(a.get(i))
                             for i in ids)) for k, a in enumerate(records)]
    con = duckdb.connect()
    results = {}
    with psycopg.connect(postgres_url) as conn:
        for blank, table in rows.items():
            name = {"": "empty", None: "nulls", " ": "space"}[blank]
            con.execute(f"CREATE TABLE {name} (record_id BIGINT, " + ", ".join(f'"{i}" VARCHAR' for i in ids) + ")")
            con.executemany(f"INSERT INTO {name} VALUES ({', '.join(['?'] * (len(ids) + 1))})", table)
            con.execute(f"COPY {name} TO '{tmp_path / name}.parquet' (FORMAT PARQUET)")
            conn.execute(f"CREATE TABLE {name} (record_id BIGINT, " + ", ".join(f'"{i}" TEXT' for i in ids) + ")")
            with conn.cursor() as cur:
                cur.executemany(f"INSERT INTO {name} VALUES ({', '.join(['%s'] * (len(ids) + 1))})", table)
    for name in ("empty", "nulls", "space"):
        for engine in ("duckdb", "python"):
            run_batch(ruleset, str(tmp_path / f"{name}.parquet"), str(tmp_path / f"{name}-{engine}.parquet"), engine=engine)
            results[name, engine] = _read(tmp_path / f"{name}-{engine}.parquet")
        run_batch(ruleset, f"{postgres_url}#{name}", f"{postgres_url}#{name}_out", engine="postgres")
        with psycopg.connect(postgres_url) as conn:
            cur = conn.execute(f"SELECT * FROM {name}_out ORDER BY record_id")
            names = [d[0] for d in cur.description]
            results[name, "postgres"] = [dict(zip(names, r)) for r in cur.fetchall()]
    decided = lambda rows: [(r["record_id"], r["segment"], r["error_codes"]) for r in rows]  # noqa: E731
    want = decided(results["nulls", "duckdb"])
    assert sum(1 for _, seg, _ in want if seg is None) >= 10  # the required c_coping left out: SR304
    for engine in ("duckdb", "python", "postgres"):
        assert decided(results["empty", engine]) == want, engine
        assert decided(results["nulls", engine]) == want, engine
        spaced = decided(results["space", engine])
        assert all(codes and ("SR302" in codes or "SR303" in codes) for k, _, codes in spaced if k % 3 == 0), engine


def test_postgres_engine_table_to_table_in_one_transaction(ruleset, postgres_url):
    import psycopg

    records = _records(ruleset, 40)
    ids = [i.id for i in ruleset.definition.inputs]
    with psycopg.connect(postgres_url) as conn:
        conn.execute("DROP TABLE IF EXISTS pg_answers")
        conn.execute("CREATE TABLE pg_answers (record_id BIGINT, " + ", ".join(f'"{i}" TEXT' for i in ids) + ")")
        with conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO pg_answers VALUES ({', '.join(['%s'] * (len(ids) + 1))})",
                [(k, *(text_of(a.get(i)) for i in ids)) for k, a in enumerate(records)],
            )
    summary = run_batch(ruleset, f"{postgres_url}#pg_answers", f"{postgres_url}#pg_result",
                        rejects=f"{postgres_url}#pg_rejects", engine="postgres")
    assert (summary.segmented, summary.rejected) == (37, 3)
    expected = _expected(ruleset, records)
    with psycopg.connect(postgres_url) as conn:
        rows = conn.execute("SELECT record_id, segment, error_codes FROM pg_result UNION ALL "
                            "SELECT record_id, segment, error_codes FROM pg_rejects").fetchall()
    assert len(rows) == 40
    for k, seg, codes in rows:
        assert (seg, codes) == (expected[k]["segment"], expected[k]["error_codes"])


def test_an_interrupted_write_leaves_the_old_output(tmp_path, ruleset, monkeypatch):
    records = _records(ruleset, 10)
    _write_csv(tmp_path / "in.csv", ruleset, records)
    out = tmp_path / "out.csv"
    out.write_text("the old output\n")
    import os

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(SegrulesError) as info:
        run_batch(ruleset, str(tmp_path / "in.csv"), str(out))
    assert info.value.code == "SR804"
    assert out.read_text() == "the old output\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".segrules-")] == []


def test_SR803_SR804_SR806_bad_locations(tmp_path, ruleset):
    _write_csv(tmp_path / "in.csv", ruleset, _records(ruleset, 10))
    cases = [
        (str(tmp_path / "missing.csv"), str(tmp_path / "o.csv"), {}, "SR803"),
        (str(tmp_path / "in.xlsx"), str(tmp_path / "o.csv"), {}, "SR803"),
        (str(tmp_path / "in.csv"), str(tmp_path / "o.csv"), {"key": "client_no"}, "SR803"),
        (str(tmp_path / "in.csv"), str(tmp_path / "nope" / "o.csv"), {}, "SR804"),
        (str(tmp_path / "in.csv"), str(tmp_path / "o.txt"), {}, "SR804"),
        (str(tmp_path / "in.csv"), "postgresql://127.0.0.1:1/x#t", {}, "SR810"),
        ("postgresql://nobody@127.0.0.1:1/x#t", "postgresql://nobody@127.0.0.1:1/x#o", {"engine": "postgres"}, "SR806"),
    ]
    for src, dst, kw, code in cases:
        with pytest.raises(SegrulesError) as info:
            run_batch(ruleset, src, dst, **kw)
        assert info.value.code == code, (src, dst, kw)


def test_SR520_an_output_that_is_the_input_or_the_other_output(tmp_path, ruleset, postgres_url):
    """Refused before any work, whatever the name: the result would replace its own answers."""
    _write_csv(tmp_path / "in.csv", ruleset, _records(ruleset, 10))
    con = duckdb.connect(str(tmp_path / "db.duckdb"))
    con.execute(f"CREATE TABLE answers AS SELECT * FROM read_csv('{tmp_path / 'in.csv'}', all_varchar = true)")
    con.close()
    (tmp_path / "link.csv").symlink_to(tmp_path / "in.csv")
    before = {p.name: p.read_bytes() for p in (tmp_path / "in.csv", tmp_path / "db.duckdb")}
    src, db = str(tmp_path / "in.csv"), str(tmp_path / "db.duckdb")
    cases = [
        (src, src, {}),
        (src, str(tmp_path / "link.csv"), {}),  # through a link
        (src, str(tmp_path / "sub" / ".." / "in.csv"), {}),
        (src, str(tmp_path / "o.csv"), {"rejects": src}),
        (src, str(tmp_path / "o.csv"), {"rejects": str(tmp_path / "o.csv")}),
        (f"{db}#answers", f"{db}#ANSWERS", {}),  # DuckDB's table names ignore case
        (f"{postgres_url}#answers", f"{postgres_url}#answers", {"engine": "postgres"}),
    ]
    for src_, dst, kw in cases:
        with pytest.raises(SegrulesError) as info:
            run_batch(ruleset, src_, dst, **kw)
        assert info.value.code == "SR520", (src_, dst, kw)
    assert {p.name: p.read_bytes() for p in (tmp_path / "in.csv", tmp_path / "db.duckdb")} == before
    assert not (tmp_path / "o.csv").exists()


def test_other_tables_of_the_input_database_out(tmp_path, ruleset):
    records = _records(ruleset, 30)
    _write_csv(tmp_path / "in.csv", ruleset, records)
    db = tmp_path / "registry.duckdb"
    con = duckdb.connect(str(db))
    con.execute(f"CREATE TABLE answers AS SELECT * FROM read_csv('{tmp_path / 'in.csv'}', all_varchar = true)")
    con.close()
    summary = run_batch(ruleset, f"{db}#answers", f"{db}#segments", rejects=f"{db}#rejected")
    assert (summary.segmented, summary.rejected) == (27, 3)
    con = duckdb.connect(str(db))
    assert con.execute("SELECT count(*) FROM answers").fetchone() == (30,)  # the input is intact
    assert con.execute("SELECT count(*) FROM segments").fetchone() == (27,)
    assert con.execute("SELECT count(*) FROM rejected").fetchone() == (3,)


def test_SR805_without_the_sql_extra(monkeypatch, tmp_path, ruleset):
    import sys

    monkeypatch.setitem(sys.modules, "duckdb", None)
    with pytest.raises(SegrulesError) as info:
        run_batch(ruleset, str(tmp_path / "in.csv"), str(tmp_path / "o.csv"))
    assert info.value.code == "SR805"


# --------------------------------------------------------------------------- the command line


def test_cli_batch_json_summary(tmp_path, ruleset, capsys):
    _write_csv(tmp_path / "in.csv", ruleset, _records(ruleset, 20))
    rc = main(["batch", str(RULESET), "--input", str(tmp_path / "in.csv"), "--output", str(tmp_path / "o.parquet"), "--json"])
    assert rc == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "segrules.batch/1"
    assert (doc["records"], doc["segmented"], doc["rejected"]) == (20, 17, 3)
    assert doc["rejected_by_code"] == {"SR302": 1, "SR303": 1, "SR304": 1}
    assert doc["ruleset"]["id"] == "helsinki.suuntima"


@pytest.mark.parametrize("engine", ["duckdb", "python"])
def test_cli_batch_with_bare_file_names_writes_in_the_current_folder(tmp_path, ruleset, engine, monkeypatch, capsys):
    """``--output out.parquet``, as a user types it in the folder of the data: no folder in
    the name is the current one (it was once refused as a folder '' that does not exist)."""
    _write_csv(tmp_path / "in.csv", ruleset, _records(ruleset, 20))
    monkeypatch.chdir(tmp_path)
    for out in ("o.parquet", "o.csv", "o.jsonl", "o.duckdb#result"):
        rc = main(["batch", str(RULESET), "--input", "in.csv", "--output", out, "--rejects", "rejects.csv",
                   "--engine", engine, "--json"])
        assert rc == 0, (out, capsys.readouterr().err)
        doc = json.loads(capsys.readouterr().out)
        assert (doc["segmented"], doc["rejected"]) == (17, 3), out
        assert (tmp_path / out.split("#")[0]).is_file() and (tmp_path / "rejects.csv").is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_hash_sign_is_part_of_a_file_name_unless_it_names_a_duckdb_table(tmp_path, ruleset):
    records = _records(ruleset, 12)
    folder = tmp_path / "run #3"
    folder.mkdir()
    _write_csv(folder / "in#1.csv", ruleset, records)
    for out in ("out#2.parquet", "db#x.duckdb#result"):
        summary = run_batch(ruleset, str(folder / "in#1.csv"), str(folder / out))
        assert (summary.segmented, summary.rejected) == (9, 3), out
    assert (folder / "out#2.parquet").is_file() and (folder / "db#x.duckdb").is_file()
    with pytest.raises(SegrulesError) as info:
        run_batch(ruleset, str(folder / "in#1.csv"), str(folder / "db#x.duckdb"))  # a database, but no table
    assert info.value.code == "SR804" and "name the table" in str(info.value)


def test_SR803_a_folder_or_an_empty_file_is_said_to_be_one(tmp_path, ruleset):
    """In the user's words, not DuckDB's: a folder named like a file, a JSON Lines file with
    no record (empty, or blank lines only), a named pipe."""
    (tmp_path / "answers.csv").mkdir()
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_bytes(b"\n \r\n\t\n")
    os.mkfifo(tmp_path / "pipe.csv")  # read more than once: refused for what it is, not as missing
    os.symlink("loop.csv", tmp_path / "loop.csv")  # a link to itself: no file to read, but not missing either
    cases = [("answers.csv", "it is a folder"), ("empty.jsonl", "the file is empty"), ("blank.jsonl", "the file is empty"),
             ("pipe.csv", "not a regular file (a named pipe, a device or a socket)"),
             ("loop.csv", "cannot be read: it is a loop of symbolic links")]
    for name, words in cases:
        with pytest.raises(SegrulesError) as info:
            run_batch(ruleset, str(tmp_path / name), str(tmp_path / "out.parquet"))
        assert info.value.code == "SR803" and words in str(info.value), (name, str(info.value))
        assert "Error" not in str(info.value)


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs a /proc file system")
def test_SR804_a_folder_that_takes_no_files_is_named_before_any_work(tmp_path, ruleset):
    """/proc is a folder that exists, is writable by permission bits for the superuser, and
    yet takes no new file: found by trying, and named with the user's path."""
    _write_csv(tmp_path / "in.csv", ruleset, _records(ruleset, 10))
    for out in ("/proc/result.csv", "/proc/result.parquet"):
        with pytest.raises(SegrulesError) as info:
            run_batch(ruleset, str(tmp_path / "in.csv"), out)
        assert info.value.code == "SR804" and out in str(info.value) and "/proc" in str(info.value)


def test_cli_batch_bad_input_is_a_coded_error(tmp_path, capsys):
    rc = main(["batch", str(RULESET), "--input", str(tmp_path / "none.csv"), "--output", str(tmp_path / "o.csv")])
    assert rc == 1
    assert "SR803" in capsys.readouterr().err


@pytest.mark.parametrize("dialect", ["duckdb", "postgres", "spark", "trino"])
def test_cli_sql_prints_the_query(dialect, capsys):
    assert main(["sql", str(RULESET), "--dialect", dialect, "--shape", "long", "--table", "registry.answers"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("WITH") and out.rstrip().endswith(";")
    assert "helsinki.suuntima" in out


@pytest.mark.parametrize("args", [["--key", ""], ["--key", "battery"], ["--carry", " "], ["--key", " "]])
def test_cli_sql_refuses_a_key_or_carried_column_it_could_not_write(args, capsys):
    """No SQL that would not run (an empty name) or would mix the key with an answer."""
    with pytest.raises(SystemExit) as info:
        main(["sql", str(RULESET), *args])
    assert info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == "" and args[0] in captured.err


def test_cli_sql_runs_on_duckdb(tmp_path, ruleset, capsys):
    records = _records(ruleset, 10)
    _write_csv(tmp_path / "in.csv", ruleset, records)
    main(["sql", str(RULESET), "--table", "answers", "--carry", "unit"])
    sql = capsys.readouterr().out
    con = duckdb.connect()
    con.execute(f"CREATE TABLE answers AS SELECT * FROM read_csv('{tmp_path / 'in.csv'}', all_varchar = true)")
    rows = con.execute(sql.rstrip().rstrip(";")).fetchall()
    expected = _expected(ruleset, records)
    assert sorted((int(r[0]), r[2]) for r in rows) == sorted((k, e["segment"]) for k, e in expected.items())


def _write_typed_parquet(path, ruleset, records):
    """Answers in typed columns, as a registry extract has them: BIGINT for numeric questions."""
    inputs = ruleset.definition.inputs
    con = duckdb.connect()
    cols = ", ".join(f'"{i.id}" {"BIGINT" if i.domain.is_numeric else "VARCHAR"}' for i in inputs)
    con.execute(f"CREATE TABLE a (record_id BIGINT, unit VARCHAR, {cols})")
    rows = [(k, f"unit{k % 3}", *(a.get(i.id) for i in inputs)) for k, a in enumerate(records)]
    con.executemany(f"INSERT INTO a VALUES ({', '.join(['?'] * (len(inputs) + 2))})", rows)
    # stored out of key order: the output is in key order all the same
    con.execute(f"COPY (SELECT * FROM a ORDER BY record_id % 7, record_id DESC) TO '{path}' (FORMAT PARQUET)")
    con.close()


def test_typed_parquet_in_key_order_out_nothing_left_behind(tmp_path, ruleset, monkeypatch):
    records = [r for r in _records(ruleset) if not isinstance(r.get("c_coping"), str)]
    _write_typed_parquet(tmp_path / "in.parquet", ruleset, records)
    out = tmp_path / "out" / "result.parquet"
    out.parent.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    summary = run_batch(ruleset, str(tmp_path / "in.parquet"), str(out))
    assert (summary.records, summary.rejected_by_code) == (len(records), {"SR302": 1, "SR304": 1})
    con = duckdb.connect()
    keys = [r[0] for r in con.execute(f"SELECT record_id FROM '{out}'").fetchall()]  # as stored
    assert keys == sorted(keys)
    expected = _expected(ruleset, records)
    _check(_read(out), expected)
    assert [p.name for p in out.parent.iterdir()] == ["result.parquet"]
    assert list(work.iterdir()) == []  # nothing spilled into the working folder


def test_a_population_read_in_parallel_comes_out_in_key_order(tmp_path, ruleset):
    """Enough records, in many row groups and shuffled, for DuckDB to read and sort them in
    parallel: the output is in key order all the same, and the ruleset's columns (added after
    the sort) are on every row, as text."""
    records = [r for r in _records(ruleset) if not isinstance(r.get("c_coping"), str)]
    few, many, out = tmp_path / "few.parquet", tmp_path / "many.parquet", tmp_path / "out.parquet"
    _write_typed_parquet(few, ruleset, records)
    n, copies = len(records), 5000
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT * REPLACE (record_id + {n} * c.i AS record_id) FROM '{few}', range({copies}) c(i) "
        f"ORDER BY hash(record_id + {n} * c.i)) TO '{many}' (FORMAT PARQUET, ROW_GROUP_SIZE 10000)"
    )
    summary = run_batch(ruleset, str(many), str(out))
    assert summary.records == n * copies
    rows = con.execute(f"SELECT record_id, segment, error_codes, ruleset_id, ruleset_version, ruleset_hash "
                       f"FROM '{out}'").fetchall()  # as stored
    assert [r[0] for r in rows] == list(range(n * copies))
    d = ruleset.definition
    expected = _expected(ruleset, records)
    for key, segment, codes, *named in rows:
        want = expected[key % n]
        assert (segment, codes, named) == (want["segment"], want["error_codes"], [d.id, d.version, d.content_hash])
    types = dict(r[:2] for r in con.execute(f"DESCRIBE SELECT * FROM '{out}'").fetchall())
    assert [types[c] for c in ("ruleset_id", "ruleset_version", "ruleset_hash")] == ["VARCHAR"] * 3


def _decided(ruleset, answers):
    row = reference_row(ruleset, answers)
    return row["segment"], row["error_codes"], row["error_inputs"]


@pytest.mark.parametrize("engine", ["duckdb", "python"])
def test_json_lines_answers_keep_their_kinds(tmp_path, ruleset, engine):
    """A JSON Lines record means what it means to decide(): "3" is not a number, 3.0 and 1e2
    are not whole numbers, true is not a choice, null is no answer."""
    base = sample_answers(ruleset.definition, random.Random(11))
    optional = next(i.id for i in ruleset.definition.inputs if i.optional and i.asked_when is None)
    variants = [("c_coping", v) for v in (3, "3", 3.0, 100.0, -0, True, "true", None, [3], {"a": 3}, 10**30, 9, "x")]
    variants += [("battery", v) for v in ("illness", 1, True, "nope", None, ["risk"])]
    variants += [(optional, v) for v in (None, "2", 2, 2.5)]
    records = [dict(base, **{k: v}) for k, v in variants]
    with open(tmp_path / "in.jsonl", "w", encoding="utf-8") as f:
        for key, answers in enumerate(records):
            f.write(json.dumps({"record_id": key, **answers}) + "\n")
    out = tmp_path / "out.parquet"
    run_batch(ruleset, str(tmp_path / "in.jsonl"), str(out), engine=engine, carry=["battery"])
    rows = _read(out)
    got = {r["record_id"]: (r["segment"], r["error_codes"], r["error_inputs"]) for r in rows}
    want = {key: _decided(ruleset, {k: v for k, v in answers.items() if v is not None})
            for key, answers in enumerate(records)}
    assert got == want
    assert got[1][1] == "SR303" and got[0][0] is not None  # "3" and 3
    # the same records in the long shape: a line per answer, its value a JSON value
    with open(tmp_path / "long.jsonl", "w", encoding="utf-8") as f:
        for key, answers in enumerate(records):
            for question, value in answers.items():
                f.write(json.dumps({"record_id": key, "question": question, "value": value}) + "\n")
    run_batch(ruleset, str(tmp_path / "long.jsonl"), str(tmp_path / "long.parquet"), engine=engine, shape="long")
    assert {r["record_id"]: (r["segment"], r["error_codes"], r["error_inputs"])
            for r in _read(tmp_path / "long.parquet")} == want
    # a carried input is carried as text: a string's own text, any other value's JSON text
    carried = {r["record_id"]: r["battery"] for r in rows}
    assert carried == {key: None if a["battery"] is None else a["battery"] if isinstance(a["battery"], str)
                       else json.dumps(a["battery"], separators=(",", ":")) for key, a in enumerate(records)}


@pytest.mark.parametrize("engine", ["duckdb", "python"])
def test_a_number_of_thousands_of_digits_is_outside_the_scale(tmp_path, ruleset, engine):
    """Beyond the 4,300 digits Python converts: SR302 in both engines, not a crash."""
    records = [r for r in _records(ruleset, 12, seed=14) if isinstance(r.get("c_coping"), int)][:2]
    records[0] = dict(records[0], c_coping="9" * 5000)  # as the CSV cell holds it
    records[1] = dict(records[1], c_coping="-" + "9" * 4200)
    _write_csv(tmp_path / "in.csv", ruleset, records)
    summary = run_batch(ruleset, str(tmp_path / "in.csv"), str(tmp_path / "out.parquet"), engine=engine)
    assert summary.rejected_by_code == {"SR302": 2}


def _awkward(rng):
    """A JSON value a JSON Lines file may hold where an answer is expected."""
    return rng.choice([
        lambda: rng.randint(-3, 8), lambda: str(rng.randint(0, 6)), lambda: rng.randint(0, 6) + 0.0,
        lambda: rng.choice([True, False]), lambda: None, lambda: [rng.randint(1, 5)], lambda: {"a": 1},
        lambda: rng.choice([1, -1]) * 10 ** rng.randint(18, 60), lambda: rng.choice([1e2, -0.0, 1.5, 1e300]),
        lambda: rng.choice(["illness", "risk", "Risk", "risk ", "ri\u00dfk", "caf\u00e9", 'a"b', "\\", ""]),
    ])()


@pytest.mark.parametrize("shape", ["wide", "long"])
@pytest.mark.parametrize("engine", ["duckdb", "python"])
def test_json_lines_with_awkward_values_as_files_give_what_decide_gives(tmp_path, ruleset, engine, shape):
    """Through the file reader: escaped and unescaped text, huge and negative-zero numbers."""
    rng = random.Random(7)
    ids = [i.id for i in ruleset.definition.inputs]
    records = []
    for _ in range(200):
        answers = sample_answers(ruleset.definition, rng)
        for _ in range(rng.randint(0, 3)):
            answers[rng.choice(ids)] = _awkward(rng)
        records.append(answers)
    with open(tmp_path / "in.jsonl", "w", encoding="utf-8") as f:
        for key, answers in enumerate(records):
            if shape == "wide":
                f.write(json.dumps({"record_id": key, **answers}, ensure_ascii=key % 2 == 0) + "\n")
            else:
                f.writelines(json.dumps({"record_id": key, "question": q, "value": v}) + "\n" for q, v in answers.items())
    run_batch(ruleset, str(tmp_path / "in.jsonl"), str(tmp_path / "out.parquet"), engine=engine, shape=shape)
    got = {r["record_id"]: (r["segment"], r["error_codes"], r["error_inputs"]) for r in _read(tmp_path / "out.parquet")}
    assert got == {key: _decided(ruleset, {k: v for k, v in a.items() if v is not None}) for key, a in enumerate(records)}


def test_json_lines_numbers_given_as_strings_on_every_line(tmp_path, ruleset):
    """A column that holds only strings is still JSON: "3" answers no number question."""
    records = [r for r in _records(ruleset, 20, seed=13) if isinstance(r.get("c_coping"), int)]
    with open(tmp_path / "in.jsonl", "w", encoding="utf-8") as f:
        for key, answers in enumerate(records):
            f.write(json.dumps({"record_id": key, **answers, "c_coping": str(answers["c_coping"])}) + "\n")
    out = tmp_path / "out.parquet"
    summary = run_batch(ruleset, str(tmp_path / "in.jsonl"), str(out))
    assert summary.segmented == 0 and summary.rejected_by_code.get("SR303") == len(records)


def test_json_lines_a_key_first_seen_late_is_read(tmp_path, ruleset):
    """Columns and their types come from every line, not a sample of the first ones."""
    records = _records(ruleset, 30, seed=12)
    records = [r for r in records if not isinstance(r.get("c_coping"), str) and "c_coping" in r]
    late = next(i.id for i in ruleset.definition.inputs if i.optional and i.asked_when is None)
    lines = []
    for key in range(25_000):
        answers = {k: v for k, v in records[key % len(records)].items() if k != late}
        lines.append({"record_id": key, **answers})
    lines[-2]["c_coping"] = "3"  # a string among numbers, late: SR303, not a failed read
    lines[-1][late] = 2  # a question first answered on the last line
    with open(tmp_path / "in.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(line) + "\n" for line in lines)
    out = tmp_path / "out.parquet"
    run_batch(ruleset, str(tmp_path / "in.jsonl"), str(out))
    con = duckdb.connect()
    got = dict(con.execute(f"SELECT record_id, error_codes FROM '{out}' WHERE record_id >= 24998").fetchall())
    for key in (24998, 24999):
        answers = {k: v for k, v in lines[key].items() if k != "record_id"}
        assert got[key] == _decided(ruleset, answers)[1]
    assert got[24998] == "SR303"
    assert con.execute(f"SELECT count(*) FROM '{out}'").fetchone() == (25_000,)


def test_json_lines_that_are_not_objects_or_repeat_a_key_are_refused(tmp_path, ruleset):
    (tmp_path / "in.jsonl").write_text('{"record_id": 1}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(SegrulesError) as info:
        run_batch(ruleset, str(tmp_path / "in.jsonl"), str(tmp_path / "out.parquet"))
    assert info.value.code == "SR803" and "JSON Lines" in str(info.value)
    assert "line 2 is not one JSON object" in str(info.value)  # found, where DuckDB names no line
    assert not (tmp_path / "out.parquet").exists()
    (tmp_path / "in.jsonl").write_text('{"record_id": 1}\n{"record_id": 2} {"record_id": 3}\n', encoding="utf-8")
    with pytest.raises(SegrulesError) as info:  # two objects on a line
        run_batch(ruleset, str(tmp_path / "in.jsonl"), str(tmp_path / "out.parquet"))
    assert info.value.code == "SR803" and "in line 2" in str(info.value) and "auto-detecting" not in str(info.value)
    (tmp_path / "in.jsonl").write_text('{"record_id": 0}\n{"record_id": 1, "battery": "risk", "battery": "social", '
                                       '"name": "Maija Meikäläinen"}\n', encoding="utf-8")
    with pytest.raises(SegrulesError) as info:  # a key given twice: decide refuses the line too
        run_batch(ruleset, str(tmp_path / "in.jsonl"), str(tmp_path / "out.parquet"))
    assert info.value.code == "SR807" and 'line 2 gives the key "battery" twice' in str(info.value)
    assert "Maija" not in str(info.value) and "risk" not in str(info.value)  # never the record itself
    assert not (tmp_path / "out.parquet").exists()


def test_postgres_engine_reads_typed_columns(ruleset, postgres_url):
    import psycopg

    records = [r for r in _records(ruleset, 40) if not isinstance(r.get("c_coping"), str)]
    inputs = ruleset.definition.inputs
    with psycopg.connect(postgres_url) as conn:
        conn.execute("DROP TABLE IF EXISTS pg_typed")
        conn.execute("CREATE TABLE pg_typed (record_id BIGINT, "
                     + ", ".join(f'"{i.id}" {"SMALLINT" if i.domain.is_numeric else "TEXT"}' for i in inputs) + ")")
        with conn.cursor() as cur:
            cur.executemany(
                f"INSERT INTO pg_typed VALUES ({', '.join(['%s'] * (len(inputs) + 1))})",
                [(k, *(a.get(i.id) for i in inputs)) for k, a in enumerate(records)],
            )
    summary = run_batch(ruleset, f"{postgres_url}#pg_typed", f"{postgres_url}#pg_typed_result", engine="postgres")
    assert summary.rejected_by_code == {"SR302": 1, "SR304": 1}
    expected = _expected(ruleset, records)
    with psycopg.connect(postgres_url) as conn:
        rows = conn.execute("SELECT record_id, segment, rule, resources_num, resources_den, error_codes "
                            "FROM pg_typed_result").fetchall()
    assert len(rows) == len(records)
    for k, seg, rule, rn, rd, codes in rows:
        want = expected[k]
        assert (seg, rule, rn, rd, codes) == (want["segment"], want["rule"], want["resources_num"],
                                              want["resources_den"], want["error_codes"])


def test_cli_sql_typed_runs_on_a_typed_table(tmp_path, ruleset, capsys):
    records = [r for r in _records(ruleset, 30) if not isinstance(r.get("c_coping"), str)]
    _write_typed_parquet(tmp_path / "in.parquet", ruleset, records)
    assert main(["sql", str(RULESET), "--typed", "--carry", "unit"]) == 0
    sql = capsys.readouterr().out
    assert "AS TEXT) AS \"c_coping#t\"" not in sql  # read as it is
    con = duckdb.connect()
    con.execute(f"CREATE TABLE answers AS SELECT * FROM '{tmp_path / 'in.parquet'}'")
    cur = con.execute(sql.rstrip().rstrip(";"))
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r)) for r in cur.fetchall()]
    expected = _expected(ruleset, records)
    assert sorted((r["record_id"], r["segment"], r["error_codes"]) for r in rows) == sorted(
        (k, e["segment"], e["error_codes"]) for k, e in expected.items())
    assert main(["sql", str(RULESET), "--typed", "--shape", "long"]) == 1
    assert "SR801" in capsys.readouterr().err


# --------------------------------------------------------------------------- repeated keys


@settings(max_examples=150, deadline=None)
@given(
    keys=st.lists(st.one_of(st.none(), st.integers(-5, 40), st.sampled_from([-2**63, 2**63 - 1, 10**12])),
                  min_size=1, max_size=30),
    kind=st.sampled_from(["BIGINT", "INTEGER", "HUGEINT", "VARCHAR", "UBIGINT"]),
)
def test_repeated_keys_are_found_whatever_their_type_and_range(keys, kind):
    """The bitmap of an integer key's range, or the keys counted distinct, find a repeated
    key exactly when there is one, for keys near the ends of their type and ranges too wide
    for a bitmap (which are counted instead)."""
    from segrules.sql.batch import _keys_repeat

    if kind == "INTEGER":
        keys = [k if k is None or -2**31 <= k < 2**31 else k % 2**31 for k in keys]
    if kind == "UBIGINT":
        keys = [k if k is None else k % 2**64 for k in keys]
    con = duckdb.connect()
    con.execute(f"CREATE TABLE t (record_id {kind})")
    con.executemany("INSERT INTO t VALUES (?)", [[None if k is None else str(k) if kind == "VARCHAR" else k]
                                                 for k in keys])
    given = [k for k in keys if k is not None]
    assert _keys_repeat(con, "t", "record_id", len(given)) == (len(set(given)) < len(given)), (kind, keys)


def test_names_that_look_like_sql_are_read_as_names(ruleset, tmp_path):
    """A key, carried columns and a table named with quotes, parentheses, commas and `` AS ``:
    the printed query (``render``) and the one DuckDB runs (``duckdb_native``) give the same
    rows, and the batch carries the columns through under their own names."""
    from segrules.sql.compiler import compile_query, q
    from segrules.sql.render import duckdb_native, render

    rng = random.Random(5)
    records = [sample_answers(ruleset.definition, rng) for _ in range(30)]
    ids = [i.id for i in ruleset.definition.inputs]
    table, key, carry = 'odd "t" AS (', 'id"(1), SR_GCD(', ["u'n,it)", 'x" AS (y']
    con = duckdb.connect()
    con.execute(f"CREATE TABLE {q(table)} ({q(key)} BIGINT, {q(carry[0])} VARCHAR, {q(carry[1])} VARCHAR, "
                + ", ".join(f"{q(i)} VARCHAR" for i in ids) + ")")
    con.executemany(f"INSERT INTO {q(table)} VALUES ({', '.join(['?'] * (len(ids) + 3))})",
                    [[k, f"u({k % 3}", "'", *(text_of(a.get(i)) for i in ids)] for k, a in enumerate(records)])
    got = [sorted(con.execute(text).fetchall(), key=lambda r: r[0]) for text in (
        render(compile_query(ruleset.definition, table=q(table), key=key, carry=carry), "duckdb"),
        duckdb_native(con, compile_query(ruleset.definition, table=q(table), key=key, carry=carry, euclid=False)),
    )]
    assert len(got[0]) == 30 and got[0] == got[1]
    path = tmp_path / "odd.parquet"
    con.execute(f"COPY {q(table)} TO '{path}' (FORMAT PARQUET)")
    out = tmp_path / "out.parquet"
    run_batch(ruleset, str(path), str(out), key=key)
    rows = duckdb.connect().execute(f"SELECT {q(key)}, {q(carry[0])}, {q(carry[1])}, segment, error_codes "
                                    f"FROM '{out}' ORDER BY 1").fetchall()
    want = [reference_row(ruleset, answers_from_text(ruleset.definition, {i: text_of(a.get(i)) for i in ids}))
            for a in records]
    assert [(r[0], r[1], r[2]) for r in rows] == [(k, f"u({k % 3}", "'") for k in range(30)]
    assert [r[3] for r in rows] == [w["segment"] for w in want]


def test_carried_columns_named_like_the_querys_own_keep_their_values_on_every_engine(tmp_path, ruleset, postgres_url):
    """A column called ``#key`` (as the query calls the record key inside), ``c_coping#v`` (an
    answer's value) or ``#codes`` is carried through as it is: every record keeps its own key
    and decision, on DuckDB, the Python engine and PostgreSQL, and repeated values in such a
    column are no repeated key (SR808)."""
    import psycopg

    records = _records(ruleset, 12)
    ids = [i.id for i in ruleset.definition.inputs]
    carried = ["#key", "c_coping#v", "#codes", "#bad", "#ask0", "c_coping#t", "#carry0"]
    values = lambda k: [str([30, 10, 20][k % 3]), f"v{k}", "SR999", "true", "x", "", f"c{k}"]  # noqa: E731
    with open(tmp_path / "in.jsonl", "w", encoding="utf-8") as f:
        for k, a in enumerate(records):
            f.write(json.dumps({"record_id": k + 1, **dict(zip(carried, values(k))), **a}) + "\n")
    with psycopg.connect(postgres_url) as conn:
        conn.execute("DROP TABLE IF EXISTS odd_names")
        conn.execute("CREATE TABLE odd_names (record_id BIGINT, " + ", ".join(f'"{c}" TEXT' for c in carried + ids) + ")")
        with conn.cursor() as cur:
            cur.executemany(f"INSERT INTO odd_names VALUES ({', '.join(['%s'] * (len(carried) + len(ids) + 1))})",
                            [(k + 1, *values(k), *(text_of(a.get(i)) for i in ids)) for k, a in enumerate(records)])
    want = [(k + 1, *values(k), reference_row(ruleset, a)["segment"], reference_row(ruleset, a)["error_codes"])
            for k, a in enumerate(records)]
    select = ", ".join(['"record_id"', *(f'"{c}"' for c in carried), "segment", "error_codes"])
    for engine in ("duckdb", "python"):
        run_batch(ruleset, str(tmp_path / "in.jsonl"), str(tmp_path / f"{engine}.csv"), engine=engine)
        got = duckdb.connect().execute(
            f"SELECT {select} FROM read_csv('{tmp_path / engine}.csv', all_varchar = true) ORDER BY CAST(record_id AS INT)"
        ).fetchall()
        assert [(int(r[0]), *(v or "" for v in r[1:-2]), *r[-2:]) for r in got] == want, engine
    summary = run_batch(ruleset, f"{postgres_url}#odd_names", f"{postgres_url}#odd_names_out", engine="postgres")
    assert summary.records == 12
    with psycopg.connect(postgres_url) as conn:
        got = conn.execute(f"SELECT {select} FROM odd_names_out ORDER BY record_id").fetchall()
    assert [tuple(r) for r in got] == want


def test_long_shape_a_row_without_a_question_is_SR301_on_every_engine(tmp_path, ruleset, postgres_url):
    """A row of the long shape with no question (an empty CSV cell, NULL in a table) names a
    question that is not an input: SR301, named ``null`` as decide names it, on DuckDB, the
    Python engine and PostgreSQL; a record with an empty and an unknown question lists both."""
    import psycopg

    records = _records(ruleset, 12)
    rows = [(k, q, text_of(v)) for k, a in enumerate(records) for q, v in a.items()]
    rows += [(1, None, "5"), (2, None, None), (2, "", "1"), (2, "zz", "1"), (2, None, "3")]
    with open(tmp_path / "long.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["record_id", "question", "value"])
        w.writerows((k, q or "", v or "") for k, q, v in rows if q != "")
    con = duckdb.connect()
    con.execute("CREATE TABLE t (record_id BIGINT, question VARCHAR, value VARCHAR)")
    con.executemany("INSERT INTO t VALUES (?, ?, ?)", rows)
    con.execute(f"COPY t TO '{tmp_path / 'long.parquet'}' (FORMAT PARQUET)")
    with psycopg.connect(postgres_url) as conn:
        conn.execute("DROP TABLE IF EXISTS long_nulls")
        conn.execute("CREATE TABLE long_nulls (record_id BIGINT, question TEXT, value TEXT)")
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO long_nulls VALUES (%s, %s, %s)", rows)
    got = {}
    for source in ("long.csv", "long.parquet"):
        for engine in ("duckdb", "python"):
            run_batch(ruleset, str(tmp_path / source), str(tmp_path / "o.parquet"), shape="long", engine=engine)
            got[source, engine] = [(int(r["record_id"]), r["segment"], r["error_codes"], r["error_inputs"])
                                   for r in _read(tmp_path / "o.parquet")]
    run_batch(ruleset, f"{postgres_url}#long_nulls", f"{postgres_url}#long_nulls_out", shape="long", engine="postgres")
    with psycopg.connect(postgres_url) as conn:
        got["table", "postgres"] = [tuple(r) for r in conn.execute(
            "SELECT record_id, segment, error_codes, error_inputs FROM long_nulls_out ORDER BY record_id")]
    first = {k: reference_row(ruleset, a) for k, a in enumerate(records)}
    for (source, engine), result in got.items():
        by_key = {r[0]: r[1:] for r in result}
        assert by_key[1] == (None, "SR301", "null"), (source, engine)
        # an empty CSV cell is no value (NULL); an empty text in a table is a question named ''
        assert by_key[2][1:] == (("SR301,SR301", "null,zz") if source == "long.csv"
                                 else ("SR301,SR301,SR301", "null,,zz")), (source, engine)
        for k in (0, *range(3, 12)):
            assert by_key[k] == (first[k]["segment"], first[k]["error_codes"], first[k]["error_inputs"]), (source, engine)
    assert got["long.parquet", "duckdb"] == got["long.parquet", "python"] == got["table", "postgres"]
    assert got["long.csv", "duckdb"] == got["long.csv", "python"]


@pytest.mark.parametrize("engine", ["duckdb", "python"])
def test_the_long_shape_carries_no_column_SR803(tmp_path, engine):
    """A row per answer: a column of the rows is not one of the record's. Carrying one stopped
    the run with DuckDB's words (the DuckDB engine) or carried nothing (the Python engine)."""
    ruleset = segrules.load(RULESET)
    (tmp_path / "long.csv").write_text("record_id,question,value,unit\n1,c_daily_life,4,u1\n", encoding="utf-8")
    for column in ("unit", "value", "question"):
        with pytest.raises(SegrulesError) as info:
            run_batch(ruleset, str(tmp_path / "long.csv"), str(tmp_path / "o.parquet"), shape="long", engine=engine,
                      carry=[column])
        assert info.value.code == "SR803" and f"carries no column ({column})" in str(info.value)
    assert not (tmp_path / "o.parquet").exists()
