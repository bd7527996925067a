"""Core tables: people, pinned rubrics, interviews and everything written during one.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _stamp(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(), nullable=nullable)


def upgrade() -> None:
    for people in ("candidates", "interviewers"):
        op.create_table(
            people,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("name", sa.String(), nullable=False),
            sa.Column("email", sa.String(), nullable=False),
            _stamp("created_at"),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("email"),
        )
    op.create_table(
        "rubric_snapshots",
        sa.Column("rubric_id", sa.String(), nullable=False),
        sa.Column("version", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        _stamp("pinned_at"),
        sa.PrimaryKeyConstraint("rubric_id", "version"),
    )
    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("interviewer_id", sa.Integer(), nullable=False),
        sa.Column("rubric_id", sa.String(), nullable=False),
        sa.Column("rubric_version", sa.String(), nullable=False),
        _stamp("created_at"),
        _stamp("updated_at"),
        _stamp("started_at", nullable=True),
        _stamp("paused_at", nullable=True),
        _stamp("ended_at", nullable=True),
        _stamp("submitted_at", nullable=True),
        sa.Column("current_question_id", sa.String(), nullable=True),
        sa.Column("recommendation", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidates.id"]),
        sa.ForeignKeyConstraint(["interviewer_id"], ["interviewers.id"]),
        sa.ForeignKeyConstraint(
            ["rubric_id", "rubric_version"],
            ["rubric_snapshots.rubric_id", "rubric_snapshots.version"],
        ),
    )
    op.create_index("ix_interviews_candidate_id", "interviews", ["candidate_id"])
    op.create_index("ix_interviews_interviewer_id", "interviews", ["interviewer_id"])
    op.create_index("ix_interviews_created_at", "interviews", ["created_at"])
    op.create_table(
        "interview_notes",
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("general_notes", sa.Text(), nullable=False),
        sa.Column("summary_note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("interview_id"),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
    )
    op.create_table(
        "timer_pauses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        _stamp("started_at"),
        _stamp("ended_at"),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
    )
    op.create_index("ix_timer_pauses_interview_id", "timer_pauses", ["interview_id"])
    op.create_table(
        "interview_questions",
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=True),
        sa.Column("asked_at", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        _stamp("updated_at"),
        sa.PrimaryKeyConstraint("interview_id", "question_id"),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
    )
    op.create_table(
        "adhoc_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("asked_at", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        _stamp("created_at"),
        _stamp("updated_at"),
        sa.PrimaryKeyConstraint("id"),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
    )
    op.create_index("ix_adhoc_questions_interview_id", "adhoc_questions", ["interview_id"])
    op.create_table(
        "dimension_scores",
        sa.Column("interview_id", sa.Integer(), nullable=False),
        sa.Column("dimension_id", sa.String(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        _stamp("updated_at"),
        sa.PrimaryKeyConstraint("interview_id", "dimension_id"),
        sa.ForeignKeyConstraint(["interview_id"], ["interviews.id"], ondelete="CASCADE"),
    )


def downgrade() -> None:
    for table in (
        "dimension_scores", "adhoc_questions", "interview_questions", "timer_pauses",
        "interview_notes", "interviews", "rubric_snapshots", "interviewers", "candidates",
    ):
        op.drop_table(table)
