"""Checking the editor's text off the UI thread.

Parsing and validating a long rubric takes tens of milliseconds; done on a
worker thread, typing never waits for it. Only the newest request's result is
delivered: a result that arrives after newer text was submitted is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import count

from PySide6.QtCore import QObject, QThreadPool, Signal

from scorer.io.rubrics.loader import RubricLoad

Check = Callable[[str], RubricLoad]


class _Relay(QObject):
    """Carries results from the worker to the UI thread (its signal is queued across threads).

    One relay for the whole app, created on the UI thread and never deleted, so a
    worker never emits through an object that a closing window has destroyed.
    """

    done = Signal(int, object)


_tokens = count(1)
_relay: _Relay | None = None
_pool: QThreadPool | None = None


def _shared() -> tuple[_Relay, QThreadPool]:
    global _relay, _pool
    if _relay is None or _pool is None:
        _relay = _Relay()
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)  # one check at a time; stale ones are skipped anyway
    return _relay, _pool


class _Latest:
    """The newest token, shared with the worker without touching any Qt object."""

    token = 0


class BackgroundCheck(QObject):
    checked = Signal(object)  # RubricLoad of the newest text submitted

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest = _Latest()
        relay, _ = _shared()
        relay.done.connect(self._on_done)

    def submit(self, check: Check, text: str) -> None:
        relay, pool = _shared()
        token = next(_tokens)
        latest = self._latest
        latest.token = token

        def run() -> None:
            if latest.token == token:
                relay.done.emit(token, check(text))

        pool.start(run)

    def check_now(self, check: Check, text: str) -> RubricLoad:
        """Check on this thread, and drop any result still on its way."""
        self._latest.token = 0
        load = check(text)
        self.checked.emit(load)
        return load

    def cancel(self) -> None:
        self._latest.token = 0

    def _on_done(self, token: int, load: RubricLoad) -> None:
        if token == self._latest.token:
            self._latest.token = 0
            self.checked.emit(load)
