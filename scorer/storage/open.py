"""Open the database, creating or upgrading it first."""

from __future__ import annotations

from pathlib import Path

from scorer.storage.engine import DEFAULT_BUSY_TIMEOUT_MS, DEFAULT_SYNCHRONOUS, Synchronous
from scorer.storage.migrate import prepare_database
from scorer.storage.store import Store


def open_store(
    path: Path,
    backups: Path,
    *,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    synchronous: Synchronous = DEFAULT_SYNCHRONOUS,
) -> Store:
    """Open the database at `path`, creating or upgrading it first (backups go to `backups`)."""
    prepare_database(path, backups, timeout=busy_timeout_ms / 1000)
    return Store(path, busy_timeout_ms=busy_timeout_ms, synchronous=synchronous)
