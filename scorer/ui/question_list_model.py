"""The question list: the rubric's bank in order, then the ad-hoc questions asked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QApplication

from scorer.domain.interview import InterviewDetail, QuestionStatus
from scorer.domain.timer import format_offset
from scorer.ui.theme import tones

Index = QModelIndex | QPersistentModelIndex
KeyRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Row:
    key: str  # a rubric question id, or "adhoc:<id>"
    title: str
    status: QuestionStatus | None
    asked_at: float | None
    minutes: int | None
    has_note: bool

    @property
    def adhoc(self) -> bool:
        return self.key.startswith("adhoc:")


def rows_of(detail: InterviewDetail) -> list[Row]:
    rows = []
    for question in detail.rubric.questions:
        mark = detail.question(question.id)
        rows.append(
            Row(question.id, question.title, mark.status, mark.asked_at, question.minutes,
                bool(mark.note.strip()))
        )
    for adhoc in detail.adhoc_questions:
        rows.append(
            Row(f"adhoc:{adhoc.id}", adhoc.text, QuestionStatus.ASKED, adhoc.asked_at, None,
                bool(adhoc.note.strip()))
        )
    return rows


class QuestionListModel(QAbstractListModel):
    def __init__(self, detail: InterviewDetail) -> None:
        super().__init__()
        self._rows = rows_of(detail)
        self._current = detail.current_question_id

    def set_detail(self, detail: InterviewDetail) -> None:
        rows = rows_of(detail)
        current = detail.current_question_id
        if [r.key for r in rows] != [r.key for r in self._rows]:
            self.beginResetModel()
            self._rows, self._current = rows, current
            self.endResetModel()
            return
        self._rows, self._current = rows, current
        if rows:
            self.dataChanged.emit(self.index(0), self.index(len(rows) - 1))

    def row_of(self, key: str | None) -> int:
        return next((i for i, r in enumerate(self._rows) if r.key == key), -1)

    def key_at(self, row: int) -> str | None:
        return self._rows[row].key if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{_mark(row)}  {row.title}"
        if role == KeyRole:
            return row.key
        if role == Qt.ItemDataRole.ToolTipRole:
            return _describe(row)
        if role == Qt.ItemDataRole.FontRole and row.key == self._current:
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            palette_tones = tones(QApplication.palette())
            if row.status is QuestionStatus.SKIPPED:
                return QBrush(palette_tones.muted)
            return None
        if role == Qt.ItemDataRole.BackgroundRole and row.key == self._current:
            colour = QApplication.palette().color(QPalette.ColorRole.Highlight)
            colour.setAlpha(50)
            return QBrush(colour)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.title}, {_describe(row)}"
        return None


def _mark(row: Row) -> str:
    if row.status is QuestionStatus.ASKED:
        return f"✓ {format_offset(row.asked_at)}"
    if row.status is QuestionStatus.SKIPPED:
        return "– skipped"
    return f"○ {row.minutes} min" if row.minutes else "○"


def _describe(row: Row) -> str:
    if row.status is QuestionStatus.ASKED:
        text = f"asked at {format_offset(row.asked_at)}"
    elif row.status is QuestionStatus.SKIPPED:
        text = "skipped"
    else:
        text = "not asked yet"
    return text + (" · has a note" if row.has_note else "")
