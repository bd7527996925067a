"""Qt tests run on a fresh store per test, with a clock the test moves by hand."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from scorer.paths import bundled_rubrics_dir
from scorer.services.interviews import InterviewService
from scorer.services.rubrics.library import RubricLibrary, load_library
from scorer.services.rubrics.workspace import RubricWorkspaceService
from scorer.services.store import open_local_store
from scorer.storage import Store
from scorer.ui.gui_thread_collector import GuiThreadCollector
from tests.services.factories import FakeClock


@pytest.fixture(scope="session", autouse=True)
def gui_thread_collector(qapp: QApplication) -> Iterator[GuiThreadCollector]:
    """As in the app: cycles are collected on the GUI thread only."""
    collector = GuiThreadCollector(qapp)
    yield collector
    collector.stop()


@pytest.fixture(autouse=True)
def _collect_between_tests() -> Iterator[None]:
    """A test's widgets in cycles go here, on the main thread, not in the next test."""
    yield
    gc.collect()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def library() -> RubricLibrary:
    return load_library(bundled_rubrics_dir())


@pytest.fixture
def rubric_service(scorer_home: Path) -> RubricWorkspaceService:
    return RubricWorkspaceService(bundled_rubrics_dir())


@pytest.fixture
def store(scorer_home: Path) -> Iterator[Store]:
    with open_local_store(scorer_home) as opened:
        yield opened


@pytest.fixture
def service(store: Store, clock: FakeClock) -> InterviewService:
    return InterviewService(store, clock)
