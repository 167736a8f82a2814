"""``segrules workbench``: its options, its start-up lines in the run's language, and a file it
cannot open refused with a code, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from support import ROOT


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "segrules", "workbench", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_help_names_the_options():
    out = run("--help").stdout
    for option in ("--host", "--port", "--lang", "--verify-seconds", "token"):
        assert option in out


def test_a_missing_file_is_refused_with_its_code(tmp_path):
    r = run(str(tmp_path / "missing.yaml"))
    assert r.returncode == 1 and "SR001" in r.stderr and "Traceback" not in r.stderr


def test_bad_options_are_usage_errors(tmp_path):
    assert run("x.yaml", "--verify-seconds", "0").returncode == 2
    assert run("x.yaml", "--port", "70000").returncode == 2


def start(*args: str, env: dict[str, str]) -> list[str]:
    """The lines ``segrules workbench`` prints before it serves: started for real on a free
    loopback port, read until "Ctrl+C", then stopped."""
    clean = {k: v for k, v in os.environ.items() if k not in ("SEGRULES_LANG", "LC_ALL", "LC_MESSAGES", "LANG")}
    proc = subprocess.Popen([sys.executable, "-m", "segrules", "workbench", "rulesets/helsinki/suuntima.yaml",
                             "--port", "0", *args], cwd=ROOT, env={**clean, **env},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = []
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if "Ctrl+C" in line or len(lines) > 5:
                break
        return lines
    finally:
        proc.terminate()
        proc.communicate(timeout=30)


@pytest.mark.parametrize("args, env, lang", [
    (("--lang", "fi"), {}, "fi"),
    ((), {"SEGRULES_LANG": "sv"}, "sv"),
    ((), {"LANG": "fi_FI.UTF-8"}, "fi"),
    ((), {}, "en"),
])
def test_the_start_up_lines_speak_the_runs_language(args, env, lang):
    from segrules.workbench.texts import TEXTS

    words = TEXTS[lang]
    file_line, open_line, stop_line = start(*args, env=env)
    assert file_line == words["start.file"].format(path="rulesets/helsinki/suuntima.yaml")
    url = open_line.rsplit(" ", 1)[1]
    assert open_line == words["start.open"].format(url=url) and "/?token=" in url
    assert stop_line == words["start.stop"]
    if lang != "en":
        english = {"open", "stop", "with", "workbench:"}
        assert not english & set(" ".join((file_line, open_line.replace(url, ""), stop_line)).split())


def test_the_warning_for_another_address_speaks_the_language_too():
    from segrules.workbench.app import start_lines

    for lang, word in (("fi", "varoitus"), ("sv", "varning"), ("en", "warning")):
        lines, warnings = start_lines(lang, "m.yaml", "http://10.0.0.1:80/?token=t", "0.0.0.0")
        assert len(lines) == 3 and len(warnings) == 1 and warnings[0].startswith(word + ": listen" if lang == "en" else word)
        assert "0.0.0.0" in warnings[0]
        assert start_lines(lang, "m.yaml", "http://127.0.0.1:80/?token=t", "127.0.0.1")[1] == []
