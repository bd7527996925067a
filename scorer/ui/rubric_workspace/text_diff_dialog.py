"""Two texts of one rubric file side by side as a diff, and a choice between them.

Used for edits kept from a session that ended without saving them, and for a
file that changed on disk while the editor held unsaved edits.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scorer.ui.rubric_workspace.diff_view import DiffText


class TextDiffDialog(QDialog):
    """`chosen` is the key of the choice taken, or None when the dialog was closed."""

    def __init__(
        self,
        title: str,
        heading_html: str,
        lines: Sequence[str],
        choices: Sequence[tuple[str, str, str]],  # key, button text, tooltip
        close_text: str = "Decide later",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(940, 640)
        self.chosen: str | None = None
        self.heading = QLabel(heading_html)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.diff = DiffText()
        self.diff.setPlainText("\n".join(lines) if lines else "The two texts are the same.")
        buttons = QDialogButtonBox()
        self.choice_buttons: dict[str, QPushButton] = {}
        for key, text, tip in choices:
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(lambda _checked=False, k=key: self.choose(k))
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            self.choice_buttons[key] = button
        close = buttons.addButton(close_text, QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.diff, 1)
        layout.addWidget(buttons)

    def choose(self, key: str) -> None:
        self.chosen = key
        self.accept()
