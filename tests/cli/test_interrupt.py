"""Ctrl-C at any moment of a command, even while its modules load: ``interrupted`` and exit
code 130, never a traceback. A real process gets a real SIGINT; the moment is found by
watching which shared libraries the process has loaded (so the test does not depend on the
speed of the machine), and at delays after that. (Python's own start, before the first line
of segrules runs, is not covered: there Python itself answers Ctrl-C.)"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SUUNTIMA = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"
WAIT = 60

pytestmark = pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs /proc to see the loading")


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "segrules", *args], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )


def _loaded(proc: subprocess.Popen, library: str) -> bool:
    """Whether the process has mapped a shared library whose file name contains ``library``."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/maps") as maps:
                if library in maps.read():
                    return True
        except OSError:
            return False
        time.sleep(0.0005)
    return False


def _interrupted(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=WAIT)
    assert "Traceback" not in err, err
    assert proc.returncode == 130 and err.strip().endswith("interrupted"), (proc.returncode, err)


@pytest.mark.parametrize("library", ["_yaml", "libz3"])  # PyYAML's C part, then the prover: mid-import
def test_ctrl_c_while_the_modules_load(library):
    proc = _start("verify", str(SUUNTIMA))
    if not _loaded(proc, library):
        proc.kill()
        proc.communicate()
        pytest.skip(f"{library} is not a shared library here")
    _interrupted(proc)


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.5])
def test_ctrl_c_a_moment_later(delay):
    """Later in the loading, or in the command itself (waiting for the answers on its standard
    input, so that it is still running however fast the machine is): the same."""
    proc = _start("decide", str(SUUNTIMA), "--answers", "-")
    _loaded(proc, "_yaml")
    time.sleep(delay)
    _interrupted(proc)


def test_ctrl_c_while_duckdb_segments(tmp_path):
    """Ctrl-C while DuckDB runs the batch's query: DuckDB stops the query and raises its own
    error for it, which is the interrupt too (not an internal error, not an input that could
    not be read); the output is not written and no temporary file is left beside it. The
    moment: the temporary file beside the output appears just before the query starts."""
    duckdb = pytest.importorskip("duckdb")
    client = ", ".join(f"1 + (range * {k}) % 5 AS {c}" for k, c in enumerate(
        ("c_daily_life", "c_understanding", "c_self_care", "c_coping", "c_services", "c_motivation"), start=1))
    illness = ", ".join(f"1 + (range * {k}) % 5 AS {c}" for k, c in enumerate(
        ("p_ill_conditions", "p_ill_medication", "p_ill_stability", "p_ill_adherence", "p_ill_coordination",
         "p_ill_monitoring"), start=2))
    data = tmp_path / "population.parquet"
    duckdb.connect().execute(f"COPY (SELECT range AS record_id, {client}, 'illness' AS battery, {illness} "
                             f"FROM range(3000000)) TO '{data}' (FORMAT PARQUET)")
    out = tmp_path / "out" / "result.parquet"
    out.parent.mkdir()
    proc = _start("batch", str(SUUNTIMA), "--input", str(data), "--output", str(out), "--no-progress")
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline and proc.poll() is None and not any(out.parent.iterdir()):
        time.sleep(0.001)
    if proc.poll() is not None:
        pytest.fail(f"the batch ended before it could be interrupted: {proc.communicate()}")
    time.sleep(0.05)
    _interrupted(proc)
    assert list(out.parent.iterdir()) == []


def test_importing_the_package_loads_no_heavy_module():
    """What makes the early Ctrl-C possible: the entry point runs before YAML, Lark or z3 load."""
    code = "import sys, segrules, segrules.__main__; print(sorted(m for m in ('yaml', 'lark', 'z3', 'segrules.cli') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=WAIT,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert out.returncode == 0 and out.stdout.strip() == "[]", out.stderr


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_ctrl_c_lost_in_a_destructor_is_raised_at_the_next_checkpoint():
    """Python raises KeyboardInterrupt wherever the main thread is; inside a destructor (z3
    frees its terms in ``__del__``) it is printed and dropped. The command line's handler
    remembers it, and the verifier's next budget check raises it again."""
    from segrules import errors
    from segrules.verify.budget import Budget

    class Term:
        def __del__(self):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)  # the handler runs here, inside the destructor

    old = signal.signal(signal.SIGINT, errors.on_interrupt)
    try:
        Term()  # dropped at once: its KeyboardInterrupt is lost
        with pytest.raises(KeyboardInterrupt):
            Budget().check("proving")
    finally:
        signal.signal(signal.SIGINT, old)
        errors._INTERRUPTED.clear()
    Budget().check("proving")  # nothing pressed: nothing raised


def test_z3_leaves_ctrl_c_to_python():
    """z3 takes SIGINT for itself while it solves unless told not to: a query it was on would
    answer "unknown", or the Ctrl-C would be dropped when the query ended first anyway."""
    z3 = pytest.importorskip("z3")
    import segrules.verify.smt  # noqa: F401 - sets the parameter on import
    from segrules.population.audit import require_solver

    require_solver()
    assert z3.get_param("ctrl_c") == "false"
