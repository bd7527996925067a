"""Text files replaced atomically, and read back whatever state they are in.

A write goes to a temporary file beside the target, is synced, then renamed
over the target: a crash leaves the old file or the new one, never a mix.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from scorer.io.bounded_read import RefusedFile, read_bounded
from scorer.private_home import PRIVATE_FILE, file_mode, in_home
from scorer.services.file_replace import replace_file

MAX_TEXT_BYTES = 4 * 1024 * 1024


def read_text_lenient(path: Path, max_bytes: int = MAX_TEXT_BYTES) -> str | None:
    """The file's text; undecodable bytes replaced; None when it is missing, unreadable,
    not a regular file (a named pipe or a device is never opened for reading) or
    over `max_bytes`."""
    try:
        data = read_bounded(path, max_bytes)
    except (RefusedFile, OSError):
        return None
    return data.decode("utf-8", errors="replace")


def write_text_atomic(path: Path, text: str, newline: str) -> None:
    """A temporary file in the same folder, synced, then renamed over `path`."""
    mode = file_mode(path) if not path.exists() else path.stat().st_mode & 0o777
    if in_home(path):
        mode &= PRIVATE_FILE
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        replace_file(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def write_private_atomic(path: Path, text: str) -> None:
    """Like `write_text_atomic`, for text only its owner may read: the file is 0600
    from the moment it exists (a temporary file is created that way), never wider."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        replace_file(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the platform allows opening a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
