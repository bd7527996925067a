"""The interviews list in three groups: in progress, finished but not submitted, submitted.

A tree model over plain summaries: group rows at the top level, interviews under
them, newest first. Rows are handed to the view in batches as it scrolls
(`fetchMore`), and the candidate filter runs over the plain list, so ten thousand
interviews cost no more than the few hundred on screen.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QApplication

from scorer.domain.interview_state import InterviewState, InterviewSummary
from scorer.ui.theme import tones

Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1

BATCH = 200
GROUPS = ("In progress", "Finished, not submitted", "Submitted")
COLUMNS = ("Candidate", "Interview", "Interviewer", "State", "Age")
_GROUP_OF = {
    InterviewState.NOT_STARTED: 0,
    InterviewState.IN_PROGRESS: 0,
    InterviewState.PAUSED: 0,
    InterviewState.FINISHED: 1,
    InterviewState.SUBMITTED: 2,
}


def describe_age(seconds: float) -> str:
    minutes = int(seconds // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min"
    hours = minutes // 60
    if hours < 24:
        return f"{hours} h"
    days = hours // 24
    return f"{days} day{'s' * (days != 1)}"


class InterviewListModel(QAbstractItemModel):
    def __init__(self, now: datetime) -> None:
        super().__init__()
        self._all: list[InterviewSummary] = []
        self._groups: list[list[InterviewSummary]] = [[], [], []]
        self._shown = [0, 0, 0]
        self._filter = ""
        self._now = now

    def set_summaries(self, summaries: list[InterviewSummary], now: datetime) -> None:
        self._all = summaries
        self._now = now
        self._regroup()

    def set_filter(self, text: str) -> None:
        """Only interviews whose candidate name or email contains `text` (any case)."""
        self._filter = text.strip().casefold()
        self._regroup()

    def group_size(self, group: int) -> int:
        return len(self._groups[group])

    def _regroup(self) -> None:
        self.beginResetModel()
        self._groups = [[], [], []]
        needle = self._filter
        for summary in self._all:
            if needle and not (
                needle in summary.candidate_name.casefold()
                or needle in summary.candidate_email.casefold()
            ):
                continue
            self._groups[_GROUP_OF[summary.state]].append(summary)
        self._shown = [min(BATCH, len(rows)) for rows in self._groups]
        self.endResetModel()

    def summary(self, index: Index) -> InterviewSummary | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1][index.row()]

    def index_of(self, interview_id: int) -> QModelIndex:
        for group, rows in enumerate(self._groups):
            for row, summary in enumerate(rows):
                if summary.id == interview_id:
                    while row >= self._shown[group]:
                        self.fetchMore(self.index(group, 0))
                    return self.createIndex(row, 0, group + 1)
        return QModelIndex()

    # QAbstractItemModel

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(GROUPS)
        if parent.internalId() == 0 and parent.column() == 0:
            return self._shown[parent.row()]
        return 0

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return True
        return parent.internalId() == 0 and parent.column() == 0 and bool(
            self._groups[parent.row()]
        )

    def canFetchMore(self, parent: Index) -> bool:
        if not parent.isValid() or parent.internalId() != 0:
            return False
        group = parent.row()
        return self._shown[group] < len(self._groups[group])

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        group = parent.row()
        first = self._shown[group]
        last = min(first + BATCH, len(self._groups[group])) - 1
        self.beginInsertRows(self.index(group, 0), first, last)
        self._shown[group] = last + 1
        self.endInsertRows()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(index, role)
        summary = self._groups[index.internalId() - 1][index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(summary, column)
        if role == IdRole:
            return summary.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{summary.candidate_name} <{summary.candidate_email}>"
        if role == Qt.ItemDataRole.ForegroundRole and column == 4 and summary.forgotten(self._now):
            return QBrush(tones(QApplication.palette()).alert)
        if role == Qt.ItemDataRole.FontRole and column == 4 and summary.forgotten(self._now):
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        return None

    def _group_data(self, index: Index, role: int) -> Any:
        if index.column() != 0:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            count = len(self._groups[index.row()])
            return f"{GROUPS[index.row()]} ({count:,})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont(QApplication.font())
            font.setBold(True)
            return font
        return None

    def _cell(self, summary: InterviewSummary, column: int) -> Any:
        if column == 0:
            return summary.candidate_name
        if column == 1:
            return summary.rubric_title
        if column == 2:
            return summary.interviewer_name
        if column == 3:
            when = summary.submitted_at or summary.started_at
            state = summary.state.label
            if summary.state is InterviewState.NOT_STARTED and summary.scheduled_for:
                return f"not started · {summary.scheduled_for:%d %b %Y}"
            return f"{state} · {when.astimezone():%d %b %Y %H:%M}" if when else state
        seconds = summary.age(self._now).total_seconds()
        text = describe_age(seconds)
        if summary.forgotten(self._now):
            text += " · not submitted!"
        return text
