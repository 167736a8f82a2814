"""``segrules fhir``: a ruleset as FHIR R4 resources (Questionnaires and code systems)."""

from __future__ import annotations

import argparse
import json

from .. import fhir
from ..files import check_output, write_text_atomic
from ..pipeline import load
from .common import common_options, print_json, ruleset_json

HELP = "write a ruleset's Questionnaire or code systems as FHIR R4 JSON"
DESCRIPTION = (
    "Write the FHIR R4 Questionnaire of a ruleset (combined, or one respondent's) or a Bundle "
    "of the code systems it uses (inputs, segments, scores, answer options). QuestionnaireResponses "
    "are decided with `segrules decide RULESET --fhir`. See docs/fhir.md."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    what = parser.add_subparsers(dest="export", metavar="WHAT", required=True)
    # --json, --debug and --lang after the export's name too, as after every command's
    common = common_options()
    q = what.add_parser("questionnaire", help="the Questionnaire (combined, or one respondent's)", parents=[common])
    q.add_argument("ruleset", metavar="RULESET")
    q.add_argument("--respondent", choices=fhir.RESPONDENTS, help="only this respondent's questions (default: all)")
    c = what.add_parser("codesystems", help="a Bundle of the code systems the exports use", parents=[common])
    c.add_argument("ruleset", metavar="RULESET")
    for p in (q, c):
        p.add_argument("-o", "--output", metavar="FILE", help="write to this file (default: standard output)")
        p.add_argument("--force", action="store_true", help="let -o replace a file that holds a model")


def run(args: argparse.Namespace) -> int:
    if args.output:
        check_output(args.output, [args.ruleset], force=args.force)
    ruleset = load(args.ruleset)
    if args.export == "questionnaire":
        resource = fhir.questionnaire(ruleset, args.respondent)
    else:
        resource = {
            "resourceType": "Bundle", "type": "collection",
            "entry": [{"fullUrl": cs["url"], "resource": cs} for cs in fhir.code_systems(ruleset)],
        }
    if args.output:
        write_text_atomic(args.output, json.dumps(resource, ensure_ascii=False, indent=2) + "\n",
                          inputs=[args.ruleset], force=args.force)
        if args.json:
            print_json({
                "schema": "segrules.fhir/1", "ruleset": ruleset_json(ruleset.definition), "export": args.export,
                "resourceType": resource["resourceType"], "file": args.output,
            })
        return 0
    print_json(resource, sort_keys=False)
    return 0
