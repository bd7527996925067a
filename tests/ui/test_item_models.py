"""The Qt item models, tested without any view."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from scorer.domain.interview import QuestionStatus
from scorer.services.interviews import InterviewService
from scorer.services.rubrics.library import RubricLibrary
from scorer.ui.interview_list_model import BATCH, IdRole, InterviewListModel
from scorer.ui.question_list_model import QuestionListModel
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
    model.set_filter("GRACE")
    counts = [model.rowCount(model.index(group, 0)) for group in range(3)]
    assert counts == [0, 1, 0]
    assert model.index(0, 0, model.index(1, 0)).data() == "Grace Hopper"
    model.set_filter("alan@")  # the email matches too
    assert model.index(0, 0, model.index(0, 0)).data() == "Alan Turing"
    model.set_filter("")
    assert sum(model.rowCount(model.index(group, 0)) for group in range(3)) == 3


def test_rows_arrive_in_batches(
    service: InterviewService, library: RubricLibrary, clock: FakeClock
) -> None:
    make_interviews(service, library, clock)
    (one, *_) = service.list_interviews()
    many = [one._replace(id=n) for n in range(BATCH * 2 + 5)]
    model = InterviewListModel(clock())
    model.set_summaries(many, clock())
    group = model.index(0, 0)
    assert (model.rowCount(group), model.group_size(0)) == (BATCH, BATCH * 2 + 5)
    assert model.canFetchMore(group)
    model.fetchMore(group)
    model.fetchMore(group)
    assert model.rowCount(group) == BATCH * 2 + 5
    assert not model.canFetchMore(group)
    assert model.index_of(3).row() == 3


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
