"""Reading input files within a size limit, and writing output files safely.

Reads are bounded while they happen (a pipe or ``/dev/zero`` never grows past the limit) and
never hang on a FIFO that has no writer. Writes replace a regular file atomically (a reader
sees the old file or the complete new one), write through a symbolic link to the file it
names, write straight into a pipe or terminal (``/dev/stdout``), and refuse to replace
anything else: a folder, a device, a socket, a dangling link, one of the command's own input
files, or (unless forced) a file that holds a segrules model.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Iterable

from .errors import SegrulesError, safe_text


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()  # read once, at import, before any thread could race on it

_CHUNK = 64 * 1024


class OutputError(SegrulesError):
    """An output file cannot or must not be written; the message names the user's path."""

    code = "SR521"


class InputTooLarge(Exception):
    """A source held more than the limit; ``size`` is its size when known beforehand."""

    def __init__(self, size: int | None):
        super().__init__(size)
        self.size = size


def os_reason(exc: OSError) -> str:
    """Why an operating-system call failed, in words for the user."""
    reasons = {
        errno.ENOENT: "its folder does not exist",
        errno.ENOTDIR: "a part of the path is not a folder",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EISDIR: "it is a folder",
        errno.ENAMETOOLONG: "the name is too long",
        errno.ELOOP: "it is a loop of symbolic links",
    }
    return reasons.get(exc.errno, exc.strerror or type(exc).__name__)


def _shown_path(path: str | os.PathLike) -> str:
    return safe_text(os.fsdecode(path), limit=300)


# --------------------------------------------------------------------------- reading


def read_bytes_limited(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of ``path``, or InputTooLarge once more than ``limit`` bytes are seen.

    A FIFO is opened without blocking, so one with no writer reads as empty instead of
    hanging; OSError (IsADirectoryError for a folder) for what cannot be read.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", os.fsdecode(path))
        if stat.S_ISREG(st.st_mode) and st.st_size > limit:
            raise InputTooLarge(st.st_size)
        os.set_blocking(fd, True)  # a pipe whose writer is still writing: wait for its data
        with os.fdopen(fd, "rb", buffering=0, closefd=False) as stream:
            return read_stream_limited(stream, limit)
    finally:
        os.close(fd)


def read_stream_limited(stream, limit: int) -> bytes:
    """At most ``limit`` bytes of a binary stream (stdin), or InputTooLarge."""
    chunks, total = [], 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise InputTooLarge(None)
    return b"".join(chunks)


# --------------------------------------------------------------------------- writing


def _is_model_file(path: str) -> bool:
    """Whether a regular file reads as a segrules ruleset or crosswalk (format plus id or rulesets)."""
    from .source import MAX_FILE_BYTES, looks_like_model

    try:
        data = read_bytes_limited(path, MAX_FILE_BYTES)
    except (OSError, InputTooLarge):
        return False
    return looks_like_model(data)


def check_output(path: str | os.PathLike, inputs: Iterable[str | os.PathLike] = (), *, force: bool = False) -> None:
    """Refuse to write ``path`` when it is one of ``inputs`` (the same file, by any name) or,
    unless ``force``, an existing file that holds a ruleset or a crosswalk."""
    shown = _shown_path(path)
    try:
        out = os.stat(path)
    except OSError:
        return  # nothing there yet (or unreadable: writing will say why)
    for src in inputs:
        try:
            same = os.path.samefile(path, src)
        except OSError:
            continue
        if same:
            raise OutputError(
                f"{shown} is also an input of this command; writing to it would destroy it "
                "(give another output file)",
                code="SR520",
            )
    if not force and stat.S_ISREG(out.st_mode) and _is_model_file(os.fspath(path)):
        raise OutputError(
            f"{shown} holds a segrules model; writing to it would replace the model "
            "(give another output file, or --force to replace it)",
            code="SR520",
        )


def write_text_atomic(
    path: str | Path, text: str, *, inputs: Iterable[str | os.PathLike] = (), force: bool = False
) -> None:
    """Write UTF-8 text to ``path`` so that nothing is lost or half-written.

    A regular file (or a new one) is written to a temporary file in the same folder and
    renamed over it: a reader sees either the old file or the complete new one, and on failure
    the old file is untouched and the temporary file removed. A symbolic link is followed and
    the file it names is replaced (the link stays). A pipe or a terminal (``/dev/stdout``,
    ``/dev/tty``) is written directly. A folder, a device, a socket or a dangling link is
    refused; so are the command's own ``inputs`` and (unless ``force``) an existing model file.
    Every problem is an OutputError (SR520 to SR523) that names ``path``.
    """
    shown = _shown_path(path)
    check_output(path, inputs, force=force)
    data = text.encode("utf-8", errors="backslashreplace")
    target = os.fspath(path)
    try:
        st = os.stat(target)  # follows links
    except FileNotFoundError:
        if os.path.islink(target):
            raise OutputError(
                f"cannot write {shown}: it is a symbolic link to {safe_text(os.readlink(target), 300)}, "
                "which does not exist",
                code="SR523",
            ) from None
        st = None
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {os_reason(exc)}") from None
    if st is not None:
        mode = st.st_mode
        if stat.S_ISDIR(mode):
            raise OutputError(f"cannot write {shown}: it is a folder; give a file name", code="SR522")
        if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
            _write_direct(target, data, shown)
            return
        if not stat.S_ISREG(mode):
            raise OutputError(
                f"cannot write {shown}: it is not a regular file (a device or a socket), and it is not replaced",
                code="SR522",
            )
        if _is_stream_alias(target):
            # /dev/stdout redirected to a file: add to the open file, never replace it
            _write_direct(target, data, shown, append=True)
            return
        target = os.path.realpath(target)  # through a link: replace the file, keep the link
    _replace(target, data, shown, None if st is None else stat.S_IMODE(st.st_mode))


def _is_stream_alias(target: str) -> bool:
    """``/dev/stdout``, ``/dev/fd/3``, ``/proc/self/fd/1``: a name for an already open file."""
    path = os.path.abspath(target)
    return path in ("/dev/stdout", "/dev/stderr") or path.startswith(("/dev/fd/", "/proc/"))


def _write_direct(target: str, data: bytes, shown: str, *, append: bool = False) -> None:
    flags = os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | (os.O_APPEND if append else 0)
    try:
        fd = os.open(target, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a FIFO with no reader
            raise OutputError(f"cannot write {shown}: it is a pipe that nothing reads", code="SR522") from None
        raise OutputError(f"cannot write {shown}: {os_reason(exc)}") from None
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {os_reason(exc)}") from None
    finally:
        os.close(fd)


def _replace(target: str, data: bytes, shown: str, mode: int | None) -> None:
    folder = os.path.dirname(target) or "."
    if mode is None:
        mode = 0o666 & ~_UMASK  # as a plain open() would create it
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {os_reason(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), mode)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {shown}: {os_reason(exc)}") from None
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
