"""The start screen: every interview in three groups, filtered by candidate."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from scorer.domain.interview import InterviewSummary
from scorer.ui.interview_list_model import IdRole, InterviewListModel, SortRole
from scorer.ui.theme import scaled_font


class CandidateFilter(QSortFilterProxyModel):
    """Filters interviews by candidate; a group shows while any of its interviews match."""

    def __init__(self) -> None:
        super().__init__()
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(0)
        self.setSortRole(SortRole)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not source_parent.isValid():
            return not self.filterRegularExpression().pattern()
        return super().filterAcceptsRow(source_row, source_parent)


class StartScreen(QWidget):
    open_requested = Signal(int)
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = InterviewListModel(datetime.now().astimezone())
        self.proxy = CandidateFilter()
        self.proxy.setSourceModel(self.model)

        title = QLabel("Interviews")
        title.setFont(scaled_font(self, 1.6, bold=True))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by candidate…  (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter by candidate")
        self.filter.textChanged.connect(self.set_filter)
        self.new_button = QPushButton("New interview…")
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.clicked.connect(self.new_requested)
        self.open_button = QPushButton("Open")
        self.open_button.clicked.connect(self._open_selected)

        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.tree.setAccessibleName("Interviews")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.activated.connect(self._open_index)
        self.empty_hint = QLabel(
            "No interviews yet. Press <b>New interview…</b> (Ctrl+N) to start one."
        )
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        bar = QHBoxLayout()
        bar.addWidget(title)
        bar.addSpacing(16)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.open_button)
        bar.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty_hint)
        QShortcut(QKeySequence.StandardKey.Find, self, self.filter.setFocus)

    def set_summaries(self, summaries: list[InterviewSummary], now: datetime) -> None:
        self.model.set_summaries(summaries, now)
        self.tree.expandAll()
        self.empty_hint.setVisible(not summaries)
        self.tree.setVisible(bool(summaries))

    def set_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()

    def select_interview(self, interview_id: int) -> None:
        index = self.proxy.mapFromSource(self.model.index_of(interview_id))
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def _open_selected(self) -> None:
        self._open_index(self.tree.currentIndex())

    def _open_index(self, index: QModelIndex) -> None:
        interview_id = index.siblingAtColumn(0).data(IdRole)
        if interview_id is not None:
            self.open_requested.emit(int(interview_id))
