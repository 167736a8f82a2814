"""Batch segmentation on Apache Spark: for populations that outgrow one machine.

``run_spark_batch`` reads the answers where Spark reads them (Parquet or CSV files and folders
of part files, at any URI the cluster reads: ``file:``, ``hdfs:``, ``s3a:``, ``abfss:`` ...;
or a table of the session's catalog, ``catalog:db.answers``), runs the same generated SQL as
every other engine (``segrules sql --dialect spark``) with ``spark.sql``, and writes the same
result columns, in key order, with the same rejects and summary.

Spark writes a folder of part files. The output is first written beside the target under a
hidden temporary name and renamed into place only when complete; an older output is moved
aside first and removed after, so an interrupted run leaves either the old or the new output
(and at worst a ``.segrules-old-*`` folder beside it, named in the error). A catalog table is
written to a temporary table and renamed over the old one.

JSON Lines are not read on Spark: Spark's JSON reader does not keep a JSON string apart from a
JSON number (``"3"`` and ``3``), which ``decide`` tells apart; convert them to Parquet, or use
the DuckDB engine (SR803).
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
import warnings
from pathlib import Path
from typing import Any, Iterator, Sequence
from urllib.parse import urlparse

import attrs

from ..errors import UsageError
from .batch import (
    BatchInputError, BatchOutputError, BatchSummary, DatabaseError, DuplicateColumnError, _carried, _plan_columns,
    refuse_key_problems, refuse_non_utf8_name,
)
from .compiler import RESULT_COLUMNS, compile_query, q
from .render import render

DEFAULT_MASTER = "local[*]"
KINDS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}
CATALOG = "catalog:"
_VIEW = "segrules_answers"


@attrs.frozen
class SparkLocation:
    """A path Spark reads or writes (a file or a folder of part files) of a kind, or a table
    of the session's catalog."""

    kind: str  # parquet | csv | table
    path: str  # the URI or path; for a table, its name (db.table)

    def __str__(self) -> str:
        return CATALOG + self.path if self.kind == "table" else self.path


def spark_location(text: str, *, error: type[UsageError]) -> SparkLocation:
    """Where ``text`` points for Spark: ``catalog:db.table``, or a path whose ending says its kind."""
    refuse_non_utf8_name(text, error)
    if text.startswith(CATALOG):
        name = text[len(CATALOG):]
        parts = name.split(".")
        if not name or not all(p and (p.replace("_", "a").isalnum()) for p in parts):
            raise error(f"{text}: a catalog table is catalog:NAME or catalog:DATABASE.NAME (letters, digits, _)")
        return SparkLocation("table", name)
    path = text.rstrip("/")
    suffix = os.path.splitext(urlparse(path).path if "://" in path else path)[1].lower()
    kind = KINDS.get(suffix)
    if kind == "jsonl":
        raise error(
            f"{text}: JSON Lines are not read on Spark: Spark's JSON reader does not keep a JSON string apart "
            "from a JSON number (\"3\" and 3), as decide does; convert the answers to Parquet, or use --engine duckdb"
        )
    if kind is None:
        raise error(
            f"{text}: the kind of file is not known; on Spark use .parquet or .csv (a file, or a folder of part "
            "files, at any URI the cluster reads), or a catalog table (catalog:db.table)"
        )
    return SparkLocation(kind, path)


def spark_session(master: str = DEFAULT_MASTER, app_name: str = "segrules batch") -> Any:
    """A Spark session on ``master`` (``local[*]``, ``spark://host:7077``, ``yarn`` ...), or the
    one already running in this process (under spark-submit, Databricks or EMR). A local or
    loopback master binds the driver to 127.0.0.1 only."""
    _pyspark()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    # no web UI, no console progress bar of Spark's own (segrules shows its own, on a terminal),
    # and Spark's log at errors only (its start-up notes and warnings are not the user's)
    log_config = Path(__file__).with_name("spark-log4j2.properties")
    builder = (SparkSession.builder.master(master).appName(app_name).config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={log_config.as_uri()}"))
    if _loopback(master):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    # whole-stage code generation gives up on queries this size (over 64 KB of Java per stage),
    # logging the failure each time before it runs them interpreted
    builder = builder.config("spark.sql.codegen.wholeStage", "false")
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # the JVM did not start: no Java, or the master is not reachable
        raise DatabaseError(f"Spark did not start on {master}: {_first_line(exc)}") from None
    session.sparkContext.setLogLevel("ERROR")
    return session


def _loopback(master: str) -> bool:
    if master.startswith("local"):
        return True
    host = urlparse(master).hostname or ""
    return host in ("localhost", "::1") or host.startswith("127.")


def run_spark_batch(
    ruleset,
    input: str,
    output: str,
    *,
    rejects: str | None = None,
    shape: str = "wide",
    key: str = "record_id",
    carry: Sequence[str] = (),
    master: str = DEFAULT_MASTER,
    spark: Any = None,
) -> BatchSummary:
    """Segment every record of ``input`` into ``output`` on Spark (see the module docstring).

    ``spark`` is a session to use (its catalog, its cluster); without it one is started on
    ``master`` and stopped at the end.
    """
    started = time.perf_counter()
    src = spark_location(input, error=BatchInputError)
    dst = spark_location(output, error=BatchOutputError)
    rej = spark_location(rejects, error=BatchOutputError) if rejects else None
    for out, other, what in ((dst, src, "the input"), (rej, src, "the input"), (rej, dst, "--output")):
        if out is not None and _same(out, other):
            raise BatchOutputError(f"{out} is also {what} of this run; writing to it would destroy it (give another output)")
    own = spark is None
    with warnings.catch_warnings():
        # pyspark's own notes (on the pandas it finds) are not the user's business
        warnings.filterwarnings("ignore", category=FutureWarning, module="pyspark")
        if own:
            spark = spark_session(master)
        try:
            return _run(spark, ruleset, src, dst, rej, shape, key, carry, started)
        finally:
            if own:
                spark.stop()


def _same(a: SparkLocation, b: SparkLocation) -> bool:
    if (a.kind == "table") != (b.kind == "table"):
        return False
    if a.kind == "table":
        return a.path.lower() == b.path.lower()
    return _absolute(a.path) == _absolute(b.path)


def _absolute(path: str) -> str:
    return path if "://" in path else "file://" + os.path.abspath(path)


def _run(spark, ruleset, src, dst, rej, shape, key, carry, started) -> BatchSummary:
    from pyspark.sql import Window, functions as F

    frame = _read(spark, src)
    columns = _header(spark, src, frame)
    types = {name: kind.upper() for name, kind in frame.dtypes}
    carried, missing = _plan_columns(ruleset, columns, shape, key, src)
    carry = _carried(columns, carried, carry, shape, key, src)
    frame.createOrReplaceTempView(_VIEW)
    query = render(
        compile_query(ruleset.definition, table=q(_VIEW), shape=shape, key=key, carry=carry, columns=columns,
                      types=types if shape == "wide" else None),
        "spark",
    )
    d = ruleset.definition
    result = None
    try:
        frame = spark.sql(query)
        # the ruleset's id, version and hash as constants, not carried through the query
        consts = [F.lit(v).alias(c) for c, v in zip(RESULT_COLUMNS[-3:], (d.id, d.version, d.content_hash))]
        frame = frame.select(*[F.col(_name(c)) for c in frame.columns if c not in RESULT_COLUMNS[-3:]], *consts)
        result = frame.persist()  # counted, then written once or twice: computed once
        result.createOrReplaceTempView("segrules_result")
        records, segmented = spark.sql("SELECT count(*), count(segment) FROM segrules_result").first()
        by_code = {
            code: n for code, n in spark.sql(
                "SELECT code, count(*) FROM (SELECT explode(array_distinct(split(error_codes, ','))) AS code "
                "FROM segrules_result WHERE error_codes IS NOT NULL) GROUP BY code"
            ).collect()
        }
        # a key given twice, or none, is refused (SR808); the long shape, grouped by key, repeats none
        empty = result.where(F.col(_name(key)).isNull()).count()
        repeated = None if empty or shape != "wide" else (
            result.groupBy(_name(key)).count().where("count > 1")
            .select(F.col(_name(key)).cast("string").alias("k"), F.col("count").alias("n"),
                    F.count(F.lit(1)).over(Window.partitionBy()).alias("keys"))
            .orderBy(F.desc("n"), F.col("k")).first()
        )
        refuse_key_problems(src, key, empty, tuple(repeated) if repeated else None, shape)
        rows_read = records if shape == "wide" else spark.table(_VIEW).count()
        ordered = [(dst, "error_codes IS NULL" if rej is not None else None)]
        if rej is not None:
            ordered.append((rej, "error_codes IS NOT NULL"))
        # both outputs or neither: each is written whole under a temporary name, and only
        # when both are are they put in place
        staged = []
        try:
            for loc, where in ordered:
                part = result if where is None else result.where(where)
                _stage(spark, part.orderBy(F.col(_name(key))), loc, staged)
            while staged:
                _put_in_place(spark, staged[0])
                staged.pop(0)
        finally:
            for left in staged:
                _discard(spark, left)
    except _spark_errors() as exc:
        raise DatabaseError(f"Spark could not segment {src}: {_first_line(exc)}") from None
    finally:
        if result is not None:
            with contextlib.suppress(Exception):
                result.unpersist()
        with contextlib.suppress(Exception):
            spark.catalog.dropTempView("segrules_result")
            spark.catalog.dropTempView(_VIEW)
    return BatchSummary(
        "spark", rows_read, records, segmented, records - segmented, by_code, time.perf_counter() - started,
        str(dst), str(rej) if rej else None, tuple(carry), tuple(missing),
    )


def _spark_errors() -> tuple[type[Exception], ...]:
    """What Spark raises for a query or a file it cannot run or read."""
    from py4j.protocol import Py4JError
    from pyspark.errors import PySparkException

    return (PySparkException, Py4JError)


def _read(spark, src: SparkLocation):
    """The answers as a data frame: a CSV file read whole as text (the ruleset says how each
    answer is read, as on every engine), with RFC 4180 quoting; Parquet and tables with their
    own column types."""
    try:
        if src.kind == "table":
            return spark.table(src.path)
        if src.kind == "parquet":
            return spark.read.parquet(src.path)
        frame = (
            spark.read.option("header", "true").option("inferSchema", "false").option("multiLine", "true")
            .option("quote", '"').option("escape", '"').option("mode", "FAILFAST").option("enforceSchema", "false")
            .option("encoding", "UTF-8").csv(src.path)
        )
    except _spark_errors() as exc:
        raise BatchInputError(f"{src}: cannot be read: {_first_line(exc)}") from None
    return _as_duckdb_reads(frame)


#: A field of one space and a quoted value (``, "5"``), which Spark reads as written and DuckDB
#: (and so the Python engine) as the quoted value, ``5``: the text between the quotes.
_SPACED_QUOTED = r'^ "((?:[^"]|"")*)" *$'


def _as_duckdb_reads(frame):
    """A CSV file's fields as DuckDB reads them, where RFC 4180 leaves them undefined and the
    two readers differ in a way that changes an answer: a field of one space and a quoted value
    is that value (DuckDB's reading; two spaces, or a tab, are text as written on both)."""
    from pyspark.sql import functions as F

    def field(name: str):
        value = F.col(_name(name))
        inner = F.regexp_replace(F.regexp_extract(value, _SPACED_QUOTED, 1), '""', '"')
        return F.when(value.rlike(_SPACED_QUOTED), inner).otherwise(value).alias(name)

    return frame.select(*[field(name) for name in frame.columns])


def _header(spark, src: SparkLocation, frame) -> list[str]:
    """The columns of the answers. A name given twice (names compared without case, as
    Spark compares them) is refused (SR807): Spark would rename one of a CSV's columns, and
    which answer counts would be a guess."""
    names = list(frame.columns)
    if src.kind == "csv":  # the header as written: Spark has renamed its repeated names
        try:
            first = spark.read.option("header", "false").option("quote", '"').option("escape", '"').csv(src.path).first()
        except _spark_errors() as exc:
            raise BatchInputError(f"{src}: cannot be read: {_first_line(exc)}") from None
        names = [str(v) if v is not None else "" for v in first] if first is not None else names
    seen: dict[str, str] = {}
    for name in names:
        if name.lower() in seen:
            first = seen[name.lower()]
            raise DuplicateColumnError(
                f"{src}: the header names the column {name!r} twice"
                + (f" (as {first!r} and {name!r}; column names ignore case)" if first != name else "")
                + "; it is not known which one holds the answers: keep one column of that name"
            )
        seen[name.lower()] = name
    return list(frame.columns)


@attrs.frozen
class _Staged:
    """An output written whole under a temporary name (a table or a path), not yet in place."""

    loc: SparkLocation
    tmp: str


def _stage(spark, frame, loc: SparkLocation, staged: list[_Staged]) -> None:
    """Write ``frame`` for ``loc`` under a temporary name beside it, added to ``staged`` before
    it is written: the caller removes what is staged, whatever stops the run (a write that
    fails is SR804)."""
    tag = uuid.uuid4().hex[:12]
    if loc.kind == "table":
        tmp = f"{loc.path}__segrules_{tag}"
        staged.append(_Staged(loc, tmp))
        try:
            frame.write.mode("errorifexists").saveAsTable(tmp)
        except Exception as exc:
            raise BatchOutputError(f"{loc}: cannot write the table: {_first_line(exc)}") from None
        return
    fs, path = _filesystem(spark, loc.path)
    jvm = spark.sparkContext._jvm
    parent = path.getParent()
    if parent is not None and not fs.exists(parent):
        raise BatchOutputError(f"{loc}: the folder {parent.toString()} does not exist")
    tmp = jvm.org.apache.hadoop.fs.Path(parent, f".segrules-{tag}-{path.getName()}")
    staged.append(_Staged(loc, tmp.toString()))
    try:
        writer = frame.write.mode("errorifexists")
        if loc.kind == "csv":
            writer.option("header", "true").option("quote", '"').option("escape", '"').csv(tmp.toString())
        else:
            writer.parquet(tmp.toString())
    except Exception as exc:
        raise BatchOutputError(f"{loc}: cannot write the output: {_first_line(exc)}") from None


def _put_in_place(spark, staged: _Staged) -> None:
    """Put a staged output in the place of its location, the old one moved aside first and
    restored if the new one cannot take its place."""
    loc = staged.loc
    if loc.kind == "table":
        try:
            spark.sql(f"DROP TABLE IF EXISTS {_table(loc.path)}")
            spark.sql(f"ALTER TABLE {_table(staged.tmp)} RENAME TO {_table(loc.path)}")
        except Exception as exc:
            raise BatchOutputError(f"{loc}: cannot write the table: {_first_line(exc)}") from None
        return
    fs, path = _filesystem(spark, loc.path)
    jvm = spark.sparkContext._jvm
    tmp = jvm.org.apache.hadoop.fs.Path(staged.tmp)
    old = jvm.org.apache.hadoop.fs.Path(path.getParent(), f".segrules-old-{tmp.getName()[len('.segrules-'):]}")
    moved = fs.exists(path)
    if moved and not fs.rename(path, old):
        raise BatchOutputError(f"{loc}: the old output cannot be moved aside; nothing was changed")
    if not fs.rename(tmp, path):
        if moved:
            fs.rename(old, path)
        raise BatchOutputError(f"{loc}: the new output cannot be put in place; the old one is kept")
    if moved and not fs.delete(old, True):
        raise BatchOutputError(f"{loc} is written, but the old output could not be removed: {old.toString()}")


def _discard(spark, staged: _Staged) -> None:
    """Remove a staged output that is not put in place (a table or a path)."""
    with contextlib.suppress(Exception):
        if staged.loc.kind == "table":
            spark.sql(f"DROP TABLE IF EXISTS {_table(staged.tmp)}")
        else:
            fs, _ = _filesystem(spark, staged.loc.path)
            fs.delete(spark.sparkContext._jvm.org.apache.hadoop.fs.Path(staged.tmp), True)


def _filesystem(spark, uri: str):
    """The Hadoop file system of ``uri`` and its path (the one Spark itself writes through)."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri if "://" in uri else os.path.abspath(uri))
    fs = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return fs, fs.makeQualified(path)


def _name(column: str) -> str:
    """A column name as Spark reads it, whatever its characters."""
    return "`" + column.replace("`", "``") + "`"


def _table(name: str) -> str:
    return ".".join(f"`{p}`" for p in name.split("."))


def _first_line(exc: Exception) -> str:
    """What went wrong, in one line: for an error of the JVM, its own message (the line after
    py4j's "An error occurred while calling ..."), without the Java stack."""
    lines = [line.strip() for line in str(getattr(exc, "desc", None) or exc).strip().splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].startswith("An error occurred while calling"):
        lines = lines[1:]
    return lines[0].lstrip(": ") if lines else type(exc).__name__


def _pyspark():
    try:
        import pyspark
    except ImportError:
        raise UsageError(
            "--engine spark needs the optional 'spark' extra: pip install 'segrules[spark]' (and Java 17 or later)",
            code="SR805",
        ) from None
    return pyspark


@contextlib.contextmanager
def standalone_cluster(workers: int = 1, cores: int = 1, memory: str = "1g") -> Iterator[str]:
    """A Spark standalone master and ``workers`` workers on 127.0.0.1, started from pyspark's
    own ``spark-class``; yields the master URL and stops them all after. For tests and
    trying a cluster run on one machine."""
    import shutil
    import socket
    import subprocess
    import tempfile

    pyspark = _pyspark()
    spark_class = os.path.join(os.path.dirname(pyspark.__file__), "bin", "spark-class")

    def free_port() -> int:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]

    work = tempfile.mkdtemp(prefix="segrules-spark-")
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", SPARK_HOME=os.path.dirname(pyspark.__file__),
               SPARK_LOG_DIR=work, SPARK_WORKER_DIR=work)
    port = free_port()
    master_url = f"spark://127.0.0.1:{port}"
    procs = []

    def start(*args: str) -> subprocess.Popen:
        log = open(os.path.join(work, f"{len(procs)}.log"), "wb")
        proc = subprocess.Popen(["bash", spark_class, *args], env=env, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, start_new_session=True)
        procs.append(proc)
        return proc

    try:
        start("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", str(port),
              "--webui-port", str(free_port()))
        _wait_port(port, procs[0], work)
        for _ in range(workers):
            start("org.apache.spark.deploy.worker.Worker", master_url, "--host", "127.0.0.1", "--cores", str(cores),
                  "--memory", memory, "--webui-port", str(free_port()), "--work-dir", work)
        yield master_url
    finally:
        for proc in reversed(procs):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, 15)
        for proc in reversed(procs):
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, 9)
                proc.wait()
        shutil.rmtree(work, ignore_errors=True)


def _wait_port(port: int, proc, work: str, seconds: float = 120) -> None:
    import socket

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            log = open(os.path.join(work, "0.log"), encoding="utf-8", errors="replace").read()[-2000:]
            raise DatabaseError(f"the Spark master stopped at start:\n{log}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.5)
    raise DatabaseError(f"the Spark master did not listen on 127.0.0.1:{port} within {seconds:.0f} s")
