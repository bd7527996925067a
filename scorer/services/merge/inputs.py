"""A merge's inputs: files and folders expanded to files, each read once within bounds."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from scorer.io.bounded_read import RefusedFile, read_bounded
from scorer.services.merge.results import MergeError
from scorer.services.verify import MAX_BYTES, Verdict, Verification


def expand_inputs(inputs: Sequence[Path], skip: Sequence[Path], max_files: int,
                  max_entries: int) -> list[Path]:
    """Files as given, and every `*.pdf` under given folders; each file once.

    Hidden files and folders are left out, links to folders are not followed, and a
    folder tree of more than `max_entries` entries is refused (a wrong folder).
    """
    skipped = {resolved_path(p) for p in skip}
    seen: set[Path] = set()
    out: list[Path] = []

    def add(path: Path) -> None:
        key = resolved_path(path)
        if key in seen or key in skipped:
            return
        if len(out) >= max_files:
            raise MergeError(f"More than {max_files} input files; merge fewer at once.")
        seen.add(key)
        out.append(path)

    for given in inputs:
        if given.is_dir():
            for path in _pdfs_under(given, max_entries):
                add(path)
        else:
            add(given)
    return out


def resolved_path(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _pdfs_under(folder: Path, max_entries: int) -> list[Path]:
    found: list[Path] = []
    entries = 0
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        entries += len(folders) + len(files)
        if entries > max_entries:
            raise MergeError(f"The folder {folder} holds more than {max_entries} files "
                             "and folders; give the folder the scorecards are in.")
        found += [Path(root) / name for name in sorted(files)
                  if name.lower().endswith(".pdf") and not name.startswith(".")]
    return found


def read_input(path: Path) -> tuple[bytes | None, Verification | None]:
    """The file's bytes, or the reason it is refused before any parsing."""
    try:
        return read_bounded(path, MAX_BYTES), None
    except RefusedFile as refused:
        return None, Verification(path, Verdict.UNREADABLE, f"{refused.reason} for a scorecard")
    except OSError as exc:
        return None, Verification(path, Verdict.UNREADABLE, exc.strerror or "cannot be read")
