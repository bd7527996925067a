"""Run inside a child process: report the wall-clock moment the app is painted or ready.

    python -m benchmarks.startup_probe bare     a bare PySide6 main window, painted
    python -m benchmarks.startup_probe scorer   Scorer as `scorer` starts it, painted
    python -m benchmarks.startup_probe ready    Scorer, with the store and rubrics loaded

It prints `at <epoch seconds>` and exits; the parent compares that with the moment
it spawned the process.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


def _report() -> None:
    print(f"at {time.time():.6f}", flush=True)
    os._exit(0)


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QMainWindow):
            _report()
        return False


def main(which: str) -> int:
    app = QApplication(sys.argv[:1])
    if which == "bare":
        probe = _FirstPaint()
        app.installEventFilter(probe)
        window = QMainWindow()
        window.setCentralWidget(QLabel("Hello"))
        window.resize(1280, 800)
        window.show()
        return app.exec()
    if which == "ready":
        from scorer.ui.main_window import MainWindow

        attach = MainWindow.attach

        def attach_and_report(self: MainWindow, *args: object, **kwargs: object) -> None:
            attach(self, *args, **kwargs)  # type: ignore[arg-type]
            _report()

        MainWindow.attach = attach_and_report  # type: ignore[method-assign]
    else:
        probe = _FirstPaint()
        app.installEventFilter(probe)
    from scorer.cli import main as scorer_main

    return scorer_main([])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
