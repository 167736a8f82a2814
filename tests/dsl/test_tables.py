"""The shipped LALR tables: current, used, and never trusted when they do not match."""

import io

import pytest

from segrules.dsl import parser, tables


def test_the_shipped_tables_are_built_from_the_grammar_as_it_is():
    grammar = tables.GRAMMAR.read_text(encoding="utf-8")
    with tables.TABLES.open("rb") as f:
        shipped = f.readline().split()
    # the grammar's hash must match; another Lark than the one the tables were built with is
    # allowed (the parser is then built from the grammar, as the next test shows)
    assert shipped[:2] == tables.header(grammar).split()[:2], (
        "segrules/dsl/grammar.lark.tables is stale: run `python -m segrules.dsl.tables`"
    )


def _parses_alike(a, b):
    for text, start in (("x >= 3 and not (y = \"a\")", "expr"), ("mean(a, b) / 2 <= 3 => seg", "rule")):
        try:
            expected = a.parse(text, start=start)
        except Exception as exc:  # the same failure from both
            with pytest.raises(type(exc)):
                b.parse(text, start=start)
        else:
            assert b.parse(text, start=start) == expected


def test_the_parser_from_the_tables_parses_as_the_one_built_from_the_grammar():
    grammar = tables.GRAMMAR.read_text(encoding="utf-8")
    _parses_alike(tables.build(grammar), tables.load())
    assert parser._lark().options.propagate_positions


def _with_other_lark():
    grammar = tables.GRAMMAR.read_text(encoding="utf-8")
    return tables.header(grammar).replace(b" lark-", b" lark-0.0.0-") + b"\x80\x04junk"


@pytest.mark.parametrize("content", [b"", b"segrules-lalr-tables 00\n", None, b"garbage\n\x80\x04junk",
                                     _with_other_lark()])
def test_tables_that_do_not_match_are_not_used(tmp_path, monkeypatch, content):
    """A stale header (an edited grammar, another Lark), a missing or damaged file: the parser
    is built from the grammar and nothing is read past the header."""
    path = tmp_path / "grammar.lark.tables"
    if content is not None:
        path.write_bytes(content)
    monkeypatch.setattr(tables, "TABLES", path)
    loaded = []
    monkeypatch.setattr(tables.Lark, "load", classmethod(lambda cls, f: loaded.append(f)))
    got = tables.load()
    assert loaded == [] and isinstance(got, tables.Lark)
    _parses_alike(tables.build(tables.GRAMMAR.read_text(encoding="utf-8")), got)


def test_tables_whose_header_matches_are_loaded(tmp_path, monkeypatch):
    path = tmp_path / "grammar.lark.tables"
    monkeypatch.setattr(tables, "TABLES", path)
    assert tables.write() == path
    buffer = io.BytesIO(path.read_bytes())
    assert buffer.readline() == tables.header(tables.GRAMMAR.read_text(encoding="utf-8"))
    loaded = []
    real = tables.Lark.load.__func__
    monkeypatch.setattr(tables.Lark, "load", classmethod(lambda cls, f: loaded.append(1) or real(cls, f)))
    tables.load()
    assert loaded == [1]
