"""The progress bar: its line, what the long runs tell it, and the real commands on a terminal.

The commands run in processes of their own with stderr on a pseudo-terminal (``os.openpty``),
as a user's terminal is, 100 columns wide; with stderr on a pipe, under ``--json`` and with
``--no-progress`` nothing is drawn. Populations are synthetic (sampled answer sets)."""

from __future__ import annotations

import fcntl
import io
import os
import random
import re
import struct
import subprocess
import sys
import termios
import time

import duckdb
import pytest

import segrules
from segrules import progress as bars
from segrules.population.audit import Publication
from segrules.population.suppress import suppress
from segrules.progress import NO_PROGRESS, TEXTS, Bar, Progress, terminal_bar
from segrules.sampling import sample_answers
from segrules.sql.batch import run_batch
from segrules.verify import PROGRESS_STEPS, verify

from support import ROOT

SUUNTIMA = ROOT / "rulesets" / "helsinki" / "suuntima.yaml"
COLUMNS = 100


class Recorder(Progress):
    """What a run tells its progress, in order."""

    shown = True

    def __init__(self):
        self.events = []
        self.done = 0

    def step(self, name, total=None):
        self.events.append(("step", name, total))

    def advance(self, n=1):
        self.done += n

    def grow(self, n=1):
        self.events.append(("grow", n))

    def watch(self, read):
        self.events.append(("watch", read is not None))


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


# --------------------------------------------------------------------------- the line


def _bar(lang="en", **options) -> tuple[Bar, Clock]:
    clock = Clock()
    return Bar("segrules batch", lang, io.StringIO(), clock=clock, **options), clock


@pytest.mark.parametrize("lang, records, percent", [
    ("en", "records 420,000/1,000,000", "42% of 1,000,000 records"),
    ("fi", "tietueet 420\u00a0000/1\u00a0000\u00a0000", "42 % 1\u00a0000\u00a0000 tietueesta"),
    ("sv", "poster 420\u00a0000/1\u00a0000\u00a0000", "42 % av 1\u00a0000\u00a0000 poster"),
])
def test_the_line_says_the_records_done_of_all_or_duckdbs_percentage_in_the_language(lang, records, percent):
    bar, clock = _bar(lang)
    bar.step("segmenting", 1_000_000)
    bar.advance(420_000)
    clock.now = 75
    step = TEXTS[lang]["step.segmenting"]
    assert bar.line(COLUMNS) == f"segrules batch: ########------------ {records} 1:15 · {step}"
    bar.watch(lambda: 42.7)  # DuckDB's percentage, with the records the input has
    assert bar.line(COLUMNS) == f"segrules batch: ########------------ {percent} 1:15 · {step}"
    bar.step("segmenting")  # no total known: the percentage alone
    bar.watch(lambda: -1.0 + 43.7)
    assert percent.split(" ")[0] in bar.line(COLUMNS) and TEXTS[lang]["percent_of"][-8:] not in bar.line(COLUMNS)


def test_the_checks_done_of_all_and_which_runs():
    bar, _ = _bar("fi", steps=PROGRESS_STEPS, counter="checks")
    bar.plan(PROGRESS_STEPS, "[2/3] suuntima.yaml")
    bar.step("exclusivity")
    line = bar.line(COLUMNS)
    assert line.startswith("segrules batch [2/3] suuntima.yaml: ") and "tarkistus 3/7 0:00 · ei päällekkäisyyksiä" in line
    assert line.count("#") == 20 * 2 // 7  # two checks of seven done


def test_a_narrow_terminal_shortens_the_line_and_never_wraps():
    bar, _ = _bar("sv", steps=("segmenting", "counting", "audit"))
    bar.step("audit", 3)
    bar.grow(2)  # the audit found more counts to hide
    bar.advance(4)
    assert "steg 3/3 · dolda tal 4/5" in bar.line(COLUMNS)
    for width in range(1, 120):
        assert len(bar.line(width)) <= max(width - 1, 10)
    assert bar.line(50).endswith("…")  # the step's name shortened, the figures kept
    assert "dolda tal 4/5" in bar.line(50)


def test_unicode_blocks_only_where_the_terminal_takes_them():
    class Utf8(io.StringIO):
        encoding = "utf-8"

    bar = Bar("segrules verify", "en", Utf8())
    bar.step("segmenting", 4)
    bar.advance(1)
    assert "█████░░░░░░░░░░░░░░░ records 1/4" in bar.line(COLUMNS)


def test_every_word_is_in_all_three_languages():
    assert set(TEXTS) == {"fi", "sv", "en"}
    for lang in TEXTS:
        assert TEXTS[lang].keys() == TEXTS["en"].keys(), lang
        for key, value in TEXTS[lang].items():
            assert set(re.findall(r"{(\w+)}", value)) == set(re.findall(r"{(\w+)}", TEXTS["en"][key]))
    steps = {k.removeprefix("step.") for k in TEXTS["en"] if k.startswith("step.")}
    assert set(PROGRESS_STEPS) <= steps  # every step verify tells has its words


def test_drawn_at_most_every_interval_and_cleared_at_the_end():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    stream = Terminal()
    began = time.monotonic()
    with terminal_bar("segrules verify", "en", stream=stream, interval=0.05) as bar:
        bar.step("counting")
        time.sleep(0.5)
        with bar.paused():
            stream.write("a line of the command's own\n")
        time.sleep(0.2)
    elapsed = time.monotonic() - began
    text = stream.getvalue()
    draws = text.count("segrules verify:")
    assert 2 <= draws <= elapsed / 0.05  # never more often than each 0.05 s
    before, after = text.split("a line of the command's own\n")
    assert re.search(r"\r +\r$", before) and "segrules verify:" in after  # cleared first, drawn again
    assert re.search(r"\r +\r$", text)  # nothing of the bar is left at the end


def test_no_bar_in_a_pipe_or_when_not_wanted():
    assert terminal_bar("segrules batch", "en", stream=io.StringIO()) is NO_PROGRESS

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    assert terminal_bar("segrules batch", "en", stream=Terminal(), wanted=False) is NO_PROGRESS
    assert isinstance(terminal_bar("segrules batch", "en", stream=Terminal()), Bar)
    assert bars.NO_PROGRESS.shown is False


# --------------------------------------------------------------------------- what the runs tell


@pytest.fixture(scope="module")
def ruleset():
    return segrules.load(str(SUUNTIMA))


@pytest.fixture(scope="module")
def population(tmp_path_factory, ruleset):
    """Synthetic answers: a Parquet file of 300,000 records, one of its first 10,000 and a CSV
    file of those."""
    folder = tmp_path_factory.mktemp("population")
    rs = ruleset.definition
    rng = random.Random(7)
    pool = [sample_answers(rs, rng) for _ in range(200)]
    types = {i.id: "BIGINT" if i.domain.is_numeric else "BOOLEAN" if i.domain.kind == "boolean" else "VARCHAR"
             for i in rs.inputs}
    con = duckdb.connect()
    con.execute("CREATE TABLE pool (pool_id BIGINT, " + ", ".join(f'"{i}" {t}' for i, t in types.items()) + ")")
    con.executemany(f"INSERT INTO pool VALUES ({', '.join(['?'] * (len(types) + 1))})",
                    [(k, *(a.get(i) for i in types)) for k, a in enumerate(pool)])
    select = ("SELECT range AS record_id, 'u' || (range % 3) AS unit, " + ", ".join(f'pool."{i}"' for i in types)
              + " FROM range(300000) JOIN pool ON pool.pool_id = hash(range) % 200 ORDER BY range")
    parquet, small, csv = folder / "answers.parquet", folder / "small.parquet", folder / "answers.csv"
    con.execute(f"COPY ({select}) TO '{parquet}' (FORMAT PARQUET)")
    con.execute(f"COPY (SELECT * FROM '{parquet}' WHERE record_id < 10000) TO '{small}' (FORMAT PARQUET)")
    con.execute(f"COPY (SELECT * FROM '{small}') TO '{csv}' (HEADER)")
    return parquet, csv, small


def test_the_python_engine_counts_every_record_of_all(tmp_path, ruleset, population):
    seen = Recorder()
    run_batch(ruleset, str(population[1]), str(tmp_path / "o.parquet"), engine="python", progress=seen)
    assert seen.events[0] == ("step", "segmenting", 10_000) and seen.done == 10_000
    assert ("step", "writing", None) in seen.events


def test_duckdb_is_watched_with_the_records_of_a_parquet_file(tmp_path, ruleset, population):
    seen = Recorder()
    run_batch(ruleset, str(population[2]), str(tmp_path / "o.parquet"), progress=seen)
    assert seen.events[:3] == [("step", "segmenting", 10_000), ("watch", True), ("watch", False)]
    seen = Recorder()  # a CSV file says nothing of its records without a scan: the percentage alone
    run_batch(ruleset, str(population[1]), str(tmp_path / "o.parquet"), progress=seen)
    assert seen.events[0] == ("step", "segmenting", None)


def test_nobody_watching_costs_no_count(tmp_path, ruleset, population, monkeypatch):
    from segrules.sql import batch

    monkeypatch.setattr(batch, "_record_count", lambda *a: pytest.fail("counted for nobody"))
    run_batch(ruleset, str(population[1]), str(tmp_path / "o.parquet"), engine="python")
    run_batch(ruleset, str(population[2]), str(tmp_path / "o.parquet"))


def test_verify_tells_each_check_in_order(ruleset):
    seen = Recorder()
    verify(ruleset, progress=seen)
    assert [e[1] for e in seen.events if e[0] == "step"] == list(PROGRESS_STEPS)


def test_the_audit_tells_the_hidden_counts_done_of_all():
    # a total of two cells, one of them small: hiding it needs the other hidden as well
    from segrules.population.audit import Relation

    values = {("a",): 3, ("b",): 40, ("t",): 43}
    pub = Publication(values, {}, (Relation(((("t",), -1), (("a",), 1), (("b",), 1))),), {})
    seen = Recorder()
    result = suppress(pub, 5, progress=seen)
    assert ("a",) in result.hidden and ("b",) in result.hidden
    assert seen.events[0] == ("step", "audit", 1) and ("grow", 1) in seen.events
    assert ("step", "narrowest", len(result.hidden)) in seen.events
    assert seen.done == 2 + len(result.hidden)  # each hidden count audited, then measured


# --------------------------------------------------------------------------- the commands on a terminal


def _on_terminal(*args: str, columns: int = COLUMNS) -> tuple[int, str, str]:
    """Run ``segrules ARGS`` with stderr on a pseudo-terminal ``columns`` wide (stdout on a
    pipe): the exit code, stdout, and every byte written to the terminal."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "segrules", *args], cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=slave, env=dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="200"),
    )
    os.close(slave)
    written = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed (Linux)
            break
        if not chunk:
            break
        written += chunk
    out = proc.stdout.read().decode()
    proc.wait(timeout=120)
    os.close(master)
    return proc.returncode, out, written.decode()


def _lines(written: str) -> list[str]:
    """The lines the bar drew, as they were shown (without the padding of shorter ones)."""
    return [part.rstrip(" \b") for part in written.replace("\r\n", "\n").split("\r") if part.strip(" \b")]


def _cleared(written: str) -> bool:
    return re.search(r"\r +\r$", written) is not None


def test_batch_with_the_python_engine_on_a_terminal(tmp_path, population):
    code, out, err = _on_terminal("batch", str(SUUNTIMA), "--input", str(population[1]), "--output",
                                  str(tmp_path / "o.parquet"), "--engine", "python", "--lang", "sv")
    assert code == 0 and "10000 poster lästa" in out and "\r" not in out
    counts = [line for line in _lines(err) if "· segmenterar" in line]
    assert counts, err
    assert all(line.startswith("segrules batch: ") and len(line) < COLUMNS for line in counts)
    done = [int(re.search(r"poster ([\d\u00a0]+)/10\u00a0000", line).group(1).replace("\u00a0", "")) for line in counts]
    assert done == sorted(done) and 0 < done[-1] <= 10_000
    assert "record_id" not in err and _cleared(err)  # no key or answer on the line; nothing left


def test_batch_with_duckdb_shows_its_percentage_of_the_records(tmp_path, population):
    code, out, err = _on_terminal("batch", str(SUUNTIMA), "--input", str(population[0]), "--output",
                                  str(tmp_path / "o.parquet"), "--lang", "en")
    assert code == 0 and "300000 records read" in out
    shown = [line for line in _lines(err) if "· segmenting" in line]
    assert shown and all(re.search(r" \d+% of 300,000 records \d+:\d\d · segmenting$", line) for line in shown), err
    assert _cleared(err)


def test_verify_shows_the_checks_done_of_all_in_finnish(tmp_path):
    code, out, err = _on_terminal("verify", str(SUUNTIMA), str(SUUNTIMA), "--lang", "fi", columns=70)
    assert code == 0 and out.count("TODISTETTU") == 2 and "\r" not in out
    shown = _lines(err)
    assert all(len(line) < 70 for line in shown)  # the terminal's own width (not $COLUMNS)
    assert any(line.startswith("segrules verify [2/2] suuntima.yaml: ") for line in shown), err
    checks = [re.search(r"tarkistus (\d)/7", line) for line in shown]
    assert any(checks) and all(int(m.group(1)) <= 7 for m in checks if m)
    names = {TEXTS["fi"][f"step.{s}"] for s in PROGRESS_STEPS}
    assert all(line.split(" · ")[-1].rstrip("…") in "|".join(names) for line in shown if " · " in line)
    assert _cleared(err)


def test_report_shows_its_steps_in_swedish(population):
    code, out, err = _on_terminal("report", str(SUUNTIMA), "--input", str(population[0]), "--by", "unit",
                                  "--lang", "sv")
    assert code == 0 and "\r" not in out
    shown = _lines(err)
    assert any(re.search(r"steg 1/\d · \d+ % .* · segmenterar$", line) for line in shown), err
    assert _cleared(err)


@pytest.mark.parametrize("flag", ["--json", "--no-progress"])
def test_quiet_under_json_and_no_progress(tmp_path, population, flag):
    code, out, err = _on_terminal("batch", str(SUUNTIMA), "--input", str(population[1]), "--output",
                                  str(tmp_path / "o.parquet"), flag)
    assert code == 0 and err == ""
    if flag == "--json":
        assert '"records": 10000' in out
    code, out, err = _on_terminal("verify", str(SUUNTIMA), flag)
    assert code == 0 and err == ""


def test_quiet_when_stderr_is_a_pipe(tmp_path, population):
    proc = subprocess.run(
        [sys.executable, "-m", "segrules", "batch", str(SUUNTIMA), "--input", str(population[1]), "--output",
         str(tmp_path / "o.parquet")],
        cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)), timeout=120,
    )
    assert proc.returncode == 0 and proc.stderr == ""


def test_ctrl_c_clears_the_line_before_saying_interrupted():
    import select
    import signal

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, COLUMNS, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "segrules", "verify", *[str(SUUNTIMA)] * 20], cwd=ROOT, stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL, stderr=slave, env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )
    os.close(slave)
    written = b""
    try:
        while b"segrules verify [" not in written:  # the bar is on the screen
            ready, _, _ = select.select([master], [], [], 120)
            assert ready, "no bar within two minutes"
            written += os.read(master, 65536)
        proc.send_signal(signal.SIGINT)
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            written += chunk
    finally:
        proc.wait(timeout=120)
        os.close(master)
    assert proc.returncode == 130
    assert re.search(r"\r +\rinterrupted\r\n$", written.decode()), written[-300:]


def test_a_file_name_cannot_drive_the_terminal(tmp_path):
    path = tmp_path / "model\x1b[2J.yaml"
    path.write_text(SUUNTIMA.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, err = _on_terminal("verify", str(path))
    assert code == 0 and "\x1b" not in err
    assert any(line.startswith("segrules verify [1/1] model\\x1b[2J.yaml: ") for line in _lines(err)), err
