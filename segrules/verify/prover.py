"""The checks as satisfiability queries over the SMT encoding (``smt.py``).

Each check asks the solver for an answer set with a property (a gap, an overlap, a segment,
an error, two answer sets that differ in one input with different results). A model is a
witness: it is decoded into an answer set and re-run through the reference evaluator, and
only a witness that reproduces counts. Unsatisfiable is a proof that no such answer set
exists. ``unknown`` (a timeout, or arithmetic beyond the solver) leaves the check undecided.
"""

from __future__ import annotations

import time

import attrs

from ..dsl import ast
from ..engine import reference
from ..errors import AnswerError, EvaluationError
from ..progress import NO_PROGRESS, Progress
from .brute import outcome_of
from .budget import Budget, Undecided
from .model import Finding, RuleRef, size_text
from .structure import outcome_result
from . import smt
from .smt import z3

#: Distinct overlapping sets of segments looked for.
MAX_OVERLAP_SETS = 12


@attrs.frozen
class SmtCheck:
    """One check as the SMT prover decided it (status passed, failed or undecided)."""

    name: str
    status: str
    summary: str
    findings: tuple[Finding, ...] = ()
    subjects: frozenset = frozenset()  # what the check is about: error keys, segments, rules, inputs
    reason: str | None = None  # why undecided
    undecided: frozenset = frozenset()  # segments, rules or inputs the solver could not decide
    budget: str | None = None  # the budget that ran out (budget.UNITS), where one did


@attrs.frozen
class Witnesses:
    """Answer sets that showed, in one proof, that a rule holds (and, under hit policy first,
    fires first), that a segment is reached and that an input changes the result.

    Proving the next version of the same file, each is tried first (``prove(..., hints=)``)
    and taken only when the reference evaluator shows the same of the new version, exactly
    as a solver's witness is checked; else the solver is asked as without it. A hint can
    only spare solver queries that would have found a witness: whatever fails or stays
    undecided is the solver's verdict, never a hint's."""

    rules: tuple = ()  # (rule index, answers)
    segments: tuple = ()  # (segment id, answers)
    inputs: tuple = ()  # (input id, answers, answers): the two differ in that input


@attrs.frozen
class SmtResult:
    checks: dict  # name → SmtCheck
    calls: int
    seconds: float
    solver: str
    problems: tuple[str, ...] = ()  # witnesses that did not reproduce (SR693)
    witnesses: Witnesses = Witnesses()  # what showed the passed checks, for the next version's proof


class SolverUnknown(Exception):
    """The solver could not tell; ``budget`` names the budget that ran out, if one did."""

    def __init__(self, message: str, budget: str | None = None):
        super().__init__(message)
        self.budget = budget


def _rlimit_count(solver) -> int:
    """The z3 resource units counted so far in the solver's context."""
    stats = solver.statistics()
    return int(stats.get_key_value("rlimit count")) if "rlimit count" in stats.keys() else 0


def solve_within(solver, budget: Budget, *extra):
    """A model of the solver's assertions and ``extra``, or None when there is none (a proof);
    raises SolverUnknown when the solver cannot tell.

    The query gets a z3 resource limit (``rlimit``) from the budget, and the units it used are
    counted against the budget: where a query runs out is the same on every machine. The
    wall-clock timeout is only the outer safety stop (``TimeLimit``)."""
    budget.check("the SMT solver was working")
    try:
        units = budget.solver_units()
    except Undecided as exc:
        raise SolverUnknown(str(exc), "solver") from None
    solver.set("rlimit", units or 0)  # 0: no limit
    left = budget.remaining()
    solver.set("timeout", 0 if left == float("inf") else max(1, int(left * 1000)))
    before = _rlimit_count(solver)
    budget.solver_calls += 1
    got = solver.check(*extra)
    used = _rlimit_count(solver) - before
    budget.spent_solver += used
    if got == z3.sat:
        return solver.model()
    if got == z3.unsat:
        return None
    if units and used >= units:
        if budget.solver is not None and budget.spent_solver >= budget.solver:
            raise SolverUnknown(f"the solver budget of {size_text(budget.solver)} rlimit units ran out", "solver")
        raise SolverUnknown(f"the query reached the per-query solver budget of {size_text(units)} rlimit units",
                            "solver_call")
    budget.check("the SMT solver was working")  # a timeout: the safety stop
    raise SolverUnknown(solver.reason_unknown() or "the solver could not decide")


class SmtProver:
    """Runs every check of ``model.CHECKS`` (bar pathways and examples) as solver queries."""

    def __init__(self, rs: ast.RulesetDef, *, budget: Budget | None = None, progress: Progress = NO_PROGRESS,
                 hints: Witnesses | None = None):
        reason = smt.unavailable_reason()
        if reason:
            raise RuntimeError(reason)
        self.rs = rs
        self.budget = budget if budget is not None else Budget()
        self.progress = progress
        self._calls_before = self.budget.solver_calls
        self.problems: list[str] = []
        self.seeds: list[dict] = []  # reproduced answer sets without errors, for inputs_used
        self._seed_results: dict = {}
        self.unknown_reason: str | None = None
        hints = hints or Witnesses()
        self._rule_hints, self._segment_hints = dict(hints.rules), dict(hints.segments)
        self._input_hints = {i: (a, b) for i, a, b in hints.inputs}
        # what showed each rule firing, segment reached and input used in this proof
        self._rules_shown: dict = {}
        self._segments_shown: dict = {}
        self._inputs_shown: dict = {}
        self.enc = smt.Encoding(rs, smt.AnswerVariables("x."), budget=self.budget)
        self.solver = z3.Solver(ctx=self.enc.ctx)
        self.solver.add(*self.enc.definitions)
        self.solver.add(self.enc.valid)

    # ------------------------------------------------------------------ solving

    def _solve(self, solver, *extra):
        """A model, None for unsat; raises SolverUnknown when the solver cannot tell."""
        return solve_within(solver, self.budget, *extra)

    def _find(self, *conds):
        return self._solve(self.solver, *conds)

    def _witness(self, model, inputs=None) -> dict:
        return self.enc.space.decode(model, inputs if inputs is not None else self.rs.inputs)

    def _outcome(self, answers: dict):
        """Reference outcome of a witness: matched rules or an EvaluationError; None if invalid."""
        try:
            values = reference.validate_answers(self.rs, answers)
        except AnswerError:
            return None
        return outcome_of(self.rs, {i.id: values.get(i.id) for i in self.rs.inputs})

    def _reproduces(self, what: str, answers: dict, ok: bool) -> bool:
        if ok and "a" not in answers:
            self.seeds.append(answers)
        if not ok:
            self.problems.append(f"{what}: the solver's witness {answers} does not reproduce under the reference evaluator")
        return ok

    def _holds(self, out, k: int) -> bool:
        """Whether rule ``k`` holds in a reference outcome (``_outcome``)."""
        return out is not None and not isinstance(out, EvaluationError) and k in out

    def _fires(self, out, k: int) -> bool:
        """Whether rule ``k`` fires in a reference outcome: holds, and under hit policy first
        is the first rule to hold."""
        return self._holds(out, k) and (self.rs.hit_policy != "first" or out[0] == k)

    def _reaches(self, answers: dict, segment: str) -> bool:
        """Whether ``answers`` get ``segment`` alone under the reference evaluator."""
        return self._segments(self._outcome(answers)) == {segment}

    def _segments(self, out) -> set:
        rs = self.rs
        if isinstance(out, EvaluationError) or out is None:
            return set()
        if rs.hit_policy == "first":
            return {rs.rules[out[0]].segment} if out else set()
        return {rs.rules[i].segment for i in out}

    # ------------------------------------------------------------------ the checks

    def run(self) -> SmtResult:
        started = time.perf_counter()
        checks = {}
        for name, fn in (
            ("totality", self.totality),
            ("completeness", self.completeness),
            ("exclusivity", self.exclusivity),
            ("masked_rules", self.rules_checks),
            ("segments_reachable", self.segments_reachable),
            ("inputs_used", self.inputs_used),
        ):
            self.progress.step(name)
            if name == "masked_rules":
                masked, fire = fn()
                checks["masked_rules"], checks["rules_fire"] = masked, fire
                continue
            checks[name] = fn()
        calls = self.budget.solver_calls - self._calls_before
        witnesses = Witnesses(tuple(sorted(self._rules_shown.items())), tuple(sorted(self._segments_shown.items())),
                              tuple((i, a, b) for i, (a, b) in sorted(self._inputs_shown.items())))
        return SmtResult(checks, calls, time.perf_counter() - started, smt.solver_version() or "",
                         tuple(self.problems), witnesses)

    def _undecided(self, name: str, exc: Exception) -> SmtCheck:
        return SmtCheck(name, "undecided", f"the SMT solver could not decide: {exc}", reason=str(exc),
                        budget=getattr(exc, "budget", None))

    def totality(self) -> SmtCheck:
        enc, rs = self.enc, self.rs
        findings, keys = [], set()
        try:
            # evaluation errors of valid answer sets, one query per (code, message)
            if self._find(enc.error != 0) is not None:
                groups: dict[tuple, list[int]] = {}
                for k, site in enumerate(enc.sites, 1):
                    groups.setdefault((site.code, site.message), []).append(k)
                for (code, message), ks in sorted(groups.items()):
                    model = self._find(z3.Or([enc.error == k for k in ks]))
                    if model is None:
                        continue
                    answers = self._witness(model)
                    out = self._outcome(answers)
                    ok = isinstance(out, EvaluationError) and out.code == code and str(out) == message
                    if not self._reproduces(f"{code} {message}", answers, ok):
                        continue
                    span = f" ({out.span})" if out.span else ""
                    where = enc.sites[model.eval(enc.error, model_completion=True).as_long() - 1].where
                    findings.append(Finding(
                        f"{code}: {message}{span}" + (f" (in {where})" if where else ""), answers, code=code,
                    ))
                    keys.add((code, message))
            # asked_when that cannot be evaluated: each question's condition, given valid answers
            # to the questions before it, one query per (question, code)
            queries = []
            for inp in enc.order:
                err = enc.asked_error[inp.id]
                if isinstance(err, int):
                    continue
                codes = sorted({enc.sites[k - 1].code for k in range(1, len(enc.sites) + 1)
                                if enc.sites[k - 1].where == f"asked_when of {inp.id}"})
                for code in codes:
                    ks = [k for k in enc.sites_with(code) if enc.sites[k - 1].where == f"asked_when of {inp.id}"]
                    queries.append((inp, code, enc.prefix_valid(inp.id), z3.Or([err == k for k in ks])))
            if len(queries) > 1 and self._none_holds([z3.And(prefix, error) for _, _, prefix, error in queries]):
                queries = []
            asked_solver = None
            for inp, code, prefix, error in queries:
                if asked_solver is None:  # without the validity of the whole answer set
                    asked_solver = z3.Solver(ctx=enc.ctx)
                    asked_solver.add(*enc.definitions)
                model = self._solve(asked_solver, prefix, error)
                if model is None:
                    continue
                before = []
                for i in enc.order:
                    if i.id == inp.id:
                        break
                    before.append(i)
                answers = self._witness(model, before)
                try:
                    reference.validate_answers(rs, answers)
                    ok = False
                except AnswerError as exc:
                    ok = any(p.code == code and p.input == inp.id for p in exc.problems)
                if not self._reproduces(f"asked_when of {inp.id}", answers, ok):
                    continue
                findings.append(Finding(
                    f"{code}: cannot tell whether input {inp.id!r} is asked", answers, code=code,
                ))
                keys.add(("asked", code))
        except SolverUnknown as exc:
            return self._undecided("totality", exc)
        if findings:
            return SmtCheck("totality", "failed", f"{len(findings)} kind(s) of evaluation error", tuple(findings),
                            frozenset(keys))
        return SmtCheck("totality", "passed", "every answer set evaluates without error")

    def _none_holds(self, conditions: list) -> bool:
        """Whether no answer set meets any of ``conditions``: one query of their disjunction, on
        a solver of its own with the definitions alone. False where one has a model or the
        solver cannot tell; the caller then asks each condition on its own, with the queries
        (and so the models and witnesses) it would ask without this."""
        solver = z3.Solver(ctx=self.enc.ctx)
        solver.add(*self.enc.definitions)
        try:
            return self._solve(solver, z3.Or(conditions)) is None
        except SolverUnknown:
            return False

    def completeness(self) -> SmtCheck:
        try:
            model = self._find(self.enc.gap)
        except SolverUnknown as exc:
            return self._undecided("completeness", exc)
        if model is None:
            return SmtCheck("completeness", "passed", "every answer set gets a segment")
        answers = self._witness(model)
        out = self._outcome(answers)
        ok = out is not None and not isinstance(out, EvaluationError) and not self._segments(out)
        if not self._reproduces("gap", answers, ok):
            return SmtCheck("completeness", "undecided", "a witness did not reproduce (SR693)", reason="SR693")
        return SmtCheck(
            "completeness", "failed", "some answer sets get no segment",
            (Finding("gap: no rule holds", answers, code="SR601"),),
        )

    def exclusivity(self) -> SmtCheck:
        rs, enc = self.rs, self.enc
        if rs.hit_policy != "unique":
            return SmtCheck("exclusivity", "not_applicable", "hit policy first takes the first rule that holds")
        findings, blocks, sets = [], [], set()
        try:
            for _ in range(MAX_OVERLAP_SETS):
                model = self._find(enc.overlap, *blocks)
                if model is None:
                    break
                holds = {s: z3.is_true(model.eval(h, model_completion=True)) for s, h in enc.segment_holds.items()}
                blocks.append(z3.Not(z3.And([enc.segment_holds[s] == v for s, v in holds.items()])))
                segs = frozenset(s for s, v in holds.items() if v)
                answers = self._witness(model)
                out = self._outcome(answers)
                ok = out is not None and not isinstance(out, EvaluationError) and self._segments(out) == set(segs)
                if not self._reproduces("overlap", answers, ok):
                    return SmtCheck("exclusivity", "undecided", "a witness did not reproduce (SR693)", reason="SR693")
                sets.add(segs)
                findings.append(Finding(
                    f"overlap: the rules of {', '.join(sorted(segs))} all hold", answers,
                    tuple(RuleRef.of(rs.rules[i]) for i in out), code="SR602",
                ))
        except SolverUnknown as exc:
            if not findings:
                return self._undecided("exclusivity", exc)
        if findings:
            return SmtCheck("exclusivity", "failed", "some answer sets satisfy the rules of two or more segments",
                            tuple(findings), frozenset(sets))
        return SmtCheck("exclusivity", "passed", "no answer set satisfies the rules of two segments")

    def rules_checks(self) -> tuple[SmtCheck, SmtCheck]:
        rs, enc = self.rs, self.enc
        dead, masked, unknown, open_, ran_out = [], [], None, set(), None
        for rule in rs.rules:
            k = rule.index
            hint = self._rule_hints.get(k)
            if hint is not None and self._fires(self._outcome(hint), k):
                self._reproduces(f"rule {k + 1} fires", hint, True)
                self._rules_shown[k] = hint
                continue
            try:
                model = self._find(enc.ok, enc.holds[k])
                if model is None:
                    dead.append(rule)
                    continue
                answers = self._witness(model)
                out = self._outcome(answers)
                if not self._reproduces(f"rule {k + 1} holds", answers, self._holds(out, k)):
                    unknown = unknown or "a witness did not reproduce (SR693)"
                    open_.add(str(k + 1))
                    continue
                if self._fires(out, k):
                    self._rules_shown[k] = answers
                    continue
                model = self._find(enc.ok, enc.first[k])  # hit policy first: is it ever the first?
                if model is None:
                    masked.append(rule)
                    continue
                answers = self._witness(model)
                if not self._reproduces(f"rule {k + 1} fires first", answers, self._fires(self._outcome(answers), k)):
                    unknown = unknown or "a witness did not reproduce (SR693)"
                    open_.add(str(k + 1))
                else:
                    self._rules_shown[k] = answers
            except SolverUnknown as exc:
                unknown, ran_out = unknown or str(exc), ran_out or exc.budget
                open_.add(str(k + 1))
        dead_f = tuple(
            Finding(f"rule {r.index + 1} never holds for any answer set", rules=(RuleRef.of(r),), code="SR605",
                    subject=str(r.index + 1)) for r in dead
        )
        masked_f = tuple(
            Finding(f"rule {r.index + 1} never fires: whenever it holds, an earlier rule holds too",
                    rules=(RuleRef.of(r),), code="SR603", subject=str(r.index + 1)) for r in masked
        )
        fire = _set_check("rules_fire", dead_f, unknown, open_, f"{len(dead_f)} rule(s) can never fire",
                          "every rule holds for some answer set", ran_out)
        if rs.hit_policy != "first":
            m = SmtCheck("masked_rules", "not_applicable", "only for hit policy first")
        else:
            m = _set_check("masked_rules", masked_f, unknown, open_, f"{len(masked_f)} rule(s) are masked by earlier rules",
                           "no rule is masked by earlier rules", ran_out)
        return m, fire

    def segments_reachable(self) -> SmtCheck:
        rs, enc = self.rs, self.enc
        unreached, unknown, open_, ran_out = [], None, set(), None
        for seg in rs.segments:
            hint = self._segment_hints.get(seg.id)
            if hint is not None and self._reaches(hint, seg.id):
                self._reproduces(f"segment {seg.id}", hint, True)
                self._segments_shown[seg.id] = hint
                continue
            try:
                model = self._find(enc.decision[seg.id])
            except SolverUnknown as exc:
                unknown, ran_out = unknown or str(exc), ran_out or exc.budget
                open_.add(seg.id)
                continue
            if model is None:
                unreached.append(Finding(f"segment {seg.id!r} is never reached: no answer set leads to it",
                                         code="SR604", subject=seg.id))
                continue
            answers = self._witness(model)
            if not self._reproduces(f"segment {seg.id}", answers, self._reaches(answers, seg.id)):
                unknown = unknown or "a witness did not reproduce (SR693)"
                open_.add(seg.id)
            else:
                self._segments_shown[seg.id] = answers
        return _set_check("segments_reachable", tuple(unreached), unknown, open_,
                          f"{len(unreached)} segment(s) can never be reached",
                          "every segment is reached by some answer set", ran_out)

    def inputs_used(self) -> SmtCheck:
        rs = self.rs
        unused, unknown, solver, open_, ran_out = [], None, None, set(), None
        for inp in rs.inputs:
            hint = self._input_hints.get(inp.id)
            if hint is not None and self._pair_differs(inp.id, *hint):
                self._inputs_shown[inp.id] = hint
                continue
            try:
                pair = self._pair_near_seeds(inp)
                if pair is not None:
                    self._inputs_shown[inp.id] = pair
                    continue  # a reproduced pair of answer sets shows it
            except SolverUnknown as exc:
                unknown, ran_out = unknown or f"{inp.id}: {exc}", ran_out or exc.budget
                open_.add(inp.id)
                continue
            if solver is None:  # two copies of the encoding, one per answer set of a pair
                a = self.enc  # the second answer set is a second copy in the same context
                b = smt.Encoding(rs, smt.AnswerVariables("y.", a.ctx))
                solver = z3.Solver(ctx=a.ctx)
                solver.add(*a.definitions, *b.definitions, a.ok, b.ok, z3.Not(a.same_result(b)))
            try:
                model = self._solve(solver, smt.differ_in(a, b, inp.id), smt.agree_where_asked_in_both(a, b, inp.id))
            except SolverUnknown as exc:
                unknown, ran_out = unknown or f"{inp.id}: {exc}", ran_out or exc.budget
                open_.add(inp.id)
                continue
            if model is None:
                unused.append(Finding(
                    f"input {inp.id!r} is unused: no change of its answer alone changes the segment",
                    code="SR606", subject=inp.id,
                ))
                continue
            wa, wb = a.space.decode(model, rs.inputs), b.space.decode(model, rs.inputs)
            if not self._reproduces(f"input {inp.id} changes the result", {"a": wa, "b": wb},
                                    self._pair_differs(inp.id, wa, wb)):
                unknown = unknown or "a witness did not reproduce (SR693)"
                open_.add(inp.id)
                continue
            self.seeds[:0] = [wa, wb]  # answer sets on a boundary: good seeds for the next inputs
            self._inputs_shown[inp.id] = (wa, wb)
        return _set_check("inputs_used", tuple(unused), unknown, open_, f"{len(unused)} input(s) can never change the result",
                          "every input can change the result", ran_out)

    def _pair_near_seeds(self, inp: ast.Input, tries: int = 32) -> tuple[dict, dict] | None:
        """Look for a witness pair next to answer sets already seen: change the input alone.

        The other questions keep their answers; a question that becomes asked gets its first
        value. The pair is checked with the reference evaluator, so a pair found is a proof.
        """
        rs = self.rs
        values = list(inp.domain.values)
        if len(values) > 8:
            values = sorted(set(values[:3] + values[-3:] + values[:: max(1, len(values) // 8)]))
        options = values + [None]
        n = 0
        for seed in self.seeds:
            key = _key(seed)
            if key not in self._seed_results:
                self._seed_results[key] = self._quick_result(seed)
            base = self._seed_results[key]
            for v in options:
                if v == seed.get(inp.id) and (v is not None or inp.id not in seed):
                    continue
                other = dict(seed)
                if v is None:
                    other.pop(inp.id, None)
                else:
                    other[inp.id] = v
                self.budget.check("looking for answer sets that show an input's use")
                other = _fix_up(rs, other, self.enc.order)
                if other is None:
                    continue
                n += 1
                got = self._quick_result(other)
                if got is not None and base is not None and got != base and self._pair_differs(inp.id, seed, other):
                    return seed, other
                if n >= tries:
                    return None
        return None

    def _quick_result(self, answers: dict):
        """The result of answers already known to be well-formed (None for an error)."""
        out = outcome_of(self.rs, {i.id: answers.get(i.id) for i in self.rs.inputs})
        return None if isinstance(out, EvaluationError) else outcome_result(self.rs, out)

    def _pair_differs(self, x: str, wa: dict, wb: dict) -> bool:
        """Two valid answer sets that differ in x, agree where both ask, and get different results."""
        rs = self.rs
        try:
            va = reference.validate_answers(rs, wa)
            vb = reference.validate_answers(rs, wb)
        except AnswerError:
            return False
        oa = outcome_of(rs, {i.id: va.get(i.id) for i in rs.inputs})
        ob = outcome_of(rs, {i.id: vb.get(i.id) for i in rs.inputs})
        if isinstance(oa, EvaluationError) or isinstance(ob, EvaluationError):
            return False
        if va.get(x) == vb.get(x) and (x in va) == (x in vb):
            return False
        asked_a, asked_b = _asked_inputs(rs, va), _asked_inputs(rs, vb)
        for i in rs.inputs:
            if i.id != x and i.id in asked_a and i.id in asked_b and va.get(i.id) != vb.get(i.id):
                return False
        return outcome_result(rs, oa) != outcome_result(rs, ob)


def _key(answers: dict) -> tuple:
    return tuple(sorted(answers.items(), key=lambda kv: kv[0]))


def _fix_up(rs: ast.RulesetDef, answers: dict, order) -> dict | None:
    """The answers made valid: questions not asked dropped, newly asked ones given a first value."""
    out: dict = {}
    for inp in order:
        asked = True
        if inp.asked_when is not None:
            try:
                asked = bool(reference.evaluate(inp.asked_when, out, rs))
            except EvaluationError:
                return None
        if not asked:
            continue
        if inp.id in answers:
            out[inp.id] = answers[inp.id]
        elif not inp.optional:
            out[inp.id] = inp.domain.values[0]
    return out


def _asked_inputs(rs: ast.RulesetDef, values: dict) -> set:
    out = set()
    for inp in rs.inputs:
        if inp.asked_when is None or bool(reference.evaluate(inp.asked_when, values, rs)):
            out.add(inp.id)
    return out


def _set_check(name: str, findings: tuple, unknown: str | None, open_: set, failed: str, passed: str,
               budget: str | None = None) -> SmtCheck:
    subjects = frozenset(f.subject for f in findings)
    if findings:
        if unknown:
            failed += f"; not decided for {', '.join(sorted(open_))}"
        return SmtCheck(name, "failed", failed, findings, subjects, reason=unknown, undecided=frozenset(open_),
                        budget=budget)
    if unknown:
        return SmtCheck(name, "undecided", f"the SMT solver could not decide: {unknown}", reason=unknown,
                        undecided=frozenset(open_), budget=budget)
    return SmtCheck(name, "passed", passed)


def prove(rs: ast.RulesetDef, *, budget: Budget | None = None, progress: Progress = NO_PROGRESS,
          hints: Witnesses | None = None) -> SmtResult:
    """Every check of the ruleset by the SMT prover (raises RuntimeError when z3 is missing);
    ``progress`` is told each check as it begins. ``hints``: the ``witnesses`` of an earlier
    proof (of an earlier version), tried before the solver (``Witnesses``)."""
    return SmtProver(rs, budget=budget, progress=progress, hints=hints).run()
