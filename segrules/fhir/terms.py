"""Names and code systems every FHIR export of a ruleset shares.

Canonical URLs are URNs built from the ruleset id (``urn:segrules:<ruleset id>:<part>``), so
that they are stable, need no web server, and never collide between rulesets. Labels are
written in Finnish with Swedish and English through the core ``translation`` extension.
"""

from __future__ import annotations

import hashlib
import re

from ..dsl import ast

TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"
ENABLE_WHEN_EXPRESSION = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression"

#: Identifier systems: the ruleset (``id|version``) and its content hash.
RULESET_SYSTEM = "urn:segrules:ruleset"
CONTENT_HASH_SYSTEM = "urn:segrules:content-hash"
#: The fixed codes of segrules' own results: the Observation's code.
OBSERVATION_SYSTEM = "urn:segrules:observation"

SYNONYM = {"system": "http://snomed.info/sct", "code": "900000000000013009", "display": "Synonym"}


def definition(ruleset) -> ast.RulesetDef:
    """The checked definition of a loaded Ruleset (or a checked RulesetDef as it is)."""
    rs = getattr(ruleset, "definition", ruleset)
    if not isinstance(rs, ast.RulesetDef) or not rs.checked:
        raise TypeError("expected a loaded segrules Ruleset (segrules.load)")
    return rs


def canonical(rs: ast.RulesetDef, *parts: str) -> str:
    return ":".join(("urn:segrules", rs.id) + parts)


def inputs_system(rs: ast.RulesetDef) -> str:
    return canonical(rs, "inputs")


def segments_system(rs: ast.RulesetDef) -> str:
    return canonical(rs, "segments")


def scores_system(rs: ast.RulesetDef) -> str:
    return canonical(rs, "scores")


def answers_system(rs: ast.RulesetDef, inp: ast.Input) -> str:
    """A scale's values are shared by its inputs; an enum's values belong to its input."""
    if inp.domain.kind == "scale":
        return canonical(rs, "scale", inp.domain.scale)
    return canonical(rs, "answers", inp.id)


#: FHIR's integer is 32-bit: an integer input whose range leaves this one is a decimal item.
INT32 = (-(2**31), 2**31 - 1)


def is_wide(inp: ast.Input) -> bool:
    """Whether an integer input has values beyond FHIR's 32-bit integer: its item is then a
    ``decimal`` item, answered and compared with whole decimals (``valueDecimal`` 3000000000)."""
    d = inp.domain
    return d.kind == "integer" and (d.values[0] < INT32[0] or d.values[-1] > INT32[1])


def answer_type(inp: ast.Input) -> str:
    """The FHIR type of the input's answers: ``Coding``, ``Integer``, ``Decimal`` or ``Boolean``."""
    kind = inp.domain.kind
    if kind == "integer":
        return "Decimal" if is_wide(inp) else "Integer"
    return "Boolean" if kind == "boolean" else "Coding"


def fhir_id(text: str) -> str:
    """A resource id ([A-Za-z0-9-.]{1,64}) made from a segrules name.

    A name that is already an id is kept as it is. Any other (a ``_``, another character, more
    than 64 characters) has those characters written ``-``, is cut to 51 characters and
    gets ``-`` and 12 hex digits of the SHA-256 of the whole name, so that two names never
    share an id (``r-answers-x_inputs`` and ``r_answers_x-inputs``, two long ids alike at
    first).
    """
    if len(text) <= 64 and _ID_CHARS.fullmatch(text):
        return text
    digest = hashlib.sha256(text.encode("utf-8", "backslashreplace")).hexdigest()[:12]
    return re.sub(r"[^A-Za-z0-9.-]", "-", text)[:51] + "-" + digest


_ID_CHARS = re.compile(r"[A-Za-z0-9.-]+")


def computable_name(*parts: str) -> str:
    words = re.split(r"[^A-Za-z0-9]+", " ".join(parts))
    return "".join(w[:1].upper() + w[1:] for w in words if w)[:255] or "Segrules"


def translations(labels: ast.Labels | None) -> dict | None:
    """The ``_element`` holding the Swedish and English translations of a Finnish text."""
    if labels is None:
        return None
    ext = [
        {"url": TRANSLATION, "extension": [{"url": "lang", "valueCode": lang}, {"url": "content", "valueString": text}]}
        for lang in ("sv", "en")
        if (text := getattr(labels, lang)) is not None
    ]
    return {"extension": ext} if ext else None


def put_text(target: dict, key: str, labels: ast.Labels | None) -> None:
    """``target[key]`` in Finnish and ``target['_' + key]`` with the translations."""
    if labels is None:
        return
    target[key] = labels.fi
    extra = translations(labels)
    if extra:
        target["_" + key] = extra


def designations(labels: ast.Labels) -> list[dict]:
    return [{"language": lang, "value": text} for lang in ("sv", "en") if (text := getattr(labels, lang)) is not None]


def coding(system: str, code: str, labels: ast.Labels | None) -> dict:
    out = {"system": system, "code": code}
    put_text(out, "display", labels)
    return out


def answer_coding(rs: ast.RulesetDef, inp: ast.Input, value) -> dict:
    """The coding of one answer to a scale or enum input."""
    return coding(answers_system(rs, inp), str(value), inp.domain.label_of(value))


def segment_coding(rs: ast.RulesetDef, segment: ast.Segment) -> dict:
    return coding(segments_system(rs), segment.id, segment.label)


def _code_system(rs: ast.RulesetDef, url: str, name: str, title: ast.Labels, concepts: list[dict], *, properties=()) -> dict:
    out = {
        "resourceType": "CodeSystem",
        "id": fhir_id(url.removeprefix("urn:segrules:").replace(":", "-")),
        "language": "fi",
        "url": url,
        "identifier": [{"system": CONTENT_HASH_SYSTEM, "value": rs.content_hash}],
        "version": rs.version,
        "name": computable_name(rs.id, name),
    }
    put_text(out, "title", title)
    out.update({"status": "active", "caseSensitive": True, "content": "complete"})
    if properties:
        out["property"] = [{"code": code, "type": "code"} for code in properties]
    out["count"] = len(concepts)
    out["concept"] = concepts
    return out


def _concept(code: str, labels: ast.Labels, *, definition: ast.Labels | None = None, extra: list[dict] = (), props=()) -> dict:
    out = {"code": code}
    put_text(out, "display", labels)
    if definition is not None:
        put_text(out, "definition", definition)
    des = designations(labels) + list(extra)
    if des:
        out["designation"] = des
    if props:
        out["property"] = [{"code": k, "valueCode": v} for k, v in props]
    return out


def _title(rs: ast.RulesetDef, fi: str, sv: str | None, en: str | None) -> ast.Labels:
    """A code system's title: the ruleset's and the part's, in each language both are given
    in; a language either lacks is left out (not filled with the Finnish text)."""
    t = rs.title
    return ast.Labels(
        f"{t.fi}: {fi}",
        f"{t.sv}: {sv}" if t.sv is not None and sv is not None else None,
        f"{t.en}: {en}" if t.en is not None and en is not None else None,
    )


def inputs_code_system(ruleset) -> dict:
    """The questions (inputs) of a ruleset, the ``code`` of every Questionnaire item."""
    rs = definition(ruleset)
    concepts = [
        _concept(i.id, i.text, definition=i.help, props=(("respondent", i.respondent), ("type", i.domain.kind)))
        for i in rs.inputs
    ]
    return _code_system(
        rs, inputs_system(rs), "inputs", _title(rs, "kysymykset", "frågor", "questions"), concepts,
        properties=("respondent", "type"),
    )


def segments_code_system(ruleset) -> dict:
    """The segments of a ruleset, the value of the decision's Observation."""
    rs = definition(ruleset)
    concepts = []
    for s in rs.segments:
        props = [("service_use", s.service_use)]
        if s.quadrant is not None:
            props += [("resources", s.quadrant.resources), ("complexity", s.quadrant.complexity)]
        aliases = [{"language": "fi", "use": SYNONYM, "value": a} for a in s.aliases]
        concepts.append(_concept(s.id, s.label, definition=s.description, extra=aliases, props=props))
    return _code_system(
        rs, segments_system(rs), "segments", _title(rs, "asiakkuudet", "kundsegment", "segments"), concepts,
        properties=("service_use", "resources", "complexity"),
    )


def scores_code_system(ruleset) -> dict:
    """The scores of a ruleset, the components of the decision's Observation."""
    rs = definition(ruleset)
    axes = {}
    if rs.axes is not None:
        axes = {rs.axes.resources: "resources", rs.axes.complexity: "complexity"}
    concepts = [
        _concept(s.id, s.label, props=((("axis", axes[s.id]),) if s.id in axes else ()))
        for s in rs.scores
    ]
    return _code_system(
        rs, scores_system(rs), "scores", _title(rs, "pisteet", "poäng", "scores"), concepts, properties=("axis",),
    )


def answer_code_systems(ruleset) -> list[dict]:
    """One code system per scale and per enum input: the codings of the answer options."""
    rs = definition(ruleset)
    out = []
    for scale in rs.scales:
        label = scale.label or ast.Labels(scale.id, scale.id, scale.id)  # the id: the same in every language
        concepts = [_concept(str(v.value), v.label) for v in scale.values]
        out.append(_code_system(rs, canonical(rs, "scale", scale.id), f"scale {scale.id}", _title(rs, label.fi, label.sv, label.en), concepts))
    for inp in rs.inputs:
        if inp.domain.kind == "enum":
            concepts = [_concept(code, label) for code, label in zip(inp.domain.values, inp.domain.labels)]
            out.append(_code_system(rs, answers_system(rs, inp), f"answers {inp.id}", _title(rs, inp.text.fi, inp.text.sv, inp.text.en), concepts))
    return out


def code_systems(ruleset) -> list[dict]:
    """Every code system the exports of a ruleset use: inputs, segments, scores and answers."""
    return [
        inputs_code_system(ruleset), segments_code_system(ruleset), scores_code_system(ruleset),
        *answer_code_systems(ruleset),
    ]
