"""``segrules describe``: a ruleset's inputs, scores, segments, rules and pathways."""

from __future__ import annotations

import argparse

from ..documents import describe_json
from ..dsl import ast
from ..dsl.printer import to_text as expr_text
from ..pipeline import load
from .common import add_lang, pathway_lines, print_json, table

HELP = "print a ruleset's inputs, scores, segments, rules and pathways"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ruleset", metavar="RULESET")
    add_lang(parser)


def _domain_text(d: ast.Domain, lang: str) -> str:
    if d.kind == "integer":
        return f"integer {d.values[0]}..{d.values[-1]}"
    if d.kind == "boolean":
        return "boolean: true | false"
    if d.kind == "scale":  # the value labels are listed once, under Scales
        return f"scale {d.scale}: {d.values[0]}..{d.values[-1]}"
    return "enum: " + " | ".join(f"{v} ({lab.get(lang)})" for v, lab in zip(d.values, d.labels))


def describe_text(rs: ast.RulesetDef, lang: str) -> str:
    """A ruleset for a reader, in one language."""
    out = [
        f"{rs.title.get(lang)}",
        f"  id:         {rs.id}",
        f"  version:    {rs.version}",
        f"  sha256:     {rs.content_hash}",
        f"  file:       {rs.source}",
        f"  hit policy: {rs.hit_policy}",
    ]
    if rs.aliases:
        out.append(f"  aliases:    {', '.join(rs.aliases)}")
    if rs.scales:
        out += ["", f"Scales ({len(rs.scales)})"]
        for sc in rs.scales:
            title = f" ({sc.label.get(lang)})" if sc.label is not None else ""
            out.append(f"  {sc.id}{title}")
            out += table([(str(v.value), v.label.get(lang)) for v in sc.values], indent="      ")
    out += ["", f"Inputs ({len(rs.inputs)})"]
    for i in rs.inputs:
        flags = ["optional"] if i.optional else []
        out.append(f"  {i.id}  [{i.respondent}{', ' + ', '.join(flags) if flags else ''}]  {i.text.get(lang)}")
        out.append(f"      {_domain_text(i.domain, lang)}")
        if i.asked_when is not None:
            out.append(f"      asked when: {expr_text(i.asked_when)}")
    if rs.groups:
        out += ["", f"Groups ({len(rs.groups)})"]
        out += table([(g.id, ", ".join(g.members)) for g in rs.groups])
    if rs.scores:
        out += ["", f"Scores ({len(rs.scores)})"]
        out += table([(s.id, "=", expr_text(s.expr), f"({s.label.get(lang)})") for s in rs.scores])
    if rs.axes:
        out += ["", f"Axes: resources = {rs.axes.resources}, complexity = {rs.axes.complexity}"]
    out += ["", f"Segments ({len(rs.segments)})"]
    seg_rows = [("id", "label", "service use", "quadrant", "aliases")]
    for s in rs.segments:
        quadrant = f"resources {s.quadrant.resources}, complexity {s.quadrant.complexity}" if s.quadrant else "-"
        seg_rows.append((s.id, s.label.get(lang), s.service_use, quadrant, ", ".join(s.aliases) or "-"))
    out += table(seg_rows)
    out += ["", f"Rules ({len(rs.rules)}, hit policy {rs.hit_policy})"]
    out += table([(f"{r.index + 1}.", r.text, f"(line {r.span.line})" if r.span else "") for r in rs.rules])
    out += ["", "Pathways"]
    for p in rs.pathways:
        out.append(f"  {p.segment} ({rs.segment(p.segment).label.get(lang)})")
        out += pathway_lines(p, lang, indent="    ")
    return "\n".join(out)


def run(args: argparse.Namespace) -> int:
    rs = load(args.ruleset).definition
    if args.json:
        print_json(describe_json(rs))
    else:
        print(describe_text(rs, args.lang))
    return 0
