"""``segrules report``: a population's segments, safe to publish (counts, shares, suppression)."""

from __future__ import annotations

import argparse
import csv
import io

from ..errors import UsageError
from ..files import write_text_atomic
from ..pipeline import load
from ..population import DEFAULT_MIN_CELL, build_report, read_reference
from ..population.counts import count_batch, relation_sql
from ..population.render import html_report, text_report
from ..source import parse_yaml, read_source, to_data
from .common import add_lang, print_json

HELP = "report a population's segments from a batch result: counts, shares, small cells hidden"
DESCRIPTION = (
    "Count a batch result (segrules batch) by segment and by grouping columns, with shares, "
    "totals and small-cell suppression, and print it; optionally write a self-contained HTML "
    "page and a CSV file, and compare with an expected distribution."
)


def _min_cell(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ruleset", metavar="RULESET", help="the ruleset that made the batch result")
    parser.add_argument("--input", required=True, metavar="RESULT",
                        help="the batch result: a .parquet, .csv or .jsonl file written by segrules batch")
    parser.add_argument("--by", action="append", default=[], metavar="COLUMN",
                        help="also count by this column (repeat for several: --by battery --by unit)")
    parser.add_argument("--min-cell", type=_min_cell, default=DEFAULT_MIN_CELL, metavar="N",
                        help=f"hide counts below N, and the cells that would give them away (default {DEFAULT_MIN_CELL})")
    parser.add_argument("--reference", metavar="FILE",
                        help="expected shares in percent by segment: a YAML or JSON mapping such as {omatoimi: 39, ...}")
    parser.add_argument("--html", metavar="FILE.html", help="write the report as a self-contained HTML page")
    parser.add_argument("--csv", metavar="FILE.csv", help="write every table as CSV")
    add_lang(parser)


def run(args: argparse.Namespace) -> int:
    try:
        import duckdb
    except ImportError:
        raise UsageError("segrules report needs DuckDB: pip install 'segrules[sql]'", code="SR500") from None
    ruleset = load(args.ruleset)
    rs = ruleset.definition
    reference = None
    if args.reference:
        shares = to_data(parse_yaml(read_source(args.reference)))  # YAML or JSON, with positions on errors
        if not isinstance(shares, dict):
            raise UsageError(f"{args.reference}: the reference must be a mapping of segment to percent", code="SR852")
        reference = read_reference(rs, shares)
    con = duckdb.connect()
    try:
        counts = count_batch(con, relation_sql(args.input), rs, args.by)
    except duckdb.Error as exc:
        raise UsageError(f"{args.input}: cannot be read as a batch result: {exc}", code="SR854") from None
    finally:
        con.close()
    report = build_report(rs, min_cell=args.min_cell, reference=reference, **counts)
    if args.html:
        write_text_atomic(args.html, html_report(report, rs, args.lang))
    if args.csv:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(report.csv_rows())
        write_text_atomic(args.csv, buffer.getvalue())
    if args.json:
        print_json(report.to_json())
    else:
        print(text_report(report, rs, args.lang), end="")
    return 0
