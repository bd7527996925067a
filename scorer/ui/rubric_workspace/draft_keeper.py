"""Keeps the editor's unsaved text as a draft in the data home, once typing pauses.

The pause is the interview notes' (`debounce.SAVE_DELAY_MS`): the text is written
at most that long after the last key, and at once before the editor changes file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from scorer.domain.errors import ScorerError
from scorer.services.rubrics.workspace import RubricWorkspaceService
from scorer.ui.debounce import SAVE_DELAY_MS, Debounced


class DraftKeeper(QObject):
    failed = Signal(str)  # why a draft cannot be written; said once per file

    def __init__(
        self, service: RubricWorkspaceService, delay_ms: int = SAVE_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._target: tuple[Path, bool] | None = None  # the file, and whether it is new
        self._told: set[Path] = set()
        self._debounced = Debounced(self._write, delay_ms, self)

    @property
    def pending(self) -> bool:
        return self._debounced.pending

    def push(self, path: Path, text: str, new_file: bool) -> None:
        if self._target is not None and self._target[0] != path:
            self.flush()
        self._target = (path, new_file)
        self._debounced.push(text)

    def flush(self) -> None:
        self._debounced.flush()

    def forget(self, path: Path | None) -> None:
        """The edits to `path` were saved or discarded: drop its draft and any pending text."""
        if path is None:
            return
        if self._target is not None and self._target[0] == path:
            self._debounced.discard()
            self._target = None
        self._service.discard_draft(path)

    def _write(self, text: str) -> None:
        if self._target is None:
            return
        path, new_file = self._target
        try:
            self._service.keep_draft(path, text, new_file)
        except ScorerError as exc:
            if path not in self._told:
                self._told.add(path)
                self.failed.emit(exc.message)
        else:
            self._told.discard(path)
