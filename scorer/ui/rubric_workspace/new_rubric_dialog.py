"""New rubric: a title and an id; the id follows the title until it is typed by hand."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from scorer.domain.errors import ScorerError
from scorer.services.rubrics.workspace import RubricWorkspaceService
from scorer.ui.prose import escape_text
from scorer.ui.theme import css, tones


def id_from_title(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:64]


class NewRubricDialog(QDialog):
    def __init__(self, service: RubricWorkspaceService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New rubric")
        self.setMinimumWidth(480)
        self._service = service
        self._id_typed = False
        self.path: Path | None = None

        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Probability and estimation theory")
        self.rubric_id = QLineEdit()
        self.rubric_id.setPlaceholderText("e.g. probability")
        self.title.textEdited.connect(self._on_title)
        self.rubric_id.textEdited.connect(self._on_id)
        self.status = QLabel()
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Id", self.rubric_id)
        hint = QLabel(
            "The rubric starts from a commented template. Replace each <<placeholder>> "
            "with this interview's own text; once none is left, the rubric can be saved "
            "to the rubric folder."
        )
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self._check()

    def value(self) -> tuple[str, str] | None:
        if self.path is None:
            return None
        return self.rubric_id.text().strip(), self.title.text().strip()

    def _on_title(self, text: str) -> None:
        if not self._id_typed:
            self.rubric_id.setText(id_from_title(text))
        self._check()

    def _on_id(self, _text: str) -> None:
        self._id_typed = True
        self._check()

    def _check(self) -> None:
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.path = None
        if not self.title.text().strip() or not self.rubric_id.text().strip():
            self.status.setText("")
            ok_button.setEnabled(False)
            return
        try:
            self.path = self._service.new_rubric_path(self.rubric_id.text().strip())
        except ScorerError as exc:
            self.status.setText(
                f"<span style='color:{css(tones(self.palette()).alert)}'>"
                f"{escape_text(exc.message)}</span>"
            )
            ok_button.setEnabled(False)
            return
        self.status.setText(f"It will be saved as {escape_text(str(self.path))}.")
        ok_button.setEnabled(True)
