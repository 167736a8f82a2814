"""What the verifier finds, and how it is written out (text and JSON)."""

from __future__ import annotations

import contextlib
from typing import Any

import attrs

from ..dsl import ast
from ..errors import InexactNumber, SegrulesError

SCHEMA = "segrules.verify/1"

CHECKS = (
    ("totality", "evaluation is total: no division by zero, empty mean or missing answer"),
    ("completeness", "every answer set gets a segment (no gaps)"),
    ("exclusivity", "no answer set satisfies the rules of two segments (no overlaps)"),
    ("masked_rules", "no rule is hidden behind earlier rules (hit policy first)"),
    ("segments_reachable", "every segment is reachable"),
    ("rules_fire", "every rule can fire"),
    ("inputs_used", "every input can change the result"),
    ("pathways_labels", "every segment has a pathway and Finnish labels"),
    ("examples", "the ruleset's own examples pass"),
)


class InternalInconsistency(SegrulesError):
    """The verifier's own cross-checks disagree: a bug in segrules, never a verdict."""

    code = "SR690"


@contextlib.contextmanager
def exact_or_internal():
    """A float met by an evaluator while verifying is the verifier's internal error (SR690)."""
    try:
        yield
    except InexactNumber as exc:
        raise InternalInconsistency(f"{exc} ({exc.code})", code="SR690") from None


@attrs.frozen
class RuleRef:
    number: int  # 1-based, as model owners count
    segment: str
    text: str
    file: str | None
    line: int | None

    @classmethod
    def of(cls, rule: ast.Rule) -> "RuleRef":
        return cls(
            rule.index + 1, rule.segment, rule.text,
            rule.span.file if rule.span else None, rule.span.line if rule.span else None,
        )

    def to_json(self) -> dict:
        return attrs.asdict(self)

    def __str__(self) -> str:
        where = f" ({self.file}:{self.line})" if self.file else ""
        return f"rule {self.number}{where}: {self.text}"


@attrs.frozen
class Finding:
    """One failure: what is wrong, a concrete witness answer set, and where in the rules."""

    message: str
    witness: dict | None = None
    rules: tuple[RuleRef, ...] = ()
    region: str | None = None
    answer_sets: int | None = None  # how many answer sets share this problem, where counted
    code: str | None = None
    subject: str | None = None  # an input, rule or segment id the finding is about
    scores: str | None = None  # the witness's scores, as `decide` gives them ("resources = 3, complexity = 2.5")

    def to_json(self) -> dict:
        """The finding as JSON, with its witness answer set."""
        return {
            "message": self.message,
            "code": self.code,
            "subject": self.subject,
            "witness": self.witness,
            "rules": [r.to_json() for r in self.rules],
            "region": self.region,
            "answer_sets": self.answer_sets,
            "scores": self.scores,
        }


@attrs.frozen
class Check:
    """One check of a verification: its status (passed, failed, undecided, not_applicable), a summary and the findings."""
    name: str
    status: str  # passed | failed | undecided | not_applicable
    summary: str
    findings: tuple[Finding, ...] = ()
    # the methods that decided the check, all agreeing: "smt", "enumeration", "structural"
    # (a failure it showed with a reproduced witness), "definition" (read from the ruleset),
    # "reference" (the examples, run by the reference evaluator); empty when undecided
    methods: tuple[str, ...] = ()
    # where undecided (or partly undecided) because a budget ran out: that budget's name
    # (budget.UNITS: solver, solver_call, answer_sets, steps, max_cases, max_states, max_product)
    budget: str | None = None

    def to_json(self) -> dict:
        """The check as JSON, with its findings."""
        out = {
            "name": self.name,
            "status": self.status,
            "summary": self.summary,
            "methods": list(self.methods),
            "findings": [f.to_json() for f in self.findings],
        }
        if self.budget is not None:
            from .budget import UNITS

            out["budget_exhausted"] = UNITS.get(self.budget, (self.budget,))[0]
        return out


@attrs.frozen
class VerificationReport:
    """The outcome of verifying one ruleset: every check, the method, the answer space and the notes."""
    ruleset_id: str
    version: str
    content_hash: str
    source: str
    hit_policy: str
    answer_space_size: int
    method: str  # "structural" or "enumeration"
    checks: tuple[Check, ...]
    seconds: float
    plane: Any = attrs.field(default=None, repr=False)  # ScorePlane for pictures, where axes exist
    notes: tuple[str, ...] = ()
    solver: str | None = None  # the SMT solver and its version, when it ran
    forced: bool = False  # the method was given by the caller, not chosen by the verifier
    budget: dict | None = None  # the work budgets it ran with (Budget.to_json): a rerun with these gives this report
    stopped: str | None = None  # "time limit" when the safety stop ended the run: then no verdict
    counted: bool = True  # the counting method (enumeration or structural) ran to the end
    # exact segment sizes (counting.SegmentSizes), or None with the reason in ``not_counted``
    counts: Any = None
    not_counted: str | None = None
    timings: tuple[tuple[str, float], ...] = ()  # (proving | counting, seconds)
    suggestions: Any = None  # suggest.Suggestions, when asked for (verify --suggest)
    # prover.Witnesses: what showed the prover's passed checks, for proving the next version
    witnesses: Any = attrs.field(default=None, repr=False, eq=False)

    @property
    def proven(self) -> bool:
        """True only when every check passed (or does not apply): the promise an auditor signs."""
        return all(c.status in ("passed", "not_applicable") for c in self.checks)

    def check(self, name: str) -> Check:
        """The check called ``name`` (one of model.CHECKS)."""
        for c in self.checks:
            if c.name == name:
                return c
        raise KeyError(name)

    def to_json(self) -> dict:
        """The report as JSON (docs/verification.md)."""
        return {
            "ruleset": {
                "id": self.ruleset_id, "version": self.version, "content_hash": self.content_hash,
                "file": self.source, "hit_policy": self.hit_policy,
            },
            "proven": self.proven,
            "answer_space_size": str(self.answer_space_size),
            "answer_space_size_log10": _log10(self.answer_space_size),
            "method": self.method,
            "method_forced": self.forced,
            "solver": self.solver,
            "seconds": round(self.seconds, 3),
            "counted": self.counted,
            "budget": self.budget,
            "stopped": self.stopped,
            "checks": [c.to_json() for c in self.checks],
            "notes": list(self.notes),
            **self._counting_json(),
        }

    def _counting_json(self) -> dict:
        out: dict = {"counts": self.counts.to_json() if self.counts is not None
                     else {"counted": False, "reason": self.not_counted}}
        out["timings"] = {k: round(v, 3) for k, v in self.timings}
        if self.suggestions is not None:
            out["suggestions"] = self.suggestions.to_json()
        return out

    def format(self, lang: str = "en") -> str:
        """The report as text in ``lang`` (fi, sv, en): every word from the catalogue
        (segrules.i18n); no machine path."""
        import json

        from ..i18n import text
        from .words import (
            check_name, check_summary, finding_message, method_text, methods_text, note_text, reason_text, region_text,
            shown_path,
        )

        lines = [
            f"{shown_path(self.source)}: {self.ruleset_id} {self.version} (sha256 {self.content_hash})",
            "  " + text(lang, "verify.space", size=size_text(self.answer_space_size, lang), method=method_text(self, lang),
                        seconds=seconds_text(self.seconds, lang)),
        ]
        if self.forced:
            lines.append("  " + text(lang, "verify.forced", method=self.method))
        for c in self.checks:
            by = (f" ({text(lang, 'verify.by')} {methods_text(c.methods, lang)})"
                  if c.methods and c.status != "not_applicable" else "")
            lines.append(f"  [{text(lang, 'status.' + c.status):>9}] {check_name(c.name, lang)}: {check_summary(c, lang)}{by}")
            for f in c.findings:
                lines.append(f"      - {finding_message(f, lang)}")
                if f.answer_sets is not None:
                    lines.append(f"        {text(lang, 'verify.affected')}: {size_text(f.answer_sets, lang)}")
                if f.region:
                    lines.append(f"        {text(lang, 'report.region')}: {region_text(f.region, lang)}")
                for r in f.rules:
                    where = f" ({shown_path(r.file)}:{r.line})" if r.file else ""
                    lines.append(f"        {text(lang, 'rule', n=r.number)}{where}: {r.text}")
                if f.witness is not None:
                    lines.append(f"        {text(lang, 'verify.witness')}: "
                                 + json.dumps(f.witness, ensure_ascii=False, sort_keys=True))
                    if f.scores:
                        lines.append(f"        {text(lang, 'report.witness_scores')}: {f.scores}")
        if self.counts is not None:
            lines.append(f"  {text(lang, 'verify.sizes')}: {self.counts.format(lang)}")
        elif self.not_counted:
            lines.append(f"  {text(lang, 'verify.sizes')}: "
                         + text(lang, "verify.not_counted", reason=reason_text(self.not_counted, lang)))
        for n in self.notes:
            lines.append(f"  {text(lang, 'verify.note')}: {note_text(n, lang)}")
        if self.suggestions is not None:
            lines.extend("  " + line for line in self.suggestions.format(lang).splitlines())
        lines.append("  " + text(lang, self.verdict_key))
        return "\n".join(lines)

    @property
    def verdict_key(self) -> str:
        """The catalogue key (segrules.i18n) of the verdict's words."""
        if self.stopped:
            return "verify.stopped"
        if self.proven:
            return "verify.proven"
        return "verify.failed" if any(c.status == "failed" for c in self.checks) else "verify.undecided"


def _log10(n: int) -> float:
    import math

    return round(math.log10(n), 3) if n > 0 else 0.0


def seconds_text(seconds: float, lang: str = "en") -> str:
    """How long a run took, for people: two decimals with the language's separator (``0,81``)."""
    from ..i18n import decimal_point

    return f"{seconds:.2f}".replace(".", decimal_point(lang))


def size_text(n: int, lang: str = "en") -> str:
    """A count of answer sets for people: every digit, in groups of three (never 2.297e+06),
    with the number of digits after a count of more than twelve, said in ``lang``."""
    from ..i18n import text as say

    grouped = f"{n:,}".replace(",", " ")
    return grouped if n < 10**12 else say(lang, "size.digits", size=grouped, n=len(str(n)))
