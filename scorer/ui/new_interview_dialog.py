"""New interview: candidate (existing or new), interview kind, interviewer and date.

Usable with the keyboard alone: Tab moves through the fields, typing in the
candidate box completes existing candidates, Enter creates the interview.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from scorer.domain.people import Candidate, Interviewer
from scorer.domain.rubric import Rubric
from scorer.ui.theme import css, tones
from scorer.ui.widgets.fit import grow_to_fit


@dataclass(frozen=True)
class NewInterview:
    candidate_name: str
    candidate_email: str
    rubric: Rubric
    interviewer_name: str
    interviewer_email: str
    scheduled_for: date


class NewInterviewDialog(QDialog):
    def __init__(
        self,
        rubrics: list[Rubric],
        candidates: list[Candidate],
        interviewers: list[Interviewer],
        default_interviewer: tuple[str, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("New interview")
        self.setMinimumWidth(520)
        self._candidates = {self._label(c.name, c.email): c for c in candidates}
        self._interviewers = {self._label(i.name, i.email): i for i in interviewers}
        self._rubrics = rubrics

        self.candidate_name = QLineEdit()
        self.candidate_name.setPlaceholderText(
            "Full name; existing candidates complete as you type"
        )
        completer = QCompleter(sorted(self._candidates), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._pick_candidate)
        self.candidate_name.setCompleter(completer)
        self.candidate_email = QLineEdit()
        self.candidate_email.setPlaceholderText("name@example.com")
        self.kind = QComboBox()
        for rubric in rubrics:
            self.kind.addItem(f"{rubric.title} ({rubric.duration_minutes} min)", rubric.id)
        self.interviewer_name = QLineEdit()
        interviewer_completer = QCompleter(sorted(self._interviewers), self)
        interviewer_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        interviewer_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        interviewer_completer.activated.connect(self._pick_interviewer)
        self.interviewer_name.setCompleter(interviewer_completer)
        self.interviewer_email = QLineEdit()
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMM yyyy")
        if default_interviewer is not None:  # this computer's signing identity: name, email
            self.interviewer_name.setText(default_interviewer[0])
            self.interviewer_email.setText(default_interviewer[1])

        form = QFormLayout()
        form.addRow("&Candidate", self.candidate_name)
        form.addRow("Candidate &email", self.candidate_email)
        form.addRow("&Interview", self.kind)
        form.addRow("Inter&viewer", self.interviewer_name)
        form.addRow("Interviewer e&mail", self.interviewer_email)
        form.addRow("&Date", self.date)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {css(tones(self.palette()).alert)};")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Create interview")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if not rubrics:
            self.show_error("The rubric library has no valid rubric; fix the rubric files first.")
            self.ok_button.setEnabled(False)

    def value(self) -> NewInterview | None:
        """What the form holds, or None with the problem shown when a field is missing."""
        fields = [
            (self.candidate_name, "the candidate's name"),
            (self.candidate_email, "the candidate's email"),
            (self.interviewer_name, "the interviewer's name"),
            (self.interviewer_email, "the interviewer's email"),
        ]
        for field, what in fields:
            if not field.text().strip():
                self.show_error(f"Please enter {what}.")
                field.setFocus()
                return None
        rubric = self._rubrics[self.kind.currentIndex()]
        return NewInterview(
            self.candidate_name.text().strip(), self.candidate_email.text().strip(), rubric,
            self.interviewer_name.text().strip(), self.interviewer_email.text().strip(),
            self.date.date().toPython(),  # type: ignore[arg-type]
        )

    def accept(self) -> None:
        if self.value() is not None:
            super().accept()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        grow_to_fit(self)

    @staticmethod
    def _label(name: str, email: str) -> str:
        return f"{name} <{email}>"

    def _pick_candidate(self, label: str) -> None:
        candidate = self._candidates.get(label)
        if candidate is not None:
            self.candidate_name.setText(candidate.name)
            self.candidate_email.setText(candidate.email)
            self.kind.setFocus()

    def _pick_interviewer(self, label: str) -> None:
        interviewer = self._interviewers.get(label)
        if interviewer is not None:
            self.interviewer_name.setText(interviewer.name)
            self.interviewer_email.setText(interviewer.email)
            self.date.setFocus()
