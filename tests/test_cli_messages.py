"""Mistakes a user can make on the command line: one sentence each, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.slow


def _scorer(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("PYTHON_KEYRING", "SCORER_"))}
    base.update(PYTHONPATH=str(REPO), HOME=str(tmp_path / "user"),
                SCORER_HOME=str(tmp_path / "home"), DBUS_SESSION_BUS_ADDRESS="unix:path=/none")
    base.update(env)
    return subprocess.run([sys.executable, "-m", "scorer", *args], env=base, text=True,
                          capture_output=True, timeout=60, check=False)


def _one_sentence(run: subprocess.CompletedProcess[str]) -> str:
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stderr and "unexpected error" not in run.stderr
    assert run.stderr.count("\n") == 1, run.stderr
    return run.stderr.removeprefix("scorer: ").rstrip("\n")


@pytest.mark.parametrize("command", [["interviews", "list"], ["export", "1", "-o", "x.pdf"],
                                     ["demo"], ["identity", "show"]])
def test_a_home_that_is_a_file_is_one_sentence(tmp_path: Path, command: list[str]) -> None:
    home = tmp_path / "not-a-folder"
    home.write_text("mine")
    said = _one_sentence(_scorer(tmp_path, "--home", str(home), *command))
    assert said == (f"The data folder {home} is a file, not a folder: start Scorer with "
                    "--home DIR (or SCORER_HOME) naming a folder, which is made if it is "
                    "missing.")
    assert home.read_text() == "mine"


def test_an_unknown_keyring_backend_names_the_variable_and_the_backend(tmp_path: Path) -> None:
    run = _scorer(tmp_path, "identity", "create", "--name", "Sameera Perera",
                  "--email", "sameera@example.com", PYTHON_KEYRING_BACKEND="nosuch.Backend")
    said = _one_sentence(run)
    assert said.startswith("PYTHON_KEYRING_BACKEND names the keyring backend 'nosuch.Backend', "
                           "which cannot be loaded (No module named 'nosuch'); unset "
                           "PYTHON_KEYRING_BACKEND")


def test_export_into_a_missing_folder_is_refused_and_makes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "card.pdf"
    said = _one_sentence(_scorer(tmp_path, "export", "1", "-o", str(target)))
    assert said == (f"The folder {target.parent} does not exist; make it first, or write the "
                    "file elsewhere.")
    assert not target.parent.exists()


def test_export_and_merge_refuse_an_existing_output_without_force(tmp_path: Path) -> None:
    target = tmp_path / "card.pdf"
    target.write_bytes(b"mine")
    said = _one_sentence(_scorer(tmp_path, "export", "1", "-o", str(target)))
    assert said == f"{target} exists already; give --force to replace it."
    said = _one_sentence(_scorer(tmp_path, "merge", "-o", str(target), str(tmp_path)))
    assert said == f"{target} exists already; give --force to replace it."
    assert target.read_bytes() == b"mine"
    out = tmp_path / "packets"
    out.mkdir()
    (out / "cohort-report.pdf").write_bytes(b"earlier")
    said = _one_sentence(_scorer(tmp_path, "merge", "--per-candidate", str(out), str(tmp_path)))
    assert said == (f"{out} already holds the output of a merge (cohort-report.pdf); give "
                    "--force to replace it, or choose another folder.")
