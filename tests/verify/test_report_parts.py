"""``segrules.verify.report_parts``: the verification page's segment sizes and suggestions."""

from __future__ import annotations

import attrs

from segrules.verify import verify
from segrules.verify.html import html_report
from segrules.verify.suggest import suggest

from test_smt import load, model, num


def test_the_page_shows_sizes_and_suggestions_in_the_report_language():
    ruleset = load(model(num("x", 0, 9), "", ["a when x < 3", "b when x > 3"]))  # x = 3: a gap
    report = verify(ruleset)
    report = attrs.evolve(report, suggestions=suggest(ruleset, report, limit=1))
    page = html_report([report], [ruleset], lang="sv")
    assert "segmentens storlekar (exakta)" in page and "andel av svarsrymden" in page
    assert "<code>inget segment</code>" in page and "10 %" in page  # one answer set of ten gets none
    assert "Förslag" in page and "vidga villkoret i regel 1: x &lt; 3 → x &lt;= 3" in page
    assert "model.yaml:12:15: &lt; → &lt;=" in page and "a 4 (40 %), b 6 (60 %)" in page


def test_a_ruleset_not_counted_says_why():
    ruleset = load(model(num("x", 0, 9), "", ["a when x < 5", "b when x >= 5"]))
    reason = "the structural budget of 1 000 steps ran out while combining values"
    report = attrs.evolve(verify(ruleset), counts=None, not_counted=reason)
    page = html_report([report], [ruleset], lang="fi")
    assert "ei laskettu: rakenteellisen menetelmän budjetti (askeleet) loppui" in page and reason not in page
    assert f"not counted: {reason}" in html_report([report], [ruleset], lang="en")
