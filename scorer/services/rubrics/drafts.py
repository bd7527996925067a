"""The rubric editor's unsaved text, kept in the data home so that it outlives the process.

While the lead types, the editor's text is written here once typing pauses; a
save, a discard or a reload from disk removes it. Whatever is left at start-up
is text that was never saved: the workspace offers it back.

One draft per rubric file, named for a hash of the file's path. Drafts can hold
anything the lead typed, so the folder is private (0700) and every draft is
created 0600, written to a temporary file, synced and renamed over the old one:
a crash leaves the previous draft or the new one, never a mix.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from scorer.domain.errors import RubricError
from scorer.services.clock import Clock
from scorer.services.text_files import write_private_atomic

DRAFTS_DIR = "rubric-drafts"
FORMAT = "scorer.rubric-draft/1"
_SUFFIX = ".json"


@dataclass(frozen=True)
class Draft:
    """Unsaved text of one rubric file, as it was when typing last paused."""

    path: Path  # the rubric file the text belongs to
    text: str
    saved_at: datetime
    new_file: bool  # typed into a new rubric that was never written to the folder


class RubricDrafts:
    def __init__(self, root: Path, clock: Clock) -> None:
        self._root = root
        self._clock = clock

    @property
    def root(self) -> Path:
        return self._root

    def file_for(self, path: Path) -> Path:
        digest = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:24]
        return self._root / f"{digest}{_SUFFIX}"

    def keep(self, path: Path, text: str, new_file: bool) -> Draft:
        """Write the draft of `path`, replacing the one kept before.

        Raises `RubricError` when it cannot be written.
        """
        draft = Draft(path, text, self._clock().astimezone(UTC), new_file)
        body = json.dumps({
            "format": FORMAT, "path": str(path), "saved_at": draft.saved_at.isoformat(),
            "new_file": new_file, "text": text,
        }, ensure_ascii=False)
        try:
            self._private_folder()
            write_private_atomic(self.file_for(path), body)
        except OSError as exc:
            raise RubricError(
                f"Unsaved edits to {path.name} cannot be kept in {self._root}: "
                f"{exc.strerror or exc}."
            ) from None
        return draft

    def get(self, path: Path) -> Draft | None:
        return _read(self.file_for(path))

    def discard(self, path: Path) -> None:
        with contextlib.suppress(OSError):  # a draft left behind is offered again: no loss
            self.file_for(path).unlink(missing_ok=True)

    def all(self) -> list[Draft]:
        """Every draft that can be read, newest first."""
        try:
            files = list(self._root.glob(f"*{_SUFFIX}"))
        except OSError:
            return []
        drafts = [draft for draft in map(_read, files) if draft is not None]
        return sorted(drafts, key=lambda d: d.saved_at, reverse=True)

    def _private_folder(self) -> None:
        self._root.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix" and self._root.stat().st_mode & 0o077:
            os.chmod(self._root, 0o700)


def _read(file: Path) -> Draft | None:
    """The draft in `file`; None when there is none, or it is not one of ours."""
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            return None
        return Draft(
            Path(str(raw["path"])), str(raw["text"]),
            datetime.fromisoformat(str(raw["saved_at"])), bool(raw.get("new_file", False)),
        )
    except (OSError, ValueError, KeyError):
        return None
