"""Quadrant diagrams: which score regions map to which segment, as a standalone SVG.

``quadrant_svg(ruleset_def, plane, lang)`` draws the score plane the verifier computes
(``verify(...).plane``): the resources score on the x axis, the complexity score on the y
axis, every reachable (resources, complexity) point coloured by its segment, the lines where
the segment changes, and a legend. A point where some answer set gets no segment or several
(a gap or an overlap) is drawn with a red hatch.

When an axis has more than ``EXACT_LIMIT`` distinct reachable values, its values are put into
about ``BINS`` equal bins instead; the lines where the segment changes are always bin edges,
so a bin never straddles a threshold that holds across the plane.

The output is deterministic (sorted, fixed number formatting, no time stamps), so it can be
committed and compared with ``diff``. It needs no fonts, scripts or files from elsewhere.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import re
from fractions import Fraction
from typing import Any, Iterable

from .dsl import ast
from .engine.runtime import format_number
from .errors import UsageError, safe_text
from .i18n import check_lang, code_label, decimal, form, resolve_lang

__all__ = ["quadrant_svg", "segment_colours", "plane_of", "GAP_COLOUR", "EXACT_LIMIT", "BINS", "MAX_DIAGRAM_INPUTS"]

#: Above this many distinct values on an axis, the axis is binned.
EXACT_LIMIT = 60
#: The diagram's budget: the axes may read at most this many inputs (the shipped models read
#: at most 33). Computing the plane of a larger model can take the verifier very long, so it
#: is refused at once as too large to draw.
MAX_DIAGRAM_INPUTS = 64
#: About how many bins a binned axis gets.
BINS = 40

GAP_COLOUR = "#d00000"
LINE_COLOUR = "#1a1a1a"
EMPTY_COLOUR = "#eeeeee"
TEXT_COLOUR = "#1a1a1a"

# Fixed colours for the four-field names the regional models use, so that the same quadrant
# reads the same in every region's picture (Okabe-Ito colours, safe for colour-blind
# readers; no red, which is kept for gaps and overlaps).
KNOWN_COLOURS = {
    "omatoimi": "#009e73",
    "parjaaja": "#009e73",
    "yhteiso": "#56b4e9",
    "tuki": "#56b4e9",
    "yhteistyo": "#e69f00",
    "verkosto": "#cc79a7",
    "huolenpito": "#cc79a7",
    "satunnainen": "#009e73",
    "paljon_palveluja": "#cc79a7",
}
PALETTE = (
    "#0072b2", "#f0e442", "#8c564b", "#6a3d9a", "#b2df8a", "#fdbf6f", "#17becf", "#bcbd22",
    "#a6cee3", "#7f7f7f",
)

FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"

# --------------------------------------------------------------------------- texts

TEXTS = {
    "fi": {
        "quadrant": "nelikenttä",
        "low": "matala",
        "high": "korkea",
        "also": "myös",
        "gap": "aukko tai päällekkäisyys: jokin vastausjoukko ei saa tässä yhtään segmenttiä tai saa useamman",
        "gap_cell": "aukko tai päällekkäisyys",
        "mixed": "useampi segmentti samoilla pistemäärillä (eri vastausjoukot)",
        "empty": "mikään vastausjoukko ei johda tähän yhdistelmään",
        "line": "segmentti vaihtuu tässä",
        "binned": "pistemäärät on ryhmitelty soluihin",
        "points": "{n} saavutettavaa pistemääräyhdistelmää",
        "points.one": "{n} saavutettava pistemääräyhdistelmä",
        "x_axis": "x-akseli",
        "y_axis": "y-akseli",
        "from_to": "{lo}–{hi}",
        "changes": "Segmentti vaihtuu kohdissa",
        "changes.one": "Segmentti vaihtuu kohdassa",
        "no_changes": "Segmentti ei vaihdu missään.",
        "no_gaps": "Ei aukkoja eikä päällekkäisyyksiä.",
        "gaps": "Aukkoja tai päällekkäisyyksiä {n} pisteessä: {where}.",
        "gaps.one": "Aukko tai päällekkäisyys {n} pisteessä: {where}.",
        "not_exclusive": "kuvassa on punaisella aukkoja tai päällekkäisyyksiä: {n} pistemääräyhdistelmässä jokin vastausjoukko ei saa yhtään segmenttiä tai saa useamman ({where}); `segrules verify` näyttää nämä vastausjoukot",
        "not_exclusive.one": "kuvassa on punaisella aukko tai päällekkäisyys: {n} pistemääräyhdistelmässä jokin vastausjoukko ei saa yhtään segmenttiä tai saa useamman ({where}); `segrules verify` näyttää nämä vastausjoukot",
        "segment_desc": "{label} ({id}): {n} pistettä, {x} {xr}, {y} {yr}",
        "segment_desc.one": "{label} ({id}): {n} piste, {x} {xr}, {y} {yr}",
        "no_points": "Ei saavutettavia pisteitä.",
        "desc_intro": "Nelikenttäkuva säännöstöstä {id} {version}.",
        "higher": "suurempi",
    },
    "sv": {
        "quadrant": "fyrfältsmodell",
        "low": "låg",
        "high": "hög",
        "also": "även",
        "gap": "lucka eller överlappning: något svarsset får här inget eller flera segment",
        "gap_cell": "lucka eller överlappning",
        "mixed": "flera segment vid samma poäng (olika svarsset)",
        "empty": "inget svarsset leder till denna kombination",
        "line": "segmentet byts här",
        "binned": "poängen är grupperade i celler",
        "points": "{n} nåbara poängkombinationer",
        "points.one": "{n} nåbar poängkombination",
        "x_axis": "x-axeln",
        "y_axis": "y-axeln",
        "from_to": "{lo}–{hi}",
        "changes": "Segmentet byts vid",
        "changes.one": "Segmentet byts vid",
        "no_changes": "Segmentet byts ingenstans.",
        "no_gaps": "Inga luckor eller överlappningar.",
        "gaps": "Luckor eller överlappningar i {n} punkter: {where}.",
        "gaps.one": "Lucka eller överlappning i {n} punkt: {where}.",
        "not_exclusive": "bilden visar luckor eller överlappningar i rött: vid {n} poängkombinationer får någon svarsuppsättning inget eller flera segment ({where}); `segrules verify` visar svarsuppsättningarna",
        "not_exclusive.one": "bilden visar en lucka eller överlappning i rött: vid {n} poängkombination får någon svarsuppsättning inget eller flera segment ({where}); `segrules verify` visar svarsuppsättningarna",
        "segment_desc": "{label} ({id}): {n} punkter, {x} {xr}, {y} {yr}",
        "segment_desc.one": "{label} ({id}): {n} punkt, {x} {xr}, {y} {yr}",
        "no_points": "Inga nåbara punkter.",
        "desc_intro": "Fyrfältsbild av regeluppsättningen {id} {version}.",
        "higher": "högre",
    },
    "en": {
        "quadrant": "quadrant",
        "low": "low",
        "high": "high",
        "also": "also",
        "gap": "gap or overlap: some answer set gets no segment, or several, here",
        "gap_cell": "gap or overlap",
        "mixed": "several segments at the same scores (different answer sets)",
        "empty": "no answer set leads to this combination",
        "line": "the segment changes here",
        "binned": "scores grouped into cells",
        "points": "{n} reachable score combinations",
        "points.one": "{n} reachable score combination",
        "x_axis": "x axis",
        "y_axis": "y axis",
        "from_to": "{lo} to {hi}",
        "changes": "The segment changes at",
        "changes.one": "The segment changes at",
        "no_changes": "The segment does not change anywhere.",
        "no_gaps": "No gaps or overlaps.",
        "gaps": "Gaps or overlaps at {n} points: {where}.",
        "gaps.one": "A gap or overlap at {n} point: {where}.",
        "not_exclusive": "the picture shows gaps or overlaps in red: at {n} score points some answer set gets no segment or more than one ({where}); `segrules verify` shows the answer sets",
        "not_exclusive.one": "the picture shows a gap or overlap in red: at {n} score point some answer set gets no segment or more than one ({where}); `segrules verify` shows the answer sets",
        "segment_desc": "{label} ({id}): {n} points, {x} {xr}, {y} {yr}",
        "segment_desc.one": "{label} ({id}): {n} point, {x} {xr}, {y} {yr}",
        "no_points": "No reachable points.",
        "desc_intro": "Quadrant picture of the ruleset {id} {version}.",
        "higher": "higher",
    },
}


# --------------------------------------------------------------------------- colours


def _hash_index(text: str, n: int) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:4], "big") % n


def segment_colours(ruleset_def: ast.RulesetDef) -> dict[str, str]:
    """A fill colour for each segment id (``#rrggbb``), stable per id.

    The four-field names of the regional models have fixed colours (the same quadrant looks
    the same in every region's picture); any other id gets a colour from a hash of the id.
    Two segments of one ruleset never share a colour while the palette lasts.
    """
    out: dict[str, str] = {}
    used: set[str] = set()
    ids = [s.id for s in ruleset_def.segments]
    for sid in ids:
        colour = KNOWN_COLOURS.get(sid)
        if colour is not None and colour not in used:
            out[sid] = colour
            used.add(colour)
    for sid in sorted(i for i in ids if i not in out):
        start = _hash_index(sid, len(PALETTE))
        for k in range(len(PALETTE)):
            colour = PALETTE[(start + k) % len(PALETTE)]
            if colour not in used:
                break
        else:  # more segments than colours: a colour from the hash alone
            h = hashlib.sha256(sid.encode("utf-8")).hexdigest()
            colour = "#" + h[:6]
        out[sid] = colour
        used.add(colour)
    return {sid: out[sid] for sid in ids}


def _xml_text(text: str) -> str:
    """``text`` as the character data of an SVG element: markup escaped, and the characters XML
    does not allow (control characters such as ESC or vertical tab, which a label may hold) and
    other invisible controls written as ``\\x1b``-style escapes, as messages show them, so that
    the picture is always well-formed."""
    return html.escape(safe_text(text, limit=None))


# --------------------------------------------------------------------------- numbers


def _num(value: float) -> str:
    """Pixel coordinates: at most two decimals, no trailing zeros, no '-0'."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _value_text(value: Fraction) -> str:
    """A score value for people: exact when short (3, 2.5, 10/3), else two decimals."""
    return format_number(value, width=6)


def _tick_text(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


# --------------------------------------------------------------------------- the plane


_GAP = "\x00gap"  # stands for None in a content key; sorts before every segment id


def _content(segments: Iterable) -> tuple[str, ...]:
    return tuple(sorted(_GAP if s is None else str(s) for s in segments))


class _Axis:
    """One axis: its distinct reachable values, the slots they are drawn in, and thresholds.

    Each slot is a run of neighbouring values (one value each, unless the axis is binned)
    and is drawn from its first value up to the first value of the next slot, so the axis
    stays linear in the score and no slot is empty. A threshold (the first value on the new
    side) always starts a new slot, so its line is drawn exactly at the threshold's value.
    """

    def __init__(self, values: list[Fraction], thresholds: list[Fraction]):
        self.values = values
        self.thresholds = thresholds
        self.binned = len(values) > EXACT_LIMIT
        self.groups = self._groups()
        self.starts = [g[0] for g in self.groups]
        self.edges = self._edges()
        self.lo = self.edges[0]  # exact: a score may lie beyond the range of a float
        self.hi = self.edges[-1]
        # numbered ticks only where a float holds the values well; larger axes show only
        # their thresholds, labelled exactly or as ≈1.0e400
        self.ticked = all(abs(v) < 10**15 for v in (self.lo, self.hi))

    def _groups(self) -> list[list[Fraction]]:
        if not self.values:
            return []
        if not self.binned:
            return [[v] for v in self.values]
        width = (self.values[-1] - self.values[0]) / BINS
        cuts = set(self.thresholds)
        groups = [[self.values[0]]]
        for v in self.values[1:]:
            if v in cuts or v - groups[-1][0] >= width:
                groups.append([v])
            else:
                groups[-1].append(v)
        return groups

    def _edges(self) -> list[Fraction]:
        g = self.groups
        if not g:
            return [Fraction(0), Fraction(1)]
        if len(g) == 1:
            if len(g[0]) == 1:
                return [g[0][0], g[0][0] + 1]
            return [g[0][0], g[0][-1] + (g[0][-1] - g[0][0]) / (len(g[0]) - 1)]
        # the last slot is as wide as the step into it, so it ends past its last value
        last = g[-1][-1] + (g[-1][0] - g[-2][-1])
        return [grp[0] for grp in g] + [last]

    def slot(self, value: Fraction) -> int:
        """The index of the slot (cell column or row) a value is drawn in."""
        return max(bisect.bisect_right(self.starts, value) - 1, 0)

    @property
    def slots(self) -> int:
        return len(self.edges) - 1

    def edge_at(self, threshold: Fraction) -> Fraction:
        """The slot edge a threshold (the first value on the new side) is drawn at."""
        return self.edges[self.slot(threshold)]


def _stab(intervals: list[tuple[Fraction, Fraction]]) -> list[Fraction]:
    """Fewest values t, each the upper end of some interval, with lo < t <= hi for every interval."""
    out: list[Fraction] = []
    for lo, hi in sorted(intervals, key=lambda iv: (iv[1], iv[0])):
        if any(lo < t <= hi for t in out):
            continue
        out.append(hi)
    return sorted(out)


def _changes(rows: dict[Fraction, list[tuple[Fraction, tuple]]]) -> list[tuple[Fraction, Fraction]]:
    """Intervals (a, b] between neighbouring points of a row whose segments differ."""
    out = []
    for row in rows.values():
        for (a, ca), (b, cb) in zip(row, row[1:]):
            if ca != cb:
                out.append((a, b))
    return out


def _row_status(row: list[tuple[Fraction, tuple]], t: Fraction) -> str:
    """'change' if the segment changes across t in this row, 'same' if not, 'none' if undecided."""
    below = [c for v, c in row if v < t]
    above = [c for v, c in row if v >= t]
    if not below or not above:
        return "none"
    return "change" if below[-1] != above[0] else "same"


class _Plane:
    def __init__(self, points: dict):
        self.points: dict[tuple[Fraction, Fraction], tuple] = {
            (Fraction(x), Fraction(y)): _content(segs) for (x, y), segs in points.items()
        }
        self.by_y: dict[Fraction, list] = {}
        self.by_x: dict[Fraction, list] = {}
        for (x, y), c in sorted(self.points.items()):
            self.by_y.setdefault(y, []).append((x, c))
        for (x, y), c in sorted(self.points.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            self.by_x.setdefault(x, []).append((y, c))
        for rows in (self.by_x, self.by_y):
            for k in rows:
                rows[k].sort()
        xs = sorted(self.by_x)
        ys = sorted(self.by_y)
        self.x_thresholds = _stab(_changes(self.by_y))
        self.y_thresholds = _stab(_changes(self.by_x))
        self.x = _Axis(xs, self.x_thresholds)
        self.y = _Axis(ys, self.y_thresholds)

    def cells(self) -> dict[tuple[int, int], tuple]:
        out: dict[tuple[int, int], set] = {}
        for (x, y), c in self.points.items():
            out.setdefault((self.x.slot(x), self.y.slot(y)), set()).update(c)
        return {k: tuple(sorted(v)) for k, v in out.items()}

    def line_runs(self, along: str, t: Fraction) -> list[tuple[int, int]]:
        """Slot runs (first, last) of the other axis over which the line at t is drawn."""
        rows = self.by_y if along == "x" else self.by_x
        other = self.y if along == "x" else self.x
        status: dict[int, str] = {}
        for key, row in rows.items():
            s = _row_status(row, t)
            i = other.slot(key)
            prev = status.get(i, "none")
            if s == "change" or (s == "same" and prev != "change"):
                status[i] = s
            elif i not in status:
                status[i] = s
        runs: list[tuple[int, int]] = []
        start = last = None
        for i in range(other.slots):
            s = status.get(i, "none")
            if s == "same":
                if start is not None:
                    runs.append((start, last))
                start = last = None
            elif s == "change":
                if start is None:
                    start = i
                last = i
        if start is not None:
            runs.append((start, last))
        return runs


# --------------------------------------------------------------------------- drawing


def _ticks(lo: float, hi: float, vmin: float, vmax: float) -> list[float]:
    span = max(vmax - vmin, 1e-9)
    for step in (0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if span / step <= 10:
            break
    first = step * -(-vmin // step)  # ceil
    out = []
    k = 0
    while True:
        v = round(first + k * step, 6)
        if v > vmax + 1e-9:
            break
        if lo - 1e-9 <= v <= hi + 1e-9:
            out.append(v)
        k += 1
    return out


def _wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Split text into at most two lines that fit ``width`` pixels (estimated)."""
    per = size * (0.64 if bold else 0.58)
    limit = max(8, int(width / per))
    if len(text) <= limit:
        return [text]
    cut = text.rfind(" ", 0, limit)
    if cut <= 0:
        cut = limit
    first, rest = text[:cut].rstrip(), text[cut:].strip()
    if len(rest) > limit:
        rest = rest[: limit - 1].rstrip() + "…"
    return [first, rest]


def _prefix(ruleset_id: str) -> str:
    return "sr-" + re.sub(r"[^a-z0-9]+", "-", ruleset_id.lower()).strip("-")


def _label_of(rs: ast.RulesetDef, score_id: str, lang: str) -> str:
    try:
        return rs.score(score_id).label.get(lang)
    except KeyError:
        return score_id


def _range_text(values: list[Fraction], t: dict) -> str:
    lo, hi = min(values), max(values)
    if lo == hi:
        return _value_text(lo)
    return t["from_to"].format(lo=_value_text(lo), hi=_value_text(hi))


def quadrant_svg(ruleset_def: ast.RulesetDef, plane: Any, lang: str | None = None, *, id_prefix: str | None = None) -> str:
    """The quadrant picture of a ruleset as standalone SVG text.

    ``plane`` is the ``ScorePlane`` of ``verify(ruleset).plane``. ``lang`` picks the labels
    (fi, sv or en; by default ``i18n.resolve_lang``). ``id_prefix`` makes the SVG's element
    ids unique when several pictures are put into one HTML page (default: from the ruleset id).
    """
    lang = resolve_lang(lang)
    if plane is None or ruleset_def.axes is None:
        raise UsageError(
            f"ruleset {ruleset_def.id!r} has no quadrant axes, so there is no quadrant to draw",
            code="SR702",
        )
    rs = ruleset_def
    t = TEXTS[lang]
    pid = id_prefix or _prefix(rs.id)
    colours = segment_colours(rs)
    seg_by_id = {s.id: s for s in rs.segments}
    x_label = _label_of(rs, plane.resources, lang)
    y_label = _label_of(rs, plane.complexity, lang)

    p = _Plane(plane.points)
    cells = p.cells()

    # ---- layout
    width = 760
    heading = _wrap(rs.title.get(lang), 16, width - 120, bold=True)
    left, top = 104, 92 + 20 * (len(heading) - 1)
    pw, ph = 560, 400
    bottom = top + ph
    right = left + pw
    legend_rows: list[tuple[str, str, str, str]] = []  # (kind, colour, text, detail)
    for s in rs.segments:
        text = f"{s.label.get(lang)} ({s.id})"
        if s.aliases:
            text += f" · {t['also']}: {', '.join(s.aliases)}"
        detail = ""
        if s.quadrant is not None:
            r_level = code_label("resources_level", s.quadrant.resources, lang)
            c_level = code_label("complexity_level", s.quadrant.complexity, lang)
            detail = f"{x_label}: {r_level} · {y_label}: {c_level}"
            if len(_wrap(detail, 11, width - left - 32)) > 1:  # too long for one line: the score ids
                detail = f"{plane.resources}: {r_level} · {plane.complexity}: {c_level}"
        legend_rows.append(("segment", colours[s.id], text, detail))
    has_gap = any(_GAP in c for c in cells.values())
    has_mixed = any(_GAP not in c and len(c) > 1 for c in cells.values())
    has_empty = len(cells) < p.x.slots * p.y.slots if p.points else False
    if has_gap:
        legend_rows.append(("gap", GAP_COLOUR, t["gap"], ""))
    if has_mixed:
        legend_rows.append(("mixed", "", t["mixed"], ""))
    if has_empty:
        legend_rows.append(("empty", EMPTY_COLOUR, t["empty"], ""))
    if p.x_thresholds or p.y_thresholds:
        legend_rows.append(("line", LINE_COLOUR, t["line"], ""))
    legend_top = bottom + 84
    row_y = []
    y = legend_top
    for row in legend_rows:
        row_y.append(y)
        y += 36 if row[3] else 22
    height = y + 6

    def px(v) -> float:
        a = p.x
        return left + float((Fraction(v) - a.lo) / ((a.hi - a.lo) or 1)) * pw

    def py(v) -> float:
        a = p.y
        return bottom - float((Fraction(v) - a.lo) / ((a.hi - a.lo) or 1)) * ph

    out: list[str] = []
    add = out.append

    # ---- description (accessibility)
    title = f"{rs.title.get(lang)}: {t['quadrant']} ({rs.id} {rs.version})"
    desc = _description(rs, plane, p, lang, x_label, y_label)

    add('<?xml version="1.0" encoding="UTF-8"?>')
    add(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{pid}-title {pid}-desc" '
        f'font-family="{FONT}" font-size="12" fill="{TEXT_COLOUR}">'
    )
    add(f'<title id="{pid}-title">{_xml_text(title)}</title>')
    add(f'<desc id="{pid}-desc">{_xml_text(desc)}</desc>')
    add("<defs>")
    add(
        f'<pattern id="{pid}-gap" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/>'
        f'<rect width="4" height="8" fill="{GAP_COLOUR}"/></pattern>'
    )
    add("</defs>")
    add(f'<rect width="{width}" height="{height}" fill="#ffffff"/>')

    # ---- heading
    for n, line in enumerate(heading):
        add(f'<text x="{left}" y="{28 + 20 * n}" font-size="16" font-weight="bold">{_xml_text(line)}</text>')
    sub = f"{rs.id} {rs.version} · {form(t, 'points', len(p.points)).format(n=len(p.points))}"
    if p.x.binned or p.y.binned:
        sub += f" ({t['binned']})"
    add(f'<text x="{left}" y="{48 + 20 * (len(heading) - 1)}" font-size="12">{_xml_text(sub)}</text>')

    # ---- plot background and cells
    add(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="{EMPTY_COLOUR}"/>')
    add('<g shape-rendering="crispEdges">')
    for j in range(p.y.slots):
        y1, y2 = py(p.y.edges[j + 1]), py(p.y.edges[j])
        i = 0
        while i < p.x.slots:
            c = cells.get((i, j))
            if c is None:
                i += 1
                continue
            k = i
            while k + 1 < p.x.slots and cells.get((k + 1, j)) == c:
                k += 1
            x1, x2 = px(p.x.edges[i]), px(p.x.edges[k + 1])
            out.extend(_cell(x1, y1, x2, y2, c, colours, pid, t))
            i = k + 1
    add("</g>")

    # ---- threshold lines
    add(f'<g stroke="{LINE_COLOUR}" stroke-width="2.5" stroke-linecap="square">')
    for tv in p.x_thresholds:
        x = px(p.x.edge_at(tv))
        for a, b in p.line_runs("x", tv):
            add(f'<line x1="{_num(x)}" y1="{_num(py(p.y.edges[a]))}" x2="{_num(x)}" y2="{_num(py(p.y.edges[b + 1]))}"/>')
    for tv in p.y_thresholds:
        y = py(p.y.edge_at(tv))
        for a, b in p.line_runs("y", tv):
            add(f'<line x1="{_num(px(p.x.edges[a]))}" y1="{_num(y)}" x2="{_num(px(p.x.edges[b + 1]))}" y2="{_num(y)}"/>')
    add("</g>")

    # ---- segment names inside their regions
    places = _label_places(cells, p, px, py)
    for halo in (True, False):
        if halo:  # a white outline drawn first, so the names read on any colour
            add('<g font-size="13" font-weight="bold" text-anchor="middle" fill="#ffffff" stroke="#ffffff" '
                'stroke-width="4" stroke-linejoin="round" aria-hidden="true">')
        else:
            add('<g font-size="13" font-weight="bold" text-anchor="middle">')
        for sid, (cx, cy) in places:
            name = seg_by_id[sid].label.get(lang) if sid in seg_by_id else sid
            add(f'<text x="{_num(cx)}" y="{_num(cy + 4)}">{_xml_text(name)}</text>')
        add("</g>")

    # ---- frame and axes
    add(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#555555" stroke-width="1"/>')
    xs = [float(v) for v in p.x.values] if p.x.ticked and p.x.values else [0.0]
    ys = [float(v) for v in p.y.values] if p.y.ticked and p.y.values else [0.0]
    add('<g font-size="11">')
    for v in _ticks(float(p.x.lo), float(p.x.hi), min(xs), max(xs)) if p.x.ticked else ():
        x = _num(px(v))
        add(f'<line x1="{x}" y1="{bottom}" x2="{x}" y2="{bottom + 5}" stroke="#555555"/>')
        add(f'<text x="{x}" y="{bottom + 18}" text-anchor="middle">{_tick_text(v)}</text>')
    for v in _ticks(float(p.y.lo), float(p.y.hi), min(ys), max(ys)) if p.y.ticked else ():
        y = _num(py(v))
        add(f'<line x1="{left - 5}" y1="{y}" x2="{left}" y2="{y}" stroke="#555555"/>')
        add(f'<text x="{left - 8}" y="{_num(py(v) + 4)}" text-anchor="end">{_tick_text(v)}</text>')
    add("</g>")
    # thresholds named at the edges of the plot
    add(f'<g font-size="11" font-weight="bold" fill="{LINE_COLOUR}">')
    placed: list[tuple[float, float, int]] = []  # (start, end, row) of labels already placed
    for tv in p.x_thresholds:
        x, text = px(p.x.edge_at(tv)), f"≥ {_value_text(tv)}"
        half = len(text) * 3.6 + 3
        row = min(r for r in range(len(placed) + 1)
                  if all(r != pr or x - half > pe or x + half < ps for ps, pe, pr in placed))
        placed.append((x - half, x + half, row))
        add(f'<text x="{_num(x)}" y="{top - 6 - 12 * row}" text-anchor="middle">{_xml_text(text)}</text>')
    placed = []
    for tv in p.y_thresholds:
        y, text = py(p.y.edge_at(tv)), f"≥ {_value_text(tv)}"
        row = min(r for r in range(len(placed) + 1)
                  if all(r != pr or y - 7 > pe or y + 7 < ps for ps, pe, pr in placed))
        placed.append((y - 7, y + 7, row))
        add(f'<text x="{right + 6 + 44 * row}" y="{_num(y + 4)}">{_xml_text(text)}</text>')
    add("</g>")
    # axis titles, saying which way is high
    for n, line in enumerate(_wrap(f"{x_label} ({plane.resources})", 13, pw - 150, bold=True)):
        add(f'<text x="{left + pw / 2:g}" y="{bottom + 40 + 16 * n}" text-anchor="middle" font-size="13" '
            f'font-weight="bold">{_xml_text(line)}</text>')
    add(f'<text x="{left}" y="{bottom + 40}" font-size="11">← {_xml_text(t["low"])}</text>')
    add(f'<text x="{right}" y="{bottom + 40}" font-size="11" text-anchor="end">{_xml_text(t["high"])} →</text>')
    cy = top + ph / 2
    y_lines = _wrap(f"{y_label} ({plane.complexity})", 13, ph - 10, bold=True)
    for n, line in enumerate(y_lines):
        x = 22 + 16 * n - 8 * (len(y_lines) - 1)
        add(f'<text transform="translate({x} {cy:g}) rotate(-90)" text-anchor="middle" font-size="13" '
            f'font-weight="bold">{_xml_text(line)}</text>')
    add(f'<text transform="translate(56 {bottom}) rotate(-90)" font-size="11">← {_xml_text(t["low"])}</text>')
    add(f'<text transform="translate(56 {top}) rotate(-90)" font-size="11" text-anchor="end">{_xml_text(t["high"])} →</text>')

    # ---- legend
    for y, (kind, colour, text, detail) in zip(row_y, legend_rows):
        if kind == "segment" or kind == "empty":
            add(f'<rect x="{left}" y="{y - 11}" width="14" height="14" fill="{colour}" stroke="#555555" stroke-width="0.5"/>')
        elif kind == "gap":
            add(f'<rect x="{left}" y="{y - 11}" width="14" height="14" fill="url(#{pid}-gap)" stroke="{GAP_COLOUR}" stroke-width="1.5"/>')
        elif kind == "mixed":
            add(f'<rect x="{left}" y="{y - 11}" width="7" height="14" fill="#999999"/>')
            add(f'<rect x="{left + 7}" y="{y - 11}" width="7" height="14" fill="#dddddd"/>')
            add(f'<rect x="{left}" y="{y - 11}" width="14" height="14" fill="none" stroke="#555555" stroke-width="0.5"/>')
        else:
            add(f'<line x1="{left}" y1="{y - 4}" x2="{left + 14}" y2="{y - 4}" stroke="{colour}" stroke-width="2.5"/>')
        add(f'<text x="{left + 22}" y="{y}">{_xml_text(text)}</text>')
        if detail:
            add(f'<text x="{left + 22}" y="{y + 14}" font-size="11" fill="#555555">{_xml_text(detail)}</text>')
    add("</svg>")
    return "\n".join(out) + "\n"


def _cell(x1: float, y1: float, x2: float, y2: float, content: tuple, colours: dict, pid: str,
          t: dict[str, str]) -> list[str]:
    w, h = x2 - x1, y2 - y1
    if _GAP in content:
        return [
            f'<rect x="{_num(x1)}" y="{_num(y1)}" width="{_num(w)}" height="{_num(h)}" fill="url(#{pid}-gap)" '
            f'stroke="{GAP_COLOUR}" stroke-width="1"><title>{_xml_text(_cell_title(content, t))}</title></rect>'
        ]
    if len(content) == 1:
        return [f'<rect x="{_num(x1)}" y="{_num(y1)}" width="{_num(w)}" height="{_num(h)}" fill="{colours.get(content[0], "#999999")}"/>']
    # several segments at the same scores: one horizontal stripe per segment
    out = []
    n = len(content)
    for k, sid in enumerate(content):
        out.append(
            f'<rect x="{_num(x1)}" y="{_num(y1 + h * k / n)}" width="{_num(w)}" height="{_num(h / n)}" '
            f'fill="{colours.get(sid, "#999999")}"/>'
        )
    return out


def _cell_title(content: tuple, t: dict[str, str]) -> str:
    """The tooltip of a gap or overlap cell, in the picture's language (``t``: its texts)."""
    segs = [s for s in content if s != _GAP]
    return t["gap_cell"] + (f" ({t['also']} {', '.join(segs)})" if segs else "")


def _label_places(cells: dict, p: _Plane, px, py) -> list[tuple[str, tuple[float, float]]]:
    """Where to write each large enough segment's name: its cell nearest its centre."""
    total = len(cells) or 1
    by_seg: dict[str, list[tuple[int, int]]] = {}
    for (i, j), c in sorted(cells.items()):
        if len(c) == 1 and c[0] != _GAP:
            by_seg.setdefault(c[0], []).append((i, j))
    out = []
    for sid in sorted(by_seg):
        members = by_seg[sid]
        if len(members) < max(2, total * 0.05):
            continue
        centres = [((px(p.x.edges[i]) + px(p.x.edges[i + 1])) / 2, (py(p.y.edges[j]) + py(p.y.edges[j + 1])) / 2)
                   for i, j in members]
        mx = sum(c[0] for c in centres) / len(centres)
        my = sum(c[1] for c in centres) / len(centres)
        best = min(centres, key=lambda c: ((c[0] - mx) ** 2 + (c[1] - my) ** 2, c))
        out.append((sid, best))
    return out


def _description(rs: ast.RulesetDef, plane: Any, p: _Plane, lang: str, x_label: str, y_label: str) -> str:
    t = TEXTS[lang]
    parts = [t["desc_intro"].format(id=rs.id, version=rs.version)]
    if not p.points:
        parts.append(t["no_points"])
        return " ".join(parts)
    xs, ys = p.x.values, p.y.values
    parts.append(f"{t['x_axis']}: {x_label} ({plane.resources}) {_range_text(xs, t)}; "
                 f"{t['y_axis']}: {y_label} ({plane.complexity}) {_range_text(ys, t)}.")
    changes = [f"{x_label} ≥ {_value_text(v)}" for v in p.x_thresholds]
    changes += [f"{y_label} ≥ {_value_text(v)}" for v in p.y_thresholds]
    parts.append(f"{form(t, 'changes', len(changes))}: {', '.join(changes)}." if changes else t["no_changes"])
    for s in rs.segments:
        pts = [(x, y) for (x, y), c in p.points.items() if s.id in c]
        if not pts:
            continue
        parts.append(form(t, "segment_desc", len(pts)).format(
            label=s.label.get(lang), id=s.id, n=len(pts), x=x_label, xr=_range_text([a for a, _ in pts], t),
            y=y_label, yr=_range_text([b for _, b in pts], t),
        ) + ".")
    gaps = sorted((x, y) for (x, y), c in p.points.items() if _GAP in c)
    if gaps:
        where = "; ".join(f"({_value_text(x)}, {_value_text(y)})" for x, y in gaps[:5])
        if len(gaps) > 5:
            where += "; …"
        parts.append(form(t, "gaps", len(gaps)).format(n=len(gaps), where=where))
    else:
        parts.append(t["no_gaps"])
    return " ".join(parts)


# --------------------------------------------------------------------------- from a ruleset


def axis_inputs(rs: ast.RulesetDef) -> set[str]:
    """The inputs the two axis scores read, through other scores and through the conditions
    that decide whether those inputs are asked."""
    scores = {s.id: s for s in rs.scores}
    inputs = {i.id: i for i in rs.inputs}
    todo = [rs.axes.resources, rs.axes.complexity] if rs.axes else []
    seen_scores: set[str] = set()
    read: set[str] = set()
    while todo:
        name = todo.pop()
        if name in scores and name not in seen_scores:
            seen_scores.add(name)
            exprs = [scores[name].expr]
        elif name in inputs and name not in read:
            read.add(name)
            exprs = [inputs[name].asked_when] if inputs[name].asked_when is not None else []
        else:
            continue
        for e in exprs:
            for node in ast.walk(e):
                if isinstance(node, (ast.InputRef, ast.ScoreRef)):
                    todo.append(node.id)
                elif isinstance(node, ast.Answered):
                    todo.append(node.input.id)
    return read


def gap_points(plane: Any) -> list[tuple[Fraction, Fraction]]:
    """The score points of ``plane`` where some answer set gets no segment or more than one
    (drawn in red), in order."""
    return sorted((Fraction(x), Fraction(y)) for (x, y), segments in plane.points.items() if None in segments)


def gaps_text(plane: Any, lang: str) -> str | None:
    """What a reader of the picture must know when it shows gaps or overlaps (None if none)."""
    points = gap_points(plane)
    if not points:
        return None
    pair = "({}, {})" if lang == "en" else "({}; {})"  # the comma is the decimal separator in fi and sv
    where = " · ".join(pair.format(decimal(x, lang), decimal(y, lang)) for x, y in points[:5])
    where += " · …" if len(points) > 5 else ""
    return form(TEXTS[check_lang(lang)], "not_exclusive", len(points)).format(n=len(points), where=where)


def plane_of(ruleset) -> Any:
    """The score plane of a loaded ruleset (runs the verifier); SR702 when it has no axes,
    SR525 when its axes read more than MAX_DIAGRAM_INPUTS inputs (too large to draw)."""
    from .verify import verify

    rs = ruleset.definition if hasattr(ruleset, "definition") else ruleset
    if rs.axes is None:
        raise UsageError(
            f"ruleset {rs.id!r} has no quadrant axes, so there is no quadrant to draw",
            code="SR702",
        )
    read = axis_inputs(rs)
    if len(read) > MAX_DIAGRAM_INPUTS:
        raise UsageError(
            f"the quadrant of ruleset {rs.id!r} is too large to draw: its axes read {len(read)} inputs, "
            f"and a diagram is drawn for at most {MAX_DIAGRAM_INPUTS}",
            code="SR525",
        )
    report = verify(rs)
    if report.plane is None:
        raise UsageError(
            f"the score plane of ruleset {rs.id!r} could not be computed: "
            + ("; ".join(report.notes) or "the verifier could not decide it"),
            code="SR702",
        )
    return report.plane
