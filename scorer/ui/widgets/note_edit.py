"""A note field that saves itself: debounced while typing, at once when focus leaves."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFocusEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from scorer.domain.timer import format_offset
from scorer.ui.debounce import Debounced


class NoteEdit(QPlainTextEdit):
    def __init__(
        self,
        save: Callable[[str], object],
        elapsed: Callable[[], float],
        placeholder: str = "",
        lines: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._elapsed = elapsed
        self._debounced = Debounced(save, parent=self)
        self.setPlaceholderText(placeholder)
        self.setTabChangesFocus(True)
        if lines is not None:
            margins = self.contentsMargins()
            height = self.fontMetrics().lineSpacing() * lines + 2 * self.document().documentMargin()
            self.setFixedHeight(int(height + margins.top() + margins.bottom() + 4))
        self.textChanged.connect(self._on_text_changed)

    @property
    def pending(self) -> bool:
        return self._debounced.pending

    def show_stored(self, text: str) -> None:
        """Show what the store holds, unless the user has typing that is not yet saved."""
        if self._debounced.pending or text == self.toPlainText():
            return
        self.blockSignals(True)
        cursor_at = self.textCursor().position()
        self.setPlainText(text)
        cursor = self.textCursor()
        cursor.setPosition(min(cursor_at, len(text)))
        self.setTextCursor(cursor)
        self.blockSignals(False)

    def insert_time(self) -> None:
        """Insert `[mm:ss] ` at the cursor, on a fresh line when the line has text."""
        cursor = self.textCursor()
        stamp = f"[{format_offset(self._elapsed())}] "
        if cursor.positionInBlock() > 0:
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            stamp = "\n" + stamp
        cursor.insertText(stamp)
        self.setTextCursor(cursor)

    def flush(self) -> None:
        self._debounced.flush()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.flush()
        super().focusOutEvent(event)

    def _on_text_changed(self) -> None:
        self._debounced.push(self.toPlainText())
