"""segrules check: what it prints of a file it was given."""

from __future__ import annotations

from segrules.cli import main

from example_ruleset import EXAMPLE, HOSTILE_NAME, write_ruleset


def test_a_file_name_with_a_terminal_escape_is_shown_escaped(tmp_path, capsys):
    path = write_ruleset(tmp_path, EXAMPLE.replace("sv: Självständig kund, ", "", 1), name=HOSTILE_NAME)
    assert main(["check", str(path), "--lang", "fi"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    # the warning's place and the summary line alike
    assert "ev\\x1b[31mil.yaml:" in out.splitlines()[0] and "ev\\x1b[31mil.yaml: kunnossa" in out
