"""The population report: how a population falls into the segments, safe to publish.

Regions plan services from the shares of their population in each segment (the Helsinki
pilot reported omatoimi 39 %, yhteisö 10 %, yhteistyö 30 %, verkosto 21 %). A report is made
from a batch result (``segrules batch``: one row per record, with its ``segment``, or none for
a rejected record, and any carried columns such as the battery or the unit):

- counts and shares by segment, and by each grouping column, with totals;
- small cells hidden (``suppress.py``: primary and secondary suppression), so that no count
  identifies a person and no hidden count can be recomputed from the totals;
- the rejected records by error code (counts only);
- the quadrant: how many records sit at each (resources, complexity) region;
- optionally a comparison with an expected distribution (``reference``) and the transition
  matrix between two versions of a model over the same population (``transitions``).

Counts are exact integers and shares exact fractions; only the text shows rounded percents.
The report holds counts, never a record.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

import attrs

from ..dsl import ast
from ..errors import UsageError
from .suppress import DEFAULT_MIN_CELL, TOTAL, Grid, suppress

__all__ = [
    "PopulationReport", "Table", "Transitions", "build_report", "transitions", "read_reference",
    "DEFAULT_MIN_CELL", "SCHEMA",
]

SCHEMA = "segrules.population/1"
ALL = "all"  # the name of the table of the whole population
NONE = "__none__"  # a missing group value (SQL NULL)


@attrs.frozen
class Table:
    """Counts by (row, column) with totals; ``hidden`` names the suppressed cells and why."""

    name: str
    rows: tuple
    columns: tuple
    counts: Mapping[tuple, int] = attrs.field(repr=False)
    hidden: Mapping[tuple, str] = attrs.field(repr=False)

    def count(self, row, column) -> int | None:
        """The count of a cell, or None where it is hidden (or absent)."""
        key = (row, column)
        if key in self.hidden or key not in self.counts:
            return None
        return self.counts[key]

    def share(self, row, column) -> Fraction | None:
        """The cell's share of its row total, where both are shown."""
        n, total = self.count(row, column), self.count(row, TOTAL)
        if n is None or not total:
            return None
        return Fraction(n, total)

    def to_json(self) -> dict:
        """The table as JSON: rows, columns and every cell with its count, share and suppression."""
        cells = []
        for r in self.rows + (TOTAL,):
            for c in self.columns + (TOTAL,):
                if (r, c) not in self.counts:
                    continue
                share = self.share(r, c)
                cells.append({
                    "row": _json_key(r),
                    "column": _json_key(c),
                    "count": self.count(r, c),
                    "share": _fraction_text(share),
                    "suppressed": self.hidden.get((r, c)),
                })
        return {"name": self.name, "rows": [_json_key(r) for r in self.rows], "columns": list(self.columns), "cells": cells}


@attrs.frozen
class Transitions:
    """How many records move from each segment of one model version to each of another."""

    old: str  # ruleset reference texts, "id version hash"
    new: str
    table: Table

    @property
    def moved(self) -> int | None:
        """Records whose segment differs, or None where a hidden cell would be needed."""
        total = 0
        for (r, c) in self.table.counts:
            if TOTAL in (r, c) or r == c:
                continue
            n = self.table.count(r, c)
            if n is None and self.table.counts[(r, c)]:
                return None
            total += n or 0
        return total


@attrs.frozen
class PopulationReport:
    """A publishable report of one population under one ruleset."""

    ruleset_id: str
    ruleset_version: str
    ruleset_hash: str
    segments: tuple  # segment ids in the ruleset's order
    labels: Mapping[str, ast.Labels] = attrs.field(repr=False)
    min_cell: int
    records: int
    rejected: Mapping[str, int | None]  # error code -> count (None: hidden)
    tables: tuple  # Table: first the whole population, then one per grouping column
    quadrant: Table | None = None  # rows: complexity regions, columns: resources regions
    reference: Mapping[str, Fraction] | None = None
    transitions: Transitions | None = None

    @property
    def overall(self) -> Table:
        """The table of the whole population by segment."""
        return self.tables[0]

    def table(self, name: str) -> Table:
        """The table of one grouping column (``all`` for the whole population)."""
        for t in self.tables:
            if t.name == name:
                return t
        raise KeyError(name)

    def to_json(self) -> dict:
        """The report as JSON (schema segrules.population/1); hidden counts are null."""
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "ruleset": {"id": self.ruleset_id, "version": self.ruleset_version, "content_hash": self.ruleset_hash},
            "min_cell": self.min_cell,
            "records": self.records,
            "segmented": self.overall.count(ALL, TOTAL),
            "rejected_by_code": dict(sorted(self.rejected.items())),
            "segments": [{"id": s, "label": self.labels[s].to_json()} for s in self.segments],
            "tables": [t.to_json() for t in self.tables],
            "quadrant": self.quadrant.to_json() if self.quadrant else None,
            "reference": None,
            "transitions": None,
        }
        if self.reference is not None:
            out["reference"] = [
                {"segment": s, "expected": _fraction_text(self.reference.get(s, Fraction(0))),
                 "observed": _fraction_text(self.overall.share(ALL, s))}
                for s in self.segments
            ]
        if self.transitions is not None:
            out["transitions"] = {
                "from": self.transitions.old, "to": self.transitions.new,
                "moved": self.transitions.moved, "table": self.transitions.table.to_json(),
            }
        return out

    def csv_rows(self) -> list[list[str]]:
        """The report as one long table: table, row, column, count, share, suppressed."""
        rows = [["table", "row", "column", "count", "share", "suppressed"]]
        tables = list(self.tables) + ([self.quadrant] if self.quadrant else [])
        if self.transitions is not None:
            tables.append(self.transitions.table)
        for t in tables:
            for cell in t.to_json()["cells"]:
                rows.append([
                    t.name, str(cell["row"]), str(cell["column"]),
                    "" if cell["count"] is None else str(cell["count"]),
                    cell["share"] or "", cell["suppressed"] or "",
                ])
        for code, n in sorted(self.rejected.items()):
            rows.append(["rejected", code, TOTAL, "" if n is None else str(n), "", "primary" if n is None else ""])
        return rows


def _json_key(value) -> Any:
    if value == NONE:
        return None
    return value


def _fraction_text(f: Fraction | None) -> str | None:
    if f is None:
        return None
    return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"


# --------------------------------------------------------------------------- building


def build_report(
    ruleset: ast.RulesetDef,
    *,
    records: int,
    by_segment: Mapping[str, int],
    by_group: Mapping[str, Mapping[tuple[Any, str], int]] = {},
    rejected: Mapping[str, int] = {},
    quadrant: Mapping[tuple[str, str], int] | None = None,
    min_cell: int = DEFAULT_MIN_CELL,
    reference: Mapping[str, Fraction] | None = None,
    transitions_counts: Mapping[tuple[str, str], int] | None = None,
    transitions_names: tuple[str, str] = ("", ""),
) -> PopulationReport:
    """A report from counts: ``by_segment`` (segment → count of segmented records),
    ``by_group`` (grouping column → (value, segment) → count), ``rejected`` (code → count),
    ``quadrant`` ((complexity region, resources region) → count). Suppression is applied
    here, to all tables together."""
    if min_cell < 1:
        raise UsageError(f"the smallest count shown must be at least 1, not {min_cell}", code="SR850")
    segments = tuple(s.id for s in ruleset.segments)
    unknown = sorted(set(by_segment) - set(segments))
    if unknown:
        raise UsageError(
            f"the batch result has segment(s) {', '.join(map(repr, unknown))} that ruleset {ruleset.id!r} "
            f"does not have: is it the result of another ruleset?", code="SR851",
        )
    grids = [_grid(ALL, {(ALL, s): by_segment.get(s, 0) for s in segments}, segments)]
    for column, counts in by_group.items():
        grids.append(_grid(column, {(NONE if v is None else v, s): n for (v, s), n in counts.items()}, segments))
    hidden = suppress(grids, min_cell)
    tables = tuple(_table(g, hidden[g.name], segments) for g in grids)

    quad = None
    if quadrant is not None:
        qcols = tuple(sorted({c for _, c in quadrant}))
        qg = _grid("quadrant", dict(quadrant), qcols)
        quad = _table(qg, suppress([qg], min_cell)["quadrant"], qcols)

    trans = None
    if transitions_counts is not None:
        tcols = tuple(sorted({c for _, c in transitions_counts}))
        tg = _grid("transitions", dict(transitions_counts), tcols)
        trans = Transitions(*transitions_names, _table(tg, suppress([tg], min_cell)["transitions"], tcols))

    shown_rejected = {code: (n if not (0 < n < min_cell) else None) for code, n in rejected.items()}
    return PopulationReport(
        ruleset.id, ruleset.version, ruleset.content_hash, segments,
        {s.id: s.label for s in ruleset.segments}, min_cell, records, shown_rejected, tables, quad,
        dict(reference) if reference is not None else None, trans,
    )


def _grid(name: str, inner: Mapping[tuple, int], columns: Sequence) -> Grid:
    """A grid with row and column totals. The whole population's grid is only a total row:
    the row every other grid shares, so that hiding a cell of it hides it everywhere."""
    counts: dict[tuple, int] = {}
    rows = sorted({r for r, _ in inner if r != ALL}, key=str)
    for r in rows:
        for c in columns:
            counts[(r, c)] = inner.get((r, c), 0)
        counts[(r, TOTAL)] = sum(inner.get((r, c), 0) for c in columns)
    for c in columns:
        counts[(TOTAL, c)] = inner[(ALL, c)] if name == ALL else sum(inner.get((r, c), 0) for r in rows)
    counts[(TOTAL, TOTAL)] = sum(counts[(TOTAL, c)] for c in columns)
    return Grid(name, counts)


def _table(g: Grid, hidden: Mapping[tuple, str], columns: Sequence) -> Table:
    if g.name == ALL:  # shown as the one row "all"
        counts = {(ALL, c): n for (_, c), n in g.counts.items()}
        return Table(ALL, (ALL,), tuple(columns), counts, {(ALL, c): why for (_, c), why in hidden.items()})
    rows = tuple(r for r in g.rows() if r != TOTAL)
    return Table(g.name, rows, tuple(columns), g.counts, hidden)


def transitions(old: Iterable[tuple[str | None, str | None]]) -> dict[tuple[str, str], int]:
    """Counts of (old segment, new segment) pairs; a rejected record is ``"rejected"``."""
    out: dict[tuple[str, str], int] = {}
    for a, b in old:
        key = (a or "rejected", b or "rejected")
        out[key] = out.get(key, 0) + 1
    return out


def read_reference(ruleset: ast.RulesetDef, shares: Mapping[str, Any]) -> dict[str, Fraction]:
    """Expected shares by segment from a mapping of segment (id, alias or label) → percent.

    Percents are exact (``39`` or ``"38.6"``) and must add up to 100.
    """
    out: dict[str, Fraction] = {}
    problems = []
    for key, value in shares.items():
        named = ruleset.segments_named(str(key))
        if len(named) != 1:
            problems.append(f"{key!r} is not a segment of {ruleset.id}" if not named else f"{key!r} names several segments")
            continue
        seg = named[0]
        try:
            if isinstance(value, bool) or not isinstance(value, (int, str)):
                raise ValueError
            pct = Fraction(value)
        except (ValueError, ZeroDivisionError):
            problems.append(f"{key}: {value!r} is not a percent (write 39 or \"38.6\")")
            continue
        if not 0 <= pct <= 100:
            problems.append(f"{key}: {value} is not between 0 and 100")
            continue
        out[seg] = out.get(seg, Fraction(0)) + pct / 100
    if not problems and sum(out.values()) != 1:
        problems.append(f"the expected shares add up to {float(sum(out.values()) * 100):g} %, not 100 %")
    if problems:
        raise UsageError("the reference distribution is not usable: " + "; ".join(problems), code="SR852")
    return out
