"""The large countdown of the interview's duration, computed from the stored clock."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from scorer.domain.timer import format_offset
from scorer.ui.theme import css, scaled_font, tones


class Countdown(QWidget):
    def __init__(self, minutes: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._minutes = minutes
        self.time = QLabel("--:--")
        self.time.setFont(scaled_font(self, 3.2, bold=True))
        self.time.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.time.setAccessibleName("Time left")
        self.caption = QLabel(f"of {minutes} min")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.time)
        layout.addWidget(self.caption)

    def set_ended(self, elapsed: float) -> None:
        """After the end: the actual duration, against the plan."""
        self.time.setText(format_offset(elapsed))
        self.time.setStyleSheet(f"color: {css(tones(self.palette()).muted)};")
        self.caption.setText(f"actual duration · planned {self._minutes} min")

    def set_elapsed(self, elapsed: float, *, running: bool, paused: bool) -> None:
        remaining = self._minutes * 60 - elapsed
        palette_tones = tones(self.palette())
        if remaining >= 0:
            # Round up so the display reads 60:00 at the start and 00:00 only at the end.
            self.time.setText(format_offset(-(-remaining // 1)))
            colour = palette_tones.warn if remaining < 5 * 60 and running else palette_tones.text
        else:
            self.time.setText("+" + format_offset(-remaining))
            colour = palette_tones.alert
        self.time.setStyleSheet(f"color: {css(colour)};")
        elapsed_text = f"{format_offset(elapsed)} elapsed of {self._minutes} min"
        if paused:
            elapsed_text = "PAUSED · " + elapsed_text
        elif remaining < 0:
            elapsed_text = "over time · " + elapsed_text
        self.caption.setText(elapsed_text)
