"""Output files are written whole or not at all."""

import errno
import os
import stat
import threading

import pytest

from segrules.files import OutputError, read_bytes_limited, InputTooLarge, temp_file_beside, write_text_atomic

from support import BASE


def test_writes_text_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "report.html"
    write_text_atomic(target, "ä\n")
    assert target.read_text(encoding="utf-8") == "ä\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


@pytest.mark.parametrize("stem", ["a" * 251, "ä" * 125 + "a"])
def test_a_name_as_long_as_the_file_system_allows_is_written(tmp_path, stem):
    # 255 bytes: the temporary file beside it keeps only the end of the name, and its extension
    target = tmp_path / (stem + ".svg")
    assert len(os.fsencode(target.name)) == 255
    fd, tmp = temp_file_beside(str(target))
    os.close(fd)
    assert os.path.dirname(tmp) == str(tmp_path) and tmp.endswith(".svg")
    assert len(os.fsencode(os.path.basename(tmp))) < 255
    fd, other = temp_file_beside(str(target))
    os.close(fd)
    assert other != tmp  # unique all the same
    write_text_atomic(target, "x")
    assert target.read_text(encoding="utf-8") == "x"


def test_new_file_gets_ordinary_permissions_and_replaced_file_keeps_its_own(tmp_path):
    target = tmp_path / "new.svg"
    write_text_atomic(target, "x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    os.chmod(target, 0o640)
    write_text_atomic(target, "y")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "keep.txt"
    target.write_text("old", encoding="utf-8")

    def boom(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OutputError) as info:
        write_text_atomic(target, "new")
    assert info.value.code == "SR521"
    assert str(info.value) == f"cannot write {target}: the disk is full"
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_a_link_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "real.html"
    real.write_text("old", encoding="utf-8")
    os.chmod(real, 0o600)
    link = tmp_path / "link.html"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.html", "real.html"]


def test_a_dangling_link_is_refused_and_left_alone(tmp_path):
    link = tmp_path / "link.html"
    link.symlink_to(tmp_path / "gone.html")
    with pytest.raises(OutputError) as info:
        write_text_atomic(link, "new")
    assert info.value.code == "SR523" and str(link) in str(info.value)
    assert link.is_symlink() and not (tmp_path / "gone.html").exists()


def test_a_fifo_is_written_directly_and_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader_ready = threading.Event()

    def read():
        with open(fifo, "rb") as f:
            reader_ready.set()
            got.append(f.read())

    t = threading.Thread(target=read)
    t.start()
    fd = os.open(fifo, os.O_WRONLY)  # wait for the reader to open its end
    try:
        write_text_atomic(fifo, "through the pipe")
    finally:
        os.close(fd)
    t.join(10)
    assert got == [b"through the pipe"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_fifo_nobody_reads_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError) as info:
        write_text_atomic(fifo, "x")
    assert info.value.code == "SR522"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_character_device_is_written_directly(tmp_path):
    write_text_atomic("/dev/null", "nothing")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    with pytest.raises(OutputError) as info:  # /dev/full: every write fails as a full disk
        write_text_atomic("/dev/full", "x")
    assert info.value.code == "SR521" and "the disk is full" in str(info.value)
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_folder_or_a_socket_is_refused(tmp_path):
    import socket

    with pytest.raises(OutputError) as info:
        write_text_atomic(tmp_path, "x")
    assert info.value.code == "SR522"
    path = tmp_path / "s.sock"
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(str(path))
        with pytest.raises(OutputError) as info:
            write_text_atomic(path, "x")
        assert info.value.code == "SR522" and stat.S_ISSOCK(os.stat(path).st_mode)
    finally:
        s.close()


def test_a_missing_folder_names_the_users_path(tmp_path):
    target = tmp_path / "no" / "such" / "out.svg"
    with pytest.raises(OutputError) as info:
        write_text_atomic(target, "x")
    assert str(info.value) == f"cannot write {target}: its folder does not exist"
    assert ".tmp" not in str(info.value)


def test_an_input_is_never_overwritten_by_any_name(tmp_path):
    data = tmp_path / "data.txt"
    data.write_text("input", encoding="utf-8")
    (tmp_path / "alias.txt").symlink_to(data)
    os.link(data, tmp_path / "hard.txt")
    for name in ("data.txt", "alias.txt", "hard.txt"):
        with pytest.raises(OutputError) as info:
            write_text_atomic(tmp_path / name, "x", inputs=[str(data)])
        assert info.value.code == "SR520"
    assert data.read_text(encoding="utf-8") == "input"


def test_a_model_file_is_replaced_only_when_forced(tmp_path):
    model = tmp_path / "m.yaml"
    model.write_text(BASE, encoding="utf-8")
    with pytest.raises(OutputError) as info:
        write_text_atomic(model, "<svg/>")
    assert info.value.code == "SR520" and "--force" in str(info.value)
    assert model.read_text(encoding="utf-8") == BASE
    write_text_atomic(model, "<svg/>", force=True)
    assert model.read_text(encoding="utf-8") == "<svg/>"
    other = tmp_path / "notes.yaml"
    other.write_text("format: a note\ntext: not a model\n", encoding="utf-8")
    write_text_atomic(other, "x")  # YAML, but not a ruleset or a crosswalk
    assert other.read_text(encoding="utf-8") == "x"


def test_reading_stops_at_the_limit_on_an_endless_source():
    with pytest.raises(InputTooLarge) as info:
        read_bytes_limited("/dev/zero", 1000)
    assert info.value.size is None


def test_reading_a_fifo_with_no_writer_does_not_hang(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert read_bytes_limited(fifo, 1000) == b""


def test_an_output_named_dash_is_refused_not_written(tmp_path, monkeypatch):
    """'-' means standard output to most tools; a file of that name is never made."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OutputError) as info:
        write_text_atomic("-", "text")
    assert info.value.code == "SR522" and "give a file name" in str(info.value)
    assert list(tmp_path.iterdir()) == []
    write_text_atomic("./-x", "text")  # a name that only begins with it is a name
    assert (tmp_path / "-x").read_text() == "text"
