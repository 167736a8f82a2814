"""Validation of resources against the FHIR R4B models of fhir.resources (the ``fhir`` extra).

segrules builds and reads FHIR JSON without it; this is for checking what goes out (the tests
check every export with it) and for developers who want the same check.
"""

from __future__ import annotations

from ..errors import UsageError


def validate(resource: dict) -> None:
    """Raise UsageError SR943 naming every problem the R4B model of the resource finds.

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
        model.model_validate(resource)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:10]
        )
        raise UsageError(f"the {kind} is not valid FHIR R4: {problems}", code="SR943") from None
