"""A throwaway PostgreSQL server for the tests, started once per session.

It uses Debian's postgresql package (``make test`` installs it when missing and run as
root): ``initdb`` into a temporary directory (as the ``postgres`` user when the tests run as
root, since the server refuses to run as root), listening on 127.0.0.1 only, on a free port,
with its unix socket in the same directory. It is stopped and the directory removed at the end.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile

import pytest


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


@pytest.fixture(scope="session")
def postgres_url():
    """A connection URL to a fresh, empty PostgreSQL database on 127.0.0.1."""
    pytest.importorskip("psycopg", reason="the 'sql' extra (psycopg) is not installed: pip install -e '.[sql]'")
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip(
            "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin): install Debian's "
            "postgresql package; `make test` does it when run as root"
        )
    as_root = os.geteuid() == 0
    if as_root:
        try:
            import pwd

            pw = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root, but there is no 'postgres' user to run the server as")
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
            pytest.fail(f"initdb failed: {r.stderr}")
        opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {base} -c fsync=off -c full_page_writes=off"
        r = run(os.path.join(bindir, "pg_ctl"), "-D", data, "-l", log, "-o", opts, "-w", "-t", "60", "start")
        if r.returncode != 0:
            with open(log, encoding="utf-8", errors="replace") as f:
                pytest.fail(f"PostgreSQL did not start: {r.stderr}\n{f.read()}")
        started = True
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        if started:
            run(os.path.join(bindir, "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop")
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def pg(postgres_url):
    """One connection to the throwaway server (each test rolls back what it did)."""
    import psycopg

    conn = psycopg.connect(postgres_url)
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def duck():
    duckdb = pytest.importorskip("duckdb", reason="the 'sql' extra (duckdb) is not installed: pip install -e '.[sql]'")
    con = duckdb.connect()
    yield con
    con.close()
