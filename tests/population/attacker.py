"""An attacker of a published population report, written apart from the suppression.

It reads only the report's JSON (what a region publishes) and the meaning of the report's
numbers as docs/population.md states it, and computes, with integer programming (z3's
Optimize), the smallest and largest value of every hidden count consistent with every
published number. Each table position is its own variable, tied to the others only by the
documented relations, so a number that the suppression did not think of (a total published
somewhere else, a count of records that change segment) shows up here as a narrow interval.

Besides the report, the attacker may be told which segments each quadrant region holds
(``region_segments``: those it does hold in this population, one record at least of each, as
the audit grants), which segments have records without scores, and
which counts are zero (``zeros``: (table, row, column) positions; the public rulesets rule many
moves and many (answer, segment) pairs out), and which cells are sums of others (``sums``:
(position, [positions]); a municipality's row is the sum of its units' rows).
"""

from __future__ import annotations

from typing import Mapping

import z3

TOTAL = ("mark", "total")  # a table's totals: {"mark": "total"} in the JSON
ALL = ("mark", "all")  # the one row of the whole population: {"mark": "all"}
REJECTED = ("mark", "rejected")  # the rejected records of the transition table: {"mark": "rejected"}


def position(value):
    """A row or column of the JSON as a key: a value as it is, a mark as ("mark", name)."""
    if isinstance(value, dict):
        return ("mark", value["mark"])
    return value


def intervals(doc: dict, **knowledge) -> dict[tuple, tuple[int, int | None]]:
    """(table, row, column) → (lowest, highest or None when unbounded) of every hidden count."""
    cells, values, facts = _model(doc, "x", **knowledge)
    out = {}
    opt = z3.Optimize()
    opt.add(*facts)
    for key, value in values.items():
        if value is not None:
            continue
        ends = []
        for sense in ("minimize", "maximize"):
            opt.push()
            h = getattr(opt, sense)(cells[key])
            assert opt.check() == z3.sat, "the published numbers contradict each other"
            v = h.value()
            ends.append(v.as_long() if z3.is_int_value(v) else None)
            opt.pop()
        out[key] = (ends[0], ends[1])
    return out


def too_narrow(doc: dict, min_cell: int, **knowledge) -> dict:
    """The hidden counts the attacker narrows to an interval less than ``min_cell`` wide, with
    their intervals: a hidden count is wide enough when two reports consistent with everything
    published differ in it by ``min_cell`` or more."""
    one, values, facts = _model(doc, "x", **knowledge)
    two, _, more = _model(doc, "y", **knowledge)
    s = z3.Solver()
    s.add(*facts, *more)
    narrow = [k for k, v in values.items() if v is None and s.check(one[k] - two[k] >= min_cell) == z3.unsat]
    if not narrow:
        return {}
    found = intervals(doc, **knowledge)
    return {k: found[k] for k in narrow}


def _model(doc: dict, prefix: str, region_segments: Mapping[tuple[str, str], set] | None = None,
           unscored: set = frozenset(), zeros: set = frozenset(), sums: list = ()):
    """Variables for every published position, their published values (None: hidden), and
    the facts a reader knows."""
    cells: dict[tuple, object] = {}
    values: dict[tuple, int | None] = {}
    facts: list = []

    def var(key, value, at_least=0):
        if key not in cells:
            cells[key] = z3.Int(f"{prefix}{len(cells)}")
            values[key] = value
            # a 0 is always shown (docs/population.md), so a hidden count is at least 1
            facts.append(cells[key] >= (at_least if value is not None else max(at_least, 1)))
            if value is not None:
                facts.append(cells[key] == value)
        return cells[key]

    segments = [s["id"] for s in doc["segments"]]
    records = var(("records", ALL, TOTAL), doc["records"])
    segmented = var(("segmented", ALL, TOTAL), doc["segmented"])
    if "rejected" in doc:
        rejected = var(("rejected", TOTAL, TOTAL), doc["rejected"])
    else:  # an older report: the rejected records are still the rest
        rejected = z3.Int(f"{prefix}_rejected_total")
        facts.append(rejected >= 0)
    facts.append(records == segmented + rejected)
    codes = [var(("rejected", code, TOTAL), n, at_least=1) for code, n in doc["rejected_by_code"].items()]
    facts += [c <= rejected for c in codes]  # a record may have several codes
    facts.append(z3.Sum(codes) >= rejected if codes else rejected == 0)

    def table(t: dict, at_least_rows: int = 0) -> dict:
        grid = {}
        for cell in t["cells"]:
            r, c = position(cell["row"]), position(cell["column"])
            low = at_least_rows if (c == TOTAL and r != TOTAL) else 0
            grid[(r, c)] = var((t["name"], r, c), cell["count"], at_least=low)
        rows = {r for r, _ in grid if r != TOTAL}
        cols = {c for _, c in grid if c != TOTAL}
        for r in rows | ({TOTAL} if (TOTAL, TOTAL) in grid else set()):
            if (r, TOTAL) in grid:
                facts.append(grid[(r, TOTAL)] == z3.Sum([grid[(r, c)] for c in cols if (r, c) in grid]))
        for c in cols | {TOTAL}:
            if (TOTAL, c) in grid:
                facts.append(grid[(TOTAL, c)] == z3.Sum([grid[(r, c)] for r in rows if (r, c) in grid]))
        return grid

    overall = table(doc["tables"][0])
    facts.append(overall[(ALL, TOTAL)] == segmented)
    facts.append(segmented == z3.Sum([overall[(ALL, s)] for s in segments]))
    for t in doc["tables"][1:]:
        grid = table(t, at_least_rows=1)  # a listed group holds a record
        for s in segments:
            facts.append(grid[(TOTAL, s)] == overall[(ALL, s)])
        facts.append(grid[(TOTAL, TOTAL)] == segmented)

    if doc.get("quadrant"):
        grid = table(doc["quadrant"])
        if region_segments is not None:
            inside: dict[str, list] = {s: [] for s in segments}
            for r in map(position, doc["quadrant"]["rows"]):
                for c in map(position, doc["quadrant"]["columns"]):
                    parts = []
                    for s in sorted(region_segments.get((r, c), ())):
                        n = z3.Int(f"{prefix}_in_{r}_{c}_{s}")
                        facts.append(n >= 1)  # the region holds the segment: one record at least
                        parts.append(n)
                        inside[s].append(n)
                    facts.append(grid[(r, c)] == z3.Sum(parts) if parts else grid[(r, c)] == 0)
            for s in segments:
                extra = []
                if s in unscored:
                    u = z3.Int(f"{prefix}_unscored_{s}")
                    facts.append(u >= 1)  # some record of the segment has no scores
                    extra.append(u)
                facts.append(overall[(ALL, s)] == z3.Sum(inside[s] + extra) if inside[s] + extra else overall[(ALL, s)] == 0)

    if doc.get("transitions"):
        tr = doc["transitions"]
        grid = table(tr["table"])
        for r, c in grid:
            if c == TOTAL and r in segments:
                facts.append(grid[(r, c)] == overall[(ALL, r)])
        if (REJECTED, TOTAL) in grid:
            facts.append(grid[(REJECTED, TOTAL)] == rejected)
        facts.append(grid[(TOTAL, TOTAL)] == records)
        moved = var(("moved", ALL, TOTAL), tr["moved"])
        facts.append(moved == z3.Sum([v for (r, c), v in grid.items() if TOTAL not in (r, c) and r != c]))
    facts += [cells[key] == 0 for key in sorted(zeros, key=repr) if key in cells]
    facts += [cells[total] == z3.Sum([cells[p] for p in parts]) for total, parts in sums]
    return cells, values, facts
