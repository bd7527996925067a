"""The overall recommendation (no neutral middle) and the summary note."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QGroupBox, QLabel, QVBoxLayout, QWidget

from scorer.domain.changes import Aspect, Change
from scorer.ui.interview_session import InterviewSession
from scorer.ui.prose import escape_text
from scorer.ui.widgets.choice_option import ChoiceOption
from scorer.ui.widgets.note_edit import NoteEdit


class VerdictBox(QGroupBox):
    def __init__(self, session: InterviewSession, parent: QWidget | None = None) -> None:
        super().__init__("Recommendation and summary", parent)
        self._session = session
        self.group = QButtonGroup(self)
        self.options: dict[str, ChoiceOption] = {}
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        for index, option in enumerate(session.detail.rubric.recommendation):
            choice = ChoiceOption(option.label, option.meaning)
            self.group.addButton(choice.radio, index)
            self.options[option.id] = choice
            layout.addWidget(choice)
        self.group.idClicked.connect(self._on_clicked)
        self.summary_label = QLabel("<b>Summary note</b> (required)")
        layout.addWidget(self.summary_label)
        self.summary = NoteEdit(
            lambda text: session.edit(session.service.write_summary_note, text),
            session.elapsed,
            placeholder="The evidence behind your recommendation, in a few sentences.",
            lines=4,
        )
        self.summary.setAccessibleName("Summary note")
        layout.addWidget(self.summary)
        self.read_only_text = QLabel()
        self.read_only_text.setWordWrap(True)
        layout.addWidget(self.read_only_text)
        session.changed.connect(self._on_changed)
        self._refresh()

    def choose(self, option_id: str) -> None:
        self._session.edit(self._session.service.set_recommendation, option_id)
        self._refresh()

    def flush(self) -> None:
        self.summary.flush()

    def _on_clicked(self, index: int) -> None:
        self.choose(self._session.detail.rubric.recommendation[index].id)

    def _on_changed(self, change: Change) -> None:
        if change.aspect in (Aspect.RECOMMENDATION, Aspect.SUMMARY_NOTE, Aspect.SUBMISSION):
            self._refresh()

    def _refresh(self) -> None:
        detail = self._session.detail
        editable = self._session.editable
        self.group.setExclusive(False)
        for option_id, choice in self.options.items():
            choice.show_chosen(option_id == detail.recommendation)
            choice.setVisible(editable)
        self.group.setExclusive(True)
        self.summary.show_stored(detail.summary_note)
        self.summary.setVisible(editable)
        self.summary_label.setVisible(editable)
        chosen = detail.rubric.recommendation_option(detail.recommendation or "")
        self.read_only_text.setVisible(not editable)
        self.read_only_text.setText(
            f"<b>{escape_text(chosen.label) if chosen else 'No recommendation'}</b><br>"
            + escape_text(detail.summary_note).replace("\n", "<br>")
        )
