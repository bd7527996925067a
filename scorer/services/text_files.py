"""Text files replaced atomically, and read back whatever state they are in.

Writes go through `atomic_file`: a crash leaves the old file or the new one,
never a mix.
"""

from __future__ import annotations

from pathlib import Path

from scorer.io.bounded_read import RefusedFile, read_bounded
from scorer.private_home import PRIVATE_FILE, file_mode, in_home
from scorer.services.atomic_file import write_atomic

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
    """Replace `path` with `text` atomically, keeping its mode (a new file gets the one
    `file_mode` gives); nothing in the data home is ever wider than 0600."""
    mode = file_mode(path) if not path.exists() else path.stat().st_mode & 0o777
    if in_home(path):
        mode &= PRIVATE_FILE
    write_atomic(path, _encode(text, newline), mode)


def write_private_atomic(path: Path, text: str) -> None:
    """Like `write_text_atomic`, for text only its owner may read (0600 from the start)."""
    write_atomic(path, _encode(text, "\n"), PRIVATE_FILE)


def _encode(text: str, newline: str) -> bytes:
    return (text.replace("\n", newline) if newline != "\n" else text).encode("utf-8")
