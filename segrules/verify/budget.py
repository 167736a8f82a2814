"""How much work one verification may do before it answers "undecided".

Budgets are counted in work, never in time, so that the verdict, every count and every
witness are a function of the ruleset and the budget alone: the same on a quiet machine and
a loaded one, today and when an auditor reruns it. The units (docs/verification.md):

* ``solver``: z3 resource units (its ``rlimit``) the SMT prover may use in all, and
  ``solver_call`` the most one query may use. z3 counts these units deterministically (they
  stand for its inner steps), so a query that runs out does so at the same point everywhere.
* ``answer_sets``: the answer sets enumeration may evaluate; an enumeration of a larger space
  is undecided at once. ``method="auto"`` enumerates a space of at most ``AUTO_ENUMERATION``
  answer sets at once, and a larger one within this budget when the structural method gives up.
* ``steps``: the structural method's work: partial states made, value combinations evaluated.
* ``max_cases``, ``max_states``, ``max_product``: counts that stand for memory (control cases,
  partial states of one dynamic programme, combinations evaluated together in one step).

A method that runs out raises ``Undecided`` naming the budget, which the caller turns into
"undecided" checks; never a proof and never a crash.

``seconds`` is an outer safety stop only, not part of the budget: a verification that reaches
it stops as a whole (``stopped`` is set, and ``TimeLimit`` is raised where the work was), and
its report says "stopped: time limit" with no verdict, never a different verdict.
"""

from __future__ import annotations

import time

from ..errors import check_interrupted
from .model import size_text

#: The outer safety stop of one verification, in seconds of wall-clock time.
TIME_LIMIT = 300.0
SOLVER_UNITS = 5_000_000  # z3 rlimit units for the whole SMT prover
SOLVER_CALL_UNITS = 2_000_000  # z3 rlimit units for one query (per_query(SOLVER_UNITS))
ANSWER_SETS = 1_000_000  # answer sets enumeration may evaluate
#: ``method="auto"`` enumerates an answer space of at most this many answer sets (and within
#: the enumeration budget) at once; a larger one goes to the structural method first, and is
#: enumerated when that gives up and the space is within the enumeration budget.
AUTO_ENUMERATION = 5_000
STEPS = 50_000_000  # the structural method's steps (COMBINATION_STEPS per value combination evaluated)
#: Steps one value combination costs: it runs the reference evaluator, where a partial state
#: of a dynamic programme is a few additions (1 step) and a sum read from a window less.
COMBINATION_STEPS = 8
MAX_CASES = 20_000  # control cases (combinations of the answers that decide which questions are asked)
MAX_STATES = 400_000  # partial states of one cluster's dynamic programme
MAX_PRODUCT = 400_000  # value combinations evaluated together in one step

#: The budgets as the report and the command line name them: attribute → (JSON key, option).
UNITS = {
    "solver": ("solver_rlimit", "--solver-budget"),
    "solver_call": ("solver_rlimit_per_query", "--solver-budget"),
    "answer_sets": ("answer_sets", "--enumeration-budget"),
    "steps": ("structural_steps", "--structural-budget"),
    "max_cases": ("control_cases", None),
    "max_states": ("partial_states", None),
    "max_product": ("combinations", None),
}


def per_query(solver: int) -> int:
    """The units one query may use out of a solver budget: two fifths of it (at least one), so
    that one hard query leaves room for the others."""
    return max(1, solver * 2 // 5)


class Undecided(Exception):
    """The ruleset is beyond the method's budget: its checks are undecided, never proven.

    ``budget`` names the budget that ran out (a key of ``UNITS``), or None."""

    def __init__(self, message: str, budget: str | None = None):
        super().__init__(message)
        self.budget = budget


class TimeLimit(Undecided):
    """The outer safety stop was reached. The verification stops as a whole: its report says
    "stopped: time limit" (``Budget.stopped``), whoever catches this on the way."""

    def __init__(self, message: str):
        super().__init__(message, "time_limit")


class Budget:
    """Work budgets (see the module), and a wall-clock safety stop of ``seconds`` from creation.

    ``spend(n, what)`` counts structural steps; ``answer_sets`` and the solver's units are
    counted by their methods. ``check(what)`` looks at the safety stop only. Every limit is an
    int (``None``: no limit).
    """

    __slots__ = ("seconds", "started", "deadline", "solver", "solver_call", "answer_sets", "steps",
                 "max_cases", "max_states", "max_product", "_clock", "spent_steps", "spent_solver", "solver_calls",
                 "stopped", "_next_look")

    def __init__(
        self,
        seconds: float | None = TIME_LIMIT,
        *,
        solver: int | None = SOLVER_UNITS,
        solver_call: int | None = SOLVER_CALL_UNITS,
        answer_sets: int | None = ANSWER_SETS,
        steps: int | None = STEPS,
        max_cases: int = MAX_CASES,
        max_states: int = MAX_STATES,
        max_product: int = MAX_PRODUCT,
        clock=time.monotonic,
    ):
        if seconds is not None and not seconds > 0:
            raise ValueError(f"a time limit must be a positive number of seconds, not {seconds!r}")
        for name, v in (("solver", solver), ("solver_call", solver_call), ("answer_sets", answer_sets),
                        ("steps", steps)):
            if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 1):
                raise ValueError(f"the {name} budget must be a positive whole number, not {v!r}")
        self.seconds = None if seconds is None else float(seconds)
        self._clock = clock
        self.started = clock()
        self.deadline = None if seconds is None else self.started + float(seconds)
        self.solver = solver
        self.solver_call = solver_call
        self.answer_sets = answer_sets
        self.steps = steps
        self.max_cases = max_cases
        self.max_states = max_states
        self.max_product = max_product
        self.spent_steps = 0
        self.spent_solver = 0
        self.solver_calls = 0  # queries put to the solver (``prover.solve_within``)
        self.stopped = False
        self._next_look = 0

    @classmethod
    def of(cls, budget: "Budget | float | int | None") -> "Budget":
        """The budget ``verify(budget=...)`` accepts: a Budget, a time limit in seconds (with the
        default work budgets), or None for the defaults."""
        if budget is None:
            return cls()
        if isinstance(budget, Budget):
            return budget
        if isinstance(budget, bool) or not isinstance(budget, (int, float)):
            raise TypeError(f"a budget is a Budget or a time limit in seconds, not {budget!r}")
        return cls(budget)

    @classmethod
    def unlimited(cls, seconds: float | None = None) -> "Budget":
        """No work budget at all (the memory limits stay): for tests and benchmarks."""
        return cls(seconds, solver=None, solver_call=None, answer_sets=None, steps=None)

    # ------------------------------------------------------------------ the safety stop

    def elapsed(self) -> float:
        """Seconds since the budget started."""
        return self._clock() - self.started

    def remaining(self) -> float:
        """Seconds left before the safety stop (never negative; ``inf`` without one)."""
        if self.deadline is None:
            return float("inf")
        return max(0.0, self.deadline - self._clock())

    def exhausted(self) -> bool:
        """True once the safety stop is reached."""
        return self.stopped or (self.deadline is not None and self._clock() >= self.deadline)

    def check(self, what: str) -> None:
        """Raise TimeLimit (and mark the run stopped) once the safety stop is reached; and
        KeyboardInterrupt once Ctrl-C was pressed (``errors.check_interrupted``)."""
        check_interrupted()
        if self.stopped or (self.deadline is not None and self._clock() >= self.deadline):
            self.stop(what)

    def stop(self, what: str) -> None:
        """Mark the run stopped by the time limit and raise TimeLimit."""
        self.stopped = True
        raise TimeLimit(f"stopped: the time limit of {self.seconds:g} s was reached while {what}")

    # ------------------------------------------------------------------ work

    def spend(self, n: int, what: str) -> None:
        """Count ``n`` structural steps; Undecided once the step budget is spent."""
        self.spent_steps += n
        if self.steps is not None and self.spent_steps > self.steps:
            raise Undecided(f"the structural budget of {size_text(self.steps)} steps ran out while {what}", "steps")
        if self.spent_steps >= self._next_look:
            self._next_look = self.spent_steps + 1024
            self.check(what)

    def watch(self, items, what: str):
        """The items (value combinations), one by one, each ``COMBINATION_STEPS`` steps
        (counted 1024 items at a time)."""
        for n, item in enumerate(items):
            if not n & 1023:
                self.spend(1024 * COMBINATION_STEPS, what)
            yield item

    def limit(self, n: int, kind: str, what: str) -> None:
        """Raise Undecided if ``n`` exceeds the limit ``kind`` (cases, states, product)."""
        most = getattr(self, f"max_{kind}")
        if n > most:
            raise Undecided(f"more than {size_text(most)} {what} (the limit of {kind})", f"max_{kind}")

    def enumerable(self, size: int) -> bool:
        """Whether an answer space of ``size`` answer sets is within the enumeration budget."""
        return self.answer_sets is None or size <= self.answer_sets

    def enumerate_first(self, size: int) -> bool:
        """Whether ``method="auto"`` enumerates an answer space of ``size`` answer sets."""
        return size <= AUTO_ENUMERATION and self.enumerable(size)

    def solver_units(self) -> int | None:
        """The z3 rlimit for the next query: the per-query limit, or what is left of the total
        if less; None for no limit. Undecided when the total is spent."""
        left = None if self.solver is None else self.solver - self.spent_solver
        if left is not None and left <= 0:
            raise Undecided(f"the solver budget of {size_text(self.solver)} rlimit units ran out", "solver")
        if self.solver_call is None:
            return left
        return self.solver_call if left is None else min(left, self.solver_call)

    def to_json(self) -> dict:
        """The budget as the report shows it: every limit, by its unit (timings aside)."""
        out = {key: getattr(self, name) for name, (key, _) in UNITS.items()}
        out["time_limit_seconds"] = self.seconds
        return out

    def __repr__(self) -> str:
        return (f"Budget(seconds={self.seconds!r}, solver={self.solver}, solver_call={self.solver_call}, "
                f"answer_sets={self.answer_sets}, steps={self.steps}, max_cases={self.max_cases}, "
                f"max_states={self.max_states}, max_product={self.max_product})")
