"""Regenerate the sample FHIR resources in docs/fhir/ from the shipped rulesets.

For each shipped ruleset: its combined Questionnaire, the QuestionnaireResponses (one per
respondent) carrying its first example's answers, and the resources of the decision on them
(with a CarePlan), so that a developer can see what segrules sends and takes without running
it. The respondents' own Questionnaires and the code systems are left to the command line
(`segrules fhir questionnaire RULESET --respondent client`), to keep the folder small.

    python docs/gen_fhir.py            # rewrite the files that are out of date
    python docs/gen_fhir.py --check    # exit 1 if any is out of date
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import segrules  # noqa: E402
from segrules import fhir  # noqa: E402

OUT = DOCS / "fhir"
#: The example decisions' time and subject, fixed so that the files do not change by themselves.
ASSESSED_AT = dt.datetime(2026, 1, 15, 10, 0, tzinfo=dt.timezone.utc)
SUBJECT = {"reference": "Patient/example"}


def shipped() -> list[Path]:
    return sorted(p for p in (ROOT / "rulesets").rglob("*.yaml") if p.name != "crosswalk.yaml")


def slug(rs: segrules.Ruleset) -> str:
    return re.sub(r"[^a-z0-9]+", "-", rs.id.lower()).strip("-")


WIDTH = 140


def _dump(value, indent: str = "") -> str:
    """JSON with short objects and lists on one line, so that the files stay readable and small."""
    flat = json.dumps(value, ensure_ascii=False)
    if len(indent) + len(flat) <= WIDTH or not isinstance(value, (dict, list)) or not value:
        return flat
    inner = indent + "  "
    if isinstance(value, dict):
        parts = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {_dump(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(parts) + "\n" + indent + "}"
    parts = [inner + _dump(v, inner) for v in value]
    return "[\n" + ",\n".join(parts) + "\n" + indent + "]"


def text(resource: dict) -> str:
    return _dump(resource) + "\n"


def wanted() -> dict[Path, str]:
    out: dict[Path, str] = {}
    for path in shipped():
        rs = segrules.load(path)
        name = slug(rs)
        out[OUT / f"{name}.questionnaire.json"] = text(fhir.questionnaire(rs))
        example = rs.definition.examples[0]
        responses = []
        for k, respondent in enumerate(fhir.RESPONDENTS, 1):
            qr = fhir.questionnaire_response(rs, example.answer_dict, respondent)
            if "item" in qr:
                responses.append({"resourceType": qr["resourceType"], "id": f"{name}-{respondent}", **qr, "subject": SUBJECT})
        answers = fhir.answers_from_responses(rs, responses)
        decision = rs.decide(answers, assessed_at=ASSESSED_AT)
        bundle = {"resourceType": "Bundle", "type": "collection",
                  "entry": [{"fullUrl": f"QuestionnaireResponse/{r['id']}", "resource": r} for r in responses]}
        out[OUT / f"{name}.responses.json"] = text(bundle)
        out[OUT / f"{name}.decision.json"] = text(fhir.decision_resources(rs, decision, bundle, care_plan=True))
    return out


def stale(want: dict[Path, str]) -> list[Path]:
    """Files in docs/fhir/ that no shipped ruleset makes any more."""
    return sorted(p for p in OUT.glob("*.json") if p not in want)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is out of date")
    args = parser.parse_args(argv)
    want = wanted()
    old = [p for p, t in want.items() if not p.exists() or p.read_text(encoding="utf-8") != t] + stale(want)
    if args.check:
        for p in old:
            print(f"out of date: {p.relative_to(ROOT)}", file=sys.stderr)
        return 1 if old else 0
    OUT.mkdir(exist_ok=True)
    for p in stale(want):
        p.unlink()
        print(f"removed {p.relative_to(ROOT)}")
    for p, t in want.items():
        if not p.exists() or p.read_text(encoding="utf-8") != t:
            tmp = p.with_suffix(".tmp")
            tmp.write_text(t, encoding="utf-8")
            tmp.replace(p)
            print(f"wrote {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
