"""A population run on DuckDB: it loads its own command and no SQL translation, and DuckDB runs
the compiled text (with macros) to the same rows as the rendered query."""

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


@pytest.mark.parametrize("shape", ["wide", "typed", "json"])
def test_duckdb_runs_the_compiled_text_as_the_rendering_does(duck, shape):
    """``duckdb_native`` (what a population run gives DuckDB) and ``render(query, "duckdb")``
    give every record the same row, and the row ``decide`` gives: each awkward text, and
    whole numbers in unusual forms, as the answer to a scale question, the battery and one of
    its conditional questions (``run_duckdb`` runs both texts and compares them)."""
    import random

    import segrules
    from engines import fits_json, fits_typed, run_duckdb, text_of
    from segrules.sampling import sample_answers
    from segrules.sql import answers_from_text, reference_row
    from segrules.testing import AWKWARD_TEXTS

    ruleset = segrules.load(RULESET)
    rng = random.Random(3)
    base = next(a for a in iter(lambda: sample_answers(ruleset.definition, rng), None) if a["battery"] == "social")
    texts = [*AWKWARD_TEXTS, "-0", "-1", "003", "0" * 30 + "4", "9" * 19, "-" + "0" * 20, "4"]
    records = [dict(base, **{question: text}) for text in texts
               for question in ("c_coping", "c_finances", "battery", "p_soc_housing", "p_reh_goals")]
    if shape == "typed":
        records = [a for a in records if fits_typed(ruleset.definition, a)]
    if shape == "json":
        records = [a for a in records if fits_json(ruleset.definition, a)]
    keyed = list(enumerate(records))
    got = run_duckdb(duck, ruleset.definition, keyed, shape=shape)
    if shape != "json":  # decide on the answers as the table's text holds them
        keyed = [(k, answers_from_text(ruleset.definition, {i: text_of(v) for i, v in a.items()})) for k, a in keyed]
    assert got == {k: reference_row(ruleset, a) for k, a in keyed}
