"""The data home is private: no file or folder in it is open to the group or the world."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from scorer.paths import backups_dir, database_path
from scorer.private_home import tighten_home
from scorer.services.store import open_local_store
from scorer.storage.migrate import upgrade
from tests.conftest import REPO

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


@pytest.fixture
def loose_umask() -> Iterator[None]:
    previous = os.umask(0o002)
    yield
    os.umask(previous)


def _open_to_others(home: Path) -> list[str]:
    found = []
    if home.stat().st_mode & 0o077:
        found.append(f"{oct(stat.S_IMODE(home.stat().st_mode))} .")
    for root, dirs, files in os.walk(home):
        for name in [*dirs, *files]:
            mode = os.lstat(Path(root) / name).st_mode
            if mode & 0o077 and not stat.S_ISLNK(mode):
                found.append(f"{oct(stat.S_IMODE(mode))} {Path(root, name).relative_to(home)}")
    return found


def _scorer(home: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON_KEYRING")}
    env.update(SCORER_HOME=str(home), PYTHONPATH=str(REPO), HOME=str(tmp_path / "user"),
               PYTHON_KEYRING_BACKEND="tests.support.keyrings.FileKeyring",
               SCORER_TEST_KEYRING=str(tmp_path / "test-keyring.json"))
    return subprocess.run([sys.executable, "-m", "scorer", *args], env=env, text=True,
                          capture_output=True, timeout=120, check=False,
                          preexec_fn=lambda: os.umask(0o022))


@pytest.mark.slow
def test_a_fresh_profile_after_a_demo_and_an_export_is_private_and_the_pdf_is_shared(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    made = _scorer(home, tmp_path, "demo")
    assert made.returncode == 0, made.stderr
    listed = _scorer(home, tmp_path, "interviews", "list")
    submitted = next(line.split()[0] for line in listed.stdout.splitlines()
                     if "submitted" in line)
    out = tmp_path / "shared" / "card.pdf"
    out.parent.mkdir()
    exported = _scorer(home, tmp_path, "export", submitted, "-o", str(out))
    assert exported.returncode == 0, exported.stderr

    assert _open_to_others(home) == []
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "logs" / "scorer.log").stat().st_mode) == 0o600
    assert stat.S_IMODE(database_path(home).stat().st_mode) == 0o600
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # the user's normal mode: it is shared


def test_the_database_and_its_wal_and_shm_files_are_0600_whatever_the_umask(
    scorer_home: Path, loose_umask: None
) -> None:
    with open_local_store(scorer_home) as store:
        with sqlite3.connect(database_path(scorer_home)) as raw:
            raw.execute("CREATE TABLE IF NOT EXISTS probe (x)")
            raw.execute("INSERT INTO probe VALUES (1)")
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in scorer_home.iterdir()
                     if p.name.startswith("scorer.sqlite3")}
        del store
    assert set(modes) >= {"scorer.sqlite3", "scorer.sqlite3-wal", "scorer.sqlite3-shm"}
    assert set(modes.values()) == {0o600}, modes


def test_an_older_profile_is_tightened_at_start_and_its_migration_backup_is_private(
    scorer_home: Path, loose_umask: None
) -> None:
    scorer_home.mkdir(mode=0o775)
    os.chmod(scorer_home, 0o775)
    upgrade(database_path(scorer_home), "0001")
    (scorer_home / "logs").mkdir(mode=0o775)
    (scorer_home / "logs" / "scorer.log").write_text("old\n")
    os.chmod(scorer_home / "logs" / "scorer.log", 0o664)
    mine = scorer_home / "my-notes.txt"  # not Scorer's: left as it is
    mine.write_text("x")
    os.chmod(mine, 0o664)
    assert _open_to_others(scorer_home) != []

    with open_local_store(scorer_home):
        pass

    backups = list(backups_dir(scorer_home).iterdir())
    assert len(backups) == 1
    assert _open_to_others(scorer_home) == ["0o664 my-notes.txt"]


def test_tightening_never_follows_a_link_out_of_the_home(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("x")
    os.chmod(outside, 0o644)
    home = tmp_path / "home"
    (home / "logs").mkdir(parents=True)
    (home / "logs" / "link").symlink_to(outside)
    tighten_home(home)
    assert stat.S_IMODE(outside.stat().st_mode) == 0o644
