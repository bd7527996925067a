"""The rubric files of the folder, each with its validity at a glance.

Green tick: valid. Amber mark: broken, and new interviews keep its last valid
version. Red cross: broken and not offered. A '•' marks unsaved edits.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from scorer.services.rubrics.workspace import RubricFile
from scorer.ui.theme import tones

_PATH = Qt.ItemDataRole.UserRole


def status_icon(kind: str, size: int = 18) -> QIcon:
    """A filled disc with a white glyph: 'ok', 'stale', 'broken' or 'new'."""
    palette_tones = tones()
    colour, glyph = {
        "ok": (palette_tones.ok, "✓"),
        "stale": (palette_tones.warn, "!"),
        "broken": (palette_tones.alert, "✕"),
        "new": (palette_tones.accent, "+"),
    }[kind]
    pixmap = QPixmap(size * 2, size * 2)  # drawn at twice the size for high-DPI screens
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(int(size * 0.62))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, glyph)
    painter.end()
    return QIcon(pixmap)


def short_state(file: RubricFile) -> str:
    if file.ok and file.load.rubric is not None:
        return f"valid · {file.load.rubric.version[:8]}"
    count = len(file.load.diagnostics)
    problems = f"{count} problem{'s' * (count != 1)}"
    if file.last_valid is not None:
        return f"{problems} · using {file.last_valid.version[:8]}"
    return f"{problems} · not offered"


class FileList(QListWidget):
    file_chosen = Signal(object)  # Path

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Rubric files")
        self.setIconSize(QSize(18, 18))
        self.setSpacing(2)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.currentItemChanged.connect(self._on_current)
        self._quiet = False

    def set_files(
        self, files: list[RubricFile], current: Path | None, dirty: bool, draft: Path | None
    ) -> None:
        self._quiet = True
        self.clear()
        for file in files:
            item = QListWidgetItem(self._text(file.name, short_state(file), dirty and
                                              file.path == current))
            kind = "ok" if file.ok else ("stale" if file.stale else "broken")
            item.setIcon(status_icon(kind))
            tips = [f"{file.name}: {file.describe()}"]
            tips += [f"line {d.line}: {d.message}" for d in file.load.diagnostics[:5]]
            item.setToolTip("\n".join(tips))
            item.setData(_PATH, file.path)
            self.addItem(item)
        if draft is not None and all(f.path != draft for f in files):
            item = QListWidgetItem(self._text(draft.name, "new · not saved yet", True))
            item.setIcon(status_icon("new"))
            item.setData(_PATH, draft)
            self.addItem(item)
        self.select(current)
        self._quiet = False

    def select(self, path: Path | None) -> None:
        quiet, self._quiet = self._quiet, True
        for row in range(self.count()):
            item = self.item(row)
            if item.data(_PATH) == path:
                self.setCurrentItem(item)
                break
        else:
            self.setCurrentRow(-1)
        self._quiet = quiet

    def paths(self) -> list[Path]:
        return [self.item(row).data(_PATH) for row in range(self.count())]

    def text_of(self, path: Path) -> str:
        for row in range(self.count()):
            if self.item(row).data(_PATH) == path:
                return self.item(row).text()
        return ""

    @staticmethod
    def _text(name: str, state: str, dirty: bool) -> str:
        return f"{'• ' if dirty else ''}{name}\n{state}"

    def _on_current(self, current: QListWidgetItem | None, _previous: object) -> None:
        if not self._quiet and current is not None:
            self.file_chosen.emit(current.data(_PATH))
