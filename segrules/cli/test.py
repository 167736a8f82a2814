"""``segrules test``: run the examples written in the rulesets themselves."""

from __future__ import annotations

import argparse
from typing import Any

from ..documents import ruleset_json
from ..errors import SegrulesError
from ..pipeline import load
from ..i18n import count, text
from ..messages import translate_error
from .common import print_json, safe_lines

HELP = "run the rulesets' own examples"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rulesets", nargs="+", metavar="RULESET", help="ruleset YAML files")


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    files = []
    for path in args.rulesets:
        entry: dict[str, Any] = {"file": path, "ruleset": None, "passed": 0, "failed": 0, "examples": [], "diagnostics": []}
        files.append(entry)
        try:
            ruleset = load(path)
        except SegrulesError as exc:
            entry["diagnostics"] = [d.to_json(lang) for d in exc.diagnostics]
            entry["ok"] = False
            if not args.json:
                for d in exc.diagnostics:
                    print(safe_lines(d.format(lang)))
                print(safe_lines(f"{path}: {text(lang, 'not_loaded')}"))
            continue
        entry["ruleset"] = ruleset_json(ruleset.definition)
        for r in ruleset.run_examples():
            ex = r.example
            entry["passed" if r.passed else "failed"] += 1
            entry["examples"].append(
                {
                    "name": ex.name, "expect": ex.expect, "got": r.got, "passed": r.passed, "error": r.error,
                    "line": ex.span.line if ex.span else None,
                }
            )
            if not args.json:
                where = f"{path}:{ex.span.line}: " if ex.span else f"{path}: "
                if r.passed:
                    print(safe_lines(f"{text(lang, 'pass')} {where}{ex.name}"))
                elif r.error is not None:
                    print(safe_lines(f"{text(lang, 'fail')} {where}{ex.name}: "
                                     f"{text(lang, 'expected_error', expect=ex.expect, error=translate_error(r.error, lang))}"))
                else:
                    print(safe_lines(f"{text(lang, 'fail')} {where}{ex.name}: {text(lang, 'expected_got', expect=ex.expect, got=r.got)}"))
        entry["ok"] = entry["failed"] == 0
        if not args.json:
            total = entry["passed"] + entry["failed"]
            if total == 0:
                print(safe_lines(f"{path}: {text(lang, 'no_examples')}"))
            else:
                print(safe_lines(f"{path}: {text(lang, 'passed_failed', passed=entry['passed'], failed=entry['failed'])}"))
    ok = all(f["ok"] for f in files)
    passed = sum(f["passed"] for f in files)
    failed = sum(f["failed"] for f in files)
    if args.json:
        print_json({"schema": "segrules.test/1", "ok": ok, "passed": passed, "failed": failed, "files": files})
    elif len(files) > 1:
        print(text(lang, "total", files=count(lang, "files", len(files)), passed=passed, failed=failed))
    return 0 if ok else 1
