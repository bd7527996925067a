"""The Qt item models, tested without any view."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from scorer.domain.interview import QuestionStatus
from scorer.services.interviews import InterviewService
from scorer.services.rubric_library import RubricLibrary
from scorer.ui.interview_list_model import IdRole, InterviewListModel
from scorer.ui.question_list_model import QuestionListModel
from scorer.ui.start_screen import CandidateFilter
from tests.services.factories import FakeClock


def make_interviews(service: InterviewService, library: RubricLibrary, clock: FakeClock) -> None:
    coding = library.get("coding")
    assert coding is not None
    for name in ("Ada Byron", "Grace Hopper", "Alan Turing"):
        person = service.add_candidate(name, f"{name.split()[0].lower()}@example.com")
        service.create_interview(person.id, coding, "Yan", "yan@example.com")
    service.start(1)  # in progress
    service.start(2)
    service.end(2)  # finished two days ago, never submitted
    clock.advance(timedelta(days=2).total_seconds())


def test_three_groups_and_a_forgotten_scorecard(
    service: InterviewService, library: RubricLibrary, clock: FakeClock
) -> None:
    make_interviews(service, library, clock)
    model = InterviewListModel(clock())
    model.set_summaries(service.list_interviews(), clock())
    groups = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert groups == ["In progress (2)", "Finished, not submitted (1)", "Submitted (0)"]
    finished = model.index(0, 0, model.index(1, 0))
    assert finished.data() == "Grace Hopper"
    age = model.index(0, 4, model.index(1, 0))
    assert age.data() == "2 days · not submitted!"
    assert age.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert finished.data(IdRole) == 2
    assert model.parent(finished).row() == 1


def test_filter_by_candidate_keeps_matching_groups(
    service: InterviewService, library: RubricLibrary, clock: FakeClock
) -> None:
    make_interviews(service, library, clock)
    model = InterviewListModel(clock())
    model.set_summaries(service.list_interviews(), clock())
    proxy = CandidateFilter()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == 3
    proxy.setFilterFixedString("grace")
    assert proxy.rowCount() == 1
    group = proxy.index(0, 0)
    assert proxy.rowCount(group) == 1
    assert proxy.index(0, 0, group).data() == "Grace Hopper"


def test_question_rows_follow_the_store(
    service: InterviewService, library: RubricLibrary, clock: FakeClock
) -> None:
    make_interviews(service, library, clock)
    service.mark_question_asked(1, "lru-cache")
    service.add_adhoc_question(1, "Why not a dict?")
    detail = service.get_interview(1)
    model = QuestionListModel(detail)
    rubric_questions = len(detail.rubric.questions)
    assert model.rowCount() == rubric_questions + 1
    lru = model.index(model.row_of("lru-cache"))
    assert lru.data().startswith("✓ ")
    assert lru.data(Qt.ItemDataRole.FontRole).bold()  # the current question
    assert model.key_at(rubric_questions) == f"adhoc:{detail.adhoc_questions[0].id}"
    service.mark_question_skipped(1, "lru-cache")
    model.set_detail(service.get_interview(1))
    assert model.index(model.row_of("lru-cache")).data().startswith("– skipped")
    assert service.get_interview(1).question("lru-cache").status is QuestionStatus.SKIPPED
