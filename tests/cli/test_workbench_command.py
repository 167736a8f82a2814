"""``segrules workbench``: its options, and a file it cannot open refused with a code, not a traceback."""

from __future__ import annotations

import subprocess
import sys

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
