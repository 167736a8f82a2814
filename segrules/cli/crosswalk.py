"""``segrules crosswalk``: map a segment between regional models, or check the crosswalk."""

from __future__ import annotations

import argparse

from .. import rulesets as shipped
from ..crosswalk import DEFAULT_PATH, Crosswalk, check, load
from ..documents import ruleset_json
from ..dsl import ast
from ..i18n import count, quadrant_text, text
from .common import print_json, safe_lines, table

HELP = "map a segment of one regional model to another's, or check the crosswalk"
DESCRIPTION = (
    "Map a segment of one regional model to the segment of another model in the same "
    "quadrant (--from, --segment, --to), check the crosswalk against the rulesets (--check), "
    "or, with neither, print the whole crosswalk."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("crosswalk", nargs="?", metavar="CROSSWALK",
                        help=f"the crosswalk file (default {DEFAULT_PATH.as_posix()} where it exists, "
                        "else the crosswalk shipped with segrules)")
    parser.add_argument("--from", dest="from_ruleset", metavar="ID", help="the ruleset the segment belongs to")
    parser.add_argument("--segment", metavar="S", help="the segment: its id, an alias or a label")
    parser.add_argument("--to", dest="to_ruleset", metavar="ID", help="the ruleset to map to")
    parser.add_argument("--check", action="store_true", help="check that the crosswalk is total and one-to-one")
    parser.add_argument("--rulesets-dir", metavar="DIR", help="where to find the rulesets (default: the crosswalk's folder)")


def _segment_json(cw: Crosswalk, rid: str, s: ast.Segment) -> dict:
    return {
        "ruleset": ruleset_json(cw.rulesets[rid]),
        "segment": s.id,
        "label": s.label.to_json(),
        "aliases": list(s.aliases),
        "service_use": s.service_use,
    }


def default_crosswalk() -> str:
    """The checkout's crosswalk in the current folder, else the one shipped in the package."""
    if DEFAULT_PATH.is_file():
        return str(DEFAULT_PATH)
    return str(shipped.crosswalk_path())


def run(args: argparse.Namespace) -> int:
    lookup = (args.from_ruleset, args.segment, args.to_ruleset)
    if args.check and any(x is not None for x in lookup):
        args.parser.error("give either --check, or --from, --segment and --to")
    if any(x is not None for x in lookup) and not all(x is not None for x in lookup):
        args.parser.error("a lookup needs all three of --from, --segment and --to")
    path = args.crosswalk or default_crosswalk()

    if args.check:
        cw, diagnostics = check(path, args.rulesets_dir)
        ok = cw is not None
        if args.json:
            print_json({
                "schema": "segrules.crosswalk-check/1", "file": path, "ok": ok,
                "crosswalk": cw.to_json() if cw is not None else None,
                "diagnostics": [d.to_json(args.lang) for d in diagnostics],
            })
        else:
            for d in diagnostics:
                print(safe_lines(d.format(args.lang)))
            if ok:
                print(safe_lines(f"{path}: " + text(args.lang, "crosswalk_ok", rulesets=len(cw.ruleset_ids),
                                                           positions=len(cw.positions))))
            else:
                errors = sum(1 for d in diagnostics if d.is_error)
                print(safe_lines(f"{path}: {count(args.lang, 'crosswalk_invalid', errors)}"))
        return 0 if ok else 1

    cw = load(path, args.rulesets_dir)
    lang = args.lang
    if args.from_ruleset is not None:
        src = cw.resolve_ruleset(args.from_ruleset)
        dst = cw.resolve_ruleset(args.to_ruleset)
        sid = cw.resolve_segment(src, args.segment)
        position = cw.position_of(src, sid)
        tid = position.segment(dst)
        a, b = cw.rulesets[src].segment(sid), cw.rulesets[dst].segment(tid)
        if args.json:
            print_json({
                "schema": "segrules.crosswalk/1",
                "from": _segment_json(cw, src, a),
                "to": _segment_json(cw, dst, b),
                "quadrant": position.quadrant.to_json(),
            })
        else:
            print(safe_lines(f"{src} {a.id} ({a.label.get(lang)}) -> {dst} {b.id} ({b.label.get(lang)})"))
            print(f"  {text(lang, 'quadrant').lower()}: {quadrant_text(position.quadrant, lang)}")
            if b.aliases:
                print(safe_lines("  " + text(lang, "is_also_called", id=b.id, aliases=", ".join(b.aliases))))
        return 0

    if args.json:
        print_json({"schema": "segrules.crosswalk/1", "crosswalk": cw.to_json()})
        return 0
    rows = [(text(lang, "quadrant").lower(), *cw.ruleset_ids)]
    for p in cw.positions:
        rows.append((quadrant_text(p.quadrant, lang),
                     *(p.segment(rid) for rid in cw.ruleset_ids)))
    if cw.title is not None:
        print(safe_lines(cw.title.get(lang)))
    print(safe_lines("\n".join(table(rows, indent=""))))
    return 0
