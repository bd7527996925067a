"""The Merge dialog's view of its files: problems first, optionally problems only, and
optionally only the files of the chosen candidates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from scorer.ui.merge_model import PATH_ROLE, RANK_ROLE

Index = QModelIndex | QPersistentModelIndex


class MergeFilesFilter(QSortFilterProxyModel):
    def __init__(self) -> None:
        super().__init__()
        self._problems_only = False
        self._paths: frozenset[str] | None = None
        self.setSortRole(RANK_ROLE)
        self.sort(0, Qt.SortOrder.AscendingOrder)
        self.setDynamicSortFilter(True)

    def set_problems_only(self, on: bool) -> None:
        self._refilter(lambda: setattr(self, "_problems_only", on))

    def set_paths(self, paths: set[Path] | None) -> None:
        """Show only these files (`None`: every file)."""
        shown = None if paths is None else frozenset(str(p) for p in paths)
        self._refilter(lambda: setattr(self, "_paths", shown))

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._problems_only and index.data(RANK_ROLE) != 0:
            return False
        return self._paths is None or index.data(PATH_ROLE) in self._paths

    def lessThan(self, left: Index, right: Index) -> bool:
        # Problems first; otherwise in the order the files were added.
        return (left.data(RANK_ROLE), left.row()) < (right.data(RANK_ROLE), right.row())
