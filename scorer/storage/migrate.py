"""Bring a database file to the newest schema at startup, backing it up first.

The common case, a database already at head, costs one query and does not
import Alembic at all.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime
from pathlib import Path

from scorer.domain.store_errors import StoreCorrupt, StoreError, StoreTooNew
from scorer.private_home import private_dir, private_file
from scorer.storage.backup import backup_database
from scorer.storage.sqlite_errors import corrupt_message, store_error

# Kept in step with migrations/versions by a test.
HEAD_REVISION = "0005"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Alembic's `context` and `op` are module globals: one migration at a time per process.
_ALEMBIC = threading.Lock()


def current_revision(path: Path, timeout: float = 5.0) -> str | None:
    """The schema revision of the file; None for a new or empty database."""
    if not path.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=timeout)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                return str(row[0]) if row else None
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise _translated(exc, path) from None
    if tables:
        raise StoreCorrupt(corrupt_message(path))
    return None


def prepare_database(
    path: Path, backups: Path, now: datetime | None = None, timeout: float = 5.0
) -> Path | None:
    """Create or upgrade the database at `path`; return the backup taken, if any."""
    revision = current_revision(path, timeout)
    if revision == HEAD_REVISION:
        return None
    if revision is not None and revision not in known_revisions():
        raise StoreTooNew(
            f"The database {path} was written by a newer version of Scorer "
            f"(schema {revision}); update Scorer to open it."
        )
    private_dir(path.parent)
    private_file(path)  # 0600 before SQLite writes it; its -wal and -shm files take its mode
    backup = _backup(path, backups, revision, now) if revision is not None else None
    upgrade(path, "head")
    return backup


def upgrade(path: Path, target: str = "head") -> None:
    """Run the Alembic migrations up to `target` in one transaction: all of them, or none."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy.exc import DBAPIError

    from scorer.storage.engine import make_engine, writer

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # Foreign keys off while tables are rebuilt by batch operations, checked before commit.
    engine = make_engine(path, foreign_keys=False)
    try:
        with _ALEMBIC, writer(engine).begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, target)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise StoreError(
                    f"Upgrading the database {path} would break {len(broken)} links between "
                    "records; nothing was changed."
                )
    except DBAPIError as exc:
        error = store_error(exc.orig, path) if exc.orig is not None else None
        raise error or StoreError(
            f"Upgrading the database {path} to this version of Scorer failed ({exc.orig}); "
            "nothing was changed."
        ) from exc
    finally:
        engine.dispose()


def known_revisions() -> set[str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}


def script_head() -> str | None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config).get_current_head()


def _backup(path: Path, backups: Path, revision: str, now: datetime | None) -> Path:
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return backup_database(source, backups, revision, now)
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise _translated(exc, path) from None
    except OSError as exc:
        raise StoreError(
            f"Cannot back up the database {path} into {backups} before upgrading it: "
            f"{exc.strerror}; nothing was changed."
        ) from None


def _translated(exc: BaseException | None, path: Path) -> StoreError:
    error = store_error(exc, path) if exc is not None else None
    return error or StoreError(f"The database {path} cannot be opened: {exc}.")
