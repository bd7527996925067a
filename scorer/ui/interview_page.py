"""One open interview: the before-start panel until the clock starts, then the live view."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from scorer.domain.changes import Aspect, Change
from scorer.domain.interview import InterviewState
from scorer.ui.before_start import BeforeStartPanel
from scorer.ui.interview_session import InterviewSession
from scorer.ui.live_view import LiveView
from scorer.ui.submit_dialog import SubmitDialog
from scorer.ui.widgets.save_indicator import SaveIndicator

if TYPE_CHECKING:
    from scorer.services.interviews import InterviewService


class InterviewPage(QWidget):
    back_requested = Signal()
    export_requested = Signal(int)
    message = Signal(str)

    def __init__(
        self, service: InterviewService, interview_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = InterviewSession(service, interview_id, self)
        self.back_button = QPushButton("← All interviews")
        self.back_button.setToolTip("Alt+Left")
        self.back_button.clicked.connect(self.back_requested)
        self.save_indicator = SaveIndicator()
        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addStretch(1)
        bar.addWidget(self.save_indicator)

        self.before = BeforeStartPanel(self.session)
        self.before.start_requested.connect(self.start)
        self.live = LiveView(self.session)
        self.live.submit_requested.connect(self.open_submit_dialog)
        self.live.export_requested.connect(self._on_export)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.before)
        self.stack.addWidget(self.live)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)

        self.session.saving.connect(self.save_indicator.show_saving)
        self.session.saved.connect(self.save_indicator.show_saved)
        self.session.failed.connect(self._on_failed)
        self.session.changed.connect(self._on_changed)
        self._show_page()

    def start(self) -> None:
        if self.session.edit(self.session.service.start):
            self.live.questions.list.setFocus()

    def open_submit_dialog(self) -> SubmitDialog:
        dialog = SubmitDialog(self.session, self)
        dialog.open()
        return dialog

    def _on_export(self) -> None:
        self.export_requested.emit(self.session.interview_id)

    def flush(self) -> None:
        self.live.flush()

    def _on_failed(self, message: str) -> None:
        self.save_indicator.show_failed(message)
        self.message.emit(message)

    def _on_changed(self, change: Change) -> None:
        if change.aspect in (Aspect.TIMER, Aspect.SUBMISSION):
            self._show_page()

    def _show_page(self) -> None:
        not_started = self.session.detail.state is InterviewState.NOT_STARTED
        self.stack.setCurrentWidget(self.before if not_started else self.live)

    def take_focus(self) -> None:
        """Put the cursor in the open page, so its shortcuts work straight away."""
        if self.stack.currentWidget() is self.before:
            self.before.take_focus()
        else:
            self.live.questions.list.setFocus()
