"""The start screen: every interview in three groups, newest first, filtered by candidate."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
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

from scorer.domain.interview_state import InterviewSummary
from scorer.ui.interview_list_model import IdRole, InterviewListModel
from scorer.ui.theme import scaled_font


class StartScreen(QWidget):
    open_requested = Signal(int)
    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = InterviewListModel(datetime.now().astimezone())

        title = QLabel("Interviews")
        title.setFont(scaled_font(self, 1.6, bold=True))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by candidate…  (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter by candidate")
        self.filter.textChanged.connect(self.set_filter)
        # From the filter, Down goes into the list and Return opens the interview found.
        self.filter.installEventFilter(self)
        self.new_button = QPushButton("New interview…")
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.clicked.connect(self.new_requested)
        self.open_button = QPushButton("Open")
        self.open_button.clicked.connect(self._open_selected)

        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setAccessibleName("Interviews")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Widths from the text they hold, not ResizeToContents, which reads every row.
        metrics = self.fontMetrics()
        for column, sample in ((2, "Samira Qureshi-Long"), (3, "submitted · 26 Nov 2026 13:29"),
                               (4, "12 days · not submitted!")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
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
        self.model.set_filter(text)
        self.tree.expandAll()

    def select_interview(self, interview_id: int) -> None:
        index = self.model.index_of(interview_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Down:
                self._into_list()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if not self._is_interview(self.tree.currentIndex()):
                    self._into_list()
                self._open_selected()
                return True
            if key == Qt.Key.Key_Escape and self.filter.text():
                self.filter.clear()
                return True
        return super().eventFilter(watched, event)

    def _into_list(self) -> None:
        """Focus the list on its current interview, else the first one it shows."""
        if not self._is_interview(self.tree.currentIndex()):
            first = self._first_interview()
            if first.isValid():
                self.tree.setCurrentIndex(first)
        self.tree.setFocus(Qt.FocusReason.TabFocusReason)

    def _first_interview(self) -> QModelIndex:
        for row in range(self.model.rowCount()):
            group = self.model.index(row, 0)
            if self.model.rowCount(group):
                return self.model.index(0, 0, group)
        return QModelIndex()

    def _is_interview(self, index: QModelIndex) -> bool:
        return index.isValid() and index.siblingAtColumn(0).data(IdRole) is not None

    def _open_selected(self) -> None:
        self._open_index(self.tree.currentIndex())

    def _open_index(self, index: QModelIndex) -> None:
        interview_id = index.siblingAtColumn(0).data(IdRole)
        if interview_id is not None:
            self.open_requested.emit(int(interview_id))
