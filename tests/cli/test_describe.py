"""segrules describe: what it prints of the ruleset and its file."""

from __future__ import annotations

import pytest

from segrules.cli import main

from example_ruleset import HOSTILE, HOSTILE_NAME, write_ruleset


@pytest.mark.parametrize("lang, label", [("en", "Self\\x1b]0;pwn\\x07care"), ("fi", "Omatoimi\\x1b[31m")])
def test_labels_and_the_file_name_with_terminal_escapes_are_shown_escaped(tmp_path, capsys, lang, label):
    path = write_ruleset(tmp_path, HOSTILE, name=HOSTILE_NAME)
    assert main(["describe", str(path), "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert label in out and "ev\\x1b[31mil.yaml" in out
