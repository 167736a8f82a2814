"""segrules batch --engine postgres: the query runs in parallel workers, without JIT, and still
equals decide(); PostgreSQL tables and files are not mixed (SR810)."""

from __future__ import annotations

import json
import random
from urllib.parse import quote

import pytest

import segrules
from segrules.errors import AnswerError, SegrulesError
from segrules.sampling import sample_answers
from segrules.sql import RESULT_COLUMNS, answers_from_text, reference_row
from segrules.sql.batch import run_batch
from segrules.sql.compiler import compile_query
from segrules.sql.render import render

from engines import text_of
from support import ROOT

RULESET = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"

#: What a server with many records would choose anyway, for a table of a few hundred: every
#: plan that can run in parallel workers does (a user's settings, given in the connection)
PARALLEL = ("parallel_setup_cost=0", "parallel_tuple_cost=0", "min_parallel_table_scan_size=0")


@pytest.fixture(scope="module")
def ruleset():
    return segrules.load(RULESET)


def _records(ruleset, n, seed=11):
    rng = random.Random(seed)
    out = [sample_answers(ruleset.definition, rng) for _ in range(n)]
    for k in range(0, n, 17):  # outside the scale (SR302), not a number (SR303), missing (SR304)
        out[k] = dict(out[k], c_coping=(9, "lots", None)[k % 3])
    return out


def _table(url, name, ruleset, records, *, key="record_id", carry=("unit",)) -> None:
    """The records as text, keyed 0, 1, ...; each carried column ``c`` holds ``c`` and the
    key modulo 3."""
    import psycopg

    from segrules.sql.compiler import q

    ids = [i.id for i in ruleset.definition.inputs]
    with psycopg.connect(url) as conn:
        conn.execute(f"DROP TABLE IF EXISTS {q(name)}")
        conn.execute(f"CREATE TABLE {q(name)} ({q(key)} BIGINT, "
                     + ", ".join(f"{q(c)} TEXT" for c in [*carry, *ids]) + ")")
        with conn.cursor().copy(f"COPY {q(name)} FROM STDIN") as copy:
            for k, a in enumerate(records):
                copy.write_row((k, *(f"{c}{k % 3}" for c in carry), *(text_of(a.get(i)) for i in ids)))
        conn.execute(f"ANALYZE {q(name)}")


def _with_options(url: str, *settings: str) -> str:
    """The connection URL with settings of the connection's own (libpq's ``options``)."""
    return url + "?options=" + quote(" ".join(f"-c {s}" for s in settings))


def test_the_layers_run_in_parallel_workers(ruleset, postgres_url):
    """The plan of the batch's query has its Gather on top: every layer runs in the workers.
    With each layer fenced by OFFSET 0 the Gather could only sit under all of them, on the
    scan of the table, and the layers ran in one process."""
    import psycopg

    _table(postgres_url, "pg_parallel", ruleset, _records(ruleset, 50))
    columns = ["record_id", "unit"] + [i.id for i in ruleset.definition.inputs]
    query = render(compile_query(ruleset.definition, table="pg_parallel", key="record_id", carry=("unit",),
                                 columns=columns), "postgres")
    with psycopg.connect(_with_options(postgres_url, *PARALLEL)) as conn:
        plan = [r[0] for r in conn.execute(f'EXPLAIN SELECT * FROM ({query}) AS r ORDER BY "record_id"').fetchall()]
    assert plan[0].startswith("Gather Merge"), plan[:3]
    assert not any("Subquery Scan" in line for line in plan[:2]), plan[:3]


def test_a_batch_in_parallel_workers_equals_decide(ruleset, postgres_url, monkeypatch):
    """The batch itself, on a connection whose settings make every plan parallel, with JIT
    asked for on every statement: the server's own account of the run (auto_explain, sent to
    the client) shows the workers launched and no JIT, and every record equals decide()."""
    import psycopg

    records = _records(ruleset, 400)
    _table(postgres_url, "pg_par_in", ruleset, records)
    url = _with_options(
        postgres_url, *PARALLEL, "jit_above_cost=0", "session_preload_libraries=auto_explain",
        "auto_explain.log_min_duration=0", "auto_explain.log_analyze=on", "auto_explain.log_level=notice",
    )
    plans: list[str] = []
    connect = psycopg.connect

    def observed(*args, **kwargs):
        conn = connect(*args, **kwargs)
        conn.add_notice_handler(lambda d: plans.append(d.message_primary or ""))
        return conn

    monkeypatch.setattr(psycopg, "connect", observed)
    summary = run_batch(ruleset, f"{url}#pg_par_in", f"{url}#pg_par_out", engine="postgres")
    monkeypatch.undo()
    written = [p for p in plans if "CREATE TABLE" in p]
    assert written, plans
    plan = written[0].split("\n")
    # the first node of the plan, after the query's text (which has a line per layer)
    top = next(line for line in plan if "(cost=" in line and not line.startswith("Query Text"))
    assert top.lstrip().startswith("Gather Merge"), written[0][:600]
    launched = [int(line.split(":")[1]) for line in plan if "Workers Launched" in line]
    assert launched and launched[0] >= 1, written[0][:600]
    assert not any("JIT:" in p for p in plans), [p[:200] for p in plans if "JIT:" in p]

    expected = {k: reference_row(ruleset, answers_from_text(ruleset.definition, {i: text_of(v) for i, v in a.items()}))
                for k, a in enumerate(records)}
    with psycopg.connect(postgres_url) as conn:
        cur = conn.execute("SELECT * FROM pg_par_out")
        names = [d.name for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
        assert conn.execute("SELECT count(*) FROM pg_indexes WHERE tablename = 'pg_par_out'").fetchone() == (0,)
    assert names == ["record_id", "unit", *RESULT_COLUMNS]
    assert [r["record_id"] for r in rows] == sorted(expected)  # written in key order
    assert summary.records == len(records) and summary.rejected == sum(1 for r in rows if r["segment"] is None) > 0
    for row in rows:
        want = expected[row["record_id"]]
        assert row["unit"] == f"unit{row['record_id'] % 3}"
        for column, value in want.items():  # the ruleset's id, version and hash too
            assert row[column] == value, (row["record_id"], column, row[column], value)


@pytest.mark.parametrize("given", [
    {"input": "answers.parquet", "output": "PG#result", "engine": "postgres"},
    {"input": "PG#answers", "output": "result.csv", "engine": "postgres"},
    {"input": "PG#answers", "output": "PG#result", "rejects": "rejects.jsonl", "engine": "postgres"},
    {"input": "PG#answers", "output": "PG2#result", "engine": "postgres"},
    {"input": "PG#answers", "output": "result.parquet", "engine": "duckdb"},
    {"input": "answers.csv", "output": "PG#result", "engine": "python"},
])
def test_SR810_postgres_tables_and_files_are_not_mixed(ruleset, tmp_path, given):
    """Refused before any connection (the server named here does not exist) or any read."""
    pg, pg2 = "postgresql://nobody@127.0.0.1:1/db", "postgresql://nobody@127.0.0.1:1/other"
    where = {k: v.replace("PG2", pg2).replace("PG", pg) if "#" in v else str(tmp_path / v)
             for k, v in given.items() if k != "engine"}
    with pytest.raises(SegrulesError) as info:
        run_batch(ruleset, where.pop("input"), where.pop("output"), engine=given["engine"], **where)
    assert info.value.code == "SR810"
    text = str(info.value)
    if given["engine"] != "postgres":
        assert "add --engine postgres" in text
    elif "PG2" not in given["output"]:
        assert "\\copy" in text and "--engine duckdb" in text  # what to do instead
    assert not list(tmp_path.iterdir())


def test_SR808_keys_counted_unless_a_unique_index_keeps_them_apart(ruleset, postgres_url):
    """A unique index on the key column alone rules out a repeated key, and the keys are not
    counted; one on another column, or on the key with another column, does not, and a
    record without a key is refused either way (counted in the result, in the transaction
    that wrote it)."""
    import psycopg

    records = _records(ruleset, 6)
    cases = [
        ("PRIMARY KEY (record_id)", (0, 1, 2, 3, 4, 5), None),
        ("UNIQUE (unit, record_id)", (0, 1, 2, 2, 4, 5), "given to 2 records"),
        ("UNIQUE (unit)", (0, 1, 2, 2, 4, 5), "given to 2 records"),
        ("UNIQUE (record_id)", (0, 1, 2, None, 4, 5), "has no record key"),
        # both at once: the record without a key is named first, as before any work
        ("UNIQUE (unit)", (0, 1, 1, None, 4, 5), "has no record key"),
        ("UNIQUE (unit)", (0, None, 2, None, 4, 5), "2 records have no record key"),
    ]
    for constraint, keys, refused in cases:
        _table(postgres_url, "pg_keys", ruleset, records)
        with psycopg.connect(postgres_url) as conn:
            conn.execute("UPDATE pg_keys SET unit = 'u' || record_id")
            for k, key in enumerate(keys):
                conn.execute("UPDATE pg_keys SET record_id = %s WHERE unit = %s", (key, f"u{k}"))
            conn.execute(f"ALTER TABLE pg_keys ADD {constraint}")
            conn.execute("DROP TABLE IF EXISTS pg_keys_out")
        if refused is None:
            assert run_batch(ruleset, f"{postgres_url}#pg_keys", f"{postgres_url}#pg_keys_out",
                             engine="postgres").records == 6
            continue
        for rejects in (None, f"{postgres_url}#pg_keys_bad"):
            with pytest.raises(SegrulesError) as info:
                run_batch(ruleset, f"{postgres_url}#pg_keys", f"{postgres_url}#pg_keys_out", rejects=rejects,
                          engine="postgres")
            assert info.value.code == "SR808" and refused in str(info.value), (constraint, str(info.value))
            with psycopg.connect(postgres_url) as conn:  # nothing written
                assert conn.execute("SELECT to_regclass('pg_keys_out'), to_regclass('pg_keys_bad')").fetchone() == (
                    None, None)


def test_output_and_rejects_have_every_result_column(ruleset, postgres_url):
    """The ruleset's id, version and hash are added to each table after its rows (a default
    kept once): every row has them, the columns are last, as text, and keep no default."""
    import psycopg

    records = _records(ruleset, 40)
    _table(postgres_url, "pg_cols_in", ruleset, records)
    summary = run_batch(ruleset, f"{postgres_url}#pg_cols_in", f"{postgres_url}#pg_cols_ok",
                        rejects=f"{postgres_url}#pg_cols_bad", engine="postgres")
    d = ruleset.definition
    with psycopg.connect(postgres_url) as conn:
        for table, count in (("pg_cols_ok", summary.segmented), ("pg_cols_bad", summary.rejected)):
            cur = conn.execute(f"SELECT * FROM {table}")
            assert [c.name for c in cur.description] == ["record_id", "unit", *RESULT_COLUMNS]
            rows = cur.fetchall()
            assert len(rows) == count > 0
            assert {r[-3:] for r in rows} == {(d.id, d.version, d.content_hash)}
            kinds = conn.execute(
                "SELECT data_type, column_default FROM information_schema.columns WHERE table_name = %s "
                "AND column_name LIKE 'ruleset%%'", (table,)).fetchall()
            assert kinds == [("text", None)] * 3
            # the unique index that checked the keys is not left behind
            assert conn.execute("SELECT count(*) FROM pg_indexes WHERE tablename = %s", (table,)).fetchone() == (0,)


def test_the_native_text_reads_names_that_look_like_sql(ruleset, postgres_url):
    """The batch's text (``postgres_native``, written without sqlglot) and the printed one
    (``render``) give the same rows when the table, key and carried columns are named with
    quotes, parentheses, commas and the compiler's own function names."""
    import psycopg

    from segrules.sql.compiler import q
    from segrules.sql.render import postgres_native

    table, key, carry = 'odd "t" AS (', 'id"(1), SR_GCD(', ["u'n,it)", 'x" AS (y']
    _table(postgres_url, table, ruleset, _records(ruleset, 40), key=key, carry=carry)
    with psycopg.connect(postgres_url) as conn:
        got = []
        for text in (
            render(compile_query(ruleset.definition, table=q(table), key=key, carry=carry), "postgres"),
            postgres_native(compile_query(ruleset.definition, table=q(table), key=key, carry=carry, euclid=False)),
        ):
            got.append(sorted(conn.execute(text).fetchall(), key=lambda r: r[0]))
        conn.rollback()
    assert len(got[0]) == 40 and got[0] == got[1]
    with pytest.raises(ValueError):
        postgres_native(compile_query(ruleset.definition))  # the Euclid layers: render's, not this


def test_a_json_text_holding_nul_is_one_bad_answer_not_a_stopped_run(ruleset, postgres_url):
    """PostgreSQL cannot make text of a json string with the escape \\u0000: the record is
    refused as decide refuses it (the answer is not allowed), and the run goes on."""
    import psycopg

    rng = random.Random(3)
    records = [sample_answers(ruleset.definition, rng) for _ in range(4)]
    records[1] = dict(records[1], battery="ill\x00ness")
    ids = [i.id for i in ruleset.definition.inputs]
    with psycopg.connect(postgres_url) as conn:
        conn.execute("DROP TABLE IF EXISTS nul_answers")
        conn.execute("CREATE TABLE nul_answers (record_id BIGINT, " + ", ".join(f'"{i}" JSON' for i in ids) + ")")
        with conn.cursor() as cur:
            cur.executemany(f"INSERT INTO nul_answers VALUES (%s{', %s::json' * len(ids)})",
                            [(k, *(json.dumps(a[i]) if a.get(i) is not None else None for i in ids))
                             for k, a in enumerate(records)])
    summary = run_batch(ruleset, f"{postgres_url}#nul_answers", f"{postgres_url}#nul_result", engine="postgres")
    assert (summary.segmented, summary.rejected) == (3, 1)
    with psycopg.connect(postgres_url) as conn:
        row = conn.execute("SELECT segment, error_codes, error_inputs FROM nul_result WHERE record_id = 1").fetchone()
    with pytest.raises(AnswerError) as info:
        ruleset.decide(records[1])
    assert row[0] is None and row[1].split(",") == [p.code for p in info.value.problems]
    assert "battery" in row[2].split(",")


def test_a_floating_point_column_is_read_alike_by_postgresql_and_duckdb(ruleset, postgres_url, tmp_path):
    """A number question's REAL or DOUBLE column: PostgreSQL writes 4.0 as "4", DuckDB as
    "4.0"; both read it as a decimal number (SR303), as decide reads 4.0."""
    import duckdb
    import psycopg

    rng = random.Random(4)
    records = [sample_answers(ruleset.definition, rng) for _ in range(6)]
    ids = [i.id for i in ruleset.definition.inputs]
    kind = {i: "DOUBLE PRECISION" if i == "c_coping" else "TEXT" for i in ids}
    rows = [(k, *(a.get(i) if i == "c_coping" else text_of(a.get(i)) for i in ids)) for k, a in enumerate(records)]
    with psycopg.connect(postgres_url) as conn:
        conn.execute("DROP TABLE IF EXISTS float_answers")
        conn.execute("CREATE TABLE float_answers (record_id BIGINT, " + ", ".join(f'"{i}" {kind[i]}' for i in ids) + ")")
        with conn.cursor() as cur:
            cur.executemany(f"INSERT INTO float_answers VALUES (%s{', %s' * len(ids)})", rows)
    con = duckdb.connect()
    con.execute("CREATE TABLE float_answers (record_id BIGINT, "
                + ", ".join(f'"{i}" {"DOUBLE" if i == "c_coping" else "VARCHAR"}' for i in ids) + ")")
    con.executemany(f"INSERT INTO float_answers VALUES (?{', ?' * len(ids)})", rows)
    con.execute(f"COPY float_answers TO '{tmp_path / 'f.parquet'}' (FORMAT PARQUET)")
    run_batch(ruleset, f"{postgres_url}#float_answers", f"{postgres_url}#float_result", engine="postgres")
    run_batch(ruleset, str(tmp_path / "f.parquet"), str(tmp_path / "r.parquet"), engine="duckdb")
    with psycopg.connect(postgres_url) as conn:
        got_pg = conn.execute("SELECT record_id, segment, error_codes, error_inputs FROM float_result "
                              "ORDER BY record_id").fetchall()
    got_duck = con.execute(f"SELECT record_id, segment, error_codes, error_inputs FROM '{tmp_path / 'r.parquet'}' "
                           "ORDER BY record_id").fetchall()
    assert got_pg == got_duck
    assert all(seg is None and "SR303" in codes and "c_coping" in inputs for _, seg, codes, inputs in got_pg)
