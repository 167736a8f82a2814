"""Shared test settings.

Hypothesis runs derandomized by default, so that CI gives the same examples on every run;
set HYPOTHESIS_PROFILE=dev to explore with fresh random examples (and the example database).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

# Every output follows SEGRULES_LANG and the locale when no language is given; the tests read
# English unless they ask for another language, whatever the machine's locale.
os.environ["SEGRULES_LANG"] = "en"

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/support.py for tests in subfolders

settings.register_profile(
    "ci",
    derandomize=True,
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
