"""A one-line notice above the editor: a refused save, a change on disk, a removed file."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from scorer.ui.theme import css, tones


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.button = QPushButton()
        self.button.setVisible(False)
        self.button.clicked.connect(self._on_button)
        self._action: Callable[[], object] | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 6, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setVisible(False)
        self.kind = ""

    def show_message(
        self, html: str, kind: str = "alert",
        action: tuple[str, Callable[[], object]] | None = None,
    ) -> None:
        """`kind` is 'alert' (red, something was refused) or 'warn' (amber, take note)."""
        palette_tones = tones(self.palette())
        edge = palette_tones.alert if kind == "alert" else palette_tones.warn
        fill = edge.lighter(100)
        fill.setAlpha(36)
        self.setStyleSheet(
            f"QFrame#banner {{ background: {css(fill)}; border: 1px solid {css(edge)};"
            " border-radius: 4px; }"
        )
        self.kind = kind
        self.label.setText(html)
        self._action = action[1] if action else None
        self.button.setText(action[0] if action else "")
        self.button.setVisible(action is not None)
        self.setVisible(True)

    def clear(self) -> None:
        self.kind = ""
        self._action = None
        self.setVisible(False)

    def _on_button(self) -> None:
        if self._action is not None:
            self._action()
