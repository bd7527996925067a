"""Alembic environment of the team schema; `scorer.team.migrate` passes its connection."""

from __future__ import annotations

from alembic import context

if context.is_offline_mode():
    raise SystemExit("Team store migrations run online only.")

_connection = context.config.attributes["connection"]
context.configure(connection=_connection, version_table_schema="scorer_team",
                  target_metadata=None)
with context.begin_transaction():
    context.run_migrations()
