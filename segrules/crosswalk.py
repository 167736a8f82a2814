"""The crosswalk between regional segmentation models.

Regions name the same quadrant of the four-field model differently: Helsinki's ``yhteiso``
is Vantaa–Kerava's ``tuki``. A crosswalk file (``rulesets/crosswalk.yaml``, format in
docs/crosswalk.md) pairs the segments of several quadrant rulesets by their place in the
four fields. Loading it checks it against the rulesets themselves: every listed ruleset has
axes, every one of its segments appears exactly once (total and one-to-one), and each segment
sits in the position whose quadrant its ruleset gives it.

    cw = segrules.crosswalk.load("rulesets/crosswalk.yaml")
    cw.map("helsinki.suuntima", "yhteiso", to="vantaa_kerava.segmentation")   # -> "tuki"
    cw.map("helsinki.suuntima", "Pärjääjä", to="keski_suomi.segmentation")   # -> "omatoimi"

The rulesets are found by id among the YAML files under ``rulesets_dir`` (by default the
crosswalk file's own folder, searched with its sub-folders). Problems of the file are a
``RulesetError`` with codes SR700 to SR707 and the file:line of each; a lookup with an unknown
ruleset or segment name is a ``UsageError`` with SR708 or SR709.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import attrs

from .dsl import ast
from .dsl.ast import fold_name
from .dsl.loader import Builder
from .errors import Diagnostic, DiagnosticSink, RulesetError, SegrulesError, Span, UsageError, closest
from .source import YList, YMap, YScalar, YValue, parse_yaml, read_source

__all__ = ["Crosswalk", "Position", "load", "check", "find_rulesets"]

FORMAT = 1
LEVELS = ("high", "low")
_TOP_KEYS = {"format": True, "title": False, "rulesets": True, "positions": True}
_POSITION_KEYS = {"quadrant": True, "label": False, "segments": True}


@attrs.frozen
class Position:
    """One place in the four fields, and the segment each ruleset has there."""

    quadrant: ast.Quadrant
    label: ast.Labels | None
    segments: tuple[tuple[str, str], ...]  # (ruleset id, segment id), in the file's order
    span: Span | None = attrs.field(default=None, eq=False)

    def segment(self, ruleset_id: str) -> str:
        """The segment of ``ruleset_id`` at this position."""
        return dict(self.segments)[ruleset_id]

    def to_json(self) -> dict:
        """The position as JSON: quadrant and segment per ruleset."""
        return {
            "quadrant": self.quadrant.to_json(),
            "label": self.label.to_json() if self.label is not None else None,
            "segments": dict(self.segments),
        }


@attrs.frozen
class Crosswalk:
    """A loaded and checked crosswalk: total and one-to-one over its rulesets."""

    source: str
    title: ast.Labels | None
    ruleset_ids: tuple[str, ...]
    positions: tuple[Position, ...]
    rulesets: dict = attrs.field(eq=False, repr=False)  # ruleset id -> checked RulesetDef
    files: dict = attrs.field(eq=False, repr=False)  # ruleset id -> file it was loaded from

    # ------------------------------------------------------------------ lookups

    def ruleset(self, name: str) -> ast.RulesetDef:
        """A ruleset of the crosswalk by its id or one of its aliases (SR708 when unknown)."""
        return self.rulesets[self.resolve_ruleset(name)]

    def resolve_ruleset(self, name: str) -> str:
        """The ruleset id for an id or alias of one of the crosswalk's rulesets (SR708)."""
        key = str(name).strip().casefold()
        for rid in self.ruleset_ids:
            rs = self.rulesets[rid]
            if key == rid.casefold() or key in (a.casefold() for a in rs.aliases):
                return rid
        close = closest(str(name), self.ruleset_ids)
        raise UsageError(
            f"{name!r} is not a ruleset of the crosswalk {self.source}; its rulesets are: "
            + ", ".join(self.ruleset_ids)
            + (f" (did you mean {close!r}?)" if close else ""),
            code="SR708",
        )

    def resolve_segment(self, ruleset: str, name: str) -> str:
        """The segment id for a name in a ruleset: its id, an alias or a label, in any case (SR709)."""
        rid = self.resolve_ruleset(ruleset)
        rs = self.rulesets[rid]
        found = rs.segments_named(name)
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise UsageError(
                f"{name!r} names several segments of {rid}: {', '.join(found)}; give the segment id",
                code="SR709",
            )
        choices = [f"{s.id}" + (f" ({', '.join(s.aliases)})" if s.aliases else "") for s in rs.segments]
        raise UsageError(
            f"{name!r} is not a segment of {rid}; its segments are: {', '.join(choices)}",
            code="SR709",
        )

    def position_of(self, ruleset: str, segment: str) -> Position:
        """The position of a segment (by id, alias or label) of a ruleset."""
        rid = self.resolve_ruleset(ruleset)
        sid = self.resolve_segment(rid, segment)
        for p in self.positions:
            if dict(p.segments).get(rid) == sid:
                return p
        raise SegrulesError(  # pragma: no cover - a loaded crosswalk is total
            f"segment {sid!r} of {rid} has no position in the crosswalk", code="SR706"
        )

    def map(self, from_ruleset: str, segment: str, *, to: str) -> str:
        """The segment id of ``to`` that sits where ``segment`` of ``from_ruleset`` sits."""
        target = self.resolve_ruleset(to)
        return self.position_of(from_ruleset, segment).segment(target)

    def to_json(self) -> dict:
        """The crosswalk as JSON: its rulesets and every position."""
        return {
            "file": self.source,
            "title": self.title.to_json() if self.title is not None else None,
            "rulesets": [
                {"id": rid, "version": self.rulesets[rid].version, "content_hash": self.rulesets[rid].content_hash,
                 "file": self.files[rid]}
                for rid in self.ruleset_ids
            ],
            "positions": [p.to_json() for p in self.positions],
        }


# --------------------------------------------------------------------------- finding rulesets


def find_rulesets(folder: str | Path, *, exclude: Iterable[Path] = ()) -> dict[str, list[Path]]:
    """Ruleset ids → the YAML files under ``folder`` (and its sub-folders) that declare them.

    Files that cannot be read, or have no text ``id`` at the top, are skipped.
    """
    root = Path(folder)
    skip = {p.resolve() for p in exclude}
    out: dict[str, list[Path]] = {}
    paths = sorted(p for ext in ("*.yaml", "*.yml") for p in root.rglob(ext) if p.is_file())
    for path in paths:
        if path.resolve() in skip:
            continue
        try:
            doc = parse_yaml(read_source(path))
        except RulesetError:
            continue
        if isinstance(doc, YMap):
            node = doc.get("id")
            if isinstance(node, YScalar) and isinstance(node.value, str):
                out.setdefault(node.value, []).append(path)
    return out


# --------------------------------------------------------------------------- loading


def load(path: str | Path, rulesets_dir: str | Path | None = None) -> Crosswalk:
    """Load and check a crosswalk file; RulesetError lists every problem with its place."""
    cw, diagnostics = _build(path, rulesets_dir)
    if cw is None:
        raise RulesetError(diagnostics)
    return cw


def is_crosswalk_file(path: str | Path) -> bool:
    """Whether a file is a crosswalk (``rulesets`` and ``positions`` at the top, no ruleset
    ``id``), so that a command given it can check it as one instead of as a ruleset."""
    try:
        doc = parse_yaml(read_source(path))
    except RulesetError:
        return False
    return isinstance(doc, YMap) and {"rulesets", "positions"} <= set(doc.keys()) and "id" not in doc.keys()


def check(path: str | Path, rulesets_dir: str | Path | None = None) -> tuple[Crosswalk | None, tuple[Diagnostic, ...]]:
    """The crosswalk (or None) and every diagnostic, without raising."""
    try:
        return _build(path, rulesets_dir)
    except RulesetError as exc:
        return None, exc.diagnostics


def _build(path: str | Path, rulesets_dir: str | Path | None) -> tuple[Crosswalk | None, tuple[Diagnostic, ...]]:
    source = read_source(path)
    doc = parse_yaml(source)
    sink = DiagnosticSink(source.lines)
    folder = Path(rulesets_dir) if rulesets_dir is not None else (Path(path).parent if str(Path(path).parent) else Path("."))
    cw = _Checker(sink, source.name, Path(path), folder).run(doc)
    if sink.has_errors:
        return None, sink.diagnostics
    return cw, sink.diagnostics


class _Checker:
    def __init__(self, sink: DiagnosticSink, name: str, path: Path, folder: Path):
        self.sink = sink
        self.name = name
        self.path = path
        self.folder = folder
        self.labels = Builder(sink).labels
        self.incomplete = False  # a position could not be read: totality is not judged

    def shape(self, message: str, span: Span | None, hint: str | None = None) -> None:
        self.sink.report("SR700", message, span, hint=hint)

    def keys(self, node: YMap, allowed: dict[str, bool], what: str) -> None:
        meant: set[str] = set()  # keys a misspelt key most likely stands for
        for k, _ in node.items:
            if k.value not in allowed:
                close = closest(str(k.value), allowed, cutoff=0.75)
                if close:
                    meant.add(close)
                self.shape(
                    f"unknown key {k.value!r} in {what}", k.span,
                    hint=f"did you mean {close!r}?" if close else "allowed keys: " + ", ".join(allowed),
                )
        for key, required in allowed.items():
            if required and node.get(key) is None:
                self.incomplete = True
                if key not in meant:
                    self.shape(f"{what} is missing the required key {key!r}", node.span)

    # ------------------------------------------------------------------ the whole file

    def run(self, doc: YValue) -> Crosswalk | None:
        if not isinstance(doc, YMap):
            self.shape("a crosswalk file is a YAML mapping with format, rulesets and positions", doc.span)
            return None
        self.keys(doc, _TOP_KEYS, "the crosswalk")
        fmt = doc.get("format")
        if fmt is not None and not (isinstance(fmt, YScalar) and type(fmt.value) is int and fmt.value == FORMAT):
            self.shape(f"format must be {FORMAT}", fmt.span, hint=f"write format: {FORMAT}")
        title = self.labels(doc.get("title"), "the title") if doc.get("title") is not None else None

        listed = self.ruleset_list(doc.get("rulesets"))  # id -> its node in the list
        rulesets, files = self.load_rulesets(listed)
        positions = self.positions(doc.get("positions"), listed, rulesets)
        if positions is not None and not self.incomplete:
            self.totality(positions, listed, rulesets)
        if self.sink.has_errors or positions is None:
            return None
        return Crosswalk(
            self.name, title, tuple(listed), tuple(p for p, _ in positions), rulesets, files,
        )

    def ruleset_list(self, node: YValue | None) -> dict[str, YScalar]:
        listed: dict[str, YScalar] = {}
        if node is None:
            return listed
        if not isinstance(node, YList):
            self.shape("rulesets must be a list of ruleset ids", node.span, hint="e.g. rulesets: [helsinki.suuntima]")
            return listed
        if not node.items:
            self.shape("rulesets is empty: list the ids of the rulesets the crosswalk pairs", node.span)
        for item in node.items:
            if not isinstance(item, YScalar) or not isinstance(item.value, str) or not item.value.strip():
                self.shape("each entry of rulesets must be a ruleset id", item.span, hint="e.g. - helsinki.suuntima")
                continue
            if item.value in listed:
                self.shape(
                    f"ruleset {item.value!r} is listed twice (first at line {listed[item.value].span.line})",
                    item.span, hint="list each ruleset once",
                )
                continue
            listed[item.value] = item
        return listed

    def load_rulesets(self, listed: dict[str, YScalar]) -> tuple[dict, dict]:
        from .pipeline import load as load_ruleset

        rulesets: dict[str, ast.RulesetDef] = {}
        files: dict[str, str] = {}
        if not listed:
            return rulesets, files
        found = find_rulesets(self.folder, exclude=[self.path])
        for rid, node in listed.items():
            paths = found.get(rid, [])
            if not paths:
                close = closest(rid, found)
                self.sink.report(
                    "SR701", f"no ruleset with id {rid!r} was found under {self.folder}", node.span,
                    hint=(f"did you mean {close!r}?" if close else
                          "give the folder of the rulesets with --rulesets-dir, or correct the id"),
                )
                continue
            if len(paths) > 1:
                self.sink.report(
                    "SR701",
                    f"ruleset id {rid!r} is declared by several files: {', '.join(str(p) for p in paths)}",
                    node.span, hint="each ruleset id must belong to one file; rename or remove a copy",
                )
                continue
            try:
                rs = load_ruleset(paths[0]).definition
            except RulesetError as exc:
                first = exc.errors[0] if exc.errors else exc.diagnostics[0]
                self.sink.report(
                    "SR701", f"ruleset {rid!r} ({paths[0]}) does not load: {first.format().splitlines()[0]}",
                    node.span, hint=f"run segrules check {paths[0]}",
                )
                continue
            if rs.axes is None:
                self.sink.report(
                    "SR702", f"ruleset {rid!r} has no axes, so its segments have no place in the four fields",
                    node.span,
                    hint="give the ruleset axes and a quadrant for each segment, or leave it out of the crosswalk",
                )
                continue
            rulesets[rid] = rs
            files[rid] = str(paths[0])
        return rulesets, files

    # ------------------------------------------------------------------ positions

    def positions(self, node: YValue | None, listed: dict, rulesets: dict) -> list[tuple[Position, YMap]] | None:
        if node is None:
            return None
        if not isinstance(node, YList):
            self.shape("positions must be a list, one entry per quadrant", node.span)
            return None
        out: list[tuple[Position, YMap]] = []
        seen_quadrants: dict[tuple[str, str], Span] = {}
        seen_segments: dict[tuple[str, str], Span] = {}
        for item in node.items:
            if not isinstance(item, YMap):
                self.shape("each position must be a mapping with quadrant, label and segments", item.span)
                continue
            self.keys(item, _POSITION_KEYS, "a position")
            quadrant = self.quadrant(item.get("quadrant"))
            label = self.labels(item.get("label"), "the position's label") if item.get("label") is not None else None
            if quadrant is not None:
                key = (quadrant.resources, quadrant.complexity)
                if key in seen_quadrants:
                    self.sink.report(
                        "SR703",
                        f"the quadrant resources {key[0]}, complexity {key[1]} is given twice "
                        f"(first at line {seen_quadrants[key].line})",
                        item.get("quadrant").span, hint="list each quadrant once and put all its segments there",
                    )
                    continue
                seen_quadrants[key] = item.get("quadrant").span
            segs = self.position_segments(item.get("segments"), quadrant, listed, rulesets, seen_segments)
            if quadrant is None or segs is None:
                self.incomplete = True
                continue
            out.append((Position(quadrant, label, tuple(segs), item.span), item))
        return out

    def quadrant(self, node: YValue | None) -> ast.Quadrant | None:
        if node is None:
            return None
        if not isinstance(node, YMap):
            self.sink.report(
                "SR703", "quadrant must be a mapping {resources: high|low, complexity: high|low}", node.span,
                hint="e.g. quadrant: {resources: high, complexity: low}",
            )
            return None
        values = {}
        ok = True
        for k, v in node.items:
            if k.value not in ("resources", "complexity"):
                self.sink.report("SR703", f"unknown key {k.value!r} in quadrant", k.span,
                                 hint="a quadrant has the keys resources and complexity")
                ok = False
                continue
            if not isinstance(v, YScalar) or v.value not in LEVELS:
                self.sink.report("SR703", f"quadrant {k.value} must be high or low", v.span)
                ok = False
                continue
            values[k.value] = v.value
        for axis in ("resources", "complexity"):
            if axis not in values and ok:
                self.sink.report("SR703", f"quadrant is missing {axis} (high or low)", node.span)
                ok = False
        return ast.Quadrant(values["resources"], values["complexity"]) if ok else None

    def position_segments(self, node, quadrant, listed, rulesets, seen) -> list[tuple[str, str]] | None:
        if node is None:
            return None
        if not isinstance(node, YMap):
            self.shape("segments must map each ruleset id to a segment id", node.span,
                       hint="e.g. segments: {helsinki.suuntima: omatoimi}")
            return None
        out: list[tuple[str, str]] = []
        where = (f"the position resources {quadrant.resources}, complexity {quadrant.complexity}"
                 if quadrant is not None else "this position")
        for k, v in node.items:
            rid = k.value
            if rid not in listed:
                self.sink.report(
                    "SR704", f"{rid!r} is not one of the crosswalk's rulesets", k.span,
                    hint="add it to rulesets at the top, or correct the id",
                )
                continue
            if not isinstance(v, YScalar) or not isinstance(v.value, str):
                self.shape(f"the segment of {rid} must be a segment id", v.span)
                continue
            sid = v.value
            rs = rulesets.get(rid)
            if rs is None:  # the ruleset itself is missing or broken: reported once, at the list
                out.append((rid, sid))
                continue
            ids = [s.id for s in rs.segments]
            if sid not in ids:
                hint = "its segments are: " + ", ".join(ids)
                for s in rs.segments:
                    if fold_name(sid) in (fold_name(a) for a in (*s.aliases, s.label.fi)):
                        hint = f"{sid!r} is a name of the segment {s.id!r}; write the segment id"
                self.sink.report("SR704", f"ruleset {rid} has no segment {sid!r}", v.span, hint=hint)
                continue
            seg = rs.segment(sid)
            if quadrant is not None and seg.quadrant is not None and seg.quadrant != quadrant:
                self.sink.report(
                    "SR705",
                    f"segment {sid!r} of {rid} has the quadrant resources {seg.quadrant.resources}, complexity "
                    f"{seg.quadrant.complexity} in its ruleset, not the one of {where}",
                    v.span, hint="move it to the position of its own quadrant, or correct the ruleset",
                )
            if (rid, sid) in seen:
                self.sink.report(
                    "SR707",
                    f"segment {sid!r} of {rid} appears in two positions (first at line {seen[(rid, sid)].line}): "
                    "the crosswalk must be one-to-one",
                    v.span, hint="each segment belongs to exactly one position",
                )
                continue
            seen[(rid, sid)] = v.span
            out.append((rid, sid))
        named = {rid for rid, _ in out} | {k.value for k, _ in node.items}
        for rid in listed:
            if rid not in named:
                self.sink.report(
                    "SR706", f"{where} names no segment of {rid}: the crosswalk must be total", node.span,
                    hint=f"add the line `{rid}: <segment id>`",
                )
        return out

    def totality(self, positions: list[tuple[Position, YMap]], listed: dict, rulesets: dict) -> None:
        placed = {(rid, sid) for p, _ in positions for rid, sid in p.segments}
        for rid, node in listed.items():
            rs = rulesets.get(rid)
            if rs is None:
                continue
            for s in rs.segments:
                if (rid, s.id) not in placed:
                    q = (f" (its quadrant: resources {s.quadrant.resources}, complexity {s.quadrant.complexity})"
                         if s.quadrant is not None else "")
                    self.sink.report(
                        "SR706",
                        f"segment {s.id!r} of {rid} appears in no position{q}: the crosswalk must be total",
                        node.span, hint="name it under the position of its quadrant",
                    )


DEFAULT_PATH = Path("rulesets") / "crosswalk.yaml"
"""Where the crosswalk of the shipped rulesets is, relative to a checkout."""
