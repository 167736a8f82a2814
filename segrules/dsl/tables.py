"""The DSL parser's LALR tables, built ahead of time and shipped beside the grammar.

Building the parser from ``grammar.lark`` takes Lark about 50 ms, which every command paid
before reading its first rule. ``grammar.lark.tables`` holds the built parser (Lark's own
``save`` format) under a header naming the grammar's hash, the options and Lark's version;
when any of them differs (the grammar was edited, another Lark is installed) the parser is
built from the grammar as before, so a stale file costs time, never a wrong parse.
``python -m segrules.dsl.tables`` writes the file again; a test fails while it is stale.

The file is read from the package's own folder, as its code is, never from a temporary or
shared folder: Lark's saved form is a pickle, which must come from a trusted place.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import lark
from lark import Lark

GRAMMAR = Path(__file__).with_name("grammar.lark")
TABLES = Path(__file__).with_name("grammar.lark.tables")
OPTIONS = {"parser": "lalr", "start": ["rule", "expr"], "propagate_positions": True, "maybe_placeholders": False}


def header(grammar: str) -> bytes:
    """The first line of the tables file for ``grammar`` under the installed Lark: the hash of
    the grammar and the options, then Lark's version."""
    key = hashlib.sha256(repr((grammar, sorted(OPTIONS.items()))).encode("utf-8")).hexdigest()
    return f"segrules-lalr-tables {key} lark-{lark.__version__}\n".encode("ascii")


def build(grammar: str) -> Lark:
    return Lark(grammar, **OPTIONS)


def load() -> Lark:
    """The parser: from the shipped tables when they were built from this grammar with this
    Lark, else built from the grammar."""
    grammar = GRAMMAR.read_text(encoding="utf-8")
    expected = header(grammar)
    try:
        with TABLES.open("rb") as f:
            if f.readline() == expected:
                return Lark.load(f)
    except (OSError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        pass  # missing or unreadable: build it
    return build(grammar)


def write() -> Path:
    """Build the parser and write its tables beside the grammar (atomically)."""
    from ..files import write_bytes_atomic

    grammar = GRAMMAR.read_text(encoding="utf-8")
    buffer = io.BytesIO()
    build(grammar).save(buffer)
    write_bytes_atomic(TABLES, header(grammar) + buffer.getvalue())
    return TABLES


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    print(f"wrote {write()}")
