"""``segrules.verify.suggest``: edits that close a planted gap or overlap in Suuntima, each
re-checked here by applying it to the text and verifying the result independently."""

from __future__ import annotations

from pathlib import Path

import attrs

import pytest

import segrules
from segrules.verify import verify
from segrules.verify.suggest import apply_edits, suggest

ROOT = Path(__file__).resolve().parents[2]
SUUNTIMA = (ROOT / "rulesets/helsinki/suuntima.yaml").read_text(encoding="utf-8")
RULE_1 = "  - omatoimi  when resources >= 3 and complexity < 3"
RULE_2 = "  - yhteiso   when resources < 3 and complexity < 3"
# a gap: resources in [3, 3.5) with complexity < 3 gets no segment
GAP = SUUNTIMA.replace(RULE_1, RULE_1.replace(">= 3 and", ">= 3.5 and"))
# an overlap: resources in [3, 3.5) with complexity < 3 gets omatoimi and yhteiso
OVERLAP = SUUNTIMA.replace(RULE_2, RULE_2.replace("< 3 and", "< 3.5 and"))


def planted(text: str):
    assert text != SUUNTIMA
    ruleset = segrules.load_text(text, "suuntima.yaml")
    return ruleset, verify(ruleset)


def assert_each_proven(text: str, found) -> None:
    """Every suggestion, applied to the text here, gives a ruleset the verifier proves, with the
    segment sizes the suggestion shows."""
    assert found.found
    for s in found.found:
        edited = apply_edits(text, s.edits)
        assert edited is not None and edited != text
        report = verify(segrules.load_text(edited, "suuntima.yaml"))
        assert report.proven, s.describe()
        assert "smt" in report.check("completeness").methods
        assert s.sizes == report.counts and s.sizes.no_segment == s.sizes.several_segments == 0
        doc = s.to_json()
        assert doc["status"] == "proven" and doc["edits"] and doc["counts"]["counted"]


def test_a_planted_gap_is_closed_by_moving_the_threshold_back():
    ruleset, report = planted(GAP)
    assert report.check("completeness").status == "failed"
    found = suggest(ruleset, report, limit=2)
    assert_each_proven(GAP, found)
    first = found.found[0]
    assert (first.closes, first.kind) == (("completeness", "examples"), "move_threshold")
    assert first.describe() == "move the threshold of resources in rule 1 from 3.5 to 3"
    line = 1 + SUUNTIMA.splitlines().index(RULE_1)
    assert [(e.line, e.column, e.old, e.new) for e in first.edits] == [(line, RULE_1.index("3 and") + 1, "3.5", "3")]
    assert dict(first.sizes.segments) == dict(verify(segrules.load(str(ROOT / "rulesets/helsinki/suuntima.yaml"))).counts.segments)
    assert any(s.kind == "add_rule" for s in found.found)  # the uncovered region as a rule of its own


def test_a_planted_overlap_is_closed_by_a_threshold_or_by_hit_policy_first():
    ruleset, report = planted(OVERLAP)
    assert report.check("exclusivity").status == "failed"
    found = suggest(ruleset, report)
    assert_each_proven(OVERLAP, found)
    kinds = {s.kind for s in found.found}
    assert "move_threshold" in kinds and "first" in kinds
    first = next(s for s in found.found if s.kind == "first")
    assert first.edits[0].old == "unique" and first.edits[0].new == "first"


def test_an_unreachable_segment_is_made_reachable():
    rule = "  - yhteistyo when resources >= 3 and complexity >= 3"
    text = SUUNTIMA.replace(rule, rule.replace(">= 3", ">= 6").replace("resources >= 6", "resources >= 3"))
    ruleset, report = planted(text)
    assert report.check("segments_reachable").status == "failed"
    found = suggest(ruleset, report, limit=1)
    assert_each_proven(text, found)
    assert found.found[0].describe() == "move the threshold of complexity in rule 3 from 6 to 3"
    assert "segments_reachable" in found.found[0].closes


def test_nothing_is_suggested_unless_it_is_proven():
    # an example that no edit of the rules can satisfy: no fix gets past the cheap tests
    broken = GAP.replace("expect: omatoimi", "expect: verkosto", 1)
    assert broken != GAP
    ruleset, report = planted(broken)
    found = suggest(ruleset, report)
    assert found.found == () and found.tried > 0 and found.verified == 0 and found.applicable
    assert "none of the" in attrs.evolve(report, suggestions=found).format()
    # an input no rule reads: the gap's fixes pass the counts and the examples, but the
    # verification of the copy fails (inputs_used), so none is shown
    unused = GAP.replace("inputs:\n", "inputs:\n  unused_q: {respondent: client, type: integer, min: 0, max: 1, optional: true, "
                         "text: {fi: t, sv: t, en: t}}\n", 1)
    ruleset, report = planted(unused)
    assert report.check("inputs_used").status == "failed"
    found = suggest(ruleset, report, limit=1)
    assert found.found == () and found.verified > 0


def test_a_proven_ruleset_gets_no_suggestions():
    ruleset = segrules.load(str(ROOT / "rulesets/helsinki/suuntima.yaml"))
    found = suggest(ruleset, verify(ruleset))
    assert found.found == () and found.tried == 0 and not found.applicable
    assert found.format() == "suggestions: only for a failed completeness, exclusivity or reachability check"


def test_edits_apply_only_where_the_text_is_what_they_expect():
    from segrules.verify.suggest import Edit

    text = "a: 1\nb: 2\n"
    assert apply_edits(text, [Edit(2, 4, "2", "3")]) == "a: 1\nb: 3\n"
    assert apply_edits(text, [Edit(2, 4, "5", "3")]) is None
    assert apply_edits(text, [Edit(2, 1, "", "c: 0\n")]) == "a: 1\nc: 0\nb: 2\n"
    assert apply_edits(text, [Edit(1, 1, "a: 1\n", "")]) == "b: 2\n"


def test_the_command_suggests_and_edits_nothing(tmp_path, capsys):
    import json

    from segrules import cli

    from test_smt import model, num

    text = model(num("x", 0, 9), "", ["a when x < 3", "b when x > 3"])  # x = 3 gets no segment
    path = tmp_path / "gap.yaml"
    path.write_text(text, encoding="utf-8")
    assert cli.main(["verify", str(path), "--suggest", "--lang", "fi"]) == 1
    out = capsys.readouterr().out
    assert "ehdotus (ei tehty; tarkistettu kopiolla: TODISTETTU)" in out
    assert "laajenna säännön 2 ehtoa: x > 3 → x >= 3" in out and f"{path}:" in out
    assert path.read_text(encoding="utf-8") == text  # nothing edited in place
    assert cli.main(["--json", "verify", str(path), "--suggest"]) == 1
    doc = json.loads(capsys.readouterr().out)["reports"][0]["suggestions"]
    kinds = [s["kind"] for s in doc["suggestions"]]
    assert doc["verified"] >= len(kinds) and kinds == ["widen", "widen", "add_rule"]  # x < 3 → x <= 3 or x > 3 → x >= 3
    for s in doc["suggestions"]:
        assert s["status"] == "proven" and s["counts"]["answer_sets"] == 10
    assert cli.main(["verify", str(path)]) == 1 and "suggestion" not in capsys.readouterr().out  # only when asked
