"""The problems of the rubric being edited; choosing one puts the cursor on it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
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
_MAX_LINES = 8


class _FittedList(QListWidget):
    """As tall as its items need, up to a few lines; a long list scrolls."""

    def sizeHint(self) -> QSize:
        rows = sum(max(0, self.sizeHintForRow(row)) for row in range(self.count()))
        cap = self.fontMetrics().lineSpacing() * _MAX_LINES
        frame = 2 * self.frameWidth() + 4
        return QSize(super().sizeHint().width(), min(cap, rows) + frame)

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.updateGeometry()  # wrapped items change height with the width


class ErrorList(QWidget):
    jump_requested = Signal(int, int)  # 1-based line and column

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.list = _FittedList()
        self.list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setAccessibleName("Problems")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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

    def show_valid(self, version: str | None) -> None:
        """No problems: say which version interviewers will get once it is saved."""
        self.list.clear()
        self.list.setVisible(False)
        if version is None:
            self.heading.setText("")
            return
        ok = css(tones(self.palette()).ok)
        self.heading.setText(
            f"<b style='color:{ok}'>✓ No problems</b> · version {escape_text(version[:8])}"
        )

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
