"""The verification report as one self-contained HTML page, for auditors.

``html_report(reports, rulesets)`` writes, per ruleset: its identity (id, version, content
hash, file), the verdict, a table of every check, every finding with its witness answer set
as JSON, the rules involved (file:line), the region and the number of answer sets affected,
the method and the time taken, the verifier's notes, and the quadrant picture showing which
score regions map to which segment. Every text from a ruleset or a report is escaped; the page
loads nothing from elsewhere (no scripts, fonts, style sheets or images).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html import escape
from typing import Any, Iterable, Sequence

from .. import __version__
from ..dsl import ast
from ..i18n import code_label, quadrant_text
from ..i18n import text as _t
from .model import SCHEMA, Finding, VerificationReport, seconds_text, size_text
from .words import (check_summary, region_text, finding_message, method_text, methods_text, note_text, scores_text, shown_command,
                    shown_path)
from .report_parts import counts_section

__all__ = ["html_report", "software_versions"]

#: Where the canonical form behind the content hash is documented (in the segrules sources).
HASH_DOC = "docs/decision-record.md, section “The content hash”"
#: The recipe of that section, shown in the report so that an auditor can recompute the hash
#: with the standard library and PyYAML alone (a test keeps it equal to the documented one).
HASH_RECIPE = '''\
import hashlib
import json

import yaml


class RulesetLoader(yaml.SafeLoader):
    """PyYAML's safe loader, reading decimal numbers as segrules reads them."""


def _decimal(loader, node):
    return node.value  # a decimal number is hashed as it is written: 2.50 stays "2.50"


RulesetLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


def _keys_as_text(value):
    if isinstance(value, dict):
        return {str(k): _keys_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_keys_as_text(v) for v in value]
    return value


def content_hash(path):
    text = open(path, "rb").read().decode("utf-8-sig")
    document = _keys_as_text(yaml.load(text, Loader=RulesetLoader))
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
'''

_STATUS = {
    "passed": ("passed", "ok"),
    "failed": ("FAILED", "failed"),
    "undecided": ("UNDECIDED", "undecided"),
    "not_applicable": ("n/a", "na"),
}

_CSS = """
body { font-family: "DejaVu Sans", Verdana, Arial, Helvetica, sans-serif; color: #1a1a1a;
       margin: 2em auto; max-width: 64em; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.3em; margin-top: 2.2em; border-bottom: 2px solid #1a1a1a; padding-bottom: 0.2em; }
h3 { font-size: 1.05em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: 0.6em 0; width: 100%; table-layout: auto; }
th, td { border: 1px solid #bbbbbb; padding: 0.3em 0.5em; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; word-break: break-word; }
code, pre { white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; }
dd { overflow-wrap: anywhere; }
th { background: #f0f0f0; }
dl.identity { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
dl.identity dt { font-weight: bold; }
dl.identity dd { margin: 0; }
code, pre { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.92em; }
pre { background: #f6f6f6; border: 1px solid #dddddd; padding: 0.6em; overflow-x: auto;
      white-space: pre-wrap; word-break: break-word; }
.verdict { font-weight: bold; padding: 0.5em 0.8em; border-radius: 4px; display: inline-block; }
.verdict.proven { background: #dff3e4; border: 1px solid #1e7b34; color: #14532d; }
.verdict.failed { background: #fde2e2; border: 1px solid #b00020; color: #7f0015; }
.verdict.undecided { background: #fff4d6; border: 1px solid #9a6b00; color: #5c4000; }
td.status { font-weight: bold; white-space: nowrap; }
td.status.ok { color: #14532d; }
td.status.failed { color: #b00020; }
td.status.undecided { color: #7a5500; }
td.status.na { color: #666666; }
.finding { border-left: 4px solid #b00020; padding: 0.2em 0 0.2em 0.8em; margin: 1em 0; }
.finding p { margin: 0.3em 0; }
.muted { color: #555555; }
figure { margin: 1em 0; }
figure svg { max-width: 100%; height: auto; }
nav ul { padding-left: 1.2em; }
"""


def html_report(
    reports: Sequence[VerificationReport],
    rulesets: Iterable[Any] | None = None,
    *,
    lang: str = "en",
    generated_at: dt.datetime | None = None,
    command: Sequence[str] | None = None,
) -> str:
    """One self-contained HTML page for the given verification reports.

    ``rulesets`` are the loaded rulesets (``segrules.Ruleset``) or checked definitions the
    reports were made from, in the same order or in any order (they are matched by id and
    content hash); they give the labels and the quadrant picture. ``lang`` picks the labels
    of the rulesets (fi, sv or en). The page carries no time stamp unless ``generated_at`` is
    given, so the same reports give the same page. ``command`` (the argument list) is shown
    as the exact command that made the report; the software versions are always shown.
    Headings and verdicts are in ``lang`` (segrules.i18n); findings stay as the verifier
    wrote them.
    """
    defs = [_definition(r) for r in (rulesets or ()) if r is not None]
    by_key = {(d.id, d.content_hash): d for d in defs}
    reports = list(reports)
    proven = sum(1 for r in reports if r.proven)
    out: list[str] = []
    add = out.append
    add("<!DOCTYPE html>")
    add(f'<html lang="{escape(lang)}">')
    add("<head>")
    add('<meta charset="utf-8">')
    add('<meta name="viewport" content="width=device-width, initial-scale=1">')
    add(f"<title>segrules: {escape(_t(lang, 'verify.title'))}</title>")
    add(f"<style>{_CSS}</style>")
    add("</head>")
    add("<body>")
    add(f"<h1>{escape(_t(lang, 'verify.title'))}</h1>")
    meta = f"segrules {escape(__version__)} · {escape(SCHEMA)}"
    add(f'<p class="muted">{meta}</p>')
    out.extend(_audit_header(lang, generated_at, command))
    add(f"<p>{escape(_t(lang, 'report.intro'))}</p>")
    add(f"<p><strong>{escape(_t(lang, 'report.proven_count', proven=proven, total=len(reports)))}</strong></p>")

    if reports:
        t = lambda k: escape(_t(lang, k))  # noqa: E731
        add("<nav><table>")
        add(f"<tr><th>{t('report.ruleset')}</th><th>{t('report.version')}</th><th>{t('report.verdict')}</th>"
            f"<th>{t('report.file')}</th></tr>")
        for n, r in enumerate(reports):
            text, cls = _verdict(r, lang)
            add(
                f'<tr><td><a href="#{_anchor(n, r)}">{escape(r.ruleset_id)}</a></td><td>{escape(r.version)}</td>'
                f'<td class="status {"ok" if cls == "proven" else cls}">{escape(text)}</td>'
                f"<td><code>{escape(shown_path(r.source) or '')}</code></td></tr>"
            )
        add("</table></nav>")
    else:
        add(f"<p>{escape(_t(lang, 'report.none_verified'))}</p>")

    for n, r in enumerate(reports):
        d = by_key.get((r.ruleset_id, r.content_hash))
        if d is None and n < len(defs) and defs[n].id == r.ruleset_id:
            d = defs[n]
        out.extend(_section(n, r, d, lang))

    if reports:
        add('<section id="content-hash">')
        add(f"<h2>SHA-256</h2><p>{escape(_t(lang, 'report.hash'))} {escape(_hash_doc(lang))}.</p>")
        add(f"<pre>{escape(HASH_RECIPE)}</pre>")
        add("</section>")
    add("</body>")
    add("</html>")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- parts


def _definition(ruleset: Any) -> ast.RulesetDef:
    return ruleset.definition if hasattr(ruleset, "definition") else ruleset


def _anchor(n: int, r: VerificationReport) -> str:
    return f"r{n + 1}-" + re.sub(r"[^a-z0-9]+", "-", r.ruleset_id.lower()).strip("-")


def _hash_doc(lang: str) -> str:
    return HASH_DOC if lang == "en" else "docs/decision-record.md"


def _verdict(r: VerificationReport, lang: str = "en") -> tuple[str, str]:
    if r.stopped:
        return _t(lang, "verdict.stopped"), "undecided"
    if r.proven:
        return _t(lang, "verdict.proven"), "proven"
    if any(c.status == "failed" for c in r.checks):
        return _t(lang, "verdict.failed"), "failed"
    return _t(lang, "verdict.undecided"), "undecided"


def _code_title(code: str | None) -> str | None:
    if not code:
        return None
    try:
        from ..codes import CODES
    except ImportError:  # pragma: no cover - the catalogue ships with the package
        return None
    info = CODES.get(code)
    return info.title if info is not None else None


def _section(n: int, r: VerificationReport, d: ast.RulesetDef | None, lang: str) -> list[str]:
    out: list[str] = []
    add = out.append
    title = d.title.get(lang) if d is not None else r.ruleset_id
    add(f'<section id="{_anchor(n, r)}">')
    add(f"<h2>{escape(title)} <span class=\"muted\">({escape(r.ruleset_id)})</span></h2>")
    _, cls = _verdict(r, lang)
    add(f'<p class="verdict {cls}">{escape(_t(lang, r.verdict_key))}</p>')

    t = lambda k, **kw: escape(_t(lang, k, **kw))  # noqa: E731
    add('<dl class="identity">')
    rows = [
        (t("report.ruleset_id"), f"<code>{escape(r.ruleset_id)}</code>"),
        (t("report.version"), escape(r.version)),
        (t("report.content_hash"), f"<code>{escape(r.content_hash)}</code>"),
        (t("report.file"), f"<code>{escape(shown_path(r.source) or '')}</code>"),
        (t("report.hit_policy"), escape(code_label("hit_policy", r.hit_policy, lang))),
        (t("report.answer_space"), t("report.answer_sets", size=size_text(r.answer_space_size, lang))),
        (t("report.method"), escape(method_text(r, lang))),
        (t("report.time"), f"{seconds_text(r.seconds, lang)} s"),
    ]
    if d is not None and d.aliases:
        rows.insert(1, (t("report.aliases"), escape(", ".join(d.aliases))))
    if r.budget:
        rows.append((t("report.budgets"), "<br>".join(
            f"<code>{escape(k)}</code> = {escape(str(v) if v is not None else '–')}" for k, v in r.budget.items())))
    for k, v in rows:
        add(f"<dt>{k}</dt><dd>{v}</dd>")
    add("</dl>")

    if r.forced:
        add(f'<p class="verdict undecided">{escape(_t(lang, "verify.forced", method=r.method))}</p>')
    add(f'<p class="muted">{escape(_t(lang, "report.hash"))} <a href="#content-hash">{escape(_hash_doc(lang))}</a></p>')
    if d is not None:
        out.extend(_provenance(d, lang))

    # checks
    add(f"<h3>{escape(_t(lang, 'report.checks'))}</h3>")
    add("<table>")
    add(f"<tr><th>{t('report.check')}</th><th>{t('report.proves')}</th><th>{t('report.status')}</th>"
        f"<th>{t('report.decided_by')}</th><th>{t('report.summary')}</th></tr>")
    for c in r.checks:
        _, css = _STATUS.get(c.status, (c.status, "undecided"))
        label = _t(lang, f"status.{c.status}")
        by = methods_text(c.methods, lang) if c.status != "not_applicable" else ""
        add(
            f"<tr><td><code>{escape(c.name)}</code></td><td>{t('check.' + c.name)}</td>"
            f'<td class="status {css}">{escape(label)}</td><td>{escape(by)}</td>'
            f"<td>{escape(check_summary(c, lang))}</td></tr>"
        )
    add("</table>")

    # findings
    findings = [(c, f) for c in r.checks for f in c.findings]
    add(f"<h3>{t('report.findings')}</h3>")
    if not findings:
        add(f"<p>{t('report.no_findings')}</p>")
    for c, f in findings:
        out.extend(_finding(c.name, f, lang))
    out.extend(counts_section(r, lang))  # exact segment sizes, and suggestions when asked for

    # notes
    if r.notes:
        add(f"<h3>{t('report.notes')}</h3>")
        add("<ul>")
        for note in r.notes:
            add(f"<li>{escape(note_text(note, lang))}</li>")
        add("</ul>")

    # segments and the quadrant
    if d is not None:
        out.extend(_segments(d, lang))
        out.extend(_rules(d, lang))
        out.extend(_inputs(d, lang))
        out.extend(_examples(d, lang))
    out.extend(_quadrant(n, r, d, lang))
    add("</section>")
    return out


def _finding(check: str, f: Finding, lang: str = "en") -> list[str]:
    t = lambda k, **kw: escape(_t(lang, k, **kw))  # noqa: E731
    out = ['<div class="finding">']
    head = f"<strong>{escape(check)}</strong>: {escape(finding_message(f, lang))}"
    out.append(f"<p>{head}</p>")
    if f.code:
        title = _code_title(f.code) if lang == "en" else None
        code = f"<code>{escape(f.code)}</code>" + (f" {escape(title)}" if title else "")
        out.append(f'<p class="muted">{t("report.code")}: {code} (<code>segrules explain {escape(f.code)}</code>)</p>')
    if f.answer_sets is not None:
        out.append(f"<p>{t('report.affected')}: <strong>{escape(size_text(f.answer_sets, lang))}</strong></p>")
    if f.region:
        out.append(f"<p>{t('report.region')}: <code>{escape(region_text(f.region, lang))}</code></p>")
    if f.rules:
        out.append(f"<p>{t('report.rules_involved')}:</p>")
        out.append("<ul>")
        for rule in f.rules:
            where = f"{shown_path(rule.file)}:{rule.line}" if rule.file else _t(lang, "report.no_position")
            out.append(
                f"<li>{t('report.rule_at', n=rule.number)} <code>{escape(where)}</code>: <code>{escape(rule.text)}</code></li>"
            )
        out.append("</ul>")
    if f.witness is not None:
        witness = json.dumps(f.witness, ensure_ascii=False, sort_keys=True, indent=2, default=str)
        out.append(f"<p>{t('report.witness')}:</p>")
        out.append(f"<pre>{escape(witness)}</pre>")
        if f.scores:
            out.append(f"<p>{t('report.witness_scores')}: <code>{escape(f.scores)}</code></p>")
    out.append("</div>")
    return out


def _segments(d: ast.RulesetDef, lang: str) -> list[str]:
    t = lambda k: escape(_t(lang, k))  # noqa: E731
    out = [f"<h3>{t('report.segments')}</h3>", "<table>",
           f"<tr><th>{t('report.id')}</th><th>{t('report.label')}</th><th>{t('report.aliases')}</th>"
           f"<th>{t('report.quadrant')}</th><th>{t('report.service_use')}</th></tr>"]
    for s in d.segments:
        quadrant = quadrant_text(s.quadrant, lang) if s.quadrant is not None else "–"
        out.append(
            f"<tr><td><code>{escape(s.id)}</code></td><td>{escape(s.label.get(lang))}</td>"
            f"<td>{escape(', '.join(s.aliases) or '–')}</td><td>{escape(quadrant)}</td>"
            f"<td>{escape(code_label('service_use', s.service_use, lang))}</td></tr>"
        )
    out.append("</table>")
    return out


def _quadrant(n: int, r: VerificationReport, d: ast.RulesetDef | None, lang: str) -> list[str]:
    if d is None or d.axes is None:
        return []
    out = [f"<h3>{escape(_t(lang, 'report.plane'))}</h3>"]
    if r.plane is None:
        out.append(f"<p>{escape(_t(lang, 'report.plane_missing'))}</p>")
        return out
    from ..diagram import quadrant_svg

    svg = quadrant_svg(d, r.plane, lang=lang, id_prefix=f"q{n + 1}")
    svg = _inline_svg(svg)
    out.append(f"<p>{escape(_t(lang, 'report.plane_text'))}</p>")
    out.append(f"<figure>{svg}</figure>")
    return out


def _inline_svg(svg: str) -> str:
    """The SVG as an element of an HTML page: no XML declaration, no namespace URL."""
    svg = re.sub(r"^<\?xml[^>]*\?>\s*", "", svg)
    return svg.replace(' xmlns="http://www.w3.org/2000/svg"', "", 1).strip()


# --------------------------------------------------------------------------- two versions


def software_versions(lang: str = "en") -> list[tuple[str, str]]:
    """The versions a verification ran with: segrules, Python, PyYAML (and whether libyaml
    read the file), lark and the SMT solver."""
    import platform

    import lark
    import yaml

    from ..source import _LOADER
    from .smt import solver_version

    libyaml = _LOADER is getattr(yaml, "CSafeLoader", None)
    return [
        ("segrules", __version__),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("PyYAML", f"{yaml.__version__}, {_t(lang, 'report.libyaml')}: {_t(lang, 'report.yes' if libyaml else 'report.no')}"),
        ("lark", lark.__version__),
        ("SMT", solver_version() or "–"),
    ]


def _audit_header(lang: str, generated_at: dt.datetime | None, command: Sequence[str] | None) -> list[str]:
    import shlex

    out = ['<dl class="identity">']
    if generated_at is not None:
        out.append(f"<dt>{escape(_t(lang, 'report.generated'))}</dt><dd>{escape(generated_at.isoformat())}</dd>")
    if command is not None:
        out.append(f"<dt>{escape(_t(lang, 'report.command'))}</dt>"
                   f"<dd><code>{escape(shlex.join(shown_command(command)))}</code></dd>")
    versions = "<br>".join(f"{escape(k)} {escape(v)}" for k, v in software_versions(lang))
    out.append(f"<dt>{escape(_t(lang, 'report.versions'))}</dt><dd>{versions}</dd>")
    out.append("</dl>")
    return out


def _where(span) -> str:
    return f"{shown_path(span.file)}:{span.line}" if span is not None else ""


def _provenance(d: ast.RulesetDef, lang: str) -> list[str]:
    if not d.provenance:
        return []
    return [f"<h3>{escape(_t(lang, 'report.provenance'))}</h3>", f"<pre>{escape(d.provenance)}</pre>"]


def _rules(d: ast.RulesetDef, lang: str) -> list[str]:
    t = lambda k: escape(_t(lang, k))  # noqa: E731
    out = [f"<h3>{t('report.rules')}</h3>", "<table>",
           f"<tr><th>#</th><th>{t('report.segment')}</th><th>{t('report.rule')}</th><th>{t('report.where')}</th></tr>"]
    for rule in d.rules:
        out.append(f"<tr><td>{rule.index + 1}</td><td><code>{escape(rule.segment)}</code></td>"
                   f"<td><code>{escape(rule.text)}</code></td><td><code>{escape(_where(rule.span))}</code></td></tr>")
    out.append("</table>")
    return out


def _answers_of(inp: ast.Input, lang: str = "en") -> str:
    dom = inp.domain
    if dom.kind == "boolean":
        return _t(lang, "report.yes_no")
    values = list(dom.values)
    if dom.is_numeric and len(values) > 1 and values[-1] - values[0] + 1 == len(values):  # no gap
        return f"{values[0]} … {values[-1]}"
    return ", ".join(str(v) for v in values)


def _inputs(d: ast.RulesetDef, lang: str) -> list[str]:
    t = lambda k: escape(_t(lang, k))  # noqa: E731
    out = [f"<h3>{t('report.inputs')}</h3>", "<table>",
           f"<tr><th>{t('report.input')}</th><th>{t('report.question')}</th><th>{t('report.respondent')}</th>"
           f"<th>{t('report.answers')}</th><th>{t('report.asked_when')}</th><th>{t('report.where')}</th></tr>"]
    for inp in d.inputs:
        opt = f" ({t('report.optional')})" if inp.optional else ""
        asked = _expr_text(inp.asked_when) if inp.asked_when is not None else ""
        out.append(f"<tr><td><code>{escape(inp.id)}</code>{opt}</td><td>{escape(inp.text.get(lang))}</td>"
                   f"<td>{escape(code_label('respondent', inp.respondent, lang))}</td><td>{escape(_answers_of(inp, lang))}</td>"
                   f"<td><code>{escape(asked)}</code></td><td><code>{escape(_where(inp.span))}</code></td></tr>")
    out.append("</table>")
    return out


def _expr_text(e: Any) -> str:
    from ..dsl.printer import to_text

    return to_text(e)


def _example_scores(d: ast.RulesetDef, answers: dict) -> str:
    from ..engine import reference
    from ..errors import SegrulesError

    try:
        values = reference.validate_answers(d, answers)
    except SegrulesError as exc:
        return exc.code
    return scores_text(d, values) or "–"


def _examples(d: ast.RulesetDef, lang: str) -> list[str]:
    """Every example of the ruleset, run again here through the reference evaluator."""
    from ..errors import SegrulesError
    from ..engine import reference
    from ..messages import translate_error

    t = lambda k: escape(_t(lang, k))  # noqa: E731
    out = [f"<h3>{t('report.examples')}</h3>"]
    if not d.examples:
        return out + [f"<p>{t('report.no_examples')}</p>"]
    out += ["<table>", f"<tr><th>#</th><th>{t('report.answers')}</th><th>{t('report.expected')}</th>"
            f"<th>{t('report.got')}</th><th></th><th>{t('report.scores')}</th><th>{t('report.where')}</th></tr>"]
    for ex in d.examples:
        try:
            got = reference.decide_segment(d, ex.answer_dict)
        except SegrulesError as exc:
            got = translate_error(f"{exc.code}: {exc}", lang)
        ok = got == ex.expect
        mark = f'<td class="status {"ok" if ok else "failed"}">{t("report.passed" if ok else "report.example_failed")}</td>'
        out.append(f"<tr><td>{escape(ex.name)}</td>"
                   f"<td><code>{escape(json.dumps(ex.answer_dict, ensure_ascii=False, sort_keys=True))}</code></td>"
                   f"<td><code>{escape(ex.expect)}</code></td><td><code>{escape(str(got))}</code></td>{mark}"
                   f"<td>{escape(_example_scores(d, ex.answer_dict))}</td>"
                   f"<td><code>{escape(_where(ex.span))}</code></td></tr>")
    out.append("</table>")
    return out
