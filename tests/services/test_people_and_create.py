from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from scorer.domain.changes import Aspect
from scorer.domain.interview import InterviewState
from scorer.domain.interview_errors import InterviewNotFound, InvalidEdit
from scorer.domain.rubric import Rubric
from scorer.services.interviews import InterviewService
from scorer.storage import Store
from tests.services.factories import make_rubric


def test_a_candidate_is_reused_by_email_whatever_its_case(service: InterviewService) -> None:
    first = service.add_candidate("Ada Lovelace", "Ada@Example.com")
    again = service.add_candidate("Ada King", " ada@example.COM ")
    assert again == first
    assert first.email == "ada@example.com"
    assert service.list_candidates() == [first]


def test_bad_people_are_refused_before_anything_is_written(service: InterviewService) -> None:
    with pytest.raises(InvalidEdit):
        service.add_candidate("Ada", "not-an-email")
    with pytest.raises(InvalidEdit):
        service.add_candidate("  ", "ada@example.com")
    assert service.list_candidates() == []


def test_interviewers_are_unique_by_email(service: InterviewService) -> None:
    yan = service.add_interviewer("Yan", "yan@example.com")
    assert service.add_interviewer("Yan Again", "YAN@example.com") == yan
    assert service.list_interviewers() == [yan]


def test_create_interview_pins_the_rubric_as_it_is_now(
    service: InterviewService, store: Store
) -> None:
    ada = service.add_candidate("Ada Lovelace", "ada@example.com")
    old = make_rubric(title="Toy coding")
    change = service.create_interview(ada.id, old, "Yan", "yan@example.com", date(2025, 3, 4))
    assert change.aspect is Aspect.INTERVIEW and change.state is InterviewState.NOT_STARTED
    edited = make_rubric(title="Toy coding, revised")
    assert edited.version != old.version
    later = service.create_interview(ada.id, edited, "Yan", "yan@example.com")

    fresh = InterviewService(store)  # no cached rubrics: read back from the snapshots
    first = fresh.get_interview(change.interview_id)
    assert first.rubric == old and first.rubric_version == old.version
    assert first.scheduled_for == date(2025, 3, 4)
    assert first.candidate == ada and first.interviewer.email == "yan@example.com"
    assert fresh.get_interview(later.interview_id).rubric.title == "Toy coding, revised"


def test_one_snapshot_row_per_rubric_version(service: InterviewService, store: Store) -> None:
    ada = service.add_candidate("Ada Lovelace", "ada@example.com")
    for _ in range(3):
        service.create_interview(ada.id, make_rubric(), "Yan", "yan@example.com")
    with sqlite3.connect(store.path) as raw:
        assert raw.execute("SELECT count(*) FROM rubric_snapshots").fetchone() == (1,)
        assert raw.execute("SELECT count(*) FROM interviews").fetchone() == (3,)


def test_unknown_ids_are_reported(service: InterviewService) -> None:
    with pytest.raises(InterviewNotFound, match="no candidate with id 42"):
        service.create_interview(42, make_rubric(), "Yan", "yan@example.com")
    with pytest.raises(InterviewNotFound, match="no interview with id 9"):
        service.get_interview(9)
    with pytest.raises(InterviewNotFound, match="no interview with id 9"):
        service.write_general_notes(9, "x")


def test_list_interviews_newest_first_with_columns(
    service: InterviewService, clock: object, interview_id: int
) -> None:
    ada = service.add_candidate("Ada Lovelace", "ada@example.com")
    clock.advance(60)  # type: ignore[attr-defined]
    newer = service.create_interview(ada.id, make_rubric(), "Sam", "sam@example.com").interview_id
    service.start(interview_id)
    clock.advance(60)  # type: ignore[attr-defined]
    service.start(newer)
    rows = service.list_interviews()
    assert [r.id for r in rows] == [newer, interview_id]
    row = rows[0]
    assert (row.candidate_name, row.candidate_email) == ("Ada Lovelace", "ada@example.com")
    assert (row.rubric_id, row.rubric_title) == ("toy", "Toy coding")
    assert (row.interviewer_name, row.state) == ("Sam", InterviewState.IN_PROGRESS)
    assert row.started_at is not None and row.started_at.tzinfo is not None
    assert service.count_interviews() == 2


def test_the_list_and_the_detail_agree_on_every_state(
    service: InterviewService, rubric: Rubric
) -> None:
    ada = service.add_candidate("Ada Lovelace", "ada@example.com")
    ids = [
        service.create_interview(ada.id, rubric, "Yan", "yan@example.com").interview_id
        for _ in range(5)
    ]
    for interview in ids[1:]:
        service.start(interview)
    service.pause(ids[2])
    service.end(ids[3])
    for dimension, score in (("parallel", 1), ("working", 1)):
        service.score_dimension(ids[4], dimension, score)
    service.set_recommendation(ids[4], "strong_no")
    service.write_summary_note(ids[4], "No.")
    service.submit(ids[4])
    listed = {row.id: row.state for row in service.list_interviews()}
    assert [listed[i] for i in ids] == [
        InterviewState.NOT_STARTED, InterviewState.IN_PROGRESS, InterviewState.PAUSED,
        InterviewState.FINISHED, InterviewState.SUBMITTED,
    ]
    assert all(service.get_interview(i).state is listed[i] for i in ids)
