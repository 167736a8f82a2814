"""``segrules diff``: what changes, answer set by answer set, between two versions of a model."""

from __future__ import annotations

import argparse

from ..files import check_output, write_text_atomic
from ..i18n import text
from ..pipeline import load
from ..verify.diff import diff
from .common import add_budgets, budget_of, print_json, safe_lines

HELP = "the exact difference between two versions of a ruleset: which answer sets move where"
DESCRIPTION = (
    "Compare two versions over the whole answer space: a transition matrix from the old "
    "version's segments to the new one's, each cell proven empty or shown with an example "
    "answer set (re-run through both versions) and its scores, with each cell's exact count and "
    "share of the answer space and the region that moves, in the model's own terms. "
    "Exit code 0 when the versions are proven equal, 1 when they differ or it is undecided."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD.yaml", help="the old version")
    parser.add_argument("new", metavar="NEW.yaml", help="the new version")
    parser.add_argument("--report", metavar="FILE.html", help="also write the difference as an HTML page")
    parser.add_argument("--force", action="store_true", help="let --report replace a file that holds a model")
    add_budgets(parser)
    parser.add_argument("--no-count", dest="count", action="store_false",
                        help="prove the cells without counting them")


def run(args: argparse.Namespace) -> int:
    if args.report:
        check_output(args.report, [args.old, args.new], force=args.force)
    old, new = load(args.old), load(args.new)
    result = diff(old, new, budget=budget_of(args), old_file=args.old, new_file=args.new, count=args.count)
    if args.report:
        from ..verify.diff_page import diff_html

        write_text_atomic(args.report, diff_html(result, lang=args.lang), inputs=[args.old, args.new],
                          force=args.force)
    if args.json:
        print_json(result.to_json())
    else:
        print(safe_lines(result.format(args.lang)))
        if args.report:
            print(safe_lines(text(args.lang, "report.written", path=args.report)))
    return 0 if result.equal is True else 1
