"""SQLite failures as one sentence that names the database file."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from scorer.domain.store_errors import (
    StoreCorrupt,
    StoreError,
    StoreFull,
    StoreLocked,
    StoreReadOnly,
)

# Primary result codes (the low byte of an extended code), from sqlite3.h.
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = (
    3, 5, 6, 8, 10, 11, 13, 14, 26,
)


def store_error(exc: BaseException, path: Path) -> StoreError | None:
    """The user-facing error for a sqlite3 exception, or None for a programming error."""
    if not isinstance(exc, sqlite3.Error):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else _code_from_text(str(exc))
    if primary in (_BUSY, _LOCKED):
        return StoreLocked(
            f"The database {path} is locked by another program; "
            "close it, or wait for it to finish, and try again."
        )
    if primary in (_READONLY, _PERM):
        return StoreReadOnly(
            f"The database {path} is read-only; make the file and its folder writable, "
            "or start Scorer with --home DIR to use another folder."
        )
    if primary in (_CORRUPT, _NOTADB):
        return StoreCorrupt(corrupt_message(path))
    if primary == _FULL or (primary == _IOERR and disk_nearly_full(path.parent)):
        return StoreFull(full_message(path))
    if primary == _CANTOPEN:
        return StoreReadOnly(
            f"The database {path} cannot be opened; check that the file and its folder "
            "exist and are writable."
        )
    if primary == _IOERR:
        return StoreError(f"The database {path} could not be read or written: {exc}.")
    return None


# SQLite reports a write that ran out of space in the -wal file as an I/O error; with
# less than this left on the disk, the disk is what failed.
NEARLY_FULL_BYTES = 1024 * 1024


def disk_nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def full_message(path: Path) -> str:
    return (f"The disk holding {path} is full, so nothing was written; what was saved "
            "before is safe. Free some space and try again.")


def corrupt_message(path: Path) -> str:
    """Names the backups that exist, newest first, or says how to start afresh."""
    folder = path.parent / "backups"
    try:
        backups = sorted(folder.glob("scorer-*.sqlite3"), reverse=True)
    except OSError:
        backups = []
    if backups:
        more = f" ({len(backups)} in {folder})" if len(backups) > 1 else ""
        return (f"The database {path} is damaged or is not a Scorer database; move it aside "
                f"and put a copy of its newest backup, {backups[0]}{more}, in its place, or "
                "start Scorer with --home DIR.")
    return (f"The database {path} is damaged or is not a Scorer database, and it has no "
            "backup; move it aside (rename it) and Scorer starts with a new, empty database, "
            "or start Scorer with --home DIR to use another folder.")


def _code_from_text(text: str) -> int | None:
    """Older Pythons lack `sqlite_errorcode`; the messages are stable SQLite strings."""
    text = text.lower()
    for needle, code in (
        ("locked", _BUSY),
        ("readonly", _READONLY),
        ("malformed", _CORRUPT),
        ("not a database", _NOTADB),
        ("disk is full", _FULL),
        ("unable to open", _CANTOPEN),
        ("disk i/o", _IOERR),
    ):
        if needle in text:
            return code
    return None
