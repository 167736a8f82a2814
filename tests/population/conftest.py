from __future__ import annotations

import pytest

from support import load_cached, mini


@pytest.fixture(scope="session")
def tiny_ruleset():
    """Two segments a and b, split by one score."""
    return load_cached(mini({"x": "integer 0..9"}, {"s": "x"}, ["a when s < 5", "b when s >= 5"])).definition
