"""Suppression that withstands an attacker: an exact attacker that reads only the published
report (attacker.py) narrows no hidden count to an interval narrower than the threshold, over
random populations, one or two grouping columns and two versions compared."""

from __future__ import annotations

import os
import sys
from collections import Counter

import pytest
from hypothesis import given, settings, strategies as st

import segrules
from segrules.population import ALL, REJECTED, TOTAL, _json_key, build_report
from segrules.population.audit import Publication, Relation, audit, require_solver
from segrules.population.suppress import suppress
import attacker
from attacker import position, too_narrow
from support import ROOT

SUUNTIMA = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"
SEGMENTS = ("omatoimi", "yhteiso", "yhteistyo", "verkosto")
# Suuntima's rules: each region of the quadrant (complexity, resources) is one segment
REGION = {"omatoimi": ("<3", ">=3"), "yhteiso": ("<3", "<3"), "yhteistyo": (">=3", ">=3"), "verkosto": (">=3", "<3")}
CODES = ("SR302", "SR303", "SR304")


@pytest.fixture(scope="module")
def suuntima():
    return segrules.load(SUUNTIMA).definition


def counts_of(people, by=(), compare=False) -> tuple[dict, dict]:
    """What ``count_batch`` (and ``count_transitions``) give for a list of records, and what
    an attacker may know besides the report (which segments each region holds)."""
    segmented = [p for p in people if p["segment"]]
    out = {
        "records": len(people),
        "by_segment": dict(Counter(p["segment"] for p in segmented)),
        "by_group": {g: dict(Counter((p[g], p["segment"]) for p in segmented)) for g in by},
        "rejected": dict(Counter(c for p in people if not p["segment"] for c in p["codes"])),
        "quadrant": dict(Counter((*REGION[p["segment"]], p["segment"]) for p in segmented if p["scored"])),
    }
    if compare:
        out["transitions_counts"] = dict(Counter((p["segment"] or REJECTED, p["new"] or REJECTED) for p in people))
        out["transitions_names"] = ("old", "new")
        out["transitions_segments"] = list(SEGMENTS)
    knowledge = {
        "region_segments": {REGION[s]: {s} for s in {p["segment"] for p in segmented if p["scored"]}},
        "unscored": {p["segment"] for p in segmented if not p["scored"]},
    }
    return out, knowledge


person = st.fixed_dictionaries({
    "segment": st.sampled_from(SEGMENTS + (None,)),
    "unit": st.sampled_from(["u1", "u2", "u3", None]),
    "age": st.sampled_from(["18-64", "65+"]),
    "scored": st.sampled_from([True, True, True, False]),  # a segmented record without scores is rare
    "codes": st.sets(st.sampled_from(CODES), min_size=1),
    "new": st.sampled_from(SEGMENTS + (None,)),
})
# small populations with a few large groups, so that small cells and sums of them are common
population = st.lists(person, max_size=20).flatmap(
    lambda few: st.lists(st.sampled_from(few), max_size=40).map(lambda many: few + many) if few else st.just(few)
)


def published_counts(doc):
    """Every count the JSON publishes."""
    yield doc["records"]
    yield doc["segmented"]
    yield doc["rejected"]
    yield from doc["rejected_by_code"].values()
    tables = doc["tables"] + [t for t in (doc["quadrant"],) if t]
    if doc["transitions"]:
        tables.append(doc["transitions"]["table"])
        yield doc["transitions"]["moved"]
    for t in tables:
        for cell in t["cells"]:
            yield cell["count"]


def zeros_of(report) -> set:
    """The (table, row, column) positions of the report whose count is 0: the public rulesets
    tell a reader many of them (a move a new version cannot make, a segment an answer rules
    out), so the attacker is told all of them."""
    tables = list(report.tables) + [t for t in (report.quadrant,) if t]
    if report.transitions is not None:
        tables.append(report.transitions.table)
    return {(t.name, position(_json_key(r)), position(_json_key(c))) for t in tables for (r, c), n in t.counts.items() if n == 0}


@settings(max_examples=int(os.environ.get("SEGRULES_ATTACK_EXAMPLES", "25")), deadline=None)
@given(population, st.sampled_from([(), ("unit",), ("age",), ("unit", "age")]), st.booleans(), st.integers(2, 6))
def test_no_hidden_count_is_narrowed_below_the_threshold(suuntima, people, by, compare, min_cell):
    counts, knowledge = counts_of(people, by, compare)
    report = build_report(suuntima, min_cell=min_cell, **counts)
    doc = report.to_json()
    knowledge["zeros"] = zeros_of(report)
    for n in published_counts(doc):
        assert n is None or not 0 < n < min_cell, f"a small count is published: {n}"
    assert too_narrow(doc, min_cell, **knowledge) == {}
    # the audit line states the narrowest interval the attacker finds
    audit = doc["audit"]["narrowest"]
    if audit is None:
        assert not any(n is None for n in published_counts(doc))
    elif audit["width"] is not None:
        assert too_narrow(doc, audit["width"], **knowledge) == {}
        assert too_narrow(doc, audit["width"] + 1, **knowledge) != {}


def test_the_quadrant_margins_give_no_segment_away(suuntima):
    """The case that was published: 3 records in verkosto, hidden in the segment table and in
    the quadrant, came back as high complexity 10 − yhteistyö 7."""
    counts = {
        "records": 52, "by_segment": {"omatoimi": 2, "yhteiso": 40, "yhteistyo": 7, "verkosto": 3},
        "quadrant": {("<3", ">=3", "omatoimi"): 2, ("<3", "<3", "yhteiso"): 40, (">=3", ">=3", "yhteistyo"): 7,
                     (">=3", "<3", "verkosto"): 3},
    }
    doc = build_report(suuntima, **counts).to_json()
    knowledge = {"region_segments": {REGION[s]: {s} for s in SEGMENTS}}
    assert too_narrow(doc, 5, **knowledge) == {}
    assert doc["tables"][0]["cells"][3]["count"] is None  # verkosto


def test_a_move_the_new_version_cannot_make_gives_no_count_away(suuntima):
    """The case found: a new version that only moves the complexity cut-off can move a
    yhteistyö record to omatoimi and a verkosto record to yhteisö, nothing else; the audit,
    not knowing it, hid exactly the moves that cannot happen, and verkosto → verkosto (4) came
    back as 13 − (19 − 10 − 0)."""
    moves = {("yhteiso", "yhteiso"): 10, ("verkosto", "verkosto"): 4, ("verkosto", "yhteiso"): 9,
             ("yhteistyo", "omatoimi"): 8, ("yhteistyo", "yhteistyo"): 8, (REJECTED, REJECTED): 19}
    by_segment = {"yhteiso": 10, "verkosto": 13, "yhteistyo": 16}
    report = build_report(
        suuntima, records=58, by_segment=by_segment, rejected={"SR302": 19},
        quadrant={(*REGION[s], s): n for s, n in by_segment.items()},
        transitions_counts=moves, transitions_names=("old", "new"), transitions_segments=list(SEGMENTS))
    possible = {"omatoimi": {"omatoimi"}, "yhteiso": {"yhteiso"}, "yhteistyo": {"yhteistyo", "omatoimi"},
                "verkosto": {"verkosto", "yhteiso"}, attacker.REJECTED: {attacker.REJECTED}}
    ruled_out = {("transitions", a, b) for a in possible for b in possible if b not in possible[a]}
    knowledge = {"region_segments": {REGION[s]: {s} for s in by_segment}, "zeros": ruled_out}
    doc = report.to_json()
    assert too_narrow(doc, 5, **knowledge) == {}
    cells = {(position(c["row"]), position(c["column"])): c["count"] for c in doc["transitions"]["table"]["cells"]}
    assert all(cells[(a, b)] == 0 for _, a, b in ruled_out)  # a zero is shown: hiding it hides nothing


def test_an_answer_that_rules_a_segment_out_gives_no_count_away():
    """The case found with --by on an input: in Vantaa–Kerava's guide an acute crisis makes a
    heavy service user, so (crisis, occasional) is 0 to any reader of the rules, and with it
    the hidden (no crisis, heavy) 4 came back as 9 − 5."""
    guide = segrules.load(ROOT / "rulesets" / "vantaa_kerava" / "identification_guide.yaml").definition
    occasional, heavy = (s.id for s in guide.segments)
    counts = {(False, occasional): 8, (False, heavy): 4, (True, heavy): 5}
    report = build_report(guide, records=17, by_segment={occasional: 8, heavy: 9}, by_group={"p_crisis": counts})
    doc = report.to_json()
    assert too_narrow(doc, 5, zeros={("p_crisis", True, occasional)}) == {}


def test_a_hidden_count_is_not_0_and_the_audit_knows_it(suuntima):
    """Zeros are always shown, so a reader knows every hidden count is at least 1: u1 has
    omatoimi 2 and yhteisö 4, both hidden beside a row total of 6, which left each in 1..5 (4
    wide) while the audit, counting from 0, said 0..6."""
    by_unit = {("u1", "omatoimi"): 2, ("u1", "yhteiso"): 4, **{("u2", s): 10 for s in SEGMENTS}}
    by_segment = {"omatoimi": 12, "yhteiso": 14, "yhteistyo": 10, "verkosto": 10}
    report = build_report(suuntima, records=46, by_segment=by_segment, by_group={"unit": by_unit})
    doc = report.to_json()
    assert too_narrow(doc, 5, zeros=zeros_of(report)) == {}
    assert doc["audit"]["narrowest"]["lower"] >= 1


def test_groups_that_nest_give_no_count_away(suuntima):
    """--by unit --by municipality: a unit lies in one municipality, so a municipality's row is
    the sum of its units' rows, which the audit did not know: u2's yhteisö (1, hidden) came
    back as A's 11 − u1's 10."""
    unit = {("u1", "omatoimi"): 6, ("u1", "yhteiso"): 10, ("u1", "yhteistyo"): 4, ("u1", "verkosto"): 3,
            ("u2", "omatoimi"): 1, ("u2", "yhteiso"): 1, ("u2", "yhteistyo"): 15,
            ("u3", "omatoimi"): 4, ("u3", "yhteiso"): 8, ("u3", "yhteistyo"): 6, ("u3", "verkosto"): 10,
            ("u4", "yhteiso"): 4, ("u4", "yhteistyo"): 8, ("u4", "verkosto"): 10}
    town = {"u1": "A", "u2": "A", "u3": "B", "u4": "B"}
    municipality, by_segment = Counter(), Counter()
    for (u, s), n in unit.items():
        municipality[(town[u], s)] += n
        by_segment[s] += n
    report = build_report(suuntima, records=90, by_segment=dict(by_segment),
                          by_group={"unit": unit, "municipality": dict(municipality)},
                          by_groups={((u, town[u]), s): n for (u, s), n in unit.items()})
    doc = report.to_json()
    sums = [(("municipality", m, c), [("unit", u, c) for u in sorted(town) if town[u] == m])
            for m in ("A", "B") for c in (*SEGMENTS, attacker.TOTAL)]
    assert too_narrow(doc, 5, zeros=zeros_of(report), sums=sums) == {}


def test_no_label_says_why_a_cell_is_hidden(suuntima):
    counts, _ = counts_of([{"segment": "verkosto", "unit": "u1", "age": "65+", "scored": True, "codes": {"SR302"},
                            "new": None}] * 3 + [{"segment": "yhteiso", "unit": "u2", "age": "65+", "scored": True,
                                                  "codes": {"SR302"}, "new": None}] * 40, ("unit",), True)
    report = build_report(suuntima, **counts)
    text = repr(report.to_json()) + repr(report.csv_rows())
    assert "primary" not in text and "secondary" not in text
    assert {row[5] for row in report.csv_rows()[1:]} == {"true", "false"}


def publication(values, relations, latent={}):
    return Publication(values, latent, tuple(relations))


def test_width_rule_a_count_between_0_and_4_is_not_protected():
    # a + b = 4 (published); a = 1 and b = 3 hidden: each lies in 1..3 (a hidden count is not 0,
    # which is always shown), 2 wide, < 5
    pub = publication({"a": 1, "b": 3, "t": 4}, [Relation.total("t", ["a", "b"])])
    iv = audit(pub, {"a", "b"})
    assert (iv["a"].lower, iv["a"].upper) == (1, 3) and not iv["a"].at_least(5)
    result = suppress(pub, 5)
    assert result.hidden == {"a", "b", "t"}  # the total too: nothing else would do
    assert result.narrowest.upper is None  # nothing bounds a from above now


def test_a_sum_is_hidden_beside_a_small_cell_and_the_choice_is_the_cheapest():
    # row: 3 + 10 + 12 = 25, all published but the 3
    pub = publication({"a": 3, "b": 10, "c": 12, "t": 25}, [Relation.total("t", ["a", "b", "c"])])
    result = suppress(pub, 5, rank={"a": 0, "b": 0, "c": 0, "t": 1}.__getitem__)
    assert result.hidden == {"a", "b"}  # b: the smallest inner cell that frees a; t costs more
    assert result.narrowest.width == 11  # a in 1..12: neither a nor b is 0, which would be shown


def test_hiding_is_deterministic_whatever_the_order_of_the_counts():
    # a 2 x 3 table with totals; two small cells
    inner = {("a", 0): 1, ("a", 1): 7, ("a", 2): 9, ("b", 0): 2, ("b", 1): 7, ("b", 2): 30}
    values = dict(inner)
    rel = []
    for r in "ab":
        values[(r, "T")] = sum(inner[(r, c)] for c in range(3))
        rel.append(Relation.total((r, "T"), [(r, c) for c in range(3)]))
    for c in range(3):
        values[("T", c)] = inner[("a", c)] + inner[("b", c)]
        rel.append(Relation.total(("T", c), [("a", c), ("b", c)]))
    values[("T", "T")] = sum(inner.values())
    rel.append(Relation.total(("T", "T"), [("a", "T"), ("b", "T")]))
    a = suppress(publication(values, rel), 5)
    b = suppress(publication(dict(reversed(values.items())), list(reversed(rel))), 5)
    assert a.hidden == b.hidden
    assert all(iv.at_least(5) for iv in audit(publication(values, rel), a.hidden).values())


def test_the_report_refuses_to_run_without_the_solver(monkeypatch):
    monkeypatch.setitem(sys.modules, "z3", None)
    with pytest.raises(segrules.UsageError) as info:
        require_solver()
    assert info.value.code == "SR855"


def test_the_attacker_finds_what_the_old_rule_left(suuntima):
    """The attacker itself can fail: a hidden count pinned by a published total."""
    doc = build_report(suuntima, records=40, by_segment={"omatoimi": 3, "yhteiso": 37}).to_json()
    assert too_narrow(doc, 5) == {}
    leaky = doc | {"tables": [dict(doc["tables"][0])]}
    cells = [dict(c) for c in leaky["tables"][0]["cells"]]
    for c in cells:  # publish yhteiso again: omatoimi is then 40 - 37 - 0 - 0
        if c["column"] in ("yhteiso", "yhteistyo", "verkosto"):
            c["count"] = {"yhteiso": 37}.get(c["column"], 0)
    leaky["tables"][0]["cells"] = cells
    assert too_narrow(leaky, 5)


def test_overall_counts_are_in_every_table(suuntima):
    report = build_report(
        suuntima, records=40, by_segment={"omatoimi": 3, "yhteiso": 37},
        by_group={"unit": {("u1", "omatoimi"): 3, ("u1", "yhteiso"): 17, ("u2", "yhteiso"): 20}},
    )
    overall, unit = report.overall, report.table("unit")
    assert overall.count(ALL, "omatoimi") is None and unit.count(TOTAL, "omatoimi") is None
    for s in SEGMENTS:  # one count, one decision, wherever it is shown
        assert (overall.count(ALL, s) is None) == (unit.count(TOTAL, s) is None)
