"""A table model of the rubric library: one row per rubric file."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from scorer.io.rubric_loader import RubricLoad

Index = QModelIndex | QPersistentModelIndex

_HEADERS = ("Interview", "Area", "Duration", "Dimensions", "Questions", "Version", "Status")


class RubricTableModel(QAbstractTableModel):
    def __init__(self, loads: tuple[RubricLoad, ...] = ()) -> None:
        super().__init__()
        self._loads = loads

    def set_loads(self, loads: tuple[RubricLoad, ...]) -> None:
        self.beginResetModel()
        self._loads = loads
        self.endResetModel()

    def load_at(self, row: int) -> RubricLoad:
        return self._loads[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._loads)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        load = self._loads[index.row()]
        rubric = load.rubric
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(str(d) for d in load.diagnostics) or load.file
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if rubric is None:
            name = load.file.rsplit("/", 1)[-1]
            problems = len(load.diagnostics)
            row = (name, "", "", "", "", "", f"{problems} problem{'s' * (problems != 1)}")
        else:
            row = (
                rubric.title,
                rubric.area,
                f"{rubric.duration_minutes} min",
                str(len(rubric.dimensions)),
                str(len(rubric.questions)),
                rubric.version[:8],
                "valid",
            )
        return row[index.column()]
