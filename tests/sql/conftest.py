"""Database fixtures: a throwaway PostgreSQL server once per session (``pgserver``), a
connection to it, and an in-process DuckDB."""

from __future__ import annotations

import pytest

from pgserver import Unavailable, throwaway_postgres


@pytest.fixture(scope="session")
def postgres_url():
    """A connection URL to a fresh, empty PostgreSQL database on 127.0.0.1."""
    pytest.importorskip("psycopg", reason="the 'sql' extra (psycopg) is not installed: pip install -e '.[sql]'")
    try:
        server = throwaway_postgres()
        url = server.__enter__()
    except Unavailable as exc:
        pytest.skip(str(exc))
    except RuntimeError as exc:
        pytest.fail(str(exc))
    try:
        yield url
    finally:
        server.__exit__(None, None, None)


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
