"""``segrules.verify.counting``: exact counts, checked against enumeration and against counts
worked out here by hand (plain dynamic programmes over the items' values, no segrules code)."""

from __future__ import annotations

import os
import re
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import segrules
from segrules.testing import small_ruleset_texts
from segrules.verify.brute import enumerate_tally
from segrules.verify.counting import NotCounted, count_joint, count_ruleset, share_text, sizes_of
from segrules.verify.diff import ERROR, INVALID, diff, observe
from segrules.verify import verify
from segrules.verify.space import AnswerSpace

from test_diff import brute
from test_smt import L, load, model, num

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted(p for p in (ROOT / "rulesets").rglob("*.yaml") if p.name != "crosswalk.yaml")


# --------------------------------------------------------------------------- one ruleset


EXAMPLES = int(os.environ.get("SEGRULES_FUZZ_EXAMPLES", "40"))
#: ``make fuzz-verify`` also enumerates the shipped models up to this many answer sets (minutes).
ENUMERATED = 400_000 if "SEGRULES_FUZZ_EXAMPLES" in os.environ else 5_000


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_ruleset_texts(awkward=True))
def test_structural_counts_are_the_enumerated_counts(text):
    rs = load(text).definition
    by_hand = sizes_of(rs, enumerate_tally(rs), "enumeration")
    try:
        counted = count_ruleset(rs, method="structural")
    except NotCounted:
        return  # beyond the structural method: said so, never a wrong count
    assert counted.method == "structural"
    assert (counted.segments, counted.no_segment, counted.several_segments, counted.errors, counted.total) == (
        by_hand.segments, by_hand.no_segment, by_hand.several_segments, by_hand.errors, by_hand.total)


@pytest.mark.parametrize("path", [p for p in SHIPPED if AnswerSpace(segrules.load(str(p)).definition).size() <= ENUMERATED],
                         ids=lambda p: p.parent.name + "/" + p.name)
def test_shipped_models_small_enough_to_enumerate_count_the_same_both_ways(path):
    rs = segrules.load(str(path)).definition
    assert count_ruleset(rs, method="structural").segments == count_ruleset(rs, method="enumeration").segments


def _mean_counts(items, options) -> dict:
    """{(sum, answered): answer combinations} over items, each taking one of its options (None: unanswered)."""
    states = {(0, 0): 1}
    for item in items:
        nxt: dict = {}
        for (total, n), c in states.items():
            for v in options[item]:
                key = (total, n) if v is None else (total + v, n + 1)
                nxt[key] = nxt.get(key, 0) + c
        states = nxt
    return states


def test_suuntima_segment_sizes_are_the_hand_worked_convolution():
    """Suuntima's 1.7 * 10^11 answer sets: resources is the mean of the client items and
    complexity the mean of the chosen battery's items; sizes per battery multiply."""
    rs = segrules.load(str(ROOT / "rulesets/helsinki/suuntima.yaml")).definition
    options = {i.id: tuple(i.domain.values) + ((None,) if i.optional else ()) for i in rs.inputs}
    client = [i.id for i in rs.inputs if i.id.startswith("c_")]
    resources = _mean_counts(client, options)
    high_r = sum(c for (s, n), c in resources.items() if n and Fraction(s, n) >= 3)
    low_r = sum(c for (s, n), c in resources.items() if n and Fraction(s, n) < 3)
    assert sum(c for (s, n), c in resources.items() if not n) == 0  # six client items are required
    expect = {"omatoimi": 0, "yhteiso": 0, "yhteistyo": 0, "verkosto": 0}
    for battery in options["battery"]:
        items = [i.id for i in rs.inputs if i.asked_when is not None and f"value='{battery}'" in repr(i.asked_when)]
        assert len(items) >= 5
        complexity = _mean_counts(items, options)
        high_c = sum(c for (s, n), c in complexity.items() if n and Fraction(s, n) >= 3)
        low_c = sum(c for (s, n), c in complexity.items() if n and Fraction(s, n) < 3)
        expect["omatoimi"] += high_r * low_c
        expect["yhteiso"] += low_r * low_c
        expect["yhteistyo"] += high_r * high_c
        expect["verkosto"] += low_r * high_c
    counted = count_ruleset(rs)
    assert dict(counted.segments) == expect
    assert counted.total == AnswerSpace(rs).size() == sum(expect.values()) == 168_750_000_000


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.parent.name + "/" + p.name)
def test_every_shipped_model_is_counted_exactly(path):
    report = verify(segrules.load(str(path)))
    assert report.counts is not None, report.not_counted
    assert report.counts.total == report.answer_space_size
    assert all(n > 0 for _, n in report.counts.segments)
    doc = report.to_json()["counts"]
    assert doc["counted"] and sum(s["answer_sets"] for s in doc["segments"].values()) == report.answer_space_size


def test_a_gap_and_an_overlap_are_counted_in_the_report():
    rs = load(model(num("x", 0, 9), "", ["a when x < 3", "b when x > 4", "b when x >= 8", "a when x = 9"]))
    report = verify(rs)
    sizes = report.counts
    assert (sizes.size("a"), sizes.size("b"), sizes.no_segment, sizes.several_segments) == (3, 4, 2, 1)
    assert "no segment 2 (20 %)" in report.format() and "several segments 1 (10 %)" in report.format()


def test_shares_are_exact_and_never_rounded_to_none_or_all():
    assert share_text(1, 8) == "12.5 %"
    assert share_text(2, 3) == "66.67 %"
    assert share_text(1, 10**12) == "< 0.0001 %"
    assert share_text(10**12 - 1, 10**12) == "99.99 %"
    assert share_text(0, 5) == "0 %" and share_text(5, 5) == "100 %"
    assert share_text(1, 1_000_000) == "0.0001 %"


# --------------------------------------------------------------------------- two versions


def _brute_cells(old, new) -> dict:
    """Every answer set over both versions' inputs (answered or not), through their own decide."""
    return brute(old, new, {i.id: tuple(i.domain.values) + (None,) for i in old.definition.inputs})


_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")


@st.composite
def version_pairs(draw):
    """A small ruleset and a new version with one or two numbers of its rules or scores changed."""
    text = draw(small_ruleset_texts(max_inputs=3, max_domain=4, max_answer_sets=400, awkward=True))
    start, end = text.index("scores:") if "scores:" in text else text.index("rules:"), text.index("pathways:")
    found = list(_NUMBER.finditer(text, start, end))
    if not found:
        return text, text
    new = text
    picked = draw(st.lists(st.sampled_from(found), min_size=1, max_size=2, unique_by=lambda m: m.start()))
    for m in sorted(picked, key=lambda m: -m.start()):  # from the right: earlier offsets stay
        value = draw(st.sampled_from([v for v in ("0", "0.5", "1", "1.5", "2", "3", "4") if v != m.group()]))
        new = new[:m.start()] + value + new[m.end():]
    return text, new


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(version_pairs())
def test_joint_counts_are_the_brute_force_cells(pair):
    old, new = load(pair[0]), load(pair[1])
    cells = count_joint(old.definition, new.definition)  # the same questions: always counted
    assert {k: c.count for k, c in cells.items()} == _brute_cells(old, new)
    for (o, n), c in cells.items():
        assert (observe(old, c.witness), observe(new, c.witness)) == (o, n)
        if o != n:
            assert sum(count for _, count in c.regions) == c.count


@pytest.mark.parametrize("old_score, new_score", [
    ("10 / x", "10 / x"),  # the same failing score in both: an error in both
    ("10 / x", "10 / (x + 1)"),  # fixed in the new version
    ("10 / (x + 1)", "10 / x"),  # broken in the new version
    ("10 / x", "10 / (x - 1)"),  # failing in both, on different answer sets
])
def test_evaluation_errors_are_counted_for_each_version(old_score, new_score):
    inputs = num("x", 0, 4) + "\n" + num("y", 0, 2)
    old = load(model(inputs, f'r: {{label: {L}, expr: "{old_score}"}}', ["a when r + y < 4", "b when r + y >= 4"]))
    new = load(model(inputs, f'r: {{label: {L}, expr: "{new_score}"}}', ["a when r + y < 3", "b when r + y >= 3"]))
    cells = count_joint(old.definition, new.definition)
    assert {k: c.count for k, c in cells.items()} == _brute_cells(old, new)
    assert any(ERROR in k for k in cells)


def test_a_diff_over_10_to_the_12_answer_sets_is_counted_exactly():
    """Twelve questions of ten answers each; the sum's threshold moves from 60 to 55. The moved
    answer sets are those whose sum is 55..59, counted here by a plain convolution."""
    inputs = "\n".join(num(f"q{k}", 0, 9) for k in range(12))
    scores = f'total: {{label: {L}, expr: "sum({", ".join(f"q{k}" for k in range(12))})"}}'
    old = load(model(inputs, scores, ["a when total < 60", "b when total >= 60"]))
    new = load(model(inputs, scores, ["a when total < 55", "b when total >= 55"]))
    ways = [1]
    for _ in range(12):
        ways = [sum(ways[s - v] for v in range(10) if 0 <= s - v < len(ways)) for s in range(len(ways) + 9)]
    moved = sum(ways[55:60])
    d = diff(old, new)
    assert d.counted and d.count_method == "structural" and d.answer_sets == 10**12
    cell = d.cell("a", "b")
    assert cell.status == "found" and cell.count == moved and cell.share == Fraction(moved, 10**12)
    assert d.cell("a", "a").count == sum(ways[:55]) and d.cell("b", "b").count == sum(ways[60:])
    assert cell.regions == (("total in [55, 60)", moved),)
    assert dict(cell.scores[0])["total"] in range(55, 60)
    assert observe(old, cell.witness) == "a" and observe(new, cell.witness) == "b"
    text = d.format()
    assert "where total in [55, 60)" in text and "of the answer space" in text
    doc = d.to_json()
    got = next(c for c in doc["cells"] if (c["old"], c["new"]) == ("a", "b"))
    assert got["count"] == moved and got["regions"] == [{"region": "total in [55, 60)", "count": moved}]
    assert Fraction(got["share"]) == Fraction(moved, 10**12)


def test_versions_asking_different_questions_are_counted_by_enumeration_when_small():
    old = load(model(num("x", 1, 9), "", ["a when x < 3", "b when x >= 3"]))
    new = load(model(num("x", 1, 9, ", optional: true"), "", ["a when x < 3", "b when x >= 3 or not answered(x)"]))
    with pytest.raises(NotCounted, match="changed"):
        count_joint(old.definition, new.definition)
    d = diff(old, new)
    assert d.counted and d.count_method == "enumeration"
    assert {(c.old, c.new): c.count for c in d.cells if c.count} == _brute_cells(old, new)
    assert d.answer_sets == 10 and d.cell(INVALID, ERROR).count == 1  # x unanswered: a missing answer in new
