"""What the Rubrics workspace tests share: two small rubric files and the workspace on them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from scorer.services.interviews import InterviewService
from scorer.services.rubrics.workspace import RubricWorkspaceService
from scorer.ui.rubric_workspace import RubricWorkspace
from scorer.ui.widgets.choice_option import ChoiceOption

CORPUS = Path(__file__).parent.parent / "io" / "rubric_corpus"
MINIMAL = (CORPUS / "valid" / "minimal.yaml").read_text(encoding="utf-8")
WAIT_MS = 5000


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "rubrics"
    folder.mkdir()
    (folder / "minimal.yaml").write_text(MINIMAL, encoding="utf-8")
    (folder / "second.yaml").write_text(
        MINIMAL.replace("id: minimal", "id: second").replace("Minimal interview", "Second"),
        encoding="utf-8",
    )
    return folder


@pytest.fixture
def rubrics(folder: Path, tmp_path: Path) -> RubricWorkspaceService:
    return RubricWorkspaceService(
        folder, history_root=tmp_path / "history", settings_file=tmp_path / "settings.json"
    )


def make_workspace(
    qtbot: QtBot, rubrics: RubricWorkspaceService, interviews: InterviewService | None = None,
    watch: bool = False,
) -> RubricWorkspace:
    workspace = RubricWorkspace(rubrics, interviews, watch=watch, check_delay_ms=30)
    qtbot.addWidget(workspace)
    workspace.resize(1280, 760)
    workspace.show()
    qtbot.waitExposed(workspace)
    # Shortcuts need the keyboard focus inside the workspace, so its window must be active.
    with qtbot.waitActive(workspace):
        workspace.activateWindow()
    return workspace


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def type_over(qtbot: QtBot, workspace: RubricWorkspace, line: int, after: str, typed: str) -> None:
    """Select the rest of `line` after `after` and type `typed` over it, key by key."""
    editor = workspace.editor
    block = editor.document().findBlockByNumber(line - 1)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + block.text().index(after) + len(after))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.setFocus()
    qtbot.keyClicks(editor, typed)


def preview_levels(workspace: RubricWorkspace) -> list[str]:
    content = workspace.preview.dimensions.widget()
    texts = [option.radio.text() for option in content.findChildren(ChoiceOption)]
    return [t for t in texts if t[:1].isdigit()]  # levels, not the recommendation scale
