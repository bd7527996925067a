"""The Merge dialog's candidates: one row each, with the state of every interview kind.

The rows are the service's desk (`scorer.services.merge.desk.Desk`): what each
candidate's packet will hold. A kind's cell is present, missing, not submitted or
rejected; hovering over it gives every file behind it, with the whole reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from scorer.services.merge.desk import KindState
from scorer.ui.theme import tones

if TYPE_CHECKING:
    from scorer.domain.panel import PanelKind
    from scorer.services.merge.desk import CandidateDesk, Desk

Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 2
FIXED = ("Candidate", "Interviews", "Rejected")


class CandidatesModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: tuple[CandidateDesk, ...] = ()
        self._kinds: tuple[PanelKind, ...] = ()

    def set_desk(self, desk: Desk) -> None:
        kinds = list(desk.expected)
        for row in desk.candidates:  # kinds held that the panel does not expect, after
            kinds += [k.kind for k in row.kinds if k.kind not in kinds]
        self.beginResetModel()
        self._rows = desk.candidates
        self._kinds = tuple(kinds)
        self.endResetModel()

    @property
    def rows(self) -> tuple[CandidateDesk, ...]:
        return self._rows

    @property
    def kinds(self) -> tuple[PanelKind, ...]:
        return self._kinds

    def row(self, number: int) -> CandidateDesk:
        return self._rows[number]

    def number_of(self, key: str) -> int | None:
        return next((n for n, r in enumerate(self._rows) if r.key == key), None)

    # -- Qt -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(FIXED) + len(self._kinds)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        kind = self._kind_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return kind.id if kind is not None else self._fixed_at(section)
        if role == Qt.ItemDataRole.ToolTipRole and kind is not None:
            return kind.title
        return None

    def _fixed_at(self, column: int) -> str:
        return FIXED[column] if column < 2 else FIXED[2]

    def _kind_at(self, column: int) -> PanelKind | None:
        index = column - 2
        return self._kinds[index] if 0 <= index < len(self._kinds) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == KEY_ROLE:
            return row.key
        if role == PROBLEM_ROLE:
            return row.problems
        kind = self._kind_at(column)
        status = next((k for k in row.kinds if kind is not None and k.kind.id == kind.id),
                      None)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.label()
            if column == 1:
                expected = len(row.panel.expected)
                return f"{row.counted} of {expected}" if expected else str(row.counted)
            if kind is None:
                return str(len(row.rejected)) if row.rejected else ""
            return status.state.value if status is not None else "missing"
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return row.label()
            if status is not None:
                lines = [f"{kind.title if kind else ''}: {status.state.value}", *status.notes]
                if not status.expected:
                    lines.append("The panel does not expect this interview kind.")
                return "\n".join(lines)
            if kind is None and row.rejected:
                return "\n".join(f"{r.path.name}: {r.status} · {r.reason}" for r in row.rejected)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and status is not None:
            t = tones()
            return QBrush({KindState.PRESENT: t.ok, KindState.MISSING: t.muted,
                           KindState.NOT_SUBMITTED: t.warn,
                           KindState.REJECTED: t.alert}[status.state])
        return None
