"""The population report for people: a self-contained HTML page (no scripts, fonts or files
from elsewhere) and a plain-text summary, in Finnish, Swedish or English: the shares by
segment, the shares by each group, the quadrant with the population's density, the rejected
records by code, and the comparisons.
"""

from __future__ import annotations

import html
from fractions import Fraction

from ..diagram import segment_colours
from ..dsl import ast
from ..errors import UsageError, safe_text
from ..i18n import decimal_point, value_words
from . import ALL, NONE, REJECTED, TOTAL, PopulationReport, Table

def escape(text: str) -> str:
    """Text for the page: HTML's special characters escaped, and the control characters of a
    label or a data value written visibly as ``\\x1b``-style escapes, as on the terminal."""
    return html.escape(safe_text(str(text), None))


TEXTS = {
    "fi": {
        "title": "Väestöraportti", "ruleset": "Säännöstö", "version": "versio", "hash": "sisällön tiiviste",
        "records": "Tietueita", "segmented": "segmentoitu", "rejected": "hylätty",
        "by_segment": "Osuudet segmenteittäin", "by_group": "Osuudet ryhmittäin: {name}",
        "segment": "Segmentti", "count": "Lukumäärä", "share": "Osuus", "total": "Yhteensä", "missing": "(puuttuu)",
        "hidden": "alle {n} tai peitetty", "hidden_note": "Alle {n} tietueen solut on peitetty, samoin niin monta muuta solua, ettei mitään peitettyä lukua voi raportin muista luvuista rajata alle {n} levyiselle välille.",
        "audit": "Tarkastus: tarkka hyökkääjä (kokonaislukuoptimointi kaikilla raportin luvuilla) ei rajaa yhtäkään peitettyä lukua kapeammalle välille kuin {width} (kapein väli {lower}–{upper}; vaatimus vähintään {n}).",
        "audit_unbounded": "Tarkastus: tarkka hyökkääjä (kokonaislukuoptimointi kaikilla raportin luvuilla) ei saa yhdellekään peitetylle luvulle ylärajaa (vaatimus: väli vähintään {n}).",
        "audit_nothing": "Tarkastus: yhtään lukua ei ole peitetty, joten tarkalla hyökkääjällä (kokonaislukuoptimointi) ei ole mitään selvitettävää.",
        "quadrant": "Nelikenttä: tietueet pistemäärien mukaan", "resources": "voimavarat", "complexity": "kompleksisuus",
        "rejected_by_code": "Hylätyt tietueet virhekoodeittain", "code": "Koodi",
        "reference": "Vertailu odotettuun jakaumaan", "expected": "Odotettu", "observed": "Havaittu", "difference": "Ero (%-yks.)",
        "transitions": "Siirtymät mallin versioiden välillä", "from": "Nykyinen", "to": "Uusi", "moved": "Segmenttiä vaihtaisi {n} tietuetta.",
        "moved_hidden": "Segmenttiä vaihtavien määrä on peitetty.",
        "synthetic": "Raportti sisältää vain lukumääriä, ei yksittäisiä tietueita.",
    },
    "sv": {
        "title": "Befolkningsrapport", "ruleset": "Regeluppsättning", "version": "version", "hash": "innehållets hash",
        "records": "Poster", "segmented": "segmenterade", "rejected": "avvisade",
        "by_segment": "Andelar per segment", "by_group": "Andelar per grupp: {name}",
        "segment": "Segment", "count": "Antal", "share": "Andel", "total": "Totalt", "missing": "(saknas)",
        "hidden": "under {n} eller dold", "hidden_note": "Celler med under {n} poster är dolda, liksom så många andra celler att ingen dold siffra kan ringas in i ett intervall smalare än {n} med rapportens övriga siffror.",
        "audit": "Granskning: en exakt angripare (heltalsoptimering över alla siffror i rapporten) ringar inte in någon dold siffra i ett intervall smalare än {width} (smalast {lower}–{upper}; krav minst {n}).",
        "audit_unbounded": "Granskning: en exakt angripare (heltalsoptimering över alla siffror i rapporten) kan inte ge någon dold siffra en övre gräns (krav: intervall minst {n}).",
        "audit_nothing": "Granskning: ingen siffra är dold, så en exakt angripare (heltalsoptimering) har inget att räkna ut.",
        "quadrant": "Fyrfältsmodell: poster efter poäng", "resources": "resurser", "complexity": "komplexitet",
        "rejected_by_code": "Avvisade poster per felkod", "code": "Kod",
        "reference": "Jämförelse med förväntad fördelning", "expected": "Förväntad", "observed": "Observerad", "difference": "Skillnad (procentenheter)",
        "transitions": "Övergångar mellan modellversioner", "from": "Nuvarande", "to": "Ny", "moved": "{n} poster skulle byta segment.",
        "moved_hidden": "Antalet som byter segment är dolt.",
        "synthetic": "Rapporten innehåller endast antal, inga enskilda poster.",
    },
    "en": {
        "title": "Population report", "ruleset": "Ruleset", "version": "version", "hash": "content hash",
        "records": "Records", "segmented": "segmented", "rejected": "rejected",
        "by_segment": "Shares by segment", "by_group": "Shares by group: {name}",
        "segment": "Segment", "count": "Count", "share": "Share", "total": "Total", "missing": "(missing)",
        "hidden": "under {n} or hidden", "hidden_note": "Cells of fewer than {n} records are hidden, and so many other cells that the other numbers of the report narrow no hidden count to a range less than {n} wide.",
        "audit": "Audit: an exact attacker (integer programming over every number of this report) narrows no hidden count to a range less than {width} wide (narrowest {lower}–{upper}; at least {n} required).",
        "audit_unbounded": "Audit: an exact attacker (integer programming over every number of this report) finds no upper bound for any hidden count (a range at least {n} wide is required).",
        "audit_nothing": "Audit: no count is hidden, so an exact attacker (integer programming) has nothing to recover.",
        "quadrant": "The quadrant: records by their scores", "resources": "resources", "complexity": "complexity",
        "rejected_by_code": "Rejected records by error code", "code": "Code",
        "reference": "Compared with the expected distribution", "expected": "Expected", "observed": "Observed", "difference": "Difference (points)",
        "transitions": "Transitions between model versions", "from": "Current", "to": "New", "moved": "{n} records would change segment.",
        "moved_hidden": "The number of records changing segment is hidden.",
        "synthetic": "The report holds counts only, never a record.",
    },
}

HIDDEN_COLOUR = "#bdbdbd"


def percent(f: Fraction | None, lang: str = "en") -> str:
    """A share as a percent with one decimal (rounded half up, for display only), with the
    language's decimal separator (``36,7 %`` in fi and sv)."""
    if f is None:
        return "–"
    tenths = (f * 1000 + Fraction(1, 2)).__floor__()
    return f"{tenths // 10}{decimal_point(lang)}{tenths % 10} %"


def html_report(report: PopulationReport, ruleset: ast.RulesetDef, lang: str = "en") -> str:
    if lang not in TEXTS:
        raise UsageError(f"unknown language {lang!r}: use fi, sv or en", code="SR500")
    t = TEXTS[lang]
    colours = segment_colours(ruleset)
    label = {s: report.labels[s].get(lang) for s in report.segments}
    hidden_text = t["hidden"].format(n=report.min_cell)

    def cell_text(table: Table, r, c) -> str:
        n = table.count(r, c)
        return escape(hidden_text) if n is None else str(n)

    seg_name = lambda s: escape(label.get(s, s))
    parts = [
        "<!DOCTYPE html>", f'<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{escape(t['title'])}: {escape(ruleset.title.get(lang))}</title>",
        "<style>body{font-family:DejaVu Sans,Verdana,Arial,sans-serif;margin:2em;max-width:60em;color:#1a1a1a}"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}"
        "th:first-child,td:first-child{text-align:left}.hidden{color:#666;font-style:italic}</style></head><body>",
        f"<h1>{escape(t['title'])}: {escape(ruleset.title.get(lang))}</h1>",
        f"<p>{escape(t['ruleset'])} <code>{escape(report.ruleset_id)}</code> {escape(t['version'])} "
        f"<code>{escape(report.ruleset_version)}</code>, {escape(t['hash'])} <code>{escape(report.ruleset_hash)}</code></p>",
        f"<p>{escape(t['records'])}: {_number(report.records, hidden_text)}; {escape(t['segmented'])}: "
        f"{cell_text(report.overall, ALL, TOTAL)}; {escape(t['rejected'])}: "
        f"{_number(report.rejected_total, hidden_text)}.</p>",
        f"<p>{escape(t['hidden_note'].format(n=report.min_cell))} {escape(t['synthetic'])}</p>",
        f"<p>{escape(audit_line(report, lang))}</p>",
        f"<h2>{escape(t['by_segment'])}</h2>",
        _bars(report.overall, [ALL], report.segments, colours, label, hidden_text),
        _table_html(report.overall, report.segments, t, seg_name, cell_text, lambda r: escape(t["total"]), lang=lang),
    ]
    for table in report.tables[1:]:
        heading, value_name = _group_names(ruleset, table.name, lang)
        named = lambda r, f=value_name: escape(t["missing"]) if r == NONE else escape(f(str(r)))
        parts += [
            f"<h2>{escape(t['by_group'].format(name=heading))}</h2>",
            _bars(table, list(table.rows), report.segments, colours, label, hidden_text, row_name=named),
            _table_html(table, report.segments, t, seg_name, cell_text, named, lang=lang, total_row=True),
        ]
    if report.quadrant is not None:
        q = report.quadrant
        parts += [
            f"<h2>{escape(t['quadrant'])}</h2>",
            _density(q, t, ruleset, lang, hidden_text),
        ]
    if report.rejected:
        parts += [f"<h2>{escape(t['rejected_by_code'])}</h2>", "<table>",
                  f"<tr><th>{escape(t['code'])}</th><th>{escape(t['count'])}</th></tr>"]
        for code, n in sorted(report.rejected.items()):
            parts.append(f"<tr><td><code>{escape(code)}</code></td><td>{escape(hidden_text) if n is None else n}</td></tr>")
        parts.append("</table>")
    if report.reference is not None:
        parts += [f"<h2>{escape(t['reference'])}</h2>", "<table>",
                  f"<tr><th>{escape(t['segment'])}</th><th>{escape(t['expected'])}</th><th>{escape(t['observed'])}</th>"
                  f"<th>{escape(t['difference'])}</th></tr>"]
        for s in report.segments:
            exp = report.reference.get(s, Fraction(0))
            obs = report.overall.share(ALL, s)
            diff = "–" if obs is None else percent(obs - exp if obs >= exp else exp - obs, lang).replace(" %", "")
            if obs is not None and obs < exp:
                diff = "−" + diff
            parts.append(f"<tr><td>{seg_name(s)}</td><td>{percent(exp, lang)}</td><td>{percent(obs, lang)}</td><td>{diff}</td></tr>")
        parts.append("</table>")
    if report.transitions is not None:
        tr = report.transitions
        names = lambda s: escape(t["rejected"]) if s is REJECTED else escape(label.get(s, s))
        parts += [f"<h2>{escape(t['transitions'])}</h2>",
                  f"<p>{escape(t['from'])}: <code>{escape(tr.old)}</code><br>{escape(t['to'])}: <code>{escape(tr.new)}</code></p>",
                  _table_html(tr.table, tr.table.columns, t, names, cell_text, names, lang=lang, total_row=True)]
        moved = tr.moved
        parts.append(f"<p>{escape(t['moved'].format(n=moved) if moved is not None else t['moved_hidden'])}</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _number(n: int | None, hidden_text: str) -> str:
    return escape(hidden_text) if n is None else str(n)


def audit_line(report: PopulationReport, lang: str) -> str:
    """What the audit of the suppression found: the narrowest feasible interval that an exact
    attacker can give a hidden count from every number of the report."""
    t = TEXTS[lang]
    a = report.audit
    if a.lower is None:
        return t["audit_nothing"]
    if a.upper is None:
        return t["audit_unbounded"].format(n=a.min_cell)
    return t["audit"].format(width=a.width, lower=a.lower, upper=a.upper, n=a.min_cell)


def _table_html(table: Table, columns, t, col_name, cell_text, row_name, *, lang: str, total_row: bool = False) -> str:
    out = ["<table>", "<tr><th></th>" + "".join(f"<th>{col_name(c)}</th>" for c in columns) + f"<th>{escape(t['total'])}</th></tr>"]
    rows = list(table.rows) + ([TOTAL] if total_row else [])
    for r in rows:
        name = escape(t["total"]) if r == TOTAL else row_name(r)
        cells = []
        for c in list(columns) + [TOTAL]:
            n = table.count(r, c)
            share = table.share(r, c)
            text = cell_text(table, r, c) + ("" if share is None or c == TOTAL else f" ({percent(share, lang)})")
            cells.append(f'<td class="hidden">{text}</td>' if n is None else f"<td>{text}</td>")
        out.append(f"<tr><td>{name}</td>{''.join(cells)}</tr>")
    out.append("</table>")
    return "\n".join(out)


def _bars(table: Table, rows, segments, colours, label, hidden_text, *, row_name=None) -> str:
    """100 % stacked bars, one per row; hidden cells together as one grey part."""
    names = ["" if row_name is None else row_name(r) for r in rows]
    width, bar_h, left = 560, 22, 16 + 7 * max([len(n) for n in names] + [4])
    height = 10 + len(rows) * (bar_h + 8) + 30
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width + left + 20}" height="{height}" role="img">']
    y = 10
    for r in rows:
        total = table.count(r, TOTAL)
        name = names[rows.index(r)]
        out.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" font-size="12">{name}</text>')
        if total:
            x = Fraction(left)
            hidden = Fraction(0)
            for s in segments:
                n = table.count(r, s)
                if n is None:
                    hidden += 1
                    continue
                w = Fraction(width * n, total)
                if w:
                    out.append(f'<rect x="{float(x):.2f}" y="{y}" width="{float(w):.2f}" height="{bar_h}" fill="{colours[s]}">'
                               f"<title>{escape(label[s])}: {n}</title></rect>")
                x += w
            if hidden:
                out.append(f'<rect x="{float(x):.2f}" y="{y}" width="{float(left + width - x):.2f}" height="{bar_h}" '
                           f'fill="{HIDDEN_COLOUR}"><title>{escape(hidden_text)}</title></rect>')
        y += bar_h + 8
    lx = left
    for s in segments:
        out.append(f'<rect x="{lx}" y="{y + 4}" width="12" height="12" fill="{colours[s]}"/>'
                   f'<text x="{lx + 16}" y="{y + 14}" font-size="12">{escape(label[s])}</text>')
        lx += 24 + 8 * len(label[s])
    out.append("</svg>")
    return "\n".join(out)


def _density(q: Table, t, ruleset: ast.RulesetDef, lang: str, hidden_text: str) -> str:
    """The quadrant as a grid of regions, shaded by how many records each holds."""
    xs, ys = list(q.columns), sorted(q.rows, key=_region_order, reverse=True)
    xs = sorted(xs, key=_region_order)
    peak = max([q.count(r, c) or 0 for r in ys for c in xs] + [1])
    cw, ch, left, top = 120, 60, 90, 34
    axes = ruleset.axes
    x_label = "→ " + _score_label(ruleset, axes.resources, lang)
    y_label = "↑ " + _score_label(ruleset, axes.complexity, lang)
    width = max(left + cw * len(xs) + 20, 9 * max(len(x_label), len(y_label)) + 20)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{top + ch * len(ys) + 50}" role="img">',
           f'<text x="10" y="18" font-size="12">{escape(y_label)}</text>']
    for j, r in enumerate(ys):
        out.append(f'<text x="{left - 6}" y="{top + j * ch + ch / 2 + 4}" text-anchor="end" font-size="12">{escape(r)}</text>')
        for i, c in enumerate(xs):
            n = q.count(r, c)
            shade = 0 if not n else int(40 + 200 * n / peak)
            fill = HIDDEN_COLOUR if n is None else f"rgb({255 - shade},{255 - shade // 2},255)"
            text = escape(hidden_text) if n is None else str(n)
            out.append(f'<rect x="{left + i * cw}" y="{top + j * ch}" width="{cw}" height="{ch}" fill="{fill}" stroke="#888"/>'
                       f'<text x="{left + i * cw + cw / 2}" y="{top + j * ch + ch / 2 + 4}" text-anchor="middle" font-size="11">{text}</text>')
    for i, c in enumerate(xs):
        out.append(f'<text x="{left + i * cw + cw / 2}" y="{top + len(ys) * ch + 16}" text-anchor="middle" font-size="12">{escape(c)}</text>')
    out.append(f'<text x="{left}" y="{top + len(ys) * ch + 40}" font-size="12">{escape(x_label)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def _group_names(ruleset: ast.RulesetDef, column: str, lang: str):
    """A grouping column's heading and value names: an input's own text and answer labels
    where the column is one of the ruleset's inputs, else the column and values as they are."""
    for i in ruleset.inputs:
        if i.id == column:
            labels = {}
            for v, lab in zip(i.domain.values, i.domain.labels or (None,) * len(i.domain.values)):
                name = lab.get(lang) if lab is not None else value_words(v, lang) if isinstance(v, bool) else None
                if name is None:
                    continue
                # a yes/no answer as SQL writes it (true) and as Python does (True)
                for key in ((str(v).lower(), str(v)) if isinstance(v, bool) else (str(v),)):
                    labels[key] = name
            return f"{i.text.get(lang)} ({column})", lambda v: labels.get(v, v)
    return column, lambda v: v


def _score_label(ruleset: ast.RulesetDef, score: str, lang: str) -> str:
    for s in ruleset.scores:
        if s.id == score and s.label is not None:
            return s.label.get(lang)
    return score


def _region_order(name: str) -> tuple:
    """Regions in the order of their values: ``<a``, ``a..<b``, ``>=b``."""
    if name.startswith("<"):
        return (0, _frac(name[1:]))
    if name.startswith(">="):
        return (2, _frac(name[2:]))
    if ".." in name:
        return (1, _frac(name.split("..")[0]))
    return (1, Fraction(0))


def _frac(text: str) -> Fraction:
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        return Fraction(0)


def text_report(report: PopulationReport, ruleset: ast.RulesetDef, lang: str = "en") -> str:
    """The report's tables as plain text for a terminal."""
    if lang not in TEXTS:
        raise UsageError(f"unknown language {lang!r}: use fi, sv or en", code="SR500")
    t = TEXTS[lang]
    hidden = t["hidden"].format(n=report.min_cell)
    label = {s: report.labels[s].get(lang) for s in report.segments}

    def cell(table: Table, r, c) -> str:
        n = table.count(r, c)
        if n is None:
            return f"({hidden})"
        share = table.share(r, c)
        return str(n) if share is None or c == TOTAL else f"{n} ({percent(share, lang)})"

    def block(table: Table, heading: str, names) -> list[str]:
        # labels and data values with their control characters written visibly, before the
        # columns are measured
        rows = [("", *[safe_text(label[s], None) for s in report.segments], t["total"])]
        whole = table is report.overall
        for r in list(table.rows) + ([] if whole else [TOTAL]):
            name = t["total"] if r is TOTAL or (whole and r is ALL) else safe_text(names(r), None)
            rows.append((name, *[cell(table, r, s) for s in report.segments], cell(table, r, TOTAL)))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines = [heading]
        for row in rows:
            lines.append("  " + "  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(row, widths))).rstrip())
        return lines + [""]

    out = [
        f"{t['title']}: {ruleset.title.get(lang)}",
        f"{t['ruleset']} {report.ruleset_id} {t['version']} {report.ruleset_version}, {t['hash']} {report.ruleset_hash}",
        f"{t['records']}: {_plain(report.records, hidden)}; {t['segmented']}: {cell(report.overall, ALL, TOTAL)}; "
        f"{t['rejected']}: {_plain(report.rejected_total, hidden)}",
        t["hidden_note"].format(n=report.min_cell),
        audit_line(report, lang),
        "",
    ]
    out += block(report.overall, t["by_segment"], str)
    for table in report.tables[1:]:
        heading, value_name = _group_names(ruleset, table.name, lang)
        out += block(table, t["by_group"].format(name=heading),
                     lambda r, f=value_name: t["missing"] if r == NONE else f(str(r)))
    if report.rejected:
        out.append(t["rejected_by_code"])
        out += [f"  {code}: {_plain(n, hidden)}" for code, n in sorted(report.rejected.items())]
        out.append("")
    if report.reference is not None:
        out.append(t["reference"])
        for s in report.segments:
            out.append(f"  {label[s]}: {t['expected']} {percent(report.reference.get(s, Fraction(0)), lang)}, "
                       f"{t['observed']} {percent(report.overall.share(ALL, s), lang)}")
        out.append("")
    if report.transitions is not None:
        moved = report.transitions.moved
        out.append(t["transitions"])
        out.append("  " + (t["moved"].format(n=moved) if moved is not None else t["moved_hidden"]))
    return "\n".join(out).rstrip("\n") + "\n"


def _plain(n: int | None, hidden_text: str) -> str:
    """A count outside the tables, as the HTML page writes it: the number, or that it is hidden."""
    return hidden_text if n is None else str(n)
