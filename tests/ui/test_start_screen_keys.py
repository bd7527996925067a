"""The interview list from the keyboard: find, go down into the list, open, back out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from scorer.domain.interview_state import InterviewState, InterviewSummary
from scorer.ui.start_screen import StartScreen

NOW = datetime(2026, 11, 20, 15, tzinfo=UTC)


def _summary(interview_id: int, name: str, state: InterviewState) -> InterviewSummary:
    held = NOW - timedelta(hours=interview_id)
    return InterviewSummary(interview_id, name, f"{name.lower()}@example.com", "coding",
                            "Coding", "Yan", "yan@example.com", state, held, None, held,
                            held if state is InterviewState.SUBMITTED else None, None)


def _screen(qtbot: QtBot) -> tuple[StartScreen, list[int]]:
    screen = StartScreen()
    qtbot.addWidget(screen)
    screen.set_summaries([_summary(1, "Ada", InterviewState.SUBMITTED),
                          _summary(2, "Bea", InterviewState.IN_PROGRESS),
                          _summary(3, "Ada", InterviewState.IN_PROGRESS)], NOW)
    opened: list[int] = []
    screen.open_requested.connect(opened.append)
    screen.show()
    qtbot.waitExposed(screen)
    return screen, opened


def test_return_in_the_filter_opens_the_first_interview_found(qtbot: QtBot) -> None:
    screen, opened = _screen(qtbot)
    screen.filter.setFocus()
    qtbot.keyClicks(screen.filter, "Bea")
    qtbot.keyClick(screen.filter, Qt.Key.Key_Return)
    assert opened == [2]


def test_down_goes_into_the_list_and_return_opens_the_row_chosen(qtbot: QtBot) -> None:
    screen, opened = _screen(qtbot)
    screen.filter.setFocus()
    qtbot.keyClicks(screen.filter, "Ada")
    qtbot.keyClick(screen.filter, Qt.Key.Key_Down)
    assert screen.focusWidget() is screen.tree
    assert screen.tree.currentIndex().data(Qt.ItemDataRole.DisplayRole) == "Ada"
    assert opened == []  # going down opens nothing
    qtbot.keyClick(screen.tree, Qt.Key.Key_Return)
    assert opened == [3]  # the in-progress one, listed first


def test_escape_clears_the_filter_and_a_filter_matching_nothing_opens_nothing(
    qtbot: QtBot,
) -> None:
    screen, opened = _screen(qtbot)
    screen.filter.setFocus()
    qtbot.keyClicks(screen.filter, "Zed")
    qtbot.keyClick(screen.filter, Qt.Key.Key_Return)
    assert opened == []
    qtbot.keyClick(screen.filter, Qt.Key.Key_Escape)
    assert screen.filter.text() == ""
