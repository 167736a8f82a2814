"""Running the generated SQL on real engines, for the differential tests."""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from segrules.sql import RESULT_COLUMNS, compile_query, render
from segrules.sql.compiler import q


def text_of(value: Any) -> str | None:
    """An answer as the text an answers table holds."""
    if value is None:
        return None
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def long_rows(records: Iterable[tuple[int, Mapping[str, Any]]]) -> list[tuple[int, str, str | None]]:
    return [(key, question, text_of(v)) for key, answers in records for question, v in answers.items()]


def run_duckdb(con, definition, records, shape: str = "long") -> dict[int, dict]:
    """Load ``records`` into a fresh table, run the query, return key → result columns."""
    con.execute("DROP TABLE IF EXISTS answers")
    if shape == "long":
        con.execute("CREATE TABLE answers (record_id BIGINT, question VARCHAR, value VARCHAR)")
        _bulk_insert(con, long_rows(records), 3)
    else:
        ids = [i.id for i in definition.inputs]
        con.execute("CREATE TABLE answers (record_id BIGINT, " + ", ".join(f"{q(i)} VARCHAR" for i in ids) + ")")
        _bulk_insert(con, [(key, *(text_of(a.get(i)) for i in ids)) for key, a in records], len(ids) + 1)
    sql = render(compile_query(definition, table=q("answers"), shape=shape), "duckdb")
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return {r[0]: _norm(dict(zip(names[1:], r[1:]))) for r in cur.fetchall()}


def _bulk_insert(con, rows, width: int) -> None:
    """One INSERT for all rows (DuckDB inserts row by row with executemany)."""
    if not rows:
        return
    columns = [list(c) for c in zip(*rows)]
    con.execute(
        "INSERT INTO answers SELECT " + ", ".join(f"UNNEST(?::{'BIGINT' if k == 0 else 'VARCHAR'}[])" for k in range(width)),
        columns,
    )


def run_postgres(conn, definition, records, shape: str = "long") -> dict[int, dict]:
    with conn.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS answers")
        if shape == "long":
            cur.execute("CREATE TABLE answers (record_id BIGINT, question TEXT, value TEXT)")
            rows = long_rows(records)
            if rows:
                cur.executemany("INSERT INTO answers VALUES (%s, %s, %s)", rows)
        else:
            ids = [i.id for i in definition.inputs]
            cur.execute("CREATE TABLE answers (record_id BIGINT, " + ", ".join(f"{q(i)} TEXT" for i in ids) + ")")
            rows = [(key, *(text_of(a.get(i)) for i in ids)) for key, a in records]
            if rows:
                cur.executemany(f"INSERT INTO answers VALUES ({', '.join(['%s'] * (len(ids) + 1))})", rows)
        sql = render(compile_query(definition, table=q("answers"), shape=shape), "postgres")
        cur.execute(sql)
        names = [d.name for d in cur.description]
        out = {r[0]: _norm(dict(zip(names[1:], r[1:]))) for r in cur.fetchall()}
    conn.rollback()
    return out


def _norm(row: dict) -> dict:
    out = {}
    for k in RESULT_COLUMNS:
        v = row[k]
        if v is not None and k in ("rule", "resources_num", "resources_den", "complexity_num", "complexity_den"):
            v = int(v)
        out[k] = v
    return out
