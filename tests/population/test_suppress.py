"""Small-cell suppression: no small count shown, no hidden count recomputable from a line."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from segrules.population import ALL, build_report
from segrules.population.suppress import TOTAL, Grid, suppress


def _grid(name, inner):
    counts = dict(inner)
    rows = {r for r, _ in inner}
    cols = {c for _, c in inner}
    for r in rows:
        counts[(r, TOTAL)] = sum(n for (rr, _), n in inner.items() if rr == r)
    for c in cols:
        counts[(TOTAL, c)] = sum(n for (_, cc), n in inner.items() if cc == c)
    counts[(TOTAL, TOTAL)] = sum(inner.values())
    return Grid(name, counts)


def test_a_small_cell_and_its_complements_are_hidden():
    g = _grid("unit", {("a", "x"): 3, ("a", "y"): 10, ("b", "x"): 7, ("b", "y"): 8})
    hidden = suppress([g])["unit"]
    assert hidden[("a", "x")] == "primary"
    # row a and column x would each give the 3 away from their totals
    assert hidden[("a", "y")] == "secondary"
    assert hidden[("b", "x")] == "secondary"
    assert hidden[("b", "y")] == "secondary"
    assert (TOTAL, TOTAL) not in hidden


def test_zero_is_shown_and_nothing_is_hidden_without_small_cells():
    g = _grid("unit", {("a", "x"): 0, ("a", "y"): 10, ("b", "x"): 7, ("b", "y"): 8})
    assert suppress([g])["unit"] == {}


def test_min_cell_is_configurable():
    g = _grid("unit", {("a", "x"): 7, ("a", "y"): 10, ("b", "x"): 12, ("b", "y"): 18})
    assert suppress([g], min_cell=5)["unit"] == {}
    assert suppress([g], min_cell=10)["unit"][("a", "x")] == "primary"


grids = st.dictionaries(
    st.tuples(st.sampled_from("abcd"), st.sampled_from("wxyz")), st.integers(0, 12), min_size=1, max_size=16
)


@settings(max_examples=300, deadline=None)
@given(st.lists(grids, min_size=1, max_size=3), st.integers(1, 8))
def test_no_line_ever_has_exactly_one_hidden_cell(inners, min_cell):
    gs = [_grid(f"g{i}", inner) for i, inner in enumerate(inners)]
    hidden = suppress(gs, min_cell)
    shared = None
    for g in gs:
        h = hidden[g.name]
        for key, n in g.counts.items():
            if 0 < n < min_cell:
                assert key in h, "a small count is shown"
        rows = {r for r, _ in g.counts}
        cols = {c for _, c in g.counts}
        lines = [[(r, c) for c in cols if (r, c) in g.counts] for r in rows]
        lines += [[(r, c) for r in rows if (r, c) in g.counts] for c in cols]
        for line in lines:
            if len(line) > 1:
                assert sum(k in h for k in line) != 1, f"{line} gives its hidden cell away"
        total_row = {c for (r, c) in h if r == TOTAL}
        # the total row is the same population in every grid: hidden alike where both have it
        if shared is not None:
            common = {c for (r, c) in g.counts if r == TOTAL} & shared[1]
            assert {c for c in common if c in total_row} == {c for c in common if c in shared[0]}
        shared = (total_row, {c for (r, c) in g.counts if r == TOTAL})


def test_the_overall_shares_take_the_suppression_of_the_group_tables(tiny_ruleset):
    # 3 records of segment a in unit u1: hidden in the unit table; column a of the group
    # table then needs a complement, which must not be recomputable from the overall counts
    report = build_report(
        tiny_ruleset, records=40,
        by_segment={"a": 3, "b": 37},
        by_group={"unit": {("u1", "a"): 3, ("u1", "b"): 17, ("u2", "b"): 20}},
    )
    overall = report.overall
    assert overall.count(ALL, "a") is None
    assert overall.count(ALL, "b") is None  # else a = total - b
    unit = report.table("unit")
    assert unit.count("u1", "a") is None
    assert unit.count(TOTAL, "a") is None
