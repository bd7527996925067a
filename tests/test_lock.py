"""The lock (uv.lock and its requirements/ exports) agrees with pyproject.toml."""

from __future__ import annotations

import importlib.util
import shutil
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement

from tests.conftest import REPO

LOCK_FILES = ("pyproject.toml", "uv.lock", "requirements/app.txt", "requirements/dev.txt",
              "requirements/package.txt")


def _lock_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ci_lock", REPO / ".ci" / "lock.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    (tmp_path / "requirements").mkdir()
    for name in LOCK_FILES:
        shutil.copyfile(REPO / name, tmp_path / name)
    return tmp_path


def test_the_lock_agrees_with_pyproject() -> None:
    assert _lock_module().check(REPO) == []


def test_a_dependency_missing_from_the_lock_is_caught_and_the_fix_named(copy: Path) -> None:
    pyproject = copy / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    added = text.replace('"pytest>=8",', '"pytest>=8",\n    "scorer-lock-test-only-package>=1",')
    assert added != text
    pyproject.write_text(added, encoding="utf-8")
    problems = _lock_module().check(copy)
    assert problems and "uv.lock does not match" in problems[0]
    assert "run `make lock`" in problems[0]


def test_a_hand_edited_export_is_caught(copy: Path) -> None:
    dev = copy / "requirements" / "dev.txt"
    dev.write_text(dev.read_text(encoding="utf-8").replace("pypdf==", "pypdf>="),
                   encoding="utf-8")
    assert _lock_module().check(copy) == [
        "requirements/dev.txt is not the export of uv.lock; "
        "run `make lock` and commit uv.lock and requirements/"
    ]


def test_a_missing_lock_is_caught(copy: Path) -> None:
    (copy / "uv.lock").unlink()
    assert "uv.lock is missing" in _lock_module().check(copy)[0]


def test_installs_are_hash_checked() -> None:
    for name in ("app.txt", "dev.txt", "package.txt"):
        text = (REPO / "requirements" / name).read_text(encoding="utf-8")
        pins = [line for line in text.splitlines() if "==" in line and not line.startswith(" ")]
        assert pins, name
        assert text.count("--hash=sha256:") >= len(pins), name


@pytest.mark.parametrize(
    "name", ["PySide6-Essentials", "sqlmodel", "reportlab", "pyHanko", "pypdf"]
)
def test_closely_used_libraries_are_capped(name: str) -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(line) for line in project["dependencies"]]
    matching = [req for req in requirements if req.name.lower() == name.lower()]
    assert matching, name
    for req in matching:
        assert any(spec.operator == "<" for spec in req.specifier), str(req)


def test_pyside6_612_stays_out_on_python_311() -> None:
    text = (REPO / "requirements" / "app.txt").read_text(encoding="utf-8")
    pins = [Requirement(line.rstrip(" \\")) for line in text.splitlines()
            if line.startswith("pyside6-essentials==")]
    on_311 = [pin for pin in pins
              if pin.marker is None or pin.marker.evaluate({"python_full_version": "3.11.2"})]
    assert len(on_311) == 1
    assert str(on_311[0].specifier).startswith("==6.11."), on_311
