"""The editor's basics from the keyboard: find, replace, go to line, soft wrap, the problem list."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from scorer.services.rubrics.workspace import RubricWorkspaceService
from scorer.ui.rubric_workspace import RubricWorkspace
from tests.ui.workspace_helpers import (
    MINIMAL,
    WAIT_MS,
    folder,
    line_of,
    make_workspace,
    rubrics,
)

__all__ = ["folder", "rubrics"]  # fixtures

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def cursor_line(workspace: RubricWorkspace) -> int:
    return workspace.editor.textCursor().blockNumber() + 1


def test_ctrl_f_finds_each_match_in_turn_and_escape_goes_back_to_the_editor(
    qtbot: QtBot, rubrics: RubricWorkspaceService
) -> None:
    workspace = make_workspace(qtbot, rubrics)
    bar = workspace.find_bar
    workspace.editor.setFocus()
    qtbot.keyClick(workspace.editor, Qt.Key.Key_F, CTRL)
    assert bar.isVisible() and bar.find_field.hasFocus() and not bar.replacing

    qtbot.keyClicks(bar.find_field, "label:")
    lines = [i for i, t in enumerate(MINIMAL.splitlines(), start=1) if "label:" in t]
    assert len(lines) >= 2
    assert cursor_line(workspace) == lines[0]  # found as it is typed
    assert bar.count_label.text() == f"1 of {len(lines)}"
    assert len(workspace.editor.extraSelections()) >= len(lines)  # every match is tinted

    qtbot.keyClick(bar.find_field, Qt.Key.Key_Return)
    assert cursor_line(workspace) == lines[1] and bar.count_label.text() == f"2 of {len(lines)}"
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Return, SHIFT)
    assert cursor_line(workspace) == lines[0]
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Return, SHIFT)  # wraps around to the last
    assert cursor_line(workspace) == lines[-1]

    # A slip: a word that is not there.
    qtbot.keyClicks(bar.find_field, "zz")
    assert bar.count_label.text() == "no matches"
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and workspace.editor.hasFocus()
    assert not workspace.dirty


def test_ctrl_h_replaces_one_then_all_and_one_undo_takes_all_back(
    qtbot: QtBot, rubrics: RubricWorkspaceService
) -> None:
    workspace = make_workspace(qtbot, rubrics)
    bar = workspace.find_bar
    workspace.editor.jump_to(1, 1)
    qtbot.keyClick(workspace.editor, Qt.Key.Key_H, CTRL)
    assert bar.isVisible() and bar.replacing
    assert bar.find_field.hasFocus()
    qtbot.keyClicks(bar.find_field, "Not demonstrated")
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Tab)
    assert bar.replace_field.hasFocus()
    qtbot.keyClicks(bar.replace_field, "Not shown")
    qtbot.keyClick(bar.replace_field, Qt.Key.Key_Return)  # replace this one, go to the next
    text = workspace.editor.toPlainText()
    assert text.count("Not shown") == 1
    assert text.count("Not demonstrated") == MINIMAL.count("Not demonstrated") - 1

    workspace.editor.undo()
    assert workspace.editor.toPlainText() == MINIMAL
    bar.case.setChecked(False)
    bar.find_field.setText("level")
    bar.replace_field.setText("LEVEL")
    expected = MINIMAL.lower().count("level")
    assert bar.replace_all() == expected and bar.count_label.text() == f"replaced {expected}"
    assert workspace.editor.toPlainText().count("LEVEL") == expected
    workspace.editor.undo()  # one edit
    assert workspace.editor.toPlainText() == MINIMAL


def test_match_case_narrows_the_search(qtbot: QtBot, rubrics: RubricWorkspaceService) -> None:
    workspace = make_workspace(qtbot, rubrics)
    bar = workspace.find_bar
    bar.open_find()
    bar.find_field.setText("minimal")
    insensitive = len(bar.matches())
    bar.case.setChecked(True)
    assert len(bar.matches()) == MINIMAL.count("minimal") < insensitive


def test_ctrl_g_goes_to_a_line_and_a_line_past_the_end_goes_to_the_last(
    qtbot: QtBot, rubrics: RubricWorkspaceService, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = make_workspace(qtbot, rubrics)
    asked: list[tuple[int, int]] = []
    answers = iter([12, 10_000, None])
    monkeypatch.setattr(
        workspace, "ask_line", lambda current, last: asked.append((current, last)) or next(answers)
    )
    workspace.editor.setFocus()
    qtbot.keyClick(workspace.editor, Qt.Key.Key_G, CTRL)
    assert cursor_line(workspace) == 12 and workspace.editor.hasFocus()
    qtbot.keyClick(workspace.editor, Qt.Key.Key_G, CTRL)
    assert cursor_line(workspace) == workspace.editor.blockCount()
    qtbot.keyClick(workspace.editor, Qt.Key.Key_G, CTRL)  # backed out
    assert cursor_line(workspace) == workspace.editor.blockCount()
    assert asked[0] == (1, workspace.editor.blockCount())


def test_long_lines_wrap_and_alt_z_turns_wrapping_off(
    qtbot: QtBot, rubrics: RubricWorkspaceService
) -> None:
    workspace = make_workspace(qtbot, rubrics)
    editor = workspace.editor
    assert editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    line = line_of(MINIMAL, "area:")
    editor.jump_to(line, 200)
    qtbot.keyClicks(editor, " and a paragraph of prose" * 12)
    assert editor.horizontalScrollBar().maximum() == 0  # no sideways scrolling
    block = editor.document().findBlockByNumber(line - 1)
    assert block.layout().lineCount() > 1

    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.AltModifier)
    assert editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    assert not workspace.wrap_button.isChecked()
    qtbot.waitUntil(lambda: editor.horizontalScrollBar().maximum() > 0, timeout=WAIT_MS)
    workspace.wrap_button.click()
    assert editor.wraps


def test_the_problem_list_grows_with_its_problems_and_can_be_dragged_taller(
    qtbot: QtBot, rubrics: RubricWorkspaceService, folder: Path
) -> None:
    workspace = make_workspace(qtbot, rubrics)
    one = workspace.side.sizes()[0]
    broken = MINIMAL
    for key in ("title:", "area:", "interviewer_role:", "competency:", "duration_minutes:"):
        broken = broken.replace(key, key.replace(":", "_typo:"), 1)
    workspace.replace_text(broken)
    assert workspace.errors.count() >= 5
    qtbot.waitUntil(lambda: workspace.side.sizes()[0] > one, timeout=WAIT_MS)
    rows = workspace.errors.list
    shown = rows.viewport().height()
    needed = sum(rows.visualItemRect(rows.item(i)).height() for i in range(rows.count()))
    assert shown >= needed  # every problem in view, none scrolled away

    # The lead drags the handle down: their size stays, whatever the problems do.
    handle = workspace.side.handle(1)
    start = handle.rect().center()
    before = workspace.side.sizes()[0]
    with qtbot.waitSignal(workspace.side.splitterMoved, timeout=WAIT_MS):
        qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(handle, start + QPoint(0, 150))
        qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=start + QPoint(0, 150))
    dragged = workspace.side.sizes()[0]
    assert dragged > before + 100
    workspace.replace_text(MINIMAL)
    assert workspace.errors.count() == 0
    qtbot.wait(50)
    assert workspace.side.sizes()[0] == dragged
