"""Loaded rulesets and their decisions: fields, dates, overrides, hashes and threads."""

from __future__ import annotations

import datetime as dt
import random
import threading
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction

import pytest

import segrules
from segrules.engine.runtime import add_months, format_number
from segrules.errors import UsageError
from segrules.sampling import sample_answers

from support import ALL_RULESETS, BASE, ROOT, load_path, variant

ANSWERS = {"battery": "illness", "c_manage": 4, "c_support": 2, "p_illness": 3, "visits": 20}
AT = dt.datetime(2024, 1, 31, 9, 30, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def rs() -> segrules.Ruleset:
    return segrules.load_text(BASE, "base.yaml")


# ----------------------------------------------------------------------------- decisions


def test_decision_fields(rs):
    d = rs.decide(ANSWERS, assessed_at=AT)
    assert d.ruleset == segrules.RulesetRef("test.base", "1.0.0", rs.content_hash)
    assert d.ruleset.to_json() == {"id": "test.base", "version": "1.0.0", "content_hash": rs.content_hash}
    # resources = mean(4, 2) = 3; complexity = 3 + 1 (visits > 12) = 4
    assert d.segment_id == "yhteistyo" and d.service_use == "heavy"
    assert d.pathway.segment == "yhteistyo"
    assert d.rule.index == 2 and d.rule.text == "yhteistyo when resources >= 3 and complexity >= 3"
    assert d.rule.span.file == "base.yaml"
    assert d.scores == {"resources": Fraction(3), "complexity": Fraction(4)}
    assert d.facts == {"resources": Fraction(3), "complexity": Fraction(4)}
    assert d.assessed_at == AT
    assert not d.is_overridden and d.suggested == d.segment and d.override_reason is None


def test_decision_json(rs):
    j = rs.decide(ANSWERS, assessed_at=AT).to_json()
    assert j["segment"]["id"] == "yhteistyo" and j["suggested_segment"] == "yhteistyo"
    assert j["overridden"] is False and j["override_reason"] is None
    assert j["scores"]["resources"] == {"exact": "3", "decimal": 3.0}
    assert j["rule"]["number"] == 3 and j["rule"]["line"] == BASE.splitlines().index(
        "  - yhteistyo when resources >= 3 and complexity >= 3") + 1
    assert j["assessed_at"] == "2024-01-31T09:30:00+00:00"
    assert j["reassess_on"] == "2025-01-31"
    assert j["ruleset"]["content_hash"] == rs.content_hash
    assert j["answers"] == ANSWERS and j["schema"] == "segrules.decision/1"


def test_explain_names_rule_and_facts(rs):
    text = rs.decide(dict(ANSWERS, c_support=3), assessed_at=AT).explain("en")
    assert "rule 3 (line " in text and "base.yaml" not in text
    assert "t = 3.5 and t = 4" in text  # the scores by their labels (all "t" in this model)


SUUNTIMA = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"
# seven of the nine client statements answered: resources = 29/7
SUUNTIMA_ANSWERS = {
    "c_daily_life": 5, "c_understanding": 4, "c_self_care": 4, "c_coping": 4, "c_services": 4, "c_motivation": 4,
    "c_close_coping": 4, "battery": "illness", "p_ill_conditions": 1, "p_ill_medication": 2, "p_ill_stability": 1,
    "p_ill_adherence": 2, "p_ill_coordination": 1, "p_ill_monitoring": 2,
}


@pytest.mark.parametrize("lang, name, rule, because, pathway, again", [
    ("fi", "Omatoimiasiakkuus",
     "sääntö 1 (rivi 540): Omatoimiasiakkuus, kun Asiakkaan ja läheisten voimavarat ≥ 3 ja Tilanteen haasteellisuus < 3",
     "koska Asiakkaan ja läheisten voimavarat = 4,14 ja Tilanteen haasteellisuus = 1,5",
     "Asiakkuuspolku: Asiakas ottaa itse yhteyttä", "uusi arvio 24 kuukauden kuluttua"),
    ("sv", "Självständig kund",
     "regel 1 (rad 540): Självständig kund när Klientens och de närståendes resurser ≥ 3 och Situationens komplexitet < 3",
     "eftersom Klientens och de närståendes resurser = 4,14 och Situationens komplexitet = 1,5",
     "Kundstig: Klienten tar själv kontakt", "ny bedömning efter 24 månader"),
    ("en", "Self-care client",
     "rule 1 (line 540): Self-care client when Resources of the client and close ones ≥ 3 and Complexity of the situation < 3",
     "because Resources of the client and close ones = 4.14 and Complexity of the situation = 1.5",
     "Pathway: The client gets in touch", "re-assess after 24 months"),
])
def test_explain_reads_in_the_models_own_words(lang, name, rule, because, pathway, again):
    d = segrules.load(SUUNTIMA).decide(SUUNTIMA_ANSWERS, assessed_at=AT)
    assert d.scores["resources"] == Fraction(29, 7)
    text = d.explain(lang)
    lines = text.splitlines()
    assert lines[0] == f"{name} (omatoimi)"
    assert lines[1:3] == [rule, because]
    assert lines[3].startswith(pathway) and lines[4] == again
    assert "29/7" not in text and "suuntima.yaml" not in text and "resources =" not in text  # no path, no ids
    assert d.to_json()["facts"]["resources"]["exact"] == "29/7"  # the exact value stays in the record


def test_explain_of_an_unpickled_decision_still_reads_in_labels():
    import pickle

    d = segrules.load(SUUNTIMA).decide(SUUNTIMA_ANSWERS, assessed_at=AT)
    assert pickle.loads(pickle.dumps(d)).explain("fi") == d.explain("fi")


def test_assessed_at_defaults_to_now_in_utc(rs):
    before = dt.datetime.now(dt.timezone.utc)
    d = rs.decide(ANSWERS)
    assert before <= d.assessed_at <= dt.datetime.now(dt.timezone.utc)
    assert d.assessed_at.tzinfo is not None


@pytest.mark.parametrize(
    "when",
    [dt.datetime(2024, 3, 1, 9, 30), dt.date(2024, 3, 1), "2024-03-01T09:30:00+00:00", 1709285400],
    ids=["naive", "date", "text", "number"],
)
def test_an_assessment_time_must_be_a_datetime_with_an_offset(rs, when):
    with pytest.raises(UsageError) as info:
        rs.decide(ANSWERS, assessed_at=when)
    assert info.value.code == "SR550"


@pytest.mark.parametrize(
    "when", [dt.datetime(9995, 1, 1, tzinfo=dt.timezone.utc), dt.datetime.max.replace(tzinfo=dt.timezone.utc)],
    ids=["year 9995", "max"],
)
def test_an_assessment_time_with_no_reassessment_date_after_it_is_out_of_range(rs, when):
    with pytest.raises(UsageError) as info:
        rs.decide(ANSWERS, assessed_at=when)
    assert info.value.code == "SR524"


class _NoOffset(dt.tzinfo):
    def utcoffset(self, when):
        return None


def test_a_time_zone_without_an_offset_is_naive(rs):
    with pytest.raises(UsageError) as info:
        rs.decide(ANSWERS, assessed_at=dt.datetime(2024, 3, 1, tzinfo=_NoOffset()))
    assert info.value.code == "SR550"


def test_the_offset_given_is_kept(rs):
    helsinki = dt.timezone(dt.timedelta(hours=2))
    d = rs.decide(ANSWERS, assessed_at=dt.datetime(2024, 12, 31, 23, 30, tzinfo=helsinki))
    assert d.to_json()["assessed_at"] == "2024-12-31T23:30:00+02:00"
    assert d.reassess_on == dt.date(2025, 12, 31)  # the local date, not the UTC one
    latest = rs.decide(ANSWERS, assessed_at=dt.datetime(9994, 12, 31, tzinfo=dt.timezone.utc))
    assert latest.reassess_on == dt.date(9995, 12, 31)


class _Stamp(dt.datetime):
    """A datetime subclass, as data frame libraries hand out."""


def test_a_datetime_subclass_is_accepted(rs):
    d = rs.decide(ANSWERS, assessed_at=_Stamp(2024, 1, 31, 9, 30, tzinfo=dt.timezone.utc))
    assert d.assessed_at == AT


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 29)),  # leap year
        (dt.date(2023, 1, 31), 1, dt.date(2023, 2, 28)),
        (dt.date(2024, 3, 31), 1, dt.date(2024, 4, 30)),
        (dt.date(2024, 2, 29), 12, dt.date(2025, 2, 28)),
        (dt.date(2023, 8, 31), 6, dt.date(2024, 2, 29)),
        (dt.date(2024, 12, 15), 1, dt.date(2025, 1, 15)),
        (dt.date(2024, 11, 30), 2, dt.date(2025, 1, 30)),
        (dt.date(2024, 5, 1), 60, dt.date(2029, 5, 1)),
        (dt.date(2024, 1, 1), 24, dt.date(2026, 1, 1)),
    ],
)
def test_add_months_by_the_calendar(day, months, expected):
    assert add_months(day, months) == expected


def test_reassess_on_uses_the_pathway(rs):
    # verkosto's pathway reassesses after 6 months, the others after 12
    low = {"battery": "illness", "c_manage": 1, "p_illness": 4, "visits": 0}
    d = rs.decide(low, assessed_at=dt.datetime(2023, 8, 31, 23, 59, tzinfo=dt.timezone.utc))
    assert d.segment_id == "verkosto" and d.reassess_on == dt.date(2024, 2, 29)
    d = rs.decide(ANSWERS, assessed_at=AT)
    assert d.reassess_on == dt.date(2025, 1, 31)


@pytest.mark.parametrize(
    "value, text",
    [(Fraction(3), "3"), (Fraction(13, 4), "3.25"), (Fraction(10, 3), "10/3"), (7, "7"), (True, "true"), ("x", "x")],
)
def test_format_number(value, text):
    assert format_number(value) == text


# ----------------------------------------------------------------------------- overrides


def test_override_keeps_the_suggestion_and_the_reason(rs):
    d = rs.decide(ANSWERS, assessed_at=AT, override="verkosto", reason="  lives alone, many services  ")
    assert d.segment_id == "verkosto" and d.pathway.segment == "verkosto"
    assert d.suggested.id == "yhteistyo" and d.is_overridden
    assert d.override_reason == "lives alone, many services"
    assert d.rule.segment == "yhteistyo"  # the rule that suggested it
    assert d.reassess_on == dt.date(2024, 7, 31)  # the chosen segment's pathway: 6 months
    j = d.to_json()
    assert (j["segment"]["id"], j["suggested_segment"], j["overridden"]) == ("verkosto", "yhteistyo", True)
    assert "overridden by a person: the rules suggested yhteistyo" in d.explain()


def test_override_of_an_override_keeps_the_first_suggestion(rs):
    d = rs.decide(ANSWERS, assessed_at=AT).override("verkosto", "first").override("omatoimi", "second")
    assert d.segment_id == "omatoimi" and d.suggested.id == "yhteistyo" and d.override_reason == "second"


@pytest.mark.parametrize("name", ["yhteistyo", " YhteisTyo "])
def test_override_to_the_suggested_segment_is_refused(rs, name):
    with pytest.raises(UsageError) as info:
        rs.decide(ANSWERS, override=name, reason="checked")
    assert info.value.code == "SR551"
    # nor back to the suggestion after an override: the record would contradict itself
    with pytest.raises(UsageError) as info:
        rs.decide(ANSWERS, override="verkosto", reason="first").override(name, "back")
    assert info.value.code == "SR551"


@pytest.mark.parametrize(
    "name, segment",
    [("pärjääjä", "omatoimi"), ("PÄRJÄÄJÄ", "omatoimi"), ("parjaaja", "omatoimi"), ("yhteisö", "yhteiso"),
     ("YHTEISO", "yhteiso"), ("Yhteisöasiakkuus", "yhteiso"), ("Community client", "yhteiso"),
     ("gemenskapskund", "yhteiso"), (" verkosto ", "verkosto")],
)
def test_override_by_alias_or_label_as_the_crosswalk_accepts(name, segment):
    labelled = segrules.load_text(variant(
        "  yhteiso:\n    label: {fi: t, sv: t, en: t}",
        "  yhteiso:\n    label: {fi: Yhteisöasiakkuus, sv: Gemenskapskund, en: Community client}",
    ))
    d = labelled.decide(ANSWERS, assessed_at=AT, override=name, reason="asked for it")
    assert d.segment_id == segment and d.suggested.id == "yhteistyo"
    assert d.pathway.segment == segment
    assert labelled.segment(name).id == segment


def test_a_name_of_several_segments_is_refused():
    twice = segrules.load_text(variant("    aliases: [pärjääjä]\n", "    aliases: [pärjääjä, tuki]\n").replace(
        "  yhteiso:\n    label: {fi: t, sv: t, en: t}", "  yhteiso:\n    label: {fi: t, sv: t, en: t}\n    aliases: [Tuki]"))
    with pytest.raises(UsageError) as info:
        twice.decide(ANSWERS, override="tuki", reason="x")
    assert info.value.code == "SR501" and "several segments" in str(info.value)


@pytest.mark.parametrize("segment", ["", "nope", "yhteis", "pärjää"])
def test_override_to_an_unknown_segment(rs, segment):
    with pytest.raises(UsageError) as info:
        rs.decide(ANSWERS, override=segment, reason="x")
    assert info.value.code == "SR501"
    with pytest.raises(UsageError) as info:
        rs.decide(ANSWERS).override(segment, "x")
    assert info.value.code == "SR501"


@pytest.mark.parametrize("reason", [None, "", "   \n"])
def test_override_without_a_reason(rs, reason):
    with pytest.raises(UsageError) as info:
        rs.decide(ANSWERS, override="verkosto", reason=reason)
    assert info.value.code == "SR502"
    with pytest.raises(UsageError) as info:
        rs.decide(ANSWERS).override("verkosto", reason)
    assert info.value.code == "SR502"


@pytest.mark.parametrize("reason", [5, ["a"], b"x", 1.5, True])
def test_override_with_a_reason_that_is_not_text(rs, reason):
    # refused, not stored as str() of it
    with pytest.raises(UsageError) as info:
        rs.decide(ANSWERS, override="verkosto", reason=reason)
    assert info.value.code == "SR502" and "must be text" in str(info.value)
    with pytest.raises(UsageError) as info:
        rs.decide(ANSWERS).override("verkosto", reason=reason)
    assert info.value.code == "SR502" and type(reason).__name__ in str(info.value)


def test_the_reason_that_is_not_text_is_said_in_every_language():
    from segrules.messages import translate

    message = "the reason for an override must be text, not a value of type bytes"
    for lang, word in (("fi", "perustelun"), ("sv", "motiveringen")):
        said = translate("SR502", message, lang)
        assert word in said and "bytes" in said, said


def test_reason_without_an_override(rs):
    with pytest.raises(UsageError) as info:
        rs.decide(ANSWERS, reason="because")
    assert info.value.code == "SR502"


def test_segment_lookup(rs):
    assert rs.segment("omatoimi").label.fi == "t"
    with pytest.raises(UsageError) as info:
        rs.segment("nope")
    assert info.value.code == "SR501"


# ----------------------------------------------------------------------------- content hash


@pytest.mark.parametrize(
    "old, new",
    [
        ("format: 1\n", "# a comment\nformat: 1  # and another\n"),
        ("hit_policy: unique\n", "hit_policy:    unique\n\n\n"),
        ("title: {fi: Testimalli, sv: Testmodell, en: Test model}", "title:\n  fi: Testimalli\n  sv: Testmodell\n  en: Test model"),
        ("title: {fi: Testimalli, sv: Testmodell, en: Test model}", "title: {en: Test model, sv: Testmodell, fi: Testimalli}"),
        ("title: {fi: Testimalli,", 'title: {fi: "Testimalli",'),
        ("version: 1.0.0", "version: '1.0.0'"),
        ("  client_items: [c_manage, c_support]", "  client_items:\n    - c_manage\n    - c_support"),
    ],
)
def test_hash_ignores_comments_and_layout(rs, old, new):
    assert segrules.load_text(variant(old, new)).content_hash == rs.content_hash


@pytest.mark.parametrize(
    "old, new",
    [
        ("  - omatoimi  when resources >= 3", "  - omatoimi  when resources > 3"),
        ("complexity < 3\n  - yhteistyo", "complexity <= 3\n  - yhteistyo"),
        ("version: 1.0.0", "version: 1.0.1"),
        ("title: {fi: Testimalli,", "title: {fi: Testimalli 2,"),
        ("    max: 50\n", "    max: 51\n"),
        ("    reassess_after_months: 6\n", "    reassess_after_months: 7\n"),
        ("hit_policy: unique\n", "hit_policy: first\n"),
        ("hit_policy: unique\n", ""),  # the default, but a different document
        ("    expr: mean(client_items)\n", "    expr: mean(client_items) + 0\n"),
        ("    aliases: [pärjääjä]\n", "    aliases: [pärjääjä, itsenäinen]\n"),
    ],
)
def test_hash_changes_with_any_model_change(rs, old, new):
    assert segrules.load_text(variant(old, new)).content_hash != rs.content_hash


def test_hash_is_the_same_from_a_file(tmp_path, rs):
    path = tmp_path / "m.yaml"
    path.write_text(BASE, encoding="utf-8")
    assert segrules.load(path).content_hash == rs.content_hash
    assert segrules.load(path).ref == rs.ref


# ----------------------------------------------------------------------------- threads


@pytest.mark.parametrize("path", ALL_RULESETS[:2] + [ALL_RULESETS[-1]], ids=lambda path: path.name)
def test_one_ruleset_shared_by_threads_gives_the_same_results(path):
    rs = load_path(path)
    rng = random.Random(3)
    batch = [sample_answers(rs.definition, rng) for _ in range(400)]
    expected = [(rs.segment_of(a), rs.decide(a, assessed_at=AT).to_json()) for a in batch]
    start = threading.Barrier(8)

    def work(offset: int):
        start.wait()
        order = batch[offset:] + batch[:offset]
        got = [(rs.segment_of(a), rs.decide(a, assessed_at=AT).to_json()) for a in order]
        return got[len(batch) - offset:] + got[: len(batch) - offset]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, [0, 50, 100, 150, 200, 250, 300, 350]))
    for got in results:
        assert got == expected


def test_ruleset_is_immutable(rs):
    import attrs

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        rs.definition = None
    d = rs.decide(ANSWERS)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        d.segment = None


def test_examples_run(rs):
    (result,) = rs.run_examples()
    assert result.passed and result.got == "omatoimi"
    failing = segrules.load_text(variant("    expect: omatoimi\n", "    expect: yhteiso\n"))
    (result,) = failing.run_examples()
    assert not result.passed and result.got == "omatoimi"
