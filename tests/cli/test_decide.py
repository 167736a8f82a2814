"""segrules decide: what its text output shows of the ruleset and the answers."""

from __future__ import annotations

import json

from segrules.cli import main

from example_ruleset import HOSTILE, write_ruleset

ANSWERS = {"battery": "illness", "c_manage": 5, "c_support": 4, "p_illness": 1, "visits_last_year": 2}


def test_labels_and_a_reason_with_terminal_escapes_are_shown_escaped(tmp_path, capsys):
    path = write_ruleset(tmp_path, HOSTILE)
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(ANSWERS), encoding="utf-8")
    assert main(["decide", str(path), "--answers", str(answers)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "Segment:     Self\\x1b]0;pwn\\x07care (omatoimi)" in out
    assert main(["decide", str(path), "--answers", str(answers), "--override", "verkosto",
                 "--reason", "agreed \x1b[1m", "--lang", "fi"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "Omatoimi\\x1b[31m" in out and "agreed \\x1b[1m" in out
