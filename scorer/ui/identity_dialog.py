"""The first-run dialog: the interviewer's signing identity for scorecards."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from scorer.ui.theme import css, tones
from scorer.ui.widgets.fit import grow_to_fit

if TYPE_CHECKING:
    from scorer.services.signing_desk import SigningDesk


class IdentityDialog(QDialog):
    """Makes this user's first identity; the desk refuses to replace one that exists."""

    def __init__(self, desk: SigningDesk, parent: QWidget | None = None, *,
                 name: str = "", email: str = "") -> None:
        super().__init__(parent)
        self._desk = desk
        self.setWindowTitle("Your signing identity")
        self.setMinimumWidth(520)
        intro = QLabel(
            "Scorecards you export are signed digitally, so the hiring panel can trust them. "
            "Scorer makes a key for you and keeps it in this computer's keyring; "
            "it never leaves it. Send the certificate (File › Export my certificate…) to the "
            "lead, who adds it to the team's list of interviewers. A scorecard is signed only "
            "by its interviewer: use the name and email your interviews are recorded under."
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(name)
        self.email = QLineEdit(email)
        self.email.setPlaceholderText("name@example.com")
        form = QFormLayout()
        form.addRow("Your &name", self.name)
        form.addRow("Your &email", self.email)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {css(tones(self.palette()).alert)};")
        self.error.hide()
        buttons = QDialogButtonBox()
        self.create_button = buttons.addButton(
            "Create identity", QDialogButtonBox.ButtonRole.AcceptRole
        )
        later = buttons.addButton("Later", QDialogButtonBox.ButtonRole.RejectRole)
        later.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self._desk.create_identity(self.name.text(), self.email.text())
        except ScorerError as exc:
            self.show_error(exc.message)
            return
        super().accept()

    def show_error(self, message: str) -> None:
        """The error under the form; the dialog grows so no line of it is cut."""
        self.error.setText(message)
        self.error.show()
        grow_to_fit(self)
