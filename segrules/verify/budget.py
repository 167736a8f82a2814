"""How much work one verification may do before it answers "undecided".

A verification that runs out of budget never proves anything and never crashes: every
method checks its ``Budget`` while it works (per state of a dynamic programme, per control
case, per batch of combinations, per solver call) and raises ``Undecided``, which the caller
turns into "undecided" checks. Counts (states, cases, combinations) are limited as well as
time, because they stand for memory: a count limit stops a step before it fills the memory,
where the clock alone would stop it too late.
"""

from __future__ import annotations

import time

from .model import size_text

DEFAULT_SECONDS = 10.0
MAX_CASES = 20_000  # control cases (combinations of the answers that decide which questions are asked)
MAX_STATES = 400_000  # partial states of one cluster's dynamic programme
MAX_PRODUCT = 400_000  # value combinations evaluated together in one step


class Undecided(Exception):
    """The ruleset is beyond the method's budget: its checks are undecided, never proven."""


class Budget:
    """A time budget in seconds from its creation (``time.monotonic``), and count limits.

    ``check(what)`` raises ``Undecided`` once the time is spent; ``limit(n, kind, what)`` once
    a count exceeds its limit. ``remaining()`` gives the seconds left, for solver timeouts.
    ``seconds=None`` means no time limit (the count limits stay).
    """

    __slots__ = ("seconds", "started", "deadline", "max_cases", "max_states", "max_product", "_clock")

    def __init__(
        self,
        seconds: float | None = DEFAULT_SECONDS,
        *,
        max_cases: int = MAX_CASES,
        max_states: int = MAX_STATES,
        max_product: int = MAX_PRODUCT,
        clock=time.monotonic,
    ):
        if seconds is not None and not seconds > 0:
            raise ValueError(f"a time budget must be a positive number of seconds, not {seconds!r}")
        self.seconds = None if seconds is None else float(seconds)
        self._clock = clock
        self.started = clock()
        self.deadline = None if seconds is None else self.started + float(seconds)
        self.max_cases = max_cases
        self.max_states = max_states
        self.max_product = max_product

    @classmethod
    def of(cls, budget: "Budget | float | int | None") -> "Budget":
        """The budget ``verify(budget=...)`` accepts: a Budget, seconds, or None for the default."""
        if budget is None:
            return cls()
        if isinstance(budget, Budget):
            return budget
        if isinstance(budget, bool) or not isinstance(budget, (int, float)):
            raise TypeError(f"a budget is a Budget or a number of seconds, not {budget!r}")
        return cls(budget)

    def elapsed(self) -> float:
        """Seconds since the budget started."""
        return self._clock() - self.started

    def remaining(self) -> float:
        """Seconds left (never negative; ``inf`` without a time limit)."""
        if self.deadline is None:
            return float("inf")
        return max(0.0, self.deadline - self._clock())

    def exhausted(self) -> bool:
        """True when the time is spent."""
        return self.deadline is not None and self._clock() >= self.deadline

    def check(self, what: str) -> None:
        """Raise Undecided if the time is spent; ``what`` says what was being done."""
        if self.deadline is not None and self._clock() >= self.deadline:
            raise Undecided(f"the time budget of {self.seconds:g} s ran out while {what}")

    def watch(self, items, what: str):
        """The items, one by one, with the time checked every 1024 of them."""
        for n, item in enumerate(items):
            if not n & 1023:
                self.check(what)
            yield item

    def limit(self, n: int, kind: str, what: str) -> None:
        """Raise Undecided if ``n`` exceeds the limit ``kind`` (cases, states, product)."""
        most = getattr(self, f"max_{kind}")
        if n > most:
            raise Undecided(f"more than {size_text(most)} {what}")

    def share(self, seconds: float) -> "Budget":
        """A budget for part of the work: at most ``seconds`` from now, never past this deadline."""
        left = min(self.remaining(), seconds)
        out = Budget(max(left, 1e-9), max_cases=self.max_cases, max_states=self.max_states,
                     max_product=self.max_product, clock=self._clock)
        return out

    def __repr__(self) -> str:
        return (f"Budget(seconds={self.seconds!r}, max_cases={self.max_cases}, "
                f"max_states={self.max_states}, max_product={self.max_product})")
