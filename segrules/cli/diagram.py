"""``segrules diagram``: a ruleset's quadrant as an SVG picture."""

from __future__ import annotations

import argparse
import sys

from ..diagram import gap_points, gaps_text, plane_of, quadrant_svg
from ..documents import ruleset_json
from ..files import check_output, write_text_atomic
from ..pipeline import load
from .common import print_json, safe_lines

HELP = "draw a ruleset's quadrant (score regions and their segments) as SVG"
DESCRIPTION = (
    "Draw the quadrant of a ruleset with axes as a standalone SVG picture: resources on "
    "the x axis, complexity on the y axis, every reachable score point coloured by its "
    "segment, the lines where the segment changes, and gaps or overlaps in red. "
    "Exit code 1 when the picture shows a gap or an overlap (the picture is written all the same)."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ruleset", metavar="RULESET")
    parser.add_argument("-o", "--output", metavar="FILE.svg", help="write the SVG to this file (default: standard output)")
    parser.add_argument("--force", action="store_true", help="let -o replace a file that holds a model")


def run(args: argparse.Namespace) -> int:
    if args.output:
        check_output(args.output, [args.ruleset], force=args.force)
    ruleset = load(args.ruleset)
    rs = ruleset.definition
    plane = plane_of(ruleset)
    svg = quadrant_svg(rs, plane, lang=args.lang)
    gaps = len(gap_points(plane))
    document = {"schema": "segrules.diagram/1", "ruleset": ruleset_json(rs), "lang": args.lang, "ok": gaps == 0,
                "gap_points": gaps}
    if args.output:
        write_text_atomic(args.output, svg, inputs=[args.ruleset], force=args.force)
        if args.json:
            print_json({**document, "file": args.output})
    elif args.json:
        print_json({**document, "svg": svg})
    else:
        print(svg, end="")
    if gaps:
        # like verify: a model with a gap or an overlap is not ready, whatever the picture
        print(safe_lines(f"{args.ruleset}: {gaps_text(plane, args.lang)}"), file=sys.stderr)
        return 1
    return 0
