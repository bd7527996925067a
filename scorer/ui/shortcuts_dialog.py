"""Help › Keyboard shortcuts (F1): every shortcut of the live view and the rubric editor."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from scorer.ui.prose import escape_text
from scorer.ui.shortcuts import LIVE_SHORTCUTS, SCORE_HELP, START_HELP

GLOBAL_SHORTCUTS = (
    ("Ctrl+N", "New interview"),
    ("Ctrl+F", "Filter the interviews by candidate (Down: into the list, Enter: open)"),
    ("Alt+Left", "Back to all interviews"),
    ("Ctrl+Shift+M", "Merge signed scorecards into a panel packet"),
    ("F1", "This list"),
)
RUBRIC_SHORTCUTS = (
    ("Ctrl+S", "Rubrics: save the rubric, if it is valid"),
    ("Ctrl+Shift+N", "Rubrics: a new rubric from the template"),
    ("Ctrl+F", "Rubrics: find in the rubric (Enter: next, Shift+Enter: previous)"),
    ("Ctrl+H", "Rubrics: replace"),
    ("F3", "Rubrics: next match (Shift+F3: previous)"),
    ("Ctrl+G", "Rubrics: go to a line"),
    ("Alt+Z", "Rubrics: wrap long lines, or not"),
)


def shortcuts_html() -> str:
    def native(keys: str) -> str:
        return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText) or keys

    rows = [(native(START_HELP[0]), START_HELP[1])]
    rows += [(native(s.keys), s.help) for s in LIVE_SHORTCUTS]
    rows.insert(6, SCORE_HELP)
    rows += [(native(k), h) for k, h in GLOBAL_SHORTCUTS + RUBRIC_SHORTCUTS]
    body = "".join(
        f"<tr><td style='padding:3px 18px 3px 0'><b>{escape_text(k)}</b></td>"
        f"<td style='padding:3px 0'>{escape_text(h)}</td></tr>"
        for k, h in rows
    )
    return f"<table>{body}</table>"


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        table = QLabel(shortcuts_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
