"""`write_atomic`: the whole new content or the old, the mode asked for, no temporary left."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from scorer.private_home import PRIVATE_FILE as PRIVATE
from scorer.private_home import shared_mode
from scorer.services import atomic_file
from scorer.services.atomic_file import write_atomic


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_gets_its_content_and_the_mode_asked_for(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    write_atomic(target, b"{}", PRIVATE)
    assert target.read_bytes() == b"{}"
    if sys.platform != "win32":
        assert _mode(target) == 0o600
    write_atomic(target, b'{"a": 1}', shared_mode())
    assert target.read_bytes() == b'{"a": 1}'
    if sys.platform != "win32":
        assert _mode(target) == shared_mode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "card.pdf"
    target.write_bytes(b"old")

    def refuse(source: object, destination: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_file.os, "replace", refuse)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"new", shared_mode())
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["card.pdf"]


def test_the_file_and_its_folder_are_synced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(atomic_file.os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    write_atomic(tmp_path / "a.txt", b"x", PRIVATE)
    assert len(synced) == (2 if sys.platform != "win32" else 1)
