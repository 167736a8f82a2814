"""The SQL compiler: exact arithmetic only, integer types from bounds, and rendering."""

from __future__ import annotations

import re

import pytest

import segrules
from segrules.errors import SegrulesError
from segrules.sql import DIALECTS, compile_query, render, to_sql

from support import ALL_RULESETS, BASE, mini

sqlglot = pytest.importorskip("sqlglot")

SHIPPED = [segrules.load(p) for p in ALL_RULESETS]


def _strip_strings(sql: str) -> str:
    return re.sub(r"'(?:[^']|'')*'", "''", sql)


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("ruleset", SHIPPED, ids=lambda r: r.id)
def test_every_dialect_renders_and_parses_back_with_no_division_and_no_float(ruleset, dialect):
    text = to_sql(ruleset, dialect, pretty=False)
    sqlglot.parse_one(text, read=dialect)  # the text is valid in its dialect (Trino: parsed and checked)
    body = _strip_strings(text)
    assert "SR_" not in body.upper()  # every marker of the neutral text rendered for the dialect
    assert ("GCD(" in body.upper()) == (dialect in ("duckdb", "postgres") and ruleset.definition.axes is not None)
    # Euclid's layers only where there is no GCD (a layer left in costs PostgreSQL a pass per step)
    euclid = re.findall(r'["`]((?:plain|full)_g[0-9]+)["`]', text)
    assert bool(euclid) == (dialect in ("spark", "trino") and ruleset.definition.axes is not None)
    for word in ("DOUBLE", "FLOAT", "REAL", "NUMERIC(", "DECIMAL(") if dialect != "postgres" else ("DOUBLE", "FLOAT", "REAL"):
        assert word not in body.upper()
    # the one division: the exact quotient of an axis score by its gcd, in the final select
    # of each branch (records that pass the cheap test, and the others)
    divisions = body.count(" / ") + body.count("//") + body.upper().count(" DIV ") + body.upper().count("DIV(")
    axes = 2 * 4 if ruleset.definition.axes is not None else 0
    assert divisions == axes


def test_the_integer_type_follows_the_bounds():
    small = segrules.load_text(BASE)
    assert compile_query(small.definition).int_type == "bigint"
    # a product of large ranges needs more than 64 bits: the wide type, per dialect
    text = _product_ruleset(3)
    q = compile_query(segrules.load_text(text).definition)
    assert q.int_type == "wide" and q.widest > 2**63
    assert "INT128" in render(q, "duckdb") and "DECIMAL(38, 0)" in render(q, "trino")


def _product_ruleset(factors: int) -> str:
    inputs = "".join(
        f"  x{k}:\n    respondent: client\n    type: integer\n    min: 999990000\n    max: 999999999\n    text: {{fi: x, sv: x, en: x}}\n"
        for k in range(factors)
    )
    expr = " * ".join(f"x{k}" for k in range(factors))
    L = "{fi: t, sv: t, en: t}"
    path = f"    contact: {L}\n    appointments: [{L}]\n    coordination: {L}\n    self_care: {L}\n    reassess_after_months: 12\n"
    return (
        "format: 1\nid: test.big\nversion: 1.0.0\ntitle: {fi: t, sv: t, en: t}\nhit_policy: first\n"
        f"inputs:\n{inputs}scores:\n  p:\n    label: {L}\n    expr: '{expr}'\n"
        f"segments:\n  a:\n    label: {L}\n    service_use: occasional\n  b:\n    label: {L}\n    service_use: heavy\n"
        f"rules:\n  - 'a when p >= 1'\n  - 'b otherwise'\npathways:\n  a:\n{path}  b:\n{path}"
    )


def test_SR800_beyond_38_digits_is_refused_at_compile_time():
    rs = segrules.load_text(_product_ruleset(5))
    with pytest.raises(SegrulesError) as info:
        compile_query(rs.definition)
    assert info.value.code == "SR800"


def test_SR801_unknown_dialect_and_shape():
    rs = SHIPPED[0]
    with pytest.raises(SegrulesError) as info:
        to_sql(rs, "mysql")
    assert info.value.code == "SR801"
    with pytest.raises(SegrulesError) as info:
        to_sql(rs, "duckdb", shape="tall")
    assert info.value.code == "SR801"


def test_wide_products_are_exact_on_duckdb(duck):
    """Values beyond 64 bits, computed in the wide type, compare exactly."""
    rs = segrules.load_text(_product_ruleset(3))
    from engines import run_duckdb
    from segrules.sql import reference_row

    records = [(0, {"x0": 999999999, "x1": 999999999, "x2": 999999999}), (1, {"x0": 999990000, "x1": 999990001, "x2": 999999998})]
    got = run_duckdb(duck, rs.definition, records, shape="wide")
    for k, a in records:
        assert got[k] == reference_row(rs, a)


@pytest.mark.parametrize("ruleset", SHIPPED, ids=lambda r: r.id)
def test_no_in_lists_and_a_query_over_some_columns_plans(ruleset):
    """DuckDB turns IN lists into joins; in a query of many layers that took minutes to plan
    when a caller read only some of the result's columns. The SQL writes equalities instead."""
    duckdb = pytest.importorskip("duckdb")
    text = to_sql(ruleset, "duckdb", pretty=False)
    assert " IN (" not in _strip_strings(text).upper()
    con = duckdb.connect()
    ids = [i.id for i in ruleset.definition.inputs]
    con.execute("CREATE TABLE answers (record_id BIGINT, " + ", ".join(f'"{i}" VARCHAR' for i in ids) + ")")
    con.execute("INSERT INTO answers (record_id) VALUES (1)")
    assert con.execute(f"SELECT count(segment), count(error_codes) FROM ({text})").fetchone() == (0, 1)


def test_a_query_without_euclid_layers_is_only_for_an_engine_with_gcd():
    """DuckDB runs the query without the Euclid layers (its own GCD takes their place); Spark
    and Trino read the last layer's result, so the query is refused for them."""
    rs = segrules.load("rulesets/helsinki/suuntima.yaml").definition
    full, lean = compile_query(rs), compile_query(rs, euclid=False)
    assert "plain_g0" in full.text and "_g0" not in lean.text and not lean.euclid
    assert render(lean, "duckdb") == render(full, "duckdb")
    for dialect in ("spark", "trino"):
        with pytest.raises(ValueError, match="GCD"):
            render(lean, dialect)


@pytest.mark.parametrize("path", ["rulesets/helsinki/suuntima.yaml", "rulesets/vantaa_kerava/segmentation.yaml"])
@pytest.mark.parametrize("shape", ["wide", "long"])
def test_every_layer_passes_on_only_what_is_read_after_it(path, shape):
    """Each layer of the query computes and passes on only the columns that a later layer or
    the result reads: PostgreSQL copies every column a layer passes on, for every row, and
    DuckDB binds each before planning (``SELECT *`` layers were 40 % of PostgreSQL's work)."""
    query = compile_query(segrules.load(path).definition, shape=shape)
    tree = sqlglot.parse_one(query.text, read="postgres")
    exp = sqlglot.exp
    ctes = list(tree.args["with_"].expressions)
    assert not any(isinstance(e, exp.Star) for cte in ctes for e in cte.this.expressions)

    def read_by(node) -> set[str]:
        return {c.name for c in node.find_all(exp.Column)}

    finals = list(tree.find_all(exp.Select))
    for k, cte in enumerate(ctes):
        later = [c.this for c in ctes[k + 1:] if cte.alias in {t.name for t in c.this.find_all(exp.Table)}]
        later += [s for s in finals if s.args.get("from_") is not None
                  and s.args["from_"].this.name == cte.alias and s not in [c.this for c in ctes]]
        assert later, f"layer {cte.alias} is read by nothing"
        read = set().union(*(read_by(node) for node in later))
        made = {e.alias_or_name for e in cte.this.expressions}
        assert made <= read, f"layer {cte.alias} passes on columns nobody reads: {sorted(made - read)[:5]}"


# --------------------------------------------------------------------------- names and rows of its own


#: a ruleset with a required, an optional and a conditional question
SMALL = mini({"a": "scale", "b": "scale?", "c": ("integer 0..9", "a >= 3")},
             {"res": "mean(a, b)", "cx": "if answered(c) then c else 0"},
             ["one when res >= 3", "two when res < 3"])


def _query_column_names(definition) -> list[str]:
    from engines import QUERY_COLUMNS, QUERY_PARTS

    ids = [i.id for i in definition.inputs] + [s.id for s in definition.scores]
    names = ["#KEY", "A#V", *QUERY_COLUMNS, *(f"{i}#{part}" for i in ids for part in QUERY_PARTS)]
    seen: set[str] = set()  # told apart without regard to case, as DuckDB tells them
    return [n for n in names if not (n.lower() in seen or seen.add(n.lower()))]


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("shape", ["wide", "long"])
def test_every_layer_names_each_column_once_whatever_the_carried_columns_are_called(dialect, shape):
    """Carried columns are read under names of the query's own (``#carry0``...) and given
    their names back only in the result: no layer of any dialect's query has two columns of
    one name (a carried ``#key`` beside the record key's was read as the key)."""
    rs = segrules.load_text(SMALL).definition
    carry = [n for n in _query_column_names(rs) if n.lower() not in ("a", "b", "c")] if shape == "wide" else []
    text = render(compile_query(rs, shape=shape, carry=carry), dialect)
    tree = sqlglot.parse_one(text, read=dialect)
    selects = list(tree.find_all(sqlglot.exp.Select))
    assert len(selects) > 10
    for select in selects:
        names = [e.alias_or_name.lower() for e in select.expressions]
        assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1][:5]
    result = selects[0] if not tree.args.get("with_") else tree.this if isinstance(tree, sqlglot.exp.Union) else tree
    assert [e.alias_or_name for e in result.expressions][1:1 + len(carry)] == carry


def test_carried_columns_named_like_the_querys_own_come_out_unchanged(duck, pg):
    """A carried column called ``#key`` (or ``a#v``, ``#bad``, ``#codes``...) comes out under
    its name with its own values, on DuckDB and PostgreSQL, and the records keep their keys
    and decisions."""
    from engines import run_duckdb, run_postgres
    from test_sql_differential import assert_same

    ruleset = segrules.load_text(SMALL)
    carry = [n for n in _query_column_names(ruleset.definition) if n.lower() not in ("a", "b", "c")]
    records = [(k, a) for k, a in enumerate([{"a": 4, "c": 5}, {"a": 2}, {"a": 2, "b": 1}, {"a": 9}, {"a": 3}, {}])]
    for shape in ("wide", "typed", "json"):
        assert_same(ruleset, records, run_duckdb(duck, ruleset.definition, records, shape=shape, carry=carry),
                    f"duckdb {shape}", shape)
    for shape in ("wide", "typed"):
        assert_same(ruleset, records, run_postgres(pg, ruleset.definition, records, shape=shape, carry=carry),
                    f"postgres {shape}", shape)


def test_a_long_row_without_a_question_is_SR301_named_null_as_decide_names_it(duck, pg):
    """A row whose question is NULL asks a question that is not an input: SR301, named
    ``null`` as ``decide`` names an answer to ``None`` (before the other unknown questions,
    which are sorted); an empty question is one too, named by its empty text."""
    from engines import run_duckdb, run_postgres
    from test_sql_differential import assert_same

    ruleset = segrules.load_text(SMALL)
    records = list(enumerate([
        {None: 5, "a": 2},
        {None: None, "a": 4, "c": 1},
        {None: 1, "": None, "zz": 2, "a": 2},
        {"": 3, "a": 3, "c": 0},
        {None: 2},
        {"a": 4, "c": 5},
    ]))
    for shape in ("long", "long_json"):
        got = run_duckdb(duck, ruleset.definition, records, shape=shape)
        assert (got[0]["error_codes"], got[0]["error_inputs"]) == ("SR301", "null")
        assert got[2]["error_inputs"] == "null,,zz"
        assert_same(ruleset, records, got, f"duckdb {shape}", shape)
        assert_same(ruleset, records, run_postgres(pg, ruleset.definition, records, shape=shape),
                    f"postgres {shape}", shape)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_a_scale_with_sparse_large_values_compiles_without_listing_the_span(dialect):
    # 1, 2, 3, 4 and ten trillion: the span between them was listed (MemoryError)
    text = mini({"a": "scale"}, {"s": "a"}, ["lo when s < 3", "hi when s >= 3"]).replace(
        "      5: ", "      10000000000000: ")
    sql = to_sql(segrules.load_text(text, "sparse.yaml"), dialect, pretty=False)
    assert "10000000000000" in sql


def test_SR800_counts_the_digits_of_numbers_past_python_s_text_limit():
    """A score of thousands of digits is refused as SR800 with its exact count of digits,
    not an internal error from converting the number to text."""
    big = "9" * 3000
    rs = segrules.load_text(mini({"x": "scale"}, {"p": f"x * {big}", "q": f"p * {big}"}, ["a when q >= 1", "b otherwise"], "first"))
    with pytest.raises(SegrulesError) as info:
        compile_query(rs.definition)
    assert info.value.code == "SR800"
    assert "up to 6001 digits" in str(info.value)


def test_carried_columns_are_refused_where_the_sql_could_not_write_them():
    """The long shape carries no column (SR801); a carried column named like a result column
    would give the result two columns of one name (SR809); the key, and a column given twice,
    are carried once. The SQL that is written runs, with each column once."""
    duckdb = pytest.importorskip("duckdb")
    ruleset = segrules.load_text(mini({"q": "scale"}, {}, ["a when q < 3", "b when q >= 3"]))
    rs = ruleset.definition
    with pytest.raises(SegrulesError) as info:
        compile_query(rs, shape="long", carry=("unit",))
    assert info.value.code == "SR801" and "carries no column (unit)" in str(info.value)
    for name in ("segment", "Rule", "ERROR_CODES"):
        with pytest.raises(SegrulesError) as info:
            compile_query(rs, carry=(name,))
        assert info.value.code == "SR809" and repr(name) in str(info.value)
    con = duckdb.connect()
    con.execute("CREATE TABLE answers AS SELECT 1 AS record_id, 'x' AS unit, '4' AS q")
    names = [d[0] for d in con.execute(to_sql(ruleset, "duckdb", carry=["record_id", "unit", "unit"])).description]
    assert names[:2] == ["record_id", "unit"] and len(names) == len(set(names))
