"""What a population run on DuckDB loads: its own command, and no SQL translation."""

from __future__ import annotations

import subprocess
import sys

import pytest

from support import ROOT

pytest.importorskip("duckdb")

RULESET = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"

# The batch runs as a user runs it; then the modules it loaded are listed. DuckDB runs the
# compiler's text with its own macros (``render.duckdb_native``), so sqlglot is never imported,
# and the command line builds the parser of ``batch`` alone, without the verifier's solver or
# the service's web stack.
PROGRAM = """
import sys
from segrules.cli import main
code = main(["batch", sys.argv[1], "--input", sys.argv[2], "--output", sys.argv[3]])
print(code, *sorted(m for m in sys.modules if m.split(".")[0] in ("sqlglot", "z3", "starlette", "uvicorn")
                    or m in ("segrules.verify", "segrules.serve")))
"""


def test_a_duckdb_batch_needs_no_sql_translation_and_no_other_command(tmp_path):
    src, out = tmp_path / "answers.csv", tmp_path / "result.parquet"
    src.write_text("record_id,c_daily_life\n1,3\n2,9\n", encoding="utf-8")
    got = subprocess.run([sys.executable, "-c", PROGRAM, str(RULESET), str(src), str(out)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert got.returncode == 0, got.stderr
    assert got.stdout.splitlines()[-1].split() == ["0"], got.stdout
