"""``segrules batch``: segment every record of an answers table or file."""

from __future__ import annotations

import argparse
import sys
from fractions import Fraction

from ..pipeline import load
from ..sql import SHAPES
from ..sql.batch import ENGINES, run_batch
from ..i18n import count, decimal, text
from .common import add_progress, data_text, print_json, progress_bar

HELP = "segment every record of a CSV, Parquet, JSON Lines file or a database table"
DESCRIPTION = (
    "Segment every record of an answers file or table. Inputs and outputs: .csv, .parquet, "
    ".jsonl files, DuckDB tables (file.duckdb#table), PostgreSQL tables (postgresql://...#table, "
    "with --engine postgres); with --engine spark, Parquet and CSV at any URI the cluster reads, and "
    "catalog tables (catalog:db.table). Outputs are replaced only when complete."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ruleset", metavar="RULESET")
    parser.add_argument("--input", required=True, metavar="LOCATION", help="the answers: a file or a table")
    parser.add_argument("--output", required=True, metavar="LOCATION", help="the result: a file or a table")
    parser.add_argument("--rejects", metavar="LOCATION",
                        help="invalid records go here (with their codes); the output then has the segmented ones only")
    parser.add_argument("--engine", choices=ENGINES, default="duckdb", help="where the rules run (default duckdb)")
    parser.add_argument("--spark-master", metavar="URL",
                        help="with --engine spark: the cluster (spark://host:7077, yarn, ...; default local[*], "
                        "or the session spark-submit started)")
    parser.add_argument("--shape", choices=SHAPES, default="wide",
                        help="wide: a column per input; long: (record, question, value) rows (default wide)")
    parser.add_argument("--key", type=data_text, default="record_id", metavar="COLUMN", help="the record key column (default record_id)")
    parser.add_argument("--carry", type=data_text, action="append", default=[], metavar="INPUT",
                        help="also copy this input's answers to the result, to group a report by it (repeatable); "
                        "columns that are not inputs are always carried")
    add_progress(parser)


def run(args: argparse.Namespace) -> int:
    ruleset = load(args.ruleset)
    # Spark draws its own progress of stages on stderr, which would share the line
    with progress_bar(args, "batch", wanted=args.engine != "spark") as progress:
        progress.step("preparing")
        summary = run_batch(
            ruleset, args.input, args.output, rejects=args.rejects, engine=args.engine, shape=args.shape,
            key=args.key, progress=progress, carry=args.carry, spark_master=args.spark_master,
        )
    if args.json:
        out = summary.to_json()
        out["ruleset"] = ruleset.ref.to_json()
        print_json(out)
        return 0
    lang = args.lang
    print(text(lang, "batch.summary", records=count(lang, "batch.records", summary.records),
               rows=count(lang, "batch.rows", summary.rows_read), segmented=summary.segmented,
               rejected=summary.rejected, seconds=decimal(Fraction(round(summary.seconds * 100), 100), lang),
               engine=summary.engine))
    for code, n in sorted(summary.rejected_by_code.items()):
        print(f"  {code}: {count(lang, 'batch.records', n)}")
    if summary.missing_columns:
        print(text(lang, "batch.missing", columns=", ".join(summary.missing_columns)), file=sys.stderr)
    out, rejects = text(lang, "batch.output"), text(lang, "batch.rejects")
    width = max(len(out), len(rejects)) + 1
    print(f"{out.ljust(width)}{summary.output}")
    if summary.rejects:
        print(f"{rejects.ljust(width)}{summary.rejects}")
    return 0
