"""Writing output files so that nothing is ever left half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()  # read once, at import, before any thread could race on it


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write UTF-8 text to ``path`` via a temporary file in the same folder and a rename.

    A reader sees either the old file or the complete new one; on failure the old file is
    untouched and the temporary file is removed.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = target.stat().st_mode & 0o777  # keep the permissions of the file replaced
    except FileNotFoundError:
        mode = 0o666 & ~_UMASK  # as a plain open() would create it
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def replace_between(text: str, begin: str, end: str, body: str) -> str:
    """``text`` with everything between the ``begin`` and ``end`` markers replaced by ``body``.

    The generated parts of the docs live between such markers; the rest is written by hand.
    """
    i = text.find(begin)
    j = text.find(end, i + len(begin)) if i >= 0 else -1
    if i < 0 or j < 0:
        raise ValueError(f"the markers {begin} and {end} are missing")
    return text[: i + len(begin)] + "\n" + body.strip("\n") + "\n" + text[j:]
