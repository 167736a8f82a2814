"""The parts of the verification page that the exact counts and ``--suggest`` add: every
segment's size and share of the answer space, and the suggestions with their YAML changes,
in the report's language."""

from __future__ import annotations

from html import escape
from typing import Any

from ..i18n import text as _t
from .counting import ERROR, NONE, SEVERAL, share_text
from .diff import outcome_text
from .model import size_text
from .words import reason_text

__all__ = ["counts_section"]


def counts_section(r: Any, lang: str) -> list[str]:
    """The segment sizes (or why they are not counted) and, when asked for, the suggestions."""
    out = [f"<h3>{escape(_t(lang, 'verify.sizes'))}</h3>"]
    sizes = r.counts
    if sizes is None:
        out.append(f"<p>{escape(_t(lang, 'verify.not_counted', reason=reason_text(r.not_counted, lang) or ''))}</p>")
    else:
        out.append("<table>")
        out.append(f"<tr><th>{escape(_t(lang, 'sizes.outcome'))}</th><th>{escape(_t(lang, 'sizes.answer_sets'))}</th>"
                   f"<th>{escape(_t(lang, 'sizes.share'))}</th></tr>")
        rows = list(sizes.segments) + [(k, n) for k, n in ((NONE, sizes.no_segment),
                                                            (SEVERAL, sizes.several_segments),
                                                            (ERROR, sizes.errors)) if n]
        for key, n in rows:
            out.append(f"<tr><td><code>{escape(outcome_text(key, lang))}</code></td>"
                       f'<td style="text-align: right">{escape(size_text(n, lang))}</td>'
                       f'<td style="text-align: right">{escape(share_text(n, sizes.total, lang))}</td></tr>')
        out.append("</table>")
    found = r.suggestions
    if found is not None:
        out.append(f"<h3>{escape(_t(lang, 'suggest.title'))}</h3>")
        if not found.found:
            out.append(f"<p>{escape(found.format(lang))}</p>")
        for s in found.found:
            out.append('<div class="finding">')
            out.append(f"<p><strong>{escape(_t(lang, 'suggest.heading'))}</strong>: {escape(s.describe(lang))}</p>")
            out.append("<pre>" + escape("\n".join(e.format(s.file, lang) for e in s.edits)) + "</pre>")
            if s.sizes is not None:
                out.append(f"<p>{escape(_t(lang, 'suggest.sizes'))}: {escape(s.sizes.format(lang))}</p>")
            out.append("</div>")
    return out
