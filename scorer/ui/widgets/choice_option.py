"""A radio choice with its explanation always in view, wrapped below it.

Rubric levels show their anchors this way, and recommendations their meaning.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QRadioButton, QVBoxLayout, QWidget

from scorer.ui.prose import escape_text
from scorer.ui.theme import css, scaled_font, tones
from scorer.ui.widgets.clickable_label import ClickableLabel


class ChoiceOption(QFrame):
    def __init__(self, title: str, explanation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.radio = QRadioButton(title)
        self.radio.setFont(scaled_font(self, 1.0, bold=True))
        self.explanation = ClickableLabel(escape_text(explanation))
        self.explanation.setWordWrap(True)
        self.explanation.setFont(scaled_font(self, 0.92))
        self.explanation.setCursor(Qt.CursorShape.PointingHandCursor)
        self.explanation.clicked.connect(self._click)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(1)
        layout.addWidget(self.radio)
        indent = QHBoxLayout()
        indent.setContentsMargins(22, 0, 0, 0)
        indent.addWidget(self.explanation)
        layout.addLayout(indent)
        self.setObjectName("choice")
        self._read_only = False
        self.show_chosen(False)

    def show_chosen(self, chosen: bool) -> None:
        self.radio.blockSignals(True)
        self.radio.setChecked(chosen)
        self.radio.blockSignals(False)
        palette_tones = tones(self.palette())
        if chosen:
            fill = palette_tones.accent
            fill.setAlpha(45)
            self.setStyleSheet(
                f"QFrame#choice {{ background: {css(fill)};"
                f" border: 1px solid {css(palette_tones.accent)}; border-radius: 6px; }}"
            )
        else:
            self.setStyleSheet("QFrame#choice { border: 1px solid transparent; }")

    def set_read_only(self, read_only: bool) -> None:
        """Read-only options keep their full contrast but ignore the mouse and keyboard."""
        self._read_only = read_only
        self.radio.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, read_only)
        self.radio.setFocusPolicy(
            Qt.FocusPolicy.NoFocus if read_only else Qt.FocusPolicy.StrongFocus
        )
        self.explanation.setCursor(
            Qt.CursorShape.ArrowCursor if read_only else Qt.CursorShape.PointingHandCursor
        )

    def _click(self) -> None:
        if not self._read_only:
            self.radio.click()
