"""Batch segmentation: a whole answers table in, one result row per record out.

Engines: ``duckdb`` (embedded, the default) runs the generated SQL over CSV, Parquet, JSON
Lines or a DuckDB table; ``postgres`` runs it inside PostgreSQL, table to table, in one
transaction; ``python`` runs the Python engine on the same rows, for comparison; ``spark``
runs it on Apache Spark (``segrules.sql.spark``).

The result has one row per record: the key, any carried columns (wide shape: every column
that is not an input), then ``RESULT_COLUMNS``. A record that is not valid has no segment and
its ``error_codes`` / ``error_inputs``. With ``rejects`` the invalid records go there and the
output keeps the segmented ones; without it the output keeps every record. Files are written
to a temporary name beside the target and renamed into place when complete; tables are
replaced inside one transaction: an interrupted run leaves the old output as it was.

Input files are read whole, with their dialect and types known from the header and the
ruleset, never from a sample of the first rows; what would make a record ambiguous (a column
or a key given twice, a column named like a result column) is refused before any work.
Temporary files and folders are named for their host and process (``segrules.files``), and
those of killed runs are removed by the next run.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import errno
import json
import os
import re
import signal
import stat
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

import attrs

from ..errors import SegrulesError, UsageError, holds_surrogate, lone_surrogate, safe_text
from ..files import (
    NEW_FILE_MODE, OutputError, bounded_lines, folder_refusal, left_behind, os_reason, output_target, remove_stale,
    same_file, temp_file_beside, temp_prefix,
)
from ..progress import NO_PROGRESS, Progress
from .compiler import RESULT_COLUMNS, compile_query, is_json_type, q, s as _lit
from .render import duckdb_native, json_text_duckdb, postgres_native, result_number_type
from .rows import answers_from_json, answers_from_text, reference_row

ENGINES = ("duckdb", "postgres", "python", "spark")
FILE_KINDS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}
BATCH_ROWS = 10_000  # rows the Python engine holds at a time


class BatchInputError(UsageError):
    code = "SR803"


class BatchOutputError(UsageError):
    code = "SR804"


class DatabaseError(SegrulesError):
    code = "SR806"


class DuplicateColumnError(BatchInputError):
    """A column of the answers is named twice: it is not known which holds the answers."""

    code = "SR807"


class DuplicateKeyError(BatchInputError):
    """A record key is given to more than one record, or to none."""

    code = "SR808"


class ResultColumnError(BatchInputError):
    """A column of the answers has the name of a column the result writes."""

    code = "SR809"


class PostgresTablesOnlyError(BatchInputError):
    """PostgreSQL tables and --engine postgres go together: that engine runs the query inside
    the server, on tables of one database, and reads or writes no file; no other engine reads
    or writes a PostgreSQL table."""

    code = "SR810"


@attrs.frozen
class Location:
    """Where rows are read or written: a file of a kind, or a table in a database."""

    kind: str  # csv | parquet | jsonl | duckdb | postgres
    path: str  # file path, database file or connection URL
    table: str | None = None

    def __str__(self) -> str:
        return self.path + (f"#{self.table}" if self.table else "")


def refuse_non_utf8_name(text: str, error: type[UsageError]) -> None:
    """A location whose name holds a byte that is not UTF-8 (Python reads it from a command line
    as a lone surrogate) is refused with ``error``: DuckDB, PostgreSQL and Spark take UTF-8 names
    only, and DuckDB's failure to convert such a name read as if the input were not UTF-8."""
    if holds_surrogate(text):
        raise error(f"{safe_text(text)}: the name holds a byte that is not UTF-8; DuckDB, PostgreSQL and Spark take "
                    "UTF-8 names only: rename it")


def parse_location(text: str, *, error: type[UsageError]) -> Location:
    refuse_non_utf8_name(text, error)
    if text.startswith(("postgresql://", "postgres://")):
        url, _, table = text.partition("#")
        if not table:
            raise error(f"{text}: name the table after '#', e.g. postgresql://host/db#answers")
        return Location("postgres", url, table)
    # a table of a DuckDB file after its last '#'; any other '#' is part of a file's name
    path, _, table = text.rpartition("#")
    if Path(path).suffix.lower() not in (".duckdb", ".db"):
        path, table = text, ""
    suffix = Path(path).suffix.lower()
    if suffix in (".duckdb", ".db"):
        if not table:
            raise error(f"{text}: name the table after '#', e.g. {path}#answers")
        return Location("duckdb", path, table)
    if suffix not in FILE_KINDS:
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
    progress: Progress = NO_PROGRESS,
    carry: Sequence[str] = (),
    spark_master: str | None = None,
) -> BatchSummary:
    """Segment every record of ``input`` into ``output`` (see the module docstring; the Spark
    engine is ``segrules.sql.spark``, on ``spark_master``). ``progress`` is told the records
    done of all (the Python engine) or DuckDB's percentage, with the records when the input
    says how many without a scan (Parquet, a DuckDB table)."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine {engine!r}; use one of: {', '.join(ENGINES)}", code="SR801")
    if spark_master is not None and engine != "spark":
        raise UsageError("--spark-master is for --engine spark", code="SR801")
    if engine == "spark":
        from .spark import DEFAULT_MASTER, run_spark_batch

        return run_spark_batch(ruleset, input, output, rejects=rejects, shape=shape, key=key, carry=carry,
                               master=spark_master or DEFAULT_MASTER)
    src = parse_location(input, error=BatchInputError)
    dst = parse_location(output, error=BatchOutputError)
    rej = parse_location(rejects, error=BatchOutputError) if rejects else None
    _refuse_overwriting(src, dst, rej)
    started = time.perf_counter()
    if engine == "postgres":
        if carry:
            raise UsageError("--carry is for the duckdb and python engines; PostgreSQL carries every non-input column",
                             code="SR801")
        progress.step("segmenting")  # inside the server: no figures, the time so far
        return _run_postgres(ruleset, src, dst, rej, shape, key, started)
    for option, loc in (("--input", src), ("--output", dst), ("--rejects", rej)):
        if loc is not None and loc.kind == "postgres":
            raise PostgresTablesOnlyError(
                f"{option} is a PostgreSQL table, which only --engine postgres reads and writes (inside the "
                f"server); add --engine postgres, with the input, output and rejects all tables of one database"
            )
    for loc in (dst, rej):
        if loc is not None and loc.kind in ("csv", "parquet", "jsonl"):
            _output_file(loc)  # a folder, a pipe, a missing or read-only folder: refused before any work
    duckdb = _duckdb()
    with duckdb_session() as con:
        relation = duckdb_relation(con, src, [i.id for i in ruleset.definition.inputs], key=key, shape=shape)
        if engine == "duckdb":
            query, carry, missing = segment_query(con, ruleset, relation, shape=shape, key=key, source=src, carry=carry)
        else:
            columns = _columns_duckdb(con, relation)
            carried, missing = _plan_columns(ruleset, columns, shape, key, src)
            carry = _carried(columns, carried, carry, shape, key, src)
            try:
                progress.step("segmenting", _record_count(con, relation, shape, key) if progress.shown else None)
                _python_engine(con, ruleset, relation, shape, key, carry, progress)
            except duckdb.Error as exc:
                raise _read_error(exc, src) from None
            query = "SELECT * FROM result"
        with _scratch(dst) as result:
            # one pass over the input, streamed into Parquet in key order; the outputs and the
            # summary are read from there
            counted = progress.shown and engine == "duckdb" and src.kind in ("parquet", "duckdb")
            total = _record_count(con, relation, shape, key) if counted else None
            with duckdb_progress(con, progress, total, "segmenting" if engine == "duckdb" else "writing"):
                try:
                    con.execute(f"COPY ({_in_key_order(query, key, ruleset)}) TO {_lit(result)} "
                                "(FORMAT PARQUET, USE_TMP_FILE false)")
                except duckdb.Error as exc:
                    raise _read_error(exc, src) from None
            relation_out = f"read_parquet({_lit(result)})"
            progress.step("writing")  # the outputs, from the result in key order
            counts = result_counts(con, relation_out, key)
            if shape == "wide":
                _check_keys(con, relation_out, key, src, counts.records, counts.keyed)
            else:  # grouped by key, no key repeats; rows without one would make one record
                refuse_key_problems(src, key, counts.records - counts.keyed, None, shape)
            rows_read = None if shape == "wide" else con.execute(f"SELECT count(*) FROM {relation}").fetchone()[0]
            summary = _summary(engine, rows_read, dst, rej, carry, missing, started, counts)
            if rej is None and dst.kind == "parquet":
                _replace(result, dst)
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


#: DuckDB's integer types, whose keys can be told apart with a bitmap of their range
_INTEGER_KEYS = frozenset({"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER",
                           "UBIGINT"})
#: The widest range of integer keys checked with a bitmap: 2**27 bits (16 MB, for each of
#: DuckDB's threads)
_KEY_BITMAP_BITS = 1 << 27


def _keys_repeat(con, result: str, key: str, keyed: int) -> bool:
    """Whether a key is given to more than one of the ``keyed`` records of a DuckDB relation
    that have one. Integer keys in a range of at most ``_KEY_BITMAP_BITS`` are marked in a
    bitmap of the range (``bitstring_agg``), whose bits set are the distinct keys: exact, and
    a tenth of the time of counting them distinct (10M records: 0.08 s against 1.4 s); other
    keys are counted distinct."""
    k = q(key)
    kind = con.execute(f"DESCRIBE SELECT {k} FROM {result}").fetchone()[1]
    if kind in _INTEGER_KEYS and keyed:
        low, high = con.execute(f"SELECT min({k}), max({k}) FROM {result}").fetchone()
        if high - low < _KEY_BITMAP_BITS:
            try:
                distinct = con.execute(
                    f"SELECT bit_count(bitstring_agg({k}, {int(low)}, {int(high)})) FROM {result}").fetchone()[0]
            except _duckdb().Error:  # a DuckDB without it: the keys are counted instead
                pass
            else:
                return distinct < keyed
    return con.execute(f"SELECT count(DISTINCT {k}) FROM {result}").fetchone()[0] < keyed


def _check_keys(con, result: str, key: str, src: Any, records: int, keyed: int) -> None:
    """SR808 for a DuckDB result of ``records`` records, ``keyed`` of them with a key, that has
    a record without a key or a key given twice; which key repeats, and how often, is looked
    for only when one does."""
    if keyed < records or _keys_repeat(con, result, key, keyed):
        _refuse_repeated_keys(con, result, key, src, empty=records - keyed)


def _refuse_repeated_keys(con, result: str, key: str, src: Any, *, empty: int | None = None) -> None:
    """Refuse a result in which a record key is given to more than one record, or a record
    has no key (SR808): its rows could not be told apart, and a report would count the same
    person twice. It is read from the result (one row per input row) before any output is
    written (PostgreSQL counts the keys only when a unique index on them fails, in the
    transaction that wrote the result); ``con`` is a DuckDB connection or a PostgreSQL
    cursor. ``empty``: the records without a key, when already counted."""
    k = q(key)
    if empty is None:
        empty = con.execute(f"SELECT count(*) FROM {result} WHERE {k} IS NULL").fetchone()[0]
    repeated = None if empty else con.execute(
        f"SELECT CAST({k} AS VARCHAR), n, count(*) OVER () FROM "
        f"(SELECT {k}, count(*) AS n FROM {result} GROUP BY {k} HAVING count(*) > 1) AS repeated "
        f"ORDER BY n DESC, {k} LIMIT 1"
    ).fetchone()
    refuse_key_problems(src, key, empty, repeated)


def refuse_key_problems(src: Any, key: str, empty: int, repeated: tuple | None, shape: str = "wide") -> None:
    """SR808 for ``empty`` records without a key, or for ``repeated``: (the key most often
    repeated as text, how many records have it, how many keys repeat), as an engine counted them.
    In the long shape, whose rows are grouped by key, the rows without one would all make one
    record: ``empty`` is then that record, and no key repeats."""
    if empty and shape == "long":
        raise DuplicateKeyError(
            f"{src}: rows without a record key ({key!r} is empty) cannot be told apart: they would "
            "all be read as the answers of one record; give every row its record's key, or delete those rows"
        )
    if empty:
        raise DuplicateKeyError(
            f"{src}: {empty} record{'s have' if empty > 1 else ' has'} no record key ({key!r} is empty); "
            "give every record its key, or delete the empty rows"
        )
    if repeated:
        shown, times, keys = repeated
        more = f" (and {keys - 1} other key{'s' if keys > 2 else ''} more than once)" if keys > 1 else ""
        raise DuplicateKeyError(
            f"{src}: the record key {key} = {safe_text(shown, 80)!r} is given to {times} records{more}; "
            "each record needs a key of its own (keep the latest row of each key, or give --key a column "
            "that is unique)"
        )


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
    same = same_file(a.path, b.path)
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
    with _temp_folder("segrules-spill") as spill:
        con = duckdb.connect()
        try:
            con.execute("SET enable_progress_bar = false")
            con.execute(f"SET temp_directory = {_lit(spill)}")
            con.execute(f"SET memory_limit = {_lit(memory_limit())}")
            yield con
        finally:
            con.close()


def _temp_folder(kind: str) -> tempfile.TemporaryDirectory:
    """A temporary folder of this run, named ``<kind>-<host>-<pid>-<random>`` in the system's
    temporary folder; those of runs that were killed (their process has ended) are removed
    first: DuckDB's spill files can be gigabytes."""
    remove_stale(tempfile.gettempdir(), kind)
    return tempfile.TemporaryDirectory(prefix=temp_prefix(kind))


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
            fd, self.path = _temp_beside(self.dst)
        else:
            self.folder = _temp_folder("segrules-batch")
            fd, self.path = tempfile.mkstemp(prefix=".segrules-", suffix=".parquet", dir=self.folder.name)
        os.close(fd)
        return self.path

    def __exit__(self, *exc) -> None:
        if os.path.exists(self.path):
            os.unlink(self.path)
        if self.folder is not None:
            self.folder.cleanup()


class duckdb_progress:
    """DuckDB's percentage of one statement for ``progress``, read by its drawing thread while
    the statement runs (DuckDB's own bar writes to standard output, which may be the --json
    summary, and is left off)."""

    def __init__(self, con, progress: Progress, total: int | None, step: str = "segmenting"):
        self.con, self.progress, self.total, self.name = con, progress, total, step

    def __enter__(self):
        if self.progress.shown:
            self.con.execute("SET enable_progress_bar = true")
            self.con.execute("SET enable_progress_bar_print = false")
            self.progress.step(self.name, self.total)
            self.progress.watch(self._read)
        return self

    def _read(self) -> float | None:
        got = self.con.query_progress()
        return got if got is not None and got >= 0 else None  # -1: no statement runs

    def __exit__(self, *exc) -> None:
        self.progress.watch(None)


def _record_count(con, relation: str, shape: str, key: str) -> int:
    """How many records the answers hold, for the progress shown (a Parquet file or a DuckDB
    table says it without reading the rows)."""
    if shape == "wide":
        return con.execute(f"SELECT count(*) FROM {relation}").fetchone()[0]
    return con.execute(f"SELECT count(DISTINCT {q(key)}) FROM {relation}").fetchone()[0]


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
        raise _read_error(exc, source or relation) from None
    if shape == "wide":  # a report would count a repeated record twice
        records, keyed = con.execute(f"SELECT count(*), count({q(key)}) FROM {q(table)}").fetchone()
        _check_keys(con, q(table), key, source or relation, records, keyed)
    return carry, missing


def segment_query(con, ruleset, relation: str, *, shape: str = "wide", key: str = "record_id",
                  source: Any = None, carry: Sequence[str] = ()) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The DuckDB query that segments the rows of ``relation`` (read with the types DuckDB
    gives its columns), the columns it carries through and the input columns missing."""
    types = _column_types_duckdb(con, relation)
    columns = list(types)
    carried, missing = _plan_columns(ruleset, columns, shape, key, source or relation)
    carry = _carried(columns, carried, carry, shape, key, source or relation)
    query = duckdb_native(
        con,
        compile_query(ruleset.definition, table=relation, shape=shape, key=key, carry=carry, columns=columns,
                      types=types, euclid=False, batteries=False),
    )
    # DuckDB moves a filter below the layer that computes what it reads, copying each such
    # expression into every place the filter uses it: a JSON value's reading once for each of a
    # choice's codes (1M JSON Lines records: 2.7 s instead of 5.2 s), an asked_when condition
    # once for each question it asks (Suuntima's battery, 23 times instead of 4: 4 % of the CPU
    # of a 1M-record Parquet run). The filters stay where they are written. Only the speed
    # depends on it: a DuckDB without this switch runs the query as it is.
    try:
        con.execute("SET disabled_optimizers = 'filter_pushdown'")
    except _duckdb().Error:
        pass
    return query, carry, missing


def duckdb_relation(con, src: Location, inputs: Sequence[str] = (), *, key: str = "record_id",
                    shape: str = "wide") -> str:
    """The DuckDB relation that reads ``src`` (a file by its kind, or an attached table).

    Files are read whole, never from a sample of their first rows: a CSV file's dialect comes
    from its header (``_csv_header``) and every column is read as text; in a JSON Lines file
    the answers (the columns named in ``inputs``, a ruleset's inputs; ``value`` in the long
    shape) are read as JSON values, so that a JSON string and a JSON number keep their kinds,
    as in ``decide``, and every other column gets the type of all its values."""
    path = src.path
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise BatchInputError(f"{path}: no such {'DuckDB database' if src.kind == 'duckdb' else 'file'}") from None
        raise BatchInputError(f"{path}: cannot be read: {os_reason(exc, reading=True)}") from None  # a loop of links, ...
    if stat.S_ISDIR(mode):
        raise BatchInputError(f"{path}: it is a folder; give a file")
    if not stat.S_ISREG(mode):  # a named pipe, a device, a socket: read more than once, so refused
        raise BatchInputError(f"{path}: it is not a regular file (a named pipe, a device or a socket); the input is "
                              "read more than once: save it to a file and give that")
    lit = _lit(path)
    if src.kind == "csv":
        names, delimiter, new_line = _csv_header(src, key, inputs)
        spec = ", ".join(f"{_lit(n)}: 'VARCHAR'" for n in names)
        return (
            f"read_csv({lit}, header = true, auto_detect = false, delim = {_lit(delimiter)}, quote = '\"', "
            f"escape = '\"', new_line = {_lit(new_line)}, columns = {{{spec}}})"
        )
    if src.kind == "parquet":
        return f"read_parquet({lit})"
    if src.kind == "jsonl":
        return _jsonl_relation(con, src, lit, ("value",) if shape == "long" else inputs)
    try:
        con.execute(f"ATTACH {lit} AS src (READ_ONLY)")
    except Exception as exc:
        raise BatchInputError(f"{path}: cannot open the DuckDB database: {exc}") from None
    table = f"src.{q(src.table)}"
    # a key or carried column of 128-bit integers goes through Parquet, which has no such type
    # and where DuckDB writes one as DOUBLE: it is read as its digits, exact (an answer keeps
    # its type: the ruleset reads it as a number)
    answers = set(inputs) | ({"value"} if shape == "long" else set())
    wide = [name for name, kind in _column_types_duckdb(con, table).items()
            if kind in ("HUGEINT", "UHUGEINT") and name not in answers]
    if wide:
        return f"(SELECT * REPLACE ({', '.join(f'CAST({q(n)} AS VARCHAR) AS {q(n)}' for n in wide)}) FROM {table})"
    return table


CSV_DELIMITERS = (",", ";", "\t", "|")
MAX_HEADER_BYTES = 1 << 20


def _csv_header(src: Location, key: str, inputs: Sequence[str]) -> tuple[list[str], str, str]:
    """A CSV file's column names, its delimiter and its line end, from its header line alone.

    The file is RFC 4180 text in UTF-8 (a byte-order mark is allowed): fields quoted with
    ``"`` where they hold a delimiter, a quote or a line break, a quote inside doubled. The
    delimiter is the one of ``,`` ``;`` tab ``|`` that makes the header name the key column
    (and most inputs), as a spreadsheet writes it in any locale; the line end is the
    header's. Nothing is guessed from the rows, which are then read whole with these
    settings. A column named twice (DuckDB's names ignore case) is refused (SR807), a
    column with no name too (SR803)."""
    try:
        with open(src.path, "rb") as f:
            head = f.read(MAX_HEADER_BYTES + 1)
    except OSError as exc:
        raise BatchInputError(f"{src}: cannot be read: {os_reason(exc)}") from None
    head = head.removeprefix(codecs.BOM_UTF8)
    end, quoted = None, False
    for i, byte in enumerate(head):
        if byte == 0x22:
            quoted = not quoted
        elif byte in (0x0A, 0x0D) and not quoted:
            end = i
            break
    if end is None:
        if len(head) > MAX_HEADER_BYTES:
            raise BatchInputError(f"{src}: the header line is longer than {MAX_HEADER_BYTES} bytes; is it a CSV file?")
        end = len(head)
    # as DuckDB's new_line option spells it
    new_line = "\\r\\n" if head[end:end + 2] == b"\r\n" else "\\r" if head[end:end + 1] == b"\r" else "\\n"
    try:
        header = head[:end].decode("utf-8")
    except UnicodeDecodeError:
        raise BatchInputError(f"{src}: {_NOT_UTF8}") from None
    if not header.strip():
        raise BatchInputError(f"{src}: the first line is empty; a CSV file starts with its header (the column names)")
    wanted = set(inputs)

    def fit(delimiter: str) -> tuple[bool, int, bool]:
        names = next(csv.reader([header], delimiter=delimiter, quotechar='"', doublequote=True, strict=False))
        return key in names, sum(n in wanted for n in names), delimiter == ","

    delimiter = max(CSV_DELIMITERS, key=fit)
    names = next(csv.reader([header], delimiter=delimiter, quotechar='"', doublequote=True, strict=False))
    seen: dict[str, str] = {}
    for position, name in enumerate(names, 1):
        if not name:
            raise BatchInputError(
                f"{src}: column {position} of the header has no name; name it, or delete the column"
            )
        first = seen.setdefault(name.lower(), name)
        if first is not name:
            raise DuplicateColumnError(
                f"{src}: the header names the column {name!r} twice"
                + (f" (as {first!r} and {name!r}; column names ignore case)" if first != name else "")
                + "; it is not known which one holds the answers: keep one column of that name"
            )
    return names, delimiter, new_line


_NOT_UTF8 = (
    "is not UTF-8 text; save it as UTF-8 (in a spreadsheet: 'CSV UTF-8'), or convert it, "
    "e.g. iconv -f WINDOWS-1252 -t UTF-8"
)
_NOT_JSON_LINES = "cannot be read as JSON Lines (one JSON object a line)"
_NOT_UTF8_JSON = "is not UTF-8 text; save it as UTF-8, or convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8"


def _jsonl_relation(con, src: Location, lit: str, answers: Sequence[str]) -> str:
    """Every line of a JSON Lines file: the answers (``answers``) as JSON values, every other
    key with the type of all its values in the file (``_jsonl_type``). The columns are the
    keys of every line, in the order they first appear: DuckDB's reader, given a sample's
    columns and types, would pass over a key first seen after the sample (a question first
    answered there) and stop at a value of another kind."""
    duckdb = _duckdb()
    if _blank(src.path):
        raise BatchInputError(f"{src}: the file is empty: it has no line with a JSON object (a record)")
    try:
        # the keys of every line, and NULL among them where a line is not JSON as decide reads it
        # (DuckDB's reader lets a comma before a closing bracket, NaN and Infinity through)
        every = {k for (k,) in con.execute(
            f"SELECT DISTINCT unnest(CASE WHEN CASE WHEN {_MAYBE_NOT_JSON} THEN {_NOT_JSON} ELSE false END "
            "THEN list_prepend(NULL, json_keys(json)) ELSE json_keys(json) END) AS k "
            f"FROM read_json_objects({lit}, format = 'newline_delimited')"
        ).fetchall()}
        if None in every:
            line = _first_line_not_json(src.path)
            raise BatchInputError(
                f"{src}: {f'line {line}' if line else 'a line'} is not JSON: a comma before a closing bracket, NaN or "
                "Infinity (decide refuses it; DuckDB's reader would let it through); write it as JSON"
            )
        if "" in every:  # a column without a name, as a CSV header's (DuckDB's reader stops at it)
            line = _first_line_with_empty_key(src.path)
            raise BatchInputError(f"{src}: {f'line {line}' if line else 'a line'} has the empty key \"\", a column "
                                  "without a name; name it or delete it")
        sampled = [name for name, *_ in con.execute(
            f"DESCRIBE SELECT * FROM read_json({lit}, format = 'newline_delimited', records = true)"
        ).fetchall()]
    except duckdb.Error as exc:
        raise _read_error(exc, src, reading_lines=True) from None
    keys = [k for k in sampled if k in every] + sorted(every - set(sampled))  # the file's order, then the late ones
    seen: dict[str, str] = {}
    for name in keys:
        first = seen.setdefault(name.lower(), name)
        if first != name:
            raise DuplicateColumnError(
                f"{src}: the keys {first!r} and {name!r} name one column (column names ignore case); "
                "write each key in one spelling"
            )
    wanted = set(answers)
    others = [k for k in keys if k not in wanted]
    types = dict.fromkeys(keys, "JSON")
    if others:
        reading = ", ".join(f"{_lit(k)}: 'JSON'" for k in others)
        probes = ", ".join(
            f"list(DISTINCT json_type({q(k)})), max(TRY_CAST({q(k)} AS UBIGINT)) FILTER (WHERE json_type({q(k)}) = 'UBIGINT')"
            for k in others
        )
        try:
            row = con.execute(
                f"SELECT {probes} FROM read_json({lit}, format = 'newline_delimited', records = true, "
                f"columns = {{{reading}}})"
            ).fetchone()
        except duckdb.Error as exc:
            raise _read_error(exc, src, reading_lines=True) from None
        for k, kinds, largest in zip(others, row[0::2], row[1::2]):
            types[k] = _jsonl_type(set(kinds) - {None, "NULL"}, largest)
    spec = ", ".join(f"{_lit(k)}: {_lit(t)}" for k, t in types.items())
    return f"read_json({lit}, format = 'newline_delimited', records = true, columns = {{{spec}}})"


def _blank(path: str, chunk: int = 1 << 16) -> bool:
    """Whether a file holds nothing but white space (read until its first other byte)."""
    with open(path, "rb") as f:
        while data := f.read(chunk):
            if data.strip():
                return False
    return True


def _jsonl_type(kinds: set, largest) -> str:
    """The type a JSON Lines column that is not an answer is read with, from the JSON kinds of
    all its values: whole numbers that fit BIGINT as BIGINT, true/false as BOOLEAN, any other
    column as text (a string as its text, any other value as its JSON text: a number with a
    fraction or beyond 64 bits keeps its digits, a text key among numbers stays itself)."""
    if kinds and kinds <= {"BIGINT", "UBIGINT"} and (largest is None or largest <= 2**63 - 1):
        return "BIGINT"
    if kinds == {"BOOLEAN"}:
        return "BOOLEAN"
    return "VARCHAR"


_CSV_REASONS = ("Expected Number of Columns", "Value with unterminated quote", "Maximum line size")


def _read_error(exc: Exception, src: Any, *, reading_lines: bool = False) -> SegrulesError:
    """The coded error for a file the database could not read: a JSON object that gives a key
    twice (SR807), text that is not UTF-8, a CSV row that does not fit the header (SR803);
    anything else is the database's (SR806). The line itself is not shown: it may hold
    personal data."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    first = lines[0] if lines else type(exc).__name__
    text = " ".join(lines)
    if "duplicate key" in text.lower():
        # DuckDB quotes the record (health data): only its line and the key are said
        line, key = _IN_LINE.search(first), _DUPLICATE_KEY.search(first)
        return DuplicateColumnError(
            f"{src}: {f'line {line.group(1)}' if line else 'a line'} gives "
            f"{f'the key {key.group(1)}' if key else 'a key'} twice; decide refuses such a line too: keep one value "
            "for each key")
    if "unicode" in text.lower() or "utf-8" in text.lower() or "utf8" in text.lower():
        if getattr(src, "kind", None) == "jsonl":  # no spreadsheet's advice; the line DuckDB means
            return BatchInputError(f"{src}: {_NOT_UTF8_JSON} ({_json_line_found(src.path, first)})")
        return BatchInputError(f"{src}: {_NOT_UTF8} ({first})")
    if "CSV" in text and getattr(src, "kind", None) == "csv":
        # DuckDB's own words on what is wrong, never the line it quotes
        reasons = [line for line in lines[1:] if line.startswith(_CSV_REASONS)][:1]
        why = (reasons[0].rstrip(". ") + ". ") if reasons else ""
        if "state machine reached an invalid state" in first:  # DuckDB names no line: find it
            other = _other_line_end(src.path)
            if other is not None:
                number, found, header = other
                return BatchInputError(
                    f"{src}: cannot be read as CSV: line {number} ends in {found}, the header in {header}; a file has "
                    "one kind of line end (save it again, or convert it, e.g. dos2unix)"
                )
        return BatchInputError(
            f"{src}: cannot be read as CSV: {first}. {why}Every row must have the header's columns, a field with "
            "the delimiter, a quote or a line break quoted (\"...\", a quote inside doubled), one kind of line end"
        )
    if getattr(src, "kind", None) == "jsonl" and (reading_lines or "JSON" in first):
        if _IN_LINE.search(first) is None:  # DuckDB names no line (a line that is a list, say): find it
            bad = _first_line_not_one_object(src.path)
            if bad is not None:
                return BatchInputError(f"{src}: {_NOT_JSON_LINES}: line {bad} is not one JSON object, as decide reads a "
                                       "line; write each record as one JSON object on a line of its own")
        return BatchInputError(f"{src}: {_NOT_JSON_LINES}: {_json_line_found(src.path, _without_record(first))}")
    return DatabaseError(f"DuckDB could not segment {src}: {first}")


_IN_LINE = re.compile(r"\bin line (\d+)\b")
_DUPLICATE_KEY = re.compile(r'has duplicate key ("(?:[^"\\]|\\.)*")')
#: A record DuckDB quotes in a message (``Object {"record_id":2,...``), and its advice on
#: options that segrules sets itself.
_QUOTED_RECORD = re.compile(r"Object \{.*?(?= has |$)|\s*Try auto-detecting the JSON format\.?", re.DOTALL)


def _without_record(message: str) -> str:
    """DuckDB's message without the record it quotes, which may hold personal data."""
    return _QUOTED_RECORD.sub(lambda m: "Object" if m.group().startswith("Object") else "", message)


def _first_line_with_empty_key(path: str) -> int | None:
    """The number of the first line of a JSON Lines file whose object has the key ``""``
    (only when one has); None where no line can be judged so."""
    def has_empty_key(line: bytes) -> bool:
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            return False
        return isinstance(value, dict) and "" in value

    return _first_line_where(path, lambda line: b'""' in line and has_empty_key(line))


def _first_line_not_one_object(path: str) -> int | None:
    """The number of the first line of a JSON Lines file (blank lines passed over) that is not
    one JSON object as decide reads one; None if none is, or the file cannot be read. Only
    when DuckDB has refused the file without naming a line."""
    return _first_line_where(path, lambda line: bool(line.strip()) and not _one_json_object(line))


def _first_line_where(path: str, found: Callable[[bytes], bool]) -> int | None:
    """The number of the first line of a file for which ``found`` holds (a line too long to
    judge passed over); None if there is none, or the file cannot be read."""
    return next((number for number, line in _file_lines(path) if line is not None and found(line)), None)


#: The longest line looked at again (a longer one is not judged: DuckDB's words stand).
MAX_JUDGED_LINE = 1 << 20


def _json_line_found(path: str, message: str) -> str:
    """DuckDB's message on a JSON Lines file it cannot read, naming the line at fault: DuckDB
    (2.0) names the line after it. Of the line it names and the one before, the first that
    is not one JSON object (or holds a lone surrogate) is named; where neither can be judged,
    the message says both."""
    m = _IN_LINE.search(message)
    if m is None or int(m.group(1)) < 1:
        return message
    named = int(m.group(1))
    lines = _lines_between(path, max(1, named - 1), named)
    bad = [number for number, text in lines.items() if text is not None and not _one_json_object(text)]
    judged = all(text is not None for text in lines.values()) and len(lines) == min(2, named)
    said = f"in line {bad[0]}" if bad else (f"in line {named}" if judged else f"in line {named - 1} or {named}")
    return message[:m.start()] + said + message[m.end():]


def _lines_between(path: str, first: int, last: int) -> dict[int, bytes | None]:
    """Lines ``first`` to ``last`` (1-based) of a file; None for a line longer than
    ``MAX_JUDGED_LINE``."""
    out: dict[int, bytes | None] = {}
    for number, line in _file_lines(path):
        if number > last:
            break
        if number >= first:
            out[number] = line
    return out


def _file_lines(path: str) -> Iterator[tuple[int, bytes | None]]:
    """``bounded_lines`` of a file (None for a line longer than ``MAX_JUDGED_LINE``), the first
    without the byte order mark that may start the file, as decide reads its lines; nothing if
    the file cannot be read."""
    try:
        with open(path, "rb") as f:
            for number, line in bounded_lines(f, MAX_JUDGED_LINE):
                yield number, (line.removeprefix(codecs.BOM_UTF8) if number == 1 and line is not None else line)
    except OSError:
        return


def _one_json_object(raw: bytes) -> bool:
    """Whether a line is one JSON object as ``decide`` reads one (UTF-8, no lone surrogate, no
    NaN or Infinity)."""
    try:
        text = raw.decode("utf-8").rstrip("\r\n")
        value = json.loads(text, parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return isinstance(value, dict) and not lone_surrogate(text, value)


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


#: SQL over a JSON Lines line's text (``json``): a cheap test that passes every line that may
#: not be JSON as decide reads it, and the exact test, outside the line's strings. ``NaN`` and
#: ``Infinity`` are looked for as Python and JavaScript write them; DuckDB's reader takes other
#: spellings too (``nan``, ``inf`` in any case), which it reads as decimal numbers: an answer so
#: written is SR303 (as ``3.0`` is), another column keeps it as its text. Looking for every
#: spelling would cost a regular expression over every line (about 1.3 s per million lines).
_MAYBE_NOT_JSON = "(contains(json, 'NaN') OR contains(json, 'Infinity') OR regexp_matches(json, ',[ \\t\\r]*[\\]}]'))"
_NOT_JSON = ("regexp_matches(regexp_replace(json, '\"(?:[^\"\\\\]|\\\\.)*\"', '\"\"', 'g'), "
             "',\\s*[\\]}]|\\bNaN\\b|\\bInfinity\\b')")


def _first_line_not_json(path: str) -> int | None:
    """The number of the first line of a JSON Lines file that may not be JSON by the cheap test
    and is not one JSON object as decide reads one (only when the file has such a line)."""
    def may_not_be_json(line: bytes) -> bool:
        return b"NaN" in line or b"Infinity" in line or _TRAILING_COMMA.search(line) is not None

    return _first_line_where(path, lambda line: may_not_be_json(line) and not _one_json_object(line))


_TRAILING_COMMA = re.compile(rb",[ \t\r]*[\]}]")


_LINE_END_NAMES = {b"\r\n": "\\r\\n", b"\n": "\\n", b"\r": "\\r"}


def _other_line_end(path: str, chunk: int = 1 << 20) -> tuple[int, str, str] | None:
    """The first line of a CSV file that ends otherwise than its header (outside quotes, where
    a line break may be either): its number (as an editor numbers lines), its line end and the
    header's, as written in messages; None if every line ends as the header does. Read in
    pieces, only when DuckDB has refused the file without naming a line."""
    marks = re.compile(rb'"|\r\n|\r|\n')
    first: bytes | None = None
    number, quoted, carry = 1, False, b""
    try:
        with open(path, "rb") as f:
            while True:
                data = f.read(chunk)
                piece, carry = carry + data, b""
                if data and piece.endswith(b"\r"):  # its \n may open the next piece
                    piece, carry = piece[:-1], b"\r"
                for m in marks.finditer(piece):
                    mark = m.group()
                    if mark == b'"':
                        quoted = not quoted
                        continue
                    if not quoted:
                        if first is None:
                            first = mark
                        elif mark != first:
                            return number, _LINE_END_NAMES[mark], _LINE_END_NAMES[first]
                    number += 1  # a line as an editor numbers them, a line break in quotes too
                if not data:
                    return None
    except OSError:
        return None


def _columns_duckdb(con, relation: str) -> list[str]:
    return list(_column_types_duckdb(con, relation))


def column_types_postgres(cur) -> dict[str, str]:
    """Column name → type name (as the server names it) of the statement ``cur`` last ran."""
    known = cur.connection.adapters.types
    return {d.name: getattr(known.get(d.type_code), "name", "") for d in cur.description}


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
    reserved = {c.lower() for c in RESULT_COLUMNS}
    clash = [c for c in columns if c.lower() in reserved]
    if clash:
        raise ResultColumnError(
            f"{src}: the column{'s' if len(clash) > 1 else ''} {', '.join(map(repr, clash))} "
            f"{'have' if len(clash) > 1 else 'has'} the name of a column the result writes, and would be lost; "
            "rename it in the answers (e.g. previous_segment), or leave it out of the extract"
        )
    carry = tuple(c for c in columns if c != key and c not in ids)
    missing = tuple(i for i in ids if i not in columns)
    return carry, missing


def _carried(columns, carried: tuple[str, ...], asked: Sequence[str], shape: str, key: str, src) -> tuple[str, ...]:
    """The columns carried through: those the shape carries and those asked for (``--carry``),
    each of which must be a column of the input. The long shape (a row per answer) carries
    none: a column of its rows is not one of the record's."""
    absent = [c for c in asked if c not in columns]
    if absent:
        raise BatchInputError(f"{src}: no column {', '.join(map(repr, absent))} to carry; "
                              f"the columns are: {', '.join(columns)}")
    if shape == "long" and asked:
        raise BatchInputError(f"{src}: the long shape, a row per answer, carries no column ({asked[0]}): a column of "
                              "its rows is not one of the record's; carry it with the wide shape, or join it to the "
                              "result by the record key")
    return carried + tuple(c for c in asked if c not in carried and c != key)


# --------------------------------------------------------------------------- the Python engine


def _python_engine(con, ruleset, relation: str, shape: str, key: str, carry, progress: Progress) -> None:
    """Decide every record with the Python engine; rows stream through a temporary CSV file."""
    folder = _temp_folder("segrules-python")
    tmp = open(os.path.join(folder.name, "result.csv"), "w", newline="", encoding="utf-8")
    header = [key, *carry, *RESULT_COLUMNS]
    try:
        try:
            with tmp:
                tmp.write(_csv_line(header))
                for record_key, carried, answers, dups in _records(con, ruleset, relation, shape, key, carry):
                    if dups:
                        row = reference_row(ruleset, {})
                        row.update(error_codes=",".join(["SR802"] * len(dups)), error_inputs=",".join(dups))
                    else:
                        row = reference_row(ruleset, answers)
                    tmp.write(_csv_line([record_key, *carried, *(row[c] for c in RESULT_COLUMNS)]))
                    progress.advance()
        except OSError as exc:  # the working file, not the output: say which, and where
            raise BatchOutputError(
                f"cannot write the Python engine's working file in {folder.name}: {os_reason(exc)}; it holds every "
                "record's result until the output is written: make room there, or set TMPDIR to a folder with room"
            ) from None
        described = _column_types_duckdb(con, relation)
        scores = ("resources_num", "resources_den", "complexity_num", "complexity_den")
        types = {c: "VARCHAR" if is_json_type(described[c]) else described[c] for c in (key, *carry)}
        types.update({c: "VARCHAR" for c in RESULT_COLUMNS}, rule="INTEGER")  # as the SQL engines type it
        # exact, of the type the SQL engines give them (never a DOUBLE)
        types.update(dict.fromkeys(scores, result_number_type(ruleset.definition)))
        spec = "{" + ", ".join(f"{_lit(c)}: {_lit(t)}" for c, t in types.items()) + "}"
        # the file's dialect is given, not sniffed from its first rows
        con.execute(
            f"CREATE TEMP TABLE result AS SELECT * FROM read_csv({_lit(tmp.name)}, header = true, auto_detect = false, "
            f"delim = ',', quote = '\"', escape = '\"', new_line = '\\n', allow_quoted_nulls = false, columns = {spec})"
        )
    finally:
        folder.cleanup()


def _csv_line(values: Sequence[Any]) -> str:
    """One line of the Python engine's temporary CSV: every text quoted (a quote doubled), a
    whole number as it is, NULL as an empty field, so that an empty text, a NULL and a text
    such as ``\\N`` stay what they are."""
    return ",".join(
        "" if v is None else str(v) if isinstance(v, int) else '"' + str(v).replace('"', '""') + '"' for v in values
    ) + "\n"


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
        # a row with no question (None) first, as the SQL lists it, then the others' texts sorted
        unknown = sorted({question for question, _ in rows if question not in ids},
                         key=lambda question: (question is not None, question or ""))
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
    records to the rejects output when there is one: both or neither. Every output is first
    written whole under a temporary name beside it (a file in its folder, a table in its
    database), and only when all are are they put in place: the tables of one database in one
    transaction, then the files renamed, with Ctrl-C and SIGTERM held until that is done. An
    output that cannot be written (a full disk, a read-only database) leaves every old one as
    it was, and nothing temporary behind."""
    targets = [(dst, f"SELECT * FROM {result}" + (" WHERE error_codes IS NULL" if rej is not None else ""))]
    if rej is not None:
        targets.append((rej, f"SELECT * FROM {result} WHERE error_codes IS NOT NULL"))
    files: list[tuple[str, Location]] = []
    tables: list[tuple[Location, str, str]] = []  # (location, its database's alias, the staged table)
    databases: dict[str, str] = {}  # a database file's real path -> its alias
    try:
        for loc, select in targets:
            if loc.kind != "duckdb":
                _stage_file(con, loc, select, files)
                continue
            alias = databases.get(os.path.realpath(loc.path))
            if alias is None:
                alias = _attach_output(con, loc, f"dst{len(databases)}")
                databases[os.path.realpath(loc.path)] = alias
            staged = f"{temp_prefix(_STAGED_TABLE)}{len(tables)}-{loc.table}"
            tables.append((loc, alias, staged))  # known before it is made: whatever stops the run drops it
            _in_transaction(con, loc, f"CREATE TABLE {alias}.{q(staged)} AS {select}")
        with _interrupts_held():
            for alias in databases.values():  # each database's tables replaced in one transaction
                mine = [(loc, staged) for loc, a, staged in tables if a == alias]
                _in_transaction(con, mine[0][0], *(
                    step for loc, staged in mine for step in (
                        f"DROP TABLE IF EXISTS {alias}.{q(loc.table)}",
                        f"ALTER TABLE {alias}.{q(staged)} RENAME TO {q(loc.table)}")))
                tables = [t for t in tables if t[1] != alias]
            while files:
                _replace(*files[0])
                files.pop(0)
    finally:
        for tmp, _ in files:
            if os.path.exists(tmp):
                os.unlink(tmp)
        for loc, alias, staged in tables:  # written but not put in place
            with contextlib.suppress(Exception):
                con.execute(f"DROP TABLE IF EXISTS {alias}.{q(staged)}")
        for alias in databases.values():
            with contextlib.suppress(Exception):  # a full disk may fail its checkpoint: its log stays, complete
                con.execute(f"DETACH {alias}")


#: What the staged output tables' names start with (``temp_prefix``): a killed run's are
#: dropped by the next run that writes to the database.
_STAGED_TABLE = "segrules-table"


def _attach_output(con, loc: Location, alias: str) -> str:
    """The output's DuckDB database attached as ``alias`` (the input's, attached read-only
    and read by now, detached first: it may be the same file), without the staged tables a
    killed run left in it."""
    con.execute("DETACH DATABASE IF EXISTS src")
    try:
        con.execute(f"ATTACH {_lit(loc.path)} AS {alias}")
        for (name,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = ?", [alias]).fetchall():
            if left_behind(name, _STAGED_TABLE):
                con.execute(f"DROP TABLE IF EXISTS {alias}.{q(name)}")
    except Exception as exc:
        raise BatchOutputError(f"{loc.path}: cannot open the DuckDB database: {exc}") from None
    return alias


def _in_transaction(con, loc: Location, *statements: str) -> None:
    """``statements`` in one transaction, committed, or none of them (SR804 naming ``loc``)."""
    try:
        con.execute("BEGIN TRANSACTION")
        for statement in statements:
            con.execute(statement)
        con.execute("COMMIT")
    except Exception as exc:
        with contextlib.suppress(Exception):  # DuckDB may have ended a failed transaction itself
            con.execute("ROLLBACK")
        raise BatchOutputError(f"{loc}: cannot write the table: {_first_line(exc)}") from None


@contextlib.contextmanager
def _interrupts_held():
    """Ctrl-C and SIGTERM that arrive while the outputs are put in place are acted on when
    that is done, so that an interrupted run has put all of them in place or none. In the
    main thread only (where Python's signal handlers run); elsewhere a no-op."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    got: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    before = {sig: signal.signal(sig, lambda signum, frame: got.append(signum)) for sig in held}
    try:
        yield
    finally:
        for sig, handler in before.items():  # None: one installed outside Python, which cannot be put back
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        if got:
            signal.raise_signal(got[0])


def _output_file(loc: Location) -> str:
    """The file an output location is written to, checked before any work, by the rules of
    every command's outputs (``segrules.files.output_target``): a regular file is replaced
    whole; through a symbolic link, the file it names is (the link stays); a folder, a pipe, a
    device, a dangling link is refused (SR522, SR523); a missing or read-only folder too (SR804)."""
    target, _ = output_target(loc.path, streams=False)
    reason = folder_refusal(os.path.dirname(target) or ".")  # a bare file name is in the current folder
    if reason is not None:
        raise BatchOutputError(f"cannot write {loc.path}: {reason}")
    return target


def _temp_beside(loc: Location) -> tuple[int, str]:
    """A new temporary file beside an output file (``temp_file_beside``), its failure named
    by the user's path."""
    try:
        return temp_file_beside(_output_file(loc))
    except OSError as exc:
        raise BatchOutputError(f"cannot write {loc.path}: {os_reason(exc)}") from None


def _replace(tmp: str, loc: Location) -> None:
    """Rename the complete temporary file over the output, with the permissions the old
    file had (or those a new file gets)."""
    target, mode = output_target(loc.path, streams=False)
    try:
        os.chmod(tmp, mode if mode is not None else NEW_FILE_MODE)
        os.replace(tmp, target)
    except OSError as exc:
        raise BatchOutputError(f"{loc.path}: cannot write the output: {os_reason(exc)}") from None


def _stage_file(con, loc: Location, select: str, staged: list[tuple[str, Location]]) -> None:
    """The rows of ``select`` written whole to a new temporary file beside the output file
    ``loc``, to be renamed over it (``_replace``). The file is added to ``staged`` before a
    byte is written: the caller removes what is staged, whatever stops the run (a write that
    fails is SR804)."""
    fd, tmp = _temp_beside(loc)
    os.close(fd)
    staged.append((tmp, loc))
    fmt = {"csv": "FORMAT CSV, HEADER", "parquet": "FORMAT PARQUET", "jsonl": "FORMAT JSON"}[loc.kind]
    try:
        # written into the temporary file itself (made private to this user), not into a
        # DuckDB file of its own beside it, which no later run would know to remove
        con.execute(f"COPY ({select}) TO {_lit(tmp)} ({fmt}, USE_TMP_FILE false)")
    except Exception as exc:
        raise BatchOutputError(f"{loc.path}: cannot write the output: {exc}") from None


@attrs.frozen
class ResultCounts:
    """What a run's result holds: its records, those segmented and those with a key, and the
    records rejected with each code (a record counts once for each code it has)."""

    records: int
    segmented: int
    keyed: int
    by_code: dict


def result_counts(con, result: str, key: str) -> ResultCounts:
    """The counts of a written result, in one pass: its records grouped by their codes (few
    distinct lists), the lists split here. ``con``: a DuckDB connection or a PostgreSQL
    cursor. PostgreSQL counted the codes in a pass of their own, which it ran in one process
    (1M records: 0.13 s)."""
    rows = con.execute(
        f"SELECT error_codes, count(*), count(segment), count({q(key)}) FROM {result} GROUP BY error_codes"
    ).fetchall()
    by_code: dict[str, int] = {}
    for codes, n, _, _ in rows:
        for code in dict.fromkeys(codes.split(",")) if codes else ():
            by_code[code] = by_code.get(code, 0) + n
    return ResultCounts(sum(r[1] for r in rows), sum(r[2] for r in rows), sum(r[3] for r in rows),
                        dict(sorted(by_code.items())))


def _summary(engine, rows_read, dst, rej, carry, missing, started, counts: ResultCounts) -> BatchSummary:
    """The run's summary from the counts of its result."""
    if rows_read is None:  # the wide shape: a row per record
        rows_read = counts.records
    return BatchSummary(
        engine, rows_read, counts.records, counts.segmented, counts.records - counts.segmented, counts.by_code,
        time.perf_counter() - started, str(dst), str(rej) if rej else None, tuple(carry), tuple(missing),
    )


# --------------------------------------------------------------------------- PostgreSQL


def _key_is_unique(cur, table: str, key: str) -> bool:
    """Whether a unique index on the key column alone (a primary key, say) already rules out
    a key given to two records of the PostgreSQL table."""
    return cur.execute(
        "SELECT EXISTS (SELECT FROM pg_index AS i JOIN pg_attribute AS a ON a.attrelid = i.indrelid "
        "AND a.attnum = i.indkey[0] WHERE i.indrelid = CAST(%s AS regclass) AND i.indisunique AND i.indisvalid "
        "AND i.indnkeyatts = 1 AND i.indpred IS NULL AND i.indexprs IS NULL AND a.attname = %s)",
        (table, key),
    ).fetchone()[0]


def _run_postgres(ruleset, src: Location, dst: Location, rej: Location | None, shape, key, started) -> BatchSummary:
    for option, loc in (("--input", src), ("--output", dst), ("--rejects", rej)):
        if loc is None:
            continue
        if loc.kind != "postgres":
            # moving a file through a server would be slower than DuckDB, which gives the same
            # results, and would copy health data into a database nobody named
            raise PostgresTablesOnlyError(
                f"{option} {loc}: --engine postgres reads and writes tables of a PostgreSQL database, not files; "
                "load the file into a table (psql: \\copy answers FROM 'answers.csv' WITH (FORMAT csv, HEADER)) "
                "and give postgresql://...#answers, or segment files with --engine duckdb (the default), which "
                "gives the same results"
            )
        if loc.path != src.path:
            raise PostgresTablesOnlyError(
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
            # for this transaction only (the server's own settings are left as they are): JIT
            # compiling the query's thousands of expressions costs more than it saves, in every
            # parallel worker again (at 1M records on PostgreSQL 15: 5 s in one process, and
            # with its optimisation on, a minute of compiling across a leader and two workers)
            cur.execute("SET LOCAL jit = off")
            try:
                cur.execute(f"SELECT * FROM {table} LIMIT 0")
            except psycopg.Error as exc:
                raise BatchInputError(f"{src}: cannot read the table: {str(exc).strip()}") from None
            types = column_types_postgres(cur)
            columns = list(types)
            carry, missing = _plan_columns(ruleset, columns, shape, key, src)
            query = postgres_native(
                compile_query(ruleset.definition, table=table, shape=shape, key=key, carry=carry, columns=columns,
                              types=types, euclid=False),
            )
            # the long shape's rows (the wide shape's are its records, counted in the result)
            rows_read = cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0] if shape != "wide" else None
            keys_checked = shape != "wide" or _key_is_unique(cur, table, key)

            def refuse_repeated_keys(name: str) -> None:
                # a key given to two records, found in the result (one row per record, written
                # in this transaction, so nothing is kept when it is refused): a unique index
                # on the key, built and dropped, costs a quarter of counting the keys
                if keys_checked:
                    return
                try:
                    with conn.transaction():  # a savepoint
                        cur.execute(f"CREATE UNIQUE INDEX ON {name} ({q(key)})")
                except psycopg.errors.UniqueViolation:
                    _refuse_repeated_keys(cur, name, key, src)  # records without a key are named first
                    raise
                index = cur.execute("SELECT CAST(CAST(indexrelid AS regclass) AS text) FROM pg_index "
                                    "WHERE indrelid = CAST(%s AS regclass)", (name,)).fetchone()[0]
                cur.execute(f"DROP INDEX {index}")

            out = ".".join(q(p) for p in dst.table.split("."))
            # the rows are written without the ruleset's id, version and hash, the same in every
            # row: they are added after, as columns whose value is kept once, in the table's
            # definition (a constant default, which PostgreSQL 11 and later give every row
            # without writing it); carried through the sort and written, they were a third of
            # each row
            rows = ", ".join(q(c) for c in (key, *carry, *RESULT_COLUMNS) if c not in _RULESET_COLUMNS)
            ruleset_columns = [(q(c), _lit(v)) for c, v in zip(_RULESET_COLUMNS, (
                ruleset.definition.id, ruleset.definition.version, ruleset.definition.content_hash))]

            def add_ruleset_columns(name: str) -> None:
                cur.execute(f"ALTER TABLE {name} " + ", ".join(
                    f"ADD COLUMN {c} TEXT DEFAULT {v}" for c, v in ruleset_columns))
                cur.execute(f"ALTER TABLE {name} " + ", ".join(
                    f"ALTER COLUMN {c} DROP DEFAULT" for c, _ in ruleset_columns))

            if rej is None:
                # one output: written straight from the query (one write of the rows, not two)
                result = out
                cur.execute(f"DROP TABLE IF EXISTS {out}")
                cur.execute(f"CREATE TABLE {out} AS SELECT {rows} FROM ({query}) AS r ORDER BY {q(key)}")
                refuse_repeated_keys(out)
                add_ruleset_columns(out)
            else:
                result = "segrules_result"
                cur.execute(f"CREATE TEMP TABLE segrules_result ON COMMIT DROP AS SELECT {rows} FROM ({query}) AS r")
                refuse_repeated_keys(result)
                for loc, where in ((dst, "error_codes IS NULL"), (rej, "error_codes IS NOT NULL")):
                    name = ".".join(q(p) for p in loc.table.split("."))
                    cur.execute(f"DROP TABLE IF EXISTS {name}")
                    cur.execute(f"CREATE TABLE {name} AS SELECT * FROM segrules_result WHERE {where} ORDER BY {q(key)}")
                    add_ruleset_columns(name)
            # a record without a key is refused here, in the transaction that wrote the result:
            # nothing is kept (counted in the result, not before, where it was a scan of its own)
            counts = result_counts(cur, result, key)
            refuse_key_problems(src, key, counts.records - counts.keyed, None, shape)
    except psycopg.Error as exc:
        raise DatabaseError(f"PostgreSQL: {str(exc).strip()}") from None
    finally:
        conn.close()
    return _summary("postgres", rows_read, dst, rej, carry, missing, started, counts)

