"""The instance lock's Windows branch, run here against a stand-in for msvcrt that keeps
Windows' rules: `locking` acts on bytes from the file's current position, a locked byte
refuses every other handle, and an unlock must name the region that was locked."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from scorer.domain.store_errors import AnotherInstance

LK_UNLCK, LK_NBLCK = 0, 2


class FakeMsvcrt:
    LK_UNLCK, LK_NBLCK = LK_UNLCK, LK_NBLCK

    def __init__(self) -> None:
        self.held: dict[tuple[int, int, int], int] = {}  # (dev, inode, byte) -> fd

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        info = os.fstat(fd)
        start = os.lseek(fd, 0, os.SEEK_CUR)
        region = [(info.st_dev, info.st_ino, start + i) for i in range(nbytes)]
        if mode == LK_NBLCK:
            if any(key in self.held for key in region):
                raise PermissionError(13, "Permission denied")
            self.held.update(dict.fromkeys(region, fd))
        elif mode == LK_UNLCK:
            if any(self.held.get(key) != fd for key in region):
                raise PermissionError(13, "Permission denied")  # not the region locked
            for key in region:
                del self.held[key]
        else:
            raise ValueError(mode)


@pytest.fixture
def windows_lock(monkeypatch: pytest.MonkeyPatch) -> tuple[ModuleType, FakeMsvcrt]:
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)  # type: ignore[arg-type]
    monkeypatch.setattr(sys, "platform", "win32")
    path = Path(__file__).parents[2] / "scorer" / "storage" / "instance_lock.py"
    spec = importlib.util.spec_from_file_location("instance_lock_on_windows", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, fake


def test_the_windows_branch_is_the_one_loaded(
    windows_lock: tuple[ModuleType, FakeMsvcrt],
) -> None:
    module, fake = windows_lock
    assert module.msvcrt is fake and not hasattr(module, "fcntl")


def test_a_second_lock_is_refused_until_the_first_is_released(
    windows_lock: tuple[ModuleType, FakeMsvcrt], tmp_path: Path,
) -> None:
    module, fake = windows_lock
    first = module.InstanceLock(tmp_path).acquire()
    assert first.held and fake.held
    assert (tmp_path / "scorer.lock").read_text(encoding="utf-8").strip() == str(os.getpid())
    with pytest.raises(AnotherInstance, match="already open on the data folder"):
        module.InstanceLock(tmp_path).acquire()
    first.release()
    assert not fake.held  # the unlock found the very byte that was locked
    again = module.InstanceLock(tmp_path).acquire()
    assert again.held
    again.release()


def test_locks_on_different_folders_are_independent(
    windows_lock: tuple[ModuleType, FakeMsvcrt], tmp_path: Path,
) -> None:
    module, _ = windows_lock
    with module.InstanceLock(tmp_path / "a"), module.InstanceLock(tmp_path / "b") as second:
        assert second.held


