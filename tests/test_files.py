"""Output files are written whole or not at all."""

import os
import stat

import pytest

from segrules.files import write_text_atomic


def test_writes_text_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "report.html"
    write_text_atomic(target, "ä\n")
    assert target.read_text(encoding="utf-8") == "ä\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


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
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
