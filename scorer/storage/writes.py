"""Writes inside one IMMEDIATE transaction. The services decide; this only stores."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, update
from sqlalchemy.dialects.sqlite import insert as upsert

from scorer.domain.interview import QuestionStatus
from scorer.domain.interview_errors import InterviewNotFound
from scorer.domain.people import Candidate, Interviewer
from scorer.domain.rubric import Rubric
from scorer.domain.timer import Timer
from scorer.storage.reads import A, I, Q, Reader
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


class Writer(Reader):
    """One write transaction: reads see its own writes; all of it commits, or none."""

    def add_candidate(self, name: str, email: str, now: datetime) -> Candidate:
        result = self.connection.execute(
            insert(candidates).values(name=name, email=email, created_at=now)
        )
        return Candidate(_new_id(result.inserted_primary_key), name, email)

    def add_interviewer(self, name: str, email: str, now: datetime) -> Interviewer:
        result = self.connection.execute(
            insert(interviewers).values(name=name, email=email, created_at=now)
        )
        return Interviewer(_new_id(result.inserted_primary_key), name, email)

    def rename_interviewer(self, interviewer_id: int, name: str) -> None:
        self.connection.execute(
            update(interviewers).where(interviewers.c.id == interviewer_id).values(name=name)
        )

    def pin_rubric(self, rubric: Rubric, now: datetime) -> None:
        """Store the snapshot once per (id, version); an existing row is never touched."""
        self.connection.execute(
            upsert(rubric_snapshots)
            .values(
                rubric_id=rubric.id, version=rubric.version, title=rubric.title,
                snapshot=rubric.to_snapshot(), pinned_at=now,
            )
            .on_conflict_do_nothing()
        )

    def add_interview(
        self, candidate_id: int, interviewer_id: int, rubric: Rubric,
        scheduled_for: date | None, now: datetime,
    ) -> int:
        result = self.connection.execute(
            insert(interviews).values(
                candidate_id=candidate_id, interviewer_id=interviewer_id,
                rubric_id=rubric.id, rubric_version=rubric.version, scheduled_for=scheduled_for,
                created_at=now, updated_at=now,
            )
        )
        interview_id = _new_id(result.inserted_primary_key)
        self.connection.execute(
            insert(interview_notes).values(
                interview_id=interview_id, general_notes="", summary_note=""
            )
        )
        return interview_id

    def touch(self, interview_id: int, now: datetime, **values: Any) -> None:
        """Update columns of the interview row and its `updated_at`."""
        self.connection.execute(
            update(interviews).where(I.id == interview_id).values(updated_at=now, **values)
        )

    def write_notes(self, interview_id: int, **texts: str) -> None:
        """`general_notes=` and/or `summary_note=`."""
        self.connection.execute(
            update(interview_notes).where(interview_notes.c.interview_id == interview_id)
            .values(**texts)
        )

    def save_timer(self, interview_id: int, before: Timer, after: Timer, now: datetime) -> None:
        new_pauses = after.pauses[len(before.pauses):]
        if new_pauses:
            self.connection.execute(
                insert(timer_pauses),
                [
                    {"interview_id": interview_id, "started_at": p.started_at,
                     "ended_at": p.ended_at}
                    for p in new_pauses
                ],
            )
        self.touch(
            interview_id, now,
            started_at=after.started_at, paused_at=after.paused_at, ended_at=after.ended_at,
        )

    def mark_question(
        self, interview_id: int, question_id: str, status: QuestionStatus | None,
        asked_at: float | None, now: datetime,
    ) -> None:
        """Set the mark; the note is kept, and so is the offset of a question asked twice."""
        values = {"status": status.value if status else None, "asked_at": asked_at}
        asked = status is QuestionStatus.ASKED
        self._upsert_question(interview_id, question_id, values, now, keep_offset=asked)

    def write_question_note(
        self, interview_id: int, question_id: str, note: str, now: datetime
    ) -> None:
        self._upsert_question(interview_id, question_id, {"note": note}, now)

    def _upsert_question(
        self, interview_id: int, question_id: str, values: dict[str, Any], now: datetime,
        keep_offset: bool = False,
    ) -> None:
        statement = upsert(interview_questions).values(
            interview_id=interview_id, question_id=question_id, updated_at=now,
            **{"status": None, "asked_at": None, "note": "", **values},
        )
        changes: dict[str, Any] = {**values, "updated_at": now}
        if keep_offset:
            changes["asked_at"] = func.coalesce(Q.asked_at, statement.excluded.asked_at)
        self.connection.execute(
            statement.on_conflict_do_update(
                index_elements=["interview_id", "question_id"], set_=changes
            )
        )

    def add_adhoc(self, interview_id: int, text: str, asked_at: float | None, now: datetime) -> int:
        result = self.connection.execute(
            insert(adhoc_questions).values(
                interview_id=interview_id, text=text, asked_at=asked_at, note="",
                created_at=now, updated_at=now,
            )
        )
        return _new_id(result.inserted_primary_key)

    def write_adhoc_note(self, interview_id: int, adhoc_id: int, note: str, now: datetime) -> None:
        result = self.connection.execute(
            update(adhoc_questions)
            .where((A.id == adhoc_id) & (A.interview_id == interview_id))
            .values(note=note, updated_at=now)
        )
        if result.rowcount != 1:
            raise InterviewNotFound(
                f"Interview {interview_id} has no ad-hoc question with id {adhoc_id}."
            )

    def set_score(
        self, interview_id: int, dimension_id: str, values: dict[str, Any], now: datetime
    ) -> None:
        """Set `score` and/or `evidence` of one dimension, leaving the other as it was."""
        statement = upsert(dimension_scores).values(
            interview_id=interview_id, dimension_id=dimension_id, updated_at=now,
            **{"score": None, "evidence": "", **values},
        )
        self.connection.execute(
            statement.on_conflict_do_update(
                index_elements=["interview_id", "dimension_id"], set_={**values, "updated_at": now}
            )
        )

    def set_prep(self, interview_id: int, item_id: str, ticked: bool, now: datetime) -> None:
        if ticked:
            statement = upsert(prep_ticks).values(
                interview_id=interview_id, item_id=item_id, ticked_at=now
            )
            self.connection.execute(statement.on_conflict_do_nothing())
        else:
            self.connection.execute(
                delete(prep_ticks).where(
                    (prep_ticks.c.interview_id == interview_id) & (prep_ticks.c.item_id == item_id)
                )
            )


def _new_id(primary_key: Any) -> int:
    return int(primary_key[0])
