"""The hand-written list SQL gives what each interview says of itself, and the quick read works."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from scorer.domain.interview_state import InterviewState, InterviewSummary
from scorer.paths import database_path
from scorer.services.demo import fill_demo
from scorer.services.interviews import InterviewService
from scorer.services.store import open_local_store
from scorer.storage import interview_list
from scorer.storage.migrate import HEAD_REVISION
from tests.services.factories import FakeClock, make_rubric

NOW = datetime(2025, 6, 2, 15, 0, tzinfo=UTC)


def test_each_row_says_what_the_interview_itself_says(scorer_home: Path) -> None:
    # Sample interviews in every state, some scheduled, some with a recommendation; each
    # listed row is checked against the interview read in full, and the order by itself.
    rubrics = [make_rubric("coding", "Coding"), make_rubric("math", "Math")]
    with open_local_store(scorer_home) as store:
        fill_demo(store, rubrics, 12, clock=lambda: NOW)
        service = InterviewService(store, FakeClock())
        for name in ("Ada", "Grace"):
            person = service.add_candidate(name, f"{name.lower()}@example.com")
            service.create_interview(person.id, rubrics[0], "Yan", "yan@example.com")
        service.start(25)
        service.pause(25)
        listed = interview_list.quick_summaries(database_path(scorer_home), HEAD_REVISION)
        assert listed is not None
        details = {d.id: d for d in (service.get_interview(s.id) for s in listed)}
        assert len(listed) == service.count_interviews() == 26
    assert {s.state for s in listed} == set(InterviewState)
    assert any(s.scheduled_for for s in listed) and any(s.recommendation for s in listed)
    for row in listed:
        d = details[row.id]
        assert row == InterviewSummary(
            d.id, d.candidate.name, d.candidate.email, d.rubric.id, d.rubric.title,
            d.interviewer.name, d.interviewer.email, d.state, d.created_at, d.scheduled_for,
            d.timer.started_at, d.submitted_at, d.recommendation,
        )
    newest_first = sorted(listed, key=lambda s: (s.started_at or s.created_at, s.id),
                          reverse=True)
    assert listed == newest_first


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
