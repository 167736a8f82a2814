"""``segrules verify``: the auditors' command."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys

import attrs

from ..errors import RulesetError, SegrulesError, safe_text
from ..files import check_output, write_text_atomic
from ..messages import translate, word
from ..pipeline import load
from ..verify import ENUMERATION_LIMIT, PROGRESS_STEPS, verify
from ..verify.model import SCHEMA
from ..i18n import text
from .common import add_budgets, add_progress, budget_of, print_json, progress_bar, safe_lines

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
        "otherwise the structural method (and enumeration within its budget where that gives up); "
        "the SMT prover runs beside each of them, and alone with smt (no counts)",
    )
    add_budgets(parser, counting=True)
    parser.add_argument(
        "--suggest", action="store_true",
        help="for a failed completeness, exclusivity or reachability check, propose small edits of "
        "the YAML (a threshold, a condition, a new rule, hit policy first), each shown only if an "
        "edited copy is then PROVEN; nothing is edited in place",
    )
    add_progress(parser)


def _internal(path: str, exc: Exception) -> dict:
    """The result of a ruleset whose verification stopped: the others are still verified."""
    if isinstance(exc, SegrulesError):
        code, message = exc.code, str(exc)
    else:
        code, message = "internal", f"{type(exc).__name__}: {exc}"
    return {"file": path, "proven": False, "error": {"code": code, "message": message}}


def run(args: argparse.Namespace) -> int:
    if args.report:  # before the work: never lose a ruleset given where the report should go
        check_output(args.report, args.rulesets, force=args.force)
    started = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    reports, results, loaded = [], [], []
    with progress_bar(args, "verify", steps=PROGRESS_STEPS, counter="checks") as progress:
        for n, path in enumerate(args.rulesets, 1):
            # the file's name only (a folder's name may say more than the bar needs to), with
            # control characters and terminal escapes written out
            name = safe_text(os.path.basename(path), 60)
            progress.plan(PROGRESS_STEPS, f"[{n}/{len(args.rulesets)}] {name}")
            done = _verify_one(args, path, results, progress)
            if done is not None:
                report, ruleset = done
                reports.append(report)
                loaded.append(ruleset)
                results.append(report.to_json())
                if not args.json:
                    with progress.paused():
                        print(safe_lines(report.format(args.lang)), flush=True)
    proven = all(r.get("proven") for r in results)
    report_error = None
    if args.report:
        try:
            from ..verify.html import html_report

            page = html_report(reports, loaded, lang=args.lang, generated_at=started, command=["segrules", *getattr(args, "argv", sys.argv[1:])])
            write_text_atomic(args.report, page, inputs=args.rulesets, force=args.force)
        except SegrulesError as exc:  # the output cannot be written (SR52x): every result is still shown
            if args.debug:
                raise
            report_error = exc
        else:
            if not args.json:
                print(safe_lines(text(args.lang, "report.written", path=args.report)))
    if args.json:
        doc = {"schema": SCHEMA, "proven": proven, "reports": results}
        if report_error is not None:
            doc["report_error"] = {"code": report_error.code, "message": str(report_error)}
        print_json(doc)
    elif report_error is not None:
        print(f"{word('error', args.lang)}: {report_error.code}: {translate(report_error.code, str(report_error), args.lang)}",
              file=sys.stderr)
    if any("error" in r for r in results):
        return 3  # an internal error: a bug in segrules, reported after every other result
    return 0 if proven and report_error is None else 1


def _verify_one(args: argparse.Namespace, path: str, results: list, progress):
    """The report of one ruleset and the ruleset, or None when it does not load or
    its verification stops (its result is then added to ``results``, and said on stderr)."""
    try:
        ruleset = load(path)
    except RulesetError as exc:
        results.append({"file": path, "proven": False, "load_errors": [d.to_json(args.lang) for d in exc.diagnostics]})
        if not args.json:
            with progress.paused():
                for d in exc.diagnostics:  # the problems themselves, in the reader's language
                    print(safe_lines(d.format(args.lang)), file=sys.stderr)
                print(safe_lines(f"{path}: {word('not_loaded', args.lang)}"), flush=True)
        return None
    try:
        report = verify(ruleset, method=args.method, budget=budget_of(args), progress=progress)
        if args.suggest and not report.proven:
            from ..verify.suggest import suggest

            progress.step("suggesting")
            report = attrs.evolve(report, suggestions=suggest(ruleset, report))
    except Exception as exc:  # noqa: BLE001 - one ruleset's failure never loses the others' reports
        if args.debug:
            raise
        results.append(_internal(path, exc))
        failed = results[-1]["error"]
        with progress.paused():
            print(safe_lines(f"{path}: " + text(args.lang, "verify.internal_error", code=failed["code"],
                                                message=translate(failed["code"], failed["message"], args.lang))),
                  file=sys.stderr)
        return None
    return report, ruleset
