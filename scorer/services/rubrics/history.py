"""The history folder of the rubric files: every replaced version, kept in the data home.

Each rubric file has a folder of its own, named for the file's stem; each kept
version is named for when it was replaced and the rubric version it held, so
the folder lists newest first by name alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from scorer.domain.errors import RubricError
from scorer.domain.rubric import Rubric
from scorer.private_home import make_folder
from scorer.services.clock import Clock
from scorer.services.text_files import read_text_lenient, write_text_atomic

HISTORY_DIR = "rubric-history"
# The version recorded for replaced content that was not a valid rubric.
INVALID = "invalid"
_STAMP = "%Y%m%dT%H%M%S.%fZ"


@dataclass(frozen=True)
class HistoryEntry:
    """A replaced version of a rubric file, kept in the data home."""

    path: Path
    replaced_at: datetime
    version: str  # the content's rubric version, or INVALID

    def read_text(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RubricError(f"Cannot read the saved version {self.path}: {exc}") from None


class RubricHistory:
    """The kept versions of the rubric files, under one root folder."""

    def __init__(self, root: Path, clock: Clock) -> None:
        self._root = root
        self._clock = clock

    def folder(self, path: Path) -> Path:
        return self._root / path.stem

    def entries(self, path: Path) -> list[HistoryEntry]:
        """The replaced versions of `path`, newest first."""
        folder = self.folder(path)
        if not folder.is_dir():
            return []
        entries = []
        for item in folder.iterdir():
            stamp, _, rest = item.stem.partition("-")
            try:
                when = datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
            except ValueError:
                continue
            entries.append(HistoryEntry(item, when, rest.split("-", 1)[0] or INVALID))
        return sorted(entries, key=lambda e: e.path.name, reverse=True)

    def keep(
        self, path: Path, text: str, rubric: Rubric | None, force: bool = False
    ) -> HistoryEntry | None:
        """Copy `text` into the history of `path` unless the newest entry already holds it.

        When the copy cannot be written: None, or with `force` a `RubricError`.
        """
        kept = self.entries(path)
        if kept and read_text_lenient(kept[0].path) == text:
            return kept[0]
        folder = self.folder(path)
        when = self._clock().astimezone(UTC)
        version = rubric.version if rubric is not None else INVALID
        target = folder / f"{when.strftime(_STAMP)}-{version}.yaml"
        serial = 1
        while target.exists():
            serial += 1
            target = folder / f"{when.strftime(_STAMP)}-{version}-{serial}.yaml"
        try:
            make_folder(folder)
            write_text_atomic(target, text, "\n")
        except OSError as exc:
            if not force:
                return None  # an external edit is not refused; the history is a courtesy there
            raise RubricError(
                f"Not saved: cannot keep the previous version of {path.name} "
                f"in {folder}: {exc.strerror or exc}."
            ) from None
        return HistoryEntry(target, when, version)
