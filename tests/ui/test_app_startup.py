"""Start-up: the window paints from a read-only look at the list, services follow."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from scorer import app as scorer_app
from scorer.domain.errors import ScorerError
from scorer.paths import database_path
from scorer.services.interviews import InterviewService
from scorer.services.rubrics.library import RubricLibrary
from scorer.services.store import open_local_store
from scorer.storage.instance_lock import InstanceLock
from scorer.storage.interview_list import quick_summaries
from scorer.storage.migrate import HEAD_REVISION
from scorer.ui.main_window import LOADING, MainWindow
from tests.services.factories import FakeClock


def make_store(home: Path, library: RubricLibrary) -> int:
    coding = library.get("coding")
    assert coding is not None
    with open_local_store(home) as store:
        service = InterviewService(store, FakeClock())
        person = service.add_candidate("Ada Byron", "ada@example.com")
        return service.create_interview(person.id, coding, "Yan", "yan@x.org").interview_id


def shown_with_loader(qtbot: QtBot, home: Path
                      ) -> tuple[MainWindow, scorer_app._Startup, InstanceLock]:
    """A shown window whose first paint starts the service loader, as the app starts."""
    window = MainWindow()
    qtbot.addWidget(window)
    lock = InstanceLock(home).acquire()
    startup = scorer_app._Startup(home, lock)
    window.show()
    startup.show_in(window)  # the paint starts the load
    return window, startup, lock


def test_window_first_then_services(
    qtbot: QtBot, scorer_home: Path, library: RubricLibrary,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    interview_id = make_store(scorer_home, library)
    window = MainWindow()
    qtbot.addWidget(window)
    summaries = quick_summaries(database_path(scorer_home), HEAD_REVISION)
    assert summaries is not None
    window.show_summaries(summaries, summaries[0].created_at)
    window.show()
    qtbot.waitExposed(window)
    assert window.start_screen.model.group_size(0) == 1
    assert not window.start_screen.new_button.isEnabled()
    window.open_interview(interview_id)  # before the services: remembered, not lost
    assert window.interview_page is None

    monkeypatch.setattr(
        "scorer.services.signing_desk.SigningDesk.needs_identity", lambda self: False
    )
    lock = InstanceLock(scorer_home).acquire()
    startup = scorer_app._Startup(scorer_home, lock)
    startup.show_in(window)
    startup.finish()
    assert window.start_screen.new_button.isEnabled()
    assert window.interview_page is not None
    assert window.interview_page.session.interview_id == interview_id
    assert window.rubrics_page is not None
    window.close()
    startup.close()
    assert not lock.held


def test_a_second_instance_is_refused_with_a_message(
    scorer_home: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    with InstanceLock(scorer_home):
        assert scorer_app.run([]) == 1
    assert shown and str(scorer_home) in shown[0]


def test_the_services_load_off_the_gui_thread_and_attach_after_the_paint(
    qtbot: QtBot, scorer_home: Path, library: RubricLibrary,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    interview_id = make_store(scorer_home, library)
    monkeypatch.setattr(
        "scorer.services.signing_desk.SigningDesk.needs_identity", lambda self: False
    )
    from scorer.services.rubrics.workspace import RubricWorkspaceService

    from_settings = RubricWorkspaceService.from_settings
    loaded_on: list[threading.Thread] = []
    release = threading.Event()

    def recording(*args: object, **kwargs: object) -> RubricWorkspaceService:
        loaded_on.append(threading.current_thread())
        release.wait(10)  # hold the load, to look at the window before it is ready
        return from_settings(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(RubricWorkspaceService, "from_settings", staticmethod(recording))
    window, startup, lock = shown_with_loader(qtbot, scorer_home)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: bool(loaded_on))
    assert loaded_on[0] is not threading.main_thread()
    # Painted, still loading: the window answers, but nothing that needs the store runs.
    qtbot.wait(50)
    assert window.service is None
    assert window.statusBar().currentMessage() == LOADING
    assert not window.start_screen.new_button.isEnabled()
    window.new_interview()  # the shortcut's slot: does nothing yet
    window.open_interview(interview_id)
    assert window.interview_page is None
    release.set()
    qtbot.waitUntil(lambda: window.service is not None, timeout=10_000)
    assert window.start_screen.new_button.isEnabled()
    assert window.statusBar().currentMessage() != LOADING
    assert window.start_screen.model.group_size(0) == 1
    assert window.interview_page is not None  # the open asked for while loading
    window.close()
    startup.close()
    assert not lock.held


def test_a_store_that_cannot_open_is_reported_on_the_gui_thread(
    qtbot: QtBot, scorer_home: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", lambda code=0: exits.append(code))

    def broken(home: Path, lock: InstanceLock) -> scorer_app.Services:
        raise ScorerError(f"The store in {home} cannot be read.")

    monkeypatch.setattr(scorer_app, "load_services", broken)
    window, startup, lock = shown_with_loader(qtbot, scorer_home)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert str(scorer_home) in shown[0]
    assert exits == [1]
    assert window.service is None
    startup.close()
    assert not lock.held
