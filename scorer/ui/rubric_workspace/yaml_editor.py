"""The YAML editor: line numbers, problems marked at their lines, spaces for indentation.

A problem shows three ways: a dot in the gutter beside its line number, a wavy
underline from its column, and a faint tint over the whole line. Hovering the
dot or the line shows the message.

Long lines wrap at the editor's width by default (a paragraph of prose never
scrolls the editor sideways); the number sits beside a line's first row.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QHelpEvent,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from scorer.domain.problems import Diagnostic
from scorer.ui.rubric_workspace.yaml_highlighter import YamlHighlighter
from scorer.ui.theme import is_dark, tones

INDENT = "  "  # YAML forbids tabs for indentation


class _Gutter(QWidget):
    def __init__(self, editor: YamlEditor) -> None:
        super().__init__(editor)
        self._editor = editor
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(self._editor.gutter_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._editor.paint_gutter(self, event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            self._editor.show_line_tip(event.pos().y(), event.globalPos())
            return True
        return super().event(event)


class YamlEditor(QPlainTextEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.setFont(font)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.set_wrap(True)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * len(INDENT))
        self.setAccessibleName("Rubric YAML")
        self.highlighter = YamlHighlighter(self.document(), self.palette())
        self._gutter = _Gutter(self)
        self._problems: dict[int, list[Diagnostic]] = {}
        self._diagnostics: tuple[Diagnostic, ...] = ()
        self._found: list[QTextCursor] = []
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._update_gutter)
        self.cursorPositionChanged.connect(self._refresh_selections)
        self._update_gutter_width()

    # Wrapping and found text

    @property
    def wraps(self) -> bool:
        return self.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth

    def set_wrap(self, wrap: bool) -> None:
        self.setLineWrapMode(
            QPlainTextEdit.LineWrapMode.WidgetWidth if wrap else QPlainTextEdit.LineWrapMode.NoWrap
        )

    def set_found(self, found: Sequence[QTextCursor]) -> None:
        """Tint these spans (the matches of a search)."""
        self._found = list(found)
        self._refresh_selections()

    def go_to_line(self, line: int) -> None:
        """Put the cursor at the start of a 1-based line (clamped to the document)."""
        self.jump_to(min(max(1, line), self.blockCount()), 1)

    # Problems

    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]:
        return self._diagnostics

    def problem_lines(self) -> list[int]:
        return sorted(self._problems)

    def set_diagnostics(self, diagnostics: Sequence[Diagnostic]) -> None:
        self._diagnostics = tuple(diagnostics)
        self._problems = {}
        for diagnostic in diagnostics:
            self._problems.setdefault(diagnostic.line, []).append(diagnostic)
        self._refresh_selections()
        self._gutter.update()

    def jump_to(self, line: int, column: int) -> None:
        """Put the cursor at a 1-based line and column, in view and focused."""
        block = self.document().findBlockByNumber(max(0, line - 1))
        if not block.isValid():
            block = self.document().lastBlock()
        cursor = QTextCursor(block)
        cursor.movePosition(
            QTextCursor.MoveOperation.Right, n=min(max(0, column - 1), block.length() - 1)
        )
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _refresh_selections(self) -> None:
        palette_tones = tones(self.palette())
        selections: list[QTextEdit.ExtraSelection] = []
        current = QTextEdit.ExtraSelection()
        current.format.setBackground(palette_tones.subtle_bg)
        current.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        current.cursor = self.textCursor()
        current.cursor.clearSelection()
        selections.append(current)
        dark = is_dark(self.palette())
        match_fill = QColor(255, 200, 0, 80) if dark else QColor(255, 214, 0, 120)
        for span in self._found:
            match = QTextEdit.ExtraSelection()
            match.format.setBackground(match_fill)
            match.cursor = span
            selections.append(match)
        tint = QColor(palette_tones.alert)
        tint.setAlpha(48 if is_dark(self.palette()) else 28)
        for line, found in self._problems.items():
            block = self.document().findBlockByNumber(line - 1)
            if not block.isValid():
                continue
            whole = QTextEdit.ExtraSelection()
            whole.format.setBackground(tint)
            whole.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            whole.cursor = QTextCursor(block)
            selections.append(whole)
            for diagnostic in found:
                selections.append(self._underline(block.text(), block.position(), diagnostic))
        self.setExtraSelections(selections)

    def _underline(self, text: str, start: int, diagnostic: Diagnostic) -> QTextEdit.ExtraSelection:
        column = min(max(0, diagnostic.column - 1), len(text))
        stripped = text.rstrip()
        end = len(stripped)
        if column >= end:  # a problem past the text: underline the line's content instead
            column = len(text) - len(text.lstrip())
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(tones(self.palette()).alert)
        selection.format = fmt
        cursor = QTextCursor(self.document())
        cursor.setPosition(start + column)
        cursor.setPosition(start + max(end, column + 1), QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        return selection

    # Tooltips

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            viewport_y = event.pos().y() - self.viewport().y()
            self.show_line_tip(viewport_y, event.globalPos())
            return True
        return super().event(event)

    def show_line_tip(self, y: int, global_pos: QPoint) -> None:
        line = self.cursorForPosition(QPoint(0, y)).blockNumber() + 1
        found = self._problems.get(line)
        if found:
            QToolTip.showText(global_pos, "\n".join(d.message for d in found), self)
        else:
            QToolTip.hideText()

    # Typing

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier
        )
        if key == Qt.Key.Key_Tab and plain and not self.textCursor().hasSelection():
            column = self.textCursor().positionInBlock()
            self.insertPlainText(" " * (len(INDENT) - column % len(INDENT)))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            # Keep the indentation; one level deeper after a key that opens a block.
            text = self.textCursor().block().text()[: self.textCursor().positionInBlock()]
            indent = text[: len(text) - len(text.lstrip(" "))]
            if text.rstrip().endswith((":", "|", ">", "|-", ">-")):
                indent += INDENT
            self.textCursor().insertText("\n" + indent)
            self.ensureCursorVisible()
            return
        super().keyPressEvent(event)

    # The gutter

    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        metrics = self.fontMetrics()
        return 10 + metrics.horizontalAdvance("9") * max(3, digits) + metrics.height()

    def _update_gutter_width(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)

    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())
        if rect.contains(self.viewport().rect()):
            self._update_gutter_width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        self._gutter.setGeometry(QRect(area.left(), area.top(), self.gutter_width(), area.height()))

    def paint_gutter(self, gutter: QWidget, event: QPaintEvent) -> None:
        painter = QPainter(gutter)
        palette_tones = tones(self.palette())
        painter.fillRect(event.rect(), palette_tones.subtle_bg)
        metrics = self.fontMetrics()
        dot = max(6, metrics.height() // 2)
        current = self.textCursor().blockNumber()
        block = self.firstVisibleBlock()
        number = block.blockNumber()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        bottom = top + round(self.blockBoundingRect(block).height())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible() and bottom >= event.rect().top():
                line = number + 1
                colour = palette_tones.text if number == current else palette_tones.muted
                if line in self._problems:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(palette_tones.alert)
                    y = top + (metrics.height() - dot) // 2
                    painter.drawEllipse(4, y, dot, dot)
                    colour = palette_tones.alert
                painter.setPen(colour)
                painter.drawText(
                    0, top, gutter.width() - 6, metrics.height(),
                    Qt.AlignmentFlag.AlignRight, str(line),
                )
            block = block.next()
            top = bottom
            bottom = top + round(self.blockBoundingRect(block).height())
            number += 1
        painter.end()
