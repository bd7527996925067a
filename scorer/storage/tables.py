"""The tables of the local store, as of the newest migration.

The migrations in `migrations/versions/` spell each revision out by hand; a test
checks that upgrading to head yields exactly these tables.

An interview pins its rubric by id and content hash. The snapshot text lives in
`rubric_snapshots`, one row per distinct (id, version): rows are keyed by the hash
of their content and never updated, so an interview's rubric cannot change, and
ten thousand interviews of four rubrics store four snapshots, not ten thousand.

The text of the file the rubric was read from (comments and layout included) is
kept the same way in `rubric_texts`, keyed by its SHA-256 (revision 0004), so an
interview can be compared line by line with the file as it is now.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)
from sqlmodel import Field, SQLModel

from scorer.storage.types import UTCDateTime

metadata = SQLModel.metadata


class CandidateRow(SQLModel, table=True):
    __tablename__ = "candidates"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    email: str = Field(unique=True)
    created_at: datetime = Field(sa_type=UTCDateTime)


class InterviewerRow(SQLModel, table=True):
    """Who held the interview. A later revision adds the signing certificate."""

    __tablename__ = "interviewers"

    id: int | None = Field(default=None, primary_key=True)
    name: str
    email: str = Field(unique=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    certificate_sha256: str | None = None  # revision 0003: the signing certificate


class RubricSnapshotRow(SQLModel, table=True):
    __tablename__ = "rubric_snapshots"

    rubric_id: str = Field(primary_key=True)
    version: str = Field(primary_key=True)
    title: str
    snapshot: str = Field(sa_column=Column(Text, nullable=False))
    pinned_at: datetime = Field(sa_type=UTCDateTime)


class RubricTextRow(SQLModel, table=True):
    """A rubric file's text as an interview pinned it (revision 0004); never updated."""

    __tablename__ = "rubric_texts"

    sha256: str = Field(primary_key=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    pinned_at: datetime = Field(sa_type=UTCDateTime)


class InterviewRow(SQLModel, table=True):
    """One interview. Its state follows from the timestamps; none is stored twice."""

    __tablename__ = "interviews"
    __table_args__ = (
        ForeignKeyConstraint(
            ["rubric_id", "rubric_version"],
            ["rubric_snapshots.rubric_id", "rubric_snapshots.version"],
        ),
        Index("ix_interviews_created_at", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    candidate_id: int = Field(foreign_key="candidates.id", index=True)
    interviewer_id: int = Field(foreign_key="interviewers.id", index=True)
    rubric_id: str
    rubric_version: str
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    scheduled_for: date | None = None
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The open pause, if any; closed pauses are rows of `timer_pauses`.
    paused_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    current_question_id: str | None = None
    recommendation: str | None = None
    # Revision 0003: the certificate that signs this interview, pinned at its first export.
    interviewer_certificate_sha256: str | None = None
    # Revision 0004: the rubric file's text, when the interview was created from a file.
    rubric_text_sha256: str | None = Field(
        default=None,
        sa_column=Column(
            String, ForeignKey("rubric_texts.sha256", name="fk_interviews_rubric_text"),
            nullable=True,
        ),
    )


class InterviewNotesRow(SQLModel, table=True):
    """The free text of an interview, kept out of `interviews` so that its rows stay
    narrow and listing ten thousand of them reads a few pages, not the notes."""

    __tablename__ = "interview_notes"

    interview_id: int = Field(foreign_key="interviews.id", ondelete="CASCADE", primary_key=True)
    general_notes: str = Field(default="", sa_column=Column(Text, nullable=False))
    summary_note: str = Field(default="", sa_column=Column(Text, nullable=False))


class TimerPauseRow(SQLModel, table=True):
    __tablename__ = "timer_pauses"

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(foreign_key="interviews.id", ondelete="CASCADE", index=True)
    started_at: datetime = Field(sa_type=UTCDateTime)
    ended_at: datetime = Field(sa_type=UTCDateTime)


class QuestionMarkRow(SQLModel, table=True):
    """A rubric question as used in an interview: asked/skipped, when, and its note."""

    __tablename__ = "interview_questions"

    interview_id: int = Field(foreign_key="interviews.id", ondelete="CASCADE", primary_key=True)
    question_id: str = Field(primary_key=True)
    status: str | None = None  # 'asked', 'skipped', or NULL for a note only
    asked_at: float | None = None  # seconds on the interview clock
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(sa_type=UTCDateTime)


class AdHocQuestionRow(SQLModel, table=True):
    __tablename__ = "adhoc_questions"

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(foreign_key="interviews.id", ondelete="CASCADE", index=True)
    text: str = Field(sa_column=Column(Text, nullable=False))
    asked_at: float | None = None
    note: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class DimensionScoreRow(SQLModel, table=True):
    __tablename__ = "dimension_scores"

    interview_id: int = Field(foreign_key="interviews.id", ondelete="CASCADE", primary_key=True)
    dimension_id: str = Field(primary_key=True)
    score: int | None = None
    evidence: str = Field(default="", sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(sa_type=UTCDateTime)


class PrepTickRow(SQLModel, table=True):
    """A ticked item of the rubric's prep checklist (revision 0002)."""

    __tablename__ = "prep_ticks"

    interview_id: int = Field(foreign_key="interviews.id", ondelete="CASCADE", primary_key=True)
    item_id: str = Field(primary_key=True)
    ticked_at: datetime = Field(sa_type=UTCDateTime)


class ExportRow(SQLModel, table=True):
    """A signed scorecard written to disk: where, its SHA-256, who signed (revision 0003)."""

    __tablename__ = "exports"

    id: int | None = Field(default=None, primary_key=True)
    interview_id: int = Field(foreign_key="interviews.id", ondelete="CASCADE", index=True)
    path: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str
    signer_fingerprint: str
    page_size: str
    exported_at: datetime = Field(sa_type=UTCDateTime)


class TeamLinkRow(SQLModel, table=True):
    """The team store this profile publishes to (revision 0005); one row or none."""

    __tablename__ = "team_link"
    __table_args__ = (CheckConstraint("id = 1", name="ck_team_link_one"),)

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(sa_column=Column(Text, nullable=False))  # never with a password
    origin: str  # makes this profile's interview keys unique across the team
    linked_at: float  # Unix seconds


class TeamOutboxRow(SQLModel, table=True):
    """Waiting to be published (revision 0005): a status (queued by triggers) or a card."""

    __tablename__ = "team_outbox"
    __table_args__ = (
        CheckConstraint("kind IN ('status', 'card')", name="ck_team_outbox_kind"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    interview_id: int = Field(foreign_key="interviews.id", ondelete="CASCADE", index=True)
    sha256: str | None = None
    pdf: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    created_at: float
    attempts: int = Field(default=0, sa_column=Column(Integer, nullable=False,
                                                      server_default="0"))
    next_attempt_at: float | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text, nullable=True))


def _table(model: type[SQLModel]) -> Table:
    return cast(Table, model.__table__)  # type: ignore[attr-defined]


# Core handles for column queries and bulk inserts.
candidates = _table(CandidateRow)
interviewers = _table(InterviewerRow)
rubric_snapshots = _table(RubricSnapshotRow)
rubric_texts = _table(RubricTextRow)
interviews = _table(InterviewRow)
interview_notes = _table(InterviewNotesRow)
timer_pauses = _table(TimerPauseRow)
interview_questions = _table(QuestionMarkRow)
adhoc_questions = _table(AdHocQuestionRow)
dimension_scores = _table(DimensionScoreRow)
prep_ticks = _table(PrepTickRow)
exports = _table(ExportRow)
team_link = _table(TeamLinkRow)
team_outbox = _table(TeamOutboxRow)
