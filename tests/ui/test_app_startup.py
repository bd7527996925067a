"""Start-up: the window paints from a read-only look at the list, services follow."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from scorer import app as scorer_app
from scorer.paths import database_path
from scorer.services.interviews import InterviewService
from scorer.services.rubrics.library import RubricLibrary
from scorer.services.store import open_local_store
from scorer.storage.instance_lock import InstanceLock
from scorer.storage.interview_list import quick_summaries
from scorer.storage.migrate import HEAD_REVISION
from scorer.ui.main_window import MainWindow
from tests.services.factories import FakeClock


def make_store(home: Path, library: RubricLibrary) -> int:
    coding = library.get("coding")
    assert coding is not None
    with open_local_store(home) as store:
        service = InterviewService(store, FakeClock())
        person = service.add_candidate("Ada Byron", "ada@example.com")
        return service.create_interview(person.id, coding, "Yan", "yan@x.org").interview_id


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
