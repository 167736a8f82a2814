"""Random valid answer sets for a ruleset.

``sample_answers`` draws one answer set that ``Ruleset.validate`` accepts: every question that
is asked gets an answer from its domain, a question whose ``asked_when`` is false gets none,
and an optional question is sometimes left unanswered. It is what ``segrules sample`` prints,
and what the tests and the Hypothesis strategies in ``segrules.testing`` build on.

The draw depends only on the ruleset and the random generator, so a seeded
``random.Random(seed)`` gives the same answer sets every time. Nothing here is used when a
decision is made.
"""

from __future__ import annotations

import random
from typing import Any

from .dsl import ast
from .engine.reference import _asked_order, evaluate
from .errors import EvaluationError, UsageError

#: How often an optional question that is asked is left unanswered.
SKIP_OPTIONAL = 0.25
#: Attempts before giving up on a ruleset whose ``asked_when`` conditions cannot be evaluated.
MAX_ATTEMPTS = 100


def sample_answers(rs: ast.RulesetDef, rng: random.Random) -> dict:
    """One random valid answer set for the checked ruleset ``rs``: input id → answer.

    Inputs are visited in the order ``asked_when`` needs (an input after the inputs its
    condition reads), and each condition is evaluated on the answers drawn so far, exactly
    as validation does. Unanswered inputs are left out of the result.

    An ``asked_when`` that reads an unanswered optional input cannot be evaluated; such a draw
    is thrown away and drawn again, and after half of the attempts optional questions are
    always answered. Raises ``UsageError`` (SR513) if no valid answer set is found, which
    only a ruleset whose conditions can never be evaluated can cause.
    """
    order = _asked_order(rs)
    for attempt in range(MAX_ATTEMPTS):
        answers = _draw(rs, order, rng, may_skip=attempt < MAX_ATTEMPTS // 2)
        if answers is not None:
            return answers
    raise UsageError(
        f"could not draw a valid answer set for {rs.id} in {MAX_ATTEMPTS} attempts: "
        "the asked_when conditions cannot be evaluated (run `segrules verify` to see why)",
        code="SR513",
    )


def _draw(rs: ast.RulesetDef, order: tuple[ast.Input, ...], rng: random.Random, *, may_skip: bool) -> dict | None:
    answers: dict[str, Any] = {}
    for inp in order:
        if inp.asked_when is not None:
            try:
                if not evaluate(inp.asked_when, answers, rs):
                    continue
            except EvaluationError:
                return None
        if inp.optional and may_skip and rng.random() < SKIP_OPTIONAL:
            continue
        answers[inp.id] = rng.choice(inp.domain.values)
    return answers
