"""``segrules explain``: the long explanation of an error code, or the list of codes."""

from __future__ import annotations

import argparse
import importlib

from ..errors import UsageError
from .common import print_json, table

HELP = "print the long explanation of an error code"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("code", nargs="?", metavar="CODE", help="an error code, e.g. SR110")
    parser.add_argument("--list", action="store_true", help="list every error code with its title")


def _codes_module():
    try:
        return importlib.import_module("segrules.codes")
    except ModuleNotFoundError as exc:
        if exc.name != "segrules.codes":
            raise
        raise UsageError("the explanations of error codes are not available in this version", code="SR514") from None


def run(args: argparse.Namespace) -> int:
    if args.list == (args.code is not None):
        args.parser.error("give one error code (e.g. SR110), or --list")
    codes = _codes_module()
    if args.list:
        infos = [codes.CODES[k] for k in sorted(codes.CODES)]
        if not args.json:
            print("\n".join(table([(i.code, i.title) for i in infos], indent="")))
    else:
        text = codes.explain(args.code)  # accepts SR110, sr110 or 110; SR514 when unknown
        infos = [codes.CODES[text.partition(":")[0]]]
        if not args.json:
            print(text)
    if args.json:
        print_json(
            {
                "schema": "segrules.explain/1",
                "codes": [{"code": i.code, "title": i.title, "explanation": i.explanation} for i in infos],
            }
        )
    return 0
