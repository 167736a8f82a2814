"""segrules batch on the files analysts really have: late rows that change a column's apparent
type or quoting, spreadsheet dialects, repeated columns and keys, columns named like the
result's, and outputs that are links, pipes or folders. Every engine, every case.

The late rows sit after row 25,000: DuckDB's readers guess a file's dialect and types from
its first 20,480 rows, and segrules must not."""

from __future__ import annotations

import csv
import json
import os
import random
import signal
import subprocess
import sys

import pytest

import segrules
from segrules.cli import main
from segrules.errors import SegrulesError
from segrules.files import temp_prefix
from segrules.sampling import sample_answers
from segrules.sql import answers_from_text, reference_row
from segrules.sql.batch import run_batch

from engines import text_of
from support import ROOT

duckdb = pytest.importorskip("duckdb")

RULESET = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"
LATE = 25_001  # past DuckDB's sample of 20,480 rows
ROWS = 25_010
ENGINES = ["duckdb", "python"]


@pytest.fixture(scope="module")
def ruleset():
    return segrules.load(RULESET)


@pytest.fixture(scope="module")
def pool(ruleset):
    rng = random.Random(16)
    return [sample_answers(ruleset.definition, rng) for _ in range(40)]


def _ids(ruleset):
    return [i.id for i in ruleset.definition.inputs]


def _write_csv(path, ruleset, pool, *, extra=("municipality",), cell=lambda k, col: "Kallio", rows=ROWS,
               delimiter=",", lineterminator="\r\n", encoding="utf-8", header=None):
    ids = _ids(ruleset)
    with open(path, "w", newline="", encoding=encoding) as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator=lineterminator)
        w.writerow(header or ["record_id", *extra, *ids])
        for k in range(rows):
            a = pool[k % len(pool)]
            w.writerow([k, *(cell(k, c) for c in extra), *(text_of(a.get(i)) or "" for i in ids)])


def _decided(ruleset, answers_text):
    row = reference_row(ruleset, answers_from_text(ruleset.definition, answers_text))
    return row["segment"], row["error_codes"], row["error_inputs"]


def _rows(path, where=""):
    con = duckdb.connect()
    source = f"'{path}'"
    if str(path).endswith(".csv"):  # as written: RFC 4180, every column text
        source = f"read_csv('{path}', header = true, delim = ',', quote = '\"', escape = '\"', all_varchar = true)"
    cur = con.execute(f"SELECT * FROM {source} {where}")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _refused(ruleset, src, out, code, **kwargs):
    with pytest.raises(SegrulesError) as info:
        run_batch(ruleset, str(src), str(out), **kwargs)
    assert info.value.code == code, str(info.value)
    assert not os.path.exists(out)
    return str(info.value)


# --------------------------------------------------------------------------- late rows


@pytest.mark.parametrize("engine", ENGINES)
def test_a_quoted_field_after_the_sample_is_read_as_quoted(tmp_path, ruleset, pool, engine):
    """A municipality "Itäkeskus, Puotila" on row 25,001: DuckDB took the file for unquoted
    and split the field (a wrong SR302/SR303 record); the Python engine stopped."""
    _write_csv(tmp_path / "in.csv", ruleset, pool, cell=lambda k, c: "Itäkeskus, Puotila" if k == LATE else "Kallio")
    summary = run_batch(ruleset, str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), engine=engine)
    assert summary.records == ROWS
    (row,) = [r for r in _rows(tmp_path / "out.csv") if int(r["record_id"]) == LATE]
    a = pool[LATE % len(pool)]
    assert row["municipality"] == "Itäkeskus, Puotila"
    assert (row["segment"], row["error_codes"], row["error_inputs"]) == _decided(
        ruleset, {i: text_of(v) for i, v in a.items()})


@pytest.mark.parametrize("engine", ENGINES)
def test_a_spreadsheets_semicolons_bom_and_line_breaks_in_cells(tmp_path, ruleset, pool, engine):
    """A spreadsheet in a Finnish locale writes ';', a byte-order mark and CRLF, and quotes a
    cell with a line break or a ';' (here only late in the file)."""
    late = {LATE: 'Itä; "keskus"', LATE + 1: "rivi\nrivi"}
    path = tmp_path / "in.csv"
    _write_csv(path, ruleset, pool, delimiter=";", encoding="utf-8-sig", cell=lambda k, c: late.get(k, "Kallio"))
    run_batch(ruleset, str(path), str(tmp_path / "out.parquet"), engine=engine)
    got = {int(r["record_id"]): r["municipality"] for r in _rows(tmp_path / "out.parquet", f"WHERE record_id::INT >= {LATE}")}
    assert got[LATE] == 'Itä; "keskus"' and got[LATE + 1] == "rivi\nrivi" and got[LATE + 2] == "Kallio"


@pytest.mark.parametrize("engine", ENGINES)
def test_answers_with_quotes_commas_and_non_ascii_give_what_decide_gives(tmp_path, ruleset, pool, engine):
    """A choice answered with a label (quotes, commas, ä) instead of its code, and a number
    given as text, late in the file: the codes decide gives, the text kept in the rejects."""
    choice = next(i.id for i in ruleset.definition.inputs if i.domain.kind not in ("integer", "boolean", "scale")
                  and not i.domain.is_numeric)
    number = next(i.id for i in ruleset.definition.inputs if i.domain.is_numeric and not i.optional)
    odd = {LATE: {choice: 'Riski, "perhe"'}, LATE + 1: {choice: "Sosiaalinen ä", number: "3,5"}}
    ids = _ids(ruleset)
    with open(tmp_path / "in.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["record_id", *ids])
        for k in range(ROWS):
            a = {i: text_of(v) for i, v in pool[k % len(pool)].items()} | odd.get(k, {})
            w.writerow([k, *(a.get(i) or "" for i in ids)])
    run_batch(ruleset, str(tmp_path / "in.csv"), str(tmp_path / "out.parquet"),
              rejects=str(tmp_path / "rejects.csv"), engine=engine)
    got = {int(r["record_id"]): r for r in _rows(tmp_path / "rejects.csv")}
    assert set(got) >= set(odd)
    for k, changes in odd.items():
        a = {i: text_of(v) for i, v in pool[k % len(pool)].items()} | changes
        assert (got[k]["segment"], got[k]["error_codes"], got[k]["error_inputs"]) == _decided(ruleset, a)
        assert got[k]["error_codes"] is not None


def _write_jsonl(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


@pytest.mark.parametrize("engine", ENGINES)
def test_json_lines_two_invalid_answers_late(tmp_path, ruleset, pool, engine):
    """The Python engine's own temporary file held a quoted "SR303,SR303" past its sample:
    an internal error (exit 3)."""
    numbers = [i.id for i in ruleset.definition.inputs if i.domain.is_numeric and not i.optional][:2]
    lines = [{"record_id": k, **pool[k % len(pool)]} for k in range(ROWS)]
    lines[LATE] = dict(lines[LATE], **{n: "lots" for n in numbers})
    _write_jsonl(tmp_path / "in.jsonl", lines)
    assert main(["batch", str(RULESET), "--input", str(tmp_path / "in.jsonl"), "--output",
                 str(tmp_path / "out.csv"), "--engine", engine]) == 0
    (row,) = [r for r in _rows(tmp_path / "out.csv") if r["error_codes"] is not None and int(r["record_id"]) == LATE]
    assert row["error_codes"].count("SR303") == 2 and row["error_inputs"].split(",")[:2] == sorted(
        numbers, key=_ids(ruleset).index)


@pytest.mark.parametrize("engine", ENGINES)
def test_json_lines_a_text_key_among_numbers_and_a_late_type_change_come_back_unchanged(tmp_path, ruleset, pool,
                                                                                           engine):
    """A key "k9" after 25,000 number keys came back as "\\"k9\\"" (or stopped the run); a
    carried column of numbers with text late is carried as its text, exactly."""
    lines = [{"record_id": k, "unit": k % 7, "score": 2, **pool[k % len(pool)]} for k in range(ROWS)]
    lines[LATE] = dict(lines[LATE], record_id="k9", unit="Itä, \"7\"")
    lines[LATE + 1] = dict(lines[LATE + 1], score=123456789012345678901234567890)
    _write_jsonl(tmp_path / "in.jsonl", lines)
    run_batch(ruleset, str(tmp_path / "in.jsonl"), str(tmp_path / "out.jsonl"), engine=engine)
    with open(tmp_path / "out.jsonl", encoding="utf-8") as f:
        got = {row["record_id"]: row for row in map(json.loads, f)}
    assert len(got) == ROWS
    assert got["k9"]["unit"] == 'Itä, "7"' and got["0"]["unit"] == "0"
    assert got[str(LATE + 1)]["score"] == "123456789012345678901234567890"
    assert got["k9"]["segment"] == _decided(ruleset, {i: text_of(v) for i, v in pool[LATE % len(pool)].items()})[0]


def test_json_lines_number_keys_stay_numbers(tmp_path, ruleset, pool):
    lines = [{"record_id": k, "flag": k % 2 == 0, **pool[k % len(pool)]} for k in range(30)]
    _write_jsonl(tmp_path / "in.jsonl", lines)
    run_batch(ruleset, str(tmp_path / "in.jsonl"), str(tmp_path / "out.parquet"))
    con = duckdb.connect()
    types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM '{tmp_path / 'out.parquet'}')").fetchall())
    assert (types["record_id"], types["flag"]) == ("BIGINT", "BOOLEAN")
    assert [r[0] for r in con.execute(f"SELECT record_id FROM '{tmp_path / 'out.parquet'}'").fetchall()] == list(range(30))


@pytest.mark.parametrize("engine", ENGINES)
def test_long_shape_json_values_of_another_kind_late(tmp_path, ruleset, pool, engine):
    """The long shape's value column is read as JSON on every line: a string after 25,000
    numbers is SR303, as in decide, not a failed read."""
    number = next(i.id for i in ruleset.definition.inputs if i.domain.is_numeric and not i.optional)
    lines = [{"record_id": k, "question": number, "value": 3} for k in range(ROWS)]
    lines[LATE]["value"] = "3"
    _write_jsonl(tmp_path / "in.jsonl", lines)
    run_batch(ruleset, str(tmp_path / "in.jsonl"), str(tmp_path / "out.parquet"), engine=engine, shape="long")
    codes = dict(duckdb.connect().execute(
        f"SELECT record_id, error_codes FROM '{tmp_path / 'out.parquet'}' WHERE record_id IN ({LATE - 1}, {LATE})"
    ).fetchall())
    assert codes[LATE].split(",")[0] == "SR303" and "SR303" not in (codes[LATE - 1] or "")


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize("engine", ENGINES)
def test_SR807_a_column_named_twice(tmp_path, ruleset, pool, engine):
    ids = _ids(ruleset)
    _write_csv(tmp_path / "in.csv", ruleset, pool, rows=5, extra=(), header=["record_id", *ids[:-1], ids[0]])
    message = _refused(ruleset, tmp_path / "in.csv", tmp_path / "out.csv", "SR807", engine=engine)
    assert repr(ids[0]) in message
    _write_csv(tmp_path / "in.csv", ruleset, pool, rows=5, extra=("Unit", "UNIT"))
    assert "'UNIT'" in _refused(ruleset, tmp_path / "in.csv", tmp_path / "out.csv", "SR807", engine=engine)
    _write_jsonl(tmp_path / "in.jsonl", [{"record_id": 1, "unit": 1}, {"record_id": 2, "Unit": 1}])
    _refused(ruleset, tmp_path / "in.jsonl", tmp_path / "out.csv", "SR807", engine=engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_SR808_a_key_given_to_more_than_one_record(tmp_path, ruleset, pool, engine):
    _write_csv(tmp_path / "in.csv", ruleset, pool, rows=40, extra=())
    with open(tmp_path / "in.csv", encoding="utf-8") as f:
        rows = f.read().splitlines()
    with open(tmp_path / "in.csv", "a", newline="") as f:  # 17 three times, 3 twice
        f.writelines(rows[k + 1] + "\r\n" for k in (17, 17, 3))
    message = _refused(ruleset, tmp_path / "in.csv", tmp_path / "out.csv", "SR808", engine=engine)
    assert "'17'" in message and "3 records" in message and "1 other key" in message
    _write_csv(tmp_path / "in.csv", ruleset, pool, rows=5, extra=())
    with open(tmp_path / "in.csv", "a", newline="") as f:
        f.write("," * len(_ids(ruleset)) + "\r\n")  # an empty row, as a spreadsheet leaves one
    assert "1 record has no record key" in _refused(ruleset, tmp_path / "in.csv", tmp_path / "out.csv", "SR808",
                                                    engine=engine)
    _write_jsonl(tmp_path / "in.jsonl", [{"record_id": None, **pool[0]}, {"record_id": 2, **pool[1]}])
    assert "no record key" in _refused(ruleset, tmp_path / "in.jsonl", tmp_path / "out.csv", "SR808", engine=engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_SR809_a_column_named_like_a_result_column(tmp_path, ruleset, pool, engine):
    for name in ("segment", "Error_Codes"):
        _write_csv(tmp_path / "in.csv", ruleset, pool, rows=5, extra=(name,))
        message = _refused(ruleset, tmp_path / "in.csv", tmp_path / "out.parquet", "SR809", engine=engine)
        assert repr(name) in message and "rename" in message


def test_postgres_refuses_repeated_keys_and_result_columns(tmp_path, ruleset, pool, postgres_url):
    import psycopg

    ids = _ids(ruleset)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        for table, extra in (("dup_keys", ""), ("with_segment", ", segment text")):
            conn.execute(f"DROP TABLE IF EXISTS {table}")
            conn.execute(f"CREATE TABLE {table} (record_id bigint{extra}, " + ", ".join(f'"{i}" text' for i in ids) + ")")
        for k in (1, 2, 2, 3):
            conn.execute("INSERT INTO dup_keys (record_id) VALUES (%s)", (k,))
        conn.execute("DROP TABLE IF EXISTS out")
    for table, code in (("dup_keys", "SR808"), ("with_segment", "SR809")):
        with pytest.raises(SegrulesError) as info:
            run_batch(ruleset, f"{postgres_url}#{table}", f"{postgres_url}#out", engine="postgres")
        assert info.value.code == code, str(info.value)
    with psycopg.connect(postgres_url) as conn:
        assert conn.execute("SELECT to_regclass('out')").fetchone() == (None,)


@pytest.mark.parametrize("engine", ENGINES)
def test_128_bit_keys_and_carried_columns_of_a_duckdb_table_come_back_exact(tmp_path, ruleset, pool, engine):
    """A HUGEINT or UHUGEINT key or carried column (a DuckDB table's; Parquet has no such type,
    and DuckDB writes one there as DOUBLE) comes back as its digits, in every output; two keys
    that differ past a double's precision are two records, and a repeated one is SR808."""
    big = 2**100
    con = duckdb.connect(str(tmp_path / "db.duckdb"))
    answers = ", ".join(f"{json.dumps(pool[0][i]) if isinstance(pool[0][i], str) else pool[0][i]} AS {i}"
                        for i in _ids(ruleset) if pool[0].get(i) is not None).replace('"', "'")
    for table, keys in (("answers", (big, big + 1)), ("repeated", (big + 7, big + 7))):
        values = ", ".join(f"('{k}', '{k * 10}', '{2**127 + k}')" for k in keys)
        con.execute(f"CREATE TABLE {table} AS SELECT CAST(k AS HUGEINT) AS record_id, CAST(w AS HUGEINT) AS wide, "
                    f"CAST(u AS UHUGEINT) AS unsigned, {answers} FROM (VALUES {values}) AS t(k, w, u)")
    con.close()
    expected = {str(k): (str(k * 10), str(2**127 + k)) for k in (big, big + 1)}
    for out in ("out.csv", "out.parquet", "out.jsonl"):
        summary = run_batch(ruleset, f"{tmp_path / 'db.duckdb'}#answers", str(tmp_path / out), engine=engine)
        assert summary.records == 2 and summary.segmented == 2
        rows = _rows(tmp_path / out) if not out.endswith(".jsonl") else [
            json.loads(line) for line in (tmp_path / out).read_text(encoding="utf-8").splitlines()]
        assert {str(r["record_id"]): (str(r["wide"]), str(r["unsigned"])) for r in rows} == expected, out
    message = _refused(ruleset, f"{tmp_path / 'db.duckdb'}#repeated", tmp_path / "out2.csv", "SR808", engine=engine)
    assert str(big + 7) in message


def test_the_result_columns_have_one_type_on_every_engine(tmp_path, ruleset, pool):
    _write_csv(tmp_path / "in.csv", ruleset, pool, rows=10)
    types = {}
    for engine in ENGINES:
        run_batch(ruleset, str(tmp_path / "in.csv"), str(tmp_path / f"{engine}.parquet"), engine=engine)
        types[engine] = duckdb.sql(f"DESCRIBE SELECT * FROM '{tmp_path / f'{engine}.parquet'}'").fetchall()
    assert types["duckdb"] == types["python"]
    assert dict((name, kind) for name, kind, *_ in types["duckdb"])["rule"] == "INTEGER"


@pytest.mark.parametrize("engine", ENGINES)
def test_SR803_a_json_lines_file_that_is_not_utf8_names_its_line_and_no_spreadsheet(tmp_path, ruleset, pool, engine):
    """JSON Lines in another encoding: the advice is a JSON file's (no spreadsheet's 'CSV
    UTF-8'), and the line named is the one at fault (DuckDB names the one after it)."""
    lines = [json.dumps({"record_id": k, **pool[k]}) for k in range(3)]
    lines[1] = lines[1][:-1] + ', "unit": "Mäntsälä"}'
    (tmp_path / "in.jsonl").write_bytes("\n".join(lines).encode("latin-1") + b"\n")
    message = _refused(ruleset, tmp_path / "in.jsonl", tmp_path / "out.csv", "SR803", engine=engine)
    assert "is not UTF-8 text" in message and "spreadsheet" not in message, message
    assert "in line 2:" in message and "Mäntsälä" not in message, message


@pytest.mark.parametrize("engine", ENGINES)
def test_SR803_files_that_are_not_csv_say_why_without_showing_the_row(tmp_path, ruleset, pool, engine):
    _write_csv(tmp_path / "in.csv", ruleset, pool, rows=5, extra=("municipality",),
               cell=lambda k, c: "Hervanta", encoding="latin-1")
    with open(tmp_path / "in.csv", "a", encoding="latin-1", newline="") as f:
        f.write("9,Mäntsälä" + "," * len(_ids(ruleset)) + "\r\n")
    assert "UTF-8" in _refused(ruleset, tmp_path / "in.csv", tmp_path / "out.csv", "SR803", engine=engine)
    _write_csv(tmp_path / "in.csv", ruleset, pool, rows=5)
    with open(tmp_path / "in.csv", "a", newline="") as f:
        f.write("9,Salainen Asiakas" + "," * len(_ids(ruleset)) + ",5,6\r\n")  # more fields than the header
    message = _refused(ruleset, tmp_path / "in.csv", tmp_path / "out.csv", "SR803", engine=engine)
    assert "Salainen" not in message and "header" in message
    (tmp_path / "in.csv").write_text("record_id,,c_coping\r\n1,2,3\r\n", encoding="utf-8")
    assert "column 2" in _refused(ruleset, tmp_path / "in.csv", tmp_path / "out.csv", "SR803", engine=engine)


@pytest.mark.parametrize("engine", ENGINES)
def test_SR803_a_csv_line_that_ends_otherwise_than_the_header_is_named(tmp_path, ruleset, pool, engine):
    """Lines of files put together from two systems: DuckDB refuses the file without naming a
    line, segrules names the first that ends otherwise than the header (a line break inside
    quotes may be either, and counts as a line, as an editor counts it)."""
    _write_csv(tmp_path / "in.csv", ruleset, pool, rows=6, cell=lambda k, c: "Kallio\r\nKontula" if k == 2 else "x")
    text = (tmp_path / "in.csv").read_bytes()
    lines = text.split(b"\r\n")
    assert len(lines) == 9  # the header, 6 records, one of them over two lines, and the end
    (tmp_path / "in.csv").write_bytes(b"\r\n".join(lines[:6]) + b"\n" + b"\r\n".join(lines[6:]))
    message = _refused(ruleset, tmp_path / "in.csv", tmp_path / "out.csv", "SR803", engine=engine)
    assert "line 6 ends in \\n, the header in \\r\\n" in message, message
    from segrules.messages import translate

    assert "rivi 6 päättyy merkkeihin \\n" in translate("SR803", message, "fi")


def test_the_line_that_ends_otherwise_is_found_across_the_pieces_read():
    """The search reads a file in pieces: a \\r\\n split between two, or a quote, must not change
    what it finds; the same as one reading of the whole file, for every size of piece."""
    from segrules.sql.batch import _other_line_end

    rng = random.Random(3)
    parts = [b"a", b",", b'"q\r\nq"', b'""', b"\r\n", b"\n", b"\r", b"b"]
    for _ in range(300):
        data = b"".join(rng.choice(parts) for _ in range(rng.randrange(1, 30)))
        path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"segrules-ends-{os.getpid()}.csv")
        with open(path, "wb") as f:
            f.write(data)
        try:
            whole = _other_line_end(path, chunk=1 << 20)
            assert all(_other_line_end(path, chunk=n) == whole for n in range(1, 9)), data
        finally:
            os.remove(path)


@pytest.mark.parametrize("engine", ENGINES)
def test_SR803_a_json_lines_line_that_decide_would_refuse_is_refused(tmp_path, ruleset, pool, engine):
    """DuckDB's reader lets through what is not JSON (a comma before a closing bracket, NaN,
    Infinity), where decide refuses the line: the batch refuses the file and names the line,
    rather than segment the record, read NaN as a number or carry -Infinity as a text. The same
    characters inside a text are JSON, and read as they are."""
    good = [dict(a, record_id=k) for k, a in enumerate(pool[:3])]
    texts = [json.dumps(dict(good[0], unit="a,}b NaN ,]")), json.dumps(dict(good[1], note='Infinity "x",}')),
             json.dumps(good[2])]
    (tmp_path / "ok.jsonl").write_text("\n".join(texts) + "\n", encoding="utf-8")
    summary = run_batch(ruleset, str(tmp_path / "ok.jsonl"), str(tmp_path / "ok.csv"), engine=engine)
    assert summary.records == 3
    assert {r["unit"] for r in _rows(tmp_path / "ok.csv")} >= {"a,}b NaN ,]"}
    for bad in (texts[2][:-1] + ",}", texts[2][:-1] + ', "list": [1, 2 ,\r]}', texts[2][:-1] + ', "x": NaN}',
                texts[2][:-1] + ', "unit": -Infinity}'):
        (tmp_path / "in.jsonl").write_text("\n".join(texts[:2] + ["", bad]) + "\n", encoding="utf-8")
        message = _refused(ruleset, tmp_path / "in.jsonl", tmp_path / "out.csv", "SR803", engine=engine)
        assert "line 4 is not JSON" in message, (bad, message)


@pytest.mark.parametrize("engine", ENGINES)
def test_SR803_a_json_lines_key_without_a_name_is_named_as_a_csv_header_s_is(tmp_path, ruleset, engine):
    """An empty key is a column without a name, as in a CSV header: refused for what it is,
    where DuckDB's reader said the line was no JSON object at all."""
    lines = [{"record_id": 1, "c_coping": 3}, {"record_id": 2, "": 1, "c_coping": 3}]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    message = _refused(ruleset, tmp_path / "in.jsonl", tmp_path / "out.csv", "SR803", engine=engine)
    assert 'line 2 has the empty key "", a column without a name' in message


@pytest.mark.parametrize("engine", ENGINES)
def test_SR803_a_json_lines_file_names_the_line_that_is_not_json(tmp_path, ruleset, engine):
    """The message names the line at fault, wherever it is and whatever is wrong with it
    (DuckDB names the line after it); never its content."""
    good = json.dumps({"record_id": 0, "c_coping": 3})
    for bad in ('{"record_id": 7, "c_coping": "Salainen \\ud800"}', '{"record_id": 7, "c_coping": Salainen}',
                '{"record_id": 7, "c_coping": "Salainen \\q"}'):
        for at, rows in ((1, 3), (2, 3), (3, 3), (1, 1)):
            lines = [good] * rows
            lines[at - 1] = bad
            (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            message = _refused(ruleset, tmp_path / "in.jsonl", tmp_path / "out.csv", "SR803", engine=engine)
            assert f"in line {at}:" in message and "Salainen" not in message, (bad, at, message)


@pytest.mark.parametrize("engine", ENGINES)
def test_SR803_a_first_line_with_a_byte_order_mark_is_judged_as_decide_reads_it(tmp_path, ruleset, engine):
    """The file's byte order mark is not part of its first line: that line, JSON with NaN only
    inside a text, is not the one named; the line with a bare NaN is."""
    lines = ['{"record_id": 1, "note": "NaN"}', '{"record_id": 2, "c_coping": 3}', '{"record_id": 3, "c_coping": NaN}']
    (tmp_path / "in.jsonl").write_text("\ufeff" + "\n".join(lines) + "\n", encoding="utf-8")
    message = _refused(ruleset, tmp_path / "in.jsonl", tmp_path / "out.csv", "SR803", engine=engine)
    assert "line 3 is not JSON" in message, message


# --------------------------------------------------------------------------- outputs


@pytest.fixture
def small_csv(tmp_path, ruleset, pool):
    _write_csv(tmp_path / "in.csv", ruleset, pool, rows=10)
    return tmp_path / "in.csv"


@pytest.mark.parametrize("ext", [".parquet", ".csv"])
def test_an_output_link_is_written_through_and_stays_a_link(tmp_path, ruleset, small_csv, ext):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / f"result{ext}"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / f"link{ext}"
    link.symlink_to(target)
    run_batch(ruleset, str(small_csv), str(link))
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert len(_rows(target)) == 10 and oct(target.stat().st_mode & 0o777) == oct(0o640)
    assert [p.name for p in (tmp_path / "real").iterdir()] == [f"result{ext}"]


def test_an_output_that_is_a_pipe_a_folder_or_a_dangling_link_is_refused(tmp_path, ruleset, small_csv):
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    for out, code in ((fifo, "SR522"), (tmp_path / "dir.parquet", "SR522"), (tmp_path / "dangling.csv", "SR523")):
        if out.name == "dir.parquet":
            out.mkdir()
        if out.name == "dangling.csv":
            out.symlink_to(tmp_path / "nowhere" / "x.csv")
        for kwargs in ({"output": str(out)}, {"output": str(tmp_path / "ok.parquet"), "rejects": str(out)}):
            with pytest.raises(SegrulesError) as info:
                run_batch(ruleset, str(small_csv), kwargs["output"], rejects=kwargs.get("rejects"))
            assert info.value.code == code, str(info.value)
    assert fifo.exists() and not fifo.is_file()  # still the pipe
    assert (tmp_path / "dir.parquet").is_dir() and not (tmp_path / "ok.parquet").exists()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_name_that_is_not_utf8_is_refused_as_the_place_it_names(tmp_path, ruleset, small_csv, engine):
    """A byte of another encoding in a file name (a lone surrogate, as Python reads it from a
    command line) is refused for what it names: the output is SR804, not the input's SR803
    "is not UTF-8 text" that DuckDB's failure to convert the name gave; nothing is written."""
    bad = str(tmp_path / "out\udcff.parquet")
    for kwargs, code in (({"output": bad}, "SR804"), ({"output": str(tmp_path / "ok.csv"), "rejects": bad}, "SR804"),
                         ({"input": str(tmp_path / "in\udcff.csv")}, "SR803")):
        with pytest.raises(SegrulesError) as info:
            run_batch(ruleset, kwargs.get("input", str(small_csv)), kwargs.get("output", str(tmp_path / "ok.csv")),
                      rejects=kwargs.get("rejects"), engine=engine)
        assert info.value.code == code and "the name holds a byte that is not UTF-8" in str(info.value)
        assert "\\udcff" in str(info.value)  # shown as an escape, never as the raw half of a pair
    assert [p.name for p in tmp_path.iterdir()] == [small_csv.name]  # nothing written
    run = subprocess.run([sys.executable, "-m", "segrules", "batch", str(RULESET), "--input", str(small_csv),
                          "--output", os.fsencode(bad), "--lang", "fi"], capture_output=True, cwd=ROOT)
    assert run.returncode == 1 and b"SR804" in run.stderr and "nimessä on tavu".encode() in run.stderr, run.stderr


def _ended_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_temporary_files_of_ended_runs_are_removed_and_live_ones_kept(tmp_path, ruleset, small_csv):
    """A run killed with -9 leaves its hidden temporary file, named for its host and process;
    the next run into that folder removes it, and never a live run's."""
    ended, live = _ended_pid(), subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        mine = temp_prefix(".segrules")  # .segrules-<host>-<this pid>-
        host = mine.split("-")[1]
        stale = tmp_path / f".segrules-{host}-{ended}-abc123.result.parquet"
        running = tmp_path / f".segrules-{host}-{live.pid}-def456.result.parquet"
        other_host = tmp_path / f".segrules-elsewhere-{ended}-ghi789.result.parquet"
        for p in (stale, running, other_host):
            p.write_bytes(b"PAR1")
        run_batch(ruleset, str(small_csv), str(tmp_path / "result.parquet"))
        assert not stale.exists() and running.exists() and other_host.exists()
    finally:
        live.kill()
        live.wait()


def test_a_killed_run_leaves_a_named_temporary_file_that_the_next_run_removes(tmp_path, ruleset, pool):
    """kill -9 during the write: the old output is intact, the left-over is named for the run
    and removed by the next."""
    _write_csv(tmp_path / "in.csv", ruleset, pool, rows=20_000)
    out = tmp_path / "result.parquet"
    out.write_bytes(b"old")
    code = (
        "import sys, time, segrules.sql.batch as b\n"
        "real = b._replace\n"
        "def stop(tmp, loc):\n"
        "    print(tmp, flush=True); time.sleep(60)\n"
        "b._replace = stop\n"
        f"b.run_batch(__import__('segrules').load({str(RULESET)!r}), {str(tmp_path / 'in.csv')!r}, {str(out)!r})\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    left = proc.stdout.readline().strip()
    proc.kill()
    proc.wait()
    assert os.path.basename(left).startswith(f".segrules-") and f"-{proc.pid}-" in left and left.endswith(".result.parquet")
    assert os.path.exists(left) and out.read_bytes() == b"old"
    run_batch(ruleset, str(tmp_path / "in.csv"), str(out))
    assert not os.path.exists(left) and len(_rows(out)) == 20_000
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_report_refuses_repeated_keys_too(tmp_path, ruleset, pool, capsys):
    """segrules report segments the answers itself: a repeated record would be counted twice."""
    _write_csv(tmp_path / "in.csv", ruleset, pool, rows=12, extra=())
    with open(tmp_path / "in.csv", encoding="utf-8") as f:
        rows = f.read().splitlines()
    with open(tmp_path / "in.csv", "a", newline="") as f:
        f.write(rows[5] + "\r\n")
    assert main(["report", str(RULESET), "--input", str(tmp_path / "in.csv")]) == 1
    assert "SR808" in capsys.readouterr().err


def _batch_within(limit: int, *args: str) -> subprocess.CompletedProcess:
    """``segrules batch`` in a process that may write no file beyond ``limit`` bytes (as a full
    disk would refuse: the write fails with EFBIG)."""
    code = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))\n"
        "from segrules.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    return subprocess.run([sys.executable, "-c", code, "batch", str(RULESET), *args], capture_output=True, text=True,
                          cwd=ROOT)


def _mostly_rejected(path, ruleset, pool, rows=20_000):
    """A CSV file whose records are all rejected but the first 20, each with a long note (the
    same in every row: the rejects' CSV grows with it, a Parquet file hardly)."""
    ids = _ids(ruleset)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["record_id", "note", *ids])
        for k in range(rows):
            a = dict(pool[k % len(pool)])
            if k >= 20:
                a[ids[0]] = 99  # out of its range
            w.writerow([k, "n" * 300, *(text_of(a.get(i)) or "" for i in ids)])


def test_an_output_and_its_rejects_are_written_both_or_neither(tmp_path, ruleset, pool):
    """The rejects cannot be written (past the process's file size limit, as on a full disk):
    the run fails, and the output it had written whole is not put in place either, so the two
    files on disk still come from one run."""
    _mostly_rejected(tmp_path / "in.csv", ruleset, pool)
    out, rej = tmp_path / "out.csv", tmp_path / "rej.csv"
    out.write_text("old output\n")
    rej.write_text("old rejects\n")
    # the output (20 rows) fits, the rejects (about 6 MB) do not
    proc = _batch_within(2 << 20, "--input", str(tmp_path / "in.csv"), "--output", str(out), "--rejects", str(rej))
    assert proc.returncode == 1, proc.stderr
    assert "SR804" in proc.stderr and "rej.csv" in proc.stderr and "Traceback" not in proc.stderr
    assert out.read_text() == "old output\n" and rej.read_text() == "old rejects\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_python_engines_working_file_that_cannot_be_written_is_named(tmp_path, ruleset, pool):
    """The Python engine keeps every record's result in a working file until the output is
    written: a full disk there is said to be there (SR804), not an output that cannot be
    written, and the old output is kept."""
    _mostly_rejected(tmp_path / "in.csv", ruleset, pool)
    out = tmp_path / "out.csv"
    out.write_text("old output\n")
    proc = _batch_within(2 << 20, "--engine", "python", "--input", str(tmp_path / "in.csv"), "--output", str(out))
    assert proc.returncode == 1, proc.stderr
    assert "SR804" in proc.stderr and "working file" in proc.stderr and "TMPDIR" in proc.stderr
    assert "Traceback" not in proc.stderr and out.read_text() == "old output\n"


def test_tables_of_one_database_as_output_and_rejects_are_written_both_or_neither(tmp_path, ruleset, pool):
    """The output and the rejects as tables of one DuckDB database, the database's file past
    the size limit when they are written (a full disk): both tables stay as they were, with
    no staged table left in the database; with room, both are replaced in one transaction."""
    _mostly_rejected(tmp_path / "in.csv", ruleset, pool)
    db = tmp_path / "out.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE res AS SELECT 42 AS old FROM range(7)")
    con.execute("CREATE TABLE rej AS SELECT 42 AS old FROM range(5)")
    # a table a killed run staged (its process has ended): the next run drops it
    left = temp_prefix("segrules-table").replace(f"-{os.getpid()}-", "-999999999-") + "0-res"
    con.execute(f'CREATE TABLE "{left}" AS SELECT 1 AS x')
    con.close()
    args = ("--input", str(tmp_path / "in.csv"), "--output", f"{db}#res", "--rejects", f"{db}#rej")
    proc = _batch_within(db.stat().st_size + (64 << 10), *args)
    assert proc.returncode == 1 and "SR804" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()] == ["rej", "res"]
    assert con.execute("SELECT (SELECT count(*) FROM res), (SELECT count(*) FROM rej)").fetchone() == (7, 5)
    con.close()
    assert main(["batch", str(RULESET), *args]) == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT (SELECT count(*) FROM res), (SELECT count(*) FROM rej)").fetchone() == (20, 19_980)
    con.close()


def _batch_stopped(tmp_path, at: str, *args: str, pause: float = 30) -> subprocess.Popen:
    """``segrules batch`` in a process of its own that stops (prints a line and sleeps) when it
    reaches ``at`` in segrules.sql.batch (each staged output, or each output put in place; for
    ``pause`` seconds), for a signal to arrive there."""
    code = (
        "import sys, time, segrules.sql.batch as b\n"
        f"real = b.{at}\n"
        "def slow(*a, **k):\n"
        "    out = real(*a, **k)\n"
        "    print('reached', flush=True); time.sleep(float(__import__('os').environ.get('PAUSE', '30')))\n"
        "    return out\n"
        f"b.{at} = slow\n"
        "from segrules.__main__ import run\n"
        "sys.argv = ['segrules', *sys.argv[1:]]\n"
        "run()\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, "batch", str(RULESET), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env={**os.environ, "PAUSE": str(pause)})
    assert proc.stdout.readline().strip() == "reached"
    return proc


@pytest.mark.parametrize("sig, code, said", [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")])
def test_a_signal_while_the_outputs_are_written_leaves_the_old_ones_and_no_temporary_file(tmp_path, ruleset, pool,
                                                                                         sig, code, said):
    _mostly_rejected(tmp_path / "in.csv", ruleset, pool, rows=200)
    out, rej = tmp_path / "out.csv", tmp_path / "rej.csv"
    out.write_text("old output\n")
    rej.write_text("old rejects\n")
    args = ("--input", str(tmp_path / "in.csv"), "--output", str(out), "--rejects", str(rej))
    proc = _batch_stopped(tmp_path, "_stage_file", *args)  # the output staged, the rejects not yet
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code and err.strip().endswith(said), err
    assert out.read_text() == "old output\n" and rej.read_text() == "old rejects\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_signal_while_the_outputs_are_put_in_place_waits_until_all_are(tmp_path, ruleset, pool):
    """SIGTERM when the first output has been renamed into place: the second is put in place
    too before the run stops (143), so the two files still come from one run."""
    _mostly_rejected(tmp_path / "in.csv", ruleset, pool, rows=200)
    out, rej = tmp_path / "out.csv", tmp_path / "rej.csv"
    args = ("--input", str(tmp_path / "in.csv"), "--output", str(out), "--rejects", str(rej))
    proc = _batch_stopped(tmp_path, "_replace", *args, pause=1)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143 and "terminated" in err, err
    assert len(_rows(out)) == 20 and len(_rows(rej)) == 180
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_signal_after_a_table_is_staged_leaves_no_staged_table(tmp_path, ruleset, pool):
    """SIGTERM right after the output's table was written under its temporary name: it is
    dropped, the old tables stay, and the run stops (143)."""
    _mostly_rejected(tmp_path / "in.csv", ruleset, pool, rows=200)
    db = tmp_path / "out.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE res AS SELECT 42 AS old FROM range(7)")
    con.close()
    args = ("--input", str(tmp_path / "in.csv"), "--output", f"{db}#res", "--rejects", f"{db}#rej")
    proc = _batch_stopped(tmp_path, "_in_transaction", *args)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143 and "terminated" in err, err
    con = duckdb.connect(str(db), read_only=True)
    assert [t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()] == ["res"]
    assert con.execute("SELECT count(*) FROM res").fetchone() == (7,)
