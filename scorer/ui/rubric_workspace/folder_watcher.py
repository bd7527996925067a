"""Hot reload: watch the rubric folder and each file in it, and reload when they change.

Editors often save by writing a new file and renaming it over the old one, which
ends the watch on the old file; so the folder is watched too, and the file list
is watched afresh after every reload. Events are gathered for a moment first,
since one save can fire several.

The files are read and parsed on a worker thread (`scanner`), so a hostile file
dropped in the folder (a file near the parser's bounds takes about a second)
never freezes the window; the result is applied on the UI thread. A scan that
the service's entries moved past meanwhile (a save) is dropped and made again.
"""

from __future__ import annotations

from itertools import count

from PySide6.QtCore import QFileSystemWatcher, QObject, QThreadPool, QTimer, Signal

from scorer.services.rubrics.workspace import FolderScan, LibraryChange, RubricWorkspaceService

RELOAD_DELAY_MS = 250


class _Relay(QObject):
    """Carries a scan from the worker to the UI thread (queued across threads).

    One for the whole app, made on the UI thread and never deleted, so that a worker
    never emits through an object a closing window has destroyed.
    """

    scanned = Signal(int, object)  # token, FolderScan


_relay: _Relay | None = None
_pool: QThreadPool | None = None
_tokens = count(1)


def _shared() -> tuple[_Relay, QThreadPool]:
    global _relay, _pool
    if _relay is None or _pool is None:
        _relay = _Relay()
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _relay, _pool


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
        self._timer.timeout.connect(self.reload_in_background)
        self._running = 0  # the token of the scan in flight, 0 for none
        self._again = False  # a change came while it ran
        relay, _ = _shared()
        relay.scanned.connect(self._on_scanned)
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
        """Reload now, on this thread (a scan in flight is then dropped)."""
        self._timer.stop()
        self._running, self._again = 0, False
        change = self._service.reload_all()
        self._finish(change)
        return change

    def busy(self) -> bool:
        """Whether a scan is in flight or waiting to start."""
        return bool(self._running) or self._timer.isActive()

    def reload_in_background(self) -> None:
        """Read and parse the folder on the worker thread; apply the result when it arrives."""
        self._timer.stop()
        if self._running:
            self._again = True
            return
        relay, pool = _shared()
        token = next(_tokens)
        self._running = token
        scan = self._service.scanner()

        def run() -> None:
            relay.scanned.emit(token, scan())

        pool.start(run)

    def _on_scanned(self, token: int, scan: FolderScan) -> None:
        if token != self._running:
            return  # another watcher's, or one dropped by `reload`
        self._running = 0
        change = self._service.apply_scan(scan)
        if change is None or self._again:  # stale, or the folder changed again meanwhile
            self._again = False
            self.reload_in_background()
            if change is None:
                return
        self._finish(change)

    def _finish(self, change: LibraryChange) -> None:
        self.rewatch()
        if change:
            self.reloaded.emit(change)

    def _schedule(self, _path: str) -> None:
        self._timer.start()
