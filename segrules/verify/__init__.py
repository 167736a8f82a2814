"""The verifier: proves that every possible answer set maps to exactly one segment.

``verify(ruleset)`` decides, over the entire finite answer space, the checks listed in
``model.CHECKS``, with two independent methods: the SMT prover (``smt.py``, ``prover.py``),
whose proofs are what a passed check rests on, and an exact counting method (small spaces
enumerated outright, larger ones by the structural method, ``structure.py``), which gives the
counts, regions and score plane and must agree with the prover wherever both decide
(``verdict.py``). Every failure comes with a witness answer set that is re-run through the
reference evaluator before it is reported, and a ruleset beyond the budget is undecided."""

from __future__ import annotations

import time

import attrs

from ..dsl import ast
from ..engine import reference
from ..engine.compile import compile_ruleset
from ..engine.runtime import Ruleset
from ..errors import AnswerError, EvaluationError, SegrulesError
from ..progress import NO_PROGRESS, Progress
from .brute import enumerate_tally, outcome_of
from .model import CHECKS, Check, Finding, InternalInconsistency, RuleRef, VerificationReport, size_text
from .space import AnswerSpace, Tally
from .influence import InfluenceChecker
from .budget import AUTO_ENUMERATION, Budget, TimeLimit, Undecided
from .structure import StructuralVerifier
from . import smt
from .prover import Witnesses, prove
from .verdict import PROVED_CHECKS, combine
from .words import scores_text
from .counting import sizes_of

#: ``method="auto"`` enumerates answer spaces of at most this many answer sets.
ENUMERATION_LIMIT = AUTO_ENUMERATION

#: The steps ``verify`` tells its ``progress``, in order: the SMT prover's checks (the rules
#: that fire and those masked are one), then the exact counting method (all checks at once).
PROGRESS_STEPS = ("totality", "completeness", "exclusivity", "masked_rules", "segments_reachable", "inputs_used",
         "exact_counts")

__all__ = ["verify", "PROGRESS_STEPS", "VerificationReport", "Check", "Finding", "ScorePlane", "ENUMERATION_LIMIT", "Budget", "Undecided",
           "TimeLimit"]


@attrs.define
class ScorePlane:
    """Reachable (resources, complexity) points and the segment each maps to (None: a gap or overlap)."""

    resources: str
    complexity: str
    points: dict = attrs.Factory(dict)  # (Fraction, Fraction) → set of segment ids / None

    def add(self, points, segment) -> None:
        """Record that ``segment`` (None: a gap or an overlap) is reached at each of ``points``."""
        for p in points:
            self.points.setdefault(p, set()).add(segment)


def verify(
    ruleset: Ruleset | ast.RulesetDef, *, method: str = "auto", plane: bool = True,
    budget: Budget | float | None = None, progress: Progress = NO_PROGRESS, hints: Witnesses | None = None,
) -> VerificationReport:
    """Verify a loaded ruleset (or a checked definition). ``method``: auto, structural, enumeration, smt.

    Every method runs beside the SMT prover, whose proofs (or enumeration's) are the only
    ground for a passed check (``verdict.py``); ``smt`` runs the prover alone, without counts.

    ``budget``: a Budget (work budgets in solver units, answer sets and structural steps, and
    a time limit as a safety stop), or a time limit in seconds with the default work budgets.
    Beyond a work budget checks are undecided; at the time limit the report says
    ``stopped`` and gives no verdict. ``progress`` is told each of ``PROGRESS_STEPS`` as it begins.
    ``hints``: the ``witnesses`` of the report of an earlier version, which the prover tries
    before asking its solver (``prover.Witnesses``); no check gets another verdict from them.
    """
    budget = Budget.of(budget)
    rs = ruleset.definition if isinstance(ruleset, Ruleset) else ruleset
    if not rs.checked:
        raise ValueError("verify needs a checked ruleset: load it with segrules.load")
    started = time.perf_counter()
    space = AnswerSpace(rs)
    size = space.size()
    notes: list[str] = []
    score_plane = ScorePlane(rs.axes.resources, rs.axes.complexity) if (plane and rs.axes) else None
    use = method
    if method == "auto":
        use = "enumeration" if budget.enumerate_first(size) else "structural"
    proving = time.perf_counter()
    smt_checks, smt_missing, solver, witnesses = _run_smt(rs, budget, notes, progress, hints)
    proving = time.perf_counter() - proving
    counting = time.perf_counter()
    progress.step("exact_counts")
    tally = Tally(rs)
    undecided_reason = None
    undecided_budget = None
    if budget.stopped:
        pass  # the report says stopped (below)
    elif use == "smt":
        undecided_reason = "the counting methods were not run (method smt)"
    elif use == "enumeration":
        try:
            tally = enumerate_tally(rs, budget)
        except Undecided as exc:
            undecided_reason, undecided_budget = str(exc), exc.budget
            tally = Tally(rs)
            score_plane = None
        if score_plane is not None and not budget.stopped:
            try:
                StructuralVerifier(rs, space, budget=budget).run(Tally(rs), score_plane)
            except (Undecided, RecursionError):  # the picture is optional; the proof stands
                score_plane = None
    else:
        try:
            sv = StructuralVerifier(rs, space, plane=score_plane is not None, budget=budget)
            sv.run(tally, score_plane)
            if not _one_result(tally):
                InfluenceChecker(sv).run(tally)
        except Undecided as exc:
            undecided_reason, undecided_budget = str(exc), exc.budget
            score_plane = None
            if method == "auto" and not budget.stopped and budget.enumerable(size):
                # exhaustive where cheap: the compiled engine goes through the whole space
                try:
                    tally = enumerate_tally(rs, budget)
                except Undecided:
                    tally = Tally(rs)
                else:
                    notes.append(f"the structural method gave up ({undecided_reason}), so every one of the "
                                 f"{size_text(size)} answer sets was evaluated")
                    use, undecided_reason, undecided_budget = "enumeration", None, None
        except RecursionError:
            undecided_reason = "the expressions are nested too deeply for the verifier's evaluation"
            score_plane = None
        except MemoryError:
            undecided_reason = "the verifier ran out of memory"
            score_plane = None
    if budget.stopped:
        return _stopped(rs, size, use, budget, started, solver, method)
    if undecided_reason is None and use != "smt" and _one_result(tally):
        # every answer set that evaluates gets the same result: no change of any answer can
        # change it, so every input is unused, without comparing a single pair
        tally.influential.clear()
        tally.undecided_inputs.clear()
    exact_method = "enumeration" if use == "enumeration" else "structural"
    internal = None
    try:
        if undecided_reason is None and tally.counted != size:
            raise InternalInconsistency(
                f"the verifier accounted for {tally.counted} answer sets out of {size}", code="SR690"
            )
        exact = _checks(rs, tally, undecided_reason, undecided_budget)
        counts = None if undecided_reason else sizes_of(rs, tally, exact_method)
    except InternalInconsistency as exc:
        # a bug in the counting method: its answers are set aside, and nothing it could have
        # confirmed is proven; failures the SMT prover shows with a witness still stand
        internal = f"SR690: the {exact_method} method contradicted itself: {exc}"
        notes.append(internal)
        exact = _checks(rs, Tally(rs), internal)
        score_plane = None
        counts = None
    counting = time.perf_counter() - counting
    checks = combine(exact, exact_method, smt_checks, smt_missing)
    if any(f.witness is not None for c in checks if c.name in PROVED_CHECKS for f in c.findings):
        compiled = ruleset.compiled if isinstance(ruleset, Ruleset) else compile_ruleset(rs)
        checks = [_through_decide(rs, compiled, c, notes) for c in checks]
    if internal:
        checks = [
            Check(c.name, "undecided", f"not proven: {internal}", c.findings) if c.status == "passed" and c.name in PROVED_CHECKS
            else c for c in checks
        ]
    if undecided_reason and use != "smt":
        notes.append(f"beyond the exact method's budgets: {undecided_reason}")
    if use == "enumeration" and (undecided_reason is not None or method == "auto" and not budget.enumerate_first(size)):
        pass
    elif use == "enumeration" and method == "enumeration":
        notes.append(f"enumeration was forced (method enumeration): every one of the {size_text(size)} "
                     "answer sets was evaluated")
    elif use == "enumeration":
        notes.append(f"the answer space ({size_text(size)} answer sets) is within the enumeration budget, "
                     "so every answer set was evaluated")
    return VerificationReport(
        rs.id, rs.version, rs.content_hash, rs.source, rs.hit_policy, size, use, tuple(checks),
        time.perf_counter() - started, score_plane, tuple(notes), solver, forced=method != "auto",
        budget=budget.to_json(), counted=use != "smt" and undecided_reason is None and internal is None,
        counts=counts, not_counted=None if counts is not None else (internal or undecided_reason),
        timings=(("proving", proving), ("counting", counting)), witnesses=witnesses,
    )


def _one_result(tally: Tally) -> bool:
    """Every answer set that evaluates without error gets the same result (one segment, or the
    same gap or overlap), as the whole space's exact tally shows."""
    results = len(tally.segments) + (1 if tally.gap_count else 0) + len(tally.overlaps)
    return results <= 1


def _stopped(rs: ast.RulesetDef, size: int, use: str, budget: Budget, started: float, solver, method: str):
    """The report of a run the time limit stopped: no verdict on any check the methods decide
    (which of them were done by then depends on the machine), the others as they are."""
    why = (f"stopped: the time limit of {budget.seconds:g} s was reached (a safety stop, not a budget); "
           "no verdict; rerun with a longer time limit")
    checks = []
    for name, _ in CHECKS:
        if name == "pathways_labels":
            checks.append(_pathways_check(rs))
        elif name == "examples":
            checks.append(_examples_check(rs))
        else:
            checks.append(Check(name, "stopped", "stopped: time limit", budget="time_limit"))
    return VerificationReport(
        rs.id, rs.version, rs.content_hash, rs.source, rs.hit_policy, size, use, tuple(checks),
        time.perf_counter() - started, None, (why,), solver, forced=method != "auto",
        budget=budget.to_json(), stopped="time limit", counted=False, not_counted="stopped: time limit",
    )


def _run_smt(rs: ast.RulesetDef, budget: Budget, notes: list, progress: Progress,
             hints: Witnesses | None = None) -> tuple[dict | None, str | None, str | None, Witnesses | None]:
    """The SMT prover's checks and witnesses, or None and the reason it could not run (never raises)."""
    missing = smt.unavailable_reason()
    if missing:
        notes.append(f"SR620: {missing}; checks are proven only by enumerating a small answer space")
        return None, f"SR620: {missing}", None, None
    try:
        result = prove(rs, budget=budget, progress=progress, hints=hints)
    except TimeLimit:
        return None, "stopped: time limit", smt.solver_version(), None
    except Exception as exc:  # the verdict then rests on nothing: undecided, never a crash
        reason = f"SR621: the SMT prover stopped: {type(exc).__name__}: {exc}"
        notes.append(reason)
        return None, reason, smt.solver_version(), None
    notes.append(f"SMT prover ({result.solver}): {result.calls} solver calls")
    for problem in result.problems:
        notes.append(f"SR693: {problem}")
    return result.checks, None, result.solver, result.witnesses


_EXPECTED_CODE = {"completeness": "SR401", "exclusivity": "SR402"}


def _through_decide(rs: ast.RulesetDef, compiled, check: Check, notes: list) -> Check:
    """Every witness of the check run through ``decide`` as the user would run it (validation
    and the compiled engine): it must be accepted as a complete, valid answer set and give the
    finding (a gap SR401, an overlap SR402, an evaluation error its code), or, for a question
    whose asking cannot be evaluated, be refused for exactly that. A witness that does not is
    never shown: the check is undecided (SR690, a bug in segrules)."""
    if check.name not in PROVED_CHECKS or not any(f.witness is not None for f in check.findings):
        return check
    shown = []
    for f in check.findings:
        shown.append(f)
        if f.witness is None:
            continue
        expect = _EXPECTED_CODE.get(check.name, f.code)
        asked = "cannot tell whether input" in f.message
        if asked:
            f = shown[-1] = attrs.evolve(f, witness=_with_required_answers(rs, f.witness, f.code))
        try:
            compiled.decide(dict(f.witness))
            ok = False
        except AnswerError as exc:
            ok = asked and any(p.code == f.code for p in exc.problems)
        except EvaluationError as exc:
            ok = not asked and exc.code == expect
        if not ok:
            why = (f"SR690: the witness {f.witness} of {check.name!r} does not reproduce its finding through "
                   "decide; it is not shown (a bug in segrules)")
            notes.append(why)
            return Check(check.name, "undecided", f"not proven: {why}", (), budget=check.budget)
        if not asked:
            shown[-1] = attrs.evolve(f, scores=scores_text(rs, f.witness))
    return attrs.evolve(check, findings=tuple(shown))


def _with_required_answers(rs: ast.RulesetDef, witness: dict, code: str) -> dict:
    """The witness of a question whose asking cannot be evaluated (the answers that decide
    which questions are asked) with an answer, the first of its domain, to each question it
    leaves asked and unanswered: ``decide`` on it then shows that problem and no missing
    answer beside it. As it was where that does not hold."""
    done = dict(witness)
    for _ in rs.inputs:
        try:
            reference.validate_answers(rs, done)
            return witness
        except AnswerError as exc:
            if not any(p.code == code for p in exc.problems):
                return witness
            missing = [p.input for p in exc.problems if p.code == "SR304" and p.input not in done]
        if not missing:
            return dict(sorted(done.items()))
        for i in missing:
            domain = rs.input(i).domain
            done[i] = False if domain.kind == "boolean" else next(iter(domain.values))
    return witness


def _confirm(rs: ast.RulesetDef, finding: Finding, expect) -> Finding:
    """Re-run a witness through validation and the reference evaluator; it must show the problem."""
    if finding.witness is None:
        return finding
    try:
        values = reference.validate_answers(rs, finding.witness)
    except AnswerError as exc:
        if expect == "asked":
            return finding
        raise InternalInconsistency(f"a witness is not a valid answer set: {exc}", code="SR690") from None
    full = {i.id: values.get(i.id) for i in rs.inputs}
    out = outcome_of(rs, full)
    ok = expect(out)
    if not ok:
        raise InternalInconsistency(
            f"a witness does not reproduce the finding {finding.message!r}: reference gives {out!r}", code="SR690"
        )
    return finding


def _checks(rs: ast.RulesetDef, tally: Tally, undecided: str | None, ran_out: str | None = None) -> list[Check]:
    if undecided:
        out = []
        for name, what in CHECKS:
            if name in ("pathways_labels", "examples"):
                continue
            if name == "masked_rules" and rs.hit_policy != "first":
                out.append(Check(name, "not_applicable", "only for hit policy first"))
                continue
            if name == "exclusivity" and rs.hit_policy == "first":
                out.append(Check(name, "not_applicable", "hit policy first takes the first rule that holds"))
                continue
            out.append(Check(name, "undecided", f"not decided: {undecided}", budget=ran_out))
        return out + [_pathways_check(rs), _examples_check(rs)]

    checks = []
    segs = lambda out: _segments_of(rs, out)

    # totality
    findings = []
    for (code, _), (finding, count) in sorted(tally.errors.items()):
        if count:
            finding = _confirm(rs, finding, lambda out, c=code: isinstance(out, EvaluationError) and out.code == c)
        else:
            finding = _confirm(rs, finding, "asked")
        findings.append(attrs.evolve(finding, answer_sets=count or None))
    checks.append(Check(
        "totality", "failed" if findings else "passed",
        f"{len(findings)} kind(s) of evaluation error" if findings else "every answer set evaluates without error",
        tuple(findings),
    ))

    # completeness
    gaps = []
    for g, count in tally.gaps.values():
        g = _confirm(rs, g, lambda out: not isinstance(out, EvaluationError) and not _segments_of(rs, out))
        gaps.append(attrs.evolve(g, answer_sets=count))
    checks.append(Check(
        "completeness", "failed" if gaps else "passed",
        f"{size_text(tally.gap_count)} answer set(s) get no segment" if gaps else "every answer set gets a segment",
        tuple(gaps),
    ))

    # exclusivity / masked rules
    if rs.hit_policy == "unique":
        overlaps = []
        for segset, (finding, count) in sorted(tally.overlaps.items(), key=lambda kv: sorted(kv[0])):
            finding = _confirm(rs, finding, lambda out, s=segset: not isinstance(out, EvaluationError) and segs(out) == set(s))
            overlaps.append(attrs.evolve(finding, answer_sets=count))
        checks.append(Check(
            "exclusivity", "failed" if overlaps else "passed",
            f"{size_text(sum(f.answer_sets for f in overlaps))} answer set(s) satisfy the rules of two or more segments"
            if overlaps else "no answer set satisfies the rules of two segments",
            tuple(overlaps),
        ))
        checks.append(Check("masked_rules", "not_applicable", "only for hit policy first"))
    else:
        checks.append(Check("exclusivity", "not_applicable", "hit policy first takes the first rule that holds"))
        masked = [
            Finding(f"rule {r.index + 1} never fires: whenever it holds, an earlier rule holds too",
                    rules=(RuleRef.of(r),), code="SR603", subject=str(r.index + 1))
            for r in rs.rules if r.index in tally.rules_hold and r.index not in tally.rules_first
        ]
        checks.append(Check(
            "masked_rules", "failed" if masked else "passed",
            f"{len(masked)} rule(s) are masked by earlier rules" if masked else "no rule is masked by earlier rules",
            tuple(masked),
        ))

    # reachability
    unreached = [
        Finding(f"segment {s.id!r} is never reached: no answer set leads to it", code="SR604", subject=s.id)
        for s in rs.segments if s.id not in tally.segments
    ]
    checks.append(Check(
        "segments_reachable", "failed" if unreached else "passed",
        f"{len(unreached)} segment(s) can never be reached" if unreached else "every segment is reached by some answer set",
        tuple(unreached),
    ))
    # (under `first`, a rule that holds but never first is reported by masked_rules)
    dead = [
        Finding(f"rule {r.index + 1} never holds for any answer set", rules=(RuleRef.of(r),), code="SR605",
                subject=str(r.index + 1))
        for r in rs.rules if r.index not in tally.rules_hold
    ]
    checks.append(Check(
        "rules_fire", "failed" if dead else "passed",
        f"{len(dead)} rule(s) can never fire" if dead else "every rule holds for some answer set", tuple(dead),
    ))

    # inputs used
    unused = []
    undecided_inputs = []
    for inp in rs.inputs:
        if inp.id in tally.influential:
            continue
        if inp.id in tally.undecided_inputs:
            undecided_inputs.append(inp.id)
            continue
        unused.append(Finding(
            f"input {inp.id!r} is unused: no change of its answer alone changes the segment",
            code="SR606", subject=inp.id,
        ))
    # an input not decided either way is named, also when other inputs are proven unused
    not_decided = [
        Finding(f"could not decide whether input {i!r} can change the result: {tally.undecided_inputs[i]}",
                code="SR610", subject=i)
        for i in undecided_inputs
    ]
    also = f"; not decided for {', '.join(undecided_inputs)}" if undecided_inputs else ""
    if unused:
        status, summary = "failed", f"{len(unused)} input(s) can never change the result{also}"
    elif undecided_inputs:
        status = "undecided"
        summary = (f"could not decide for {', '.join(undecided_inputs)}: "
                   + tally.undecided_inputs[undecided_inputs[0]])
    else:
        status, summary = "passed", "every input can change the result"
    checks.append(Check("inputs_used", status, summary, tuple(unused + not_decided)))
    checks.append(_pathways_check(rs))
    checks.append(_examples_check(rs))
    return checks


def _segments_of(rs: ast.RulesetDef, matched) -> set:
    """Segments a matched-rules result places the answer set in (first policy: the first)."""
    if rs.hit_policy == "first":
        return {rs.rules[matched[0]].segment} if matched else set()
    return {rs.rules[i].segment for i in matched}


def _pathways_check(rs: ast.RulesetDef) -> Check:
    pathways = {p.segment for p in rs.pathways}
    findings = []
    for s in rs.segments:
        if s.id not in pathways:
            findings.append(Finding(f"segment {s.id!r} has no pathway", code="SR607", subject=s.id))
        if not s.label.fi.strip():
            findings.append(Finding(f"segment {s.id!r} has no Finnish label", code="SR607", subject=s.id))
    for p in rs.pathways:
        for name in ("contact", "coordination", "self_care"):
            if not getattr(p, name).fi.strip():
                findings.append(Finding(f"the pathway of {p.segment!r} has no Finnish {name}", code="SR607", subject=p.segment))
    return Check(
        "pathways_labels", "failed" if findings else "passed",
        "every segment has a pathway and Finnish labels" if not findings else f"{len(findings)} problem(s)",
        tuple(findings),
    )


def _examples_check(rs: ast.RulesetDef) -> Check:
    findings = []
    for ex in rs.examples:
        try:
            got = reference.decide_segment(rs, ex.answer_dict)
        except SegrulesError as exc:
            findings.append(Finding(f"example {ex.name!r}: {exc.code} {exc}", ex.answer_dict, code="SR608", subject=ex.name))
            continue
        if got != ex.expect:
            findings.append(Finding(
                f"example {ex.name!r} expects {ex.expect!r} but gets {got!r}", ex.answer_dict, code="SR608", subject=ex.name,
            ))
    if not rs.examples:
        return Check("examples", "passed", "the ruleset has no examples")
    return Check(
        "examples", "failed" if findings else "passed",
        f"{len(findings)} of {len(rs.examples)} example(s) fail" if findings else f"all {len(rs.examples)} examples pass",
        tuple(findings),
    )
