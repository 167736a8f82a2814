"""``segrules check``: load and type-check rulesets, printing every problem."""

from __future__ import annotations

import argparse

from ..documents import ruleset_json
from .. import crosswalk
from ..pipeline import check_definition
from ..messages import word
from .common import count_text, counts, print_json, safe_lines

HELP = "load and type-check rulesets; print every problem"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rulesets", nargs="+", metavar="RULESET", help="ruleset YAML files")


def run(args: argparse.Namespace) -> int:
    files = []
    for path in args.rulesets:
        if crosswalk.is_crosswalk_file(path):  # checked as what it is, against its rulesets
            cw, diagnostics = crosswalk.check(path)
            errors, warnings = counts(diagnostics)
            files.append({
                "file": path, "kind": "crosswalk", "ok": errors == 0, "ruleset": None,
                "errors": errors, "warnings": warnings, "diagnostics": [d.to_json(args.lang) for d in diagnostics],
            })
            if not args.json:
                for d in diagnostics:
                    print(safe_lines(d.format(args.lang)))
                what = (f" [{word('crosswalk_of', args.lang, len(cw.ruleset_ids))}]" if cw is not None
                        else f" [{word('crosswalk', args.lang)}]")
                print(safe_lines(f"{path}: {count_text(errors, warnings, args.lang)}{what}"))
            continue
        rs, diagnostics = check_definition(path)
        errors, warnings = counts(diagnostics)
        files.append(
            {
                "file": path,
                "kind": "ruleset",
                "ok": errors == 0,
                "ruleset": ruleset_json(rs) if rs is not None else None,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": [d.to_json(args.lang) for d in diagnostics],
            }
        )
        if not args.json:
            for d in diagnostics:
                print(safe_lines(d.format(args.lang)))
            what = f" [{rs.id} {rs.version}]" if rs is not None else ""
            print(safe_lines(f"{path}: {count_text(errors, warnings, args.lang)}{what}"))
    ok = all(f["ok"] for f in files)
    if args.json:
        print_json({"schema": "segrules.check/1", "ok": ok, "files": files})
    return 0 if ok else 1
