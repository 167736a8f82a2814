"""Counting a batch result with DuckDB: the numbers a population report is made of.

The batch result is read where it lies (CSV, Parquet, JSON Lines, or a table of an open DuckDB
connection); only counts come back to Python, so a report over ten million records needs no
more memory than one over ten. Grouping uses ``GROUPING SETS``, one query for every table.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from ..dsl import ast
from ..engine.runtime import format_number
from ..errors import UsageError
from ..sql.compiler import RESULT_COLUMNS

#: Above this many distinct score pairs, the quadrant is grouped into regions by the ruleset's
#: own thresholds only (see ``_regions``); the exact pairs are never fetched.
MAX_SCORE_PAIRS = 200_000


#: the names of the report's own tables and counts (the CSV's ``table`` column)
REPORT_TABLES = ("all", "quadrant", "transitions", "records", "rejected", "moved")


def grouping_columns(columns: Sequence[str]) -> list[str]:
    """The grouping columns, each once. SR854 for a column named as one of the report's own
    tables (``REPORT_TABLES``: in the CSV its table could not be told from that one), and for a
    column of the batch result (its segment, rule, scores, error codes, ruleset), which is what
    the report counts, never a group of it."""
    by = list(dict.fromkeys(columns))
    result = {c.lower() for c in RESULT_COLUMNS}
    for column in by:
        if column in REPORT_TABLES:
            raise UsageError(
                f"--by {column}: the report has a table of its own called {column!r}, which the table of this "
                "column could not be told from; give the column another name in the input", code="SR854",
            )
        if column.lower() in result:
            raise UsageError(
                f"--by {column}: {column!r} is a column of the batch result, which the report counts, not a column to "
                "count by; give a column of the answers, or one that segrules batch --carry carried", code="SR854",
            )
    return by


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def count_batch(con: Any, relation: str, ruleset: ast.RulesetDef, group_by: Sequence[str] = (), *, quadrant: bool = True) -> dict:
    """The counts of a batch result: keyword arguments for ``build_report``.

    ``relation`` is SQL that names the rows: a table, or the reader of a file
    (``segrules.sql.batch.duckdb_relation``).
    """
    group_by = grouping_columns(group_by)
    columns = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()]
    missing = [c for c in ("segment", "error_codes", *group_by) if c not in columns]
    if missing:
        raise UsageError(
            f"the batch result has no column {', '.join(map(repr, missing))}; its columns are: {', '.join(columns)}",
            code="SR854",
        )
    for column in group_by:
        # a key, or any column that names each record: a report by it would show each record's
        # segment (a row of zeros and one hidden count is that record's segment)
        records, values = con.execute(f"SELECT count(*), count(DISTINCT {quote(column)}) FROM {relation}").fetchone()
        if records > 1 and values == records:
            raise UsageError(
                f"--by {column}: every record has a value of its own in {column!r} (a record key?); a report by it "
                "would show each record's segment; count by a column that groups records", code="SR854",
            )
    if "ruleset_hash" in columns:  # a result made by another version of the model
        hashes = [r[0] for r in con.execute(
            f"SELECT DISTINCT ruleset_hash::VARCHAR FROM {relation} WHERE ruleset_hash IS NOT NULL LIMIT 3").fetchall()]
        other = [h for h in hashes if h != ruleset.content_hash]
        if other:
            raise UsageError(
                f"the batch result was made by a ruleset with the content hash {other[0]}, not by "
                f"{ruleset.id} {ruleset.version} ({ruleset.content_hash}): run segrules batch again, or give "
                "the ruleset that made it", code="SR851",
            )
    sets = ["(segment)"] + [f"({quote(g)}, segment)" for g in group_by]
    if len(group_by) > 1:  # the groups together, for the audit alone: a unit lies in one municipality
        sets.append(f"({', '.join(quote(g) for g in group_by)}, segment)")
    select_groups = "".join(f", {quote(g)}::VARCHAR AS g{i}, GROUPING({quote(g)}) AS k{i}" for i, g in enumerate(group_by))
    rows = con.execute(
        f"SELECT segment::VARCHAR{select_groups}, count(*) FROM {relation} WHERE segment IS NOT NULL "
        f"GROUP BY GROUPING SETS ({', '.join(sets)})"
    ).fetchall()
    by_segment: dict[str, int] = {}
    by_group: dict[str, dict] = {g: {} for g in group_by}
    by_groups: dict[tuple, int] = {}
    for row in rows:
        segment, n = row[0], row[-1]
        flags = row[2:-1:2]
        values = row[1:-1:2]
        grouped = [i for i, k in enumerate(flags) if k == 0]
        if not grouped:
            by_segment[segment] = by_segment.get(segment, 0) + n
        elif len(grouped) > 1:
            by_groups[(tuple(values), segment)] = n
        else:
            (i,) = grouped
            by_group[group_by[i]][(values[i], segment)] = n
    records = con.execute(f"SELECT count(*) FROM {relation}").fetchone()[0]
    rejected: dict[str, int] = {}
    for codes, n in con.execute(
        f"SELECT error_codes::VARCHAR, count(*) FROM {relation} WHERE segment IS NULL GROUP BY 1"
    ).fetchall():
        for code in sorted(set((codes or "unknown").split(","))):
            rejected[code.strip()] = rejected.get(code.strip(), 0) + n
    out = {"records": records, "by_segment": by_segment, "by_group": by_group, "rejected": rejected}
    if len(group_by) > 1:
        out["by_groups"] = by_groups
    if quadrant and ruleset.axes is not None and {"resources_num", "resources_den", "complexity_num", "complexity_den"} <= set(columns):
        out["quadrant"] = _quadrant(con, relation, ruleset)
    return out


def count_transitions(con: Any, old: str, new: str, key: str) -> dict[tuple, int]:
    """(old segment, new segment) → records, joining two results of the same records on
    ``key``; a record rejected by a version is ``REJECTED`` there (a mark, never a segment id:
    a segment may well be called ``rejected``)."""
    from . import REJECTED

    rows = con.execute(
        f"SELECT a.segment::VARCHAR, b.segment::VARCHAR, count(*) "
        f"FROM {old} a JOIN {new} b ON a.{quote(key)} IS NOT DISTINCT FROM b.{quote(key)} GROUP BY 1, 2"
    ).fetchall()
    return {(REJECTED if a is None else a, REJECTED if b is None else b): n for a, b, n in rows}


def _quadrant(con: Any, relation: str, ruleset: ast.RulesetDef) -> dict[tuple[str, str, str], int] | None:
    """Counts by (complexity region, resources region, segment); regions are split at the
    values the ruleset's rules compare each axis with, so each region is one side of every
    threshold. The segments are for the suppression's audit only: the report shows the
    regions."""
    pairs = con.execute(
        f"SELECT resources_num::VARCHAR, resources_den::VARCHAR, complexity_num::VARCHAR, complexity_den::VARCHAR, "
        f"segment::VARCHAR, count(*) "
        f"FROM {relation} WHERE segment IS NOT NULL AND resources_num IS NOT NULL AND complexity_num IS NOT NULL "
        f"GROUP BY 1, 2, 3, 4, 5 LIMIT {MAX_SCORE_PAIRS + 1}"
    ).fetchall()
    if len(pairs) > MAX_SCORE_PAIRS:
        return None
    xs = thresholds(ruleset, ruleset.axes.resources)
    ys = thresholds(ruleset, ruleset.axes.complexity)
    out: dict[tuple[str, str, str], int] = {}
    for rn, rd, cn, cd, segment, n in pairs:
        x = Fraction(int(rn), int(rd))
        y = Fraction(int(cn), int(cd))
        key = (region(y, ys), region(x, xs), segment)
        out[key] = out.get(key, 0) + n
    return out


def thresholds(ruleset: ast.RulesetDef, score: str) -> list[Fraction]:
    """The constants the rules compare ``score`` with directly, sorted."""
    found: set[Fraction] = set()
    for rule in ruleset.rules:
        if rule.condition is None:
            continue
        for node in ast.walk(rule.condition):
            if not isinstance(node, ast.Compare):
                continue
            for a, b in zip(node.operands, node.operands[1:]):
                for mine, other in ((a, b), (b, a)):
                    if isinstance(mine, ast.ScoreRef) and mine.id == score and isinstance(other, ast.Number):
                        found.add(Fraction(other.value))
    return sorted(found)


def region(value: Fraction, cuts: list[Fraction]) -> str:
    """The region of ``value`` between the sorted ``cuts``, named by its bounds: ``<3``,
    ``3..<4`` (from 3 up to but not including 4) or ``>=4``; exact values name a cut."""
    if not cuts:
        return "all"
    if value < cuts[0]:
        return f"<{format_number(cuts[0])}"
    for lo, hi in zip(cuts, cuts[1:]):
        if lo <= value < hi:
            return f"{format_number(lo)}..<{format_number(hi)}"
    return f">={format_number(cuts[-1])}"


def region_names(cuts: list[Fraction]) -> list[str]:
    """Every region between the sorted ``cuts``, from the lowest values up (see ``region``)."""
    if not cuts:
        return ["all"]
    names = [f"<{format_number(cuts[0])}"]
    names += [f"{format_number(lo)}..<{format_number(hi)}" for lo, hi in zip(cuts, cuts[1:])]
    return names + [f">={format_number(cuts[-1])}"]
