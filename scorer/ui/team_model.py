"""The team's interviews as a table: late ones first, as the team store orders them."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from scorer.domain.team import TeamInterview
from scorer.ui.theme import tones
from scorer.ui.widgets.fixed_columns_model import FixedColumnsModel, Index

COLUMNS = ("Scheduled", "State", "Interview", "Candidate", "Interviewer")


class TeamInterviewsModel(FixedColumnsModel):
    columns = COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[TeamInterview] = []
        self._today = date.today()

    def set_rows(self, rows: list[TeamInterview], today: date) -> None:
        self.beginResetModel()
        self._rows, self._today = list(rows), today
        self.endResetModel()

    def row(self, number: int) -> TeamInterview:
        return self._rows[number]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        late = item.late(self._today)
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                when = item.scheduled_for.isoformat() if item.scheduled_for else "unscheduled"
                return f"{when}  LATE" if late else when
            if column == 1:
                return item.state.label
            if column == 2:
                return item.kind
            if column == 3:
                return f"{item.candidate_name} <{item.candidate_email}>"
            return item.interviewer_email
        if role == Qt.ItemDataRole.ForegroundRole and late and index.column() in (0, 1):
            return tones().alert
        if role == Qt.ItemDataRole.ToolTipRole and late:
            return "Scheduled more than two days ago and its card is not published yet."
        return None
