"""Errors and diagnostics.

Every problem segrules reports has a stable code (``SR...``), a one-line message a model
owner understands, and where there is one, the file, line and column. Problems are collected
so that a file's problems are all reported at once.
"""

from __future__ import annotations

import difflib
import json
import re
import signal
import threading
from typing import Any, Iterable, Sequence

import attrs


@attrs.frozen
class Span:
    """A place in a ruleset file (1-based line and column)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        # a file's name may hold a terminal escape: written out, as every text a user gave
        return f"{safe_text(self.file, 300)}:{self.line}:{self.column}"


@attrs.frozen
class Diagnostic:
    """One problem found in a file: code, message, place, hint and the source line."""
    code: str
    message: str
    span: Span | None = None
    hint: str | None = None
    severity: str = "error"  # or "warning"
    source_line: str | None = None

    @property
    def is_error(self) -> bool:
        """True for an error, False for a warning."""
        return self.severity == "error"

    def format(self, lang: str | None = None) -> str:
        """The diagnostic as text: file:line:col, code, message, the line with a caret, the hint.

        ``lang`` (fi, sv or en; by default ``i18n.resolve_lang``) is the language of the
        message and the hint (``segrules.messages``); names, values and places stay as they are.
        """
        from .i18n import resolve_lang
        from .messages import translate, translate_hint, word

        lang = resolve_lang(lang)
        where = f"{self.span}: " if self.span else ""
        text = f"{where}{self.code} {word(self.severity, lang)}: {translate(self.code, self.message, lang)}"
        if self.source_line is not None and self.span is not None:
            line, column = shown_line(self.source_line, self.span.column)
            text += f"\n    {line}\n    {' ' * (column - 1)}^"
        hint = translate_hint(self.hint, lang)
        if hint:
            text += f"\n    {word('hint', lang)}: {hint}"
        return text

    def to_json(self, lang: str | None = None) -> dict:
        """The diagnostic as JSON (docs/cli.md); ``message`` and ``hint`` in ``lang`` (as
        ``format``); ``code`` is the same in every language."""
        from .i18n import resolve_lang
        from .messages import translate, translate_hint

        lang = resolve_lang(lang)
        return {
            "code": self.code,
            "severity": self.severity,
            "message": translate(self.code, self.message, lang),
            "file": self.span.file if self.span else None,
            "line": self.span.line if self.span else None,
            "column": self.span.column if self.span else None,
            "hint": translate_hint(self.hint, lang),
        }


#: The most characters of a source line shown under a message; a longer line is cut around
#: the place of the error.
SHOWN_LINE = 100
_INVISIBLE = {c: chr(0x2400 + c) for c in range(0x20) if c != 9} | {0x7F: "\u2421"}


def shown_line(line: str, column: int) -> tuple[str, int]:
    """A source line as printed under a message, and the caret's column in it.

    Control characters are shown as their visible symbols (NUL as ␀), each one column wide,
    and a line longer than ``SHOWN_LINE`` is cut to the part around ``column``, with ``…``
    where text was left out.
    """
    line = line.rstrip("\r\n").expandtabs(1).translate(_INVISIBLE)
    if len(line) <= SHOWN_LINE:
        return line, column
    start = max(0, min(column - 1 - SHOWN_LINE // 2, len(line) - SHOWN_LINE))
    end = start + SHOWN_LINE
    head = "…" if start > 0 else ""
    tail = "…" if end < len(line) else ""
    return head + line[start:end] + tail, column - start + len(head)


class SegrulesError(Exception):
    """Base of every error segrules raises on purpose."""

    code = "SR000"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """The problems as diagnostics, for printing or JSON."""
        return (Diagnostic(self.code, str(self)),)

    def format(self) -> str:
        """The problems as text, one diagnostic after another."""
        return "\n".join(d.format() for d in self.diagnostics)


class RulesetError(SegrulesError):
    """A ruleset file has one or more problems; all of them are in ``diagnostics``."""

    def __init__(self, diagnostics: Sequence[Diagnostic]):
        self._diagnostics = tuple(diagnostics)
        first = self._diagnostics[0]
        more = len(self.errors) - 1
        summary = first.format().splitlines()[0]
        if more > 0:
            summary += f" (and {more} more problem{'s' if more > 1 else ''})"
        super().__init__(summary, code=first.code)

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Every problem of the file, errors and warnings, in the order of the file."""
        return self._diagnostics

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The errors only (warnings left out)."""
        return tuple(d for d in self._diagnostics if d.is_error)


@attrs.frozen
class AnswerProblem:
    """One problem with one answer: its code, the input it concerns and what is wrong."""
    code: str
    input: str
    message: str

    def to_json(self) -> dict:
        """The problem as JSON: code, input and message."""
        return {"code": self.code, "input": self.input, "message": self.message}


class AnswerError(SegrulesError):
    """The answers given to ``decide`` are not valid for the ruleset; every problem is listed."""

    code = "SR300"

    def __init__(self, problems: Iterable[AnswerProblem]):
        self.problems = tuple(problems)
        lines = [f"{p.code} {safe_text(p.input)}: {p.message}" for p in self.problems]
        super().__init__(
            f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''} "
            "with the answers:\n  " + "\n  ".join(lines)
        )

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """One diagnostic per problem, each naming the input."""
        return tuple(Diagnostic(p.code, f"{safe_text(p.input)}: {p.message}") for p in self.problems)


class EvaluationError(SegrulesError):
    """Valid answers could not be evaluated: a gap, an overlap, division by zero, ...

    Only an unverified ruleset can raise it; ``segrules verify`` proves that it cannot happen.
    """

    code = "SR400"

    def __init__(self, message: str, *, code: str, span: Span | None = None, input: str | None = None):
        super().__init__(message, code=code)
        self.span = span
        #: the unanswered input an SR405 names (None for the other codes)
        self.input = input

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """The one diagnostic, at the rule or score that failed."""
        return (Diagnostic(self.code, str(self), self.span),)


class InexactNumber(SegrulesError):
    """A binary float reached an evaluator: a bug in segrules, never a verdict.

    Every number segrules computes with is an int or a Fraction; a float would silently
    round (0.1 is not one tenth), so the evaluators refuse it instead of deciding with it.
    """

    code = "SR691"


class UsageError(SegrulesError):
    """A caller used the API or the command line wrongly (e.g. an override without a reason)."""

    code = "SR500"


class DiagnosticSink:
    """Collects diagnostics for one file, so that all of its problems are reported at once."""

    def __init__(self, source_lines: Sequence[str] = ()):
        self._items: list[Diagnostic] = []
        self._lines = source_lines

    def report(
        self,
        code: str,
        message: str,
        span: Span | None = None,
        *,
        hint: str | None = None,
        severity: str = "error",
    ) -> None:
        line = None
        if span is not None and 1 <= span.line <= len(self._lines):
            line = self._lines[span.line - 1]
        self._items.append(Diagnostic(code, message, span, hint, severity, line))

    def warn(self, code: str, message: str, span: Span | None = None, *, hint: str | None = None) -> None:
        self.report(code, message, span, hint=hint, severity="warning")

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Add diagnostics made elsewhere (an earlier stage's) to this file's."""
        self._items.extend(diagnostics)

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        def key(d: Diagnostic):
            s = d.span
            return (s.line, s.column) if s else (0, 0)

        return tuple(sorted(self._items, key=key))

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self._items)

    def raise_if_errors(self) -> None:
        if self.has_errors:
            raise RulesetError(self.diagnostics)


_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
MAX_SHOWN = 80  # characters of a caller's text repeated in a message


def safe_text(text: str, limit: int | None = MAX_SHOWN) -> str:
    """``text`` fit to repeat in a message: control characters, terminal escape sequences,
    bidirectional overrides, lone surrogates and the non-characters U+FFFE and U+FFFF written
    as ``\\x1b``-style escapes, and a text longer than ``limit`` shortened (``None``: kept
    whole), so that what a caller sent can never drive the reader's terminal, nor break an XML
    document it is written into."""
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    return _UNSAFE.sub(lambda m: "\\" + ascii(m.group())[2:-1], text)


#: What Python's JSON reader says (the start of its message) and what segrules says instead
_JSON_REASONS = (
    ("Expecting value", "a value was expected"),
    ("Expecting property name enclosed in double quotes", "a key in double quotes was expected"),
    ("Expecting ':' delimiter", "a ':' was expected after the key"),
    ("Expecting ',' delimiter", "a ',' was expected between two members or items"),
    ("Unterminated string", "a text is not closed with a double quote"),
    ("Invalid control character", "a text holds a control character (write it as an escape)"),
    ("Invalid \\uXXXX escape", "a text holds an escape \\u that is not four hexadecimal digits"),
    ("Invalid \\escape", "a text holds a backslash that begins no escape"),
    ("Extra data", "more follows the end of the JSON value"),
    ("Unexpected UTF-8 BOM", "it begins with a byte-order mark"),
    ("Illegal trailing comma", "a ',' comes before the end of an object or a list"),
)


#: What is wrong with a JSON text that escapes half of a surrogate pair alone (``"\\ud800"``),
#: which Python's reader takes: no character, which UTF-8 cannot write.
LONE_SURROGATE = "a text holds an escape \\ud800 to \\udfff without its pair, which is no character"
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def holds_surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate: half a pair read from a JSON escape, or a byte
    that is not UTF-8 as Python reads it from a command line or a file name (``\udcff``)."""
    return _SURROGATE.search(text) is not None


def lone_surrogate(text: str, value: Any) -> bool:
    """Whether ``value``, read from the JSON ``text``, holds a lone surrogate in a text (a
    key too). Only a text with such an escape can: most are never walked."""
    if _SURROGATE_ESCAPE.search(text) is None:
        return False
    todo = [value]
    while todo:
        item = todo.pop()
        if type(item) is str:
            if holds_surrogate(item):
                return True
        elif type(item) is dict:
            todo.extend(item)
            todo.extend(item.values())
        elif type(item) is list:
            todo.extend(item)
    return False


def json_reason(message: str) -> str:
    """What is wrong with a JSON text, in segrules' words, from the message of Python's
    ``json.JSONDecodeError`` (its ``msg``): a user never reads the reader's own words."""
    for start, reason in _JSON_REASONS:
        if message.startswith(start):
            return reason
    return "it is not JSON"


def shown(value: object) -> str:
    """A caller's value as a message shows it: JSON-like, escaped and of bounded length."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, str):
        return '"' + safe_text(value) + '"'
    if isinstance(value, int):
        if value.bit_length() > 200:  # str() of a huge int is slow, and refused past 4300 digits
            digits = int(value.bit_length() * 0.30103) + 1
            return f"a whole number of about {digits} digits"
        return str(value)
    if type(value) in (list, dict):  # as JSON writes it (["illness"], {"a": 1}): what a caller sent
        try:
            return safe_text(json.dumps(value, ensure_ascii=False))
        except (TypeError, ValueError, RecursionError):  # something JSON has no word for, deep inside
            pass
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a caller's object may fail to print itself
        text = f"<{type(value).__name__}>"
    return safe_text(text)


def closest(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The candidate a misspelt ``word`` most likely meant, for a "did you mean" hint."""
    found = difflib.get_close_matches(str(word), sorted(candidates), n=1, cutoff=cutoff)
    return found[0] if found else None


def leave_interrupts_to_python(z3) -> None:
    """Keep z3 from taking SIGINT for itself while it solves: it would answer "unknown" to the
    query it was on, or, when the query ends first anyway, drop the Ctrl-C altogether, so that
    a command went on as if nothing was pressed. Python then raises KeyboardInterrupt as soon as
    the query returns (each query is bounded by its budget), and the command stops (exit 130)."""
    z3.set_param("ctrl_c", False)


#: Set once Ctrl-C was pressed in the command line (``segrules.__main__`` installs
#: ``on_interrupt``). Python raises KeyboardInterrupt where the main thread happens to be, and
#: one raised inside a destructor (z3 frees its terms in ``__del__``) is printed and dropped:
#: the flag stays, and the next checkpoint (``check_interrupted``) raises it again.
_INTERRUPTED = threading.Event()


def on_interrupt(signum, frame) -> None:
    """The command line's SIGINT handler: remember it, and stop the command."""
    _INTERRUPTED.set()
    raise KeyboardInterrupt


class Terminated(KeyboardInterrupt):
    """SIGTERM in the command line: stops the command as Ctrl-C does (its temporary files and
    folders removed, no output half-written), with exit code 143."""


_TERMINATED = threading.Event()


def stopped(exc: KeyboardInterrupt) -> tuple[str, int]:
    """What the command line says, and its exit code, when ``exc`` stopped a command: Ctrl-C
    (``interrupted``, 130) or SIGTERM (``terminated``, 143)."""
    return ("terminated", 143) if isinstance(exc, Terminated) else ("interrupted", 130)


def on_terminate(signum, frame) -> None:
    """The command line's SIGTERM handler: stop the command, as ``on_interrupt`` does."""
    _TERMINATED.set()
    raise Terminated


def default_termination() -> None:
    """SIGTERM back to the system's default, for a server that shuts down on it by itself
    (uvicorn catches it, closes gracefully and then raises it again)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def check_interrupted() -> None:
    """Raise KeyboardInterrupt if Ctrl-C was pressed and its first KeyboardInterrupt was lost;
    long loops (the verifier's budget checks, each solver query) call this."""
    if _TERMINATED.is_set():
        raise Terminated
    if _INTERRUPTED.is_set():
        raise KeyboardInterrupt
