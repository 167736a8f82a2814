"""Every witness the verifier shows is a complete, valid answer set that ``decide`` accepts as
it is and that reproduces the finding through ``decide`` (a gap SR401, an overlap SR402, an
evaluation error its code); a witness that does not is never shown."""

from __future__ import annotations

import pytest

from segrules.errors import AnswerError, EvaluationError
from segrules.pipeline import load_text
from segrules.verify import Finding, verify
from segrules.verify import prover as prover_module

from support import mini

pytest.importorskip("z3")

# optional yes/no questions, a follow-up asked only after one, and an unused required question
OPTIONAL = [
    mini({"q1": "boolean?", "q2": "scale"}, {}, ["a when q1", "b when answered(q1) and not q1 and q2 > 3"]),
    mini({"q1": "boolean?", "q2": ("scale", "answered(q1) and q1"), "q3": "scale"}, {},
         ["a when answered(q2) and q2 >= 3", "b when answered(q2) and q2 <= 3"]),
    mini({"q1": "boolean?", "q2": "scale?"}, {"m": "mean(q2)"}, ["a when answered(q1) and q1 and m > 2", "b when m < 2"]),
]


@pytest.mark.parametrize("text", OPTIONAL)
@pytest.mark.parametrize("method", ["enumeration", "structural", "smt"])
def test_every_witness_is_accepted_by_decide_and_reproduces(text, method):
    rs = load_text(text)
    report = verify(rs, method=method)
    shown = 0
    for check in report.checks:
        for f in check.findings:
            if f.witness is None or check.name == "examples":
                continue
            shown += 1
            with pytest.raises(EvaluationError) as exc:  # accepted as it is: no AnswerError
                rs.decide(dict(f.witness))
            assert exc.value.code == {"completeness": "SR401", "exclusivity": "SR402"}.get(check.name, f.code)
            # complete: every question asked has its answer (an optional one may be left out)
            rs.validate(f.witness)
    assert shown, [(c.name, c.status) for c in report.checks]
    assert not any("SR690" in n for n in report.notes), report.notes


def test_a_witness_decide_refuses_is_never_shown(monkeypatch):
    """A witness that lacks a required answer ({"q1": false} without q2) is caught before it is
    shown: the check is undecided (SR690), not failed with a witness that decide refuses."""
    rs = load_text(OPTIONAL[0])

    def incomplete(self):  # a gap "found" with an answer set that lacks the required q2
        return prover_module.SmtCheck("completeness", "failed", "some answer sets get no segment",
                                      (Finding("gap: no rule holds", {"q1": False}, code="SR601"),))

    monkeypatch.setattr(prover_module.SmtProver, "completeness", incomplete)
    report = verify(rs, method="smt")
    check = report.check("completeness")
    assert check.status == "undecided" and not check.findings
    assert any("SR690" in n and "decide" in n for n in report.notes)
    with pytest.raises(AnswerError):
        rs.decide({"q1": False})


@pytest.mark.parametrize("method", ["enumeration", "structural", "smt"])
def test_a_question_whose_asking_cannot_be_told_has_a_witness_with_every_other_required_answer(method):
    """q2 is asked when q1 = 2 and q1 may be left unanswered: the witness of that problem answers
    the required question r too, so that decide shows the problem and nothing beside it."""
    rs = load_text(mini({"q1": "scale?", "q2": ("scale", "q1 = 2"), "q3": ("scale?", "q2 >= 2"), "r": "boolean"},
                        {}, ["a when r", "b when not r"]))
    findings = [f for f in verify(rs, method=method).check("totality").findings]
    assert findings
    for f in findings:
        assert "r" in f.witness
        with pytest.raises(AnswerError) as exc:
            rs.decide(dict(f.witness))
        assert {p.code for p in exc.value.problems} == {"SR405"}
