"""Small-cell suppression for published counts, audited by an exact attacker.

Statistics offices and the Finnish rules on the secondary use of health data forbid
publishing counts small enough to identify a person, and forbid publishing anything from
which such a count can be worked out. The counts of a report and the relations between them
are a ``Publication`` (``audit.py``); suppression decides which of its counts are hidden:

1. every count from 1 to ``min_cell - 1`` is hidden (0 is not: it identifies nobody, and
   the attacker is taken to know every 0, which the public rulesets often tell);
2. the exact attacker (``audit.Attacker``) asks, for each hidden count, whether two reports
   that agree with everything published can differ in it by ``min_cell`` (its feasible
   interval is that wide: upper - lower >= min_cell; a count known to lie between 0 and 4, or
   between 7 and 11, is not protected). Where they cannot, the cheapest set of published
   counts whose hiding lets them is hidden too (weighted MaxSAT, the counts nearest to the
   failing one tried first), and every count so hidden is audited the same way.

Hiding more only widens an interval, so a count that passes once stays protected. The cost
(``weight``) prefers inner cells to totals (``rank``), then small counts to large ones. The
solver's questions are built and asked in a fixed order, so the same input gives the same
report whatever the hash seed; among sets of equal cost, the solver chooses. The
result only hides; it never changes a count.
"""

from __future__ import annotations

from typing import Callable, Hashable

import attrs

from ..progress import NO_PROGRESS, Progress
from .audit import Attacker, Interval, Publication

DEFAULT_MIN_CELL = 5

TOTAL = "__total__"

Quantity = Hashable


@attrs.frozen
class Suppression:
    """The hidden counts of a publication and the audit's verdict on them."""

    hidden: frozenset
    min_cell: int
    narrowest: Interval | None  # the narrowest feasible interval of a hidden count; None: none hidden
    added: int  # how many counts were hidden beyond the small ones


def suppress(
    publication: Publication, min_cell: int = DEFAULT_MIN_CELL, *, rank: Callable[[Quantity], int] = lambda q: 0,
    progress: Progress = NO_PROGRESS,
) -> Suppression:
    """Hide the small counts of ``publication`` and as many others as the attacker needs.

    ``rank`` orders the kinds of counts by what hiding them costs a reader (0: an inner cell,
    higher: a total); the cheapest count that helps is hidden. ``progress`` is told the hidden
    counts audited of all hidden so far, then those whose interval was measured.
    """
    if min_cell < 1:
        raise ValueError("min_cell must be at least 1")
    values = publication.values

    def weight(q: Quantity) -> int:  # a total costs a reader more than the cells it sums
        return (1 << (20 + rank(q))) + min(values[q], (1 << 20) - 1)

    attacker = Attacker(publication)
    hidden = {q for q, n in values.items() if 0 < n < min_cell}
    primary = len(hidden)
    queue = sorted(hidden, key=repr)
    progress.step("audit", len(queue))
    while queue:
        q = queue.pop(0)
        # hiding more only widens an interval: a count that passes once passes for good
        if not attacker.wide(hidden, q, min_cell):
            for pick in attacker.cheapest_release(hidden, q, min_cell, weight):
                hidden.add(pick)
                queue.append(pick)
                progress.grow()
        progress.advance()
    # the narrowest interval of all, for the report to state (one question per count where
    # it is no narrower than the narrowest so far)
    narrowest, best = None, None
    progress.step("narrowest", len(hidden))
    for q in sorted(hidden, key=repr):
        w = attacker.width(hidden, q, below=best)
        if w is not None and (best is None or w < best):
            best, narrowest = w, q
        progress.advance()
    if narrowest is None and hidden:  # nothing hidden has an upper bound
        narrowest = min(hidden, key=repr)
    interval = attacker.interval(hidden, narrowest) if narrowest is not None else None
    return Suppression(frozenset(hidden), min_cell, interval, len(hidden) - primary)
