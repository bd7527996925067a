"""Run inside a child process: report the wall-clock moment the first window is painted.

    python -m benchmarks.startup_probe bare     a bare PySide6 main window
    python -m benchmarks.startup_probe scorer   Scorer, as `scorer` starts it

It prints `painted <epoch seconds>` and exits at the first paint of a top-level
window; the parent compares that with the moment it spawned the process.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            print(f"painted {time.time():.6f}", flush=True)
            os._exit(0)
        return False


def main(which: str) -> int:
    app = QApplication(sys.argv[:1])
    probe = _FirstPaint()
    app.installEventFilter(probe)
    if which == "bare":
        window = QMainWindow()
        window.setCentralWidget(QLabel("Hello"))
        window.resize(1280, 800)
        window.show()
        return app.exec()
    from scorer.cli import main as scorer_main

    return scorer_main([])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
