"""The Merge dialog's foot: the build buttons, the build's progress and cancel, its result."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from scorer.services.merge.results import CohortResult, PacketResult
from scorer.ui.theme import css, tones


class BuildBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._opens: Path | None = None
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress.setTextVisible(True)
        self.build_button = QPushButton("&Build packet…")
        self.build_button.setDefault(True)
        self.build_all_button = QPushButton("Build &all…")
        self.cancel_button = QPushButton("&Cancel build")
        self.cancel_button.setVisible(False)
        self.open_button = QPushButton("&Open packet")
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self._open)
        self.close_button = QPushButton("Close")

        buttons = QHBoxLayout()
        buttons.addWidget(self.result_label, 1)
        for button in (self.open_button, self.cancel_button, self.build_button,
                       self.build_all_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

    @property
    def building(self) -> bool:
        return self.cancel_button.isVisible() or self.progress.isVisible()

    def started(self, text: str) -> None:
        self._opens = None
        self.result_label.setText(text)
        self.result_label.setStyleSheet("")
        self.open_button.setVisible(False)
        self.progress.setRange(0, 0)  # busy until the first packet is done
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setFocus()

    def advanced(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} of {total} files built")

    def cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.result_label.setText("Cancelling… nothing will be written.")

    def stopped(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)

    def wrote_packet(self, result: PacketResult) -> None:
        conflicts = result.conflicts
        rejected = len(result.rejected) - conflicts
        listed = [f"{rejected} rejected input{'s' if rejected != 1 else ''}"] if rejected else []
        if conflicts:
            listed.append(f"{conflicts} cards not counted because different certificates "
                          "claim one interview")
        note = f"; it lists {' and '.join(listed)}" if listed else ""
        self._done(f"Wrote {result.path}: {result.cards} cards, {result.pages} pages{note}.",
                   result.path, "&Open packet")

    def wrote_cohort(self, result: CohortResult) -> None:
        count = len(result.packets)
        text = f"Wrote {count} packet{'s' if count != 1 else ''}"
        if result.report is not None:
            text += " and the cohort report (with cohort.csv)"
        text += f" in {result.folder}"
        if result.rejected:
            text += f"; they list {result.rejected} rejected input" + (
                "s" if result.rejected != 1 else "")
        if result.report is not None:
            self._done(text + ".", result.report, "&Open cohort report")
        elif count == 1:
            self._done(text + ".", result.packets[0].path, "&Open packet")
        else:
            self._done(text + ".", result.folder, "&Open folder")

    def _done(self, text: str, opens: Path, label: str) -> None:
        self.stopped()
        self._opens = opens
        self.result_label.setText(text)
        self.result_label.setStyleSheet(f"color: {css(tones().ok)};")
        self.open_button.setText(label)
        self.open_button.setVisible(True)
        self.open_button.setFocus()

    def show_error(self, message: str) -> None:
        self.stopped()
        self._opens = None
        self.result_label.setText(message)
        self.result_label.setStyleSheet(f"color: {css(tones().alert)};")
        self.open_button.setVisible(False)

    def show_cancelled(self, message: str) -> None:
        self.show_error(message)
        self.result_label.setStyleSheet(f"color: {css(tones().muted)};")

    def clear(self) -> None:
        self._opens = None
        self.result_label.clear()
        self.open_button.setVisible(False)

    def _open(self) -> None:
        if self._opens is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._opens)))
