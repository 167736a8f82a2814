"""What the workbench page shows about one text of a ruleset, as JSON documents.

``analyse`` loads the text as it is in the editor and returns every problem (with its line,
column and hint), the examples run, the segment sizes in a sample, the verifier's verdict
within a time limit, and the quadrant picture. ``try_answers`` says which questions are asked
with the answers given so far and, once they are complete, the decision. Both are plain
functions of the text, so the page and the tests see the same thing.
"""

from __future__ import annotations

import random
from typing import Any, Mapping

import attrs

from ..diagram import MAX_DIAGRAM_INPUTS, axis_inputs, quadrant_svg
from ..dsl import ast
from ..dsl.printer import to_text as expr_text
from ..engine.reference import _asked_order, evaluate
from ..engine.runtime import Ruleset, format_number
from ..errors import AnswerError, Diagnostic, EvaluationError, RulesetError, SegrulesError
from ..i18n import TEXTS as I18N, code_label, codes_label, count, text
from ..pipeline import load_text
from ..messages import translate, translate_error
from ..sampling import sample_answers
from ..verify import verify
from ..verify.model import seconds_text, size_text
from ..verify.words import check_name, check_summary, finding_message, method_text, note_text, region_text

#: Answer sets drawn for the segment sizes (seeded: the same text gives the same sizes).
SIZE_SAMPLE = 1000
SIZE_SEED = 1
#: Seconds the verifier may take for one analysis; beyond it, checks are undecided.
VERIFY_SECONDS = 5.0


def diagnostic_json(d: Diagnostic, lang: str) -> dict:
    """One problem for the page: code, severity, message, hint and its line and column; the
    message and the hint in ``lang`` (``segrules.messages``)."""
    doc = d.to_json(lang)
    doc["lang"] = lang
    return doc


def load(text: str, name: str) -> tuple[Ruleset | None, tuple[Diagnostic, ...]]:
    """The ruleset of an editor's text and every diagnostic (warnings included), never raising."""
    try:
        ruleset = load_text(text, name)
    except RulesetError as exc:
        return None, exc.diagnostics
    return ruleset, tuple(ruleset.warnings)


def analyse(text_: str, name: str, lang: str, *, seconds: float = VERIFY_SECONDS,
            loaded: tuple[Ruleset | None, tuple[Diagnostic, ...]] | None = None) -> dict:
    """Everything the page shows about one text (``segrules.workbench.analysis/1``)."""
    ruleset, diagnostics = loaded if loaded is not None else load(text_, name)
    doc: dict[str, Any] = {
        "schema": "segrules.workbench.analysis/1",
        "lang": lang,
        "ok": ruleset is not None,
        "errors": sum(1 for d in diagnostics if d.is_error),
        "warnings": sum(1 for d in diagnostics if not d.is_error),
        "diagnostics": [diagnostic_json(d, lang) for d in diagnostics],
        "ruleset": None, "examples": [], "sizes": None, "verify": None, "diagram": None,
        "diagram_problem": None, "form": [],
    }
    if ruleset is None:
        return doc
    rs = ruleset.definition
    doc["ruleset"] = {"id": rs.id, "version": rs.version, "content_hash": rs.content_hash,
                      "title": rs.title.get(lang)}
    doc["examples"] = examples_json(ruleset, lang)
    doc["sizes"] = sizes_json(ruleset, lang)
    doc["form"] = form_json(rs, lang)
    report = None
    try:
        report = verify(ruleset, budget=seconds)
    except Exception as exc:  # noqa: BLE001 - a verifier failure is shown, never a crash of the page
        reason = f"{exc.code}: {exc}" if isinstance(exc, SegrulesError) else f"{type(exc).__name__}: {exc}"
        doc["verify"] = {"proven": False, "error": reason}
    if report is not None:
        doc["verify"] = verify_json(report, lang, seconds)
    doc["diagram"], doc["diagram_problem"] = diagram(rs, report, lang)
    return doc


def examples_json(ruleset: Ruleset, lang: str = "en") -> list[dict]:
    """The ruleset's own examples run: name, expected, got, passed and the example's line;
    what went wrong in ``lang``."""
    return [
        {"name": r.example.name, "expect": r.example.expect, "got": r.got, "passed": r.passed,
         "error": translate_error(r.error, lang) if r.error else r.error,
         "line": r.example.span.line if r.example.span else None}
        for r in ruleset.run_examples()
    ]


def sizes_json(ruleset: Ruleset, lang: str, n: int = SIZE_SAMPLE) -> dict:
    """How many of ``n`` random valid answer sets (a seeded sample) each segment gets.

    A random answer set is drawn as ``segrules sample`` draws one, so the shares say how large
    each segment's part of the answer space is, not how many clients it would have; answer
    sets that get no segment or several (a gap or an overlap) are counted apart.
    """
    rs = ruleset.definition
    rng = random.Random(SIZE_SEED)
    counts = {s.id: 0 for s in rs.segments}
    none = 0
    for _ in range(n):
        try:
            counts[ruleset.segment_of(sample_answers(rs, rng))] += 1
        except SegrulesError:
            none += 1
    return {
        "n": n, "none": none,
        "segments": [{"id": s.id, "label": s.label.get(lang), "count": counts[s.id]} for s in rs.segments],
    }


def verify_json(report, lang: str, seconds: float) -> dict:
    """The verdict in words, each check with its status and the findings with their witnesses."""
    return {
        "proven": report.proven,
        "verdict": text(lang, report.verdict_key),
        "verdict_key": report.verdict_key,
        "seconds": round(report.seconds, 2),
        "limit": seconds,
        "space": text(lang, "verify.space", size=size_text(report.answer_space_size, lang), method=method_text(report, lang),
                      seconds=seconds_text(report.seconds, lang)),
        "checks": [
            {
                "name": c.name, "label": check_name(c.name, lang), "status": c.status,
                "status_text": text(lang, "status." + c.status),
                "summary": check_summary(c, lang),
                "findings": [
                    {"message": finding_message(f, lang), "region": region_text(f.region, lang) if f.region else None,
                     "witness": f.witness,
                     "answer_sets": size_text(f.answer_sets, lang) if f.answer_sets is not None else None,
                     "rules": [{"number": r.number, "line": r.line, "text": r.text} for r in f.rules]}
                    for f in c.findings
                ],
            }
            for c in report.checks
        ],
        "notes": [note_text(n, lang) for n in report.notes],
    }


def diagram(rs: ast.RulesetDef, report, lang: str) -> tuple[str | None, str | None]:
    """The quadrant picture from the verifier's score plane, or why there is none."""
    if rs.axes is None:
        return None, f"ruleset {rs.id!r} has no quadrant axes (SR702)"
    if len(axis_inputs(rs)) > MAX_DIAGRAM_INPUTS:
        return None, f"the axes read more than {MAX_DIAGRAM_INPUTS} inputs (SR525)"
    if report is None or report.plane is None:
        return None, "the score plane could not be computed within the time limit (SR702)"
    return quadrant_svg(rs, report.plane, lang, id_prefix="wb"), None


# --------------------------------------------------------------------------- the form


def _option_label(value: Any, label: ast.Labels | None, lang: str) -> str:
    """A choice as the form shows it: a scale's number with its words, an enum's words alone."""
    if isinstance(value, str):
        return label.get(lang) if label is not None else value
    shown = format_number(value)
    return f"{shown} – {label.get(lang)}" if label is not None else shown


def form_json(rs: ast.RulesetDef, lang: str) -> list[dict]:
    """One field per input, in the order of the file: the question, who answers, the choices."""
    fields = []
    for i in rs.inputs:
        d = i.domain
        field: dict[str, Any] = {
            "id": i.id, "text": i.text.get(lang), "help": i.help.get(lang) if i.help else None,
            "respondent": i.respondent, "respondent_text": code_label("respondent", i.respondent, lang),
            "optional": i.optional, "kind": d.kind,
            "asked_when": expr_text(i.asked_when) if i.asked_when is not None else None,
            "line": i.span.line if i.span else None,
        }
        if d.kind == "integer":
            field["min"], field["max"] = d.values[0], d.values[-1]
        elif d.kind == "boolean":
            field["options"] = [{"value": True, "label": None}, {"value": False, "label": None}]
        else:
            labels = d.labels or (None,) * len(d.values)
            field["options"] = [{"value": v, "label": _option_label(v, lab, lang)} for v, lab in zip(d.values, labels)]
        fields.append(field)
    return fields


def _allowed(inp: ast.Input, value: Any) -> bool:
    """Whether ``value`` is one of the input's own values (a yes/no answer is a bool, a number never one)."""
    return (type(value) in (int, bool, str) and isinstance(value, bool) == (inp.domain.kind == "boolean")
            and value in inp.domain.values)


def asked(rs: ast.RulesetDef, answers: Mapping[str, Any]) -> tuple[dict[str, bool], dict[str, Any]]:
    """Which inputs are asked with ``answers``, and the answers to the asked ones only.

    An ``asked_when`` is evaluated, as validation does, on the answers to the questions asked
    before it; one that reads a question not answered yet (or answered with a value it does
    not allow) leaves its question hidden until it is. Answers not allowed are kept for the
    decision to name them.
    """
    shown: dict[str, bool] = {}
    kept: dict[str, Any] = {}
    valid: dict[str, Any] = {}
    for inp in _asked_order(rs):
        on = True
        if inp.asked_when is not None:
            try:
                on = bool(evaluate(inp.asked_when, valid, rs))
            except SegrulesError:
                on = False
        shown[inp.id] = on
        if on and inp.id in answers:
            kept[inp.id] = answers[inp.id]
            if _allowed(inp, answers[inp.id]):
                valid[inp.id] = answers[inp.id]
    return {i.id: shown[i.id] for i in rs.inputs}, kept


def pathway_rows(p: ast.Pathway, lang: str) -> list[list[str]]:
    """A pathway as (name, text) rows in ``lang``: the fields it has, in their order."""
    names = I18N[lang]
    rows = []
    for f in attrs.fields(ast.Pathway):
        if f.name in ("segment", "span"):
            continue
        v = getattr(p, f.name)
        if v is None or v == ():
            continue
        if isinstance(v, ast.Labels):
            value = v.get(lang)
        elif isinstance(v, tuple) and all(isinstance(x, ast.Labels) for x in v):
            value = "; ".join(x.get(lang) for x in v)
        elif f.name in ("service_model", "service_menu", "channels"):
            value = codes_label(f.name, (v,) if isinstance(v, str) else v, lang)
        elif f.name == "reassess_after_months":
            value = count(lang, "months", v)
        else:
            value = str(v)
        rows.append([names.get(f.name, f.name), value])
    return rows


def try_answers(ruleset: Ruleset, answers: Mapping[str, Any], lang: str) -> dict:
    """The questions asked with these answers and, when the answers are complete, the decision
    (``segrules.workbench.try/1``); otherwise the problems that remain, each with its question."""
    rs = ruleset.definition
    shown, kept = asked(rs, answers)
    doc: dict[str, Any] = {"schema": "segrules.workbench.try/1", "asked": shown, "answers": kept,
                           "decision": None, "problems": [], "error": None}
    try:
        d = ruleset.decide(kept)
    except AnswerError as exc:
        texts = {i.id: i.text.get(lang) for i in rs.inputs}
        doc["problems"] = [{**p.to_json(), "message": translate(p.code, p.message, lang), "text": texts.get(p.input)}
                           for p in exc.problems]
        return doc
    except SegrulesError as exc:  # a gap, an overlap, a division by zero: what verify shows
        doc["error"] = {"code": exc.code, "message": translate(exc.code, str(exc), lang)}
        return doc
    doc["decision"] = {
        "segment": d.segment_id, "label": d.segment.label.get(lang),
        "explanation": d.explain(lang),
        "pathway": pathway_rows(d.pathway, lang),
        "scores": [[s.id, s.label.get(lang), format_number(d.scores[s.id])] for s in rs.scores if s.id in d.scores],
    }
    return doc
