"""One printer of regions (segrules.verify.regions) for ``verify``'s gaps and overlaps and
``diff``'s moves: comparisons with constants merged into an interval or a value (``=`` and
``!=`` too, of any expression), the other conditions as they hold, and, where known, the values
the scores reach there."""

from __future__ import annotations

from fractions import Fraction

import segrules
from segrules.errors import EvaluationError
from segrules.verify import verify
from segrules.verify.diff import diff
from segrules.verify.regions import EVERYWHERE, describe_region

from support import mini


def _atoms(*rules: str):
    """The conditions of ``rules`` (over x, y in 0..9, a flag and the score s = x + y), by their text."""
    text = mini({"x": "integer 0..9", "y": "integer 0..9", "flag": "boolean"}, {"s": "x + y"},
                [f"seg{i} when {r}" for i, r in enumerate(rules)])
    rs = segrules.load_text(text, "m.yaml").definition
    return rs, {rule.text.split(" when ", 1)[1]: rule.condition for rule in rs.rules}


def test_comparisons_merge_into_an_interval_or_a_value():
    _, a = _atoms("x >= 3", "x < 5", "3 <= y", "x = 3", "x != 3", "x != 4", "x != 1", "x + y > 20", "flag")
    assert describe_region([(a["x >= 3"], True), (a["x < 5"], True)]) == "x in [3, 5)"
    assert describe_region([(a["x >= 3"], False), (a["3 <= y"], True)]) == "x < 3 and y >= 3"  # as they hold
    assert describe_region([(a["x >= 3"], True), (a["x = 3"], True), (a["x != 3"], False)]) == "x = 3"
    assert describe_region([(a["x >= 3"], True), (a["x != 4"], True), (a["x != 1"], True)]) == "x >= 3 and x != 4"
    assert describe_region([(a["x + y > 20"], False), (a["flag"], False)]) == "x + y <= 20 and not (flag)"
    assert describe_region([(a["x >= 3"], EvaluationError("the mean of no answers", code="SR403"))]) == EVERYWHERE


def test_a_constant_written_as_arithmetic_merges_as_its_value():
    """``s >= 10 / 3`` is a comparison with the constant 10/3, exactly, as ``s < 3.5`` is."""
    _, a = _atoms("s >= 10 / 3", "s < 3.5", "-(1) * 2 < x", "x < 8 / (4 - 4)")
    assert describe_region([(a["s >= 10 / 3"], True), (a["s < 3.5"], True)]) == "s in [10/3, 3.5)"
    assert describe_region([(a["s >= 10 / 3"], False), (a["s < 3.5"], True)]) == "s < 10/3"
    assert describe_region([(a["-(1) * 2 < x"], True)]) == "x > -2"
    assert describe_region([(a["x < 8 / (4 - 4)"], True)]) == "x < 8 / (4 - 4)"  # no value: left as written


def test_the_values_the_scores_reach_follow_when_known():
    rs, a = _atoms("s < 3.5", "x >= 1")
    ranges = {"s": (1, Fraction(10, 3))}
    assert describe_region([(a["s < 3.5"], True)], rs, ranges) == "s < 3.5 ⇒ s in [1, 10/3]"
    assert describe_region([(a["x >= 1"], True)], rs, ranges) == "x >= 1"  # s is not read there
    assert describe_region([(a["s < 3.5"], True)], rs, {"s": (2, 2)}) == "s < 3.5 ⇒ s = 2"
    assert describe_region([(a["s < 3.5"], True)]) == "s < 3.5"


def _gap(method: str) -> str:
    text = mini({"x": "integer 0..9", "y": "integer 0..9"}, {"s": "x + y"},
                ["a when x = 3 and y >= 5", "b when x != 3", "c when s < 7 and x = 3 and y < 5"])
    report = verify(segrules.load_text(text, "m.yaml"), method=method)
    (finding,) = next(c for c in report.checks if c.name == "completeness").findings
    return finding.region


def test_verify_shows_a_gap_in_the_same_notation_by_either_method():
    # x = 3, y = 4 (s = 7) gets no segment; "x = 3" is said once, not again as "not (x != 3)"
    assert _gap("enumeration") == "x = 3 and y < 5 and s >= 7"
    assert _gap("structural") == "x = 3 and y < 5 and s >= 7 ⇒ s = 7"  # and the value s reaches there


def test_diff_shows_where_answer_sets_move_in_the_same_notation():
    old = mini({"x": "integer 0..9"}, {}, ["a when x != 3 and x < 5", "b when x >= 5", "c when x = 3"])
    new = mini({"x": "integer 0..9"}, {}, ["a when x < 5", "b when x >= 5", "c when x > 20"])
    moved = {(c.old, c.new): c.regions for c in diff(segrules.load_text(old, "old.yaml"),
                                                       segrules.load_text(new, "new.yaml")).moved}
    assert moved == {("c", "a"): (("x = 3", 1),)}
