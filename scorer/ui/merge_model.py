"""The Merge dialog's files: one row per distinct file, its verification status and candidate.

A file listed twice (the same path, resolved) is added once; a file whose content is
that of a checked row (the same SHA-256) joins that row as a copy, so each card is
counted once, as the packet counts it. Hovering over a file shows its folder, and
its copies'.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush

from scorer.services.merge.inputs import resolved_path
from scorer.ui.theme import tones
from scorer.ui.widgets.fixed_columns_model import FixedColumnsModel, Index

if TYPE_CHECKING:
    from scorer.services.merge import CheckedInput

COLUMNS = ("File", "Status", "Candidate", "Interview", "Signer", "Reason")
REASON = COLUMNS.index("Reason")
CHECKING = "Checking…"
RANK_ROLE = Qt.ItemDataRole.UserRole + 1  # 0 a problem, 1 checking, 2 verified, 3 skipped
PATH_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass
class InputRow:
    path: Path
    key: int  # stable across removals: results of a check find their row by it
    checked: CheckedInput | None = None
    copies: list[Path] = field(default_factory=list)  # other files with the same content

    @property
    def status(self) -> str:
        return CHECKING if self.checked is None else self.checked.status

    @property
    def problem(self) -> bool:
        """Rejected: a file the panel should look at."""
        return self.checked is not None and not self.checked.ok and not self.checked.skipped

    @property
    def rank(self) -> int:
        if self.checked is None:
            return 1
        if self.problem:
            return 0
        return 3 if self.checked.skipped else 2

    @property
    def paths(self) -> list[Path]:
        return [self.path, *self.copies]

    def where(self) -> str:
        """The file's folder, and its copies', for a tooltip."""
        lines = [f"{self.path.name} in {self.path.parent}"]
        lines += [f"the same content: {p.name} in {p.parent}" for p in self.copies]
        return "\n".join(lines)


class MergeInputsModel(FixedColumnsModel):
    columns = COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[InputRow] = []
        self._next_key = 0

    # -- edits ------------------------------------------------------------------------------

    def add(self, paths: list[Path]) -> list[InputRow]:
        """Rows for the paths not listed yet; returns the new rows."""
        listed = {resolved_path(p) for r in self._rows for p in r.paths}
        fresh = []
        for path in paths:
            key = resolved_path(path)
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
        number = next((n for n, r in enumerate(self._rows) if r.key == key), None)
        if number is None:
            return
        row = self._rows[number]
        same = next((n for n, r in enumerate(self._rows) if r.checked is not None
                     and checked.sha256 and r.checked.sha256 == checked.sha256), None)
        if same is not None:  # a copy of a checked file: one row, one card
            self._rows[same].copies.append(row.path)
            self.dataChanged.emit(self.index(same, 0), self.index(same, len(COLUMNS) - 1))
            self.remove([number])
            return
        row.checked = checked
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(COLUMNS) - 1))

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

    def row(self, number: int) -> InputRow:
        return self._rows[number]

    def checked(self) -> list[CheckedInput]:
        return [r.checked for r in self._rows if r.checked is not None]

    def pending(self) -> int:
        return sum(1 for r in self._rows if r.checked is None)

    def copies(self) -> int:
        return sum(len(r.copies) for r in self._rows)

    # -- Qt -----------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        checked = row.checked
        if role == RANK_ROLE:
            return row.rank
        if role == PATH_ROLE:
            return str(row.path)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return row.path.name + (f" (×{len(row.paths)})" if row.copies else "")
            if column == 1:
                return row.status
            if checked is None:
                return ""
            return (checked.candidate, checked.interview, checked.signer,
                    checked.reason)[column - 2]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return row.where()
            if column == REASON and checked is not None and checked.reason:
                return checked.reason
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            t = tones()
            if checked is None or checked.skipped:  # skipped: Scorer's own output
                return QBrush(t.muted)
            return QBrush(t.ok if checked.ok else t.alert)
        return None
