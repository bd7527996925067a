"""Many interviews written in one transaction: sample data and benchmark stores.

The live app never comes here; it writes one edit per transaction through the
services. This path inserts rows in batches (executemany), which is what makes
ten thousand interviews take seconds instead of minutes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from itertools import islice
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.dialects.sqlite import insert as upsert
from sqlalchemy.engine import Connection

from scorer.domain.interview import InterviewDetail
from scorer.domain.rubric import Rubric
from scorer.storage.store import Store
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
from scorer.storage.writes import text_key

CHUNK = 1000  # interviews whose rows are built and inserted at a time


def bulk_import(
    store: Store, details: Iterable[InterviewDetail], now: datetime,
    texts: Mapping[tuple[str, str], str] | None = None,
) -> list[int]:
    """Insert complete interviews in one transaction of `store`; see `import_interviews`."""
    with store.write() as tx:
        return import_interviews(tx.connection, details, now, texts)


def import_interviews(
    connection: Connection, details: Iterable[InterviewDetail], now: datetime,
    texts: Mapping[tuple[str, str], str] | None = None,
) -> list[int]:
    """Insert complete interviews, `CHUNK` at a time; return their new ids in order.

    The ids inside `details` (interview, candidate, interviewer) are ignored:
    people are matched by email, and existing people are reused. `texts` holds
    the rubric files' texts by (rubric id, version), pinned with the interviews.
    Only one chunk's rows are in memory at once, and `details` may be a generator.
    """
    keys = _pin_texts(connection, texts or {}, now)
    people = {table.name: _known(connection, table) for table in (candidates, interviewers)}
    pinned: set[tuple[str, str]] = set()
    ids: list[int] = []
    stream = iter(details)
    while chunk := list(islice(stream, CHUNK)):
        ids += _import_chunk(connection, chunk, now, keys, people, pinned)
    return ids


def _import_chunk(
    connection: Connection, details: Sequence[InterviewDetail], now: datetime,
    keys: Mapping[tuple[str, str], str], people: dict[str, dict[str, int]],
    pinned: set[tuple[str, str]],
) -> list[int]:
    candidate_ids = _people(
        connection, candidates, [(d.candidate.name, d.candidate.email) for d in details], now,
        people[candidates.name],
    )
    interviewer_ids = _people(
        connection, interviewers, [(d.interviewer.name, d.interviewer.email) for d in details],
        now, people[interviewers.name],
    )
    rubrics = {(d.rubric.id, d.rubric_version): d.rubric for d in details}
    _pin(connection, {k: r for k, r in rubrics.items() if k not in pinned}, now)
    pinned.update(rubrics)
    # Ids are handed out here, inside the write lock, so the children can refer to them.
    last = connection.execute(select(func.coalesce(func.max(interviews.c.id), 0))).scalar_one()
    first = int(last) + 1
    ids = list(range(first, first + len(details)))
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in _CHILDREN}
    interview_rows = []
    for interview_id, d in zip(ids, details, strict=True):
        interview_rows.append({
            "id": interview_id,
            "candidate_id": candidate_ids[d.candidate.email],
            "interviewer_id": interviewer_ids[d.interviewer.email],
            "rubric_id": d.rubric.id, "rubric_version": d.rubric_version,
            "created_at": d.created_at, "updated_at": d.updated_at,
            "scheduled_for": d.scheduled_for,
            "started_at": d.timer.started_at, "paused_at": d.timer.paused_at,
            "ended_at": d.timer.ended_at, "submitted_at": d.submitted_at,
            "current_question_id": d.current_question_id, "recommendation": d.recommendation,
            "rubric_text_sha256": keys.get((d.rubric.id, d.rubric_version)),
        })
        _children(rows, interview_id, d)
    _insert(connection, interviews, interview_rows)
    for name, table in _CHILDREN.items():
        _insert(connection, table, rows[name])
    return ids


_CHILDREN = {
    "notes": interview_notes,
    "pauses": timer_pauses,
    "questions": interview_questions,
    "adhoc": adhoc_questions,
    "scores": dimension_scores,
    "prep": prep_ticks,
}


def _children(rows: dict[str, list[dict[str, Any]]], interview_id: int, d: InterviewDetail) -> None:
    at = d.updated_at
    rows["notes"].append(
        {"interview_id": interview_id, "general_notes": d.general_notes,
         "summary_note": d.summary_note}
    )
    rows["pauses"] += [
        {"interview_id": interview_id, "started_at": p.started_at, "ended_at": p.ended_at}
        for p in d.timer.pauses
    ]
    rows["questions"] += [
        {"interview_id": interview_id, "question_id": q.question_id,
         "status": q.status.value if q.status else None, "asked_at": q.asked_at,
         "note": q.note, "updated_at": at}
        for q in d.questions
    ]
    rows["adhoc"] += [
        {"interview_id": interview_id, "text": a.text, "asked_at": a.asked_at, "note": a.note,
         "created_at": at, "updated_at": at}
        for a in d.adhoc_questions
    ]
    rows["scores"] += [
        {"interview_id": interview_id, "dimension_id": s.dimension_id, "score": s.score,
         "evidence": s.evidence, "updated_at": at}
        for s in d.scores
    ]
    rows["prep"] += [
        {"interview_id": interview_id, "item_id": item, "ticked_at": at}
        for item in sorted(d.prep_ticked)
    ]


def _known(connection: Connection, table: Any) -> dict[str, int]:
    return {email: pid for pid, email in connection.execute(select(table.c.id, table.c.email))}


def _people(
    connection: Connection, table: Any, people: Iterable[tuple[str, str]], now: datetime,
    known: dict[str, int],
) -> dict[str, int]:
    """`known` (ids by email) with the new ones of `people` inserted and added."""
    new: dict[str, str] = {}
    for name, email in people:
        if email not in known:
            new.setdefault(email, name)
    if new:
        _insert(
            connection, table,
            [{"name": name, "email": email, "created_at": now} for email, name in new.items()],
        )
        query = select(table.c.id, table.c.email).where(table.c.email.in_(list(new)))
        known.update({email: pid for pid, email in connection.execute(query)})
    return known


def _pin(connection: Connection, rubrics: dict[tuple[str, str], Rubric], now: datetime) -> None:
    for (rubric_id, version), rubric in rubrics.items():
        connection.execute(
            upsert(rubric_snapshots).values(
                rubric_id=rubric_id, version=version, title=rubric.title,
                snapshot=rubric.to_snapshot(), pinned_at=now,
            ).on_conflict_do_nothing()
        )


def _pin_texts(
    connection: Connection, texts: Mapping[tuple[str, str], str], now: datetime
) -> dict[tuple[str, str], str]:
    keys = {}
    for version, text in texts.items():
        keys[version] = key = text_key(text)
        connection.execute(
            upsert(rubric_texts).values(sha256=key, text=text, pinned_at=now)
            .on_conflict_do_nothing()
        )
    return keys


def _insert(connection: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        connection.execute(insert(table), rows)
