"""The regional models shipped with segrules, by ruleset id.

The package carries the project's ``rulesets/`` folder (as ``segrules/models``), so an installed
segrules can list, load and verify its models without a checkout::

    import segrules.rulesets
    segrules.rulesets.ids()                        # ('helsinki.suunte', 'helsinki.suuntima', ...)
    rs = segrules.rulesets.load("helsinki.suuntima")
"""

from __future__ import annotations

from pathlib import Path

from .crosswalk import find_rulesets
from .engine.runtime import Ruleset
from .errors import UsageError, closest
from .pipeline import load as load_file

__all__ = ["folder", "crosswalk_path", "ids", "path", "load"]

_CROSSWALK = "crosswalk.yaml"


def folder() -> Path:
    """The folder of the shipped models (one sub-folder per region)."""
    return Path(__file__).resolve().parent / "models"


def crosswalk_path() -> Path:
    """The shipped crosswalk between the regional models."""
    return folder() / _CROSSWALK


def _by_id() -> dict[str, list[Path]]:
    return find_rulesets(folder(), exclude=[crosswalk_path()])


def ids() -> tuple[str, ...]:
    """The ids of the shipped models, sorted."""
    return tuple(sorted(_by_id()))


def path(ruleset_id: str) -> Path:
    """The file of the shipped model ``ruleset_id``; SR515 names the ids there are."""
    found = _by_id()
    if ruleset_id not in found:
        hint = closest(ruleset_id, found)
        message = f"no shipped model has the id {ruleset_id!r}"
        if hint:
            message += f" (did you mean {hint!r}?)"
        raise UsageError(f"{message}; the shipped models are: {', '.join(sorted(found))}", code="SR515")
    return found[ruleset_id][0]


def load(ruleset_id: str) -> Ruleset:
    """Load and compile the shipped model ``ruleset_id``."""
    return load_file(path(ruleset_id))
