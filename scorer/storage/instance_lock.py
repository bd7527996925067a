"""One app window per data folder: a lock file held for the life of the process.

The operating system drops the lock when the process ends, however it ends,
so a crash never leaves a stale lock behind. Command-line tools do not take
it: they may read (and write) beside the app, which SQLite's WAL mode and
`busy_timeout` make safe.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import IO

from scorer.domain.store_errors import AnotherInstance, StoreError, StoreReadOnly
from scorer.private_home import check_home, private_dir, private_file

LOCK_NAME = "scorer.lock"


class InstanceLock:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.path = home / LOCK_NAME
        self._handle: IO[str] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def acquire(self) -> InstanceLock:
        if self._handle is not None:
            return self
        check_home(self.home)
        try:
            private_dir(self.home)
            handle = open(private_file(self.path), "a+", encoding="utf-8")  # noqa: SIM115
        except PermissionError:
            raise StoreReadOnly(
                f"The data folder {self.home} is read-only; make it writable, "
                "or start Scorer with --home DIR to use another folder."
            ) from None
        except OSError as exc:
            raise StoreError(f"Cannot create the lock file {self.path}: {exc.strerror}.") from None
        if not _try_lock(handle):
            handle.close()
            raise AnotherInstance(
                f"Scorer is already open on the data folder {self.home}; switch to that window, "
                "or start this one with --home DIR for a separate profile."
            )
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")  # for people looking at the file; not relied on
        handle.flush()
        self._handle = handle
        return self

    def release(self) -> None:
        if self._handle is not None:
            _unlock(self._handle)
            self._handle.close()
            self._handle = None

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, *exc_info: object) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        with contextlib.suppress(OSError):
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
