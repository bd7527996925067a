"""End and submit: the completeness check by name, the verdict, then the lock."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scorer.domain.changes import Change
from scorer.ui.interview_session import InterviewSession
from scorer.ui.prose import escape_text
from scorer.ui.theme import css, tones
from scorer.ui.widgets.verdict_box import VerdictBox


def checklist_html(session: InterviewSession, ok_colour: str, missing_colour: str) -> str:
    detail = session.detail
    lines = []
    for dimension in detail.rubric.dimensions:
        score = detail.score(dimension.id).score
        if score is None:
            lines.append((False, f"Score for '{escape_text(dimension.name)}'"))
        else:
            level = dimension.level(score)
            label = escape_text(level.label) if level else ""
            lines.append((True, f"{escape_text(dimension.name)}: {score} · {label}"))
    chosen = detail.rubric.recommendation_option(detail.recommendation or "")
    lines.append((chosen is not None, "Recommendation" + (f": {chosen.label}" if chosen else "")))
    lines.append((bool(detail.summary_note.strip()), "Summary note"))
    return "<br>".join(
        f"<span style='color:{ok_colour if ok else missing_colour}'>{'✓' if ok else '✗'}</span>"
        f" {text}" + ("" if ok else " <i>(missing)</i>")
        for ok, text in lines
    )


class SubmitDialog(QDialog):
    def __init__(self, session: InterviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Check and submit the scorecard")
        self.setMinimumWidth(640)
        self.resize(720, 700)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.checklist = QLabel()
        self.checklist.setWordWrap(True)
        self.verdict = VerdictBox(session)
        self.buttons = QDialogButtonBox()
        self.submit_button = QPushButton("Submit and lock")
        self.buttons.addButton(self.submit_button, QDialogButtonBox.ButtonRole.AcceptRole)
        back = self.buttons.addButton(
            "Back to the interview", QDialogButtonBox.ButtonRole.RejectRole
        )
        back.setAutoDefault(False)
        self.submit_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.checklist)
        layout.addWidget(self.verdict)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        session.changed.connect(self._on_changed)
        self._refresh()

    def missing(self) -> list[str]:
        return self.session.detail.missing()

    def submit(self) -> None:
        self.verdict.flush()
        if self.missing():
            self._refresh()
            return
        clock = self.session.detail.timer
        still = (
            " It also ends the interview, whose clock is still running."
            if clock.started and not clock.ended else ""
        )
        answer = QMessageBox.question(
            self, "Submit the scorecard",
            "Submitting locks the scorecard: nothing in it can change afterwards."
            f"{still} Submit now?",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.session.edit(self.session.service.submit):
            self.accept()
        else:
            self._refresh()

    def _on_changed(self, _change: Change) -> None:
        self._refresh()

    def _refresh(self) -> None:
        palette_tones = tones(self.palette())
        missing = self.missing()
        if missing:
            self.heading.setText(
                f"<b>{len(missing)} item{'s' * (len(missing) != 1)} missing</b> before this "
                "scorecard can be submitted:"
            )
        else:
            self.heading.setText("<b>The scorecard is complete.</b> Submitting locks it.")
        clock = self.session.detail.timer
        if clock.started and not clock.ended:
            self.heading.setText(
                self.heading.text() + "<br><i>The interview is still running: this check "
                "ends nothing; “Back to the interview” or Escape returns to it.</i>"
            )
        self.checklist.setText(
            checklist_html(self.session, css(palette_tones.ok), css(palette_tones.alert))
        )
        self.submit_button.setEnabled(not missing and self.session.editable)
