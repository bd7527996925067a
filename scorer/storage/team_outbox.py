"""The local side of the team store: the link to it, and the outbox of what waits.

Status rows are queued by triggers (revision 0005) in the transaction that changes
an interview; cards by `enqueue_card`, in the export's transaction. A row leaves
the outbox only after the server has acknowledged it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, insert, literal, select, update
from sqlalchemy.engine import Connection

from scorer.domain.team import Waiting
from scorer.storage.tables import candidates, interviewers, interviews, team_link, team_outbox

O = team_outbox.c  # noqa: E741
L = team_link.c
I = interviews.c  # noqa: E741


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    origin: str


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    kind: str  # 'status' or 'card'
    interview_id: int
    sha256: str | None
    attempts: int


@dataclass(frozen=True, slots=True)
class StatusFacts:
    candidate_name: str
    candidate_email: str
    rubric_id: str
    interviewer_email: str
    scheduled_for: date | None
    started_at: datetime | None
    ended_at: datetime | None
    submitted_at: datetime | None


def linked(connection: Connection) -> Link | None:
    row = connection.execute(select(L.url, L.origin)).first()
    return Link(row[0], row[1]) if row else None


def link(connection: Connection, url: str, origin: str, now: float) -> int:
    """Connect this profile to a team store; queue every interview's status. How many."""
    connection.execute(delete(team_link))
    connection.execute(insert(team_link).values(id=1, url=url, origin=origin, linked_at=now))
    result = connection.execute(insert(team_outbox).from_select(
        ["kind", "interview_id", "created_at"],
        select(literal("status"), I.id, literal(now)).order_by(I.id),
    ))
    return int(result.rowcount or 0)


def unlink(connection: Connection) -> None:
    connection.execute(delete(team_link))


def enqueue_card(connection: Connection, interview_id: int, sha256: str, pdf: bytes,
                 now: float) -> bool:
    """Queue a signed card if this profile is connected to a team store."""
    if linked(connection) is None:
        return False
    connection.execute(insert(team_outbox).values(
        kind="card", interview_id=interview_id, sha256=sha256, pdf=pdf, created_at=now))
    return True


def due(connection: Connection, now: float | None = None, limit: int = 500
        ) -> list[OutboxItem]:
    """Rows to send, oldest first; with `now`, only those whose back-off has passed."""
    query = select(O.id, O.kind, O.interview_id, O.sha256, O.attempts).order_by(O.id)
    if now is not None:
        query = query.where((O.next_attempt_at.is_(None)) | (O.next_attempt_at <= now))
    return [OutboxItem(*row) for row in connection.execute(query.limit(limit))]


def card_pdf(connection: Connection, item_id: int) -> bytes | None:
    value = connection.execute(select(O.pdf).where(O.id == item_id)).scalar_one_or_none()
    return bytes(value) if value is not None else None


def status_facts(connection: Connection, interview_id: int) -> StatusFacts | None:
    C, W = candidates.c, interviewers.c
    row = connection.execute(
        select(C.name, C.email, I.rubric_id, W.email, I.scheduled_for, I.started_at,
               I.ended_at, I.submitted_at)
        .select_from(interviews.join(candidates, I.candidate_id == C.id)
                     .join(interviewers, I.interviewer_id == W.id))
        .where(I.id == interview_id)
    ).first()
    return StatusFacts(*row) if row else None


def latest_status(connection: Connection, interview_id: int) -> int:
    """The newest queued status row of an interview: its id is the status version."""
    return int(connection.execute(
        select(func.max(O.id)).where(O.kind == "status", O.interview_id == interview_id)
    ).scalar_one() or 0)


def done(connection: Connection, item_ids: list[int]) -> None:
    connection.execute(delete(team_outbox).where(O.id.in_(item_ids)))


def done_statuses(connection: Connection, interview_id: int, up_to: int) -> None:
    """Every queued status of the interview up to version `up_to`: one send covers them."""
    connection.execute(delete(team_outbox).where(
        O.kind == "status", O.interview_id == interview_id, O.id <= up_to))


def failed(connection: Connection, item_ids: list[int], error: str, next_attempt_at: float
           ) -> None:
    connection.execute(update(team_outbox).where(O.id.in_(item_ids)).values(
        attempts=O.attempts + 1, last_error=error, next_attempt_at=next_attempt_at))


def waiting(connection: Connection) -> Waiting:
    counts: dict[str, int] = {
        kind: int(n) for kind, n in connection.execute(
            select(O.kind, func.count()).group_by(O.kind))}
    failing = connection.execute(
        select(func.count()).where(O.last_error.is_not(None))).scalar_one()
    last = connection.execute(
        select(O.last_error).where(O.last_error.is_not(None)).order_by(O.id.desc()).limit(1)
    ).scalar_one_or_none()
    return Waiting(int(counts.get("card", 0)), int(counts.get("status", 0)), int(failing),
                   last)
