"""A decision as FHIR R4 resources: the segment Observation, its Provenance, a CarePlan.

The Bundle (type ``collection``) holds an Observation whose value is the segment (a coding of
the ruleset's segments code system), derived from the QuestionnaireResponses, with every score
as a component, exactly; a Provenance naming the ruleset (``id|version``) and its content hash;
and on request a CarePlan proposal from the segment's pathway. The entries' ``urn:uuid`` names
are derived from their content, so the same decision gives the same Bundle.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import sys
import uuid
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..dsl import ast
from ..dsl.printer import decimal_places
from ..errors import EvaluationError, SegrulesError, UsageError
from . import terms
from .fhirpath import string_literal
from .responses import answers_from_responses, response_references, subject_of

#: The system of segrules' error codes in an OperationOutcome (``segrules explain CODE``).
ERROR_SYSTEM = "urn:segrules:error-code"

_NAMESPACE = uuid.UUID("8f0d7c2e-3b1a-5c4e-9d6f-2a7b1c0e4f53")
SURVEY = {
    "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey", "display": "Survey",
}


def exact_decimal(value: Fraction) -> Decimal | None:
    """A fraction as the exact Decimal it is, or None when it has no finite decimal expansion
    (``decimal_places``: no float is ever made, so any size is exact)."""
    places = decimal_places(value)
    if places is None:
        return None
    scaled = value.numerator * 10**places // value.denominator  # exact: it divides 10**places
    return Decimal((int(scaled < 0), Decimal(abs(scaled)).as_tuple().digits, -places))


def _whole(n: int) -> int | Decimal:
    """A whole number as JSON can take it: the int, or past Python's limit on writing an int
    as text (4,300 digits) the same number as an exact ``Decimal``, which ``dumps`` writes in
    full (and the ``urn:uuid`` names take as its digits)."""
    limit = getattr(sys, "get_int_max_str_digits", lambda: 0)() or 4300
    if n.bit_length() * 0.30103 < min(limit, 4300) - 1 or abs(n) < 10 ** min(limit, 4300):
        return n
    return Decimal(n)


def exact_value(value: Any) -> dict:
    """A score as an Observation value[x]: an exact decimal Quantity, else a Ratio; or yes/no, or a code.

    A whole number is an int; a finite decimal a float where the float's shortest text is the
    decimal exactly (3.25), else a ``decimal.Decimal`` (more than 17 significant digits),
    which ``dumps`` writes exactly; any other fraction a Ratio of whole numbers.
    """
    if isinstance(value, bool):
        return {"valueBoolean": value}
    if isinstance(value, str):
        return {"valueString": value}
    f = Fraction(value)
    if f.denominator == 1:
        return {"valueQuantity": {"value": _whole(f.numerator)}}
    decimal = exact_decimal(f)
    if decimal is None:
        return {"valueRatio": {"numerator": {"value": _whole(f.numerator)}, "denominator": {"value": _whole(f.denominator)}}}
    if len(decimal.as_tuple().digits) <= 17:
        as_float = float(decimal)
        if math.isfinite(as_float) and Decimal(repr(as_float)) == decimal:  # survives JSON as written
            return {"valueQuantity": {"value": as_float}}
    return {"valueQuantity": {"value": decimal}}


def dumps(resource: Any, **options: Any) -> str:
    """JSON text of a resource, as ``json.dumps(resource, **options)`` writes it, with every
    ``decimal.Decimal`` (an exact score beyond 17 significant digits) written as the exact
    JSON number it is, which ``json.dumps`` cannot do."""
    found: list[Decimal] = []
    mark = f"\0{uuid.uuid4().hex}:"

    def default(value: Any) -> Any:
        if isinstance(value, Decimal) and value.is_finite():
            found.append(value)
            return f"{mark}{len(found) - 1}"
        if previous is not None:
            return previous(value)
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    previous = options.pop("default", None)
    text = json.dumps(resource, default=default, **options)
    if not found:
        return text
    quoted = json.dumps(mark, ensure_ascii=options.get("ensure_ascii", True))[:-1]
    return re.sub(re.escape(quoted) + r'(\d+)"', lambda m: format(found[int(m.group(1))], "f"), text)


def instant(moment: dt.datetime) -> str:
    """A FHIR instant: UTC written with Z; a time without a zone is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    text = moment.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _uuid(kind: str, material: Any) -> str:
    """A name-based (version 5) UUID of the material: uuid5 of its JSON text, where a lone
    surrogate (which UTF-8 cannot write) is taken as its escape."""
    text = json.dumps([kind, material], sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha1(_NAMESPACE.bytes + text.encode("utf-8", "backslashreplace")).digest()
    return f"urn:uuid:{uuid.UUID(bytes=digest[:16], version=5)}"


def _concept(coding: dict) -> dict:
    return {"coding": [coding], "text": coding.get("display", coding["code"])}


def _observation(rs: ast.RulesetDef, decision, derived: list[dict], subject: dict | None) -> dict:
    obs: dict = {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [SURVEY]}],
        "code": {
            "coding": [{"system": terms.OBSERVATION_SYSTEM, "code": "segment", "display": "Client segment"}],
            "text": f"{rs.title.fi}: asiakkuus",
        },
    }
    if subject is not None:
        obs["subject"] = subject
    obs["effectiveDateTime"] = instant(decision.assessed_at)
    obs["method"] = {"text": f"segrules {rs.id} {rs.version}, rule {decision.rule.index + 1}: {decision.rule.text}"}
    obs["valueCodeableConcept"] = _concept(terms.segment_coding(rs, decision.segment))
    if decision.is_overridden:
        obs["note"] = [{"text": f"Suggested segment {decision.suggested.id} overridden: {decision.override_reason}"}]
    if derived:
        obs["derivedFrom"] = derived
    components = []
    if decision.is_overridden:
        components.append({
            "code": {"coding": [{"system": terms.OBSERVATION_SYSTEM, "code": "suggested-segment", "display": "Suggested segment"}]},
            "valueCodeableConcept": _concept(terms.segment_coding(rs, decision.suggested)),
        })
    scores = decision.scores
    for score in rs.scores:
        components.append({
            "code": {"coding": [terms.coding(terms.scores_system(rs), score.id, score.label)]},
            **exact_value(scores[score.id]),
        })
    if components:
        obs["component"] = components
    return obs


def _provenance(rs: ast.RulesetDef, decision, targets: list[str], derived: list[dict]) -> dict:
    from .. import __version__

    entities = [
        {"role": "source", "what": {
            "identifier": {"system": terms.RULESET_SYSTEM, "value": f"{rs.id}|{rs.version}"},
            "display": f"ruleset {rs.id} version {rs.version}",
        }},
        {"role": "source", "what": {
            "identifier": {"system": terms.CONTENT_HASH_SYSTEM, "value": rs.content_hash},
            "display": f"content hash of ruleset {rs.id} {rs.version}",
        }},
    ]
    entities += [{"role": "source", "what": ref} for ref in derived]
    return {
        "resourceType": "Provenance",
        "target": [{"reference": t} for t in targets],
        "recorded": instant(decision.assessed_at),
        "activity": {"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/v3-DataOperation", "code": "CREATE", "display": "create",
        }]},
        "agent": [{
            "type": {"coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                "code": "assembler", "display": "Assembler",
            }]},
            "who": {"type": "Device", "display": f"segrules {__version__}"},
        }],
        "entity": entities,
    }


_PATHWAY_PARTS = (
    ("contact", "Yhteydenotto"), ("booking", "Ajanvaraus"), ("first_visit", "Ensikäynti"),
    ("coordination", "Koordinointi"), ("professional_role", "Ammattilaisen rooli"),
    ("self_care", "Omahoito"), ("follow_up", "Seuranta"),
)


def _activity(kind: str, labels: ast.Labels, scheduled: dict | None = None) -> dict:
    detail: dict = {"code": {"text": kind}, "status": "not-started"}
    if scheduled:
        detail.update(scheduled)
    terms.put_text(detail, "description", labels)
    return {"detail": detail}


def _care_plan(rs: ast.RulesetDef, decision, subject: dict | None, observation_url: str) -> dict:
    if subject is None:
        raise UsageError(
            "a CarePlan needs the subject: give the QuestionnaireResponse a subject (a Patient reference)",
            code="SR941",
        )
    pathway: ast.Pathway = decision.pathway
    plan: dict = {
        "resourceType": "CarePlan",
        "status": "active",
        "intent": "proposal",
        "category": [{"text": "segrules pathway"}],
    }
    terms.put_text(plan, "title", decision.segment.label)
    plan["subject"] = subject
    plan["period"] = {"start": decision.assessed_at.date().isoformat(), "end": decision.reassess_on.isoformat()}
    plan["supportingInfo"] = [{"reference": observation_url}]
    activities = []
    for key, _ in _PATHWAY_PARTS:
        labels = getattr(pathway, key)
        if labels is not None:
            activities.append(_activity(key, labels))
    for appointment in pathway.appointments:
        activities.append(_activity("appointment", appointment))
    activities.append(_activity(
        "reassess",
        ast.Labels("Asiakkuuden uudelleenarviointi", "Ny bedömning av kundsegmentet", "Re-assessment of the segment"),
        {"scheduledPeriod": {"start": decision.reassess_on.isoformat()}},
    ))
    plan["activity"] = activities
    notes = [f"service model: {pathway.service_model}"] if pathway.service_model else []
    if pathway.service_menu:
        notes.append("service menu: " + ", ".join(pathway.service_menu))
    if pathway.channels:
        notes.append("channels: " + ", ".join(pathway.channels))
    if pathway.follow_up_visits is not None:
        notes.append(f"follow-up visits: {pathway.follow_up_visits}")
    if notes:
        plan["note"] = [{"text": n} for n in notes]
    return plan


def decision_resources(ruleset, decision, responses=None, *, care_plan: bool = False) -> dict:
    """A ``collection`` Bundle: the segment Observation, its Provenance, and a CarePlan if asked.

    ``responses`` are the QuestionnaireResponse(s) the answers came from (a response, a list,
    or a Bundle): the Observation is derived from them and takes their subject. A CarePlan
    needs a subject (UsageError SR941).
    """
    rs = terms.definition(ruleset)
    derived = response_references(responses) if responses is not None else []
    subject = subject_of(responses) if responses is not None else None
    # what the decision is, not where the ruleset was read from: the same everywhere
    material = {
        "ruleset": decision.ruleset.to_json(), "segment": decision.segment_id,
        "suggested": decision.suggested.id if decision.suggested else None, "reason": decision.override_reason,
        "rule": decision.rule.index, "scores": {k: exact_value(v) for k, v in decision.scores.items()},
        "assessed_at": instant(decision.assessed_at), "derived": derived, "subject": subject,
    }
    obs_url = _uuid("Observation", material)
    entries = [(obs_url, _observation(rs, decision, derived, subject))]
    if care_plan:
        entries.append((_uuid("CarePlan", material), _care_plan(rs, decision, subject, obs_url)))
    targets = [url for url, _ in entries]
    entries.append((_uuid("Provenance", material), _provenance(rs, decision, targets, derived)))
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": instant(decision.assessed_at),
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in entries],
    }


def decide(ruleset, responses, *, assessed_at: dt.datetime | None = None, override: str | None = None,
           reason: str | None = None, care_plan: bool = False) -> dict:
    """The ``$decide`` operation: QuestionnaireResponse(s) in, the Bundle of decision resources out.

    ``answers_from_responses``, ``Ruleset.decide`` (with the optional override and its reason)
    and ``decision_resources`` in one call. Raises AnswerError, EvaluationError or UsageError.
    """
    answers = answers_from_responses(ruleset, responses)
    decision = ruleset.decide(answers, assessed_at=assessed_at, override=override, reason=reason)
    return decision_resources(ruleset, decision, responses, care_plan=care_plan)


def operation_outcome(error: SegrulesError) -> dict:
    """An error as a FHIR OperationOutcome: one issue per problem, its SR code and its item."""
    issues = []
    problems = getattr(error, "problems", None)
    if problems:
        for p in problems:
            issue = {
                "severity": "error",
                "code": "invalid",
                "details": {"coding": [{"system": ERROR_SYSTEM, "code": p.code}], "text": f"{p.input}: {p.message}"},
                "diagnostics": f"{p.code} {p.input}: {p.message}",
            }
            if not p.input.startswith("("):
                # repeat(item): the item at any depth, in a group or not
                issue["expression"] = [f"QuestionnaireResponse.repeat(item).where(linkId = {string_literal(p.input)})"]
            issues.append(issue)
    else:
        kind = "processing" if isinstance(error, EvaluationError) else "invalid"
        issues.append({
            "severity": "error",
            "code": kind,
            "details": {"coding": [{"system": ERROR_SYSTEM, "code": error.code}], "text": str(error)},
            "diagnostics": f"{error.code} {error}",
        })
    return {"resourceType": "OperationOutcome", "issue": issues}
