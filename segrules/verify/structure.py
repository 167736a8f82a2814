"""The structural verifier: exact over the whole answer space without enumerating it.

The method, in the order it runs (docs/verification.md explains it for auditors):

1. *Places.* Every point where the rules touch leaf inputs is a place: an aggregate whose
   items are all leaf inputs (``mean(client)``), or a leaf input read directly.
2. *Clusters.* Places that share an input are joined. For each cluster a dynamic programme
   over its inputs computes every reachable tuple of place values (a mean is kept as its exact
   sum and count), with how many answer combinations reach it and one witness for each.
3. *Components.* Clusters read together by one score or one rule condition (an *atom*: a
   comparison, an ``in``, a yes/no input or score) are joined. For each component, every
   combination of its clusters' tuples is evaluated with the reference evaluator: the scores
   it owns, then its atoms. Combinations that give the same atom values form one class.
4. *Outcomes.* For each control assignment, every combination of component classes is run
   through the rules' and/or/not structure. Classes are few, so this is small.

Everything is exact: values are fractions and the counts add up to the size of the answer
space (checked). A ruleset beyond the budgets is reported as undecided, never as proven.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import attrs

from ..dsl import ast
from ..engine import reference
from ..errors import EvaluationError
from .space import AnswerSpace, ControlCase, Tally, as_number, case_size

MAX_CASES = 20_000
MAX_STATES = 400_000
MAX_COMPONENT_TUPLES = 400_000
MAX_COMBINATIONS = 400_000


class Undecided(Exception):
    """The structure of this ruleset is beyond the exact method's budgets."""


@attrs.frozen
class Place:
    key: tuple  # ("agg", aggregate_key) or ("input", id)
    func: str  # mean/sum/min/max/count/count_true or "input"
    items: tuple[str, ...]  # leaf input ids (with repeats, as written)


_ERR = "err"


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
            self.parent[max(ra, rb)] = min(ra, rb)


@attrs.define
class _Component:
    index: int
    clusters: list  # cluster indexes
    scores: list  # score ids evaluated here, in evaluation order
    owned: set  # score ids whose totality is checked here
    atoms: list  # atom indexes decided here
    controls: tuple  # control input ids whose values it reads


@attrs.define
class _Class:
    """A class of component combinations that give the same atom values."""

    atoms: tuple  # atom index → value (True/False/EvaluationError), in component atom order
    error: EvaluationError | None  # an owned score that fails
    count: int
    witness: dict
    score_ranges: dict  # score id → (min, max) over the class
    axis_values: set  # (resources value, complexity value) pairs reached, where both are here


class StructuralVerifier:
    def __init__(self, rs: ast.RulesetDef, space: AnswerSpace | None = None, *, plane: bool = True):
        self.rs = rs
        self.space = space or AnswerSpace(rs)
        self.leaf_ids = {i.id for i in self.space.leaves}
        self.want_plane = plane and rs.axes is not None
        self._collect()

    # ------------------------------------------------------------------ structure

    def _collect(self) -> None:
        rs = self.rs
        self.places: dict[tuple, Place] = {}
        self.expr_places: dict[int, set] = {}
        self.score_places: dict[str, set] = {}
        self.score_deps: dict[str, set] = {}
        for s in rs.scores:  # checked scores are in evaluation order
            places = set(self._places_in(s.expr))
            deps = set()
            for n in ast.walk(s.expr):
                if isinstance(n, ast.ScoreRef):
                    deps.add(n.id)
                    deps |= self.score_deps[n.id]
                    places |= self.score_places[n.id]
            self.score_places[s.id] = places
            self.score_deps[s.id] = deps
        atoms: dict = {}
        for r in rs.rules:
            if r.condition is not None:
                _atoms_of(r.condition, atoms)
        self.atoms = list(atoms)
        self.atom_index = atoms
        self.atom_places: list[set] = []
        self.atom_scores: list[set] = []
        for a in self.atoms:
            places = set(self._places_in(a))
            scores = set()
            for n in ast.walk(a):
                if isinstance(n, ast.ScoreRef):
                    scores.add(n.id)
                    scores |= self.score_deps[n.id]
                    places |= self.score_places[n.id]
            self.atom_places.append(places)
            self.atom_scores.append(scores)

        # clusters: places sharing a leaf input
        uf = _UnionFind()
        for key, place in self.places.items():
            uf.find(("p", key))
            for leaf in place.items:
                uf.union(("p", key), ("i", leaf))
        groups: dict = {}
        for key in self.places:
            groups.setdefault(uf.find(("p", key)), []).append(key)
        self.clusters: list[list[tuple]] = sorted(
            (sorted(g, key=repr) for g in groups.values()), key=lambda g: repr(g[0])
        )
        self.cluster_of = {key: ci for ci, g in enumerate(self.clusters) for key in g}
        self.cluster_leaves = []
        for g in self.clusters:
            leaves: dict[str, None] = {}
            for key in g:
                for leaf in self.places[key].items:
                    leaves.setdefault(leaf, None)
            self.cluster_leaves.append(sorted(leaves))

        # components: clusters read together by a score or an atom
        uf2 = _UnionFind()
        for ci in range(len(self.clusters)):
            uf2.find(ci)
        for places in list(self.score_places.values()) + self.atom_places:
            cl = sorted({self.cluster_of[p] for p in places})
            for a, b in zip(cl, cl[1:]):
                uf2.union(a, b)
        comp_clusters: dict = {}
        for ci in range(len(self.clusters)):
            comp_clusters.setdefault(uf2.find(ci), []).append(ci)
        comps = sorted(comp_clusters.values())
        comp_of_cluster = {ci: k for k, cl in enumerate(comps) for ci in cl}
        trivial = len(comps)  # the component of scores and atoms that read no leaf
        self.components: list[_Component] = []
        for k in range(len(comps) + 1):
            self.components.append(_Component(k, comps[k] if k < len(comps) else [], [], set(), [], ()))

        def comp_of(places: set) -> int:
            return comp_of_cluster[self.cluster_of[next(iter(places))]] if places else trivial

        for s in rs.scores:
            self.components[comp_of(self.score_places[s.id])].owned.add(s.id)
        for ai in range(len(self.atoms)):
            self.components[comp_of(self.atom_places[ai])].atoms.append(ai)
        for comp in self.components:
            need = set(comp.owned)
            for ai in comp.atoms:
                need |= self.atom_scores[ai]
            for sid in list(need):
                need |= self.score_deps[sid]
            comp.scores = [s.id for s in rs.scores if s.id in need]
            controls = set()
            exprs = [rs.score(s).expr for s in comp.scores] + [self.atoms[a] for a in comp.atoms]
            for e in exprs:
                for n in ast.walk(e):
                    if isinstance(n, ast.InputRef) and n.id in self.space.control_ids:
                        controls.add(n.id)
                    if isinstance(n, ast.Answered) and n.input.id in self.space.control_ids:
                        controls.add(n.input.id)
            comp.controls = tuple(sorted(controls))
        self.components = [c for c in self.components if c.clusters or c.owned or c.atoms or c.index == trivial]
        self.used_leaves = {leaf for leaves in self.cluster_leaves for leaf in leaves}

    def _places_in(self, e: ast.Expr):
        if isinstance(e, ast.Aggregate) and e.items and all(
            isinstance(i, ast.InputRef) and i.id in self.leaf_ids for i in e.items
        ):
            key = ("agg", reference.aggregate_key(e))
            self.places.setdefault(key, Place(key, e.func, tuple(i.id for i in e.items)))
            yield key
            return
        if isinstance(e, ast.InputRef) and e.id in self.leaf_ids:
            key = ("input", e.id)
            self.places.setdefault(key, Place(key, "input", (e.id,)))
            yield key
            return
        if isinstance(e, ast.Answered) and e.input.id in self.leaf_ids:
            yield from self._places_in(e.input)
            return
        for c in ast.children(e):
            yield from self._places_in(c)

    # ------------------------------------------------------------------ clusters

    def cluster_tuples(self, ci: int, options: dict, *, without: str | None = None):
        """Reachable place-value tuples of cluster ci: {tuple: [count, witness]}.

        With ``without``, that leaf is left out of the programme and the result maps each
        partial state to its witness (for the influence check).
        """
        keys = self.clusters[ci]
        places = [self.places[k] for k in keys]
        leaves = [l for l in self.cluster_leaves[ci] if l != without]
        # per place: partial state; mean (s, n), sum s, count n, count_true t, min/max v, input v
        init = tuple(_initial(p.func) for p in places)
        states: dict[tuple, list] = {init: [1, ()]}
        member = [[(pi, p.items.count(leaf)) for pi, p in enumerate(places) if leaf in p.items] for leaf in leaves]
        for li, leaf in enumerate(leaves):
            nxt: dict[tuple, list] = {}
            for state, (count, wit) in states.items():
                for v in options[leaf]:
                    new = list(state)
                    for pi, mult in member[li]:
                        new[pi] = _step(places[pi].func, new[pi], v, mult)
                    new = tuple(new)
                    got = nxt.get(new)
                    if got is None:
                        nxt[new] = [count, wit + (v,)]
                    else:
                        got[0] += count
            states = nxt
            if len(states) > MAX_STATES:
                raise Undecided(
                    f"the inputs {', '.join(leaves[:5])}… reach more than {MAX_STATES} distinct partial states"
                )
        if without is not None:
            return places, leaves, states
        out: dict[tuple, list] = {}
        for state, (count, wit) in states.items():
            values = tuple(_final(p, st) for p, st in zip(places, state))
            got = out.get(values)
            if got is None:
                out[values] = [count, dict(zip(leaves, wit))]
            else:
                got[0] += count
        return out

    # ------------------------------------------------------------------ components

    def _env(self, comp: _Component, control: dict, tuples_by_cluster: list) -> tuple[dict, dict]:
        values = {k: v for k, v in control.items() if v is not None}
        aggregates: dict = {}
        for ci, tup in zip(comp.clusters, tuples_by_cluster):
            for key, val in zip(self.clusters[ci], tup):
                if key[0] == "agg":
                    aggregates[key[1]] = val
                elif val is not None:
                    values[key[1]] = val
        return values, aggregates

    def evaluate_combination(self, comp: _Component, control: dict, tuples_by_cluster: list):
        """(owned score error or None, atom values, score values) for one combination."""
        values, aggregates = self._env(comp, control, tuples_by_cluster)
        scores: dict = {}
        error = None
        for sid in comp.scores:
            try:
                scores[sid] = reference.evaluate(self.rs.score(sid).expr, values, self.rs, scores, aggregates)
            except EvaluationError as exc:
                if sid in comp.owned and error is None:
                    error = exc
                scores[sid] = exc
        atom_values = []
        for ai in comp.atoms:
            atom = self.atoms[ai]
            if any(isinstance(scores.get(s), EvaluationError) for s in self.atom_scores[ai]):
                bad = next(scores[s] for s in self.atom_scores[ai] if isinstance(scores.get(s), EvaluationError))
                atom_values.append(bad)
                continue
            try:
                atom_values.append(bool(reference.evaluate(atom, values, self.rs, scores, aggregates)))
            except EvaluationError as exc:
                atom_values.append(exc)
        return error, tuple(atom_values), scores

    def component_classes(self, comp: _Component, case: ControlCase, cache: dict) -> list[_Class]:
        tuple_sets = []
        for ci in comp.clusters:
            key = (ci, tuple(case.options[l] for l in self.cluster_leaves[ci]))
            if key not in cache:
                cache[key] = list(self.cluster_tuples(ci, case.options).items())
            tuple_sets.append(cache[key])
        total = 1
        for t in tuple_sets:
            total *= len(t)
        if total > MAX_COMPONENT_TUPLES:
            raise Undecided(
                f"{total} value combinations of the scores read together by one condition "
                f"(clusters of {', '.join(self.cluster_leaves[comp.clusters[0]][:3])}…)"
            )
        axes = self.rs.axes
        classes: dict[tuple, _Class] = {}
        for combo in itertools.product(*tuple_sets):
            tuples = [t for t, _ in combo]
            count = 1
            witness: dict = {}
            for _, (c, w) in combo:
                count *= c
                witness.update(w)
            error, atom_values, scores = self.evaluate_combination(comp, case.values, tuples)
            key = (_key(error),) + tuple(_key(v) for v in atom_values)
            cls = classes.get(key)
            if cls is None:
                cls = classes[key] = _Class(atom_values, error, 0, witness, {}, set())
            cls.count += count
            for sid, v in scores.items():
                n = as_number(v)
                if n is None:
                    continue
                lo, hi = cls.score_ranges.get(sid, (n, n))
                cls.score_ranges[sid] = (min(lo, n), max(hi, n))
            if self.want_plane and error is None:
                r = as_number(scores.get(axes.resources)) if axes.resources in scores else None
                c = as_number(scores.get(axes.complexity)) if axes.complexity in scores else None
                cls.axis_values.add((r, c))
        return list(classes.values())

    # ------------------------------------------------------------------ the whole space

    def run(self, tally: Tally, plane=None) -> None:
        rs = self.rs
        cache: dict = {}
        comp_cache: dict = {}
        n_cases = 0
        for case in self.space.cases():
            n_cases += 1
            if n_cases > MAX_CASES:
                raise Undecided(f"more than {MAX_CASES} combinations of the inputs that decide which questions are asked")
            if case.error is not None:
                tally.error(
                    EvaluationError(
                        f"cannot tell whether input {case.error_input!r} is asked: {case.error}",
                        code=case.error.code, span=case.error.span,
                    ),
                    case.values, 0,
                )
                continue
            per_comp = []
            for comp in self.components:
                ckey = (comp.index, tuple(case.values.get(c) for c in comp.controls),
                        tuple(case.options[l] for ci in comp.clusters for l in self.cluster_leaves[ci]))
                if ckey not in comp_cache:
                    comp_cache[ckey] = self.component_classes(comp, case, cache)
                per_comp.append(comp_cache[ckey])
            self._outcomes(case, per_comp, tally, plane)
        self.cases_seen = n_cases

    def _free_leaves(self, case: ControlCase) -> tuple[int, dict]:
        """Leaves no rule or score reads: their combinations and a witness value for each."""
        count, witness = 1, {}
        for leaf in self.space.leaves:
            if leaf.id not in self.used_leaves:
                opts = case.options[leaf.id]
                count *= len(opts)
                witness[leaf.id] = opts[0]
        return count, witness

    def _outcomes(self, case: ControlCase, per_comp: list, tally: Tally, plane) -> None:
        rs = self.rs
        free_count, free_witness = self._free_leaves(case)
        total = 1
        for classes in per_comp:
            total *= len(classes)
        if total > MAX_COMBINATIONS:
            raise Undecided(f"{total} combinations of condition outcomes for one set of asked questions")
        for combo in itertools.product(*per_comp):
            count = free_count
            witness = dict(case.values)
            witness.update(free_witness)
            atom_value: dict[int, Any] = {}
            error = None
            for comp, cls in zip(self.components, combo):
                count *= cls.count
                witness.update(cls.witness)
                if cls.error is not None and error is None:
                    error = cls.error
                for ai, v in zip(comp.atoms, cls.atoms):
                    atom_value[ai] = v
            if error is not None:
                tally.error(error, witness, count)
                continue
            matched = self._match(atom_value)
            if isinstance(matched, EvaluationError):
                tally.error(matched, witness, count)
                continue
            region = None
            if len({rs.rules[i].segment for i in matched}) != 1 or not matched:
                region = self.region(combo)
            tally.outcome(matched, witness, count, region)
            if plane is not None and matched:
                seg = rs.rules[matched[0]].segment
                if rs.hit_policy == "unique" and len({rs.rules[i].segment for i in matched}) != 1:
                    seg = None
                plane.add(self._axis_points(combo), seg)

    def _match(self, atom_value: dict):
        def value(rule):
            v = formula(rule.condition, lambda atom: atom_value[self.atom_index[atom]])
            if isinstance(v, EvaluationError):
                raise v
            return v

        from .space import matched_rules

        return matched_rules(self.rs, value)

    def _axis_points(self, combo) -> set:
        axes = self.rs.axes
        rs_vals: set = set()
        cx_vals: set = set()
        joint: set = set()
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
        """The atoms' values in words, with the reachable range of each score involved."""
        from ..dsl.printer import to_text

        parts = []
        ranges: dict = {}
        for comp, cls in zip(self.components, combo):
            for ai, v in zip(comp.atoms, cls.atoms):
                text = to_text(self.atoms[ai])
                if isinstance(v, EvaluationError):
                    continue
                parts.append(text if v else f"not ({text})")
            ranges.update(cls.score_ranges)
        shown = []
        for s in self.rs.scores:
            if s.id in ranges and any(s.id in self.atom_scores[ai] for ai in range(len(self.atoms))):
                lo, hi = ranges[s.id]
                shown.append(f"{s.id} = {_num(lo)}" if lo == hi else f"{s.id} in [{_num(lo)}, {_num(hi)}]")
        text = " and ".join(parts)
        if shown:
            text += " (reachable: " + ", ".join(shown) + ")"
        return text

    # ------------------------------------------------------------------ influence

    def influence(self, tally: Tally) -> None:
        """Which inputs can change the result (see docs/verification.md for the definition)."""
        if self.space.nested_control:
            for inp in self.rs.inputs:
                tally.undecided_inputs[inp.id] = (
                    "questions that decide other questions are themselves conditional; "
                    "the exact influence check does not cover this structure"
                )
            return
        cases = [c for c in self.space.cases() if c.error is None]
        cache: dict = {}
        outcome_cache: dict = {}
        for leaf in self.space.leaves:
            if leaf.id not in self.used_leaves:
                continue
            for case in cases:
                if len(case.options[leaf.id]) > 1 and self._leaf_matters(leaf.id, case, cache, outcome_cache):
                    tally.influential.add(leaf.id)
                    break
        for ctl in self.space.control:
            self._control_matters(ctl.id, cases, cache, tally)

    def _outcome_of(self, case: ControlCase, comps_classes: list):
        """Result of one combination of classes: ("segment", id) / ("none",) / ("several", ids) / None for errors."""
        atom_value: dict = {}
        for comp, cls in zip(self.components, comps_classes):
            if cls.error is not None:
                return None
            for ai, v in zip(comp.atoms, cls.atoms):
                atom_value[ai] = v
        matched = self._match(atom_value)
        if isinstance(matched, EvaluationError):
            return None
        from .brute import _segment_result

        return _segment_result(self.rs, matched)

    def _classes_for(self, case: ControlCase, cache: dict) -> list:
        return [self.component_classes(comp, case, cache) for comp in self.components]

    def _leaf_matters(self, leaf: str, case: ControlCase, cache: dict, outcome_cache: dict) -> bool:
        ci = next(i for i, leaves in enumerate(self.cluster_leaves) if leaf in leaves)
        k = next(i for i, comp in enumerate(self.components) if ci in comp.clusters)
        comp = self.components[k]
        places, leaves, states = self.cluster_tuples(ci, case.options, without=leaf)
        variants_seen: set = set()
        groups = []
        for state in states:
            variants = []
            for v in case.options[leaf]:
                new = list(state)
                for pi, p in enumerate(places):
                    mult = p.items.count(leaf)
                    if mult:
                        new[pi] = _step(p.func, new[pi], v, mult)
                variants.append(tuple(_final(p, st) for p, st in zip(places, new)))
            key = frozenset(variants)
            if len(key) > 1 and key not in variants_seen:
                variants_seen.add(key)
                groups.append(key)
        if not groups:
            return False
        others = [c for c in comp.clusters if c != ci]
        other_sets = []
        for oc in others:
            okey = (oc, tuple(case.options[l] for l in self.cluster_leaves[oc]))
            if okey not in cache:
                cache[okey] = list(self.cluster_tuples(oc, case.options).items())
            other_sets.append([t for t, _ in cache[okey]])
        ckey = ("classes", tuple(sorted(case.values.items(), key=repr)))
        if ckey not in outcome_cache:
            outcome_cache[ckey] = self._classes_for(case, cache)
        all_classes = outcome_cache[ckey]
        rest = [cl for i, cl in enumerate(all_classes) if i != k]
        for group in groups:
            for other in itertools.product(*other_sets):
                sigs = set()
                for variant in group:
                    tuples = []
                    for c in comp.clusters:
                        tuples.append(variant if c == ci else other[others.index(c)])
                    error, atoms, _ = self.evaluate_combination(comp, case.values, tuples)
                    if error is None:
                        sigs.add(atoms)
                if len(sigs) < 2:
                    continue
                sig_list = list(sigs)
                for rest_combo in itertools.product(*rest):
                    results = set()
                    for atoms in sig_list:
                        fake = _Class(atoms, None, 1, {}, {}, set())
                        combo = list(rest_combo)
                        combo.insert(k, fake)
                        r = self._outcome_of(case, combo)
                        if r is not None:
                            results.add(r)
                    if len(results) > 1:
                        return True
        return False

    def _control_matters(self, x: str, cases: list, cache: dict, tally: Tally) -> None:
        by_rest: dict = {}
        for case in cases:
            rest = tuple(sorted(((k, v) for k, v in case.values.items() if k != x), key=repr))
            by_rest.setdefault(rest, []).append(case)
        for group in by_rest.values():
            for c1, c2 in itertools.permutations(group, 2):
                if c1.values.get(x) == c2.values.get(x):
                    continue
                pair_sets = []
                for comp in self.components:
                    leaves = [l for ci in comp.clusters for l in self.cluster_leaves[ci]]
                    same = [l for l in leaves if c1.options[l] == c2.options[l]]
                    constrained = [l for l in same if len(c1.options[l]) > 1]
                    differ = [l for l in leaves if c1.options[l] != c2.options[l]]
                    if constrained and differ:
                        tally.undecided_inputs.setdefault(
                            x, "a condition reads answers both shared and not shared between its choices"
                        )
                        return
                    if not differ:
                        # the same answers under both: evaluate each combination twice
                        pairs = {}
                        sets = []
                        for ci in comp.clusters:
                            key = (ci, tuple(c1.options[l] for l in self.cluster_leaves[ci]))
                            if key not in cache:
                                cache[key] = list(self.cluster_tuples(ci, c1.options).items())
                            sets.append([t for t, _ in cache[key]])
                        for combo in itertools.product(*sets):
                            e1, a1, _ = self.evaluate_combination(comp, c1.values, list(combo))
                            e2, a2, _ = self.evaluate_combination(comp, c2.values, list(combo))
                            key = (_key(e1), tuple(map(_key, a1)), _key(e2), tuple(map(_key, a2)))
                            if key not in pairs:
                                pairs[key] = (_Class(a1, e1, 1, {}, {}, set()), _Class(a2, e2, 1, {}, {}, set()))
                        pair_sets.append(list(pairs.values()))
                    else:
                        k1 = self.component_classes(comp, c1, cache)
                        k2 = self.component_classes(comp, c2, cache)
                        pair_sets.append([(a, b) for a in k1 for b in k2])
                for combo in itertools.product(*pair_sets):
                    r1 = self._outcome_of(c1, [p[0] for p in combo])
                    r2 = self._outcome_of(c2, [p[1] for p in combo])
                    if r1 is not None and r2 is not None and r1 != r2:
                        tally.influential.add(x)
                        return


def _key(v):
    if isinstance(v, EvaluationError):
        return (_ERR, v.code, str(v))
    return v


def _num(v: Fraction) -> str:
    from ..engine.runtime import format_number

    return format_number(v)


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
        return st
    if func == "mean":
        if st[1] == 0:
            return EvaluationError("mean(...) has no answered inputs to work on", code="SR404")
        return Fraction(st[0], st[1])
    if func in ("min", "max"):
        if st is None:
            return EvaluationError(f"{func}(...) has no answered inputs to work on", code="SR404")
        return Fraction(st)
    return Fraction(st)
