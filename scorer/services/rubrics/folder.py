"""Which rubric folder the app edits: the one chosen, else `rubrics/` in the data home.

The default folder is made on first use, seeded with copies of the rubrics
bundled with Scorer, so that the lead edits their own files and never the
installation's. The bundled rubrics are read-only; they are shown instead only
when the default folder cannot be made, and the workspace says why.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from scorer.io.rubrics.loader import rubric_files
from scorer.paths import bundled_rubrics_dir, default_rubrics_dir
from scorer.private_home import file_mode, make_folder
from scorer.services.settings import Settings

BUNDLED_NOTE = (
    "These are the rubrics bundled with Scorer, which are read-only; "
    "choose or make a folder of your own to edit them."
)


@dataclass(frozen=True)
class RubricFolder:
    path: Path
    read_only: bool = False
    note: str | None = None  # why the folder is read-only


def is_bundled(folder: Path) -> bool:
    try:
        return folder.resolve() == bundled_rubrics_dir().resolve()
    except OSError:
        return False


def resolve_rubric_folder(settings: Settings, home: Path) -> RubricFolder:
    """The folder to work on, the default one made and seeded on first use."""
    if settings.rubric_folder:
        return _as_chosen(Path(settings.rubric_folder))
    folder = default_rubrics_dir(home)
    if folder.is_dir():
        return _as_chosen(folder)
    try:
        seed_folder(folder)
    except OSError as exc:
        return RubricFolder(
            bundled_rubrics_dir(), read_only=True,
            note=f"The rubric folder {folder} cannot be made ({exc.strerror or exc}), so "
            "these are the rubrics bundled with Scorer, which are read-only.",
        )
    return RubricFolder(folder)


def seed_folder(folder: Path) -> None:
    """Make `folder` with copies of the bundled rubrics: all of them, or no folder at all.

    The copies are gathered in a hidden folder beside it and renamed into place,
    so a crash never leaves a half-seeded folder that would not be seeded again.
    """
    make_folder(folder.parent)
    staging = folder.with_name(f".{folder.name}.seeding-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    make_folder(staging)
    try:
        for source in rubric_files(bundled_rubrics_dir()):
            copy = staging / source.name
            shutil.copyfile(source, copy)  # writable, whatever the source's mode
            os.chmod(copy, file_mode(folder / source.name))
        os.rename(staging, folder)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        if folder.is_dir():
            return  # another process seeded it first
        raise


def _as_chosen(folder: Path) -> RubricFolder:
    if is_bundled(folder):
        return RubricFolder(folder, read_only=True, note=BUNDLED_NOTE)
    return RubricFolder(folder)
