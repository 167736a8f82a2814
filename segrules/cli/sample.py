"""``segrules sample``: random valid answer sets, one JSON object per line."""

from __future__ import annotations

import argparse
import json
import random

from ..pipeline import load
from ..sampling import sample_answers
from .common import data_text

HELP = "print random valid answer sets, one JSON object per line"


def _count_arg(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 0 or more")
    return n


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ruleset", metavar="RULESET")
    parser.add_argument("--count", type=_count_arg, default=1, metavar="N", help="how many answer sets (default 1)")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    parser.add_argument("--key", type=data_text, metavar="COLUMN",
                        help="number the answer sets 1, 2, ... in this field: a synthetic population for segrules batch")


def run(args: argparse.Namespace) -> int:
    rs = load(args.ruleset).definition
    if args.key is not None and not args.key.strip():  # as segrules sql says it: batch reads no such column
        args.parser.error("--key needs a column name")
    if args.key is not None and any(i.id == args.key for i in rs.inputs):
        args.parser.error(f"--key {args.key} is an input of the ruleset; give the record key another name")
    rng = random.Random(args.seed)
    for n in range(1, args.count + 1):
        answers = sample_answers(rs, rng)
        record = answers if args.key is None else {args.key: n, **answers}
        print(json.dumps(record, ensure_ascii=False, sort_keys=args.key is None))
    return 0
