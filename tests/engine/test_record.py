"""Decision records: what they hold, reading them back, and replaying them."""

from __future__ import annotations

import datetime as dt
import json
import random
from fractions import Fraction

import pytest
from hypothesis import given, settings, strategies as st

import segrules
from segrules.answers import json_int
from segrules.engine.record import RecordError, read_record
from segrules.engine.runtime import encode_record, exact_text
from segrules.errors import UsageError
from segrules.sampling import sample_answers
from segrules.testing import answer_sets, rulesets

from support import ALL_RULESETS, BASE, load_cached, load_path, variant

ANSWERS = {"battery": "illness", "c_manage": 4, "c_support": 2, "p_illness": 3, "visits": 20}
AT = dt.datetime(2024, 1, 31, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))


@pytest.fixture(scope="module")
def rs() -> segrules.Ruleset:
    return segrules.load_text(BASE, "base.yaml")


def roundtrip(obj):
    return json.loads(json.dumps(obj, ensure_ascii=False))


def contained(small, big) -> bool:
    """Every key of ``small`` is in ``big`` with the same value (recursively for objects)."""
    if isinstance(small, dict):
        return isinstance(big, dict) and all(k in big and contained(v, big[k]) for k, v in small.items())
    return small == big


# ----------------------------------------------------------------------------- what a record holds


def test_compact_record(rs):
    d = rs.decide(dict(ANSWERS, c_support=3), assessed_at=AT)
    assert d.to_json(compact=True) == {
        "schema": "segrules.decision/1",
        "ruleset": {"id": "test.base", "version": "1.0.0", "content_hash": rs.content_hash},
        "segment": {"id": "yhteistyo"},
        "suggested_segment": "yhteistyo",
        "overridden": False,
        "override_reason": None,
        "rule": {"number": 3, "line": BASE.splitlines().index("  - yhteistyo when resources >= 3 and complexity >= 3") + 1},
        "scores": {"resources": {"exact": "3.5"}, "complexity": {"exact": "4"}},
        "answers": dict(ANSWERS, c_support=3),
        "assessed_at": "2024-01-31T09:30:00+02:00",
        "reassess_on": "2025-01-31",
    }


@pytest.mark.parametrize("path", ALL_RULESETS, ids=lambda p: p.name)
def test_the_compact_record_is_part_of_the_full_one(path):
    rs = load_path(path)
    rng = random.Random(5)
    for _ in range(30):
        d = rs.decide(sample_answers(rs.definition, rng), assessed_at=AT)
        compact, full = d.to_json(compact=True), d.to_json()
        assert contained(compact, full)
        assert set(full) - set(compact) == {"pathway", "facts"}
        assert "pathway" in full and "label" in full["segment"] and "text" in full["rule"]
        assert roundtrip(compact) == compact and roundtrip(full) == full


def test_no_record_names_the_file_it_was_loaded_from(tmp_path, rs):
    folder = tmp_path / "home" / "someone" / "models"
    folder.mkdir(parents=True)
    path = folder / "private-name.yaml"
    path.write_text(BASE, encoding="utf-8")
    d = segrules.load(path.resolve()).decide(ANSWERS, assessed_at=AT)
    for record in (d.to_json(), d.to_json(compact=True)):
        text = json.dumps(record, ensure_ascii=False)
        assert "private-name" not in text and "someone" not in text and str(tmp_path) not in text
        assert record["rule"]["line"] == rs.decide(ANSWERS, assessed_at=AT).rule.span.line


def test_the_record_keeps_a_copy_of_the_answers(rs):
    answers = dict(ANSWERS)
    d = rs.decide(answers, assessed_at=AT)
    answers["c_manage"] = 1
    assert d.answers == ANSWERS and d.to_json()["answers"] == ANSWERS
    d.answers["visits"] = 0
    d.to_json()["answers"]["visits"] = 0
    assert d.answers == ANSWERS


@pytest.mark.parametrize(
    "n, d, text",
    [(3, 1, "3"), (24, 8, "3"), (13, 4, "3.25"), (-13, 4, "-3.25"), (10, 3, "10/3"), (-10, 3, "-10/3"),
     (1, 1024, "0.0009765625"), (1, 2**40, None), (7, 50, "0.14"), (0, 5, "0"), (10**400 + 1, 2, None)],
)
def test_exact_text_reads_back_exactly(n, d, text):
    got = exact_text(n, d)
    if text is not None:
        assert got == text
    assert Fraction(got) == Fraction(n, d)


def test_a_score_beyond_the_float_range_is_recorded_exactly():
    big = variant("    expr: mean(client_items)\n", "    expr: mean(client_items) * " + "9" * 400 + "\n")
    rs = segrules.load_text(big.replace("resources >= 3", "resources >= 30").replace("resources < 3", "resources < 30"))
    d = rs.decide(ANSWERS, assessed_at=AT)
    full = d.to_json()
    assert full["scores"]["resources"]["decimal"] is None
    assert Fraction(full["scores"]["resources"]["exact"]) == 3 * (10**400 - 1)
    json.dumps(full)


def test_a_score_past_pythons_digit_limit_is_decided_explained_read_back_and_replayed():
    # a score of some 6,000 digits: str() of an int refuses more than 4,300
    nines = "9" * 3000
    big = variant("    expr: mean(client_items)\n", f"    expr: mean(client_items) * {nines}\n")
    big = variant("    expr: mean(complexity_items)", f"    expr: resources * {nines} + mean(complexity_items)", big)
    rs = segrules.load_text(big)
    d = rs.decide(ANSWERS, assessed_at=AT)
    assert "= 10^6000" in d.explain("fi")
    record = json.loads(d.to_json_text(), parse_int=json_int)
    assert len(record["scores"]["complexity"]["exact"]) > 6000
    assert segrules.Decision.from_json(record, rs) == d
    assert segrules.replay(record, rs).same


# ----------------------------------------------------------------------------- reading a record back


def test_from_json_gives_the_same_decision(rs):
    for d in (
        rs.decide(ANSWERS, assessed_at=AT),
        rs.decide(dict(ANSWERS, c_support=3), assessed_at=AT),
        rs.decide(ANSWERS, assessed_at=AT, override="pärjääjä", reason="  lives with family "),
    ):
        for compact in (True, False):
            back = segrules.Decision.from_json(roundtrip(d.to_json(compact=compact)), rs)
            assert back == d and hash(back) == hash(d)
            assert back.to_json() == d.to_json() and back.explain() == d.explain()
            assert back.suggested == d.suggested and back.reassess_on == d.reassess_on
    # and a restored decision can be overridden: it has its ruleset
    back = segrules.Decision.from_json(rs.decide(ANSWERS, assessed_at=AT).to_json(), rs)
    assert back.override("verkosto", "why").segment_id == "verkosto"


def test_from_json_reads_the_decide_command_document(rs):
    d = rs.decide(ANSWERS, assessed_at=AT)
    doc = {"schema": "segrules.decide/1", "decision": d.to_json(), "explanation": d.explain(), "lang": "en"}
    assert segrules.Decision.from_json(doc, rs) == d


@pytest.mark.parametrize("path", ALL_RULESETS, ids=lambda p: p.name)
def test_every_record_of_a_shipped_ruleset_reads_back_and_replays(path):
    rs = load_path(path)
    rng = random.Random(11)
    for _ in range(25):
        d = rs.decide(sample_answers(rs.definition, rng), assessed_at=AT)
        record = roundtrip(d.to_json(compact=True))
        assert segrules.Decision.from_json(record, rs) == d
        result = segrules.replay(record, rs)
        assert result.same and result.differences == () and result.notes == ()
        assert result.recomputed == d


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_records_of_generated_rulesets_read_back_and_replay(data):
    rs = load_cached(data.draw(rulesets(), label="ruleset"))
    answers = data.draw(answer_sets(rs), label="answers")
    try:
        d = rs.decide(answers, assessed_at=AT)
    except segrules.EvaluationError:
        return  # no decision, no record (the generated rulesets are not verified)
    for compact in (True, False):
        record = roundtrip(d.to_json(compact=compact))
        assert segrules.Decision.from_json(record, rs) == d
        assert segrules.replay(record, rs).same


def same_text(d: segrules.Decision) -> None:
    """The record text is the record's JSON to the character, and reads back as the record."""
    for compact in (True, False):
        text = d.to_json_text(compact=compact)
        assert text == encode_record(d.to_json(compact=compact))
        assert json.loads(text) == roundtrip(d.to_json(compact=compact))


@pytest.mark.parametrize("path", ALL_RULESETS, ids=lambda p: p.name)
def test_the_record_text_of_a_shipped_ruleset_is_its_json(path):
    rs = load_path(path)
    rng = random.Random(5)
    for i in range(40):
        d = rs.decide(sample_answers(rs.definition, rng), assessed_at=AT + dt.timedelta(seconds=7 * i))
        same_text(d)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_the_record_text_of_generated_rulesets_is_their_json(data):
    rs = load_cached(data.draw(rulesets(awkward=True), label="ruleset"))
    answers = data.draw(answer_sets(rs), label="answers")
    try:
        d = rs.decide(answers, assessed_at=AT)
    except segrules.EvaluationError:
        return
    same_text(d)
    other = next(s.id for s in rs.segments)
    if other != d.segment_id:  # an override is written in full, the same way
        same_text(d.override(other, 'agreed "with" the client\nåäö'))


def test_the_record_text_keeps_a_score_beyond_the_float_range_exact():
    big = variant("    expr: mean(client_items)\n", "    expr: mean(client_items) * " + "9" * 400 + "\n")
    rs = segrules.load_text(big.replace("resources >= 3", "resources >= 30").replace("resources < 3", "resources < 30"))
    d = rs.decide(ANSWERS, assessed_at=AT)
    same_text(d)
    record = json.loads(d.to_json_text())
    assert record["scores"]["resources"] == {"exact": str(3 * (10**400 - 1)), "decimal": None}
    assert segrules.Decision.from_json(record, rs) == d


def test_from_json_with_another_ruleset_is_SR554(rs):
    record = rs.decide(ANSWERS, assessed_at=AT).to_json()
    other = segrules.load_text(variant("version: 1.0.0", "version: 1.0.1"))
    with pytest.raises(UsageError) as info:
        segrules.Decision.from_json(record, other)
    assert info.value.code == "SR554"
    assert "test.base 1.0.0" in str(info.value) and "test.base 1.0.1" in str(info.value)


def _broken(rs, change):
    record = roundtrip(rs.decide(ANSWERS, assessed_at=AT, override="verkosto", reason="r").to_json(compact=True))
    change(record)
    return record


BROKEN = {
    "an empty object": (lambda r: r.clear(), ["the object has none of the keys of a decision record"]),
    "no schema": (lambda r: r.pop("schema"), ["the schema is missing"]),
    "other schema": (lambda r: r.update(schema="segrules.decision/9"), ["the schema is 'segrules.decision/9'"]),
    "no answers": (lambda r: r.pop("answers"), ["answers is missing (a record made before"]),
    "answers a list": (lambda r: r.update(answers=[1, 2]), ["answers must be an object, not a list"]),
    "rule number text": (lambda r: r["rule"].update(number="3"), ["rule.number must be a whole number, not a text"]),
    "rule number zero": (lambda r: r["rule"].update(number=0), ["rule.number must be 1 or more"]),
    "overridden true/false": (lambda r: r.update(overridden=False), ["overridden is false, but the segment is 'verkosto'",
                                                                      "override_reason is given, but the decision is not"]),
    "no reason": (lambda r: r.update(override_reason=None), ["an overridden decision must give its override_reason"]),
    "a blank reason": (lambda r: r.update(override_reason="  "), ["an overridden decision must give its override_reason"]),
    "a number as the reason": (lambda r: r.update(override_reason=5), ["override_reason must be a text, not a number"]),
    "a list as the reason": (lambda r: r.update(override_reason=["a"]), ["override_reason must be a text, not a list"]),
    "a float score": (lambda r: r["scores"].update(resources=3.0), ["scores.resources must be"]),
    "an inexact score": (lambda r: r["scores"].update(resources={"exact": "3.0e1"}), ["scores.resources.exact must be"]),
    "a naive time": (lambda r: r.update(assessed_at="2024-01-31T09:30:00"), ["has no UTC offset"]),
    "not a time": (lambda r: r.update(assessed_at="31.1.2024"), ["is not an ISO 8601 date and time"]),
    "a bool as a number": (lambda r: r["rule"].update(number=True), ["rule.number must be a whole number, not true or false"]),
    "null answers": (lambda r: r.update(answers=None), ["answers must be an object, not null"]),
    "a quotient by zero": (lambda r: r["scores"].update(resources={"exact": "1/0"}),
                           ["scores.resources.exact must be an exact number such as 3, 3.25 or 10/3, not '1/0'"]),
    "a rule number of 5,000 digits": (lambda r: r["rule"].update(number=10**5000), ["rule.number 10^5000 is more than any"]),
    "a rule line of 5,000 digits": (lambda r: r["rule"].update(line=-(10**5000)), ["rule.line must be 1 or more, not -10^5000"]),
    "a NaN answer": (lambda r: r["answers"].update(c_manage=float("nan")), ["answers.c_manage is nan, which is not a JSON"]),
    "an infinity in a list": (lambda r: r["answers"].update(visits=[1, float("-inf")]), ["answers.visits is -inf, which"]),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_record_is_SR553_naming_every_problem(rs, case):
    change, expected = BROKEN[case]
    record = _broken(rs, change)
    for call in (lambda: segrules.Decision.from_json(record, rs), lambda: segrules.replay(record, rs)):
        with pytest.raises(RecordError) as info:
            call()
        assert info.value.code == "SR553"
        for text in expected:
            assert any(text in p for p in info.value.problems), info.value.problems
        assert len(info.value.problems) == len(expected), info.value.problems


def test_a_record_that_is_not_an_object():
    with pytest.raises(RecordError) as info:
        read_record([1, 2])
    assert info.value.code == "SR553"


@pytest.mark.parametrize(
    "change, text",
    [
        (lambda r: r["segment"].update(id="nope"), "segment.id 'nope' is not a segment"),
        (lambda r: r.update(suggested_segment="omatoimi"), "rule 3 gives 'yhteistyo', not the suggested segment 'omatoimi'"),
        (lambda r: r["rule"].update(number=9), "rule.number 9: test.base has 4 rules"),
        (lambda r: r["scores"].pop("complexity"), "the scores are ['resources'], but test.base has the scores"),
        (lambda r: r.update(reassess_on="2099-01-01"), "reassess_on '2099-01-01' is not the date test.base gives"),
        (lambda r: r["scores"].update(resources=True), 'scores.resources must be {"exact": ...}, not true or false'),
        (lambda r: r["scores"].update(complexity="abc"), 'scores.complexity must be {"exact": ...}, not a text'),
    ],
)
def test_a_record_that_does_not_fit_its_ruleset_is_SR553(rs, change, text):
    record = _broken(rs, change)
    with pytest.raises(RecordError) as info:
        segrules.Decision.from_json(record, rs)
    assert info.value.code == "SR553" and text in str(info.value)


def test_a_choice_or_yes_no_score_of_another_kind_is_SR553():
    text = variant("    expr: mean(complexity_items) + (if visits > 12 then 1 else 0)\n",
                   "    expr: mean(complexity_items) + (if visits > 12 then 1 else 0)\n"
                   "  frequent:\n    label: {fi: F, sv: F, en: F}\n    expr: visits > 12\n"
                   "  kind:\n    label: {fi: K, sv: K, en: K}\n    expr: battery\n")
    rs = segrules.load_text(text)
    record = roundtrip(rs.decide(ANSWERS, assessed_at=AT).to_json(compact=True))
    assert segrules.Decision.from_json(record, rs).scores["kind"] == "illness"
    record["scores"].update(frequent="yes", kind={"exact": "1"})
    with pytest.raises(RecordError) as info:
        segrules.Decision.from_json(record, rs)
    assert info.value.problems == ("scores.frequent must be true or false, not a text",
                                   "scores.kind must be a code, not an exact number")


def test_a_record_of_a_time_with_no_re_assessment_date_is_SR524_as_in_replay(rs):
    record = _broken(rs, lambda r: r.update(assessed_at="9999-12-31T23:00:00+00:00", reassess_on="9999-12-31"))
    with pytest.raises(UsageError) as info:
        segrules.Decision.from_json(record, rs)
    assert info.value.code == "SR524"
    assert segrules.replay(record, rs).error.code == "SR524"


# ----------------------------------------------------------------------------- replay


def test_replay_of_an_override(rs):
    d = rs.decide(ANSWERS, assessed_at=AT, override="verkosto", reason="lives alone")
    result = segrules.replay(roundtrip(d.to_json(compact=True)), rs)
    assert result.same and result.recomputed == d


def test_replay_names_every_difference_after_a_threshold_moved(rs):
    record = rs.decide(dict(ANSWERS, c_support=3), assessed_at=AT).to_json(compact=True)
    moved = segrules.load_text(
        BASE.replace("resources >= 3", "resources >= 4").replace("resources < 3", "resources < 4")
        .replace("reassess_after_months: 12", "reassess_after_months: 11")
    )
    result = segrules.replay(record, moved)
    assert not result.same
    got = {d.field: (d.stored, d.recomputed) for d in result.differences}
    assert got == {
        "ruleset.content_hash": (rs.content_hash, moved.content_hash),
        "segment": ("yhteistyo", "verkosto"),
        "suggested_segment": ("yhteistyo", "verkosto"),
        "rule.number": (3, 4),
        "reassess_on": ("2025-01-31", "2024-07-31"),
    }
    j = roundtrip(result.to_json())
    assert j["same"] is False and len(j["differences"]) == 5


def test_replay_of_a_changed_score(rs):
    record = rs.decide(ANSWERS, assessed_at=AT).to_json(compact=True)
    plus = segrules.load_text(variant("(if visits > 12 then 1 else 0)", "(if visits > 12 then 2 else 0)"))
    got = {d.field: (d.stored, d.recomputed) for d in segrules.replay(record, plus).differences}
    assert got == {
        "ruleset.content_hash": (rs.content_hash, plus.content_hash),
        "scores.complexity": ({"exact": "4"}, {"exact": "5"}),
    }


def test_replay_of_a_tampered_record(rs):
    record = rs.decide(ANSWERS, assessed_at=AT).to_json(compact=True)
    record["segment"]["id"] = record["suggested_segment"] = "verkosto"
    record["rule"]["number"] = 4
    record["scores"]["resources"] = {"exact": "2.5"}
    result = segrules.replay(record, rs)
    got = {d.field: (d.stored, d.recomputed) for d in result.differences}
    assert got == {
        "segment": ("verkosto", "yhteistyo"),
        "suggested_segment": ("verkosto", "yhteistyo"),
        "rule.number": (4, 3),
        "scores.resources": ({"exact": "2.5"}, {"exact": "3"}),
    }


def test_replay_when_the_answers_no_longer_fit(rs):
    record = rs.decide(ANSWERS, assessed_at=AT).to_json(compact=True)
    narrower = segrules.load_text(variant("    max: 50\n", "    max: 10\n"))
    result = segrules.replay(record, narrower)
    assert not result.same and result.recomputed is None and result.error.code == "SR300"
    (hash_diff, outcome) = result.differences
    assert hash_diff.field == "ruleset.content_hash"
    assert outcome.field == "segment" and outcome.stored == "yhteistyo"
    assert outcome.recomputed == "no decision (SR300)" and "visits" in str(result.error)


def test_replay_when_the_override_target_is_gone(rs):
    record = rs.decide(ANSWERS, assessed_at=AT, override="omatoimi", reason="r").to_json(compact=True)
    renamed = segrules.load_text(BASE.replace("omatoimi", "itsenainen").replace("pärjääjä", "x"))
    result = segrules.replay(record, renamed)
    assert result.error.code == "SR501"
    assert [d.field for d in result.differences] == ["ruleset.content_hash", "segment"]


def test_replay_of_the_same_content_laid_out_differently(rs):
    record = rs.decide(ANSWERS, assessed_at=AT).to_json(compact=True)
    moved = segrules.load_text("# a comment that moves every line\n\n" + BASE)
    assert moved.content_hash == rs.content_hash
    result = segrules.replay(record, moved)
    assert result.same
    line = record["rule"]["line"]
    assert result.notes == (f"rule 3 is on line {line + 2} of this file; the record says line {line}",)


@given(
    st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9994, 12, 31, 23, 59, 59, 999999)),
    st.one_of(
        st.just(dt.timezone.utc),
        st.builds(lambda m: dt.timezone(dt.timedelta(minutes=m)), st.integers(-1439, 1439)),
        st.builds(lambda sec: dt.timezone(dt.timedelta(seconds=sec)), st.integers(-86_399, 86_399)),
    ),
)
def test_the_recorded_time_is_its_isoformat(rs, when, tz):
    at = when.replace(tzinfo=tz)
    record = rs.decide(ANSWERS, assessed_at=at).to_json(compact=True)
    assert record["assessed_at"] == at.isoformat()
    assert dt.datetime.fromisoformat(record["assessed_at"]) == at
    assert record["reassess_on"] == rs.decide(ANSWERS, assessed_at=at).reassess_on.isoformat()


def test_a_time_in_a_named_zone_is_recorded_with_its_offset_of_that_day(rs):
    zoneinfo = pytest.importorskip("zoneinfo")
    try:
        helsinki = zoneinfo.ZoneInfo("Europe/Helsinki")
    except zoneinfo.ZoneInfoNotFoundError:
        pytest.skip("no time zone data on this machine")
    winter = rs.decide(ANSWERS, assessed_at=dt.datetime(2024, 1, 31, 9, 30, tzinfo=helsinki)).to_json(compact=True)
    summer = rs.decide(ANSWERS, assessed_at=dt.datetime(2024, 7, 31, 9, 30, tzinfo=helsinki)).to_json(compact=True)
    assert winter["assessed_at"] == "2024-01-31T09:30:00+02:00"
    assert summer["assessed_at"] == "2024-07-31T09:30:00+03:00"
