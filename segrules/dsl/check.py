"""Name resolution and type checking: unchecked AST → checked AST.

Resolves every name to an input, a score or a group, expands groups inside aggregates,
checks types (numbers, yes/no values, enum codes), orders scores so each is computed after
the scores it uses, and checks that segments, rules and pathways fit together.
"""

from __future__ import annotations

import itertools
from typing import Iterable

import attrs

from ..errors import DiagnosticSink, Span, closest
from . import ast


@attrs.frozen
class Type:
    kind: str  # number | boolean | enum | text
    values: tuple[str, ...] = ()  # enum codes, or the text of a string literal

    def describe(self) -> str:
        if self.kind == "enum":
            return "a choice (" + ", ".join(f'"{v}"' for v in self.values) + ")"
        return {"number": "a number", "boolean": "a yes/no value", "text": "a text"}[self.kind]


NUMBER = Type("number")
BOOLEAN = Type("boolean")


def input_type(inp: ast.Input) -> Type:
    d = inp.domain
    if d.is_numeric:
        return NUMBER
    if d.kind == "boolean":
        return BOOLEAN
    return Type("enum", tuple(d.values))


MAX_CHAIN = 32  # how deep scores may build on scores, and questions on questions


def _input_ref(inp: ast.Input, span: Span | None) -> ast.InputRef:
    """A reference to ``inp`` that carries its question and its choices' labels."""
    d = inp.domain
    choices = tuple(ast.EnumValue(c, l) for c, l in zip(d.values, d.labels) if l is not None) if d.kind == "enum" else ()
    return ast.InputRef(inp.id, span, inp.text, choices)


class _Bad(Exception):
    """Raised inside expression checking after reporting, to stop checking that expression."""


class Checker:
    def __init__(self, rs: ast.RulesetDef, sink: DiagnosticSink, left_out: frozenset[tuple[str, str]] = frozenset()):
        self.rs = rs
        self.sink = sink
        self.left_out = left_out
        self.inputs = {i.id: i for i in rs.inputs}
        self.groups = {g.id: g for g in rs.groups}
        self.score_defs = {s.id: s for s in rs.scores}
        self.segments = {s.id: s for s in rs.segments}
        self.score_types: dict[str, Type] = {}

    # ------------------------------------------------------------------ entry

    def check(self) -> ast.RulesetDef | None:
        self._names()
        inputs = self._inputs()
        groups = self._groups()
        scores = self._scores()
        rules = self._rules()
        self._segments_rules_pathways(rules)
        self._axes()
        self._examples()
        if self.sink.has_errors:
            return None
        return attrs.evolve(
            self.rs, inputs=inputs, groups=groups, scores=scores, rules=rules, checked=True
        )

    def _was_left_out(self, section: str, name: str) -> bool:
        """True if the file declares ``name`` in ``section`` but it has problems of its own
        (already reported): it is then no unknown name."""
        return (section, name) in self.left_out or (section, "*") in self.left_out

    # ------------------------------------------------------------------ parts

    def _names(self) -> None:
        seen: dict[str, tuple[str, Span | None]] = {}
        for kind, items in (("input", self.rs.inputs), ("group", self.rs.groups), ("score", self.rs.scores)):
            for item in items:
                if item.id in seen:
                    other_kind, other_span = seen[item.id]
                    where = f" (line {other_span.line})" if other_span else ""
                    self.sink.report(
                        "SR113",
                        f"the name {item.id!r} is used for {_a(kind)} and {_a(other_kind)}{where}",
                        item.span,
                        hint="inputs, groups and scores share one set of names; rename one",
                    )
                else:
                    seen[item.id] = (kind, item.span)

    def _inputs(self) -> tuple[ast.Input, ...]:
        out = []
        deps: dict[str, tuple[str, ...]] = {}
        for inp in self.rs.inputs:
            cond = inp.asked_when
            if cond is not None:
                cond = self._resolve_top(cond, BOOLEAN, f"asked_when of input {inp.id!r}", inputs_only=True)
                if cond is not None:
                    deps[inp.id] = tuple(r for r in ast.references(cond) if r != inp.id)  # reported here, not as a circle
                    if inp.id in ast.references(cond):
                        self.sink.report(
                            "SR213", f"input {inp.id!r} is asked depending on its own answer", inp.span,
                            hint="asked_when can only use the answers to other inputs",
                        )
            out.append(attrs.evolve(inp, asked_when=cond))
        spans = {i.id: i.span for i in self.rs.inputs}
        order = self._cycles(deps, "input", "asked_when conditions", spans)
        self._depth(order, deps, "input", "questions depend on the answers to other questions", spans)
        return tuple(out)

    def _groups(self) -> tuple[ast.Group, ...]:
        for g in self.rs.groups:
            seen = set()
            for m, span in itertools.zip_longest(g.members, g.member_spans[:len(g.members)]):
                span = span or g.span
                if m not in self.inputs:
                    self._unknown(m, span, f"group {g.id!r}", self.inputs)
                if m in seen:
                    self.sink.report(
                        "SR113", f"group {g.id!r} lists {m!r} twice", span,
                        hint="list each input once; an input listed twice would count twice in mean or sum",
                    )
                seen.add(m)
        return self.rs.groups

    def _scores(self) -> tuple[ast.Score, ...]:
        deps = {
            s.id: tuple(n.id for n in ast.walk(s.expr) if isinstance(n, ast.Name) and n.id in self.score_defs)
            for s in self.rs.scores
        }
        order = self._cycles(deps, "score", "their expressions", {s.id: s.span for s in self.rs.scores})
        self._depth(order, deps, "score", "scores build on other scores", {s.id: s.span for s in self.rs.scores})
        out = []
        for sid in order:
            s = self.score_defs[sid]
            expr, typ = self._resolve_typed(s.expr, f"score {sid!r}")
            if expr is None:
                continue
            if typ.kind == "text":
                self.sink.report("SR211", f"score {sid!r} is a text; a score must be a number, yes/no or a choice", s.span)
                continue
            self.score_types[sid] = typ
            out.append(attrs.evolve(s, expr=expr))
        return tuple(out)

    def _rules(self) -> tuple[ast.Rule, ...]:
        out = []
        n = len(self.rs.rules)
        for rule in self.rs.rules:
            if rule.segment not in self.segments and not self._was_left_out("segments", rule.segment):
                close = closest(rule.segment, self.segments)
                alias_of = [s.id for s in self.rs.segments if rule.segment in s.aliases]
                hint = (
                    f"{rule.segment!r} is an alias of {alias_of[0]!r}; rules use segment ids"
                    if alias_of else (f"did you mean {close!r}?" if close else "declare it under segments:")
                )
                self.sink.report("SR220", f"rule {rule.index + 1} names the unknown segment {rule.segment!r}", rule.span, hint=hint)
            if rule.is_otherwise:
                if self.rs.hit_policy != "first":
                    self.sink.report(
                        "SR223", "'otherwise' can only be used with hit_policy: first", rule.span,
                        hint="under hit_policy: unique every rule needs a 'when' condition",
                    )
                elif rule.index != n - 1:
                    self.sink.report("SR223", "an 'otherwise' rule must be the last rule", rule.span)
                out.append(rule)
                continue
            cond = self._resolve_top(rule.condition, BOOLEAN, f"rule {rule.index + 1}")
            if cond is not None:
                out.append(attrs.evolve(rule, condition=cond))
        return tuple(out)

    def _segments_rules_pathways(self, rules: Iterable[ast.Rule]) -> None:
        with_rule = {r.segment for r in self.rs.rules}
        pathways: dict[str, ast.Pathway] = {}
        for p in self.rs.pathways:
            if p.segment not in self.segments and not self._was_left_out("segments", p.segment):
                close = closest(p.segment, self.segments)
                self.sink.report(
                    "SR222", f"a pathway is given for the unknown segment {p.segment!r}", p.span,
                    hint=f"did you mean {close!r}?" if close else None,
                )
            pathways[p.segment] = p
        for seg in self.rs.segments:
            if seg.id not in with_rule and not self._was_left_out("rules", seg.id):
                self.sink.report(
                    "SR221", f"segment {seg.id!r} has no rule, so no client can ever be placed in it", seg.span,
                    hint=f"add a rule such as '{seg.id} when ...'",
                )
            if seg.id not in pathways and not self._was_left_out("pathways", seg.id):
                self.sink.report("SR222", f"segment {seg.id!r} has no pathway", seg.span, hint="add it under pathways:")

    def _axes(self) -> None:
        axes = self.rs.axes
        if axes is None:
            return
        for side, sid in (("resources", axes.resources), ("complexity", axes.complexity)):
            if sid not in self.score_defs and self._was_left_out("scores", sid):
                continue
            if sid not in self.score_defs:
                close = closest(sid, self.score_defs)
                self.sink.report(
                    "SR224", f"the {side} axis names {sid!r}, which is not a score", axes.span,
                    hint=f"did you mean {close!r}?" if close else "an axis is the id of a score declared under scores:",
                )
            elif self.score_types.get(sid, NUMBER) != NUMBER:
                self.sink.report("SR224", f"the {side} axis score {sid!r} must be a number", self.score_defs[sid].span)
        quadrants: dict[ast.Quadrant, str] = {}
        for seg in self.rs.segments:
            if seg.quadrant is None and ("quadrant", seg.id) in self.left_out:
                continue
            if seg.quadrant is None:
                self.sink.report(
                    "SR224", f"segment {seg.id!r} has no quadrant, but the ruleset has axes", seg.span,
                    hint="add e.g. quadrant: {resources: high, complexity: low}",
                )
            elif seg.quadrant in quadrants:
                self.sink.report(
                    "SR224", f"segments {quadrants[seg.quadrant]!r} and {seg.id!r} are placed in the same quadrant",
                    seg.span, hint="each segment takes its own quadrant: high or low resources, high or low complexity",
                )
            else:
                quadrants[seg.quadrant] = seg.id

    def _examples(self) -> None:
        for ex in self.rs.examples:
            if ex.expect not in self.segments and not self._was_left_out("segments", ex.expect):
                close = closest(ex.expect, self.segments)
                self.sink.report(
                    "SR230", f"example {ex.name!r} expects the unknown segment {ex.expect!r}", ex.span,
                    hint=f"did you mean {close!r}?" if close else None,
                )

    # ------------------------------------------------------------------ graphs

    def _depth(self, order: list, deps: dict, kind: str, what: str, spans: dict) -> None:
        """Chains of dependencies are limited, so that every stage can walk them safely.

        (A circle is reported on its own by ``_cycles``; its length is no further problem.)
        """
        if any(d.code == "SR213" for d in self.sink.diagnostics):
            return
        depth: dict[str, int] = {}
        for node in order:  # dependencies come first
            depth[node] = 1 + max((depth.get(d, 0) for d in deps.get(node, ()) if d != node), default=0)
            if depth[node] == MAX_CHAIN + 1:
                self.sink.report(
                    "SR140", f"{what} more than {MAX_CHAIN} levels deep (at {kind} {node!r})", spans.get(node),
                    hint=f"combine steps: a {kind} can use several others at once, e.g. with sum(...) or +",
                )

    def _cycles(self, deps: dict[str, tuple[str, ...]], kind: str, via: str, spans) -> list[str]:
        """Topological order of ``deps`` keys; a cycle is reported once with its path."""
        order: list[str] = []
        state: dict[str, int] = {}
        reported = False

        # depth-first, with an explicit stack: a chain of thousands of scores must not
        # exhaust Python's recursion limit
        for root in spans:
            if state.get(root):
                continue
            state[root] = 1
            stack = [(root, iter(deps.get(root, ())))]
            while stack:
                node, pending = stack[-1]
                for d in pending:
                    if d not in spans or state.get(d) == 2:
                        continue
                    if state.get(d) == 1:
                        if not reported:
                            path = [n for n, _ in stack]
                            cycle = path[path.index(d):] + [d]
                            self.sink.report(
                                "SR213",
                                f"the {kind}s {' → '.join(cycle)} depend on each other in a circle (through {via})",
                                spans.get(d),
                                hint=f"{_a(kind)} cannot depend on itself, directly or through others; break the circle",
                            )
                            reported = True
                        continue
                    state[d] = 1
                    stack.append((d, iter(deps.get(d, ()))))
                    break
                else:
                    stack.pop()
                    state[node] = 2
                    order.append(node)
        return order

    # ------------------------------------------------------------------ expressions

    def _example_score(self) -> str:
        """A number of the ruleset's own for hints: its resources axis, a score or an input."""
        if self.rs.axes is not None:
            return self.rs.axes.resources
        if self.rs.scores:
            return self.rs.scores[0].id
        numeric = [i.id for i in self.rs.inputs if i.domain.is_numeric]
        return numeric[0] if numeric else "resources"

    def _resolve_top(self, expr, want: Type, what: str, *, inputs_only: bool = False):
        resolved, typ = self._resolve_typed(expr, what, inputs_only=inputs_only)
        if resolved is None:
            return None
        if typ != want:
            self.sink.report(
                "SR211", f"{what}: the condition must be {want.describe()} (true or false), but this is {typ.describe()}",
                expr.span,
                hint=f"a condition compares values, e.g. {self._example_score()} >= 3" if want == BOOLEAN else None,
            )
            return None
        return resolved

    def _resolve_typed(self, expr, what: str, *, inputs_only: bool = False):
        self._what = what
        self._inputs_only = inputs_only
        try:
            return self._expr(expr)
        except _Bad:
            return None, None

    def _fail(self, code: str, message: str, span: Span | None, hint: str | None = None):
        self.sink.report(code, f"in {self._what}: {message}", span, hint=hint)
        raise _Bad()

    def _unknown(self, name: str, span: Span | None, what: str, pool) -> None:
        if any(self._was_left_out(section, name) for section in ("inputs", "groups", "scores")):
            return
        close = closest(name, pool)
        hint = f"did you mean {close!r}?" if close else None
        if hint is None:
            kinds = "inputs" if pool is self.inputs or getattr(self, "_inputs_only", False) else "inputs, groups or scores"
            hint = f"a name must be declared under {kinds}; check the spelling"
        if name in self.segments:
            hint = f"{name!r} is a segment; a condition can only use inputs and scores"
        self.sink.report("SR210", f"in {what}: unknown name {name!r}", span, hint=hint)

    def _names_pool(self):
        pool = dict(self.inputs)
        if not self._inputs_only:
            pool.update(self.score_defs)
            pool.update(self.groups)
        return pool

    def _expr(self, e) -> tuple[ast.Expr, Type]:
        if isinstance(e, ast.Number):
            return e, NUMBER
        if isinstance(e, ast.Bool):
            return e, BOOLEAN
        if isinstance(e, ast.String):
            return e, Type("text", (e.value,))
        if isinstance(e, ast.Name):
            return self._name(e)
        if isinstance(e, ast.Call):
            return self._call(e)
        if isinstance(e, ast.Negate):
            operand = self._num(e.operand, "'-'")
            return ast.Negate(operand, e.span), NUMBER
        if isinstance(e, ast.Binary):
            left = self._num(e.left, f"'{e.op}'")
            right = self._num(e.right, f"'{e.op}'")
            return ast.Binary(e.op, left, right, e.span), NUMBER
        if isinstance(e, ast.Compare):
            return self._compare(e)
        if isinstance(e, ast.In):
            return self._in(e)
        if isinstance(e, (ast.And, ast.Or)):
            word = "and" if isinstance(e, ast.And) else "or"
            ops = tuple(self._bool(o, f"'{word}'") for o in e.operands)
            return type(e)(ops, e.span), BOOLEAN
        if isinstance(e, ast.Not):
            return ast.Not(self._bool(e.operand, "'not'"), e.span), BOOLEAN
        if isinstance(e, ast.If):
            cond = self._bool(e.cond, "'if'")
            then, t1 = self._expr(e.then)
            other, t2 = self._expr(e.otherwise)
            if t1.kind != t2.kind or (t1.kind == "enum" and set(t1.values) != set(t2.values)):
                self._fail(
                    "SR211", f"the 'then' part is {t1.describe()} but the 'else' part is {t2.describe()}", e.span,
                    "both parts of an if must give the same kind of value",
                )
            return ast.If(cond, then, other, e.span), t1
        raise AssertionError(f"unexpected node {e!r}")  # pragma: no cover

    def _num(self, e, where: str) -> ast.Expr:
        r, t = self._expr(e)
        if t != NUMBER:
            self._fail("SR211", f"{where} needs numbers, but this is {t.describe()}", e.span)
        return r

    def _bool(self, e, where: str) -> ast.Expr:
        r, t = self._expr(e)
        if t != BOOLEAN:
            hint = None
            if t == NUMBER:
                hint = "compare it with something, e.g. x >= 3"
            self._fail("SR211", f"{where} needs yes/no values, but this is {t.describe()}", e.span, hint)
        return r

    def _name(self, e: ast.Name) -> tuple[ast.Expr, Type]:
        if e.id in self.inputs:
            return _input_ref(self.inputs[e.id], e.span), input_type(self.inputs[e.id])
        if not self._inputs_only and e.id in self.score_defs:
            if e.id not in self.score_types:  # a score whose own check failed, or a cycle
                raise _Bad()
            return ast.ScoreRef(e.id, e.span, self.score_defs[e.id].label), self.score_types[e.id]
        if not self._inputs_only and e.id in self.groups:
            self._fail(
                "SR215", f"the group {e.id!r} can only be used inside mean, sum, min, max, count or count_true", e.span,
                f"e.g. mean({e.id})",
            )
        if self._inputs_only and (e.id in self.score_defs or e.id in self.groups):
            kind = "score" if e.id in self.score_defs else "group"
            self._fail(
                "SR215", f"asked_when can only use other inputs, not the {kind} {e.id!r}", e.span,
                "use the inputs themselves; questions are asked before any score is computed",
            )
        self._unknown(e.id, e.span, self._what, self._names_pool())
        raise _Bad()

    def _call(self, e: ast.Call) -> tuple[ast.Expr, Type]:
        if e.func not in ast.FUNCTIONS:
            close = closest(e.func, ast.FUNCTIONS)
            self._fail(
                "SR212", f"unknown function {e.func!r}", e.span,
                f"did you mean {close!r}?" if close else "functions: " + ", ".join(ast.FUNCTIONS),
            )
        if not e.args:
            self._fail("SR212", f"{e.func}() needs at least one input", e.span)
        if e.func == "answered":
            if len(e.args) != 1 or not isinstance(e.args[0], ast.Name) or e.args[0].id not in self.inputs:
                self._fail("SR212", "answered(...) takes exactly one input", e.span, "e.g. answered(c_support)")
            return ast.Answered(_input_ref(self.inputs[e.args[0].id], e.args[0].span), e.span), BOOLEAN
        items: list[ast.Expr] = []
        for arg in e.args:
            if isinstance(arg, ast.Name) and arg.id in self.groups and not self._inputs_only:
                items.extend(ast.InputRef(m, arg.span) for m in self.groups[arg.id].members if m in self.inputs)
                continue
            r, t = self._expr(arg)
            want = BOOLEAN if e.func == "count_true" else NUMBER
            if e.func == "count":
                if not isinstance(r, ast.InputRef):
                    self._fail("SR212", "count(...) counts answered inputs: give inputs or groups", arg.span)
            elif t != want:
                needs = "yes/no values" if want == BOOLEAN else "numbers"
                self._fail("SR211", f"{e.func}(...) needs {needs}, but this is {t.describe()}", arg.span)
            items.append(r)
        return ast.Aggregate(e.func, tuple(items), e.span, tuple(e.args)), NUMBER

    def _compare(self, e: ast.Compare) -> tuple[ast.Expr, Type]:
        resolved = [self._expr(o) for o in e.operands]
        for op, (l, lt), (r, rt), lo, ro in zip(e.ops, resolved, resolved[1:], e.operands, e.operands[1:]):
            if op in ("<", "<=", ">", ">="):
                for node, t in ((lo, lt), (ro, rt)):
                    if t != NUMBER:
                        self._fail("SR211", f"'{op}' compares numbers, but this is {t.describe()}", node.span)
            else:
                self._same_kind(op, lo, lt, ro, rt)
        return ast.Compare(e.ops, tuple(r for r, _ in resolved), e.span), BOOLEAN

    def _same_kind(self, op, lo, lt: Type, ro, rt: Type) -> None:
        kinds = {lt.kind, rt.kind}
        if kinds == {"enum", "text"}:
            enum, text, node = (lt, rt, ro) if lt.kind == "enum" else (rt, lt, lo)
            if text.values[0] not in enum.values:
                close = closest(text.values[0], enum.values)
                self._fail(
                    "SR214", f'"{text.values[0]}" is not one of the choices ' + ", ".join(f'"{v}"' for v in enum.values),
                    node.span, f'did you mean "{close}"?' if close else None,
                )
            return
        if lt.kind != rt.kind or lt.kind == "text" or (lt.kind == "enum" and set(lt.values) != set(rt.values)):
            enum = lt if lt.kind == "enum" else rt if rt.kind == "enum" else None
            hint = f'compare a choice with one of its codes in double quotes, e.g. = "{enum.values[0]}"' if enum else None
            self._fail("SR211", f"'{op}' compares {lt.describe()} with {rt.describe()}", ro.span, hint)

    def _in(self, e: ast.In) -> tuple[ast.Expr, Type]:
        operand, t = self._expr(e.operand)
        values = []
        for v in e.values:
            rv, vt = self._expr(v)
            if t.kind == "enum":
                self._same_kind("in", e.operand, t, v, vt)
            elif vt != t or t.kind not in ("number", "boolean"):
                self._fail("SR211", f"'in' compares {t.describe()} with {vt.describe()}", v.span)
            values.append(rv)
        return ast.In(operand, tuple(values), e.span), BOOLEAN


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def check_ruleset(
    rs: ast.RulesetDef, sink: DiagnosticSink, left_out: frozenset[tuple[str, str]] = frozenset()
) -> ast.RulesetDef | None:
    """The checked AST, or None when the file has problems. ``left_out`` names what the
    loader could not build (``loader.build_draft``): those names are known, not misspelt."""
    return Checker(rs, sink, left_out).check()


def expression_type(rs: ast.RulesetDef, e: ast.Expr) -> Type:
    """The type of an expression of a checked ruleset (for back ends that need it)."""
    if isinstance(e, (ast.Number, ast.Negate, ast.Binary, ast.Aggregate)):
        return NUMBER
    if isinstance(e, (ast.Bool, ast.Compare, ast.In, ast.And, ast.Or, ast.Not, ast.Answered)):
        return BOOLEAN
    if isinstance(e, ast.String):
        return Type("text", (e.value,))
    if isinstance(e, ast.InputRef):
        return input_type(rs.input(e.id))
    if isinstance(e, ast.ScoreRef):
        return expression_type(rs, rs.score(e.id).expr)
    if isinstance(e, ast.If):
        return expression_type(rs, e.then)
    raise TypeError(e)
