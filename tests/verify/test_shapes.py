"""The structural (counting) method on the shapes regions write (tests/verify/shapes/).

The SMT prover decides every shape (test_smt.py); here the counting method must, where it
covers the shape, account for every answer set with the right gaps, overlaps and errors, and
where it does not, end undecided within its limits, never wrong and never crashing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import segrules
from segrules.verify import Budget, Undecided
from segrules.verify.influence import InfluenceChecker
from segrules.verify.space import AnswerSpace, Tally
from segrules.verify.structure import StructuralVerifier

SHAPES = Path(__file__).parent / "shapes"

# shape → the inputs whose influence the counting method proves (None: all of them)
COUNTED = {
    "core_plus_battery_mean": {"battery"},  # not decided: one mean mixes core and battery items
    "mean_and_count_true": set(),
    "nested_batteries": None,  # not decided: questions that decide questions are conditional
    "sum_wide_ranges": None,  # not decided: 10^4 values per input compared one by one
    "weighted_sum": set(),
}
BEYOND = ("one_overlap_in_1e16", "red_flags_or_chain", "screening_followups")


def expectation(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[1].removeprefix("# expect: ")


def test_every_shape_is_listed_here():
    assert {p.stem for p in SHAPES.glob("*.yaml")} == set(COUNTED) | set(BEYOND)


@pytest.mark.parametrize("name", sorted(COUNTED))
def test_counted_shapes(name):
    path = SHAPES / f"{name}.yaml"
    assert expectation(path) == "proven"
    rs = segrules.load(path).definition
    tally = Tally(rs)
    sv = StructuralVerifier(rs, budget=Budget(None))
    sv.run(tally)
    assert tally.counted == AnswerSpace(rs).size()
    assert not tally.gaps and not tally.overlaps and not tally.errors
    assert tally.segments == {s.id for s in rs.segments}
    InfluenceChecker(sv).run(tally)
    undecided = set(tally.undecided_inputs)
    assert undecided == ({i.id for i in rs.inputs} if COUNTED[name] is None else COUNTED[name])
    assert tally.influential == {i.id for i in rs.inputs} - undecided


@pytest.mark.parametrize("name", BEYOND)
def test_shapes_beyond_the_counting_method_are_undecided_within_its_limits(name):
    rs = segrules.load(SHAPES / f"{name}.yaml").definition
    with pytest.raises(Undecided, match="more than"):
        StructuralVerifier(rs, budget=Budget(None)).run(Tally(rs))
