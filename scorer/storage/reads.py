"""Queries that build domain values. Lists select columns, never ORM objects."""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Connection

from scorer.domain.interview import (
    AdHocQuestion,
    DimensionScore,
    InterviewDetail,
    InterviewHead,
    InterviewSummary,
    QuestionMark,
    QuestionStatus,
    state_of,
)
from scorer.domain.interview_errors import InterviewNotFound
from scorer.domain.people import Candidate, Interviewer
from scorer.domain.rubric import Rubric
from scorer.domain.timer import Pause, Timer
from scorer.storage.tables import (
    adhoc_questions,
    candidates,
    dimension_scores,
    interview_notes,
    interview_questions,
    interviewers,
    interviews,
    prep_ticks,
    rubric_snapshots,
    timer_pauses,
)
from scorer.storage.types import from_text

I = interviews.c  # noqa: E741
C = candidates.c
W = interviewers.c
R = rubric_snapshots.c
P = timer_pauses.c
Q = interview_questions.c
A = adhoc_questions.c
S = dimension_scores.c
T = prep_ticks.c
N = interview_notes.c

RubricLoader = Callable[[str, str], Rubric]


def _sql(query: Select[Any]) -> str:
    return str(query.compile(dialect=sqlite.dialect()))


_PEOPLE_SQL = _sql(select(C.id, C.name, C.email))
_STAFF_SQL = _sql(select(W.id, W.name, W.email))
_TITLES_SQL = _sql(select(R.rubric_id, R.version, R.title))
_STATES = {flags: state_of(*flags) for flags in itertools.product((False, True), repeat=4)}
_LIST_SQL = _sql(select(
    I.id, I.candidate_id, I.interviewer_id, I.rubric_id, I.rubric_version, I.created_at,
    I.scheduled_for, I.started_at, I.submitted_at, I.paused_at.is_not(None),
    I.ended_at.is_not(None), I.recommendation,
))

_joined = (
    interviews.join(candidates, I.candidate_id == C.id)
    .join(interviewers, I.interviewer_id == W.id)
    .join(rubric_snapshots, (I.rubric_id == R.rubric_id) & (I.rubric_version == R.version))
)


class Reader:
    """Reads inside one transaction; every method returns plain domain values."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def count_interviews(self) -> int:
        query = select(func.count()).select_from(interviews)
        return int(self.connection.execute(query).scalar_one())

    def summaries(self) -> list[InterviewSummary]:
        """Newest first: by when held, or when created if not held yet.

        The hottest read of the app, so it reads plain tuples from the driver
        (inside the same transaction), skipping SQLAlchemy's row processing;
        the timestamps sort as text. People and rubric titles are joined here
        rather than in SQL: a few thousand distinct strings instead of one copy
        per row, and no wide rows for SQLite to sort.
        """
        driver = self.connection.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        run = driver.execute
        people = {pid: (name, email) for pid, name, email in run(_PEOPLE_SQL)}
        staff = {pid: (name, email) for pid, name, email in run(_STAFF_SQL)}
        titles = {(rid, version): title for rid, version, title in run(_TITLES_SQL)}
        rows = run(_LIST_SQL).fetchall()
        rows.sort(key=lambda row: (row[7] or row[5], row[0]), reverse=True)
        return [
            InterviewSummary(
                iid, *people[cid], rid, titles[rid, version], *staff[wid],
                _STATES[started is not None, bool(paused), bool(ended), submitted is not None],
                from_text(created),
                date.fromisoformat(scheduled) if scheduled else None,
                from_text(started) if started else None,
                from_text(submitted) if submitted else None,
                recommendation,
            )
            for (iid, cid, wid, rid, version, created, scheduled, started, submitted, paused,
                 ended, recommendation) in rows
        ]

    def head(self, interview_id: int) -> InterviewHead:
        query = select(
            I.id, C.name, I.rubric_id, I.rubric_version, R.title, I.started_at, I.ended_at,
            I.paused_at, I.submitted_at,
        ).select_from(_joined).where(I.id == interview_id)
        row = self.connection.execute(query).first()
        if row is None:
            raise InterviewNotFound(f"There is no interview with id {interview_id}.")
        iid, cname, rid, version, title, started, ended, paused, submitted = row
        timer = Timer(started, ended, paused, self._pauses(interview_id))
        return InterviewHead(iid, cname, rid, version, title, timer, submitted)

    def _pauses(self, interview_id: int) -> tuple[Pause, ...]:
        query = select(P.started_at, P.ended_at).where(P.interview_id == interview_id)
        rows = self.connection.execute(query.order_by(P.started_at, P.id))
        return tuple(Pause(started, ended) for started, ended in rows)

    def snapshot(self, rubric_id: str, version: str) -> str:
        query = select(R.snapshot).where((R.rubric_id == rubric_id) & (R.version == version))
        return str(self.connection.execute(query).scalar_one())

    def detail(self, interview_id: int, rubric: RubricLoader) -> InterviewDetail:
        head = self.head(interview_id)
        row = self.connection.execute(
            select(
                C.id, C.name, C.email, W.id, W.name, W.email, I.created_at, I.updated_at,
                I.scheduled_for, I.current_question_id, N.general_notes, N.summary_note,
                I.recommendation,
            ).select_from(_joined.join(interview_notes, N.interview_id == I.id))
            .where(I.id == interview_id)
        ).one()
        (cid, cname, cemail, wid, wname, wemail, created, updated, scheduled, current,
         general, summary, recommendation) = row
        return InterviewDetail(
            id=interview_id,
            candidate=Candidate(cid, cname, cemail),
            interviewer=Interviewer(wid, wname, wemail),
            rubric=rubric(head.rubric_id, head.rubric_version),
            rubric_version=head.rubric_version,
            created_at=created,
            updated_at=updated,
            scheduled_for=scheduled,
            timer=head.timer,
            submitted_at=head.submitted_at,
            current_question_id=current,
            questions=self._questions(interview_id),
            adhoc_questions=self._adhoc(interview_id),
            scores=self._scores(interview_id),
            prep_ticked=self._prep_ticked(interview_id),
            general_notes=general,
            summary_note=summary,
            recommendation=recommendation,
        )

    def _prep_ticked(self, interview_id: int) -> frozenset[str]:
        query = select(T.item_id).where(T.interview_id == interview_id)
        return frozenset(self.connection.execute(query).scalars())

    def _questions(self, interview_id: int) -> tuple[QuestionMark, ...]:
        """In the order asked; unasked ones (skipped, or a note only) last."""
        query = select(Q.question_id, Q.status, Q.asked_at, Q.note)
        query = query.where(Q.interview_id == interview_id)
        rows = self.connection.execute(
            query.order_by(Q.asked_at.is_(None), Q.asked_at, Q.question_id)
        )
        return tuple(
            QuestionMark(qid, QuestionStatus(status) if status else None, asked_at, note)
            for qid, status, asked_at, note in rows
        )

    def _adhoc(self, interview_id: int) -> tuple[AdHocQuestion, ...]:
        query = select(A.id, A.text, A.asked_at, A.note).where(A.interview_id == interview_id)
        return tuple(AdHocQuestion(*row) for row in self.connection.execute(query.order_by(A.id)))

    def _scores(self, interview_id: int) -> tuple[DimensionScore, ...]:
        query = select(S.dimension_id, S.score, S.evidence).where(S.interview_id == interview_id)
        return tuple(DimensionScore(*row) for row in self.connection.execute(query))

    def scores(self, interview_id: int) -> dict[str, int | None]:
        return {s.dimension_id: s.score for s in self._scores(interview_id)}

    def verdict(self, interview_id: int) -> tuple[str | None, str]:
        """The recommendation and summary note, which submission checks."""
        query = select(I.recommendation, N.summary_note).select_from(
            interviews.join(interview_notes, N.interview_id == I.id)
        ).where(I.id == interview_id)
        recommendation, summary = self.connection.execute(query).one()
        return recommendation, summary

    def candidates(self) -> list[Candidate]:
        query = select(C.id, C.name, C.email).order_by(C.name, C.id)
        return [Candidate(*row) for row in self.connection.execute(query)]

    def candidate(self, candidate_id: int) -> Candidate:
        query = select(C.id, C.name, C.email).where(C.id == candidate_id)
        row = self.connection.execute(query).first()
        if row is None:
            raise InterviewNotFound(f"There is no candidate with id {candidate_id}.")
        return Candidate(*row)

    def candidate_by_email(self, email: str) -> Candidate | None:
        row = self.connection.execute(select(C.id, C.name, C.email).where(C.email == email)).first()
        return Candidate(*row) if row else None

    def interviewers(self) -> list[Interviewer]:
        query = select(W.id, W.name, W.email).order_by(W.name, W.id)
        return [Interviewer(*row) for row in self.connection.execute(query)]

    def interviewer_by_email(self, email: str) -> Interviewer | None:
        row = self.connection.execute(select(W.id, W.name, W.email).where(W.email == email)).first()
        return Interviewer(*row) if row else None

    def integrity_check(self) -> str:
        rows = self.connection.exec_driver_sql("PRAGMA integrity_check").fetchall()
        return "\n".join(str(r[0]) for r in rows)

