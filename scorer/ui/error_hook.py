"""The app's last line of defence: an unexpected error becomes a message, not a crash."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from scorer.domain.errors import ScorerError
from scorer.logging_setup import log_file
from scorer.paths import APP_NAME

log = logging.getLogger("scorer.ui")


def install_error_hook() -> None:
    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if isinstance(error, KeyboardInterrupt):
            QApplication.quit()
            return
        if isinstance(error, ScorerError):
            message = error.message
        else:
            log.error("unexpected error", exc_info=(kind, error, tb))
            where = log_file()
            message = (
                f"Something went wrong: {kind.__name__}: {error}. Everything saved so far is "
                "safe." + (f" Details are in {where}." if where else "")
            )
        if QApplication.instance() is not None:
            QMessageBox.critical(None, APP_NAME, message)
        else:
            print(f"scorer: {message}", file=sys.stderr)

    sys.excepthook = hook
