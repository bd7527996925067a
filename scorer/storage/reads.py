"""Queries that build domain values. Lists select columns, never ORM objects."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.engine import Connection

from scorer.domain.interview import (
    AdHocQuestion,
    DimensionScore,
    InterviewDetail,
    InterviewHead,
    InterviewSummary,
    QuestionMark,
    QuestionStatus,
)
from scorer.domain.interview_errors import InterviewNotFound
from scorer.domain.interview_state import state_of
from scorer.domain.people import Candidate, Interviewer
from scorer.domain.rubric import Rubric
from scorer.domain.rubric_use import RubricUse
from scorer.domain.timer import Pause, Timer
from scorer.storage.interview_list import read_summaries
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
    rubric_texts,
    timer_pauses,
)

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
X = rubric_texts.c

RubricLoader = Callable[[str, str], Rubric]


_joined = (
    interviews.join(candidates, I.candidate_id == C.id)
    .join(interviewers, I.interviewer_id == W.id)
    .join(rubric_snapshots, (I.rubric_id == R.rubric_id) & (I.rubric_version == R.version))
)


def _this(column: Any) -> Any:
    return column == bindparam("id")


# Built once: building a statement costs SQLAlchemy more than SQLite takes to run it.
_HEAD = select(
    I.id, C.name, I.rubric_id, I.rubric_version, R.title, I.started_at, I.ended_at,
    I.paused_at, I.submitted_at,
).select_from(_joined).where(_this(I.id))
_PAUSES = select(P.started_at, P.ended_at).where(_this(P.interview_id)).order_by(
    P.started_at, P.id
)
_SNAPSHOT = select(R.snapshot).where(
    (R.rubric_id == bindparam("rubric_id")) & (R.version == bindparam("version"))
)
_DETAIL = select(
    C.id, C.name, C.email, W.id, W.name, W.email, I.created_at, I.updated_at,
    I.scheduled_for, I.current_question_id, N.general_notes, N.summary_note, I.recommendation,
).select_from(_joined.join(interview_notes, N.interview_id == I.id)).where(_this(I.id))
# In the order asked; unasked ones (skipped, or a note only) last.
_QUESTIONS = select(Q.question_id, Q.status, Q.asked_at, Q.note).where(
    _this(Q.interview_id)
).order_by(Q.asked_at.is_(None), Q.asked_at, Q.question_id)
_ADHOC = select(A.id, A.text, A.asked_at, A.note).where(_this(A.interview_id)).order_by(A.id)
_SCORES = select(S.dimension_id, S.score, S.evidence).where(_this(S.interview_id))
_PREP = select(T.item_id).where(_this(T.interview_id))
_TEXT = select(X.text).select_from(
    interviews.join(rubric_texts, I.rubric_text_sha256 == X.sha256)
).where(_this(I.id))
_USES = select(
    I.id, C.name, W.name, I.rubric_version, func.coalesce(I.started_at, I.created_at),
    I.started_at.is_not(None), I.paused_at.is_not(None), I.ended_at.is_not(None),
    I.submitted_at.is_not(None), I.rubric_text_sha256.is_not(None),
).select_from(
    interviews.join(candidates, I.candidate_id == C.id)
    .join(interviewers, I.interviewer_id == W.id)
).where(I.rubric_id == bindparam("rubric_id")).order_by(
    func.coalesce(I.started_at, I.created_at).desc(), I.id.desc()
)
_VERDICT = select(I.recommendation, N.summary_note).select_from(
    interviews.join(interview_notes, N.interview_id == I.id)
).where(_this(I.id))


class Reader:
    """Reads inside one transaction; every method returns plain domain values."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def count_interviews(self) -> int:
        query = select(func.count()).select_from(interviews)
        return int(self.connection.execute(query).scalar_one())

    def summaries(self) -> list[InterviewSummary]:
        """Newest first; plain tuples from the driver, inside this transaction."""
        driver = self.connection.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        return read_summaries(driver)

    def head(self, interview_id: int, pauses: bool = True) -> InterviewHead:
        """The interview as an edit sees it; without `pauses`, the timer lacks its pauses
        (enough to tell the state, not to tell the time)."""
        row = self.connection.execute(_HEAD, {"id": interview_id}).first()
        if row is None:
            raise InterviewNotFound(f"There is no interview with id {interview_id}.")
        iid, cname, rid, version, title, started, ended, paused, submitted = row
        closed = self._pauses(interview_id) if pauses and started is not None else ()
        return InterviewHead(
            iid, cname, rid, version, title, Timer(started, ended, paused, closed), submitted
        )

    def _pauses(self, interview_id: int) -> tuple[Pause, ...]:
        rows = self.connection.execute(_PAUSES, {"id": interview_id})
        return tuple(Pause(started, ended) for started, ended in rows)

    def snapshot(self, rubric_id: str, version: str) -> str:
        parameters = {"rubric_id": rubric_id, "version": version}
        return str(self.connection.execute(_SNAPSHOT, parameters).scalar_one())

    def rubric_text(self, interview_id: int) -> str | None:
        """The rubric file's text pinned with the interview; None if none was."""
        self.head(interview_id, pauses=False)  # refuses an unknown interview
        text = self.connection.execute(_TEXT, {"id": interview_id}).scalar_one_or_none()
        return str(text) if text is not None else None

    def rubric_uses(self, rubric_id: str) -> list[RubricUse]:
        """Every interview of the rubric `rubric_id`, newest first, with the version it used."""
        rows = self.connection.execute(_USES, {"rubric_id": rubric_id})
        return [
            RubricUse(
                iid, candidate, interviewer, version, held,
                state_of(bool(started), bool(paused), bool(ended), bool(submitted)), bool(text),
            )
            for iid, candidate, interviewer, version, held, started, paused, ended, submitted,
            text in rows
        ]

    def detail(self, interview_id: int, rubric: RubricLoader) -> InterviewDetail:
        head = self.head(interview_id)
        (cid, cname, cemail, wid, wname, wemail, created, updated, scheduled, current,
         general, summary, recommendation) = self.connection.execute(
            _DETAIL, {"id": interview_id}
        ).one()
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
            questions=tuple(
                QuestionMark(qid, QuestionStatus(status) if status else None, asked_at, note)
                for qid, status, asked_at, note in self._rows(_QUESTIONS, interview_id)
            ),
            adhoc_questions=tuple(AdHocQuestion(*row) for row in self._rows(_ADHOC, interview_id)),
            scores=tuple(DimensionScore(*row) for row in self._rows(_SCORES, interview_id)),
            prep_ticked=frozenset(item for (item,) in self._rows(_PREP, interview_id)),
            general_notes=general,
            summary_note=summary,
            recommendation=recommendation,
        )

    def _rows(self, query: Select[Any], interview_id: int) -> Sequence[Any]:
        return self.connection.execute(query, {"id": interview_id}).all()

    def scores(self, interview_id: int) -> dict[str, int | None]:
        return {dimension: score for dimension, score, _ in self._rows(_SCORES, interview_id)}

    def verdict(self, interview_id: int) -> tuple[str | None, str]:
        """The recommendation and summary note, which submission checks."""
        recommendation, summary = self.connection.execute(_VERDICT, {"id": interview_id}).one()
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

