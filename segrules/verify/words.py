"""The words of a verification report in the reader's language (segrules.i18n).

The verifier writes its summaries, findings and notes in English (the JSON and the English
report show them as they are). For Finnish and Swedish they are said again from what they
are about (the check, its status, the finding's code and subject, the budget that ran out),
with the catalogue's texts, so that ``--lang fi`` prints no English sentence. Paths are shown
as the user gave them when relative, and relative to the working folder (or by their name
alone) when not, so that no machine path reaches a report.
"""

from __future__ import annotations

import os
import re

from ..i18n import count, text
from .model import Check, Finding, VerificationReport, size_text

__all__ = ["region_text", "method_text", "methods_text", "check_name", "check_summary", "finding_message", "note_text",
           "reason_text", "shown_path", "method_name"]


def check_name(name: str, lang: str) -> str:
    """A check's name for a reader in ``lang`` (in English its id, as the JSON names it)."""
    key = f"checkname.{name}"
    return text(lang, key) if key in _keys(lang) else name


def region_text(region: str, lang: str = "en") -> str:
    """A region as a report shows it: in the rule language's notation, which reads the same in
    every language, bar the region with no condition, said in ``lang``."""
    from .regions import EVERYWHERE

    return text(lang, "region.everywhere") if region == EVERYWHERE else region


def shown_path(path: str | None) -> str | None:
    """A path as a report shows it: never absolute (relative to the working folder when under
    it, else the file's name alone)."""
    if not path or not os.path.isabs(path):
        return path
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive
        rel = None
    if rel is not None and not rel.startswith(os.pardir):
        return rel
    return os.path.basename(path)


def shown_command(command) -> list[str]:
    """The command line as the user typed it, with every absolute path made relative."""
    return [shown_path(a) if os.path.isabs(a) else a for a in command]


def method_name(method: str, lang: str) -> str:
    return text(lang, f"by.{method}") if f"by.{method}" in _keys(lang) else method


def methods_text(methods, lang: str) -> str:
    return " + ".join(method_name(m, lang) for m in methods)


def method_text(r: VerificationReport, lang: str) -> str:
    """What decided the checks, true to what happened: the counting method named as exact only
    when it finished."""
    if r.stopped:
        return text(lang, "method.stopped", method=method_name(r.method, lang))
    if r.method == "smt":
        return text(lang, "method.smt")
    if not r.counted:
        return text(lang, "method.gave_up", method=method_name(r.method, lang))
    return text(lang, f"method.{r.method}")


def check_summary(c: Check, lang: str) -> str:
    if lang == "en":
        return c.summary
    if c.status == "stopped":
        return text(lang, "sum.stopped")
    if c.status == "not_applicable":
        key = f"sum.na.{c.name}"
        return text(lang, key if key in _keys(lang) else "sum.na")
    if c.status == "passed" and c.name == "examples" and c.summary == "the ruleset has no examples":
        return text(lang, "no_examples")
    if c.status == "passed":
        key = f"sum.passed.{c.name}"
        return text(lang, key) if key in _keys(lang) else text(lang, "status.passed")
    if c.status == "failed":
        n = len([f for f in c.findings if f.code != "SR610"])
        key = f"sum.failed.{c.name}"
        out = count(lang, key if key in _keys(lang) else "sum.failed", n)
        counted = [f.answer_sets for f in c.findings if f.answer_sets is not None]
        if c.name in ("completeness", "exclusivity") and counted:
            n = sum(counted)
            out += f" ({count(lang, 'report.answer_sets', n, size=size_text(n, lang))})"
        return out
    if c.summary.startswith("not proven: "):  # what ran out, how big, and what the other method found
        subject, why = _SUBJECT.fullmatch(c.summary.removeprefix("not proven: ")).groups()
        why = reason_text(why, lang)
        if why != text(lang, "reason.other"):
            return text(lang, "sum.undecided.why", why=f"{subject or ''}{why}")
    if c.budget:
        return text(lang, "sum.undecided.budget", budget=budget_name(c.budget, lang))
    return text(lang, "sum.undecided")


#: An undecided check's reason, after the input it is about where there is one ("c1: the ...").
_SUBJECT = re.compile(r"([a-z][a-z0-9_]*: )?(.*)", re.DOTALL)


def budget_name(budget: str, lang: str) -> str:
    key = f"budget.{budget}"
    return text(lang, key) if key in _keys(lang) else budget


def finding_message(f: Finding, lang: str) -> str:
    if lang == "en":
        return f.message
    code = f.code or ""
    if code == "SR602":
        segments = sorted({r.segment for r in f.rules}) or _segments_in(f.message)
        return text(lang, "finding.SR602", segments=", ".join(segments))
    if code == "SR608":
        if m := _EXPECTS.fullmatch(f.message):
            got = m["got"] if m["got"] != "None" else text(lang, "outcome.none")
            return text(lang, "finding.SR608.expects", name=m["name"], expect=m["expect"], got=got.strip("'"))
        if m := _EXAMPLE_ERROR.fullmatch(f.message):
            from ..messages import translate

            return text(lang, "finding.SR608.error", name=m["name"], code=m["code"],
                        message=translate(m["code"], m["message"], lang))
    if f"finding.{code}" in _keys(lang):
        return text(lang, f"finding.{code}", subject=f.subject or "")
    # an evaluation error: its place (file:line:col) is shown as it is, in every language
    place = _PLACE.search(f.message)
    place = f" ({place['place']})" if place else ""
    if "cannot tell whether input" in f.message:
        return text(lang, "finding.asked", code=code) + place
    # the evaluation's own words ("input 'q2' has no answer, ..."), as decide says them
    from ..messages import translated

    inner = f.message[:len(f.message) - len(place)] if place else f.message
    inner = inner.removeprefix(f"{code}: ") if code else inner
    said = translated(code, inner, lang) if code else None
    if said is not None:
        return f"{code}: {said}{place}"
    return text(lang, "finding.error", code=code) + place


_EXPECTS = re.compile(r"example (?P<name>'.*'|\".*\") expects '(?P<expect>[^']*)' but gets (?P<got>.+)", re.DOTALL)
#: The place of an evaluation error at the end of its finding ("... (m.yaml:486:38)"), before
#: the part of the ruleset the prover names ("... (m.yaml:486:38) (in score complexity)")
_PLACE = re.compile(r" \((?P<place>[^()\n]+:\d+:\d+)\)(?: \(in [^()\n]*\))?\Z")
_EXAMPLE_ERROR = re.compile(r"example (?P<name>'.*'|\".*\"): (?P<code>SR\d{3}) (?P<message>.+)", re.DOTALL)


def _segments_in(message: str) -> list[str]:
    m = re.search(r"the rules of (.*) all hold", message)
    return [s.strip() for s in m.group(1).split(",")] if m else []


_SMT = re.compile(r"^SMT prover \((?P<solver>.*)\): (?P<n>\d+) solver calls$")
_SIZE = re.compile(r"\((?P<size>[\d ]+(?: \(\d+ digits\))?) answer sets\)|the (?P<size2>[\d ]+(?: \(\d+ digits\))?) answer sets")
_CODE = re.compile(r"^(?P<code>SR\d{3})\b")
_STOPPED = re.compile(r"time limit of (?P<seconds>[\d.]+) s")
_BUDGETS = (
    ("per-query solver budget", "solver_call"), ("solver budget", "solver"), ("structural budget", "steps"),
    ("enumeration budget", "answer_sets"), ("(the limit of cases)", "max_cases"), ("(the limit of states)", "max_states"),
    ("(the limit of product)", "max_product"),
)


def note_text(note: str, lang: str) -> str:
    """A note of the verifier in ``lang``, said again from what it is about."""
    if lang == "en":
        return note
    if m := _SMT.match(note):
        return text(lang, "note.smt", solver=m["solver"], n=m["n"])
    if note.startswith("stopped:"):
        m = _STOPPED.search(note)
        return text(lang, "note.stopped", seconds=m["seconds"] if m else "?")
    if note.startswith("beyond the exact method's budgets"):
        for words, budget in _BUDGETS:
            if words in note:
                return text(lang, "note.beyond", budget=budget_name(budget, lang))
        return text(lang, "note.beyond_other")
    if "answer sets was evaluated" in note or "answer sets) is within the enumeration budget" in note:
        m = _SIZE.search(note)
        size = _size_again((m["size"] or m["size2"]), lang) if m else ""
        return text(lang, "note.enumerated", size=size)
    if m := _CODE.match(note):
        return text(lang, "note.code", code=m["code"])
    return text(lang, "sum.undecided")  # pragma: no cover - every note the verifier writes is above


def _size_again(size: str, lang: str) -> str:
    """A count as ``size_text`` wrote it in English, written again in ``lang``."""
    return size_text(int(re.sub(r"\D", "", size.split("(")[0])), lang)


#: Why something was not counted or decided, as the verifier and ``diff`` say it in English:
#: (pattern, catalogue key); the named groups ``size`` and ``limit`` are counts, ``budget`` a
#: key of ``budget.*``, the others carried over as they are.
_REASONS: tuple[tuple[re.Pattern, str], ...] = tuple((re.compile(p), key) for p, key in (
    (r"counting was not asked for", "reason.not_asked"),
    (r"the solver did not decide; the structural count finds no answer set here, which is not a proof",
     "reason.not_a_proof"),
    (r"neither the solver nor a counting method could run", "reason.nothing_ran"),
    (r"the versions do not have the same inputs, and the joint count covers versions that ask the same questions",
     "reason.other_inputs"),
    (r"the answers or the asking of (?P<ids>.+) changed, and the joint count covers versions that ask the same "
     r"questions", "reason.changed_inputs"),
    (r"the two versions have (?P<size>.+) answer sets together, more than (?P<limit>.+) to enumerate", "reason.too_many"),
    (r"the expressions are nested too deeply.*", "reason.depth"),
    (r"the verifier ran out of memory", "reason.memory"),
    (r"stopped: .*", "sum.stopped"),
    (r"(?P<code>SR\d{3}): .*", "note.code"),
    (r"the SMT solver z3 is not installed.*", "reason.no_z3"),
    (r"the solver cannot encode the versions.*", "reason.encoding"),
    (r"the structural budget of .+ steps ran out.*", "reason.ran_out:steps"),
    (r"more than .+ \(the limit of (?P<kind>\w+)\)", "reason.ran_out:max_"),
    (r"the answer space \(.+ answer sets\) is larger than the enumeration budget.*", "reason.ran_out:answer_sets"),
    (r"the query reached the per-query solver budget.*", "reason.ran_out:solver_call"),
    (r"the solver budget of .+ ran out", "reason.ran_out:solver"),
    (r"the (?P<method>\w+) method found no problem", "reason.method.passed"),
    (r"the (?P<method>\w+) method reported a problem it cannot show with an answer set", "reason.method.unshown"),
    (r"the (?P<method>\w+) method did not decide either", "reason.method.undecided"),
))
#: A budget that ran out, with its size as the verifier states it ("of 1 000 rlimit units").
_RAN_OUT_SIZE = re.compile(r"the (?:solver|structural) budget of (?P<size>[\d ]+(?: \(\d+ digits\))?) "
                           r"(?P<unit>rlimit units|steps) ran out.*")


def reason_text(reason: str | None, lang: str) -> str | None:
    """Why the segment sizes or a cell of ``diff`` were not counted or decided, in ``lang``:
    said again from what ran out or what was missing, so that no English reason reaches a
    Finnish or Swedish report; reasons joined by "; " are said one by one."""
    if reason is None or lang == "en":
        return reason
    said = _reason(reason, lang)
    if said is not None:
        return said
    parts = [_reason(part, lang) for part in reason.split("; ")]
    return "; ".join(parts) if all(parts) else text(lang, "reason.other")


def _reason(reason: str, lang: str) -> str | None:
    for pattern, key in _REASONS:
        m = pattern.fullmatch(reason)
        if m is None:
            continue
        values = m.groupdict()
        if key.startswith("reason.ran_out:"):
            kind = values.pop("kind", "")
            budget = key.partition(":")[2] + kind
            sized = _RAN_OUT_SIZE.fullmatch(reason)
            if sized is not None and not kind:  # how big the budget was, as in English
                return text(lang, "reason.ran_out.size", budget=budget_name(budget, lang),
                            size=_size_again(sized["size"], lang))
            return text(lang, "reason.beyond" if kind else "reason.ran_out", budget=budget_name(budget, lang))
        if "method" in values:
            values["method"] = method_name(values["method"], lang)
        for name in ("size", "limit"):
            if name in values:
                values[name] = _size_again(values[name], lang)
        return text(lang, key, **values)
    return None


def scores_text(rs, answers: dict) -> str | None:
    """The scores of an answer set as the reference evaluator gives them, up to the first that
    fails (its code): how a witness or an example lies on the axes."""
    import json

    from ..engine import reference
    from ..engine.runtime import format_number
    from ..errors import EvaluationError

    scores: dict = {}
    parts = []
    for s in rs.scores:
        try:
            scores[s.id] = v = reference.evaluate(s.expr, answers, rs, scores)
        except EvaluationError as exc:
            parts.append(f"{s.id}: {exc.code}")
            break
        parts.append(f"{s.id} = {json.dumps(v, ensure_ascii=False) if isinstance(v, (bool, str)) else format_number(v)}")
    return ", ".join(parts) or None


def _keys(lang: str):
    from ..i18n import TEXTS

    return TEXTS[lang]
