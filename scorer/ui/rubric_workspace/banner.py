"""A notice above the editor: a refused save, a change on disk, a removed file, kept edits.

It offers up to a few actions, each a button.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from scorer.ui.theme import css, tones

_MAX_ACTIONS = 3


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.buttons = [QPushButton() for _ in range(_MAX_ACTIONS)]
        self._actions: list[Callable[[], object]] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 6, 4)
        layout.addWidget(self.label, 1)
        for index, button in enumerate(self.buttons):
            button.setVisible(False)
            button.clicked.connect(lambda _checked=False, i=index: self._on_button(i))
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.setVisible(False)
        self.kind = ""
        self.topic = ""  # what the notice is about, so that it can be taken back

    @property
    def button(self) -> QPushButton:
        """The first action's button."""
        return self.buttons[0]

    def show_message(
        self, html: str, kind: str = "alert",
        action: tuple[str, Callable[[], object]] | None = None,
        actions: Sequence[tuple[str, Callable[[], object]]] = (),
        topic: str = "",
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
        self.topic = topic
        self.label.setText(html)
        chosen = ([action] if action else []) + list(actions)
        self._actions = [slot for _, slot in chosen[:_MAX_ACTIONS]]
        for index, button in enumerate(self.buttons):
            button.setVisible(index < len(self._actions))
            button.setText(chosen[index][0] if index < len(self._actions) else "")
        self.setVisible(True)

    def clear(self) -> None:
        self.kind = ""
        self.topic = ""
        self._actions = []
        self.setVisible(False)

    def _on_button(self, index: int) -> None:
        if index < len(self._actions):
            self._actions[index]()
