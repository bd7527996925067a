from __future__ import annotations

import pytest

from scorer.domain.changes import Aspect
from scorer.domain.interview import QuestionStatus
from scorer.domain.interview_errors import InterviewNotFound, InvalidEdit
from scorer.services.interviews import InterviewService
from tests.services.factories import FakeClock


def test_asking_a_question_records_the_offset_and_makes_it_current(
    service: InterviewService, clock: FakeClock, interview_id: int
) -> None:
    service.start(interview_id)
    clock.advance(125)
    change = service.mark_question_asked(interview_id, "loader")
    assert (change.aspect, change.key, change.saved_at) == (Aspect.QUESTION, "loader", clock.now)
    detail = service.get_interview(interview_id)
    assert detail.question("loader").status is QuestionStatus.ASKED
    assert detail.question("loader").asked_at == 125.0
    assert detail.current_question_id == "loader"


def test_asking_again_keeps_the_first_offset_and_unmarking_keeps_the_note(
    service: InterviewService, clock: FakeClock, interview_id: int
) -> None:
    service.start(interview_id)
    clock.advance(60)
    service.mark_question_asked(interview_id, "loader")
    service.write_question_note(interview_id, "loader", "used a Queue")
    clock.advance(600)
    service.mark_question_asked(interview_id, "loader")
    assert service.get_interview(interview_id).question("loader").asked_at == 60.0
    service.unmark_question(interview_id, "loader")
    mark = service.get_interview(interview_id).question("loader")
    assert (mark.status, mark.asked_at, mark.note) == (None, None, "used a Queue")


def test_skipping_and_notes_without_a_mark(
    service: InterviewService, interview_id: int
) -> None:
    service.mark_question_skipped(interview_id, "debug")
    service.write_question_note(interview_id, "dicts", "ran out of time")
    detail = service.get_interview(interview_id)
    assert detail.question("debug").status is QuestionStatus.SKIPPED
    assert detail.question("dicts").status is None
    assert detail.question("dicts").note == "ran out of time"
    assert detail.current_question_id is None


def test_a_question_asked_before_the_clock_starts_has_no_offset(
    service: InterviewService, interview_id: int
) -> None:
    service.mark_question_asked(interview_id, "loader")
    assert service.get_interview(interview_id).question("loader").asked_at is None


def test_questions_not_in_the_pinned_rubric_are_refused(
    service: InterviewService, interview_id: int
) -> None:
    for action in (
        lambda: service.mark_question_asked(interview_id, "nope"),
        lambda: service.mark_question_skipped(interview_id, "nope"),
        lambda: service.write_question_note(interview_id, "nope", "x"),
        lambda: service.set_current_question(interview_id, "nope"),
    ):
        with pytest.raises(InvalidEdit, match="no question 'nope'"):
            action()
    assert service.get_interview(interview_id).questions == ()


def test_current_question_can_be_set_and_cleared(
    service: InterviewService, interview_id: int
) -> None:
    change = service.set_current_question(interview_id, "debug")
    assert (change.aspect, change.key) == (Aspect.CURRENT_QUESTION, "debug")
    assert service.get_interview(interview_id).current_question_id == "debug"
    service.set_current_question(interview_id, None)
    assert service.get_interview(interview_id).current_question_id is None


def test_adhoc_questions_get_an_id_an_offset_and_a_note(
    service: InterviewService, clock: FakeClock, interview_id: int
) -> None:
    service.start(interview_id)
    clock.advance(300)
    change = service.add_adhoc_question(interview_id, "  How would you test it?  ")
    assert change.aspect is Aspect.ADHOC_QUESTION and change.key is not None
    adhoc_id = int(change.key)
    service.write_adhoc_note(interview_id, adhoc_id, "mentioned property tests")
    (adhoc,) = service.get_interview(interview_id).adhoc_questions
    assert (adhoc.id, adhoc.text, adhoc.asked_at) == (adhoc_id, "How would you test it?", 300.0)
    assert adhoc.note == "mentioned property tests"
    with pytest.raises(InvalidEdit, match="empty"):
        service.add_adhoc_question(interview_id, "   ")


def test_an_adhoc_note_for_another_interviews_question_is_refused(
    service: InterviewService, interview_id: int
) -> None:
    ada = service.get_interview(interview_id).candidate
    other = service.create_interview(ada.id, service.get_interview(interview_id).rubric,
                                     "Yan", "yan@example.com").interview_id
    adhoc_id = int(service.add_adhoc_question(other, "Why?").key or 0)
    with pytest.raises(InterviewNotFound, match="no ad-hoc question"):
        service.write_adhoc_note(interview_id, adhoc_id, "x")


def test_score_and_evidence_are_saved_independently(
    service: InterviewService, interview_id: int
) -> None:
    service.write_evidence(interview_id, "parallel", "used mp.Pool well")
    change = service.score_dimension(interview_id, "parallel", 3)
    assert (change.aspect, change.key) == (Aspect.SCORE, "parallel")
    score = service.get_interview(interview_id).score("parallel")
    assert (score.score, score.evidence) == (3, "used mp.Pool well")
    service.score_dimension(interview_id, "parallel", None)
    score = service.get_interview(interview_id).score("parallel")
    assert (score.score, score.evidence) == (None, "used mp.Pool well")


def test_scores_off_the_scale_or_unknown_dimensions_are_refused(
    service: InterviewService, interview_id: int
) -> None:
    with pytest.raises(InvalidEdit, match="not a level"):
        service.score_dimension(interview_id, "parallel", 9)
    with pytest.raises(InvalidEdit, match="no dimension"):
        service.write_evidence(interview_id, "charisma", "x")
    assert service.get_interview(interview_id).scores == ()


def test_notes_and_recommendation(service: InterviewService, interview_id: int) -> None:
    assert service.write_general_notes(interview_id, "[01:00] hello").aspect is Aspect.GENERAL_NOTES
    assert service.write_summary_note(interview_id, "Solid.").aspect is Aspect.SUMMARY_NOTE
    assert service.set_recommendation(interview_id, "yes").key == "yes"
    detail = service.get_interview(interview_id)
    assert (detail.general_notes, detail.summary_note) == ("[01:00] hello", "Solid.")
    assert detail.recommendation == "yes"
    with pytest.raises(InvalidEdit, match="not a recommendation"):
        service.set_recommendation(interview_id, "maybe")
    service.set_recommendation(interview_id, None)
    assert service.get_interview(interview_id).recommendation is None


def test_prep_items_tick_and_untick(service: InterviewService, interview_id: int) -> None:
    change = service.tick_prep_item(interview_id, "send-key")
    assert (change.aspect, change.key) == (Aspect.PREP, "send-key")
    service.tick_prep_item(interview_id, "send-key")  # ticking twice is harmless
    service.tick_prep_item(interview_id, "check-repo")
    service.tick_prep_item(interview_id, "check-repo", ticked=False)
    assert service.get_interview(interview_id).prep_ticked == {"send-key"}
    with pytest.raises(InvalidEdit, match="no prep item"):
        service.tick_prep_item(interview_id, "buy-coffee")


def test_every_edit_moves_updated_at(
    service: InterviewService, clock: FakeClock, interview_id: int
) -> None:
    clock.advance(42)
    service.tick_prep_item(interview_id, "send-key")
    assert service.get_interview(interview_id).updated_at == clock.now


def test_a_huge_paste_is_refused_with_a_message(
    service: InterviewService, interview_id: int
) -> None:
    with pytest.raises(InvalidEdit, match="longer than"):
        service.write_general_notes(interview_id, "x" * 200_001)
