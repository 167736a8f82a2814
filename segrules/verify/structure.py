"""The structural verifier: exact over the whole answer space without enumerating it.

The method, in the order it runs (docs/verification.md explains it for auditors):

1. *Control cases.* Inputs that decide which questions are asked are enumerated; within one
   case every other input (a *leaf*) has a fixed set of options, independent of the others.
2. *Places and clusters.* Every point where scores or rules touch leaves is a place: an
   aggregate over leaves (``mean(client)``) or a leaf read directly. Places sharing a leaf
   form a cluster. A dynamic programme over a cluster's leaves yields every reachable tuple
   of place values (a mean kept as its exact sum and count), how many answer combinations
   reach it, and one witness each.
3. *Value sets.* The value set of an expression is built bottom-up: where the parts of a node
   read disjoint clusters, the node's values come from combining the parts' value sets (a
   sum of independent terms stays small: this is the dynamic programme over sums); where they
   share clusters, the node is evaluated over the joint cluster tuples.
4. *Components and classes.* Rule conditions split into *atoms* (comparisons, ``in``, yes/no
   values). Atoms and scores that read the same clusters form a component. Each component's
   combinations are grouped into classes by the atoms' values.
5. *Outcomes.* For each case, every combination of component classes runs through the rules'
   and/or/not structure. Classes are few, so this is small.

Values are exact fractions and evaluation goes through the reference evaluator, node by
node; counts are exact and add up to the size of the answer space (checked by the caller).
A ruleset beyond the budgets is reported as undecided, never as proven.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import attrs

from ..dsl import ast
from ..engine import reference
from ..errors import EvaluationError
from .budget import Budget, Undecided
from .model import exact_or_internal
from .regions import describe_region
from .space import AnswerSpace, ControlCase, Tally, as_number, matched_rules

__all__ = ["StructuralVerifier", "Undecided", "Budget"]


@attrs.frozen
class Place:
    key: tuple  # ("agg", aggregate_key) or ("input", id)
    func: str  # mean/sum/min/max/count/count_true or "input"
    items: tuple[str, ...]  # the leaf input id each item reads (with repeats, as written)
    span: Any = None
    # per item, the expression over its one leaf (``2 * p1``, ``q1 >= 4``), or None for the
    # leaf itself; an aggregate with any such item keeps (value, first failing item) as state
    exprs: tuple | None = None

    def start(self):
        return _initial(self.func) if self.exprs is None else (_initial(self.func), None)

    def finish(self, st):
        if self.exprs is None:
            return _final(self, st)
        acc, failed = st
        return failed[1] if failed is not None else _final(self, acc)


def formula(e: ast.Expr, atom_value) -> Any:
    """A rule condition over atom values, with the reference's short-circuit order.

    Returns True/False, or an EvaluationError for an error the evaluation reaches.
    """
    if isinstance(e, ast.Bool):
        return e.value
    if isinstance(e, ast.And):
        for o in e.operands:
            v = formula(o, atom_value)
            if isinstance(v, EvaluationError) or not v:
                return v
        return True
    if isinstance(e, ast.Or):
        for o in e.operands:
            v = formula(o, atom_value)
            if isinstance(v, EvaluationError) or v:
                return v
        return False
    if isinstance(e, ast.Not):
        v = formula(e.operand, atom_value)
        return v if isinstance(v, EvaluationError) else not v
    if isinstance(e, ast.If):
        c = formula(e.cond, atom_value)
        if isinstance(c, EvaluationError):
            return c
        return formula(e.then if c else e.otherwise, atom_value)
    return atom_value(e)


def _atoms_of(e: ast.Expr, out: dict) -> None:
    if isinstance(e, (ast.And, ast.Or)):
        for o in e.operands:
            _atoms_of(o, out)
    elif isinstance(e, ast.Not):
        _atoms_of(e.operand, out)
    elif isinstance(e, ast.If):
        _atoms_of(e.cond, out)
        _atoms_of(e.then, out)
        _atoms_of(e.otherwise, out)
    elif not isinstance(e, ast.Bool):
        out.setdefault(e, len(out))


def outcome_result(rs: ast.RulesetDef, matched) -> tuple | None:
    """The result of matched rules, as the influence check compares them (None for an error)."""
    if isinstance(matched, EvaluationError):
        return None
    segs = sorted({rs.rules[i].segment for i in matched})
    if rs.hit_policy == "first":
        return ("segment", rs.rules[matched[0]].segment) if matched else ("none",)
    if len(segs) == 1:
        return ("segment", segs[0])
    return ("none",) if not segs else ("several", tuple(segs))


class _UnionFind:
    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb, key=repr)] = min(ra, rb, key=repr)


def _key(v):
    if isinstance(v, EvaluationError):
        return ("!err", v.code, str(v))
    return (type(v).__name__, v)


def _check_size(budget: Budget, sets, what: str, factor: int = 1) -> None:
    """Stop (undecided) before a product of these sets grows beyond the budget."""
    n = factor
    for x in sets:
        n *= len(x)
    budget.limit(n, "product", f"value combinations of {what}")
    budget.check(f"combining {what}")


@attrs.define
class _Component:
    index: int
    clusters: list  # cluster indexes
    owned: list  # score ids whose totality is checked here (evaluation order)
    atoms: list  # atom indexes decided here


@attrs.define
class _Class:
    """Component combinations that give the same atom values (and the same owned-score error)."""

    atoms: tuple
    error: tuple | None  # (rank of the failing score in evaluation order, its EvaluationError)
    count: int
    witness: dict
    score_ranges: dict = attrs.Factory(dict)  # score id → (min, max)
    axis_values: set = attrs.Factory(set)  # (resources, complexity) values, None where not here


class _Case:
    """Per control case: leaf options and memoised value sets."""

    def __init__(self, case: ControlCase):
        self.case = case
        self.values = {k: v for k, v in case.values.items() if v is not None}
        self.vs: dict = {}


class StructuralVerifier:
    def __init__(self, rs: ast.RulesetDef, space: AnswerSpace | None = None, *, plane: bool = True,
                 budget: Budget | None = None):
        self.rs = rs
        self.budget = budget if budget is not None else Budget()
        self.space = space or AnswerSpace(rs)
        self.leaf_ids = {i.id for i in self.space.leaves}
        self.want_plane = plane and rs.axes is not None
        self._cluster_cache: dict = {}
        self._item_values: dict = {}
        self._collect()

    # ------------------------------------------------------------------ structure

    def _collect(self) -> None:
        rs = self.rs
        self.places: dict[tuple, Place] = {}
        self.place_nodes: dict[tuple, list] = {}  # aggregate place → ids of its AST nodes
        for s in rs.scores:
            self._register_places(s.expr)
        atoms: dict = {}
        for r in rs.rules:
            if r.condition is not None:
                _atoms_of(r.condition, atoms)
                self._register_places(r.condition)
        self.atoms = list(atoms)
        self.atom_index = atoms

        uf = _UnionFind()
        for key, place in self.places.items():
            uf.find(("p", key))
            for leaf in place.items:
                uf.union(("p", key), ("i", leaf))
        groups: dict = {}
        for key in self.places:
            groups.setdefault(uf.find(("p", key)), []).append(key)
        self.clusters = sorted((sorted(g, key=repr) for g in groups.values()), key=lambda g: repr(g[0]))
        self.cluster_of = {key: ci for ci, g in enumerate(self.clusters) for key in g}
        self.cluster_leaves = []
        for g in self.clusters:
            leaves: dict = {}
            for key in g:
                for leaf in self.places[key].items:
                    leaves.setdefault(leaf, None)
            self.cluster_leaves.append(sorted(leaves))
        self.used_leaves = {l for ls in self.cluster_leaves for l in ls}

        self._support: dict[int, frozenset] = {}
        self.score_support = {}
        for s in rs.scores:
            self.score_support[s.id] = self.support(s.expr)
        self.atom_support = [self.support(a) for a in self.atoms]
        # one reference node per score, kept alive: value sets are memoised by node identity
        self.score_refs = {s.id: ast.ScoreRef(s.id) for s in rs.scores}
        self.score_rank = {s.id: k for k, s in enumerate(rs.scores)}
        for sid, ref in self.score_refs.items():
            self._support[id(ref)] = self.score_support[sid]

        uf2 = _UnionFind()
        for ci in range(len(self.clusters)):
            uf2.find(ci)
        for sup in list(self.score_support.values()) + self.atom_support:
            cl = sorted(sup)
            for a, b in zip(cl, cl[1:]):
                uf2.union(a, b)
        comp_clusters: dict = {}
        for ci in range(len(self.clusters)):
            comp_clusters.setdefault(uf2.find(ci), []).append(ci)
        comps = sorted(comp_clusters.values())
        comp_of_cluster = {ci: k for k, cl in enumerate(comps) for ci in cl}
        trivial = len(comps)
        self.components = [_Component(k, comps[k] if k < trivial else [], [], []) for k in range(trivial + 1)]

        def comp_of(sup: frozenset) -> int:
            return comp_of_cluster[next(iter(sup))] if sup else trivial

        for s in rs.scores:
            self.components[comp_of(self.score_support[s.id])].owned.append(s.id)
        for ai, sup in enumerate(self.atom_support):
            self.components[comp_of(sup)].atoms.append(ai)

    def _register_places(self, e: ast.Expr) -> None:
        place = self._place_of(e)
        if place is not None:
            self.places.setdefault(place.key, place)
            if place.func != "input":
                self.place_nodes.setdefault(place.key, []).append(id(e))
            return
        for c in ast.children(e):
            self._register_places(c)

    def _place_of(self, e: ast.Expr) -> Place | None:
        if isinstance(e, ast.Aggregate) and e.items and all(
            isinstance(i, ast.InputRef) and i.id in self.leaf_ids for i in e.items
        ):
            key = ("agg", reference.aggregate_key(e))
            return self.places.get(key) or Place(key, e.func, tuple(i.id for i in e.items), e.span)
        if isinstance(e, ast.Aggregate) and e.items and e.func != "count":
            leaves = [self._single_leaf(i) for i in e.items]
            if all(leaves):
                key = ("agg", reference.aggregate_key(e))
                exprs = tuple(None if isinstance(i, ast.InputRef) else i for i in e.items)
                return self.places.get(key) or Place(key, e.func, tuple(leaves), e.span, exprs)
        if isinstance(e, ast.InputRef) and e.id in self.leaf_ids:
            key = ("input", e.id)
            return self.places.get(key) or Place(key, "input", (e.id,), e.span)
        return None

    def _single_leaf(self, e: ast.Expr) -> str | None:
        """The one leaf an aggregate item reads, if it reads nothing else (no score, no control)."""
        found = None
        for node in ast.walk(e):
            if isinstance(node, ast.ScoreRef):
                return None
            if isinstance(node, ast.InputRef):
                if node.id not in self.leaf_ids or (found is not None and node.id != found):
                    return None
                found = node.id
        return found

    def _item_step(self, place: Place, j: int, st, v):
        """Add item j of a place with item expressions, its leaf answered v (None: unanswered)."""
        acc, failed = st
        if failed is not None and failed[0] < j:
            return st  # an earlier item fails already: the reference stops there
        expr = place.exprs[j]
        if expr is None:
            if v is None or failed is not None:
                return st
            return (_step(place.func, acc, v, 1), None)
        ck = (place.key, j, v)
        val = self._item_values.get(ck, reference.MISSING)
        if val is reference.MISSING:
            val = _eval(expr, {} if v is None else {place.items[j]: v}, self.rs, {})
            self._item_values[ck] = val
        if isinstance(val, EvaluationError):
            return (None, (j, val))
        if failed is not None:
            return st
        return (_step(place.func, acc, val, 1), None)

    def place_step(self, place: Place, st, leaf: str, v, mult: int):
        """The state of a place after its items that read ``leaf`` (``mult`` of them) take v."""
        if place.exprs is None:
            return _step(place.func, st, v, mult)
        for j, item_leaf in enumerate(place.items):
            if item_leaf == leaf:
                st = self._item_step(place, j, st, v)
        return st

    def support(self, e: ast.Expr) -> frozenset:
        """The clusters an expression reads (through scores too)."""
        got = self._support.get(id(e))
        if got is not None:
            return got
        if isinstance(e, ast.Answered) and e.input.id in self.leaf_ids:
            sup = frozenset({self.cluster_of[("input", e.input.id)]})
        elif (place := self._place_of(e)) is not None:
            sup = frozenset({self.cluster_of[place.key]})
        elif isinstance(e, ast.ScoreRef):
            sup = self.support(self.rs.score(e.id).expr)
        else:
            sup = frozenset().union(*(self.support(c) for c in ast.children(e))) if ast.children(e) else frozenset()
        self._support[id(e)] = sup
        return sup

    # ------------------------------------------------------------------ clusters

    def cluster_states(self, ci: int, options: dict, without: str | None = None):
        """DP over the cluster's leaves: {partial state: [count, witness tuple]}, and the leaf order."""
        places = [self.places[k] for k in self.clusters[ci]]
        leaves = [l for l in self.cluster_leaves[ci] if l != without]
        states: dict = {tuple(p.start() for p in places): [1, ()]}
        member = [[(pi, p.items.count(leaf)) for pi, p in enumerate(places) if leaf in p.items] for leaf in leaves]
        budget = self.budget
        what = f"partial states of the inputs {', '.join(leaves[:4])}" + ("…" if len(leaves) > 4 else "")
        for li, leaf in enumerate(leaves):
            nxt: dict = {}
            for n, (state, (count, wit)) in enumerate(states.items()):
                if not n & 1023:  # counted while working, not after a whole step
                    budget.spend(1024 * len(options[leaf]), f"working out the {what}")
                for v in options[leaf]:
                    new = list(state)
                    for pi, mult in member[li]:
                        new[pi] = self.place_step(places[pi], new[pi], leaf, v, mult)
                    new = tuple(new)
                    got = nxt.get(new)
                    if got is None:
                        nxt[new] = [count, wit + (v,)]
                        if len(nxt) > budget.max_states:
                            budget.limit(len(nxt), "states", what)
                    else:
                        got[0] += count
            states = nxt
        return places, leaves, states

    def cluster_tuples(self, ci: int, options: dict) -> list:
        """[(place values tuple, count, witness dict)] for cluster ci under these options."""
        okey = (ci, tuple(options[l] for l in self.cluster_leaves[ci]))
        got = self._cluster_cache.get(okey)
        if got is not None:
            return got
        places, leaves, states = self.cluster_states(ci, options)
        out: dict = {}
        for state, (count, wit) in states.items():
            values = tuple(p.finish(st) for p, st in zip(places, state))
            k = tuple(_key(v) for v in values)
            got = out.get(k)
            if got is None:
                out[k] = [values, count, dict(zip(leaves, wit))]
            else:
                got[1] += count
        result = [tuple(v) for v in out.values()]
        self._cluster_cache[okey] = result
        return result

    def _env_from_tuples(self, cv: _Case, clusters, tuples) -> tuple[dict, dict]:
        values = dict(cv.values)
        known: dict = {}
        for ci, tup in zip(clusters, tuples):
            for key, val in zip(self.clusters[ci], tup):
                if key[0] == "agg":
                    for node_id in self.place_nodes[key]:
                        known[node_id] = val
                elif val is not None:
                    values[key[1]] = val
        return values, known

    # ------------------------------------------------------------------ value sets

    def value_set(self, e: ast.Expr, cv: _Case) -> list:
        """[(value, count, witness)] of expression e over the leaves of its clusters."""
        memo_key = id(e)
        got = cv.vs.get(memo_key)
        if got is not None:
            return got
        sup = self.support(e)
        if isinstance(e, ast.ScoreRef):
            result = self.value_set(self.rs.score(e.id).expr, cv)
        elif not sup:
            result = [(_eval(e, cv.values, self.rs, {}), 1, {})]
        elif self._place_of(e) is not None or (isinstance(e, ast.Answered) and e.input.id in self.leaf_ids):
            target = e.input if isinstance(e, ast.Answered) else e
            place = self._place_of(target)
            ci = self.cluster_of[place.key]
            pi = self.clusters[ci].index(place.key)
            acc: dict = {}
            for values, count, wit in self.cluster_tuples(ci, cv.case.options):
                v = values[pi]
                if isinstance(e, ast.Answered):
                    v = v is not None
                elif place.func == "input" and v is None:
                    v = EvaluationError(reference.missing_message(place.items[0]), code="SR405", span=e.span, input=place.items[0])
                _add(acc, v, count, wit)
            result = list(acc.values())
        else:
            kids = [c for c in ast.children(e) if self.support(c)]
            sups = [self.support(c) for c in kids]
            disjoint = sum(len(s) for s in sups) == len(frozenset().union(*sups))
            acc = {}
            sets = [self.value_set(c, cv) for c in kids] if disjoint else None
            fast = self._sum_over_range(e, kids, sets) if disjoint else None
            if fast is not None:
                acc = fast
            elif disjoint:
                _check_size(self.budget, sets, "the parts of one expression")
                for combo in self.budget.watch(itertools.product(*sets), "combining values"):
                    values = dict(cv.values)
                    known = {}
                    for k, (v, _, _) in zip(kids, combo):
                        if isinstance(k, ast.InputRef):
                            # through values, so that aggregates skip an unanswered one
                            if not isinstance(v, EvaluationError):
                                values[k.id] = v
                        else:
                            known[id(k)] = v
                    count, wit = 1, {}
                    for _, c, w in combo:
                        count *= c
                        wit.update(w)
                    _add(acc, _eval(e, values, self.rs, known), count, wit)
            else:
                clusters = sorted(sup)
                sets = [self.cluster_tuples(ci, cv.case.options) for ci in clusters]
                _check_size(self.budget, sets, "inputs read together by one expression")
                for combo in self.budget.watch(itertools.product(*sets), "combining values"):
                    values, known = self._env_from_tuples(cv, clusters, [t for t, _, _ in combo])
                    count, wit = 1, {}
                    for _, c, w in combo:
                        count *= c
                        wit.update(w)
                    _add(acc, _eval(e, values, self.rs, known), count, wit)
            result = list(acc.values())
        cv.vs[memo_key] = result
        return result

    def _sum_over_range(self, e: ast.Expr, kids: list, sets: list) -> dict | None:
        """``x + y`` or ``x - y`` of independent whole numbers where one side takes every value
        of a range equally often (an integer input, say): each sum's count is a window of the
        other side's counts, so two ranges of 10,000 values take 20,000 steps, not 10^8.
        None where this does not apply (the caller combines the values one by one)."""
        if not (isinstance(e, ast.Binary) and e.op in "+-" and len(kids) == 2
                and kids[0] is e.left and kids[1] is e.right):
            return None
        for vs in sets:
            for v, _, _ in vs:
                if not isinstance(v, Fraction) or v.denominator != 1:
                    return None
        left = [(int(v), c, w) for v, c, w in sets[0]]
        right = [(int(v) if e.op == "+" else -int(v), c, w) for v, c, w in sets[1]]
        for x_side, y_side in ((left, right), (right, left)):
            ys = sorted(y_side, key=lambda t: t[0])
            lo, hi = ys[0][0], ys[-1][0]
            if len(ys) < 2 or hi - lo + 1 != len(ys) or any(c != ys[0][1] for _, c, _ in ys):
                continue
            return self._window_sums(sorted(x_side, key=lambda t: t[0]), lo, hi, ys[0][1],
                                     {v: w for v, _, w in ys})
        return None

    def _window_sums(self, xs: list, lo: int, hi: int, each: int, y_witness: dict) -> dict:
        """{sum: [value, count, witness]} of x + y, y over lo..hi (each value ``each`` times)."""
        spans = []  # the sums, as merged ranges
        for x, _, _ in xs:
            if spans and x + lo <= spans[-1][1] + 1:
                spans[-1][1] = max(spans[-1][1], x + hi)
            else:
                spans.append([x + lo, x + hi])
        self.budget.limit(sum(b - a + 1 for a, b in spans), "product", "values of one sum")
        prefix = [0]
        for _, c, _ in xs:
            prefix.append(prefix[-1] + c)
        values = [x for x, _, _ in xs]
        out: dict = {}
        first = 0  # the window is xs[first:last], the x with s - hi <= x <= s - lo
        last = 0
        n = 0
        for a, b in spans:
            for total in range(a, b + 1):
                n += 1
                if not n & 4095:
                    self.budget.spend(256, "adding up the values of a sum")  # 1/16 step a sum
                while first < len(values) and values[first] < total - hi:
                    first += 1
                while last < len(values) and values[last] <= total - lo:
                    last += 1
                count = (prefix[last] - prefix[first]) * each
                x, _, wx = xs[first]
                wit = dict(wx)
                wit.update(y_witness[total - x])
                v = Fraction(total)
                out[_key(v)] = [v, count, wit]
        return out

    # ------------------------------------------------------------------ components

    def _units(self, targets: list) -> list:
        """Maximal score references and places the targets read (not looking inside scores)."""
        units: dict = {}

        def visit(e):
            if isinstance(e, ast.ScoreRef):
                units.setdefault(("score", e.id), e)
                return
            if isinstance(e, ast.Answered) and e.input.id in self.leaf_ids:
                visit(e.input)
                return
            place = self._place_of(e)
            if place is not None:
                units.setdefault(place.key, e)
                return
            for c in ast.children(e):
                visit(c)

        for t in targets:
            visit(t)
        # a score that reads no leaf (only constants or control inputs) is a unit too: its one
        # value under the case may be an error, which the totality check must see
        return [(k, e) for k, e in units.items() if k[0] == "score" or self.support(e)]

    def _targets_and_units(self, comp: _Component, cvs: list) -> tuple[list, list, list]:
        """Scores that can fail (under any of the cases), and the units the targets read."""
        targets = [self.atoms[a] for a in comp.atoms]
        failing = []
        cvs = list({id(cv): cv for cv in cvs}.values())  # the influence check repeats one case
        for sid in comp.owned:
            ref = self.score_refs[sid]
            if any(isinstance(v, EvaluationError) for cv in cvs for v, _, _ in self.value_set(ref, cv)):
                failing.append(sid)
                targets.append(ref)
        return targets, failing, self._units(targets)

    def _unit_groups(self, units: list) -> list:
        """Units that read shared clusters, grouped; each group as a list of unit indexes."""
        uf = _UnionFind()
        for i, (_, e) in enumerate(units):
            uf.find(("u", i))
            for ci in self.support(e):
                uf.union(("u", i), ("c", ci))
        grouped: dict = {}
        for i in range(len(units)):
            grouped.setdefault(uf.find(("u", i)), []).append(i)
        return [grouped[k] for k in sorted(grouped, key=repr)]

    def atom_reads(self, comp: _Component, units: list) -> list:
        """Per atom of the component, the indexes of the units it reads."""
        index = {key: i for i, (key, _) in enumerate(units)}
        return [tuple(sorted(index[k] for k, _ in self._units([self.atoms[a]]))) for a in comp.atoms]

    def _signature(self, comp: _Component, units: list, failing: list, cv: _Case, unit_values: dict,
                   memo: dict | None = None, reads: list | None = None):
        """(failing score error or None, atom values, scores) from the units' values.

        With ``memo`` and ``reads`` (``atom_reads``), an atom is evaluated once per distinct
        value of the units it reads, not once per combination of all the units: the values are
        the same objects throughout one call, so their ids are the key."""
        scores: dict = {}
        known: dict = {}
        values = dict(cv.values)
        for i, v in unit_values.items():
            ukey = units[i][0]
            if ukey[0] == "score":
                scores[ukey[1]] = v
            elif ukey[0] == "agg":
                for node_id in self.place_nodes[ukey]:
                    known[node_id] = v
            elif v is not None and not isinstance(v, EvaluationError):
                values[ukey[1]] = v
        failed = next((s for s in failing if isinstance(scores.get(s), EvaluationError)), None)
        if failed is None:
            error = None
        else:
            # ranked by the failing score's place in evaluation order, across components
            error = (self.score_rank[failed], scores[failed])
        if memo is None:
            atoms = tuple(_eval_bool(self.atoms[a], values, self.rs, scores, known) for a in comp.atoms)
            return error, atoms, scores
        out = []
        for a, read in zip(comp.atoms, reads):
            mk = (a, id(cv)) + tuple(id(unit_values[i]) for i in read)
            got = memo.get(mk)
            if got is None:
                got = memo[mk] = _eval_bool(self.atoms[a], values, self.rs, scores, known)
            out.append(got)
        return error, tuple(out), scores

    def component_classes(self, comp: _Component, cv: _Case) -> list:
        """The component's classes under one case, with exact counts and a witness each."""
        rs = self.rs
        targets, failing, units = self._targets_and_units(comp, [cv])
        group_list = self._unit_groups(units)
        memo: dict = {}
        reads = self.atom_reads(comp, units)
        covered: set = set()
        group_sets = []  # per group: [(unit values tuple, count, witness)]
        for members in group_list:
            sup = frozenset().union(*(self.support(units[i][1]) for i in members))
            covered |= sup
            if len(members) == 1:
                e = units[members[0]][1]
                group_sets.append([((v,), c, w) for v, c, w in self.value_set(e, cv)])
                continue
            clusters = sorted(sup)
            sets = [self.cluster_tuples(ci, cv.case.options) for ci in clusters]
            _check_size(self.budget, sets, "values read together by several conditions")
            acc: dict = {}
            for combo in self.budget.watch(itertools.product(*sets), "combining values"):
                values, known = self._env_from_tuples(cv, clusters, [t for t, _, _ in combo])
                vals = tuple(_eval(units[i][1], values, rs, known) for i in members)
                count, wit = 1, {}
                for _, c, w in combo:
                    count *= c
                    wit.update(w)
                k = tuple(_key(v) for v in vals)
                got = acc.get(k)
                if got is None:
                    acc[k] = [vals, count, wit]
                else:
                    got[1] += count
            group_sets.append([tuple(x) for x in acc.values()])

        # clusters of the component that no target reads (scores that never fail)
        free_count, free_wit = 1, {}
        for ci in comp.clusters:
            if ci not in covered:
                tuples = self.cluster_tuples(ci, cv.case.options)
                free_count *= sum(c for _, c, _ in tuples)
                free_wit.update(tuples[0][2])

        _check_size(self.budget, group_sets, "the conditions of one component")
        axes = rs.axes
        classes: dict = {}
        for combo in self.budget.watch(itertools.product(*group_sets), "combining values"):
            unit_values = {}
            for members, (vals, _, _) in zip(group_list, combo):
                unit_values.update(zip(members, vals))
            error, atom_values, scores = self._signature(comp, units, failing, cv, unit_values, memo, reads)
            key = (error and (error[0], _key(error[1])),) + tuple(_key(v) for v in atom_values)
            count, wit = free_count, dict(free_wit)
            for _, c, w in combo:
                count *= c
                wit.update(w)
            cls = classes.get(key)
            if cls is None:
                cls = classes[key] = _Class(atom_values, error, 0, wit)
            cls.count += count
            for sid, v in scores.items():
                num = as_number(v)
                if num is not None:
                    lo, hi = cls.score_ranges.get(sid, (num, num))
                    cls.score_ranges[sid] = (min(lo, num), max(hi, num))
            if self.want_plane and error is None:
                r = as_number(scores.get(axes.resources))
                c = as_number(scores.get(axes.complexity))
                if r is not None or c is not None:
                    cls.axis_values.add((r, c))
        return list(classes.values())

    # ------------------------------------------------------------------ the whole space

    def run(self, tally: Tally, plane=None) -> None:
        """Tally every control case's outcomes (raises Undecided beyond the budget)."""
        with exact_or_internal():
            self._run(tally, plane)

    def _run(self, tally: Tally, plane) -> None:
        # counted before the first case is worked on: beyond the limit, undecided at once
        self.budget.limit(self.space.case_count(self.budget), "cases",
                          "combinations of the answers that decide which questions are asked")
        n_cases = 0
        comp_cache: dict = {}
        for case in self.space.cases():
            n_cases += 1
            self.budget.limit(n_cases, "cases", "combinations of the answers that decide which questions are asked")
            self.budget.spend(1, "going through the answers that decide which questions are asked")
            if case.error is not None:
                tally.error(
                    EvaluationError(
                        f"cannot tell whether input {case.error_input!r} is asked: {case.error}",
                        code=case.error.code, span=case.error.span,
                    ),
                    case.values, 0,
                )
                continue
            cv = _Case(case)
            per_comp = [self._classes_cached(comp, cv, comp_cache) for comp in self.components]
            self._outcomes(cv, per_comp, tally, plane)

    def _classes_cached(self, comp: _Component, cv: _Case, cache: dict) -> list:
        key = (comp.index, tuple(sorted(cv.values.items(), key=repr)),
               tuple(cv.case.options[l] for ci in comp.clusters for l in self.cluster_leaves[ci]))
        if key not in cache:
            cache[key] = self.component_classes(comp, cv)
        return cache[key]

    def _free_leaves(self, case: ControlCase) -> tuple[int, dict]:
        """Leaves no rule or score reads: their combinations, and a witness value for each."""
        count, witness = 1, {}
        for leaf in self.space.leaves:
            if leaf.id not in self.used_leaves:
                opts = case.options[leaf.id]
                count *= len(opts)
                witness[leaf.id] = opts[0]
        return count, witness

    def _match(self, atom_value: dict):
        def value(rule):
            v = formula(rule.condition, lambda atom: atom_value[self.atom_index[atom]])
            if isinstance(v, EvaluationError):
                raise v
            return v

        return matched_rules(self.rs, value)

    def _outcomes(self, cv: _Case, per_comp: list, tally: Tally, plane) -> None:
        rs = self.rs
        free_count, free_witness = self._free_leaves(cv.case)
        _check_size(self.budget, per_comp, "condition outcomes for one set of asked questions")
        for combo in self.budget.watch(itertools.product(*per_comp), "combining values"):
            count = free_count
            witness = dict(cv.case.values)
            witness.update(free_witness)
            atom_value: dict = {}
            error = None
            for comp, cls in zip(self.components, combo):
                count *= cls.count
                witness.update(cls.witness)
                if cls.error is not None and (error is None or cls.error[0] < error[0]):
                    error = cls.error  # the engine stops at the first score in order that fails
                for ai, v in zip(comp.atoms, cls.atoms):
                    atom_value[ai] = v
            if error is not None:
                tally.error(error[1], witness, count)
                continue
            matched = self._match(atom_value)
            if isinstance(matched, EvaluationError):
                tally.error(matched, witness, count)
                continue
            if rs.hit_policy == "first":
                segs = {rs.rules[matched[0]].segment} if matched else set()
            else:
                segs = {rs.rules[i].segment for i in matched}
            seg = next(iter(segs)) if len(segs) == 1 else None
            tally.outcome(matched, witness, count, None if seg else self.region(combo))
            if plane is not None:
                plane.add(self._axis_points(combo), seg)

    def _axis_points(self, combo) -> set:
        rs_vals, cx_vals, joint = set(), set(), set()
        for cls in combo:
            for r, c in cls.axis_values:
                if r is not None and c is not None:
                    joint.add((r, c))
                elif r is not None:
                    rs_vals.add(r)
                elif c is not None:
                    cx_vals.add(c)
        if joint:
            return joint
        return {(r, c) for r in rs_vals for c in cx_vals}

    def region(self, combo) -> str:
        """The region of the score plane where this combination of classes lies."""
        atom_values, ranges = [], {}
        for comp, cls in zip(self.components, combo):
            atom_values.extend((self.atoms[ai], v) for ai, v in zip(comp.atoms, cls.atoms))
            ranges.update(cls.score_ranges)
        return describe_region(atom_values, self.rs, ranges)


def _add(acc: dict, v, count: int, wit: dict) -> None:
    k = _key(v)
    got = acc.get(k)
    if got is None:
        acc[k] = [v, count, dict(wit)]
    else:
        got[1] += count


def _eval(e, values, rs, known, scores=None):
    try:
        return reference.evaluate(e, values, rs, scores if scores is not None else {}, known)
    except EvaluationError as exc:
        return exc


def _eval_bool(e, values, rs, scores, known):
    v = _eval(e, values, rs, known, scores)
    return v if isinstance(v, EvaluationError) else bool(v)


def _initial(func: str):
    if func == "mean":
        return (0, 0)
    if func in ("sum", "count", "count_true"):
        return 0
    return None  # min, max, input


def _step(func: str, st, v, mult: int):
    if func == "input":
        return v
    if v is None:
        return st
    if func == "mean":
        return (st[0] + v * mult, st[1] + mult)
    if func == "sum":
        return st + v * mult
    if func == "count":
        return st + mult
    if func == "count_true":
        return st + (mult if v is True else 0)
    if func == "min":
        return v if st is None else min(st, v)
    return v if st is None else max(st, v)


def _final(place: Place, st):
    func = place.func
    if func == "input":
        # numbers as the reference evaluator reads them: exact, never a bare int (int / int is a float)
        return Fraction(st) if type(st) is int else st
    if func == "mean":
        if st[1] == 0:
            return EvaluationError("mean(...) has no answered inputs to work on", code="SR404", span=place.span)
        return Fraction(st[0], st[1])
    if func in ("min", "max"):
        if st is None:
            return EvaluationError(f"{func}(...) has no answered inputs to work on", code="SR404", span=place.span)
        return Fraction(st)
    return Fraction(st)
