"""The interviewer's hour from the keyboard, through real key events on the window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from scorer.domain.interview import InterviewState
from scorer.services.interviews import InterviewService
from scorer.services.rubrics.library import RubricLibrary
from scorer.services.rubrics.workspace import RubricWorkspaceService
from scorer.ui.main_window import MainWindow
from scorer.ui.submit_dialog import SubmitDialog
from tests.services.factories import FakeClock
from tests.ui.test_interview_flow import when_modal

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(
    qtbot: QtBot, service: InterviewService, rubric_service: RubricWorkspaceService,
    library: RubricLibrary,
) -> MainWindow:
    coding = library.get("coding")
    assert coding is not None
    ada = service.add_candidate("Ada Keys", "ada@example.com")
    interview_id = service.create_interview(ada.id, coding, "Yan", "yan@x.org").interview_id
    main = MainWindow(service, rubric_service)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    with qtbot.waitActive(main):  # shortcuts need an active window
        main.activateWindow()
    main.open_interview(interview_id)
    return main


def interview_id(window: MainWindow) -> int:
    assert window.interview_page is not None
    return window.interview_page.session.interview_id


def started(qtbot: QtBot, window: MainWindow) -> MainWindow:
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)
    page = window.interview_page
    assert page is not None and page.stack.currentWidget() is page.live
    return window


def test_ctrl_return_starts_and_a_plain_return_does_not(
    qtbot: QtBot, window: MainWindow, service: InterviewService
) -> None:
    page = window.interview_page
    assert page is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert page.before.isAncestorOf(QApplication.focusWidget())
    assert QApplication.focusWidget() is not page.before.start_button
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert service.get_interview(interview_id(window)).state is InterviewState.NOT_STARTED
    qtbot.keyClick(window, Qt.Key.Key_Return, CTRL)
    assert service.get_interview(interview_id(window)).state is InterviewState.IN_PROGRESS
    assert page.stack.currentWidget() is page.live


def test_ctrl_shift_e_then_escape_leaves_the_interview_running(
    qtbot: QtBot, window: MainWindow, service: InterviewService, clock: FakeClock
) -> None:
    started(qtbot, window)
    page = window.interview_page
    assert page is not None
    clock.advance(300)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL_SHIFT)
    dialog = next(w for w in page.findChildren(SubmitDialog) if w.isVisible())
    assert "ends nothing" in dialog.heading.text()
    assert service.get_interview(interview_id(window)).state is InterviewState.IN_PROGRESS
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    clock.advance(60)
    detail = service.get_interview(interview_id(window))
    assert detail.state is InterviewState.IN_PROGRESS
    assert detail.elapsed(clock()) == 360
    assert page.live.pause_button.isVisible() and page.live.banner.isHidden()
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)
    assert service.get_interview(interview_id(window)).state is InterviewState.PAUSED


def answer_end_question(
    qtbot: QtBot, window: MainWindow, key: Qt.Key, button_text: str | None = None
) -> None:
    """Ctrl+Shift+X, then answer its question by a key press (or a button by its text)."""
    asked: list[str] = []

    def answer(app: QApplication) -> None:
        box = app.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        if button_text is not None:
            next(b for b in box.buttons() if b.text() == button_text).click()
        else:
            qtbot.keyClick(box, key)

    when_modal(answer)
    qtbot.keyClick(window, Qt.Key.Key_X, CTRL_SHIFT)
    assert asked and asked[0].startswith("End the interview at ")
    with qtbot.waitActive(window):
        window.activateWindow()


def test_ending_is_confirmed_and_an_ended_interview_resumes(
    qtbot: QtBot, window: MainWindow, service: InterviewService, clock: FakeClock
) -> None:
    started(qtbot, window)
    live = window.interview_page.live  # type: ignore[union-attr]
    clock.advance(600)

    for slip in (Qt.Key.Key_Escape, Qt.Key.Key_Return):  # both keep the interview going
        answer_end_question(qtbot, window, slip)
        assert service.get_interview(interview_id(window)).state is InterviewState.IN_PROGRESS

    answer_end_question(qtbot, window, Qt.Key.Key_Return, "End the interview")
    assert service.get_interview(interview_id(window)).state is InterviewState.FINISHED
    assert live.pause_button.text() == "Resume interview" and not live.end_button.isVisible()
    assert live.verdict.isVisible()

    clock.advance(120)  # ended for two minutes, then resumed: a pause
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL)
    clock.advance(30)
    detail = service.get_interview(interview_id(window))
    assert detail.state is InterviewState.IN_PROGRESS
    assert detail.elapsed(clock()) == 630
    assert live.end_button.isVisible() and live.pause_button.text() == "Pause"


def test_alt_digit_typed_in_a_note_scores_the_current_dimension(
    qtbot: QtBot, window: MainWindow, service: InterviewService
) -> None:
    started(qtbot, window)
    live = window.interview_page.live  # type: ignore[union-attr]
    rubric = live.rubric
    first = rubric.cards[0]
    assert rubric.current_card() is first and first.marker.isVisibleTo(rubric)
    live.notes.setFocus()
    qtbot.keyClicks(live.notes, "talks through the design")
    qtbot.keyClick(live.notes, Qt.Key.Key_3, ALT)

    detail = service.get_interview(interview_id(window))
    assert detail.score(first.dimension.id).score == 3
    assert live.notes.toPlainText() == "talks through the design"  # the note got no key
    assert QApplication.focusWidget() is live.notes
    level = first.dimension.level(3)
    assert level is not None
    assert rubric.confirmation.text() == f"{first.dimension.name} → 3 · {level.label}"
    assert f"1 of {len(rubric.cards)} dimensions scored" in rubric.summary.text()

    # Ctrl+PgDown moves the current dimension; the cursor stays in the note.
    qtbot.keyClick(live.notes, Qt.Key.Key_PageDown, CTRL)
    second = rubric.cards[1]
    assert rubric.current_card() is second and not first.marker.isVisibleTo(rubric)
    assert QApplication.focusWidget() is live.notes
    qtbot.keyClick(live.notes, Qt.Key.Key_2, ALT)
    assert service.get_interview(interview_id(window)).score(second.dimension.id).score == 2
    assert f"2 of {len(rubric.cards)} dimensions scored" in rubric.summary.text()

    # A level the dimension lacks is named, and nothing changes.
    qtbot.keyClick(live.notes, Qt.Key.Key_9, ALT)
    assert "has no level 9" in rubric.confirmation.text()
    assert service.get_interview(interview_id(window)).score(second.dimension.id).score == 2

    # Ctrl+PgUp wraps round from the first dimension to the last.
    qtbot.keyClick(live.notes, Qt.Key.Key_PageUp, CTRL)
    qtbot.keyClick(live.notes, Qt.Key.Key_PageUp, CTRL)
    assert rubric.current_card() is rubric.cards[-1]


def test_focus_in_a_dimension_makes_it_current_and_alt_digit_follows(
    qtbot: QtBot, window: MainWindow, service: InterviewService
) -> None:
    started(qtbot, window)
    rubric = window.interview_page.live.rubric  # type: ignore[union-attr]
    third = rubric.cards[2]
    third.evidence.setFocus()
    qtbot.waitUntil(lambda: rubric.current_card() is third)
    qtbot.keyClicks(third.evidence, "found two bugs")
    qtbot.keyClick(third.evidence, Qt.Key.Key_4, ALT)
    assert third.evidence.toPlainText() == "found two bugs"
    assert service.get_interview(interview_id(window)).score(third.dimension.id).score == 4
    # With the cursor in the rubric, Ctrl+PgDown takes it to the next dimension.
    qtbot.keyClick(third.evidence, Qt.Key.Key_PageDown, CTRL)
    focused: QWidget | None = QApplication.focusWidget()
    assert focused is rubric.cards[3].evidence


def test_the_header_shows_the_current_sections_rules_and_marks_a_change(
    qtbot: QtBot, service: InterviewService, library: RubricLibrary, clock: FakeClock
) -> None:
    from scorer.ui.interview_page import InterviewPage

    rubric = library.get("model-parallel")
    assert rubric is not None
    ada = service.add_candidate("Ada Rules", "ada.rules@example.com")
    interview = service.create_interview(ada.id, rubric, "Gil", "gil@x.org").interview_id
    page = InterviewPage(service, interview)
    qtbot.addWidget(page)
    page.resize(1024, 640)
    page.show()
    page.start()
    live = page.live
    live.refresh_clock()
    line = live.rules_line
    assert line.full_text.startswith("Setup and rules: Candidate may use: Their own IDE")
    qtbot.waitExposed(page)
    assert line.text().endswith("…") and len(line.text()) < len(line.full_text)  # folded
    assert line.sizeHint().height() < 2 * line.fontMetrics().height()
    clock.advance(240)
    live.questions.select("parallelism-taxonomy")
    live.mark_asked()
    live.refresh_clock()
    assert line.full_text.startswith(
        "Rules change here. Model-parallel techniques: Candidate may use: nothing (closed book)"
    )

    clock.advance(600)
    live.questions.select("train-from-scratch")
    live.mark_asked()
    live.refresh_clock()
    assert line.full_text.startswith("Rules change here. Implement and train")
    assert "Web search" in line.full_text
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    assert line.unfolded and line.text() == line.full_text
