"""Constants shared by the service tests."""

from __future__ import annotations

from support import ROOT, variant

SUUNTIMA = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"
TOKEN = "t0ken-" + "x" * 40

# a Suuntima answer set (the README's): omatoimi
ANSWERS = {
    "c_daily_life": 4, "c_understanding": 5, "c_self_care": 4, "c_coping": 4,
    "c_services": 5, "c_motivation": 4,
    "battery": "illness",
    "p_ill_conditions": 2, "p_ill_medication": 1, "p_ill_stability": 2,
    "p_ill_adherence": 1, "p_ill_coordination": 2, "p_ill_monitoring": 1,
}
BASE_ANSWERS = {"battery": "illness", "c_manage": 5, "c_support": 4, "p_illness": 1, "visits": 2}

# the shared small test ruleset without its one unused input, so that it is proven
PROVEN_BASE = variant(
    "  lives_alone:\n    respondent: client\n    type: boolean\n    optional: true\n    text: {fi: t, sv: t, en: t}\n",
    "",
)
