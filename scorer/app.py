"""The composition root: the one place that sees every layer and wires them together."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from scorer import __version__
from scorer.domain.errors import ScorerError
from scorer.paths import APP_NAME, resource
from scorer.services.interviews import InterviewService
from scorer.services.rubric_library import load_library
from scorer.services.settings import load_settings
from scorer.services.signing_desk import SigningDesk
from scorer.services.store import Workspace
from scorer.ui.error_hook import install_error_hook
from scorer.ui.main_window import MainWindow


def run(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Pluralis")
    app.setWindowIcon(QIcon(str(resource("scorer.png"))))
    install_error_hook()
    try:
        settings = load_settings()
        workspace = Workspace()
    except ScorerError as exc:
        QMessageBox.critical(None, APP_NAME, exc.message)
        return 1
    with workspace:
        library = load_library(settings.rubrics_dir())
        signing = SigningDesk(workspace.store)
        window = MainWindow(InterviewService(workspace.store), library, signing)
        window.show()
        if signing.needs_identity():
            QTimer.singleShot(0, window.ask_for_identity)
        return app.exec()
