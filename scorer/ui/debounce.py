"""Typing is saved once the typist pauses (at most 300 ms later), or at once on flush."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

SAVE_DELAY_MS = 300


class Debounced(QObject):
    """Holds the latest value of one field and hands it to `save` when typing pauses."""

    def __init__(
        self, save: Callable[[str], object], delay_ms: int = SAVE_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self._pending: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def push(self, value: str) -> None:
        self._pending = value
        self._timer.start()

    def flush(self) -> None:
        self._timer.stop()
        if self._pending is None:
            return
        value, self._pending = self._pending, None
        self._save(value)

    def discard(self) -> None:
        self._timer.stop()
        self._pending = None
