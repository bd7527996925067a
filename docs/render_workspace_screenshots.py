"""Render the Rubrics workspace offscreen into docs/screenshots/workspace-*.png.

    .venv/bin/python docs/render_workspace_screenshots.py [--dark]

The bundled rubrics are copied to a temporary folder first, so the broken edit
shown in workspace-error.png never touches them.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTabWidget,
)

from scorer.paths import APP_NAME, bundled_rubrics_dir
from scorer.services.interviews import InterviewService
from scorer.services.rubrics.workspace import RubricWorkspaceService
from scorer.services.store import open_local_store
from scorer.ui.rubric_workspace import RubricWorkspace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shots import grab, settle, start_app

SIZE = (1280, 800)


def main(argv: list[str]) -> int:
    suffix = start_app(argv)

    home = Path(tempfile.mkdtemp(prefix="scorer-workspace-shots-"))
    os.environ["HOME"] = str(home)  # the folder then reads as ~/team-rubrics
    folder = home / "team-rubrics"
    shutil.copytree(bundled_rubrics_dir(), folder)
    store = open_local_store(home / "data")
    service = RubricWorkspaceService(
        folder, history_root=home / "history", settings_file=home / "settings.json"
    )
    workspace = RubricWorkspace(service, InterviewService(store), watch=False)

    # The workspace as the main window shows it: the second tab.
    window = QMainWindow()
    window.setWindowTitle(APP_NAME)
    tabs = QTabWidget()
    tabs.setDocumentMode(True)
    tabs.addTab(QLabel(), "Interviews")
    tabs.addTab(workspace, "Rubrics")
    tabs.setCurrentWidget(workspace)
    window.setCentralWidget(tabs)
    window.resize(*SIZE)

    # Valid: the math rubric open, its dimensions with their anchors in the preview.
    workspace.open_file(folder / "math.yaml")
    workspace.preview.tabs.setCurrentIndex(2)
    settle(window)
    workspace.editor.jump_to(1, 1)
    grab(window, f"workspace-valid{suffix}")

    # With errors, all found at once: a typo in a section kind, a level label left empty,
    # and a prep item id used twice (a check across fields), then Save.
    text = workspace.editor.toPlainText()
    text = text.replace("kind: hands_on_notepad", "kind: notepad", 1)
    text = text.replace("label: Partial", "label:", 1)
    text = text.replace("- id: choose-questions", "- id: open-notepad", 1)
    workspace.replace_text(text)
    workspace.save()
    workspace.preview.tabs.setCurrentIndex(0)
    load = workspace.load
    assert load is not None and load.diagnostics
    first = load.diagnostics[0]
    settle(window)
    workspace.editor.jump_to(first.line, first.column)
    grab(window, f"workspace-error{suffix}")

    store.close()
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
