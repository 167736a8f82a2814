"""``segrules verify``: the auditors' command."""

from __future__ import annotations

import argparse
import sys

from ..errors import RulesetError, SegrulesError
from ..files import check_output, write_text_atomic
from ..pipeline import load
from ..verify import ENUMERATION_LIMIT, verify
from ..verify.model import SCHEMA
from .common import print_json

HELP = "prove that every possible answer set maps to exactly one segment"
DESCRIPTION = (
    "Prove, over the entire finite answer space, that every answer set gets exactly one "
    "segment, that evaluation never fails, that every segment, rule and input matters, and "
    "that the examples pass. Exit code 0 only when everything is proven."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rulesets", nargs="+", metavar="RULESET", help="ruleset YAML files")
    parser.add_argument("--report", metavar="FILE.html", help="also write an HTML report for auditors")
    parser.add_argument("--force", action="store_true", help="let --report replace a file that holds a model")
    parser.add_argument(
        "--method", choices=("auto", "structural", "enumeration", "smt"), default="auto",
        help=f"auto (default): enumerate spaces of at most {ENUMERATION_LIMIT} answer sets, "
        "otherwise the structural method; enumeration on a large space can take very long; "
        "the SMT prover runs beside each of them, and alone with smt (no counts)",
    )


def run(args: argparse.Namespace) -> int:
    if args.report:  # before the work: never lose a ruleset given where the report should go
        check_output(args.report, args.rulesets, force=args.force)
    reports, results, loaded = [], [], []
    for path in args.rulesets:
        try:
            ruleset = load(path)
        except RulesetError as exc:
            results.append({"file": path, "proven": False, "load_errors": [d.to_json() for d in exc.diagnostics]})
            if not args.json:
                for d in exc.diagnostics:
                    print(d.format(), file=sys.stderr)
                print(f"{path}: NOT VERIFIED: the ruleset does not load (run segrules check {path})")
            continue
        report = verify(ruleset, method=args.method)
        reports.append(report)
        loaded.append(ruleset)
        results.append(report.to_json())
        if not args.json:
            print(report.format())
    proven = all(r.get("proven") for r in results)
    if args.report:
        try:
            from ..verify.html import html_report
        except ImportError as exc:  # pragma: no cover - shipped with the package
            raise SegrulesError(f"the HTML report is not available: {exc}", code="SR500") from None
        write_text_atomic(args.report, html_report(reports, loaded), inputs=args.rulesets, force=args.force)
        if not args.json:
            print(f"report written to {args.report}")
    if args.json:
        print_json({"schema": SCHEMA, "proven": proven, "reports": results})
    return 0 if proven else 1
