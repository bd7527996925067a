"""Opening the local store in the data home, for the app and for command-line tools."""

from __future__ import annotations

from pathlib import Path

from scorer.paths import backups_dir, data_home, database_path
from scorer.private_home import tighten_home
from scorer.storage import Store, open_store
from scorer.storage.engine import DEFAULT_BUSY_TIMEOUT_MS, DEFAULT_SYNCHRONOUS, Synchronous
from scorer.storage.instance_lock import InstanceLock


def open_local_store(
    home: Path | None = None,
    *,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    synchronous: Synchronous = DEFAULT_SYNCHRONOUS,
) -> Store:
    """The store in `home` (default: the data home), created or upgraded as needed.

    Command-line tools use this directly: they may run beside the app.
    """
    home = home or data_home()
    tighten_home(home)
    return open_store(
        database_path(home), backups_dir(home),
        busy_timeout_ms=busy_timeout_ms, synchronous=synchronous,
    )


class Workspace:
    """What the app holds while it runs: the single-instance lock and the store.

    Raises `AnotherInstance` when another app already has this data home open,
    and `StoreReadOnly` at once when the database cannot be written.
    """

    def __init__(self, home: Path | None = None, lock: InstanceLock | None = None) -> None:
        """`lock`: the data home's instance lock, when the caller took it already."""
        self.home = home or data_home()
        self.lock = lock or InstanceLock(self.home).acquire()
        try:
            self.store = open_local_store(self.home)
        except BaseException:
            self.lock.release()
            raise
        try:
            self.store.check_writable()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        self.store.close()
        self.lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
