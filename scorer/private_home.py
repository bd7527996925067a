"""The data home is private: candidates' names and interviewers' notes live there.

Folders are 0700 and files 0600, whatever the umask: the database (SQLite gives its
`-wal` and `-shm` files the database's mode), the backups, the log, the settings,
the drafts and the signing certificates. An existing profile is tightened at start
(`tighten_home`). Exported PDFs and certificates written elsewhere keep the user's
normal mode: they are meant to be shared.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from scorer.domain.store_errors import StoreError
from scorer.paths import data_home

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_OTHERS = 0o077

# What Scorer keeps in the data home; nothing else there is touched, in case the
# home is a folder that also holds the user's own files.
OWN_NAMES = (
    "scorer.sqlite3", "scorer.sqlite3-wal", "scorer.sqlite3-shm", "scorer.sqlite3-journal",
    "scorer.lock", "settings.json", "logs", "backups", "identity", "interviewers", "rubrics",
    "rubric-drafts", "rubric-history",
)


def check_home(home: Path) -> None:
    """`StoreError` in one sentence when the data home is, or lies in, a file."""
    for place in (home, *home.parents):
        if not (place.exists() or place.is_symlink()):
            continue
        if place.is_dir():
            return
        what = (f"The data folder {home} is a file" if place == home
                else f"The data folder {home} cannot be made, since {place} is a file")
        raise StoreError(f"{what}, not a folder: start Scorer with --home DIR (or "
                         "SCORER_HOME) naming a folder, which is made if it is missing.")


def private_dir(path: Path) -> Path:
    """Make `path` (and any missing parent) and leave `path` itself 0700."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    _without_others(path)
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty and 0600 if it is missing; an existing file is made 0600."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        _without_others(path)
        return path
    os.close(fd)
    _without_others(path)  # the umask may have kept the owner from bits O_CREAT asked for
    return path


def in_home(path: Path) -> bool:
    """Whether `path` lies in the data home."""
    try:
        return path.resolve().is_relative_to(data_home().resolve())
    except (OSError, RuntimeError):
        return False


def shared_mode() -> int:
    """The mode the user's umask gives a new file: for files meant to be shared."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def file_mode(path: Path) -> int:
    """0600 in the data home; the user's normal mode anywhere else."""
    return PRIVATE_FILE if in_home(path) else shared_mode()


def make_folder(path: Path) -> Path:
    """Make `path` and its missing parents: 0700 in the data home, as the umask says elsewhere."""
    if in_home(path):
        return private_dir(path)
    path.mkdir(parents=True, exist_ok=True)
    return path


def tighten_home(home: Path) -> None:
    """Make the data home 0700 and take group and world access off what Scorer keeps
    in it (`OWN_NAMES`, and all they hold).

    Links are not followed: what they point at is not the profile's. A file that
    cannot be changed (another owner's) is left as it is.
    """
    check_home(home)
    private_dir(home)
    for name in OWN_NAMES:
        top = home / name
        _without_others(top)
        if top.is_dir() and not top.is_symlink():
            for root, dirs, files in os.walk(top):
                for entry in [*dirs, *files]:
                    _without_others(Path(root) / entry)


def _without_others(path: Path) -> None:
    try:
        mode = os.lstat(path).st_mode
        if stat.S_ISLNK(mode) or not mode & _OTHERS:
            return
        os.chmod(path, stat.S_IMODE(mode) & ~_OTHERS)
    except OSError:
        pass
