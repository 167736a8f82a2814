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
import re
import shutil
import socket
import stat
import tempfile
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .errors import SegrulesError, safe_text


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()  # read once, at import, before any thread could race on it
#: The permissions a new output file gets, as a plain open() would create it.
NEW_FILE_MODE = 0o666 & ~_UMASK

_CHUNK = 64 * 1024


class OutputError(SegrulesError):
    """An output file cannot or must not be written; the message names the user's path."""

    code = "SR521"


class NotARegularFile(OSError):
    """A file that must be a regular file is a pipe, a device or a socket."""


class InputTooLarge(Exception):
    """A source held more than the limit; ``size`` is its size when known beforehand."""

    def __init__(self, size: int | None):
        super().__init__(size)
        self.size = size


def os_reason(exc: OSError, *, reading: bool = False) -> str:
    """Why an operating-system call failed, in words for the user (``segrules.messages.REASONS``
    gives them in Finnish and Swedish). ``reading``: the call read a file, so a missing name is
    the file itself, not its folder."""
    reasons = {
        errno.ENOENT: "there is no such file" if reading else "its folder does not exist",
        errno.ENOTDIR: "a part of the path is not a folder",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EROFS: "the file system is read-only",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EISDIR: "it is a folder",
        errno.ENAMETOOLONG: "the name is too long",
        errno.ELOOP: "it is a loop of symbolic links",
        errno.EIO: "the device failed to read or write it (an input/output error)",
        errno.EFBIG: "it is too large for the file system",
        errno.ENXIO: "there is no such device",
        errno.ETXTBSY: "it is a program that is running",
        errno.EBUSY: "it is in use",
        errno.EINVAL: "the operating system refused it (an invalid argument)",
    }
    return reasons.get(exc.errno, exc.strerror or type(exc).__name__)


def _shown_path(path: str | os.PathLike) -> str:
    return safe_text(os.fsdecode(path), limit=300)


# --------------------------------------------------------------------------- reading


def read_bytes_limited(path: str | os.PathLike, limit: int, *, regular_only: bool = False) -> bytes:
    """The bytes of ``path``, or InputTooLarge once more than ``limit`` bytes are seen.

    A FIFO is opened without blocking, so one with no writer reads as empty instead of
    hanging; OSError (IsADirectoryError for a folder) for what cannot be read. With
    ``regular_only`` (a secret read at start-up, which must neither wait nor stream) anything
    but a regular file is NotARegularFile before a byte is read.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, "Is a directory", os.fsdecode(path))
        if regular_only and not stat.S_ISREG(st.st_mode):
            raise NotARegularFile(errno.EINVAL, "not a regular file", os.fsdecode(path))
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


def bounded_lines(stream, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(number, line) for each line of a binary stream, read ``limit`` + 1 bytes at a time; None
    for a line longer than ``limit`` bytes, whose rest is read past when the next line is asked
    for: its tail is not a line of its own, and the lines after it keep their numbers."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit:
            yield number, line
            continue
        yield number, None
        while line and not line.endswith(b"\n"):
            line = stream.readline(limit + 1)


# --------------------------------------------------------------------------- writing


def _is_model_file(path: str) -> bool:
    """Whether a regular file reads as a segrules ruleset or crosswalk (format plus id or rulesets)."""
    from .source import MAX_FILE_BYTES, looks_like_model

    try:
        data = read_bytes_limited(path, MAX_FILE_BYTES)
    except (OSError, InputTooLarge):
        return False
    return looks_like_model(data)


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether two paths name the same file: the same path, or (both existing) the same file
    by any name (a link, a hard link)."""
    if os.path.abspath(a) == os.path.abspath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_output(path: str | os.PathLike, inputs: Iterable[str | os.PathLike] = (), *, force: bool = False) -> None:
    """Refuse to write ``path`` when it is one of ``inputs`` (the same file, by any name) or,
    unless ``force``, an existing file that holds a ruleset or a crosswalk."""
    shown = _shown_path(path)
    if os.fspath(path) == "-":  # the usual name of standard output elsewhere: never a file named "-"
        raise OutputError(
            "'-' is not standard output here, and a file named '-' is not written: give a file name "
            "(a command that prints its result does so without an output option)",
            code="SR522",
        )
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
    path: str | Path, text: str, *, inputs: Iterable[str | os.PathLike] = (), force: bool = False,
    mode: int | None = None,
) -> None:
    """Write UTF-8 text to ``path`` so that nothing is lost or half-written.

    A regular file (or a new one) is written to a temporary file in the same folder and
    renamed over it: a reader sees either the old file or the complete new one, and on failure
    the old file is untouched and the temporary file removed. A symbolic link is followed and
    the file it names is replaced (the link stays). A pipe or a terminal (``/dev/stdout``,
    ``/dev/tty``) is written directly. A folder, a device, a socket or a dangling link is
    refused; so are the command's own ``inputs`` and (unless ``force``) an existing model file.
    Every problem is an OutputError (SR520 to SR523) that names ``path``. ``mode``: the
    permission bits of the file written (default: the old file's, or a new file's).
    """
    write_bytes_atomic(path, text.encode("utf-8", errors="backslashreplace"), inputs=inputs, force=force, mode=mode)


def write_bytes_atomic(
    path: str | Path, data: bytes, *, inputs: Iterable[str | os.PathLike] = (), force: bool = False,
    mode: int | None = None,
) -> None:
    """Write ``data`` to ``path`` as ``write_text_atomic`` writes text."""
    shown = _shown_path(path)
    check_output(path, inputs, force=force)
    target, old_mode = output_target(path, streams=True)
    mode = old_mode if mode is None else mode
    if target is None:
        # a pipe or a terminal, or /dev/stdout redirected to a file: add to the open file,
        # never replace it
        _write_direct(os.fspath(path), data, shown, append=is_stream_alias(os.fspath(path)))
        return
    _replace(target, data, shown, mode)


def output_target(path: str | os.PathLike, *, streams: bool = True) -> tuple[str | None, int | None]:
    """Where an atomic write of ``path`` goes: the regular file to replace (through a symbolic
    link, the file it names, so that the link stays) and its permission bits (None for a new
    file); or ``(None, None)`` for a pipe, a terminal or an already open file
    (``/dev/stdout``) to write into directly, which only ``streams`` allows. A folder, a
    device, a socket or a dangling link is refused (SR522, SR523); so is a pipe or a terminal
    without ``streams`` (a writer that needs a file it can seek in and rename)."""
    shown = _shown_path(path)
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
        return target, None
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {os_reason(exc)}") from None
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise OutputError(f"cannot write {shown}: it is a folder; give a file name", code="SR522")
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        if streams:
            return None, None
        raise OutputError(
            f"cannot write {shown}: it is a pipe or a device, and this output is written as a whole file "
            "and renamed into place; give a file name",
            code="SR522",
        )
    if not stat.S_ISREG(mode):
        raise OutputError(
            f"cannot write {shown}: it is not a regular file (a device or a socket), and it is not replaced",
            code="SR522",
        )
    if is_stream_alias(target):
        if streams:
            return None, None
        raise OutputError(
            f"cannot write {shown}: it names an already open file, and this output is written as a whole "
            "file and renamed into place; give a file name",
            code="SR522",
        )
    return os.path.realpath(target), stat.S_IMODE(mode)  # through a link: replace the file, keep the link


def folder_refusal(folder: str) -> str | None:
    """Why no new file can be made in ``folder``, in words for the user, or None. Tried by
    making and removing an empty temporary file there: unlike asking for permission, that
    also answers for a read-only or pseudo file system (``/proc``) and for the superuser."""
    if not os.path.isdir(folder):
        return f"its folder {safe_text(folder, 300)} does not exist"
    try:
        fd, probe = tempfile.mkstemp(prefix=temp_prefix(OUTPUT_TEMP), suffix=".probe", dir=folder)
    except OSError as exc:  # the folder is there: ENOENT means it takes no new files (/proc)
        if exc.errno == errno.ENOENT:
            return f"its folder {safe_text(folder, 300)} takes no new files"
        return f"no file can be made in its folder {safe_text(folder, 300)} ({os_reason(exc)})"
    os.close(fd)
    os.unlink(probe)
    return None


def check_output_folder(path: str | os.PathLike) -> None:
    """Refuse, before any work, an output file whose folder is missing or takes no new file
    (SR521; SR522, SR523 for what ``output_target`` refuses): the file is made there at the
    end, and a command with several outputs would otherwise have written some of them."""
    target, _ = output_target(path, streams=True)
    if target is None:  # a pipe or a terminal: written directly
        return
    reason = folder_refusal(os.path.dirname(target) or ".")
    if reason is not None:
        raise OutputError(f"cannot write {_shown_path(path)}: {reason}")


def is_stream_alias(target: str) -> bool:
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
    tmp = _stage(target, data, shown, mode)
    _rename(tmp, target, shown)


def _stage(target: str, data: bytes, shown: str, mode: int | None) -> str:
    """``data`` written and flushed to a new temporary file beside ``target``, to be renamed
    over it: its path. On failure the temporary file is removed (an OutputError for ``shown``)."""
    if mode is None:
        mode = NEW_FILE_MODE
    try:
        fd, tmp = temp_file_beside(target)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {os_reason(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), mode)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException as exc:
        _discard(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {shown}: {os_reason(exc)}") from None
        raise
    return tmp


def _rename(tmp: str, target: str, shown: str) -> None:
    try:
        os.replace(tmp, target)
    except BaseException as exc:
        _discard(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {shown}: {os_reason(exc)}") from None
        raise


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def write_outputs_atomic(
    outputs: Sequence[tuple[str | Path, bytes]], *, inputs: Iterable[str | os.PathLike] = (), force: bool = False,
) -> None:
    """Write several outputs of one run (path, data) so that the run writes all of them or
    none: each file is written to a temporary file beside it (as ``write_bytes_atomic``
    does), a pipe or a terminal is then written directly, and only when all of that has
    succeeded are the temporary files renamed into place. On any failure every temporary
    file is removed and the files that were there are left as they were."""
    staged: list[tuple[str, str, str]] = []  # (temporary file, target, shown)
    direct: list[tuple[str, bytes, str]] = []
    try:
        for path, data in outputs:
            shown = _shown_path(path)
            check_output(path, inputs, force=force)
            target, mode = output_target(path, streams=True)
            if target is None:
                direct.append((os.fspath(path), data, shown))
            else:
                staged.append((_stage(target, data, shown, mode), target, shown))
        for path, data, shown in direct:
            _write_direct(path, data, shown, append=is_stream_alias(path))
        while staged:
            tmp, target, shown = staged[0]
            _rename(tmp, target, shown)
            staged.pop(0)
    finally:
        for tmp, _, _ in staged:
            _discard(tmp)


# --------------------------------------------------------------------------- temporary files

#: This host's name as it appears in temporary names (letters, digits and ``_`` only).
_HOST = re.sub(r"[^A-Za-z0-9]", "_", socket.gethostname())[:40] or "host"
#: Beside an output: ``.segrules-<host>-<pid>-<random>.<the end of the output's name>``.
OUTPUT_TEMP = ".segrules"


def temp_prefix(kind: str) -> str:
    """The start of a temporary file's or folder's name: what made it (``kind``), on which
    host and by which process, so that a file left behind by a killed run can be told apart
    from a live run's and removed by the next run (``remove_stale``)."""
    return f"{kind}-{_HOST}-{os.getpid()}-"


#: The most bytes of an output's name repeated at the end of its temporary file's name (which
#: then keeps the extension): the whole name stays well within a file system's 255 bytes.
TEMP_NAME_TAIL = 64


def _name_tail(name: str) -> str:
    """The end of a file name, at most ``TEMP_NAME_TAIL`` bytes of it, cut between characters."""
    tail = name[-TEMP_NAME_TAIL:]
    while len(os.fsencode(tail)) > TEMP_NAME_TAIL:
        tail = tail[1:]
    return tail


def temp_file_beside(target: str) -> tuple[int, str]:
    """A new, empty, hidden temporary file in ``target``'s folder (to be renamed over it):
    ``.segrules-<host>-<pid>-<random>.<the end of target's name>``, its descriptor and path.
    Only the end of a long name is kept, so that an output whose name is as long as the file
    system allows still gets a temporary file. Those that ended runs left in that folder are
    removed first."""
    folder = os.path.dirname(os.path.abspath(target))
    remove_stale(folder, OUTPUT_TEMP)
    suffix = "." + _name_tail(os.path.basename(target))
    return tempfile.mkstemp(prefix=temp_prefix(OUTPUT_TEMP), suffix=suffix, dir=folder)


def remove_stale(folder: str, kind: str) -> list[str]:
    """Remove the temporary files and folders named by ``temp_prefix(kind)`` in ``folder`` that
    a process of this host left behind and that has ended (killed before it could remove
    them); the names removed. A live process's files, and another host's, are never touched."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not left_behind(entry.name, kind):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(entry.name)
        except OSError:
            pass  # another run removed it first, or it is not ours to remove
    return removed


def left_behind(name: str, kind: str) -> bool:
    """Whether ``name`` starts as ``temp_prefix(kind)`` names things and was made by a process
    of this host that has ended: a left-over that the next run may remove (a table in a
    database, say, where ``remove_stale`` looks in a folder)."""
    m = re.match(re.escape(f"{kind}-{_HOST}-") + r"([0-9]+)-", name)
    return m is not None and not _is_running(int(m.group(1)))


def _is_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's live process (or a number no process has: keep it)
    return True


def replace_between(text: str, begin: str, end: str, body: str) -> str:
    """``text`` with everything between the ``begin`` and ``end`` markers replaced by ``body``.

    The generated parts of the docs live between such markers; the rest is written by hand.
    """
    i = text.find(begin)
    j = text.find(end, i + len(begin)) if i >= 0 else -1
    if i < 0 or j < 0:
        raise ValueError(f"the markers {begin} and {end} are missing")
    return text[: i + len(begin)] + "\n" + body.strip("\n") + "\n" + text[j:]
