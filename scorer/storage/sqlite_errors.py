"""SQLite failures as one sentence that names the database file."""

from __future__ import annotations

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
    if primary == _FULL:
        return StoreFull(
            f"The disk holding the database {path} is full; free some space and try again."
        )
    if primary == _CANTOPEN:
        return StoreReadOnly(
            f"The database {path} cannot be opened; check that the file and its folder "
            "exist and are writable."
        )
    if primary == _IOERR:
        return StoreError(f"The database {path} could not be read or written: {exc}.")
    return None


def corrupt_message(path: Path) -> str:
    return (
        f"The database {path} is damaged or is not a Scorer database; move it aside and "
        f"restore a copy from {path.parent / 'backups'}, or start Scorer with --home DIR."
    )


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
