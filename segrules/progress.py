"""Progress of a long run, and the one-line bar that shows it on a terminal.

Library functions that run long (``sql.batch.run_batch``, ``verify.verify``,
``population.build_report``) take a ``Progress`` and tell it which step they are in and how
far it has got; they never draw anything. ``NO_PROGRESS`` ignores it all. The commands
(``batch``, ``report``, ``verify``) pass a ``Bar``, which draws one line on stderr: the step,
a bar, the records done of all (or DuckDB's percentage, or the checks done of all) and the
time so far. A bar is made only for a terminal and never under ``--json`` (``terminal_bar``):
in a pipe or a log nothing is written, and standard output is never touched.

The line is drawn by a thread of its own, at most ``Bar.interval`` apart, so that the run
only counts (``advance`` adds to a number) and a DuckDB statement is watched from outside it
(``watch``). The line shows steps, counts and percentages only: never a key, an answer or a
value of a record. It is cleared when the run ends, also on an error or Ctrl-C, and cleared
while the command writes its own lines (``paused``). Its words come from ``TEXTS``, in the
command's language.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from typing import Callable, Iterator, Sequence, TextIO

from .i18n import check_lang

__all__ = ["Progress", "NO_PROGRESS", "TEXTS", "terminal_bar"]

TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "step.preparing": "valmistellaan",
        "step.reading": "luetaan",
        "step.segmenting": "segmentoidaan",
        "step.segmenting_other": "segmentoidaan toisella versiolla",
        "step.writing": "kirjoitetaan tulos",
        "step.counting": "lasketaan",
        "step.comparing": "verrataan versioita",
        "step.audit": "tarkastetaan pienten solujen suojaus",
        "step.narrowest": "mitataan kapein vaihteluväli",
        "step.suggesting": "etsitään korjauksia",
        "step.totality": "arviointi onnistuu aina",
        "step.completeness": "ei aukkoja",
        "step.exclusivity": "ei päällekkäisyyksiä",
        "step.masked_rules": "jokainen sääntö voi täyttyä",
        "step.segments_reachable": "jokaiseen segmenttiin voi päätyä",
        "step.inputs_used": "jokainen syöte vaikuttaa",
        "step.exact_counts": "tarkat lukumäärät",
        "unit.records": "tietueet",
        "unit.hidden": "piilotetut luvut",
        "unit.checks": "tarkistus",
        "unit.steps": "vaihe",
        "percent": "{percent} %",
        "percent_of": "{percent} % {total} tietueesta",
    },
    "sv": {
        "step.preparing": "förbereder",
        "step.reading": "läser",
        "step.segmenting": "segmenterar",
        "step.segmenting_other": "segmenterar med den andra versionen",
        "step.writing": "skriver resultatet",
        "step.counting": "räknar",
        "step.comparing": "jämför versionerna",
        "step.audit": "granskar skyddet av små celler",
        "step.narrowest": "mäter det smalaste intervallet",
        "step.suggesting": "söker rättelser",
        "step.totality": "utvärderingen lyckas alltid",
        "step.completeness": "inga luckor",
        "step.exclusivity": "inga överlappningar",
        "step.masked_rules": "varje regel kan gälla",
        "step.segments_reachable": "varje segment kan nås",
        "step.inputs_used": "varje indata spelar roll",
        "step.exact_counts": "exakta antal",
        "unit.records": "poster",
        "unit.hidden": "dolda tal",
        "unit.checks": "kontroll",
        "unit.steps": "steg",
        "percent": "{percent} %",
        "percent_of": "{percent} % av {total} poster",
    },
    "en": {
        "step.preparing": "preparing",
        "step.reading": "reading",
        "step.segmenting": "segmenting",
        "step.segmenting_other": "segmenting with the other version",
        "step.writing": "writing the result",
        "step.counting": "counting",
        "step.comparing": "comparing the versions",
        "step.audit": "auditing the small-cell suppression",
        "step.narrowest": "measuring the narrowest interval",
        "step.suggesting": "looking for fixes",
        "step.totality": "evaluation never fails",
        "step.completeness": "no gaps",
        "step.exclusivity": "no overlaps",
        "step.masked_rules": "every rule can fire",
        "step.segments_reachable": "every segment is reachable",
        "step.inputs_used": "every input matters",
        "step.exact_counts": "exact counts",
        "unit.records": "records",
        "unit.hidden": "hidden counts",
        "unit.checks": "check",
        "unit.steps": "step",
        "percent": "{percent}%",
        "percent_of": "{percent}% of {total} records",
    },
}


class Progress:
    """What a long run tells about its work. This one ignores it: nothing is shown.

    ``shown`` says whether anyone looks; a run may skip work done only for the bar (such as
    counting the records first) when nobody does."""

    shown = False

    def step(self, name: str, total: int | None = None) -> None:
        """A step of the run begins (a key of ``TEXTS`` without ``step.``); ``total``: how many
        things it does (records, hidden counts), when known."""

    def advance(self, n: int = 1) -> None:
        """``n`` more things of the step are done."""

    def grow(self, n: int = 1) -> None:
        """The step found ``n`` more things to do."""

    def watch(self, read: Callable[[], float | None] | None) -> None:
        """The step's percentage is read by calling ``read`` (None: not known), from the
        drawing thread: a database statement is watched without slowing it down."""

    def plan(self, steps: Sequence[str], prefix: str = "") -> None:
        """The steps of the next part of the run in order, and what it is on (a file name)."""

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """Nothing drawn while the command writes its own lines."""
        yield

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        pass

    def __repr__(self) -> str:
        return "NO_PROGRESS" if type(self) is Progress else super().__repr__()


#: The progress of a run nobody watches.
NO_PROGRESS = Progress()


class Bar(Progress):
    """One line on a terminal's stderr, redrawn by a thread at most ``interval`` seconds apart.

    ``steps``: the steps of the run in order, to show which of them runs of all (the checks of
    ``verify``), counted as ``counter`` (``steps`` or ``checks``); ``prefix``: what the run is
    on (``[1/2] model.yaml``)."""

    shown = True

    def __init__(self, command: str, lang: str, stream: TextIO, *, steps: Sequence[str] = (),
                 counter: str = "steps", interval: float = 0.2, clock: Callable[[], float] = time.monotonic):
        self.command, self.lang, self.stream = command, check_lang(lang), stream
        self.steps, self.counter, self.interval, self.clock = tuple(steps), counter, interval, clock
        self.prefix = ""
        self.name: str | None = None
        self.total: int | None = None
        self.done = 0
        self.read: Callable[[], float | None] | None = None
        self.began = clock()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._drawn = 0  # characters on the line now
        enc = (getattr(stream, "encoding", None) or "ascii").lower().replace("-", "")
        self._blocks = ("█", "░") if enc in ("utf8", "utf16", "utf32") else ("#", "-")

    # ------------------------------------------------------------------ what the run tells

    def step(self, name: str, total: int | None = None) -> None:
        self.read = None
        self.done, self.total, self.name = 0, total, name

    def advance(self, n: int = 1) -> None:
        self.done += n

    def grow(self, n: int = 1) -> None:
        self.total = (self.total or 0) + n

    def watch(self, read: Callable[[], float | None] | None) -> None:
        self.read = read

    def plan(self, steps: Sequence[str], prefix: str = "") -> None:
        self.steps, self.prefix, self.name, self.read = tuple(steps), prefix, None, None

    # ------------------------------------------------------------------ drawing

    def __enter__(self) -> "Bar":
        self._thread = threading.Thread(target=self._run, name="segrules-progress", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            try:
                self._clear()
            except (OSError, ValueError):  # the terminal went away: the run's own outcome stands
                pass

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """The line cleared while the command writes its own lines (to stdout or stderr, which
        may be the same terminal); it is drawn again at the next turn."""
        with self._lock:
            self._clear()
            yield

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.draw()
            except Exception:  # noqa: BLE001 - a bar never breaks the run it shows
                return

    def draw(self) -> None:
        """Draw the line as it is now, fitted to the terminal's width."""
        line = self.line(self._width())
        with self._lock:
            if self._stop.is_set():
                return
            pad = " " * max(0, self._drawn - len(line))
            self.stream.write("\r" + line + pad + ("\b" * len(pad)))
            self.stream.flush()
            self._drawn = len(line)

    def _clear(self) -> None:
        if self._drawn:
            self.stream.write("\r" + " " * self._drawn + "\r")
            self.stream.flush()
            self._drawn = 0

    def _width(self) -> int:
        try:
            columns = os.get_terminal_size(self.stream.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
        if columns > 0:
            return columns
        try:  # a terminal that does not say its size (0 columns), or not a real one
            return int(os.environ.get("COLUMNS", "80"))
        except ValueError:
            return 80

    def line(self, width: int) -> str:
        """The line for a terminal ``width`` characters wide: what runs, a bar of 20 cells (fewer,
        or none, on a narrow terminal), the figures, the time so far, the step's name (shortened
        to fit). One column is left free: a character in the last one makes some terminals wrap."""
        t = TEXTS[self.lang]
        width = max(width - 1, 10)
        head = self.command + (f" {self.prefix}" if self.prefix else "") + ":"
        step = "· " + t.get(f"step.{self.name}", self.name) if self.name else ""
        fraction, figures = self._figures(t)
        seconds = int(self.clock() - self.began)
        rest = _join(figures, f"{seconds // 60}:{seconds % 60:02d}")
        if fraction is not None:
            for cells in (20, 15, 10):
                full = min(cells, int(fraction * cells))
                text = _join(head, self._blocks[0] * full + self._blocks[1] * (cells - full), rest, step)
                if len(text) <= width:
                    return text
        for text in (_join(head, rest, step), _join(rest, step)):
            if len(text) <= width:
                return text
            if len(text) - len(step) + 6 <= width:  # the step's name shortened, all else kept
                return text[:width - 1] + "…"
        return text[:width]

    def _figures(self, t: dict[str, str]) -> tuple[float | None, str]:
        """How much of the step is done (a fraction, when known) and the figures that say it:
        which step of the plan runs, then DuckDB's percentage or the things done of all."""
        parts, fraction = [], None
        if self.name in self.steps:
            k = self.steps.index(self.name)
            fraction = k / len(self.steps)
            parts.append(f"{t['unit.' + self.counter]} {k + 1}/{len(self.steps)}")
        read = self.read
        percent = None
        if read is not None:
            try:
                percent = read()
            except Exception:  # noqa: BLE001 - the statement ended between two looks
                percent = None
        unit = t["unit.hidden" if self.name in ("audit", "narrowest") else "unit.records"]
        if read is not None and percent is None:
            percent = 0  # the statement has not begun
        if percent is not None and 0 <= percent <= 100:
            fraction = percent / 100
            shown = f"{int(percent)}"
            if self.total is not None:
                parts.append(t["percent_of"].format(percent=shown, total=self._number(self.total)))
            else:
                parts.append(t["percent"].format(percent=shown))
        elif self.total:
            done = min(self.done, self.total)
            fraction = done / self.total
            parts.append(f"{unit} {self._number(done)}/{self._number(self.total)}")
        elif self.done:
            parts.append(f"{unit} {self._number(self.done)}")
        return fraction, " · ".join(parts)

    def _number(self, n: int) -> str:
        """A count grouped by thousands: 1,000,000 in English, 1 000 000 (no-break spaces) in
        Finnish and Swedish."""
        return f"{n:,}" if self.lang == "en" else f"{n:,}".replace(",", "\u00a0")


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def terminal_bar(command: str, lang: str, *, wanted: bool = True, stream: TextIO | None = None,
                 **options) -> Progress:
    """A bar for ``command`` on ``stream`` (stderr) if it is wanted and the stream is a
    terminal; ``NO_PROGRESS`` otherwise (a pipe, a file, a log, ``--json``, ``--no-progress``)."""
    stream = sys.stderr if stream is None else stream
    if not wanted:
        return NO_PROGRESS
    try:
        if not stream.isatty():
            return NO_PROGRESS
    except (AttributeError, ValueError):  # a closed or odd stream
        return NO_PROGRESS
    return Bar(command, lang, stream, **options)
