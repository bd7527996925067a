"""Shared test set-up: Qt runs headless, and no test touches the real data home."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Without a display Qt aborts the process; this must be set before Qt loads.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def scorer_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own SCORER_HOME: a fresh database and settings."""
    home = tmp_path / "scorer-home"
    monkeypatch.setenv("SCORER_HOME", str(home))
    yield home
