"""Opening a file someone else put there — a config, a catalog, usage records, a price file, a
report's destination — so that no file can hang, flood or crash the advisor.

- Regular files only. The file is opened without blocking (``O_NONBLOCK``) and checked with
  ``fstat`` on the descriptor it was opened as: a FIFO with no writer, a terminal, ``/dev/zero``,
  a socket or a directory is one line naming the path and what it is, never a hang.
- Every read has a named size limit, every line a named length limit: a file past its limit is
  one line saying which limit, and a line past its limit is skipped whole without being kept in
  memory.
- Writing to a FIFO with no reader is refused at once (``ENXIO``), not waited on.

Every refusal is a ``UserFileError`` whose message starts with the path; callers prefix the flag
or field that named it (``from: …``, ``path: …``)."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

KIB, MIB = 1024, 1024 * 1024

TOML_MAX_BYTES = 8 * MIB  # a config, a keymap or a catalog file
JSON_MAX_BYTES = 1 * MIB  # the advisor's own small records in the cache dir

_NEVER_WAIT = os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_READ = os.O_RDONLY | _NEVER_WAIT
_WRITE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NEVER_WAIT


class UserFileError(ValueError):
    """A file the advisor will not read or write: the message names the path and why."""


class TooLong:
    """What ``bounded_lines`` yields in place of a line past its limit (its length in bytes)."""

    __slots__ = ("size",)

    def __init__(self, size: int) -> None:
        self.size = size


def size_words(limit: int) -> str:
    """``8 MiB``, ``128 KiB``, ``512 bytes``."""
    if limit >= MIB and limit % MIB == 0:
        return f"{limit // MIB} MiB"
    if limit >= KIB and limit % KIB == 0:
        return f"{limit // KIB} KiB"
    return f"{limit:,} bytes"


def kind_of(mode: int) -> str:
    """What a file that is not a regular one is, in words."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _refusal(path: Path, exc: OSError) -> UserFileError:
    if isinstance(exc, FileNotFoundError):
        return UserFileError(f"{str(path)!r} does not exist")
    if isinstance(exc, IsADirectoryError):
        return UserFileError(f"{str(path)!r} is a directory, not a file")
    if isinstance(exc, PermissionError):
        return UserFileError(f"{str(path)!r} cannot be read: permission denied")
    return UserFileError(f"{str(path)!r} cannot be opened: {exc.strerror or exc}")


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading in binary, if it is a regular file (symlinks followed); a
    UserFileError naming it otherwise. Never blocks."""
    try:
        fd = os.open(path, _READ)
    except OSError as exc:
        raise _refusal(path, exc) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise UserFileError(f"{str(path)!r} is {kind_of(mode)}, not a regular file")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def is_regular(path: Path) -> bool:
    """Whether ``path`` is a regular file (``stat`` only: nothing is opened)."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def check_regular(path: Path) -> None:
    """A UserFileError when ``path`` exists and is not a regular file (nothing is opened)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not stat.S_ISREG(mode):
        raise UserFileError(f"{str(path)!r} is {kind_of(mode)}, not a regular file")


def read_bytes(path: Path, limit: int, what: str = "file") -> bytes:
    """The whole file, at most ``limit`` bytes; past that a UserFileError naming the limit."""
    with open_regular(path) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise UserFileError(f"{str(path)!r} is larger than a {what} may be ({size_words(limit)})")
    return data


def decode_utf8(raw: bytes, path: Path) -> str:
    """``raw`` as UTF-8 text; a UserFileError naming the line and the byte otherwise."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserFileError(
            f"{path}: line {line}: not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        ) from None


def read_text(path: Path, limit: int, what: str = "file") -> str:
    """The whole file as UTF-8 text, at most ``limit`` bytes."""
    return decode_utf8(read_bytes(path, limit, what), path)


def bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytes | TooLong]:
    """Each line of ``handle`` (with its newline), or a ``TooLong`` for one past ``limit`` bytes —
    read through to its end in pieces of ``limit``, never held whole."""
    readline = handle.readline
    while line := readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
        else:
            yield TooLong(skip_rest_of_line(readline, len(line), limit))


def skip_rest_of_line(readline: Callable[[int], bytes], size: int, limit: int) -> int:
    """Read past the rest of a line ``size`` bytes into it, ``limit`` bytes at a time (for a reader
    that calls ``readline(limit + 1)`` itself); the line's whole length."""
    while piece := readline(limit):
        size += len(piece)
        if piece.endswith(b"\n"):
            break
    return size


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` (created or truncated): a regular file, or a FIFO something reads
    (process substitution) — a FIFO nothing reads is refused at once, a directory or a full disk
    is one line."""
    try:
        fd = os.open(path, _WRITE, 0o644)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a FIFO opened without blocking, with no reader
            raise UserFileError(f"{str(path)!r} is a FIFO (named pipe) nothing reads from") from None
        if isinstance(exc, IsADirectoryError):
            raise UserFileError(f"{str(path)!r} is a directory; give a file name") from None
        raise UserFileError(f"cannot write {str(path)!r}: {exc.strerror or exc}") from None
    try:
        os.set_blocking(fd, True)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            fd = -1
            handle.write(text)
    except OSError as exc:
        raise UserFileError(f"cannot write {str(path)!r}: {exc.strerror or exc}") from None
    finally:
        if fd >= 0:
            os.close(fd)


def replace_atomically(path: Path, text: str) -> None:
    """``path`` becomes ``text`` whole or not at all: written beside it, then renamed over it — so
    whatever was there (a half-written file, a FIFO) is replaced, never opened."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
