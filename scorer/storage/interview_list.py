"""The interview list straight from SQLite, with nothing but the standard library.

The app paints its start screen from this before SQLAlchemy and Alembic are
even imported; `Reader.summaries` runs the same code inside its transaction.
The SQL is written out here, and a test checks it against the table definitions.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

from scorer.domain.interview_state import InterviewSummary, state_of

PEOPLE_SQL = "SELECT candidates.id, candidates.name, candidates.email \nFROM candidates"
STAFF_SQL = "SELECT interviewers.id, interviewers.name, interviewers.email \nFROM interviewers"
TITLES_SQL = (
    "SELECT rubric_snapshots.rubric_id, rubric_snapshots.version, rubric_snapshots.title "
    "\nFROM rubric_snapshots"
)
# SQLite adds up which timestamps are set; `state_of` still decides what that means.
LIST_SQL = (
    "SELECT interviews.id, interviews.candidate_id, interviews.interviewer_id, "
    "interviews.rubric_id, interviews.rubric_version, interviews.created_at, "
    "interviews.scheduled_for, interviews.started_at, interviews.submitted_at, "
    "CAST(interviews.started_at IS NOT NULL AS INTEGER) "
    "+ 2 * CAST(interviews.paused_at IS NOT NULL AS INTEGER) "
    "+ 4 * CAST(interviews.ended_at IS NOT NULL AS INTEGER) "
    "+ 8 * CAST(interviews.submitted_at IS NOT NULL AS INTEGER) AS anon_1, "
    "interviews.recommendation \nFROM interviews "
    "ORDER BY coalesce(interviews.started_at, interviews.created_at) DESC, interviews.id DESC"
)
_STATES = [state_of(*(bool(flags & bit) for bit in (1, 2, 4, 8))) for flags in range(16)]


def _utc(value: str) -> datetime:
    return datetime.fromisoformat(value + "+00:00")


def read_summaries(connection: sqlite3.Connection) -> list[InterviewSummary]:
    """Newest first: by when held, or when created if not held yet.

    People and rubric titles are joined here rather than in SQL: a few thousand
    distinct strings instead of one copy per row, and narrow rows for SQLite to
    sort (the timestamps sort as text).
    """
    run = connection.execute
    people = {pid: (name, email) for pid, name, email in run(PEOPLE_SQL)}
    staff = {pid: (name, email) for pid, name, email in run(STAFF_SQL)}
    titles = {(rid, version): title for rid, version, title in run(TITLES_SQL)}
    parse, states, day = _utc, _STATES, date.fromisoformat
    return [
        InterviewSummary(
            iid, *people[cid], rid, titles[rid, version], *staff[wid], states[flags],
            parse(created), day(scheduled) if scheduled else None,
            parse(started) if started else None, parse(submitted) if submitted else None,
            recommendation,
        )
        for (iid, cid, wid, rid, version, created, scheduled, started, submitted, flags,
             recommendation) in run(LIST_SQL)
    ]


def quick_summaries(path: Path, revision: str) -> list[InterviewSummary] | None:
    """The list from a database already at `revision`, read-only; None when that is not so.

    None is no error: the full open that follows migrates the database or explains
    what is wrong with it.
    """
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1.0)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None or row[0] != revision:
            return None
        return read_summaries(connection)
    except (sqlite3.Error, KeyError, ValueError):
        return None
    finally:
        connection.close()
