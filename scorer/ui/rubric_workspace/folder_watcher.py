"""Hot reload: watch the rubric folder and each file in it, and reload when they change.

Editors often save by writing a new file and renaming it over the old one, which
ends the watch on the old file; so the folder is watched too, and the file list
is watched afresh after every reload. Events are gathered for a moment first,
since one save can fire several.
"""

from __future__ import annotations

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from scorer.services.rubric_workspace import LibraryChange, RubricWorkspaceService

RELOAD_DELAY_MS = 250


class FolderWatcher(QObject):
    reloaded = Signal(object)  # LibraryChange, only when something changed

    def __init__(
        self, service: RubricWorkspaceService, delay_ms: int = RELOAD_DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._schedule)
        self._watcher.fileChanged.connect(self._schedule)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.reload)
        self.rewatch()

    def watched(self) -> list[str]:
        return self._watcher.directories() + self._watcher.files()

    def rewatch(self) -> None:
        """Watch the service's folder and its current files (after a reload or a folder change)."""
        old = self.watched()
        if old:
            self._watcher.removePaths(old)
        folder = self._service.folder
        if folder.is_dir():
            self._watcher.addPaths([str(folder), *(str(p) for p in self._service.paths())])

    def reload(self) -> LibraryChange:
        self._timer.stop()
        change = self._service.reload_all()
        self.rewatch()
        if change:
            self.reloaded.emit(change)
        return change

    def _schedule(self, _path: str) -> None:
        self._timer.start()
