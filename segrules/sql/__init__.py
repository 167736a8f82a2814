"""Population runs: a ruleset compiled to SQL, run on DuckDB, PostgreSQL, Spark or Trino.

``to_sql(ruleset, dialect)`` gives the query text; ``compile_query`` the dialect-neutral
query; ``answers_from_text`` the answers a row of text values stands for (the meaning the
SQL gives an answers table), and ``reference_row`` the result row the Python engine gives for
them, which every SQL engine must reproduce.
"""

from __future__ import annotations

from typing import Any, Sequence

from .compiler import RESULT_COLUMNS, SHAPES, CompiledQuery, SqlCompileError, compile_query
from .render import DIALECTS, render
from .rows import answers_from_text, reference_row

__all__ = [
    "DIALECTS", "RESULT_COLUMNS", "SHAPES", "CompiledQuery", "SqlCompileError", "answers_from_text",
    "compile_query", "reference_row", "render", "to_sql",
]


def to_sql(
    ruleset: Any,
    dialect: str = "duckdb",
    *,
    shape: str = "wide",
    table: str = "answers",
    key: str = "record_id",
    carry: Sequence[str] = (),
    pretty: bool = True,
    typed: bool = False,
) -> str:
    """The SQL that segments every record of ``table`` (a loaded Ruleset or checked RulesetDef).

    ``typed``: the table has a BIGINT column for each number question and a BOOLEAN column for
    each yes/no question, read as they are; otherwise every answer is read as text."""
    from .compiler import q

    rs = getattr(ruleset, "definition", ruleset)
    table_sql = ".".join(q(part) for part in table.split("."))
    types = None
    if typed:
        types = {i.id: "BIGINT" if i.domain.is_numeric else "BOOLEAN" if i.domain.kind == "boolean" else "TEXT"
                 for i in rs.inputs}
    # DuckDB tests each question on its own; the engines that stop at the operand that decides, a battery at once
    query = compile_query(rs, table=table_sql, shape=shape, key=key, carry=carry, types=types,
                          batteries=dialect != "duckdb")
    return render(query, dialect, pretty=pretty)
