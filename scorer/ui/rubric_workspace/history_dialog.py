"""The kept versions of one rubric file: look at one, and take it back into the editor."""

from __future__ import annotations

import difflib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from scorer.domain.errors import ScorerError
from scorer.services.rubrics.workspace import INVALID, HistoryEntry
from scorer.ui.rubric_workspace.diff_view import DiffText

_ENTRY = Qt.ItemDataRole.UserRole


class HistoryDialog(QDialog):
    """Each kept version is shown as a diff against the editor's text.

    `chosen_text` holds the version to take back once the dialog is accepted.
    """

    def __init__(
        self, file_name: str, entries: list[HistoryEntry], editor_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Earlier versions of {file_name}")
        self.resize(980, 640)
        self._editor_text = editor_text
        self._file_name = file_name
        self.chosen_text: str | None = None

        self.list = QListWidget()
        self.list.setAccessibleName("Earlier versions")
        for entry in entries:
            when = entry.replaced_at.strftime("%Y-%m-%d %H:%M:%S UTC")
            version = "not valid" if entry.version == INVALID else f"version {entry.version[:8]}"
            item = QListWidgetItem(f"{when}\n{version}")
            item.setData(_ENTRY, entry)
            self.list.addItem(item)
        self.list.currentItemChanged.connect(self._on_current)
        self.note = QLabel(
            "Versions are kept each time a save replaces the file, and when a valid "
            "file is changed outside the app. Newest first."
            if entries else "No earlier versions of this file are kept yet."
        )
        self.note.setWordWrap(True)
        self.diff = DiffText()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.diff)
        splitter.setSizes([240, 740])
        splitter.setChildrenCollapsible(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.take = QPushButton("Open this version in the editor")
        self.take.setToolTip("Replaces the editor's text; nothing is saved until you save.")
        self.take.setEnabled(False)
        self.take.clicked.connect(self.accept_current)
        buttons.addButton(self.take, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        if entries:
            self.list.setCurrentRow(0)

    def accept_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        entry: HistoryEntry = item.data(_ENTRY)
        try:
            self.chosen_text = entry.read_text()
        except ScorerError as exc:
            self.diff.setPlainText(exc.message)
            return
        self.accept()

    def _on_current(self, item: QListWidgetItem | None, _previous: object) -> None:
        self.take.setEnabled(item is not None)
        if item is None:
            self.diff.clear()
            return
        entry: HistoryEntry = item.data(_ENTRY)
        try:
            text = entry.read_text()
        except ScorerError as exc:
            self.diff.setPlainText(exc.message)
            return
        lines = list(difflib.unified_diff(
            text.splitlines(), self._editor_text.splitlines(),
            fromfile=f"kept {entry.replaced_at:%Y-%m-%d %H:%M:%S}",
            tofile=f"{self._file_name} in the editor", lineterm="",
        ))
        self.diff.setPlainText("\n".join(lines) if lines else "Same as the editor's text.")
