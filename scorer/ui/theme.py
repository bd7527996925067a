"""Colours and type sizes that follow the system light or dark palette."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget


@dataclass(frozen=True)
class Tones:
    ok: QColor
    warn: QColor
    alert: QColor
    accent: QColor
    muted: QColor
    subtle_bg: QColor
    text: QColor


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tones(palette: QPalette | None = None) -> Tones:
    palette = palette or QApplication.palette()
    dark = is_dark(palette)
    text = palette.color(QPalette.ColorRole.WindowText)
    base = palette.color(QPalette.ColorRole.Window)
    muted = QColor(text)
    muted.setAlphaF(0.62)
    subtle = QColor(base.lighter(118) if dark else base.darker(106))
    return Tones(
        ok=QColor("#66bb6a" if dark else "#2e7d32"),
        warn=QColor("#ffb74d" if dark else "#b26a00"),
        alert=QColor("#ef5350" if dark else "#c62828"),
        accent=palette.color(QPalette.ColorRole.Highlight),
        muted=muted,
        subtle_bg=subtle,
        text=text,
    )


def css(color: QColor) -> str:
    """A colour for style sheets, alpha included."""
    return f"rgba({color.red()}, {color.green()}, {color.blue()}, {color.alpha()})"


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(max(6.0, font.pointSizeF() * factor))
    font.setBold(bold)
    return font
