"""segrules: client segmentation models as declarative rules, run anywhere and proven correct.

The names below load on first use (PEP 562), so that importing the package is instant: the
command line (``segrules``, ``python -m segrules``) takes over Ctrl-C before the heavy modules
load, and a program that needs one part does not pay for the others.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> the module (relative to this package) that defines it
_EXPORTS = {
    "Decision": "engine.runtime", "Ruleset": "engine.runtime", "RulesetRef": "engine.runtime",
    "AnswerError": "errors", "AnswerProblem": "errors", "Diagnostic": "errors", "EvaluationError": "errors",
    "RulesetError": "errors", "SegrulesError": "errors", "Span": "errors", "UsageError": "errors",
    "load": "pipeline", "load_text": "pipeline",
    "Replay": "engine.record", "replay": "engine.record",
}

__all__ = [
    "AnswerError", "AnswerProblem", "Decision", "Diagnostic", "EvaluationError", "Ruleset",
    "RulesetError", "RulesetRef", "SegrulesError", "Span", "UsageError", "crosswalk", "load", "load_text",
    "Replay", "replay",
]

if TYPE_CHECKING:  # what the names are, for type checkers and editors
    from . import crosswalk
    from .engine.record import Replay, replay
    from .engine.runtime import Decision, Ruleset, RulesetRef
    from .errors import (AnswerError, AnswerProblem, Diagnostic, EvaluationError, RulesetError, SegrulesError,
                         Span, UsageError)
    from .pipeline import load, load_text


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is not None:
        value = getattr(importlib.import_module(f".{module}", __name__), name)
        globals()[name] = value
        return value
    if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        return importlib.import_module(f".{name}", __name__)  # segrules.crosswalk after `import segrules`
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
