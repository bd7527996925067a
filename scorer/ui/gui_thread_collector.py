"""Python's cyclic garbage collector, run only on the GUI thread.

An automatic collection runs on whichever thread happens to allocate when a
threshold is crossed. If that is a worker thread (the merge warm-up, a file
check) and the garbage holds a widget tree, Qt destroys widgets off the GUI
thread while the GUI thread is painting, and the process dies with SIGSEGV.
So the automatic collector is switched off and this timer, on the GUI thread,
collects by the same generation thresholds instead. Reference counting still
frees everything that is not in a cycle at once.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 1000


class GuiThreadCollector(QObject):
    """Owns the collector for as long as it lives; create it on the GUI thread."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> int:
        """Collect the oldest generation whose count is over its threshold."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                return gc.collect(generation)
        return 0

    def stop(self) -> None:
        """Hand the collector back to Python."""
        self._timer.stop()
        gc.enable()
