"""Signing: the interviewer's certificate, the one pinned on each interview, and exports.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("interviewers") as batch:
        batch.add_column(sa.Column("certificate_sha256", sa.String(), nullable=True))
    with op.batch_alter_table("interviews") as batch:
        batch.add_column(sa.Column("interviewer_certificate_sha256", sa.String(), nullable=True))
    op.create_table(
        "exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("signer_fingerprint", sa.String(), nullable=False),
        sa.Column("page_size", sa.String(), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
    )
    op.create_index("ix_exports_interview_id", "exports", ["interview_id"])


def downgrade() -> None:
    op.drop_index("ix_exports_interview_id", table_name="exports")
    op.drop_table("exports")
    with op.batch_alter_table("interviews") as batch:
        batch.drop_column("interviewer_certificate_sha256")
    with op.batch_alter_table("interviewers") as batch:
        batch.drop_column("certificate_sha256")
