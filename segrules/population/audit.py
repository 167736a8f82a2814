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
values only, and every count that is zero.

Zeros are granted because the public rulesets give many of them away: a move between two
segments that the new version of a model cannot make, a segment that a grouping column's
answer rules out, a unit that lies in one municipality only. Rather than work out which zeros
a reader can know, the attacker is given all of them (a count that is 0 identifies nobody and
is never hidden), which can only narrow what it finds: a hidden count that it cannot narrow
is safe against any reader who knows less. The other side of it: a reader who knows that a
zero is never hidden knows that every hidden count is at least 1, and so does the attacker.
"""

from __future__ import annotations

from typing import Callable, Collection, Hashable, Iterable, Mapping

import attrs

from ..errors import UsageError, check_interrupted, leave_interrupts_to_python

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
    leave_interrupts_to_python(z3)
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
        """Every relation holds on the true values (else the counts given do not add up)."""
        known = {**self.values, **self.latent}
        for rel in self.relations:
            s = sum(c * known[q] for q, c in rel.terms)
            if (s != 0) if rel.equal else (s < 0):
                raise ValueError(f"the counts do not add up: {rel} does not hold")
        for q, lo in self.at_least.items():
            if known[q] < lo:
                raise ValueError(f"the counts do not add up: {q!r} is {known[q]}, below {lo}")


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
    """The solver's view of a publication.

    Every count (published, hidden or latent) is an integer variable, twice: two copies of
    the whole report, each bound by the relations and bounds, so that one satisfiability
    question asks whether two consistent reports differ by at least a width in one hidden
    count (its interval is that wide). Each published count's value is an assumption tying
    both copies to it: hiding a count is leaving its assumption out, and one incremental
    solver answers every question.
    """

    def __init__(self, publication: Publication):
        self.z3 = z3 = require_solver()
        self.publication = publication
        names = sorted((*publication.values, *publication.latent), key=repr)
        index = {q: i for i, q in enumerate(names)}
        self.one = {q: z3.Int(f"a{i}") for q, i in index.items()}
        self.two = {q: z3.Int(f"b{i}") for q, i in index.items()}
        self.ray = {q: z3.Int(f"r{i}") for q, i in index.items()}  # a direction in which counts grow
        # a zero is known (see the module's text): never hidden, so never a published value to leave out
        known = {**publication.latent, **publication.values}
        zeros = sorted((q for q in names if known[q] == 0), key=repr)
        self.zeros = frozenset(zeros)
        # the least each count can be: what the layout gives away, and 1 for every count that is
        # not 0 (zeros are shown, so a hidden count is not one)
        self.lower = {q: max(publication.at_least.get(q, 0), 0 if q in self.zeros else 1) for q in names}
        self.fixed = {q: z3.Bool(f"p{i}") for q, i in index.items() if q in publication.values and q not in self.zeros}
        # the constraints as SMT-LIB text: the solver reads it far faster than it is built
        # expression by expression
        declare = [f"(declare-const {c}{i} Int)" for i in index.values() for c in "abr"]
        declare += [f"(declare-const p{index[q]} Bool)" for q in self.fixed]
        relations = sorted(publication.relations, key=repr)  # the same order whatever the caller's
        base = []
        for c in "ab":
            base += [f"(assert (>= {c}{i} {self.lower[q]}))" for q, i in index.items()]
            base += [_smt(rel, c, index) for rel in relations]
        for q in self.fixed:
            i, value = index[q], publication.values[q]
            base.append(f"(assert (=> p{i} (and (= a{i} {value}) (= b{i} {value}))))")
        base += [f"(assert (and (= a{index[q]} 0) (= b{index[q]} 0)))" for q in zeros]
        self.base = "\n".join(declare + base)
        self.solver = z3.Solver()
        self.solver.from_string(self.base)
        # unbounded from above: a ray of the feasible set along which the count grows, with
        # every published count constant (the relations are homogeneous)
        rays = [f"(assert (>= r{i} 0))" for i in index.values()]
        rays += [_smt(rel, "r", index) for rel in relations]
        rays += [f"(assert (=> p{index[q]} (= r{index[q]} 0)))" for q in self.fixed]
        rays += [f"(assert (= r{index[q]} 0))" for q in zeros]
        self.rays = z3.Solver()
        self.rays.from_string("\n".join(declare + rays))
        self._optimizer = None

    def _assumptions(self, hidden: Collection[Quantity]) -> list:
        return [p for q, p in self.fixed.items() if q not in hidden]

    def _check(self, solver, hidden, *constraints) -> bool:
        check_interrupted()  # a Ctrl-C dropped inside one of z3's destructors
        solver.push()
        solver.add(*constraints)
        r = solver.check(*self._assumptions(hidden))
        solver.pop()
        if r == self.z3.unknown:  # pragma: no cover - linear integer problems of this size are decided
            raise RuntimeError(f"the audit's solver gave no answer: {solver.reason_unknown()}")
        return r == self.z3.sat

    def wide(self, hidden: Collection[Quantity], q: Quantity, width: int) -> bool:
        """Whether hidden ``q``'s feasible interval is at least ``width`` wide."""
        return self._check(self.solver, hidden, self.one[q] - self.two[q] >= width)

    def unbounded(self, hidden: Collection[Quantity], q: Quantity) -> bool:
        """Whether nothing published bounds hidden ``q`` from above."""
        return self._check(self.rays, hidden, self.ray[q] >= 1)

    def possible(self, hidden: Collection[Quantity], q: Quantity, *, at_least: int | None = None,
                 at_most: int | None = None) -> bool:
        """Whether hidden ``q`` can be ``at_least`` (or ``at_most``) a value."""
        x = self.one[q]
        return self._check(self.solver, hidden, *([x >= at_least] if at_least is not None else []),
                           *([x <= at_most] if at_most is not None else []))

    def width(self, hidden: Collection[Quantity], q: Quantity, below: int | None = None) -> int | None:
        """The width of hidden ``q``'s feasible interval (None: unbounded); with ``below``,
        only where it is below that (else ``below`` itself)."""
        if below is not None and self.wide(hidden, q, below):
            return below
        if below is None and self.unbounded(hidden, q):
            return None
        lo, hi = 0, below  # the width is in lo..hi-1; find hi by doubling when unknown
        if hi is None:
            step = 1
            while self.wide(hidden, q, step):
                lo, step = step, step * 2
            hi = step
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.wide(hidden, q, mid):
                lo = mid
            else:
                hi = mid
        return lo

    def interval(self, hidden: Collection[Quantity], q: Quantity) -> Interval:
        """The exact feasible interval of hidden ``q`` (binary searches with satisfiability
        questions; the true value lies in it)."""
        value = self.publication.values.get(q, self.publication.latent.get(q))
        lo, hi = self.lower[q], value
        while lo < hi:
            mid = (lo + hi) // 2
            if self.possible(hidden, q, at_most=mid):
                hi = mid
            else:
                lo = mid + 1
        width = self.width(hidden, q)
        return Interval(lo, None if width is None else lo + width)

    def cheapest_release(self, hidden: Collection[Quantity], q: Quantity, width: int,
                         weight: Callable[[Quantity], int]) -> list:
        """The published counts whose hiding costs least (by ``weight``) among those that make
        hidden ``q``'s interval ``width`` wide: weighted MaxSAT, each published count's value
        a soft constraint."""
        z3 = self.z3
        if self._optimizer is None:
            self._optimizer = z3.Optimize()
            self._optimizer.from_string(self.base)
        opt = self._optimizer
        published = [r for r in self.fixed if r not in hidden]
        # the candidates: first the published counts next to q (in a relation with q or with
        # an unpublished count tied to it), then two relations away, ...; then all of them
        for near in self._rings(hidden, q):
            opt.push()
            opt.add(self.one[q] - self.two[q] >= width)
            opt.add([z3.Not(p) for r, p in self.fixed.items() if r in hidden])
            opt.add([p for r, p in self.fixed.items() if r not in hidden and r not in near])
            for r in published:
                if r in near:
                    opt.add_soft(self.fixed[r], weight(r))
            result = opt.check()
            model = opt.model() if result == z3.sat else None
            opt.pop()
            if model is not None:
                return [r for r in published if z3.is_false(model.eval(self.fixed[r], model_completion=True))]
        raise AssertionError(f"{q!r} cannot be {width} wide whatever is hidden")  # pragma: no cover

    def _rings(self, hidden: Collection[Quantity], q: Quantity):
        """Growing sets of published counts around ``q`` through the relations."""
        around: dict = {}
        for rel in self.publication.relations:
            for r, _ in rel.terms:
                around.setdefault(r, []).append(rel)
        unknown = lambda r: r in hidden or r in self.publication.latent
        seen, frontier, found = {q}, [q], set()
        while frontier:
            following = []
            while frontier:
                r = frontier.pop()
                for rel in around.get(r, ()):
                    for t, _ in rel.terms:
                        if t not in seen:
                            seen.add(t)
                            if unknown(t):
                                frontier.append(t)
                            else:
                                found.add(t)
                                following.append(t)
            if len(found) < len(self.fixed):
                yield set(found)
            frontier = following
        yield set(self.fixed)


def _smt(rel: Relation, copy: str, index: Mapping) -> str:
    terms = " ".join(f"(* {c} {copy}{index[q]})" if c >= 0 else f"(* (- {-c}) {copy}{index[q]})" for q, c in rel.terms)
    return f"(assert ({'=' if rel.equal else '>='} (+ 0 {terms}) 0))"


def audit(publication: Publication, hidden: Iterable[Quantity]) -> dict[Quantity, Interval]:
    """The exact feasible interval of every hidden count."""
    hidden = set(hidden)
    attacker = Attacker(publication)
    return {q: attacker.interval(hidden, q) for q in sorted(hidden, key=repr)}
