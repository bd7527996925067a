"""Writes inside one IMMEDIATE transaction. The services decide; this only stores."""

from __future__ import annotations

import functools
import hashlib
from datetime import date, datetime
from typing import Any

from sqlalchemy import Update, bindparam, delete, func, insert, update
from sqlalchemy.dialects.sqlite import Insert
from sqlalchemy.dialects.sqlite import insert as upsert
from sqlalchemy.engine import Connection

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
    rubric_texts,
    timer_pauses,
)


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Writer(Reader):
    """One write transaction: reads see its own writes; all of it commits, or none.

    Changes to an interview's own row (`set_current_question`, `set_recommendation`,
    `save_timer`, `submit`) are held until `touch`, which writes them with `updated_at`
    in one UPDATE.
    """

    def __init__(self, connection: Connection) -> None:
        super().__init__(connection)
        self._row: dict[int, dict[str, Any]] = {}  # held interview-row changes, by id

    def _hold(self, interview_id: int, **values: Any) -> None:
        self._row.setdefault(interview_id, {}).update(values)

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

    def pin_text(self, text: str, now: datetime) -> str:
        """Store a rubric file's text once; its key, the SHA-256 of its UTF-8 bytes."""
        key = text_key(text)
        self.connection.execute(
            upsert(rubric_texts).values(sha256=key, text=text, pinned_at=now)
            .on_conflict_do_nothing()
        )
        return key

    def add_interview(
        self, candidate_id: int, interviewer_id: int, rubric: Rubric,
        scheduled_for: date | None, now: datetime, text_key: str | None = None,
    ) -> int:
        result = self.connection.execute(
            insert(interviews).values(
                candidate_id=candidate_id, interviewer_id=interviewer_id,
                rubric_id=rubric.id, rubric_version=rubric.version, scheduled_for=scheduled_for,
                created_at=now, updated_at=now, rubric_text_sha256=text_key,
            )
        )
        interview_id = _new_id(result.inserted_primary_key)
        self.connection.execute(
            insert(interview_notes).values(
                interview_id=interview_id, general_notes="", summary_note=""
            )
        )
        return interview_id

    def touch(self, interview_id: int, now: datetime) -> None:
        """Write the interview row's held changes and its `updated_at`, in one statement."""
        values = {**self._row.pop(interview_id, {}), "updated_at": now}
        self.connection.execute(
            _update_interview(tuple(sorted(values))),
            {"_id": interview_id, **{f"v_{k}": v for k, v in values.items()}},
        )

    def set_current_question(self, interview_id: int, question_id: str | None) -> None:
        self._hold(interview_id, current_question_id=question_id)

    def set_recommendation(self, interview_id: int, option_id: str | None) -> None:
        self._hold(interview_id, recommendation=option_id)

    def submit(self, interview_id: int, at: datetime) -> None:
        self._hold(interview_id, submitted_at=at)

    def save_timer(self, interview_id: int, before: Timer, after: Timer) -> None:
        """Store the pauses closed since `before`, and hold the clock's moments of `after`."""
        for pause in after.pauses[len(before.pauses):]:
            self.connection.execute(
                _INSERT_PAUSE,
                {"interview_id": interview_id, "started_at": pause.started_at,
                 "ended_at": pause.ended_at},
            )
        self._hold(interview_id, started_at=after.started_at, paused_at=after.paused_at,
                   ended_at=after.ended_at)

    def write_general_notes(self, interview_id: int, text: str) -> None:
        self.connection.execute(_update_notes(("general_notes",)),
                                {"_id": interview_id, "v_general_notes": text})

    def write_summary_note(self, interview_id: int, text: str) -> None:
        self.connection.execute(_update_notes(("summary_note",)),
                                {"_id": interview_id, "v_summary_note": text})

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
        row = {"status": None, "asked_at": None, "note": "", **values}
        self.connection.execute(
            _upsert_question(tuple(sorted(values)), keep_offset),
            {"interview_id": interview_id, "question_id": question_id, "updated_at": now, **row},
        )

    def add_adhoc(self, interview_id: int, text: str, asked_at: float | None, now: datetime) -> int:
        result = self.connection.execute(
            _INSERT_ADHOC,
            {"interview_id": interview_id, "text": text, "asked_at": asked_at, "note": "",
             "created_at": now, "updated_at": now},
        )
        return _new_id(result.inserted_primary_key)

    def write_adhoc_note(self, interview_id: int, adhoc_id: int, note: str, now: datetime) -> None:
        result = self.connection.execute(
            _UPDATE_ADHOC_NOTE,
            {"_id": adhoc_id, "_interview": interview_id, "v_note": note, "v_updated_at": now},
        )
        if result.rowcount != 1:
            raise InterviewNotFound(
                f"Interview {interview_id} has no ad-hoc question with id {adhoc_id}."
            )

    def set_score(self, interview_id: int, dimension_id: str, score: int | None,
                  now: datetime) -> None:
        """Set one dimension's level; its evidence stays as it was."""
        self._upsert_score(interview_id, dimension_id, now, "score", score=score)

    def write_evidence(self, interview_id: int, dimension_id: str, text: str,
                       now: datetime) -> None:
        """Set one dimension's evidence note; its level stays as it was."""
        self._upsert_score(interview_id, dimension_id, now, "evidence", evidence=text)

    def _upsert_score(self, interview_id: int, dimension_id: str, now: datetime,
                      changed: str, **value: Any) -> None:
        self.connection.execute(
            _upsert_score((changed,)),
            {"interview_id": interview_id, "dimension_id": dimension_id, "updated_at": now,
             "score": None, "evidence": "", **value},
        )

    def set_prep(self, interview_id: int, item_id: str, ticked: bool, now: datetime) -> None:
        parameters = {"interview_id": interview_id, "item_id": item_id}
        if ticked:
            self.connection.execute(_TICK, {**parameters, "ticked_at": now})
        else:
            self.connection.execute(_UNTICK, parameters)


# The statements of the live edits are built once: building a statement costs
# SQLAlchemy several times what SQLite takes to run it.

def _column_params(columns: tuple[str, ...]) -> dict[str, Any]:
    # Named apart from the columns: SQLAlchemy reserves the column names for itself.
    return {column: bindparam(f"v_{column}") for column in columns}


@functools.cache
def _update_interview(columns: tuple[str, ...]) -> Update:
    return update(interviews).where(I.id == bindparam("_id")).values(_column_params(columns))


@functools.cache
def _update_notes(columns: tuple[str, ...]) -> Update:
    return (
        update(interview_notes)
        .where(interview_notes.c.interview_id == bindparam("_id"))
        .values(_column_params(columns))
    )


@functools.cache
def _upsert_question(changed: tuple[str, ...], keep_offset: bool) -> Insert:
    statement = upsert(interview_questions)
    changes: dict[str, Any] = {c: statement.excluded[c] for c in (*changed, "updated_at")}
    if keep_offset:
        changes["asked_at"] = func.coalesce(Q.asked_at, statement.excluded.asked_at)
    return statement.on_conflict_do_update(
        index_elements=["interview_id", "question_id"], set_=changes
    )


@functools.cache
def _upsert_score(changed: tuple[str, ...]) -> Insert:
    statement = upsert(dimension_scores)
    return statement.on_conflict_do_update(
        index_elements=["interview_id", "dimension_id"],
        set_={c: statement.excluded[c] for c in (*changed, "updated_at")},
    )


_INSERT_PAUSE = insert(timer_pauses)
_INSERT_ADHOC = insert(adhoc_questions)
_UPDATE_ADHOC_NOTE = (
    update(adhoc_questions)
    .where((A.id == bindparam("_id")) & (A.interview_id == bindparam("_interview")))
    .values(_column_params(("note", "updated_at")))
)
_TICK = upsert(prep_ticks).on_conflict_do_nothing()
_UNTICK = delete(prep_ticks).where(
    (prep_ticks.c.interview_id == bindparam("interview_id"))
    & (prep_ticks.c.item_id == bindparam("item_id"))
)


def _new_id(primary_key: Any) -> int:
    return int(primary_key[0])
