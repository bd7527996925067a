"""The one question before the interview clock stops."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_end(parent: QWidget, on_clock: str) -> bool:
    """True when the interviewer confirms; Escape, Enter and closing keep the interview going."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("End the interview")
    box.setText(f"End the interview at {on_clock}?")
    box.setInformativeText(
        "The clock stops and the scorecard stays open for scores and the verdict. "
        "Ctrl+P resumes the interview if you ended it too soon."
    )
    end = box.addButton("End the interview", QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton("Keep going", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is end
