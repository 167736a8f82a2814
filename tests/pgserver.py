"""A throwaway PostgreSQL server on 127.0.0.1, for the tests and the benchmarks.

It uses Debian's postgresql package (``make test`` installs it when missing and run as
root): ``initdb`` into a temporary directory (as the ``postgres`` user when run as root,
since the server refuses to run as root), listening on 127.0.0.1 only, on a free port, with
its unix socket in the same directory. It is stopped and the directory removed at the end.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from typing import Iterator


class Unavailable(Exception):
    """PostgreSQL cannot be started here; the message says why and what to install."""


def _pg_bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def throwaway_postgres(*settings: str) -> Iterator[str]:
    """A connection URL to a fresh, empty database; ``settings`` are extra ``-c`` options."""
    bindir = _pg_bin()
    if bindir is None:
        raise Unavailable(
            "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin): install Debian's "
            "postgresql package; `make test` does it when run as root"
        )
    as_root = os.geteuid() == 0
    if as_root:
        try:
            import pwd

            pw = pwd.getpwnam("postgres")
        except KeyError:
            raise Unavailable("running as root, but there is no 'postgres' user to run the server as") from None
    base = tempfile.mkdtemp(prefix="segrules-pg-")
    data, log = os.path.join(base, "data"), os.path.join(base, "server.log")

    def run(*cmd: str) -> subprocess.CompletedProcess:
        full = list(cmd)
        if as_root:
            full = ["runuser", "-u", "postgres", "--"] + full
        return subprocess.run(full, capture_output=True, text=True, timeout=120)

    if as_root:
        os.chown(base, pw.pw_uid, pw.pw_gid)
    port = _free_port()
    started = False
    try:
        r = run(os.path.join(bindir, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
        if r.returncode != 0:
            raise RuntimeError(f"initdb failed: {r.stderr}")
        opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {base} -c fsync=off -c full_page_writes=off"
        opts += "".join(f" -c {s}" for s in settings)
        r = run(os.path.join(bindir, "pg_ctl"), "-D", data, "-l", log, "-o", opts, "-w", "-t", "60", "start")
        if r.returncode != 0:
            with open(log, encoding="utf-8", errors="replace") as f:
                raise RuntimeError(f"PostgreSQL did not start: {r.stderr}\n{f.read()}")
        started = True
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        if started:
            run(os.path.join(bindir, "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)
