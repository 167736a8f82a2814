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


def test_text_that_is_not_utf8_is_refused_before_it_is_written_into_data(tmp_path, capsys):
    """A byte of another encoding on the command line (read by Python as a lone surrogate) in
    a reason or a key is a usage error in every language, never written as \\udcff."""
    import pytest

    ruleset = "rulesets/helsinki/suuntima.yaml"
    from support import ROOT
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps(dict(__import__("segrules").load(ROOT / ruleset).definition.examples[0].answer_dict)))
    for args, lang, words in [
        (["decide", str(ROOT / ruleset), "--answers", str(answers), "--override", "omatoimi", "--reason", "bad\udcffreason", "--json"],
         "en", "'bad\\udcffreason' is not UTF-8 and would be written into the data"),
        (["sample", str(ROOT / ruleset), "--key", "k\udcff"], "fi", "'k\\udcff' ei ole UTF-8-merkistöä"),
        (["sql", str(ROOT / ruleset), "--carry", "k\udcff"], "sv", "'k\\udcff' är inte i UTF-8"),
    ]:
        with pytest.raises(SystemExit) as info:
            main([*args, "--lang", lang])
        assert info.value.code == 2
        out, err = capsys.readouterr()
        assert words in err and "\udcff" not in out
