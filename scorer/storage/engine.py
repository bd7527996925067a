"""The SQLAlchemy engine over one SQLite file, with the PRAGMAs every connection needs.

Durability: WAL mode with `synchronous=FULL`, so the log is fsynced before a
commit returns and an acknowledged edit survives even a power cut. `NORMAL`
would survive the app crashing or being killed but could lose the last commits
to a power cut or OS crash. `benchmarks/bench_store.py` shows both within the
2 ms target for one edit, so the stronger guarantee is kept.
(On macOS, fsync does not reach the platters; `PRAGMA fullfsync` would.)

Transactions: the Python driver is put in autocommit mode and SQLAlchemy's
"begin" emits the BEGIN itself, `BEGIN IMMEDIATE` for writers. A writer then
takes the write lock up front and waits `busy_timeout` for it, instead of
failing half-way when another process wrote in between its read and its write.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.pool import ConnectionPoolEntry

Synchronous = Literal["NORMAL", "FULL"]
DEFAULT_SYNCHRONOUS: Synchronous = "FULL"
DEFAULT_BUSY_TIMEOUT_MS = 5000
_BEGIN_OPTION = "scorer_begin"


def make_engine(
    path: Path,
    *,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    synchronous: Synchronous = DEFAULT_SYNCHRONOUS,
    foreign_keys: bool = True,
) -> Engine:
    """An engine whose connections run deferred BEGINs; see `writer()` for immediate."""
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: sqlite3.Connection, record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute(f"PRAGMA synchronous = {synchronous}")
            cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(_BEGIN_OPTION, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine and pool, but transactions begin IMMEDIATE (take the write lock)."""
    options: dict[str, Any] = {_BEGIN_OPTION: "IMMEDIATE"}
    return engine.execution_options(**options)
