"""JSON Schema of a ruleset's answers, and the service's OpenAPI document built from them.

The answer schema is exact: a JSON document is valid against it exactly when
``Ruleset.validate`` accepts it (with one exception JSON Schema cannot express: it counts
``1.0`` as an integer, while segrules takes only ``1``). Ranges, enum codes, optional
questions and unknown keys are plain keywords. A conditional question (``asked_when``)
becomes ``if``/``then``/``else``: the controlling answers for which the question is asked
are found by evaluating the condition with the reference evaluator over every combination of
them (their domains are finite), so the schema means what the engine means by construction.
Beyond ``ENUMERATION_LIMIT`` combinations the condition is left to the service and named in
``x-segrules-asked-when``.
"""

from __future__ import annotations

import itertools
from typing import Any

from .. import __version__
from ..dsl import ast
from ..dsl.printer import to_text
from ..engine.reference import evaluate
from ..errors import EvaluationError
from .store import Served, Snapshot

ENUMERATION_LIMIT = 4096
_ABSENT = object()


def _value_schema(inp: ast.Input) -> dict:
    d = inp.domain
    if d.kind == "integer":
        return {"type": "integer", "minimum": d.values[0], "maximum": d.values[-1]}
    if d.kind == "scale":
        return {"type": "integer", "enum": list(d.values)}
    if d.kind == "boolean":
        return {"type": "boolean"}
    return {"type": "string", "enum": list(d.values)}


def _nullable(schema: dict) -> dict:
    """The same schema, also accepting null (an unanswered question may be sent as null)."""
    out = dict(schema)
    out["type"] = [schema["type"], "null"]
    if "enum" in out:
        out["enum"] = list(out["enum"]) + [None]
    return out


def _property(inp: ast.Input, lang: str = "en") -> dict:
    schema = _value_schema(inp)
    if inp.optional or inp.asked_when is not None:
        schema = _nullable(schema)
    schema = {"title": inp.text.get(lang), **schema}
    if inp.domain.labels and inp.domain.kind in ("scale", "enum"):
        schema["x-segrules-labels"] = {
            str(v): lab.to_json() for v, lab in zip(inp.domain.values, inp.domain.labels) if lab is not None
        }
    schema["x-segrules-respondent"] = inp.respondent
    return schema


def _match(controllers: list[str], combos: list[tuple]) -> dict:
    """A schema that holds exactly when the controlling answers are one of ``combos``."""

    def one(name: str, value) -> tuple[dict, bool]:
        if value is _ABSENT:
            return {"type": "null"}, False
        return {"const": value}, True

    if len(controllers) == 1:
        name = controllers[0]
        present = [c[0] for c in combos if c[0] is not _ABSENT]
        absent = any(c[0] is _ABSENT for c in combos)
        if absent:
            return {"properties": {name: {"enum": present + [None]}}}
        return {"properties": {name: {"enum": present}}, "required": [name]}
    alternatives = []
    for combo in combos:
        props, required = {}, []
        for name, value in zip(controllers, combo):
            props[name], needed = one(name, value)
            if needed:
                required.append(name)
        alt: dict[str, Any] = {"properties": props}
        if required:
            alt["required"] = required
        alternatives.append(alt)
    return {"anyOf": alternatives}


def _conditions(rs: ast.RulesetDef) -> list[dict]:
    by_id = {i.id: i for i in rs.inputs}
    out: list[dict] = []
    for inp in rs.inputs:
        if inp.asked_when is None:
            continue
        controllers = [r for r in ast.references(inp.asked_when) if r in by_id]
        states = [list(by_id[c].domain.values) + [_ABSENT] for c in controllers]
        size = 1
        for s in states:
            size *= len(s)
        if size > ENUMERATION_LIMIT:
            continue  # left to the service: see x-segrules-asked-when on the property
        asked, unanswerable = [], []
        for combo in itertools.product(*states):
            values = {c: v for c, v in zip(controllers, combo) if v is not _ABSENT}
            try:
                (asked if evaluate(inp.asked_when, values, rs) else []).append(combo)
            except EvaluationError:
                unanswerable.append(combo)  # validation fails: it cannot tell whether it is asked
        asked_then = {"required": [inp.id], "properties": {inp.id: {"not": {"type": "null"}}}}
        not_asked = {"properties": {inp.id: {"type": "null"}}}
        if not asked:
            out.append(not_asked)
        elif len(asked) + len(unanswerable) == size and not unanswerable:
            if not inp.optional:
                out.append(asked_then)
        else:
            rule: dict[str, Any] = {"if": _match(controllers, asked)}
            if not inp.optional:
                rule["then"] = asked_then
            rule["else"] = not_asked
            out.append(rule)
        if unanswerable:
            out.append({"not": _match(controllers, unanswerable)})
    return out


def answers_schema(rs: ast.RulesetDef, lang: str = "en") -> dict:
    """The JSON Schema (2020-12) of an answer set for ``rs``."""
    properties = {}
    for inp in rs.inputs:
        prop = _property(inp, lang)
        if inp.asked_when is not None:
            prop["x-segrules-asked-when"] = to_text(inp.asked_when)
        properties[inp.id] = prop
    schema: dict[str, Any] = {
        "title": f"Answers for {rs.id} {rs.version}",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    required = [i.id for i in rs.inputs if not i.optional and i.asked_when is None]
    if required:
        schema["required"] = required
    conditions = _conditions(rs)
    if conditions:
        schema["allOf"] = conditions
    return schema


# --------------------------------------------------------------------------- OpenAPI

_PROBLEM = {
    "type": "object",
    "description": "RFC 9457 problem details; `code` is the segrules error code (segrules explain CODE).",
    "required": ["type", "title", "status", "detail", "code", "problems"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "code": {"type": "string", "pattern": "^SR[0-9]{3}$"},
        "instance": {"type": "string"},
        "problems": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "input", "message"],
                "properties": {"code": {"type": "string"}, "input": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}

_LANG = {"name": "lang", "in": "query", "required": False,
         "schema": {"type": "string", "enum": list(ast.LANGUAGES), "default": "en"},
         "description": "language of the explanation"}
_IF_MATCH = {"name": "If-Match", "in": "header", "required": False, "schema": {"type": "string"},
             "description": "the ruleset content hash the caller's form was built for; 412 if another is served"}


def _problem(description: str) -> dict:
    return {"description": description, "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def _errors(*statuses: int) -> dict:
    text = {
        400: "the body is not valid JSON (SR913)", 401: "no valid bearer token (SR910)",
        404: "no such ruleset (SR911)", 408: "the body came too slowly (SR916)",
        412: "another version is served (SR912)", 413: "the body is too large (SR915)",
        415: "not JSON (SR917)", 422: "invalid answers (SR3xx) or request shape (SR914)",
        503: "not ready (SR919)",
    }
    return {str(s): _problem(text[s]) for s in statuses}


def _decision_schema(rs: ast.RulesetDef) -> dict:
    segments = [s.id for s in rs.segments]
    return {
        "type": "object",
        "required": ["schema", "decision", "explanation", "lang"],
        "properties": {
            "schema": {"const": "segrules.decide/1"},
            "lang": {"type": "string", "enum": list(ast.LANGUAGES)},
            "explanation": {"type": "string"},
            "decision": {
                "type": "object",
                "required": ["ruleset", "segment", "suggested_segment", "overridden", "pathway", "scores", "rule",
                             "facts", "assessed_at", "reassess_on"],
                "properties": {
                    "ruleset": {
                        "type": "object",
                        "properties": {"id": {"const": rs.id}, "version": {"type": "string"},
                                       "content_hash": {"type": "string"}},
                    },
                    "segment": {"type": "object", "properties": {"id": {"enum": segments}}},
                    "suggested_segment": {"enum": segments},
                    "overridden": {"type": "boolean"},
                    "override_reason": {"type": ["string", "null"]},
                    "pathway": {"type": "object"},
                    "scores": {"type": "object"},
                    "rule": {"type": "object"},
                    "facts": {"type": "object"},
                    "assessed_at": {"type": "string", "format": "date-time"},
                    "reassess_on": {"type": "string", "format": "date"},
                },
            },
        },
    }


def _name(rs: ast.RulesetDef, what: str) -> str:
    return f"{rs.id}.{what}"


def _ruleset_paths(s: Served) -> tuple[dict, dict]:
    rs = s.ruleset.definition
    ref = lambda what: {"$ref": f"#/components/schemas/{_name(rs, what)}"}  # noqa: E731
    base = f"/v1/rulesets/{rs.id}"
    schemas = {
        _name(rs, "Answers"): answers_schema(rs),
        _name(rs, "DecideRequest"): {
            "type": "object",
            "required": ["answers"],
            "additionalProperties": False,
            "properties": {
                "answers": ref("Answers"),
                "assessed_at": {"type": "string", "format": "date-time",
                                "description": "the time of the assessment with its UTC offset (default: now); a time without an offset is refused (SR550)"},
                "override": {"type": "string", "enum": [x.id for x in rs.segments],
                             "description": "a segment chosen by a person instead of the suggestion"},
                "reason": {"type": "string", "description": "why the segment was overridden (required with override)"},
            },
        },
        _name(rs, "ValidateRequest"): {
            "type": "object", "required": ["answers"], "additionalProperties": False,
            "properties": {"answers": ref("Answers")},
        },
        _name(rs, "Decision"): _decision_schema(rs),
    }
    title = rs.title.get("en")
    paths = {
        base: {"get": {
            "summary": f"{title}: the model (as `segrules describe --json`)",
            "operationId": f"describe:{rs.id}",
            "responses": {"200": {"description": "the model", "content": {"application/json": {"schema": {"type": "object"}}},
                                  "headers": {"ETag": {"schema": {"type": "string"}}}},
                          **_errors(401, 404)},
        }},
        base + "/decide": {"post": {
            "summary": f"{title}: decide the segment for one answer set",
            "operationId": f"decide:{rs.id}",
            "parameters": [_LANG, _IF_MATCH],
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref("DecideRequest")}}},
            "responses": {"200": {"description": "the decision (as `segrules decide --json`)",
                                  "content": {"application/json": {"schema": ref("Decision")}}},
                          **_errors(400, 401, 404, 408, 412, 413, 415, 422, 503)},
        }},
        base + "/validate": {"post": {
            "summary": f"{title}: check an answer set without deciding",
            "operationId": f"validate:{rs.id}",
            "parameters": [_IF_MATCH],
            "requestBody": {"required": True, "content": {"application/json": {"schema": ref("ValidateRequest")}}},
            "responses": {"200": {"description": "valid, or every problem",
                                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Validation"}}}},
                          **_errors(400, 401, 404, 408, 412, 413, 415, 422, 503)},
        }},
        base + "/batch": {"post": {
            "summary": f"{title}: decide many answer sets, one JSON object per line, streamed",
            "operationId": f"batch:{rs.id}",
            "parameters": [_IF_MATCH, {"name": "at", "in": "query", "required": False,
                                       "schema": {"type": "string", "format": "date-time"},
                                       "description": "the assessment time of every line (default: now)"}],
            "requestBody": {"required": True, "content": {"application/jsonl": {
                "schema": {"type": "string"}, "x-segrules-line-schema": ref("Answers")}}},
            "responses": {"200": {"description": "one line per input line: {line, decision} or {line, error}",
                                  "content": {"application/jsonl": {"schema": {"type": "string"}}}},
                          **_errors(401, 404, 412, 415, 503)},
        }},
        base + "/$decide": {"post": {
            "summary": f"{title}: FHIR R4 QuestionnaireResponse(s) in, Observation and Provenance out",
            "description": "The body is a QuestionnaireResponse, a list or Bundle of them (one per respondent), or a "
            "Parameters resource with `response` parts and optional `assessedAt`, `override`, `reason`, `carePlan`. "
            "Problems with the responses are answered as an OperationOutcome (issue codes are SR codes).",
            "operationId": f"fhir-decide:{rs.id}",
            "parameters": [_IF_MATCH],
            "requestBody": {"required": True, "content": {"application/fhir+json": {"schema": {"type": "object"}}}},
            "responses": {
                "200": {"description": "a collection Bundle: Observation, Provenance (and CarePlan if asked)",
                        "content": {"application/fhir+json": {"schema": {"type": "object"}}}},
                "422": {"description": "an OperationOutcome naming each problem and its item",
                        "content": {"application/fhir+json": {"schema": {"type": "object"}}}},
                **_errors(400, 401, 404, 408, 412, 413, 415, 503),
            },
        }},
    }
    return paths, schemas


def openapi_document(snapshot: Snapshot, *, token: bool) -> dict:
    """OpenAPI 3.1 for the rulesets served now: one set of paths and schemas per ruleset."""
    simple = lambda d, schema=None: {"description": d, "content": {"application/json": {"schema": schema or {"type": "object"}}}}  # noqa: E731
    paths: dict[str, Any] = {
        "/v1/rulesets": {"get": {"summary": "the rulesets served: id, version, content hash, verification",
                                 "operationId": "rulesets", "responses": {"200": simple("the rulesets"), **_errors(401)}}},
        "/health/live": {"get": {"summary": "the process answers", "operationId": "live", "security": [],
                                 "responses": {"200": simple("alive")}}},
        "/health/ready": {"get": {"summary": "ok, degraded (with the reasons) or not_ready",
                                  "operationId": "ready", "security": [],
                                  "responses": {"200": simple("ok or degraded"), "503": simple("not ready")}}},
        "/metrics": {"get": {"summary": "Prometheus metrics", "operationId": "metrics",
                             "responses": {"200": {"description": "text exposition format",
                                                   "content": {"text/plain": {"schema": {"type": "string"}}}},
                                           **_errors(401)}}},
        "/openapi.json": {"get": {"summary": "this document", "operationId": "openapi",
                                  "responses": {"200": simple("OpenAPI 3.1"), **_errors(401)}}},
    }
    schemas: dict[str, Any] = {
        "Problem": _PROBLEM,
        "Validation": {
            "type": "object", "required": ["valid", "problems"],
            "properties": {"valid": {"type": "boolean"}, "problems": _PROBLEM["properties"]["problems"]},
        },
    }
    for s in snapshot.served():
        p, sc = _ruleset_paths(s)
        paths.update(p)
        schemas.update(sc)
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "segrules decision service",
            "version": __version__,
            "description": "Client segmentation decisions by verified rulesets. Served now: "
            + (", ".join(f"{s.ruleset.id} {s.ruleset.version}" for s in snapshot.served()) or "none"),
        },
        "paths": paths,
        "components": {"schemas": schemas},
    }
    if token:
        doc["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
        doc["security"] = [{"bearer": []}]
    return doc
