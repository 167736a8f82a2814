"""The difference between two versions as one self-contained HTML page (``segrules diff --report``).

The page says, in the chosen language (fi, sv, en): the verdict, both versions' identities,
the transition matrix with every cell's exact count and share of the answer space (fitting
the page: outcomes proven empty throughout are listed, not drawn), and every cell that moves
with its count, the regions it lies in (in the model's own terms) and an example answer set
with its scores in both versions. Every text is escaped; the page loads nothing from elsewhere.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Any

from .. import __version__
from ..engine.runtime import format_number
from ..i18n import check_lang, count as _count, text as _t
from .counting import share_text
from .diff import INVALID, REGIONS_SHOWN, SCHEMA, outcome_text, side_scores_text
from .html import _CSS
from .model import size_text
from .words import methods_text, reason_text, region_text

__all__ = ["diff_html", "diff_section"]

#: The matrix fits the page: fixed columns that share its width, numbers that wrap between
#: the count and the share, headers that wrap between words.
_MATRIX_CSS = """
.matrix table { table-layout: fixed; font-size: 0.86em; }
.matrix th, .matrix td { overflow-wrap: anywhere; padding: 0.25em 0.35em; }
.matrix td { text-align: right; }
.matrix td.status { white-space: normal; }
.matrix .share { display: block; font-weight: normal; color: #555555; }
ul.regions { margin: 0.2em 0 0.4em 0; }
table.answers { width: auto; font-size: 0.92em; }
"""


def diff_html(difference: Any, *, lang: str = "en", generated_at: dt.datetime | None = None) -> str:
    """The page: a title, the software and schema, and ``diff_section``."""
    lang = check_lang(lang)
    out = [
        "<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>segrules: {escape(_t(lang, 'diff.title'))}</title>", f"<style>{_CSS}{_MATRIX_CSS}</style>",
        "</head>", "<body>", f"<h1>{escape(_t(lang, 'diff.title'))}</h1>",
    ]
    meta = _t(lang, "diff.meta", version=__version__, schema=SCHEMA)
    if generated_at is not None:
        meta += " · " + _t(lang, "diff.generated", time=generated_at.isoformat())
    out.append(f'<p class="muted">{escape(meta)}</p>')
    out.extend(diff_section(difference, lang))
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def diff_section(d: Any, lang: str = "en") -> list[str]:
    """The section of one ``Difference``."""
    out: list[str] = ['<section id="diff">']
    add = out.append
    css = {True: "proven", False: "failed"}.get(d.equal, "undecided")
    add(f'<p class="verdict {css}">{escape(d.verdict(lang))}</p>')
    add('<dl class="identity">')
    for key, v in (("diff.old", d.old), ("diff.new", d.new)):
        add(f"<dt>{escape(_t(lang, key))}</dt><dd><code>{escape(v.id)}</code> {escape(v.version)}"
            f"{' · <code>' + escape(v.file) + '</code>' if v.file else ''}<br>"
            f"SHA-256 <code>{escape(v.content_hash)}</code></dd>")
    add(f"<dt>{escape(_t(lang, 'diff.method'))}</dt><dd>{escape(methods_text(d.method.split('+'), lang))}</dd>")
    for key, ids in (("diff.only_old", d.inputs_only_old), ("diff.only_new", d.inputs_only_new),
                     ("diff.changed", d.inputs_changed)):
        if ids:
            add(f"<dt>{escape(_t(lang, key))}</dt><dd>{escape(', '.join(ids))}</dd>")
    add("</dl>")
    out.extend(_matrix(d, lang))
    add(f'<p class="muted">{escape(d.counts_text(lang))} '
        f"{escape(_t(lang, 'diff.valid_only', invalid=outcome_text(INVALID, lang)))}</p>")
    if d.moved:
        add(f"<h3>{escape(_t(lang, 'diff.moved'))}</h3>")
        for c in d.moved:
            out.extend(_moved(d, c, lang))
    if d.notes:
        add(f"<h3>{escape(_t(lang, 'diff.note'))}</h3><ul>" + "".join(f"<li>{escape(reason_text(n, lang))}</li>" for n in d.notes) + "</ul>")
    add("</section>")
    return out


def _matrix(d: Any, lang: str) -> list[str]:
    rows, columns, hidden = d.matrix_axes()
    out = ['<div class="matrix">', "<table>"]
    out.append(f"<tr><th>{escape(_t(lang, 'diff.corner'))}</th>"
               + "".join(f"<th>{escape(outcome_text(c, lang))}</th>" for c in columns) + "</tr>")
    cells = {(c.old, c.new): c for c in d.cells}
    for r in rows:
        row = [f"<th>{escape(outcome_text(r, lang))}</th>"]
        for col in columns:
            c = cells.get((r, col))
            if c is None:
                row.append("<td></td>")
            elif c.status == "empty":
                row.append(f'<td class="status ok" title="{escape(_t(lang, "diff.empty"))}">–</td>')
            elif c.status == "undecided":
                row.append(f'<td class="status undecided" title="{escape(_t(lang, "diff.undecided_cell"))}">?</td>')
            elif c.count is None:
                row.append(f'<td class="status {"failed" if c.moved else ""}">{escape(_t(lang, "diff.some"))}</td>')
            else:
                row.append(f'<td class="status {"failed" if c.moved else ""}">{escape(size_text(c.count, lang))}'
                           f'<span class="share">{escape(share_text(c.count, d.answer_sets or 0, lang))}</span></td>')
        out.append("<tr>" + "".join(row) + "</tr>")
    out += ["</table>", "</div>"]
    out.append(f'<p class="muted">{escape(_t(lang, "diff.legend_page"))}</p>')
    if hidden:
        out.append(f'<p class="muted">{escape(_t(lang, "diff.hidden", outcomes=", ".join(outcome_text(k, lang) for k in hidden)))}</p>')
    return out


def _moved(d: Any, c: Any, lang: str) -> list[str]:
    out = ['<div class="finding">',
           f"<p><strong>{escape(outcome_text(c.old, lang))} → {escape(outcome_text(c.new, lang))}</strong>: "
           f"{escape(d.count_text(c, lang))}</p>"]
    if c.regions:
        items = [f"<li>{escape(_t(lang, 'diff.where'))} <code>{escape(region_text(region, lang))}</code>: {escape(size_text(n, lang))} "
                 f"({escape(share_text(n, d.answer_sets or 0, lang))})</li>" for region, n in c.regions[:REGIONS_SHOWN]]
        if len(c.regions) > REGIONS_SHOWN:
            items.append(f"<li>{escape(_count(lang, 'diff.more_regions', len(c.regions) - REGIONS_SHOWN))}</li>")
        out.append('<ul class="regions">' + "".join(items) + "</ul>")
    out.append(f"<p>{escape(_t(lang, 'diff.example'))}:</p>")
    answers = "".join(f"<tr><th><code>{escape(k)}</code></th><td>{escape(_value(v))}</td></tr>"
                      for k, v in (c.witness or {}).items())
    out.append(f'<table class="answers">{answers}</table>')
    if c.scores is not None and any(c.scores):
        for key, values in (("diff.old", c.scores[0]), ("diff.new", c.scores[1])):
            shown = side_scores_text(values, lang) or "-"
            out.append(f"<p>{escape(_t(lang, 'diff.scores'))} ({escape(_t(lang, key))}): {escape(shown)}</p>")
    out.append("</div>")
    return out


def _value(v: Any) -> str:
    if v is True:
        return "true"
    if v is False:
        return "false"
    return format_number(v)
