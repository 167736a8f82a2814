"""A ruleset's questions as FHIR R4 Questionnaires: one per respondent and a combined one.

Items are grouped by part: the client's, the professional's and the patient record's (record
inputs go with the professional, who has the record at hand). A respondent's Questionnaire
also carries, read-only, the other part's answers its questions depend on, so that every
enabling condition can be evaluated inside the one form; the system that launches the form
fills those in.
"""

from __future__ import annotations

from ..dsl import ast
from ..errors import UsageError
from . import fhirpath, terms

RESPONDENTS = ("client", "professional")

#: Group linkIds hold a colon, which no input id can, so they never collide with an input.
PARTS = {
    "client": ("group:client", ast.Labels("Asiakkaan osuus", "Klientens del", "The client's part")),
    "professional": ("group:professional", ast.Labels("Ammattilaisen osuus", "Yrkespersonens del", "The professional's part")),
    "record": ("group:record", ast.Labels("Potilastiedoista", "Från journalen", "From the patient record")),
    "context": (
        "group:context",
        ast.Labels(
            "Toisen osapuolen vastaukset, joista kysymykset riippuvat",
            "Svar från den andra parten som frågorna beror på",
            "Answers from the other part that the questions depend on",
        ),
    ),
}
HELP_PREFIX = "help:"


def _respondent(respondent: str | None) -> str | None:
    if respondent is not None and respondent not in RESPONDENTS:
        raise UsageError(
            f"unknown respondent {respondent!r}; give client or professional, or none for the combined questionnaire",
            code="SR939",
        )
    return respondent


def questionnaire_url(rs: ast.RulesetDef, respondent: str | None = None) -> str:
    return terms.canonical(rs, "questionnaire", *((respondent,) if respondent else ()))


def layout(rs: ast.RulesetDef, respondent: str | None) -> list[tuple[str, tuple[ast.Input, ...], bool]]:
    """The groups of a Questionnaire: (part, inputs, read-only), in ruleset order."""
    respondent = _respondent(respondent)
    own = {"client": ("client",), "professional": ("professional", "record"), None: ("client", "professional", "record")}[respondent]
    groups = [(part, tuple(i for i in rs.inputs if i.respondent == part), False) for part in own]
    groups = [g for g in groups if g[1]]
    included = {i.id for _, inputs, _ in groups for i in inputs}
    # the other part's inputs that enabling conditions read, and what those depend on in turn
    needed: dict[str, None] = {}
    todo = [i for _, inputs, _ in groups for i in inputs]
    while todo:
        inp = todo.pop()
        if inp.asked_when is None:
            continue
        for ref in ast.references(inp.asked_when):
            if ref not in included and ref not in needed:
                needed[ref] = None
                todo.append(rs.input(ref))
    if needed:
        groups.append(("context", tuple(i for i in rs.inputs if i.id in needed), True))
    return groups


def allowed_link_ids(rs: ast.RulesetDef, respondent: str | None) -> set[str]:
    return {i.id for _, inputs, _ in layout(rs, respondent) for i in inputs}


def _item(rs: ast.RulesetDef, inp: ast.Input, read_only: bool) -> dict:
    item: dict = {"linkId": inp.id}
    extensions: list[dict] = []
    # the code's display in Finnish only: the code system holds the translations
    item["code"] = [{"system": terms.inputs_system(rs), "code": inp.id, "display": inp.text.fi}]
    terms.put_text(item, "text", inp.text)
    kind = inp.domain.kind
    item["type"] = {"Coding": "choice", "Integer": "integer", "Decimal": "decimal", "Boolean": "boolean"}[terms.answer_type(inp)]
    if inp.asked_when is not None:
        found = fhirpath.enable_when(rs, inp.asked_when)
        if found is not None:
            item["enableWhen"], behaviour = found
            if behaviour is not None:
                item["enableBehavior"] = behaviour
        else:
            extensions.append({
                "url": terms.ENABLE_WHEN_EXPRESSION,
                "valueExpression": {
                    "language": "text/fhirpath",
                    "expression": fhirpath.expression(rs, inp.asked_when, inp.id),
                },
            })
    item["required"] = not inp.optional and not read_only
    if read_only:
        item["readOnly"] = True
    if kind == "integer":
        value_x = "value" + terms.answer_type(inp)  # beyond 32 bits a decimal item: its bounds are decimals
        extensions += [
            {"url": terms.MIN_VALUE, value_x: inp.domain.values[0]},
            {"url": terms.MAX_VALUE, value_x: inp.domain.values[-1]},
        ]
    if kind in ("scale", "enum"):
        options = []
        for value in inp.domain.values:
            option: dict = {}
            if kind == "scale":
                option["extension"] = [{"url": terms.ORDINAL_VALUE, "valueDecimal": value}]
            option["valueCoding"] = terms.answer_coding(rs, inp, value)
            options.append(option)
        item["answerOption"] = options
    if extensions:
        item = {"extension": extensions, **item}
    if inp.help is not None:
        help_item = {
            "extension": [{
                "url": terms.ITEM_CONTROL,
                "valueCodeableConcept": {"coding": [{"system": terms.ITEM_CONTROL_SYSTEM, "code": "help", "display": "Help-Button"}]},
            }],
            "linkId": HELP_PREFIX + inp.id,
        }
        terms.put_text(help_item, "text", inp.help)
        help_item["type"] = "display"
        item["item"] = [help_item]
    return item


def questionnaire(ruleset, respondent: str | None = None) -> dict:
    """The Questionnaire of one respondent (``client`` or ``professional``), or the combined one.

    The identifiers name the ruleset (``id|version``) and its content hash; ``version`` is the
    ruleset's version. Raises UsageError SR939 for another respondent, SR940 for a condition
    too large to export.
    """
    rs = terms.definition(ruleset)
    respondent = _respondent(respondent)
    who = {None: ("", "", ""), "client": (" (asiakas)", " (klient)", " (client)"),
           "professional": (" (ammattilainen)", " (yrkesperson)", " (professional)")}[respondent]
    t = rs.title  # a language the ruleset does not give is left out, not filled with Finnish
    title = ast.Labels(t.fi + who[0], None if t.sv is None else t.sv + who[1], None if t.en is None else t.en + who[2])
    out: dict = {
        "resourceType": "Questionnaire",
        "id": terms.fhir_id(f"{rs.id}-{respondent or 'all'}"),
        "language": "fi",
        "url": questionnaire_url(rs, respondent),
        "identifier": [
            {"system": terms.RULESET_SYSTEM, "value": f"{rs.id}|{rs.version}"},
            {"system": terms.CONTENT_HASH_SYSTEM, "value": rs.content_hash},
        ],
        "version": rs.version,
        "name": terms.computable_name(rs.id, respondent or ""),
    }
    terms.put_text(out, "title", title)
    out["status"] = "active"
    out["subjectType"] = ["Patient"]
    description = (rs.provenance or "").strip()
    if description:  # FHIR has no empty strings: a blank provenance is left out
        out["description"] = description
    out["code"] = [{"system": terms.OBSERVATION_SYSTEM, "code": "segment", "display": "Client segment"}]
    items = []
    for part, inputs, read_only in layout(rs, respondent):
        link_id, label = PARTS[part]
        group: dict = {"linkId": link_id}
        terms.put_text(group, "text", label)
        group["type"] = "group"
        if read_only:
            group["readOnly"] = True
        group["item"] = [_item(rs, i, read_only) for i in inputs]
        items.append(group)
    if items:  # FHIR has no empty lists: a respondent without questions gets no items
        out["item"] = items
    return out


def questionnaire_response(ruleset, answers, respondent: str | None = None) -> dict:
    """A completed QuestionnaireResponse carrying valid ``answers`` (input id → value).

    The inverse of ``answers_from_responses``: for moving existing answers into FHIR, and for
    tests. The answers are validated first (AnswerError).
    """
    from ..engine.reference import validate_answers

    rs = terms.definition(ruleset)
    values = validate_answers(rs, answers)
    groups = []
    for part, inputs, _ in layout(rs, respondent):
        items = []
        for inp in inputs:
            if inp.id not in values:
                continue
            items.append({"linkId": inp.id, "answer": [answer_value(rs, inp, values[inp.id])]})
        if items:
            groups.append({"linkId": PARTS[part][0], "item": items})
    out = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{questionnaire_url(rs, respondent)}|{rs.version}",
        "status": "completed",
    }
    if groups:
        out["item"] = groups
    return out


def answer_value(rs: ast.RulesetDef, inp: ast.Input, value) -> dict:
    """One QuestionnaireResponse answer for a value of the input."""
    kind = inp.domain.kind
    if kind == "boolean":
        return {"valueBoolean": value}
    if kind == "integer":
        return {"value" + terms.answer_type(inp): value}
    return {"valueCoding": terms.answer_coding(rs, inp, value)}
