"""FHIR R4 for segrules: Questionnaires out, QuestionnaireResponses in, decisions as resources.

The library writes and reads plain FHIR JSON (dicts) and needs nothing beyond segrules;
``validate`` checks a resource against the R4B models of fhir.resources (the ``fhir`` extra).

    questionnaire(ruleset, respondent=None)            -> Questionnaire
    questionnaire_response(ruleset, answers, respondent=None) -> QuestionnaireResponse
    answers_from_responses(ruleset, responses)         -> validated answers
    decision_resources(ruleset, decision, responses=None, *, care_plan=False) -> Bundle
    decide(ruleset, responses, *, assessed_at=None, override=None, reason=None, care_plan=False) -> Bundle
    operation_outcome(error)                           -> OperationOutcome
    dumps(resource, **json_options)                    -> JSON text, exact decimals as written
    code_systems(ruleset)                              -> [CodeSystem, ...]
"""

from .fhirpath import enable_when, expression
from .questionnaires import RESPONDENTS, questionnaire, questionnaire_response
from .resources import decide, decision_resources, dumps, exact_value, operation_outcome
from .responses import answers_from_responses
from .terms import (
    answer_code_systems,
    code_systems,
    inputs_code_system,
    scores_code_system,
    segments_code_system,
)
from .validate import validate

__all__ = [
    "RESPONDENTS", "answer_code_systems", "answers_from_responses", "code_systems", "decide", "decision_resources", "dumps",
    "enable_when", "exact_value", "expression", "inputs_code_system", "operation_outcome", "questionnaire", "questionnaire_response",
    "scores_code_system", "segments_code_system", "validate",
]
