"""``segrules check``: load and type-check rulesets, printing every problem."""

from __future__ import annotations

import argparse

from ..documents import ruleset_json
from .. import crosswalk
from ..pipeline import check_definition
from .common import count_text, counts, print_json

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
                "errors": errors, "warnings": warnings, "diagnostics": [d.to_json() for d in diagnostics],
            })
            if not args.json:
                for d in diagnostics:
                    print(d.format())
                what = f" [crosswalk of {len(cw.ruleset_ids)} rulesets]" if cw is not None else " [crosswalk]"
                print(f"{path}: {count_text(errors, warnings)}{what}")
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
                "diagnostics": [d.to_json() for d in diagnostics],
            }
        )
        if not args.json:
            for d in diagnostics:
                print(d.format())
            what = f" [{rs.id} {rs.version}]" if rs is not None else ""
            print(f"{path}: {count_text(errors, warnings)}{what}")
    ok = all(f["ok"] for f in files)
    if args.json:
        print_json({"schema": "segrules.check/1", "ok": ok, "files": files})
    return 0 if ok else 1
