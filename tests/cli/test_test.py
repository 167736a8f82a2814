"""segrules test: what it prints of the examples and the file."""

from __future__ import annotations

from segrules.cli import main

from example_ruleset import HOSTILE, HOSTILE_NAME, write_ruleset


def test_example_and_file_names_with_terminal_escapes_are_shown_escaped(tmp_path, capsys):
    path = write_ruleset(tmp_path, HOSTILE, name=HOSTILE_NAME)
    assert main(["test", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "ev\\x1b[31mil.yaml:" in out and "evil \\x1b[31mRED\\x1b[0m name" in out
