"""A quiet word on whether everything typed is in the store."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QLabel, QWidget

from scorer.ui.theme import css, tones


class SaveIndicator(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Save state")
        self.show_saved(None)

    def show_saving(self) -> None:
        self._show("Saving…", tones(self.palette()).muted)

    def show_saved(self, when: datetime | None) -> None:
        text = "✓ All changes saved"
        if when is not None:
            text = f"✓ Saved {when.astimezone().strftime('%H:%M:%S')}"
        self._show(text, tones(self.palette()).muted)
        self.setToolTip("Every edit is stored at once; there is no Save button.")

    def show_failed(self, message: str) -> None:
        self._show("⚠ Not saved", tones(self.palette()).alert, bold=True)
        self.setToolTip(message)

    def _show(self, text: str, colour: object, bold: bool = False) -> None:
        self.setText(text)
        weight = "bold" if bold else "normal"
        self.setStyleSheet(f"color: {css(colour)}; font-weight: {weight};")  # type: ignore[arg-type]
