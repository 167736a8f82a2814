"""``segrules fhir``: a ruleset as FHIR R4 resources (Questionnaires and code systems)."""

from __future__ import annotations

import argparse
import json

from .. import fhir
from ..files import write_text_atomic
from ..pipeline import load
from .common import print_json, ruleset_json

HELP = "write a ruleset's Questionnaire or code systems as FHIR R4 JSON"
DESCRIPTION = (
    "Write the FHIR R4 Questionnaire of a ruleset (combined, or one respondent's) or a Bundle "
    "of the code systems it uses (inputs, segments, scores, answer options). QuestionnaireResponses "
    "are decided with `segrules decide RULESET --fhir`. See docs/fhir.md."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    what = parser.add_subparsers(dest="export", metavar="WHAT", required=True)
    q = what.add_parser("questionnaire", help="the Questionnaire (combined, or one respondent's)")
    q.add_argument("ruleset", metavar="RULESET")
    q.add_argument("--respondent", choices=fhir.RESPONDENTS, help="only this respondent's questions (default: all)")
    q.add_argument("-o", "--output", metavar="FILE", help="write to this file (default: standard output)")
    c = what.add_parser("codesystems", help="a Bundle of the code systems the exports use")
    c.add_argument("ruleset", metavar="RULESET")
    c.add_argument("-o", "--output", metavar="FILE", help="write to this file (default: standard output)")
    for p in (q, c):
        p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    ruleset = load(args.ruleset)
    if args.export == "questionnaire":
        resource = fhir.questionnaire(ruleset, args.respondent)
    else:
        resource = {
            "resourceType": "Bundle", "type": "collection",
            "entry": [{"fullUrl": cs["url"], "resource": cs} for cs in fhir.code_systems(ruleset)],
        }
    if args.output:
        write_text_atomic(args.output, json.dumps(resource, ensure_ascii=False, indent=2) + "\n")
        if args.json:
            print_json({
                "schema": "segrules.fhir/1", "ruleset": ruleset_json(ruleset.definition), "export": args.export,
                "resourceType": resource["resourceType"], "file": args.output,
            })
        return 0
    print_json(resource, sort_keys=False)
    return 0
