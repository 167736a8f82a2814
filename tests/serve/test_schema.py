"""The answer schema is exact: a document is valid against it exactly when validation accepts
it, for the shipped rulesets and for random ones; the OpenAPI document is valid OpenAPI 3.1."""

from __future__ import annotations

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate as validate_openapi

from segrules.errors import AnswerError
from segrules.serve.schema import ENUMERATION_LIMIT, answers_schema, openapi_document
from segrules.serve.store import RulesetStore
from segrules.testing import answer_sets, small_ruleset_texts
from support import ALL_RULESETS, load_cached, load_path, mini

JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 60), st.text(max_size=6),
    st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: not f.is_integer()),
    st.lists(st.integers(0, 3), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
)


def documents(rs):
    """Answer documents near the valid ones: a valid answer set with up to three changes (an
    answer removed, made null or junk, a question that is not asked answered, an unknown key)."""
    inputs = [i.id for i in rs.inputs]
    by_id = {i.id: i for i in rs.inputs}

    @st.composite
    def draw(draw):
        doc = dict(draw(answer_sets(rs)))
        for _ in range(draw(st.integers(0, 3))):
            iid = draw(st.sampled_from(inputs))
            change = draw(st.sampled_from(["remove", "null", "junk", "value", "unknown"]))
            if change == "remove":
                doc.pop(iid, None)
            elif change == "null":
                doc[iid] = None
            elif change == "junk":
                doc[iid] = draw(JUNK)
            elif change == "value":
                doc[iid] = draw(st.sampled_from(by_id[iid].domain.values))
            else:
                doc[draw(st.sampled_from(["extra", iid.upper(), iid + "2"]))] = 1
        return doc

    return draw()


def accepted(ruleset, doc) -> bool:
    try:
        ruleset.validate(doc)
    except AnswerError:
        return False
    return True


def schema_accepts(schema, doc) -> bool:
    return jsonschema.Draft202012Validator(schema).is_valid(doc)


def check_exact(ruleset, doc):
    schema = answers_schema(ruleset.definition)
    assert schema_accepts(schema, doc) == accepted(ruleset, doc), doc


@pytest.mark.parametrize("path", ALL_RULESETS, ids=lambda p: p.stem)
def test_the_schema_is_a_valid_2020_12_schema(path):
    jsonschema.Draft202012Validator.check_schema(answers_schema(load_path(path).definition))


@pytest.mark.parametrize("path", ALL_RULESETS, ids=lambda p: p.stem)
@settings(max_examples=150)
@given(data=st.data())
def test_the_schema_accepts_exactly_what_validation_accepts(path, data):
    ruleset = load_path(path)
    check_exact(ruleset, data.draw(documents(ruleset.definition)))


@pytest.mark.parametrize("path", ALL_RULESETS, ids=lambda p: p.stem)
@settings(max_examples=60)
@given(data=st.data())
def test_every_valid_answer_set_fits_the_schema(path, data):
    ruleset = load_path(path)
    doc = data.draw(answer_sets(ruleset))
    assert schema_accepts(answers_schema(ruleset.definition), doc)


@settings(max_examples=60)
@given(data=st.data(), text=small_ruleset_texts(max_inputs=4, max_domain=4))
def test_random_rulesets_exactly(text, data):
    ruleset = load_cached(text)
    check_exact(ruleset, data.draw(documents(ruleset.definition)))


CONDITIONAL = mini(
    {
        "kind": "enum a b c",
        "n": "integer 0..9",
        "extra": ("boolean", 'kind = "a" and n >= 3'),
        "maybe": ("scale?", "not answered(extra) or n < 2"),
        "strict": ("scale", "n > 1 / 3"),
    },
    {"s": "count(extra, maybe, strict) + n"},
    ["x when s >= 5", "y when s < 5"],
)


@pytest.mark.parametrize("doc, ok", [
    ({"kind": "a", "n": 3, "extra": True, "strict": 1}, True),
    ({"kind": "a", "n": 3, "strict": 1}, False),  # extra is asked
    ({"kind": "b", "n": 3, "extra": True, "strict": 1}, False),  # extra is not asked
    ({"kind": "b", "n": 3, "extra": None, "strict": 1, "maybe": 2}, True),  # null is unanswered
    ({"kind": "a", "n": 1, "maybe": 5, "strict": 3}, True),
    ({"kind": "a", "n": 0, "maybe": 5}, True),  # n > 1/3 fails for 0: strict not asked
    ({"kind": "a", "n": 0, "strict": 1}, False),
    ({"kind": "a", "n": True}, False),
])
def test_conditional_questions_become_if_then_else(doc, ok):
    ruleset = load_cached(CONDITIONAL)
    assert accepted(ruleset, doc) is ok
    assert schema_accepts(answers_schema(ruleset.definition), doc) is ok


def test_the_one_difference_json_schema_cannot_express():
    """JSON Schema counts 1.0 as an integer; segrules takes only 1 (as the command line does)."""
    ruleset = load_cached(CONDITIONAL)
    doc = {"kind": "a", "n": 1.0, "strict": 1}
    assert not accepted(ruleset, doc)
    assert schema_accepts(answers_schema(ruleset.definition), doc)


def test_conditions_beyond_the_limit_are_named_not_enforced():
    size = 1
    inputs = {}
    while size <= ENUMERATION_LIMIT:
        name = f"i{len(inputs)}"
        inputs[name] = "integer 0..20"
        size *= 22
    cond = " + ".join(inputs) + " > 3"
    inputs["late"] = ("boolean?", cond)
    text = mini(inputs, {}, ["x when i0 >= 0"])
    schema = answers_schema(load_cached(text).definition)
    assert schema["properties"]["late"]["x-segrules-asked-when"] == cond
    assert "allOf" not in schema


def test_the_openapi_document_is_valid_and_refers_to_each_answer_schema(tmp_path):
    store = RulesetStore([str(p) for p in ALL_RULESETS])
    store.reload()
    doc = openapi_document(store.snapshot, token=True)
    validate_openapi(doc)
    schemas = doc["components"]["schemas"]
    for s in store.snapshot.served():
        rid = s.ruleset.id
        post = doc["paths"][f"/v1/rulesets/{rid}/decide"]["post"]
        ref = post["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        assert ref == f"#/components/schemas/{rid}.DecideRequest"
        assert schemas[f"{rid}.Answers"] == answers_schema(s.ruleset.definition)
    assert doc["security"] == [{"bearer": []}]
