"""The child of the draft test: the Rubrics workspace, typed into, then left running to be killed.

`python -m tests.ui.draft_child FOLDER LINE TEXT` opens the workspace on FOLDER
(the data home is `SCORER_HOME`), types TEXT key by key at the end of line LINE
of the first file, prints `typed`, and runs its event loop until it is killed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from scorer.paths import data_home
from scorer.services.rubrics.workspace import RubricWorkspaceService
from scorer.ui.rubric_workspace import RubricWorkspace


def main() -> int:
    folder, line, text = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    app = QApplication([])
    home = data_home()
    service = RubricWorkspaceService(
        folder, history_root=home / "history", settings_file=home / "settings.json"
    )
    workspace = RubricWorkspace(service, watch=False)
    workspace.show()
    editor = workspace.editor
    cursor = QTextCursor(editor.document().findBlockByNumber(line - 1))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    editor.setFocus()
    QTest.keyClicks(editor, text)
    print("typed", flush=True)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
