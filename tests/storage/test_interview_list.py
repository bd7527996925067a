"""The hand-written list SQL agrees with the table definitions, and the quick read works."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Integer, func, select
from sqlalchemy.dialects import sqlite

from scorer.paths import database_path
from scorer.services.interviews import InterviewService
from scorer.services.store import open_local_store
from scorer.storage import interview_list
from scorer.storage.migrate import HEAD_REVISION
from scorer.storage.tables import candidates, interviewers, interviews, rubric_snapshots
from tests.services.factories import FakeClock, make_rubric


def compiled(query: object) -> str:
    return str(query.compile(  # type: ignore[attr-defined]
        dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}
    ))


def test_sql_matches_the_tables() -> None:
    i, c, w, r = interviews.c, candidates.c, interviewers.c, rubric_snapshots.c
    flags = (
        i.started_at.is_not(None).cast(Integer) + 2 * i.paused_at.is_not(None).cast(Integer)
        + 4 * i.ended_at.is_not(None).cast(Integer)
        + 8 * i.submitted_at.is_not(None).cast(Integer)
    )
    listing = select(
        i.id, i.candidate_id, i.interviewer_id, i.rubric_id, i.rubric_version, i.created_at,
        i.scheduled_for, i.started_at, i.submitted_at, flags, i.recommendation,
    ).order_by(func.coalesce(i.started_at, i.created_at).desc(), i.id.desc())
    expected = {
        "PEOPLE_SQL": select(c.id, c.name, c.email),
        "STAFF_SQL": select(w.id, w.name, w.email),
        "TITLES_SQL": select(r.rubric_id, r.version, r.title),
        "LIST_SQL": listing,
    }
    for name, query in expected.items():
        assert getattr(interview_list, name) == compiled(query), name


def test_quick_read_equals_the_service_list(scorer_home: Path) -> None:
    with open_local_store(scorer_home) as store:
        service = InterviewService(store, FakeClock())
        rubric = make_rubric()
        for name in ("Ada", "Grace"):
            person = service.add_candidate(name, f"{name.lower()}@example.com")
            service.create_interview(person.id, rubric, "Yan", "yan@example.com")
        service.start(1)
        expected = service.list_interviews()
    quick = interview_list.quick_summaries(database_path(scorer_home), HEAD_REVISION)
    assert quick == expected and len(quick) == 2


def test_quick_read_declines_what_it_cannot_read(tmp_path: Path, scorer_home: Path) -> None:
    assert interview_list.quick_summaries(tmp_path / "missing.sqlite3", HEAD_REVISION) is None
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database at all" * 100)
    assert interview_list.quick_summaries(garbage, HEAD_REVISION) is None
    with open_local_store(scorer_home):
        pass
    assert interview_list.quick_summaries(database_path(scorer_home), "0000") is None
