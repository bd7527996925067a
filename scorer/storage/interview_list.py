"""The interview list straight from SQLite, with nothing but the standard library.

The app paints its start screen from this before SQLAlchemy and Alembic are
even imported; `Reader.summaries` runs the same code inside its transaction.
The SQL is written out here; a test checks its rows against each interview read in full.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

from scorer.domain.interview_state import InterviewSummary, state_of

PEOPLE_SQL = "SELECT id, name, email FROM candidates"
STAFF_SQL = "SELECT id, name, email FROM interviewers"
TITLES_SQL = "SELECT rubric_id, version, title FROM rubric_snapshots"
# SQLite adds up which timestamps are set; `state_of` still decides what that means.
LIST_SQL = """
    SELECT id, candidate_id, interviewer_id, rubric_id, rubric_version, created_at,
           scheduled_for, started_at, submitted_at,
           (started_at IS NOT NULL) + 2 * (paused_at IS NOT NULL)
           + 4 * (ended_at IS NOT NULL) + 8 * (submitted_at IS NOT NULL),
           recommendation
    FROM interviews
    ORDER BY coalesce(started_at, created_at) DESC, id DESC
"""
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
