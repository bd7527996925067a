"""The composition root: the one place that sees every layer and wires them together.

Start-up paints the window first: the instance lock and a read-only look at the
interview list take a few milliseconds, while SQLAlchemy, Alembic, pydantic and
the rubric files take most of a second. Those load once the window is up.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from scorer import __version__
from scorer.domain.errors import ScorerError
from scorer.paths import APP_NAME, data_home, database_path, resource
from scorer.storage.instance_lock import InstanceLock
from scorer.storage.interview_list import quick_summaries
from scorer.storage.migrate import HEAD_REVISION
from scorer.ui.error_hook import install_error_hook
from scorer.ui.gui_thread_collector import GuiThreadCollector
from scorer.ui.main_window import MainWindow

if TYPE_CHECKING:
    from scorer.services.store import Workspace

FALLBACK_MS = 500


class _Startup(QObject):
    """The part of start-up that runs once the window is painted."""

    def __init__(self, window: MainWindow, home: Path, lock: InstanceLock) -> None:
        super().__init__()
        self.window = window
        self.home = home
        self.lock = lock
        self.workspace: Workspace | None = None
        self._started = False

    def after_first_paint(self) -> None:
        self.window.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self._go)  # in case no paint comes (a hidden window)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._go)
        return False

    def _go(self) -> None:
        if self._started:
            return
        self._started = True
        self.window.removeEventFilter(self)
        self.finish()

    def finish(self) -> None:
        from scorer.services.interviews import InterviewService
        from scorer.services.rubrics.workspace import RubricWorkspaceService
        from scorer.services.signing_desk import SigningDesk
        from scorer.services.store import Workspace
        from scorer.services.team.desk import TeamDesk

        try:
            rubrics = RubricWorkspaceService.from_settings()
            self.workspace = Workspace(self.home, self.lock)
        except ScorerError as exc:
            QMessageBox.critical(self.window, APP_NAME, exc.message)
            QApplication.exit(1)
            return
        signing = SigningDesk(self.workspace.store)
        team = TeamDesk(self.workspace.store, self.home)
        self.window.attach(InterviewService(self.workspace.store), rubrics, signing, team)
        if signing.needs_identity():
            self.window.signing_actions.ask_for_identity()

    def close(self) -> None:
        if self.workspace is not None:
            self.workspace.close()  # also releases the lock
        else:
            self.lock.release()


def run(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Pluralis")
    app.setWindowIcon(QIcon(str(resource("scorer.png"))))
    install_error_hook()
    collector = GuiThreadCollector(app)
    home = data_home()
    try:
        lock = InstanceLock(home).acquire()
    except ScorerError as exc:
        QMessageBox.critical(None, APP_NAME, exc.message)
        return 1
    window = MainWindow()
    summaries = quick_summaries(database_path(home), HEAD_REVISION)
    if summaries is not None:
        window.show_summaries(summaries, datetime.now(UTC))
    window.show()
    startup = _Startup(window, home, lock)
    startup.after_first_paint()
    try:
        return app.exec()
    finally:
        startup.close()
        collector.stop()
