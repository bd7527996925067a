"""The question bank beside the call: pick, mark asked or skipped, note, add ad-hoc ones."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from scorer.domain.changes import Aspect, Change
from scorer.domain.interview import QuestionStatus
from scorer.domain.rubric import Question
from scorer.domain.timer import format_offset
from scorer.ui.interview_session import InterviewSession
from scorer.ui.prose import escape_text, prose_html
from scorer.ui.question_list_model import QuestionListModel
from scorer.ui.widgets.note_edit import NoteEdit
from scorer.ui.widgets.wrapped_rows import WrappedRowDelegate


def question_html(question: Question, section_title: str | None) -> str:
    parts = [f"<h3 style='margin:0'>{escape_text(question.title)}</h3>"]
    meta = [f"{question.minutes} min"]
    if section_title:
        meta.insert(0, escape_text(section_title))
    if question.tags:
        meta.append(", ".join(escape_text(t) for t in question.tags))
    parts.append(f"<p style='margin-top:2px'><i>{' · '.join(meta)}</i></p>")
    parts.append(prose_html(question.prompt))
    if question.variants:
        items = "".join(
            f"<li><b>{escape_text(v.title)}</b>: {prose_html(v.prompt)}</li>"
            for v in question.variants
        )
        parts.append(f"<p><b>Variants</b></p><ul>{items}</ul>")
    if question.follow_ups:
        items = "".join(f"<li>{escape_text(f)}</li>" for f in question.follow_ups)
        parts.append(f"<p><b>Follow-ups</b></p><ul>{items}</ul>")
    items = "".join(f"<li>{escape_text(s)}</li>" for s in question.strong_answer)
    parts.append(f"<p><b>A strong answer shows</b></p><ul>{items}</ul>")
    return "".join(parts)


class QuestionsPanel(QWidget):
    def __init__(self, session: InterviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._key: str | None = None

        self.model = QuestionListModel(session.detail)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Questions")
        self.list.setWordWrap(True)
        # Rows are laid out again when the list narrows; otherwise a row keeps the height
        # of its wider wrap and shows an empty line.
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setItemDelegate(WrappedRowDelegate(self.list))
        self.list.setSpacing(2)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.add_button = QPushButton("Add ad-hoc question…")
        self.add_button.clicked.connect(self.add_adhoc)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("<b>Questions</b>")
        left_layout.addWidget(heading)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.add_button)

        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        self.asked_button = QPushButton("Mark asked")
        self.asked_button.setToolTip("Stamps the time on the clock (Ctrl+Enter)")
        self.asked_button.clicked.connect(self.mark_asked)
        self.skip_button = QPushButton("Skip")
        self.skip_button.clicked.connect(self.mark_skipped)
        self.clear_button = QPushButton("Clear mark")
        self.clear_button.clicked.connect(self.clear_mark)
        self.state_label = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.asked_button)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.state_label)
        self.note = NoteEdit(
            self._save_note, session.elapsed,
            placeholder="Note on this question (Ctrl+T stamps the time)", lines=4,
        )
        self.note.setAccessibleName("Question note")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.text, 1)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.note)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        session.changed.connect(self._on_changed)
        start = session.detail.current_question_id or self.model.key_at(0)
        self.select(start)
        self._apply_editable()

    # Actions (also bound to shortcuts by the live view)

    def select(self, key: str | None) -> None:
        row = self.model.row_of(key)
        if row >= 0:
            self.list.selectionModel().setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.ClearAndSelect
            )

    def step(self, delta: int) -> None:
        """Next or previous question; it becomes the current one."""
        row = max(0, min(self.model.rowCount() - 1, self.list.currentIndex().row() + delta))
        self.select(self.model.key_at(row))
        key = self.model.key_at(row)
        if key and not key.startswith("adhoc:") and self._session.editable:
            self._session.edit(self._session.service.set_current_question, key)

    def mark_asked(self) -> None:
        if self._key and not self._key.startswith("adhoc:"):
            self._session.edit(self._session.service.mark_question_asked, self._key)

    def mark_skipped(self) -> None:
        if self._key and not self._key.startswith("adhoc:"):
            self._session.edit(self._session.service.mark_question_skipped, self._key)

    def clear_mark(self) -> None:
        if self._key and not self._key.startswith("adhoc:"):
            self._session.edit(self._session.service.unmark_question, self._key)

    def add_adhoc(self) -> None:
        text, ok = QInputDialog.getMultiLineText(
            self, "Add ad-hoc question", "The question you asked (the time is stamped now):"
        )
        if ok and text.strip():
            self.add_adhoc_text(text)

    def add_adhoc_text(self, text: str) -> None:
        if self._session.edit(self._session.service.add_adhoc_question, text):
            adhoc = self._session.detail.adhoc_questions
            if adhoc:
                self.select(f"adhoc:{adhoc[-1].id}")

    def flush(self) -> None:
        self.note.flush()

    # Refresh

    def _save_note(self, text: str) -> None:
        key = self._key
        if key is None:
            return
        if key.startswith("adhoc:"):
            adhoc_id = int(key.removeprefix("adhoc:"))
            self._session.edit(self._session.service.write_adhoc_note, adhoc_id, text)
        else:
            self._session.edit(self._session.service.write_question_note, key, text)

    def _on_row_changed(self, current: object, _previous: object) -> None:
        self.note.flush()  # the note typed so far belongs to the question it was typed on
        self._key = self.model.key_at(self.list.currentIndex().row())
        self._show_key()

    def _on_changed(self, change: Change) -> None:
        if change.aspect in (
            Aspect.QUESTION, Aspect.CURRENT_QUESTION, Aspect.ADHOC_QUESTION, Aspect.TIMER,
        ):
            self.model.set_detail(self._session.detail)
            if self._key is not None and self.list.currentIndex().row() < 0:
                self.select(self._key)
            self._show_key(keep_note=True)
        if change.aspect is Aspect.SUBMISSION:
            self._apply_editable()

    def _show_key(self, keep_note: bool = False) -> None:
        detail = self._session.detail
        key = self._key
        marks_enabled = False
        if key is None:
            self.text.setHtml("")
            note = ""
            state = ""
        elif key.startswith("adhoc:"):
            adhoc_id = int(key.removeprefix("adhoc:"))
            adhoc = next((a for a in detail.adhoc_questions if a.id == adhoc_id), None)
            self.text.setHtml(
                "<h3>Ad-hoc question</h3><p>" + escape_text(adhoc.text if adhoc else "") + "</p>"
            )
            note = adhoc.note if adhoc else ""
            state = f"asked at {format_offset(adhoc.asked_at)}" if adhoc else ""
        else:
            question = detail.rubric.question(key)
            assert question is not None
            section = next((s for s in detail.rubric.agenda if s.id == question.section), None)
            self.text.setHtml(question_html(question, section.title if section else None))
            mark = detail.question(key)
            note = mark.note
            marks_enabled = True
            if mark.status is QuestionStatus.ASKED:
                state = f"asked at {format_offset(mark.asked_at)}"
            elif mark.status is QuestionStatus.SKIPPED:
                state = "skipped"
            else:
                state = "not asked yet"
        self.state_label.setText(state)
        editable = self._session.editable
        for button in (self.asked_button, self.skip_button, self.clear_button):
            button.setEnabled(marks_enabled and editable)
        if keep_note:
            self.note.show_stored(note)
        else:
            self.note.blockSignals(True)
            self.note.setPlainText(note)
            self.note.blockSignals(False)

    def _apply_editable(self) -> None:
        editable = self._session.editable
        self.add_button.setEnabled(editable)
        self.note.setReadOnly(not editable)
        self._show_key(keep_note=True)
