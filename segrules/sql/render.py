"""One expression tree, rendered for each SQL dialect (sqlglot).

The compiler writes its query once, in PostgreSQL syntax; sqlglot parses it into one tree and
prints that tree for DuckDB, PostgreSQL, Spark or Trino. A population run skips the
translation: DuckDB and PostgreSQL read the compiler's text as it is, with its own functions
defined as macros (``duckdb_native``) or written out (``postgres_native``), the same
expressions ``render`` prints for them. What is ours, per dialect:
the exact integer type (BIGINT, or the widest exact type), the exact quotient of a number by
a divisor of it, which each engine writes differently but all compute the same way, and the
greatest common divisor (the engine's GCD, or Euclid's algorithm in layers of the query).
"""

from __future__ import annotations

import bisect
import re

from ..errors import UsageError
from .compiler import _INT, _OUT, EUCLID_LAYER, CompiledQuery

DIALECTS = ("duckdb", "postgres", "spark", "trino")

#: The exact integer type for values beyond BIGINT (DuckDB's 128-bit integer; DECIMAL(38,0)
#: elsewhere: exact for +, -, *, comparisons and %, with 38 digits).
_WIDE = {"duckdb": "HUGEINT", "postgres": "NUMERIC(38,0)", "spark": "DECIMAL(38,0)", "trino": "DECIMAL(38,0)"}
#: The type of the axis scores' numerators and denominators in the result when they may
#: exceed BIGINT: exact in every output format (DuckDB writes a HUGEINT to Parquet as DOUBLE,
#: a DECIMAL(38,0) as a 38-digit decimal).
WIDE_RESULT = {"duckdb": "DECIMAL(38,0)", "postgres": "NUMERIC(38,0)", "spark": "DECIMAL(38,0)", "trino": "DECIMAL(38,0)"}


def _sqlglot():
    try:
        import sqlglot
        from sqlglot import exp
    except ImportError:  # pragma: no cover - depends on the environment
        raise UsageError(
            "SQL needs the optional 'sql' extra: pip install 'segrules[sql]'", code="SR805"
        ) from None
    return sqlglot, exp


def result_number_type(definition, dialect: str = "duckdb") -> str:
    """The SQL type of the axis scores' numerators and denominators in a result table of
    ``dialect``, the same for every engine that writes it: BIGINT where the ruleset's values
    fit it, else the exact wide type; text (exact decimal digits) for a ruleset whose numbers
    need more than 38 digits, which only the Python engine computes."""
    from .compiler import SqlCompileError, compile_query

    try:
        int_type = compile_query(definition).int_type
    except SqlCompileError:
        return "VARCHAR"
    return "BIGINT" if int_type == "bigint" else WIDE_RESULT[dialect]


def check_dialect(dialect: str) -> str:
    if dialect not in DIALECTS:
        raise UsageError(f"unknown SQL dialect {dialect!r}; use one of: {', '.join(DIALECTS)}", code="SR801")
    return dialect


def render(query: CompiledQuery, dialect: str, *, pretty: bool = False) -> str:
    """The query in ``dialect``."""
    check_dialect(dialect)
    if not query.euclid and dialect not in ("duckdb", "postgres"):
        raise ValueError(f"a query compiled without its Euclid layers needs an engine with GCD, not {dialect}")
    sqlglot, exp = _sqlglot()
    int_type = "BIGINT" if query.int_type == "bigint" else _WIDE[dialect]
    out_type = "BIGINT" if query.int_type == "bigint" else WIDE_RESULT[dialect]
    text = query.text.replace(f"AS {_INT})", f"AS {int_type})").replace(f"AS {_OUT})", f"AS {out_type})")
    tree = sqlglot.parse_one(text, read="postgres")

    def exact_quotient(node):
        if isinstance(node, exp.Anonymous) and node.name.upper() == "EXACT_QUOTIENT":
            a, b = node.expressions
            cast_type = exp.DataType.build(int_type, dialect="postgres")
            if dialect == "duckdb":
                q = exp.IntDiv(this=a, expression=b)  # a // b
            elif dialect == "spark" and query.int_type != "bigint":
                return _spark_wide_quotient(sqlglot, a, b, int_type)
            elif dialect == "spark":
                q = exp.IntDiv(this=a, expression=b)  # a DIV b
            elif dialect == "postgres" and query.int_type == "bigint":
                # integer division, exact for a multiple (div() would go through numeric, and cost
                # a third of a second per million records)
                q = exp.Div(this=a, expression=b, typed=True)
            elif dialect == "postgres":
                q = exp.Anonymous(this="DIV", expressions=[a, b])  # numeric div(), exact for a multiple
            else:  # trino: integer (and decimal(p,0)) division of a multiple is exact
                q = exp.Div(this=a, expression=b, typed=True)
            return exp.Cast(this=exp.Paren(this=q), to=cast_type)
        return node

    def whole_number(node):
        if isinstance(node, exp.Anonymous) and node.name.upper() in ("SR_WHOLE", "SR_WHOLE18"):
            arg = node.expressions[0].sql(dialect="postgres")
            digits = "+" if node.name.upper() == "SR_WHOLE" else "{1,18}"
            lead = "" if digits == "+" else "0*"
            if dialect == "duckdb":
                # the usual text is a number's own canonical form: a cast and a comparison; the
                # rest (leading zeros, -0, anything else) goes to the regular expression
                return sqlglot.parse_one(
                    f"(CASE WHEN CAST(TRY_CAST({arg} AS BIGINT) AS TEXT) = {arg} THEN TRUE "
                    f"ELSE {arg} ~ '^-?{lead}[0-9]{digits}$' END)", read="postgres",
                )
            if dialect == "postgres":
                # RE2 and PostgreSQL's regular expressions: $ is the end of the text, no newline before it
                return sqlglot.parse_one(f"({arg} ~ '^-?{lead}[0-9]{digits}$')", read="postgres")
            # Spark's Java regular expressions let $ match before a final newline: count characters instead
            u = f"(CASE WHEN {arg} LIKE '-%' THEN SUBSTRING({arg}, 2) ELSE {arg} END)"
            test = f"({u} <> '' AND TRANSLATE({u}, '0123456789', '') = ''"
            if digits != "+":
                test += f" AND LENGTH(LTRIM({u}, '0')) <= 18"
            return sqlglot.parse_one(test + ")", read="postgres")
        return node

    def json_value(node):
        # a JSON column (DuckDB reading JSON Lines, PostgreSQL json/jsonb): a string's text, or a
        # number's or true/false's JSON text, and whether it was a string
        if isinstance(node, exp.Anonymous) and node.name.upper() in ("SR_JSON_TEXT", "SR_JSON_RAW", "SR_JSON_IS_STRING"):
            what = node.name.upper()
            x = node.expressions[0].sql(dialect=dialect, identify=True)
            if dialect == "duckdb":
                if what == "SR_JSON_IS_STRING":
                    text = f"STARTS_WITH(CAST({x} AS TEXT), '\"')"
                elif what == "SR_JSON_RAW":
                    text = f"NULLIF(CAST({x} AS TEXT), 'null')"
                else:
                    text = json_text_duckdb(x)
            elif dialect == "postgres":
                text = _pg_json(what, x)
            else:
                raise UsageError(f"JSON columns are read by DuckDB and PostgreSQL, not in {dialect} SQL",
                                 code="SR801")
            return sqlglot.parse_one(text, read=dialect)
        return node

    def distinct_list(node):
        # STRING_AGG(DISTINCT x, sep ORDER BY x), the sorted distinct values joined: Spark 3.5 has
        # no LISTAGG, and Spark 4 fails to plan LISTAGG(DISTINCT ...) beside COUNT(DISTINCT ...).
        # The sorted set joined instead, NULL (as STRING_AGG gives) when there is no value.
        if dialect == "spark" and isinstance(node, exp.GroupConcat):
            order, sep = node.this, node.args["separator"]
            assert isinstance(order, exp.Order) and isinstance(order.this, exp.Distinct), node.sql()
            x = order.this.expressions[0].sql(dialect="spark", identify=True)
            values = f"COLLECT_SET({x})"
            return sqlglot.parse_one(
                f"CASE WHEN SIZE({values}) > 0 THEN ARRAY_JOIN(ARRAY_SORT({values}), {sep.sql(dialect='spark')}) END",
                read="spark",
            )
        return node

    def gcd(node):
        # SR_GCD(a, b, euclid): DuckDB and PostgreSQL (13 and later) have GCD; Spark and Trino
        # take the result of the Euclid layers
        if isinstance(node, exp.Anonymous) and node.name.upper() == "SR_GCD":
            a, b, euclid = node.expressions
            if dialect in ("duckdb", "postgres"):
                return exp.Anonymous(this="GCD", expressions=[a, b])
            return euclid
        return node

    if dialect in ("duckdb", "postgres"):
        _drop_euclid_layers(tree, exp)
    # the tree is this call's own: transformed in place, not copied (a copy of the 90 kB query
    # per pass cost more than parsing it)
    for step in (exact_quotient, whole_number, gcd, json_value, distinct_list):
        tree = tree.transform(step, copy=False)
    if dialect == "postgres":
        # PostgreSQL pulls subqueries up into one another, copying each layer's expressions into
        # every place that reads them: the layers multiply into a tree too big to plan. An OFFSET
        # keeps each layer a step of its own (rows still stream through; nothing is stored).
        # It is OFFSET NULL (no offset), not OFFSET 0: the 0 is an integer the parser casts to
        # bigint, and before planning a subquery PostgreSQL takes a cast offset for one that may
        # skip rows, which no parallel worker may take part in; so OFFSET 0 kept the whole query
        # in one process. OFFSET NULL is a constant that stops the pull-up just the same and
        # lets each worker run every layer on its share of the rows.
        for cte in tree.find_all(exp.CTE):
            cte.this.offset(exp.null(), copy=False)
    return tree.sql(dialect=dialect, identify=True, pretty=pretty, copy=False)


def json_text_duckdb(x: str) -> str:
    """DuckDB SQL for the text of the JSON value ``x``: a string's own text, the JSON text of
    a number, true/false, list or object; NULL for JSON null. DuckDB holds a JSON value as its
    compact JSON text, so a string is the value that starts with a quote, and only strings
    are parsed (for their escapes)."""
    t = f"CAST({x} AS TEXT)"
    return f"(CASE WHEN STARTS_WITH({t}, '\"') THEN {x} ->> '$' WHEN {t} = 'null' THEN NULL ELSE {t} END)"


def _drop_euclid_layers(tree, exp) -> None:
    """Remove the Euclid layers where the engine's GCD takes their place: a planner that keeps
    each layer a step of its own (PostgreSQL, behind its OFFSET) would otherwise pass every row
    through them for nothing. What read a layer reads the layer before it instead."""
    with_ = tree.args.get("with_")
    if with_ is None:
        return
    instead: dict[str, str] = {}
    for cte in with_.expressions:
        if EUCLID_LAYER.fullmatch(cte.alias):
            before = next(cte.this.find_all(exp.Table)).name
            instead[cte.alias] = instead.get(before, before)
    if not instead:
        return
    with_.set("expressions", [c for c in with_.expressions if c.alias not in instead])
    for table in tree.find_all(exp.Table):
        if table.name in instead:
            table.set("this", exp.to_identifier(instead[table.name], quoted=True))


def _spark_wide_quotient(sqlglot, a, b, wide: str):
    """The exact quotient ``a / b`` (``b`` > 0 divides ``a``) of DECIMAL(38,0) values in Spark.

    Spark's DIV gives a BIGINT even for decimals, and wraps around beyond it without an error;
    its decimal ``/`` keeps 6 decimal places and so only 32 digits before the point. So: when
    ``b`` >= 10**20 the quotient is below 10**18 and DIV gives it; otherwise, with M = b * 10**18
    (below 10**38) and r = a % M (a multiple of b), the quotient is (a - r) / M, a whole number
    below 10**20, times 10**18, plus r DIV b, below 10**18.
    """
    x, y = a.sql(dialect="spark", identify=True), b.sql(dialect="spark", identify=True)
    big, limb = f"CAST({10**20} AS {wide})", f"CAST({10**18} AS {wide})"
    m = f"({y} * {limb})"
    r = f"({x} % {m})"
    text = (
        f"CASE WHEN {y} >= {big} THEN CAST(({x} DIV {y}) AS {wide}) "
        f"ELSE CAST(CAST((({x} - {r}) / {m}) AS {wide}) * {limb} + CAST(({r} DIV {y}) AS {wide}) AS {wide}) END"
    )
    return sqlglot.parse_one(text, read="spark")


def _duckdb_macros() -> tuple[str, ...]:
    """DuckDB macros for the compiler's own functions, each the expression ``render`` writes
    for DuckDB in its place (the Euclid layers' result goes unread: DuckDB's GCD takes it)."""
    whole = "(CASE WHEN CAST(TRY_CAST(x AS BIGINT) AS TEXT) = x THEN TRUE ELSE REGEXP_MATCHES(x, '{}') END)"
    return (
        "EXACT_QUOTIENT(a, b) AS (a // b)",
        "SR_GCD(a, b, euclid) AS GCD(a, b)",
        "SR_WHOLE(x) AS " + whole.format("^-?[0-9]+$"),
        "SR_WHOLE18(x) AS " + whole.format("^-?0*[0-9]{1,18}$"),
        "SR_JSON_IS_STRING(x) AS STARTS_WITH(CAST(x AS TEXT), '\"')",
        "SR_JSON_RAW(x) AS NULLIF(CAST(x AS TEXT), 'null')",
        "SR_JSON_TEXT(x) AS " + json_text_duckdb("x"),
    )


def duckdb_native(con, query: CompiledQuery) -> str:
    """The query as DuckDB runs it on the connection ``con``: the compiler's text as it is
    (DuckDB's parser reads PostgreSQL's syntax), with its own functions defined as temporary
    macros on ``con``. A population run then spends no time translating its query: for
    Suuntima, ``render`` takes half a second, as long as DuckDB takes to segment 500,000
    records. The result is the same as that of ``render(query, "duckdb")`` (the tests run
    both on the same records). Compile it with ``euclid=False``: DuckDB's GCD takes the place of
    the Euclid layers, which would cost a tenth of a second to plan."""
    for macro in _duckdb_macros():
        con.execute("CREATE OR REPLACE TEMP MACRO " + macro)
    int_type = "BIGINT" if query.int_type == "bigint" else _WIDE["duckdb"]
    out_type = "BIGINT" if query.int_type == "bigint" else WIDE_RESULT["duckdb"]
    return query.text.replace(f"AS {_INT})", f"AS {int_type})").replace(f"AS {_OUT})", f"AS {out_type})")


#: What the native PostgreSQL text rewrites: string literals and quoted names (read past
#: whole, whatever they hold), the compiler's own functions, and parentheses and commas.
_PG_TOKEN = re.compile(
    r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\""
    r"|\b(TRY_CAST|EXACT_QUOTIENT|SR_GCD|SR_WHOLE18|SR_WHOLE|SR_JSON_TEXT|SR_JSON_RAW|SR_JSON_IS_STRING)\("
    r"|[(),]"
)


def postgres_native(query: CompiledQuery) -> str:
    """The query as PostgreSQL runs it, written from the compiler's text without sqlglot: the
    compiler writes PostgreSQL's syntax, so only its own functions are written out (as
    ``render`` writes them for PostgreSQL) and each layer is fenced with ``OFFSET NULL``
    (see ``render``). For Suuntima, ``render`` takes a third of a second and sqlglot's import
    a tenth, on every PostgreSQL run. The result is the same as that of ``render(query,
    "postgres")`` (the tests run both on the same records). Compile it with ``euclid=False``:
    PostgreSQL's GCD takes the place of the Euclid layers."""
    if query.euclid:
        raise ValueError("postgres_native runs a query compiled with euclid=False")
    int_type = "BIGINT" if query.int_type == "bigint" else _WIDE["postgres"]
    out_type = "BIGINT" if query.int_type == "bigint" else WIDE_RESULT["postgres"]
    text = query.text.replace(f"AS {_INT})", f"AS {int_type})").replace(f"AS {_OUT})", f"AS {out_type})")
    calls: dict[int, tuple[str, int, list[tuple[int, int]]]] = {}  # start: (name, end, argument spans)
    fences: list[int] = []  # where each layer's body ends
    stack: list[list] = []  # open parentheses: [name or None, argument starts and commas, is a layer, start]
    for m in _PG_TOKEN.finditer(text):
        token = m.group(0)
        if token[0] in "'\"":
            continue
        if m.group(1) is not None:
            stack.append([m.group(1), [m.end()], False, m.start()])
        elif token == "(":
            # a layer's body: the parenthesis after ``"name" AS`` at the top level (compiler._with)
            layer = not stack and text.endswith('" AS ', 0, m.start())
            stack.append([None, None, layer, m.start()])
        elif token == ",":
            if stack and stack[-1][0] is not None:
                stack[-1][1].append(m.start())
        else:
            name, marks, layer, start = stack.pop()
            if name is not None:
                bounds = [*marks, m.start()]
                spans = [(bounds[0], bounds[1])] + [(a + 1, b) for a, b in zip(bounds[1:], bounds[2:])]
                calls[start] = (name, m.end(), spans)
            elif layer:
                fences.append(m.start())
    if stack:
        raise ValueError("the compiled query has an unclosed parenthesis")
    starts = sorted(calls)

    def written(a: int, b: int) -> str:
        out, at = [], a
        k = bisect.bisect_left(starts, a)
        while k < len(starts) and starts[k] < b:
            start = starts[k]
            name, end, spans = calls[start]
            out.append(text[at:start])
            out.append(_pg_call(name, [written(x, y).strip() for x, y in spans], int_type))
            at = end
            k = bisect.bisect_left(starts, end)
        out.append(text[at:b])
        return "".join(out)

    pieces, at = [], 0
    for fence in fences:
        pieces += [written(at, fence), " OFFSET NULL"]
        at = fence
    pieces.append(written(at, len(text)))
    return "".join(pieces)


def _pg_call(name: str, args: list[str], int_type: str) -> str:
    """One of the compiler's own functions, as ``render`` writes it for PostgreSQL."""
    if name == "TRY_CAST":  # PostgreSQL has none; the compiler casts only what its test let through
        return f"CAST({args[0]})"
    if name == "EXACT_QUOTIENT":  # integer division, exact for a multiple; numeric div() for the wide type
        a, b = args
        quotient = f"({a}) / ({b})" if int_type == "BIGINT" else f"DIV({a}, {b})"
        return f"CAST(({quotient}) AS {int_type})"
    if name == "SR_GCD":  # PostgreSQL 13 and later
        return f"GCD({args[0]}, {args[1]})"
    if name in ("SR_WHOLE", "SR_WHOLE18"):
        digits = "+" if name == "SR_WHOLE" else "{1,18}"
        lead = "" if name == "SR_WHOLE" else "0*"
        return f"(({args[0]}) ~ '^-?{lead}[0-9]{digits}$')"
    return _pg_json(name, args[0])


def _pg_json(name: str, x: str) -> str:
    """``SR_JSON_IS_STRING``, ``SR_JSON_RAW`` or ``SR_JSON_TEXT`` of the JSON value ``x`` in
    PostgreSQL. A string holding the escape ``\\u0000``, which PostgreSQL cannot make text
    of (it would stop the whole run), reads as its JSON text, quotes and all: no code is
    that, so it is an answer that is not allowed, as ``decide`` says of a text with NUL."""
    kind = f"JSON_TYPEOF(CAST({x} AS JSON))"
    # json keeps a value's text as written, spaces around it too
    raw = f"TRIM(CHR(32) || CHR(9) || CHR(10) || CHR(13) FROM CAST({x} AS TEXT))"
    if name == "SR_JSON_IS_STRING":
        return f"({kind} = 'string')"
    if name == "SR_JSON_RAW":
        return f"NULLIF({raw}, 'null')"
    assert name == "SR_JSON_TEXT", name
    return (f"(CASE {kind} WHEN 'string' THEN (CASE WHEN STRPOS(CAST({x} AS TEXT), '\\u0000') > 0 THEN {raw} "
            f"ELSE CAST({x} AS JSON) #>> '{{}}' END) WHEN 'null' THEN NULL ELSE {raw} END)")
