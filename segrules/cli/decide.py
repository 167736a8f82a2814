"""``segrules decide``: the segment, pathway and reasons for one answer set."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import datetime as dt
import itertools
import json
import os
import stat
import sys

import attrs

from .. import answers as answers_source
from .. import fhir
from ..documents import decide_json
from ..engine.runtime import Decision, Ruleset
from ..i18n import code_label, quadrant_text, text, value_words
from ..errors import AnswerError, Diagnostic, SegrulesError, safe_text
from ..files import bounded_lines, os_reason
from ..pipeline import load
from .common import (
    answers_example, data_text, parse_datetime, pathway_lines, print_json, read_answers, read_json, safe_lines, table,
)

HELP = "decide the segment for one answer set"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ruleset", metavar="RULESET")
    parser.add_argument("--answers", required=True, metavar="FILE", help="the answers as a JSON object, or JSON Lines (one answer set a line, one decision each); - reads stdin")
    parser.add_argument("--override", type=data_text, metavar="SEGMENT", help="a segment chosen by a person instead of the suggestion")
    parser.add_argument("--reason", type=data_text, metavar="TEXT", help="why the segment was overridden (required with --override)")
    parser.add_argument(
        "--at", metavar="ISO-DATETIME", help="assessment time with its UTC offset, e.g. 2024-03-01T09:30+02:00 (default now)"
    )
    parser.add_argument(
        "--fhir", action="store_true",
        help="the answers are a FHIR QuestionnaireResponse (a list or a Bundle of them); print the FHIR Bundle of the decision",
    )
    parser.add_argument("--care-plan", action="store_true", help="with --fhir: add a CarePlan proposal from the pathway")


def decision_text(d: Decision, ruleset: Ruleset, lang: str) -> str:
    """A decision for a reader, in one language (the ruleset's labels, the reason of an override
    and the file's name with control characters and terminal escapes written out)."""
    rs = ruleset.definition
    seg = d.segment
    rows = [(text(lang, "segment"), f"{seg.label.get(lang)} ({seg.id})")]
    if d.is_overridden:
        s = d.suggested
        rows[0] = (rows[0][0], rows[0][1] + "  " + text(lang, "overridden_note", id=s.id, label=s.label.get(lang)))
    if seg.aliases:
        rows.append((text(lang, "also_called"), ", ".join(seg.aliases)))
    rows.append((text(lang, "service_use"), code_label("service_use", seg.service_use, lang)))
    if seg.quadrant:
        rows.append((text(lang, "quadrant"), quadrant_text(seg.quadrant, lang)))
    out = _fields(rows)
    out += ["", text(lang, "pathway") + ":"] + pathway_lines(d.pathway, lang)
    scores = d.scores
    if scores:
        out += ["", text(lang, "scores") + ":"]
        out += table([(s.label.get(lang), "=", value_words(scores[s.id], lang), f"({s.id})") for s in rs.scores])
    # the rule and what it read; the segment and the pathway are shown in full above
    out += ["", text(lang, "why") + ":"] + ["  " + line for line in d.explain(lang).splitlines()[1:-2]]
    out += [""] + _fields([
        (text(lang, "ruleset"), f"{d.ruleset.id} {d.ruleset.version}"),
        ("SHA-256", d.ruleset.content_hash),
        (text(lang, "assessed_at"), d.assessed_at.isoformat()),
        (text(lang, "reassess_on"), d.reassess_on.isoformat()),
    ])
    return safe_lines("\n".join(out))


def _fields(rows: list[tuple[str, str]]) -> list[str]:
    """``Name:  value`` lines with the values aligned."""
    width = max(len(n) for n, _ in rows) + 2
    return [f"{n + ':':<{width}}{v}".rstrip() for n, v in rows]


def _answer_lines(source: str, stream, name: str) -> tuple:
    """JSON Lines (two or more non-empty lines, the first a JSON value on its own): an iterator of
    (line number, bytes, or None for a line longer than one answer set may be); otherwise
    None, and the source is read as one JSON document (from standard input: its bytes, which
    are read here; from a file: None, and the file is read again as one document).

    Each line is bounded like one answers file. When the first line is JSON and the second
    too long to read, the input is JSON Lines and that line is refused (SR307); a first line
    too long makes one document too long.
    """
    limit = answers_source.MAX_ANSWERS_BYTES
    # blank lines are passed over, and a first line that holds nothing but the file's byte order mark
    lines = ((n, line) for n, line in _numbered_lines(stream, limit, name)
             if line is None or (line.removeprefix(codecs.BOM_UTF8) if n == 1 else line).strip())
    head: list[tuple[int, bytes | None]] = []
    for number, line in lines:  # two, or up to one too long: its end may never come (/dev/zero)
        head.append((number, line))
        if len(head) == 2 or line is None:
            break

    def parses(b: bytes) -> bool:
        try:
            json.loads(b)
            return True
        except ValueError:
            return False
    if len(head) == 2 and parses(head[0][1]):  # the second line is judged as a line: it may be the bad one
        return itertools.chain(head, lines), None
    if source != "-":
        return None, None
    data = b"".join(line or b"" for _, line in head) + stream.read(limit + 1)
    if len(data) > limit or any(line is None for _, line in head):  # read only up to the limit
        raise answers_source.too_large("<stdin>")
    return None, data


@contextlib.contextmanager
def _lines_source(source: str):
    """The stream JSON Lines may be read from, and the name its lines are given in messages:
    standard input, or the file if it is a regular file (open while the context lasts);
    (None, None) for anything else, a folder or a missing file, which is read as one document,
    whose reading says what is wrong."""
    if source == "-":
        yield sys.stdin.buffer, "<stdin>"
        return
    try:
        stream = open(source, "rb") if stat.S_ISREG(os.stat(source).st_mode) else None
    except (OSError, ValueError):
        stream = None
    if stream is None:
        yield None, None
        return
    with stream:
        yield stream, safe_text(os.fsdecode(source), 300)


def _numbered_lines(stream, limit: int, name: str):
    """``bounded_lines`` of ``stream``; a stream that fails is SR510, as an answers file that
    cannot be read is."""
    try:
        yield from bounded_lines(stream, limit)
    except OSError as exc:
        raise answers_source.AnswersFileError(Diagnostic(
            "SR510", f"cannot read the answers from {name}: {os_reason(exc, reading=True)}")) from None


def run(args: argparse.Namespace) -> int:
    if args.care_plan and not args.fhir:
        args.parser.error("--care-plan needs --fhir")
    ruleset = load(args.ruleset)
    if args.at is not None:
        when = parse_datetime(args.at)
    else:
        when = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    if args.fhir:
        responses = read_json(args.answers)
        bundle = fhir.decide(
            ruleset, responses, assessed_at=when, override=args.override, reason=args.reason, care_plan=args.care_plan,
        )
        print_json(bundle, sort_keys=False)
        return 0
    if args.override is not None or args.reason is not None:
        ruleset.check_override(args.override, args.reason)  # once, not again for each line
    with _lines_source(args.answers) as (stream, name):
        lines, data = _answer_lines(args.answers, stream, name) if stream is not None else (None, None)
        if lines is not None:
            return _run_lines(args, ruleset, lines, when, name)
    if data is not None:
        answers = answers_source.parse_answers(data, "<stdin>", example=answers_example(ruleset.inputs))
    else:
        answers = read_answers(args.answers, example=answers_example(ruleset.inputs))
    decision = ruleset.decide(answers, assessed_at=when, override=args.override, reason=args.reason)
    if args.json:
        print_json(decide_json(decision, args.lang))
    else:
        print(decision_text(decision, ruleset, args.lang))
    return 0


def _in_file(d: Diagnostic, name: str, source: str, number: int) -> Diagnostic:
    """A problem of line ``number`` (read as the answers ``name``) placed in the file, as an
    editor numbers its lines: ``answers.jsonl:2:18``, not ``answers.jsonl line 2:1:18``."""
    if d.span is None or d.span.file != name:
        return d
    return attrs.evolve(d, span=attrs.evolve(d.span, file=source, line=number + d.span.line - 1))


def _run_lines(args, ruleset: Ruleset, lines, when, source: str) -> int:
    """One decision per line: with --json one compact JSON document a line, else text blocks.

    A line that fails gets its error (with the line number) and the others are still decided;
    the exit code is 1 if any line failed.
    """
    failed = 0
    example = answers_example(ruleset.inputs)  # in a hint on a line that is not JSON
    for number, line in lines:
        where = text(args.lang, "line", n=number)  # "line 3", "rivi 3": the place, as the reader reads it
        name = f"{source} {where}" if not args.json else f"{source} line {number}"
        try:
            if line is None:
                raise answers_source.too_large(name)
            # without its line end, which would place a mistake at its end on the next line; a
            # byte order mark starts the file, not a later line (as batch and the service read them)
            answers = answers_source.parse_answers(line.rstrip(b"\r\n"), name, example=example, bom=number == 1)
            decision = ruleset.decide(answers, assessed_at=when, override=args.override, reason=args.reason)
        except SegrulesError as exc:
            failed += 1
            diagnostics = [_in_file(d, name, source, number) for d in exc.diagnostics]
            if args.json:
                print(json.dumps({
                    "schema": "segrules.decide/1", "line": number,
                    "error": {"code": exc.code, "message": str(exc)},
                    "problems": [p.to_json() for p in exc.problems] if isinstance(exc, AnswerError) else [],
                    # each problem in the reader's language, as an error document has them
                    "diagnostics": [d.to_json(args.lang) for d in diagnostics],
                }, ensure_ascii=False, sort_keys=True))
            else:  # each problem named by its line (a JSON error by its place), in the reader's language
                for d in diagnostics:
                    said = d.format(args.lang)
                    print(safe_lines(said if d.span or d.message.startswith(name) else f"{where}: {said}"),
                          file=sys.stderr)
            continue
        if args.json:
            print(json.dumps({
                "schema": "segrules.decide/1", "line": number, "decision": decision.to_json(),
                "explanation": decision.explain(args.lang), "lang": args.lang,
            }, ensure_ascii=False, sort_keys=True))
        else:
            if number > 1:
                print()
            print(f"# {where}")
            print(decision_text(decision, ruleset, args.lang))
    return 1 if failed else 0
