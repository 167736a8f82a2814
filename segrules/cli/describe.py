"""``segrules describe``: a ruleset's inputs, scores, segments, rules and pathways."""

from __future__ import annotations

import argparse

from ..documents import describe_json
from ..dsl import ast
from ..dsl.printer import to_text as expr_text
from ..i18n import code_label, quadrant_text, text
from ..pipeline import load
from .common import pathway_lines, print_json, safe_lines, table

HELP = "print a ruleset's inputs, scores, segments, rules and pathways"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ruleset", metavar="RULESET")


def _domain_text(d: ast.Domain, lang: str) -> str:
    if d.kind == "integer":
        return text(lang, "integer", lo=d.values[0], hi=d.values[-1])
    if d.kind == "boolean":
        return text(lang, "boolean")
    if d.kind == "scale":  # the value labels are listed once, under Scales
        return text(lang, "scale", scale=d.scale, lo=d.values[0], hi=d.values[-1])
    return text(lang, "enum") + ": " + " | ".join(f"{v} ({lab.get(lang)})" for v, lab in zip(d.values, d.labels))


def describe_text(rs: ast.RulesetDef, lang: str) -> str:
    """A ruleset for a reader, in one language (what the ruleset's author wrote, and its file's
    name, with control characters and terminal escapes written out: ``safe_lines``)."""
    none = text(lang, "none")
    head = [
        (text(lang, "id"), rs.id),
        (text(lang, "version"), rs.version),
        ("sha256", rs.content_hash),
        (text(lang, "file"), str(rs.source)),
        (text(lang, "hit_policy"), code_label("hit_policy", rs.hit_policy, lang)),
    ]
    if rs.aliases:
        head.append((text(lang, "aliases"), ", ".join(rs.aliases)))
    width = max(len(n) for n, _ in head) + 2
    out = [f"{rs.title.get(lang)}"] + [f"  {n + ':':<{width}}{v}" for n, v in head]
    if rs.scales:
        out += ["", f"{text(lang, 'scales')} ({len(rs.scales)})"]
        for sc in rs.scales:
            title = f" ({sc.label.get(lang)})" if sc.label is not None else ""
            out.append(f"  {sc.id}{title}")
            out += table([(str(v.value), v.label.get(lang)) for v in sc.values], indent="      ")
    out += ["", f"{text(lang, 'inputs')} ({len(rs.inputs)})"]
    for i in rs.inputs:
        flags = [code_label("respondent", i.respondent, lang)] + ([text(lang, "optional")] if i.optional else [])
        out.append(f"  {i.id}  [{', '.join(flags)}]  {i.text.get(lang)}")
        out.append(f"      {_domain_text(i.domain, lang)}")
        if i.asked_when is not None:
            out.append(f"      {text(lang, 'asked_when')}: {expr_text(i.asked_when)}")
    if rs.groups:
        out += ["", f"{text(lang, 'groups')} ({len(rs.groups)})"]
        out += table([(g.id, ", ".join(g.members)) for g in rs.groups])
    if rs.scores:
        out += ["", f"{text(lang, 'scores')} ({len(rs.scores)})"]
        out += table([(s.id, "=", expr_text(s.expr), f"({s.label.get(lang)})") for s in rs.scores])
    if rs.axes:
        out += ["", f"{text(lang, 'axes')}: "
                f"{text(lang, 'axes_value', resources=rs.axes.resources, complexity=rs.axes.complexity)}"]
    out += ["", f"{text(lang, 'segments')} ({len(rs.segments)})"]
    seg_rows = [(text(lang, "id"), text(lang, "label"), text(lang, "service_use").lower(),
                 text(lang, "quadrant").lower(), text(lang, "aliases"))]
    for s in rs.segments:
        quadrant = quadrant_text(s.quadrant, lang) if s.quadrant else none
        seg_rows.append((s.id, s.label.get(lang), code_label("service_use", s.service_use, lang), quadrant,
                         ", ".join(s.aliases) or none))
    out += table(seg_rows)
    policy = f"{text(lang, 'hit_policy')}: {code_label('hit_policy', rs.hit_policy, lang)}"
    out += ["", text(lang, "rules_heading", n=len(rs.rules), policy=policy)]
    out += table([(f"{r.index + 1}.", r.text, f"({text(lang, 'line', n=r.span.line)})" if r.span else "")
                  for r in rs.rules])
    out += ["", text(lang, "pathways")]
    for p in rs.pathways:
        out.append(f"  {p.segment} ({rs.segment(p.segment).label.get(lang)})")
        out += pathway_lines(p, lang, indent="    ")
    return safe_lines("\n".join(out))


def run(args: argparse.Namespace) -> int:
    rs = load(args.ruleset).definition
    if args.json:
        print_json(describe_json(rs))
    else:
        print(describe_text(rs, args.lang))
    return 0
