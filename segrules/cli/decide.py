"""``segrules decide``: the segment, pathway and reasons for one answer set."""

from __future__ import annotations

import argparse
import datetime as dt

from .. import fhir
from ..documents import decide_json
from ..engine.runtime import Decision, Ruleset
from ..pipeline import load
from .common import add_lang, parse_datetime, pathway_lines, print_json, read_answers, read_json, table, value_text

HELP = "decide the segment for one answer set"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ruleset", metavar="RULESET")
    parser.add_argument("--answers", required=True, metavar="FILE", help="the answers as a JSON object; - reads stdin")
    parser.add_argument("--override", metavar="SEGMENT", help="a segment chosen by a person instead of the suggestion")
    parser.add_argument("--reason", metavar="TEXT", help="why the segment was overridden (required with --override)")
    parser.add_argument(
        "--at", metavar="ISO-DATETIME", help="assessment time with its UTC offset, e.g. 2024-03-01T09:30+02:00 (default now)"
    )
    parser.add_argument(
        "--fhir", action="store_true",
        help="the answers are a FHIR QuestionnaireResponse (a list or a Bundle of them); print the FHIR Bundle of the decision",
    )
    parser.add_argument("--care-plan", action="store_true", help="with --fhir: add a CarePlan proposal from the pathway")
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
    answers = read_answers(args.answers)
    decision = ruleset.decide(answers, assessed_at=when, override=args.override, reason=args.reason)
    if args.json:
        print_json(decide_json(decision, args.lang))
    else:
        print(decision_text(decision, ruleset, args.lang))
    return 0
