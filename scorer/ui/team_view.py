"""The Team view: the connection to the team store, this profile's outbox, the team's
interviews (late ones first), and for the lead, publishing the rubric library and the
trust list. A candidate's packet can be built from the team store's cards.

The server is only ever reached from a worker thread; the view never waits on it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scorer.domain.errors import ScorerError
from scorer.domain.team import Role, waiting_line
from scorer.services.merge.build import default_packet_name
from scorer.ui.team_model import TeamInterviewsModel
from scorer.ui.theme import css, tones

if TYPE_CHECKING:
    from scorer.domain.team import FlushReport, Waiting
    from scorer.services.team.desk import TeamPacket
    from scorer.services.team.library import LibraryReport
    from scorer.services.team.status import TeamStatus

log = logging.getLogger(__name__)
RETRY_MS = 60_000  # background publishing, which respects each row's back-off


class TeamViewService(Protocol):
    """What the view needs from `scorer.services.team.desk.TeamDesk`."""

    def address(self) -> str | None: ...

    def waiting(self) -> Waiting: ...

    def status(self, limit: int | None = 500) -> TeamStatus: ...

    def publish(self, respect_backoff: bool = False) -> FlushReport: ...

    def publish_library(self) -> LibraryReport: ...

    def merge_candidate(self, candidate_email: str, target: Path) -> TeamPacket: ...


class _Relay(QObject):
    done = Signal(object, object)  # the callback, its result
    failed = Signal(str)


class TeamView(QWidget):
    message = Signal(str)

    def __init__(self, desk: TeamViewService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="team")
        self._relay = _Relay()
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._busy = 0
        self._role: Role | None = None
        self._shown = False

        self.connection = QLabel()
        self.connection.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outbox = QLabel()
        self.counts = QLabel()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {css(tones().alert)}")
        self.problem.hide()
        self.publish_button = QPushButton("Publish now")
        self.publish_button.clicked.connect(self.publish)
        self.library_button = QPushButton("Publish rubrics and trust list")
        self.library_button.setToolTip("Publish the rubric folder and the trust folder to the "
                                       "team; certificates not in the folder are retired.")
        self.library_button.clicked.connect(self.publish_library)
        self.library_button.hide()
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.merge_button = QPushButton("Build packet from team…")
        self.merge_button.setToolTip("The selected candidate's packet, from the team store's "
                                     "verified cards.")
        self.merge_button.clicked.connect(self.merge_selected)
        self.merge_button.setEnabled(False)

        self.model = TeamInterviewsModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.
                                                           ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        buttons = QHBoxLayout()
        buttons.addWidget(self.outbox)
        buttons.addStretch(1)
        for button in (self.publish_button, self.library_button, self.merge_button,
                       self.refresh_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.connection)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(RETRY_MS)
        self._timer.timeout.connect(self._publish_in_background)
        self._timer.start()
        self.show_local()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._shown and self.desk.address() is not None:
            self.refresh()
        self._shown = True

    # Local, at once

    def show_local(self) -> None:
        try:
            address = self.desk.address()
            waiting = self.desk.waiting()
        except ScorerError as exc:
            self._show_problem(exc.message)
            return
        if address is None:
            self.connection.setText("Not connected to a team store. Connect this profile "
                                    "with `scorer team connect URL`.")
            self.publish_button.setEnabled(False)
            self.refresh_button.setEnabled(False)
        else:
            who = f" as {self._role.value}" if self._role else ""
            self.connection.setText(f"Team store: {address}{who}")
            self.publish_button.setEnabled(not self._busy)
            self.refresh_button.setEnabled(not self._busy)
        line = waiting_line(waiting.cards, waiting.statuses)
        self.outbox.setText(line[0].upper() + line[1:])
        if waiting.last_error:
            self._show_problem(f"Last attempt: {waiting.last_error}")

    # Through the worker

    def refresh(self) -> None:
        self._run(lambda: self.desk.status(), self._on_status)

    def publish(self) -> None:
        self._run(lambda: self.desk.publish(), self._on_published)

    def publish_library(self) -> None:
        self._run(lambda: self.desk.publish_library(), self._on_library)

    def merge_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        item = self.model.row(rows[0].row())
        target, _ = QFileDialog.getSaveFileName(
            self, "Save the packet", default_packet_name(item.candidate_name), "PDF (*.pdf)")
        if target:
            self.merge_to(item.candidate_email, Path(target))

    def merge_to(self, candidate_email: str, target: Path) -> None:
        self._run(lambda: self.desk.merge_candidate(candidate_email, target), self._on_merged)

    def _publish_in_background(self) -> None:
        if self._busy or self.desk.address() is None:
            return
        self._run(lambda: self.desk.publish(respect_backoff=True), self._on_published)

    def _run(self, work: Callable[[], object], then: Callable[[Any], None]) -> None:
        self._busy += 1
        self.publish_button.setEnabled(False)
        self.refresh_button.setEnabled(False)

        def job() -> None:
            try:
                result = work()
            except ScorerError as exc:
                self._relay.failed.emit(exc.message)
            except Exception as exc:
                log.exception("team store action failed")
                self._relay.failed.emit(f"Unexpected error: {exc.__class__.__name__}: {exc}")
            else:
                self._relay.done.emit(then, result)

        self._pool.submit(job)

    def _on_done(self, then: Callable[[Any], None], result: object) -> None:
        self._busy -= 1
        self.problem.hide()
        then(result)
        self.show_local()

    def _on_failed(self, message: str) -> None:
        self._busy -= 1
        self.show_local()
        self._show_problem(message)

    def _show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.show()

    def _on_status(self, status: TeamStatus) -> None:
        self._role = status.member.role if status.member else None
        self.library_button.setVisible(self._role is Role.LEAD)
        counts = ", ".join(f"{n} {state.label}" for state, n in status.counts.items() if n)
        self.counts.setText(f"{status.total} interviews across the team"
                            f"{f': {counts}' if counts else ''}; {status.late} late")
        self.model.set_rows(status.interviews, status.today)

    def _on_published(self, report: FlushReport) -> None:
        if report.refused:
            self._show_problem("Refused: " + " ".join(report.refused))
        elif report.unreachable:
            self._show_problem(report.unreachable + " It is sent once the server answers.")
        if report.sent:
            self.message.emit(f"Published {report.sent} item{'s' if report.sent != 1 else ''} "
                              "to the team store.")

    def _on_library(self, report: LibraryReport) -> None:
        self.message.emit("; ".join(report.lines()))

    def _on_merged(self, result: TeamPacket) -> None:
        packet = result.packet
        note = f"; {len(result.rejected)} rejected" if result.rejected else ""
        self.message.emit(f"Packet of {packet.cards} verified cards for {packet.candidate} "
                          f"written to {packet.path}{note}.")
        if result.rejected:
            self._show_problem("Rejected from the team store: " + " ".join(result.rejected))

    def _on_selection_changed(self, *_: object) -> None:
        self.merge_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def shutdown(self) -> None:
        self._timer.stop()
        self._pool.shutdown(wait=True)

