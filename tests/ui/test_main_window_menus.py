"""The main window's menus reach the merge dialog and the shortcuts list."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from scorer.services.interviews import InterviewService
from scorer.services.rubrics.workspace import RubricWorkspaceService
from scorer.ui.main_window import MainWindow
from scorer.ui.merge_dialog import MergeDialog
from scorer.ui.shortcuts_dialog import ShortcutsDialog, shortcuts_html


def test_merge_opens_the_dialog_and_releases_its_workers(
    qtbot: QtBot, service: InterviewService, rubric_service: RubricWorkspaceService,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = MainWindow(service, rubric_service)
    qtbot.addWidget(window)
    opened: list[MergeDialog] = []
    monkeypatch.setattr(MergeDialog, "exec", lambda self: opened.append(self) or 0)
    closed: list[bool] = []
    monkeypatch.setattr(
        "scorer.services.merge.service.MergeService.close", lambda self: closed.append(True)
    )
    merge = next(a for a in window.menuBar().actions()[0].menu().actions()
                 if a.text().startswith("&Merge"))
    merge.trigger()
    assert len(opened) == 1 and closed == [True]


def test_every_live_shortcut_is_listed(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = shortcuts_html()
    for text in ("Next question", "Pause or resume", "Score the current dimension",
                 "start the interview clock", "Check the scorecard", "End the interview",
                 "Insert the elapsed time", "Merge signed scorecards"):
        assert text in html
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda self: 0)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_shortcuts()
