"""Small-cell suppression for published counts, primary and secondary.

Statistics offices and the Finnish rules on the secondary use of health data forbid
publishing counts small enough to identify a person. A table here is a grid of counts with a
total for each row and each column; all tables of one report share the overall row (the
counts by segment), so suppression is decided for all of them together:

- **primary**: a count of 1 to ``min_cell - 1`` is hidden (0 is not: it identifies nobody);
- **secondary**: a line (row or column, with its total) that has exactly one hidden cell
  would let a reader recompute it from the total, so a second cell of that line is hidden
  too: the smallest non-zero visible one, else a zero, else the total itself. This repeats,
  over every table, until no line has exactly one hidden cell.

The result only hides; it never changes a count.
"""

from __future__ import annotations

from typing import Hashable, Iterable, Mapping

import attrs

DEFAULT_MIN_CELL = 5

Key = tuple[Hashable, Hashable]  # (row, column); the total row and column are TOTAL
TOTAL = "__total__"


@attrs.frozen
class Grid:
    """One table: counts by (row, column), including the TOTAL row and TOTAL column."""

    name: str
    counts: Mapping[Key, int]

    def rows(self) -> list:
        return sorted({r for r, _ in self.counts}, key=_order)

    def columns(self) -> list:
        return sorted({c for _, c in self.counts}, key=_order)


def _order(value) -> tuple:
    return (value == TOTAL, str(value))


def suppress(grids: Iterable[Grid], min_cell: int = DEFAULT_MIN_CELL) -> dict[str, dict[Key, str]]:
    """For each grid, the hidden cells and why (``"primary"`` or ``"secondary"``).

    Cells are identified per grid; the TOTAL row is shared by every grid (a count of the
    whole population by column), so hiding a cell of it in one grid hides it in all.
    """
    if min_cell < 1:
        raise ValueError("min_cell must be at least 1")
    grids = list(grids)
    hidden: dict[str, dict[Key, str]] = {g.name: {} for g in grids}
    shared: dict[Hashable, str] = {}  # column → reason, for the shared TOTAL row
    for g in grids:
        for key, n in g.counts.items():
            if 0 < n < min_cell:
                hidden[g.name][key] = "primary"
    changed = True
    while changed:
        changed = False
        for g in grids:
            h = hidden[g.name]
            for col, why in shared.items():
                if (TOTAL, col) in g.counts and (TOTAL, col) not in h:
                    h[(TOTAL, col)] = why
                    changed = True
            for line in _lines(g):
                if sum(1 for k in line if k in h) == 1:
                    pick = _complement(g, line, h)
                    if pick is not None:
                        h[pick] = "secondary"
                        changed = True
            for (row, col), why in h.items():
                if row == TOTAL and col not in shared:
                    shared[col] = why
                    changed = True
    return hidden


def _lines(g: Grid) -> list[list[Key]]:
    rows, cols = g.rows(), g.columns()
    out = [[(r, c) for c in cols if (r, c) in g.counts] for r in rows]
    out += [[(r, c) for r in rows if (r, c) in g.counts] for c in cols]
    return [line for line in out if len(line) > 1]


def _complement(g: Grid, line: list[Key], hidden: Mapping[Key, str]) -> Key | None:
    """The cell to hide beside the one hidden cell of ``line``."""
    visible = [k for k in line if k not in hidden]
    inner = [k for k in visible if TOTAL not in k]
    nonzero = sorted((k for k in inner if g.counts[k] > 0), key=lambda k: (g.counts[k], _order(k[0]), _order(k[1])))
    if nonzero:
        return nonzero[0]
    zeros = sorted((k for k in inner), key=lambda k: (_order(k[0]), _order(k[1])))
    if zeros:
        return zeros[0]
    return visible[0] if visible else None
