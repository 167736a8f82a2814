"""``segrules report``: a population's segments, safe to publish (counts, shares, suppression)."""

from __future__ import annotations

import argparse
import csv
import io

from ..errors import UsageError
from ..files import OutputError, check_output, check_output_folder, same_file, write_outputs_atomic
from ..pipeline import load
from ..population import DEFAULT_MIN_CELL, build_report, grouping_columns, read_reference
from ..population.audit import require_solver
from ..population.counts import count_batch, count_transitions
from ..population.render import html_report, text_report
from ..source import parse_yaml, read_source, to_data
from ..sql.batch import BatchInputError, duckdb_progress, duckdb_relation, duckdb_session, parse_location, segment_table
from ..sql.compiler import SHAPES, q
from .common import add_progress, data_text, print_json, progress_bar, safe_lines, whole_number

HELP = "report a population's segments: counts, shares, small cells hidden, two versions compared"
DESCRIPTION = (
    "Count a population by segment and by grouping columns, with shares, totals and small-cell "
    "suppression, and print it; optionally write a self-contained HTML page and a CSV file, "
    "compare with an expected distribution, or show how many records would move between the "
    "segments of two versions of the model. The input is a batch result (segrules batch) or "
    "the answers themselves, which are then segmented on the way with DuckDB."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ruleset", metavar="RULESET", help="the ruleset (that made the batch result)")
    parser.add_argument("--input", required=True, metavar="LOCATION",
                        help="a batch result or the answers: a .parquet, .csv or .jsonl file, or file.duckdb#table")
    parser.add_argument("--by", type=data_text, action="append", default=[], metavar="COLUMN",
                        help="also count by this column (repeat for several: --by battery --by unit)")
    parser.add_argument("--min-cell", type=whole_number, default=DEFAULT_MIN_CELL, metavar="N",
                        help=f"hide counts below N, and the cells that would give them away (default {DEFAULT_MIN_CELL})")
    parser.add_argument("--reference", metavar="FILE",
                        help="expected shares in percent by segment: a YAML or JSON mapping such as {omatoimi: 39, ...}")
    parser.add_argument("--compare", metavar="OTHER_RULESET",
                        help="another version of the model: how many records would move from each segment to each other "
                        "(the input must be the answers)")
    parser.add_argument("--key", type=data_text, default="record_id", metavar="COLUMN", help="the record key column (default record_id)")
    parser.add_argument("--shape", choices=SHAPES, default="wide", help="answers input: a column per input (wide) or long")
    parser.add_argument("--html", metavar="FILE.html", help="write the report as a self-contained HTML page")
    parser.add_argument("--csv", metavar="FILE.csv", help="write every table as CSV")
    parser.add_argument("--force", action="store_true", help="let --html or --csv replace a file that holds a model")
    add_progress(parser)


def run(args: argparse.Namespace) -> int:
    try:
        import duckdb  # noqa: F401 - DuckDB reads and segments the input
    except ImportError:
        raise UsageError("segrules report needs DuckDB: pip install 'segrules[sql]'", code="SR805") from None
    require_solver()  # the audit of the suppression: never a report without it
    args.by = grouping_columns(args.by)  # each once; SR854 before any work
    source = parse_location(args.input, error=BatchInputError)
    inputs = [p for p in (args.ruleset, args.compare, args.reference, source.path) if p]
    if args.html and args.csv and same_file(args.html, args.csv):
        raise OutputError(f"{args.csv} is also --html of this run; one would replace the other (give another file)",
                          code="SR520")
    for output in (args.html, args.csv):
        if output:  # before any work: never overwrite an input, and never write one output of two
            check_output(output, inputs, force=args.force)
            check_output_folder(output)
    ruleset = load(args.ruleset)
    other = load(args.compare) if args.compare else None
    rs = ruleset.definition
    reference = None
    if args.reference:
        shares = to_data(parse_yaml(read_source(args.reference)))  # YAML or JSON, with positions on errors
        if not isinstance(shares, dict):
            raise UsageError(f"{args.reference}: the reference must be a mapping of segment to percent", code="SR852")
        reference = read_reference(rs, shares)
    if source.kind == "postgres":
        raise BatchInputError("segrules report reads files and DuckDB tables; run segrules batch --engine postgres first")
    with progress_bar(args, "report") as progress:
        report = _report(args, ruleset, other, reference, source, progress)
    outputs = []
    if args.html:
        outputs.append((args.html, html_report(report, rs, args.lang)))
    if args.csv:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(report.csv_rows())
        outputs.append((args.csv, buffer.getvalue()))
    # both or neither: each is written beside its file, and renamed into place once both are
    write_outputs_atomic([(path, text.encode("utf-8", errors="backslashreplace")) for path, text in outputs],
                         inputs=inputs, force=args.force)
    if args.json:
        print_json(report.to_json())
    else:
        print(safe_lines(text_report(report, rs, args.lang)), end="")
    return 0


def _report(args, ruleset, other, reference, source, progress):
    """Count the input (segmenting the answers on the way) and build the report, telling
    ``progress`` each step: segmenting, the other version, comparing, counting, the audit."""
    import duckdb

    rs = ruleset.definition
    try:
        with duckdb_session() as con:
            progress.step("reading")
            relation = duckdb_relation(con, source, [i.id for i in rs.inputs], key=args.key, shape=args.shape)
            columns = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()]
            is_result = "segment" in columns
            if is_result and source.kind == "jsonl":
                # a batch result: its carried inputs are values as batch wrote them (illness), not
                # answers to be read as JSON ("illness"), so the report is the same in every format
                relation = duckdb_relation(con, source, (), key=args.key, shape=args.shape)
            absent = [c for c in args.by if c not in columns]
            if absent:
                raise UsageError(f"{args.input}: no column {', '.join(map(repr, absent))} to count by (--by); "
                                 f"the columns are: {', '.join(columns)}", code="SR854")
            if other is not None and is_result:
                raise UsageError(
                    f"{args.input} is a batch result; --compare segments the same answers with both versions, "
                    "so give the answers as --input", code="SR853",
                )
            steps = ["segmenting"] if not is_result else []
            steps += ["segmenting_other", "comparing"] if other is not None else []
            progress.plan([*steps, "counting", "audit", "narrowest"])
            if not is_result:
                with duckdb_progress(con, progress, None):
                    segment_table(con, ruleset, relation, "result", shape=args.shape, key=args.key, source=source,
                                  carry=args.by)
                relation = q("result")
            transitions = None
            if other is not None:
                with duckdb_progress(con, progress, None, "segmenting_other"):
                    segment_table(con, other, duckdb_relation(con, source, [i.id for i in other.definition.inputs],
                                                              key=args.key, shape=args.shape),
                                  "result_new", shape=args.shape, key=args.key, source=source)
                progress.step("comparing")
                transitions = count_transitions(con, q("result"), q("result_new"), args.key)
            progress.step("counting")
            counts = count_batch(con, relation, rs, args.by)
    except duckdb.Error as exc:
        raise UsageError(f"{args.input}: cannot be read: {exc}", code="SR854") from None
    names = tuple(f"{r.id} {r.version} {r.content_hash}" for r in (ruleset, other) if r is not None)
    return build_report(
        rs, min_cell=args.min_cell, reference=reference, transitions_counts=transitions,
        transitions_names=names if other is not None else ("", ""),
        transitions_segments=[s.id for s in other.definition.segments] if other is not None else None,
        progress=progress, **counts,
    )
