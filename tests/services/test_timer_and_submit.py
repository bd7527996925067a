from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scorer.domain.changes import Aspect, Change
from scorer.domain.interview import InterviewState
from scorer.domain.interview_errors import IncompleteInterview, InvalidEdit, ReadOnlyInterview
from scorer.domain.rubric import Rubric
from scorer.services.interviews import InterviewService
from scorer.services.store import open_local_store
from tests.services.factories import FakeClock


def test_clock_transitions_report_the_new_state(
    service: InterviewService, clock: FakeClock, interview_id: int
) -> None:
    assert service.start(interview_id).state is InterviewState.IN_PROGRESS
    clock.advance(60)
    assert service.pause(interview_id).state is InterviewState.PAUSED
    clock.advance(30)
    assert service.resume(interview_id).state is InterviewState.IN_PROGRESS
    clock.advance(10)
    change = service.end(interview_id)
    assert (change.aspect, change.state) == (Aspect.TIMER, InterviewState.FINISHED)
    assert service.get_interview(interview_id).elapsed(clock.advance(999)) == 70.0
    with pytest.raises(InvalidEdit, match="has ended"):
        service.pause(interview_id)


def test_an_ended_interview_resumes_with_the_gap_as_a_pause(
    service: InterviewService, clock: FakeClock, interview_id: int
) -> None:
    service.start(interview_id)
    clock.advance(600)
    service.end(interview_id)
    clock.advance(120)
    change = service.reopen(interview_id)
    assert (change.aspect, change.state) == (Aspect.TIMER, InterviewState.IN_PROGRESS)
    clock.advance(60)
    detail = service.get_interview(interview_id)
    assert detail.elapsed(clock.now) == 660.0
    assert len(detail.timer.pauses) == 1
    service.pause(interview_id)  # a live clock again


def test_elapsed_time_survives_a_restart(
    scorer_home: Path, rubric: Rubric
) -> None:
    clock = FakeClock()
    with open_local_store(scorer_home) as store:
        service = InterviewService(store, clock)
        ada = service.add_candidate("Ada", "ada@example.com")
        interview = service.create_interview(ada.id, rubric, "Yan", "yan@example.com").interview_id
        service.start(interview)
        clock.advance(600)
        service.pause(interview)
        clock.advance(120)
        service.resume(interview)
        clock.advance(300)
        service.pause(interview)
    # The app is closed for an hour; the clock stayed paused all along.
    clock.advance(3600)
    with open_local_store(scorer_home) as store:
        service = InterviewService(store, clock)
        detail = service.get_interview(interview)
        assert detail.state is InterviewState.PAUSED
        assert detail.elapsed(clock.now) == 900.0
        service.resume(interview)
        clock.advance(60)
        assert service.get_interview(interview).elapsed(clock.now) == 960.0
    # Closed again while running: wall time counts, as the interview went on.
    clock.advance(240)
    with open_local_store(scorer_home) as store:
        assert InterviewService(store, clock).get_interview(interview).elapsed(clock.now) == 1200.0


def _complete(service: InterviewService, interview_id: int) -> None:
    service.score_dimension(interview_id, "parallel", 3)
    service.score_dimension(interview_id, "working", 2)
    service.set_recommendation(interview_id, "no")
    service.write_summary_note(interview_id, "Good on threads, code never ran.")


def test_submit_names_everything_missing(service: InterviewService, interview_id: int) -> None:
    service.score_dimension(interview_id, "working", 2)
    with pytest.raises(IncompleteInterview) as refused:
        service.submit(interview_id)
    assert refused.value.missing == (
        "score for 'Parallel paradigms'", "a recommendation", "a summary note",
    )
    assert "score for 'Parallel paradigms', a recommendation, a summary note" in str(refused.value)
    assert service.missing_items(interview_id) == list(refused.value.missing)
    assert service.get_interview(interview_id).state is InterviewState.NOT_STARTED


def test_submit_stops_a_running_clock_and_locks_the_interview(
    service: InterviewService, clock: FakeClock, interview_id: int
) -> None:
    service.start(interview_id)
    clock.advance(100)
    service.pause(interview_id)
    clock.advance(50)
    _complete(service, interview_id)
    change = service.submit(interview_id)
    assert (change.aspect, change.state) == (Aspect.SUBMISSION, InterviewState.SUBMITTED)
    detail = service.get_interview(interview_id)
    assert detail.state is InterviewState.SUBMITTED
    assert detail.submitted_at == detail.timer.ended_at == clock.now
    assert detail.elapsed(clock.advance(500)) == 100.0
    assert service.missing_items(interview_id) == []


EDITS: list[Callable[[InterviewService, int], Change]] = [
    lambda s, i: s.start(i),
    lambda s, i: s.pause(i),
    lambda s, i: s.resume(i),
    lambda s, i: s.end(i),
    lambda s, i: s.mark_question_asked(i, "loader"),
    lambda s, i: s.mark_question_skipped(i, "debug"),
    lambda s, i: s.unmark_question(i, "loader"),
    lambda s, i: s.set_current_question(i, "debug"),
    lambda s, i: s.write_question_note(i, "loader", "late thought"),
    lambda s, i: s.add_adhoc_question(i, "One more?"),
    lambda s, i: s.write_adhoc_note(i, 1, "x"),
    lambda s, i: s.write_general_notes(i, "rewritten"),
    lambda s, i: s.write_summary_note(i, "rewritten"),
    lambda s, i: s.score_dimension(i, "parallel", 4),
    lambda s, i: s.write_evidence(i, "parallel", "rewritten"),
    lambda s, i: s.set_recommendation(i, "strong_yes"),
    lambda s, i: s.tick_prep_item(i, "send-key"),
    lambda s, i: s.submit(i),
]


@pytest.mark.parametrize("edit", EDITS)
def test_after_submission_every_edit_is_refused_and_nothing_changes(
    service: InterviewService, clock: FakeClock, interview_id: int,
    edit: Callable[[InterviewService, int], Change],
) -> None:
    service.start(interview_id)
    service.add_adhoc_question(interview_id, "Why?")
    _complete(service, interview_id)
    clock.advance(60)
    service.submit(interview_id)
    before = service.get_interview(interview_id)
    clock.advance(60)
    with pytest.raises(ReadOnlyInterview, match=r"was submitted on .* can no longer be changed"):
        edit(service, interview_id)
    assert service.get_interview(interview_id) == before
