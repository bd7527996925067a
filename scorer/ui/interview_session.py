"""One open interview as the widgets see it: the latest detail, and edits that never throw.

Every edit goes straight to the service (one transaction). The session then
reloads the detail and tells the widgets what changed; a refused or failed edit
is reported through `failed` and the widget keeps what the user typed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from scorer.domain.changes import Change
from scorer.domain.errors import ScorerError
from scorer.domain.interview import InterviewDetail, InterviewState

if TYPE_CHECKING:
    from scorer.services.interviews import InterviewService


class InterviewSession(QObject):
    changed = Signal(object)  # Change
    saving = Signal()
    saved = Signal(object)  # datetime of the save
    failed = Signal(str)  # one sentence for the user

    def __init__(
        self, service: InterviewService, interview_id: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.interview_id = interview_id
        self.detail: InterviewDetail = service.get_interview(interview_id)

    @property
    def editable(self) -> bool:
        return self.detail.state is not InterviewState.SUBMITTED

    def now(self) -> datetime:
        return self.service.now()

    def elapsed(self) -> float:
        return self.detail.elapsed(self.now())

    def edit(self, action: Callable[..., Change], *args: object) -> bool:
        """Run one service edit on this interview; True when it was stored."""
        self.saving.emit()
        try:
            change = action(self.interview_id, *args)
        except ScorerError as exc:
            self.failed.emit(exc.message)
            return False
        self.detail = self.service.get_interview(self.interview_id)
        self.saved.emit(change.saved_at)
        self.changed.emit(change)
        return True

    def reload(self) -> None:
        self.detail = self.service.get_interview(self.interview_id)
