"""segrules: client segmentation models as declarative rules, run anywhere and proven correct."""

from .engine.runtime import Decision, Ruleset, RulesetRef
from .errors import (
    AnswerError,
    AnswerProblem,
    Diagnostic,
    EvaluationError,
    RulesetError,
    SegrulesError,
    Span,
    UsageError,
)
from .pipeline import load, load_text
from .engine.record import Replay, replay
from . import crosswalk  # segrules.crosswalk.load(...) after a plain `import segrules`

__version__ = "0.1.0"

__all__ = [
    "AnswerError", "AnswerProblem", "Decision", "Diagnostic", "EvaluationError", "Ruleset",
    "RulesetError", "RulesetRef", "SegrulesError", "Span", "UsageError", "crosswalk", "load", "load_text",
    "Replay", "replay",
]
