"""The Merge dialog's table: one row per input file, its verification status and candidate."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from scorer.ui.theme import tones

if TYPE_CHECKING:
    from scorer.services.merge import CheckedInput

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("File", "Status", "Candidate", "Interview", "Signer", "Reason")
CHECKING = "Checking…"


@dataclass
class InputRow:
    path: Path
    key: int  # stable across removals: results of a check find their row by it
    checked: CheckedInput | None = None

    @property
    def status(self) -> str:
        return CHECKING if self.checked is None else self.checked.status


class MergeInputsModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[InputRow] = []
        self._next_key = 0

    # -- edits ------------------------------------------------------------------------------

    def add(self, paths: list[Path]) -> list[InputRow]:
        """Rows for the paths not listed yet; returns the new rows."""
        listed = {_resolved(r.path) for r in self._rows}
        fresh = []
        for path in paths:
            key = _resolved(path)
            if key in listed:
                continue
            listed.add(key)
            fresh.append(InputRow(path, self._next_key))
            self._next_key += 1
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows += fresh
            self.endInsertRows()
        return fresh

    def set_checked(self, key: int, checked: CheckedInput) -> None:
        for number, row in enumerate(self._rows):
            if row.key == key:
                row.checked = checked
                self.dataChanged.emit(self.index(number, 0),
                                      self.index(number, len(COLUMNS) - 1))
                return

    def remove(self, numbers: list[int]) -> None:
        for number in sorted(set(numbers), reverse=True):
            if 0 <= number < len(self._rows):
                self.beginRemoveRows(QModelIndex(), number, number)
                del self._rows[number]
                self.endRemoveRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    # -- reading ------------------------------------------------------------------------------

    @property
    def rows(self) -> list[InputRow]:
        return list(self._rows)

    def checked(self) -> list[CheckedInput]:
        return [r.checked for r in self._rows if r.checked is not None]

    def pending(self) -> int:
        return sum(1 for r in self._rows if r.checked is None)

    # -- Qt -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        checked = row.checked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return row.path.name if role == Qt.ItemDataRole.DisplayRole else str(row.path)
            if column == 1:
                return row.status
            if checked is None:
                return ""
            return (checked.candidate, checked.interview, checked.signer,
                    checked.reason)[column - 2]
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            t = tones()
            if checked is None:
                return QBrush(t.muted)
            if checked.skipped:  # an earlier packet or report: left out, not a problem
                return QBrush(t.muted)
            return QBrush(t.ok if checked.ok else t.alert)
        return None


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()
