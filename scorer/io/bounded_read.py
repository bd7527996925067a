"""One guarded way in for every file handed to Scorer from outside.

Only a regular file is read. A FIFO, device, socket or folder is refused at once,
without blocking: the file is opened with `O_NONBLOCK` and checked again on the
open descriptor, so a path swapped for a FIFO between the two checks cannot hang
the reader. At most `max_bytes` are read, so a link to `/dev/zero` or a file that
grows while it is read cannot exhaust memory.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # absent on Windows, where FIFOs are not files
_BINARY = getattr(os, "O_BINARY", 0)  # Windows only


class RefusedFile(Exception):
    """A file that is not read: `reason` is a phrase, such as "not a regular file"."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{-(-size // 1024)} KB"
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


def _check(path: Path, st: os.stat_result, max_bytes: int) -> None:
    if not stat.S_ISREG(st.st_mode):
        kind = _kind(st.st_mode)
        raise RefusedFile(path, f"refused: {kind}, not a regular file"
                          if kind != "not a regular file" else "refused: not a regular file")
    if st.st_size > max_bytes:
        raise RefusedFile(path, f"refused: {_size(st.st_size)} is over the "
                          f"{_size(max_bytes)} bound")


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of the regular file at `path`; `RefusedFile` for anything else.

    Raises `RefusedFile` for a non-regular file or one over `max_bytes`, and lets
    `OSError` through for a file that cannot be opened or read at all.
    """
    _check(path, os.stat(path), max_bytes)
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | _BINARY)
    except OSError as exc:
        if exc.errno in (errno.ENXIO, errno.EWOULDBLOCK):  # a FIFO or socket after all
            raise RefusedFile(path, "refused: not a regular file") from None
        raise
    with os.fdopen(fd, "rb") as handle:
        _check(path, os.fstat(fd), max_bytes)
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise RefusedFile(path, f"refused: it grew over the {_size(max_bytes)} bound "
                          "while being read")
    return data
