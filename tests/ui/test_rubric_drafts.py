"""Unsaved edits in the rubric editor outlive the process: kept as a private draft, offered back."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from scorer.services.rubrics.workspace import DRAFTS_DIR, RubricWorkspaceService
from scorer.ui.rubric_workspace.draft_flow import DISCARD_DRAFT, DRAFT_TOPIC, RESTORE
from scorer.ui.rubric_workspace.workspace import SAVE
from tests.ui.workspace_helpers import (
    MINIMAL,
    WAIT_MS,
    folder,
    line_of,
    make_workspace,
    rubrics,
    type_over,
)

__all__ = ["folder", "rubrics"]  # fixtures

REPO = Path(__file__).resolve().parents[2]
TYPED = " and the 485 characters typed since the last save"


def _killed_while_typing(folder: Path, rubrics: RubricWorkspaceService, qtbot: QtBot) -> None:
    """A workspace in another process, typed into, then SIGKILLed once its draft is kept."""
    line = line_of(MINIMAL, "area:")
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.draft_child", str(folder), str(line), TYPED],
        cwd=REPO, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "typed"
        path = folder / "minimal.yaml"
        # No save, no close, no flush: the draft is written once typing pauses.
        qtbot.waitUntil(
            lambda: (d := rubrics.draft(path)) is not None and TYPED in d.text, timeout=WAIT_MS
        )
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert child.returncode == -signal.SIGKILL


def test_unsaved_text_survives_the_process_being_killed_and_is_offered_back(
    qtbot: QtBot, rubrics: RubricWorkspaceService, folder: Path, scorer_home: Path
) -> None:
    path = folder / "minimal.yaml"
    _killed_while_typing(folder, rubrics, qtbot)
    assert path.read_text(encoding="utf-8") == MINIMAL  # nothing was saved

    # The draft is private.
    drafts = scorer_home / DRAFTS_DIR
    (kept,) = drafts.iterdir()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(drafts.stat().st_mode) == 0o700

    # The next start offers it, and holds the editor until the lead answers.
    workspace = make_workspace(qtbot, rubrics)
    assert workspace.current_path == path
    assert workspace.banner.isVisibleTo(workspace) and workspace.banner.topic == DRAFT_TOPIC
    assert "Unsaved edits to minimal.yaml" in workspace.banner.label.text()
    assert workspace.editor.isReadOnly() and not workspace.save_button.isEnabled()

    workspace.banner.button.click()  # Compare and restore…
    dialog = workspace.findChild(type(workspace.review_draft(path)))
    assert dialog is not None
    diff = dialog.diff.toPlainText().splitlines()
    area = next(text for text in MINIMAL.splitlines() if text.startswith("area:"))
    assert f"-{area}" in diff and f"+{area}{TYPED}" in diff
    assert "--- minimal.yaml on disk" in diff

    dialog.choice_buttons[RESTORE].click()
    assert f"{area}{TYPED}" in workspace.editor.toPlainText()
    assert workspace.dirty and not workspace.editor.isReadOnly()
    assert not workspace.banner.isVisibleTo(workspace)
    workspace.editor.undo()  # the restore is an edit like any other
    assert workspace.editor.toPlainText() == MINIMAL
    workspace.editor.redo()
    assert workspace.save()
    assert TYPED in path.read_text(encoding="utf-8")
    assert rubrics.draft(path) is None and not list(drafts.iterdir())


def test_a_kept_draft_can_be_discarded(
    qtbot: QtBot, rubrics: RubricWorkspaceService, folder: Path
) -> None:
    path = folder / "minimal.yaml"
    rubrics.keep_draft(path, MINIMAL.replace("Minimal interview", "Kept title"), new_file=False)
    workspace = make_workspace(qtbot, rubrics)
    assert workspace.banner.topic == DRAFT_TOPIC
    dialog = workspace.review_draft(path)
    assert dialog is not None
    dialog.choice_buttons[DISCARD_DRAFT].click()
    assert rubrics.draft(path) is None and not workspace.banner.isVisibleTo(workspace)
    assert not workspace.editor.isReadOnly() and workspace.editor.toPlainText() == MINIMAL


def test_typing_keeps_a_draft_and_saving_or_discarding_drops_it(
    qtbot: QtBot, rubrics: RubricWorkspaceService, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = folder / "minimal.yaml"
    workspace = make_workspace(qtbot, rubrics)
    workspace.drafts.flush()
    assert rubrics.draft(path) is None  # opening a file keeps nothing
    type_over(qtbot, workspace, line_of(MINIMAL, "area:"), "area: ", "Statistics")
    qtbot.waitUntil(lambda: rubrics.draft(path) is not None, timeout=WAIT_MS)
    draft = rubrics.draft(path)
    assert draft is not None and "area: Statistics" in draft.text and not draft.new_file

    # Undone back to the file: nothing unsaved, no draft.
    while workspace.dirty:
        workspace.editor.undo()
    assert rubrics.draft(path) is None

    # Switching files saves first when asked to: the draft goes with the edits.
    type_over(qtbot, workspace, line_of(MINIMAL, "area:"), "area: ", "Probability")
    monkeypatch.setattr(workspace, "ask_unsaved", lambda name: SAVE)
    workspace.open_file(folder / "second.yaml")
    assert rubrics.draft(path) is None and "area: Probability" in path.read_text()


def test_a_new_rubric_never_saved_is_kept_and_offered_back(
    qtbot: QtBot, rubrics: RubricWorkspaceService, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = make_workspace(qtbot, rubrics)
    monkeypatch.setattr(workspace, "ask_new_rubric", lambda: ("probability", "Probability"))
    workspace.new_rubric()
    workspace.drafts.flush()
    path = folder / "probability.yaml"
    draft = rubrics.draft(path)
    assert draft is not None and draft.new_file and "id: probability" in draft.text
    workspace.hide()  # the app closes without being asked (the drafts stay)

    again = make_workspace(qtbot, rubrics)
    assert again.banner.topic == DRAFT_TOPIC and "a new rubric, never saved" in (
        again.banner.label.text()
    )
    assert again.current_path == folder / "minimal.yaml" and not again.editor.isReadOnly()
    assert again.restore_draft(path)
    assert again.current_path == path and "id: probability" in again.editor.toPlainText()
    assert again.dirty and not path.exists()
