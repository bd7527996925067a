"""Cycles are collected on the GUI thread, never on a worker thread."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from scorer.ui.gui_thread_collector import GuiThreadCollector


class _Cycle(QWidget):
    destroyed_on: ClassVar[list[str]] = []

    def __init__(self) -> None:
        super().__init__()
        self.me = self  # a reference cycle: only the cyclic collector frees it

    def __del__(self) -> None:
        _Cycle.destroyed_on.append(threading.current_thread().name)


def _make_cycles(count: int) -> None:
    for _ in range(count):
        garbage: list[object] = []
        garbage.append(garbage)


def test_a_widget_cycle_is_freed_by_the_gui_thread_not_by_a_busy_worker(
    qtbot: QtBot, gui_thread_collector: GuiThreadCollector
) -> None:
    assert not gc.isenabled()
    gc.collect()
    _Cycle.destroyed_on.clear()
    _Cycle()
    # Enough new cycles to cross every threshold, made on a worker thread: an
    # automatic collection would run there and free the widget there.
    worker = threading.Thread(target=_make_cycles, args=(50_000,), name="worker")
    worker.start()
    worker.join()
    assert _Cycle.destroyed_on == []
    qtbot.waitUntil(lambda: bool(_Cycle.destroyed_on), timeout=5000)
    assert _Cycle.destroyed_on == ["MainThread"]


def test_check_collects_only_when_a_threshold_is_crossed(
    gui_thread_collector: GuiThreadCollector,
) -> None:
    gc.collect()
    assert gui_thread_collector.check() == 0
    _make_cycles(2 * gc.get_threshold()[0])
    assert gui_thread_collector.check() >= gc.get_threshold()[0]
