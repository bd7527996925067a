"""What clients read from the team store; row-level security decides what they see."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from scorer.domain.team import (
    Member,
    Role,
    StoredCard,
    TeamCertificate,
    TeamInterview,
    TeamRubric,
    TeamState,
)

if TYPE_CHECKING:
    import psycopg


def whoami(connection: psycopg.Connection) -> Member | None:
    row = connection.execute(
        "SELECT login, name, email, role FROM scorer_team.members WHERE login = session_user"
    ).fetchone()
    return Member(row[0], row[1], row[2], Role(row[3])) if row else None


def members(connection: psycopg.Connection) -> list[Member]:
    rows = connection.execute(
        "SELECT login, name, email, role FROM scorer_team.members ORDER BY role, email")
    return [Member(r[0], r[1], r[2], Role(r[3])) for r in rows]


def interviews(connection: psycopg.Connection, late_before: date, limit: int | None = None
               ) -> list[TeamInterview]:
    """The interviews the login may see: late ones first (scheduled before `late_before`
    and not yet published), then the open ones by date, then the published."""
    query = (
        "SELECT key, candidate_name, candidate_email, kind, interviewer_email, scheduled_for, "
        "state, updated_at FROM scorer_team.interviews "
        "ORDER BY (state <> 'published' AND scheduled_for < %s) DESC, state = 'published', "
        "scheduled_for NULLS LAST, key"
    )
    params: tuple[object, ...] = (late_before,)
    if limit is not None:
        query += " LIMIT %s"
        params = (late_before, limit)
    return [TeamInterview(r[0], r[1], r[2], r[3], r[4], r[5], TeamState(r[6]), r[7])
            for r in connection.execute(query, params)]


def state_counts(connection: psycopg.Connection, late_before: date
                 ) -> tuple[dict[TeamState, int], int]:
    """How many interviews in each state, and how many are late, in one pass."""
    rows = connection.execute(
        "SELECT state, count(*), count(*) FILTER (WHERE state <> 'published' "
        "AND scheduled_for < %s) FROM scorer_team.interviews GROUP BY state", (late_before,))
    counts: dict[TeamState, int] = {}
    late = 0
    for state, count, late_here in rows:
        counts[TeamState(state)] = int(count)
        late += int(late_here)
    return counts, late


def cards(connection: psycopg.Connection, candidate_email: str | None = None
          ) -> list[StoredCard]:
    """The cards the login may read, of one candidate or of all."""
    query = ("SELECT sha256, candidate_email, kind, interviewer_email, fingerprint, pdf "
             "FROM scorer_team.cards")
    params: tuple[object, ...] = ()
    if candidate_email is not None:
        query += " WHERE lower(candidate_email) = lower(%s)"
        params = (candidate_email,)
    query += " ORDER BY candidate_email, kind, published_at"
    return [StoredCard(r[0], r[1], r[2], r[3], r[4], bytes(r[5]))
            for r in connection.execute(query, params)]


def certificates(connection: psycopg.Connection) -> list[TeamCertificate]:
    """The live trust list."""
    rows = connection.execute(
        "SELECT fingerprint, name, email, pem FROM scorer_team.certificates "
        "WHERE retired_at IS NULL ORDER BY email, fingerprint")
    return [TeamCertificate(r[0], r[1], r[2], r[3].encode("ascii")) for r in rows]


def rubrics(connection: psycopg.Connection) -> list[TeamRubric]:
    """The newest published text of each rubric file."""
    rows = connection.execute(
        "SELECT DISTINCT ON (file_name) sha256, rubric_id, version, file_name, text "
        "FROM scorer_team.rubrics ORDER BY file_name, published_at DESC")
    return [TeamRubric(*r) for r in rows]
