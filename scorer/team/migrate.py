"""`scorer team init`: bring the team schema to the newest revision with Alembic.

The team schema has its own migration history (`scorer/team/migrations`), apart
from the local store's. It runs in one transaction: all of it, or nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from scorer.domain.team import TeamError
from scorer.team.connection import SCHEMA, connect, first_line, safe_url, translated

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "t0001"
_PREFIX = re.compile(r"^[a-z][a-z0-9_]{0,40}$")


def default_prefix(database: str) -> str:
    cleaned = re.sub(r"[^a-z0-9_]", "_", database.lower()).strip("_") or "team"
    return f"scorer_{cleaned}"[:40]


def check_prefix(prefix: str) -> str:
    if not _PREFIX.match(prefix):
        raise TeamError(f"The role prefix {prefix!r} is not usable: use lower-case letters, "
                        "digits and underscores, starting with a letter, at most 41 of them.")
    return prefix


def init_team(url: str, password: str | None = None, prefix: str | None = None) -> tuple[str, str]:
    """Create or upgrade the team schema; returns (revision, role prefix)."""
    from alembic import command
    from alembic.config import Config
    from alembic.util import CommandError as AlembicError
    from sqlalchemy import create_engine
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.pool import NullPool

    def opened():  # type: ignore[no-untyped-def]
        return connect(url, password)

    engine = create_engine("postgresql+psycopg://", creator=opened, poolclass=NullPool)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with translated(url), engine.begin() as connection:
            existing = connection.exec_driver_sql(
                "SELECT to_regclass('scorer_team.team') IS NOT NULL").scalar_one()
            if existing:
                prefix = str(connection.exec_driver_sql(
                    "SELECT prefix FROM scorer_team.team").scalar_one())
            else:
                database = str(connection.exec_driver_sql("SELECT current_database()")
                               .scalar_one())
                prefix = check_prefix(prefix or default_prefix(database))
            connection.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
            config.attributes["connection"] = connection
            config.attributes["role_prefix"] = prefix
            command.upgrade(config, "head")
    except (SQLAlchemyError, AlembicError) as exc:
        orig = getattr(exc, "orig", None) or exc
        raise TeamError(f"Setting up the team store at {safe_url(url)} failed: "
                        f"{first_line(orig)}; nothing was changed.") from None
    finally:
        engine.dispose()
    return HEAD_REVISION, prefix
