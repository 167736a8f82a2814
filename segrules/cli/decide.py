"""``segrules decide``: the segment, pathway and reasons for one answer set."""

from __future__ import annotations

import argparse
import datetime as dt

from ..engine.runtime import Decision, Ruleset
from ..pipeline import load
import json
import sys

from ..errors import AnswerError, SegrulesError
from .common import (
    add_lang, parse_datetime, pathway_lines, print_json, read_answers, read_answers_text, table, value_text,
)

HELP = "decide the segment for one answer set"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ruleset", metavar="RULESET")
    parser.add_argument("--answers", required=True, metavar="FILE", help="the answers as a JSON object, or JSON Lines (one answer set a line, one decision each); - reads stdin")
    parser.add_argument("--override", metavar="SEGMENT", help="a segment chosen by a person instead of the suggestion")
    parser.add_argument("--reason", metavar="TEXT", help="why the segment was overridden (required with --override)")
    parser.add_argument("--at", metavar="ISO-DATETIME", help="assessment time (default now, UTC; no offset means UTC)")
    add_lang(parser)


def decision_text(d: Decision, ruleset: Ruleset, lang: str) -> str:
    """A decision for a reader, in one language."""
    rs = ruleset.definition
    seg = d.segment
    out = [f"Segment:      {seg.label.get(lang)} ({seg.id})"]
    if d.is_overridden:
        out[0] += f"  (chosen by a person; the rules suggested {d.suggested.id})"
    if seg.aliases:
        out.append(f"Also called:  {', '.join(seg.aliases)}")
    out.append(f"Service use:  {seg.service_use}")
    if seg.quadrant:
        out.append(f"Quadrant:     resources {seg.quadrant.resources}, complexity {seg.quadrant.complexity}")
    out += ["", "Pathway:"] + pathway_lines(d.pathway, lang)
    scores = d.scores
    if scores:
        out += ["", "Scores:"]
        out += table([(s.id, "=", value_text(scores[s.id]), f"({s.label.get(lang)})") for s in rs.scores])
    out += ["", "Why:"] + ["  " + line for line in d.explain(lang).splitlines()[1:]]
    out += [
        "",
        f"Ruleset:      {d.ruleset.id} {d.ruleset.version}",
        f"SHA-256:      {d.ruleset.content_hash}",
        f"Assessed at:  {d.assessed_at.isoformat()}",
        f"Re-assess on: {d.reassess_on.isoformat()}",
    ]
    return "\n".join(out)


def json_lines(text: str) -> list[str] | None:
    """The lines of a JSON Lines text (two or more lines, each a JSON value), else None.

    Anything else is read as one JSON document, so that a syntax error gets its position.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return None
    for line in lines:
        try:
            json.loads(line)
        except ValueError:
            return None
    return lines


def run(args: argparse.Namespace) -> int:
    ruleset = load(args.ruleset)
    text = read_answers_text(args.answers)
    if args.at is not None:
        when = parse_datetime(args.at)
    else:
        when = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    lines = json_lines(text)
    if lines is not None:
        return _run_lines(args, ruleset, lines, when)
    answers = read_answers(args.answers, text=text)
    decision = ruleset.decide(answers, assessed_at=when, override=args.override, reason=args.reason)
    if args.json:
        print_json(
            {
                "schema": "segrules.decide/1",
                "decision": decision.to_json(),
                "explanation": decision.explain(args.lang),
                "lang": args.lang,
            }
        )
    else:
        print(decision_text(decision, ruleset, args.lang))
    return 0


def _run_lines(args, ruleset: Ruleset, lines: list[str], when) -> int:
    """One decision per line: with --json one compact JSON document a line, else text blocks.

    A line that fails gets its error (with the line number) and the others are still decided;
    the exit code is 1 if any line failed.
    """
    failed = 0
    for number, line in enumerate(lines, 1):
        try:
            answers = read_answers(f"line {number}", text=line)
            decision = ruleset.decide(answers, assessed_at=when, override=args.override, reason=args.reason)
        except SegrulesError as exc:
            failed += 1
            if args.json:
                print(json.dumps({
                    "schema": "segrules.decide/1", "line": number,
                    "error": {"code": exc.code, "message": str(exc)},
                    "problems": [p.to_json() for p in exc.problems] if isinstance(exc, AnswerError) else [],
                }, ensure_ascii=False, sort_keys=True))
            else:
                print(f"line {number}: {exc.code} {exc}", file=sys.stderr)
            continue
        if args.json:
            print(json.dumps({
                "schema": "segrules.decide/1", "line": number, "decision": decision.to_json(),
                "explanation": decision.explain(args.lang), "lang": args.lang,
            }, ensure_ascii=False, sort_keys=True))
        else:
            if number > 1:
                print()
            print(f"# line {number}")
            print(decision_text(decision, ruleset, args.lang))
    return 1 if failed else 0
