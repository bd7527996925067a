"""Rubric texts: the file an interview's rubric was read from, pinned as it was written.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rubric_texts",
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("pinned_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    with op.batch_alter_table("interviews") as batch:
        batch.add_column(sa.Column(
            "rubric_text_sha256", sa.String(),
            sa.ForeignKey("rubric_texts.sha256", name="fk_interviews_rubric_text"), nullable=True,
        ))


def downgrade() -> None:
    with op.batch_alter_table("interviews") as batch:
        batch.drop_column("rubric_text_sha256")
    op.drop_table("rubric_texts")
