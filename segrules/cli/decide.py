"""``segrules decide``: the segment, pathway and reasons for one answer set."""

from __future__ import annotations

import argparse
import datetime as dt

from ..engine.runtime import Decision, Ruleset
from ..pipeline import load
from .common import add_lang, parse_datetime, pathway_lines, print_json, read_answers, table, value_text

HELP = "decide the segment for one answer set"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ruleset", metavar="RULESET")
    parser.add_argument("--answers", required=True, metavar="FILE", help="the answers as a JSON object; - reads stdin")
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


def run(args: argparse.Namespace) -> int:
    ruleset = load(args.ruleset)
    answers = read_answers(args.answers)
    if args.at is not None:
        when = parse_datetime(args.at)
    else:
        when = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
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
