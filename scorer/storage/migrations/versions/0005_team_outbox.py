"""The team outbox: what waits to be published to the team store.

`team_link` holds the team store this profile is connected to (no password). While
it exists, triggers queue a status row in `team_outbox` in the same transaction as
each change of an interview's state; an export queues its signed card (in Python,
in the export's own transaction).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_NOW = "((julianday('now') - 2440587.5) * 86400.0)"
_LINKED = "EXISTS (SELECT 1 FROM team_link)"


def upgrade() -> None:
    op.create_table(
        "team_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(), nullable=False),
        sa.Column("linked_at", sa.Float(), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_team_link_one"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "team_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=True),
        sa.Column("pdf", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.Float(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("next_attempt_at", sa.Float(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.CheckConstraint("kind IN ('status', 'card')", name="ck_team_outbox_kind"),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,  # ids are status versions: never reused
    )
    op.create_index("ix_team_outbox_interview_id", "team_outbox", ["interview_id"])
    op.execute(f"""
        CREATE TRIGGER team_status_on_insert AFTER INSERT ON interviews
        WHEN {_LINKED}
        BEGIN
            INSERT INTO team_outbox (kind, interview_id, created_at)
            VALUES ('status', NEW.id, {_NOW});
        END
    """)
    op.execute(f"""
        CREATE TRIGGER team_status_on_update
        AFTER UPDATE OF scheduled_for, started_at, ended_at, submitted_at ON interviews
        WHEN {_LINKED} AND (
            OLD.scheduled_for IS NOT NEW.scheduled_for OR OLD.started_at IS NOT NEW.started_at
            OR OLD.ended_at IS NOT NEW.ended_at OR OLD.submitted_at IS NOT NEW.submitted_at)
        BEGIN
            INSERT INTO team_outbox (kind, interview_id, created_at)
            VALUES ('status', NEW.id, {_NOW});
        END
    """)


def downgrade() -> None:
    op.execute("DROP TRIGGER team_status_on_update")
    op.execute("DROP TRIGGER team_status_on_insert")
    op.drop_index("ix_team_outbox_interview_id", "team_outbox")
    op.drop_table("team_outbox")
    op.drop_table("team_link")
