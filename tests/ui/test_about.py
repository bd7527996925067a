"""Help › About shows the version of Scorer, of the Qt running it and of the key libraries."""

from __future__ import annotations

from importlib.metadata import version

import pytest
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

import scorer
from scorer.ui.about import about_text
from scorer.ui.main_window import MainWindow


def test_the_text_names_every_version() -> None:
    text = about_text()
    assert f"Scorer {scorer.__version__}" in text
    assert f"Qt (running)</td><td>&nbsp;&nbsp;{qVersion()}" in text
    for name in ("pyHanko", "pypdf", "reportlab", "SQLModel", "PySide6-Essentials"):
        assert f"{name}</td><td>&nbsp;&nbsp;{version(name)}" in text


def test_the_help_menu_opens_it(
    qtbot: QtBot, scorer_home: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "about",
                        lambda _parent, title, text: shown.append((title, text)))
    window = MainWindow()
    qtbot.addWidget(window)
    help_menu = next(action.menu() for action in window.menuBar().actions()
                     if action.text() == "&Help")
    assert isinstance(help_menu, QWidget)
    about = next(a for a in help_menu.actions() if a.text() == "&About Scorer")
    about.trigger()
    assert shown == [("About Scorer", about_text())]
