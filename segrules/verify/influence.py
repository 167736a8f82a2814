"""Which inputs can change the result: exact, by value sets over several coordinates.

Definition: input x can change the result if two valid answer sets differ in x, agree on
every other input asked in both, and get different results (answer sets whose evaluation
fails are left aside; the totality check reports them).

For a leaf, the two answer sets lie in one control case and differ only in x. The leaf's
cluster is *pinned*: its reachable tuples become coordinates of a vector, and every value set
is computed as vectors over those coordinates with all other leaves shared. Two tuples that
differ only in x and give different results in some vector row prove influence.

For a control input the coordinates are the two control cases: clusters asked alike in
both share their answers, clusters asked in only one are free on each side.
"""

from __future__ import annotations

import itertools

import attrs

from ..dsl import ast
from ..engine import reference
from ..errors import EvaluationError
from .model import exact_or_internal
from .space import Tally
from .structure import (
    StructuralVerifier, Undecided, _Case, _check_size, _eval, _key,
    outcome_result,
)


class _Mixed(Exception):
    """A cluster mixes answers shared between two cases with answers that are not."""


@attrs.frozen
class _Coords:
    worlds: tuple  # _Case per coordinate
    pin: tuple | None = None  # (cluster, tuple per coordinate)

    @property
    def width(self) -> int:
        return len(self.worlds)

    @property
    def key(self) -> tuple:
        # the pinned tuples are all the cluster's tuples under the (single) world: its id says them
        return (tuple(id(w) for w in self.worlds), None if self.pin is None else self.pin[0])


class InfluenceChecker:
    def __init__(self, sv: StructuralVerifier):
        self.sv = sv
        self.rs = sv.rs
        self.memo: dict = {}

    # ------------------------------------------------------------------ vectors

    def _choices(self, clusters: list, co: _Coords) -> list:
        """Per cluster, the choices of tuples: each choice is one tuple per coordinate."""
        sv = self.sv
        per_cluster = []
        for ci in clusters:
            if co.pin is not None and ci == co.pin[0]:
                per_cluster.append([co.pin[1]])
                continue
            leaves = sv.cluster_leaves[ci]
            opts = [tuple(w.case.options[l] for l in leaves) for w in co.worlds]
            if all(o == opts[0] for o in opts):
                tuples = sv.cluster_tuples(ci, co.worlds[0].case.options)
                _check_size(sv.budget, [tuples], "values compared for one input", factor=co.width)
                per_cluster.append([(t,) * co.width for t, _, _ in tuples])
                continue
            for li, leaf in enumerate(leaves):
                if all(o[li] == opts[0][li] for o in opts) and len(opts[0][li]) > 1:
                    raise _Mixed()
            lists = [[t for t, _, _ in sv.cluster_tuples(ci, w.case.options)] for w in co.worlds]
            per_cluster.append(list(itertools.product(*lists)))
        return per_cluster

    def _eval_vector(self, e, co: _Coords, clusters: list, choice: tuple, kid_values=None) -> tuple:
        vec = []
        seen: dict = {}  # coordinates with the very same inputs (the same objects) share one evaluation
        for k, world in enumerate(co.worlds):
            same = (id(world),) + tuple(id(c[k]) for c in choice) + (
                tuple(id(v[k]) for _, v in kid_values) if kid_values else ())
            got = seen.get(same, reference.MISSING)
            if got is not reference.MISSING:
                vec.append(got)
                continue
            values, known = self.sv._env_from_tuples(world, clusters, [c[k] for c in choice])
            if kid_values:
                for kid, v in kid_values:
                    v = v[k]
                    if isinstance(kid, ast.InputRef):
                        if not isinstance(v, EvaluationError):
                            values[kid.id] = v
                    else:
                        known[id(kid)] = v
            got = seen[same] = _eval(e, values, self.rs, known)
            vec.append(got)
        return tuple(vec)

    def vector_set(self, e: ast.Expr, co: _Coords) -> list:
        """Distinct value vectors of e over the coordinates."""
        sv = self.sv
        mkey = (id(e), co.key)
        got = self.memo.get(mkey)
        if got is not None:
            return got
        sup = sv.support(e)
        if isinstance(e, ast.ScoreRef):
            result = self.vector_set(self.rs.score(e.id).expr, co)
        elif not sup:
            result = [self._eval_vector(e, co, [], ())]
        elif len(sup) == 1 and (
            sv._place_of(e) is not None or (isinstance(e, ast.Answered) and e.input.id in sv.leaf_ids)
        ):
            ci = next(iter(sup))
            acc: dict = {}
            choices = self._choices([ci], co)[0]
            _check_size(self.sv.budget, [choices], "values compared for one input", factor=co.width)
            for choice in self.sv.budget.watch(choices, "comparing values for one input"):
                vec = self._eval_vector(e, co, [ci], (choice,))
                acc.setdefault(tuple(map(_key, vec)), vec)
            result = list(acc.values())
        else:
            kids = [c for c in ast.children(e) if sv.support(c)]
            sups = [sv.support(c) for c in kids]
            acc = {}
            if sum(len(x) for x in sups) == len(frozenset().union(*sups)):
                sets = [self.vector_set(c, co) for c in kids]
                _check_size(self.sv.budget, sets, "values compared for one input", factor=co.width)
                for combo in self.sv.budget.watch(itertools.product(*sets), "combining values"):
                    vec = self._eval_vector(e, co, [], (), list(zip(kids, combo)))
                    acc.setdefault(tuple(map(_key, vec)), vec)
            else:
                clusters = sorted(sup)
                per_cluster = self._choices(clusters, co)
                _check_size(self.sv.budget, per_cluster, "values compared for one input", factor=co.width)
                for choice in self.sv.budget.watch(itertools.product(*per_cluster), "combining values"):
                    vec = self._eval_vector(e, co, clusters, choice)
                    acc.setdefault(tuple(map(_key, vec)), vec)
            result = list(acc.values())
        self.memo[mkey] = result
        return result

    def vector_classes(self, comp, co: _Coords) -> list:
        """Distinct signature vectors of a component: per coordinate, (error, atom values)."""
        sv = self.sv
        targets, failing, units = sv._targets_and_units(comp, list(co.worlds))
        groups = sv._unit_groups(units)
        group_sets = []
        for members in groups:
            if len(members) == 1:
                vs = self.vector_set(units[members[0]][1], co)
                group_sets.append([tuple((v,) for v in vec) for vec in vs])
                continue
            sup = frozenset().union(*(sv.support(units[i][1]) for i in members))
            clusters = sorted(sup)
            per_cluster = self._choices(clusters, co)
            _check_size(self.sv.budget, per_cluster, "values compared for one input", factor=co.width)
            acc: dict = {}
            for choice in self.sv.budget.watch(itertools.product(*per_cluster), "combining values"):
                rows = [self._eval_vector(units[i][1], co, clusters, choice) for i in members]
                vec = tuple(tuple(r[k] for r in rows) for k in range(co.width))
                acc.setdefault(tuple(tuple(map(_key, v)) for v in vec), vec)
            group_sets.append(list(acc.values()))
        _check_size(self.sv.budget, group_sets, "conditions compared for one input", factor=co.width)
        out: dict = {}
        memo: dict = {}
        reads = sv.atom_reads(comp, units)
        signatures: dict = {}  # (world, unit values) → (error, atoms): coordinates repeat values
        for combo in self.sv.budget.watch(itertools.product(*group_sets), "combining values"):
            sig = []
            for k, world in enumerate(co.worlds):
                unit_values = {}
                for members, vec in zip(groups, combo):
                    unit_values.update(zip(members, vec[k]))
                skey = (id(world), tuple(_key(unit_values[i]) for i in sorted(unit_values)))
                got = signatures.get(skey)
                if got is None:
                    error, atoms, _ = sv._signature(comp, units, failing, world, unit_values, memo, reads)
                    error = error and error[1]
                    got = signatures[skey] = (error, atoms)
                sig.append(got)
            out.setdefault(tuple((_key(er), tuple(map(_key, at))) for er, at in sig), tuple(sig))
        return list(out.values())

    # ------------------------------------------------------------------ results

    def _result(self, classes) -> tuple | None:
        atom_value: dict = {}
        for comp, (error, atoms) in zip(self.sv.components, classes):
            if error is not None:
                return None
            for ai, v in zip(comp.atoms, atoms):
                atom_value[ai] = v
        return outcome_result(self.rs, self.sv._match(atom_value))

    def _scalar(self, comp, world: _Case) -> list:
        key = ("scalar", comp.index, id(world))
        if key not in self.memo:
            self.memo[key] = [(c.error, c.atoms) for c in self.sv.component_classes(comp, world)]
        return self.memo[key]

    def leaf_matters(self, leaf: str, ci: int, world: _Case) -> bool:
        sv = self.sv
        if len(world.case.options[leaf]) < 2:
            return False
        key = ("rows", ci, id(world))
        if key not in self.memo:
            ptuples = tuple(t for t, _, _ in sv.cluster_tuples(ci, world.case.options))
            co = _Coords((world,) * len(ptuples), (ci, ptuples))
            k = next(i for i, comp in enumerate(sv.components) if ci in comp.clusters)
            vectors = self.vector_classes(sv.components[k], co)
            rest = [self._scalar(comp, world) for i, comp in enumerate(sv.components) if i != k]
            _check_size(self.sv.budget, rest, "outcomes compared for one input", factor=len(vectors) * len(ptuples))
            rows = set()
            for vec in vectors:
                for rest_combo in self.sv.budget.watch(itertools.product(*rest), "combining values"):
                    row = []
                    for sig in vec:
                        combo = list(rest_combo)
                        combo.insert(k, sig)
                        row.append(self._result(combo))
                    rows.add(tuple(row))
            index = {tuple(map(_key, t)): i for i, t in enumerate(ptuples)}
            self.memo[key] = (index, list(rows))
        index, rows = self.memo[key]
        places, leaves, states = sv.cluster_states(ci, world.case.options, without=leaf)
        seen = set()
        for state in states:
            variants = set()
            for v in world.case.options[leaf]:
                new = list(state)
                for pi, p in enumerate(places):
                    mult = p.items.count(leaf)
                    if mult:
                        new[pi] = sv.place_step(p, new[pi], leaf, v, mult)
                t = tuple(p.finish(st) for p, st in zip(places, new))
                variants.add(index[tuple(map(_key, t))])
            if len(variants) < 2:
                continue
            fv = frozenset(variants)
            if fv in seen:
                continue
            seen.add(fv)
            for row in rows:
                if len({row[i] for i in fv if row[i] is not None}) > 1:
                    return True
        return False

    def control_matters(self, x: str, worlds: list) -> bool | None:
        """True/False, or None when a cluster mixes shared and unshared answers."""
        sv = self.sv
        by_rest: dict = {}
        for w in worlds:
            rest = tuple(sorted(((k, v) for k, v in w.case.values.items() if k != x), key=repr))
            by_rest.setdefault(rest, []).append(w)
        undecided = False
        for group in by_rest.values():
            for w1, w2 in itertools.combinations(group, 2):
                co = _Coords((w1, w2))
                try:
                    pair_sets = [self.vector_classes(comp, co) for comp in sv.components]
                except _Mixed:
                    undecided = True
                    continue
                _check_size(self.sv.budget, pair_sets, f"outcome pairs for a change of {x}")
                for combo in self.sv.budget.watch(itertools.product(*pair_sets), "combining values"):
                    r1 = self._result([p[0] for p in combo])
                    r2 = self._result([p[1] for p in combo])
                    if r1 is not None and r2 is not None and r1 != r2:
                        return True
        return None if undecided else False

    def run(self, tally: Tally) -> None:
        with exact_or_internal():
            self._run(tally)

    def _run(self, tally: Tally) -> None:
        sv = self.sv
        if sv.space.nested_control:
            for inp in self.rs.inputs:
                tally.undecided_inputs[inp.id] = (
                    "questions that decide other questions are themselves conditional, "
                    "which the exact influence check does not cover"
                )
            return
        worlds = [_Case(c) for c in sv.space.cases() if c.error is None]
        try:
            for ci, leaves in enumerate(sv.cluster_leaves):
                todo = [l for l in leaves if l not in tally.influential]
                for world in worlds:
                    if not todo:
                        break
                    todo = [l for l in todo if not self.leaf_matters(l, ci, world)]
                tally.influential.update(l for l in leaves if l not in todo)
            for ctl in sv.space.control:
                got = self.control_matters(ctl.id, worlds)
                if got:
                    tally.influential.add(ctl.id)
                elif got is None:
                    tally.undecided_inputs[ctl.id] = (
                        "an aggregate mixes questions asked under both of its choices with questions asked under one"
                    )
        except Undecided as exc:
            for inp in self.rs.inputs:
                if inp.id not in tally.influential:
                    tally.undecided_inputs.setdefault(inp.id, str(exc))
