"""Running the generated SQL on real engines, for the differential tests."""

from __future__ import annotations

import json
from typing import Any, Iterable, Mapping

from segrules.sql import RESULT_COLUMNS, compile_query, render
from segrules.sql.compiler import q
from segrules.sql.render import duckdb_native, postgres_native


def text_of(value: Any) -> str | None:
    """An answer as the text an answers table holds."""
    if value is None:
        return None
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def column_type(inp) -> str:
    """The SQL type of an input's column in a typed answers table."""
    if inp.domain.is_numeric:
        return "BIGINT"
    return "BOOLEAN" if inp.domain.kind == "boolean" else "VARCHAR"


def fits_typed(definition, answers: Mapping[str, Any]) -> bool:
    """Whether a record can be stored in a typed table (a column per input, of its type)."""
    inputs = {i.id: i for i in definition.inputs}
    for k, v in answers.items():
        inp = inputs.get(k)
        if inp is None:
            return False
        if v is None:
            continue
        t = column_type(inp)
        if t == "BIGINT" and not (type(v) is int and -2**63 <= v < 2**63):
            return False
        if t == "BOOLEAN" and type(v) is not bool:
            return False
        if t == "VARCHAR" and type(v) is not str:
            return False
    return True


def json_text(value: Any) -> str | None:
    """An answer as a JSON Lines file holds it (None: the key is absent); None when JSON cannot
    hold it as it is (not a JSON value, or not read back as the same value of the same kind)."""
    try:
        text = json.dumps(value, allow_nan=False, ensure_ascii=False)
    except (TypeError, ValueError):
        return None
    back = json.loads(text)
    return text if back == value and type(back) is type(value) else None


def fits_json(definition, answers: Mapping[str, Any]) -> bool:
    """Whether a record can be stored as a JSON Lines line of a wide table (inputs only)."""
    ids = {i.id for i in definition.inputs}
    return set(answers) <= ids and all(v is None or json_text(v) is not None for v in answers.values())


def long_json_rows(records: Iterable[tuple[int, Mapping[str, Any]]]) -> list[tuple[int, str, str | None]]:
    return [(key, question, None if v is None else json_text(v)) for key, answers in records for question, v in answers.items()]


def long_rows(records: Iterable[tuple[int, Mapping[str, Any]]]) -> list[tuple[int, str, str | None]]:
    return [(key, question, text_of(v)) for key, answers in records for question, v in answers.items()]


#: The parts of an input's (or score's) columns inside the query (``a#t``, ``a#v``, ``res#sn``...)
#: and the query's other columns: a carried column may have any of these names.
QUERY_PARTS = ("t", "j", "n", "w", "x", "s", "y", "k", "e", "bt", "bf", "p", "u", "v", "sn", "sd", "sv", "se")
QUERY_COLUMNS = ("#key", "#bad", "#codes", "#inputs", "#unknown", "#nunknown", "#noquestion", "#ndup", "#err",
                 "#rule", "#r0", "#e0", "#ask0", "#ask1", "#carry0", "#carry1", "#resourcesx0", "#complexityy1")


def carried_names(definition):
    """A strategy: the names of a few columns to carry through, told apart without regard to
    case as DuckDB tells them, none the key's, an input's or a result column's; most of them
    names of the query's own columns (``#key``, ``a#v``), the others any short text."""
    from hypothesis import strategies as st

    ids = [i.id for i in definition.inputs] + [s.id for s in definition.scores]
    own = list(QUERY_COLUMNS) + [f"{i}#{part}" for i in ids for part in QUERY_PARTS]
    taken = {"record_id", *(i.id for i in definition.inputs), *RESULT_COLUMNS}
    other = st.text(alphabet="aAbB#_ \"',()ä", min_size=1, max_size=12)
    name = st.one_of(st.sampled_from(own), other).filter(lambda n: n.lower() not in taken)
    return st.lists(name, max_size=5, unique_by=str.lower)


def carried_value(key: int, column: int) -> str:
    """The text a test table holds in its ``column``-th carried column for the record ``key``:
    another in every column and record, so that a column carried from the wrong place shows."""
    return f"{key}:{column}"


def _check_carried(names, rows, carry) -> None:
    """The carried columns come right after the key, under their own names, unchanged."""
    assert list(names[1:1 + len(carry)]) == list(carry), names
    for r in rows:
        assert list(r[1:1 + len(carry)]) == [carried_value(r[0], j) for j in range(len(carry))], (carry, r)


def run_duckdb(con, definition, records, shape: str = "long", carry=()) -> dict[int, dict]:
    """Load ``records`` into a fresh table, run the query, return key → result columns. A wide
    table also has a text column for each name of ``carry``, which the query carries through
    (and which is checked to come out unchanged)."""
    con.execute("DROP TABLE IF EXISTS answers")
    types = None
    if shape == "long":
        con.execute("CREATE TABLE answers (record_id BIGINT, question VARCHAR, value VARCHAR)")
        _bulk_insert(con, long_rows(records), ["VARCHAR"] * 2)
    elif shape == "long_json":  # the long shape read from JSON Lines: each value a JSON value
        types = {"value": "JSON"}
        con.execute("CREATE TABLE answers (record_id BIGINT, question VARCHAR, value JSON)")
        _bulk_insert(con, long_json_rows(records), ["VARCHAR", "JSON"])
    elif shape == "json":  # wide, each answer a JSON value, as DuckDB reads a JSON Lines file
        types = {i.id: "JSON" for i in definition.inputs}
        con.execute("CREATE TABLE answers (record_id BIGINT, " + ", ".join(f"{q(i)} JSON" for i in types) + ")")
        _bulk_insert(con, [(key, *(json_text(a[i]) if a.get(i) is not None else None for i in types))
                           for key, a in records], ["JSON"] * len(types))
    elif shape == "typed":  # wide, with integer and boolean columns
        types = {i.id: column_type(i) for i in definition.inputs}
        con.execute("CREATE TABLE answers (record_id BIGINT, " + ", ".join(f"{q(i)} {t}" for i, t in types.items()) + ")")
        _bulk_insert(con, [(key, *(a.get(i) for i in types)) for key, a in records], list(types.values()))
    else:
        ids = [i.id for i in definition.inputs]
        con.execute("CREATE TABLE answers (record_id BIGINT, " + ", ".join(f"{q(i)} VARCHAR" for i in ids) + ")")
        _bulk_insert(con, [(key, *(text_of(a.get(i)) for i in ids)) for key, a in records], ["VARCHAR"] * len(ids))
    long = shape in ("long", "long_json")
    carry = () if long else tuple(carry)
    for j, name in enumerate(carry):
        con.execute(f"ALTER TABLE answers ADD COLUMN {q(name)} VARCHAR")
        con.execute(f"UPDATE answers SET {q(name)} = CAST(record_id AS VARCHAR) || ':{j}'")
    query = compile_query(definition, table=q("answers"), shape="long" if long else "wide", types=types, carry=carry)
    native = compile_query(definition, table=q("answers"), shape="long" if long else "wide", types=types,
                           carry=carry, euclid=False, batteries=False)
    # the query as printed for DuckDB (``render``) and as a population run has DuckDB run it
    # (``duckdb_native``, without the Euclid layers, each question tested on its own): the same rows
    got = []
    for sql in (render(query, "duckdb"), duckdb_native(con, native)):
        cur = con.execute(sql)
        names = [d[0] for d in cur.description]
        rows = cur.fetchall()
        _check_carried(names, rows, carry)
        got.append({r[0]: _norm(dict(zip(names[1:], r[1:]))) for r in rows})
    assert got[0] == got[1], "the query rendered for DuckDB and the one DuckDB runs natively differ"
    return got[0]


def _bulk_insert(con, rows, types: list[str]) -> None:
    """One INSERT for all rows (DuckDB inserts row by row with executemany); the key, then
    columns of ``types``."""
    if not rows:
        return
    columns = [list(c) for c in zip(*rows)]
    con.execute(
        "INSERT INTO answers SELECT " + ", ".join(f"UNNEST(?::{t}[])" for t in ["BIGINT", *types]),
        columns,
    )


def run_postgres(conn, definition, records, shape: str = "long", carry=()) -> dict[int, dict]:
    """As ``run_duckdb``, on PostgreSQL."""
    with conn.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS answers")
        types = None
        if shape == "long":
            cur.execute("CREATE TABLE answers (record_id BIGINT, question TEXT, value TEXT)")
            _copy(cur, long_rows(records))
        elif shape == "long_json":  # jsonb values (psycopg names the type as the server does)
            types = {"value": "jsonb"}
            cur.execute("CREATE TABLE answers (record_id BIGINT, question TEXT, value JSONB)")
            rows = long_json_rows(records)
            if rows:
                cur.executemany("INSERT INTO answers VALUES (%s, %s, %s::jsonb)", rows)
        elif shape == "json":  # json columns: each value's text kept as written
            types = {i.id: "json" for i in definition.inputs}
            cur.execute("CREATE TABLE answers (record_id BIGINT, " + ", ".join(f"{q(i)} JSON" for i in types) + ")")
            rows = [(key, *(json_text(a[i]) if a.get(i) is not None else None for i in types)) for key, a in records]
            if rows:
                cur.executemany(f"INSERT INTO answers VALUES (%s{', %s::json' * len(types)})", rows)
        elif shape == "typed":
            types = {i.id: column_type(i).replace("VARCHAR", "TEXT") for i in definition.inputs}
            cur.execute("CREATE TABLE answers (record_id BIGINT, " + ", ".join(f"{q(i)} {t}" for i, t in types.items()) + ")")
            rows = [(key, *(a.get(i) for i in types)) for key, a in records]
            if rows:
                cur.executemany(f"INSERT INTO answers VALUES ({', '.join(['%s'] * (len(types) + 1))})", rows)
        else:
            ids = [i.id for i in definition.inputs]
            cur.execute("CREATE TABLE answers (record_id BIGINT, " + ", ".join(f"{q(i)} TEXT" for i in ids) + ")")
            _copy(cur, [(key, *(text_of(a.get(i)) for i in ids)) for key, a in records])
        long = shape in ("long", "long_json")
        carry = () if long else tuple(carry)
        for j, name in enumerate(carry):
            cur.execute(f"ALTER TABLE answers ADD COLUMN {q(name)} TEXT")
            cur.execute(f"UPDATE answers SET {q(name)} = CAST(record_id AS TEXT) || ':{j}'")
        query = compile_query(definition, table=q("answers"), shape="long" if long else "wide", types=types,
                              carry=carry)
        native = compile_query(definition, table=q("answers"), shape="long" if long else "wide", types=types,
                               carry=carry, euclid=False)
        # the query as printed for PostgreSQL (``render``) and as a population run has the server
        # run it (``postgres_native``, without the Euclid layers): the same rows
        got = []
        for sql in (render(query, "postgres"), postgres_native(native)):
            cur.execute(sql)
            names = [d.name for d in cur.description]
            rows = cur.fetchall()
            _check_carried(names, rows, carry)
            got.append({r[0]: _norm(dict(zip(names[1:], r[1:]))) for r in rows})
        assert got[0] == got[1], "the query rendered for PostgreSQL and the one the server runs natively differ"
    conn.rollback()
    return got[0]


def _copy(cur, rows) -> None:
    """Rows into the table ``answers`` with COPY (one statement, not one per row)."""
    with cur.copy("COPY answers FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def run_spark(spark, definition, records, shape: str = "long") -> dict[int, dict]:
    """Load ``records`` into a temporary view ``answers`` of a local Spark session, run the
    Spark rendering of the query with ``spark.sql``, return key → result columns."""
    from pyspark.sql import types as T

    spark_type = {"BIGINT": T.LongType(), "BOOLEAN": T.BooleanType(), "VARCHAR": T.StringType()}
    key = T.StructField("record_id", T.LongType())
    types = None
    if shape == "long":
        schema = T.StructType([key, T.StructField("question", T.StringType()), T.StructField("value", T.StringType())])
        rows = long_rows(records)
    elif shape == "typed":
        types = {i.id: column_type(i) for i in definition.inputs}
        schema = T.StructType([key] + [T.StructField(i, spark_type[t]) for i, t in types.items()])
        rows = [(k, *(a.get(i) for i in types)) for k, a in records]
    else:
        ids = [i.id for i in definition.inputs]
        schema = T.StructType([key] + [T.StructField(i, T.StringType()) for i in ids])
        rows = [(k, *(text_of(a.get(i)) for i in ids)) for k, a in records]
    spark.createDataFrame(rows, schema).createOrReplaceTempView("answers")
    sql = render(compile_query(definition, table=q("answers"), shape="long" if shape == "long" else "wide", types=types),
                 "spark")
    result = spark.sql(sql)
    names = result.columns
    return {r[0]: _norm(dict(zip(names[1:], r[1:]))) for r in result.collect()}


def _norm(row: dict) -> dict:
    out = {}
    for k in RESULT_COLUMNS:
        v = row[k]
        if v is not None and k in ("rule", "resources_num", "resources_den", "complexity_num", "complexity_den"):
            v = int(v)
        out[k] = v
    return out


def holds_nul(answers: Mapping[str, Any]) -> bool:
    """Whether a question or an answer holds the character NUL, which PostgreSQL text cannot
    (``repr`` writes it as an escape, so it is looked for in the texts themselves)."""
    return any(isinstance(x, str) and "\x00" in x for pair in answers.items() for x in pair)
