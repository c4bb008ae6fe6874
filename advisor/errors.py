"""Errors the CLI turns into one line and an exit status (2: the user's input; 1: anything else)."""

import errno
import re

_LONG_WORD = re.compile(r"\S{101,}")


class UsageError(ValueError):
    """Bad usage or bad input: exit status 2, one line naming the field, the value and a hint."""


def one_line(message: str, limit: int = 600) -> str:
    """``message`` as one line a terminal can show: any word over 100 characters, and the whole
    past ``limit``, cut in the middle with the length said (a 1 MB value is not echoed whole)."""
    text = " ".join(message.split())
    text = _LONG_WORD.sub(lambda m: _cut(m.group(0), 80), text)
    return _cut(text, limit)


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return f"{text[: limit * 2 // 3]}…[{len(text):,} characters]…{text[-limit // 6 :]}"


_OUTPUT_FAILURES = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG}


def output_failed(exc: BaseException) -> bool:
    """Whether ``exc`` is the standard output refusing what was written (`> /dev/full`, a full
    disk): an OSError naming no file, which the CLI ends with one line and exit status 1."""
    return isinstance(exc, OSError) and exc.filename is None and exc.errno in _OUTPUT_FAILURES
