"""The ``segrules`` command line: a thin layer over the library, one module per command.

``COMMANDS`` lists the commands in the order of ``segrules --help`` as (command name, module
name) pairs; the module ``segrules.cli.<module>`` has ``HELP`` (one line), optionally
``DESCRIPTION`` (the longer text of ``segrules <command> --help``), ``add_arguments(parser)``
and ``run(args) -> int``, which calls library functions that return
values and formats them. Adding a command is one new module and one line here (and its help
in Finnish and Swedish in ``common.HELP_TEXTS``). Shared helpers (``print_json``,
``common_options``, ``add_lang``, ``read_answers``, the ``Parser`` that speaks the run's
language) are in ``common``.

Exit codes: 0 ok, 1 problems found or invalid input, 2 usage error, 3 internal error, 130
interrupted (Ctrl-C, taken over by ``segrules.__main__`` before this package loads).
Bad input never shows a traceback; ``--debug`` shows it. JSON shapes are in docs/cli.md.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from types import ModuleType
from typing import Sequence

from .. import __version__
from ..errors import AnswerError, SegrulesError, check_interrupted, stopped
from ..files import OutputError, os_reason
from ..i18n import resolve_lang
from ..messages import word
from .common import Parser, add_lang, common_options, peek_lang, print_json

__all__ = ["COMMANDS", "build_parser", "command_module", "main"]

COMMANDS: tuple[tuple[str, str], ...] = (
    ("check", "check"),
    ("describe", "describe"),
    ("sample", "sample"),
    ("decide", "decide"),
    ("replay", "replay"),
    ("test", "test"),
    ("explain", "explain"),
    ("verify", "verify"),
    ("diff", "diff"),
    ("diagram", "diagram"),
    ("crosswalk", "crosswalk"),
    ("sql", "sql"),
    ("batch", "batch"),
    ("fhir", "fhir"),
    ("serve", "serve"),
    ("workbench", "workbench"),
    ("report", "report"),
)


def command_module(module: str) -> ModuleType:
    """The module ``segrules.cli.<module>`` of one command."""
    return importlib.import_module(f"{__name__}.{module}")


def build_parser(lang: str = "en", only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of the command ``only`` alone, its own words (usage,
    headings, errors) in ``lang``: a command run imports its own module and no other (the
    verifier's solver, the service's web stack), which takes a third of a second from the
    start of every ``segrules batch``."""
    parser = Parser(
        lang=lang,
        prog="segrules",
        description="Client segmentation models for wellbeing services regions: check, run and test them.",
        epilog="Exit codes: 0 ok, 1 problems found or invalid input, 2 usage error, 3 internal error.",
    )
    parser.add_argument("--version", action="version", version=f"segrules {__version__}")
    parser.add_argument("--debug", action="store_true", help="show Python tracebacks instead of short messages")
    parser.add_argument("--json", action="store_true", help="machine-readable output, for every command")
    add_lang(parser)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    parent = common_options()
    for name, module_name in COMMANDS:
        if only is not None and name != only:
            continue
        module = command_module(module_name)
        description = getattr(module, "DESCRIPTION", None) or module.HELP[0].upper() + module.HELP[1:] + "."
        p = subparsers.add_parser(name, help=module.HELP, description=description, parents=[parent])
        module.add_arguments(p)
        p.set_defaults(func=module.run, parser=p)
    return parser


def _error_json(command: str | None, code: str, message: str, exc: SegrulesError | None, lang: str = "en") -> dict:
    return {
        "schema": "segrules.error/1",
        "command": command,
        "error": {"code": code, "message": message},
        "diagnostics": [d.to_json(lang) for d in exc.diagnostics] if exc is not None else [],
        "problems": [p.to_json() for p in exc.problems] if isinstance(exc, AnswerError) else [],
    }


def _report(exc: SegrulesError, lang: str = "en") -> None:
    indent = ""
    if isinstance(exc, AnswerError):
        print(f"{word('error', lang)}: {word('answer_problems', lang, len(exc.problems))}", file=sys.stderr)
        indent = "  "
    for d in exc.diagnostics:
        print(indent + d.format(lang), file=sys.stderr)


def _lang_of(args: argparse.Namespace | None) -> str:
    """The language of the run, once it is known (English for a problem with SEGRULES_LANG)."""
    lang = getattr(args, "lang", None)
    return lang if lang in ("fi", "sv", "en") else "en"


def main(argv: Sequence[str] | None = None) -> int:
    # A text the user gave (a file name with a byte that is not UTF-8, a lone surrogate in the
    # answers) is written with a backslash escape instead of failing, in JSON too (where
    # \\udcff is a valid escape).
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        return _main(argv)
    except BrokenPipeError:
        # the reader went away (e.g. `segrules sample ... | head -1`), perhaps while an error
        # was reported: stop quietly, and keep Python from flushing into the closed pipe at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _main(argv: Sequence[str] | None) -> int:
    args = None
    try:
        given = list(sys.argv[1:] if argv is None else argv)
        # the command, when it is the first word (global options with a value before it: every command)
        first = next((a for a in given if not a.startswith("-")), None)
        parser = build_parser(peek_lang(given), first if first in dict(COMMANDS) else None)
        args = parser.parse_args(given)
        args.argv = given  # the exact command, for reports
        args.lang = resolve_lang(args.lang)
        if args.json and hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(encoding="utf-8", errors="backslashreplace")
        try:
            return args.func(args)
        except Exception:
            # Ctrl-C pressed meanwhile: what a library made of it (DuckDB's "Query interrupted",
            # or an input it then could not read) is the interrupt
            check_interrupted()
            raise
    except SegrulesError as exc:
        if args.debug:
            raise
        if args.json:
            print_json(_error_json(args.command, exc.code, str(exc), exc, _lang_of(args)))
        else:
            _report(exc, _lang_of(args))
        return 1
    except KeyboardInterrupt as exc:
        if args is not None and args.debug:
            raise
        said, code = stopped(exc)  # Ctrl-C, or SIGTERM, which stops a command the same way
        print(said, file=sys.stderr)
        return code
    except BrokenPipeError:
        raise
    except OSError as exc:  # writing the output itself failed (e.g. stdout on a full disk)
        if args is None or args.debug:
            raise
        err = OutputError(f"cannot write the output: {os_reason(exc)}")
        try:
            if args.json:
                print_json(_error_json(args.command, err.code, str(err), err, _lang_of(args)))
            _report(err, _lang_of(args))
        except OSError:
            pass
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if args is None or args.debug:
            raise
        message = f"{type(exc).__name__}: {exc}"
        if args.json:
            print_json(_error_json(args.command, "internal", message, None))
        print(f"internal error: {message} (run with --debug for details)", file=sys.stderr)
        return 3
