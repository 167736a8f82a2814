"""The loading pipeline: file → YAML → AST → checked AST → compiled ruleset.

Each stage reports into one sink, so a file's problems are reported together. The names and
types are checked on what the loader could build even when other parts have problems (the
parts left out are known to the checker, so that no mistake is reported twice); only a file
that is not YAML stops at the first stage, and the examples' answers are checked on a
ruleset without other errors.
"""

from __future__ import annotations

from pathlib import Path

from .dsl import ast
from .dsl.check import check_ruleset
from .dsl.loader import build_draft
from .engine.compile import compile_ruleset
from .engine.reference import validate_answers
from .engine.runtime import Ruleset
from .errors import AnswerError, Diagnostic, DiagnosticSink, RulesetError
from .source import SourceText, compose_yaml, content_hash, decode_text, read_source


def load(path: str | Path) -> Ruleset:
    """Load, check and compile a ruleset file. Raises RulesetError listing every problem."""
    return _load_source(read_source(path))


def load_text(text: str, name: str = "<ruleset>") -> Ruleset:
    """Load a ruleset from text (``name`` is used in error positions)."""
    return _load_source(decode_text(text, name))


def check_definition(path: str | Path) -> tuple[ast.RulesetDef | None, tuple[Diagnostic, ...]]:
    """The checked AST and every diagnostic (warnings included), without raising."""
    try:
        source = read_source(path)
        return _checked(source)
    except RulesetError as exc:
        return None, exc.diagnostics


def _checked(source: SourceText) -> tuple[ast.RulesetDef | None, tuple[Diagnostic, ...]]:
    doc, read = compose_yaml(source)
    sink = DiagnosticSink(source.lines)
    # the names and types of what could be built are checked even when other parts have
    # problems (a key given twice, a yes/no word), so that a file's problems are reported at once
    rs, left_out = build_draft(doc, sink, content_hash=content_hash(doc), source=source.name)
    if rs is not None:
        rs = check_ruleset(rs, sink, left_out)
    if rs is not None:
        _check_example_answers(rs, sink)
    # a place the YAML reading has a problem with is not reported a second time by the checks
    # (a yes/no word kept as text is also "not true or false")
    places = {(d.span.line, d.span.column) for d in read if d.span is not None and d.is_error}
    merged = DiagnosticSink(source.lines)
    merged.extend(read)
    merged.extend(d for d in sink.diagnostics if d.span is None or (d.span.line, d.span.column) not in places)
    return (None if merged.has_errors else rs), merged.diagnostics


def _check_example_answers(rs: ast.RulesetDef, sink: DiagnosticSink) -> None:
    for ex in rs.examples:
        try:
            validate_answers(rs, ex.answer_dict)
        except AnswerError as exc:
            for p in exc.problems:
                sink.report("SR231", f"example {ex.name!r}: {p.input}: {p.message} ({p.code})", ex.span)


def _load_source(source: SourceText) -> Ruleset:
    rs, diagnostics = _checked(source)
    if rs is None:
        raise RulesetError(diagnostics)
    return compiled(rs, diagnostics, source.text)


def compiled(definition: ast.RulesetDef, warnings: tuple[Diagnostic, ...] = (), text: str | None = None) -> Ruleset:
    """The ruleset of a checked definition, compiled here: how ``load`` ends. A process that
    received a definition already checked (the service's reload worker sends one) starts
    here, at a fraction of the cost of reading the file again."""
    return Ruleset(definition, compile_ruleset(definition), warnings=warnings, text=text)
