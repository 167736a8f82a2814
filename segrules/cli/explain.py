"""``segrules explain``: the long explanation of an error code, or the list of codes."""

from __future__ import annotations

import argparse
import importlib

from ..errors import UsageError
from ..messages import explain, explanation, title
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
    lang = args.lang
    if args.list:
        infos = [codes.CODES[k] for k in sorted(codes.CODES)]
        if not args.json:
            print("\n".join(table([(i.code, title(i.code, lang)) for i in infos], indent="")))
    else:
        text = explain(args.code, lang)  # accepts SR110, sr110 or 110; SR514 when unknown
        infos = [codes.CODES[text.partition(":")[0]]]
        if not args.json:
            print(text)
    if args.json:
        # the explanation in the language where it is written in it, else in English (``lang`` says which)
        docs = []
        for i in infos:
            translated = explanation(i.code, lang) if lang != "en" else None
            docs.append({"code": i.code, "title": title(i.code, lang), "explanation": translated or i.explanation,
                         "lang": lang if translated or lang == "en" else "en"})
        print_json({"schema": "segrules.explain/1", "codes": docs})
    return 0
