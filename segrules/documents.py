"""The JSON documents that more than one front end reads and gives: the command line and the service.

Each is a plain function of library values, so that ``segrules describe --json`` and
``GET /v1/rulesets/{id}`` (or ``decide --json`` and ``POST .../decide``) cannot drift apart,
and answers read from a file and from a request are read by the same rules.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .dsl import ast
from .dsl.printer import to_text as expr_text
from .engine.runtime import Decision, assessment_time
from .errors import UsageError


def _labels_json(labels: ast.Labels | None) -> dict | None:
    return labels.to_json() if labels is not None else None


def ruleset_json(rs: ast.RulesetDef) -> dict:
    """Which ruleset: id, version and content hash."""
    return {"id": rs.id, "version": rs.version, "content_hash": rs.content_hash}


def domain_json(d: ast.Domain) -> dict:
    if d.kind == "integer":
        return {"type": "integer", "min": d.values[0], "max": d.values[-1]}
    labels = d.labels or (None,) * len(d.values)
    return {
        "type": d.kind,
        "scale": d.scale,
        "values": [{"value": v, "label": _labels_json(lab)} for v, lab in zip(d.values, labels)],
    }


def describe_json(rs: ast.RulesetDef) -> dict:
    """The whole model as data (``segrules.describe/1``): inputs, scores, segments, rules, pathways."""
    return {
        "schema": "segrules.describe/1",
        "ruleset": {
            **ruleset_json(rs),
            "file": rs.source,
            "title": rs.title.to_json(),
            "hit_policy": rs.hit_policy,
            "aliases": list(rs.aliases),
            "provenance": rs.provenance,
        },
        "inputs": [
            {
                "id": i.id,
                "respondent": i.respondent,
                "domain": domain_json(i.domain),
                "optional": i.optional,
                "asked_when": expr_text(i.asked_when) if i.asked_when is not None else None,
                "text": i.text.to_json(),
                "help": _labels_json(i.help),
                "line": i.span.line if i.span else None,
            }
            for i in rs.inputs
        ],
        "groups": [{"id": g.id, "members": list(g.members)} for g in rs.groups],
        "scores": [
            {"id": s.id, "label": s.label.to_json(), "expr": expr_text(s.expr), "line": s.span.line if s.span else None}
            for s in rs.scores
        ],
        "axes": {"resources": rs.axes.resources, "complexity": rs.axes.complexity} if rs.axes else None,
        "segments": [
            {
                "id": s.id,
                "label": s.label.to_json(),
                "aliases": list(s.aliases),
                "quadrant": s.quadrant.to_json() if s.quadrant else None,
                "service_use": s.service_use,
                "description": _labels_json(s.description),
            }
            for s in rs.segments
        ],
        "rules": [
            {"number": r.index + 1, "segment": r.segment, "text": r.text, "line": r.span.line if r.span else None}
            for r in rs.rules
        ],
        "pathways": [p.to_json() for p in rs.pathways],
    }


def decide_json(decision: Decision, lang: str) -> dict:
    """One decision with its explanation in ``lang`` (``segrules.decide/1``)."""
    return {
        "schema": "segrules.decide/1",
        "decision": decision.to_json(),
        "explanation": decision.explain(lang),
        "lang": lang,
    }


class DuplicateKey(ValueError):
    """A JSON object gives the same key twice."""


def reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict:
    """``object_pairs_hook`` for ``json.loads``: a key given twice is DuplicateKey (a
    ValueError), never a silent choice."""
    out = dict(pairs)
    if len(out) != len(pairs):  # rare: find the first key given twice
        seen = set()
        for k, _ in pairs:
            if k in seen:
                raise DuplicateKey(f"the key {k!r} is given twice")
            seen.add(k)
    return out


def parse_instant(text: str) -> dt.datetime:
    """An assessment time written as ISO 8601 with its UTC offset (``Z`` allowed).

    ValueError when it is not a date-time at all; SR550 without an offset, as the library
    refuses a naive datetime (never taken as UTC); SR524 when no re-assessment date can follow.
    """
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    when = dt.datetime.fromisoformat(value)
    if when.utcoffset() is None:
        raise UsageError(
            f"the time {text!r} has no UTC offset; write e.g. {when.isoformat()}+02:00, or {when.isoformat()}Z for UTC",
            code="SR550",
        )
    return assessment_time(when)
