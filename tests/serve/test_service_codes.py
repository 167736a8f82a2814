"""Every code of the service's range (SR900-SR929) is triggered by a test of this folder."""

from __future__ import annotations

import re
from pathlib import Path

from segrules.codes import CODES

HERE = Path(__file__).resolve().parent


def test_every_service_code_has_a_test_that_triggers_it():
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(HERE.glob("test_*.py")) if p.name != Path(__file__).name)
    mentioned = set(re.findall(r"\bSR9[0-2][0-9]\b", text))
    service = {c for c in CODES if 900 <= int(c[2:]) <= 929}
    assert service and not service - mentioned, f"no test triggers {sorted(service - mentioned)}"
