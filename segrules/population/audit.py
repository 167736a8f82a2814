"""The exact attacker of a published report: how far each hidden count can be narrowed.

A report publishes numbers that are tied together: a row's total is the sum of its cells, the
column totals of every group table are the counts by segment, the records are the segmented
plus the rejected ones, and so on. An attacker who knows those relations can solve for a hidden
count, or narrow it down. This module is that attacker, exact: integer programming (the z3
solver) over every published number and every relation between them. For each hidden count it
finds the smallest and the largest value consistent with everything published, over
non-negative integers (the *feasible interval*).

What the attacker is given is a ``Publication``: the published numbers, the relations between
all counts (published ones, hidden ones, and *latent* counts that are never published but tie
published ones together, such as how many records of each segment lie in a region of the
quadrant), and lower bounds the layout of the report reveals (a listed group holds at least
one record). The caller decides which counts are hidden; the attacker sees the published
values only.
"""

from __future__ import annotations

from typing import Callable, Collection, Hashable, Iterable, Mapping

import attrs

from ..errors import UsageError

Quantity = Hashable


def require_solver():
    """The solver module, or a coded error (SR855) where it is not installed: a report is never
    published without its audit."""
    try:
        import z3
    except ImportError:  # pragma: no cover - depends on the environment
        raise UsageError(
            "segrules report audits its suppression with the solver z3, which is not installed: "
            "pip install 'segrules[sql]'", code="SR855",
        ) from None
    return z3


@attrs.frozen
class Relation:
    """``sum(coefficient * quantity) == 0`` (``equal``) or ``>= 0``: a fact a reader knows."""

    terms: tuple[tuple[Quantity, int], ...]
    equal: bool = True

    @classmethod
    def total(cls, total: Quantity, parts: Iterable[Quantity]) -> "Relation":
        """``total`` is the sum of ``parts``."""
        return cls(((total, 1), *((p, -1) for p in parts)))

    @classmethod
    def at_most(cls, small: Quantity, big: Quantity) -> "Relation":
        return cls(((big, 1), (small, -1)), equal=False)


@attrs.frozen
class Publication:
    """Every count of a report, what is published of it, and how the counts are tied.

    ``values``: every count that appears in the report (its true value); ``latent``: counts
    that never appear but which the relations go through; ``at_least``: lower bounds that the
    report's layout gives away; ``relations``: the linear facts that hold between them.
    """

    values: Mapping[Quantity, int]
    latent: Mapping[Quantity, int]
    relations: tuple[Relation, ...]
    at_least: Mapping[Quantity, int] = attrs.field(factory=dict)

    def check(self) -> None:
        """Every relation holds on the true values (else the model of the report is wrong)."""
        known = {**self.values, **self.latent}
        for rel in self.relations:
            s = sum(c * known[q] for q, c in rel.terms)
            if (s != 0) if rel.equal else (s < 0):
                raise AssertionError(f"a relation of the report does not hold: {rel}")
        for q, lo in self.at_least.items():
            if known[q] < lo:
                raise AssertionError(f"{q!r} is {known[q]}, below its bound {lo}")


@attrs.frozen
class Interval:
    """The values a hidden count can take given everything published; ``upper`` None: unbounded."""

    lower: int
    upper: int | None

    @property
    def width(self) -> int | None:
        return None if self.upper is None else self.upper - self.lower

    def at_least(self, width: int) -> bool:
        return self.upper is None or self.upper - self.lower >= width


class Attacker:
    """The solver's view of a publication: one integer variable per count (published, hidden
    or latent), the relations and bounds as constraints, and each published value as an
    assumption, so that hiding a count is leaving its assumption out (one solver for every
    question, incremental)."""

    def __init__(self, publication: Publication):
        self.z3 = z3 = require_solver()
        self.publication = publication
        names = sorted((*publication.values, *publication.latent), key=repr)
        self.vars = {q: z3.Int(f"v{i}") for i, q in enumerate(names)}
        self.fixed = {q: z3.Bool(f"p{i}") for i, q in enumerate(names) if q in publication.values}
        s = self.solver = z3.Solver()
        for q, v in self.vars.items():
            s.add(v >= publication.at_least.get(q, 0))
        for rel in publication.relations:
            expr = z3.Sum([c * self.vars[q] for q, c in rel.terms]) if rel.terms else z3.IntVal(0)
            s.add(expr == 0 if rel.equal else expr >= 0)
        for q, p in self.fixed.items():
            s.add(z3.Implies(p, self.vars[q] == publication.values[q]))

    def _assumptions(self, hidden: Collection[Quantity]) -> list:
        return [p for q, p in self.fixed.items() if q not in hidden]

    def possible(self, hidden: Collection[Quantity], q: Quantity, *, at_least: int | None = None,
                 at_most: int | None = None, published: Iterable[Quantity] | None = None) -> bool:
        """Whether hidden ``q`` can be ``at_least`` (or ``at_most``) a value, given the published
        counts (all but ``hidden``, or only ``published``)."""
        s, x = self.solver, self.vars[q]
        assumptions = self._assumptions(hidden) if published is None else [self.fixed[p] for p in published]
        s.push()
        if at_least is not None:
            s.add(x >= at_least)
        if at_most is not None:
            s.add(x <= at_most)
        r = s.check(*assumptions)
        s.pop()
        if r == self.z3.unknown:  # pragma: no cover - linear integer problems of this size are decided
            raise RuntimeError(f"the audit's solver gave no answer: {s.reason_unknown()}")
        return r == self.z3.sat

    def interval(self, hidden: Collection[Quantity], q: Quantity) -> Interval:
        """The exact feasible interval of hidden ``q`` (integer optimisation, both ends)."""
        z3 = self.z3
        ends = []
        for sense in ("minimize", "maximize"):
            opt = z3.Optimize()
            opt.add(*self.solver.assertions())
            h = getattr(opt, sense)(self.vars[q])
            if opt.check(*self._assumptions(hidden)) != z3.sat:  # pragma: no cover - the true values are a solution
                raise RuntimeError("the audit's solver found the published numbers inconsistent")
            v = h.value()
            ends.append(v.as_long() if z3.is_int_value(v) else None)
        return Interval(ends[0], ends[1])

    def lowest(self, hidden: Collection[Quantity], q: Quantity) -> int:
        """The smallest value hidden ``q`` can take (a search with satisfiability checks)."""
        lo, hi = self.publication.at_least.get(q, 0), self.publication.values[q]  # hi is possible
        while lo < hi:
            mid = (lo + hi) // 2
            if self.possible(hidden, q, at_most=mid):
                hi = mid
            else:
                lo = mid + 1
        return lo

    def cheapest_release(self, hidden: Collection[Quantity], q: Quantity, at_least: int,
                         weight: Callable[[Quantity], int]) -> list:
        """The published counts whose hiding costs least (by ``weight``) among those that let
        hidden ``q`` reach ``at_least``: weighted MaxSAT, keeping each published count a soft
        constraint."""
        z3 = self.z3
        opt = z3.Optimize()
        opt.add(*self.solver.assertions())
        opt.add(self.vars[q] >= at_least)
        published = [p for p in self.fixed if p not in hidden]
        for p in published:
            opt.add_soft(self.fixed[p], weight(p))
        if opt.check() != z3.sat:
            raise AssertionError(f"{q!r} cannot reach {at_least} whatever is hidden")
        model = opt.model()
        return [p for p in published if z3.is_false(model.eval(self.fixed[p], model_completion=True))]


def audit(publication: Publication, hidden: Iterable[Quantity]) -> dict[Quantity, Interval]:
    """The exact feasible interval of every hidden count."""
    hidden = set(hidden)
    attacker = Attacker(publication)
    return {q: attacker.interval(hidden, q) for q in sorted(hidden, key=repr)}
