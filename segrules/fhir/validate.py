"""Validation of resources against the FHIR R4B models of fhir.resources (the ``fhir`` extra).

segrules builds and reads FHIR JSON without it; this is for checking what goes out (the tests
check every export with it) and for developers who want the same check.

The models check structure, cardinality and types, but read leniently ("yes" as true) and
do not check codes. So a resource must also read back unchanged from its model, and the codes
of the elements segrules writes must come from their R4 required value sets.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any, Iterator

from ..errors import UsageError

_PUBLICATION = {"draft", "active", "retired", "unknown"}
#: R4 required bindings: (resource type, path of element names) → allowed codes.
REQUIRED_CODES: dict[tuple[str, tuple[str, ...]], set[str]] = {
    ("Questionnaire", ("status",)): _PUBLICATION,
    ("Questionnaire", ("item", "type")): {
        "group", "display", "boolean", "decimal", "integer", "date", "dateTime", "time", "string", "text", "url",
        "choice", "open-choice", "attachment", "reference", "quantity",
    },
    ("Questionnaire", ("item", "enableWhen", "operator")): {"exists", "=", "!=", ">", "<", ">=", "<="},
    ("Questionnaire", ("item", "enableBehavior")): {"all", "any"},
    ("QuestionnaireResponse", ("status",)): {"in-progress", "completed", "amended", "entered-in-error", "stopped"},
    ("CodeSystem", ("status",)): _PUBLICATION,
    ("CodeSystem", ("content",)): {"not-present", "example", "fragment", "complete", "supplement"},
    ("Observation", ("status",)): {
        "registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error", "unknown",
    },
    ("Bundle", ("type",)): {
        "document", "message", "transaction", "transaction-response", "batch", "batch-response", "history",
        "searchset", "collection",
    },
    ("CarePlan", ("status",)): {"draft", "active", "on-hold", "revoked", "completed", "entered-in-error", "unknown"},
    ("CarePlan", ("intent",)): {"proposal", "plan", "order", "option"},
    ("CarePlan", ("activity", "detail", "status")): {
        "not-started", "scheduled", "in-progress", "on-hold", "completed", "cancelled", "stopped", "unknown",
        "entered-in-error",
    },
    ("Provenance", ("entity", "role")): {"derivation", "revision", "quotation", "source", "removal"},
}


def _values(node: Any, path: tuple[str, ...], where: str) -> Iterator[tuple[str, Any]]:
    if not path:
        yield where, node
        return
    if isinstance(node, list):
        for k, x in enumerate(node):
            yield from _values(x, path, f"{where}.{k}")
        return
    if isinstance(node, dict) and path[0] in node:
        yield from _values(node[path[0]], path[1:], f"{where}.{path[0]}" if where else path[0])
    if isinstance(node, dict) and path[0] == "item" and "item" in node and len(path) > 1:
        # items nest: the same element in every level of items
        for k, child in enumerate(node["item"] if isinstance(node["item"], list) else []):
            yield from _values(child, path, f"{where}.item.{k}" if where else f"item.{k}")


_NUMBERS = (int, float, Decimal)


def _exact(number: int | float | Decimal) -> int | Decimal:
    """A JSON number as the decimal its text says (a float by its shortest text)."""
    return Decimal(repr(number)) if type(number) is float else number


def _difference(a: Any, b: Any, where: str = "") -> str | None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{where}.{key}".lstrip(".")
            found = _difference(a[key], b[key], f"{where}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for k, (x, y) in enumerate(zip(a, b)):
            found = _difference(x, y, f"{where}.{k}")
            if found:
                return found
        return None
    if type(a) is Decimal and a.is_finite():
        # an exact decimal beyond 17 digits: the models hold it exactly, but write the nearest
        # float, or null beyond the float range
        a = float(a)
        if b is None and math.isinf(a):
            return None
    if type(a) in _NUMBERS and type(b) in _NUMBERS:  # the same number, however it is held
        return None if _exact(a) == _exact(b) else (where.lstrip(".") or "(resource)")
    same = a == b and type(a) is type(b)
    return None if same else (where.lstrip(".") or "(resource)")


def _empty_strings(node: Any, where: str = "") -> Iterator[str]:
    """Where a value is an empty string, which FHIR does not allow (the models read it)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _empty_strings(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for k, value in enumerate(node):
            yield from _empty_strings(value, f"{where}.{k}")
    elif node == "" and type(node) is str:
        yield f"{where}: an empty string (FHIR leaves the element out instead)"


def _problems(resource: dict) -> Iterator[str]:
    yield from _empty_strings(resource)
    yield from _code_problems(resource)


def _code_problems(resource: dict) -> Iterator[str]:
    kind = resource.get("resourceType")
    for (rtype, path), allowed in REQUIRED_CODES.items():
        if rtype != kind:
            continue
        seen = set()
        for where, value in _values(resource, path, ""):
            if where in seen:
                continue
            seen.add(where)
            if value not in allowed:
                yield f"{where}: {value!r} is not one of {', '.join(sorted(allowed))}"
    if kind == "Bundle":
        for k, entry in enumerate(resource.get("entry", [])):
            inner = entry.get("resource") if isinstance(entry, dict) else None
            if isinstance(inner, dict):
                yield from (f"entry.{k}.resource.{p}" for p in _code_problems(inner))


def validate(resource: dict) -> None:
    """Raise UsageError SR943 naming the problems the R4B model of the resource finds.

    Needs fhir.resources (``pip install 'segrules[fhir]'``); without it, UsageError SR942.
    """
    try:
        from fhir.resources.R4B import get_fhir_model_class
        from pydantic import ValidationError
    except ImportError:
        raise UsageError(
            "validating FHIR resources needs fhir.resources: pip install 'segrules[fhir]'", code="SR942"
        ) from None
    kind = resource.get("resourceType") if isinstance(resource, dict) else None
    try:
        model = get_fhir_model_class(str(kind))
    except ValueError:
        raise UsageError(f"not a FHIR R4 resource: resourceType {kind!r}", code="SR943") from None
    try:
        read = model.model_validate(resource)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:10]
        )
        raise UsageError(f"the {kind} is not valid FHIR R4: {problems}", code="SR943") from None
    back = json.loads(read.model_dump_json(by_alias=True, exclude_none=True), parse_float=Decimal)
    changed = _difference(resource, back)
    problems = list(_problems(resource))
    if changed:
        problems.insert(0, f"{changed}: not as FHIR writes it (the model reads it as something else)")
    if problems:
        raise UsageError(f"the {kind} is not valid FHIR R4: {'; '.join(problems[:10])}", code="SR943")
