"""Hypothesis strategies for testing code that embeds segrules.

Install Hypothesis to use this module (``pip install hypothesis``); segrules itself never
imports it. The strategies:

``answer_sets(ruleset)``
    Valid answer sets for a ruleset: every asked question answered from its domain (an
    optional one sometimes left out), every question whose ``asked_when`` is false left out.
``invalid_answer_sets(ruleset)``
    ``(answers, input_id, code)``: a valid answer set with exactly one thing wrong, the input
    it concerns and the ``AnswerProblem`` code validation gives for it.
``populations(ruleset)``
    Lists of answer sets as a population holds them: mostly valid, and every kind of fault
    at any place (missing, outside the domain, of the wrong kind, answered but not asked,
    unknown inputs, texts with quotes, commas and letters beyond ASCII), so that a question
    further down a chain of ``asked_when`` sees its control missing or invalid.
``rulesets()`` and ``small_ruleset_texts()``
    Random small rulesets, as YAML text that loads: random inputs, scores, thresholds and
    rules. They are checked but not verified, so some answer sets fall into a gap or an
    overlap; ``small_ruleset_texts`` keeps the whole answer space small enough to enumerate.

Strategies shrink towards simple examples: the first value of each domain, optional
questions unanswered, fewer inputs, scores and segments.
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any

try:
    from hypothesis import reject, strategies as st
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "segrules.testing needs Hypothesis, which segrules itself does not depend on: pip install hypothesis"
    ) from exc

from .dsl import ast
from .dsl.printer import number_text
from .engine.reference import _asked_order, evaluate
from .errors import EvaluationError

__all__ = ["answer_sets", "invalid_answer_sets", "population", "populations", "rulesets", "small_ruleset_texts"]


def _definition(ruleset: Any) -> ast.RulesetDef:
    """The checked definition of a loaded ``Ruleset`` or of a checked ``RulesetDef``."""
    rs = getattr(ruleset, "definition", ruleset)
    if not isinstance(rs, ast.RulesetDef):
        raise TypeError(f"expected a segrules Ruleset or RulesetDef, not {type(ruleset).__name__}")
    if not rs.checked:
        raise ValueError("answer sets need a checked ruleset: load it with segrules.load or segrules.load_text")
    return rs


# --------------------------------------------------------------------------- answer sets


def answer_sets(ruleset: Any) -> st.SearchStrategy[dict]:
    """Valid answer sets (input id → answer) for a loaded ``Ruleset`` or a checked ``RulesetDef``.

    Inputs are drawn in the order their ``asked_when`` conditions need, each condition
    evaluated on the answers drawn so far, as validation does. A question that is not asked is
    left out; an optional one may be left out (it shrinks to unanswered); every other one gets
    a value from its domain (shrinking to the first value). An ``asked_when`` that cannot be
    evaluated on a draw (it reads an unanswered optional input) makes Hypothesis discard it.

    Every answer set passes ``Ruleset.validate``. Deciding it may still raise
    ``EvaluationError`` for a ruleset that is not verified.
    """
    rs = _definition(ruleset)
    order = _asked_order(rs)

    @st.composite
    def draw_answers(draw) -> dict:
        answers: dict[str, Any] = {}
        for inp in order:
            if inp.asked_when is not None:
                try:
                    asked = evaluate(inp.asked_when, answers, rs)
                except EvaluationError:
                    reject()
                if not asked:
                    continue
            choices = ((None,) if inp.optional else ()) + tuple(inp.domain.values)
            value = draw(st.sampled_from(choices))
            if value is not None:
                answers[inp.id] = value
        return answers

    return draw_answers()


def _referenced(rs: ast.RulesetDef) -> set[str]:
    """Inputs some ``asked_when`` reads: changing their answer changes which questions are asked."""
    out: set[str] = set()
    for inp in rs.inputs:
        if inp.asked_when is not None:
            out.update(ast.references(inp.asked_when))
    return out


def _asked(rs: ast.RulesetDef, answers: dict) -> dict[str, bool]:
    asked = {}
    for inp in _asked_order(rs):
        asked[inp.id] = inp.asked_when is None or bool(evaluate(inp.asked_when, answers, rs))
    return asked


def _outside(domain: ast.Domain) -> st.SearchStrategy:
    """Values of the domain's own kind that it does not accept (code SR302)."""
    if domain.is_numeric:
        lo, hi = domain.values[0], domain.values[-1]
        taken = set(domain.values)
        if hi - lo < 10_000:
            gaps = [v for v in range(lo, hi + 1) if v not in taken]
        else:  # sparse large values: the numbers beside each value, never the whole span
            gaps = sorted({n for v in domain.values for n in (v - 1, v + 1) if lo < n < hi and n not in taken})
        return st.one_of(
            st.sampled_from([lo - 1, hi + 1] + gaps),
            st.integers(max_value=lo - 1),
            st.integers(min_value=hi + 1),
        )
    if domain.kind == "enum":
        return st.text(min_size=0, max_size=12).filter(lambda s: s not in domain.values)
    return st.nothing()  # every bool is a valid yes/no answer


def _wrong_type(domain: ast.Domain) -> st.SearchStrategy:
    """Values of another kind than the domain's (code SR303)."""
    if domain.is_numeric:
        v = domain.values[0]
        return st.sampled_from([str(v), float(v), True, False, [v]])
    if domain.kind == "boolean":
        return st.sampled_from([1, 0, "true", "yes", "kyllä"])
    return st.one_of(st.sampled_from([1, True, 2.5, [domain.values[0]]]), st.integers())


def invalid_answer_sets(ruleset: Any) -> st.SearchStrategy[tuple[dict, str, str]]:
    """``(answers, input_id, code)``: a valid answer set with exactly one problem.

    One of: an answer pushed out of its domain (``SR302``), an answer of the wrong type
    (``SR303``), an answer to an input the ruleset does not have (``SR301``), a required
    answer removed (``SR304``), or an answer to a question that is not asked (``SR305``).
    Answers that other questions' ``asked_when`` read are left alone, so validation reports
    exactly one problem: ``AnswerProblem(code, input_id, ...)``.
    """
    rs = _definition(ruleset)
    referenced = _referenced(rs)
    known = {i.id for i in rs.inputs}

    @st.composite
    def draw_invalid(draw) -> tuple[dict, str, str]:
        answers = dict(draw(answer_sets(rs)))
        asked = _asked(rs, answers)
        free = [i for i in rs.inputs if i.id not in referenced]
        options: list[tuple[str, ast.Input | None]] = [("SR301", None)]
        for inp in free:
            if asked[inp.id]:
                if inp.domain.kind != "boolean":
                    options.append(("SR302", inp))
                options.append(("SR303", inp))
                if not inp.optional and inp.id in answers:
                    options.append(("SR304", inp))
            else:
                options.append(("SR305", inp))
        code, inp = draw(st.sampled_from(options))
        if code == "SR301":
            key = draw(
                st.one_of(
                    st.sampled_from([i.id + "_x" for i in rs.inputs] + ["unknown"]),
                    st.text(min_size=1, max_size=10),
                ).filter(lambda k: k not in known)
            )
            answers[key] = draw(st.sampled_from([1, "x", True, None]))
            return answers, key, code
        if code == "SR302":
            answers[inp.id] = draw(_outside(inp.domain))
        elif code == "SR303":
            answers[inp.id] = draw(_wrong_type(inp.domain))
        elif code == "SR304":
            if draw(st.booleans()):
                del answers[inp.id]
            else:
                answers[inp.id] = None  # null is unanswered too
        else:
            answers[inp.id] = draw(st.sampled_from(inp.domain.values))
        return answers, inp.id, code

    return draw_invalid()


# --------------------------------------------------------------------------- populations

#: Texts that answer no question: quotes, commas, separators, spaces, letters beyond ASCII,
#: numbers in forms that are not whole numbers, words for yes/no that are not ``true``/``false``.
AWKWARD_TEXTS = (
    "Itäkeskus, Puotila", 'sanoi "kyllä"', "o'clock", "a,b", ",", '"', "''", "Åland", "ß", "😀", "",
    " ", "\t", "a\nb", "\\N", "NULL", "null", " 1", "1 ", "+1", "01", "-0", "1.0", "1e3", "0x1", "١",
    "TRUE", "True", "yes", "kyllä", "v1 ", "V1", "battery",
)


def population(ruleset: Any, rng: random.Random, size: int) -> list[dict]:
    """``size`` answer sets drawn with ``rng``: mostly what a population holds (asked questions
    answered from their domain, the rest left out), and in a share of the records each
    answer, control questions too, replaced by a fault: left out, outside its domain, of the
    wrong kind, an awkward text, a huge number, or given to a question that is not asked;
    now and then an input the ruleset does not have. Plain Python, fast enough for millions
    of records; ``populations()`` wraps it for Hypothesis."""
    rs = _definition(ruleset)
    order = _asked_order(rs)
    out = []
    for _ in range(size):
        fault = rng.choice((0.0, 0.0, 0.05, 0.15, 0.4))
        answers: dict[str, Any] = {}
        valid: dict[str, Any] = {}
        for inp in order:
            asked = True
            if inp.asked_when is not None:
                try:
                    asked = bool(evaluate(inp.asked_when, valid, rs))
                except EvaluationError:
                    asked = rng.random() < 0.5
            if rng.random() < fault:
                value = _fault(inp, rng)
            elif not asked or (inp.optional and rng.random() < 0.3):
                value = None
            else:
                value = rng.choice(inp.domain.values)
            if value is not None:
                answers[inp.id] = value
                if asked and inp.domain.contains(value) and _same_kind(inp.domain, value):
                    valid[inp.id] = value
        if rng.random() < 0.02:
            answers[rng.choice(("unknown", "q_x", "Itäkeskus, Puotila"))] = rng.choice((1, "x", True))
        out.append(answers)
    return out


def _same_kind(domain: ast.Domain, value: Any) -> bool:
    if domain.is_numeric:
        return type(value) is int
    if domain.kind == "boolean":
        return type(value) is bool
    return type(value) is str


def _fault(inp: ast.Input, rng: random.Random) -> Any:
    """One wrong (or missing) answer to ``inp``; None leaves it out."""
    d = inp.domain
    kind = rng.choice(("missing", "missing", "outside", "wrong", "text", "any"))
    if kind == "missing":
        return None
    if kind == "any":  # a value from the domain, whether asked or not
        return rng.choice(d.values)
    if kind == "text":
        return rng.choice(AWKWARD_TEXTS)
    if d.is_numeric:
        lo, hi = d.values[0], d.values[-1]
        if kind == "outside":
            return rng.choice((lo - 1, hi + 1, 10**20, -(10**19), 10**40, 2**63, -(2**63) - 1))
        return rng.choice((str(lo), True, False, 2.5, [lo]))
    if d.kind == "boolean":
        return rng.choice((1, 0, "true", "yes", "kyllä", None))
    if kind == "outside":
        return rng.choice(("v9", "zz", d.values[0].upper(), d.values[0] + " "))
    return rng.choice((1, True, 2.5))


def populations(ruleset: Any, *, min_size: int = 1, max_size: int = 200) -> st.SearchStrategy[list[dict]]:
    """Populations of answer sets for a ruleset (see ``population``), of ``min_size`` to
    ``max_size`` records; a population shrinks to a smaller one from another seed."""
    rs = _definition(ruleset)
    return st.builds(
        lambda seed, size: population(rs, random.Random(seed), size),
        st.integers(0, 2**64 - 1), st.integers(min_size, max_size),
    )


# --------------------------------------------------------------------------- rulesets

_LABEL = "{fi: %s, sv: %s, en: %s}"


def _label(text: str) -> str:
    return _LABEL % (text, text, text)


def _awkward_label(text: str) -> str:
    """Labels with quotes, commas, apostrophes and letters beyond ASCII, as YAML strings."""
    fi = f'{text}: Itäkeskus, \\"Puotila\\"'
    sv = f"{text}: Östra centrum, 'Botby'"
    en = f'{text}, "quoted"; Å ß 😀'
    return "{fi: \"%s\", sv: \"%s\", en: \"%s\"}" % (fi, sv, en.replace('"', '\\"'))


class _Input:
    def __init__(self, id: str, kind: str, values: tuple, scale: str | None = None):
        self.id = id
        self.kind = kind  # scale | integer | boolean | enum
        self.values = values
        self.scale = scale
        self.optional = False
        self.asked_when: str | None = None

    @property
    def numeric(self) -> bool:
        return self.kind in ("scale", "integer")

    @property
    def may_be_missing(self) -> bool:
        return self.optional or self.asked_when is not None


def _num(value: Fraction) -> str:
    text = number_text(value)
    return text if value >= 0 else f"({text})"


@st.composite
def _ruleset_text(
    draw, max_inputs: int, max_domain: int, max_space: int | None, awkward: bool = False, backends: bool = False,
) -> str:
    budget = max_space if max_space is not None else 10**12
    space = 1
    inputs: list[_Input] = []
    scales: dict[int, str] = {}

    def room(extra: int) -> int:
        """The largest domain size that keeps the answer space within the budget."""
        return min(max_domain, budget // space - extra)

    # an optional root question that other questions depend on: a battery (enum), a flag, or a
    # number (a household size, which scores may also divide by)
    root_kind = draw(st.sampled_from([None, "enum", "boolean", "integer"])) if max_inputs >= 2 else None
    if root_kind == "enum" and room(0) >= 2:
        n = draw(st.integers(2, max(2, min(3, room(0)))))
        root = _Input("battery", "enum", tuple("abcd"[:n]))
        inputs.append(root)
        space *= n
    elif root_kind == "boolean" and room(0) >= 2:
        root = _Input("flag", "boolean", (False, True))
        inputs.append(root)
        space *= 2
    elif root_kind == "integer" and room(0) >= 3:
        root = _Input("household", "integer", (0, 1, 2))
        inputs.append(root)
        space *= 3
    else:
        root = None

    n_inputs = draw(st.integers(1, max(1, max_inputs - len(inputs))))
    for k in range(1, n_inputs + 1):
        optional = draw(st.booleans()) and draw(st.booleans())
        # with ``backends``: questions asked when an earlier (possibly conditional) one says so
        controls = [i for i in inputs if i is not root] if backends else []
        asked = (root is not None or bool(controls)) and draw(st.booleans())
        if room(1) < 2:  # no room for an unanswered value: a plain required question
            optional = asked = False
        extra = 1 if (optional or asked) else 0
        size_max = room(extra)
        if size_max < 2:
            break
        kind = draw(st.sampled_from(["scale", "scale", "integer", "boolean", "enum"]))
        if kind == "boolean":
            inp = _Input(f"q{k}", "boolean", (False, True))
        else:
            size = draw(st.integers(2, size_max))
            if kind == "scale":
                scale = scales.setdefault(size, f"scale{size}")
                inp = _Input(f"q{k}", "scale", tuple(range(1, size + 1)), scale)
            elif kind == "integer":
                lo = draw(st.integers(-2, 3))
                if backends and draw(st.integers(0, 2)) == 0:  # near 10**15: products pass 64 bits
                    lo += draw(st.sampled_from([999_999_999_990_000, -(10**15), 10**14 + 7]))
                inp = _Input(f"q{k}", "integer", tuple(range(lo, lo + size)))
            else:
                inp = _Input(f"q{k}", "enum", tuple(f"v{j}" for j in range(1, size + 1)))
        inp.optional = optional
        if asked and controls and (root is None or draw(st.booleans())):
            inp.asked_when = _asked_on(draw, draw(st.sampled_from(controls)))
            if root is not None and draw(st.integers(0, 3)) == 0:
                inp.asked_when = f"({inp.asked_when}) or {_asked_on(draw, root)}"
        elif asked:
            if root.kind == "integer":
                inp.asked_when = draw(st.sampled_from(["household >= 1", "household = 0", "household != 2"]))
            elif root.kind == "enum":
                code = draw(st.sampled_from(root.values))
                form = draw(st.sampled_from(["=", "!=", "in"]))
                if form == "in":
                    more = draw(st.sampled_from(root.values))
                    codes = ", ".join(f'"{c}"' for c in dict.fromkeys((code, more)))
                    inp.asked_when = f"battery in ({codes})"
                else:
                    inp.asked_when = f'battery {form} "{code}"'
            else:
                inp.asked_when = draw(st.sampled_from(["flag", "not flag", "flag = true", "flag != true"]))
        inputs.append(inp)
        space *= len(inp.values) + extra

    numeric = [i for i in inputs if i.numeric]
    booleans = [i for i in inputs if i.kind == "boolean"]
    enums = [i for i in inputs if i.kind == "enum"]

    groups: dict[str, list[str]] = {}
    if len(numeric) >= 2 and draw(st.booleans()):
        members = draw(st.lists(st.sampled_from([i.id for i in numeric]), min_size=2, max_size=len(numeric), unique=True))
        groups["items"] = members

    def value_of(i: _Input, default: str = "0") -> str:
        """A numeric input's value, guarded when it may be unanswered (most of the time)."""
        if i.may_be_missing and draw(st.integers(0, 3)) > 0:
            return f"(if answered({i.id}) then {i.id} else {default})"
        return i.id

    def threshold(lo: int, hi: int) -> str:
        halves = draw(st.integers(2 * lo - 1, 2 * hi + 1))
        return _num(Fraction(halves, 2))

    # scores: (id, text, kind, low, high), kind number or boolean; low/high bound the values roughly
    scores: list[tuple[str, str, str, int, int]] = []
    n_scores = draw(st.integers(1, 4))
    for k in range(1, n_scores + 1):
        sid = f"s{k}"
        forms = ["const_if"]
        if numeric:
            forms += ["aggregate", "aggregate", "arith", "input"]
        if booleans or numeric:
            forms.append("count_true")
        if enums:
            forms.append("enum_if")
        if scores:
            forms.append("score_arith")
        if numeric or any(sc[2] == "number" for sc in scores):
            forms.append("div")  # between scores and inputs: can divide by zero
        if backends and len(numeric) >= 2:
            forms += ["wide", "wide"]
        if awkward:
            forms += ["constant"] + (["control"] if root is not None else [])
            if [s for s in scores if s[2] == "number"]:
                forms += ["score_div", "score_div"]
        form = draw(st.sampled_from(forms))
        if form == "aggregate":
            func = draw(st.sampled_from(["mean", "sum", "min", "max", "count"]))
            if groups and draw(st.booleans()):
                args = ["items"]
                members = [i for i in numeric if i.id in groups["items"]]
            else:
                members = draw(st.lists(st.sampled_from(numeric), min_size=1, max_size=3, unique_by=lambda i: i.id))
                args = [i.id for i in members]
            text = f"{func}({', '.join(args)})"
            lo = min(i.values[0] for i in members)
            hi = max(i.values[-1] for i in members)
            if func == "sum":
                lo, hi = min(lo * len(members), 0), max(hi * len(members), 0)
            elif func == "count":
                lo, hi = 0, len(members)
            scores.append((sid, text, "number", lo, hi))
        elif form == "arith":
            a = draw(st.sampled_from(numeric))
            op = draw(st.sampled_from(["+", "-", "*", "/"]))
            if op == "/":
                d = draw(st.sampled_from([2, 3, 4]))
                text = f"{value_of(a)} / {d}"
                lo, hi = min(a.values[0], 0) // d - 1, max(a.values[-1], 0) // d + 1
            else:
                b = draw(st.sampled_from(numeric))
                text = f"{value_of(a)} {op} {value_of(b)}"
                fn = {"+": lambda x, y: x + y, "-": lambda x, y: x - y, "*": lambda x, y: x * y}[op]
                corners = [fn(x, y) for x in (a.values[0], a.values[-1], 0) for y in (b.values[0], b.values[-1], 0)]
                lo, hi = min(corners), max(corners)
            scores.append((sid, text, "number", lo, hi))
        elif form == "div":
            parts = [(sc[0], sc[3], sc[4]) for sc in scores if sc[2] == "number"]
            parts += [(value_of(i), min(i.values[0], 0), max(i.values[-1], 0)) for i in numeric]
            (x, xlo, xhi), (y, _, _) = draw(st.sampled_from(parts)), draw(st.sampled_from(parts))
            if draw(st.integers(0, 9)) == 0:
                y = "(2 - 2)"  # a constant that is zero: fails on every answer set
            bound = max(abs(xlo), abs(xhi), 1)
            scores.append((sid, f"({x}) / ({y})", "number", -bound, bound))
        elif form == "input":
            a = draw(st.sampled_from(numeric))
            scores.append((sid, value_of(a, str(a.values[0])), "number", a.values[0], a.values[-1]))
        elif form == "count_true":
            items = []
            for _ in range(draw(st.integers(1, 3))):
                if booleans and (not numeric or draw(st.booleans())):
                    items.append(draw(st.sampled_from(booleans)).id)
                else:
                    i = draw(st.sampled_from(numeric))
                    guard = f"answered({i.id}) and " if i.may_be_missing else ""
                    items.append(f"{guard}{i.id} >= {draw(st.sampled_from(i.values))}")
            scores.append((sid, f"count_true({', '.join(items)})", "number", 0, len(items)))
        elif form == "enum_if":
            e = draw(st.sampled_from(enums))
            code = draw(st.sampled_from(e.values))
            a, b = draw(st.integers(0, 3)), draw(st.integers(0, 3))
            guard = f"answered({e.id}) and " if e.may_be_missing else ""
            scores.append((sid, f'if {guard}{e.id} = "{code}" then {a} else {b}', "number", min(a, b), max(a, b)))
        elif form == "wide":
            # a product over a sum: beyond 64 bits for inputs near 10**15, a fraction, and a
            # division by zero where the sum is 0
            a, b, c = (draw(st.sampled_from(numeric)) for _ in range(3))
            text = f"{value_of(a)} * {value_of(b)} / ({value_of(c)} + 1)"
            big = max(abs(a.values[0]), abs(a.values[-1]), 1) * max(abs(b.values[0]), abs(b.values[-1]), 1)
            # thresholds near the inputs' size, so that the comparisons stay within 38 digits
            near = min(big, max(abs(c.values[0]), abs(c.values[-1]), 10) * 10)
            scores.append((sid, text, "number", -near, near))
        elif form == "score_div":
            # division between scores: fails where the denominator is 0, and is a fraction elsewhere
            nums = [s for s in scores if s[2] == "number"]
            a, b = draw(st.sampled_from(nums)), draw(st.sampled_from(nums))
            big = max(abs(a[3]), abs(a[4]), 1)
            scores.append((sid, f"{a[0]} / {b[0]}", "number", -big, big))
        elif form == "constant":
            text = draw(st.sampled_from(["2 / 3", "1 / (2 - 2)", "3", "(1 + 2) / 4"]))
            scores.append((sid, text, "number", 0, 3))
        elif form == "control":
            if root.kind == "integer":
                text = draw(st.sampled_from(["10 / household", "household * 2", "mean(household) + 1"]))
                scores.append((sid, text, "number", 0, 10))
            elif root.kind == "enum":
                scores.append((sid, f'if battery = "{root.values[0]}" then 2 else 0', "number", 0, 2))
            else:
                scores.append((sid, "if flag then 1 else 3", "number", 1, 3))
        elif form == "score_arith":
            prev = draw(st.sampled_from(scores))
            if prev[2] == "boolean":
                scores.append((sid, f"not {prev[0]}", "boolean", 0, 1))
            else:
                c = draw(st.integers(0, 2))
                scores.append((sid, f"{prev[0]} + {c}", "number", prev[3] + c, prev[4] + c))
        else:
            a, b = draw(st.integers(0, 3)), draw(st.integers(0, 3))
            if numeric:
                i = draw(st.sampled_from(numeric))
                cond = f"{value_of(i)} >= {draw(st.sampled_from(i.values))}"
            elif booleans:
                cond = draw(st.sampled_from(booleans)).id
                if draw(st.booleans()):
                    cond = f"answered({cond}) and {cond}"
            else:
                cond = "true"
            scores.append((sid, f"if {cond} then {a} else {b}", "number", min(a, b), max(a, b)))
        if scores[-1][2] == "number" and draw(st.integers(0, 5)) == 0:
            # a yes/no score: a comparison with a threshold
            s = scores.pop()
            scores.append((s[0] + "_raw", s[1], "number", s[3], s[4]))
            scores.append((sid, f"{s[0]}_raw >= {threshold(s[3], s[4])}", "boolean", 0, 1))

    number_scores = [s for s in scores if s[2] == "number"]
    bool_scores = [s for s in scores if s[2] == "boolean"]

    def operand() -> tuple[str, int, int]:
        """A number written inside a rule: an input, an aggregate over inputs, or a score."""
        kind = draw(st.sampled_from(["input", "aggregate", "score"] if numeric else ["score"]))
        if kind == "input":
            i = draw(st.sampled_from(numeric))
            return value_of(i), min(i.values[0], 0), i.values[-1]
        if kind == "aggregate":
            func = draw(st.sampled_from(["mean", "sum", "min", "max", "count"]))
            members = draw(st.lists(st.sampled_from(numeric), min_size=1, max_size=3, unique_by=lambda i: i.id))
            lo, hi = min(i.values[0] for i in members), max(i.values[-1] for i in members)
            if func in ("sum", "count"):
                lo, hi = min(lo * len(members), 0), max(hi, 1) * len(members)
            return f"{func}({', '.join(i.id for i in members)})", lo, hi
        s = draw(st.sampled_from(number_scores))
        return s[0], s[3], s[4]

    def condition(depth: int = 0) -> str:
        forms = ["cmp", "cmp", "cmp", "inline"]
        if bool_scores:
            forms.append("bool_score")
        if enums:
            forms.append("enum")
        if booleans:
            forms.append("boolean")
        if depth < 2:
            forms += ["and", "or", "not"]
        form = draw(st.sampled_from(forms))
        if form == "cmp":
            s = draw(st.sampled_from(number_scores))
            op = draw(st.sampled_from(["<", "<=", ">", ">=", "=", "!="]))
            t = threshold(s[3], s[4])
            if draw(st.integers(0, 4)) == 0:
                return f"{t} <= {s[0]} < {threshold(s[3], s[4])}"
            return f"{s[0]} {op} {t}"
        if form == "inline":
            left, lo, hi = operand()
            op = draw(st.sampled_from(["<", "<=", ">", ">=", "=", "!="]))
            right = operand()[0] if draw(st.booleans()) else threshold(lo, hi)
            return f"{left} {op} {right}"
        if form == "bool_score":
            return draw(st.sampled_from(bool_scores))[0]
        if form == "enum":
            e = draw(st.sampled_from(enums))
            guard = f"answered({e.id}) and " if e.may_be_missing else ""
            if draw(st.booleans()):
                return f'{guard}{e.id} = "{draw(st.sampled_from(e.values))}"'
            codes = draw(st.lists(st.sampled_from(e.values), min_size=1, max_size=2, unique=True))
            return f"{guard}{e.id} in ({', '.join(chr(34) + c + chr(34) for c in codes)})"
        if form == "boolean":
            b = draw(st.sampled_from(booleans))
            return f"answered({b.id}) and {b.id}" if b.may_be_missing else b.id
        if form == "not":
            return f"not ({condition(depth + 1)})"
        word = form
        return f"({condition(depth + 1)}) {word} ({condition(depth + 1)})"

    hit_policy = draw(st.sampled_from(["unique", "first"]))
    n_segments = draw(st.integers(2, 4))
    segments = [f"seg{k}" for k in range(1, n_segments + 1)]
    rules: list[str] = []
    for seg in segments:
        for _ in range(draw(st.integers(1, 2))):
            rules.append(f"{seg} when {condition()}")
    rules = draw(st.permutations(rules))
    if hit_policy == "first" and draw(st.booleans()):
        rules.append(f"{draw(st.sampled_from(segments))} otherwise")

    use_axes = len(number_scores) >= 1 and draw(st.booleans())
    quadrants = draw(st.permutations([("high", "low"), ("low", "low"), ("high", "high"), ("low", "high")]))

    out = [
        "format: 1",
        "id: generated.model",
        "version: 1.0.0",
        f"title: {_label('Generated model')}",
        f"hit_policy: {hit_policy}",
    ]
    if scales:
        out.append("scales:")
        for size, sid in sorted(scales.items()):
            out.append(f"  {sid}:")
            out.append("    values:")
            for v in range(1, size + 1):
                out.append(f"      {v}: {_label(f'value {v}')}")
    out.append("inputs:")
    for i in inputs:
        out.append(f"  {i.id}:")
        out.append(f"    respondent: {'record' if i is root else 'client'}")
        out.append(f"    type: {i.kind}")
        if i.kind == "scale":
            out.append(f"    scale: {i.scale}")
        elif i.kind == "integer":
            out.append(f"    min: {i.values[0]}")
            out.append(f"    max: {i.values[-1]}")
        elif i.kind == "enum":
            out.append("    values:")
            for code in i.values:
                out.append(f"      {code}: {(_awkward_label if backends else _label)(f'choice {code}')}")
        if i.optional:
            out.append("    optional: true")
        if i.asked_when is not None:
            out.append(f"    asked_when: '{i.asked_when}'")
        out.append(f"    text: {_label(f'Question {i.id}')}")
    if groups:
        out.append("groups:")
        for gid, members in groups.items():
            out.append(f"  {gid}: [{', '.join(members)}]")
    out.append("scores:")
    for sid, text, _, _, _ in scores:
        out.append(f"  {sid}:")
        out.append(f"    label: {_label(f'Score {sid}')}")
        out.append(f"    expr: '{text}'")
    if use_axes:
        r = draw(st.sampled_from(number_scores))[0]
        c = draw(st.sampled_from(number_scores))[0]
        out.append("axes:")
        out.append(f"  resources: {r}")
        out.append(f"  complexity: {c}")
    out.append("segments:")
    for k, seg in enumerate(segments):
        out.append(f"  {seg}:")
        out.append(f"    label: {(_awkward_label if backends else _label)(f'Segment {seg}')}")
        out.append(f"    service_use: {'occasional' if k % 2 == 0 else 'heavy'}")
        if use_axes:
            r, c = quadrants[k]
            out.append(f"    quadrant: {{resources: {r}, complexity: {c}}}")
    out.append("rules:")
    for rule in rules:
        out.append(f"  - '{rule}'")
    out.append("pathways:")
    for seg in segments:
        out.append(f"  {seg}:")
        for key in ("contact", "coordination", "self_care"):
            out.append(f"    {key}: {_label(f'{key} of {seg}')}")
        out.append(f"    appointments: [{_label('Reception')}]")
        out.append(f"    reassess_after_months: {draw(st.sampled_from([1, 6, 12, 24]))}")
    return "\n".join(out) + "\n"


def _asked_on(draw, control: _Input) -> str:
    """An ``asked_when`` condition on the answer to ``control`` (guarded by answered() at
    times when it may be unanswered; unguarded, it fails when the control is unanswered)."""
    c = control.id
    if control.kind == "boolean":
        cond = draw(st.sampled_from([c, f"not {c}", f"{c} = true", f"{c} != false"]))
    elif control.kind == "enum":
        code = draw(st.sampled_from(control.values))
        form = draw(st.sampled_from(["=", "!=", "in"]))
        if form == "in":
            codes = dict.fromkeys((code, draw(st.sampled_from(control.values))))
            cond = f"{c} in ({', '.join(chr(34) + x + chr(34) for x in codes)})"
        else:
            cond = f'{c} {form} "{code}"'
    else:
        v = draw(st.sampled_from(control.values))
        cond = draw(st.sampled_from([f"{c} >= {v}", f"{c} = {v}", f"{c} * 2 > {2 * v - 1}", f"{c} < {v}"]))
    if control.may_be_missing and draw(st.booleans()):
        cond = f"answered({c}) and {cond}"
    return cond


def _limits(max_inputs: int, max_domain: int, max_answer_sets: int | None = None) -> None:
    if max_inputs < 1 or max_domain < 2 or (max_answer_sets is not None and max_answer_sets < 2):
        raise ValueError("a ruleset needs at least one input with at least two values")


def rulesets(
    *, max_inputs: int = 6, max_domain: int = 5, awkward: bool = False, backends: bool = False,
) -> st.SearchStrategy[str]:
    """Random small rulesets as YAML text that ``segrules.load_text`` accepts.

    Up to ``max_inputs`` inputs of every type (scales, integer ranges, yes/no, choices) with
    at most ``max_domain`` values each, some optional, some asked only when a battery choice
    or a yes/no flag says so; sometimes a group; 1–4 scores (aggregates, arithmetic, counts,
    ifs, scores on scores, yes/no scores with a helper score ``<id>_raw``) and 2–4 segments
    whose rules compare scores, inputs and aggregates with each other and with random
    thresholds (whole and half numbers), under ``hit_policy`` unique or first, sometimes with
    an ``otherwise`` rule and with quadrant axes. The rulesets are not verified: some answer
    sets match no rule or several, and an unanswered input can make a score fail.

    ``awkward=True`` adds more of the cases verifiers get wrong: scores over constants only
    (``1 / (2 - 2)``, ``2 / 3``) and over the question that decides what is asked only
    (``10 / household``, ``if flag then 1 else 3``), and more division between scores, so that
    several scores can fail in one answer set.

    ``backends=True`` adds what back ends have got wrong: questions asked only when another
    conditional question says so (chains of any depth, on choices, yes/no and numbers, with
    and without ``answered()``), numbers near 10**15 and scores such as ``a * b / (c + 1)``
    beyond 64 bits, and labels with quotes, commas and letters beyond ASCII. Pair it with
    ``populations()``.
    """
    _limits(max_inputs, max_domain)
    return _ruleset_text(max_inputs, max_domain, None, awkward, backends)


def small_ruleset_texts(
    max_inputs: int = 4, max_domain: int = 4, *, max_answer_sets: int = 2000, awkward: bool = False,
) -> st.SearchStrategy[str]:
    """Like ``rulesets()``, with the whole answer space at most ``max_answer_sets`` (before
    ``asked_when`` is taken into account; an unanswered option counts as a value), so that a
    test can enumerate every answer set and compare with brute force."""
    _limits(max_inputs, max_domain, max_answer_sets)
    return _ruleset_text(max_inputs, max_domain, max_answer_sets, awkward)
