"""Prep-checklist ticks, and the date an interview is scheduled for.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "prep_ticks",
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(), nullable=False),
        sa.Column("ticked_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("interview_id", "item_id"),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
    )
    with op.batch_alter_table("interviews") as batch:
        batch.add_column(sa.Column("scheduled_for", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("interviews") as batch:
        batch.drop_column("scheduled_for")
    op.drop_table("prep_ticks")
