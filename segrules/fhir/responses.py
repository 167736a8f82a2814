"""Answers from QuestionnaireResponses: one response, one per respondent, or a Bundle of them.

Every problem is collected, named by the item (linkId) it concerns: a malformed response, a
response to another ruleset's or version's questionnaire, unknown items, several answers to
one item, answers of the wrong type, responses that disagree or are about different people.
The answers then go through the normal validation (required answers, allowed values, answers
to questions that are not asked, i.e. to disabled items), and all problems are raised at once.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterator, Mapping

from ..dsl import ast
from ..engine.reference import MAX_UNKNOWN_REPORTED, validate_answers
from ..errors import AnswerError, AnswerProblem, closest, shown
from . import terms
from .questionnaires import HELP_PREFIX, PARTS, RESPONDENTS, allowed_link_ids, questionnaire_url

#: Bounds on what is read: responses per call and levels of nested items.
MAX_RESPONSES = 10
MAX_DEPTH = 8
ACCEPTED_STATUS = ("completed", "amended")
_GROUPS = {link_id for link_id, _ in PARTS.values()}


def responses_of(responses: Any) -> list[tuple[str, Mapping]]:
    """(name for messages, response) for a response, a list of them or a Bundle of them.

    Anything that is not a QuestionnaireResponse is an SR930 problem.
    """
    problems: list[AnswerProblem] = []
    out = list(_responses(responses, problems))
    if not out and not problems:
        problems.append(AnswerProblem("SR930", "(responses)", "no QuestionnaireResponse was given"))
    if len(out) > MAX_RESPONSES:
        problems.append(AnswerProblem("SR930", "(responses)", f"{len(out)} responses; at most {MAX_RESPONSES} are read at once"))
    if problems:
        raise AnswerError(problems)
    return out


def _responses(responses: Any, problems: list[AnswerProblem]) -> Iterator[tuple[str, Mapping]]:
    if isinstance(responses, Mapping) and responses.get("resourceType") == "Bundle":
        entries = responses.get("entry", [])
        if not isinstance(entries, list):
            problems.append(AnswerProblem("SR930", "(bundle)", "entry must be a list"))
            return
        for k, entry in enumerate(entries[: MAX_RESPONSES + 1], 1):
            name = f"(bundle entry {k})"
            if not isinstance(entry, Mapping):
                problems.append(AnswerProblem("SR930", name, f"a Bundle's entry is an object, not {_json_kind(entry)}"))
                continue
            resource = entry.get("resource")
            if _is_response(resource, name, problems):
                yield name, resource
        return
    if isinstance(responses, Mapping):
        if _is_response(responses, "(response)", problems):
            yield "(response)", responses
        return
    if isinstance(responses, (list, tuple)):
        for k, resource in enumerate(responses[: MAX_RESPONSES + 1], 1):
            name = f"(response {k})"
            if _is_response(resource, name, problems):
                yield name, resource
        return
    problems.append(AnswerProblem("SR930", "(responses)", "expected a QuestionnaireResponse, a list of them or a Bundle"))


def _is_response(resource: Any, name: str, problems: list[AnswerProblem]) -> bool:
    if isinstance(resource, Mapping) and resource.get("resourceType") == "QuestionnaireResponse":
        return True
    problems.append(AnswerProblem("SR930", name, f"expected a QuestionnaireResponse, got {_json_kind(resource)}"))
    return False


def _json_kind(value: Any) -> str:
    """What a JSON value is, as a FHIR client wrote it (not the Python type it was read as)."""
    if isinstance(value, Mapping):
        kind = value.get("resourceType")
        return f"a {shown(kind)} resource" if isinstance(kind, str) else "an object without a resourceType"
    if value is None or isinstance(value, bool):
        return shown(value)
    return {str: "a text", int: "a number", float: "a number", list: "a list"}.get(type(value), "a value of another kind")


def reference_of(name: str, response: Mapping, full_url: str | None = None) -> dict:
    """A Reference to a response: by id, else by identifier, else by description."""
    if full_url:
        return {"reference": full_url}
    if isinstance(response.get("id"), str):
        return {"reference": f"QuestionnaireResponse/{response['id']}"}
    if isinstance(response.get("identifier"), Mapping):
        return {"type": "QuestionnaireResponse", "identifier": dict(response["identifier"])}
    return {"type": "QuestionnaireResponse", "display": f"QuestionnaireResponse {name.strip('()')} (no id)"}


def response_references(responses: Any) -> list[dict]:
    """References to the responses, in order; a Bundle entry's fullUrl is used where given."""
    urls: list[str | None] = []
    if isinstance(responses, Mapping) and responses.get("resourceType") == "Bundle":
        urls = [e.get("fullUrl") if isinstance(e, Mapping) else None for e in responses.get("entry", [])]
    found = responses_of(responses)
    urls += [None] * (len(found) - len(urls))
    return [reference_of(name, r, url if isinstance(url, str) else None) for (name, r), url in zip(found, urls)]


def subject_of(responses: Any) -> dict | None:
    """The responses' common subject (a Reference), or None when none names one."""
    for _, r in responses_of(responses):
        if isinstance(r.get("subject"), Mapping):
            return dict(r["subject"])
    return None


def _which_questionnaire(rs: ast.RulesetDef, name: str, canonical: Any, problems) -> tuple[bool, str | None]:
    """(known, respondent) of the questionnaire a response names; None: the combined one."""
    if canonical is None:
        return True, None
    if not isinstance(canonical, str):
        problems.append(AnswerProblem("SR930", name, "questionnaire must be a canonical URL"))
        return False, None
    url, _, version = canonical.partition("|")
    urls = {questionnaire_url(rs, r): r for r in (None,) + RESPONDENTS}
    if url not in urls:
        problems.append(AnswerProblem(
            "SR931", name,
            f"answers the questionnaire {url!r}, not one of ruleset {rs.id}: {', '.join(sorted(urls))}",
        ))
        return False, None
    if version and version != rs.version:
        problems.append(AnswerProblem(
            "SR931", name, f"answers version {version} of the questionnaire; the ruleset {rs.id} is version {rs.version}",
        ))
        return False, None
    return True, urls[url]


def _items(name: str, response: Mapping, problems) -> Iterator[tuple[str, Mapping]]:
    """(path for messages, item) of every item, nested ones included, to MAX_DEPTH levels."""
    stack = [(response.get("item", []), 0)]
    malformed = 0
    while stack:
        items, depth = stack.pop()
        if not isinstance(items, list):
            problems.append(AnswerProblem("SR930", name, "item must be a list"))
            continue
        if depth >= MAX_DEPTH:
            problems.append(AnswerProblem("SR930", name, f"items are nested more than {MAX_DEPTH} levels deep"))
            continue
        for item in reversed(items):
            if not isinstance(item, Mapping) or not isinstance(item.get("linkId"), str):
                malformed += 1
                continue
            yield item["linkId"], item
            if "item" in item:
                stack.append((item["item"], depth + 1))
    if malformed:  # said once, however many
        problems.append(AnswerProblem(
            "SR930", name, "every item must be an object with a linkId" + (f" ({malformed} are not)" if malformed > 1 else ""),
        ))


def _value(rs: ast.RulesetDef, inp: ast.Input, answer: Any, problems) -> tuple[bool, Any]:
    """(ok, the rule language's value) of one answer to the input."""
    def wrong(message: str) -> tuple[bool, Any]:
        problems.append(AnswerProblem("SR934", inp.id, message))
        return False, None

    if not isinstance(answer, Mapping):
        return wrong("an answer must be an object with one value[x]")
    keys = [k for k in answer if k.startswith("value")]
    if len(keys) != 1:
        return wrong(f"an answer must have exactly one value[x], got {len(keys)}")
    key, value = keys[0], answer[keys[0]]
    if "item" in answer:
        return wrong("an answer to this item has no nested items")
    kind = inp.domain.kind
    expected = "value" + terms.answer_type(inp)
    if key != expected:
        return wrong(f"{key} given, but the item takes {expected} ({inp.domain.describe()})")
    if kind == "boolean":
        return (True, value) if type(value) is bool else wrong(f"valueBoolean must be true or false, not {shown(value)}")
    if expected == "valueDecimal":  # an integer input beyond 32 bits: a whole decimal
        whole = _whole(value)
        return (True, whole) if whole is not None else wrong(f"valueDecimal must be a whole number, not {shown(value)}")
    if kind == "integer":
        return (True, value) if type(value) is int else wrong(f"valueInteger must be a whole number, not {shown(value)}")
    if not isinstance(value, Mapping) or not isinstance(value.get("code"), str):
        return wrong("valueCoding must be a Coding with a code")
    system = terms.answers_system(rs, inp)
    if value.get("system") != system:
        problems.append(AnswerProblem(
            "SR935", inp.id, f"the coding's system is {value.get('system')!r}; the answers of this item are in {system!r}",
        ))
        return False, None
    code = value["code"]
    if kind == "scale":
        # a code is a whole number exactly as the code system writes its values: "4", never
        # "04", "+4" or " 4"; one that is no value of the scale is then SR302, as any answer
        if _WHOLE.fullmatch(code) is None or len(code) > 4000:
            problems.append(AnswerProblem("SR935", inp.id, f"the code {shown(code)} is not a value of the scale {inp.domain.scale}"))
            return False, None
        return True, int(code)
    return True, code


#: A whole number as ``str`` writes it (ASCII digits, no sign but ``-``, no leading zero).
_WHOLE = re.compile(r"-?[1-9][0-9]*|0")


def _whole(value: Any) -> int | None:
    """A decimal answer as the whole number it is (3000000000, 3000000000.0), else None. A
    float beyond 2**53 is refused: it may not be the number that was written."""
    if type(value) is int:
        return value
    if type(value) is float and value.is_integer() and abs(value) <= 2**53:
        return int(value)
    if type(value) is Decimal and value.is_finite() and value == value.to_integral_value():
        return int(value)
    return None


def answers_from_responses(ruleset, responses) -> dict[str, Any]:
    """The validated answers (input id → value) in one QuestionnaireResponse, several, or a Bundle.

    ``responses``: a QuestionnaireResponse (dict), a list of them (one per respondent), or a
    Bundle holding them. Raises AnswerError listing every problem, each naming its item.
    """
    rs = terms.definition(ruleset)
    by_id = {i.id: i for i in rs.inputs}
    problems: list[AnswerProblem] = []
    answers: dict[str, Any] = {}
    source: dict[str, str] = {}
    broken: set[str] = set()
    subjects: dict[str, str] = {}
    unread = False  # a response answering another questionnaire: its answers are not read
    unknown = repeated = 0  # items not of the questionnaire, items given again: named to a limit
    for name, response in responses_of(responses):
        status = response.get("status")
        if status not in ACCEPTED_STATUS:
            problems.append(AnswerProblem(
                "SR938", name,
                f"the response's status is {shown(status)}; only responses with the status {', '.join(ACCEPTED_STATUS)} "
                "are decided",
            ))
        known, respondent = _which_questionnaire(rs, name, response.get("questionnaire"), problems)
        if not known:
            unread = True
            continue
        subject = response.get("subject")
        if isinstance(subject, Mapping):
            subjects[name] = repr(sorted((k, repr(v)) for k, v in subject.items() if k in ("reference", "identifier")))
        elif subject is not None:  # FHIR's subject is a Reference; anything else would be dropped unread
            problems.append(AnswerProblem(
                "SR930", name, f"the subject must be a Reference (an object with a reference), not {_json_kind(subject)}"))
        allowed = allowed_link_ids(rs, respondent)
        seen: set[str] = set()
        for link_id, item in _items(name, response, problems):
            answer_list = item.get("answer")
            if link_id in _GROUPS or link_id.startswith(HELP_PREFIX):
                if answer_list:
                    problems.append(AnswerProblem("SR932", link_id, "this item is not a question and takes no answer"))
                continue
            if link_id not in allowed:
                broken.add(link_id)
                unknown += 1
                if unknown > MAX_UNKNOWN_REPORTED:  # counted, not named: a response of stray items costs little
                    continue
                if link_id in by_id:
                    message = f"not an item of {questionnaire_url(rs, respondent)}; another respondent answers it"
                else:
                    close = closest(link_id, by_id, cutoff=0.75) if len(link_id) <= 100 else None
                    message = f"no item has this linkId in the questionnaire of {rs.id}" + (f"; did you mean {close!r}?" if close else "")
                problems.append(AnswerProblem("SR932", link_id, message))
                continue
            if link_id in seen:
                broken.add(link_id)
                repeated += 1
                if repeated <= MAX_UNKNOWN_REPORTED:
                    problems.append(AnswerProblem("SR933", link_id, f"the item appears more than once in {name.strip('()')}"))
                continue
            seen.add(link_id)
            if answer_list is None or answer_list == []:
                continue
            if not isinstance(answer_list, list):
                problems.append(AnswerProblem("SR934", link_id, "answer must be a list"))
                broken.add(link_id)
                continue
            if len(answer_list) > 1:
                problems.append(AnswerProblem("SR933", link_id, f"{len(answer_list)} answers given; the item takes one"))
                broken.add(link_id)
                continue
            ok, value = _value(rs, by_id[link_id], answer_list[0], problems)
            if not ok:
                broken.add(link_id)
                continue
            if link_id in answers and (answers[link_id] != value or type(answers[link_id]) is not type(value)):
                problems.append(AnswerProblem(
                    "SR936", link_id,
                    f"{source[link_id].strip('()')} answers {answers[link_id]!r}, {name.strip('()')} answers {value!r}",
                ))
                broken.add(link_id)
                continue
            answers[link_id] = value
            source[link_id] = name
    if unknown > MAX_UNKNOWN_REPORTED:
        more = unknown - MAX_UNKNOWN_REPORTED
        problems.append(AnswerProblem(
            "SR932", "(responses)", f"and {more} more item{'s' if more != 1 else ''} that are not questions of the questionnaire",
        ))
    if repeated > MAX_UNKNOWN_REPORTED:
        more = repeated - MAX_UNKNOWN_REPORTED
        problems.append(AnswerProblem("SR933", "(responses)", f"and {more} more repetition{'s' if more != 1 else ''} of an item"))
    if len(set(subjects.values())) > 1:
        problems.append(AnswerProblem(
            "SR937", "(subject)", "the responses are about different subjects: " + ", ".join(sorted(subjects)),
        ))
    if unread:
        raise AnswerError(problems)
    for link_id in broken:
        answers.pop(link_id, None)
    try:
        values = validate_answers(rs, answers)
    except AnswerError as exc:
        # an item already reported above is not reported again as missing, nor are the
        # questions whose asking depends on it
        def follows(p: AnswerProblem) -> bool:
            if p.code == "SR304" and p.input in broken:
                return True
            inp = by_id.get(p.input)
            cond = inp.asked_when if inp is not None else None
            return cond is not None and any(r in broken for r in ast.references(cond))

        problems += [p for p in exc.problems if not follows(p)]
        values = None
    if problems:
        raise AnswerError(problems)
    return values
