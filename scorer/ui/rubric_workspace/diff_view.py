"""What changed between the rubric an interview used and the file as it is now.

Both sides are the canonical dump of the rubric's content, so the diff shows
content only: comments and formatting of the file never appear in it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from scorer.domain.errors import ScorerError
from scorer.domain.interview import InterviewSummary
from scorer.domain.rubric import Rubric
from scorer.services.interviews import InterviewService
from scorer.services.rubric_workspace import rubric_diff
from scorer.ui.prose import escape_text
from scorer.ui.theme import tones


class DiffHighlighter(QSyntaxHighlighter):
    """Added lines green, removed lines red, hunk headers in the accent colour."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        palette_tones = tones()
        self._added = self._line(palette_tones.ok)
        self._removed = self._line(palette_tones.alert)
        self._hunk = QTextCharFormat()
        self._hunk.setForeground(palette_tones.accent)
        self._hunk.setFontItalic(True)
        self._header = QTextCharFormat()
        self._header.setForeground(palette_tones.muted)

    @staticmethod
    def _line(colour: QColor) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setForeground(colour)
        fill = QColor(colour)
        fill.setAlpha(34)
        fmt.setBackground(fill)
        return fmt

    def highlightBlock(self, text: str) -> None:
        if text.startswith(("+++", "---")):
            self.setFormat(0, len(text), self._header)
        elif text.startswith("+"):
            self.setFormat(0, len(text), self._added)
        elif text.startswith("-"):
            self.setFormat(0, len(text), self._removed)
        elif text.startswith("@@"):
            self.setFormat(0, len(text), self._hunk)


class DiffText(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setAccessibleName("Differences")
        self.highlighter = DiffHighlighter(self.document())


class InterviewDiffDialog(QDialog):
    """Choose an interview that used this rubric; see its pinned version against the file."""

    def __init__(
        self,
        interviews: InterviewService,
        rubric_id: str,
        current: Rubric | None,
        file_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Compare {file_name} with an interview")
        self.resize(900, 640)
        self._interviews = interviews
        self._current = current
        self._file_name = file_name
        try:
            summaries = [s for s in interviews.list_interviews() if s.rubric_id == rubric_id]
        except ScorerError as exc:
            summaries = []
            self._error = exc.message
        else:
            self._error = ""
        self._summaries = summaries

        self.choice = QComboBox()
        self.choice.setAccessibleName("Interview")
        for summary in summaries:
            self.choice.addItem(self._label(summary), summary.id)
        self.choice.currentIndexChanged.connect(self._on_choice)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.diff = DiffText()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Interview", self.choice)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.heading)
        layout.addWidget(self.diff, 1)
        layout.addWidget(buttons)
        if summaries:
            self._on_choice(0)
        else:
            self.choice.setEnabled(False)
            self.heading.setText(
                self._error or f"No interview has used the rubric '{escape_text(rubric_id)}' yet."
            )

    @staticmethod
    def _label(summary: InterviewSummary) -> str:
        when = (summary.started_at or summary.created_at).strftime("%Y-%m-%d")
        return (
            f"{summary.candidate_name} · {when} · {summary.interviewer_name} · "
            f"{summary.state.label}"
        )

    def show_interview(self, interview_id: int) -> None:
        index = self.choice.findData(interview_id)
        if index >= 0:
            self.choice.setCurrentIndex(index)
            self._on_choice(index)

    def _on_choice(self, index: int) -> None:
        if index < 0:
            return
        interview_id = int(self.choice.itemData(index))
        try:
            pinned = self._interviews.get_interview(interview_id).rubric
        except ScorerError as exc:
            self.heading.setText(escape_text(exc.message))
            self.diff.clear()
            return
        used = f"This interview used version <b>{pinned.version[:8]}</b>"
        if self._current is None:
            self.heading.setText(f"{used}. {escape_text(self._file_name)} has no valid version "
                                 "to compare with.")
            self.diff.clear()
            return
        diff = rubric_diff(
            pinned, self._current,
            f"interview {interview_id} (version {pinned.version[:8]})",
            f"{self._file_name} (version {self._current.version[:8]})",
        )
        if diff.identical:
            self.heading.setText(f"{used}, the same as {escape_text(self._file_name)} now.")
            self.diff.setPlainText("")
            return
        self.heading.setText(
            f"{used}; {escape_text(self._file_name)} is now at version "
            f"<b>{self._current.version[:8]}</b>. Lines marked <code>-</code> were in the "
            "interview's version; lines marked <code>+</code> are in the file now."
        )
        self.diff.setPlainText("\n".join(diff.lines))
