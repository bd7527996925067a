"""Alembic environment. The app passes its own connection (see `scorer.storage.migrate`);
`alembic -c scorer/storage/alembic.ini ...` works too, for writing new revisions.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection

from scorer.storage.tables import metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite alters most things by copying the table; batch mode does that for us.
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Scorer migrations run online only.")

_given = context.config.attributes.get("connection")
if _given is not None:
    _run(_given)
else:
    _engine = create_engine(context.config.get_main_option("sqlalchemy.url") or "")
    with _engine.begin() as _connection:
        _run(_connection)
