"""What several commands share: the common options, JSON output, reading answers, text helpers.

Only the command modules of this package import it; library modules return values and never
print.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any, Sequence

from .. import answers as answers_source
from ..documents import parse_instant, ruleset_json  # noqa: F401 - ruleset_json for the commands
from ..dsl import ast
from ..engine.runtime import format_number
from ..errors import Diagnostic, UsageError
from ..i18n import DEFAULT_LANG, LANG_VARIABLE, codes_label, count, text
from ..messages import word
from ..progress import Progress, terminal_bar


# --------------------------------------------------------------------------- options


def common_options() -> argparse.ArgumentParser:
    """The options every command takes, as a parent parser."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output (see docs/cli.md)"
    )
    p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks")
    add_lang(p, default=argparse.SUPPRESS)
    return p


def add_lang(parser: argparse.ArgumentParser, default: str | None = None) -> None:
    """The ``--lang`` option of every command: the language of everything a user reads.

    Without it, ``SEGRULES_LANG`` and then the locale decide (``i18n.resolve_lang``).
    """
    parser.add_argument(
        "--lang", choices=ast.LANGUAGES, default=default,
        help=f"language of the output: fi, sv or en (default: ${LANG_VARIABLE}, else the locale, else {DEFAULT_LANG})",
    )


def add_progress(parser: argparse.ArgumentParser) -> None:
    """The ``--no-progress`` option of the long commands (batch, report, verify)."""
    parser.add_argument(
        "--no-progress", action="store_true",
        help="draw no progress bar (it is drawn on stderr only when stderr is a terminal, never with --json)",
    )


def progress_bar(args: argparse.Namespace, command: str, *, wanted: bool = True, **options) -> Progress:
    """The progress bar of ``segrules <command>`` on stderr in the run's language, or
    ``NO_PROGRESS`` when stderr is not a terminal, with ``--json`` or ``--no-progress``, or
    when not ``wanted``."""
    wanted = wanted and not (args.json or args.no_progress)
    return terminal_bar(f"segrules {command}", args.lang, wanted=wanted, **options)


# --------------------------------------------------------------------------- output


def whole_number(text: str) -> int:
    """An argparse type: a whole number, else a usage error (exit code 2)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def print_json(obj: Any, *, sort_keys: bool = True) -> None:
    """One JSON document on stdout: sorted keys (unless the order is meant, as in FHIR), UTF-8,
    no trailing spaces."""
    print(json.dumps(obj, ensure_ascii=False, sort_keys=sort_keys, indent=2))


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def value_text(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    return format_number(value)


def counts(diagnostics: Sequence[Diagnostic]) -> tuple[int, int]:
    """The numbers of errors and of warnings."""
    errors = sum(1 for d in diagnostics if d.is_error)
    return errors, len(diagnostics) - errors


def count_text(errors: int, warnings: int, lang: str = "en") -> str:
    """``2 errors, 1 warning``, ``ok`` or ``ok (1 warning)``, in ``lang``."""
    if errors:
        return f"{word('errors', lang, errors)}, {word('warnings', lang, warnings)}"
    return word("ok", lang) if not warnings else f"{word('ok', lang)} ({word('warnings', lang, warnings)})"


def table(rows: list[tuple[str, ...]], indent: str = "  ") -> list[str]:
    """Rows of text as aligned columns, without trailing spaces."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        (indent + "  ".join(c.ljust(w) for c, w in zip(r, widths))).rstrip() for r in rows
    ]


_PATHWAY_FIELDS = (
    "contact", "appointments", "coordination", "professional_role", "self_care", "first_visit", "booking",
    "follow_up", "follow_up_visits", "service_model", "service_menu", "channels", "reassess_after_months",
)


def pathway_lines(p: ast.Pathway, lang: str, indent: str = "  ") -> list[str]:
    """A pathway as aligned ``name: text`` lines (the fields it has), in ``lang``."""
    rows = []
    for field in _PATHWAY_FIELDS:
        v = getattr(p, field)
        if v is None or v == ():
            continue
        if isinstance(v, ast.Labels):
            value = v.get(lang)
        elif field == "appointments":
            value = "; ".join(x.get(lang) for x in v)
        elif field in ("service_model", "service_menu", "channels"):
            value = codes_label(field, (v,) if isinstance(v, str) else v, lang)
        elif field == "reassess_after_months":
            value = count(lang, "months", v)
        else:
            value = str(v)
        rows.append((text(lang, field), value))
    width = max(len(text(lang, f)) for f in _PATHWAY_FIELDS)
    return [f"{indent}{n + ':':<{width + 1}} {t}" for n, t in rows]


# --------------------------------------------------------------------------- input


def answers_example(inputs: Sequence[ast.Input]) -> str:
    """A small answers object in a ruleset's own names, for hints: its first two inputs."""
    out = {}
    for i in inputs[:2]:
        d = i.domain
        out[i.id] = d.values[len(d.values) // 2] if d.values else True
    return json.dumps(out, ensure_ascii=False)


def read_answers(source: str, example: str | None = None) -> dict:
    """The answers JSON object from a file or from stdin (``-``), within the documented limits.

    ``example`` is a JSON object shown in the hint when the file is not JSON (best written
    with the ruleset's own inputs, see ``answers_example``).
    """
    return answers_source.read_answers(source, sys.stdin.buffer if source == "-" else None, example=example)


def read_json(source: str) -> Any:
    """One JSON document in any shape (FHIR resources) from a file or stdin, within the same limits."""
    return answers_source.read_document(source, sys.stdin.buffer if source == "-" else None)


AnswersFileError = answers_source.AnswersFileError


def parse_datetime(text: str) -> dt.datetime:
    """``--at``: an ISO 8601 date-time with its UTC offset (SR512 if unreadable, SR550 without
    offset), by the same rule as the library's: a time without an offset is never taken as UTC."""
    try:
        return parse_instant(text)
    except ValueError:
        raise UsageError(
            f"--at {text!r} is not an ISO 8601 date-time; write e.g. 2024-03-01T09:30:00+02:00",
            code="SR512",
        ) from None
