"""List rows measured and drawn by one text layout, so a row is exactly as tall as its lines.

The style's own wrapping measures with one set of font metrics and draws with another
when a row holds a symbol from a fallback font (○, ✓), which left a blank line under an
elided one.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QSize
from PySide6.QtGui import QFont, QPainter, QPalette, QTextLayout, QTextOption
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

Index = QModelIndex | QPersistentModelIndex
PAD_X = 6
PAD_Y = 3


def text_layout(text: str, font: QFont, width: float) -> tuple[QTextLayout, float]:
    """`text` wrapped at `width`; returns the layout and its height."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    layout.beginLayout()
    height = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(1.0, width))
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    return layout, height


class WrappedRowDelegate(QStyledItemDelegate):
    def __init__(self, view: QListView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        width = self._text_width()
        _, height = text_layout(opt.text, opt.font, width)
        return QSize(int(width) + 2 * PAD_X, int(height + 0.999) + 2 * PAD_Y)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = self._view.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, self._view)
        # initStyleOption has put the model's foreground (a skipped question's grey) in Text.
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        colour = opt.palette.color(role)
        rect = opt.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)
        layout, _ = text_layout(text, opt.font, rect.width())
        painter.save()
        painter.setPen(colour)
        painter.setClipRect(opt.rect)
        layout.draw(painter, QPointF(rect.topLeft()))
        painter.restore()

    def _text_width(self) -> float:
        viewport = self._view.viewport().width()
        return max(40, viewport - 2 * self._view.spacing() - 2 * PAD_X)
