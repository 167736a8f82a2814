"""``segrules sql``: the SQL that segments a whole answers table, for one engine."""

from __future__ import annotations

import argparse

from ..errors import UsageError
from ..pipeline import load
from ..sql import DIALECTS, SHAPES, to_sql
from .common import data_text, print_json

HELP = "print the SQL that segments every record of an answers table"
DESCRIPTION = (
    "Print the SQL that segments every record of an answers table, with the same results as "
    "`segrules decide`: exact integer arithmetic, the same error codes for invalid records."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ruleset", metavar="RULESET")
    parser.add_argument("--dialect", choices=DIALECTS, default="duckdb", help="the SQL engine (default duckdb)")
    parser.add_argument("--shape", choices=SHAPES, default="wide",
                        help="wide: a column per input; long: (record, question, value) rows (default wide)")
    parser.add_argument("--table", type=data_text, default="answers", metavar="NAME", help="the answers table (default answers)")
    parser.add_argument("--key", type=data_text, default="record_id", metavar="COLUMN", help="the record key column (default record_id)")
    parser.add_argument("--carry", type=data_text, action="append", default=[], metavar="COLUMN",
                        help="a column to pass through to the result (wide shape; repeatable)")
    parser.add_argument("--typed", action="store_true",
                        help="wide shape: number questions are integer columns and yes/no questions boolean "
                             "columns, read as they are (faster); without it every answer is read as text")


def run(args: argparse.Namespace) -> int:
    ruleset = load(args.ruleset)
    inputs = {i.id for i in ruleset.definition.inputs}
    for option, name in (("--key", args.key), *(("--carry", c) for c in args.carry)):
        if not name.strip():
            args.parser.error(f"{option} needs a column name")
    if args.key in inputs:  # as segrules sample says it
        args.parser.error(f"--key {args.key} is an input of the ruleset; give the record key another name")
    if args.typed and args.shape != "wide":
        raise UsageError("--typed is for the wide shape: the long shape's value column holds every kind of answer",
                         code="SR801")
    text = to_sql(ruleset, args.dialect, shape=args.shape, table=args.table, key=args.key, carry=args.carry,
                  typed=args.typed)
    if args.json:
        print_json({
            "schema": "segrules.sql/1",
            "ruleset": ruleset.ref.to_json(),
            "dialect": args.dialect,
            "shape": args.shape,
            "table": args.table,
            "typed": args.typed,
            "sql": text,
        })
    else:
        print(text + ";")
    return 0
