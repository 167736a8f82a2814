"""The rulesets a service serves, and how a new version goes live.

A file's new version is put into service only when it loads, its own examples pass and the
verifier proves it. Otherwise the last good version of that file keeps serving, and the
snapshot says ``degraded`` with the reason. What is served is one immutable ``Snapshot``;
a reload builds a new one and swaps it in with one assignment, so a request that started on
the old version finishes on it and no request is lost.

Loading, testing and verifying a new version takes CPU time that would otherwise hold up the
requests (Python runs one thread at a time): with a ``ReloadWorker`` it is done in a process
of its own, and only the checked definition comes back, to be compiled here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import pickle
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Iterable

import attrs
import yaml

from ..engine.runtime import Ruleset
from ..errors import RulesetError, SegrulesError
from ..pipeline import compiled, load, load_text
from ..source import YMap, parse_yaml, read_source, yaml_events
from ..verify import verify
from ..verify.prover import Witnesses

READY, DEGRADED, NOT_READY = "ok", "degraded", "not_ready"


@attrs.frozen
class Served:
    """One ruleset in service: where it came from and how it was verified."""

    ruleset: Ruleset
    file: str
    method: str  # the verifier's method that proved it: smt, or enumeration or structural
    loaded_at: str  # ISO 8601, UTC
    # what showed the prover's checks (prover.Witnesses): the file's next version is proven from them
    witnesses: Witnesses | None = attrs.field(default=None, eq=False, repr=False)

    def summary(self) -> dict:
        rs = self.ruleset
        return {
            "id": rs.id,
            "version": rs.version,
            "content_hash": rs.content_hash,
            "title": rs.definition.title.to_json(),
            "aliases": list(rs.definition.aliases),
            "verification": {"proven": True, "method": self.method},
            "loaded_at": self.loaded_at,
        }


@attrs.frozen
class Rejected:
    """A file (or a version of it) that is not put into service, and why."""

    file: str
    code: str
    reason: str
    diagnostics: tuple = ()

    def to_json(self) -> dict:
        return {"file": self.file, "code": self.code, "reason": self.reason}


@attrs.frozen
class Snapshot:
    """What is served at one moment; never changed, only replaced."""

    by_file: dict = attrs.field(factory=dict)  # file → Served
    names: dict = attrs.field(factory=dict)  # id or alias → Served
    problems: tuple[str, ...] = ()  # why the service is degraded (or not ready)
    loading: bool = False

    @property
    def status(self) -> str:
        if not self.by_file:
            return NOT_READY
        return DEGRADED if self.problems else READY

    def get(self, name: str) -> Served | None:
        return self.names.get(name)

    def served(self) -> list[Served]:
        return sorted(self.by_file.values(), key=lambda s: s.ruleset.id)


@attrs.frozen
class ReloadResult:
    accepted: tuple[Served, ...]
    rejected: tuple[Rejected, ...]
    kept: tuple[Served, ...]  # last good versions still serving in place of a rejected one
    removed: tuple[str, ...]  # files no longer found in a served folder


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def _declares_id(path: Path) -> bool:
    """Whether a YAML file in a served folder is meant as a ruleset.

    A file that cannot be read or parsed counts as one (so that a broken edit is reported,
    never silently dropped); a mapping without ``id`` (a crosswalk) does not. A file whose
    top-level mapping has the key ``id`` is one whatever follows, which its first lines show
    (``_names_an_id``); only other files are read whole.
    """
    try:
        source = read_source(path)
        if _names_an_id(source.text):
            return True
        doc = parse_yaml(source)
    except RulesetError:
        return True
    return not isinstance(doc, YMap) or doc.get("id") is not None


#: how far into a file its first lines go: the parser's events read before the whole reading decides
_FIRST_EVENTS = 1000


def _names_an_id(text: str) -> bool:
    """Whether the YAML parser's events show a top-level mapping with the key ``id``, read
    only as far as that key (a ruleset's first lines, at most _FIRST_EVENTS events). False is
    no answer: anything else, a parse error included, is for the whole reading to say, and so
    is a text with a byte-order mark after its start (libyaml skips one that the pure-Python
    reader, which reads the file where libyaml cannot, keeps in the key)."""
    if "\ufeff" in text[1:]:
        return False
    depth = 0  # of the collections open
    want_key = False  # the next event at depth 1 is a key
    try:
        for seen, event in enumerate(yaml_events(text)):
            if seen == _FIRST_EVENTS:  # a ruleset says its id near the top: a file that does not is read whole
                return False
            kind = type(event)
            if kind is yaml.AliasEvent or getattr(event, "anchor", None):
                return False
            if depth == 0:
                if kind is yaml.MappingStartEvent:
                    depth, want_key = 1, True
                elif kind not in (yaml.StreamStartEvent, yaml.DocumentStartEvent):
                    return False  # a document that is not a mapping, or none
            elif depth == 1 and want_key:
                if kind is not yaml.ScalarEvent:
                    return False  # the mapping's end, or a key that is not a text
                if event.value == "id" and event.tag is None:
                    return True
                want_key = False
            elif depth == 1:  # the value of the key just read
                if kind is yaml.ScalarEvent:
                    want_key = True
                else:
                    depth += 1
            elif kind in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
                depth += 1
            elif kind in (yaml.MappingEndEvent, yaml.SequenceEndEvent):
                depth -= 1
                want_key = depth == 1
    except yaml.YAMLError:
        return False
    return False


def yaml_files(folder: Path) -> list[Path]:
    return sorted(p for ext in ("*.yaml", "*.yml") for p in folder.rglob(ext) if p.is_file())


def watched(sources: Iterable[str]) -> list[str]:
    """Every file a reload would read (a folder's YAML files, unparsed), for ``--watch``."""
    out: list[str] = []
    for src in sources:
        path = Path(src)
        out += [str(p) for p in yaml_files(path)] if path.is_dir() else [src]
    return out


def discover(sources: Iterable[str]) -> tuple[list[str], list[Rejected]]:
    """The ruleset files named by ``sources`` (files, or folders searched with their sub-folders)."""
    files: list[str] = []
    missing: list[Rejected] = []
    for src in sources:
        path = Path(src)
        if path.is_dir():
            found = [p for p in yaml_files(path) if _declares_id(p)]
            if not found:
                missing.append(Rejected(src, "SR900", f"{src}: the folder holds no ruleset"))
            files += [str(p) for p in found]
        elif path.is_file():
            files.append(src)
        else:
            missing.append(Rejected(src, "SR900", f"{src}: no such file or folder"))
    return list(dict.fromkeys(files)), missing


def admit(file: str, hints: Witnesses | None = None) -> Served | Rejected:
    """Load, test and verify one file: Served only if all three succeed. ``hints``: the
    witnesses of the proof of the version it replaces (``Served.witnesses``), which the
    prover tries before its solver; a new version that changed little, as most do, spares
    the solver most of its queries, and no check gets another verdict from them."""
    try:
        ruleset = load(file)
    except SegrulesError as exc:
        first = next((d for d in exc.diagnostics if d.is_error), None) or exc.diagnostics[0]
        more = len(exc.diagnostics) - 1
        reason = first.format().splitlines()[0] + (f" (and {more} more)" if more > 0 else "")
        return Rejected(file, exc.code, f"{file}: does not load: {reason}", exc.diagnostics)
    failed = [r for r in ruleset.run_examples() if not r.passed]
    if failed:
        r = failed[0]
        why = r.error or f"expected {r.example.expect}, got {r.got}"
        return Rejected(
            file, "SR902",
            f"{file}: {len(failed)} example(s) fail, e.g. {r.example.name!r}: {why}",
        )
    try:
        # the proof alone first: admission needs the proof, not the segments' sizes, and the
        # prover's proofs are what every method's verdict rests on; what it leaves undecided
        # gets every method, as `segrules verify` runs them
        report = verify(ruleset, method="smt", plane=False, hints=hints)
        if not report.proven:
            report = verify(ruleset, hints=hints)
    except SegrulesError as exc:
        return Rejected(file, exc.code, f"{file}: the verifier failed: {exc}")
    if not report.proven:
        bad = [f"{c.name} {c.status}" for c in report.checks if c.status not in ("passed", "not_applicable")]
        return Rejected(file, "SR903", f"{file}: not proven ({', '.join(bad)})")
    return Served(ruleset, file, report.method, _now(), report.witnesses)


def _run_when_idle() -> None:
    """Put this process in the scheduling class of work that runs only on processor time
    nothing else wants (Linux's SCHED_IDLE), where the system has one and lets it."""
    idle = getattr(os, "SCHED_IDLE", None)
    if idle is not None:
        try:
            os.sched_setscheduler(0, idle, os.sched_param(0))
        except OSError:
            pass  # it keeps the service's priority


def code_fingerprint() -> str:
    """What tells this installation of segrules and Python from another: the package's files
    (their names, sizes and times) and the interpreter's version. A checked definition is
    taken from the reload worker only when the worker's fingerprint is the service's."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(root.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(root).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _portable(got, fingerprint: str):
    """What the worker sends back for ``admit``'s result: a Rejected as it is; a Served as its
    parts, with its ruleset's checked definition pickled by value (``ReloadWorker._served``),
    which the service compiles without reading the file again. (A Ruleset pickles as its
    text, which the service would have to load, check and compile: some 30 ms of processor
    time on Suuntima that the requests would share, against some 5.)"""
    if not isinstance(got, Served):
        return got
    rs = got.ruleset
    return ("served", fingerprint, got.file, got.method, got.loaded_at, got.witnesses,
            pickle.dumps((rs.definition, rs.warnings), pickle.HIGHEST_PROTOCOL), rs.text, rs.content_hash)


def _admit_requests(conn, idle: bool = False) -> None:
    """The reload worker's loop, until the pipe closes: ``("admit", file, hints)`` in, its
    ``admit`` result out (``_portable``); or ``("discover", sources)`` in, what ``discover``
    finds out. ``idle``: run only on processor time the service and everything else leave free."""
    if idle:
        _run_when_idle()
    fingerprint = code_fingerprint()
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request[0] == "discover":
            try:
                got = discover(request[1])
            except Exception as exc:  # noqa: BLE001 - the service's own process looks again
                got = exc
        else:
            file = request[1]
            try:
                got = _portable(admit(file, request[2]), fingerprint)
            except Exception as exc:  # noqa: BLE001 - a bug must reject the version, not stop the worker
                got = Rejected(file, "SR907",
                               f"{file}: the new version could not be checked ({type(exc).__name__})")
        conn.send(got)


#: seconds a reload worker at idle priority may take to answer before one at the service's
#: priority is asked instead (the machine's cores kept busy by other work)
PATIENCE_S = 2.0
#: seconds the worker then stays at the service's priority before an idle one is started again
BUSY_S = 60.0


class ReloadWorker:
    """Admits files (``admit``) in a process of its own, started once and reused, so that the
    service's own process only compiles what was accepted.

    A served ruleset comes back as the checked definition that was tested and proven, and is
    compiled here from it, so what goes into service is exactly what was tested and proven.
    Should the worker run other code than the service (segrules upgraded on disk since the
    service started), the definition is not taken: the text is loaded here, and must give
    the content hash the worker proved. If the worker dies (out of memory on a huge model,
    killed), the file is rejected with SR907, the last good version keeps serving, and the
    next reload starts a new worker.

    With ``priority`` ``idle`` the worker runs only on processor time nothing else wants. On
    a machine whose cores other work keeps busy it may get none, and a process cannot leave
    that class again: a worker that has not answered within ``patience`` seconds is replaced
    by one at the service's priority, which is asked again, and which answers the requests
    of the next BUSY_S seconds too; after that an idle worker is started again.
    """

    def __init__(self, priority: str = "idle", patience: float = PATIENCE_S) -> None:
        self._lock = threading.Lock()
        self._closed = False
        self._idle = priority == "idle"
        self._patience = patience
        self._busy_until = 0.0  # after a worker at idle priority kept a request waiting: when it may be one again
        self._fingerprint = code_fingerprint()
        self._start(self._idle)

    def _start(self, idle: bool) -> None:
        ctx = multiprocessing.get_context("spawn")  # no fork of a process with running threads
        self._conn, child = ctx.Pipe()
        self._process = ctx.Process(target=_admit_requests, args=(child, idle), name="segrules-reload",
                                    daemon=True)
        self._process.start()
        self._running_idle = idle
        child.close()

    def _restart(self, idle: bool) -> None:
        self._stop()
        self._start(idle)

    def _ask(self, request: tuple):
        """The worker's answer to ``request``; raises EOFError or OSError if it stops."""
        if self._idle and not self._running_idle and time.monotonic() > self._busy_until:
            self._restart(True)
        self._conn.send(request)
        if self._running_idle and not self._conn.poll(self._patience):
            if self._closed:  # stopped meanwhile: no new worker
                raise EOFError("the service is stopping")
            self._restart(False)
            self._busy_until = time.monotonic() + BUSY_S
            self._conn.send(request)
        return self._conn.recv()

    def discover(self, sources: Iterable[str]) -> tuple[list[str], list[Rejected]]:
        """``discover(sources)`` in the worker, which reads the folders' YAML files to find the
        rulesets among them; in this process if the worker cannot answer."""
        with self._lock:
            got = None
            if not self._closed and self._process.is_alive():
                try:
                    got = self._ask(("discover", tuple(sources)))
                except (EOFError, OSError):
                    got = None
        return got if isinstance(got, tuple) else discover(sources)

    def admit(self, file: str, hints: Witnesses | None = None) -> Served | Rejected:
        with self._lock:
            if not self._closed and not self._process.is_alive():
                self._restart(self._running_idle)
            try:
                if self._closed:
                    raise EOFError("the service is stopping")
                got = self._ask(("admit", file, hints))
            except (EOFError, OSError) as exc:
                if not self._closed:
                    self._restart(self._running_idle)
                return Rejected(
                    file, "SR907", f"{file}: the new version could not be checked: the reload worker stopped ({exc})",
                )
        return self._served(got) if isinstance(got, tuple) else got

    def _served(self, got: tuple) -> Served | Rejected:
        """The Served that the worker sent as its parts (``_portable``)."""
        _, fingerprint, file, method, loaded_at, witnesses, definition, text, content_hash = got
        if fingerprint == self._fingerprint:
            definition, warnings = pickle.loads(definition)
            ruleset = compiled(definition, warnings, text)
        else:  # other code: its definition may not even unpickle here; the text, loaded here, must be what it proved
            try:
                ruleset = load_text(text, file)
            except SegrulesError:
                ruleset = None
            if ruleset is None or ruleset.content_hash != content_hash:
                return Rejected(file, "SR907", f"{file}: the new version could not be checked: the reload worker "
                                "runs another installation of segrules than the service; restart the service")
        return Served(ruleset, file, method, loaded_at, witnesses)

    def _stop(self) -> None:
        self._process.terminate()
        self._process.join(5)
        self._conn.close()

    def close(self) -> None:
        """Stop the worker; a check under way is abandoned (its file is rejected, SR907)."""
        self._closed = True
        self._stop()


class RulesetStore:
    """Holds the current snapshot and builds the next one; one reload at a time.

    ``admit`` checks one file (load, examples, proof): None checks here, with ``admit``;
    ``ReloadWorker().admit`` checks in another process. ``discover`` finds the files likewise
    (``ReloadWorker().discover`` reads the folders' YAML files in the other process).
    """

    def __init__(self, sources: Iterable[str],
                 admit: Callable[[str, Witnesses | None], Served | Rejected] | None = None,
                 discover: Callable[[Iterable[str]], tuple[list[str], list[Rejected]]] | None = None):
        self.sources = tuple(sources)
        self.snapshot = Snapshot(problems=("loading the rulesets",), loading=True)
        self.admit = admit
        self.discover = discover
        self._lock = threading.Lock()

    def reload(self) -> ReloadResult:
        """Re-read every source; swap in what passes, keep the last good version of what fails."""
        with self._lock:
            old = self.snapshot
            files, missing = (self.discover or discover)(self.sources)
            accepted, rejected, kept = [], list(missing), []
            by_file: dict[str, Served] = {}
            check = self.admit or admit
            for file in files:
                last = old.by_file.get(file)
                got = check(file, last.witnesses if last is not None else None)
                if isinstance(got, Served):
                    by_file[file] = got
                    accepted.append(got)
                else:
                    rejected.append(got)
                    if file in old.by_file:
                        by_file[file] = old.by_file[file]
                        kept.append(old.by_file[file])
            # a named file that disappeared keeps its last good version too
            for r in missing:
                if r.file in old.by_file:
                    by_file[r.file] = old.by_file[r.file]
                    kept.append(old.by_file[r.file])
            names: dict[str, Served] = {}
            for file in list(by_file):
                s = by_file[file]
                clash = [n for n in (s.ruleset.id, *s.ruleset.definition.aliases) if n in names]
                if clash:
                    other = names[clash[0]].file
                    rejected.append(Rejected(
                        file, "SR901", f"{file}: the ruleset id or alias {clash[0]!r} is already served from {other}",
                    ))
                    del by_file[file]
                    if s in accepted:
                        accepted.remove(s)
                    previous = old.by_file.get(file)
                    if previous is not None and not any(
                        n in names for n in (previous.ruleset.id, *previous.ruleset.definition.aliases)
                    ):
                        s = by_file[file] = previous
                        kept.append(previous)
                    else:
                        continue
                for n in (s.ruleset.id, *s.ruleset.definition.aliases):
                    names[n] = s
            problems = []
            kept_files = {k.file: k for k in kept}
            for r in rejected:
                if r.file in kept_files:
                    k = kept_files[r.file].ruleset
                    problems.append(f"{r.code} {r.reason}; version {k.version} ({k.content_hash[:12]}) keeps serving")
                else:
                    problems.append(f"{r.code} {r.reason}; not served")
            removed = tuple(sorted(f for f in old.by_file if f not in by_file))
            self.snapshot = Snapshot(by_file, names, tuple(problems))
            return ReloadResult(tuple(accepted), tuple(rejected), tuple(kept), removed)
