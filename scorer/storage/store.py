"""The store: one SQLite file, its transactions, and its failures as `StoreError`s."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from scorer.storage.engine import (
    DEFAULT_BUSY_TIMEOUT_MS,
    DEFAULT_SYNCHRONOUS,
    Synchronous,
    make_engine,
    writer,
)
from scorer.storage.reads import Reader
from scorer.storage.sqlite_errors import store_error
from scorer.storage.writes import Writer


class Store:
    """Open with `scorer.storage.open_store`, which migrates the file first."""

    def __init__(
        self,
        path: Path,
        *,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        synchronous: Synchronous = DEFAULT_SYNCHRONOUS,
    ) -> None:
        self.path = path
        self._engine = make_engine(path, busy_timeout_ms=busy_timeout_ms, synchronous=synchronous)
        self._writer = writer(self._engine)

    @contextmanager
    def read(self) -> Iterator[Reader]:
        """A consistent snapshot for reading; concurrent writers do not block it (WAL)."""
        with self.translated(), self._engine.begin() as connection:
            yield Reader(connection)

    @contextmanager
    def write(self) -> Iterator[Writer]:
        """One transaction: it commits when the block ends, or rolls back entirely."""
        with self.translated(), self._writer.begin() as connection:
            yield Writer(connection)

    @contextmanager
    def translated(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as exc:
            error = store_error(exc.orig, self.path) if exc.orig is not None else None
            if error is None:
                raise
            raise error from exc

    def check_writable(self) -> None:
        """Raise `StoreReadOnly` (naming the file) now rather than at the first edit."""
        with self.translated(), self._writer.connect() as connection:
            transaction = connection.begin()
            try:
                version = int(connection.exec_driver_sql("PRAGMA user_version").scalar_one())
                connection.exec_driver_sql(f"PRAGMA user_version = {version}")
            finally:
                transaction.rollback()

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
