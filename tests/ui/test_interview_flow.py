"""A whole interview driven through the real widgets, checked against the store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QRadioButton
from pytestqt.qtbot import QtBot

from scorer.domain.interview import InterviewState, QuestionStatus
from scorer.services.interviews import InterviewService
from scorer.services.rubrics.library import RubricLibrary
from scorer.services.rubrics.workspace import RubricWorkspaceService
from scorer.services.store import open_local_store
from scorer.ui.main_window import MainWindow
from scorer.ui.new_interview_dialog import NewInterviewDialog
from scorer.ui.submit_dialog import SubmitDialog
from tests.services.factories import FakeClock


def when_modal(action: Callable[[QApplication], None]) -> None:
    """Run `action` once a modal dialog is up (the caller then blocks in exec)."""

    def poll() -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        if app.activeModalWidget() is None:
            QTimer.singleShot(10, poll)
            return
        action(app)

    QTimer.singleShot(0, poll)


def click_radio(qtbot: QtBot, radio: QRadioButton) -> None:
    """Click the indicator: a radio button only takes clicks on its indicator and text."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))


def create_through_dialog(qtbot: QtBot, window: MainWindow) -> None:
    def fill(app: QApplication) -> None:
        dialog = app.activeModalWidget()
        assert isinstance(dialog, NewInterviewDialog)
        # QTest types ASCII only; the name goes in as a paste would.
        dialog.candidate_name.insert("Łukasz Øster-Müller")
        qtbot.keyClicks(dialog.candidate_email, "lukasz@example.com")
        dialog.kind.setCurrentIndex(dialog.kind.findData("coding"))
        qtbot.keyClicks(dialog.interviewer_name, "Yan Interviewer")
        qtbot.keyClicks(dialog.interviewer_email, "yan@example.com")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    when_modal(fill)
    window.new_interview()
    with qtbot.waitActive(window):
        window.activateWindow()


@pytest.fixture
def window(
    qtbot: QtBot, service: InterviewService, rubric_service: RubricWorkspaceService
) -> MainWindow:
    main = MainWindow(service, rubric_service)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    with qtbot.waitActive(main):  # window shortcuts need an active window
        main.activateWindow()
    return main


def test_whole_interview(
    qtbot: QtBot, window: MainWindow, service: InterviewService, clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    create_through_dialog(qtbot, window)
    page = window.interview_page
    assert page is not None
    interview_id = page.session.interview_id
    detail = service.get_interview(interview_id)
    assert (detail.candidate.name, detail.rubric.id) == ("Łukasz Øster-Müller", "coding")
    assert page.stack.currentWidget() is page.before

    # Before the start: a prep item ticked through its checkbox is stored.
    first_prep = detail.rubric.prep[0].id
    qtbot.mouseClick(page.before.checks[first_prep], Qt.MouseButton.LeftButton)
    assert service.get_interview(interview_id).prep_ticked == {first_prep}

    qtbot.mouseClick(page.before.start_button, Qt.MouseButton.LeftButton)
    assert service.get_interview(interview_id).state is InterviewState.IN_PROGRESS
    assert page.stack.currentWidget() is page.live
    live = page.live

    # Ask the first question at 3:00, with a note typed into its field.
    clock.advance(180)
    live.questions.select("distributed-dataloader")
    qtbot.mouseClick(live.questions.asked_button, Qt.MouseButton.LeftButton)
    live.questions.note.setFocus()
    qtbot.keyClicks(live.questions.note, "Chose threads first")
    qtbot.waitUntil(
        lambda: service.get_interview(interview_id).question("distributed-dataloader").note
        == "Chose threads first",
        timeout=2000,
    )
    mark = service.get_interview(interview_id).question("distributed-dataloader")
    assert (mark.status, mark.asked_at) == (QuestionStatus.ASKED, 180)
    assert service.get_interview(interview_id).current_question_id == "distributed-dataloader"

    # General notes with a time stamp from Ctrl+T.
    clock.advance(60)
    live.notes.setFocus()
    qtbot.keyClick(live.notes, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(live.notes, "clean ABC")
    live.notes.flush()
    assert service.get_interview(interview_id).general_notes == "[04:00] clean ABC"

    # Score by a click on a level, and by Alt+2 on the focused dimension.
    oop = live.rubric.cards[0]
    click_radio(qtbot, oop.options[3].radio)
    assert service.get_interview(interview_id).score("python-oop").score == 3
    second = live.rubric.cards[1]
    second.evidence.setFocus()
    qtbot.keyClick(second.evidence, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert service.get_interview(interview_id).score(second.dimension.id).score == 2

    # Pause for two minutes, resume: the clock skips the pause.
    qtbot.mouseClick(live.pause_button, Qt.MouseButton.LeftButton)
    assert service.get_interview(interview_id).state is InterviewState.PAUSED
    assert live.pause_button.text() == "Resume"
    clock.advance(120)
    qtbot.mouseClick(live.pause_button, Qt.MouseButton.LeftButton)
    assert service.get_interview(interview_id).elapsed(clock()) == 240

    # End (confirmed), then check: the check names what is missing and refuses to submit.
    monkeypatch.setattr("scorer.ui.live_view.confirm_end", lambda *a: True)
    qtbot.mouseClick(live.end_button, Qt.MouseButton.LeftButton)
    assert service.get_interview(interview_id).state is InterviewState.FINISHED
    qtbot.mouseClick(live.submit_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in page.findChildren(SubmitDialog) if w.isVisible())
    assert not dialog.submit_button.isEnabled()
    assert "Score for 'Working code'" in dialog.checklist.text()
    assert "Summary note" in dialog.checklist.text()
    dialog.submit()
    assert service.get_interview(interview_id).state is InterviewState.FINISHED

    # Complete it in the dialog and the rubric, then submit.
    for card in live.rubric.cards:
        if card.score is None:
            click_radio(qtbot, card.options[2].radio)
    click_radio(qtbot, dialog.verdict.options["yes"].radio)
    dialog.verdict.summary.setFocus()
    qtbot.keyClicks(dialog.verdict.summary, "Solid concurrency.")
    dialog.verdict.flush()
    assert dialog.submit_button.isEnabled()
    monkeypatch.setattr(
        QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes
    )
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)

    detail = service.get_interview(interview_id)
    assert detail.state is InterviewState.SUBMITTED
    assert detail.recommendation == "yes"
    assert detail.summary_note == "Solid concurrency."
    assert all(score.score is not None for score in detail.scores)
    assert live.notes.isReadOnly()
    assert live.questions.note.isReadOnly()
    assert not live.submit_button.isVisible()
    assert live.export_button.isVisible()


def test_close_and_reopen_restores_everything(
    qtbot: QtBot, library: RubricLibrary, rubric_service: RubricWorkspaceService,
    clock: FakeClock, scorer_home: Path,
) -> None:
    coding = library.get("coding")
    assert coding is not None
    store = open_local_store(scorer_home)
    service = InterviewService(store, clock)
    candidate = service.add_candidate("Ada", "ada@example.com")
    interview_id = service.create_interview(candidate.id, coding, "Yan", "yan@x.org").interview_id
    first = MainWindow(service, rubric_service)
    qtbot.addWidget(first)
    first.open_interview(interview_id)
    page = first.interview_page
    assert page is not None
    page.start()
    clock.advance(600)
    page.live.questions.select("debug-seeded-codebase")
    page.live.questions.mark_asked()
    page.live.notes.setFocus()
    qtbot.keyClicks(page.live.notes, "typed just before the crash")
    first.close()  # closing flushes what is typed
    store.close()

    clock.advance(300)  # the app was closed for five minutes; the clock kept running
    reopened_store = open_local_store(scorer_home)
    again = InterviewService(reopened_store, clock)
    second = MainWindow(again, rubric_service)
    qtbot.addWidget(second)
    second.open_interview(interview_id)
    page = second.interview_page
    assert page is not None
    assert page.stack.currentWidget() is page.live
    assert page.live.notes.toPlainText() == "typed just before the crash"
    assert page.live.questions.model.row_of("debug-seeded-codebase") >= 0
    detail = again.get_interview(interview_id)
    assert detail.current_question_id == "debug-seeded-codebase"
    assert detail.question("debug-seeded-codebase").asked_at == 600
    page.live.refresh_clock()
    assert page.live.countdown.time.text() == "45:00"  # 15 minutes on the clock
    second.close()
    reopened_store.close()
