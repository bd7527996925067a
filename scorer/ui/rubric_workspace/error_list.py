"""The problems of the rubric being edited; choosing one puts the cursor on it.

The list is as tall as its problems need; the workspace gives it up to half of
its pane, and the lead can drag the handle under it to make it taller or shorter.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from scorer.domain.problems import Diagnostic
from scorer.ui.prose import escape_text
from scorer.ui.theme import css, tones

_POSITION = Qt.ItemDataRole.UserRole


class _FittedList(QListWidget):
    """As tall as its items need; whatever does not fit scrolls."""

    rewrapped = Signal()  # a new width: the items' heights changed

    def sizeHint(self) -> QSize:
        # Rows as laid out at the current width: a wrapped problem takes two lines or more.
        self.executeDelayedItemsLayout()
        rows = sum(self.visualItemRect(self.item(row)).height() for row in range(self.count()))
        frame = 2 * self.frameWidth() + 4
        return QSize(super().sizeHint().width(), rows + frame)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.fontMetrics().lineSpacing() * 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.updateGeometry()  # wrapped items change height with the width
        if event.oldSize().width() != event.size().width():
            self.rewrapped.emit()


class ErrorList(QWidget):
    jump_requested = Signal(int, int)  # 1-based line and column
    contents_changed = Signal()  # the height it needs may have changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.list = _FittedList()
        self.list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setAccessibleName("Problems")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.rewrapped.connect(self.contents_changed)
        self.list.itemActivated.connect(self._on_item)
        self.list.itemClicked.connect(self._on_item)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        self.show_valid(None)

    def show_problems(self, diagnostics: Sequence[Diagnostic]) -> None:
        count = len(diagnostics)
        alert = css(tones(self.palette()).alert)
        self.heading.setText(
            f"<b style='color:{alert}'>{count} problem{'s' * (count != 1)}</b>"
            " · click one to go to its line"
        )
        self.list.clear()
        for diagnostic in diagnostics:
            item = QListWidgetItem(f"Line {diagnostic.line}: {diagnostic.message}")
            item.setData(_POSITION, (diagnostic.line, diagnostic.column))
            item.setToolTip(f"line {diagnostic.line}, column {diagnostic.column}")
            item.setForeground(tones(self.palette()).alert)
            self.list.addItem(item)
        self.list.setVisible(True)
        self.list.updateGeometry()
        self.contents_changed.emit()

    def wanted_height(self) -> int:
        """The height that shows every problem (or just the heading when there are none)."""
        layout = self.layout()
        spacing = layout.spacing() if layout is not None else 0
        height = self.heading.heightForWidth(max(1, self.width())) if self.heading.text() else 0
        if self.list.isVisibleTo(self):
            height += spacing + self.list.sizeHint().height()
        return max(height, 0)

    def show_valid(self, version: str | None) -> None:
        """No problems: say which version interviewers will get once it is saved."""
        self.list.clear()
        self.list.setVisible(False)
        if version is None:
            self.heading.setText("")
        else:
            ok = css(tones(self.palette()).ok)
            self.heading.setText(
                f"<b style='color:{ok}'>✓ No problems</b> · version {escape_text(version[:8])}"
            )
        self.contents_changed.emit()

    def count(self) -> int:
        return self.list.count()

    def item_text(self, row: int) -> str:
        item = self.list.item(row)
        return item.text() if item is not None else ""

    def activate(self, row: int) -> None:
        item = self.list.item(row)
        if item is not None:
            self._on_item(item)

    def _on_item(self, item: QListWidgetItem) -> None:
        position = item.data(_POSITION)
        if position:
            line, column = position
            self.jump_requested.emit(int(line), int(column))
