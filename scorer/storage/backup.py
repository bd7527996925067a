"""Copies of the database, taken with SQLite's online backup API.

A plain file copy could miss commits still in the -wal file, or catch a page
half-written; the backup API copies a consistent snapshot.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from scorer.private_home import private_dir, private_file


def backup_database(
    source: sqlite3.Connection, folder: Path, label: str, now: datetime | None = None
) -> Path:
    """Copy to `folder/scorer-<UTC timestamp>-<label>.sqlite3`; never overwrite a copy."""
    private_dir(folder)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = folder / f"scorer-{stamp}-{label}.sqlite3"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"scorer-{stamp}-{label}-{counter}.sqlite3"
    private_file(target)  # 0600 before SQLite writes a byte of it
    destination = sqlite3.connect(target)
    try:
        source.backup(destination)
    finally:
        destination.close()
    return target
