"""Batch segmentation: a whole answers table in, one result row per record out.

Engines: ``duckdb`` (embedded, the default) runs the generated SQL over CSV, Parquet, JSON
Lines or a DuckDB table; ``postgres`` runs it inside PostgreSQL, table to table, in one
transaction; ``python`` runs the Python engine on the same rows, for comparison.

The result has one row per record: the key, any carried columns (wide shape: every column
that is not an input), then ``RESULT_COLUMNS``. A record that is not valid has no segment and
its ``error_codes`` / ``error_inputs``. With ``rejects`` the invalid records go there and the
output keeps the segmented ones; without it the output keeps every record. Files are written
to a temporary name beside the target and renamed into place when complete; tables are
replaced inside one transaction: an interrupted run leaves the old output as it was.
"""

from __future__ import annotations

import contextlib
import csv
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator, Sequence

import attrs

from ..errors import SegrulesError, UsageError
from ..files import OutputError
from .compiler import RESULT_COLUMNS, compile_query, is_json_type, q, s as _lit
from .render import json_text_duckdb, render
from .rows import answers_from_json, answers_from_text, reference_row

ENGINES = ("duckdb", "postgres", "python")
FILE_KINDS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}
BATCH_ROWS = 10_000  # rows the Python engine holds at a time


class BatchInputError(UsageError):
    code = "SR803"


class BatchOutputError(UsageError):
    code = "SR804"


class DatabaseError(SegrulesError):
    code = "SR806"


@attrs.frozen
class Location:
    """Where rows are read or written: a file of a kind, or a table in a database."""

    kind: str  # csv | parquet | jsonl | duckdb | postgres
    path: str  # file path, database file or connection URL
    table: str | None = None

    def __str__(self) -> str:
        return self.path + (f"#{self.table}" if self.table else "")


def parse_location(text: str, *, error: type[UsageError]) -> Location:
    if text.startswith(("postgresql://", "postgres://")):
        url, _, table = text.partition("#")
        if not table:
            raise error(f"{text}: name the table after '#', e.g. postgresql://host/db#answers")
        return Location("postgres", url, table)
    path, _, table = text.partition("#")
    suffix = Path(path).suffix.lower()
    if suffix in (".duckdb", ".db"):
        if not table:
            raise error(f"{text}: name the table after '#', e.g. {path}#answers")
        return Location("duckdb", path, table)
    if table or suffix not in FILE_KINDS:
        raise error(
            f"{text}: the kind of file is not known; use .csv, .parquet or .jsonl, a DuckDB table "
            "(file.duckdb#table) or a PostgreSQL table (postgresql://...#table)"
        )
    return Location(FILE_KINDS[suffix], path)


@attrs.frozen
class BatchSummary:
    engine: str
    rows_read: int  # answer rows read (records in the wide shape; answers in the long shape)
    records: int
    segmented: int
    rejected: int
    rejected_by_code: dict
    seconds: float
    output: str
    rejects: str | None
    carried: tuple[str, ...]
    missing_columns: tuple[str, ...]

    def to_json(self) -> dict:
        return {
            "schema": "segrules.batch/1",
            "engine": self.engine,
            "rows_read": self.rows_read,
            "records": self.records,
            "segmented": self.segmented,
            "rejected": self.rejected,
            "rejected_by_code": dict(sorted(self.rejected_by_code.items())),
            "seconds": round(self.seconds, 3),
            "output": self.output,
            "rejects": self.rejects,
            "carried_columns": list(self.carried),
            "missing_input_columns": list(self.missing_columns),
        }


def _duckdb():
    try:
        import duckdb
    except ImportError:  # pragma: no cover - depends on the environment
        raise UsageError("batch runs need the optional 'sql' extra: pip install 'segrules[sql]'", code="SR805") from None
    return duckdb


def _tqdm():
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - depends on the environment
        raise UsageError("progress bars need the optional 'sql' extra: pip install 'segrules[sql]'", code="SR805") from None
    return tqdm


def _psycopg():
    try:
        import psycopg
    except ImportError:  # pragma: no cover - depends on the environment
        raise UsageError("PostgreSQL needs the optional 'sql' extra: pip install 'segrules[sql]'", code="SR805") from None
    return psycopg


def run_batch(
    ruleset,
    input: str,
    output: str,
    *,
    rejects: str | None = None,
    engine: str = "duckdb",
    shape: str = "wide",
    key: str = "record_id",
    progress: bool = False,
    carry: Sequence[str] = (),
) -> BatchSummary:
    """Segment every record of ``input`` into ``output`` (see the module docstring)."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; use one of: {', '.join(ENGINES)}", code="SR801")
    src = parse_location(input, error=BatchInputError)
    dst = parse_location(output, error=BatchOutputError)
    rej = parse_location(rejects, error=BatchOutputError) if rejects else None
    _refuse_overwriting(src, dst, rej)
    started = time.perf_counter()
    if engine == "postgres":
        if carry:
            raise UsageError("--carry is for the duckdb and python engines; PostgreSQL carries every non-input column",
                             code="SR801")
        return _run_postgres(ruleset, src, dst, rej, shape, key, started)
    if "postgres" in (src.kind, dst.kind) or (rej is not None and rej.kind == "postgres"):
        raise BatchInputError(
            "PostgreSQL tables are read and written by --engine postgres, which runs the SQL inside the server"
        )
    for loc in (dst, rej):
        if loc is not None and loc.kind in ("csv", "parquet", "jsonl"):
            _output_folder(loc)  # a missing or read-only folder is refused before any work
    duckdb = _duckdb()
    with duckdb_session() as con:
        relation = duckdb_relation(con, src, [i.id for i in ruleset.definition.inputs])
        if engine == "duckdb":
            query, carry, missing = segment_query(con, ruleset, relation, shape=shape, key=key, source=src, carry=carry)
        else:
            columns = _columns_duckdb(con, relation)
            carried, missing = _plan_columns(ruleset, columns, shape, key, src)
            absent = [c for c in carry if c not in columns]
            if absent:
                raise BatchInputError(f"{src}: no column {', '.join(map(repr, absent))} to carry")
            carry = carried + tuple(c for c in carry if c not in carried and c != key)
            _python_engine(con, ruleset, relation, shape, key, carry, progress)
            query = "SELECT * FROM result"
        with _scratch(dst) as result:
            # one pass over the input, streamed into Parquet in key order; the outputs and the
            # summary are read from there
            with _progress(con, progress and engine == "duckdb", "segrules batch"):
                try:
                    con.execute(f"COPY ({_in_key_order(query, key, ruleset)}) TO {_lit(result)} (FORMAT PARQUET)")
                except duckdb.Error as exc:
                    raise DatabaseError(f"DuckDB could not segment {src}: {_first_line(exc)}") from None
            relation_out = f"read_parquet({_lit(result)})"
            rows_read = None if shape == "wide" else con.execute(f"SELECT count(*) FROM {relation}").fetchone()[0]
            summary = _summary(con, relation_out, engine, rows_read, dst, rej, carry, missing, started)
            if rej is None and dst.kind == "parquet":
                _replace(result, dst.path)
            else:
                _write_duckdb(con, relation_out, dst, rej)
        return attrs.evolve(summary, seconds=time.perf_counter() - started)


_RULESET_COLUMNS = RESULT_COLUMNS[-3:]  # the ruleset id, version and content hash


def _in_key_order(query: str, key: str, ruleset) -> str:
    """The result rows of ``query`` sorted by key, with the ruleset's id, version and hash
    added after the sort: carried through it, they would be millions of copies of a
    64-character hash. They are written as one-value ENUMs, which Parquet stores as text
    with no per-row work."""
    d = ruleset.definition
    consts = ", ".join(
        f"CAST({_lit(v)} AS ENUM({_lit(v)})) AS {q(c)}"
        for c, v in zip(_RULESET_COLUMNS, (d.id, d.version, d.content_hash))
    )
    rows = f"SELECT * EXCLUDE ({', '.join(map(q, _RULESET_COLUMNS))}) FROM ({query}) ORDER BY {q(key)}"
    return f"SELECT *, {consts} FROM ({rows})"


def _refuse_overwriting(src: Location, dst: Location, rej: Location | None) -> None:
    """Refuse an output that is the input, or the other output, before any work (SR520): the
    finished result would replace the answers it was made from."""
    pairs = [(dst, src, "the input"), *([(rej, src, "the input"), (rej, dst, "--output")] if rej else [])]
    for out, other, what in pairs:
        if _same_place(out, other):
            raise OutputError(
                f"{out} is also {what} of this run; writing to it would destroy it (give another output)",
                code="SR520",
            )


def _same_place(a: Location, b: Location) -> bool:
    """Whether two locations are the same file (by any name) or the same table in it."""
    if "postgres" in (a.kind, b.kind):
        return a.kind == b.kind and a.path == b.path and a.table == b.table
    same = os.path.abspath(a.path) == os.path.abspath(b.path)
    if not same:
        try:
            same = os.path.samefile(a.path, b.path)
        except OSError:
            same = False
    # a file written over a DuckDB database destroys every table in it; DuckDB's table names
    # are case-insensitive
    return same and (a.table is None or b.table is None or a.table.lower() == b.table.lower())


def memory_limit() -> str:
    """DuckDB's memory for one run: 4 GB, or half the machine's memory where that is less.
    Beyond it, the sort by key and temporary tables spill to disk (10M Suuntima records sort
    within 4 GB; with 1 GB the spilling doubled the run's time)."""
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # pragma: no cover - not a POSIX system
        physical = 8 << 30
    return f"{max(256, min(4096, physical // 2 >> 20))}MB"


@contextlib.contextmanager
def duckdb_session():
    """A DuckDB connection for a population run: bounded memory, what does not fit spilled to
    a temporary folder of its own (not the working folder), and DuckDB's own progress bar
    off (it writes to standard output, which may be the --json summary)."""
    duckdb = _duckdb()
    with tempfile.TemporaryDirectory(prefix="segrules-spill-") as spill:
        con = duckdb.connect()
        try:
            con.execute("SET enable_progress_bar = false")
            con.execute(f"SET temp_directory = {_lit(spill)}")
            con.execute(f"SET memory_limit = {_lit(memory_limit())}")
            yield con
        finally:
            con.close()


def _first_line(exc: Exception) -> str:
    """A DuckDB error's message without the query excerpt and the advice on its options."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


class _scratch:
    """A temporary Parquet file for the whole result: beside a Parquet output (so that it can
    be renamed into place), else in a temporary folder. Removed unless renamed."""

    def __init__(self, dst: Location):
        self.dst = dst
        self.folder = None

    def __enter__(self) -> str:
        if self.dst.kind == "parquet":
            folder = _output_folder(self.dst)
        else:
            self.folder = tempfile.TemporaryDirectory(prefix="segrules-batch-")
            folder = self.folder.name
        fd, self.path = tempfile.mkstemp(prefix=".segrules-", suffix=".parquet", dir=folder)
        os.close(fd)
        return self.path

    def __exit__(self, *exc) -> None:
        if os.path.exists(self.path):
            os.unlink(self.path)
        if self.folder is not None:
            self.folder.cleanup()


class _progress:
    """A progress bar on stderr while DuckDB runs one statement (DuckDB's own bar writes to
    standard output, which may be the --json summary)."""

    def __init__(self, con, enabled: bool, label: str):
        self.con, self.enabled, self.label = con, enabled, label
        self.done = None

    def __enter__(self):
        if not self.enabled:
            return self
        import threading

        self.con.execute("SET enable_progress_bar = true")
        self.con.execute("SET enable_progress_bar_print = false")
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._draw, daemon=True)
        self.thread.start()
        return self

    def _draw(self) -> None:
        tqdm = _tqdm()
        shown = 0.0
        with tqdm(total=100, desc=self.label, unit="%", file=sys.stderr, leave=False) as bar:
            while not self.done.wait(0.25):
                try:
                    got = self.con.query_progress()
                except Exception:  # the statement ended between two looks
                    continue
                if got is not None and got > shown:
                    bar.update(got - shown)
                    shown = got

    def __exit__(self, *exc) -> None:
        if self.done is not None:
            self.done.set()
            self.thread.join()


# --------------------------------------------------------------------------- reading


def segment_table(con, ruleset, relation: str, table: str, *, shape: str = "wide", key: str = "record_id",
                  source: Any = None, carry: Sequence[str] = ()) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Segment the rows of ``relation`` into the temporary DuckDB table ``table`` with the
    generated SQL; the columns carried through and the input columns missing. Every column
    that is not an input is carried; ``carry`` names inputs to carry too (to group by them)."""
    duckdb = _duckdb()
    query, carry, missing = segment_query(con, ruleset, relation, shape=shape, key=key, source=source, carry=carry)
    try:
        con.execute(f"CREATE TEMP TABLE {q(table)} AS {query}")
    except duckdb.Error as exc:
        raise DatabaseError(f"DuckDB could not segment {source or relation}: {_first_line(exc)}") from None
    return carry, missing


def segment_query(con, ruleset, relation: str, *, shape: str = "wide", key: str = "record_id",
                  source: Any = None, carry: Sequence[str] = ()) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The DuckDB query that segments the rows of ``relation`` (read with the types DuckDB
    gives its columns), the columns it carries through and the input columns missing."""
    types = _column_types_duckdb(con, relation)
    columns = list(types)
    carried, missing = _plan_columns(ruleset, columns, shape, key, source or relation)
    absent = [c for c in carry if c not in columns]
    if absent:
        raise BatchInputError(f"{source or relation}: no column {', '.join(map(repr, absent))} to carry; "
                              f"the columns are: {', '.join(columns)}")
    carry = carried + tuple(c for c in carry if c not in carried and c != key)
    query = render(
        compile_query(ruleset.definition, table=relation, shape=shape, key=key, carry=carry, columns=columns,
                      types=types),
        "duckdb",
    )
    if any(map(is_json_type, types.values())):
        # DuckDB moves a filter below the layer that reads each JSON value, copying that reading
        # into every place the filter uses it (a choice's text once for each of its codes): the
        # filters stay where they are written (1M JSON Lines records: 2.7 s instead of 5.2 s).
        # Only the speed depends on it: a DuckDB without this switch runs the query as it is.
        try:
            con.execute("SET disabled_optimizers = 'filter_pushdown'")
        except _duckdb().Error:
            pass
    return query, carry, missing


def duckdb_relation(con, src: Location, inputs: Sequence[str] = ()) -> str:
    """The DuckDB relation that reads ``src`` (a file by its kind, or an attached table). In a
    JSON Lines file the columns named in ``inputs`` (a ruleset's inputs) are read as JSON
    values, so that a JSON string and a JSON number keep their kinds, as in ``decide``."""
    path = src.path
    if src.kind != "duckdb" and not os.path.isfile(path):
        raise BatchInputError(f"{path}: no such file")
    lit = _lit(path)
    if src.kind == "csv":
        return f"read_csv({lit}, all_varchar = true, header = true)"
    if src.kind == "parquet":
        return f"read_parquet({lit})"
    if src.kind == "jsonl":
        return _jsonl_relation(con, src, lit, inputs)
    if not os.path.isfile(path):
        raise BatchInputError(f"{path}: no such DuckDB database")
    try:
        con.execute(f"ATTACH {lit} AS src (READ_ONLY)")
    except Exception as exc:
        raise BatchInputError(f"{path}: cannot open the DuckDB database: {exc}") from None
    return f"src.{q(src.table)}"


def _jsonl_relation(con, src: Location, lit: str, inputs: Sequence[str]) -> str:
    """Every line of a JSON Lines file, the inputs' values as JSON. The columns are the keys of
    every line: DuckDB's reader, given a sample's columns, would pass over a key first seen
    after the sample (a question first answered there). Keys outside the sample that are not
    inputs are read as text."""
    duckdb = _duckdb()
    what = f"{src}: cannot be read as JSON Lines (one JSON object a line)"
    try:
        sampled = {name: kind for name, kind, *_ in con.execute(
            f"DESCRIBE SELECT * FROM read_json({lit}, format = 'newline_delimited', records = true)"
        ).fetchall()}
        keys = [k for (k,) in con.execute(
            f"SELECT DISTINCT unnest(json_keys(json)) AS k FROM read_json_objects({lit}, format = 'newline_delimited') "
            "ORDER BY k"
        ).fetchall()]
    except duckdb.Error as exc:
        raise BatchInputError(f"{what}: {_first_line(exc)}") from None
    wanted = set(inputs)
    names = list(sampled) + [k for k in keys if k not in sampled]  # the file's order, then the late ones
    spec = ", ".join(
        f"{_lit(name)}: {_lit('JSON' if name in wanted else sampled.get(name, 'VARCHAR'))}" for name in names
    )
    return f"read_json({lit}, format = 'newline_delimited', records = true, columns = {{{spec}}})"


def _columns_duckdb(con, relation: str) -> list[str]:
    return list(_column_types_duckdb(con, relation))


def _column_types_duckdb(con, relation: str) -> dict[str, str]:
    """Column name → type name, in the relation's order."""
    try:
        return {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()}
    except Exception as exc:
        raise BatchInputError(f"cannot read the input: {exc}") from None


def _plan_columns(ruleset, columns, shape: str, key: str, src) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Columns carried through (wide: every non-input column) and input columns missing."""
    if key not in columns:
        raise BatchInputError(
            f"{src}: there is no record key column {key!r} (give it with --key); the columns are: {', '.join(columns)}"
        )
    ids = [i.id for i in ruleset.definition.inputs]
    if shape == "long":
        absent = [c for c in ("question", "value") if c not in columns]
        if absent:
            raise BatchInputError(f"{src}: the long shape needs the columns {key}, question and value; missing: {', '.join(absent)}")
        return (), ()
    reserved = set(RESULT_COLUMNS)
    carry = tuple(c for c in columns if c != key and c not in ids and c not in reserved)
    missing = tuple(i for i in ids if i not in columns)
    return carry, missing


# --------------------------------------------------------------------------- the Python engine


def _python_engine(con, ruleset, relation: str, shape: str, key: str, carry, progress: bool) -> None:
    """Decide every record with the Python engine; rows stream through a temporary CSV file."""
    tmp = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, newline="", encoding="utf-8")
    header = [key, *carry, *RESULT_COLUMNS]
    tqdm = _tqdm()
    bar = tqdm(desc="segrules batch", unit=" records", file=sys.stderr, disable=not progress, leave=False,
               mininterval=0.5)
    try:
        with tmp, bar:
            writer = csv.writer(tmp)
            writer.writerow(header)
            for record_key, carried, answers, dups in _records(con, ruleset, relation, shape, key, carry):
                if dups:
                    row = reference_row(ruleset, {})
                    row.update(error_codes=",".join(["SR802"] * len(dups)), error_inputs=",".join(dups))
                else:
                    row = reference_row(ruleset, answers)
                writer.writerow([record_key, *map(_csv, carried), *(_csv(row[c]) for c in RESULT_COLUMNS)])
                bar.update()
        described = _column_types_duckdb(con, relation)
        numbers = ("rule", "resources_num", "resources_den", "complexity_num", "complexity_den")
        types = {c: "VARCHAR" if is_json_type(described[c]) else described[c] for c in (key, *carry)}
        types.update({c: "BIGINT" if c in numbers else "VARCHAR" for c in RESULT_COLUMNS})
        spec = "{" + ", ".join(f"{_lit(c)}: {_lit(t)}" for c, t in types.items()) + "}"
        con.execute(
            f"CREATE TEMP TABLE result AS SELECT * FROM read_csv({_lit(tmp.name)}, header = true, columns = {spec}, "
            "nullstr = '\\N')"
        )
    finally:
        os.unlink(tmp.name)


def _csv(v):
    return "\\N" if v is None else v


def _records(con, ruleset, relation, shape, key, carry) -> Iterator[tuple[Any, list, dict, list]]:
    ids = [i.id for i in ruleset.definition.inputs]
    if shape == "wide":
        present = _column_types_duckdb(con, relation)
        json_ids = {i for i in ids if is_json_type(present.get(i))}
        select = [f"CAST({q(key)} AS VARCHAR)"]
        select += [json_text_duckdb(q(c)) if c in json_ids else f"CAST({q(c)} AS VARCHAR)" for c in carry]
        select += [f"CAST({q(i)} AS VARCHAR)" if i in present else "NULL" for i in ids]
        cur = con.cursor()
        cur.execute(f"SELECT {', '.join(select)} FROM {relation}")
        n_carry = len(carry)
        while True:
            chunk = cur.fetchmany(BATCH_ROWS)
            if not chunk:
                return
            for row in chunk:
                values = dict(zip(ids, row[1 + n_carry:]))
                answers = answers_from_text(
                    ruleset.definition, {i: v for i, v in values.items() if v is not None and i not in json_ids}
                )
                answers.update(answers_from_json({i: values[i] for i in json_ids}))
                yield row[0], list(row[1:1 + n_carry]), answers, []
    json_values = is_json_type(_column_types_duckdb(con, relation).get("value"))
    cur = con.cursor()
    cur.execute(
        f"SELECT CAST({q(key)} AS VARCHAR), CAST(question AS VARCHAR), CAST(value AS VARCHAR) FROM {relation} "
        f"ORDER BY {q(key)}"
    )
    current, rows = None, []

    def finish(k, rows):
        seen: dict[str, int] = {}
        for question, _ in rows:
            seen[question] = seen.get(question, 0) + 1
        dups = [i for i in ids if seen.get(i, 0) > 1]
        known = {question: v for question, v in rows if question in seen and question in ids}
        unknown = sorted({question for question, _ in rows if question not in ids})
        answers = {u: None for u in unknown}
        answers.update(answers_from_json(known) if json_values else answers_from_text(ruleset.definition, known))
        for u in unknown:  # an unknown question keeps its text, answered or not
            answers[u] = next((v for question, v in rows if question == u and v is not None), None)
        return k, [], answers, dups

    while True:
        chunk = cur.fetchmany(BATCH_ROWS)
        if not chunk:
            break
        for k, question, value in chunk:
            if k != current and rows:
                yield finish(current, rows)
                rows = []
            current = k
            rows.append((question, value))
    if rows:
        yield finish(current, rows)


# --------------------------------------------------------------------------- writing


def _write_duckdb(con, result: str, dst: Location, rej: Location | None) -> None:
    """Write the result relation (already in key order) to the output, and its invalid
    records to the rejects output when there is one."""
    targets = [(dst, f"SELECT * FROM {result}" + (" WHERE error_codes IS NULL" if rej is not None else ""))]
    if rej is not None:
        targets.append((rej, f"SELECT * FROM {result} WHERE error_codes IS NOT NULL"))
    for loc, select in targets:
        _write_one(con, loc, select)


def _output_folder(loc: Location) -> str:
    folder = os.path.dirname(os.path.abspath(loc.path))
    if not os.path.isdir(folder):
        raise BatchOutputError(f"{loc.path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise BatchOutputError(f"{loc.path}: the folder {folder} is not writable")
    return folder


def _replace(tmp: str, path: str) -> None:
    try:
        os.replace(tmp, path)
    except OSError as exc:
        raise BatchOutputError(f"{path}: cannot write the output: {exc.strerror}") from None


def _write_one(con, loc: Location, select: str) -> None:
    if loc.kind == "duckdb":
        lit = _lit(loc.path)
        # the input is read by now; its database, attached read-only, may be this one
        con.execute("DETACH DATABASE IF EXISTS src")
        try:
            con.execute(f"ATTACH {lit} AS dst")
        except Exception as exc:
            raise BatchOutputError(f"{loc.path}: cannot open the DuckDB database: {exc}") from None
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute(f"CREATE OR REPLACE TABLE dst.{q(loc.table)} AS {select}")
            con.execute("COMMIT")
        except Exception as exc:
            con.execute("ROLLBACK")
            raise BatchOutputError(f"{loc}: cannot write the table: {exc}") from None
        finally:
            con.execute("DETACH dst")
        return
    folder = _output_folder(loc)
    fd, tmp = tempfile.mkstemp(prefix=".segrules-", suffix=Path(loc.path).suffix, dir=folder)
    os.close(fd)
    fmt = {"csv": "FORMAT CSV, HEADER", "parquet": "FORMAT PARQUET", "jsonl": "FORMAT JSON"}[loc.kind]
    try:
        try:
            con.execute(f"COPY ({select}) TO {_lit(tmp)} ({fmt})")
        except Exception as exc:
            raise BatchOutputError(f"{loc.path}: cannot write the output: {exc}") from None
        _replace(tmp, loc.path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _summary(con, result, engine, rows_read, dst, rej, carry, missing, started) -> BatchSummary:
    records, segmented = con.execute(f"SELECT count(*), count(segment) FROM {result}").fetchone()
    if rows_read is None:  # the wide shape: a row per record
        rows_read = records
    by_code = dict(
        con.execute(
            f"SELECT code, count(*) FROM (SELECT unnest(list_distinct(string_split(error_codes, ','))) AS code "
            f"FROM {result} WHERE error_codes IS NOT NULL) GROUP BY code"
        ).fetchall()
    )
    return BatchSummary(
        engine, rows_read, records, segmented, records - segmented, by_code, time.perf_counter() - started,
        str(dst), str(rej) if rej else None, tuple(carry), tuple(missing),
    )


# --------------------------------------------------------------------------- PostgreSQL


def _run_postgres(ruleset, src: Location, dst: Location, rej: Location | None, shape, key, started) -> BatchSummary:
    for loc in (src, dst) + ((rej,) if rej else ()):
        if loc.kind != "postgres" or loc.path != src.path:
            raise BatchInputError(
                "--engine postgres reads and writes tables of one PostgreSQL database: give --input, --output "
                "(and --rejects) as postgresql://...#table with the same connection"
            )
    psycopg = _psycopg()
    try:
        conn = psycopg.connect(src.path)
    except psycopg.Error as exc:
        raise DatabaseError(f"cannot connect to PostgreSQL: {exc}".strip()) from None
    table = ".".join(q(p) for p in src.table.split("."))
    try:
        with conn.transaction():
            cur = conn.cursor()
            try:
                cur.execute(f"SELECT * FROM {table} LIMIT 0")
            except psycopg.Error as exc:
                raise BatchInputError(f"{src}: cannot read the table: {str(exc).strip()}") from None
            columns = [d.name for d in cur.description]
            known = conn.adapters.types
            types = {d.name: getattr(known.get(d.type_code), "name", "") for d in cur.description}
            carry, missing = _plan_columns(ruleset, columns, shape, key, src)
            query = render(
                compile_query(ruleset.definition, table=table, shape=shape, key=key, carry=carry, columns=columns,
                              types=types),
                "postgres",
            )
            rows_read = cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            out = ".".join(q(p) for p in dst.table.split("."))
            if rej is None:
                # one output: written straight from the query (one write of the rows, not two)
                result = out
                cur.execute(f"DROP TABLE IF EXISTS {out}")
                cur.execute(f"CREATE TABLE {out} AS SELECT * FROM ({query}) AS r ORDER BY {q(key)}")
            else:
                result = "segrules_result"
                cur.execute(f"CREATE TEMP TABLE segrules_result ON COMMIT DROP AS {query}")
                for loc, where in ((dst, "error_codes IS NULL"), (rej, "error_codes IS NOT NULL")):
                    name = ".".join(q(p) for p in loc.table.split("."))
                    cur.execute(f"DROP TABLE IF EXISTS {name}")
                    cur.execute(f"CREATE TABLE {name} AS SELECT * FROM segrules_result WHERE {where} ORDER BY {q(key)}")
            records, segmented = cur.execute(f"SELECT count(*), count(segment) FROM {result}").fetchone()
            by_code = dict(
                cur.execute(
                    f"SELECT c.code, count(*) FROM {result} AS r, "
                    "LATERAL (SELECT DISTINCT unnest(string_to_array(r.error_codes, ','))) AS c(code) "
                    "WHERE r.error_codes IS NOT NULL GROUP BY c.code"
                ).fetchall()
            )
    except psycopg.Error as exc:
        raise DatabaseError(f"PostgreSQL: {str(exc).strip()}") from None
    finally:
        conn.close()
    return BatchSummary(
        "postgres", rows_read, records, segmented, records - segmented, by_code, time.perf_counter() - started,
        str(dst), str(rej) if rej else None, tuple(carry), tuple(missing),
    )

