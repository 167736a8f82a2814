"""``segrules workbench``: edit, check, verify and try a ruleset in a local web page."""

from __future__ import annotations

import argparse

from ..errors import UsageError
from .common import whole_number

HELP = "edit a ruleset in a local web page that checks, tests, verifies and tries it as you type"
DESCRIPTION = (
    "Open RULESET in a web page served on this machine only: the YAML with line numbers and its "
    "problems at their lines, the quadrant, the examples, the segment sizes and the verify "
    "verdict, a form to try answers, and saving with a diff and a backup. The address printed "
    "at start holds a random token; every request needs it. See docs/model-owners-guide.md."
)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds from 0 to 600")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ruleset", metavar="RULESET", help="the ruleset YAML file to open")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only); "
                             "another address lets others in who have the printed address with its token")
    parser.add_argument("--port", type=whole_number, default=0, help="port (default 0: a free one)")
    parser.add_argument("--verify-seconds", type=_seconds, default=5.0, metavar="SECONDS",
                        help="time the verifier gets on each change (default 5); beyond it checks are undecided")
    # --lang, like every command's, comes from common_options (default: SEGRULES_LANG, the locale)


def run(args: argparse.Namespace) -> int:
    try:
        from ..workbench import Workbench, run as serve
    except ModuleNotFoundError as exc:
        if exc.name not in ("starlette", "uvicorn", "anyio"):
            raise
        raise UsageError(
            f"segrules workbench needs the serve extra ({exc.name} is missing): pip install 'segrules[serve]'",
            code="SR906",
        ) from None
    if not 0 <= args.port <= 65535:
        args.parser.error(f"--port must be from 0 to 65535, not {args.port}")
    bench = Workbench(args.ruleset, lang=args.lang, seconds=args.verify_seconds)
    serve(bench, args.host, args.port)
    return 0
