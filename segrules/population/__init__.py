"""The population report: how a population falls into the segments, safe to publish.

Regions plan services from the shares of their population in each segment (the Helsinki
pilot reported omatoimi 39 %, yhteisö 10 %, yhteistyö 30 %, verkosto 21 %). A report is made
from a batch result (``segrules batch``: one row per record, with its ``segment``, or none for
a rejected record, and any carried columns such as the battery or the unit):

- counts and shares by segment, and by each grouping column, with totals;
- small cells hidden (``suppress.py``), so that no count identifies a person, and as many
  others as an exact attacker (``audit.py``: integer programming over every published number)
  needs to leave every hidden count a feasible interval at least ``min_cell`` wide;
- the rejected records by error code (counts only);
- the quadrant: how many records sit at each (resources, complexity) region;
- optionally a comparison with an expected distribution (``reference``) and the transition
  matrix between two versions of a model over the same population (``transitions``).

Counts are exact integers and shares exact fractions; only the text shows rounded percents.
The report holds counts, never a record.
"""

from __future__ import annotations

import enum
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

import attrs

from ..dsl import ast
from ..errors import UsageError
from ..progress import NO_PROGRESS, Progress
from .audit import Publication, Relation
from .counts import REPORT_TABLES, grouping_columns, region_names, thresholds
from .suppress import DEFAULT_MIN_CELL, suppress

__all__ = [
    "ALL", "Audit", "Mark", "NONE", "PopulationReport", "REJECTED", "TOTAL", "Table", "Transitions", "build_report", "transitions", "read_reference",
    "DEFAULT_MIN_CELL", "SCHEMA", "REPORT_TABLES", "grouping_columns",
]

SCHEMA = "segrules.population/3"


class Mark(enum.Enum):
    """A row or column of a table that is not a value of the data: a total, the one row of the
    whole population, a missing group value (SQL NULL), the rejected records of the transition
    table. A mark is never equal to a text, so no group value or segment id can pose as one."""

    TOTAL = "total"
    ALL = "all"
    MISSING = "missing"
    REJECTED = "rejected"

    def __repr__(self) -> str:
        return f"Mark.{self.name}"


TOTAL = Mark.TOTAL  # the row or column of a table's totals
ALL = Mark.ALL  # the one row of the table of the whole population
NONE = Mark.MISSING  # a missing group value (SQL NULL)
REJECTED = Mark.REJECTED  # the row and column of the rejected records in the transition table


@attrs.frozen
class Table:
    """Counts by (row, column) with totals (row or column ``TOTAL``); ``hidden`` holds the
    positions of the suppressed cells."""

    name: str
    rows: tuple
    columns: tuple
    counts: Mapping[tuple, int] = attrs.field(repr=False)
    hidden: frozenset = attrs.field(repr=False, factory=frozenset)

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
        """The table as JSON: rows, columns and every cell with its count (null where it is
        hidden), its share and whether it is suppressed."""
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
                    "suppressed": (r, c) in self.hidden,
                })
        return {"name": self.name, "rows": [_json_key(r) for r in self.rows], "columns": [_json_key(c) for c in self.columns],
                "cells": cells}


@attrs.frozen
class Transitions:
    """How many records move from each segment of one model version to each of another."""

    old: str  # ruleset reference texts, "id version hash"
    new: str
    table: Table
    moved: int | None  # records whose segment differs; None where it is hidden


@attrs.frozen
class Audit:
    """What the exact attacker found: the narrowest feasible interval of any hidden count
    (None when nothing is hidden; ``upper`` None when no hidden count has an upper bound)."""

    min_cell: int
    hidden: int  # how many counts are hidden
    lower: int | None
    upper: int | None

    @property
    def width(self) -> int | None:
        return None if self.lower is None or self.upper is None else self.upper - self.lower

    def to_json(self) -> dict:
        return {
            "method": "integer programming over every published number (z3)",
            "required_width": self.min_cell, "hidden_counts": self.hidden,
            "narrowest": None if self.lower is None else {"lower": self.lower, "upper": self.upper, "width": self.width},
        }


@attrs.frozen
class PopulationReport:
    """A publishable report of one population under one ruleset."""

    ruleset_id: str
    ruleset_version: str
    ruleset_hash: str
    segments: tuple  # segment ids in the ruleset's order
    labels: Mapping[str, ast.Labels] = attrs.field(repr=False)
    min_cell: int
    records: int | None  # None: hidden
    rejected_total: int | None
    rejected: Mapping[str, int | None]  # error code -> count (None: hidden)
    tables: tuple  # Table: first the whole population, then one per grouping column
    audit: Audit
    quadrant: Table | None = None  # rows: complexity regions, columns: resources regions
    reference: Mapping[str, Fraction] | None = None
    transitions: Transitions | None = None

    @property
    def overall(self) -> Table:
        """The table of the whole population by segment."""
        return self.tables[0]

    def table(self, name: str) -> Table:
        """The table of one grouping column (``all`` for the whole population)."""
        for t in self.tables[1:] + self.tables[:1]:
            if t.name == name:
                return t
        raise KeyError(name)

    def to_json(self) -> dict:
        """The report as JSON (schema segrules.population/3); hidden counts are null, a missing
        group value is null, and a total, the whole population's row and the rejected records
        of the transition table are marks: ``{"mark": "total"}``, ``{"mark": "all"}``,
        ``{"mark": "rejected"}``."""
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "ruleset": {"id": self.ruleset_id, "version": self.ruleset_version, "content_hash": self.ruleset_hash},
            "min_cell": self.min_cell,
            "records": self.records,
            "segmented": self.overall.count(ALL, TOTAL),
            "rejected": self.rejected_total,
            "rejected_by_code": dict(sorted(self.rejected.items())),
            "segments": [{"id": s, "label": self.labels[s].to_json()} for s in self.segments],
            "tables": [t.to_json() for t in self.tables],
            "quadrant": self.quadrant.to_json() if self.quadrant else None,
            "reference": None,
            "transitions": None,
            "audit": self.audit.to_json(),
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
        """The report as one long table: table, row, column, count, share, suppressed, row_mark,
        column_mark (every table's cells, then the records, the rejected records by code and in
        all, and the records that change segment). A row or column that is a mark (a total, the
        whole population, a missing value, the rejected records) is empty, with the mark
        (``total``, ``all``, ``missing``, ``rejected``) in its own column, so that no value of
        the data reads as a mark."""
        rows = [["table", "row", "column", "count", "share", "suppressed", "row_mark", "column_mark"]]
        tables = list(self.tables) + ([self.quadrant] if self.quadrant else [])
        if self.transitions is not None:
            tables.append(self.transitions.table)
        hidden = lambda n: "true" if n is None else "false"

        def line(table, r, c, count, share, suppressed):
            (row, row_mark), (column, column_mark) = _csv_position(r), _csv_position(c)
            return [table, row, column, count, share, suppressed, row_mark, column_mark]

        for t in tables:
            for r in t.rows + (TOTAL,):
                for c in t.columns + (TOTAL,):
                    if (r, c) not in t.counts:
                        continue
                    n = t.count(r, c)
                    rows.append(line(t.name, r, c, _text(n), _fraction_text(t.share(r, c)) or "",
                                     "true" if (r, c) in t.hidden else "false"))
        rows.append(line("records", ALL, TOTAL, _text(self.records), "", hidden(self.records)))
        for code, n in sorted(self.rejected.items()):
            rows.append(line("rejected", code, TOTAL, _text(n), "", hidden(n)))
        rows.append(line("rejected", TOTAL, TOTAL, _text(self.rejected_total), "", hidden(self.rejected_total)))
        if self.transitions is not None:
            rows.append(line("moved", ALL, TOTAL, _text(self.transitions.moved), "", hidden(self.transitions.moved)))
        return rows


def _text(n: int | None) -> str:
    return "" if n is None else str(n)


def _csv_position(value) -> tuple[str, str]:
    """A row or column as CSV: (its value, "") or ("", its mark)."""
    if isinstance(value, Mark):
        return "", value.value
    if isinstance(value, bool):
        return ("true" if value else "false"), ""
    return str(value), ""


def _json_key(value) -> Any:
    """A row or column as JSON: a value as it is, a missing value null, any other mark
    ``{"mark": "total"}`` (``all``, ``rejected``)."""
    if value is NONE:
        return None
    if isinstance(value, Mark):
        return {"mark": value.value}
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
    by_groups: Mapping[tuple[tuple, str], int] | None = None,
    rejected: Mapping[str, int] = {},
    quadrant: Mapping[tuple[str, str, str], int] | None = None,
    min_cell: int = DEFAULT_MIN_CELL,
    reference: Mapping[str, Fraction] | None = None,
    transitions_counts: Mapping[tuple[str, str], int] | None = None,
    transitions_names: tuple[str, str] = ("", ""),
    transitions_segments: Sequence[str] | None = None,
    progress: Progress = NO_PROGRESS,
) -> PopulationReport:
    """A report from counts: ``by_segment`` (segment → count of segmented records),
    ``by_group`` (grouping column → (value, segment) → count), ``by_groups`` (with two or
    more grouping columns: (their values in ``by_group``'s order, segment) → count, for the
    audit alone), ``rejected`` (code → count of
    the rejected records with that code), ``quadrant`` ((complexity region, resources region,
    segment) → count), ``transitions_counts`` ((old segment, new segment) → count, over every
    record; ``transitions_segments``: the other version's segments).

    Suppression is decided here for every number of the report together, and audited
    (``suppress.py``, ``audit.py``), telling ``progress`` how far the audit is."""
    if min_cell < 1:
        raise UsageError(f"the smallest count shown must be at least 1, not {min_cell}", code="SR850")
    grouping_columns(list(by_group))
    segments = tuple(s.id for s in ruleset.segments)
    unknown = sorted(set(by_segment) - set(segments))
    if unknown:
        raise UsageError(
            f"the batch result has segment(s) {', '.join(map(repr, unknown))} that ruleset {ruleset.id!r} "
            f"does not have: is it the result of another ruleset?", code="SR851",
        )
    book = _Book()
    seg = {s: by_segment.get(s, 0) for s in segments}
    segmented = sum(seg.values())
    rejected_total = records - segmented
    book.quantity(("records",), records, 4)
    book.quantity(("segmented",), segmented, 3)
    book.quantity(("rejected",), rejected_total, 3)
    book.total(("records",), [("segmented",), ("rejected",)])
    for s in segments:
        book.quantity(("segment", s), seg[s], 2)
    book.total(("segmented",), [("segment", s) for s in segments])
    overall = {(ALL, s): ("segment", s) for s in segments} | {(ALL, TOTAL): ("segmented",)}

    # the rejected records by code: a record may have several codes, so each code's count is at
    # most the rejected records, and together they are at least as many; a listed code has one
    for code, n in sorted(rejected.items()):
        book.quantity(("code", code), n, 0, at_least=1)
        book.relations.append(Relation.at_most(("code", code), ("rejected",)))
    book.relations.append(Relation(((("rejected",), -1), *((("code", c), 1) for c in sorted(rejected))), equal=False))

    groups = []
    for column, counts in by_group.items():
        inner = {(NONE if v is None else v, s): n for (v, s), n in counts.items()}
        rows = sorted({r for r, _ in inner}, key=lambda r: (r is NONE, str(r)))
        keys = {}
        for r in rows:
            for s in segments:
                keys[(r, s)] = book.quantity(("group", column, r, s), inner.get((r, s), 0), 0)
            keys[(r, TOTAL)] = book.quantity(("group", column, r, TOTAL), sum(inner.get((r, s), 0) for s in segments), 1, at_least=1)
        for s in segments:
            keys[(TOTAL, s)] = ("segment", s)
        keys[(TOTAL, TOTAL)] = ("segmented",)
        book.grid(keys, rows, segments)
        groups.append((column, tuple(rows), keys))

    # the groups together (``by_groups``): never published, but a reader may know how they
    # nest (a unit lies in one municipality), so the attacker is granted every combination
    # that holds records and an unknown count of each, each group table's cell the sum of
    # those it covers; with the zeros granted, a unit's rows then add up to its municipality's
    if by_groups is not None and len(by_group) > 1:
        columns = list(by_group)
        parts: dict = {}
        for (values, s), n in sorted(by_groups.items(), key=repr):
            if not n:
                continue
            values = tuple(NONE if v is None else v for v in values)
            book.latent[("groups", values, s)] = n
            for column, v in zip(columns, values):
                parts.setdefault(("group", column, v, s), []).append(("groups", values, s))
        for column, rows, keys in groups:
            for r in rows:
                for s in segments:
                    book.total(keys[(r, s)], parts.get(("group", column, r, s), []))

    quad = None
    if quadrant is not None and ruleset.axes is not None:
        qrows = region_names(thresholds(ruleset, ruleset.axes.complexity))
        qcols = region_names(thresholds(ruleset, ruleset.axes.resources))
        keys = {}
        for r in qrows:
            for c in qcols:
                inside = {s: n for (rr, cc, s), n in quadrant.items() if (rr, cc) == (r, c) and n}
                keys[(r, c)] = book.quantity(("quadrant", r, c), sum(inside.values()), 0)
                # which segments a region holds: the attacker is granted this (the ruleset, which
                # is public, tells most of it), and an unknown count of each
                for s, n in inside.items():
                    book.latent[("in_region", r, c, s)] = n
                book.total(("quadrant", r, c), [("in_region", r, c, s) for s in sorted(inside)])
            keys[(r, TOTAL)] = book.quantity(("quadrant", r, TOTAL), sum(book.values[keys[(r, c)]] for c in qcols), 1)
        for c in qcols:
            keys[(TOTAL, c)] = book.quantity(("quadrant", TOTAL, c), sum(book.values[keys[(r, c)]] for r in qrows), 1)
        keys[(TOTAL, TOTAL)] = book.quantity(("quadrant", TOTAL, TOTAL), sum(book.values[keys[(r, TOTAL)]] for r in qrows), 3)
        book.grid(keys, qrows, qcols)
        for s in segments:
            scored = sum(n for (_, _, ss), n in quadrant.items() if ss == s)
            parts = [("in_region", r, c, s) for r in qrows for c in qcols if ("in_region", r, c, s) in book.latent]
            if seg[s] > scored:  # segmented records without scores
                book.latent[("unscored", s)] = seg[s] - scored
                parts.append(("unscored", s))
            book.total(("segment", s), parts)
        quad = (tuple(qrows), tuple(qcols), keys)

    trans = None
    if transitions_counts is not None:
        trows = list(segments) + [REJECTED]
        tcols = list(transitions_segments or []) + [REJECTED]
        tcols += sorted({b for _, b in transitions_counts} - set(tcols))
        keys = {}
        for a in trows:
            for b in tcols:
                keys[(a, b)] = book.quantity(("transition", a, b), transitions_counts.get((a, b), 0), 0)
        row_sums = {a: sum(transitions_counts.get((a, b), 0) for b in tcols) for a in trows}
        linked = all(row_sums[s] == seg[s] for s in segments) and row_sums[REJECTED] == rejected_total
        for a in trows:  # the rows are the counts by segment, when every record is once in the table
            keys[(a, TOTAL)] = (("segment", a) if a != REJECTED else ("rejected",)) if linked else \
                book.quantity(("transition", a, TOTAL), row_sums[a], 1)
        for b in tcols:
            keys[(TOTAL, b)] = book.quantity(("transition", TOTAL, b), sum(transitions_counts.get((a, b), 0) for a in trows), 1,
                                             at_least=1 if transitions_segments is None and b != REJECTED else 0)
        keys[(TOTAL, TOTAL)] = ("records",) if linked else book.quantity(("transition", TOTAL, TOTAL), sum(row_sums.values()), 3)
        book.grid(keys, trows, tcols)
        moved = [keys[(a, b)] for a in trows for b in tcols if a != b]
        book.quantity(("moved",), sum(book.values[k] for k in moved), 0)
        book.total(("moved",), moved)
        trans = (tuple(trows), tuple(tcols), keys)

    publication = Publication(dict(book.values), dict(book.latent), tuple(book.relations), dict(book.at_least))
    publication.check()
    result = suppress(publication, min_cell, rank=book.rank.__getitem__, progress=progress)
    hidden = result.hidden
    shown = lambda q: None if q in hidden else book.values[q]

    def table(name, rows, columns, keys) -> Table:
        return Table(name, tuple(rows), tuple(columns), {p: book.values[k] for p, k in keys.items()},
                     frozenset(p for p, k in keys.items() if k in hidden))

    tables = [table(REPORT_TABLES[0], (ALL,), segments, overall)]
    tables += [table(column, rows, segments, keys) for column, rows, keys in groups]
    narrowest = result.narrowest
    return PopulationReport(
        ruleset.id, ruleset.version, ruleset.content_hash, segments,
        {s.id: s.label for s in ruleset.segments}, min_cell, shown(("records",)), shown(("rejected",)),
        {code: shown(("code", code)) for code in rejected}, tuple(tables),
        Audit(min_cell, len(hidden), narrowest.lower if narrowest else None, narrowest.upper if narrowest else None),
        table("quadrant", *quad) if quad else None,
        dict(reference) if reference is not None else None,
        Transitions(*transitions_names, table("transitions", *trans), shown(("moved",))) if trans else None,
    )


@attrs.define
class _Book:
    """The counts of a report being built, with the relations between them."""

    values: dict = attrs.Factory(dict)
    latent: dict = attrs.Factory(dict)
    relations: list = attrs.Factory(list)
    at_least: dict = attrs.Factory(dict)
    rank: dict = attrs.Factory(dict)  # what hiding the count costs a reader: 0 an inner cell, 4 the records

    def quantity(self, key, value: int, rank: int, *, at_least: int = 0):
        self.values[key] = value
        self.rank[key] = rank
        if at_least:
            self.at_least[key] = at_least
        return key

    def total(self, total, parts) -> None:
        self.relations.append(Relation.total(total, parts))

    def grid(self, keys, rows, columns) -> None:
        """A table's row and column totals are the sums of its cells."""
        for r in rows:
            self.total(keys[(r, TOTAL)], [keys[(r, c)] for c in columns])
        for c in columns:
            self.total(keys[(TOTAL, c)], [keys[(r, c)] for r in rows])
        self.total(keys[(TOTAL, TOTAL)], [keys[(r, TOTAL)] for r in rows])


def transitions(old: Iterable[tuple[str | None, str | None]]) -> dict[tuple[str, str], int]:
    """Counts of (old segment, new segment) pairs; a rejected record is ``REJECTED``."""
    out: dict[tuple, int] = {}
    for a, b in old:
        key = (REJECTED if a is None else a, REJECTED if b is None else b)
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
