"""The composition root: the one place that sees every layer and wires them together.

Start-up paints the window first: the instance lock and a read-only look at the
interview list take a few milliseconds, while SQLAlchemy, Alembic, pydantic and
the rubric files take most of a second. Those load on a worker thread that starts
once the window has painted, so the window keeps answering (menus, scrolling, the
filter) while they load, and gets its services when they are ready. The thread does
not make the load sooner: it is Python holding the GIL, and started before the
paint it slowed the paint and the window's Python callbacks more than it overlapped.
The worker builds only plain Python objects: every widget is made on the GUI thread.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
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
    from scorer.domain.interview_state import InterviewSummary
    from scorer.services.interviews import InterviewService
    from scorer.services.rubrics.workspace import RubricWorkspaceService
    from scorer.services.signing_desk import SigningDesk
    from scorer.services.store import Workspace
    from scorer.services.team.desk import TeamDesk

FALLBACK_MS = 500


@dataclass(frozen=True)
class Services:
    """What the window needs from the layers below, loaded off the GUI thread."""

    workspace: Workspace
    interviews: InterviewService
    rubrics: RubricWorkspaceService
    signing: SigningDesk
    team: TeamDesk
    summaries: list[InterviewSummary]


def load_services(home: Path, lock: InstanceLock) -> Services:
    """Import the services, load the rubric library, open the store and list it.

    Runs on the loader thread; makes no Qt object. The seam where the services'
    libraries (SQLAlchemy, pydantic, YAML) are first imported.
    """
    from scorer.services.interviews import InterviewService
    from scorer.services.rubrics.workspace import RubricWorkspaceService
    from scorer.services.signing_desk import SigningDesk
    from scorer.services.store import Workspace
    from scorer.services.team.desk import TeamDesk

    for tab in ("scorer.ui.rubric_workspace", "scorer.ui.team_view"):
        import_module(tab)  # class definitions only: the GUI thread builds the widgets
    rubrics = RubricWorkspaceService.from_settings()
    workspace = Workspace(home, lock)
    try:
        interviews = InterviewService(workspace.store)
        summaries = interviews.list_interviews()
        return Services(workspace, interviews, rubrics, SigningDesk(workspace.store),
                        TeamDesk(workspace.store, home), summaries)
    except BaseException:
        workspace.close()
        raise


class _Startup(QObject):
    """Loads the services on a worker thread and hands them to the painted window."""

    _loaded = Signal(object)  # Services, or the exception that stopped the load

    def __init__(self, home: Path, lock: InstanceLock) -> None:
        super().__init__()
        self.window: MainWindow | None = None
        self.home = home
        self.lock = lock
        self.workspace: Workspace | None = None
        self._painted = False
        self._result: Services | BaseException | None = None
        self._finished = False
        self._thread: threading.Thread | None = None
        self._loaded.connect(self._on_loaded)  # queued: emitted on the loader thread

    def start_loading(self) -> None:
        """Begin the load on a worker thread; returns at once."""
        self._thread = threading.Thread(target=self._load, name="scorer-startup", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        result: Services | BaseException
        try:
            result = load_services(self.home, self.lock)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which reports it
            result = exc
        self._loaded.emit(result)

    def show_in(self, window: MainWindow) -> None:
        """Load once `window` has painted (unless loading already), then attach."""
        self.window = window
        window.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self._on_painted)  # in case no paint comes (hidden)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._on_painted)
        return False

    def _on_painted(self) -> None:
        if self._painted:
            return
        self._painted = True
        if self.window is not None:
            self.window.removeEventFilter(self)
        if self._thread is None:
            self.start_loading()
        self._attach_when_both()

    def _on_loaded(self, result: Services | BaseException) -> None:
        self._result = result
        if isinstance(result, Services):
            self.workspace = result.workspace
        self._attach_when_both()

    def _attach_when_both(self) -> None:
        if self.window is None or not self._painted or self._result is None or self._finished:
            return
        self._finished = True
        result = self._result
        if isinstance(result, ScorerError):
            QMessageBox.critical(self.window, APP_NAME, result.message)
            QApplication.exit(1)
            return
        if isinstance(result, BaseException):
            raise result  # a bug: the error hook reports it
        self.window.attach(result.interviews, result.rubrics, result.signing, result.team,
                           summaries=result.summaries)
        if result.signing.needs_identity():
            self.window.signing_actions.ask_for_identity()

    def finish(self) -> None:
        """Load on the calling thread and attach at once (tests, a hidden window)."""
        try:
            self._result = load_services(self.home, self.lock)
        except ScorerError as exc:
            self._result = exc
        if isinstance(self._result, Services):
            self.workspace = self._result.workspace
        self._painted = True
        self._attach_when_both()

    def close(self) -> None:
        if self._thread is not None:
            self._thread.join()  # the store it may be opening must be closed, not abandoned
            QApplication.sendPostedEvents(self, 0)
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
    # Read before the loader starts, which may upgrade the store.
    summaries = quick_summaries(database_path(home), HEAD_REVISION)
    window = MainWindow()
    if summaries is not None:
        window.show_summaries(summaries, datetime.now(UTC))
    window.show()
    startup = _Startup(home, lock)
    startup.show_in(window)
    try:
        return app.exec()
    finally:
        startup.close()
        collector.stop()
