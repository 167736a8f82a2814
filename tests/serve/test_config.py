"""Options of the service: the token file and the ranges of the limits."""

from __future__ import annotations

import os

import pytest

from segrules.errors import UsageError
from segrules.serve import ServeConfig, read_token_file


@pytest.mark.parametrize("content", [b"short", b"a" * 20 + b" " + b"b" * 20, b"\xff" * 40, b"a" * 31])
def test_a_token_file_that_cannot_be_used_is_sr904(tmp_path, content):
    f = tmp_path / "token"
    f.write_bytes(content)
    with pytest.raises(UsageError) as info:
        read_token_file(f)
    assert info.value.code == "SR904"


def test_a_missing_token_file_is_sr904(tmp_path):
    with pytest.raises(UsageError) as info:
        read_token_file(tmp_path / "none")
    assert info.value.code == "SR904"
    # the file and why, in segrules' words, and so in fi and sv too
    assert str(info.value).endswith("none: there is no such file")
    from segrules.messages import translate

    assert translate("SR904", str(info.value), "fi").endswith("none ei voi lukea: tiedostoa ei ole")


def test_a_good_token_is_read_without_its_newline(tmp_path):
    f = tmp_path / "token"
    f.write_text("k" * 43 + "\n")
    assert read_token_file(f) == "k" * 43


@pytest.mark.parametrize("option", [
    {"port": 70000}, {"port": -1}, {"max_body_bytes": 0}, {"timeout": 0}, {"timeout": float("inf")},
    {"timeout": float("nan")}, {"timeout": 86_401}, {"log_policy": "maybe"},
    {"log_queue": 0}, {"max_batch_lines": -5}, {"watch_interval": 0}, {"reload_priority": "high"},
])
def test_options_out_of_range_are_sr906(option):
    with pytest.raises(UsageError) as info:
        ServeConfig(["x"], **option)
    assert info.value.code == "SR906"


def test_the_defaults_are_the_safe_ones():
    c = ServeConfig(["x"])
    assert c.host == "127.0.0.1" and c.token is None and c.cors_origins == () and not c.log_answers
    assert c.decision_log is None and c.log_policy == "block"
    assert c.isolated_reloads and c.reload_priority == "idle"  # reloads take no processor time from requests


@pytest.mark.parametrize("kind", ["fifo", "device", "too large"])
def test_a_token_file_is_read_only_from_a_small_regular_file(tmp_path, kind):
    if kind == "fifo":
        path = tmp_path / "token"
        os.mkfifo(path)
        writer = os.open(path, os.O_RDWR)  # a writer that never writes: a read would wait for ever
    elif kind == "device":
        path, writer = "/dev/zero", None
    else:
        path, writer = tmp_path / "token", None
        path.write_text("k" * 10_000)
    try:
        with pytest.raises(UsageError) as info:
            read_token_file(path)
    finally:
        if writer is not None:
            os.close(writer)
    assert info.value.code == "SR904"
    assert ("larger than" if kind == "too large" else "not a regular file") in str(info.value)


def test_an_endless_timeout_on_the_command_line_is_sr906_not_a_failure(tmp_path, capsys):
    """``--timeout inf`` (or a number too large for a float) once loaded the rulesets and then
    failed with an internal error: now refused before anything starts."""
    from segrules.cli import main

    for value in ("inf", "1e309", "nan"):
        assert main(["serve", str(tmp_path), "--port", "0", "--timeout", value]) == 1
        assert "SR906" in capsys.readouterr().err


@pytest.mark.parametrize("lang, words", [("en", "the port is already in use"), ("fi", "portti on jo käytössä"),
                                         ("sv", "porten används redan")])
def test_a_port_in_use_is_sr906_saying_why_in_every_language(lang, words):
    import socket

    from segrules.messages import translate
    from segrules.serve.runner import bind

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        with pytest.raises(UsageError) as info:
            bind("127.0.0.1", taken.getsockname()[1])
    finally:
        taken.close()
    assert info.value.code == "SR906"
    said = translate("SR906", str(info.value), lang)
    assert words in said and "127.0.0.1:" in said
