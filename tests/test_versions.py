"""`scorer --version` names Scorer's version, Python's and the key libraries'."""

from __future__ import annotations

import platform
from importlib.metadata import version

import pytest

import scorer
from scorer.cli import main
from scorer.versions import KEY_LIBRARIES, library_versions


def test_version_lists_scorer_python_and_each_key_library(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"scorer {scorer.__version__}"
    assert lines[1] == f"Python {platform.python_version()}"
    assert lines[2:] == [f"{name} {version(name)}" for name in KEY_LIBRARIES]
    assert "pyHanko" in KEY_LIBRARIES and "PySide6-Essentials" in KEY_LIBRARIES


def test_a_missing_library_is_named_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scorer.versions.KEY_LIBRARIES", ("no-such-library-here",))
    assert library_versions() == [("no-such-library-here", "not installed")]
